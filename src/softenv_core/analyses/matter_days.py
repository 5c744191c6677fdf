"""What matters are read on a day (事项跟踪): the instant county reports are read at, and the
item categories that count as matters then. Split from analyses/followup_status.py."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, time, timedelta

from softenv_core.engine.parameters import ParameterSet
from softenv_core.engine.trace import ParamValue
from softenv_core.model.periods import BEIJING, since_epoch
from softenv_core.model.reports import ItemCategory


def report_cut(on: date | None, as_of: datetime | None) -> datetime | None:
    """The instant county reports are read at: ``as_of``, or the end of ``on`` (Beijing) when
    that is earlier (a report submitted later that day was raised after ``on``); None: all."""
    end = None if on is None else datetime.combine(on, time.max, BEIJING)  # to the day's last instant
    if as_of is None or (end is not None and since_epoch(end) < since_epoch(as_of)):
        return end
    return as_of


class MatterCategories:
    """The item categories that count as matters, read once per day (a year's contacts
    share a few hundred days; reading the parameter for each cost a tenth of a report);
    None on a day the parameter is not in force (no item raised then is a tracked matter)."""

    __slots__ = ("_by_day", "_params")

    def __init__(self, params: ParameterSet) -> None:
        self._params = params
        self._by_day: dict[date, frozenset[str] | None] = {}

    def on(self, day: date) -> frozenset[str] | None:
        if day in self._by_day:
            return self._by_day[day]
        found = None
        if self._params.in_force("followup.matter_categories", day):
            found = frozenset(self._params.get("followup.matter_categories", day).texts())
        self._by_day[day] = found
        return found


def categories_in_force(params: ParameterSet, start: date, end: date) -> tuple[ParamValue, ...]:
    """Every value of ``followup.matter_categories`` in force on some day from ``start`` to
    ``end``, oldest first: the year end's label read the value of the last day alone, which
    described the year's end, not a month that counted other categories (reviewer r56 02). A day
    at a time: 366 look-ups at most, once per year end."""
    found: dict[date, ParamValue] = {}
    day = start
    while day <= end:
        if params.in_force("followup.matter_categories", day):
            pv = params.get("followup.matter_categories", day)
            found.setdefault(pv.effective_from, pv)
        day += timedelta(days=1)
    return tuple(found.values())


def categories_left_out(in_force: tuple[ParamValue, ...], counted: Mapping[str, int]) -> tuple[ItemCategory, ...]:
    """The item categories a year's matters figure does not count: those ``followup.matter_categories``
    left out every day of the year (``in_force``: each value in force) that no counted matter has
    (``counted``, by category value): an item someone followed up is a matter whatever its
    category (reviewer r56 02). None when no parameter was in force. Decided here, with the
    figure, so that every rendering only says it."""
    named = {t for pv in in_force if pv.name == "followup.matter_categories" for t in pv.texts()}
    if not named:
        return ()
    return tuple(c for c in ItemCategory if c.value not in named and not counted.get(c.value))


__all__ = ["MatterCategories", "categories_in_force", "categories_left_out", "report_cut"]
