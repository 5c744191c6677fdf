"""The waivers (豁免) of a county that `softenv explain --county` names because they excuse
nothing at the instant: one decided by someone not the city (ignored at any instant, docs/rules.md;
said so when decided after the instant too: fix helper a79b 02) and one the city decided after the
instant (not yet a decision). A clerk sees them in the data beside a month
read 未报 or 迟报, as a report submitted after the instant (auditor a50)."""

from __future__ import annotations

from softenv_core.analyses.assessment import Assessment, CountyAssessment
from softenv_core.analyses.audiences import CITY_OFFICE
from softenv_core.analyses.waiver_selection import unexcused_waivers
from softenv_core.engine.parameters import baseline_parameters
from softenv_core.engine.ruletypes import MonthState
from softenv_core.model.dataset import Dataset
from softenv_core.model.periods import beijing_date
from softenv_core.render.escape import terminal
from softenv_core.rules.city.topten import decided_by_city


def waivers_not_counted(dataset: Dataset, result: Assessment, county: CountyAssessment, lang: str) -> list[str]:
    """Lines for the county's waivers that excuse none of its months not on time at the
    instant, in month order. Only the city office's view lists them, as it alone reads the
    dataset whole (the reports after the instant: cli/commands.py)."""
    if result.as_of is None or result.audience != str(CITY_OFFICE):
        return []
    # A month waived by the city, or on time, needs no word of another waiver of it.
    late = (MonthState.LATE, MonthState.MISSING)
    unexcused = {(county.code, m.month) for m in county.months if m.status in late}
    known_until = beijing_date(result.as_of)
    params = baseline_parameters()  # the assessment's (cmd_explain assesses with the baseline's)
    zh = lang == "zh"
    lines = []
    for w in unexcused_waivers(dataset, unexcused):  # the report's selection (later_waiver_notices)
        if not decided_by_city(w, params, dataset.city):
            # Ignored whenever it was decided (the assessment's notice says so, with the names the
            # city decides under): one decided after the instant was told `…之后，未计入`, as if a
            # later instant would count it (fix helper a79b 02).
            lines.append(
                f"  {w.month} 豁免 {w.id}：由 {w.decided_by} 决定，不是市级单位决定，不予采用"
                if zh
                else f"  {w.month} waiver {w.id}: decided by {w.decided_by}, not the city; ignored"
            )
        elif w.decided_on > known_until:
            lines.append(
                f"  {w.month} 豁免 {w.id}：决定于 {w.decided_on}，在数据截至时点之后，未计入"
                if zh
                else f"  {w.month} waiver {w.id}: decided on {w.decided_on}, after the instant; not counted"
            )
    return [terminal(line) for line in lines]


__all__ = ["waivers_not_counted"]
