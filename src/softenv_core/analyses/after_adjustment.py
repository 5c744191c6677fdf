"""The day the roster stands "after the adjustment" (调整后, 三(五) 一年一调整).

DESIGN "Annual adjustment": after the adjustment, report representativeness gaps. The city's
implementing decision puts the adjustment after a year in the next January's window
(``adjustment.window``, 01-01 to 01-31: the changes of the year's adjustment take effect inside
it), so the roster after it is the one on the window's last day, with the roster changes known
at the instant. It was 1 January (auditor a43): an addition effective 2026-01-15, filed with the
city in December, was left out of 调整后, and the year end proposed adding again the sector it
filled (auditor a31 had fixed the same for a change effective 01-01).
"""

from __future__ import annotations

from datetime import date


def after_adjustment_day(window_end: date) -> date:
    """The roster's day after the adjustment: the last day of the window after the year whose
    window ends on ``window_end`` (``adjustment_window(params, year)``, read on that year's last
    day as every year-end figure, DESIGN "Reading a parameter"), in the next year."""
    nxt = window_end.year + 1
    try:
        return window_end.replace(year=nxt)
    except ValueError:  # a window ending on 29 February ends on the 28th in a common year
        return window_end.replace(year=nxt, day=window_end.day - 1)


__all__ = ["after_adjustment_day"]
