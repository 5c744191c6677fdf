"""The city and its counties (县区), identified by GB/T 2260 administrative division codes."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import attrs
from attrs import field, frozen

from softenv_core._validators import FieldInvalid, LabelledEnum, identifier, optional_text, text

_CODE = re.compile(r"^\d{6}$")


def division_code(_inst: object, attr: attrs.Attribute[Any], value: object) -> None:
    """A six-digit GB/T 2260 code."""
    if not isinstance(value, str) or not _CODE.match(value):
        raise FieldInvalid(attr.name, f"expected a six-digit GB/T 2260 code, got {value!r}")


class CountyKind(LabelledEnum):
    """Kind of a county-level division (县级行政区)."""

    DISTRICT = ("district", "市辖区")
    COUNTY = ("county", "县")
    CITY = ("county_city", "县级市")


@frozen
class City:
    """The city (市) whose programme this is; its code ends in ``00``.

    A province running the programme province-wide uses its ``PP0000`` code; its counties are
    then any county-level codes of the province.
    """

    code: str = field(validator=division_code)
    name: str = field(validator=text(100))
    office: str = field(default="市软建办", validator=text(100))
    liaison_office: str = field(default="市经贸委", validator=text(100))

    @code.validator
    def _city_level(self, attr: attrs.Attribute[Any], value: str) -> None:
        if not value.endswith("00"):
            raise FieldInvalid(attr.name, f"a city code has the form PPCC00 (or PP0000 for a province), got {value!r}")

    @property
    def prefix(self) -> str:
        """The code prefix of its counties: PPCC for a city; PP for a province-wide programme."""
        return self.code[:2] if self.code.endswith("0000") else self.code[:4]


@frozen
class County:
    """A county, district or county-level city (县区) of the city, with its liaison office."""

    code: str = field(validator=division_code)
    name: str = field(validator=text(100))
    kind: CountyKind
    liaison_office: str = field(validator=text(100))
    effective_from: date | None = None
    effective_until: date | None = None

    def active_on(self, day: date) -> bool:
        if self.effective_from and day < self.effective_from:
            return False
        return not (self.effective_until and day > self.effective_until)


@frozen
class Department:
    """A government department (部门) that points appraise and complain about.

    ``county`` is None for a city department (市直部门).
    """

    id: str = field(validator=identifier)
    name: str = field(validator=text(100))
    county: str | None = field(default=None, validator=attrs.validators.optional(division_code))
    note: str | None = field(default=None, validator=optional_text())


__all__ = ["City", "County", "CountyKind", "Department"]
