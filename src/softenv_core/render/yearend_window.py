"""Section 九's counts of the year's roster changes against the adjustment window (一年一调整,
三(五)), in the reader's language: split from render/year_end.py (at 500 lines)."""

from __future__ import annotations

from softenv_core.analyses.adjustment import WindowCheck
from softenv_core.analyses.unrecorded_changes import UnrecordedChange


def window_counts(window: list[WindowCheck], whose: str, own: bool, zh: bool) -> str:
    """Section 九's sentence: the year's changes, inside the window and outside it, and of those
    outside, the exempt (a reason that cannot wait, a division change, the first year) and the
    flagged, so that the figures add up to the total. It said "全年调整5项，调整期外且无正当原因1项。
    另有…3项": the changes inside the window and those exempt by reason went unsaid, and "另有"
    read as extra to the 5 what was among them (auditor a41)."""
    inside = sum(w.inside for w in window)
    outside = len(window) - inside
    flagged = sum(w.flagged for w in window)
    reasoned = sum(w.exempt and w.forced is None for w in window)
    forced = forced_count(window, zh)
    if zh:
        said = f"{whose}全年调整{len(window)}项：调整期内{inside}项，调整期外{outside}项"
        exempt = ([f"因正当原因{reasoned}项"] if reasoned else []) + ([forced] if forced else [])
        parts = ([f"{'、'.join(exempt)}，不受调整期限制"] if exempt else []) + [f"无正当原因{flagged}项"]
        return said + (f"，其中{'；'.join(parts)}" if outside else "") + "。"
    mine = " (your own)" if own else ""
    said = f"{len(window)} changes in the year{mine}: {inside} inside the window, {outside} outside it"
    exempt = ([f"{reasoned} for an exempt reason"] if reasoned else []) + ([forced] if forced else [])
    parts = ([f"{', '.join(exempt)} (not subject to the window)"] if exempt else []) + [
        f"{flagged} without an exempt reason"
    ]
    return said + (f", of which {'; '.join(parts)}" if outside else "") + "."


def forced_count(changes: list[WindowCheck] | list[UnrecordedChange], zh: bool) -> str:
    """The changes outside the window that nothing but a division change or the programme's
    first year forced (``forced``), counted apart by kind; "" when none."""
    moved, new, first = (
        sum(1 for c in changes if c.forced == k) for k in ("county_abolished", "county_created", "no_window")
    )
    said = []
    if moved or new:
        said.append(
            f"因县区撤销转隶或终止{moved}项、新设县区首次确定监测点{new}项"
            if zh
            else f"{moved} forced on a county's abolition, {new} first designations of a new county"
        )
    if first:  # the first year: its window preceded the baseline (t12 07)
        said.append(f"基线施行当年无调整期{first}项" if zh else f"{first} in a year whose window preceded the baseline")
    return "、".join(said) if zh else "; ".join(said)


__all__ = ["forced_count", "window_counts"]
