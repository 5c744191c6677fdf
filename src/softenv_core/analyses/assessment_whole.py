"""The city office's whole assessment (市软建办的完整考核结果) made for another reader's output.

The year end and the results workbook assess the year whole, then redact what they show for
their reader. Every county plugin's complaint limits are found sound before the assessment runs
(assess_whole): a county's 十佳 condition reads complaint statuses, and a laxer limit it met
first refused the reader with a RuleConflict naming the kind and the day a step of a complaint
about that county's departments opened, and only when such a complaint existed (attacker x41
01; x40 03 checked them after the assessment). Since plugin author p42 (1) for every reader.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from attrs import evolve

from softenv_core.analyses.arguments import calendar_or_official, require_year_arguments
from softenv_core.analyses.assessment import Assessment, assess_whole
from softenv_core.analyses.audiences import CITY
from softenv_core.analyses.fingerprint import provenance
from softenv_core.engine.decimal_context import in_analysis_context
from softenv_core.engine.manager import SoftenvPluginManager
from softenv_core.engine.parameters import ParameterSet
from softenv_core.model.dataset import Dataset
from softenv_core.workdays.calendar import WorkCalendar


@in_analysis_context
def city_assessment(
    dataset: Dataset,
    year: int,
    pm: SoftenvPluginManager,
    *,
    calendar: WorkCalendar | None,
    params: ParameterSet,
    as_of: datetime | None,
    progress: Callable[[str, int, int], None] | None = None,
) -> Assessment:
    """``assess(dataset, year, pm, audience=CITY_OFFICE, ...)``'s result (complete, with its
    provenance), for an output another reader will read: every county plugin's complaint limits
    are read, complaint or none, before any plugin condition reads one. The arguments are
    checked as ``assess`` checks them."""
    require_year_arguments(dataset, year, as_of, progress)
    full = assess_whole(dataset, year, pm, calendar_or_official(calendar), params, as_of, progress)
    return evolve(full, provenance=provenance(dataset, params), audience=str(CITY))


__all__ = ["city_assessment"]
