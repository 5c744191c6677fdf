"""Guarantees of the programme (保障机制, 四(一)(二)): counties' work plans and publicity.

四(二) asks each county to 制定加强软环境建设监测点工作目标和计划; 四(一) asks the city's
市经贸委 to publicise the programme to the counties (逐一走访) and each county's 经贸委 to
publicise it to enterprises, and to sum up what was done. These are records; the year end
lists which counties have them (no score unless the city adds a rule).
"""

from __future__ import annotations

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
from softenv_core.model.divisions import division_code


def _year(_inst: object, attr: attrs.Attribute[Any], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 2000 <= value <= 2100:
        raise FieldInvalid(attr.name, f"expected a year between 2000 and 2100, got {value!r}")


def _targets(_inst: object, attr: attrs.Attribute[Any], value: object) -> None:
    check = text(500)
    if not isinstance(value, list | tuple):
        raise FieldInvalid(attr.name, f"expected a list of texts, got {type(value).__name__} {value!r:.40}")
    for t in value:
        check(_inst, attr, t)


@frozen(field_transformer=name_tuple_errors)
class WorkPlan:
    """A county's work plan for the year (工作目标和计划, 四(二)), with its targets (目标)."""

    id: str = field(validator=identifier)
    county: str = field(validator=division_code)
    year: int = field(validator=_year)
    adopted_on: date
    title: str = field(validator=text(200))
    targets: tuple[str, ...] = field(default=(), converter=to_tuple, validator=_targets)
    note: str | None = field(default=None, validator=optional_text())


class PublicityKind(LabelledEnum):
    """A kind of publicity activity (宣传活动, 四(一))."""

    VISIT = ("visit", "逐一走访")
    MEETING = ("meeting", "宣传会议")
    MEDIA = ("media", "媒体宣传")
    MATERIAL = ("material", "宣传资料")
    SUMMARY = ("summary", "经验总结")


@frozen
class PublicityActivity:
    """A publicity activity (宣传活动) about the programme in a county.

    ``by`` is who carried it out: ``"city"`` (市经贸委, e.g. visiting the county) or the
    county's own code (its 经贸委).
    """

    id: str = field(validator=identifier)
    county: str = field(validator=division_code)
    date: date
    kind: PublicityKind = field(validator=member_of(PublicityKind))
    title: str = field(validator=text(200))
    by: str = field(default="city")
    enterprises_reached: int | None = field(default=None)
    note: str | None = field(default=None, validator=optional_text())

    @by.validator
    def _office(self, attr: attrs.Attribute[Any], value: object) -> None:
        if value != "city":
            division_code(self, attr, value)

    @enterprises_reached.validator
    def _count(self, attr: attrs.Attribute[Any], value: object) -> None:
        if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
            raise FieldInvalid(attr.name, f"must be a non-negative integer, got {value!r}")


__all__ = ["PublicityActivity", "PublicityKind", "WorkPlan"]
