"""Roster changes (动态调整) and their filing (备案), waivers, commendation, research topics."""

from __future__ import annotations

import itertools
from datetime import date, datetime
from typing import Any

import attrs
from attrs import field, frozen

from softenv_core._validators import (
    FieldInvalid,
    LabelledEnum,
    aware,
    identifier,
    library_year,
    member_of,
    name_tuple_errors,
    optional_text,
    text,
    to_tuple,
)
from softenv_core.model.divisions import division_code
from softenv_core.model.periods import Month
from softenv_core.model.points import CITY_LIAISON, Designator


class ChangeAction(LabelledEnum):
    """What a roster change (动态调整) does."""

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
    """Adding or removing a point (动态调整), by the city or by a county."""

    id: str = field(validator=identifier)
    point: str = field(validator=identifier)
    action: ChangeAction = field(validator=member_of(ChangeAction))
    reason: ChangeReason = field(validator=member_of(ChangeReason))
    effective: date
    by: Designator = field(validator=member_of(Designator))
    county: str = field(validator=division_code)
    note: str | None = field(default=None, validator=optional_text())


@frozen(field_transformer=name_tuple_errors)
class Filing:
    """A county's filing (备案) of its roster changes with the city (市经贸委)."""

    id: str = field(validator=identifier)
    county: str = field(validator=division_code)
    filed_on: date
    changes: tuple[str, ...] = field(converter=to_tuple)  # RosterChange ids

    @changes.validator
    def _some(self, attr: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
        if not value:
            raise FieldInvalid(attr.name, "a filing (备案) lists at least one roster change")


@frozen
class Waiver:
    """The city excusing (豁免) a county's month from the on-time condition (e.g. force majeure)."""

    id: str = field(validator=identifier)
    county: str = field(validator=division_code)
    month: Month
    reason: str = field(validator=text(1000))
    decided_on: date
    decided_by: str = field(default="市经贸委", validator=text(100))


@frozen
class Nomination:
    """A county's nomination (推荐) of a point for commendation in a year.

    ``submitted_at`` (推荐时间) is the moment the county submitted it to the city, as a
    report's: an analysis as of an instant reads only the nominations submitted by then. None
    (a dataset written before the field) means the moment is unknown: such a nomination is
    read whatever the instant, and the year end lists it as undated (docs/yearend.md).
    """

    id: str = field(validator=identifier)
    # The library's years (Month, the dates a dataset holds): -1 or 10**19 loaded before.
    year: int = field(validator=library_year)
    county: str = field(validator=division_code)
    point: str = field(validator=identifier)
    note: str | None = field(default=None, validator=optional_text())

    # Last, so that the positional form of the records written before it still builds.
    submitted_at: datetime | None = field(default=None, validator=attrs.validators.optional(aware))

    def known_at(self, as_of: datetime | None) -> bool:
        """Whether the nomination is known at ``as_of`` (every one when None): submitted by
        then, or undated (its moment unknown, it is read whatever the instant)."""
        return as_of is None or self.submitted_at is None or self.submitted_at <= as_of


@frozen
class CommendationDecision:
    """The city's decision (表彰奖励) on a nomination."""

    id: str = field(validator=identifier)
    nomination: str = field(validator=identifier)
    commended: bool
    decided_on: date
    note: str | None = field(default=None, validator=optional_text())


class TopicState(LabelledEnum):
    """Where a 专项调研 topic stands (三(四)), in lifecycle order."""

    PROPOSED = ("proposed", "拟立项")
    OPENED = ("opened", "已立项")
    FINDINGS = ("findings", "形成调研结论")
    MEASURES = ("measures", "研究制定措施")
    CLOSED = ("closed", "已结题")

    @property
    def rank(self) -> int:
        return _TOPIC_ORDER.index(self)


_TOPIC_ORDER = tuple(TopicState)


@frozen
class TopicEvent:
    """A topic reaching a state on a date (调研进程)."""

    state: TopicState = field(validator=member_of(TopicState))
    date: date
    note: str | None = field(default=None, validator=optional_text())


@frozen
class Finding:
    """A finding of the research (调研结论), dated."""

    date: date
    text: str = field(validator=text(2000))


@frozen
class Measure:
    """A measure worked out (研究制定的办法、措施), dated, with the department that adopts it."""

    date: date
    text: str = field(validator=text(2000))
    department: str | None = None


def _topic_owner(_inst: object, attr: attrs.Attribute[Any], value: object) -> None:
    if value != CITY_LIAISON:
        division_code(_inst, attr, value)


@frozen(field_transformer=name_tuple_errors)
class ResearchTopic:
    """A 专项调研 topic (三(四)), usually from a common problem across points.

    ``owner`` is the office that runs it: ``"city"`` (市经贸委) or a county's code (县区经贸委).
    Its lifecycle is ``events`` (proposed → opened → findings → measures → closed, dated, never
    backwards); ``evidence`` are the ids of the contacts, reports and complaints behind it.
    A topic of the first dataset version has only ``opened``: it reads as opened on that day.
    """

    id: str = field(validator=identifier)
    title: str = field(validator=text(200))
    opened: date | None = None
    category: str | None = None
    department: str | None = None
    evidence: tuple[str, ...] = field(default=(), converter=to_tuple)
    owner: str = field(default=CITY_LIAISON, validator=_topic_owner)
    events: tuple[TopicEvent, ...] = field(default=(), converter=to_tuple)
    findings: tuple[Finding, ...] = field(default=(), converter=to_tuple)
    measures: tuple[Measure, ...] = field(default=(), converter=to_tuple)

    def __attrs_post_init__(self) -> None:
        # Types first: the checks below compare dates and states (a bare TypeError otherwise).
        if self.opened is not None and type(self.opened) is not date:
            got = f"{type(self.opened).__name__} {self.opened!r:.40}"
            raise FieldInvalid("opened", f"expected a date or None, got {got}")
        for name, kind in (("events", TopicEvent), ("findings", Finding), ("measures", Measure)):
            value = getattr(self, name)
            if not isinstance(value, list | tuple) or not all(isinstance(v, kind) for v in value):
                raise FieldInvalid(name, f"expected a list of {kind.__name__} records, got {value!r:.60}")
        if self.opened is None and not self.events:
            raise FieldInvalid("opened", "a topic needs its opening date or its lifecycle events")
        for a, b in itertools.pairwise(self.events):
            if b.state.rank <= a.state.rank:
                raise FieldInvalid("events", f"{b.state.value} cannot follow {a.state.value}: states only move on")
            if b.date < a.date:
                raise FieldInvalid("events", f"{b.state.value} on {b.date} is before {a.state.value} on {a.date}")
        opened = self.opened_on
        if self.opened is not None and opened is not None and opened != self.opened:
            raise FieldInvalid("opened", f"{self.opened} differs from the opened event's date {opened}")
        for name, dated in (("findings", self.findings), ("measures", self.measures)):
            for d in dated:
                if opened is None or d.date < opened:
                    raise FieldInvalid(name, f"dated {d.date}, before the topic was opened ({opened or 'not opened'})")

    @property
    def opened_on(self) -> date | None:
        """The day it was opened (立项): the opened event, else the first-version ``opened``."""
        for e in self.events:
            if e.state is TopicState.OPENED:
                return e.date
        if self.opened is not None:
            return self.opened
        # Opened implicitly by a later state (e.g. straight to findings): that state's day.
        later = [e.date for e in self.events if e.state.rank > TopicState.OPENED.rank]
        return min(later) if later else None

    def state_on(self, day: date) -> TopicState | None:
        """Its state on ``day`` (None before it was proposed)."""
        if not self.events:
            return TopicState.OPENED if self.opened is not None and self.opened <= day else None
        found = None
        for e in self.events:
            if e.date <= day:
                found = e.state
        return found

    @property
    def state(self) -> TopicState:
        """Its latest state."""
        return self.events[-1].state if self.events else TopicState.OPENED


@frozen
class AdjustmentSuggestion:
    """A department's suggestion (有关部门建议, 三(五)) to add or remove a point at the annual adjustment.

    ``point`` names the point for a removal; an addition names the enterprise in ``text``
    and the county it should be in.
    """

    id: str = field(validator=identifier)
    department: str = field(validator=identifier)
    action: ChangeAction = field(validator=member_of(ChangeAction))
    county: str = field(validator=division_code)
    made_on: date
    text: str = field(validator=text(1000))
    point: str | None = None


__all__ = [
    "AdjustmentSuggestion",
    "ChangeAction",
    "ChangeReason",
    "CommendationDecision",
    "Filing",
    "Finding",
    "Measure",
    "Nomination",
    "ResearchTopic",
    "RosterChange",
    "TopicEvent",
    "TopicState",
    "Waiver",
]
