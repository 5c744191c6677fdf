"""A 十佳 pass that rests on city waivers (豁免) cites them; one the allowance of months not on
time covers anyway does not (reviewer d3: a45's reason cited every waiver, also where
``topten.max_months_not_on_time`` would have passed the county without them, though it says the
pass rests on them; with the baseline's allowance of 0 the two agree)."""

from __future__ import annotations

from datetime import date

import attrs

from softenv_core import CITY_OFFICE, assess, city_plugin_manager
from softenv_core.model.periods import Month
from softenv_core.model.roster import Waiver
from softenv_core.testing import small_dataset

from .test_audit_a21 import JIA, _allowing_one


def _on_time(missing: list[int], waived: list[int], params=None):  # type: ignore[no-untyped-def]
    ds = small_dataset(2025)
    reports = tuple(r for r in ds.reports if not (r.county == JIA and r.month.month in missing))
    waivers = tuple(Waiver(f"W{m}", JIA, Month(2025, m), "辖区停电", date(2025, m + 1, 20), "市经贸委") for m in waived)
    ds = attrs.evolve(ds, reports=reports, waivers=waivers)
    county = assess(ds, 2025, city_plugin_manager(), params=params, audience=CITY_OFFICE).county(JIA)
    return next(c for c in county.conditions if c.rule.id == "city.topten.on_time")


def test_a_pass_the_allowance_gives_anyway_cites_no_waiver() -> None:
    plain = _on_time([], [], _allowing_one())
    cond = _on_time([3], [3], _allowing_one())  # one month missing, waived; one allowed
    assert cond.passed and (cond.reason, cond.evidence) == (plain.reason, plain.evidence)
    assert "豁免" not in cond.reason


def test_a_pass_resting_on_waivers_cites_each() -> None:
    cond = _on_time([3, 5], [3, 5], _allowing_one())  # two missing, both waived; one allowed
    assert cond.passed and cond.evidence == ("W3", "W5")
    assert cond.reason == "2025-03 已豁免（未报；豁免 W3）；2025-05 已豁免（未报；豁免 W5）：市里豁免的月份不算未按时"
    baseline = _on_time([3], [3])  # the baseline allows none: the one waiver carries the pass
    assert baseline.passed and baseline.evidence == ("W3",)
