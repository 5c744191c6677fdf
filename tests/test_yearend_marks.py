"""The year end outside the city office (t5 06): "—" means hidden and only that, and a note
says so; a county's evidence is labelled its own; the audience line is said once, in Chinese;
an empty sheet says why it is empty."""

from __future__ import annotations

from pathlib import Path

import pytest

from softenv_core.analyses.assessment import assess
from softenv_core.analyses.year_end import year_end
from softenv_core.render.year_end import render_yearend

from .demo_city import demo

_NOTE = "注：表中“—”表示数量较小或可据以推算的数已隐去"


@pytest.fixture(scope="module")
def ends():
    ds = demo()
    full = assess(ds, 2025, audience="city")
    return full, {a: year_end(ds, 2025, audience=a, assessment=full) for a in ("city", "county:379902")}


def _table(md: str, heading: str) -> list[list[str]]:
    """The rows of the first table after ``heading``, as cells."""
    part = md.split(heading, 1)[1].split("\n## ", 1)[0]
    rows = [line.strip("|").split(" | ") for line in part.splitlines() if line.startswith("| ")]
    return [[c.strip() for c in r] for r in rows[1:]]  # the header row dropped


def test_the_county_markdown_explains_its_marks_and_labels_its_evidence(ends):
    _, by = ends
    md = render_yearend(by["county:379902"])
    assert _NOTE in md.split("## 一、", 1)[0]  # at the top, before the first "—"
    # The audience line once (``阅读范围 县区 …``); the notice of the city-only parts says
    # ``本阅读范围不列`` as the other withheld parts' lines do (fix helper fc60b).
    assert "privacy.min_cell" not in md and md.count("阅读范围 ") == 1
    assert "| 题目 | 监测点数 | 县区数 | 本县区依据事项 | 已立项 |" in md
    rows = _table(md, "## 六、")
    assert rows and all(r[3] != "—" and r[4] != "—" for r in rows)  # own count (0 too), 未立项
    commendation = {r[0].split()[0]: r for r in _table(md, "## 五、")}  # "379902 东城区": by code
    assert commendation["379902"][4] != "—" and {r[4] for c, r in commendation.items() if c != "379902"} == {"—"}


def test_the_city_markdown_has_no_note_and_no_dash_for_not_opened(ends):
    _, by = ends
    md = render_yearend(by["city"])
    assert _NOTE not in md and "| 依据事项 |" in md
    assert all(r[4] != "—" for r in _table(md, "## 六、")) and "未立项" in md


def test_the_county_workbook_says_it_once_and_every_empty_sheet_says_why(ends, tmp_path: Path):
    openpyxl = pytest.importorskip("openpyxl")
    from softenv_core.render.xlsx_results import write_results_xlsx

    full, by = ends
    write_results_xlsx(full, by["county:379902"], tmp_path / "y.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "y.xlsx")
    said = [r[1] for r in wb["阅读范围"].iter_rows(min_row=2, values_only=True)]
    assert len(said) == len(set(said)) and not any("privacy.min_cell" in str(s) for s in said)
    assert any(str(s).startswith(_NOTE) for s in said)
    topics = list(wb["专项调研"].iter_rows(values_only=True))
    assert topics[0][4] == "本县区依据事项" and all("—" not in (r[4], r[5]) for r in topics[1:])
    for ws in wb.worksheets:
        assert ws.max_row >= 2, ws.title  # a header row alone says nothing
    assert next(wb["事项跟踪"].iter_rows(min_row=2, values_only=True))[0] == "无（或本阅读范围不含此表）"
