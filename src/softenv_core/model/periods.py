"""Period value types: Month ("2025-03"), HalfYear ("2025-H1") and Year ("2025").

They are ordered, hashable and parse from / print to the forms used in the dataset, so that
month/year confusion (a pain point of OpenFisca) is a type error rather than a silent bug.
Month arithmetic counts whole months (year × 12 + month).
"""

from __future__ import annotations

import re
from calendar import monthrange as _monthrange
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from functools import lru_cache
from operator import attrgetter
from typing import Any, TypeGuard, TypeVar

from attrs import field, frozen

from softenv_core.errors import FieldInvalid, NaiveInstant

#: Beijing time (UTC+8, no daylight saving since 1991); every deadline is a Beijing moment.
BEIJING = timezone(timedelta(hours=8), "Asia/Shanghai")

#: An aware epoch: a moment minus it is a duration, and durations compare exactly. Two
#: moments in one zone object compare by their clock; with summer time (zoneinfo) that is
#: blind to the repeated hour (PEP 495 fold). Fixed offsets (all the loader makes) compare
#: exactly as they are.
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def beijing_clock(zone: tzinfo | None) -> TypeGuard[timezone]:
    """Whether a moment in ``zone`` shows Beijing's clock as written (its date is the Beijing
    date): a fixed +08:00 offset, as the loader writes every such moment (sharing one zone
    object). A hot loop compares a moment's zone with the one it found so first, and asks this
    only of a zone it has not seen."""
    return type(zone) is timezone and zone.utcoffset(None) == _BEIJING_OFFSET


_BEIJING_OFFSET = timedelta(hours=8)


def since_epoch(at: datetime) -> timedelta:
    """``at`` as a duration since :data:`EPOCH` (ordered exactly, whatever its zone)."""
    return at - EPOCH


def fixed_offsets(moments: Iterable[datetime]) -> bool:
    """Whether every one of ``moments`` is in a fixed-offset zone, so that they compare
    exactly as they are (else compare them by :func:`since_epoch`)."""
    return _FIXED.issuperset(map(type, map(_ZONE, moments)))


_FIXED = frozenset({timezone})
_ZONE = attrgetter("tzinfo")

# ASCII digits only, and the whole text (fullmatch: "$" let a trailing newline through): the
# JSON schema's pattern, so that what the loader accepts the schema does too; a full-width
# "２０２５-０３" is the workbook import's to normalise, not the model's (platform t8 07).
_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")
_HALF = re.compile(r"([0-9]{4})-H([12])")
_YEAR = re.compile(r"([0-9]{4})")


#: Each month's end by its hash (Month.end); a datetime is immutable, so it is shared.
_ENDS: dict[int, datetime] = {}


_P = TypeVar("_P")


def _matched(pattern: re.Pattern[str], text: object, expected: str) -> re.Match[str]:
    """``text`` matched by ``pattern``, else FieldInvalid naming ``text``, the parsers' argument,
    as every other wrong argument of the surface (a wrong text was a plain SoftenvError:
    integrator i37). Its ``message`` is the one the loader writes after the ``$.path``
    (io.converter's period hook) and the workbook import translates."""
    if not isinstance(text, str):
        raise FieldInvalid("text", f"expected {expected}, got {type(text).__name__} {text!r:.40}")
    m = pattern.fullmatch(text)
    if m is None:
        raise FieldInvalid("text", f"expected {expected}, got {text!r:.60}")
    return m


def _parsed(cls: Callable[..., _P], *parts: str) -> _P:
    """The period the parsed ``parts`` make; one out of range (``2025-13``) FieldInvalid naming
    ``text``, as a text of the wrong form."""
    try:
        return cls(*map(int, parts))
    except FieldInvalid as exc:  # the period's own (``month 13 out of range 1-12``): parse's argument
        raise FieldInvalid("text", exc.message) from None


def _year_ok(_inst: object, _attr: object, value: int) -> None:
    # One of the library's errors (a ValueError still, and a TypeError for a wrong type).
    if type(value) is not int:
        # A subclass of int (an IntEnum member, a host's ``class FiscalYear(int)``) is refused as
        # any other type: its str() and repr() would be written into outputs. The message says so,
        # and how to pass it (integrator i50 02: "got FiscalYear 2025" read as a wrong value).
        got = f"{type(value).__name__} {value!r:.40}"
        if isinstance(value, int) and not isinstance(value, bool):
            got += f" (a subclass of int; pass int(year): {int(value)})"
        raise FieldInvalid("year", f"expected a whole number 1900-2999 of type int, got {got}")
    if not 1900 <= value <= 2999:
        # FieldInvalid naming the field, as a month out of range (a plain SoftenvError until
        # integrator i42); its message is the one the loader writes after the $.path.
        raise _YearOutOfRange(value)


class _YearOutOfRange(FieldInvalid):
    """A year outside the library's 1900-2999 (FieldInvalid naming ``year``); ``year`` the year,
    read by :func:`within_the_years` to name the argument it was computed from."""

    def __init__(self, year: int) -> None:
        self.year = year
        super().__init__("year", f"year {year} out of range 1900-2999", zh=f"年份 {year} 超出 1900-2999")
        self.args = (self.message,)  # the message names the year: said once (integrator i43)


@contextmanager
def within_the_years(name: str, given: object, before: tuple[str, str] | None = None) -> Iterator[None]:
    """Where an answer computed from the valid argument ``name`` (``given``) reaches a year past
    the library's (December 2999's report falls due in 3000): FieldInvalid naming ``name``, the
    argument the caller gave, and not ``year``, which the caller never gave (integrator i42).
    ``before``: why an answer reaches before 1900, in English and Chinese (the reason after 2999
    was said of 1899 too: integrator i55 08); none said when not given."""
    try:
        yield
    except _YearOutOfRange as exc:
        why = ("December's report falls due in the next year", "12 月的月报在次年截止") if exc.year > 2999 else before
        en, zh = (f" ({why[0]})", f"（{why[1]}）") if why else ("", "")
        error = FieldInvalid(
            name,
            f"{given}: the answer reaches {exc.year}{en}, past the library's years 1900-2999",
            zh=f"{name} {given}：结果涉及 {exc.year} 年{zh}，超出本库支持的年份（1900–2999 年）",
        )
        raise error from exc


@frozen(order=False)
class Month:
    """A calendar month (月), e.g. ``Month(2025, 3)`` printed as ``2025-03``.

    Ordered by (year, month); the comparisons are written out because months are compared
    millions of times in the monthly analyses.
    """

    year: int = field(validator=_year_ok)
    month: int = field()

    @month.validator
    def _check_month(self, _attr: object, value: int) -> None:
        if type(value) is not int:
            raise FieldInvalid("month", f"expected a whole number 1-12, got {type(value).__name__} {value!r:.40}")
        if not 1 <= value <= 12:
            # FieldInvalid naming the field, as a wrong type is (a plain SoftenvError until
            # integrator i41); its message is the one the loader writes after the $.path.
            zh = f"月份 {value} 不存在（应为 01-12）"
            raise FieldInvalid.said_once("month", f"month {value} out of range 1-12", zh=zh)

    @classmethod
    def parse(cls, text: str) -> Month:
        """Parse ``YYYY-MM``."""
        m = _matched(_MONTH, text, "a month as YYYY-MM")
        return _parsed(cls, m[1], m[2])

    @classmethod
    def of(cls, day: date) -> Month:
        """The month that contains ``day``."""
        try:
            if cls is Month:
                return _month(day.year, day.month)  # shared instances: months are built millions of times
            return cls(day.year, day.month)
        except (AttributeError, TypeError):  # caught, not checked first
            raise _not_a_day(day) from None

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last_day(self) -> date:
        return _last_day(self.year, self.month)

    @property
    def end(self) -> datetime:
        """The moment the month ends: midnight Beijing time at the start of the next month."""
        # Asked for every county's deadline check and every complaint's month: one shared
        # (immutable) datetime per month instead of a new one each time.
        found = _ENDS.get(self.year * 16 + self.month)
        if found is None:
            year, month = (self.year + 1, 1) if self.month == 12 else (self.year, self.month + 1)
            found = _ENDS.setdefault(self.year * 16 + self.month, datetime(year, month, 1, tzinfo=BEIJING))
        return found

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self.year == other.year and self.month == other.month

    def __hash__(self) -> int:
        # Months key many dicts (millions of look-ups in an assessment): a plain int, no tuple.
        return self.year * 16 + self.month

    def __lt__(self, other: Month) -> bool:
        if not isinstance(other, Month):
            return NotImplemented
        return (self.year, self.month) < (other.year, other.month)

    def __le__(self, other: Month) -> bool:
        if not isinstance(other, Month):
            return NotImplemented
        return (self.year, self.month) <= (other.year, other.month)

    def __gt__(self, other: Month) -> bool:
        if not isinstance(other, Month):
            return NotImplemented
        return (self.year, self.month) > (other.year, other.month)

    def __ge__(self, other: Month) -> bool:
        if not isinstance(other, Month):
            return NotImplemented
        return (self.year, self.month) >= (other.year, other.month)

    def __add__(self, months: int) -> Month:
        # Whole-month arithmetic on a month count: what relativedelta(months=...) gives on the
        # first day, without building a relativedelta and a date (every deadline adds a month).
        if months != int(months):
            raise ValueError("Non-integer months are ambiguous; give a whole number of months")
        n = self.year * 12 + self.month - 1 + int(months)
        return _month(n // 12, n % 12 + 1)

    def __sub__(self, months: int) -> Month:
        return self + (-months)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    def contains(self, day: date) -> bool:
        try:
            return day.year == self.year and day.month == self.month
        except AttributeError:
            raise _not_a_day(day) from None

    @property
    def half(self) -> HalfYear:
        return HalfYear(self.year, 1 if self.month <= 6 else 2)


@frozen(order=True)
class HalfYear:
    """A half year (半年), e.g. ``2025-H1``; the period of a 万人评议 round."""

    year: int = field(validator=_year_ok)
    half: int = field()

    @half.validator
    def _check_half(self, _attr: object, value: int) -> None:
        if type(value) is not int or value not in (1, 2):  # one of the library's errors (s21 02)
            raise FieldInvalid("half", f"expected 1 or 2, got {type(value).__name__} {value!r:.40}")

    @classmethod
    def parse(cls, text: str) -> HalfYear:
        """Parse ``YYYY-H1`` or ``YYYY-H2``."""
        m = _matched(_HALF, text, "a half year as YYYY-H1 or YYYY-H2")
        return _parsed(cls, m[1], m[2])

    @property
    def months(self) -> tuple[Month, ...]:
        months = _year_months(self.year)
        return months[:6] if self.half == 1 else months[6:]

    def __str__(self) -> str:
        return f"{self.year:04d}-H{self.half}"


@frozen(order=True)
class Year:
    """A calendar year (年度), the period of the year-end assessment."""

    year: int = field(validator=_year_ok)

    @classmethod
    def parse(cls, text: str) -> Year:
        """Parse ``YYYY``."""
        m = _matched(_YEAR, text, "a year as YYYY")
        return _parsed(cls, m[1])

    @property
    def months(self) -> tuple[Month, ...]:
        return _year_months(self.year)

    @property
    def halves(self) -> tuple[HalfYear, HalfYear]:
        return (HalfYear(self.year, 1), HalfYear(self.year, 2))

    @property
    def first_day(self) -> date:
        return date(self.year, 1, 1)

    @property
    def last_day(self) -> date:
        return date(self.year, 12, 31)

    def __iter__(self) -> Iterator[Month]:
        return iter(self.months)

    def __str__(self) -> str:
        return f"{self.year:04d}"


@lru_cache(maxsize=4096)
def _month(year: int, month: int) -> Month:
    return Month(year, month)


@lru_cache(maxsize=4096)
def _last_day(year: int, month: int) -> date:
    return date(year, month, _monthrange(year, month)[1])


@lru_cache(maxsize=256)
def _year_months(year: int) -> tuple[Month, ...]:
    return tuple(_month(year, m) for m in range(1, 13))


def to_the_second(moment: datetime) -> datetime:
    """``moment`` without its fraction of a second. Due moments name a whole second (23:59:59
    of the due day) and include it whole: a moment is compared with them to the second, so
    that 23:59:59.4 on the due day is on time (DESIGN: "the 5th included")."""
    return moment.replace(microsecond=0) if moment.microsecond else moment


def in_time(moment: datetime, due: datetime) -> bool:
    """Whether ``moment`` is at or before the due moment ``due``, to the second: the due
    second is included whole (the one rule for reports, pending months and complaint steps)."""
    return moment <= due or (moment.microsecond != 0 and to_the_second(moment) <= to_the_second(due))


#: The last second of a day: a due day ends at 23:59:59 Beijing time (DESIGN "Monthly report deadline").
_DAY_END = time(23, 59, 59)


def end_of_beijing_day(day: date) -> datetime:
    """The moment ``day`` ends for a limit counted in days: 23:59:59 Beijing time."""
    return datetime.combine(day, _DAY_END, BEIJING)


def in_beijing(moment: Any) -> Any:
    """An aware instant as Beijing time (the same instant: equal, the same hash), anything else
    as it is, for its validator: a result's ``as_of`` (or a status's ``at``) given in UTC was
    written ``+00:00``, so that two equal results gave two texts (integrator i45)."""
    if isinstance(moment, datetime) and moment.utcoffset() is not None:
        return moment.astimezone(BEIJING)
    return moment


def beijing_date(moment: datetime) -> date:
    """The Beijing calendar date of an aware moment, whatever offset it was written with."""
    try:
        naive = moment.utcoffset() is None
    except (AttributeError, TypeError):  # a date, a text: caught here, not checked first (a hot path)
        naive = None
    if naive is not False:
        got = "naive datetime" if naive else f"{type(moment).__name__} {moment!r:.40}"
        raise FieldInvalid("moment", f"expected an aware datetime (a timezone offset is required), got {got}")
    return moment.astimezone(BEIJING).date()


def beijing_month(at: datetime) -> tuple[int, int]:
    """The (year, month) of an aware moment in Beijing: how a complaint's months (received,
    resolved) are keyed, an int pair hashed in C rather than a Month."""
    b = at.astimezone(BEIJING)
    return (b.year, b.month)


def require_aware(as_of: datetime | None, name: str = "as_of") -> None:
    """Refuse a naive ``as_of``: it names no instant (DESIGN "An explicit instant"). One
    refusal for every analysis that takes one, so that they refuse alike; anything but a
    datetime (a date, an ISO string) is refused too, saying what to give. ``name``: the
    argument's (``at`` for complaint_status)."""
    if as_of is not None and not isinstance(as_of, datetime):
        raise FieldInvalid(
            name,
            f"expected an aware datetime (e.g. datetime(2026, 1, 6, tzinfo=BEIJING)), got {type(as_of).__name__} "
            f"{as_of!r:.60}",
        )
    if as_of is not None and not 1900 <= as_of.year <= 2999:  # datetime.max overflowed deep inside
        raise FieldInvalid(name, f"{as_of.isoformat()} is outside the supported years 1900-2999")
    if as_of is not None and as_of.utcoffset() is None:
        raise NaiveInstant(name, as_of)


def require_year(year: int, name: str = "year") -> int:
    """``year`` as an analysis takes it: a whole number 1900-2999, else FieldInvalid naming
    ``year`` (an integrator passing a query string's "2025" gets one of the library's errors), or
    ``name``, the argument the caller gave it as (``unit_rates``' ``period``: integrator i44)."""
    try:
        _year_ok(None, None, year)
    except FieldInvalid as exc:
        if name == "year":
            raise
        raise FieldInvalid(name, exc.message, zh=exc.zh) from None
    return year


def require_day(day: date, name: str) -> date:
    """``day`` as an analysis takes a day: a date (not a datetime, whose day depends on the
    offset: give its Beijing date), years 1900-2999; else FieldInvalid naming ``name``."""
    if type(day) is not date:
        got = f"datetime {day.isoformat()}: give beijing_date(moment)" if isinstance(day, datetime) else repr(day)
        raise FieldInvalid(name, f"expected a date, got {type(day).__name__} {got:.60}")
    if not 1900 <= day.year <= 2999:
        raise FieldInvalid(name, f"{day.isoformat()} is outside the supported years 1900-2999")
    return day


def _not_a_day(day: object) -> FieldInvalid:
    """The error of Month.of or Month.contains given no date (``"2025-03"``: Month.parse reads that)."""
    hint = ": Month.parse reads a month's text" if isinstance(day, str) else ""
    return FieldInvalid("day", f"expected a date, got {type(day).__name__} {day!r:.40}{hint}")


def month_runs(months: Iterable[Month]) -> str:
    """``2025-03, 2025-07—2025-12``: ``months`` (in order), each run of consecutive months
    written as its first and last, so that a gap is never read as covered."""
    runs: list[list[Month]] = []
    for m in months:
        if runs and runs[-1][-1] + 1 == m:
            runs[-1].append(m)
        else:
            runs.append([m])
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}—{r[-1]}" for r in runs)


def as_month(month: Month | str, name: str = "month") -> Month:
    """``month`` as an analysis takes it: a Month, or its text ``YYYY-MM``; else FieldInvalid
    naming the argument ``name`` (``month``, ``first``, ``last``, ``period``)."""
    if isinstance(month, Month):
        return month
    if isinstance(month, str):
        try:
            return Month.parse(month)
        except FieldInvalid as exc:  # "2025-3", or "2025-13": out of range
            raise FieldInvalid(name, exc.message) from None
    raise FieldInvalid(name, f"expected a Month or 'YYYY-MM', got {type(month).__name__} {month!r:.40}")


#: The offset written after a moment's time (``+08:00``, ``+0800``): group 1 the offset, 2 its minutes.
_OFFSET_TEXT = re.compile(r"[T ][^+-]*([+-]\d{2}:?(\d{2}))")


def offset_past_59(text: str) -> str | None:
    """The offset written in the moment ``text`` when its minutes are past 59 (``+08:99``), else
    None: ``fromisoformat`` reads +08:60 as +09:00 and +08:99 as +09:39, a typing slip moving the
    moment silently (integrator i30). The workbook's cells and ``--as-of`` ask it; the JSON
    loader's pattern allows 00-59 only."""
    found = _OFFSET_TEXT.search(text)
    return found[1] if found is not None and int(found[2]) > 59 else None


def span_zh(since: date | str, until: date | str | None) -> str:
    """A span of days (在册期间, a county's existence) as an official writes it:
    ``2025-03-01 至 2025-06-30``, or ``2025-03-01 至今`` when it has no end (a clerk read
    ``至 今`` as a gap, c48). Days are ISO dates; text (``…``, a date the message quotes) as given."""
    first = since.isoformat() if isinstance(since, date) else since
    if until is None:
        return f"{first} 至今"
    return f"{first} 至 {until.isoformat() if isinstance(until, date) else until}"


__all__ = [
    "BEIJING",
    "EPOCH",
    "HalfYear",
    "Month",
    "Year",
    "as_month",
    "beijing_clock",
    "beijing_date",
    "beijing_month",
    "end_of_beijing_day",
    "fixed_offsets",
    "in_beijing",
    "in_time",
    "month_runs",
    "offset_past_59",
    "require_aware",
    "require_day",
    "require_year",
    "since_epoch",
    "span_zh",
    "to_the_second",
    "within_the_years",
]
