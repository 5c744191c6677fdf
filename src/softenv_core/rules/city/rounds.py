"""万人评议 rounds as a point's year holds them: which rounds the assessment holds a point to
(:func:`rounds_held`, the rule of a round's lists too), the duty item 参加万人评议
(``city.duty.appraisal``) and the notes it and ``city.nominate.both_rounds`` append for the rounds
not counted.

Split from rules/city/duty.py (at 498 lines) and rules/city/owed_months.py by subject
(reviewer r63 10); behaviour unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from softenv_core.engine.parameters import ParameterSet
from softenv_core.engine.ruletypes import Award, PointYear
from softenv_core.model.appraisals import AppraisalRound
from softenv_core.model.designations import owes_round, rounds_owed
from softenv_core.model.points import MonitoringPoint
from softenv_core.rules.city import duty_words as W
from softenv_core.rules.city.compliance import round_in_force
from softenv_core.rules.city.owed_months import OwedMonths, share


def rounds_held(point: MonitoringPoint, rounds: Sequence[AppraisalRound], owed: OwedMonths) -> tuple[str, ...]:
    """The ids of ``rounds`` (of one year) that the year's assessment holds ``point`` to: those it
    is held to (model/designations.rounds_owed) when it owes a month of ``owed``'s (the year's)
    months, else none: a point owing no month is not assessed, so no figure holds it to a round.
    The one rule of the assessment's expected rounds and of a round's lists
    (``analyses.appraisal_scores``): a point designated 2025-12-29 (3 working days of December)
    during a round held 2025-12-10 to 2026-01-15 was listed 未参加 in 2025's year end while no
    assessment held it to the round (reviewer r63 02)."""
    held = rounds_owed(point, rounds)
    return held if held and owed.months(point) else ()


def appraisal_award(ctx: PointYear) -> Award:
    """The award of ``city.duty.appraisal`` (参加万人评议): its points split over the rounds the
    point owed (``ctx.rounds_expected``: :func:`rounds_held`), with the rounds not counted named."""
    full, pv = ctx.params.number("duty.appraisal.points", ctx.on)
    expected = len(ctx.rounds_expected)
    taken = len(ctx.rounds_taken)
    # A round it owes still open at as_of counts neither for nor against (docs/rules.md), named
    # where "no round while designated" was said of a point whose round was not yet closed (a29).
    pending = W.ROUNDS_PENDING(rounds="、".join(ctx.rounds_pending)) if ctx.rounds_pending else ""
    early = rounds_before_baseline_note(ctx.point, ctx.dataset.appraisal_rounds, ctx.year, ctx.params)
    # Split over the rounds the point owed; a point that owed none is not marked down (an earlier
    # year's round held into this one named: "无万人评议轮次" read as false of it, auditor a74 03).
    if not expected:
        late = earlier_rounds_note(ctx.point, ctx.dataset.appraisal_rounds, ctx.year)
        if pending:
            none = (W.NO_CLOSED_ROUND_THIS if late else W.NO_CLOSED_ROUND)()
            return Award(full, f"{none}；{pending}{early}{late}", (), (pv,))
        return Award(full, (W.NO_ROUND_FULL_THIS if late else W.NO_ROUND_FULL)() + early + late, (), (pv,))
    reason = W.ROUNDS(expected=expected, taken=taken, full=full)
    if taken < expected:  # which, as the contact item names the months not reached (auditor a34)
        reason += "；" + W.MISSED_ROUNDS(rounds="、".join(missed_rounds(ctx)))
    if ctx.rounds_taken_by:  # a re-designated enterprise rated these under its other record (a28)
        shown = "、".join(r for r, _ in ctx.rounds_taken_by)
        reason += "；" + W.ROUNDS_BY_OTHER(rounds=shown)
    if pending:
        reason += f"；{pending}"
    return Award(share(taken, expected, full), reason + early, ctx.rounds_taken, (pv,))


def missed_rounds(ctx: PointYear) -> tuple[str, ...]:
    """The ids of the closed rounds the point owed and did not rate in, in the order owed."""
    return tuple(r for r in ctx.rounds_expected if r not in ctx.rounds_taken)


def rounds_before_baseline_note(
    point: MonitoringPoint, rounds: Sequence[AppraisalRound], year: int, params: ParameterSet
) -> str:
    """``；R1在基线施行(2022-03-01)前结束，不计`` for the rounds of ``year`` held while ``point``
    was designated but closed before the baseline (``round_in_force``), which it does not owe;
    "" for every other point. The duty item and ``city.nominate.both_rounds`` append it, so
    that "no round while designated" is not read against a round on record (auditor a40)."""
    # The rounds before the baseline first (almost never any): asked for each of a province's
    # 30,000 points twice, the roster test is left for those.
    before = [r for r in rounds if r.period.year == year and not round_in_force(r, params)]
    early = [r.id for r in before if owes_round(point, r)] if before else []
    if not early:
        return ""
    return "；" + W.BEFORE_BASELINE(rounds="、".join(sorted(early)), since=params.since("appraisal.group_weights"))


def earlier_rounds_note(point: MonitoringPoint, rounds: Sequence[AppraisalRound], year: int) -> str:
    """``；R2属2025年度，不计入本年度`` for the rounds of an earlier year (a second-half round held
    into January) held while ``point`` was designated in ``year``; "" for every other point. A
    round belongs to its half's year (model/designations.held_to_round), so ``year`` does not
    count it; where the duty item and ``city.nominate.both_rounds`` say that no round of the year
    was held while the point was designated they name it, as a point designated on 2026-01-01
    that rated in R2 (2025-12-10 to 2026-01-15) read `在册期间无万人评议轮次` (auditor a74 03)."""
    first = date(year, 1, 1)
    until = point.designated_until
    if until is not None and until < first:
        return ""
    late = sorted(
        (r for r in rounds if r.period.year < year and r.closed >= first and owes_round(point, r)), key=lambda r: r.id
    )
    return "".join("；" + W.EARLIER_YEAR(round=r.id, year=r.period.year) for r in late)


__all__ = ["appraisal_award", "earlier_rounds_note", "missed_rounds", "rounds_before_baseline_note", "rounds_held"]
