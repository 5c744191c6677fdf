"""Where the records end (记录截止), said in an assessment and a year end that score the months after it.

A year end on a dataset whose records end in March scores April to December as not reported
(未报), as the policy says at the instant given; a clerk running it on partial data read
nine 未报 months and no word that nothing was recorded after March (integrator i43). The
scores stay; the notice names the last month with any record, where the monthly report's
comparisons read where the records begin (analyses.month_figures.first_recorded_month).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from softenv_core.analyses.county_months import CountyAssessment
from softenv_core.analyses.month_figures import last_recorded_month
from softenv_core.engine.ruletypes import MonthState
from softenv_core.model.dataset import Dataset
from softenv_core.model.periods import month_runs

#: How the notice begins, in either form (:func:`is_records_end`).
_HEADS = ("records end in ", "no records: ")
#: What to do about it, in both wordings (render.notices words the notice in Chinese).
_ADVICE = "if the dataset is not complete, complete it and run again"


def records_end_notice(dataset: Dataset, counties: Iterable[CountyAssessment], as_of: datetime | None) -> list[str]:
    """One notice when a month after the last one with any record (a county report or a contact
    known at ``as_of``: :func:`last_recorded_month`) is scored as not reported (未报) for one of
    ``counties`` (an assessment's); none otherwise (the records reach the last owed month). The
    months scored 未报 are gathered first: a complete dataset has none after its records, and
    is not searched for where they end."""
    missing = {m.month for c in counties for m in c.months if m.status is MonthState.MISSING}
    if not missing:
        return []
    last = last_recorded_month(dataset, as_of)
    after = sorted(m for m in missing if last is None or m > last)
    if not after:
        return []
    if last is None:
        return [
            f"{_HEADS[1]}no county report or contact is recorded at as_of, and every owed month "
            f"({month_runs(after)}) is scored as missing (未报); {_ADVICE}"
        ]
    return [
        f"{_HEADS[0]}{last}: no county report or contact is recorded after it at as_of, and the "
        f"months after it ({month_runs(after)}) are scored as missing (未报); {_ADVICE}"
    ]


def is_records_end(notice: str) -> bool:
    """Whether ``notice`` is :func:`records_end_notice`'s (the CLI repeats it on stderr)."""
    return notice.startswith(_HEADS)


__all__ = ["is_records_end", "records_end_notice"]
