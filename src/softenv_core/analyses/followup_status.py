"""Follow-up of matters (事项跟踪, 二(三)): open matters and their age, and the year's help.

A matter is an item raised in a contact or a county report whose category is one of
``followup.matter_categories`` (or any item someone followed up), raised on a day that
parameter is in force: an item raised before (before the city baseline, 2022-03-01) is not
a tracked matter, followed up or not, and on a day before it no matter is open. An item a county report
repeats from a contact (same point, category and text, in the contact's month) is the same
matter: follow-ups on either count for it. A matter is open until a follow-up closes it
(已解决, 无需处理); its age is counted in calendar days from the day it was raised (the
contact's day, or the day the report was submitted).

What is known when (docs/rules.md "Adjustment window, follow-up of matters"): the functions
read a day ``on`` and, given, an instant ``as_of``. County reports carry the instant they were
submitted: one counts when submitted by ``as_of`` (and by the end of ``on``, Beijing), with
its latest amendment submitted by then (one submitted at 15:00 is not known at 14:00 the same
day). Contacts and follow-up steps carry only a day: a contact dated on or before ``on`` is
known, and a step dated on or before ``on`` counts. The monthly report and the year end pass
their instant and a day no later than its Beijing day.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterator, Mapping
from datetime import date, datetime, timedelta

from attrs import field, frozen

from softenv_core._validators import argument, library_year, to_tuple
from softenv_core.analyses.arguments import params_or_baseline
from softenv_core.analyses.matter_days import (
    LEFT_OUT_KINDS,
    MatterCategories,
    categories_in_force,
    categories_left_out,
    report_cut,
)
from softenv_core.analyses.matter_keys import Matter, MatterKey, ReportVersions, followed_up, with_aliases
from softenv_core.engine.parameters import ParameterSet
from softenv_core.engine.trace import ParamValue
from softenv_core.errors import FieldInvalid
from softenv_core.io.result_fields import keyed_by
from softenv_core.model.dataset import Dataset
from softenv_core.model.followups import FollowUp, FollowUpKind, MatterSource
from softenv_core.model.periods import Month, beijing_date, require_aware, since_epoch
from softenv_core.model.reports import Item, ItemCategory, MonthlyReport, matter_key

#: A report item as read: its key, the key follow-ups name it by (None: none can), the contact
#: matter it repeats, its own matter (MatterBatch._report).
_Read = tuple[MatterKey, MatterKey | None, Matter | None, Matter | None]


@frozen
class MatterStatus:
    """A matter at an instant: its follow-ups so far, open or closed, and its age in days."""

    matter: Matter
    followups: tuple[FollowUp, ...] = field(converter=to_tuple)
    open: bool
    closed_on: date | None
    age_days: int  # to the day asked about while open; to the closing day once closed
    long_open: bool

    @property
    def last_kind(self) -> FollowUpKind | None:
        return self.followups[-1].kind if self.followups else None

    @property
    def closed_by(self) -> FollowUpKind | None:
        """The step that closed it (已解决 or 无需处理), None while open."""
        return next((f.kind for f in self.followups if f.kind.closes), None)


@frozen
class OpenMatters:
    """The matters open on a day, oldest first, with the parameters used."""

    on: date
    open: tuple[MatterStatus, ...] = field(converter=to_tuple)
    long_open: int
    params: tuple[ParamValue, ...] = field(converter=to_tuple)


def _left_out_kinds(_inst: object, _attr: object, value: Mapping[str, str]) -> None:
    """Each category's way of being left out one the library writes (LEFT_OUT_KINDS): a document
    read back with ``"sometimes"`` was accepted and labelled as counted wholly (fix helper fe1 03)."""
    for key, kind in value.items():
        if kind not in LEFT_OUT_KINDS:
            raise FieldInvalid(f"left_out[{key!r}]", f"expected one of {', '.join(LEFT_OUT_KINDS)}, got {kind!r:.40}")


@frozen
class FollowUpYear:
    """The year's follow-up in figures (year end): how many matters were helped, and how."""

    year: int = field(validator=library_year)
    matters: int  # raised in the year
    helped: int  # with at least one step of help (everything but 无需处理)
    #: FollowUpKind value → matters with at least one such step.
    by_kind: Mapping[str, int] = field(metadata=keyed_by(FollowUpKind))
    resolved: int  # closed as resolved (已解决)
    no_action: int  # closed as needing nothing (无需处理); resolved + no_action + open = matters
    open_at_year_end: int
    referred_to: Mapping[str, int]  # department id → matters referred to it
    #: Every value of ``followup.matter_categories`` in force on some day of the year (up to the
    #: year end's day), oldest first: the months may have counted different categories.
    params: tuple[ParamValue, ...] = field(default=(), converter=to_tuple)
    #: Department id → its name, for each in ``referred_to`` the dataset names (officials read
    #: names, not codes; an id the dataset does not hold has none).
    referred_names: Mapping[str, str] = field(factory=dict)
    #: ItemCategory value → matters of that category among ``matters`` (every category): one the
    #: parameter leaves out still has the items someone followed up, so the label says what is
    #: left out from these and not from the parameter alone (reviewer r56 02).
    by_category: Mapping[str, int] = field(factory=dict, metadata=keyed_by(ItemCategory))
    #: ItemCategory value → how ``matters`` leaves it out (``all``, ``unless_followed_up``,
    #: ``some_months``: matter_days.categories_left_out), for its label; absent: counted wholly.
    left_out: Mapping[str, str] = field(factory=dict, validator=_left_out_kinds, metadata=keyed_by(ItemCategory))


def matters(
    dataset: Dataset, params: ParameterSet, on: date | None = None, *, as_of: datetime | None = None
) -> tuple[Matter, ...]:
    """Every matter raised on or before ``on`` (all when None), in the order raised, then by
    key; county reports as known at ``as_of`` when given (module docstring)."""
    on, as_of = _when(on, as_of)
    return MatterBatch(dataset, params_or_baseline(params)).matters(on, as_of)


def _when(on: date | None, as_of: datetime | None) -> tuple[date | None, datetime | None]:
    """``on`` and ``as_of`` checked at the public boundary (FieldInvalid naming the wrong one)."""
    require_aware(as_of)
    if on is not None and (isinstance(on, datetime) or not isinstance(on, date)):
        # A datetime is a date to isinstance, but compares with none of the matters' days.
        what = "give the instant as as_of" if isinstance(on, datetime) else "e.g. date(2025, 3, 31)"
        raise FieldInvalid("on", f"expected a date ({what}), got {type(on).__name__} {on!r:.40}")
    return on, as_of


def _batch(dataset: Dataset, params: ParameterSet, batch: MatterBatch | None) -> MatterBatch:
    if batch is None:
        return MatterBatch(dataset, params)
    return argument(batch, MatterBatch, "batch", "a MatterBatch of the same dataset and parameters, or None")


class MatterBatch:
    """The matters of one call for one dataset and parameter set (a batch of monthly reports):
    each month's contact matters are built once and shared by every day asked about.

    A day's matters are exactly what working them out for that day alone gives: the contact
    matters raised by then (a month's are in the order raised), the report items submitted by
    then (by the instant asked about, when one is) that repeat the latest such contact matter
    of their month (aliases) or count on their own, in the order raised, then by key.
    """

    __slots__ = (
        "_aliased",
        "_categories",
        "_dataset",
        "_epochs",
        "_followed",
        "_months",
        "_read",
        "_reports",
        "_steps",
        "_versions",
    )

    def __init__(self, dataset: Dataset, params: ParameterSet) -> None:
        self._dataset = dataset
        self._categories = MatterCategories(params)
        self._followed = {f.matter for f in dataset.followups}
        self._months: dict[Month, tuple[list[Matter], dict[tuple[str, str], list[Matter]]]] = {}
        self._reports: list[tuple[date, MonthlyReport]] | None = None
        self._epochs: list[timedelta] = []  # each report's submission, as self._reports orders them
        self._steps: dict[MatterKey, list[FollowUp]] | None = None
        self._versions = ReportVersions()  # where an earlier version's items are in the latest
        #: What each report without amendments says, read once: asked about a day after its
        #: month, it says the same (every matter of its month is raised by then); a year's
        #: twelve reports read every earlier month's reports again without it.
        self._read: dict[str, list[_Read]] = {}
        #: Each month's contact matters with their aliases, as last built, and the reports read.
        self._aliased: dict[Month, tuple[tuple[str | None, ...], list[Matter]]] = {}

    def _month(self, month: Month) -> tuple[list[Matter], dict[tuple[str, str], list[Matter]]]:
        """The month's contact matters in the order raised, and by (point, category): a report
        item repeats one of these with its department and text (_same_as, by matter_key, made only there)."""
        found = self._months.get(month)
        if found is not None:
            return found
        point_county, followed = self._dataset.point_county, self._followed
        out: list[Matter] = []
        by_item: dict[tuple[str, str], list[Matter]] = {}
        for c in self._dataset.contacts_with_items_by_month.get(month, ()):
            cats = self._categories.on(c.date)
            if cats is None:
                continue  # raised before follow-up was in force: not a tracked matter
            for j, it in enumerate(c.items):
                key = (MatterSource.CONTACT.value, c.id, j)
                if it.category.value in cats or key in followed:
                    m = Matter(
                        *key, c.point, point_county.get(c.point, ""), it.category.value, it.department, it.text, c.date
                    )
                    out.append(m)
                    by_item.setdefault((c.point, it.category.value), []).append(m)
        found = self._months[month] = (out, by_item)
        return found

    def _same_as(self, month: Month, item: Item, on: date | None) -> Matter | None:
        """The contact matter a report item of ``month`` repeats: the latest raised by ``on``."""
        same = self._month(month)[1].get((item.point or "", item.category.value), ())
        key = matter_key(item.point or "", item.category.value, item.department, item.text) if same else None
        for m in reversed(same):
            if (on is None or m.raised_on <= on) and matter_key(m.point or "", m.category, m.department, m.text) == key:
                return m
        return None

    def matters(self, on: date | None, as_of: datetime | None = None) -> tuple[Matter, ...]:
        """Every matter raised on or before ``on`` (all when None), in the order raised, then by
        key: county reports submitted by ``as_of`` (aware, when given) and by the end of ``on``,
        each as it read then (its latest amendment known then); contacts dated by ``on``."""
        if self._reports is None:
            self._reports = [(beijing_date(r.submitted_at), r) for r in self._dataset.reports]
            # By duration: in one summer-time zone object the clock is blind to the repeated hour.
            self._reports.sort(key=lambda dr: (since_epoch(dr[1].submitted_at), dr[1].id))
            self._epochs = [since_epoch(r.submitted_at) for _, r in self._reports]
        cut = report_cut(on, as_of)
        # The reports known at the cut are a prefix of those in submission order.
        known = self._reports if cut is None else self._reports[: bisect.bisect_right(self._epochs, since_epoch(cut))]
        reads: dict[Month, list[tuple[str | None, list[_Read]]]] = {}  # by the reports' month
        reported: list[Matter] = []
        for day, r in known:
            read = self._report(day, r, on, cut)
            reads.setdefault(r.month, []).append((r.id if _lasting(r, on) else None, read))
            reported += [matter for _, _, same, matter in read if same is None and matter is not None]
        months = sorted(self._dataset.contacts_by_month)
        contact: list[Matter] = []
        for m in months if on is None else [m for m in months if m.first_day <= on]:
            contact += self._aliased_month(m, reads.get(m, []), on)
        if on is not None and contact and contact[-1].raised_on > on:
            del contact[bisect.bisect_right(contact, on, key=lambda m: m.raised_on) :]
        if not reported:
            return tuple(contact)  # already in the order raised, then by key (one source)
        return tuple(sorted([*contact, *reported], key=lambda m: (m.raised_on, m.key)))

    def _report(self, day: date, r: MonthlyReport, on: date | None, cut: datetime | None) -> list[_Read]:
        """Each item of ``r`` as read on ``on`` at ``cut``: (its key, the contact matter it
        repeats or None, its own matter or None when it is no tracked matter)."""
        lasting = _lasting(r, on)
        found = self._read.get(r.id) if lasting else None
        if found is not None:
            return found
        out: list[_Read] = []
        cats = self._categories.on(day)  # None: submitted before follow-up was in force
        # What the report said at the cut: an amendment submitted later is not known yet. A
        # follow-up names an item of the latest version: found there by matter_key (a81 01).
        version = r.version_at(cut)
        at, raised_on = self._versions.read(r, version) if r.amendments and cats is not None else (None, None)
        for j, it in enumerate(version.items if cats is not None else ()):
            key = (MatterSource.REPORT.value, r.id, j)
            pos = j if at is None else at[j]
            follow = key if pos == j else None if pos is None else (MatterSource.REPORT.value, r.id, pos)
            same = self._same_as(r.month, it, on)
            matter = None
            if same is None and cats is not None and (it.category.value in cats or follow in self._followed):
                raised = day if raised_on is None else raised_on[j]
                # Followed up as another item of the latest version, or (dropped from it) as none.
                renumbered = None if follow is key else () if follow is None else (follow,)
                matter = Matter(
                    *key, it.point, r.county, it.category.value, it.department, it.text, raised, (), renumbered
                )
            out.append((key, follow, same, matter))
        if lasting:
            self._read[r.id] = out
        return out

    def _aliased_month(
        self, month: Month, reads: list[tuple[str | None, list[_Read]]], on: date | None
    ) -> list[Matter]:
        """``month``'s contact matters, each with the report items repeating it (only that
        month's reports repeat them: _same_as). The list built last time when the same reports,
        each read once for good (a report id; None: read for this day alone), gave it."""
        ids = tuple(rid for rid, _ in reads)
        lasting = None not in ids and (on is None or on >= month.last_day)
        found = self._aliased.get(month) if lasting else None
        if found is not None and found[0] == ids:
            return found[1]
        aliases: dict[int, list[MatterKey]] = {}  # id() of a contact matter → report items repeating it
        follows: dict[int, list[MatterKey | None]] = {}  # the same, as follow-ups name them
        renumbered: set[int] = set()  # those with an item followed up as another one (_report)
        for _, read in reads:
            for key, follow, same, _matter in read:
                if same is not None:
                    aliases.setdefault(id(same), []).append(key)
                    follows.setdefault(id(same), []).append(follow)
                    if follow is not key:
                        renumbered.add(id(same))
        own = self._month(month)[0]
        out = (
            [
                with_aliases(m, aliases[id(m)], follows[id(m)] if id(m) in renumbered else None)
                if id(m) in aliases
                else m
                for m in own
            ]
            if aliases
            else own
        )
        if lasting:
            self._aliased[month] = (ids, out)
        return out

    @property
    def followed(self) -> set[MatterKey]:
        """The keys of the items that someone followed up."""
        return self._followed

    def steps(self, key: MatterKey, on: date) -> list[FollowUp]:
        """The follow-ups of a matter (by one of its keys) up to ``on``, by date then id."""
        if self._steps is None:
            self._steps = {}
            for f in sorted(self._dataset.followups, key=lambda f: (f.date, f.id)):
                self._steps.setdefault(f.matter, []).append(f)
        return [f for f in self._steps.get(key, ()) if f.date <= on]


def _lasting(r: MonthlyReport, on: date | None) -> bool:
    """Whether ``r`` reads the same on ``on`` as on any later day: no amendment, and its month
    over (every matter of its month is raised by then), so it is read once for the batch."""
    return not r.amendments and (on is None or on >= r.month.last_day)


def _steps_of(batch: MatterBatch, m: Matter, on: date) -> tuple[list[FollowUp], date | None]:
    """A matter's follow-ups up to ``on`` (its own and its aliases'), and the day it closed or None."""
    done = sorted((f for k in m.follow_keys for f in batch.steps(k, on)), key=lambda f: (f.date, f.id))
    return done, next((f.date for f in done if f.kind.closes), None)


def _statuses(
    batch: MatterBatch, on: date, as_of: datetime | None
) -> Iterator[tuple[Matter, list[FollowUp], date | None, int]]:
    """(matter, its follow-ups up to ``on``, the day it closed or None, its age) of every matter
    raised by ``on`` (county reports known at ``as_of``), in the order raised."""
    followed = batch.followed
    for m in batch.matters(on, as_of):
        if followed_up(m, followed):
            done, closed = _steps_of(batch, m, on)
        else:
            done, closed = [], None  # never followed up: open, no steps (most matters)
        yield m, done, closed, ((closed or on) - m.raised_on).days


def matter_statuses(
    dataset: Dataset,
    on: date,
    params: ParameterSet,
    batch: MatterBatch | None = None,
    *,
    as_of: datetime | None = None,
) -> tuple[MatterStatus, ...]:
    """Every matter raised by ``on`` with its follow-ups up to ``on``, county reports as known
    at ``as_of`` when given (module docstring); ``batch``: the matters of the call, when it
    asks about several days (built here otherwise). Empty on a day before follow-up is in
    force (every item raised by then was raised before it)."""
    on, as_of, params, long_days = _day_arguments(on, as_of, params)
    if long_days is None:
        return ()
    return tuple(
        MatterStatus(m, done, closed is None, closed, age, closed is None and age >= long_days)
        for m, done, closed, age in _statuses(_batch(dataset, params, batch), on, as_of)
    )


def _day_arguments(
    on: date, as_of: datetime | None, params: ParameterSet | None
) -> tuple[date, datetime | None, ParameterSet, int | None]:
    """The arguments of a question about one day, checked (``_when``), with the parameters (the
    city's by default) and ``followup.long_open_days`` on ``on``: None before follow-up is in
    force, when no item raised by then is a tracked matter."""
    day, as_of = _when(on, as_of)
    if day is None:
        raise FieldInvalid("on", "expected a date (e.g. date(2025, 3, 31)), got None")
    params = params_or_baseline(params)
    if not params.in_force("followup.matter_categories", day):
        return day, as_of, params, None
    return day, as_of, params, params.get("followup.long_open_days", day).whole()


def open_matter_ages(
    dataset: Dataset,
    on: date,
    params: ParameterSet,
    batch: MatterBatch | None = None,
    *,
    as_of: datetime | None = None,
) -> list[tuple[Matter, int, FollowUpKind | None, bool]]:
    """(matter, age in days, latest step, long open) of each matter open on ``on``, county
    reports as known at ``as_of`` when given, oldest first: the rows of :func:`open_matters`
    without a MatterStatus each (a year's batch of province reports lists 400,000 of them)."""
    on, as_of, params, long_days = _day_arguments(on, as_of, params)
    if long_days is None:
        return []  # before follow-up is in force: no tracked matter yet, as in matter_statuses
    # Open, a matter's age is its days since raised: oldest first, then by key, is the order
    # the matters come in (raised, then key), so they need no sort.
    batch = _batch(dataset, params, batch)
    followed = batch.followed
    out = []
    for m in batch.matters(on, as_of):
        last = None  # never followed up under any of its keys (most matters): open, no steps
        if followed and followed_up(m, followed):
            done, closed = _steps_of(batch, m, on)
            if closed is not None:
                continue
            last = done[-1].kind if done else None
        age = (on - m.raised_on).days
        out.append((m, age, last, age >= long_days))
    return out


def open_matters(
    dataset: Dataset,
    on: date,
    params: ParameterSet,
    batch: MatterBatch | None = None,
    *,
    as_of: datetime | None = None,
) -> OpenMatters:
    """The matters still open on ``on``, county reports as known at ``as_of`` when given,
    oldest first (for the monthly report)."""
    # Oldest first is the order matter_statuses gives them in (see open_matter_ages).
    rows = [s for s in matter_statuses(dataset, on, params, batch, as_of=as_of) if s.open]
    params = params_or_baseline(params)
    names = ("followup.matter_categories", "followup.long_open_days")
    used = tuple(params.get(n, on) for n in names if params.in_force(n, on))
    return OpenMatters(on, tuple(rows), sum(s.long_open for s in rows), used)


def followup_year(
    dataset: Dataset, year: int, params: ParameterSet, *, on: date | None = None, as_of: datetime | None = None
) -> FollowUpYear:
    """How the matters raised in ``year`` were followed up, as of the year's last day (or
    ``on``, the year end's instant's day when earlier: matters and follow-ups up to it).

    ``as_of`` (aware), when given, is the year end's instant: county reports and their
    amendments count from the instant they were submitted, not the day (a report submitted
    at 15:00 is not known at 14:00); contacts and follow-ups carry only a day, read by ``on``."""
    end = date(year, 12, 31) if on is None else on
    params = params_or_baseline(params)
    mine = [s for s in matter_statuses(dataset, end, params, as_of=as_of) if s.matter.raised_on.year == year]
    by_kind: Counter[str] = Counter()
    referred: Counter[str] = Counter()
    categories = Counter(s.matter.category for s in mine)
    by_category = {c.value: categories.get(c.value, 0) for c in ItemCategory}
    in_force = categories_in_force(params, date(year, 1, 1), end)
    for s in mine:
        by_kind.update({f.kind.value for f in s.followups})
        referred.update({f.department for f in s.followups if f.kind is FollowUpKind.REFERRED and f.department})
    return FollowUpYear(
        year,
        len(mine),
        sum(any(f.kind.helps for f in s.followups) for s in mine),
        {k.value: by_kind.get(k.value, 0) for k in FollowUpKind},
        sum(s.closed_by is FollowUpKind.RESOLVED for s in mine),
        sum(s.closed_by is FollowUpKind.NO_ACTION for s in mine),
        sum(s.open for s in mine),
        dict(sorted(referred.items())),
        in_force,
        {d: dataset.department_by_id[d].name for d in sorted(referred) if d in dataset.department_by_id},
        by_category,
        categories_left_out(in_force, by_category),
    )


__all__ = [
    "FollowUpYear",
    "Matter",
    "MatterKey",
    "MatterStatus",
    "OpenMatters",
    "followup_year",
    "matter_statuses",
    "matters",
    "open_matter_ages",
    "open_matters",
    "report_cut",
]
