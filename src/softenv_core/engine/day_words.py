"""The calendar's words (workdays.deadlines: a day's kind, the working days a late report
counted), which results hold in Chinese, as an English document says them (engine.phrases).
The workdays layer sits below the phrases, so its Chinese is read back here with the same
wording; tests/test_fe2.py says every day kind of a year in English."""

from __future__ import annotations

import calendar as _calendar

from softenv_core.engine.phrases import DAY as _DATE
from softenv_core.engine.phrases import Phrase, term
from softenv_core.workdays.deadlines import HOLIDAY_EN, WEEKDAYS_ZH

for _zh, _en in zip(WEEKDAYS_ZH, _calendar.day_name, strict=True):
    term(_zh, _en)
for _zh, _en in HOLIDAY_EN.items():
    term(_zh, _en)
term("工作日", "working day")
term("补班（工作日）", "make-up working day")
term("节假日（非工作日）", "day off (not a working day)")
term("休息日（非工作日）", "weekend (not a working day)")
term("截止当日逾时报送，不计工作日", "submitted on the due day after the due time: no working day counted")

DAY = Phrase("{day} {weekday} {kind}", "{day} {weekday} {kind}", known=("weekday",), shapes=(("day", _DATE),))
MAKE_UP = Phrase("补班（{holiday}调休，工作日）", "make-up working day ({holiday} arrangement)", known=("holiday",))
HOLIDAY = Phrase("节假日（{holiday}，非工作日）", "holiday ({holiday}, not a working day)", known=("holiday",))
#: A day as a lateness explanation names it (deadlines._short): ``10-11``, or the whole date.
_SHORT = r"(?:\d{4}-)?\d{2}-\d{2}"
NONE_AFTER = Phrase("{day}，截止日后无工作日", "{day}: no working day after the due day")
NONE_BETWEEN = Phrase(
    "{first} 至 {last} 均非工作日，截止日后无工作日",
    "{first} to {last} are none of them working days: none after the due day",
    shapes=(("first", _SHORT), ("last", _SHORT)),
)
WEEKEND_WORKED = Phrase("{day}（调休上班）", "{day} (make-up working day)")
MORE_DAYS = Phrase("{days} 等{n}天", "{days} and more, {n} days in all")

__all__ = ["DAY", "HOLIDAY", "MAKE_UP", "MORE_DAYS", "NONE_AFTER", "NONE_BETWEEN", "WEEKEND_WORKED"]
