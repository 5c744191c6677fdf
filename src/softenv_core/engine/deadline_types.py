"""A county's report deadline as a traced value (报送截止时间) and its holiday policy (顺延规则).

Split from engine/ruletypes.py, which re-exports both: the engine, the city baseline and
plugins build and read them there or here.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from attrs import evolve, field, frozen

from softenv_core._validators import LabelledStrEnum, identifier
from softenv_core.engine.trace import ParamValue
from softenv_core.errors import FieldInvalid
from softenv_core.model.periods import in_beijing
from softenv_core.workdays.calendar import CalendarSource


class DeadlinePolicy(LabelledStrEnum):
    """What happens to a due day that is not a working day (顺延规则)."""

    NEXT_WORKDAY = ("next_workday", "顺延至下一个工作日")
    NO_MOVE = ("none", "不顺延")
    #: A county's rule "遇节假日提前": a day off moves to the working day before it (plugin
    #: author p44 could only give the earlier day under 不顺延, whose facts say nothing of the
    #: holiday). The engine refuses such a due moment when it falls inside the reported month.
    PREVIOUS_WORKDAY = ("previous_workday", "遇节假日提前至前一个工作日")


def deadline_policy(value: DeadlinePolicy | str) -> DeadlinePolicy:
    """``value`` as a DeadlinePolicy member: a member as it is, its text value (``"none"``, as
    plugins wrote it before the enum) as the member; anything else FieldInvalid naming ``policy``."""
    if type(value) is DeadlinePolicy:
        return value
    found = DeadlinePolicy._value2member_map_.get(value) if isinstance(value, str) else None
    if found is None:
        raise FieldInvalid(
            "policy", f"unknown deadline policy {value!r:.40}: expected next_workday, previous_workday or none"
        )
    return found  # type: ignore[return-value]  # the map holds members


def exact_tuple(value: Any) -> Any:
    """A tuple subclass as a plain tuple of its items, read once; anything else as given (a list
    or a text is the answer's checks to refuse). A subclass may give other items to each reader:
    a county's deadline cited one set of parameters to the checks and another to the explanation
    (reviewer r52 05), as its complaint limits did (sla_answers.detached)."""
    if type(value) is tuple or not isinstance(value, tuple):  # the usual answer: one C-level test
        return value
    return tuple(tuple.__iter__(value))


@frozen
class Deadline:
    """The due moment (报送截止时间) of a county's monthly report, and why."""

    #: Kept in Beijing time (the same instant): a plugin's answer in UTC, or at an offset with
    #: seconds (+08:00:30, which no moment of the documents' schema has), was written as it came,
    #: so that equal results gave different JSON and one failed its own schema and from_json
    #: (integrator i47 01, 04). A value that is no aware datetime is kept for the checks to refuse.
    due_at: datetime = field(converter=in_beijing)
    nominal: date  # the day the rule names, before moving off non-working days
    #: The rule's id, as every rule's (an id's form): ``monthly_deadline(rule_id="")`` called
    #: directly gave a Deadline citing no rule, which the engine refused only from a plugin (i44).
    rule_id: str = field(validator=identifier)
    #: What happens to a nominal day off: a member, whatever was given (its text value is
    #: taken), so that every renderer reads its Chinese label from the member (.zh).
    policy: DeadlinePolicy = field(converter=deadline_policy)
    reference: str
    facts: tuple[str, ...] = field(default=(), converter=exact_tuple)  # e.g. "2024-04-05 非工作日"
    calendar_sources: tuple[CalendarSource, ...] = field(default=(), converter=exact_tuple)
    params: tuple[ParamValue, ...] = field(default=(), converter=exact_tuple)
    plugin: str = ""
    version: str = ""
    #: ``reference`` in Chinese (依据), for documents to officials (None: ``reference`` is shown).
    reference_zh: str | None = None

    @property
    def provisional(self) -> bool:
        return any(s.provisional for s in self.calendar_sources)

    def answered_by(self, plugin: str, version: str) -> Deadline:
        """This deadline named after the plugin (and version) that gave it.

        ``evolve`` written out: a third of its cost, and it runs for every county and month
        (a test compares the two, so that a field added here is not left behind).
        """
        if type(self) is not Deadline:  # a plugin's subclass keeps its class
            return evolve(self, plugin=plugin, version=version)
        return Deadline(
            self.due_at,
            self.nominal,
            self.rule_id,
            self.policy,
            self.reference,
            self.facts,
            self.calendar_sources,
            self.params,
            plugin,
            version,
            self.reference_zh,
        )


__all__ = ["Deadline", "DeadlinePolicy", "deadline_policy"]
