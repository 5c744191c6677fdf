"""The official work calendar (法定节假日 and 调休), with make-up working days.

chinesecalendar carries the State Council's arrangement year by year and raises for a year it
does not know; we keep that strictness (a compliance deadline must never be guessed). A user
may supply a year's arrangement from the State Council notice, which then takes precedence,
and may opt into a provisional weekends-only mode whose every answer is marked provisional.
"""

from __future__ import annotations

import enum
import threading
from collections.abc import Callable, Iterable, Mapping
from datetime import date, timedelta
from functools import lru_cache
from importlib import metadata
from types import MappingProxyType
from typing import Any, TypeVar, cast

import chinese_calendar
from attrs import field, frozen

from softenv_core._validators import argument, member_of, name_tuple_errors, to_tuple
from softenv_core.errors import CalendarDataMissing, FieldInvalid
from softenv_core.model.periods import require_day
from softenv_core.workdays.arrangement import LATE_DECEMBER_FROM, YearArrangement, late_december, years_of

T = TypeVar("T")
_MISSING: Any = object()  # a remembered answer may be any value, None included


class CalendarMode(enum.Enum):
    """How to treat a year whose official arrangement is unknown."""

    STRICT = "strict"  # raise CalendarDataMissing (the default)
    PROVISIONAL = "provisional"  # weekends only, every result marked provisional


@frozen
class CalendarSource:
    """Where a year's working days came from, so that a decision can be reproduced."""

    name: str
    version: str
    provisional: bool = False

    def __str__(self) -> str:
        text = f"{self.name} {self.version}".strip()
        return f"{text} (provisional)" if self.provisional else text


def _wrong_day(day: object, name: str) -> FieldInvalid:
    """The error for ``day`` that is no date: require_day's words, naming the argument."""
    try:
        require_day(day, name)  # type: ignore[arg-type]
    except FieldInvalid as exc:
        return exc
    return FieldInvalid(name, f"expected a date, got {type(day).__name__} {day!r:.40}")


def require_day_like(day: object, name: str) -> None:
    """FieldInvalid naming ``name`` unless ``day`` is a date (a datetime too, as the calendar
    has always taken its wall-clock day)."""
    if not isinstance(day, date):
        raise _wrong_day(day, name)


def _chinesecalendar_version() -> str:
    for dist in ("chinesecalendar", "chinese-calendar"):
        try:
            return metadata.version(dist)
        except metadata.PackageNotFoundError:
            continue
    return "unknown"


@lru_cache(maxsize=1)
def official_years() -> tuple[int, int]:
    """First and last year that the installed chinesecalendar covers."""
    years = sorted({d.year for d in chinese_calendar.holidays} | {d.year for d in chinese_calendar.workdays})
    return years[0], years[-1]


_OFFICIAL = CalendarSource("chinesecalendar", _chinesecalendar_version())
_PROVISIONAL = CalendarSource("weekends-only", "", provisional=True)


@lru_cache(maxsize=65536)
def _official_is_workday(day: date) -> bool:
    return bool(chinese_calendar.is_workday(day))


def _running_count(year: int, is_workday: Callable[[date], bool]) -> tuple[int, ...]:
    """The working days of ``year`` by ``is_workday``, counted up to each day (item 0 is 0)."""
    counts = [0]
    n = 0
    day, one = date(year, 1, 1), timedelta(days=1)
    while day.year == year:
        n += is_workday(day)
        counts.append(n)
        day += one
    return tuple(counts)


@lru_cache(maxsize=256)
def _shared_running(year: int, provisional: bool, late_unknown: bool = False) -> tuple[int, ...]:
    """The running count of an official year (chinesecalendar's) or of a weekends-only one;
    ``late_unknown``: an official year whose late December is counted as weekends only (the next
    year unknown: a strict calendar refuses a count reaching those days before reading them)."""
    if provisional:
        return _running_count(year, lambda day: day.weekday() < 5)
    if late_unknown:
        return _running_count(year, lambda day: day.weekday() < 5 if late_december(day) else _official_is_workday(day))
    return _running_count(year, _official_is_workday)


#: The notice of a result that read a year the calendar knows only as weekends (暂定): the
#: assessment, the monthly report and the year end give it in their notices, and the CLI and the
#: renderers know it by this text (render/notices.py words it in Chinese).
PROVISIONAL_NOTICE = (
    "provisional: some working days (deadlines, days late or overdue) are counted by a weekends-only calendar;"
    " re-run when the official arrangement is out"
)


@frozen(field_transformer=name_tuple_errors)
class WorkCalendar:
    """Working days under the official arrangement; strict unless told otherwise."""

    # Checked as every record's enum field is: WorkCalendar("provisional"), the text the command's
    # --provisional and the documents say, was kept as text and ran strict (integrator i40).
    mode: CalendarMode = field(default=CalendarMode.STRICT, validator=member_of(CalendarMode))
    arrangements: tuple[YearArrangement, ...] = field(default=(), converter=to_tuple)
    _by_year: Mapping[int, YearArrangement] = field(init=False, eq=False, repr=False)
    # Answers already worked out (the calendar never changes): deadlines repeat a great deal.
    # A calendar may be shared by threads: reads are single dict lookups, writes take the lock
    # (see remember), so that every thread gets the one answer stored first.
    _memo: dict[tuple[Any, ...], Any] = field(init=False, eq=False, repr=False, factory=dict)
    # What a caller keeps through the public remember/recall, apart from the answers above: the
    # calendar handed to a county plugin's hook is the one the city's answers are worked out on,
    # and a plugin remembering the key of the city's deadline moved another county's deadline
    # (attacker x74 04). The library's own answers are kept by _remembered/_recalled, never read here.
    _theirs: dict[tuple[Any, ...], Any] = field(init=False, eq=False, repr=False, factory=dict)
    _memo_lock: threading.Lock = field(init=False, eq=False, repr=False, factory=threading.Lock)

    def __attrs_post_init__(self) -> None:
        by_year: dict[int, YearArrangement] = {}
        for arr in self.arrangements:
            argument(arr, YearArrangement, "arrangements", "YearArrangement records (load_arrangements)")
            if arr.year in by_year:
                raise FieldInvalid("arrangements", f"two arrangements supplied for {arr.year}")
            by_year[arr.year] = arr
        object.__setattr__(self, "_by_year", MappingProxyType(by_year))

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled (and deep-copied) as what made it: its read-only index, memo and lock are
        # built again, fresh. A calendar passed to a process pool's analysis raised "cannot
        # pickle 'mappingproxy' object" (integrator i40).
        return (WorkCalendar, (self.mode, self.arrangements))

    @classmethod
    def provisional(cls, arrangements: Iterable[YearArrangement] = ()) -> WorkCalendar:
        """A calendar that falls back to weekends only, marking such years provisional."""
        return cls(CalendarMode.PROVISIONAL, arrangements)  # the converter makes it a tuple, or FieldInvalid

    def with_arrangement(self, arrangement: YearArrangement) -> WorkCalendar:
        """This calendar with one more supplied year (replacing a supplied one of that year)."""
        argument(arrangement, YearArrangement, "arrangement", "a YearArrangement (load_arrangements)")
        others = tuple(a for a in self.arrangements if a.year != arrangement.year)
        return WorkCalendar(self.mode, (*others, arrangement))

    def source(self, year: int) -> CalendarSource:
        """Where the working days of ``year`` come from; raises if unknown in strict mode."""
        if type(year) is not int:
            raise FieldInvalid("year", f"expected a whole number, got {type(year).__name__} {year!r:.40}")
        return self._source(year)

    def provisional_in(self, years: Iterable[int | date]) -> bool:
        """Whether a year from the earliest to the latest of ``years`` is known only as weekends
        (暂定): what a figure counting working days across them must be marked with. False for
        no years, and always under a strict calendar (it raises for a year it does not know).
        A day stands for the years that decide it (:func:`years_of`): a day of late December
        for the next year's too, whose notice may move it (auditor a75 01)."""
        span = sorted({y for x in years for y in (years_of(x) if isinstance(x, date) else (x,))})
        if not span or self.mode is not CalendarMode.PROVISIONAL:
            return False
        return any(self.source(y).provisional for y in range(span[0], span[-1] + 1))

    def _next_known(self, year: int) -> bool:
        """Whether the arrangement of the year after ``year`` is known (supplied or official):
        the last days of ``year``'s December are known only then (:data:`LATE_DECEMBER_FROM`)."""
        if year + 1 in self._by_year:
            return True
        first, last = official_years()
        return first <= year + 1 <= last

    def _waiting(self, day: date) -> CalendarDataMissing:
        """The refusal of ``day``, a day of late December whose next year is not known."""
        return CalendarDataMissing(day.year + 1, official_years(), day=day)

    def day_source(self, day: date) -> CalendarSource:
        """Where ``day``'s working status comes from: the next year's supplied arrangement for a
        day of late December it lists, else the source of the day's year; for a day of late
        December whose next year is not known, CalendarDataMissing for that year (strict) or the
        weekends-only source (provisional), as :meth:`is_workday` reads it (auditor a75 01)."""
        require_day_like(day, "day")
        if late_december(day):
            nxt = self._by_year.get(day.year + 1)
            if nxt is not None and (day in nxt.holidays or day in nxt.workdays):
                return self.source(day.year + 1)
            if not self._next_known(day.year):
                self._source(day.year)  # this year first: it may be unknown too
                if self.mode is CalendarMode.PROVISIONAL:
                    return _PROVISIONAL
                raise self._waiting(day)
        return self._source(day.year)

    def _source(self, year: int) -> CalendarSource:
        # source() without its argument check: is_workday asks it at every call for a year
        # without a supplied arrangement, always with a date's year.
        arr = self._by_year.get(year)
        if arr is not None:
            return CalendarSource("supplied", arr.reference or f"arrangement {year}")
        first, last = official_years()
        if first <= year <= last:
            return _OFFICIAL
        if self.mode is CalendarMode.PROVISIONAL:
            return _PROVISIONAL
        raise CalendarDataMissing(year, (first, last))

    def is_workday(self, day: date) -> bool:
        """Whether ``day`` is a working day (补班 weekends included, holidays excluded).

        A day of late December (from :data:`LATE_DECEMBER_FROM`) is known only with the next
        year's arrangement, whose notice sets 元旦 and may move it; without it, strict raises
        CalendarDataMissing for that year naming the day, provisional reads it as weekends only
        (auditor a75 01)."""
        try:  # caught, not checked first: the calendar is asked millions of times
            if day.month == 12 and day.day >= LATE_DECEMBER_FROM:
                return self._late_december(day, self.mode is CalendarMode.PROVISIONAL)
            arr = self._by_year.get(day.year)
            if arr is not None:
                if day in arr.workdays:
                    return True
                return day.weekday() < 5 and day not in arr.holidays
            src = self._source(day.year)
            if src.provisional:
                return day.weekday() < 5
            return _official_is_workday(day)
        except (AttributeError, TypeError, FieldInvalid):
            if isinstance(day, date):
                raise
            raise _wrong_day(day, "day") from None

    def _late_december(self, day: date, lenient: bool) -> bool:
        """:meth:`is_workday` of a day of late December: the next year's supplied arrangement
        first (its notice may move the day), then the day's own year, once the next is known;
        ``lenient``: weekends only where it is not (else CalendarDataMissing naming the day)."""
        nxt = self._by_year.get(day.year + 1)
        if nxt is not None:
            if day in nxt.workdays:
                return True
            if day in nxt.holidays:
                return False
        elif not self._next_known(day.year):
            self._source(day.year)  # this year first: CalendarDataMissing for it when unknown
            if not lenient:
                raise self._waiting(day)
            return day.weekday() < 5
        arr = self._by_year.get(day.year)
        if arr is not None:
            if day in arr.workdays or day in arr.holidays:
                return day in arr.workdays
            if nxt is None and not self._source(day.year + 1).provisional:
                # The next year official: its notice (chinesecalendar files the days it moves
                # under this year) is read, not undone by this year's supplied arrangement,
                # which never lists them (reviewer r64 01: 2018 supplied read 2018-12-29 as off).
                return _official_is_workday(day)
            return day.weekday() < 5
        if self._source(day.year).provisional:
            return day.weekday() < 5
        return _official_is_workday(day)

    def remember(self, key: tuple[Any, ...], compute: Callable[[], T]) -> T:
        """The answer remembered under ``key``, computed (once, in the usual case) by
        ``compute`` the first time it is asked: a memo for a caller's own answers (a plugin's)
        that depend only on this calendar and the key.

        Kept apart from the answers the calendar and the library's deadlines remember
        (``monthly_deadline``, ``workday_deadline``, working-day counts), which no key given
        here reads or replaces: the calendar handed to a county plugin is the one the city's
        answers are worked out on (attacker x74 04). ``compute`` runs outside the lock (it may
        ask the calendar itself); when two threads compute the same key at once, both get the
        answer stored first.
        """
        return self._keep(self._theirs, key, compute)

    def recall(self, key: tuple[Any, ...]) -> Any | None:
        """The answer :meth:`remember` keeps under ``key``, or None when none is kept yet: for a
        caller that checks its arguments only before the first answer."""
        return self._theirs.get(key)

    def _remembered(self, key: tuple[Any, ...], compute: Callable[[], T]) -> T:
        """:meth:`remember` for the library's own answers (engine/deadlines.py): kept in the
        memo the calendar's working-day answers share, which the public methods never reach."""
        return self._keep(self._memo, key, compute)

    def _recalled(self, key: tuple[Any, ...]) -> Any | None:
        """:meth:`recall` of what :meth:`_remembered` keeps."""
        return self._memo.get(key)

    def _keep(self, memo: dict[tuple[Any, ...], Any], key: tuple[Any, ...], compute: Callable[[], T]) -> T:
        found = memo.get(key, _MISSING)
        if found is _MISSING:
            value = compute()
            with self._memo_lock:
                found = memo.setdefault(key, value)
        return found  # type: ignore[no-any-return]  # what compute gave (typing.cast is a call)

    def _store(self, key: tuple[Any, ...], value: Any) -> Any:
        with self._memo_lock:
            return self._memo.setdefault(key, value)

    def next_workday(self, day: date) -> date:
        """The first working day on or after ``day`` (顺延)."""
        return self._nearest_workday(day, "next", timedelta(days=1))

    def previous_workday(self, day: date) -> date:
        """The last working day on or before ``day`` (遇节假日提前)."""
        return self._nearest_workday(day, "previous", timedelta(days=-1))

    def _nearest_workday(self, day: date, way: str, step: timedelta) -> date:
        key = (way, day)
        try:
            found = self._memo.get(key)
        except TypeError:  # unhashable: no date
            raise _wrong_day(day, "day") from None
        if found is None:
            require_day_like(day, "day")
            found = day
            while not self.is_workday(found):
                found += step
            found = self._store(key, found)
        return cast(date, found)

    def add_workdays(self, day: date, n: int) -> date:
        """The ``n``-th working day after ``day`` (``day`` itself not counted); n >= 0.

        ``add_workdays(d, 0)`` is the first working day on or after ``d``.
        """
        if type(n) is not int or n < 0:
            raise FieldInvalid("n", f"expected a whole number of working days >= 0, got {n!r:.40}")
        if n == 0:
            return self.next_workday(day)
        key = ("add", day, n)
        try:
            found = self._memo.get(key)
        except TypeError:  # unhashable: no date
            raise _wrong_day(day, "day") from None
        if found is None:
            require_day_like(day, "day")
            found = day
            left = n
            while left:
                found += timedelta(days=1)
                if self.is_workday(found):
                    left -= 1
            found = self._store(key, found)
        return cast(date, found)

    def workdays_between(self, start: date, end: date) -> int:
        """Working days ``d`` with ``start < d <= end``; negative when ``end`` is before ``start``."""
        try:
            backwards = end <= start
        except TypeError:  # no date, or a date beside a datetime: the one that is no plain date named
            for name, value in (("start", start), ("end", end)):
                if type(value) is not date:
                    raise _wrong_day(value, name) from None
            raise
        if backwards:
            return -self.workdays_between(end, start) if end < start else 0
        key = ("between", start, end)
        found = self._memo.get(key)
        if found is None:
            if end.day >= LATE_DECEMBER_FROM and end.month == 12 and self.mode is CalendarMode.STRICT:
                self._known_late(start, end)
            # From each year's running count, not day by day: a complaint overdue for months
            # is counted at every month's end (a province's year: 177,000 days walked).
            year, first = start.year, start.toordinal() - date(start.year, 1, 1).toordinal() + 1
            if first > (date(year, 12, 31) - date(year, 1, 1)).days:  # 31 December: the count starts next year
                year, first = year + 1, 0  # (a year not read at all, as day by day it is not)
            found = -self._running(year)[first]
            while year < end.year:
                found += self._running(year)[-1]
                year += 1
            found = self._store(key, found + self._running(year)[end.toordinal() - date(year, 1, 1).toordinal() + 1])
        return cast(int, found)

    def _known_late(self, start: date, end: date) -> None:
        """CalendarDataMissing when the days ``start < d <= end`` (``end`` in late December)
        reach days of late December the calendar does not know yet, naming the first of them:
        the running counts read them as weekends only (auditor a75 01). Only ``end``'s December
        can be one: the count of an earlier year's reads the next year, and raises for it."""
        if not self._next_known(end.year):
            self._source(end.year)  # the year itself first
            raise self._waiting(max(start + timedelta(days=1), date(end.year, 12, LATE_DECEMBER_FROM)))

    def has_workdays(self, start: date, end: date, n: int) -> bool:
        """Whether the days ``start < d <= end`` hold at least ``n`` working days
        (``workdays_between(start, end) >= n``), answered by a strict calendar also where they
        reach days of late December it does not know yet when the days before those decide it:
        ``n`` working days among them already, or fewer than ``n`` were every unknown day worked.
        A point designated all December owes its contact by the month's first weeks, whatever
        the next year's notice moves (auditor a75 01). Otherwise as :meth:`workdays_between`
        (CalendarDataMissing naming the first unknown day; weekends only when provisional)."""
        if self.mode is CalendarMode.STRICT and start < end and late_december(end) and not self._next_known(end.year):
            cut = date(end.year, 12, LATE_DECEMBER_FROM - 1)  # the last day known
            known = self.workdays_between(start, cut) if start < cut else 0
            if known >= n:
                return True
            if known + (end - max(start, cut)).days < n:
                return False
        return self.workdays_between(start, end) >= n

    def _running(self, year: int) -> tuple[int, ...]:
        """The working days of ``year`` counted up to each day: item ``i`` counts its first
        ``i`` days (item 0 is 0). Raises for a year without data, as :meth:`is_workday` does."""
        key = ("running", year)
        found = self._memo.get(key)
        if found is None:
            if year in self._by_year or year + 1 in self._by_year:
                self._source(year)  # CalendarDataMissing for a year it does not know
                found = self._store(key, _running_count(year, self._lenient_workday))
            else:
                # An official or weekends-only year is the same in every calendar: its count is
                # made once a process, not once per calendar (each call of assess or of a report
                # without a calendar makes a new one; counting a year day by day cost 0.5 ms).
                # Its late December without the next year: weekends only (a strict count
                # reaching those days is refused first, _known_late).
                provisional = self.source(year).provisional
                late_unknown = not provisional and not self._next_known(year)
                found = self._store(key, _shared_running(year, provisional, late_unknown))
        return cast(tuple[int, ...], found)

    def _lenient_workday(self, day: date) -> bool:
        """:meth:`is_workday` for a running count: a day of late December whose next year is not
        known read as weekends only (:meth:`_known_late` refuses a strict count reaching it)."""
        if late_december(day):
            return self._late_december(day, lenient=True)
        return self.is_workday(day)

    def sources(self, days: Iterable[date]) -> tuple[CalendarSource, ...]:
        """The distinct sources behind ``days``, in year order: a day of late December also
        names the next year's source, whose notice may move it (its supplied arrangement, or
        weekends only under a provisional calendar; auditor a75 01), when not already named."""
        days = tuple(days)
        out = [self.source(y) for y in sorted({d.year for d in days})]
        for d in sorted(d for d in days if late_december(d)):
            src = self.source(d.year + 1) if self._next_known(d.year) else self.day_source(d)
            if src not in out:
                out.append(src)
        return tuple(out)


__all__ = [
    "LATE_DECEMBER_FROM",
    "PROVISIONAL_NOTICE",
    "CalendarMode",
    "CalendarSource",
    "WorkCalendar",
    "YearArrangement",
    "late_december",
    "official_years",
    "years_of",
]
