"""Hypothesis strategies for softenv_core's records one by one (``strategies.datasets()``
puts them together into consistent datasets; import them from ``softenv_core.testing.strategies``)."""

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from typing import Any

from hypothesis import reject
from hypothesis import strategies as st

from softenv_core.model.appraisals import RaterGroup, Rating, RatingLevel
from softenv_core.model.complaints import (
    CITY_OFFICE_UNIT,
    Complaint,
    ComplaintEvent,
    ComplaintKind,
    EventType,
    Satisfaction,
    Verdict,
)
from softenv_core.model.divisions import County, CountyKind
from softenv_core.model.enterprises import Enterprise, Ownership, Sector, synthetic_uscc
from softenv_core.model.followups import FollowUp, FollowUpKind, MatterSource
from softenv_core.model.guarantees import PublicityActivity, PublicityKind, WorkPlan
from softenv_core.model.periods import BEIJING, HalfYear, Month
from softenv_core.model.points import Designator, MonitoringPoint, PointLevel
from softenv_core.model.reports import Contact, ContactMethod, Item, ItemCategory, MonthlyReport
from softenv_core.model.roster import Finding, Measure, Nomination, ResearchTopic, TopicEvent, TopicState
from softenv_core.model.sizes import Size

COUNTY_CODES = ("379902", "379903", "379921", "379922", "379981")
# Years the baseline (from 2022-03-01) covers whole, with the next January in chinesecalendar
# (December's report is due then).
SAFE_YEARS = (2023, 2024, 2025)

# Text that is not blank: a text of the alphabet, drawn again (at most three times, as
# ``.filter`` does) while ``str.strip`` leaves nothing of it. Not ``.filter(str.strip)``: hypothesis
# (6.170) validates a filtered strategy again on every draw (its validation re-initialises it),
# about a tenth of the time a generated dataset took; a composite is validated once. The same
# texts are kept, each as likely as before.
_ANY_TEXT = st.text(
    alphabet=st.sampled_from("软环境监测点企业反映问题办理服务收费执法ABCxyz0123 "), min_size=1, max_size=30
)


@st.composite
def _nonblank(draw: st.DrawFn) -> str:
    for _ in range(3):
        text = draw(_ANY_TEXT)
        if text.strip():
            return text
    reject()


_text = _nonblank()


def months(years: tuple[int, ...] = SAFE_YEARS) -> st.SearchStrategy[Month]:
    """Months within ``years``."""
    return st.builds(Month, st.sampled_from(years), st.integers(1, 12))


def half_years(years: tuple[int, ...] = SAFE_YEARS) -> st.SearchStrategy[HalfYear]:
    return st.builds(HalfYear, st.sampled_from(years), st.integers(1, 2))


@lru_cache(maxsize=4096)
def _dates(lo: date, hi: date) -> st.SearchStrategy[date]:
    """The days from ``lo`` to ``hi``, drawn as an offset from ``lo``: one choice where st.dates
    makes three (year, month and day, each bounded by the others), a quarter of the time a
    generated dataset took; the first and the last day stay as likely as with st.dates.
    Strategies are immutable: those of the same bounds are built (and validated) once."""
    return st.integers(0, (hi - lo).days).map(lambda n: lo + timedelta(days=n))


def beijing_moments(start: date, end: date) -> st.SearchStrategy[datetime]:
    """Aware moments between two dates, written with a Beijing, UTC or other whole-hour offset."""
    from datetime import timezone

    offsets = st.sampled_from([BEIJING, UTC, timezone(timedelta(hours=-5)), timezone(timedelta(hours=9))])
    return st.builds(
        lambda d, secs, tz: datetime.combine(d, time(0), BEIJING).__add__(timedelta(seconds=secs)).astimezone(tz),
        _dates(start, end),
        st.integers(0, 86399),
        offsets,
    )


def items(departments: tuple[str, ...] = ()) -> st.SearchStrategy[Item]:
    dept = st.none() | (st.sampled_from(departments) if departments else st.none())
    return st.builds(Item, st.sampled_from(ItemCategory), _text, dept)


def enterprises(county: str = COUNTY_CODES[0]) -> st.SearchStrategy[Enterprise]:
    """Enterprises registered in ``county`` with a valid synthetic credit code."""
    return st.builds(
        Enterprise,
        _text.map(lambda s: s.strip() + "有限公司"),
        st.integers(1, 999_999).map(lambda n: synthetic_uscc(county, n)),
        st.sampled_from(Size),
        st.sampled_from(Ownership),
        st.sampled_from(Sector),
    )


def counties(codes: tuple[str, ...] = COUNTY_CODES) -> st.SearchStrategy[County]:
    return st.builds(
        lambda code, kind: County(code, f"县区{code[-2:]}", kind, f"县区{code[-2:]}经贸委"),
        st.sampled_from(codes),
        st.sampled_from(CountyKind),
    )


def _designated_by(level: PointLevel, drawn: Designator) -> Designator:
    """Who designated a drawn point of ``level``: the designator drawn for a 县区 point (the city,
    or the county adding it), the city for a 市直 point (四(二)); one "added by the county" is
    warned of on loading (io/roster_authority.py), and the strategies drew one (a39's leftover)."""
    return Designator.CITY if level is PointLevel.CITY else drawn


def points(county: str = COUNTY_CODES[0], year: int = 2025) -> st.SearchStrategy[MonitoringPoint]:
    """Points of ``county`` designated around ``year`` (ids ``P<county>-<n>``)."""

    def build(n: int, start: date, length: int | None, level: PointLevel, by: Designator) -> MonitoringPoint:
        until = None if length is None else start + timedelta(days=length)
        enterprise = Enterprise(
            f"企业{n}有限公司", synthetic_uscc(county, n), Size.SMALL, Ownership.PRIVATE, Sector.SERVICES
        )
        return MonitoringPoint(f"P{county}-{n}", enterprise, county, level, _designated_by(level, by), start, until)

    return st.builds(
        build,
        st.integers(1, 99_999),
        _dates(date(year - 3, 1, 1), date(year, 12, 31)),
        st.none() | st.integers(0, 1500),
        st.sampled_from(PointLevel),
        st.sampled_from(Designator),
    )


def contacts(point: MonitoringPoint, year: int = 2025) -> st.SearchStrategy[Contact]:
    """Contacts with ``point`` on a day of ``year`` while it is designated; none (the example is
    rejected, as ``assume`` would) for a point designated on no day of ``year``, as one drawn by
    :func:`points` may be. A day was drawn from ``lo`` for it, outside the designation, and the
    dataset warned the contact was not counted (plugin author p57 04)."""
    lo = max(date(year, 1, 1), point.designated_from)
    hi = min(date(year, 12, 31), point.designated_until or date(year, 12, 31))
    if hi < lo:
        return st.nothing()
    return st.builds(
        # Items only on a reached contact: a point not reached raised nothing (validation refuses it).
        lambda n, day, method, reached, raised: Contact(
            f"C{n}", point.id, day, method, point.liaison, reached, tuple(raised) if reached else ()
        ),
        st.integers(0, 10**6),
        _dates(lo, hi),
        st.sampled_from(ContactMethod),
        st.booleans(),
        st.lists(items(), max_size=2),
    )


def monthly_reports(
    county: str = COUNTY_CODES[0], years: tuple[int, ...] = SAFE_YEARS
) -> st.SearchStrategy[MonthlyReport]:
    """Reports of ``county``, submitted from the 1st to three weeks after the following month began."""

    @st.composite
    def build(draw: st.DrawFn) -> MonthlyReport:
        m = draw(months(years))
        nxt = (m + 1).first_day
        raised = tuple(draw(st.lists(items(), max_size=2)))
        at = draw(beijing_moments(nxt, nxt + timedelta(days=20)))
        return MonthlyReport(f"R{county}-{m}", county, m, at, "经办人", raised, not raised)

    return build()


def complaints(point: str, units: tuple[str, ...] = ("city-amr",), year: int = 2025) -> st.SearchStrategy[Complaint]:
    """Complaints by ``point`` with a possible history, received during ``year``."""

    @st.composite
    def build(draw: st.DrawFn) -> Complaint:
        start = datetime.combine(draw(_dates(date(year, 1, 1), date(year, 12, 31))), time(9), BEIJING)
        return Complaint(
            f"Q{draw(st.integers(0, 10**6))}",
            draw(st.sampled_from(ComplaintKind)),
            point,
            draw(st.none() | st.sampled_from(units)),
            draw(st.sampled_from(ItemCategory)),
            "反映事项",
            draw(st.booleans()),
            draw(complaint_histories(start, units)),
        )

    return build()


def ratings(round_id: str, raters: tuple[str, ...], departments: tuple[str, ...]) -> st.SearchStrategy[Rating]:
    """Ratings in a round by one of ``raters`` of one of ``departments``."""
    return st.builds(
        Rating,
        st.just(round_id),
        st.sampled_from(raters),
        st.sampled_from(RaterGroup),
        st.sampled_from(departments),
        st.sampled_from(RatingLevel),
    )


_VERDICT = st.sampled_from(Verdict)
_SATISFACTION = st.sampled_from(Satisfaction)


@st.composite
def complaint_histories(draw: st.DrawFn, start: datetime, units: tuple[str, ...]) -> tuple[ComplaintEvent, ...]:
    """A possible sequence of complaint events from ``start``, stopping at any step; one stopped
    before a resolution is sometimes withdrawn there (撤回), and one returned (退回) sometimes
    found out of scope (不予受理)."""
    at = start
    events: list[ComplaintEvent] = []

    def add(kind: EventType, **kw: Any) -> None:
        nonlocal at
        at = at + timedelta(hours=draw(st.integers(0, 24 * 12)))
        events.append(ComplaintEvent(kind, at, "办理人", **kw))

    def ended() -> tuple[ComplaintEvent, ...]:  # stopped before a resolution: perhaps withdrawn
        if draw(st.integers(0, 3)) == 0:
            add(EventType.WITHDRAWN, note="企业撤回")
        return tuple(events)

    add(EventType.RECEIVED)
    if draw(st.booleans()) and draw(st.integers(0, 9)) == 0:
        add(EventType.REJECTED, note="不属受理范围")
        return tuple(events)
    steps = draw(st.integers(0, 9))
    if steps < 1:
        return ended()
    add(EventType.ACCEPTED)
    if steps < 2:
        return ended()
    returns = draw(st.integers(0, 2))
    for r in range(returns):
        add(EventType.ASSIGNED, unit=units[r % len(units)])
        add(EventType.RETURNED)
    if returns and draw(st.integers(0, 5)) == 0:  # out of scope after all, or withdrawn, or waiting
        if draw(st.booleans()):
            add(EventType.REJECTED, note="不属受理范围")
            return tuple(events)
        return ended()
    add(EventType.ASSIGNED, unit=CITY_OFFICE_UNIT if returns == 2 else draw(st.sampled_from(units)))
    if steps < 3:
        return ended()
    return _handled(draw, add, events, steps)


def _handled(
    draw: st.DrawFn, add: Callable[..., None], events: list[ComplaintEvent], steps: int
) -> tuple[ComplaintEvent, ...]:
    """The rest of a history from its signature (签收): supervised, extended, resolved, followed
    up, reopened and closed, stopping at any step (withdrawn, 撤回, sometimes before a resolution)."""
    add(EventType.SIGNED)
    if draw(st.booleans()):
        add(EventType.SUPERVISED, note="督办")
    if draw(st.booleans()):
        add(EventType.EXTENDED, extension_days=draw(st.integers(1, 15)))
    if steps < 4:
        if draw(st.integers(0, 3)) == 0:
            add(EventType.WITHDRAWN, note="企业撤回")
        return tuple(events)
    add(EventType.RESOLVED, verdict=draw(_VERDICT))
    if steps < 5:
        return tuple(events)
    sat = draw(_SATISFACTION)
    add(EventType.FOLLOWED_UP, satisfaction=sat)
    if sat is Satisfaction.UNSATISFIED and draw(st.booleans()):
        add(EventType.REOPENED)
        if draw(st.integers(0, 5)) == 0:
            add(EventType.WITHDRAWN, note="企业撤回")
            return tuple(events)
        add(EventType.RESOLVED, verdict=draw(_VERDICT))
        add(EventType.FOLLOWED_UP, satisfaction=draw(_SATISFACTION))
    if steps >= 6:
        add(EventType.CLOSED)
    return tuple(events)


def followups(contact: Contact, departments: tuple[str, ...] = ("city-amr",)) -> st.SearchStrategy[FollowUp]:
    """A follow-up (事项跟踪) of one of ``contact``'s items (it must raise at least one)."""
    return _followup_parts(len(contact.items), departments).map(lambda parts: followup_of(contact, parts))


FollowUpParts = tuple[int, int, FollowUpKind, int, str]


@lru_cache(maxsize=64)
def _followup_parts(n_items: int, departments: tuple[str, ...]) -> st.SearchStrategy[FollowUpParts]:
    """What a follow-up of a contact raising ``n_items`` items draws: its number, the item, its
    kind, its days after the contact and a department. Built (and validated) once for each
    count and departments: a strategy built afresh for every contact was validated every time
    (a fifth of the time a generated dataset took)."""
    return st.tuples(
        st.integers(0, 99),
        st.integers(0, max(0, n_items - 1)),
        st.sampled_from(FollowUpKind),
        # within days as often as weeks later: a rule's "resolved within N working days" is tried
        st.one_of(st.integers(0, 14), st.integers(15, 90)),
        st.sampled_from(departments),
    )


@lru_cache(maxsize=64)
def followup_lists(n_items: int, departments: tuple[str, ...]) -> st.SearchStrategy[list[FollowUpParts]]:
    """Up to two follow-ups' parts (:func:`followup_of` makes each a FollowUp of its contact)."""
    return st.lists(_followup_parts(n_items, departments), max_size=2)


def followup_of(contact: Contact, parts: FollowUpParts) -> FollowUp:
    """The follow-up of ``contact`` that :func:`_followup_parts` drew."""
    n, item, kind, days, dept = parts
    department = dept if kind is FollowUpKind.REFERRED or n % 2 else None
    return FollowUp(
        f"FU-{contact.id}-{n}",
        MatterSource.CONTACT,
        contact.id,
        item,
        kind,
        contact.date + timedelta(days=days),
        "联络员",
        department,
    )


@st.composite
def research_topics(draw: st.DrawFn, year: int = 2025, owners: tuple[str, ...] = ("city",)) -> ResearchTopic:
    """A 专项调研 topic with a lifecycle: states in order on non-decreasing dates, findings and
    measures dated after its opening."""
    states = sorted(draw(st.sets(st.sampled_from(TopicState), min_size=1)), key=lambda s: s.rank)
    if not any(s.rank >= TopicState.OPENED.rank for s in states):
        states.append(TopicState.OPENED)
    day = draw(_dates(date(year, 1, 1), date(year, 6, 30)))
    events = []
    for state in states:
        day = day + timedelta(days=draw(st.integers(0, 40)))
        events.append(TopicEvent(state, day))
    opened = next(e.date for e in events if e.state.rank >= TopicState.OPENED.rank)
    later = draw(st.lists(st.integers(0, 120), max_size=2))
    return ResearchTopic(
        f"T-{draw(st.integers(1, 999))}",
        draw(_text),
        owner=draw(st.sampled_from(owners)),
        events=tuple(events),
        findings=tuple(Finding(opened + timedelta(days=d), "调研发现") for d in later),
        measures=tuple(Measure(opened + timedelta(days=d + 1), "研究制定措施") for d in later[:1]),
    )


def nominations(point: MonitoringPoint, year: int = 2025) -> st.SearchStrategy[Nomination]:
    """A county's nomination (推荐) of ``point`` for ``year`` (id ``N-<year>-<point>``, so one a
    point and year), submitted at a moment from November to the next February, or undated
    (``submitted_at`` None: a dataset written before the field)."""
    return nomination_moments(year).map(lambda at: nomination_of(point, year, at))


@lru_cache(maxsize=16)
def nomination_moments(year: int) -> st.SearchStrategy[datetime | None]:
    """When a nomination for ``year`` was submitted, or None (built once a year)."""
    return st.none() | beijing_moments(date(year, 11, 1), date(year + 1, 2, 28))


def nomination_of(point: MonitoringPoint, year: int, at: datetime | None) -> Nomination:
    return Nomination(f"N-{year}-{point.id}", year, point.county, point.id, submitted_at=at)


def work_plans(county: str = COUNTY_CODES[0], year: int = 2025) -> st.SearchStrategy[WorkPlan]:
    """A county's work plan (工作目标和计划) for ``year``."""
    return st.builds(
        WorkPlan,
        st.just(f"WP-{county}-{year}"),
        st.just(county),
        st.just(year),
        _dates(date(year - 1, 11, 1), date(year, 3, 31)),
        _text,
        st.lists(_text, max_size=3).map(tuple),
    )


def publicity_activities(county: str = COUNTY_CODES[0], year: int = 2025) -> st.SearchStrategy[PublicityActivity]:
    """A publicity activity (宣传活动) in ``county`` during ``year``, by the city or the county."""
    return st.builds(
        PublicityActivity,
        st.integers(1, 999).map(lambda n: f"PA-{county}-{n}"),
        st.just(county),
        _dates(date(year, 1, 1), date(year, 12, 31)),
        st.sampled_from(PublicityKind),
        _text,
        st.sampled_from(["city", county]),
        st.none() | st.integers(0, 500),
    )
