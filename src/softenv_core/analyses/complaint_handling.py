"""Complaint handling (投诉办理): each step's due moment in working days, status at an
instant, supervision (督办) due, and the rates of each handling unit (承办单位).

Step limits come from ``softenv_complaint_sla`` (the city baseline, or the complainant
point's county plugin). The clock of a step starts on the day of the event that opens it;
a due day is counted in working days from it and ends at 23:59:59 Beijing time. The steps
are worked out in :mod:`complaint_steps`, the limits read in :mod:`complaint_limits`; this
module gathers them and adds the units' rates.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction
from typing import Any

from attrs import define, field, frozen

from softenv_core._validators import argument, to_tuple, yes_or_no
from softenv_core.analyses.arguments import calendar_or_official, params_or_baseline
from softenv_core.analyses.complaint_alive import received_by
from softenv_core.analyses.complaint_limits import DatedLimits, Limits, LimitsBook, sla_for
from softenv_core.analyses.complaint_steps import ComplaintState, ComplaintStatus, ComplaintStep, Step, StepIndex
from softenv_core.engine.decimal_context import in_analysis_context
from softenv_core.engine.manager import SoftenvPluginManager
from softenv_core.engine.parameters import ParameterSet
from softenv_core.engine.ruletypes import ComplaintSla
from softenv_core.engine.trace import ParamValue, exact_cents
from softenv_core.errors import FieldInvalid
from softenv_core.model.complaints import CITY_OFFICE_UNIT, Complaint, EventType, Satisfaction, event_order_problems
from softenv_core.model.dataset import Dataset
from softenv_core.model.periods import (
    BEIJING,
    Month,
    Year,
    as_month,
    beijing_month,
    in_time,
    require_aware,
    require_year,
)
from softenv_core.workdays.calendar import WorkCalendar


@in_analysis_context
def complaint_status(
    complaint: Complaint,
    at: datetime,
    sla: Limits,
    calendar: WorkCalendar | None,
    *,
    ending: bool = False,
) -> ComplaintStatus:
    """The status (办理状态) of ``complaint`` at the instant ``at``: its events stamped by ``at`` (one
    stamped exactly at ``at`` included, as every ``as_of`` reads it), or with ``ending`` (``at``
    ends a period: a month's or a year's end, the next one's first instant) those stamped
    before it, an event at it being the next period's (docs/complaints.md "An instant").

    ``sla``: the limits, or a function giving the limits in force on a day (:func:`sla_for`):
    each step's limit is then read for the day the step opened, so that a later change of
    the limits never alters a past complaint. ``calendar`` None: the official one, strict.
    A wrong argument is FieldInvalid naming it (a naive ``at`` too: NaiveInstant, a FieldInvalid and an InputError),
    a complaint built in Python with an impossible order of events (one earlier than the one
    before it, a signature before the assignment) among them, as the loader refuses it.
    """
    argument(complaint, Complaint, "complaint", "a Complaint")
    if at is None:
        raise FieldInvalid("at", "expected an aware datetime, the instant of the status")
    require_aware(at, "at")
    if not isinstance(sla, ComplaintSla) and (sla is None or not callable(sla)):
        raise FieldInvalid("sla", f"expected a ComplaintSla or sla_for(...), got {type(sla).__name__} {sla!r:.40}")
    # A loaded dataset's complaints are checked; one built in Python was walked in the order
    # listed and given a status silently wrong (received, accepted, signed 09-03, assigned
    # 09-02 read as waiting for a signature, where in time order it was signed: auditor a30).
    order = event_order_problems(complaint)
    if order:
        found = "; ".join(f"events[{i}]: {message}" for i, message in order)
        raise FieldInvalid("complaint", f"{complaint.id}: impossible order of events: {found}")
    return _status(complaint, at, sla, calendar_or_official(calendar), yes_or_no(ending, "ending"))


def _status(complaint: Complaint, at: datetime, sla: Limits, calendar: WorkCalendar, ending: bool) -> ComplaintStatus:
    """:func:`complaint_status` of a complaint of a checked dataset, its arguments known good."""
    return StepIndex().status(complaint, at, sla, calendar, ending)


def _period_text(_inst: object, _attr: object, value: Any) -> None:
    """A month's text (``2025-03``) or a year's (``2025``), as rates_of writes the period: a
    document read back with ``2025-13`` was accepted (integrator i55 06)."""
    if type(value) is not str:
        raise FieldInvalid("period", f"expected a month 'YYYY-MM' or a year 'YYYY', got {value!r:.40}")
    if value.isascii() and value.isdigit() and len(value) == 4:
        require_year(int(value), "period")
        return
    try:
        Month.parse(value)
    except FieldInvalid as exc:  # named month by parse: the field is the period
        raise FieldInvalid("period", exc.message, zh=exc.zh) from None


def _percentage(_inst: object, attr: Any, value: Decimal | None) -> None:
    """None (no denominator) or a rate in percent, 0-100 (a rate of 250 or -5 was read back)."""
    if value is not None and not 0 <= value <= 100:
        raise FieldInvalid(attr.name, f"a rate is a percentage 0-100, got {value}")


@frozen
class UnitRates:
    """A handling unit's rates (三率) over a period, with their numerators and denominators.

    Checked when made, as when read back by from_json: the period a month or a year, the
    rates percentages, and the rates of signing and resolving those of their counts."""

    unit: str
    period: str = field(validator=_period_text)
    assigned: int
    signed_on_time: int
    # Of ``assigned``, the sign steps answered by a return (退回): a department that returned a
    # misassigned ticket read 0.00% and its report named no ticket (clerk c56 04). A count of its
    # own acts; 0 in a result written before it was counted.
    returned: int = field(default=0, kw_only=True)
    resolved_due: int
    resolved_on_time: int
    follow_ups: int
    satisfied: int
    basically: int
    response: Decimal | None = field(validator=_percentage)
    resolution: Decimal | None = field(validator=_percentage)
    satisfaction: Decimal | None = field(validator=_percentage)
    #: Σ weight × rate: bounded by the weights, which a county's parameters set.
    combined: Decimal | None
    params: tuple[ParamValue, ...] = field(converter=to_tuple)

    def __attrs_post_init__(self) -> None:
        # The counts' own bounds and the two rates they give exactly (satisfaction's credit is a
        # parameter's): a document saying 2 signed of 1 assigned, or 80.00 for 1 of 2, was read.
        if self.signed_on_time + self.returned > self.assigned:
            raise FieldInvalid("signed_on_time", "signed on time and returned are more than assigned")
        if self.resolved_on_time > self.resolved_due:
            raise FieldInvalid("resolved_on_time", "resolved on time is more than resolved due")
        if self.satisfied + self.basically > self.follow_ups:
            raise FieldInvalid("satisfied", "satisfied and basically satisfied are more than follow-ups")
        for name, num, den in (
            ("response", self.signed_on_time, self.assigned),
            ("resolution", self.resolved_on_time, self.resolved_due),
        ):
            if getattr(self, name) != _shown(_ratio(num, den)):
                raise FieldInvalid(name, f"{getattr(self, name)} is not the rate of {num} of {den}")
        self._check_weighted()

    def _check_weighted(self) -> None:
        """``satisfaction`` and ``combined`` as the parameters the rates carry give them
        (``complaint.basically_credit``, ``complaint.rate_weights``, as rates_of cites them);
        without them, ``combined`` at least present exactly when every rate is, and not negative.
        A document's combined of 250, -5 or None beside three rates was read back (fix helper fe1 03)."""
        rates = (self.response, self.resolution, self.satisfaction)
        if (self.combined is None) != (None in rates):
            said = "given only when" if self.combined is not None else "due where"
            raise FieldInvalid("combined", f"a combined rate is {said} the three rates are, got {self.combined}")
        given = {p.name: p for p in self.params}
        credit, weights = given.get("complaint.basically_credit"), given.get("complaint.rate_weights")
        if credit is None or weights is None:
            if self.combined is not None and self.combined < 0:
                raise FieldInvalid("combined", f"a combined rate is not negative, got {self.combined}")
            return
        satisfaction = _ratio(self.satisfied + Fraction(credit.number()) * self.basically, self.follow_ups)
        if self.satisfaction != _shown(satisfaction):
            raise FieldInvalid("satisfaction", f"{self.satisfaction} is not the rate its counts and credit give")
        response, resolution = (
            _ratio(self.signed_on_time, self.assigned),
            _ratio(self.resolved_on_time, self.resolved_due),
        )
        if self.combined is None or response is None or resolution is None or satisfaction is None:
            return
        w = weights.number_by_key()
        if not w.keys() >= {"response", "resolution", "satisfaction"}:
            raise FieldInvalid("params", f"{weights.name} gives no weight of each rate: {sorted(w)}")
        exact = (
            Fraction(w["response"]) * response
            + Fraction(w["resolution"]) * resolution
            + Fraction(w["satisfaction"]) * satisfaction
        )
        if self.combined != exact_cents(exact):
            raise FieldInvalid("combined", f"{self.combined} is not Σ weight × rate of the rates and weights given")


def _ratio(num: Fraction | int, den: int) -> Fraction | None:
    """The exact rate in percent; rounded only where it is shown (``_shown``)."""
    return Fraction(num) / den * 100 if den else None


def _shown(rate: Fraction | None) -> Decimal | None:
    return None if rate is None else exact_cents(rate)


@in_analysis_context
def unit_rates(
    statuses: Iterable[tuple[Complaint, ComplaintStatus]], period: Month | str | int, params: ParameterSet | None = None
) -> tuple[UnitRates, ...]:
    """Rates per handling unit (三率) over the steps decided in ``period`` (a Month, its text
    ``YYYY-MM``, or a year as a whole number): :func:`rates_of`, its arguments checked first
    (FieldInvalid naming ``statuses``, ``period`` or ``params``; ``statuses`` also when a
    complaint comes twice or with another complaint's status)."""
    pairs = _status_pairs(statuses)
    if isinstance(period, str) and period.isascii() and period.isdigit():  # a year as text: said "a month" (i38)
        raise FieldInvalid(
            "period", f"expected a Month, 'YYYY-MM' or a year as a whole number ({period}), got str {period!r:.20}"
        )
    if not isinstance(period, Month | str | int):  # as_month's words left the year out (integrator i49)
        year = f" ({period.year})" if isinstance(period, Year) else ""
        got = f"{type(period).__name__} {period!r:.40}"
        raise FieldInvalid("period", f"expected a Month, 'YYYY-MM' or a year as a whole number{year}, got {got}")
    span = require_year(period, "period") if isinstance(period, int) else as_month(period, "period")
    return rates_of(pairs, span, params_or_baseline(params))


def _status_pairs(statuses: object) -> tuple[tuple[Complaint, ComplaintStatus], ...]:
    expected = "(Complaint, ComplaintStatus) pairs, as complaint_status gives them"
    if isinstance(statuses, str | bytes) or not isinstance(statuses, Iterable):
        raise FieldInvalid("statuses", f"expected {expected}, got {type(statuses).__name__}")
    pairs = tuple(statuses)
    seen: dict[str, int] = {}
    for i, pair in enumerate(pairs):  # once at the entry; the monitoring report calls rates_of itself
        if type(pair) is not tuple or len(pair) != 2 or not isinstance(pair[0], Complaint):
            raise FieldInvalid("statuses", f"expected {expected}, got an item {pair!r:.40}")
        if not isinstance(pair[1], ComplaintStatus):
            raise FieldInvalid("statuses", f"expected {expected}, got an item {pair!r:.40}")
        # A complaint passed twice (its statuses at two month ends) counted its steps twice, a status
        # paired with another complaint read one's steps and the other's follow-ups (auditor a82 03).
        cid = pair[0].id
        if pair[1].complaint != cid:
            raise FieldInvalid(
                "statuses", f"item {i}: complaint {cid!r} paired with the status of {pair[1].complaint!r}"
            )
        if (first := seen.setdefault(cid, i)) != i:
            raise FieldInvalid("statuses", f"items {first} and {i}: complaint {cid!r} twice; give each complaint once")
    return pairs


def rates_of(
    statuses: Iterable[tuple[Complaint, ComplaintStatus]], period: Month | int, params: ParameterSet
) -> tuple[UnitRates, ...]:
    """Rates per handling unit over the steps decided in ``period`` (a Month or a year):
    done in time in it, or past their due moment in it (undone, or done late: a late step
    counts where its due moment passed, never again where it was done).

    response = signed on time (a return, 退回, is not a signature) / sign steps done or due by
    the status instant; resolution = resolved on time / resolve steps done or due by the
    status instant (a step still open and not yet due is left out of both, and so is one
    withdrawn, 撤回, by its due moment; withdrawn after it, it was not done in time);
    satisfaction = (满意 + credit × 基本满意) / follow-ups; combined = Σ weight × rate (None
    while a rate has no denominator), from the exact rates. Each figure is rounded once, half
    up at two places. Empty for a period that ends before the rates are in force.
    """
    on = period.last_day if isinstance(period, Month) else date(period, 12, 31)
    if not params.in_force("complaint.rate_weights", on):
        return ()  # a period ending before the baseline (February 2022): no rates are in force
    weights = params.get("complaint.rate_weights", on)
    credit_pv = params.get("complaint.basically_credit", on)
    credit = credit_pv.number()

    # The period as Beijing instants [begin, end): comparing moments is cheaper than converting each.
    first = period.first_day if isinstance(period, Month) else date(period, 1, 1)
    begin = datetime(first.year, first.month, 1, tzinfo=BEIJING)
    end = period.end if isinstance(period, Month) else datetime(period + 1, 1, 1, tzinfo=BEIJING)

    tallies = _tallies(statuses, begin, end)
    w = weights.number_by_key()
    return tuple(
        tallies[unit].rates(unit=unit, period=str(period), weights=w, credit=credit, params=(weights, credit_pv))
        for unit in sorted(tallies)
    )


# Bound once: a member looked up on its enum class is a call through the enum's metaclass,
# and a month's rates read every step and event of ten thousand complaints.
_SIGN, _RESOLVE = ComplaintStep.SIGN, ComplaintStep.RESOLVE
_SIGNED, _FOLLOWED_UP, _WITHDRAWN = EventType.SIGNED, EventType.FOLLOWED_UP, EventType.WITHDRAWN
_RETURNED = EventType.RETURNED
_SATISFIED, _BASICALLY = Satisfaction.SATISFIED, Satisfaction.BASICALLY


def _tallies(
    statuses: Iterable[tuple[Complaint, ComplaintStatus]], begin: datetime, end: datetime
) -> dict[str, _RateTally]:
    """Each unit's counts for the steps opened and the follow-ups made in [begin, end)."""
    tallies: dict[str, _RateTally] = {}
    for complaint, status in statuses:
        at = status.at
        for step in status.steps:
            unit, done_at, due_at = step.unit, step.done_at, step.due_at
            # A step without a limit (opened before the programme's limits) is neither for nor against.
            if unit is None or due_at is None:
                continue
            # Counted in the period it is decided in: done in time, or its due moment passed
            # undone. By the month it opened, a step opened at one month's end and done (or
            # overdue) in the next was pending in the one and not the other's: in no month's
            # rate (auditor 2). A step done late was decided when its due moment passed: it
            # counts there, and not again in the month it was done (auditor a25: due 10-29 and
            # resolved 11-05, it failed October's rate and November's too).
            if done_at is None and in_time(at, due_at):
                continue  # pending at the instant (Step.due_by): neither for nor against
            on_time = done_at is not None and in_time(done_at, due_at)  # Step.on_time
            if on_time and step.done_by is _WITHDRAWN:
                continue  # withdrawn (撤回) by its due moment: neither for nor against; after it, missed
            decided = done_at if on_time and done_at is not None else due_at
            if not begin <= decided < end:
                continue
            tally = tallies.get(unit)  # a new tally only for a unit's first step, not each step
            if tally is None:
                tally = tallies[unit] = _RateTally()
            if step.name is _SIGN:
                tally.assigned += 1
                # A ticket returned (退回) was answered in time, but not signed for.
                tally.signed_on_time += on_time and step.done_by is _SIGNED
                tally.returned += step.done_by is _RETURNED
            elif step.name is _RESOLVE:
                tally.resolved_due += 1
                tally.resolved_on_time += on_time
        if status.unit is None:
            continue
        # Every follow-up made in the period by the instant: a 不满意 one that reopened the
        # complaint counts as well as the 满意 one after it, so that a year's rate is its
        # months' together (by the last one only, the year forgot October's 不满意: auditor 2).
        for e in complaint.events:
            if e.type is _FOLLOWED_UP and e.at <= at and begin <= e.at < end:
                tally = tallies.setdefault(status.unit, _RateTally())
                tally.follow_ups += 1
                tally.satisfied += e.satisfaction is _SATISFIED
                tally.basically += e.satisfaction is _BASICALLY
    return tallies


@define(kw_only=True)
class _RateTally:
    """A handling unit's counts in a period, added up step by step (the rates' numerators
    and denominators)."""

    assigned: int = 0
    signed_on_time: int = 0
    returned: int = 0
    resolved_due: int = 0
    resolved_on_time: int = 0
    follow_ups: int = 0
    satisfied: int = 0
    basically: int = 0

    def rates(
        self,
        *,
        unit: str,
        period: str,
        weights: dict[str, Decimal],
        credit: Decimal,
        params: tuple[ParamValue, ...],
    ) -> UnitRates:
        response = _ratio(self.signed_on_time, self.assigned)
        resolution = _ratio(self.resolved_on_time, self.resolved_due)
        satisfaction = _ratio(self.satisfied + Fraction(credit) * self.basically, self.follow_ups)
        combined = None
        if response is not None and resolution is not None and satisfaction is not None:
            # From the exact rates, rounded once: weighting the shown 33.33 gave 54.665 where
            # the policy's 54.666… shows 54.67 (auditor 02).
            total = (
                Fraction(weights["response"]) * response
                + Fraction(weights["resolution"]) * resolution
                + Fraction(weights["satisfaction"]) * satisfaction
            )
            combined = exact_cents(total)
        return UnitRates(
            unit=unit,
            period=period,
            assigned=self.assigned,
            signed_on_time=self.signed_on_time,
            returned=self.returned,
            resolved_due=self.resolved_due,
            resolved_on_time=self.resolved_on_time,
            follow_ups=self.follow_ups,
            satisfied=self.satisfied,
            basically=self.basically,
            response=_shown(response),
            resolution=_shown(resolution),
            satisfaction=_shown(satisfaction),
            combined=combined,
            params=params,
        )


def resolved_by(complaint: Complaint, month: tuple[int, int], at: datetime, end: datetime) -> bool:
    """Whether ``complaint``, resolved in ``month`` (Beijing), was resolved in it by ``at``:
    always at the month's ``end``; an instant inside the month does not know a later
    resolution (the usual question, at the month's end, costs one comparison)."""
    if at >= end:
        return True
    return any(e.type is EventType.RESOLVED and e.at <= at and beijing_month(e.at) == month for e in complaint.events)


def unit_names(dataset: Dataset) -> dict[str, str]:
    """Each handling unit's name (办理单位) by id, in id order: the departments', then 市软建办's
    (CITY_OFFICE_UNIT), as the monthly report and the results workbook name a unit's 三率."""
    return {d.id: d.name for d in sorted(dataset.departments, key=lambda d: d.id)} | {
        CITY_OFFICE_UNIT: dataset.city.office
    }


def year_unit_rates(
    dataset: Dataset,
    year: int,
    pm: SoftenvPluginManager,
    calendar: WorkCalendar,
    params: ParameterSet,
    as_of: datetime | None,
) -> tuple[UnitRates, ...]:
    """三率 of ``year`` for the results workbook, as the assessment's instant knows them (the
    city office's: the caller keeps the units its reader may see, Audience.sees_unit_rates):
    each complaint's status at the year's end, or at ``as_of`` when that is earlier (what is
    stamped by then, docs/complaints.md "An instant"; auditor r3 09: July's events were read in
    June's workbook), its steps counted by year."""
    end = datetime(year + 1, 1, 1, tzinfo=BEIJING)
    at, ending = (as_of, False) if as_of is not None and as_of < end else (end, True)
    statuses = [
        (c, _status(c, at, sla_for(pm, dataset, c, calendar, params), calendar, ending))
        for c in dataset.complaints
        if c.events and received_by(c.events[0].at, at, ending)
    ]
    return unit_rates(statuses, year, params)


__all__ = [
    "CITY_OFFICE_UNIT",
    "ComplaintState",
    "ComplaintStatus",
    "ComplaintStep",
    "DatedLimits",
    "Limits",
    "LimitsBook",
    "Step",
    "StepIndex",
    "UnitRates",
    "complaint_status",
    "rates_of",
    "resolved_by",
    "sla_for",
    "unit_names",
    "unit_rates",
    "year_unit_rates",
]
