"""Hypothesis strategies for softenv_core's records and for whole consistent datasets.

Every strategy draws valid values (they load without error); ``datasets()`` draws a city's
year with valid references, possible complaint histories, and report submissions placed
around their deadlines (holidays included), so properties of the rules can be tested.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import Any

from hypothesis import strategies as st

from softenv_core.model.appraisals import AppraisalRound, RaterGroup, Rating, RatingLevel
from softenv_core.model.complaints import (
    Complaint,
    ComplaintKind,
    EventType,
    Verdict,
)
from softenv_core.model.dataset import Dataset
from softenv_core.model.designations import owes_round
from softenv_core.model.divisions import City, County, CountyKind, Department
from softenv_core.model.enterprises import Enterprise, Ownership, Sector, synthetic_uscc
from softenv_core.model.guarantees import PublicityActivity, WorkPlan
from softenv_core.model.periods import BEIJING, HalfYear, Month, Year
from softenv_core.model.points import Designator, LiaisonTerm, MonitoringPoint, PointLevel
from softenv_core.model.reports import Contact, ContactMethod, Item, ItemCategory, MonthlyReport
from softenv_core.model.roster import Nomination, ResearchTopic, Waiver
from softenv_core.model.sizes import Size
from softenv_core.testing._from_type import STRATEGY_OF
from softenv_core.testing.builders import make_complaint
from softenv_core.testing.record_strategies import COUNTY_CODES as COUNTY_CODES
from softenv_core.testing.record_strategies import SAFE_YEARS as SAFE_YEARS
from softenv_core.testing.record_strategies import (
    _dates,
    _designated_by,
    followup_lists,
    followup_of,
    nomination_moments,
    nomination_of,
)
from softenv_core.testing.record_strategies import beijing_moments as beijing_moments
from softenv_core.testing.record_strategies import complaint_histories as complaint_histories
from softenv_core.testing.record_strategies import complaints as complaints
from softenv_core.testing.record_strategies import contacts as contacts
from softenv_core.testing.record_strategies import counties as counties
from softenv_core.testing.record_strategies import enterprises as enterprises
from softenv_core.testing.record_strategies import followups as followups
from softenv_core.testing.record_strategies import half_years as half_years
from softenv_core.testing.record_strategies import items as items
from softenv_core.testing.record_strategies import monthly_reports as monthly_reports
from softenv_core.testing.record_strategies import months as months
from softenv_core.testing.record_strategies import nominations as nominations
from softenv_core.testing.record_strategies import points as points
from softenv_core.testing.record_strategies import publicity_activities as publicity_activities
from softenv_core.testing.record_strategies import ratings as ratings
from softenv_core.testing.record_strategies import research_topics as research_topics
from softenv_core.testing.record_strategies import work_plans as work_plans

# A strategy is validated the first time it is drawn from: one built afresh for every point
# and month was validated every time, a tenth of the test suite's time (hypothesis'
# ``validate``, 177,000 calls for a hundred datasets). Strategies are immutable, so those of the
# same arguments are built once; the values drawn are the same (the same strategy, the same
# choices).
_SIZE = st.sampled_from(Size)
_OWNERSHIP = st.sampled_from(Ownership)
_SECTOR = st.sampled_from(Sector)
_LEVEL = st.sampled_from(PointLevel)
_DESIGNATOR = st.sampled_from(Designator)
_METHOD = st.sampled_from(ContactMethod)
_KIND = st.sampled_from(ComplaintKind)
_VERDICT = st.sampled_from(Verdict)
_CATEGORY = st.sampled_from(ItemCategory)
_FORTY_DAYS = timedelta(days=40)
_RATING_LEVEL = st.sampled_from(RatingLevel)
# st.integers(a, b) looks its strategy up in hypothesis' cache on every call (hashing its
# arguments): 60,000 lookups in a run of the test suite for the three asked per point and month.
_ZERO_TO_FIVE = st.integers(0, 5)  # 0: no contact that month; not reached
_ZERO_TO_NINE = st.integers(0, 9)  # 0: the contact made by another office
_ZERO_TO_SEVEN = st.integers(0, 7)  # 0: no report that month
# A county's points (p57 02): as usual (its first 县区), 市直 points alone (no 县区 point: a
# condition dividing by the county's 县区 points raised in assess, never drawn), or none at all (a
# county new to the programme), each about one county in sixteen: values inside the range, as
# hypothesis draws its bounds far more often (the upper one, for 市直 alone, one in five).
_COUNTY_SHAPE = st.integers(0, 15)
_CITY_LEVEL_ONLY, _NO_POINTS = 7, 8
# A crowd (p57 01): now and then one point sends 5 to 12 complaints of one kind and verdict, more
# than a rule's max_points of a few; four complaints a dataset, of any kinds, never reached one.
_CROWD = st.integers(0, 5)  # 5: a crowd
_CROWD_SIZE = st.integers(5, 12)


@lru_cache(maxsize=64)
def _raised(dept_ids: tuple[str, ...]) -> st.SearchStrategy[list[Item]]:
    """The items a contact or a report raises: at most two."""
    return st.lists(items(dept_ids), max_size=2)


@lru_cache(maxsize=64)
def _designated_from(year: int) -> st.SearchStrategy[date]:
    return st.sampled_from([date(year - 2, 1, 1), date(year, 1, 1)]) | _dates(date(year, 1, 1), date(year, 12, 31))


@lru_cache(maxsize=4096)
def _designated_until(lo: date, hi: date) -> st.SearchStrategy[date | None]:
    return st.none() | _dates(lo, hi)


@lru_cache(maxsize=1024)
def _moments(lo: date, hi: date) -> st.SearchStrategy[datetime]:
    return beijing_moments(lo, hi)


@lru_cache(maxsize=64)
def _topic_lists(year: int, owners: tuple[str, ...]) -> st.SearchStrategy[list[ResearchTopic]]:
    return st.lists(research_topics(year, owners), max_size=2, unique_by=lambda t: t.id)


@lru_cache(maxsize=64)
def _work_plan(county: str, year: int) -> st.SearchStrategy[WorkPlan]:
    return work_plans(county, year)


@lru_cache(maxsize=64)
def _publicity_lists(county: str, year: int) -> st.SearchStrategy[list[PublicityActivity]]:
    return st.lists(publicity_activities(county, year), max_size=2)


@lru_cache(maxsize=64)
def _unit_or_none(dept_ids: tuple[str, ...]) -> st.SearchStrategy[str | None]:
    return st.none() | st.sampled_from(dept_ids)


def _departments(codes: list[str]) -> tuple[Department, ...]:
    return (
        Department("city-amr", "市市场监管局"),
        Department("city-tax", "市税务局"),
        # Two a county, both rated: with one, and only the city's rated, a condition reading every
        # department's ratings passed own_county_only and one judging "the first" of a set of the
        # county's departments passed deterministic (plugin author p52 03).
        *(Department(f"{c}-{unit}", f"县区{c[-2:]}{name}", c) for c in codes for unit, name in _COUNTY_UNITS),
    )


_COUNTY_UNITS = (("appr", "审批局"), ("amr", "市场监管局"))


def _draw_points(draw: st.DrawFn, codes: list[str], year: int, max_points: int) -> list[MonitoringPoint]:
    first, last = date(year, 1, 1), date(year, 12, 31)
    points: list[MonitoringPoint] = []
    serial = 0
    for c in codes:
        shape = draw(_COUNTY_SHAPE)
        # A county of none, but never a dataset of none: the last county has points when no
        # other has (a property of "a point of the dataset" had nothing to draw from).
        empty = shape == _NO_POINTS and (points or c != codes[-1])
        for k in range(0 if empty else draw(st.integers(1, max_points))):
            serial += 1
            start = draw(_designated_from(year))
            until = draw(_designated_until(max(start, first), last + timedelta(days=200)))
            enterprise = Enterprise(
                f"企业{serial}有限公司",
                synthetic_uscc(c, serial),
                draw(_SIZE),
                draw(_OWNERSHIP),
                draw(_SECTOR),
            )
            # each county's first point is 县区, the level its plugin's rules score: a county of
            # 市直 points alone let a plugin's rules go unseen (finding t7 05, 07); but now and
            # then (_COUNTY_SHAPE) a county has 市直 points alone, or none (p57 02)
            drawn = draw(_LEVEL)  # drawn for every point, where it was: the draws keep their order
            level = PointLevel.CITY if shape == _CITY_LEVEL_ONLY else drawn if k else PointLevel.COUNTY
            points.append(
                MonitoringPoint(
                    f"P{c}-{k}",
                    enterprise,
                    c,
                    level,
                    _designated_by(level, draw(_DESIGNATOR)),
                    start,
                    until,
                    liaison_person=f"联络员{serial % 3}",  # 定人: a few persons share the points
                    # every fifth point's person changed 40 days in (前任联系人), drawn from nothing:
                    # the draws above keep their order
                    former_liaison_persons=(LiaisonTerm(f"前任{serial % 2}", start + _FORTY_DAYS),)
                    if serial % 5 == 0
                    else (),
                )
            )
    return points


def _draw_contacts(
    draw: st.DrawFn, points: list[MonitoringPoint], covered: tuple[Month, ...], dept_ids: tuple[str, ...]
) -> list[Contact]:
    contacts: list[Contact] = []
    for p in points:
        for m in covered:
            if not p.active_in(m) or draw(_ZERO_TO_FIVE) == 0:
                continue
            lo = max(m.first_day, p.designated_from)
            hi = min(m.last_day, p.designated_until or m.last_day)
            day = draw(_dates(lo, hi))
            raised = tuple(draw(_raised(dept_ids)))
            liaison = p.liaison if draw(_ZERO_TO_NINE) else ("city" if p.liaison != "city" else p.county)
            method = draw(_METHOD)
            reached = draw(_ZERO_TO_FIVE) > 0  # 0: not reached
            contacts.append(
                Contact(
                    f"C{len(contacts)}",
                    p.id,
                    day,
                    method,
                    liaison,
                    reached,
                    raised if reached else (),  # a point not reached raised nothing (validation refuses it)
                    made_by=p.liaison_person_on(day) if len(contacts) % 7 else "代班人员",
                )
            )
    return contacts


def _draw_reports(
    draw: st.DrawFn, codes: list[str], covered: tuple[Month, ...], dept_ids: tuple[str, ...]
) -> list[MonthlyReport]:
    reports: list[MonthlyReport] = []
    for c in codes:
        for m in covered:
            if draw(_ZERO_TO_SEVEN) == 0:
                continue  # missing
            nxt = (m + 1).first_day
            # Around the nominal 5th: from the 1st of the next month to two weeks after the 5th.
            at = draw(_moments(nxt, nxt + timedelta(days=18)))
            raised = tuple(draw(_raised(dept_ids)))
            reports.append(MonthlyReport(f"R{c}-{m}", c, m, at, "经办人", raised, not raised))
    return reports


def _draw_complaints(
    draw: st.DrawFn, points: list[MonitoringPoint], year: int, dept_ids: tuple[str, ...]
) -> list[Complaint]:
    first, last = date(year, 1, 1), date(year, 12, 31)
    complaints = []
    active = [p for p in points if p.active_on(first) or first <= p.designated_from <= last]
    for i in range(draw(st.integers(0, 4)) if active else 0):
        p = draw(st.sampled_from(active))
        start = datetime.combine(draw(_dates(max(first, p.designated_from), last)), time(9), BEIJING)
        complaints.append(
            Complaint(
                f"Q{i}",
                draw(_KIND),
                p.id,
                draw(_unit_or_none(dept_ids)),
                draw(_CATEGORY),
                "反映事项",
                draw(st.booleans()),
                draw(complaint_histories(start, dept_ids)),
            )
        )
    if active and draw(_CROWD) == 5:
        complaints += _crowd(draw, draw(st.sampled_from(active)), year, dept_ids)
    return complaints


def _crowd(draw: st.DrawFn, p: MonitoringPoint, year: int, dept_ids: tuple[str, ...]) -> list[Complaint]:
    """5 to 12 complaints of one kind and verdict by ``p``, closed, received on days of ``year``
    it is designated (ids ``QC<n>``)."""
    kind, verdict = draw(_KIND), draw(_VERDICT)
    lo = max(date(year, 1, 1), p.designated_from)  # ``p`` is designated on a day of the year
    days = _dates(lo, max(lo, min(date(year, 12, 31), p.designated_until or date(year, 12, 31))))
    return [
        make_complaint(
            f"QC{n}",
            p.id,
            datetime.combine(draw(days), time(9), BEIJING),
            kind=kind,
            verdict=verdict,
            department=draw(st.sampled_from(dept_ids)),
            until=EventType.CLOSED,
        )
        for n in range(draw(_CROWD_SIZE))
    ]


def _draw_appraisals(
    draw: st.DrawFn, points: list[MonitoringPoint], year: int, dept_ids: tuple[str, ...]
) -> tuple[list[AppraisalRound], list[Rating]]:
    """Rounds of the year's halves, each point designated during one rating one to three
    departments, the city's and the counties' (p52 03: the city's alone hid a condition reading
    another county's departments' ratings)."""
    rated = st.lists(st.sampled_from(dept_ids), min_size=1, max_size=3, unique=True)
    rounds = []
    ratings: list[Rating] = []
    for half in draw(st.sets(st.sampled_from([1, 2]))):
        period = HalfYear(year, half)
        rid = f"A{year}H{half}"
        opened, closed = period.months[-1].first_day, period.months[-1].last_day
        if half == 2 and draw(st.booleans()):  # held late, into the next January, as the model allows (p52 04)
            opened, closed = date(year, 12, 20), date(year + 1, 1, 10)
        rounds.append(AppraisalRound(rid, period, opened, closed))
        for p in points:
            # Only a point that owes the round rates in it (validation refuses others).
            if owes_round(p, rounds[-1]) and draw(st.booleans()):
                ratings += (Rating(rid, p.id, RaterGroup.POINT, d, draw(_RATING_LEVEL)) for d in draw(rated))
    return rounds, ratings


def _draw_waivers(draw: st.DrawFn, codes: list[str], covered: tuple[Month, ...]) -> list[Waiver]:
    waivers = []
    for c in codes:
        if draw(st.integers(0, 3)) == 0:
            m = draw(st.sampled_from(covered))
            waivers.append(Waiver(f"W{c}-{m}", c, m, "不可抗力", (m + 1).last_day))
    return waivers


def _draw_counties(
    draw: st.DrawFn, county_codes: tuple[str, ...], require: tuple[str, ...], max_counties: int
) -> tuple[str, tuple[County, ...]]:
    """The city's code and its drawn counties (those ``require``d among them), in code order."""
    pool = tuple(sorted(set(county_codes) | set(require)))
    if len({c[:4] for c in pool}) != 1:
        raise ValueError(f"county codes must share one city prefix: {pool}")
    extra = draw(st.sets(st.sampled_from(pool), min_size=0 if require else 1, max_size=max_counties))
    codes = sorted(set(require) | extra)
    counties = tuple(
        County(c, f"县区{c[-2:]}", draw(st.sampled_from(CountyKind)), f"县区{c[-2:]}经贸委") for c in codes
    )
    return pool[0][:4] + "00", counties


@st.composite
def datasets(
    draw: st.DrawFn,
    year: int | None = None,
    max_counties: int = 3,
    max_points: int = 4,
    months_covered: int = 12,
    county_codes: tuple[str, ...] = COUNTY_CODES,
    require: tuple[str, ...] = (),
) -> Dataset:
    """A consistent dataset of one city's ``year``: counties (now and then one with 市直 points
    alone, or none; the dataset always holds a point), points, contacts, reports
    (on time, late, missing, around holidays), complaints (now and then a crowd of one point's,
    of one kind and verdict), appraisal rounds and waivers,
    nominations (dated and undated), follow-ups, topics, work plans and publicity.

    Knobs: ``max_counties``, ``max_points`` per county, ``months_covered`` (reports and
    contacts for the first N months), ``county_codes`` to draw from (one city prefix) and
    ``require``, codes that every drawn dataset contains (e.g. a plugin's county).
    """
    year = year if year is not None else draw(st.sampled_from(SAFE_YEARS))
    city_code, county_list = _draw_counties(draw, county_codes, require, max_counties)
    codes = [c.code for c in county_list]
    departments = _departments(codes)
    dept_ids = tuple(d.id for d in departments)
    points = _draw_points(draw, codes, year, max_points)
    covered = Year(year).months[:months_covered]
    contacts = _draw_contacts(draw, points, covered, dept_ids)
    reports = _draw_reports(draw, codes, covered, dept_ids)
    complaints = _draw_complaints(draw, points, year, dept_ids)
    rounds, ratings = _draw_appraisals(draw, points, year, dept_ids)
    waivers = _draw_waivers(draw, codes, covered)
    later = _draw_later_records(draw, contacts, codes, points, year, dept_ids)
    return Dataset(
        city=City(city_code, "测试市"),
        counties=county_list,
        departments=departments,
        points=tuple(points),
        contacts=tuple(contacts),
        reports=tuple(reports),
        complaints=tuple(complaints),
        appraisal_rounds=tuple(rounds),
        ratings=tuple(ratings),
        waivers=tuple(waivers),
        **later,
    )


def _draw_later_records(
    draw: st.DrawFn,
    contacts: list[Contact],
    codes: list[str],
    points: list[MonitoringPoint],
    year: int,
    dept_ids: tuple[str, ...],
) -> dict[str, tuple[Any, ...]]:
    """The programme's later records of a drawn dataset, by the Dataset field each fills:
    follow-ups (事项跟踪) of raised items, research topics, work plans, publicity and nominations."""
    # Of each point's first two item-raising contacts: the dataset's first three alone left the
    # later counties' points without any (a rule reading follow-ups was not tried: finding p31 2).
    raising = _first_raising(contacts, 2)
    # (Each strategy below is built once for its arguments, as those above: the draws are those
    # of followups(), research_topics(), work_plans(), publicity_activities() and nominations().)
    followup_list = {
        f.id: f
        for c in raising
        for f in (followup_of(c, parts) for parts in draw(followup_lists(len(c.items), dept_ids)))
    }
    topics = draw(_topic_lists(year, ("city", *codes)))
    plans = [draw(_work_plan(c, year)) for c in codes if draw(st.booleans())]
    publicity = {a.id: a for c in codes for a in draw(_publicity_lists(c, year))}
    # (no point at all: every county drawn without one, p57 02)
    nominated = draw(st.lists(st.sampled_from(points), max_size=3, unique_by=lambda p: p.id)) if points else []
    nomination_list = [nomination_of(p, year, draw(nomination_moments(year))) for p in nominated]
    return {
        "nominations": tuple(nomination_list),
        "research_topics": tuple(topics),
        "followups": tuple(followup_list.values()),
        "work_plans": tuple(plans),
        "publicity": tuple(publicity.values()),
    }


def register_type_strategies() -> None:
    """Let ``st.from_type`` build softenv_core's types (the hypothesis entry point does it already,
    each strategy built on first use; this registers them built now)."""
    for record_type, name in STRATEGY_OF.items():
        st.register_type_strategy(record_type, globals()[name]())


def _any_nominations() -> st.SearchStrategy[Nomination]:
    """A nomination (推荐) of a generated point, dated or undated (``st.from_type(Nomination)``)."""
    return points().flatmap(nominations)


def _first_raising(contacts: Sequence[Contact], per_point: int) -> list[Contact]:
    """Each point's first ``per_point`` contacts that raised an item, in the contacts' order."""
    taken: dict[str, int] = {}
    out = []
    for c in contacts:
        if c.items and taken.get(c.point, 0) < per_point:
            taken[c.point] = taken.get(c.point, 0) + 1
            out.append(c)
    return out


__all__ = [
    "COUNTY_CODES",
    "SAFE_YEARS",
    "beijing_moments",
    "complaint_histories",
    "complaints",
    "contacts",
    "counties",
    "datasets",
    "enterprises",
    "followups",
    "half_years",
    "items",
    "monthly_reports",
    "months",
    "nominations",
    "points",
    "publicity_activities",
    "ratings",
    "register_type_strategies",
    "research_topics",
    "work_plans",
]
