"""The demo city reads as a city that runs the programme (issue 20): working days, methods,
symposia, complaints that progress, waivers in time, a consistent roster, 定人, follow-ups,
专项调研, guarantees. Deterministic from its seed."""

from collections import Counter
from datetime import date, timedelta
from functools import cache

from softenv_core import CITY_OFFICE
from softenv_core.analyses.adjustment import apply_changes, check_filings, check_window
from softenv_core.analyses.complaint_handling import complaint_status, sla_for
from softenv_core.analyses.followup_status import followup_year
from softenv_core.analyses.guarantees import guarantees
from softenv_core.analyses.liaison import liaison_check, liaison_workload
from softenv_core.analyses.research_topics import topics_of_year
from softenv_core.demo import build_demo
from softenv_core.engine.parameters import baseline_parameters
from softenv_core.engine.resolution import resolve_deadline
from softenv_core.io.dataset_files import dataset_json, loads_dataset
from softenv_core.model.complaints import EventType
from softenv_core.model.periods import BEIJING, Month, Year
from softenv_core.model.reports import ContactMethod
from softenv_core.rules.registry import get_plugin_manager
from softenv_core.workdays.calendar import WorkCalendar

PARAMS = baseline_parameters()
CAL = WorkCalendar()


@cache
def demo():
    return build_demo()


def _days(first: date, last: date) -> set[date]:
    return {first + timedelta(days=n) for n in range((last - first).days + 1)}


# The State Council's 2025 arrangement: 春节 01-28 to 02-04, 国庆节 and 中秋节 10-01 to 10-08.
SPRING_FESTIVAL = _days(date(2025, 1, 28), date(2025, 2, 4))
NATIONAL_DAY = _days(date(2025, 10, 1), date(2025, 10, 8))


def test_same_seed_same_bytes_and_another_seed_another_city():
    a = dataset_json(build_demo())
    assert a == dataset_json(build_demo())
    assert a != dataset_json(build_demo(seed=7))
    assert loads_dataset(a) == demo()


def test_contacts_are_on_working_days_never_in_the_spring_festival_or_national_day():
    days = {c.date for c in demo().contacts}
    assert all(CAL.is_workday(d) for d in days)
    assert not days & SPRING_FESTIVAL and not days & NATIONAL_DAY
    # Sundays 01-26, 04-27 and 09-28 are make-up working days (调休): a contact may fall on them.
    assert all(d.weekday() != 6 or d in (date(2025, 1, 26), date(2025, 4, 27), date(2025, 9, 28)) for d in days)


def test_every_month_mixes_phone_visits_and_symposia_and_a_symposium_is_one_meeting():
    ds = demo()
    for m in Year(2025).months:
        methods = Counter(c.method for c in ds.contacts_by_month[m])
        # The demo's offices phone, visit and meet (网络 and 其他 are the data's choices, not drawn).
        assert set(methods) == {ContactMethod.PHONE, ContactMethod.VISIT, ContactMethod.SYMPOSIUM}, (m, methods)
        meetings: dict[str, set[date]] = {}
        attendees: Counter[tuple[str, date]] = Counter()
        for c in ds.contacts_by_month[m]:
            if c.method is ContactMethod.SYMPOSIUM:
                meetings.setdefault(c.liaison, set()).add(c.date)
                attendees[(c.liaison, c.date)] += 1
        assert all(len(d) == 1 for d in meetings.values()), (m, meetings)  # one meeting per office a month
        assert all(n >= 2 for n in attendees.values()), (m, attendees)  # several points at it


def test_complaints_progress_supervised_when_overdue_and_closed_within_months():
    ds = demo()
    pm = get_plugin_manager(autoload=False)
    year_end = Month(2025, 12).end
    for q in ds.complaints:
        status = complaint_status(q, year_end, sla_for(pm, ds, q, CAL, PARAMS), CAL)
        late = any(s.name == "resolve" and s.on_time is False for s in status.steps)
        if late or status.overdue:
            assert any(e.type is EventType.SUPERVISED for e in q.events), q.id  # 督办
        received = q.events[0].at
        if status.open_step is None:
            assert q.events[-1].at - received < timedelta(days=100), q.id
        else:  # still open at the year's end: received in its last months
            assert received.astimezone(BEIJING).month >= 8, q.id
    states = Counter(
        "open" if e.type not in (EventType.CLOSED, EventType.REJECTED) else e.type.value
        for q in ds.complaints
        for e in q.events[-1:]
    )
    assert states["closed"] > 3 * states["open"]


def test_waivers_are_decided_before_the_deadline_they_excuse():
    ds = demo()
    pm = get_plugin_manager(autoload=False)
    counties = ds.county_by_code
    assert ds.waivers
    for w in ds.waivers:
        due = resolve_deadline(pm, counties[w.county], w.month, CAL, PARAMS).due_at
        assert w.decided_on < due.astimezone(BEIJING).date()


def test_roster_changes_agree_with_the_points_and_the_window_flags_the_mid_year_addition():
    ds = demo()
    assert apply_changes(ds) == ds  # the changes give exactly the points' designation periods
    flagged = [c for c in check_window(ds, 2025, PARAMS) if c.flagged]
    assert [(c.point, c.effective) for c in flagged] == [("P379921-020", date(2025, 4, 1))]  # 青山县
    filings = check_filings(ds, audience=CITY_OFFICE)
    assert any(f.ok for f in filings) and any(not f.ok and f.filing is None for f in filings)
    assert any(not f.ok and f.filing is not None for f in filings)


def test_points_have_named_liaison_persons_and_a_few_contacts_are_by_someone_else():
    ds = demo()
    assert all(p.liaison_person for p in ds.points)
    flagged = sum(len(liaison_check(ds, m).flagged) for m in Year(2025).months)
    assert 0 < flagged < len(ds.contacts) // 20
    workload = liaison_workload(ds, date(2025, 6, 30))
    assert not workload.unassigned
    per_office = Counter(w.office for w in workload.persons)
    assert set(per_office.values()) <= {2, 3} and per_office["city"] == 3


def test_matters_are_followed_up_and_most_are_helped():
    y = followup_year(demo(), 2025, PARAMS)
    assert y.matters > 300
    assert y.helped > y.matters // 2 and y.open_at_year_end < y.matters // 3
    assert all(n > 0 for n in y.by_kind.values())


def test_research_topics_go_through_their_lifecycle_and_guarantees_are_recorded():
    ds = demo()
    topics = topics_of_year(ds, 2025)
    assert [t.state for t in topics.topics] == ["closed", "findings", "proposed"]
    assert all(t.evidence for t in topics.topics[:2])
    g = guarantees(ds, 2025)
    assert g.without_plan == ("379922", "379982") and g.without_publicity == ()
    assert sum(c.publicity_by_city for c in g.counties) == 8
