"""The complaint steps of a batch (StepIndex, LimitsBook) against a straightforward reference.

The batch machinery walks each complaint's events once and reads earlier instants from the
walk, and shares the city's limits between the counties without a plugin of their own. The
reference below does neither: for each complaint and instant it filters the events, walks
them afresh and asks the plugins for every step. Both must give the same statuses, whatever
the order of the questions, with returns, extensions, reopenings, a county plugin giving
stricter limits from a date, and a city limit changed by a dated parameter.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone
from types import SimpleNamespace

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from softenv_core import (
    CITY_OFFICE,
    Complaint,
    ComplaintEvent,
    ComplaintKind,
    ComplaintSla,
    EventType,
    ItemCategory,
    Month,
    PluginInfo,
    Satisfaction,
    WorkCalendar,
    baseline_parameters,
    get_plugin_manager,
    hookimpl,
)
from softenv_core.analyses.complaint_alive import AliveIndex
from softenv_core.analyses.complaint_handling import (
    ComplaintState,
    ComplaintStatus,
    ComplaintStep,
    LimitsBook,
    Step,
    StepIndex,
)
from softenv_core.engine.parameters import DatedValue, Parameter
from softenv_core.engine.resolution import resolve_sla
from softenv_core.model.periods import BEIJING
from softenv_core.testing import small_dataset
from softenv_core.testing.strategies import complaint_histories

from .weights import HEAVY

CAL = WorkCalendar()
STRICT = "379902"  # the county with its own limits
COUNTIES = (STRICT, "379903", "379904")
UNITS = ("city-amr", "city-tax")


class Stricter:
    """379902: from 2025-07-01, less of everything, and less again for reports; None before."""

    def __init__(self) -> None:
        self.asked: list[date] = []

    @hookimpl
    def softenv_plugin_info(self):
        return PluginInfo(county=STRICT, title="test", reference="test policy")

    @hookimpl
    def softenv_complaint_sla(self, kind, calendar, params, on):
        self.asked.append(on)
        if on < date(2025, 7, 1):
            return None
        # Each at most the city's (a county may only be stricter): a suggestion's is 5.
        resolve = 3 if kind is ComplaintKind.REPORT else 4 if kind is ComplaintKind.SUGGESTION else 10
        limits = {"accept": 0, "sign": 1, "max_extension": 5, "follow_up": 1}
        return ComplaintSla(resolve={kind.value: resolve}, reference="t", **limits)


def _dataset(points, **more):
    """A stand-in dataset: point P<i> of a county, and department D<i> of the same county (the
    limits follow the department complained about: complaint_limits.limits_county)."""
    departments = tuple(SimpleNamespace(id="D" + p[1:], county=n.county) for p, n in points.items())
    return SimpleNamespace(point_county={p: n.county for p, n in points.items()}, departments=departments, **more)


def _params():
    """The baseline with the sign limit raised to 2 working days from 2025-10-01."""
    city = baseline_parameters()
    old = city.get("complaint.sign_workdays", date(2025, 1, 1))
    changed = Parameter(
        "complaint.sign_workdays",
        old.reference,
        values=(DatedValue(old.effective_from, old.value), DatedValue(date(2025, 10, 1), 2)),
    )
    return city.merged([changed])


PARAMS = _params()


# --- the reference: the original algorithm, one complaint and one instant at a time ------

_OPENS = {
    EventType.RECEIVED: ComplaintStep.ACCEPT,
    EventType.ACCEPTED: ComplaintStep.ASSIGN,
    EventType.RETURNED: ComplaintStep.ASSIGN,
    EventType.ASSIGNED: ComplaintStep.SIGN,
    EventType.SIGNED: ComplaintStep.RESOLVE,
    EventType.REOPENED: ComplaintStep.RESOLVE,
    EventType.RESOLVED: ComplaintStep.FOLLOW_UP,
    EventType.FOLLOWED_UP: ComplaintStep.CLOSE,
}
_COMPLETES = {
    ComplaintStep.ACCEPT: (EventType.ACCEPTED, EventType.REJECTED, EventType.WITHDRAWN),
    ComplaintStep.ASSIGN: (EventType.ASSIGNED, EventType.REJECTED, EventType.WITHDRAWN),  # rejected: after a return
    ComplaintStep.SIGN: (EventType.SIGNED, EventType.RETURNED, EventType.WITHDRAWN),
    ComplaintStep.RESOLVE: (EventType.RESOLVED, EventType.WITHDRAWN),
    ComplaintStep.FOLLOW_UP: (EventType.FOLLOWED_UP,),
    ComplaintStep.CLOSE: (EventType.CLOSED, EventType.REOPENED),
}


def _end(day):
    return datetime.combine(day, time(23, 59, 59), BEIJING)


def _limits(pm, county, kind, moment):
    return resolve_sla(pm, county, kind, CAL, PARAMS, on=moment.astimezone(BEIJING).date())


def _due(step, opened, kind, sla):
    if step in (ComplaintStep.CLOSE, ComplaintStep.ASSIGN):
        return None  # no limit in the programme
    limit = sla.resolve.get(kind.value) if step is ComplaintStep.RESOLVE else getattr(sla, step.value)
    return None if limit is None else _end(CAL.add_workdays(opened.astimezone(BEIJING).date(), limit))


def reference_status(pm, county, complaint, at, ending=False):
    # An instant reads the events stamped by it; a period's end (ending) those before it.
    events = [e for e in complaint.events if (e.at < at if ending else e.at <= at)]
    steps, problems = [], []
    current = unit = None
    supervised = None  # the latest 督办 since the open step began
    unsatisfied = reopened = False
    for ev in events:
        if ev.type is EventType.FOLLOWED_UP:
            unsatisfied = ev.satisfaction is Satisfaction.UNSATISFIED
        elif ev.type is EventType.REOPENED:
            reopened = True
        elif ev.type is EventType.CLOSED and unsatisfied and not reopened:
            shown = ev.at.astimezone(BEIJING).isoformat()
            problems.append(f"closed at {shown} after a follow-up rated 不满意 without reopening it")
        if ev.type is EventType.SUPERVISED:
            supervised = ev.at
            continue
        if ev.type is EventType.EXTENDED and current is not None and current.name is ComplaintStep.RESOLVE:
            days = ev.extension_days or 0
            most = _limits(pm, county, complaint.kind, current.opened_at).max_extension
            if current.due_at is not None and ev.at > current.due_at:
                shown = ev.at.astimezone(BEIJING).isoformat()
                problems.append(f"extension at {shown} came after the due moment; not applied")
            elif days > most:
                problems.append(f"extension of {days} working days exceeds {most}; not applied")
            elif current.due_at is not None:
                due = _end(CAL.add_workdays(current.due_at.date(), days))
                current = Step(current.name, current.opened_at, due, None, current.unit, days)
            continue
        if current is not None and ev.type in _COMPLETES[current.name]:
            c = current
            steps.append(Step(c.name, c.opened_at, c.due_at, ev.at, c.unit, c.extended_by, ev.type))
            current = None
        if ev.type is EventType.ASSIGNED:
            unit = ev.unit
        elif ev.type is EventType.RETURNED:  # 待交办: no unit until assigned again (auditor a58 06)
            unit = None
        step = _OPENS.get(ev.type)
        if step is not None:
            sla = _limits(pm, county, complaint.kind, ev.at)
            in_unit = step in (ComplaintStep.SIGN, ComplaintStep.RESOLVE)
            current = Step(step, ev.at, _due(step, ev.at, complaint.kind, sla), None, unit if in_unit else None)
            supervised = None
    if current is not None:
        steps.append(current)
    due_at = current.due_at if current is not None else None
    overdue = 0
    if due_at is not None and at.replace(microsecond=0) > due_at:  # the due second included whole
        # The working days after the due day up to the last day begun before ``at``.
        today = (at - timedelta(microseconds=1)).astimezone(BEIJING).date()
        overdue = max(1, CAL.workdays_between(due_at.date(), today))
    # Only a 督办 once the step was overdue answers it (a reminder inside the limit: auditor a70 05).
    due = overdue > 0 and not (supervised is not None and supervised.replace(microsecond=0) > due_at)
    return ComplaintStatus(
        complaint=complaint.id,
        at=at,
        state=ComplaintState.after(events[-1].type if events else None),
        open_step=current.name if current is not None else None,
        due_at=due_at,
        overdue_workdays=overdue,
        supervision_due=due,
        unit=unit,
        steps=steps,
        problems=problems,
        reminded_at=supervised if due else None,  # the reminder beside 应督办 (clerk c58 04)
    )


# --- generated complaints -------------------------------------------------------------------


@st.composite
def _complaint(draw, n):
    # A few days around the changes of limits, so that complaints of different counties
    # often open steps on the same day (where a wrongly shared answer would show).
    day = draw(st.sampled_from([date(2025, 3, 3), date(2025, 6, 27), date(2025, 9, 26), date(2026, 1, 30)]))
    start = datetime.combine(day, time(9), BEIJING) + timedelta(hours=draw(st.integers(0, 24 * 7)))
    events = draw(complaint_histories(start, UNITS))
    if draw(st.integers(0, 9)) == 0:  # a record out of time order (the model flags it; statuses still come)
        events = tuple(draw(st.permutations(events)))
    # The same moments written in another zone (a batch compares in the zone of its first
    # complaint's events): statuses must not depend on it.
    zone = draw(st.sampled_from([BEIJING, timezone(timedelta(hours=8)), UTC, timezone(timedelta(hours=-5))]))
    events = tuple(attrs.evolve(e, at=e.at.astimezone(zone)) for e in events)
    kind = draw(st.sampled_from(ComplaintKind))
    # Twins in two counties: the same history opens steps on the same days in both.
    twin = draw(st.permutations(range(len(COUNTIES))))[:2]
    return [Complaint(f"Q{n}-{i}", kind, f"P{i}", f"D{i}", ItemCategory.SERVICE, "t", events=events) for i in twin]


@st.composite
def _cases(draw):
    complaints = [c for n in range(draw(st.integers(1, 4))) for c in draw(_complaint(n))]
    instants = []
    for c in complaints:
        for e in c.events:  # just before, at and after each event, and at month ends after it
            instants += [e.at - timedelta(seconds=1), e.at, e.at + timedelta(days=draw(st.integers(0, 40)))]
    instants += [Month(2025, m).end for m in range(1, 13)]
    questions = [(c, at) for c in complaints for at in instants]
    return draw(st.permutations(questions))


@HEAVY
@given(_cases())
def test_batch_statuses_equal_a_fresh_walk_for_every_complaint_and_instant(questions):
    pm = get_plugin_manager(autoload=False, plugins=[("stricter", Stricter())])
    points = {f"P{i}": SimpleNamespace(county=county) for i, county in enumerate(COUNTIES)}
    dataset = _dataset(points)
    index = StepIndex()
    for complaint, at in questions:
        limits = index.limits.limits_for(pm, dataset, complaint, CAL, PARAMS)
        county = points[complaint.point].county
        assert index.status(complaint, at, limits, CAL) == reference_status(pm, county, complaint, at)


@st.composite
def _batches(draw):
    complaints = [c for n in range(draw(st.integers(1, 5))) for c in draw(_complaint(n))]
    instants = [Month(2025, m).end for m in range(1, 13)]
    for c in complaints:  # at and just before an event, in the middle of a walk
        e = draw(st.sampled_from(c.events))
        instants += [e.at, e.at - timedelta(seconds=1)]
    # Each as an instant (reading what is stamped at it) or as a period's end (not reading it).
    return complaints, draw(st.permutations([(at, ending) for at in instants for ending in (False, True)]))


@HEAVY
@given(_batches())
def test_the_statuses_alive_in_a_batch_equal_a_fresh_walk_whatever_the_order_of_the_instants(batch):
    complaints, instants = batch
    pm = get_plugin_manager(autoload=False, plugins=[("stricter", Stricter())])
    points = {f"P{i}": SimpleNamespace(county=county) for i, county in enumerate(COUNTIES)}
    finished = (EventType.CLOSED, EventType.REJECTED, EventType.WITHDRAWN)
    spans = sorted(
        ((c.events[0].at, c.events[-1].at if c.events[-1].type in finished else None, c) for c in complaints),
        key=lambda span: (span[0], span[2].id),
    )
    dataset = _dataset(points, complaint_spans=tuple(spans))
    index = StepIndex()
    for at, ending in instants:  # from the month before: the complaints finished before then are left out
        begin = at - timedelta(days=31)
        found = index.alive(dataset, begin, at, pm, CAL, PARAMS, ending=ending)
        received = [c for r, f, c in spans if (r < at if ending else r <= at) and (f is None or f >= begin)]
        assert [c for c, _ in found] == received
        for complaint, status in found:
            assert status == reference_status(pm, points[complaint.point].county, complaint, at, ending)


def test_counties_without_their_own_limits_share_the_citys_answers_and_the_strict_county_is_asked_per_day():
    stricter = Stricter()
    pm = get_plugin_manager(autoload=False, plugins=[("stricter", stricter)])
    points = {f"P{i}": SimpleNamespace(county=county) for i, county in enumerate(COUNTIES)}
    dataset = _dataset(points)
    book = LimitsBook()
    days = [date(2025, 6, 30), date(2025, 7, 1), date(2025, 10, 1)]
    for i in range(3):
        complaint = Complaint(f"Q{i}", ComplaintKind.REPORT, f"P{i}", f"D{i}", ItemCategory.SERVICE, "t")
        limits = book.limits_for(pm, dataset, complaint, CAL, PARAMS)
        for day in days:
            assert limits(day) == resolve_sla(pm, COUNTIES[i], ComplaintKind.REPORT, CAL, PARAMS, on=day)
    assert book.limits_for(pm, dataset, complaint, CAL, PARAMS) is limits
    # The county plugin was asked by the book once per day for its county (then again by
    # resolve_sla above, once per day): never for the other two counties.
    assert sorted(stricter.asked) == sorted(days * 2)
    assert pm.counties_with("softenv_complaint_sla") == frozenset({STRICT})


def test_a_month_alone_equals_the_same_month_in_a_batch_with_a_county_plugin_and_a_dated_limit():
    from softenv_core.analyses.monitoring_report import monitoring_report, monitoring_reports

    ds = small_dataset(2025)
    county = ds.counties[0].code

    class Own(Stricter):
        @hookimpl
        def softenv_plugin_info(self):
            return PluginInfo(county=county, title="test", reference="test policy")

    pm = get_plugin_manager(autoload=False, plugins=[("own", Own())])
    months = [Month(2025, m) for m in range(1, 13)]
    batch = monitoring_reports(ds, months, pm, audience=CITY_OFFICE, params=PARAMS)
    for m, r in zip(months, batch, strict=True):
        assert r.to_json() == monitoring_report(ds, m, pm, audience=CITY_OFFICE, params=PARAMS).to_json()


@st.composite
def _spans(draw):
    base = datetime(2025, 1, 1, tzinfo=BEIJING)
    # Sorted by the instant received, as Dataset.complaint_spans is (the index's precondition):
    # sorting the days alone left two of one day out of order by their hours.
    starts = sorted(draw(st.lists(st.tuples(st.integers(0, 400), st.integers(0, 23)), max_size=300)))
    spans = []
    for n, (day, hour) in enumerate(starts):
        received = base + timedelta(days=day, hours=hour)
        length = draw(st.one_of(st.none(), st.integers(0, 30), st.integers(0, 400)))
        spans.append((received, None if length is None else received + timedelta(days=length), f"Q{n}"))
    return spans


@given(
    _spans(),
    st.lists(st.tuples(st.integers(-10, 420), st.integers(0, 60), st.booleans()), min_size=1, max_size=30),
)
def test_the_alive_index_gives_the_complaints_a_scan_gives_before_and_after_it_is_built(spans, periods):
    from softenv_core.analyses.complaint_alive import AliveIndex

    index = AliveIndex(spans)
    base = datetime(2025, 1, 1, tzinfo=BEIJING)
    for start, days, ending in periods * 3:  # asked again and again: the index is built on the way
        begin = base + timedelta(days=start)
        at = begin + timedelta(days=days)
        # Received at ``at`` itself: the next period's when ``at`` ends one, else read.
        expected = [c for r, f, c in spans if (r < at if ending else r <= at) and (f is None or f >= begin)]
        assert index.alive(begin, at, ending) == expected


def test_the_due_memo_gives_what_working_it_out_gives_and_keeps_counties_apart():
    from softenv_core.analyses.complaint_steps import _Trace

    pm = get_plugin_manager(autoload=False, plugins=[("stricter", Stricter())])
    points = {f"P{i}": SimpleNamespace(county=county) for i, county in enumerate(COUNTIES)}
    dataset = _dataset(points)
    book = LimitsBook()
    kind = ComplaintKind.REPORT
    # Every step opened on 2025-07-02, when the strict county's limits are in force.
    opened = datetime(2025, 7, 2, 10, tzinfo=BEIJING)
    types = (EventType.RECEIVED, EventType.ACCEPTED, EventType.ASSIGNED, EventType.SIGNED, EventType.RESOLVED)
    events = [ComplaintEvent(t, opened + timedelta(minutes=i), "x", unit="city-amr") for i, t in enumerate(types)]
    events.append(
        ComplaintEvent(EventType.FOLLOWED_UP, opened + timedelta(hours=1), "x", satisfaction=Satisfaction.SATISFIED)
    )
    complaints = [Complaint(f"Q{i}", kind, f"P{i}", f"D{i}", ItemCategory.SERVICE, "t", events=events) for i in (0, 1)]
    strict, other = (book.limits_for(pm, dataset, c, CAL, PARAMS) for c in complaints)

    def walked(limits, dues):
        return _Trace(complaints[0], limits, CAL, dues)._afresh(events, len(events)).steps

    dues: dict = {}
    for limits in (strict, other, strict):  # asked again: from the memo
        assert walked(limits, dues) == walked(limits, None)
    # The same step opened the same day is due at different moments in the two counties.
    resolve = (strict.answers, opened.date(), id(ComplaintStep.RESOLVE), kind.value)
    assert dues[resolve] != dues[(other.answers, *resolve[1:])]


# --- summer time: the repeated hour ------------------------------------------------------------


def _new_york():
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo("America/New_York")
    except ZoneInfoNotFoundError:  # pragma: no cover - a machine without a time zone database
        pytest.skip("no time zone database (tzdata) on this machine")


def test_moments_in_the_repeated_hour_of_a_summer_time_zone_are_ordered_by_the_instant():
    # 2025-11-02 01:00-02:00 comes twice in New York: 01:50 (fold 0) is 05:50 UTC, 01:10
    # (fold 1) is 06:10 UTC. By the clock the second is earlier; by the instant it is later.
    ny = _new_york()
    early, late = datetime(2025, 11, 2, 1, 50, tzinfo=ny), datetime(2025, 11, 2, 1, 10, fold=1, tzinfo=ny)
    assert early.astimezone(UTC) < late.astimezone(UTC)
    pm = get_plugin_manager(autoload=False)
    points = {"P1": SimpleNamespace(county=COUNTIES[1])}
    dataset = _dataset(points)

    def complaint(first, second):
        events = (
            ComplaintEvent(EventType.RECEIVED, first, "市软建办"),
            ComplaintEvent(EventType.ACCEPTED, second, "市软建办"),
        )
        return Complaint("Q1", ComplaintKind.REPORT, "P1", "D1", ItemCategory.SERVICE, "t", events=events)

    instants = [datetime(2025, 11, 2, h, m, tzinfo=UTC) for h, m in ((5, 45), (6, 0), (6, 30))]
    instants += [i.astimezone(ny) for i in instants]  # asked in the events' own zone too
    for c in (complaint(early, late), complaint(late, early)):  # in order, and out of order
        index = StepIndex()
        limits = index.limits.limits_for(pm, dataset, c, CAL, PARAMS)
        for at in instants:
            # The reference asked in UTC: in the events' own zone object its comparisons would
            # be by the clock too. The status keeps the instant as asked (a moment in the
            # repeated hour never equals one in another zone, PEP 495): compared apart.
            found = index.status(c, at, limits, CAL)
            expected = reference_status(pm, COUNTIES[1], c, at.astimezone(UTC))
            assert found.at is at
            assert attrs.evolve(found, at=expected.at) == expected


def test_the_alive_index_skips_no_block_whose_latest_end_falls_in_a_repeated_hour():
    ny = _new_york()
    ends = [datetime(2025, 11, 2, 1, 50, tzinfo=ny), datetime(2025, 11, 2, 1, 10, fold=1, tzinfo=ny)]
    start = datetime(2025, 11, 1, 9, tzinfo=ny)
    spans = [(start, end, f"Q{i}") for i, end in enumerate(ends)]
    index = AliveIndex(spans)
    begin, at = datetime(2025, 11, 2, 6, 0, tzinfo=UTC), datetime(2025, 11, 3, tzinfo=UTC)
    assert index.alive(begin, at) == ["Q1"]  # a scan: Q0 ended at 05:50 UTC, Q1 at 06:10
    assert index.alive(begin, at) == ["Q1"]  # the index, built now, says the same


def test_the_model_flags_an_event_earlier_than_the_one_before_it_by_the_instant_in_a_repeated_hour():
    from softenv_core.model.complaints import event_order_problems

    ny = _new_york()
    early, late = datetime(2025, 11, 2, 1, 50, tzinfo=ny), datetime(2025, 11, 2, 1, 10, fold=1, tzinfo=ny)

    def complaint(first, second):
        events = (ComplaintEvent(EventType.RECEIVED, first, "办"), ComplaintEvent(EventType.ACCEPTED, second, "办"))
        return Complaint("Q1", ComplaintKind.REPORT, "P1", None, ItemCategory.SERVICE, "t", events=events)

    assert event_order_problems(complaint(early, late)) == []
    assert [i for i, message in event_order_problems(complaint(late, early)) if "earlier" in message] == [1]


def test_overdue_days_at_a_months_end_count_the_month_not_the_next_working_day():
    """July's report speaks at 2025-08-01 00:00, a day not yet worked: a step due Tue 07-29 is
    2 working days overdue (07-30, 07-31), not 3; one due Thu 11-27 is 1 at November's end
    (11-28), not 2 (Monday 12-01 counted before) — auditor finding."""
    from softenv_core.analyses.complaint_handling import complaint_status
    from softenv_core.model.periods import Month
    from softenv_core.rules.city.baseline import baseline_sla

    received = ComplaintEvent(EventType.RECEIVED, datetime(2025, 7, 28, 10, tzinfo=BEIJING), "市软建办")
    july = Complaint("C1", ComplaintKind.COMPLAINT, "P1", "city-amr", ItemCategory.FEES, "t", events=(received,))
    sla = baseline_sla(ComplaintKind.COMPLAINT, baseline_parameters(), on=date(2025, 7, 28))
    status = complaint_status(july, Month(2025, 7).end, sla, CAL)
    assert status.due_at == datetime(2025, 7, 29, 23, 59, 59, tzinfo=BEIJING) and status.overdue_workdays == 2
    assert complaint_status(july, Month(2025, 7).end + timedelta(hours=9), sla, CAL).overdue_workdays == 3
