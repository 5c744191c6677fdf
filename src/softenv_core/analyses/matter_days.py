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


#: How a category is left out of a year's matters figure (FollowUpYear.left_out): not at all in
#: any month (``all``, no matter of it followed up), counted only where followed up (``unless_followed_up``:
#: left out by the parameter every day, some followed up), or so in some months only (``some_months``).
LEFT_OUT_KINDS = ("all", "unless_followed_up", "some_months")


def categories_left_out(in_force: tuple[ParamValue, ...], counted: Mapping[str, int]) -> dict[str, str]:
    """The item categories a year's matters figure does not wholly count, by value, each with how
    (:data:`LEFT_OUT_KINDS`): ``followup.matter_categories`` values in force in the year
    (``in_force``) decide which are left out, and ``counted`` (by category value) whether any
    matter of one was counted for being followed up: a followed-up item is a matter whatever its
    category (reviewer r56 02), while every other item of its category is still left out (r57
    03: the label said nothing once one was followed up). Empty when no parameter was in force.
    Decided here, with the figure, so that every rendering only says it."""
    values = [set(pv.texts()) for pv in in_force if pv.name == "followup.matter_categories"]
    if not values:
        return {}
    out: dict[str, str] = {}
    for c in ItemCategory:
        excluded = [c.value not in v for v in values]
        if all(excluded):
            out[c.value] = "unless_followed_up" if counted.get(c.value) else "all"
        elif any(excluded):
            out[c.value] = "some_months"
    return out


__all__ = ["LEFT_OUT_KINDS", "MatterCategories", "categories_in_force", "categories_left_out", "report_cut"]
