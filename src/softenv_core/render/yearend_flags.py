"""The year end's flags on removals, in the Markdown and the Word document alike: a recorded
removal its grounds' facts contradict (section 三) and a nominee also proposed for removal (section
五). Each is said in the reader's language from the result's fields; the Chinese lines are the
analyses' own explanations (moved out of render/yearend_parts.py, which had reached its size)."""

from __future__ import annotations

from collections.abc import Callable

from softenv_core.analyses.commendation import CommendationResult
from softenv_core.analyses.year_end import YearEnd
from softenv_core.model.roster import ChangeReason
from softenv_core.rules.city.removal import above_band_en, above_band_zh, removal_ground_zh


def unqualified_lines(y: YearEnd, zh: bool, esc: Callable[[object], str] = str) -> list[str]:
    """The removals for 考评不合格 of a point the year's assessment rated 优秀 or 合格 (auditor
    a39), then those for 连续三个月未联系上 of a point with no such run (a59): per ground a blank
    line, a heading, a blank line, then a ``- ! …`` line each; none when there is none. ``esc``
    escapes the records' text for the document (md_inline for Markdown). The ground is named by
    the removal band they were checked against (考评合格及以下 when the city set 合格: review c42)."""
    flagged = [u for u in y.unqualified_removals if u.flagged and u.reason is ChangeReason.UNQUALIFIED]
    unreached = [u for u in y.unqualified_removals if u.flagged and u.reason is ChangeReason.UNREACHABLE]
    out: list[str] = []
    if flagged:
        band = flagged[0].removal_band  # one year's removals, one band (read on its last day)
        ground, above = removal_ground_zh(band), above_band_zh(band)
        if zh:
            out += ["", f"以“{ground}”撤销、但当年考评{above}的：", "", *(f"- ! {esc(u.explanation)}" for u in flagged)]
        else:
            out += [
                "",
                f"Removed for {ground} though the year's assessment {above_band_en(band)}:",
                "",
                *(
                    f"- ! {esc(u.change)}: {esc(u.point)} removed for {ground} from {u.effective}, but rated "
                    f"{u.band.value if u.band else '-'} ({u.total}) in {u.year}"
                    for u in flagged
                ),
            ]
    if unreached and zh:
        ground = ChangeReason.UNREACHABLE.zh
        out += [
            "",
            f"以“{ground}”撤销、但当年联系记录并无此情形的：",
            "",
            *(f"- ! {esc(u.explanation)}" for u in unreached),
        ]
    elif unreached:  # in English as the 不合格 lines (reviewer r55: the Chinese explanation stood here)
        out += ["", f"Removed as {reason_en('unreachable')} though the contacts show no such run:", ""]
        out += [
            f"- ! {esc(u.change)}: {esc(u.point)} removed as unreachable from {u.effective}, but its contacts "
            f"in {u.year} show no such run"
            for u in unreached
        ]
    return out


def reason_en(value: str) -> str:
    """A removal's ground in English, its Chinese name beside it (the records' and the city's
    word): ``unreachable (连续三个月未联系上)``; a value no ChangeReason has, as it is."""
    known = {r.value: r for r in ChangeReason}
    return f"{value.replace('_', ' ')} ({known[value].zh})" if value in known else value


def also_proposed_lines(c: CommendationResult, zh: bool, esc: Callable[[object], str] = str) -> list[str]:
    """A line per point accepted or commended that section 三 proposes for removal (auditor a59
    03), flagged beside the decisions' flags (the city office's alone): the city has set no rule
    on such a pair, so the library names it and decides nothing."""
    out = []
    for a in c.also_proposed:
        if zh:
            why, noms = "；".join(a.explanation), "、".join(a.nominations)
            done = f"市里已决定表彰（推荐 {esc(noms)}）" if a.commended else f"推荐 {esc(noms)} 符合条件"
            out.append(
                f"{esc(a.point)} 同时在三、动态调整建议中被建议撤销（{esc(why)}），{done}；"
                "市里未规定被建议撤销的监测点能否表彰，仅作提示"
            )
        else:  # by its grounds, not the proposal's Chinese explanation (reviewer r55)
            done, grounds = (
                "commended by the city" if a.commended else "accepted",
                " and ".join(map(reason_en, a.reasons)),
            )
            out.append(
                f"{esc(a.point)} is also proposed for removal in section 3 as {esc(grounds)}: nomination "
                f"{esc(', '.join(a.nominations))} {done}; the city has not said whether a point proposed "
                "for removal may be commended, so this is only flagged"
            )
    return out


__all__ = ["also_proposed_lines", "reason_en", "unqualified_lines"]
