"""Reasons put side by side in one cell or line, as the summary, the year end and the results
workbook show them: in Chinese ``；`` between reasons and ``：`` after a condition's title
(GB/T 15834, as the monthly report), in English ``; `` and ``: ``."""

from __future__ import annotations

from collections.abc import Sequence

from softenv_core.analyses.assessment import CountyAssessment
from softenv_core.engine.ruletypes import MonthState, MonthStatus


def joined(parts: Sequence[str], zh: bool) -> str:
    """Reasons or measures in one cell or line: ``；`` between them in Chinese, ``; `` in English."""
    return ("；" if zh else "; ").join(parts)


def failed_conditions(c: CountyAssessment, zh: bool) -> str:
    """A county's failing 十佳 conditions, each its title and why (``按时报送月报：2025-07 未报``)."""
    if zh:
        return joined([f"{r.rule.title_zh}：{r.reason}" for r in c.failing_conditions], zh)
    return joined([f"{r.rule.title_en}: {r.reason}" for r in c.failing_conditions], zh)


def month_score(m: MonthStatus, c: CountyAssessment, zh: bool) -> str:
    """A month's score as `softenv explain --county` shows it: a late month scored 0, late by more
    than ``compliance.late_grace_workdays``, says so (clerk c49: ``迟报 4个工作日 … 0.00`` read as
    a wrong figure beside ``compliance.late_score = 50``); a waived month, scored by its facts
    (docs/rules.md), says the waiver is for 十佳 only; a month not owed has none (—)."""
    if not m.status.owed:
        return "—"
    if m.status is MonthState.WAIVED:  # 已豁免 beside 0.00 read as a wrong figure (clerk c50)
        return (
            f"{m.score}（豁免只用于十佳评比，得分按实际报送情况）"
            if zh
            else f"{m.score} (a waiver is for the top-ten rating only)"
        )
    graces = [pv for pv in c.compliance_params if pv.name == "compliance.late_grace_workdays"]
    in_force = [pv for pv in graces if pv.effective_from <= (m.month + 1).first_day]
    if m.status is not MonthState.LATE or m.score or not in_force:
        return f"{m.score}"
    grace = max(in_force, key=lambda pv: pv.effective_from).whole()
    if m.late_workdays <= grace:
        return f"{m.score}"
    return (
        f"{m.score}（迟报超过{grace}个工作日，不得分）"
        if zh
        else f"{m.score} (late beyond the grace of {grace} working days)"
    )


__all__ = ["failed_conditions", "joined", "month_score"]
