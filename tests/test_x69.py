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


def test_02_the_masks_in_a_suggestions_text_do_not_give_back_the_hidden_count_of_withheld_complaints():
    """docs/privacy.md: a notice is itself an output, a count of withheld complaints below `min_cell`
    is printed hidden (`—`). In the demo (6 points a county, 3 counties) the county 379902's year end
    withholds one complaint id (Q-2025-0009, made by its own nominee P379902-003, in a failing
    condition's evidence) and says `直接反馈记录不列编号，仅计总数：— 处`. A department's suggestion to
    remove a county point whose text cites two complaints (`见Q-2025-0008、Q-2025-0003`) is shown to
    the county with both ids masked `[直接反馈]` (strip_refs), and each mask is counted into the same
    notice: it reads `3 处`, so 3 − the 2 masks the county sees = 1: the hidden count is given back
    (one of its own points' complaints sits behind its nominee's failed condition; x41 02)."""
    ds = demo(points_per_county=6, counties=3)
    point = [p for p in ds.points if p.county == COUNTY and p.level.value == "county"][1]
    sg = AdjustmentSuggestion(
        "S-X69", "city-amr", ChangeAction.REMOVE, COUNTY, date(2025, 10, 9), "见Q-2025-0008、Q-2025-0003", point.id
    )
    ds = attrs.evolve(ds, adjustment_suggestions=(*ds.adjustment_suggestions, sg))
    y = se.year_end(ds, 2025, get_plugin_manager(autoload=False), audience=f"county:{COUNTY}")
    shown = y.to_json().count("[直接反馈]")
    assert shown == 2  # the two ids, masked in the suggestion's text
    head = "直接反馈记录不列编号，仅计总数："
    (notice,) = [n for n in y.notices if n.startswith(head)]
    count = notice.removeprefix(head).removesuffix(" 处")
    if count != "—":
        hidden = int(count) - shown
        assert hidden == 0 or hidden >= 3, notice  # privacy.min_cell = 3
