"""Working-day facts about deadlines: a day described in words, and lateness in working days."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import chinese_calendar

from softenv_core._validators import argument
from softenv_core.model.periods import beijing_date, in_time
from softenv_core.workdays.calendar import WorkCalendar

_WEEKDAYS = "一二三四五六日"


def _official_holiday(calendar: WorkCalendar, day: date) -> str | None:
    """The statutory holiday of chinesecalendar's arrangement that ``day`` is off for or worked
    for (放假 or 调休补班), in Chinese (劳动节, 国庆节, 清明节…), None for none: a Saturday or
    Sunday inside one included (2025-05-03 in 劳动节 5/1–5/5).

    Only for a year whose days come from chinesecalendar: a supplied arrangement lists only the
    weekdays off and a provisional year knows no holidays, so their weekends stay 休息日 and their
    days carry no holiday's name.
    """
    source = calendar.day_source(day)  # a day of late December the next year's supplied notice moves: its (a75 01)
    if source.provisional or source.name != "chinesecalendar":
        return None
    holiday = chinese_calendar.holidays.get(day) or chinese_calendar.workdays.get(day)
    return None if holiday is None else _HOLIDAY_ZH.get(holiday, holiday)


#: chinesecalendar's holidays by the English names its tables hold, in the words of the State Council's
#: notices (元旦, 春节, 清明节, 劳动节, 端午节, 中秋节, 国庆节: the library says 清明, 端午, 中秋).
_FESTIVAL = {"清明": "清明节", "端午": "端午节", "中秋": "中秋节"}
_HOLIDAY_ZH = {h.value: _FESTIVAL.get(h.chinese, h.chinese) for h in chinese_calendar.Holiday}
#: A holiday's Chinese name, as :func:`describe_day` writes it, → chinesecalendar's English name
#: (an English document says the day in English: engine/day_words.py).
HOLIDAY_EN = {zh: en for en, zh in _HOLIDAY_ZH.items()}
#: The weekdays in Chinese (星期一 …) as :func:`describe_day` writes them, Monday first.
WEEKDAYS_ZH = tuple(f"星期{w}" for w in "一二三四五六日")


def describe_day(calendar: WorkCalendar, day: date) -> str:
    """A calendar fact in words, e.g. ``2024-04-07 星期日 补班（工作日）`` (full-width brackets
    around the Chinese, as in every document for officials).

    A working Saturday or Sunday is 补班 (调休 make-up day); a day off is 节假日 when it is a
    weekday (法定节假日 or a 调休 rest day) or a weekend day inside an official holiday, else 休息日.
    Where chinesecalendar gives the days, the holiday is named (``2025-05-05 星期一 节假日（劳动节，
    非工作日）``, ``2025-04-27 星期日 补班（劳动节调休，工作日）``): a clerk reading why a weekday is
    off or a Sunday worked sees which holiday's arrangement it is.
    """
    argument(calendar, WorkCalendar, "calendar", "a WorkCalendar")
    argument(day, date, "day", "a date")
    weekday = f"星期{_WEEKDAYS[day.weekday()]}"
    workday = calendar.is_workday(day)  # CalendarDataMissing first, for a year it does not know
    if workday and day.weekday() < 5:
        return f"{day.isoformat()} {weekday} 工作日"
    holiday = _official_holiday(calendar, day)
    if workday:
        kind = f"补班（{holiday}调休，工作日）" if holiday else "补班（工作日）"
    elif holiday:
        kind = f"节假日（{holiday}，非工作日）"
    elif day.weekday() < 5:
        kind = "节假日（非工作日）"
    else:
        kind = "休息日（非工作日）"
    return f"{day.isoformat()} {weekday} {kind}"


def lateness(submitted_at: datetime | None, due_at: datetime, calendar: WorkCalendar) -> tuple[str, int]:
    """``("on_time", 0)``, ``("late", N working days)`` or ``("missing", 0)``.

    Instants are compared, whatever offset each was written with, to the second: a county
    deadline at 17:00 makes 20:00 the same day late, and the due second is included whole
    (23:59:59.4 on the due day is on time). Late by N = the working days after the due date up to and
    including the submission's Beijing date (late on the due day itself: N = 0).
    """
    if submitted_at is None:
        return "missing", 0
    if in_time(submitted_at, due_at):
        return "on_time", 0
    return "late", calendar.workdays_between(beijing_date(due_at), beijing_date(submitted_at))


def _short(day: date, due: date) -> str:
    """``10-11`` in the due date's year, else the whole date (a report a year late)."""
    return day.strftime("%m-%d") if day.year == due.year else day.isoformat()


#: How many of the counted working days a lateness explanation names before "等N天".
LATE_DAYS_SHOWN = 5


def describe_lateness(
    calendar: WorkCalendar, due_at: datetime, submitted_at: datetime, shown: int = LATE_DAYS_SHOWN
) -> str:
    """Why a late report is late by the N working days :func:`lateness` counts, in words:
    the working days after the due date up to and including the submission's Beijing date,
    a make-up weekend day marked, e.g. ``10-10、10-11（调休上班）、10-13、10-14`` (a Chinese list,
    full-width); past ``shown``
    days the first ``shown`` then ``等N天``. N = 0 says why: submitted on the due day itself,
    or the days after it up to the submission were none of them working days
    (``2025-12-06 星期六 休息日（非工作日），截止日后无工作日``). Only the days a clerk must check
    are named: the figure that decides 50 or 0 is reproducible from the text (DESIGN 2).
    """
    due, sent = beijing_date(due_at), beijing_date(submitted_at)
    if sent <= due:
        return "截止当日逾时报送，不计工作日"
    counted: list[str] = []
    n = 0
    day = due + timedelta(days=1)
    while day <= sent:
        if calendar.is_workday(day):
            n += 1
            if n <= shown:  # a year-long delay names a few days, not three hundred
                counted.append(_short(day, due) + ("（调休上班）" if day.weekday() >= 5 else ""))
        day += timedelta(days=1)
    if n == 0:
        if sent == due + timedelta(days=1):
            return f"{describe_day(calendar, sent)}，截止日后无工作日"
        first = due + timedelta(days=1)
        return f"{_short(first, due)} 至 {_short(sent, due)} 均非工作日，截止日后无工作日"
    return "、".join(counted) + (f" 等{n}天" if n > shown else "")


__all__ = ["HOLIDAY_EN", "LATE_DAYS_SHOWN", "WEEKDAYS_ZH", "describe_day", "describe_lateness", "lateness"]
