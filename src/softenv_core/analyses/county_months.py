"""Counties' months for the year-end assessment: what each owes, when due, how it came.

DESIGN "Who owes what, when" and "An explicit instant": a county owes the months it exists
while the opinion is in force; what is not yet due at ``as_of`` is pending, and a report
submitted after ``as_of`` is not yet known. The month scores and the compliance mean are the
city's rules (``rules/city/compliance.py``); this module applies them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from decimal import Decimal

from attrs import field, frozen

from softenv_core._fold import name_key
from softenv_core.analyses.derived_checks import check_county
from softenv_core.engine.manager import SoftenvPluginManager
from softenv_core.engine.parameters import ParameterSet
from softenv_core.engine.resolution import DeadlineAnswers, resolve_deadline
from softenv_core.engine.ruletypes import Deadline, MonthState, MonthStatus
from softenv_core.engine.trace import CENTS, ConditionResult, ParamValue, to_points
from softenv_core.errors import InputError
from softenv_core.io.dataset_files import input_problems
from softenv_core.model.dataset import Dataset
from softenv_core.model.divisions import County
from softenv_core.model.periods import BEIJING, Month, Year, beijing_date, in_time, month_runs
from softenv_core.model.reports import MonthlyReport
from softenv_core.model.roster import Waiver
from softenv_core.rules.city.compliance import late_band_end, report_in_force, scored_month
from softenv_core.rules.city.topten import city_deciders, decided_by_city
from softenv_core.workdays.calendar import WorkCalendar
from softenv_core.workdays.deadlines import describe_lateness, lateness


@frozen
class CountyAssessment:
    """One county's year: each month's report status, compliance score, 十佳 eligibility."""

    code: str
    name: str
    months: tuple[MonthStatus, ...]
    compliance: Decimal = field(converter=to_points, metadata=CENTS)
    compliance_reason: str
    compliance_params: tuple[ParamValue, ...]
    topten_eligible: bool
    conditions: tuple[ConditionResult, ...]

    def __attrs_post_init__(self) -> None:
        check_county(self)  # its compliance and eligibility as its trace gives them, read back too

    @property
    def failing_conditions(self) -> tuple[ConditionResult, ...]:
        return tuple(c for c in self.conditions if not c.passed)


def exists_in(county: County, month: Month) -> bool:
    """Whether the county exists on some day of ``month`` (``effective_from/until``)."""
    if county.effective_from is not None and county.effective_from > month.last_day:
        return False
    return county.effective_until is None or county.effective_until >= month.first_day


def month_deadline(
    pm: SoftenvPluginManager,
    county: County,
    month: Month,
    calendar: WorkCalendar,
    params: ParameterSet,
    answers: DeadlineAnswers | None = None,
    as_of: datetime | None = None,
) -> Deadline | MonthState:
    """The deadline of ``county``'s report on ``month`` if the county owes it, else why not
    (应报与否): the one place that decides it, for the assessment and the monitoring report.

    Not in force before the first report the baseline requires; not owed in a month the county
    does not exist (DESIGN "A county owes the months it exists"); ``PENDING`` without its
    deadline worked out for a month that has not ended at ``as_of`` (see county_deadlines).
    """
    if not report_in_force(month, params):
        return MonthState.NOT_IN_FORCE
    if not exists_in(county, month):
        return MonthState.NOT_OWED
    if as_of is not None and month.end > as_of:
        return MonthState.PENDING
    return resolve_deadline(pm, county, month, calendar, params, answers)


def _owes(due: Deadline | MonthState) -> bool:
    """Whether a month whose deadline (or why none) is ``due`` is owed by the county: due, or
    pending; not when the baseline is not in force or the county did not exist (应报)."""
    return isinstance(due, Deadline) or due is MonthState.PENDING


def before_baseline_notice(year: int) -> str:
    """The notice of a year the baseline is in force in no month of (基线施行前, nothing owed);
    render.notices words it in Chinese."""
    return f"no month of {year} is owed: the programme's baseline is not in force in it; nothing assessed"


def before_baseline_month_notice(month: Month) -> str:
    """The notice of a month the baseline requires no report on (基线施行前): its monthly report
    sums up what was recorded, and no county owed a report nor a point a contact (platform t8 04:
    the report read as a month every county had simply been excused)."""
    return f"no report is owed for {month}: the programme's baseline is not in force in it"


def counties_owing(
    counties: Sequence[County], dues: Mapping[str, Mapping[Month, Deadline | MonthState]], year: int
) -> tuple[list[County], list[str]]:
    """The counties that owe a month of ``year`` (its deadlines or why none, ``dues`` by code),
    and a notice for each that does not exist in it while the baseline is in force (one notice
    for all when the baseline is in force in no month of the year).

    A county owes the months it exists (DESIGN "Who owes what, when"): one that owes none is
    not in the year's assessment, as a point that owes none is not; rating it would give a
    county that did not exist a compliance of 0 and leave to be rated 先进.
    """
    owing = [c for c in counties if any(_owes(d) for d in dues[c.code].values())]
    notices = [
        f"county {c.code} owes no month of {year} (it does not exist while the baseline is in force): not assessed"
        for c in counties
        if c not in owing and any(d is MonthState.NOT_OWED for d in dues[c.code].values())
    ]
    if counties and not owing and not notices:
        # Every month of every county before the programme's first report: an empty result
        # that must not read as "the data is missing" (docs/rules.md "Counties").
        notices.append(before_baseline_notice(year))
    return owing, notices


def open_months_notice(counties: Iterable[CountyAssessment]) -> list[str]:
    """One notice naming each month missing at ``as_of`` but still open to a late report
    (``MonthStatus.open_until``): its status may yet change from 未报 (0) to 迟报 (50)."""
    found = [
        f"{c.code} {m.month} (until {m.open_until.isoformat()})"
        for c in counties
        for m in c.months
        if m.open_until is not None
    ]
    if not found:
        return []
    return [
        "open: no report known at as_of, but a report submitted by the instant named still counts as late "
        f"(迟报, within compliance.late_grace_workdays), not missing: {', '.join(found)}; "
        "re-assess after it for the month's final status"
    ]


def pending_months_notice(counties: Iterable[CountyAssessment]) -> list[str]:
    """One notice naming each county's months not yet due at ``as_of`` (未到期, no city waiver
    covering them): until they are due, ``city.topten.on_time`` is not passed (暂不能判定)."""
    found = []
    for c in counties:
        months = [m.month for m in c.months if m.status is MonthState.PENDING and m.waiver is None]
        if months:
            found.append(f"{c.code} {month_runs(months)}")
    if not found:
        return []
    return [
        f"pending: monthly reports not yet due at as_of: {', '.join(found)}; "
        "city.topten.on_time is not passed for such a county until they are due"
    ]


def county_deadlines(
    pm: SoftenvPluginManager,
    county: County,
    year: int,
    calendar: WorkCalendar,
    params: ParameterSet,
    answers: DeadlineAnswers | None = None,
    as_of: datetime | None = None,
) -> dict[Month, Deadline | MonthState]:
    """Each month of ``year``: its deadline if the county owes it, else why not (``answers``:
    the deadlines already checked in this assessment, see DeadlineAnswers).

    A month that has not ended at ``as_of`` is ``PENDING`` without its deadline worked out:
    its report cannot be owed, late or missing yet whatever the deadline, and working it out
    could need a year's official arrangement that is not published yet (December's report is
    due in January), which would refuse an assessment of the current year for no decision.
    An ended month's deadline is always worked out, strictly.
    """
    if answers is None:
        answers = DeadlineAnswers()
    return {m: month_deadline(pm, county, m, calendar, params, answers, as_of) for m in Year(year).months}


def default_as_of(deadlines: Iterable[Deadline | MonthState], period: int | Month) -> datetime:
    """The moment after the period's last deadline (DESIGN "An explicit instant"): the default
    instant of the assessment of a year (``period`` an int) and of a month's monitoring report
    (``period`` a Month). Without any deadline (nothing owed), the period's end: the start of
    the next year, or of the next month.
    """
    dues = [d.due_at for d in deadlines if isinstance(d, Deadline)]
    if not dues:
        return period.end if isinstance(period, Month) else datetime(period + 1, 1, 1, tzinfo=BEIJING)
    return max(dues) + timedelta(seconds=1)


def month_deadlines(
    dataset: Dataset, month: Month, pm: SoftenvPluginManager, calendar: WorkCalendar, params: ParameterSet
) -> dict[str, Deadline | MonthState]:
    """Each county's deadline for its report on ``month``, or why it owes none, by county code.

    Worked out for every owed month whatever the report's instant: a county not yet due is
    shown with its due day (未到期).
    """
    answers = DeadlineAnswers()  # the city's deadline of the month is checked once, not once a county
    return {
        c.code: month_deadline(pm, c, month, calendar, params, answers)
        for c in sorted(dataset.counties, key=lambda c: c.code)
    }


def report_instant(deadlines: Mapping[str, Deadline | MonthState], month: Month, as_of: datetime | None) -> datetime:
    """The instant a month's report speaks for: ``as_of`` if given, else the moment after the
    month's last deadline (as the assessment's default, one function for both)."""
    return default_as_of(deadlines.values(), month) if as_of is None else as_of


def month_instant(
    dataset: Dataset, month: Month, pm: SoftenvPluginManager, calendar: WorkCalendar, params: ParameterSet
) -> datetime:
    """The instant ``month``'s report speaks for by default: the moment after its counties'
    last report deadline (:func:`report_instant` without an ``as_of``)."""
    return report_instant(month_deadlines(dataset, month, pm, calendar, params), month, None)


def known_content(report: MonthlyReport, as_of: datetime) -> bool:
    """Whether the latest content known at ``as_of`` states nothing to report (零报告).

    The first submission counts for timeliness; the latest amendment for what was reported.
    """
    return report.version_at(as_of).nothing_to_report


def month_status(
    month: Month,
    due: Deadline | MonthState,
    report: MonthlyReport | None,
    waiver: str | None,
    as_of: datetime,
    calendar: WorkCalendar,
    params: ParameterSet,
) -> MonthStatus:
    """How ``month`` stands at ``as_of``; a report submitted after it is not yet known. A late
    or missing month that ``waiver`` covers is WAIVED, keeping its report, lateness and score.

    ``due`` is PENDING, without a deadline, for a month still running at ``as_of``: it keeps
    the waiver covering it (if any), as a pending month with a deadline does.
    """
    if due is MonthState.PENDING:
        return MonthStatus(month, None, None, None, None, due, 0, waiver, Decimal(0))
    if isinstance(due, MonthState):
        return MonthStatus(month, None, None, None, None, due, 0, None, Decimal(0))
    if report is not None and report.submitted_at > as_of:
        report = None
    if report is None and in_time(as_of, due.due_at):
        return MonthStatus(month, due.due_at, due, None, None, MonthState.PENDING, 0, waiver, Decimal(0))
    found, late = lateness(report.submitted_at if report else None, due.due_at, calendar)
    state = MonthState.of(found)
    # Read, like the deadline, on the first day of the month after (DESIGN "Reading a parameter").
    on = (month + 1).first_day
    score, beyond = scored_month(state, late, params, on)
    open_until = None
    if state is MonthState.MISSING:
        # Missing is what is known at as_of; inside the late band a report may still come and
        # score as late, so the month says until when (the default instant, the moment after
        # December's deadline, always falls in December's band).
        end = late_band_end(due.due_at, calendar, params, on)
        open_until = end if in_time(as_of, end) else None
    if waiver is not None and state in (MonthState.LATE, MonthState.MISSING):
        # Shown as waived (DESIGN "County month status"); the facts and the score stay as they came.
        state = MonthState.WAIVED
    return MonthStatus(
        month,
        due.due_at,
        due,
        report.id if report else None,
        report.submitted_at if report else None,
        state,
        late,
        waiver,
        score,
        bool(report and known_content(report, as_of)),
        open_until,
        describe_lateness(calendar, due.due_at, report.submitted_at) if report and found == "late" else None,
        beyond if state is MonthState.LATE else None,  # a waived month shows its waiver instead
    )


def counted_provisional(calendar: WorkCalendar, due_at: datetime | None, until: datetime | None) -> bool:
    """Whether the working days counted after ``due_at`` up to ``until`` read a day ``calendar``
    knows only as weekends (暂定, ``WorkCalendar.provisional_in``): a late report's count up to
    its submission, a missing month's late band up to its ``open_until``. A count reaching late
    December (from the 19th, which the next year's notice may move) came unmarked where only
    the deadlines were read (auditor a84 02). False under a strict or supplied calendar."""
    if due_at is None or until is None:
        return False
    first, last = beijing_date(due_at) + timedelta(days=1), beijing_date(until)
    return first <= last and calendar.provisional_in((first, last))


def month_provisional(m: MonthStatus, calendar: WorkCalendar) -> bool:
    """Whether a month's figures read a day known only as weekends (暂定): its deadline, the
    working days its late count counted, or those of its late band still open."""
    if m.deadline is not None and m.deadline.provisional:
        return True
    return counted_provisional(calendar, m.due_at, m.submitted_at if m.reported is MonthState.LATE else m.open_until)


#: The start of :func:`city_waivers`' notice of a waiver the city did not decide (ignored): the
#: monthly report's documents say it under the title (render.report_format.waiver_notes, a79b 03).
IGNORED_WAIVER = "waiver "


def city_waivers(
    dataset: Dataset, params: ParameterSet, as_of: datetime, *, noticed: Month | None = None
) -> tuple[dict[tuple[str, Month], str], list[str]]:
    """Waivers decided by the city on or before ``as_of``'s Beijing date, by (county, month);
    notices for those known then that the city did not decide, of the month ``noticed`` alone
    when given (a month's report, report_counties.month_waivers: fix helper a79b 03)."""
    found: dict[tuple[str, Month], str] = {}
    notices = []
    clashes: list[str] = []  # every one, then raised together (reviewer r63 07)
    # A waiver carries its day only: one decided on as_of's (Beijing) day is known then, one
    # decided later is not yet a decision and excuses nothing (DESIGN "An explicit instant").
    known_until = beijing_date(as_of)
    for w in sorted(dataset.waivers, key=lambda w: w.id):
        if not report_in_force(w.month, params) or w.decided_on > known_until:
            continue
        if decided_by_city(w, params, dataset.city):
            clashes += _own_office_clashes(dataset, w)
            found.setdefault((w.county, w.month), w.id)
        elif noticed in (None, w.month):
            # The names the city decides under, so that a misspelt city office is seen as one.
            offices = ", ".join(city_deciders(dataset.city, params, w))
            notices.append(
                f"{IGNORED_WAIVER}{w.id} ({w.county} {w.month}) was decided by {w.decided_by}, "
                f"not the city (its offices: {offices}): ignored"
            )
    if clashes:
        raise InputError(input_problems(clashes, dataset), "dataset")
    return found, notices


def _own_office_clashes(dataset: Dataset, w: Waiver) -> list[str]:
    """The problem (none or one) of ``w``, decided by the city, decided under its own county's
    liaison office's name: whose decision it is cannot be told (auditor a76 02). The loader
    refuses such a county office for the seed's names of the city's offices and the dataset's; a
    name ``topten.waiver_deciders`` adds is known only here, with the parameters. :func:`city_waivers`
    raises them all at once, as the loader does (it raised at the first; reviewer r63 07). Names
    compared as the decider is (_fold.name_key; clerk c64 01)."""
    return [
        _decider_clash(f"$.counties[{i}]", c.liaison_office.strip(), w.id, w.month)
        for i, c in enumerate(dataset.counties)
        if c.code == w.county and name_key(c.liaison_office) == name_key(w.decided_by)
    ]


def _decider_clash(path: str, office: str, waiver: str, month: object) -> str:
    """The problem of a county's liaison office that ``topten.waiver_deciders`` (read for
    ``month``'s waivers) names too, when the county's waiver ``waiver`` is decided_by it: whose
    decision it is cannot be told (auditor a76 02). At the county's office, as the loader's. Here,
    beside its one user, not in io/county_checks, whose loader never finds it (reviewer r63 07)."""
    return (
        f"{path}.liaison_office: {office!r} is also a name topten.waiver_deciders gives the city "
        f"(for the waivers of {month}), and the county's waiver {waiver} is decided_by it: whether the city "
        "or the county decided it cannot be told; name the county's office otherwise, or take it out of the parameter"
    )


__all__ = [
    "IGNORED_WAIVER",
    "CountyAssessment",
    "before_baseline_notice",
    "city_waivers",
    "counted_provisional",
    "counties_owing",
    "county_deadlines",
    "default_as_of",
    "exists_in",
    "known_content",
    "month_deadline",
    "month_deadlines",
    "month_instant",
    "month_provisional",
    "month_status",
    "open_months_notice",
    "pending_months_notice",
    "report_instant",
]
