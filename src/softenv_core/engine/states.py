"""The states of results, enums whose Chinese label lives on the member (``.zh``): a county's
month (MonthState) and a point's duty band (Band); the model, the workbook reader and every
renderer share the label (split from engine/ruletypes.py, which re-exports them)."""

from __future__ import annotations

from typing import Self, cast

from softenv_core._validators import LabelledEnum


class _StrLabelledEnum(str, LabelledEnum):
    """A labelled enum whose members are also their English value as a string.

    Results compare and serialise as before (``status == "on_time"`` holds for the member),
    while the Chinese label lives once, on the member (``.zh``).
    """

    def __new__(cls, value: str, zh: str) -> _StrLabelledEnum:
        obj = str.__new__(cls, value)
        obj._value_ = value
        obj.zh = zh
        return obj

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def of(cls, value: str) -> Self:
        """The member whose English value is ``value`` (ValueError naming the allowed ones)."""
        member = cls._value2member_map_.get(value)
        if member is None:
            raise ValueError(f"{value!r} is not one of: {', '.join(m.value for m in cls)}")
        return cast(Self, member)


class MonthState(_StrLabelledEnum):
    """How a county's monthly report (月报) stands for one month."""

    ON_TIME = "on_time", "按时"
    LATE = "late", "迟报"
    MISSING = "missing", "未报"
    #: Late or missing, and excused by a city waiver record (已豁免): the month's facts
    #: (submitted_at, late_workdays) and its score stay as they came (MonthStatus.reported).
    WAIVED = "waived", "已豁免"
    #: The county did not exist that month, so it owed no report (无需报送).
    NOT_OWED = "not_owed", "无需报送"
    #: Before the first report the city's opinion requires (未施行).
    NOT_IN_FORCE = "not_in_force", "未施行"
    #: Not yet due at the instant of the analysis (未到期).
    PENDING = "pending", "未到期"

    @property
    def owed(self) -> bool:
        """Whether the month counts for or against the county (on time, late or missing; a
        waived month too, scored by its facts: a waiver excuses it for 十佳 only)."""
        return self in (MonthState.ON_TIME, MonthState.LATE, MonthState.MISSING, MonthState.WAIVED)


class Band(_StrLabelledEnum):
    """A point's duty band (考评等次)."""

    EXCELLENT = "excellent", "优秀"
    PASS = "pass", "合格"
    FAIL = "fail", "不合格"


__all__ = ["Band", "MonthState"]
