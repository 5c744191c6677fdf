"""The contacts overview (联系监测点): whether each point's responsible liaison office reached
it in a month, and how (三(二): 市直 points by 市经贸委, county points by 县区经贸委).

DESIGN "Who owes what, when": a point owes a month's contact only when designated on at least
``duty.min_workdays_in_month`` working days of it, and a contact counts only inside its
interval. Which points owe the month is decided by the assessment's own ``OwedMonths`` (so the
monthly report, the trends and the adjustment count the months the year-end score counts).

``as_of`` (a report made inside its month): only the contacts known then count, by the
assessment's rule (``Dataset.contacts_known_in``: dated on or before its Beijing day); the
points that owe the month are those of the roster known then (``known_roster``), those not
reached by then are unreached so far. With no
``as_of``, or one on or after the month's last day, the month's indexes are read as they are.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import date, datetime

from attrs import frozen

from softenv_core.analyses.arguments import calendar_or_official, params_or_baseline
from softenv_core.analyses.audiences import Audience
from softenv_core.analyses.redaction import require_city
from softenv_core.analyses.roster_changes import known_roster
from softenv_core.engine.decimal_context import in_analysis_context
from softenv_core.engine.parameters import ParameterSet
from softenv_core.io.validation import require_valid
from softenv_core.model.dataset import Dataset
from softenv_core.model.designations import MonthRoster, Term, month_roster
from softenv_core.model.periods import Month, as_month, beijing_date, require_aware
from softenv_core.model.reports import ContactMethod, month_contacts_cut
from softenv_core.rules.city.duty import OwedMonths
from softenv_core.workdays.calendar import CalendarMode, WorkCalendar

#: A point owing a month: (id, county, liaison office, its interval's days in the month, or
#: None when designated the whole month and every contact of the month counts).
Owing = tuple[str, str, str, tuple[date, date] | None]
#: A point owing a month it is designated for part of: (id, county, liaison office, its days).
_Part = tuple[str, str, str, tuple[date, date]]

#: A method's value by the member's id: the enum's .value is a descriptor call and an Enum's
#: hash a Python method, and a province's month reads 60,000 contacts (members are singletons).
_METHOD_VALUE = {id(m): m.value for m in ContactMethod}


@frozen
class PointContact:
    """Whether a point's responsible liaison office reached it in a month, and how."""

    point: str
    county: str
    liaison: str  # "city" (市经贸委) or the county code (县区经贸委)
    reached: bool
    # Built only by contact_overview, with tuples (no converters: 30,000 of these a month).
    methods: tuple[str, ...]  # methods of the contacts that reached it
    contacts: tuple[str, ...]  # contact ids by the responsible office
    wrong_office: tuple[str, ...]  # contacts logged by another office
    #: Whether owing the month was decided by working days the calendar knows only as weekends
    #: (暂定: a provisional calendar's unknown year, or a December's last days without the next
    #: year's notice): DESIGN 3, a provisional mode marks every result it touches (auditor a75 03).
    provisional: bool = False


class ContactTally:
    """One liaison office's points in one month's contact overview (a county's 县区 points, or
    the city's 市直 points, 市经贸委's), counted as they come."""

    __slots__ = ("active", "methods", "provisional", "reached", "unreached", "wrong_office")

    def __init__(self) -> None:
        self.active = self.reached = 0
        #: Whether a point's owing the month was read from weekends only (PointContact's; a75 03).
        self.provisional = False
        self.methods: list[str] = []
        self.unreached: list[str] = []
        self.wrong_office: list[str] = []

    def add(self, o: PointContact) -> None:
        self.active += 1
        if o.reached:
            self.reached += 1
            self.methods.extend(o.methods)
        else:
            self.unreached.append(o.point)
        self.wrong_office.extend(o.wrong_office)


def _month_owing(
    dataset: Dataset,
    month: Month,
    calendar: WorkCalendar | None,
    params: ParameterSet | None,
    as_of: datetime | None = None,
) -> tuple[tuple[Term, ...], frozenset[str], list[_Part], list[_Part]]:
    """The points that owe ``month``'s contact: those designated all of it (terms and ids,
    by id; none when the month is not owed), and those designated for part of it that owe it
    (by id, with their days in the month); last, those designated for part of it that do not.

    The owed-month rule is the assessment's (``OwedMonths``): decided once for the whole
    month, and once per interval for the few points whose interval starts or ends inside it;
    the month's roster is the dataset's, shared by the report's contacts and its trends, or,
    for an ``as_of`` before the month's last day, the roster known then (:func:`_roster`).
    """
    owed = OwedMonths.of((month,), calendar_or_official(calendar), params_or_baseline(params))
    ((_, first, last, needed, whole),) = owed.table
    if needed is None:  # before the baseline is in force: owed by no one
        return (), frozenset(), [], []
    roster = _roster(dataset, month, as_of)
    partial: list[_Part] = []
    short: list[_Part] = []
    by_interval: dict[tuple[date, date | None], bool] = {}
    for pid, county, liaison, since, until, point in roster.partial:
        found = by_interval.get((since, until))
        if found is None:
            found = by_interval[(since, until)] = bool(owed.months(point))
        days = (max(since, first), last if until is None else min(until, last))
        (partial if found else short).append((pid, county, liaison, days))
    if not whole:
        return (), frozenset(), partial, short
    return roster.whole, roster.whole_ids, partial, short


def _marks(month: Month, calendar: WorkCalendar | None) -> Callable[[tuple[date, date] | None], bool]:
    """Whether a point's owing ``month`` was decided by days the calendar knows only as weekends,
    by its days in the month (None: all of it): PointContact.provisional (auditor a75 03)."""
    cal = calendar_or_official(calendar)
    if cal.mode is not CalendarMode.PROVISIONAL:
        return lambda _days: False
    whole = cal.provisional_in((month.first_day, month.last_day))
    return lambda days: whole if days is None else cal.provisional_in(days)


def _roster(dataset: Dataset, month: Month, as_of: datetime | None) -> MonthRoster:
    """The points designated in ``month`` as known at ``as_of`` (``known_roster``: a roster
    change neither in effect nor filed by then does not yet shape it), as the assessment reads
    the roster. An instant on or after the month's last day knows every change that takes
    effect inside the month, so the dataset's own roster of the month is read (attacker x34: a
    report as of 03-20 counted a point added from 03-21, filed by nobody yet, as unreached)."""
    if as_of is None or beijing_date(as_of) >= month.last_day:
        return dataset.designated_in(month)
    known = sorted(known_roster(dataset, as_of), key=lambda p: p.id)
    terms = ((p.id, p.county, p.liaison, p.designated_from, p.designated_until, p) for p in known)
    return month_roster(terms, month.first_day, month.last_day)


def owed_workdays(month: Month, calendar: WorkCalendar | None = None, params: ParameterSet | None = None) -> int | None:
    """The working days of ``month`` a point must be designated on to owe its contact
    (``duty.min_workdays_in_month`` read in the month), None when not in force: the report
    says the value in force, which its renderer does not read itself (clerk c53 03)."""
    owed = OwedMonths.of((month,), calendar_or_official(calendar), params_or_baseline(params))
    return owed.table[0][3]


def short_of_days(
    dataset: Dataset,
    month: Month,
    calendar: WorkCalendar | None = None,
    params: ParameterSet | None = None,
    as_of: datetime | None = None,
) -> dict[str, list[str]]:
    """The points designated for part of ``month`` on too few working days to owe it, by
    liaison office, each office's by id: not counted by the overview, and named by the report,
    so that a point added late in the month is not simply missing (clerk c53 03)."""
    out: dict[str, list[str]] = {}
    for pid, _county, liaison, _days in sorted(_month_owing(dataset, month, calendar, params, as_of)[3]):
        out.setdefault(liaison, []).append(pid)
    return out


def owing_points(
    dataset: Dataset,
    month: Month,
    calendar: WorkCalendar | None = None,
    params: ParameterSet | None = None,
    as_of: datetime | None = None,
) -> list[Owing]:
    """The points that owe ``month``'s contact, by id, each with its interval's days in the
    month when designated for part of it only (None: all of it, every contact of it counts);
    with ``as_of``, on the roster known then.

    Without ``calendar`` and ``params``: the official calendar, strict, and the baseline."""
    whole, _, partial, _ = _month_owing(dataset, month, calendar, params, as_of)
    out: list[Owing] = [(t[0], t[1], t[2], None) for t in whole]
    if partial:
        out += partial
        out.sort(key=lambda o: o[0])
    return out


def owing_ids(
    dataset: Dataset,
    month: Month,
    calendar: WorkCalendar | None = None,
    params: ParameterSet | None = None,
    as_of: datetime | None = None,
) -> frozenset[str]:
    """The ids of the points that owe ``month``'s contact (:func:`owing_points`'), as a set: the
    points section 三 counts, its 非定人联系 as its 非责任单位联系 (auditor a71 02)."""
    _, whole_ids, partial, _ = _month_owing(dataset, month, calendar, params, as_of)
    return whole_ids | {p[0] for p in partial} if partial else whole_ids


def points_reached(
    dataset: Dataset,
    month: Month,
    calendar: WorkCalendar | None = None,
    params: ParameterSet | None = None,
    as_of: datetime | None = None,
) -> int:
    """How many points that owe ``month``'s contact their liaison office reached inside their
    interval (by a contact known at ``as_of`` when given): the overview's reached, counted
    without a tally (the trends' points reached)."""
    whole, whole_ids, partial, _ = _month_owing(dataset, month, calendar, params, as_of)
    reached = dataset.points_reached_known_in(month, as_of)
    count = len(whole_ids & reached) if whole else 0
    # Of those designated for part of the month, only one reached in the month may have been
    # reached inside its days: its contacts are looked at, the others' are not.
    maybe = {pid: (liaison, days) for pid, _, liaison, days in partial if pid in reached}
    if maybe:
        inside: set[str] = set()
        for c in dataset.contacts_known_in(month, as_of):
            found = maybe.get(c.point)
            if found is not None and c.reached and c.liaison == found[0] and found[1][0] <= c.date <= found[1][1]:
                inside.add(c.point)
        count += len(inside)
    return count


@in_analysis_context
def contact_overview(
    dataset: Dataset,
    month: Month | str,
    calendar: WorkCalendar | None = None,
    params: ParameterSet | None = None,
    as_of: datetime | None = None,
    *,
    audience: Audience | str,
) -> tuple[PointContact, ...]:
    """Every point that owes ``month``'s contact (:func:`owing_points`): reached by its
    responsible office or not, by which methods, and any contact logged by an office that is
    not responsible for it (flagged); a contact outside the point's interval, or not yet known
    at ``as_of`` when given, does not count.

    ``audience`` (阅读范围, required) must be the city office: a row per point with its contact
    ids is the city office's list, which the year end does not redact; any other audience is
    refused (a FieldInvalid naming ``audience``) and gets the month's contacts counted by county from
    ``monitoring_report`` (docs/privacy.md). ``month`` is a Month or its text ``YYYY-MM``."""
    period = as_month(month)
    require_aware(as_of)
    require_valid(dataset)
    require_city(
        dataset, audience, "contact_overview", "monitoring_report(dataset, month, audience=...) (counted by county)"
    )
    calendar, params = calendar_or_official(calendar), params_or_baseline(params)
    return _contact_overview(dataset, period, calendar, params, as_of)


def _contact_overview(
    dataset: Dataset,
    month: Month,
    calendar: WorkCalendar | None = None,
    params: ParameterSet | None = None,
    as_of: datetime | None = None,
) -> tuple[PointContact, ...]:
    """The rows (the city office's view)."""
    by_point = dataset.contacts_by_month_and_point.get(month, {})
    cut = month_contacts_cut(month, as_of)
    marked = _marks(month, calendar)
    out = []
    for pid, county, liaison, days in owing_points(dataset, month, calendar, params, as_of):
        mark = marked(days)
        contacts = by_point.get(pid)
        if contacts and cut is not None:
            # A contact known at as_of is one dated by its day: the point's interval ends there.
            days = (month.first_day, cut) if days is None else (days[0], min(days[1], cut))
        if contacts and days is not None:
            contacts = [c for c in contacts if days[0] <= c.date <= days[1]]
        if not contacts:
            out.append(PointContact(pid, county, liaison, False, (), (), (), mark))
            continue
        own: list[str] = []
        methods: list[str] = []
        wrong: list[str] = []
        for c in contacts:
            if c.liaison == liaison:
                own.append(c.id)
                if c.reached:
                    methods.append(c.method.value)
            else:
                wrong.append(c.id)
        out.append(PointContact(pid, county, liaison, bool(methods), tuple(methods), tuple(own), tuple(wrong), mark))
    return tuple(out)


def county_tallies(
    dataset: Dataset,
    month: Month,
    calendar: WorkCalendar | None = None,
    params: ParameterSet | None = None,
    as_of: datetime | None = None,
) -> dict[str, ContactTally]:
    """The month's overview counted by the point's responsible liaison office (三(二)): a
    county code for its 县区 points, ``"city"`` (市经贸委) for the 市直 points wherever they
    lie, so that a 市直 point's missed contact is the city's, never its county's. What tallying
    :func:`contact_overview` by ``liaison`` gives (with the same ``as_of``), in one pass over
    the month's contacts and one over the points, without a row per point (an office's
    ``methods`` and ``wrong_office`` are in no particular order: the report counts the one and
    sorts the other)."""
    # point id → (its office's tally, liaison office, its days in the month if not all of it)
    active: dict[str, tuple[ContactTally, str, tuple[date, date] | None]] = {}
    tallies: dict[str, ContactTally] = {}
    partial: set[str] = set()
    first: dict[str, str] = {}  # office → its first point's id
    whole, _, owing_part, _ = _month_owing(dataset, month, calendar, params, as_of)
    marked = _marks(month, calendar)
    for pid, _county, liaison, days in itertools.chain(((t[0], t[1], t[2], None) for t in whole), owing_part):
        tally = tallies.get(liaison)
        if tally is None:
            tally = tallies[liaison] = ContactTally()
            first[liaison] = pid
        elif days is not None and pid < first[liaison]:
            first[liaison] = pid
        active[pid] = (tally, liaison, days)
        if days is not None:
            partial.add(pid)
        if not tally.provisional:
            tally.provisional = marked(days)
        # Every owing point for now; the reached are taken out at the end in one
        # comprehension a county rather than one step a point.
        tally.unreached.append(pid)
    # Reached: a contact known at ``as_of`` that reached the point, logged by its responsible
    # office, inside its interval for a point designated for part of the month. What the
    # dataset's index (``points_reached_known_in``) holds for the points designated all month,
    # gathered in this pass rather than by a second one over the month's 60,000 contacts.
    reached: set[str] = set()
    value_of = _METHOD_VALUE
    for c in dataset.contacts_known_in(month, as_of):
        found = active.get(c.point)
        if found is None:
            continue
        tally, liaison, days = found
        if days is not None and not days[0] <= c.date <= days[1]:
            continue  # outside the interval: counts neither way
        if c.liaison != liaison:
            tally.wrong_office.append(c.id)
        elif c.reached:
            tally.methods.append(value_of[id(c.method)])
            reached.add(c.point)
    return _counted(tallies, reached, partial, first)


def _counted(
    tallies: dict[str, ContactTally],
    reached: set[str],
    partial: set[str],
    first: dict[str, str],
) -> dict[str, ContactTally]:
    """The tallies with their reached points taken out of ``unreached`` and counted."""
    for tally in tallies.values():
        points = tally.unreached
        if partial:  # those designated for part of the month came last: back in id order
            points.sort()
        tally.unreached = [p for p in points if p not in reached]
        tally.active = len(points)
        tally.reached = len(points) - len(tally.unreached)
    if partial:  # the offices in the overview's order too: by their first point's id
        return dict(sorted(tallies.items(), key=lambda kv: first[kv[0]]))
    return tallies


__all__ = [
    "ContactTally",
    "Owing",
    "PointContact",
    "contact_overview",
    "county_tallies",
    "owed_workdays",
    "owing_ids",
    "owing_points",
    "points_reached",
    "short_of_days",
]
