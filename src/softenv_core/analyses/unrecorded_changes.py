"""Roster changes a point's own record implies that no roster change records (未记录的名册调整).

A point whose record says it was designated (``designated_from``) or ended (``designated_until``)
inside the year, with no addition (增设) or removal (撤销) recording it, was added or removed all
the same: it owes, is scored and counts toward the quota. The filing (备案) and adjustment
window (调整期) checks read the roster changes only, so such a change escaped both and the year
end said "0项" (t11 11). It is listed here, for the year end's sections 四 and 九 to count; the
programme's initial roster (designated on or before the first day ``report.due_day`` is in force,
the baseline's first day) records no change.
"""

from __future__ import annotations

from datetime import date, datetime

from attrs import frozen

from softenv_core.analyses.adjustment import adjustment_window, forced_exemption
from softenv_core.engine.parameters import ParameterSet
from softenv_core.model.dataset import Dataset
from softenv_core.model.designations import unrecorded_changes
from softenv_core.model.periods import beijing_date, require_aware
from softenv_core.model.points import Designator
from softenv_core.model.roster import ChangeAction


@frozen
class UnrecordedChange:
    """An addition or removal (``action``) effective in the year that only the point's record shows.

    ``by`` is who designated the point (a county's change needed a filing with the city before
    it took effect); ``outside_window`` whether it took effect outside the year's adjustment
    window with nothing that exempts it: its reason is unknown, so only what the dates and
    records show does (``forced``, as ``WindowCheck.forced``: a county's abolition or creation,
    or a first year whose window preceded the baseline); ``explanation`` says it in Chinese.
    """

    point: str
    county: str
    action: ChangeAction
    effective: date
    by: Designator
    outside_window: bool
    explanation: str
    forced: str | None = None


def find_unrecorded(
    dataset: Dataset, year: int, params: ParameterSet, *, as_of: datetime | None = None
) -> tuple[UnrecordedChange, ...]:
    """The changes effective in ``year`` that only the points' records show, by date then point.

    ``as_of`` (aware): those in effect by its (Beijing) day, as :func:`known_changes` reads the
    recorded ones (a record's future end is not yet a change)."""
    require_aware(as_of)
    start, end, _ = adjustment_window(params, year)
    last = date(year, 12, 31) if as_of is None else min(date(year, 12, 31), beijing_date(as_of))
    out = []
    since = params.since("report.due_day")  # the baseline's first day: before it, the initial roster
    for _, p, action, effective in unrecorded_changes(dataset.points, dataset.roster_changes, {year}, since):
        if effective > last:
            continue
        if action is ChangeAction.ADD:
            said = f"确定日期{effective}在{year}年内"
        else:  # the record's last day may be in the year before (31 December): say both days
            said = f"截止日期{p.designated_until}，{effective}起撤销（在{year}年内）"
        outside = not start <= effective <= end
        forced = (
            forced_exemption(dataset, params, (action, p.county, p.id, effective), (start, end)) if outside else None
        )
        filing = "；县区增设的监测点，其备案无从核对" if p.designated_by is Designator.COUNTY else ""
        window = f"；不在年度调整期（{start}至{end}）内" if outside else ""
        if forced is not None:  # the recorded change's wording (check_window)
            window = f"；调整期外生效，{forced[1]}，不受调整期限制"
        why = f"{p.id}{said}，但没有名册调整（{action.zh}）记录：未记录的调整{filing}{window}"
        out.append(
            UnrecordedChange(
                p.id,
                p.county,
                action,
                effective,
                p.designated_by,
                outside and forced is None,
                why,
                None if forced is None else forced[0],
            )
        )
    return tuple(sorted(out, key=lambda u: (u.effective, u.point)))


__all__ = ["UnrecordedChange", "find_unrecorded"]
