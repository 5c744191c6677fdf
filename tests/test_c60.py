"""Clerk c60: a county's year end typed into the starter workbook (tests/data/county-yearend-clerk-c60.json
is the import of that workbook: county 379902 示范区, 20 县区 points + one 市直 point located in it,
P379902-005 removed 2025-07-01, P379902-022 added 2025-08-15, P379902-010 removed 2026-01-01, a
department's suggestion to remove P379902-012, a waiver decided by the county's own office,
five nominations submitted 2026-01-10)."""

from __future__ import annotations

import io
import json
from contextlib import redirect_stderr
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

import softenv_core as se
from softenv_core.analyses.audiences import Audience

DATA = Path(__file__).parent / "data" / "county-yearend-clerk-c60.json"
AS_OF = datetime(2026, 1, 12, tzinfo=timezone(timedelta(hours=8)))
COUNTY = Audience.parse("county:379902")


def _text() -> str:
    return DATA.read_text(encoding="utf-8")


def _dataset() -> se.Dataset:
    return se.loads_dataset(_text())


def test_01_a_point_nominated_twice_by_its_county_is_refused_when_the_dataset_is_checked():
    """A clerk pasted P379902-001 into two 推荐 rows. import and validate said the dataset was
    valid (exit 0, 有效), then every year end of 2025, the city's and the county's, at any
    instant, was refused with an English message (`… is nominated again for 2025 …`) under a
    Chinese header. docs/yearend.md: such a dataset "is wrong at any instant"; it must be named
    when the dataset is checked (import by its cell), as two decisions on one nomination the
    same day are."""
    doc = json.loads(_text())
    doc["nominations"][1]["point"] = "P379902-001"
    with pytest.raises(se.InputError) as info:
        se.loads_dataset(json.dumps(doc, ensure_ascii=False))
    assert any("N-2025-379902-2" in p for p in info.value.problems)


def test_02_a_county_reads_the_departments_suggestion_to_remove_its_own_point():
    """privacy.md's table: adjustment proposals, a county reads its county-level points'; office.md
    §6: 调整建议 (来源 … 有关部门建议), 县区只见本县区的调整建议. The city's year end proposes removing
    P379902-012 (市市场监管局's suggestion); the county's year end and workbook leave it out without
    saying anything is withheld."""
    y = se.year_end(_dataset(), 2025, audience=COUNTY, as_of=AS_OF)
    assert [p.point for p in y.suggested_removals] == ["P379902-012"]


def test_03_the_waiver_notice_lists_the_city_offices_with_the_chinese_enumeration_comma():
    """The county workbook's 阅读范围 sheet (assess --format xlsx) reads
    `不是市级单位（市软建办, 市经贸委, 示范市经贸委, 示范市软建办）决定`: a list in a Chinese sentence is
    joined by 、 (office.md §6 阅读范围; GB/T 15834)."""
    from softenv_core.render.notices import zh_notice

    a = se.assess(_dataset(), 2025, audience=COUNTY, as_of=AS_OF)
    (line,) = [zh_notice(n) for n in a.notices if "W-2025-001" in n]
    assert "豁免 W-2025-001" in line
    assert ", " not in line and "、" in line


def test_04_the_countys_own_nomination_of_a_city_level_point_is_not_masked_beside_its_id():
    """Section 五 for the county: `P379902-021：\\[监测点\\] 为市直监测点…` (Word and workbook
    `P379902-021：[监测点] 为市直监测点…`): the id the clerk typed heads the entry, then is masked
    in its own reason; an official reads it as a garbled sentence."""
    y = se.year_end(_dataset(), 2025, audience=COUNTY, as_of=AS_OF)
    text = se.render_yearend(y)
    (line,) = [ln for ln in text.splitlines() if "为市直监测点" in ln]
    assert "[监测点]" not in line.replace("\\[", "[").replace("\\]", "]")


def test_05_a_nomination_for_a_year_not_yet_over_when_submitted_is_warned_of():
    """The clerk typed 年度 2026 (the year of the 推荐时间 2026-01-10) for the county's nomination of
    2025's best point: import and validate are silent, 2025's year end counts 4 nominations,
    not 5, and names none as left out; the 2026 year end will count it against 2026's quota.
    A nomination submitted before its year ended is the year typed wrong, as a 万人评议 round
    closed before its year (data-format.md) is: it should at least be warned of."""
    from softenv_core.io.dataset_warnings import dataset_warnings

    doc = json.loads(_text())
    doc["nominations"][0]["year"] = 2026
    ds = se.loads_dataset(json.dumps(doc, ensure_ascii=False))
    assert any("N-2025-379902-1" in w for w in dataset_warnings(ds))


def test_06_yearend_doc_says_what_the_word_year_end_prints_under_sections_3_and_5(tmp_path):
    """docs/yearend.md: `Section 三 likewise lists the parameters … the Word year end does not print
    either yet`; the Word year end prints both (参数：建议撤销的连续未联系上月数 …, 参数：表彰推荐名额占…)."""
    docx = pytest.importorskip("docx")
    y = se.year_end(_dataset(), 2025, audience=COUNTY, as_of=AS_OF)
    out = tmp_path / "ye.docx"
    se.write_yearend_docx(y, out)
    body = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    printed = "参数：表彰推荐名额占在册县区监测点的比例" in body and "参数：建议撤销的连续未联系上月数" in body
    doc = (Path(__file__).parents[1] / "docs" / "yearend.md").read_text(encoding="utf-8")
    says_not = "the Word year end does not print either yet" in doc.replace("\n", " ").replace("  ", " ")
    assert not (printed and says_not)


def test_07_a_county_code_typed_as_the_suggesting_department_is_not_told_to_be_added_as_a_department(tmp_path):
    """调整建议's 建议部门编号 typed with the county's code 379902: the import says
    `未知的部门 '379902'：部门 表中没有这个部门；是第一次涉及的部门，请在 部门 工作表补一行…`. Done as told,
    the county becomes a department `379902`. A county's name in a county-code cell is told the code
    (office.md §2); a county's code in a department cell should be told it is a county's code."""
    openpyxl = pytest.importorskip("openpyxl")
    from softenv_core.cli.main import main

    src = tmp_path / "ds.json"
    src.write_text(_text(), encoding="utf-8")
    book = tmp_path / "全市.xlsx"
    with redirect_stderr(io.StringIO()):
        assert main(["export", str(src), "--out", str(book)]) == 0
    wb = openpyxl.load_workbook(book)
    ws = wb["调整建议"]
    fields = [c.value for c in ws[2]]
    ws.cell(3, fields.index("department") + 1).value = "379902"
    wb.save(book)
    err = io.StringIO()
    with redirect_stderr(err):
        rc = main(["import", str(book), "--out", str(tmp_path / "out.json")])
    message = err.getvalue()
    assert rc == 1 and "调整建议!B3" in message
    assert "请在 部门 工作表补一行" not in message and "县区" in message.split("调整建议!B3", 1)[1].split("\n", 1)[0]


def test_07_a_county_code_in_a_complaints_department_cell_names_the_countys_departments(tmp_path):
    """(fc60) The same hint in any department-id cell: a complaint's 被反映部门编号 holding a county's
    code is told the county's departments, and not the 调整建议-only remark on 名册调整."""
    openpyxl = pytest.importorskip("openpyxl")
    from softenv_core.io.workbook_read import read_workbooks
    from softenv_core.io.workbook_write import write_workbook

    from .demo_city import demo

    book = tmp_path / "d.xlsx"
    write_workbook(demo(), book)
    wb = openpyxl.load_workbook(book)
    ws = wb["直接反馈"]
    fields = [c.value for c in ws[2]]
    ws.cell(3, fields.index("department") + 1).value = "379902"
    wb.save(book)
    with pytest.raises(se.InputError) as info:
        read_workbooks([book])
    (problem,) = [p for p in info.value.problems if "直接反馈!" in p]
    assert "这是县区 东城区 的代码" in problem and "379902-amr（东城区市场监管局）" in problem
    assert "请在 部门 工作表补一行" not in problem and "名册调整" not in problem
