"""Which months a point owes its duties (应履职月份): designated on at least
``duty.min_workdays_in_month`` working days of the month (a city decision).

Split from rules/city/duty.py, which scores the owed months; the assessment, the monitoring
report's contact overview and the explanations read the same table.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal

from attrs import field, frozen

from softenv_core.engine.parameters import ParameterSet
from softenv_core.engine.trace import ParamValue
from softenv_core.errors import CalendarDataMissing
from softenv_core.model.dataset import Dataset
from softenv_core.model.periods import Month, span_zh
from softenv_core.model.points import MonitoringPoint
from softenv_core.rules.city import duty_words as W
from softenv_core.workdays.calendar import WorkCalendar


def owes_month(point: MonitoringPoint, month: Month, calendar: WorkCalendar, params: ParameterSet) -> bool:
    """Whether ``point`` owes ``month``'s duties: designated on at least
    ``duty.min_workdays_in_month`` working days of it, the parameter read in the month.

    A month before the baseline is in force is owed by no one.
    """
    return month in OwedMonths.of((month,), calendar, params).months(point)


@frozen
class OwedMonths:
    """Which of some months a point owes; the months' facts are worked out once for all points.

    Most points are designated for whole months, which then need no counting of days.
    """

    #: (month, first day, last day, working days needed or None when not in force, owed if whole)
    table: tuple[tuple[Month, date, date, int | None, bool], ...]
    calendar: WorkCalendar
    #: The values of ``duty.min_workdays_in_month`` read for the months (each in its month), once each.
    params: tuple[ParamValue, ...] = ()
    #: Whether every month is owed by a point designated over all of it (most points: then
    #: :meth:`basis` has nothing to say, found without a look at the months).
    whole: bool = False
    #: The months' first and last day, and those owed by a point designated over all of them
    #: (most points), worked out once: months() answers such a point without a look at each
    #: (30,000 points: 0.017 -> 0.001 s).
    _span: tuple[date, date] | None = field(init=False, eq=False, repr=False)
    _all_over: tuple[Month, ...] = field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        span = (min(row[1] for row in self.table), max(row[2] for row in self.table)) if self.table else None
        object.__setattr__(self, "_span", span)
        object.__setattr__(self, "_all_over", tuple(row[0] for row in self.table if row[3] is not None and row[4]))

    @classmethod
    def of(cls, months: Sequence[Month], calendar: WorkCalendar, params: ParameterSet) -> OwedMonths:
        rows: list[tuple[Month, date, date, int | None, bool]] = []
        pvs: list[ParamValue] = []
        for m in months:
            first, last = m.first_day, m.last_day
            if not params.in_force("duty.min_workdays_in_month", last):
                rows.append((m, first, last, None, False))
                continue
            value, pv = params.number("duty.min_workdays_in_month", last)
            if pv not in pvs:
                pvs.append(pv)
            needed = int(value)
            # has_workdays: December is owed by its first weeks, its last days waiting for the
            # next year's notice (auditor a75 01).
            rows.append((m, first, last, needed, calendar.has_workdays(first - timedelta(days=1), last, needed)))
        return cls(tuple(rows), calendar, tuple(pvs), all(row[4] for row in rows))

    def basis(self, point: MonitoringPoint) -> tuple[str, ...]:
        """Why the point owes, or does not owe, each month its interval covers in part (and any
        whole month too short): the facts behind its owed months (应履职月份), each month's
        working days in the interval against ``duty.min_workdays_in_month``. Empty for a point
        designated over all the months, which each owe whole (most points: no day is counted).
        """
        since, until = point.designated_from, point.designated_until
        if not self.table:
            return ()
        covers_all = since <= self.table[0][1] and (until is None or until >= self.table[-1][2])
        if covers_all and self.whole:
            return ()
        out = []
        for month, first, last, needed, whole in self.table:
            if since > last or (until is not None and until < first):
                continue
            if needed is None:
                out.append(f"{month}：duty.min_workdays_in_month 未施行，不计")
                continue
            start, end = max(first, since), last if until is None else min(last, until)
            if start == first and end == last and whole:
                continue
            out.append(self._fact(month, start, end, needed))
        return tuple(out)

    def _fact(self, month: Month, start: date, end: date, needed: int) -> str:
        """``2025-09：在册 2025-09-26 至 2025-09-30，工作日 09-26、09-28（调休）、09-29、09-30 共4天 < 5，不计``;
        with days of late December the calendar does not know yet (strict) and the days before
        them deciding it: ``…共7天（12-19 起待 2027 年安排）≥ 5，应履职`` (auditor a75 01)."""
        days = []
        waits = ""
        day = start
        while day <= end:
            try:
                worked = self.calendar.is_workday(day)
            except CalendarDataMissing as exc:
                if exc.day is None:
                    raise
                waits = f"（{day:%m-%d} 起待 {exc.year} 年安排）"
                break
            if worked:
                days.append(day.strftime("%m-%d") + ("（调休）" if day.weekday() >= 5 else ""))
            day += timedelta(days=1)
        owed = self.calendar.has_workdays(start - timedelta(days=1), end, needed) if waits else len(days) >= needed
        return (
            f"{month}：在册 {start.isoformat()} 至 {end.isoformat()}，工作日 {'、'.join(days) or '无'} "
            f"共{len(days)}天{waits} {'≥' if owed else '<'} {needed}，{'应履职' if owed else '不计'}"
        )

    def months(self, point: MonitoringPoint) -> tuple[Month, ...]:
        since, until = point.designated_from, point.designated_until
        span = self._span
        if span is not None and since <= span[0] and (until is None or until >= span[1]):
            return self._all_over  # designated over every month: each is owed if owed whole
        out = []
        for month, first, last, needed, whole in self.table:
            if needed is None or since > last or (until is not None and until < first):
                continue
            if since <= first and (until is None or until >= last):
                if whole:
                    out.append(month)
                continue
            start, end = max(first, since), last if until is None else min(last, until)
            if self.calendar.has_workdays(start - timedelta(days=1), end, needed):
                out.append(month)
        return tuple(out)


def share(part: int, whole: int, points: Decimal) -> Decimal:
    """``points`` split over the owed months or rounds: ``part`` of ``whole`` (all of it when
    none is owed, a point owing none not marked down). Read by the contact and appraisal items."""
    return points * Decimal(part) / Decimal(whole) if whole else points


def reached_outside(dataset: Dataset, point: MonitoringPoint, missed: Sequence[Month]) -> str:
    """``；在册期间（2020-01-01 至 2025-06-13）以外的联系不计：2025-06（C7 06-20）``: the reached
    contacts its own liaison office logged in an owed month left 未联系上, dated outside the
    interval (a contact counts only inside it: DESIGN "Who owes what, when"), so that "未联系上"
    does not stand unexplained beside a record saying it was reached (auditor a52); "" when none.
    Only a month the interval covers in part can hold one: the others are not looked at."""
    since, until = point.designated_from, point.designated_until
    parts = []
    for m in missed:
        if since <= m.first_day and (until is None or until >= m.last_day):
            continue
        found = [
            f"{c.id} {c.date:%m-%d}"
            for c in dataset.contacts_by_month_and_point.get(m, {}).get(point.id, ())
            if c.reached and c.liaison == point.liaison and not point.active_on(c.date)
        ]
        if found:
            parts.append(f"{m}（{'、'.join(found)}）")
    if not parts:
        return ""
    return "；" + W.OUTSIDE_CONTACTS(span=span_zh(since, until), months="、".join(parts))


__all__ = ["OwedMonths", "owes_month", "reached_outside", "share"]
