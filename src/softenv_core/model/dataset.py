"""The dataset (数据集): one city's records, as one immutable value."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime

from attrs import field, frozen

from softenv_core.model import record_tuples as rt
from softenv_core.model.appraisals import AppraisalRound, Rating
from softenv_core.model.complaints import Complaint, EventType
from softenv_core.model.designations import Designations, MonthRoster, Term, designations, month_roster
from softenv_core.model.divisions import City, County, Department
from softenv_core.model.followups import FollowUp
from softenv_core.model.guarantees import PublicityActivity, WorkPlan
from softenv_core.model.indexes import ComplaintMonths, MonthIndex, ReadOnlyIndex, built_once
from softenv_core.model.matters import (
    MatterGroup,
    MatterRef,
    complaint_matters,
    contact_matters,
    group_matters,
    report_matters,
)
from softenv_core.model.periods import BEIJING, EPOCH, Month, beijing_clock, beijing_date
from softenv_core.model.points import MonitoringPoint
from softenv_core.model.reports import Contact, MonthlyReport, known_contacts, month_contacts_cut
from softenv_core.model.roster import (
    AdjustmentSuggestion,
    CommendationDecision,
    Filing,
    Nomination,
    ResearchTopic,
    RosterChange,
    Waiver,
)

#: Whose record it is: (point, county, county of the department complained about), each or None.
RecordScope = tuple[str | None, str | None, str | None]
_FINISHED = (EventType.CLOSED, EventType.REJECTED, EventType.WITHDRAWN)
_RESOLVED = EventType.RESOLVED

SCHEMA = "softenv.dataset"
SCHEMA_VERSION = 2  # 2 adds follow-ups, work plans, publicity, adjustment suggestions (io/migrations.py)

#: The record collections of a dataset, in document order, with their record types.
COLLECTIONS: tuple[tuple[str, type], ...] = (
    ("counties", County),
    ("departments", Department),
    ("points", MonitoringPoint),
    ("contacts", Contact),
    ("reports", MonthlyReport),
    ("complaints", Complaint),
    ("appraisal_rounds", AppraisalRound),
    ("ratings", Rating),
    ("roster_changes", RosterChange),
    ("filings", Filing),
    ("waivers", Waiver),
    ("nominations", Nomination),
    ("decisions", CommendationDecision),
    ("research_topics", ResearchTopic),
    # Added with the programme's follow-up, 专项调研 lifecycle, adjustment and guarantee
    # records: absent from older documents, they default to empty.
    ("followups", FollowUp),
    ("adjustment_suggestions", AdjustmentSuggestion),
    ("work_plans", WorkPlan),
    ("publicity", PublicityActivity),
)


@frozen(field_transformer=rt.dataset_fields)  # Dataset(points=None): FieldInvalid naming points
class Dataset:
    """A city's programme records: roster, contacts, reports, complaints, appraisals, roster
    changes, follow-ups (事项跟踪), 专项调研 topics, adjustment suggestions and guarantees (保障机制).

    Immutable; its indexes (look-ups by id, by month) are built once, on first use, under a
    lock (model/indexes.built_once), and never change after.
    """

    city: City
    counties: tuple[County, ...] = field(default=(), converter=rt.counties)
    departments: tuple[Department, ...] = field(default=(), converter=rt.departments)
    points: tuple[MonitoringPoint, ...] = field(default=(), converter=rt.points)
    contacts: tuple[Contact, ...] = field(default=(), converter=rt.contacts)
    reports: tuple[MonthlyReport, ...] = field(default=(), converter=rt.reports)
    complaints: tuple[Complaint, ...] = field(default=(), converter=rt.complaints)
    appraisal_rounds: tuple[AppraisalRound, ...] = field(default=(), converter=rt.appraisal_rounds)
    ratings: tuple[Rating, ...] = field(default=(), converter=rt.ratings)
    roster_changes: tuple[RosterChange, ...] = field(default=(), converter=rt.roster_changes)
    filings: tuple[Filing, ...] = field(default=(), converter=rt.filings)
    waivers: tuple[Waiver, ...] = field(default=(), converter=rt.waivers)
    nominations: tuple[Nomination, ...] = field(default=(), converter=rt.nominations)
    decisions: tuple[CommendationDecision, ...] = field(default=(), converter=rt.decisions)
    research_topics: tuple[ResearchTopic, ...] = field(default=(), converter=rt.research_topics)
    followups: tuple[FollowUp, ...] = field(default=(), converter=rt.followups)
    adjustment_suggestions: tuple[AdjustmentSuggestion, ...] = field(default=(), converter=rt.adjustment_suggestions)
    work_plans: tuple[WorkPlan, ...] = field(default=(), converter=rt.work_plans)
    publicity: tuple[PublicityActivity, ...] = field(default=(), converter=rt.publicity)

    # Every index is read-only (a ReadOnlyIndex, tuples, frozensets, MonthIndex): a plugin's
    # rule is handed the dataset, and an index it could edit would change every later
    # analysis of the same dataset object, silently (attacker 08).

    @built_once
    def county_by_code(self) -> ReadOnlyIndex[str, County]:
        return ReadOnlyIndex({c.code: c for c in self.counties})

    @built_once
    def point_by_id(self) -> ReadOnlyIndex[str, MonitoringPoint]:
        return ReadOnlyIndex({p.id: p for p in self.points})

    @built_once
    def department_by_id(self) -> ReadOnlyIndex[str, Department]:
        return ReadOnlyIndex({d.id: d for d in self.departments})

    # Indexes for the monthly analyses, built once on first use (the dataset never changes).

    @built_once
    def point_county(self) -> ReadOnlyIndex[str, str]:
        """Point id → its county's code."""
        return ReadOnlyIndex({p.id: p.county for p in self.points})

    @built_once
    def point_liaison(self) -> ReadOnlyIndex[str, str]:
        """Point id → its liaison office ("city" for 市经贸委, else the county code)."""
        return ReadOnlyIndex({p.id: p.liaison for p in self.points})

    @built_once
    def point_liaison_person(self) -> ReadOnlyIndex[str, str | None]:
        """Point id → its (current) liaison person's name as compared (stripped); None: nobody named."""
        return ReadOnlyIndex(
            {p.id: None if p.liaison_person is None else p.liaison_person.strip() for p in self.points}
        )

    @built_once
    def designations(self) -> Designations:
        """Every point with the interval its record and roster changes agree on, and their
        disagreements (refused by validation): the one source of who is designated when, for
        every analysis (model/designations.py)."""
        return designations(enumerate(self.points), enumerate(self.roster_changes))

    @built_once
    def designated_points(self) -> tuple[MonitoringPoint, ...]:
        """The points in the dataset's order, each with its effective designation interval
        (a record without an end takes it from its removal)."""
        return self.designations.points

    @built_once
    def point_terms(self) -> tuple[Term, ...]:
        """(id, county, liaison office, designated from, until, the point) of every point, by
        id, with its effective interval: what the monthly contact overview reads 30,000 times
        a month, without attribute look-ups."""
        return tuple(
            (p.id, p.county, p.liaison, p.designated_from, p.designated_until, p) for p in self.designated_in_id_order
        )

    def designated_in(self, month: Month) -> MonthRoster:
        """The points designated in ``month`` (their terms, by id): those designated all of it
        and those for part of it. Worked out once a month: a report's contacts and its trends
        both read it (30,000 points a month at province scale)."""
        found = self._designated_by_month.get(month)
        if found is None:
            found = self._designated_by_month[month] = month_roster(self.point_terms, month.first_day, month.last_day)
        return found

    @built_once
    def _designated_by_month(self) -> dict[Month, MonthRoster]:
        return {}  # filled by designated_in, a month at a time (deterministic: safe to fill twice)

    @built_once
    def designated_in_id_order(self) -> tuple[MonitoringPoint, ...]:
        """The points with their effective intervals, by id."""
        return tuple(sorted(self.designated_points, key=lambda p: p.id))

    @built_once
    def contacts_by_month_and_point(self) -> Mapping[Month, Mapping[str, Sequence[Contact]]]:
        """Month → point id → that point's contacts in the month, by date then id.

        Built a month at a time, on first asking: a report reads its own month, not the year
        (the whole year up front was a second of a one-month report at province scale)."""
        return MonthIndex(tuple(self.contacts_by_month), self._contacts_by_point)

    def _contacts_by_point(self, month: Month) -> ReadOnlyIndex[str, Sequence[Contact]]:
        by_point: dict[str, list[Contact]] = {}
        for c in self.contacts_by_month[month]:
            found = by_point.get(c.point)
            if found is None:
                by_point[c.point] = [c]
            else:
                found.append(c)
        for cs in by_point.values():
            # Usually one or two contacts, already in order: compare two before paying for a keyed sort.
            if len(cs) > 1:
                a, b = cs[0], cs[1]
                if len(cs) > 2 or a.date > b.date or (a.date == b.date and a.id > b.id):
                    cs.sort(key=_date_and_id)
        # Tuples in a read-only index: the lists were this builder's scratch, not shared state.
        return ReadOnlyIndex({p: tuple(cs) for p, cs in by_point.items()})

    @built_once
    def contacts_by_month(self) -> ReadOnlyIndex[Month, tuple[Contact, ...]]:
        """Month → its contacts, in the dataset's order."""
        out: dict[tuple[int, int], list[Contact]] = {}
        # A day's month list, found by the day: a year has a few hundred days, and a date hashes
        # once (cached), where building a (year, month) key per contact cost a fifth of a second.
        month_of_day: dict[date, list[Contact]] = {}
        for c in self.contacts:
            found = month_of_day.get(c.date)
            if found is None:
                d = c.date
                found = month_of_day[d] = out.setdefault((d.year, d.month), [])
            found.append(c)
        return ReadOnlyIndex({Month(y, m): tuple(cs) for (y, m), cs in out.items()})

    @built_once
    def contacts_with_items_by_month(self) -> Mapping[Month, tuple[Contact, ...]]:
        """Month → its contacts that raise items inside their point's designation interval, by date
        then id (a tenth of the contacts): the month's matters in the order raised. A contact outside
        the interval raises none (DESIGN "Who owes what, when"; docs/rules.md "Common problems")."""
        return MonthIndex(tuple(self.contacts_by_month), self._with_items_in)

    def _with_items_in(self, month: Month) -> tuple[Contact, ...]:
        raising = [c for c in self.contacts_by_month[month] if c.items]
        return tuple(sorted(self.inside_designation(month, raising), key=_date_and_id))

    def inside_designation(self, month: Month, contacts: Sequence[Contact]) -> Sequence[Contact]:
        """``contacts`` (of ``month``) dated inside their point's interval (MonthRoster.holds); only
        a point designated for part of the month has its contacts' days read (the rest: a set look-up)."""
        roster = self.designated_in(month)
        whole, holds = roster.whole_ids, roster.holds
        if all(c.point in whole for c in contacts):
            return contacts  # the usual month: no copy
        return [c for c in contacts if c.point in whole or holds(c.point, c.date)]

    def any_inside_designation(self, month: Month, contacts: Iterable[Contact]) -> bool:
        """Whether one of ``contacts`` (of ``month``) is inside its point's interval (what records a
        month), stopping at the first, usually the month's first: :meth:`inside_designation` reads all."""
        roster = self.designated_in(month)
        return any(c.point in roster.whole_ids or roster.holds(c.point, c.date) for c in contacts)

    @built_once
    def points_reached_by_month(self) -> Mapping[Month, frozenset[str]]:
        """Month → the points reached that month by their own liaison office (a contact that
        reached it, logged by the office responsible for it): what the contact overview and
        the trends count, worked out once a month for both."""
        return MonthIndex(tuple(self.contacts_by_month), self._points_reached_in)

    def _points_reached_in(self, month: Month) -> frozenset[str]:
        return self._reached_among(self.contacts_by_month[month])

    # --- a month's contacts known at an instant (a report made inside its month) ------------
    # With no instant, or one on or after the month's last day, each returns the month's index
    # itself: a province batch's reports (the default instant) do no per-contact work here.

    def contacts_known_in(self, month: Month, as_of: datetime | None) -> tuple[Contact, ...]:
        """``month``'s contacts known at ``as_of`` (reports.contacts_known_through: dated on or
        before its Beijing day), in the dataset's order."""
        return known_contacts(self.contacts_by_month.get(month, ()), month, as_of)

    def contacts_with_items_known_in(self, month: Month, as_of: datetime | None) -> tuple[Contact, ...]:
        """``month``'s contacts that raise items known at ``as_of``, by date then id."""
        return known_contacts(self.contacts_with_items_by_month.get(month, ()), month, as_of)

    def points_reached_known_in(self, month: Month, as_of: datetime | None) -> frozenset[str]:
        """The points reached in ``month`` by their own liaison office by a contact known at
        ``as_of`` (:attr:`points_reached_by_month`, by the contacts known then)."""
        if month_contacts_cut(month, as_of) is None:
            return self.points_reached_by_month.get(month, frozenset())
        return self._reached_among(self.contacts_known_in(month, as_of))

    def _reached_among(self, contacts: Iterable[Contact]) -> frozenset[str]:
        liaison_of = self.point_liaison
        missing = object()  # a point the dataset does not hold: equal to no office
        # A set comprehension, not a generator: 60,000 contacts a month, each resuming a frame.
        return frozenset({c.point for c in contacts if c.reached and liaison_of.get(c.point, missing) == c.liaison})

    @built_once
    def reports_by_month(self) -> ReadOnlyIndex[Month, tuple[MonthlyReport, ...]]:
        out: dict[Month, list[MonthlyReport]] = {}
        for r in self.reports:
            out.setdefault(r.month, []).append(r)
        return ReadOnlyIndex({m: tuple(rs) for m, rs in out.items()})

    @built_once
    def matters_by_month(self) -> MonthIndex[tuple[tuple[str, str, str, str], ...]]:
        """(category, department, point, record id) of every matter, by month: contact items,
        report items naming their point, complaints; a matter naming no department has
        ``matters.NO_DEPARTMENT`` (its own group by category: docs/rules.md "Common problems").

        Built a month at a time, on first asking (a report reads its window of a few months)."""
        months = itertools.chain(self.contacts_by_month, self.reports_by_month, self.complaints_by_month)
        return MonthIndex(tuple(dict.fromkeys(months)), self._matters_in)

    def _matters_in(self, month: Month) -> tuple[tuple[str, str, str, str], ...]:
        return tuple(self._month_matters(month, self.inside_designation(month, self.contacts_by_month.get(month, ()))))

    def _month_matters(self, month: Month, contacts: Sequence[Contact], reports: bool = True) -> Iterator[MatterRef]:
        """The month's matters: ``contacts``' (contacts already inside their point's interval),
        then the reports' as they read now (unless ``reports`` is False), then the complaints'
        received inside their point's."""
        yield from contact_matters(contacts)
        if reports:
            yield from report_matters(self.reports_by_month.get(month, ()))
        yield from complaint_matters(self.complaints_inside(month))

    def complaints_inside(self, month: Month) -> Sequence[Complaint]:
        """``month``'s complaints (``complaints_by_month``) received on a Beijing day inside
        their point's designation interval (MonthRoster.holds): the ones that raise matters."""
        complaints = self.complaints_by_month.get(month, ())
        roster = self.designated_in(month)
        whole, holds = roster.whole_ids, roster.holds
        return [q for q in complaints if q.point in whole or holds(q.point, beijing_date(q.events[0].at))]

    @built_once
    def unreported_groups_by_month(self) -> Mapping[Month, ReadOnlyIndex[tuple[str, str], MatterGroup]]:
        """Month → (category, department) → the points, their counties and the records behind
        that month's matters from contacts and complaints (a window of months is the union of
        its months' groups, sets joined at C speed). The county reports' matters are left out:
        a report is read as it stood at an analysis' instant (submitted by then, its amendment
        known then), and a province's month almost always has a report submitted after its
        default instant, so common problems join the month's few reports (``report_matters``)
        to these groups rather than regroup the month (0.1 s a month at province scale)."""
        return MonthIndex(self.matters_by_month.months, self._unreported_groups_in)

    def _unreported_groups_in(self, month: Month) -> ReadOnlyIndex[tuple[str, str], MatterGroup]:
        # A contact without items raises none: only the month's contacts with items are read.
        matters = self._month_matters(month, self.contacts_with_items_by_month.get(month, ()), reports=False)
        return group_matters(matters, self.point_county)

    @built_once
    def complaints_by_month(self) -> ReadOnlyIndex[Month, tuple[Complaint, ...]]:
        """Beijing month received → the complaints received in it (those with events), in
        the dataset's order."""
        out: dict[tuple[int, int], list[Complaint]] = {}
        # A moment in a fixed +08:00 zone reads its Beijing month as written (loaded moments
        # written with +08:00 share one zone object): no conversion for each of 60,000.
        beijing_zone = BEIJING
        for q in self.complaints:
            events = q.events
            if not events:
                continue
            at = events[0].at
            zone = at.tzinfo
            if zone is not beijing_zone:
                if beijing_clock(zone):
                    beijing_zone = zone
                else:
                    at = at.astimezone(BEIJING)
            key = (at.year, at.month)
            found = out.get(key)
            if found is None:
                out[key] = [q]
            else:
                found.append(q)
        return ReadOnlyIndex({Month(y, m): tuple(qs) for (y, m), qs in out.items()})

    @built_once
    def complaint_spans(self) -> tuple[tuple[datetime, datetime | None, Complaint], ...]:
        """(received, finished or None, complaint) in the order received; finished is the
        moment of closing or rejection."""
        out = []
        for c in self.complaints_by_received:
            last = c.events[-1]
            done = last.at if last.type in _FINISHED else None
            out.append((c.events[0].at, done, c))
        return tuple(out)

    @built_once
    def complaint_months(self) -> ComplaintMonths:
        """Complaint id → (Beijing month received, Beijing months of its resolutions), worked
        out for a complaint when first asked (a month's report asks for its month's few
        thousand, not for the year's 60,000)."""
        return ComplaintMonths(self.complaints)

    @built_once
    def complaints_by_received(self) -> tuple[Complaint, ...]:
        """Complaints with events, in the order they were received (then by id)."""
        # By id, then (stable) by the time since an aware epoch: the same order as one sort by
        # (time, id) with cheaper keys; comparing timedeltas is cheaper than comparing aware
        # datetimes, and orders the same.
        by_id = sorted((c for c in self.complaints if c.events), key=_complaint_id)
        return tuple(sorted(by_id, key=lambda c: c.events[0].at - EPOCH))

    @built_once
    def record_ids(self) -> frozenset[str]:
        """Every record id and county code: what a rule's evidence may name (checked per award)."""
        return frozenset(
            key
            for name, _kind in COLLECTIONS
            for record in getattr(self, name)
            for key in (getattr(record, "id", None), getattr(record, "code", None))
            if isinstance(key, str)
        )

    @built_once
    def record_scopes(self) -> ReadOnlyIndex[str, RecordScope]:
        """Record id (and county code) → whose record it is, (point, county, county complained
        about): what a county plugin's evidence may name (engine/answers.py, docs/hooks.md).

        A point and its contacts, complaints, roster changes, nominations, decisions and
        adjustment suggestions: (the point, its county, …); a complaint adds the county of the
        department complained about. A county and its reports, waivers, filings, work plans,
        publicity and departments: (None, the county, None). City-wide records (rounds, city
        departments, topics): (None, None, None). A follow-up is its contact's or report's.
        """
        county_of, dept_county = self.point_county, {d.id: d.county for d in self.departments}
        out: dict[str, RecordScope] = {c.code: (None, c.code, None) for c in self.counties}
        out.update((d.id, (None, d.county, None)) for d in self.departments)
        out.update((r.id, (None, None, None)) for r in self.appraisal_rounds)
        out.update((t.id, (None, None, None)) for t in self.research_topics)
        for county_owned in (self.reports, self.waivers, self.filings, self.work_plans, self.publicity):
            out.update((r.id, (None, r.county, None)) for r in county_owned)
        out.update((p.id, (p.id, p.county, None)) for p in self.points)
        for point_owned in (self.roster_changes, self.nominations, self.adjustment_suggestions):
            out.update((r.id, (r.point, r.county, None)) for r in point_owned)
        out.update((c.id, (c.point, county_of.get(c.point), None)) for c in self.contacts)
        out.update(
            (q.id, (q.point, county_of.get(q.point), dept_county.get(q.department or ""))) for q in self.complaints
        )
        out.update((d.id, out.get(d.nomination, (None, None, None))) for d in self.decisions)
        out.update((f.id, out.get(f.record, (None, None, None))) for f in self.followups)
        return ReadOnlyIndex(out)


def _complaint_id(c: Complaint) -> str:
    return c.id


def _date_and_id(c: Contact) -> tuple[date, str]:
    return (c.date, c.id)


__all__ = [
    "COLLECTIONS",
    "SCHEMA",
    "SCHEMA_VERSION",
    "ComplaintMonths",
    "Dataset",
    "MatterGroup",
    "MatterRef",
    "MonthIndex",
    "ReadOnlyIndex",
    "RecordScope",
]
