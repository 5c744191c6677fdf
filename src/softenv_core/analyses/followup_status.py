"""Follow-up of matters (事项跟踪, 二(三)): open matters and their age, and the year's help.

A matter is an item raised in a contact or a county report whose category is one of
``followup.matter_categories`` (or any item someone followed up). An item a county report
repeats from a contact (same point, category and text, in the contact's month) is the same
matter: follow-ups on either count for it. A matter is open until a follow-up closes it
(已解决, 无需处理); its age is counted in calendar days from the day it was raised (the
contact's day, or the day the report was submitted).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from datetime import date

from attrs import field, frozen

from softenv_core._validators import to_tuple
from softenv_core.analyses.trends import latest_items
from softenv_core.engine.parameters import ParameterSet
from softenv_core.engine.trace import ParamValue
from softenv_core.model.dataset import Dataset
from softenv_core.model.followups import FollowUp, FollowUpKind, MatterSource
from softenv_core.model.periods import Month, beijing_date

MatterKey = tuple[str, str, int]  # (source, record id, item position)


@frozen
class Matter:
    """A matter raised (反映事项) that the liaison office follows up."""

    source: str  # MatterSource value
    record: str
    item: int
    point: str | None
    county: str
    category: str
    department: str | None
    text: str
    raised_on: date
    aliases: tuple[MatterKey, ...] = field(default=(), converter=to_tuple)  # the same item in a report

    @property
    def key(self) -> MatterKey:
        return (self.source, self.record, self.item)


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


@frozen
class FollowUpYear:
    """The year's follow-up in figures (year end): how many matters were helped, and how."""

    year: int
    matters: int  # raised in the year
    helped: int  # with at least one step of help (everything but 无需处理)
    by_kind: Mapping[str, int]  # FollowUpKind value → matters with at least one such step
    resolved: int  # closed as resolved (已解决)
    no_action: int  # closed as needing nothing (无需处理); resolved + no_action + open = matters
    open_at_year_end: int
    referred_to: Mapping[str, int]  # department id → matters referred to it
    params: tuple[ParamValue, ...] = field(default=(), converter=to_tuple)


def matters(dataset: Dataset, params: ParameterSet, on: date | None = None) -> tuple[Matter, ...]:
    """Every matter raised on or before ``on`` (all when None), in the order raised, then by key."""
    followed = {f.matter for f in dataset.followups}
    point_county = dataset.point_county
    categories = _Categories(params)
    out: list[Matter] = []
    by_item: dict[tuple[str, str, str, Month], Matter] = {}
    for c in sorted(dataset.contacts, key=lambda c: (c.date, c.id)):
        if on is not None and c.date > on:
            continue
        cats = categories.on(c.date)
        for j, it in enumerate(c.items):
            key = (MatterSource.CONTACT.value, c.id, j)
            if it.category.value in cats or key in followed:
                m = Matter(
                    *key, c.point, point_county.get(c.point, ""), it.category.value, it.department, it.text, c.date
                )
                out.append(m)
                by_item[(c.point, it.category.value, it.text, Month.of(c.date))] = m
    aliases: dict[MatterKey, list[MatterKey]] = {}
    for r in sorted(dataset.reports, key=lambda r: (r.submitted_at, r.id)):
        day = beijing_date(r.submitted_at)
        if on is not None and day > on:
            continue
        cats = categories.on(day)
        for j, it in enumerate(latest_items(r)):
            key = (MatterSource.REPORT.value, r.id, j)
            same = by_item.get((it.point or "", it.category.value, it.text, r.month))
            if same is not None:
                aliases.setdefault(same.key, []).append(key)
            elif it.category.value in cats or key in followed:
                out.append(Matter(*key, it.point, r.county, it.category.value, it.department, it.text, day))
    out = [
        Matter(
            m.source,
            m.record,
            m.item,
            m.point,
            m.county,
            m.category,
            m.department,
            m.text,
            m.raised_on,
            tuple(aliases.get(m.key, ())),
        )
        if m.key in aliases
        else m
        for m in out
    ]
    return tuple(sorted(out, key=lambda m: (m.raised_on, m.key)))


class _Categories:
    """The item categories that count as matters, read once per day (a year's contacts
    share a few hundred days; reading the parameter for each cost a tenth of a report)."""

    __slots__ = ("_by_day", "_params")

    def __init__(self, params: ParameterSet) -> None:
        self._params = params
        self._by_day: dict[date, frozenset[str]] = {}

    def on(self, day: date) -> frozenset[str]:
        found = self._by_day.get(day)
        if found is None:
            found = self._by_day[day] = frozenset(self._params.get("followup.matter_categories", day).value)
        return found


def matter_statuses(dataset: Dataset, on: date, params: ParameterSet) -> tuple[MatterStatus, ...]:
    """Every matter raised by ``on`` with its follow-ups up to ``on``."""
    steps: dict[MatterKey, list[FollowUp]] = {}
    for f in dataset.followups:
        if f.date <= on:
            steps.setdefault(f.matter, []).append(f)
    long_days = int(params.get("followup.long_open_days", on).value)
    out = []
    for m in matters(dataset, params, on):
        done = sorted(
            (f for k in (m.key, *m.aliases) for f in steps.get(k, ())),
            key=lambda f: (f.date, f.id),
        )
        closed = next((f.date for f in done if f.kind.closes), None)
        age = ((closed or on) - m.raised_on).days
        out.append(MatterStatus(m, done, closed is None, closed, age, closed is None and age >= long_days))
    return tuple(out)


def open_matters(dataset: Dataset, on: date, params: ParameterSet) -> OpenMatters:
    """The matters still open on ``on``, oldest first (for the monthly report)."""
    rows = [s for s in matter_statuses(dataset, on, params) if s.open]
    rows.sort(key=lambda s: (-s.age_days, s.matter.key))
    used = (params.get("followup.matter_categories", on), params.get("followup.long_open_days", on))
    return OpenMatters(on, tuple(rows), sum(s.long_open for s in rows), used)


def followup_year(dataset: Dataset, year: int, params: ParameterSet) -> FollowUpYear:
    """How the matters raised in ``year`` were followed up, as of the year's last day."""
    end = date(year, 12, 31)
    mine = [s for s in matter_statuses(dataset, end, params) if s.matter.raised_on.year == year]
    by_kind: Counter[str] = Counter()
    referred: Counter[str] = Counter()
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
        (params.get("followup.matter_categories", end),),
    )


__all__ = [
    "FollowUpYear",
    "Matter",
    "MatterStatus",
    "OpenMatters",
    "followup_year",
    "matter_statuses",
    "matters",
    "open_matters",
]
