"""A county clerk's half year (clerk c49): her county's points, contacts (one not reached, an item
with a department), monthly reports (a zero report, a late one, an amended one), a point removed
mid-year and a point moved in from another county, imported from the starter workbook.

What misled her: a report's item naming the moved point's old record was told in English (the
warning came with auditor a53 and had no Chinese), without the id to write; and a moved point
dated from its first designation, as office.md 第 1 节 asks for a point designated long ago, was
told its credit code overlaps the old record's, asking whether the code was pasted wrongly.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from softenv_core.io.workbook_messages import zh_message

from .office_cli import run


def _moved_in(starter: Path, tmp_path: Path, *, old_until: str | None) -> Path:
    """The starter's example data with the example point's enterprise also recorded as a point
    of 379903 (the record it had there before moving in), and March's report naming that record."""
    data = json.loads((starter / "示例数据.json").read_text(encoding="utf-8"))
    data["counties"].append(dict(data["counties"][0], code="379903", name="西城区", liaison_office="西城区经贸委"))
    old = dict(data["points"][0], id="P379903-007", county="379903", former_liaison_persons=[], liaison_person="王五")
    data["points"].append(dict(old, designated_from="2023-01-01", designated_until=old_until))
    report = data["reports"][0]
    report["items"][0]["point"] = "P379903-007"
    for amendment in report.get("amendments", ())[-1:]:  # the version that counts (DESIGN "Zero report")
        amendment["items"][0]["point"] = "P379903-007"
    path = tmp_path / "d.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def _imported_with(starter, tmp_path, capsys, sheet, field, value):  # type: ignore[no-untyped-def]
    """The starter workbook imported with ``value`` typed in ``sheet``'s first record row, column ``field``."""
    from .starter_book import load_workbook

    wb = load_workbook(starter / "软环境监测点.xlsx")
    ws = wb[sheet]
    fields = [c.value for c in ws[2]]
    ws.cell(3, fields.index(field) + 1, value)
    book = tmp_path / "b.xlsx"
    wb.save(book)
    return run(capsys, "import", book, "--out", tmp_path / "d.json")


def test_an_item_naming_the_moved_points_old_record_is_told_in_chinese_with_the_id_to_write(starter, tmp_path, capsys):
    """It read `P379903-007 is a point of county 379903, not of the reporting county 379902: it
    clears no flag of that point's record`, in English among Chinese lines, and named no id."""
    data = _moved_in(starter, tmp_path, old_until="2024-12-31")
    code, out, err = run(capsys, "validate", data)
    assert code == 0, err
    line = next(x for x in (out + err).splitlines() if "items[0].point" in x)
    assert "clears no flag" not in line, line
    assert "P379903-007 是县区 379903 的监测点，不是报送月报的县区 379902 的" in line, line
    assert "该企业 2025-03 在本县区的监测点编号是 P379902-001，请写 P379902-001" in line, line


def test_the_english_warning_names_the_record_meant(starter, tmp_path, capsys):
    data = _moved_in(starter, tmp_path, old_until="2024-12-31")
    _, out, err = run(capsys, "validate", data, "--lang", "en")
    assert "(the enterprise's record of 379902 in 2025-03 is P379902-001)" in out + err


@pytest.mark.parametrize(
    ("english", "chinese"),
    [
        (
            "P-5 is not designated in 2025-03 (2025-05-01 to now): it clears no flag of that point's record",
            "监测点 P-5 在 2025-03 不在册（在册期间 2025-05-01 至今）",
        ),
        (
            "P-9 is a point of county 379903, not of the reporting county 379902: it clears no flag of that "
            "point's record",
            # The report's 县区代码 typed with the neighbour's is named as a cause too (left by clerk c62).
            "如该企业已迁入本县区，请写其在本县区的新编号；"
            "否则请核对监测点编号，以及月报的县区代码（该月报是否应为县区 379903 的）",
        ),
        (
            "P-5 is not designated in 2025-03 (2025-05-01 to 2025-12-31): it clears no flag of that point's record",
            "否则请核对监测点编号和所报月份",
        ),
        (
            "21 more item(s) naming a point of another county or outside its designation",
            "另有 21 项月报事项所写的监测点属于其他县区或当月不在册",
        ),
    ],
)
def test_each_warning_on_a_reports_item_point_is_said_in_chinese(english, chinese):
    assert chinese in zh_message(english)


def test_a_moved_point_dated_from_its_first_designation_is_told_how_to_date_it(starter, tmp_path, capsys):
    """The moved point's 确定日期 written as its first designation (office.md 第 1 节: 早已是监测点的，
    写当初确定的日期) overlapped the old record: the clerk was asked whether the credit code was
    pasted wrongly, and shown the spans as `2023-01-01–…`."""
    data = _moved_in(starter, tmp_path, old_until=None)
    code, _, err = run(capsys, "validate", data)
    assert code == 1
    line = next(x for x in err.splitlines() if "统一社会信用代码" in x)
    assert "其确定期间 2025-01-01 至今 与本监测点的 2023-01-01 至今 重叠" in line, line
    assert "新记录的确定日期写迁入之日（名册调整中增设的生效日期），原记录的截止日期写其前一天" in line, line


def test_a_department_no_sheet_holds_is_told_to_add_its_row(starter, tmp_path, capsys):
    """July's matter was about 市自然资源局, a department not yet on the 部门 sheet: the import said
    `未知的部门 '市自然资源局'` and nothing of where a department is entered."""
    code, _, err = _imported_with(starter, tmp_path, capsys, "联系事项", "department", "市自然资源局")
    assert code == 1
    line = next(x for x in err.splitlines() if "联系事项!E3" in x)
    assert "未知的部门 '市自然资源局'：部门 表中没有这个部门" in line, line
    assert "请在 部门 工作表补一行（部门编号、名称" in line, line


@pytest.mark.parametrize(
    ("notice", "said"),
    [
        (
            "no appraisal round recorded for 2025-H1, 2025-H2: ratings scored on recorded rounds only",
            "2025-H1、2025-H2 没有万人评议轮次的记录",
        ),
        (
            "open: no report known at as_of, but one submitted by the times given counts as late: 379902 2025-12 "
            "(until 2026-01-08T23:59:59+08:00), 379903 2025-12 (until 2026-01-08T23:59:59+08:00); re-assess "
            "after it for the month's final status",
            "示范区（379902）2025-12（2026-01-08 23:59 前）、西城区（379903）2025-12（2026-01-08 23:59 前）；",
        ),
    ],
)
def test_a_notices_list_is_joined_with_the_chinese_list_comma(notice, said):
    """The assessment's 阅读范围 sheet and text summary read `2025-H1, 2025-H2 没有万人评议轮次的记录`
    and `…（2026-01-08 23:59 前）, 西城区…`: an English comma among full-width punctuation."""
    from softenv_core.render.notices import zh_notice

    assert said in zh_notice(notice, {"379902": "示范区", "379903": "西城区"})


def test_a_month_late_beyond_the_grace_says_why_it_scored_nothing(starter, tmp_path, capsys):
    """`softenv explain --county` showed April `迟报 4个工作日 … 0.00` under `compliance.late_score =
    50`: the clerk read a wrong figure. A late month past `compliance.late_grace_workdays` (3) says so."""
    data = json.loads((starter / "示例数据.json").read_text(encoding="utf-8"))
    data["reports"][0]["submitted_at"] = "2025-04-14T09:00:00+08:00"  # due 04-07: late 5 working days
    data["reports"][0]["amendments"] = []
    path = tmp_path / "d.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, out, err = run(capsys, "explain", path, "--year", "2025", "--county", "379902")
    assert code == 0, err
    line = next(x for x in out.splitlines() if x.startswith("2025-03"))
    assert "迟报 5个工作日" in line and "0.00（迟报超过3个工作日，不得分）" in line, line
    line = next(x for x in out.splitlines() if x.startswith("2025-04"))
    assert "不得分" not in line, line


def test_a_roster_change_by_the_county_of_a_city_point_names_the_column_and_the_choices(starter, tmp_path, capsys):
    """The hint at 名册调整's 调整方 cell read `调整主体为县区，但监测点 … 的确定方式为市 … 把调整主体改为市（city）`:
    neither 调整主体 nor 市 as a 确定方式 is on her sheet (the column is 调整方, the choice 市确定)."""
    code, _, err = _imported_with(starter, tmp_path, capsys, "名册调整", "by", "县区")
    assert code == 0, err
    line = next(x for x in err.splitlines() if "名册调整!F3" in x)
    assert "调整方为县区，但监测点 P379902-001 的确定方式为市确定（监测点!M3）" in line, line
    assert "把调整方改为“市”（city）" in line and "调整主体" not in line, line
