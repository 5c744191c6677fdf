"""Follow-up of matters (事项跟踪, 二(三)): what the liaison office did about an item raised.

二(三) names what the programme does for a point's matter: 提供信息 (supply policy, legal,
project or funding information), 帮助联系协调 (help with a specific difficulty), 提请有关部门研究
(refer a common problem to the department concerned for lasting measures). A matter ends
resolved (已解决) or found to need nothing (无需处理). Items carry no id of their own: a
follow-up names the contact or report that raised the item and the item's position in it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import attrs
from attrs import field, frozen

from softenv_core._validators import FieldInvalid, LabelledEnum, identifier, member_of, optional_text, text


class FollowUpKind(LabelledEnum):
    """What was done about a matter (跟踪办理方式)."""

    INFORMATION = ("information", "提供信息")
    COORDINATION = ("coordination", "帮助联系协调")
    REFERRED = ("referred", "提请有关部门研究")
    RESOLVED = ("resolved", "已解决")
    NO_ACTION = ("no_action", "无需处理")

    @property
    def closes(self) -> bool:
        """Whether the matter is finished with this step (已解决, 无需处理)."""
        return self in (FollowUpKind.RESOLVED, FollowUpKind.NO_ACTION)

    @property
    def helps(self) -> bool:
        """Whether this step is help given to the enterprise (everything but 无需处理)."""
        return self is not FollowUpKind.NO_ACTION


class MatterSource(LabelledEnum):
    """Where the matter was raised: in a liaison contact (联系) or a county's monthly report (月报)."""

    CONTACT = ("contact", "联系")
    REPORT = ("report", "月报")


def _non_negative_int(_inst: object, attr: attrs.Attribute[Any], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise FieldInvalid(attr.name, f"must be a non-negative integer, got {value!r}")


@frozen
class FollowUp:
    """One follow-up step (跟踪记录) on an item raised in a contact or a report.

    ``item`` is the item's position (from 0) in that record's ``items``; ``department`` the
    department a matter was referred to (required for 提请有关部门研究).
    """

    id: str = field(validator=identifier)
    source: MatterSource = field(validator=member_of(MatterSource))
    record: str = field(validator=identifier)  # the Contact or MonthlyReport id
    item: int = field(validator=_non_negative_int)
    kind: FollowUpKind = field(validator=member_of(FollowUpKind))
    date: date
    actor: str = field(validator=text(100))  # who did it: an office and, best, a person
    department: str | None = field(default=None)
    note: str | None = field(default=None, validator=optional_text())

    @department.validator
    def _referred_names_department(self, attr: attrs.Attribute[Any], value: str | None) -> None:
        if value is not None:
            identifier(self, attr, value)
        elif self.kind is FollowUpKind.REFERRED:
            raise FieldInvalid(attr.name, "a referral (提请有关部门研究) names the department it went to")

    @property
    def matter(self) -> tuple[str, str, int]:
        """The key of the matter it follows: (source, record id, item position)."""
        return (self.source.value, self.record, self.item)


__all__ = ["FollowUp", "FollowUpKind", "MatterSource"]
