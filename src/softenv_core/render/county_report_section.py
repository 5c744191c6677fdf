"""Section 二 of the monitoring report (各县区月报报送情况): each county's monthly report, as
Markdown lines; and its 首次报送 cell, which the Word report writes alike. Split from
render/monitoring_sections.py (at the 500-line limit)."""

from __future__ import annotations

from softenv_core.analyses.report_rows import CountyReportRow
from softenv_core.render.assessment import open_note, waived_facts
from softenv_core.render.document_words import due_and_sent
from softenv_core.render.escape import md_inline
from softenv_core.render.report_amendments import amended_mark, amendment_note
from softenv_core.render.report_format import _STATUS, _count, _Doc, _md_table, own_count_note, waived_zh

#: The statuses of a month owed and due by the report's instant: without a submission, its
#: 首次报送 says 未报 (a waived month too: the facts stay visible beside the waiver).
_DUE = frozenset(("missing", "waived"))


def first_submitted(status: str, sent: str | None, zh: bool, blank: str) -> str:
    """Section 二's 首次报送 cell: the submission as shown (``sent``), else 未报 for a month owed
    and due, else ``blank``: a month not owed (无需报送), not yet due (未到期) or before the
    baseline (未施行) is never 未报 (docs/monitoring.md section 二; auditor a71 05: its row read
    ``| — | 未报 | 无需报送 |``). ``blank`` is what the document writes in the 截止 cell of a month
    without a due day: "—" in the Markdown, "无" in the Word report (whose "—" marks a withheld
    figure only, docs/office.md)."""
    if sent:
        return sent
    if status in _DUE:
        return "未报" if zh else "none"
    return blank


def open_band(row: CountyReportRow, lang: str) -> str:
    """What a row missing at the report's instant but still inside its late band may yet become,
    bracketed after its status as the assessment says it (render.assessment.open_note):
    ``（截至评估时点未收到；2025-06-10 23:59:59前补报按迟报计）``; nothing otherwise. The report's
    default instant is inside that band for every missing county, and the row read 未报 alone
    (auditor a84 03)."""
    if row.open_until is None:
        return ""
    return f"（{open_note(row.open_until, lang)}）" if lang == "zh" else f" ({open_note(row.open_until, lang)})"


def county_reports_section(d: _Doc) -> list[str]:
    """Section 二: each county's monthly report."""
    r, zh, lang = d.report, d.zh, d.lang
    out: list[str] = []
    out.append("")
    out.append("## 二、各县区月报报送情况" if zh else "## 2. County reports")
    out.append("")
    rows = []
    for row in r.county_reports:
        st = _STATUS[lang][row.status]
        if row.status == "late":
            st += f" {row.late_workdays}" + ("个工作日" if zh else " working day(s)")
        elif row.status == "waived":  # the facts stay visible beside the waiver
            came = row.submitted_at is not None
            st += (
                waived_zh(f"迟报 {row.late_workdays}个工作日" if came else None, row.waiver)
                if zh
                else waived_facts(came, row.late_workdays, row.waiver, lang)
            )
        elif row.status == "not_due" and row.waiver:  # already excused, whatever comes (auditor a54)
            st += f"（豁免 {row.waiver}）" if zh else f" (waiver {row.waiver})"
        st += open_band(row, lang)
        # No report: no zero-report claim about it (否 read as "a report with items"), as in
        # the Word report (t11 10); its first submission says 未报 there too, if the month was due.
        said = (("是" if zh else "yes") if row.zero_report else ("否" if zh else "no")) + amended_mark(row, zh)
        zero = said if row.submitted_at else ""
        due, sent = due_and_sent(row.due_at, row.submitted_at)  # seconds where the minute hides the order
        rows.append(
            [
                f"{row.county} {row.name}",
                due or "—",
                first_submitted(row.status, sent, zh, "—"),  # "—" as the due cell of a month not owed
                st,
                zero,
                _count(r, row.items),
            ]
        )
    out.append(
        _md_table(
            ["县区", "截止日期", "首次报送", "状态", "零报告", "事项数"]
            if zh
            else ["County", "Due", "First submitted", "Status", "Zero report", "Items"],
            rows,
        )
    )
    for note in (own_count_note(r, zh), amendment_note(r, zh, md_inline)):  # the later 补报 named: c54 01
        out += ["", note] if note else []
    out.append("")
    return out


__all__ = ["county_reports_section", "first_submitted", "open_band"]
