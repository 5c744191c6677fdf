"""The inputs every section of a month's monitoring report reads (监测报告), worked out once:
split from analyses.monitoring_report, which assembles the sections."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from softenv_core.analyses.audiences import Audience, AudienceKind
from softenv_core.analyses.complaint_limits import require_limits_sound, require_reach_known
from softenv_core.analyses.county_months import month_deadlines, report_instant
from softenv_core.analyses.followup_status import MatterBatch
from softenv_core.analyses.redaction import checked_audience
from softenv_core.analyses.redaction_instant import require_month_instant
from softenv_core.analyses.report_counties import month_waivers
from softenv_core.analyses.report_inputs import ReportInputs
from softenv_core.engine.manager import SoftenvPluginManager
from softenv_core.engine.parameters import ParameterSet
from softenv_core.engine.ruletypes import Deadline, MonthState
from softenv_core.errors import CalendarDataMissing, FieldInvalid
from softenv_core.model.dataset import Dataset
from softenv_core.model.periods import BEIJING, Month
from softenv_core.workdays.calendar import WorkCalendar


def require_month_begun(month: Month, as_of: datetime | None) -> None:
    """A FieldInvalid naming ``as_of`` when it comes before ``month`` began (Beijing time): a
    report as of 2020 on March 2025 listed every point 未联系上 and trends of 0, without a word,
    as if the month had passed with nothing done (integrator i44)."""
    begun = datetime(month.year, month.month, 1, tzinfo=BEIJING)
    if as_of is None or as_of >= begun:
        return
    raise FieldInvalid.worded(
        "as_of",
        f"{as_of.isoformat()}: before {month} began ({begun.isoformat()}): a month's report speaks "
        "for an instant inside the month or after it",
        f"--as-of {as_of.astimezone(BEIJING):%Y-%m-%d %H:%M} 早于 {month} 的月初（{begun:%Y-%m-%d %H:%M}）："
        "月度监测报告只能按该月之内或之后的时刻编制",
    )


def report_inputs(
    dataset: Dataset,
    month: Month,
    pm: SoftenvPluginManager,
    audience: Audience | str,
    calendar: WorkCalendar,
    params: ParameterSet,
    as_of: datetime | None,
    matters: MatterBatch | None,
) -> ReportInputs:
    """What every section reads: the reader, the month's deadlines and instant, the county
    reports known then and the city's waivers; refused where the reader may not ask."""
    aud = checked_audience(dataset, audience)
    require_month_begun(month, as_of)
    deadlines = _month_needs(dataset, month, pm, aud, calendar, params)
    default = report_instant(deadlines, month, None)  # the moment after the month's last deadline
    require_month_instant(month, default, as_of, aud, dataset.city.office)  # an earlier one only for the city office
    at = default if as_of is None else as_of
    reports = {r.county: r for r in dataset.reports_by_month.get(month, ()) if r.submitted_at <= at}
    waivers, ignored = month_waivers(dataset, month, params, at)
    inputs = ReportInputs(dataset, month, pm, aud, calendar, params, reports, at, matters, deadlines, waivers, ignored)
    # Complaint or none (x40 03), and for the city office too: a laxer limit passed its report
    # when no complaint about that county's units needed one (plugin author p42 1).
    require_limits_sound(pm, calendar, params, at, month.year)
    return inputs


def _month_needs(
    dataset: Dataset,
    month: Month,
    pm: SoftenvPluginManager,
    aud: Audience,
    calendar: WorkCalendar,
    params: ParameterSet,
) -> Mapping[str, Deadline | MonthState]:
    """The month's deadlines, and outside the city office the years its complaint steps could
    reach (the same failure with or without a complaint due next year): what the month itself
    needs, whatever the instant. A year the calendar does not know is said so
    (``CalendarDataMissing.any_instant``): `--as-of` is no way out of it, as it is none for
    `softenv deadline` (one month's deadline is the same at any instant; auditor a64 01). Both
    come before the instant's check, whose "--as-of 太早 …（不写 --as-of 即是）" led back here."""
    try:
        deadlines = month_deadlines(dataset, month, pm, calendar, params)
        if aud.kind is not AudienceKind.CITY:
            require_reach_known(pm, month, calendar, params)
    except CalendarDataMissing as exc:
        exc.any_instant = True
        raise
    return deadlines


__all__ = ["report_inputs", "require_month_begun"]
