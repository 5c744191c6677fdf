"""Section 五's table in the Word monthly report (直接反馈办理情况): its header, cells, column
widths and type size, split from render/docx_report.py.

The city office's version lists a complaint by its id (F-2025-011, Q-2025-0001). A county's or a
department's lists it by its per-audience reference, R- and 16 hexadecimal digits: in the 35 mm
编号 column LibreOffice printed R- / 292abbc324 / 9e9160 (clerk c56 06), and at 4号 the reference
alone would take 60 mm of the 156 mm text block, leaving the unit's name four characters a line.
Every version sets the table in 小四 (12 pt, the Word year end's table size), the reference on one
line: at 4号, the report's other tables' size, the city's columns each as wide as its longest line
came to 159 mm, and 23.7 mm of 办理状态 printed 办理中 / （待办 / 结） (clerk c58 01). The overdue
column gives the working days under a header 超期 / 工作日, and 应督办 on a line of its own:
超期6个工作日 应督办 in 20 mm printed 超期6 / 个工作 / 日 应 / 督办, splitting both words. A due day
outside the report month's year is written in full, its year on a line of its own (2026- / 01-22),
as the open matters table writes a day of another year.
"""

from __future__ import annotations

from datetime import datetime

from softenv_core.analyses.complaint_handling import ComplaintStep
from softenv_core.analyses.monitoring_report import MonitoringReport
from softenv_core.analyses.redaction_keys import REF_PREFIX
from softenv_core.model.complaints import ComplaintKind
from softenv_core.model.periods import beijing_date
from softenv_core.render.document_words import day_in_year, year_apart
from softenv_core.render.monitoring_report import PENDING_ZH
from softenv_core.render.report_format import COMPLAINT_BLANKS, ENDED_ZH

SIZE_SMALL_4 = 12  # 小四, in points

HEADERS: tuple[object, ...] = ("编号", "类型", "承办单位", "办理状态", "时限", ("超期", "工作日"))
#: Widths in mm (156 in all), 小四 (a character 240 twips, a DejaVu digit 153, Word's cell margins
#: 216), each column at least its longest line. The city's: an id (Q-2025-0041, 1799 twips in
#: LibreOffice's fallback DejaVu Sans, whose Q is 0.79 em, broke as Q-2025- / 0041 when too narrow:
#: 32); 意见建议 (21); the unit's name, what is left (44: 青山县市场监管局, eight characters, on one
#: line); 办理中 / （待办结）, a line each, and 不予受理 (25); 06-20 and 2026- (17); 未超期 (17).
ID_WIDTHS = (32, 21, 44, 25, 17, 17)
#: A county's or department's: R- and 16 digits at most 2912 twips (52 mm); 类型 one line for
#: 投诉 / 举报, 意见建议 at the word (意见 / 建议: 13); 市自然资源局, six characters a line (31);
#: 办理中 / （待办结）, a line each (at 21 mm: 办理中 / （待办 / 结）), and 不予受理 (26); 06-20 (17);
#: 未超期 (17).
REF_WIDTHS = (52, 13, 31, 26, 17, 17)


def complaint_table(r: MonitoringReport) -> tuple[list[list[object]], tuple[float, ...], int]:
    """Section 五's rows (a tuple cell: a line each), with the column widths and type size to set
    them in (小四): the references' widths when any row is listed by a reference (REF_PREFIX)."""
    depts, (not_late, no_due, unassigned) = r.department_names, COMPLAINT_BLANKS["zh"]
    rows: list[list[object]] = []
    for q in r.complaints:
        step = PENDING_ZH[ComplaintStep.from_value(q.open_step).value] if q.open_step else None
        step = step or ENDED_ZH.get(q.state, "已完结")  # withdrawn, rejected: not done, said so
        head, bracket, rest = step.partition("（")  # 办理中（待办结）: the bracket on a line of its own
        overdue = [str(q.overdue_workdays)] if q.overdue_workdays else []
        if q.supervision_due:
            overdue.append("应督办")  # a line of its own, never broken inside 督办
        rows.append(
            [
                q.id,
                ComplaintKind.from_value(q.kind).zh,
                depts.get(q.unit, q.unit) if q.unit else unassigned,
                (head, bracket + rest) if bracket else step,
                _due_day(q.due_at, r.month.year) if q.due_at else no_due,
                tuple(overdue) or not_late,  # not "—", the hidden mark of the county versions
            ]
        )
    if any(q.id.startswith(REF_PREFIX) for q in r.complaints):
        return rows, REF_WIDTHS, SIZE_SMALL_4
    return rows, ID_WIDTHS, SIZE_SMALL_4


def _due_day(due: datetime, year: int) -> str | tuple[str, str]:
    """A due day (Beijing) as the open matters table writes a day: ``03-12`` in the report
    month's year, in full in another (``2026-01-22`` in December 2025's report, which read
    ``01-22`` as a day of January 2025: auditor a70 04), its year a line of its own (``2026-`` /
    ``01-22``: the column holds five digits a line, and LibreOffice broke it there anyway)."""
    return year_apart(day_in_year(beijing_date(due), year))
