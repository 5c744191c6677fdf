"""Auditor a21: cases worked out by hand from the policy and the official work calendar."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import attrs

from softenv_core import CITY_OFFICE, assess, city_plugin_manager
from softenv_core.model.periods import Month
from softenv_core.model.roster import Waiver
from softenv_core.render.notices import zh_notice
from softenv_core.testing import beijing, small_dataset

JIA = "379902"


def _on_time(as_of):
    county = assess(small_dataset(2025), 2025, city_plugin_manager(), audience=CITY_OFFICE, as_of=as_of).county(JIA)
    return county, {c.rule.id: c for c in county.conditions}["city.topten.on_time"]


def test_topten_is_not_decided_while_months_are_not_yet_due():
    # As of 2025-07-01 00:00 Beijing: January–May reported on time (each on the 2nd of the
    # month after); June's report is due 2025-07-07 (07-05 is a Saturday) and July–December
    # are still running. Seed 四(三) rates 先进 at year end on every month's report: seven
    # months are unknown, so 可评先进 cannot be 是 (DESIGN "An explicit instant": pending
    # counts neither for nor against).
    county, cond = _on_time(beijing(2025, 7, 1, 0))
    assert [m.status.value for m in county.months[5:]] == ["pending"] * 7
    assert county.compliance == 100  # the mean of the five due months stands
    assert not county.topten_eligible
    assert not cond.passed
    assert cond.reason == "2025-06—2025-12 未到期（截至评估时点），暂不能判定（已到期月份均按时报送）"


def test_topten_names_failing_and_pending_months_together():
    ds = small_dataset(2025)
    reports = tuple(r for r in ds.reports if not (r.county == JIA and r.month == Month(2025, 3)))
    result = assess(attrs.evolve(ds, reports=reports), 2025, audience=CITY_OFFICE, as_of=beijing(2025, 11, 10, 12))
    cond = {c.rule.id: c for c in result.county(JIA).conditions}["city.topten.on_time"]
    # October's report was due 11-05 and came 11-02; November and December are still running.
    # March's missing report is already one month more than the 0 allowed: the county fails
    # whatever November and December bring, so its reason does not call it undecided.
    assert cond.reason == "2025-03 未报"
    (notice,) = [n for n in result.notices if n.startswith("pending: monthly reports")]
    assert f"{JIA} 2025-11—2025-12" in notice
    assert zh_notice(notice).startswith("月报截至评估时点尚未到期：")


def test_a_pending_month_a_city_waiver_covers_does_not_hold_topten_up():
    ds = small_dataset(2025)
    waivers = (Waiver("W1", JIA, Month(2025, 12), "不可抗力", date(2025, 12, 1)),)
    as_of = beijing(2025, 12, 20, 12)  # November reported 12-02; December running, waived
    result = assess(attrs.evolve(ds, waivers=waivers), 2025, audience=CITY_OFFICE, as_of=as_of)
    assert result.county(JIA).topten_eligible
    assert "379921 2025-12" in next(n for n in result.notices if n.startswith("pending: monthly reports"))
    assert f"{JIA} 2025-12" not in next(n for n in result.notices if n.startswith("pending: monthly reports"))


def test_topten_at_the_years_instant_has_no_pending_month():
    # The default instant (2026-01-06 00:00, after December's deadline 2026-01-05): all known.
    county, cond = _on_time(None)
    assert county.topten_eligible and cond.passed


def test_the_feedback_reason_reproduces_its_figure():
    # A point designated from 2025-02-01 owes 11 months (February has 5 working days on
    # 02-05…02-08, the 8th a make-up Saturday, and more); full marks need 6 × 11/12 = 5.5
    # months with feedback. Feedback in 3 of them: 30 × 3/5.5 = 16.3636… → 16.36. A reason
    # written "30 × 0.5455" recomputes to 16.365 → 16.37, not the figure (DESIGN 2).
    from softenv_core.model.reports import Contact, ContactMethod, Item, ItemCategory
    from softenv_core.testing import make_point

    ds = small_dataset(2025)
    point = make_point("PF", JIA, 90, designated_from=date(2025, 2, 1))
    item = (Item(ItemCategory.OPERATIONS, "平稳"),)
    contacts = [
        Contact(f"C-PF-{m}", "PF", date(2025, m, 10), ContactMethod.PHONE, JIA, True, item if m <= 4 else ())
        for m in range(2, 13)
    ]
    ds = attrs.evolve(ds, points=(*ds.points, point), contacts=(*ds.contacts, *contacts))
    p = assess(ds, 2025, audience=CITY_OFFICE).point("PF")
    (feedback,) = [i for i in p.items if i.rule.id == "city.duty.feedback"]
    assert len(p.active_months) == 11
    assert feedback.points == Decimal("16.36")
    assert feedback.reason == "有反馈的月份3个，满分需5.5个（6×11/12）：30 × 3/5.5"


def _allowing_one():
    """The baseline with topten.json changed as a city would edit it: one month not on time allowed."""
    import json
    from importlib import resources

    from softenv_core import baseline_parameters
    from softenv_core.engine.parameters import parse_parameters

    doc = json.loads((resources.files("softenv_core.rules.city") / "parameters" / "topten.json").read_text("utf-8"))
    for p in doc["parameters"]:
        if p["name"] == "topten.max_months_not_on_time":
            p["values"] = [{**p["values"][0], "value": 1}]
    return baseline_parameters().merged(parse_parameters(json.dumps(doc), "topten.json"))


def test_a_month_within_the_allowance_with_months_pending_is_undecided_and_not_called_all_on_time():
    ds = small_dataset(2025)
    reports = tuple(r for r in ds.reports if not (r.county == JIA and r.month == Month(2025, 3)))
    as_of = beijing(2025, 11, 10, 12)
    result = assess(attrs.evolve(ds, reports=reports), 2025, params=_allowing_one(), audience=CITY_OFFICE, as_of=as_of)
    cond = {c.rule.id: c for c in result.county(JIA).conditions}["city.topten.on_time"]
    # One month missing is within the one allowed; November and December could still add one.
    assert not cond.passed
    assert cond.reason == "2025-03 未报；2025-11—2025-12 未到期（截至评估时点），暂不能判定"
    assert "均按时报送" not in cond.reason
    at_year_end = assess(attrs.evolve(ds, reports=reports), 2025, params=_allowing_one(), audience=CITY_OFFICE)
    assert at_year_end.county(JIA).topten_eligible  # the one month allowed, nothing pending
