"""Section 二's word on an amended county report (clerk c54 01): the 零报告 and 事项数 a row shows
are the latest amendment's known at the report's instant, its 首次报送 and 状态 the first
submission's (DESIGN "Zero report"). Without a mark the row read as a report filed on time with
the item (or, amended to delete one, with one item fewer), and no reader could see the later
submission. The mark beside 零报告 and a note under the table name the amendment and its moment;
every reader given section 二's rows is given them (the rows are kept whole for every reader)."""

from __future__ import annotations

from collections.abc import Callable

from softenv_core.analyses.report_rows import CountyReportRow, MonitoringReport
from softenv_core.render.document_words import beijing


def amended_mark(row: CountyReportRow, zh: bool) -> str:
    """Beside the row's 零报告: which amendment it is, "" for a report as first submitted."""
    if row.amendment is None:
        return ""
    return f"（修改{row.amendment}）" if zh else f" (amendment {row.amendment})"


def amendment_note(r: MonitoringReport, zh: bool, esc: Callable[[str], str] = str) -> str | None:
    """The note under section 二's table naming each amended report's amendment and moment, or
    None when no row is amended. ``esc``: the medium's escape of a county's name (data)."""
    rows = [(row.name, row.amendment, row.amended_at) for row in r.county_reports if row.amended_at is not None]
    if not rows:
        return None
    if zh:
        said = "；".join(f"{esc(name)}按 {beijing(at)} 提交的修改{n}" for name, n, at in rows)
        return f"注：零报告和事项数按数据截至时点已提交的最新月报修改计：{said}；首次报送时间和状态仍按原报。"
    said = "; ".join(f"{esc(name)}: amendment {n} submitted at {beijing(at)}" for name, n, at in rows)
    return (
        "Note: zero report and items are those of the latest amendment submitted by the instant "
        f"({said}); first submission and status remain the original report's."
    )


__all__ = ["amended_mark", "amendment_note"]
