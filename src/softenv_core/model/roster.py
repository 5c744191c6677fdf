"""Roster changes (动态调整) and their filing (备案), waivers, commendation, research topics."""

from __future__ import annotations

from datetime import date

from attrs import field, frozen

from softenv_core._validators import LabelledEnum, identifier, member_of, optional_text, text
from softenv_core.model.divisions import division_code
from softenv_core.model.periods import Month
from softenv_core.model.points import Designator


class ChangeAction(LabelledEnum):
    """What a roster change does."""

    ADD = ("add", "增设")
    REMOVE = ("remove", "撤销")


class ChangeReason(LabelledEnum):
    """Why a point is added or removed (三(五))."""

    DESIGNATION = ("designation", "新确定")
    UNQUALIFIED = ("unqualified", "考评不合格")
    UNREACHABLE = ("unreachable", "连续三个月未联系上")
    OWN_WISH = ("own_wish", "企业自愿退出")
    DEREGISTERED = ("deregistered", "注销、吊销或迁出")
    DEPARTMENT_SUGGESTION = ("department_suggestion", "有关部门建议")
    OTHER = ("other", "其他")


@frozen
class RosterChange:
    """Adding or removing a point, by the city or by a county."""

    id: str = field(validator=identifier)
    point: str = field(validator=identifier)
    action: ChangeAction = field(validator=member_of(ChangeAction))
    reason: ChangeReason = field(validator=member_of(ChangeReason))
    effective: date
    by: Designator = field(validator=member_of(Designator))
    county: str = field(validator=division_code)
    note: str | None = field(default=None, validator=optional_text())


@frozen
class Filing:
    """A county's filing (备案) of its roster changes with the city (市经贸委)."""

    id: str = field(validator=identifier)
    county: str = field(validator=division_code)
    filed_on: date
    changes: tuple[str, ...]  # RosterChange ids


@frozen
class Waiver:
    """The city excusing a county's month from the on-time condition (e.g. force majeure)."""

    id: str = field(validator=identifier)
    county: str = field(validator=division_code)
    month: Month
    reason: str = field(validator=text(1000))
    decided_on: date
    decided_by: str = field(default="市经贸委", validator=text(100))


@frozen
class Nomination:
    """A county's nomination (推荐) of a point for commendation in a year."""

    id: str = field(validator=identifier)
    year: int
    county: str = field(validator=division_code)
    point: str = field(validator=identifier)
    note: str | None = field(default=None, validator=optional_text())


@frozen
class CommendationDecision:
    """The city's decision (表彰奖励) on a nomination."""

    id: str = field(validator=identifier)
    nomination: str = field(validator=identifier)
    commended: bool
    decided_on: date
    note: str | None = field(default=None, validator=optional_text())


@frozen
class ResearchTopic:
    """A 专项调研 topic, usually from a common problem across points."""

    id: str = field(validator=identifier)
    title: str = field(validator=text(200))
    opened: date
    category: str | None = None
    department: str | None = None
    evidence: tuple[str, ...] = ()


__all__ = [
    "ChangeAction",
    "ChangeReason",
    "CommendationDecision",
    "Filing",
    "Nomination",
    "ResearchTopic",
    "RosterChange",
    "Waiver",
]
