"""Attacker x69: the removals departments suggest, as a county (and a point) reads them in its year end
(section 九's 有关部门建议撤销, the workbook's 调整建议 sheet)."""

from __future__ import annotations

from datetime import date

import attrs

import softenv_core as se
from softenv_core.model.points import Designator
from softenv_core.model.roster import AdjustmentSuggestion, ChangeAction, ChangeReason, RosterChange
from softenv_core.rules.registry import get_plugin_manager

from .demo_city import demo

COUNTY = "379902"


def test_01_the_recorded_removal_named_in_a_suggested_removal_is_not_masked_for_its_own_county_and_point():
    """docs/yearend.md: a removal already recorded is named in the explanation and the evidence
    (`市税务局2025-11-01建议：…；已记录撤销 RC-2，2026-01-01 起`). The county's own roster change, filed
    under the library's own id convention (`RC-P379902-004-…`, as the demo's `RC-P379902-001-add`),
    reads `；已记录撤销 RC-[监测点]-rm，2026-01-01 起` for the county and for the point: the library's
    words are screened together with the department's free text, while the same view's evidence
    gives the id whole (`RC-P379902-004-rm`) and the row's 监测点 column the point. The county
    cannot tell which of its records is meant (clerk c60 04: an id masked in its own entry is a
    garbled sentence). Only the department's text needs the screen."""
    ds = demo(points_per_county=6, counties=3)
    point = [p for p in ds.points if p.county == COUNTY and p.level.value == "county"][1]
    sg = AdjustmentSuggestion(
        "S-X69", "city-amr", ChangeAction.REMOVE, COUNTY, date(2025, 10, 9), "该企业经营异常，建议撤销", point.id
    )
    rc = RosterChange(
        f"RC-{point.id}-rm",
        point.id,
        ChangeAction.REMOVE,
        ChangeReason.DEPARTMENT_SUGGESTION,
        date(2026, 1, 1),
        Designator.COUNTY,
        COUNTY,
    )
    ds = attrs.evolve(
        ds, adjustment_suggestions=(*ds.adjustment_suggestions, sg), roster_changes=(*ds.roster_changes, rc)
    )
    pm = get_plugin_manager(autoload=False)
    for audience in (f"county:{COUNTY}", f"point:{point.id}"):
        y = se.year_end(ds, 2025, pm, audience=audience)
        (p,) = [x for x in y.suggested_removals if x.point == point.id]
        assert rc.id in p.evidence
        (text,) = p.explanation
        assert text.endswith(f"；已记录撤销 {rc.id}，2026-01-01 起"), (audience, text)
