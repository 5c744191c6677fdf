"""A county clerk's findings (clerk c41): the Chinese of the checks in full-width punctuation,
written where it is made; a county named by its name in ``--audience county:``; an empty
starter workbook (``softenv init --empty``); the 确定日期 hint saying what a clerk starting
mid-year is to do."""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import pytest

from softenv_core.io.dataset_files import dataset_json
from softenv_core.io.workbook_starter import starter_dataset
from softenv_core.model.divisions import County, CountyKind

from .office_cli import run

openpyxl = pytest.importorskip("openpyxl")


def _write(tmp_path: Path, doc: dict[str, object], name: str = "d.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def _starter_doc() -> dict[str, object]:
    doc: dict[str, object] = json.loads(dataset_json(starter_dataset()))
    return doc


# --- 1. full-width punctuation where the Chinese is made -----------------------------------


def test_a_checks_chinese_is_full_width_and_its_english_half_width(tmp_path, capsys):
    """Before: `长度错误:应为 18 位,现为 3 位`; the English stays as it was."""
    doc = _starter_doc()
    doc["points"][0]["enterprise"]["uscc"] = "913"  # type: ignore[index]
    path = _write(tmp_path, doc)
    code, _, err = run(capsys, "validate", path)
    assert code == 1 and "enterprise.uscc: 长度错误：应为 18 位，现为 3 位" in err, err
    code, _, err = run(capsys, "validate", path, "--lang", "en")
    assert code == 1 and "长度" not in err and "，" not in err and "：" not in err.replace("softenv:", "")


def test_a_workbook_cells_problem_is_full_width(starter, tmp_path, capsys):
    """Before: `不是有效日期 '5月3日'(可写 2025-03-05、2025/3/5 或 2025年3月5日)`."""
    wb = openpyxl.load_workbook(starter / "软环境监测点.xlsx")
    wb["联系记录"]["C3"] = "5月3日"
    book = tmp_path / "b.xlsx"
    wb.save(book)
    code, _, err = run(capsys, "import", book, "--out", tmp_path / "d.json")
    assert code == 1
    assert "不是有效日期 '5月3日'（可写 2025-03-05、2025/3/5 或 2025年3月5日）" in err, err
    assert "联系记录!C3 (C-2025-03-001 日期): " in err  # the place before the problem as it was


def test_the_cli_s_own_usage_errors_are_full_width(tmp_path, capsys):
    path = _write(tmp_path, _starter_doc())
    code, _, err = run(capsys, "assess", path, "--year", "2025", "--as-of", "2026-01-06")
    assert code == 1 and "缺少时区，请写成 2026-01-06T00:00:00+08:00（+08:00 即北京时间）" in err, err
    code, _, err = run(capsys, "report", path, "--month", "2025-03", "--format", "docx")
    assert code == 2 and "要写成文件，请用 --out 给出文件名，例如 --out" in err, err


def test_the_example_plugins_reference_is_full_width(capsys):
    """青山县's deadline rule (plugins/softenv-county-qingshan): before, `第五条: 每月3日前…, 遇…`."""
    code, out, _ = run(capsys, "deadline", "--month", "2025-03", "--county", "379921")
    if "qingshan" not in out:
        pytest.skip("the qingshan example plugin is not installed")
    assert code == 0 and "第五条：每月3日前报送上月情况，遇非工作日顺延" in out, out


def test_record_text_quoted_in_a_problem_is_shown_as_typed(tmp_path, capsys):
    """A problem quoting what the clerk typed keeps its half-width marks: only the library's
    words around it are full-width."""
    doc = _starter_doc()
    doc["points"][0]["enterprise"]["size"] = "中,型"  # type: ignore[index]
    path = _write(tmp_path, doc)
    code, _, err = run(capsys, "validate", path)
    assert code == 1 and "'中,型'" in err and "不是允许的值（可选：" in err, err


# --- 2. a county's name where its code is expected ------------------------------------------


def _two_counties(tmp_path: Path, second_name: str) -> tuple[Path, County]:
    ds = starter_dataset()
    other = County("379903", second_name, CountyKind.COUNTY, f"{second_name}经贸委")
    ds = attrs.evolve(ds, counties=(*ds.counties, other))
    path = tmp_path / "d.json"
    path.write_text(dataset_json(ds), encoding="utf-8")
    return path, ds.counties[0]


def test_an_audience_may_name_the_county_by_its_name(tmp_path, capsys):
    path, county = _two_counties(tmp_path, "青山县")
    code, by_name, err = run(capsys, "report", path, "--month", "2025-03", "--audience", f"county:{county.name}")
    assert code == 0, err
    _, by_code, _ = run(capsys, "report", path, "--month", "2025-03", "--audience", f"county:{county.code}")
    assert by_name == by_code
    code, _, err = run(capsys, "report", path, "--month", "2025-03", "--audience", "county:青山县", "--out", "-")
    assert code == 0, err


def test_an_unknown_county_name_lists_the_nearest_names(tmp_path, capsys):
    path, county = _two_counties(tmp_path, "青山县")
    code, _, err = run(capsys, "assess", path, "--year", "2025", "--audience", "county:青山")
    assert code == 1 and "数据集中没有名为 '青山' 的县区；最接近的：379903（青山县）" in err, err
    assert f"县区代码：{county.code} {county.name}、379903 青山县" in err
    code, _, err = run(capsys, "assess", path, "--year", "2025", "--audience", "county:青山", "--lang", "en")
    assert code == 1 and "no county named '青山' in the dataset; nearest: 379903 (青山县)" in err, err


def test_a_name_two_counties_share_is_refused_with_both_codes(tmp_path, capsys):
    path, county = _two_counties(tmp_path, starter_dataset().counties[0].name)
    code, _, err = run(capsys, "assess", path, "--year", "2025", "--audience", f"county:{county.name}")
    assert code == 1 and f"数据集中有 2 个县区名为 '{county.name}'：{county.code}（" in err, err
    assert "、379903（" in err and "请写代码" in err


# --- 3. the empty starter ------------------------------------------------------------------


def test_init_empty_writes_no_example_row(tmp_path, capsys):
    code, _, err = run(capsys, "init", tmp_path, "--empty")
    assert code == 0 and "空白工作簿" in err, err
    wb = openpyxl.load_workbook(tmp_path / "软环境监测点.xlsx")
    for ws in wb.worksheets:
        if ws.title not in ("说明", "选项"):
            assert ws.max_row <= 2, ws.title  # the header and the hidden field row only
    readme = "\n".join(str(c.value) for row in wb["说明"].iter_rows() for c in row if c.value)
    assert "本工作簿没有示例行" in readme and "确定日期" in readme
    # the drop-downs are there for the rows the clerk fills
    assert wb["监测点"].data_validations.dataValidation
    code, _, err = run(capsys, "import", tmp_path / "软环境监测点.xlsx", "--out", tmp_path / "d.json")
    assert code == 1 and "缺少城市记录：请在 城市 工作表填写本市代码和名称" in err, err


def test_the_starter_with_examples_names_the_empty_one(tmp_path, capsys):
    code, _, err = run(capsys, "init", tmp_path)
    assert code == 0 and "不要示例用 softenv init --empty" in err, err
    code, _, err = run(capsys, "import", tmp_path / "软环境监测点.xlsx", "--out", tmp_path / "d.json")
    assert code == 0 and "softenv init --empty 新建空白工作簿" in err, err


# --- 4. the 确定日期 hint for a clerk starting in July --------------------------------------


def test_the_designation_day_hint_says_what_to_write(tmp_path, capsys):
    """Before: `…没有名册调整（增设）记录：这是未记录的名册调整，无法核对其备案和调整期；请补录名册调整`,
    read by a clerk who started in July as "add a roster change" for each point she entered, where
    most had been designated before: the date she was to write was the designation's."""
    doc = _starter_doc()
    for name in ("roster_changes", "filings", "nominations", "decisions"):
        doc[name] = []
    doc["points"][0]["designated_from"] = "2025-03-15"  # type: ignore[index]
    path = _write(tmp_path, doc)
    code, out, err = run(capsys, "validate", path)
    assert code == 0
    hint = next(line for line in (out + err).splitlines() if "designated_from" in line)
    assert "确定日期是该企业被确定为监测点的日期（见确定文件），不是开始记录的日期" in hint, hint
    assert "早已是监测点的，请写当初确定的日期" in hint
    assert "请在名册调整中补录这次增设（调整：增设，生效日期 2025-03-15）" in hint
    code, out, err = run(capsys, "validate", path, "--lang", "en")
    assert "not the day its records begin" in out + err and "effective 2025-03-15" in out + err
