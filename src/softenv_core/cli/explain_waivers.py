"""The waivers (豁免) of a county that `softenv explain --county` names because they excuse
nothing at the instant: one decided by someone not the city (ignored, docs/rules.md) and one
decided after the instant (not yet a decision). A clerk sees them in the data beside a month
read 未报 or 迟报, as a report submitted after the instant (auditor a50)."""

from __future__ import annotations

from softenv_core.analyses.assessment import Assessment, CountyAssessment
from softenv_core.analyses.audiences import CITY_OFFICE
from softenv_core.engine.ruletypes import MonthState
from softenv_core.model.dataset import Dataset
from softenv_core.model.periods import beijing_date
from softenv_core.render.escape import terminal


def waivers_not_counted(dataset: Dataset, result: Assessment, county: CountyAssessment, lang: str) -> list[str]:
    """Lines for the county's waivers that excuse none of its months not on time at the
    instant, in month order. Only the city office's view lists them, as it alone reads the
    dataset whole (the reports after the instant: cli/commands.py)."""
    if result.as_of is None or result.audience != str(CITY_OFFICE):
        return []
    # A month waived by the city, or on time, needs no word of another waiver of it.
    unexcused = {m.month for m in county.months if m.status in (MonthState.LATE, MonthState.MISSING)}
    known_until = beijing_date(result.as_of)
    zh = lang == "zh"
    lines = []
    for w in sorted(dataset.waivers, key=lambda w: (w.month, w.id)):
        if w.county != county.code or w.month not in unexcused:
            continue
        if w.decided_on > known_until:
            lines.append(
                f"  {w.month} 豁免 {w.id}：决定于 {w.decided_on}，在数据截至时点之后，未计入"
                if zh
                else f"  {w.month} waiver {w.id}: decided on {w.decided_on}, after the instant; not counted"
            )
        else:
            # Known by then and still excusing nothing: not the city's (the assessment's notice
            # says so, with the names the city decides under).
            lines.append(
                f"  {w.month} 豁免 {w.id}：由 {w.decided_by} 决定，不是市级单位决定，不予采用"
                if zh
                else f"  {w.month} waiver {w.id}: decided by {w.decided_by}, not the city; ignored"
            )
    return [terminal(line) for line in lines]


__all__ = ["waivers_not_counted"]
