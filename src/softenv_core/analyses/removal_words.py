"""The words naming a removal already recorded (已记录撤销), shared by the proposals that print
them and the redaction that keeps them whole (the library's own words, not a record's text)."""

from __future__ import annotations

from collections.abc import Iterable

from softenv_core.engine.phrases import ID, Phrase
from softenv_core.model.roster import RosterChange


def recorded_said(removals: Iterable[RosterChange]) -> tuple[str, list[str]]:
    """The words naming the removals already recorded on a proposal's ground (``；已记录撤销
    RC-1，2026-01-01 起``) and their ids, so that the proposal is not read as an action nobody
    has taken (auditor a39 for 不合格, a59 for 连续三个月未联系上)."""
    done = sorted(removals, key=lambda c: c.id)
    return "".join("；" + RECORDED(id=c.id, effective=c.effective) for c in done), [c.id for c in done]


#: In Chinese as the results hold it and in English (engine.phrases).
RECORDED = Phrase(
    "已记录撤销 {id}，{effective} 起",
    "removal {id} recorded, effective {effective}",
    shapes=(("id", ID),),
    verbatim=("id",),
)


__all__ = ["recorded_said"]
