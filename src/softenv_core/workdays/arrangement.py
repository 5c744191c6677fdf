"""One year's official arrangement as supplied (国务院办公厅 放假安排), and the days of late
December that wait for the next year's notice. Split from workdays/calendar.py, which reads
them (auditor a75 01 made it pass 500 lines)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from attrs import field, frozen

from softenv_core.errors import FieldInvalid

#: The first day of December (its day of the month) whose working status waits for the next
#: year's notice (auditor a75 01). The State Council's notice for year Y+1 sets 元旦 and has
#: moved days of December Y, which chinesecalendar files under Y: 2006-12-30/31 and 2011-12-31
#: worked, 2007-12-29 worked and 12-31 off (the 2008 notice), 2018-12-29 worked and 12-31 off
#: (the 2019 notice). The earliest is the 29th, a make-up Saturday the day before the earliest
#: first day a 元旦 block has had (12-30). Make-up days have lain up to 11 days before their
#: holiday's first day (2026-09-20 for 国庆节 from 10-01), so a notice may move a day of December
#: from the 19th (12-30 less 11 days): from it on, a day is known only with Y+1's arrangement.
LATE_DECEMBER_FROM = 19


def late_december(day: date) -> bool:
    """Whether ``day`` lies in the last days of its December (from :data:`LATE_DECEMBER_FROM`),
    which the next year's notice may move: known only when that year's arrangement is."""
    return day.month == 12 and day.day >= LATE_DECEMBER_FROM


def years_of(day: date) -> tuple[int, ...]:
    """The years whose arrangements decide ``day``: its own, and the next for a day of late
    December (:func:`late_december`)."""
    return (day.year, day.year + 1) if late_december(day) else (day.year,)


_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")  # not the locale's


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
    weekend days worked (补班). Every other day follows the Monday-Friday week. The days are of
    ``year``, or of the previous year's December from :data:`LATE_DECEMBER_FROM`: the notice for
    ``year`` sets 元旦 and may move them (2018-12-29 worked and 12-31 off by the notice for 2019),
    and for those days it takes precedence over the previous year's arrangement.
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
                # The notice also states the days of the previous December it moves (a75 01).
                if d.year != self.year and not (d.year == self.year - 1 and late_december(d)):
                    raise FieldInvalid(
                        name,
                        f"{d.isoformat()} is not in {self.year} (nor in the last days of December "
                        f"{self.year - 1}, from the {LATE_DECEMBER_FROM}th, which its notice may move)",
                    )
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


__all__ = ["LATE_DECEMBER_FROM", "YearArrangement", "late_december", "years_of"]
