"""Monitoring points (软环境建设监测点): enterprises designated for a period."""

from __future__ import annotations

from datetime import date
from typing import Any

import attrs
from attrs import field, frozen

from softenv_core._validators import FieldInvalid, LabelledEnum, identifier, member_of, optional_text
from softenv_core.model.divisions import division_code
from softenv_core.model.enterprises import Enterprise
from softenv_core.model.periods import Month


class PointLevel(LabelledEnum):
    """Who contacts a point: 市直 points the city's 市经贸委, 县区 points their county's 经贸委."""

    CITY = ("city", "市直")
    COUNTY = ("county", "县区")


class Designator(LabelledEnum):
    """Who designated the point: the city, or the county on its own (四(二))."""

    CITY = ("city", "市确定")
    COUNTY = ("county", "县区增设")


CITY_LIAISON = "city"  # the liaison office key of the city's 市经贸委


@frozen
class MonitoringPoint:
    """A monitoring point (监测点): an enterprise designated from one date until another.

    ``liaison_person`` is its named liaison person (联系人, 定人) in the office that contacts it.
    """

    id: str = field(validator=identifier)
    enterprise: Enterprise
    county: str = field(validator=division_code)
    level: PointLevel = field(validator=member_of(PointLevel))
    designated_by: Designator = field(validator=member_of(Designator))
    designated_from: date
    designated_until: date | None = field(default=None)
    # 定人 (三(二): 定期定人进行联系): the named person in the liaison office who contacts it.
    liaison_person: str | None = field(default=None, validator=optional_text(50))

    @designated_until.validator
    def _after_from(self, attr: attrs.Attribute[Any], value: date | None) -> None:
        if value is None:
            return
        if type(value) is not date:  # validate() names a wrong type too; here, before comparing
            raise FieldInvalid(attr.name, f"expected a date or None, got {type(value).__name__} {value!r:.40}")
        if type(self.designated_from) is date and value < self.designated_from:
            raise FieldInvalid(attr.name, f"{value} is before designated_from {self.designated_from}")

    @property
    def liaison(self) -> str:
        """The liaison office that must contact it: ``"city"`` or the county's code."""
        return CITY_LIAISON if self.level is PointLevel.CITY else self.county

    def active_on(self, day: date) -> bool:
        if day < self.designated_from:
            return False
        return self.designated_until is None or day <= self.designated_until

    def active_in(self, month: Month) -> bool:
        """Designated on at least one day of ``month``: not the assessment's *active* (owed)
        month, which needs ``duty.min_workdays_in_month`` working days (docs/concepts.md)."""
        if self.designated_from > month.last_day:
            return False
        return self.designated_until is None or self.designated_until >= month.first_day

    def active_all_of(self, month: Month) -> bool:
        return self.active_on(month.first_day) and self.active_on(month.last_day)


__all__ = ["CITY_LIAISON", "Designator", "MonitoringPoint", "PointLevel"]
