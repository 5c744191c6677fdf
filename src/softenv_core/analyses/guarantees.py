"""Guarantees (保障机制, 四(一)(二)): which counties have a work plan and publicity for the year.

The seed asks each county to set targets and a plan (四(二)) and to publicise the programme
(四(一)); it scores neither. This lists, per county, the year's work plan and its targets and
the publicity activities (by the city's 市经贸委 or the county's own 经贸委). No score: a city
that wants one adds a rule.
"""

from __future__ import annotations

from datetime import date

from attrs import field, frozen

from softenv_core._validators import library_year, to_tuple
from softenv_core.model.dataset import Dataset


@frozen
class CountyGuarantees:
    """One county's guarantees for a year."""

    county: str
    name: str
    work_plan: str | None  # the plan's id (the latest adopted, when several)
    targets: tuple[str, ...] = field(converter=to_tuple)
    publicity: tuple[str, ...] = field(converter=to_tuple)  # activity ids, by date
    publicity_by_city: int = 0
    publicity_by_county: int = 0

    @property
    def has_plan(self) -> bool:
        return self.work_plan is not None

    @property
    def has_publicity(self) -> bool:
        return bool(self.publicity)


@frozen
class Guarantees:
    """Every county's guarantees for ``year``, by county code."""

    year: int = field(validator=library_year)
    counties: tuple[CountyGuarantees, ...] = field(converter=to_tuple)

    @property
    def without_plan(self) -> tuple[str, ...]:
        return tuple(c.county for c in self.counties if not c.has_plan)

    @property
    def without_publicity(self) -> tuple[str, ...]:
        return tuple(c.county for c in self.counties if not c.has_publicity)


def guarantees(dataset: Dataset, year: int, *, on: date | None = None) -> Guarantees:
    """Work plans for ``year`` and publicity activities dated in it, for every county; ``on``:
    only the plans adopted and the activities held by that day (the year end's instant)."""
    last = date.max if on is None else on
    out = []
    for c in sorted(dataset.counties, key=lambda c: c.code):
        plans = sorted(
            (w for w in dataset.work_plans if w.county == c.code and w.year == year and w.adopted_on <= last),
            key=lambda w: (w.adopted_on, w.id),
        )
        acts = sorted(
            (a for a in dataset.publicity if a.county == c.code and a.date.year == year and a.date <= last),
            key=lambda a: (a.date, a.id),
        )
        plan = plans[-1] if plans else None
        out.append(
            CountyGuarantees(
                c.code,
                c.name,
                plan.id if plan else None,
                plan.targets if plan else (),
                tuple(a.id for a in acts),
                sum(a.by == "city" for a in acts),
                sum(a.by != "city" for a in acts),
            )
        )
    return Guarantees(year, tuple(out))


__all__ = ["CountyGuarantees", "Guarantees", "guarantees"]
