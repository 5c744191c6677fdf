"""The office commands' usage errors in the clerk's language (t5 07): a county named instead of
its code, an unknown county, ``--as-of`` without an offset or too early, a docx without
``--out``, the provisional line; in English under ``--lang en``."""

from __future__ import annotations

import pytest

from softenv_core.io.dataset_files import dataset_json
from softenv_core.io.workbook_starter import starter_dataset

from .office_cli import run


@pytest.fixture
def data(tmp_path):
    path = tmp_path / "d.json"
    path.write_text(dataset_json(starter_dataset()), encoding="utf-8")
    county = starter_dataset().counties[0]
    return path, county


def test_a_county_named_by_its_name_is_told_its_code(data, capsys):
    path, county = data
    # county:示范区 is accepted since clerk c41 (tests/test_clerk_c41.py); the name alone is not
    # an audience (a county, a department or a point?) and is still told its code.
    for given in (county.name,):
        code, _, err = run(capsys, "yearend", path, "--year", "2025", "--audience", given)
        assert code == 1, err
        assert f"阅读范围 '{given}' 的写法不对" in err
        assert f"{county.name} 的代码是 {county.code}，请写 --audience county:{county.code}" in err
        assert f"县区代码：{county.code} {county.name}" in err
    code, _, err = run(capsys, "report", path, "--month", "2025-03", "--audience", county.name, "--lang", "en")
    assert code == 1 and f"{county.name} is county:{county.code}" in err and "阅读范围" not in err


def test_an_unknown_county_lists_the_codes(data, capsys):
    path, county = data
    code, _, err = run(capsys, "assess", path, "--year", "2025", "--audience", "county:379999")
    assert code == 1 and f"数据集中没有县区 379999（县区代码：{county.code} {county.name}）" in err, err
    code, _, err = run(capsys, "assess", path, "--year", "2025", "--audience", "county:379999", "--lang", "en")
    assert "no such county in the dataset (county codes:" in err


def test_as_of_without_an_offset_or_too_early(data, capsys):
    path, county = data
    code, _, err = run(capsys, "yearend", path, "--year", "2025", "--as-of", "2026-01-06")
    assert code == 1 and "--as-of '2026-01-06' 缺少时区，请写成 2026-01-06T00:00:00+08:00" in err, err
    code, _, err = run(capsys, "yearend", path, "--year", "2025", "--as-of", "2026-01-06", "--lang", "en")
    assert "has no UTC offset: add one, e.g. 2026-01-06T00:00:00+08:00" in err
    early = ("--as-of", "2025-06-01T00:00:00+08:00", "--audience", f"county:{county.code}")
    code, _, err = run(capsys, "yearend", path, "--year", "2025", *early)
    assert code == 1 and "--as-of 2025-06-01 00:00 太早：阅读范围 县区 " in err and "2025 年度考核" in err, err


def test_a_docx_without_out_and_the_provisional_line(data, capsys):
    path, _ = data
    code, _, err = run(capsys, "report", path, "--month", "2025-03", "--format", "docx")
    assert code == 2 and "--format docx 要写成文件，请用 --out 给出文件名" in err, err
    code, _, err = run(capsys, "report", path, "--month", "2025-03", "--format", "docx", "--lang", "en")
    assert "writes a file: give --out FILE" in err
    args = ("report", path, "--month", "2035-03", "--provisional")
    code, _, err = run(capsys, *args)
    assert code == 0 and "! 暂定：部分工作日（截止日、迟报或超期天数）按仅双休日的日历计算" in err, err
    code, _, err = run(capsys, *args, "--lang", "en")
    assert "! provisional: some working days (deadlines" in err


def test_full_width_digits_read_alike_for_year_and_month_at_the_terminal(capsys):
    """Platform t8 07: --year ２０２５ was taken and --month ２０２５-０３ refused; both are read
    (NFKC), other scripts' digits refused for both; an empty --point is a usage error."""
    from softenv_core.cli.main import main

    assert main(["deadline", "--month", "２０２５-０３"]) == 0
    assert "2025-03" in capsys.readouterr().out
    with pytest.raises(SystemExit) as out:
        main(["plugins", "--year", "٢٠٢٥"])
    assert out.value.code == 2
    with pytest.raises(SystemExit) as out:
        main(["explain", "x.json", "--year", "2025", "--point", ""])
    assert out.value.code == 2 and "监测点编号不能为空" in capsys.readouterr().err


def test_deadline_refuses_a_county_in_chinese_by_default(tmp_path, capsys):
    """``softenv deadline --county`` refused an unknown county in English whatever ``--lang`` said
    (integrator i38): with the dataset, a code it lacks; without it, a code that is no county's."""
    from softenv_core.cli.main import main

    from .demo_city import demo_json

    data = tmp_path / "d.json"
    data.write_text(demo_json(), encoding="utf-8")
    assert main(["deadline", "--month", "2025-03", "--county", "379999", "--dataset", str(data)]) == 1
    err = capsys.readouterr().err
    assert f"--county：数据集 {data} 中没有县区 379999" in err, err
    assert main(["deadline", "--month", "2025-03", "--county", "999999"]) == 1
    err = capsys.readouterr().err
    assert "--county：未知的县区 999999：不是县级的 GB/T 2260 代码（加 --dataset FILE 可按本市的县区核对）" in err, err
    assert main(["deadline", "--month", "2025-03", "--county", "379999", "--dataset", str(data), "--lang", "en"]) == 1
    assert f"--county: no county 379999 in {data}" in capsys.readouterr().err
