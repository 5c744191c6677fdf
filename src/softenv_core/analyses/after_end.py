"""The last report of an abolished county (auditor a66 01), said where it is owed.

A county owes the months it exists (DESIGN "Who owes what, when"), and month M's report is due
in M+1: the report on the month a county is abolished in always falls due after the county has
ended, and the model records no successor. Who files it is a question for the city (docs/rules.md,
"Open: the last report of an abolished county"); until it decides, the library reads the month as
owed by the county under its own code, and says so wherever that month is rated: the assessment
and the year end (one notice a county), the month's monitoring report (render.report_format
words it as a note under the title). The notice names public facts only (a county's existence and
its report's due moment, which section 二 of every reader's report shows), so every reader is
given it. render.notices words it in Chinese.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from softenv_core.engine.ruletypes import Deadline, MonthState
from softenv_core.model.divisions import County
from softenv_core.model.periods import Month, beijing_date

#: How the notice begins (render.report_format picks the monthly report's by it).
AFTER_END = "after end: "
#: The open question the notice names (docs/rules.md).
OPEN_QUESTION = 'docs/rules.md, "Open: the last report of an abolished county"'


def after_end_notice(county: County, month: Month, due: Deadline | MonthState | None) -> list[str]:
    """The notice of ``county``'s report on ``month`` when that report is owed (``due`` a
    deadline, not pending) and falls due after the county's last day; none otherwise."""
    until = county.effective_until
    if until is None or not isinstance(due, Deadline) or beijing_date(due.due_at) <= until:
        return []
    return [
        f"{AFTER_END}the report of county {county.code} on {month} falls due at {due.due_at.isoformat()}, "
        f"after the county ended on {until.isoformat()}; read as owed by the county under its own code "
        f"(a report submitted after its end is warned of); who files it is open for the city ({OPEN_QUESTION})"
    ]


def after_end_notices(
    counties: Iterable[County], dues: Mapping[str, Mapping[Month, Deadline | MonthState]]
) -> list[str]:
    """The notices of :func:`after_end_notice` for each of ``counties`` (by code) and month in
    ``dues`` (a county's months not in it owe nothing here), by county then month."""
    out: list[str] = []
    for county in sorted(counties, key=lambda c: c.code):
        for month, due in sorted(dues.get(county.code, {}).items()):
            out += after_end_notice(county, month, due)
    return out


__all__ = ["AFTER_END", "OPEN_QUESTION", "after_end_notice", "after_end_notices"]
