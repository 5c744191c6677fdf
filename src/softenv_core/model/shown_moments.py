"""A report's due moment and its submission as every document and notice shows them: in
Beijing time, to the minute, or to the second where the minute hides which came first.

Here, below the analyses, so that the notices the analyses word (analyses.later_records: a report
sent after the report's instant, auditor a79 02) show a moment as the documents' section 二 does
(render.document_words re-exports it, its home before).
"""

from __future__ import annotations

from datetime import datetime, time

from softenv_core.model.periods import BEIJING

#: The last second of a due day (DESIGN "Monthly report deadline"): the Word report's due column
#: shows such a moment as its day alone.
_DAY_END = time(23, 59, 59)


def due_and_sent(
    due: datetime | None, sent: datetime | None, *, short: bool = False, year: int | None = None
) -> tuple[str | None, str | None]:
    """A report's due moment and its submission as every document shows them side by side,
    in Beijing time (None for a moment there is not). To the minute, except that both show
    their seconds when they fall in the same minute and the due moment is not that minute's
    last second: a report due at a county's 17:00:00 and sent at 17:00:30 is late, and
    ``17:00 | 17:00 | 迟报`` hid the 30 seconds that decide it (auditor a57 01). The city's
    deadline (23:59:59) orders every submission of its minute as on time, so its documents
    keep the minute; so do submissions in another minute than the deadline's, whose order the
    minutes show. ``short`` is the Word report's narrow table: ``MM-DD``, and a due moment at
    its day's end (23:59:59) as the day alone; a day outside ``year`` (the report month's) in
    full, ``2026-01-05``: December's reports are due in January, and ``01-05`` in a 2025 report
    read as a day before the month reported on (clerk c58 07; section 五 writes it so, auditor
    a70 04). A record submitted after an analysis's instant is shown with the instant as ``due``,
    the moment it is set against: ``11:00:30`` as of 11:00:00, where ``11:00`` read as not after
    it (auditor a79 02).
    """
    due_at = due.astimezone(BEIJING) if due is not None else None
    sent_at = sent.astimezone(BEIJING) if sent is not None else None
    same_minute = (
        due_at is not None
        and sent_at is not None
        and due_at.second != 59  # the minute's last second: all of its minute is in time
        and due_at.replace(second=0, microsecond=0) == sent_at.replace(second=0, microsecond=0)
    )

    def shown(at: datetime, *, due: bool) -> str:
        day = "%m-%d" if short and at.year == (year or at.year) else "%Y-%m-%d"
        return at.strftime(day if short and due and at.time() == _DAY_END else day + clock)

    clock = " %H:%M:%S" if same_minute else " %H:%M"
    return (
        shown(due_at, due=True) if due_at is not None else None,
        shown(sent_at, due=False) if sent_at is not None else None,
    )


__all__ = ["due_and_sent"]
