"""Reasons put side by side in one cell or line, as the summary, the year end and the results
workbook show them: in Chinese ``；`` between reasons and ``：`` after a condition's title
(GB/T 15834, as the monthly report), in English ``; `` and ``: ``."""

from __future__ import annotations

from collections.abc import Sequence

from softenv_core.analyses.assessment import CountyAssessment


def joined(parts: Sequence[str], zh: bool) -> str:
    """Reasons or measures in one cell or line: ``；`` between them in Chinese, ``; `` in English."""
    return ("；" if zh else "; ").join(parts)


def failed_conditions(c: CountyAssessment, zh: bool) -> str:
    """A county's failing 十佳 conditions, each its title and why (``按时报送月报：2025-07 未报``)."""
    if zh:
        return joined([f"{r.rule.title_zh}：{r.reason}" for r in c.failing_conditions], zh)
    return joined([f"{r.rule.title_en}: {r.reason}" for r in c.failing_conditions], zh)


__all__ = ["failed_conditions", "joined"]
