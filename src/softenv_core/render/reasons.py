"""Reasons put side by side in one cell or line, as the summary, the year end and the results
workbook show them: in Chinese ``；`` between reasons and ``：`` after a condition's title
(GB/T 15834, as the monthly report), in English ``; `` and ``: ``."""

from __future__ import annotations

from collections.abc import Sequence

from softenv_core.analyses.assessment import CountyAssessment
from softenv_core.engine.phrases import facts_en
from softenv_core.engine.ruletypes import MonthState, MonthStatus
from softenv_core.render.assessment_words import STATE_EN
from softenv_core.render.notices_en import en_notice, english_phrases


def joined(parts: Sequence[str], zh: bool) -> str:
    """Reasons or measures in one cell or line: ``；`` between them in Chinese, ``; `` in English."""
    return ("；" if zh else "; ").join(parts)


def said(reasons: Sequence[str], zh: bool) -> list[str]:
    """Reasons the library wrote (in Chinese, as results hold them) as a document in that
    language says them: in English from the phrases that wrote them (render.notices_en)."""
    return list(reasons) if zh else [en_notice(r) for r in reasons]


def failed_conditions(c: CountyAssessment, zh: bool) -> str:
    """A county's failing 十佳 conditions, each its title and why (``按时报送月报：2025-07 未报``)."""
    if zh:
        return joined([f"{r.rule.title_zh}：{r.reason}" for r in c.failing_conditions], zh)
    return joined([f"{r.rule.title_en}: {en_notice(r.reason)}" for r in c.failing_conditions], zh)


def month_score(m: MonthStatus, zh: bool) -> str:
    """A month's score as `softenv explain --county` shows it: a late month scored 0 because it
    came later than the grace says so (clerk c49: ``迟报 4个工作日 … 0.00`` read as a wrong
    figure beside ``compliance.late_score = 50``), with the grace the analysis applied
    (``MonthStatus.beyond_grace``: the rule decides, the explanation only says it); a waived
    month, scored by its facts (docs/rules.md), says the waiver is for 十佳 only; a month not
    owed has none (—)."""
    if not m.status.owed:
        return "—"
    if m.status is MonthState.WAIVED:  # 已豁免 beside 0.00 read as a wrong figure (clerk c50)
        return (
            f"{m.score}（豁免只用于十佳评比，得分按实际报送情况）"
            if zh
            else f"{m.score} (a waiver is for the top-ten rating only)"
        )
    grace = m.beyond_grace
    if grace is None:
        return f"{m.score}"
    return (
        f"{m.score}（迟报超过{grace}个工作日，不得分）"
        if zh
        else f"{m.score} (late beyond the grace of {grace} working days)"
    )


def waived_facts(late: bool, late_workdays: int, waiver: str | None, lang: str, late_facts: str | None = None) -> str:
    """What a waived month's report did, beside its waiver, full-width around the Chinese:
    ``（迟报 2个工作日；豁免 W1）``, the working days counted after it when given
    (``迟报 2个工作日（10-10、10-13）``); in English ``(late 2 working day(s); waiver W1)``."""
    zh = lang == "zh"
    came = (
        (f"迟报 {late_workdays}个工作日" if zh else f"late {late_workdays} working day(s)")
        + late_days(late_facts, lang)
        if late
        else ("未报" if zh else "missing")
    )
    return f"（{came}；豁免 {waiver}）" if zh else f" ({came}; waiver {waiver})"


def late_days(late_facts: str | None, lang: str) -> str:
    """The working days a late month counted (MonthStatus.late_facts, in Chinese) in brackets,
    full-width in a Chinese text, or nothing."""
    if not late_facts:
        return ""
    if lang == "zh":
        return f"（{late_facts}）"
    english_phrases()  # the day lines' phrases, loaded when English is first asked
    return f" ({facts_en(late_facts)})"


def waiver_cell(c: CountyAssessment, lang: str) -> str:
    """The county table's 豁免 cell: each waived month with what its report did, ``2025-03（迟报
    1个工作日；豁免 W3）``; a waived month still scores by its facts, so 按时 11, 迟报 0 beside
    95.83 left the late month behind the score unsaid (auditor a56). Empty with no waiver."""
    return ("、" if lang == "zh" else ", ").join(str(m.month) + _covered(m, lang) for m in c.months if m.waiver)


def _covered(m: MonthStatus, lang: str) -> str:
    """A month a waiver covers, worded by its real state beside the waiver: late or missing as
    waived_facts says it; any other by its own label, ``（按时；豁免 W1）``, ``（未到期；豁免 W2）``
    (an on-time month with a waiver read 未报 beside 按时 12, 未报 0: auditor a84 01)."""
    state = m.reported
    if state in (MonthState.LATE, MonthState.MISSING):
        return waived_facts(state is MonthState.LATE, m.late_workdays, m.waiver, lang)
    return f"（{state.zh}；豁免 {m.waiver}）" if lang == "zh" else f" ({STATE_EN[state]}; waiver {m.waiver})"


__all__ = ["failed_conditions", "joined", "late_days", "month_score", "said", "waived_facts", "waiver_cell"]
