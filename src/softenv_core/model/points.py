"""Monitoring points (软环境建设监测点): enterprises designated for a period."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

import attrs
from attrs import field, frozen

from softenv_core._validators import (
    FieldInvalid,
    LabelledEnum,
    identifier,
    member_of,
    name_tuple_errors,
    optional_text,
    text,
    to_tuple,
)
from softenv_core.model.divisions import City, County, division_code
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
class LiaisonTerm:
    """An earlier liaison person of a point (前任联系人, 定人) and the last day they looked after it.

    The seed names one person (定期定人进行联系) but offices change staff: a contact is judged
    against the person named on its day, so a contact the former person made before the change
    is theirs, not a 非定人 one (auditor a47)."""

    person: str = field(validator=text(50))
    until: date = field()

    @until.validator
    def _a_date(self, attr: attrs.Attribute[Any], value: date) -> None:
        if type(value) is not date:
            raise FieldInvalid(attr.name, f"expected a date, got {type(value).__name__} {value!r:.40}")


@frozen(field_transformer=name_tuple_errors)
class MonitoringPoint:
    """A monitoring point (监测点): an enterprise designated from one date until another.

    ``liaison_person`` is its named liaison person (联系人, 定人) in the office that contacts it,
    since the day after the last of ``former_liaison_persons`` (前任联系人: earlier persons, each
    with the last day they looked after it, oldest first); with none, for the whole designation.
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
    former_liaison_persons: tuple[LiaisonTerm, ...] = field(default=(), converter=to_tuple)

    @former_liaison_persons.validator
    def _terms_in_order(self, attr: attrs.Attribute[Any], value: tuple[LiaisonTerm, ...]) -> None:
        # Oldest first, each ending before the next: the person of a day is then the first whose
        # term has not ended (liaison_person_on), never a choice between two.
        for i, term in enumerate(value):
            if not isinstance(term, LiaisonTerm):
                raise FieldInvalid(f"{attr.name}[{i}]", f"expected a LiaisonTerm, got {type(term).__name__}")
            if i and term.until <= value[i - 1].until:
                raise FieldInvalid(
                    f"{attr.name}[{i}].until",
                    f"{term.until} is not after the earlier person's last day {value[i - 1].until}: "
                    "list former liaison persons oldest first",
                )

    @designated_until.validator
    def _after_from(self, attr: attrs.Attribute[Any], value: date | None) -> None:
        if value is None:
            return
        if type(value) is not date:  # validate() names a wrong type too; here, before comparing
            raise FieldInvalid(attr.name, f"expected a date or None, got {type(value).__name__} {value!r:.40}")
        if type(self.designated_from) is date and value < self.designated_from:
            raise FieldInvalid(attr.name, f"{value} is before designated_from {self.designated_from}")

    def liaison_person_on(self, day: date) -> str | None:
        """The liaison person (定人) named on ``day``, as compared (stripped); None: nobody named."""
        for term in self.former_liaison_persons:
            if day <= term.until:
                return term.person.strip()
        return None if self.liaison_person is None else self.liaison_person.strip()

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


def liaison_office_name(code: str, city: City, counties: Mapping[str, County]) -> str | None:
    """The name recorded for the liaison office (联系单位) ``code`` stands for: a county's
    ``County.liaison_office`` (its 经贸委 or 经信局, as the 县区 sheet writes it), the city's
    ``City.liaison_office`` for ``"city"`` (CITY_LIAISON), None for a code the dataset does not
    know, which each caller answers in its own way. The one lookup behind every output that
    names an office (``counties`` is ``Dataset.county_by_code``)."""
    county = counties.get(code)
    if county is not None:
        return county.liaison_office
    return city.liaison_office if code == CITY_LIAISON else None


__all__ = ["CITY_LIAISON", "Designator", "LiaisonTerm", "MonitoringPoint", "PointLevel", "liaison_office_name"]
