"""What a report deadline written in another offset than Beijing's, or in none, means: the words
every refusal of such a deadline adds (plugin author p52 05).

A county's 17:00 written ``datetime.combine(day, time(17), timezone.utc)`` is 01:00 Beijing time
the next day. The engine refused it, but for its 规定日 (不顺延), or as later than the city's
(顺延), with fixes that led elsewhere ("build it with monthly_deadline", "give NO_MOVE with the
due day as its 规定日", which makes the 01:00 pass in some months); none named the offset or the
hour it means. A naive one was told "give a UTC offset", the check's fix "end of the day", which
tells a county that set 17:00 to use 23:59:59."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from softenv_core.model.periods import BEIJING

_BEIJING_OFFSET = timedelta(hours=8)
#: Before this hour Beijing time a due moment is most likely one written in another offset.
_EARLY = 8


def _clock(moment: datetime) -> str:
    """``moment``'s time of day as time()'s arguments, the parts that are not zero."""
    parts = [moment.hour, moment.minute, moment.second]
    while len(parts) > 1 and parts[-1] == 0:
        parts.pop()
    return ", ".join(map(str, parts))


def beijing_advice(due_at: datetime) -> str:
    """How to write ``due_at``'s hour (as the plugin wrote it) in Beijing time."""
    return (
        f"write the moment in Beijing time: datetime.combine(day, time({_clock(due_at)}), BEIJING) "
        "(+08:00, BEIJING from softenv_core.plugin), the day being the due day monthly_deadline gives "
        "(beijing_date(d.due_at)); monthly_deadline's own due_at is that day's end, 23:59:59 Beijing time"
    )


def offset_note(due_at: object) -> str:
    """ "" for a moment in Beijing working hours (or no datetime); else what it means in Beijing
    time and how to write it, to add to a refusal's words. A Deadline keeps ``due_at`` in Beijing
    time (deadline_types: integrator i47 01), so the offset a plugin wrote is gone by the time
    it is checked: a moment between 00:00 and 08:00 Beijing time (but midnight) is what one
    written in UTC, or another offset west of Beijing, becomes (17:00 UTC is 01:00)."""
    if not isinstance(due_at, datetime):
        return ""
    if due_at.utcoffset() is None:
        return f" (due_at {due_at.isoformat()} has no offset; {beijing_advice(due_at)})"
    at = due_at.astimezone(BEIJING)
    if at.hour >= _EARLY or at.time() == time(0):
        return ""
    written = (at - _BEIJING_OFFSET).replace(tzinfo=None)
    return (
        f" (due_at is {at:%H:%M} Beijing time on {at:%Y-%m-%d}, +08:00: a moment written at UTC+00:00 "
        f"(timezone.utc) as {written:%Y-%m-%d %H:%M}, or at another offset than Beijing's, is read as the "
        f"same instant in Beijing time; {beijing_advice(written)})"
    )


__all__ = ["beijing_advice", "offset_note"]
