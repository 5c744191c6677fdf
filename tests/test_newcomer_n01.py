"""Newcomer n01 (a county IT officer following README.md): office.md and the workbook's 说明 sheet
said a matter recorded in 联系事项 "need not be listed again" in the county's report, yet a report
with no items must be a zero report, which section 七 then flags as a possible omission (01)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import attrs
import pytest

import softenv_core as se
from softenv_core.analyses.report_reconciliation import reason_en
from softenv_core.cli.main import main
from softenv_core.io.workbook_readme import README
from softenv_core.model.periods import Month

from .office_cli import run
from .starter_book import load_workbook
from .starter_book import put_row as _put
from .starter_book import uscc_of as _uscc

openpyxl = pytest.importorskip("openpyxl")

DOCS = Path(__file__).parents[1] / "docs"
CO = "379922"


@pytest.fixture(scope="module")
def empty(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("empty")
    assert main(["init", "--empty", str(folder / "s")]) == 0
    return folder / "s" / "软环境监测点.xlsx"


def _county(empty: Path, *, relisted: bool) -> Any:
    """白河县 (office 白河县经信局): one point, one March contact with one item; its March report
    lists that item copied (as office.md now says) or is a zero report (as it used to say)."""
    wb = load_workbook(empty)
    _put(wb["城市"], 3, {"code": "379900", "name": "示范市", "office": "市软建办", "liaison_office": "市经贸委"})
    _put(wb["县区"], 3, {"code": CO, "name": "白河县", "kind": "县", "liaison_office": "白河县经信局"})
    _put(wb["部门"], 3, {"id": "city-amr", "name": "市市场监管局"})
    _put(
        wb["监测点"],
        3,
        {
            "id": "P379922-001",
            "enterprise.name": "白河县永兴陶瓷有限公司",
            "county": CO,
            "enterprise.uscc": _uscc("91379922MA0000011"),
            "enterprise.size": "中型",
            "enterprise.ownership": "民营",
            "enterprise.sector": "工业",
            "enterprise.employees": 300,
            "level": "县区",
            "designated_by": "市确定",
            "designated_from": "2023-03-01",
            "liaison_person": "赵六",
        },
    )
    _put(
        wb["联系记录"],
        3,
        {
            "id": "C-379922-2025-03-001",
            "point": "P379922-001",
            "date": "2025-03-10",
            "method": "电话",
            "liaison": CO,
            "reached": "是",
            "made_by": "赵六",
        },
    )
    item = {"category": "收费", "text": "特种设备检验收费偏高", "department": "city-amr"}
    _put(wb["联系事项"], 3, {"@parent": "C-379922-2025-03-001", "@seq": 1, **item})
    report = {
        "id": f"R-{CO}-2025-03",
        "county": CO,
        "month": "2025-03",
        "submitted_at": "2025-04-02 16:00",
        "submitted_by": "赵六",
        "nothing_to_report": "否" if relisted else "是",
    }
    _put(wb["月报"], 3, report)
    if relisted:
        row = {"@parent": f"R-{CO}-2025-03", "@amendment": 0, "@seq": 1, **item, "point": "P379922-001"}
        _put(wb["月报事项"], 3, row)
    return wb


def _march(empty: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], *, relisted: bool) -> se.MonitoringReport:
    _county(empty, relisted=relisted).save(tmp_path / "b.xlsx")
    code, _, err = run(capsys, "import", tmp_path / "b.xlsx", "--out", tmp_path / "ds.json")
    assert code == 0, err
    ds = se.load_dataset(tmp_path / "ds.json")
    return se.monitoring_report(ds, Month(2025, 3), audience=se.CITY_OFFICE)


def test_01_a_contact_item_relisted_in_the_report_is_no_omission_and_counts_once(
    empty: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = _march(empty, tmp_path, capsys, relisted=True)
    assert report.reconciliation == ()
    assert sum(report.items_by_category.values()) == 1


def test_01_the_zero_report_flag_tells_the_county_what_to_do(
    empty: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = _march(empty, tmp_path, capsys, relisted=False)
    (flag,) = report.reconciliation
    assert "请修改该月月报，在月报事项中照抄列出这些事项" in flag.reason and "零报告写“否”" in flag.reason
    assert "amend the month's report" in reason_en(flag.reason)
    # A reason read back from older JSON, without the advice, is still put into English.
    assert reason_en(flag.reason.split("：")[0]).startswith("zero report, but")


def test_01_office_md_and_the_readme_sheet_say_to_list_the_matter_in_the_report() -> None:
    sheet = dict(README)["月报事项与联系事项"]
    office = (DOCS / "office.md").read_text(encoding="utf-8")
    for text in (sheet, office):
        assert "不必再列" not in text
        assert "只计一次" in text
    assert "仍请列入当月县区月报的月报事项" in office and "仍请列入当月 月报事项" in sheet


# --- 02. one department under two ids ------------------------------------------------------------


def test_02_two_departments_of_one_name_are_told_naming_both_ids() -> None:
    from softenv_core.io.workbook_messages import translated, zh_problem
    from softenv_core.model.divisions import Department
    from softenv_core.testing import small_dataset

    ds = small_dataset(2025)
    county = ds.counties[0].code
    extra = (
        Department("bh-amr", "市市场监管局\u200b"),  # pasted with a zero-width space; city-amr is the city's
        Department("qs-tax", "县税务局", county),
        Department("bh-tax", "县税务局", ds.counties[1].code),  # another county's: not the same department
    )
    ds = attrs.evolve(ds, departments=(*ds.departments, *extra))
    told = [w for w in se.dataset_warnings(ds) if "is also the name of" in w]
    assert len(told) == 1, told
    (warning,) = told
    assert "(city-amr)" in warning and "bh-amr" in warning and "city-level (市直)" in warning
    assert translated(warning.split(": ", 1)[1])
    zh = zh_problem(warning)
    assert "部门名称“市市场监管局\\u200b”" in zh and "bh-amr" in zh and "city-amr" in zh
    assert "市软建办给出的部门编号" in zh


def test_02_the_workbook_import_tells_it_at_the_name_cell(
    empty: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    wb = _county(empty, relisted=True)
    _put(wb["部门"], 4, {"id": "bh-amr", "name": "市市场监管局"})
    wb.save(tmp_path / "b.xlsx")
    code, _, err = run(capsys, "import", tmp_path / "b.xlsx", "--out", tmp_path / "ds.json")
    assert code == 0, err
    assert "部门!B4 (bh-amr 名称): 部门名称“市市场监管局”与 部门!A3（city-amr）相同，且同为市直部门" in err


# --- 04. the office extra's message -------------------------------------------------------------


@pytest.mark.parametrize("blocked", ["xlsxwriter", "openpyxl", "docx"])
def test_04_without_the_office_extra_the_clerk_is_told_in_chinese_how_to_install_it_from_this_project(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, blocked: str
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, blocked, None)  # as if the extra were not installed
    example = Path(__file__).parents[1] / "examples" / "small-dataset.json"
    args = {
        "xlsxwriter": ["init", tmp_path / "wb"],
        "openpyxl": ["yearend", example, "--year", "2025", "--format", "xlsx", "--out", tmp_path / "y.xlsx"],
        "docx": ["report", example, "--month", "2025-03", "--format", "docx", "--out", tmp_path / "r.docx"],
    }[blocked]
    code, _, err = run(capsys, *args)
    assert code != 0
    assert "没有安装 office 组件" in err and "uv sync --extra office" in err
    assert "softenv-core[office]" not in err and "the office extra" not in err


def test_04_the_docs_install_the_office_extra_from_this_project_never_by_name() -> None:
    readme = (DOCS.parent / "README.md").read_text(encoding="utf-8")
    for text in (readme, (DOCS / "office.md").read_text(encoding="utf-8")):
        assert '"softenv-core[office]"' not in text
        assert "uv sync --extra office" in text


# --- 06. terms ----------------------------------------------------------------------------------


def test_06_the_zero_report_flag_names_the_office_as_recorded(
    empty: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (flag,) = _march(empty, tmp_path, capsys, relisted=False).reconciliation
    assert flag.reason.startswith("零报告，但白河县经信局本月联系该监测点时记录了事项1项：")
    assert "该县区经贸委" not in flag.reason
    assert reason_en(flag.reason).startswith("zero report, but the county's liaison office recorded 1 item(s)")


def test_06_the_county_score_has_one_name_in_every_output() -> None:
    from softenv_core.render.assessment import county_rows

    headers, _ = county_rows(
        se.assess(se.load_dataset(DOCS.parent / "examples" / "small-dataset.json"), 2025, audience=se.CITY_OFFICE)
    )
    assert "合规得分" in headers and "零报告得分" not in headers
    for page in ("office.md", "glossary.md"):
        text = (DOCS / page).read_text(encoding="utf-8")
        assert "合规得分" in text and "零报告得分" not in text


def test_06_office_md_calls_the_citys_report_jiance_baogao() -> None:
    office = (DOCS / "office.md").read_text(encoding="utf-8")
    for other in ("月报告", "月度报告", "与月报同样写名称", "月报的 Word 版", "生成的月报"):
        assert other not in office, other


# --- 03, 05, 07. the county's path, how it is assessed, small mismatches -----------------------------


def test_03_05_office_md_tells_a_county_its_path_and_how_it_is_assessed() -> None:
    office = (DOCS / "office.md").read_text(encoding="utf-8")
    county = office.split("## 县区经贸委：从本县区的工作簿到市里")[1].split("\n## ")[0]
    for said in ("县区填哪些表", "每月怎样报到市里", "月报!报送时间", "县区的月报没有 Word 版", "--audience county:"):
        assert said in county, said
    assert "softenv explain 数据集.json --year 2025 --county" in county and "迟报不超过 3 个工作日 50 分" in county


def test_07_the_small_doc_mismatches() -> None:
    readme = (DOCS.parent / "README.md").read_text(encoding="utf-8")
    assert "(docs/quickstart.md)" in readme and "(docs/programme.md)" in readme
    quick = (DOCS / "quickstart.md").read_text(encoding="utf-8")
    assert "summary.txt, reports/, yearend.json, yearend.md" in quick
    office = (DOCS / "office.md").read_text(encoding="utf-8")
    assert "`uv run softenv init 示范区2025`" in office and "二选一" in office
    first = office.split("## 1. 建立工作簿")[1].split("\n## ")[0]
    blocks = first.split("```sh")[1:3]
    assert "--empty" not in blocks[0] and "--empty" in blocks[1]
