"""A half-year without a 万人评议 round recorded is said, never silent (auditor a44's note). The
programme holds the appraisal twice a year (seed 三(一)); a point owes the rounds recorded, so
with the second half's missing a point was scored on the first alone, full marks for one of one,
and nothing told the reader that a round was absent from the data."""

from __future__ import annotations

from datetime import datetime

import attrs

from softenv_core import CITY_OFFICE, Dataset, assess
from softenv_core.model.periods import BEIJING
from softenv_core.render.notices import zh_notice
from softenv_core.rules.registry import get_plugin_manager

from .demo_city import demo

PM = get_plugin_manager(autoload=False)
MISSING = "no appraisal round recorded for"


def _without(half: str) -> Dataset:
    ds = demo()
    gone = {r.id for r in ds.appraisal_rounds if str(r.period) == half}
    assert gone, f"the demo city records a round of {half}"
    return attrs.evolve(
        ds,
        appraisal_rounds=tuple(r for r in ds.appraisal_rounds if r.id not in gone),
        ratings=tuple(r for r in ds.ratings if r.round not in gone),
    )


def test_both_rounds_recorded_say_nothing() -> None:
    a = assess(demo(), 2025, PM, audience=CITY_OFFICE)
    assert not [n for n in a.notices if n.startswith(MISSING)]


def test_a_half_without_its_round_is_said_in_english_and_chinese() -> None:
    a = assess(_without("2025-H2"), 2025, PM, audience=CITY_OFFICE)
    said = [n for n in a.notices if n.startswith(MISSING)]
    assert said == [
        "no appraisal round recorded for 2025-H2: the appraisal item and "
        "city.nominate.both_rounds read the rounds recorded alone"
    ]
    assert zh_notice(said[0]).startswith("2025-H2 没有万人评议轮次的记录：")
    # What it warns of: a point that rated in the first half has the item whole.
    full = [p for p in a.points for i in p.items if i.rule.id == "city.duty.appraisal" and i.points == 20]
    assert full


def test_a_half_not_over_at_the_instant_is_not_missing_yet() -> None:
    ds = _without("2025-H2")
    a = assess(ds, 2025, PM, audience=CITY_OFFICE, as_of=datetime(2025, 10, 15, tzinfo=BEIJING))
    assert not [n for n in a.notices if n.startswith(MISSING)]
    a = assess(ds, 2025, PM, audience=CITY_OFFICE, as_of=datetime(2026, 1, 1, tzinfo=BEIJING))
    assert [n for n in a.notices if n.startswith(MISSING)]


def test_both_halves_missing_are_named_together() -> None:
    ds = attrs.evolve(demo(), appraisal_rounds=(), ratings=())
    a = assess(ds, 2025, PM, audience=CITY_OFFICE)
    said = [n for n in a.notices if n.startswith(MISSING)]
    assert len(said) == 1 and said[0].startswith(f"{MISSING} 2025-H1, 2025-H2:")
