"""Annual adjustment of the roster (动态调整, 三(五)) and filing of county changes (备案).

Proposals per point, each with its reasons and evidence: remove when rated 不合格, when not
reached for ``roster.unreached_months`` consecutive months, and the removals already recorded
on the enterprise's own wish or its deregistration. A county's roster change needs a filing
with the city dated **before** it takes effect; one without is flagged.
"""

from __future__ import annotations

from datetime import date, timedelta

import attrs
from attrs import field, frozen

from softenv_core._validators import to_tuple
from softenv_core.analyses.assessment import Assessment
from softenv_core.analyses.designation import designated_points
from softenv_core.analyses.monitoring_report import contact_overview
from softenv_core.engine.parameters import ParameterSet
from softenv_core.engine.trace import ParamValue
from softenv_core.errors import InputError
from softenv_core.model.dataset import Dataset
from softenv_core.model.periods import Year
from softenv_core.model.points import Designator
from softenv_core.model.roster import ChangeAction, ChangeReason, RosterChange


@frozen
class Proposal:
    """A proposal to remove a point at the annual adjustment, with why."""

    point: str
    county: str
    action: str
    reasons: tuple[str, ...] = field(converter=to_tuple)  # ChangeReason values
    explanation: tuple[str, ...] = field(converter=to_tuple)
    evidence: tuple[str, ...] = field(converter=to_tuple)
    params: tuple[ParamValue, ...] = field(default=(), converter=to_tuple)


@frozen
class FilingCheck:
    """Whether a county's roster change was filed with the city before it took effect."""

    change: str
    county: str
    point: str
    effective: date
    filed_on: date | None
    filing: str | None
    ok: bool
    reason: str


def propose_adjustments(dataset: Dataset, assessment: Assessment, params: ParameterSet) -> tuple[Proposal, ...]:
    """Removal proposals for ``assessment.year``: 不合格, unreachable, own wish, deregistered."""
    year = assessment.year
    run_pv = params.get("roster.unreached_months", date(year, 12, 31))
    needed = int(run_pv.value)
    unreached: dict[str, list[str]] = {}
    # A run may start in the previous year's last months and end in this year (12-2025 → 02-2026).
    first = Year(year).months[0]
    months = [first - k for k in range(max(needed - 1, 0), 0, -1)] + list(Year(year).months)
    for month in months:
        for row in contact_overview(dataset, month):
            unreached.setdefault(row.point, [])
            unreached[row.point].append(str(month) if not row.reached else "")
    recorded: dict[str, list[RosterChange]] = {}
    # Removals recorded for a reason the city weighs at the adjustment (三(五): 履行职责情况,
    # 自身的意愿, 有关部门建议) become proposals; the city decides.
    proposed_reasons = (ChangeReason.OWN_WISH, ChangeReason.DEREGISTERED, ChangeReason.DEPARTMENT_SUGGESTION)
    for ch in dataset.roster_changes:
        wished = ch.action is ChangeAction.REMOVE and ch.reason in proposed_reasons
        if wished and ch.effective.year in (year, year + 1):
            recorded.setdefault(ch.point, []).append(ch)
    out = []
    # The designation as the records and roster changes agree on it (a removal with no end on
    # the record still ends the interval).
    still_designated = {p.id for p in designated_points(dataset) if p.active_on(date(year, 12, 31))}
    for p in assessment.points:
        if p.id not in still_designated:
            continue  # already left the roster during the year: nothing to propose
        reasons, why, evidence = [], [], []
        if p.band == "fail":
            reasons.append(ChangeReason.UNQUALIFIED.value)
            why.append(f"{year}年度考评{p.total}分, 不合格")
        run: list[str] = []
        best: list[str] = []
        for m in unreached.get(p.id, []):
            run = [*run, m] if m else []
            if len(run) > len(best):
                best = run
        if len(best) >= needed:
            reasons.append(ChangeReason.UNREACHABLE.value)
            why.append(f"连续{len(best)}个月未联系上: {best[0]}—{best[-1]}")
        for ch in sorted(recorded.get(p.id, []), key=lambda c: c.id):
            reasons.append(ch.reason.value)
            why.append(f"{ch.reason.zh} (记录 {ch.id}, {ch.effective} 起)")
            evidence.append(ch.id)
        if reasons:
            out.append(Proposal(p.id, p.county, ChangeAction.REMOVE.value, reasons, why, evidence, (run_pv,)))
    return tuple(out)


def check_filings(dataset: Dataset) -> tuple[FilingCheck, ...]:
    """Every county roster change, with the earliest filing that lists it (备案 before effect)."""
    filed: dict[str, list[tuple[date, str]]] = {}
    for f in dataset.filings:
        for cid in f.changes:
            filed.setdefault(cid, []).append((f.filed_on, f.id))
    out = []
    for ch in sorted(dataset.roster_changes, key=lambda c: c.id):
        if ch.by is not Designator.COUNTY:
            continue
        filings = sorted(filed.get(ch.id, []))
        if not filings:
            out.append(FilingCheck(ch.id, ch.county, ch.point, ch.effective, None, None, False, "未报市经贸委备案"))
            continue
        on, fid = filings[0]
        if on < ch.effective:
            out.append(FilingCheck(ch.id, ch.county, ch.point, ch.effective, on, fid, True, "已于生效前备案"))
        else:
            out.append(
                FilingCheck(
                    ch.id,
                    ch.county,
                    ch.point,
                    ch.effective,
                    on,
                    fid,
                    False,
                    f"备案日期{on}不早于生效日期{ch.effective}",
                )
            )
    return tuple(out)


def apply_changes(dataset: Dataset, changes: tuple[RosterChange, ...] | None = None) -> Dataset:
    """The dataset with roster changes applied to the points' designation periods.

    A removal ends the designation the day before it takes effect; an addition starts it on
    that day. Changes apply in date order (then by id), so the result does not depend on
    their order in the input. A change that cannot apply (an unknown point, a removal not
    after the designation began) raises InputError naming every such change.
    """
    todo = sorted(dataset.roster_changes if changes is None else changes, key=lambda c: (c.effective, c.id))
    points = {p.id: p for p in dataset.points}
    problems = []
    for ch in todo:
        p = points.get(ch.point)
        if p is None:
            problems.append(f"roster change {ch.id}: unknown point {ch.point!r}")
            continue
        if ch.action is ChangeAction.REMOVE:
            if ch.effective <= p.designated_from:
                problems.append(
                    f"roster change {ch.id}: removes {p.id} on {ch.effective}, "
                    f"not after its designation began ({p.designated_from})"
                )
                continue
            points[p.id] = attrs.evolve(p, designated_until=ch.effective - timedelta(days=1))
        else:
            until = p.designated_until if p.designated_until and p.designated_until >= ch.effective else None
            points[p.id] = attrs.evolve(p, designated_from=ch.effective, designated_until=until)
    if problems:
        raise InputError(problems)
    return attrs.evolve(dataset, points=tuple(points[p.id] for p in dataset.points))


__all__ = ["FilingCheck", "Proposal", "apply_changes", "check_filings", "propose_adjustments"]
