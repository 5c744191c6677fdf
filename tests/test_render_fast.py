"""The monitoring report's fast rendering paths give what the straightforward ones give.

The references are the code as it was: every cell through md_cell, and a complaint's row
built label by label (no per-report look-up tables).
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from softenv_core import CITY_OFFICE, Month, get_plugin_manager
from softenv_core.analyses.monitoring_report import ComplaintRow, monitoring_reports
from softenv_core.model.complaints import ComplaintKind
from softenv_core.render.escape import _MD_BLOCK_START, md_cell, md_inline
from softenv_core.render.monitoring_sections import _complaint_cells
from softenv_core.render.report_format import _PENDING_EN, PENDING_ZH, _cat, _Doc, _md_row, _md_table, beijing
from softenv_core.testing import datasets

from .weights import HEAVY

# Markdown specials, line breaks of every kind, controls, bidi and zero-width characters,
# spaces (ordinary, ideographic), digits and CJK: what a record's text may carry.
_TRICKY = st.text(
    alphabet=st.sampled_from(
        list("ab1 .)#>-+=*\\`_[]<>&|~\n\r\t\x0b\x0c\x1c\x85\u2028\u2029\x1b\x00\u202e\u200b\u3000中文")
    )
)
_CELLS = st.lists(st.one_of(_TRICKY, st.text(), st.integers(), st.none()), max_size=8)


def _reference_row(cells: list[object]) -> str:
    return "| " + " | ".join(md_cell(v) for v in cells) + " |"


@given(_CELLS)
def test_a_row_is_each_cell_escaped(cells):
    assert _md_row(cells) == _reference_row(cells)


@given(st.lists(_CELLS, max_size=4), _CELLS)
def test_a_table_is_each_cell_escaped(rows, headers):
    expected = [_reference_row(headers), "|" + "---|" * len(headers)] + [_reference_row(r) for r in rows]
    assert _md_table(headers, rows) == "\n".join(expected)


def test_a_row_with_markup_or_breaks_is_escaped():
    assert _md_row(["a|b", "x\ny", 3, "ok"]) == "| a\\|b | x y | 3 | ok |"
    assert _md_row(["\x1b[31m", "*"]) == "| \\\\x1b\\[31m | \\* |"


def _reference_inline(text: object) -> str:
    out = md_cell(text).lstrip()
    match = _MD_BLOCK_START.match(out)
    if match:
        mark = match.group(1)
        escaped = mark[:-1] + "\\" + mark[-1] if mark[0].isdigit() else "\\" + mark
        out = escaped + out[match.end() :]
    return out


@given(st.one_of(_TRICKY, st.text(), st.integers()))
def test_inline_text_is_escaped_as_before(text):
    assert md_inline(text) == _reference_inline(text)


def test_inline_text_starting_a_block_is_escaped():
    assert md_inline("  # x") == "\\# x"
    assert md_inline("12. x") == "12\\. x"
    assert md_inline("plain 中文") == "plain 中文"


def _reference_cells(d: _Doc, q: ComplaintRow) -> list[object]:
    zh = d.zh
    step = (
        (PENDING_ZH if zh else _PENDING_EN)[q.open_step.value]
        if q.open_step is not None
        else ("已撤回" if zh else "withdrawn")
        if q.state == "withdrawn"  # withdrawn (撤回): finished, not by its handling (auditor a58 04)
        else ("不予受理" if zh else "rejected")
        if q.state == "rejected"  # rejected (不予受理): likewise (auditor a60 01)
        else ("已完结" if zh else "done")
    )
    overdue = (
        (f"超期{q.overdue_workdays}个工作日" if zh else f"{q.overdue_workdays} WD overdue")
        if q.overdue_workdays
        else ""
    )
    if q.supervision_due:
        overdue += " 应督办" if zh else " supervision due"
    return [
        q.id,
        ComplaintKind.from_value(q.kind).zh if zh else q.kind,
        _cat(q.category, d.lang),
        d.dept(q.department),
        d.dept(q.unit) if q.unit else ("未交办" if zh else "not assigned"),  # words, not "—" (clerk c56 05)
        step,
        beijing(q.due_at, "%Y-%m-%d") if q.due_at else ("无" if zh else "none"),
        overdue.strip() or ("未超期" if zh else "not overdue"),
        q.complainant or ("（保密）" if zh else "(withheld)"),
    ]


@HEAVY
@given(datasets(max_counties=2, max_points=3))
def test_complaint_rows_equal_the_row_by_row_labels(ds):
    pm = get_plugin_manager(autoload=False)
    months = sorted({Month.of(c.events[0].at.date()) for c in ds.complaints if c.events})[:3] or [Month(2025, 1)]
    for r in monitoring_reports(ds, months, pm, audience=CITY_OFFICE):
        for lang in ("zh", "en"):
            d = _Doc(r, lang, {})
            assert _complaint_cells(d, r.complaints) == [_reference_cells(d, q) for q in r.complaints]
