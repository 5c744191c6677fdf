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

T = TypeVar("T")
_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")  # not the locale's
_MISSING: Any = object()  # a remembered answer may be any value, None included


class CalendarMode(enum.Enum):
    """How to treat a year whose official arrangement is unknown."""

    STRICT = "strict"  # raise CalendarDataMissing (the default)
    PROVISIONAL = "provisional"  # weekends only, every result marked provisional


def _days(value: Iterable[date], name: str) -> frozenset[date]:
    """attrs converter of an arrangement's days: a frozenset of dates, else FieldInvalid naming
    the field (``None`` or a day written as text raised a bare TypeError or AttributeError)."""
    try:
        days = frozenset(value)
    except TypeError:
        raise FieldInvalid(name, f"expected a collection of dates, got {type(value).__name__}") from None
    for d in days:
        if type(d) is not date:
            raise FieldInvalid(name, f"expected dates, got {type(d).__name__} {d!r:.40}")
    return days


def _holidays(value: Iterable[date]) -> frozenset[date]:
    return _days(value, "holidays")


def _workdays(value: Iterable[date]) -> frozenset[date]:
    return _days(value, "workdays")


@frozen
class YearArrangement:
    """One year's official arrangement (国务院办公厅 放假安排): holidays and make-up workdays.

    ``holidays`` are the weekdays off (法定节假日 and 调休 rest days); ``workdays`` are the
    weekend days worked (补班). Every other day follows the Monday-Friday week.
    """

    year: int
    holidays: frozenset[date] = field(converter=_holidays)
    workdays: frozenset[date] = field(converter=_workdays)
    reference: str = field(default="")

    def __attrs_post_init__(self) -> None:
        if type(self.year) is not int:
            raise FieldInvalid("year", f"expected a whole number, got {type(self.year).__name__} {self.year!r:.40}")
        for name, days in (("holidays", self.holidays), ("workdays", self.workdays)):
            for d in sorted(days):
                if d.year != self.year:
                    raise FieldInvalid(name, f"{d.isoformat()} is not in {self.year}")
        # A weekday in workdays changes nothing (it is worked anyway): most likely the two lists
        # swapped, which would move deadlines silently (auditor a61). A weekend day in holidays
        # is accepted: the notice's ranges (10月1日至8日放假) include the weekend.
        weekdays = sorted(d for d in self.workdays if d.weekday() < 5)
        if weekdays:
            raise FieldInvalid(
                "workdays",
                "lists the Saturdays and Sundays worked (补班), but "
                + ", ".join(f"{d.isoformat()} is a {_WEEKDAY_NAMES[d.weekday()]}" for d in weekdays)
                + ": a weekday is a working day already (were holidays and workdays swapped?)",
            )
        both = self.holidays & self.workdays
        if both:
            raise FieldInvalid(
                "workdays",
                "a day cannot be both holiday and workday: " + ", ".join(sorted(d.isoformat() for d in both)),
            )


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
def _shared_running(year: int, provisional: bool) -> tuple[int, ...]:
    """The running count of an official year (chinesecalendar's) or of a weekends-only one."""
    if provisional:
        return _running_count(year, lambda day: day.weekday() < 5)
    return _running_count(year, _official_is_workday)


#: The notice of a result that read a year the calendar knows only as weekends (暂定): the
#: assessment, the monthly report and the year end give it in their notices, and the CLI and the
#: renderers know it by this text (render/notices.py words it in Chinese).
PROVISIONAL_NOTICE = (
    "provisional: some deadlines use a weekends-only calendar; re-run when the official arrangement is out"
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

    def provisional_in(self, years: Iterable[int]) -> bool:
        """Whether a year from the earliest to the latest of ``years`` is known only as weekends
        (暂定): what a figure counting working days across them must be marked with. False for
        no years, and always under a strict calendar (it raises for a year it does not know)."""
        span = sorted(set(years))
        if not span or self.mode is not CalendarMode.PROVISIONAL:
            return False
        return any(self.source(y).provisional for y in range(span[0], span[-1] + 1))

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
        """Whether ``day`` is a working day (补班 weekends included, holidays excluded)."""
        try:  # caught, not checked first: the calendar is asked millions of times
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

    def remember(self, key: tuple[Any, ...], compute: Callable[[], T]) -> T:
        """The answer remembered under ``key``, computed (once, in the usual case) by
        ``compute`` the first time it is asked.

        For answers that depend only on this calendar and the key (a month's deadline under
        a rule): the calendar never changes, so neither do they. ``compute`` runs outside the
        lock (it may ask the calendar itself); when two threads compute the same key at once,
        both get the answer stored first. Keys are tuples whose first element names the kind
        of answer, so that kinds never collide.
        """
        found = self._memo.get(key, _MISSING)
        if found is _MISSING:
            value = compute()
            with self._memo_lock:
                found = self._memo.setdefault(key, value)
        return found  # type: ignore[no-any-return]  # what compute gave (typing.cast is a call)

    def recall(self, key: tuple[Any, ...]) -> Any | None:
        """The answer :meth:`remember` keeps under ``key``, or None when none is kept yet: for a
        caller that checks its arguments only before the first answer (a monthly deadline is
        asked for every county and month with the same arguments)."""
        return self._memo.get(key)

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

    def _running(self, year: int) -> tuple[int, ...]:
        """The working days of ``year`` counted up to each day: item ``i`` counts its first
        ``i`` days (item 0 is 0). Raises for a year without data, as :meth:`is_workday` does."""
        key = ("running", year)
        found = self._memo.get(key)
        if found is None:
            if year in self._by_year:
                found = self._store(key, _running_count(year, self.is_workday))
            else:
                # An official or weekends-only year is the same in every calendar: its count is
                # made once a process, not once per calendar (each call of assess or of a report
                # without a calendar makes a new one; counting a year day by day cost 0.5 ms).
                found = self._store(key, _shared_running(year, self.source(year).provisional))
        return cast(tuple[int, ...], found)

    def sources(self, days: Iterable[date]) -> tuple[CalendarSource, ...]:
        """The distinct sources behind ``days``, in year order."""
        return tuple(self.source(y) for y in sorted({d.year for d in days}))


__all__ = ["PROVISIONAL_NOTICE", "CalendarMode", "CalendarSource", "WorkCalendar", "YearArrangement", "official_years"]
