"""A county's report deadline (月报截止) for an integrator: what `softenv deadline --dataset` and
`GET /v1/deadlines/{county}/{month}` answer, by the assessment's own rule (county_months.
month_deadline), with the county's plugin (integrator i36: the library offered no function, so
an OA system reminding counties imported ``resolve_deadline`` from the engine)."""

from __future__ import annotations

from softenv_core.analyses.arguments import calendar_or_official, params_or_baseline
from softenv_core.analyses.county_months import month_deadline
from softenv_core.engine.decimal_context import in_analysis_context
from softenv_core.engine.manager import SoftenvPluginManager
from softenv_core.engine.parameters import ParameterSet
from softenv_core.engine.ruletypes import Deadline, MonthState
from softenv_core.errors import not_found
from softenv_core.io.validation import require_valid
from softenv_core.model.dataset import Dataset
from softenv_core.model.periods import Month, as_month, within_the_years
from softenv_core.rules.registry import plugin_manager_or_city
from softenv_core.workdays.calendar import WorkCalendar


@in_analysis_context
def report_deadline(
    dataset: Dataset,
    county: str,
    month: Month | str,
    plugin_manager: SoftenvPluginManager | None = None,
    *,
    calendar: WorkCalendar | None = None,
    params: ParameterSet | None = None,
) -> Deadline | MonthState:
    """The due moment of ``county``'s monthly report (月报) on ``month``: a ``Deadline`` (its rule,
    its calendar's facts, its parameters), the one the assessment judges the month by; or why
    the month is not owed, ``MonthState.NOT_IN_FORCE`` (before the baseline's first report) or
    ``MonthState.NOT_OWED`` (the county did not exist in the month).

    ``county`` is a code of the dataset's counties (NotFound otherwise). Without
    ``plugin_manager`` the city baseline alone applies, as in every analysis; pass
    ``get_plugin_manager()`` for the county's own deadline. CalendarDataMissing when the
    deadline falls in a year without an official arrangement (strict calendar)."""
    period = as_month(month)
    require_valid(dataset)
    found = dataset.county_by_code.get(county) if isinstance(county, str) else None
    if found is None:
        raise not_found("county", county, "the dataset", "数据集")
    with within_the_years("month", period):  # December 2999's falls due in 3000
        return month_deadline(
            plugin_manager_or_city(plugin_manager),
            found,
            period,
            calendar_or_official(calendar),
            params_or_baseline(params),
        )


__all__ = ["report_deadline"]
