import json
import random
from datetime import timedelta
from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from softenv_core import (
    CITY_OFFICE,
    Month,
    PluginError,
    PointLevel,
    RuleConflict,
    Waiver,
    assess,
    get_plugin_manager,
    hookimpl,
)
from softenv_core.engine.parameters import baseline_parameters
from softenv_core.engine.resolution import resolve_deadline
from softenv_core.render.assessment import explain_county
from softenv_core.testing import beijing, datasets, monthly_report, small_dataset
from softenv_core.workdays.calendar import WorkCalendar

from .plugin_examples import (
    ConstantExtraPlugin,
    ExtraPointPlugin,
    OffByOneDeadlinePlugin,
    ReplaceContactPlugin,
    ShiftedDeadlinePlugin,
    StricterDeadlinePlugin,
    TopTenConditionPlugin,
)
from .weights import HEAVY

JIA, YI = "379902", "379921"


def _with_march_2024_report(submitted_at, waiver=False):
    ds = small_dataset(2024)
    reports = [r for r in ds.reports if not (r.county == JIA and r.month == Month(2024, 3))]
    reports.append(monthly_report(JIA, Month(2024, 3), submitted_at))
    waivers = (
        (Waiver("W1", JIA, Month(2024, 3), "系统故障, 市经贸委同意", beijing(2024, 4, 10).date()),) if waiver else ()
    )
    return attrs.evolve(ds, reports=tuple(reports), waivers=waivers)


def _pm(*plugins):
    return get_plugin_manager(autoload=False, plugins=list(plugins))


def test_march_2024_report_on_the_sunday_makeup_day_is_on_time():
    a = assess(_with_march_2024_report(beijing(2024, 4, 7, 22)), 2024, _pm(), audience=CITY_OFFICE)
    county = a.county(JIA)
    march = county.months[2]
    assert march.month == Month(2024, 3) and march.status == "on_time"
    assert march.due_at.isoformat() == "2024-04-07T23:59:59+08:00"
    assert any("补班" in f for f in march.deadline.facts)
    assert county.topten_eligible


def test_march_2024_report_half_past_midnight_is_one_working_day_late_and_march_is_named():
    a = assess(_with_march_2024_report(beijing(2024, 4, 8, 0, 30)), 2024, _pm(), audience=CITY_OFFICE)
    county = a.county(JIA)
    march = county.months[2]
    assert (march.status, march.late_workdays) == ("late", 1)
    assert not county.topten_eligible
    (failing,) = county.failing_conditions
    assert failing.rule.id == "city.topten.on_time"
    assert "2024-03" in failing.reason and "迟报1个工作日" in failing.reason
    assert march.score == Decimal(50)
    assert county.compliance == (Decimal(11 * 100 + 50) / 12).quantize(Decimal("0.01"))


def test_a_city_waiver_for_march_makes_the_county_eligible_again():
    a = assess(_with_march_2024_report(beijing(2024, 4, 8, 0, 30), waiver=True), 2024, _pm(), audience=CITY_OFFICE)
    county = a.county(JIA)
    assert county.topten_eligible
    march = county.months[2]
    # Shown as waived (已豁免), the facts kept: a report known, late by 1 working day, scored 50.
    assert (march.waiver, march.status, march.reported) == ("W1", "waived", "late")
    assert march.status.zh == "已豁免" and march.late_workdays == 1 and march.score == 50
    assert march.submitted_at == beijing(2024, 4, 8, 0, 30)
    unwaived = assess(_with_march_2024_report(beijing(2024, 4, 8, 0, 30)), 2024, _pm(), audience=CITY_OFFICE)
    assert unwaived.county(JIA).months[2].status == "late" and not unwaived.county(JIA).topten_eligible
    assert county.compliance == unwaived.county(JIA).compliance  # a waiver does not change the score
    text = explain_county(county)
    assert "已豁免（迟报 1个工作日（04-08）；豁免 W1）" in text  # the working day counted, named


@given(waived=st.sets(st.integers(1, 12), max_size=4), missing=st.sets(st.integers(1, 12), max_size=3))
def test_a_waiver_shows_the_month_waived_keeps_its_facts_and_score_and_only_unblocks_topten(waived, missing):
    """Invariant (DESIGN "County month status", "十佳 baseline"): with waivers, each late or
    missing month they cover is waived with the same report, lateness and score; every other
    month is unchanged; compliance is the same mean; 十佳 fails only on unwaived months."""
    ds = small_dataset(2025)
    late = {Month(2025, m) for m in missing}  # these months' reports are left out: missing
    reports = tuple(r for r in ds.reports if not (r.county == JIA and r.month in late))
    decided = beijing(2026, 1, 2).date()
    waivers = tuple(Waiver(f"W{m}", JIA, Month(2025, m), "市经贸委同意", decided) for m in sorted(waived))
    plain = assess(attrs.evolve(ds, reports=reports), 2025, _pm(), audience=CITY_OFFICE).county(JIA)
    excused = assess(attrs.evolve(ds, reports=reports, waivers=waivers), 2025, _pm(), audience=CITY_OFFICE).county(JIA)
    for before, after in zip(plain.months, excused.months, strict=True):
        covered = before.month.month in waived and before.status in ("late", "missing")
        assert after.status == ("waived" if covered else before.status)
        assert after.reported == before.status
        assert (after.submitted_at, after.late_workdays, after.score) == (
            before.submitted_at,
            before.late_workdays,
            before.score,
        )
    assert excused.compliance == plain.compliance
    assert excused.topten_eligible == all(m.status in ("on_time", "waived") for m in excused.months if m.status.owed)


def test_submission_written_in_utc_is_judged_in_beijing_time():
    from datetime import UTC, datetime

    # 15:59:59 UTC on 7 April is 23:59:59 in Beijing: on time; a second later it is the 8th.
    on_time = assess(
        _with_march_2024_report(datetime(2024, 4, 7, 15, 59, 59, tzinfo=UTC)), 2024, _pm(), audience=CITY_OFFICE
    )
    late = assess(
        _with_march_2024_report(datetime(2024, 4, 7, 16, 0, 0, tzinfo=UTC)), 2024, _pm(), audience=CITY_OFFICE
    )
    assert on_time.county(JIA).months[2].status == "on_time"
    assert late.county(JIA).months[2].status == "late"


def test_missing_month_scores_zero_and_is_named():
    ds = small_dataset(2025)
    ds = attrs.evolve(ds, reports=tuple(r for r in ds.reports if not (r.county == YI and r.month.month == 7)))
    county = assess(ds, 2025, _pm(), audience=CITY_OFFICE).county(YI)
    assert county.months[6].status == "missing" and county.months[6].score == 0
    assert "2025-07 未报" in county.failing_conditions[0].reason


def test_county_extra_rule_changes_only_its_own_county_and_names_plugin_and_rule():
    ds = small_dataset(2025)
    base = assess(ds, 2025, _pm(), audience=CITY_OFFICE)
    # Every point had a contact by symposium? Make the rule fire by giving all points one.
    ds = attrs.evolve(
        ds,
        contacts=tuple(
            attrs.evolve(c, method=type(c.method)("symposium")) if c.date.month == 3 else c for c in ds.contacts
        ),
    )
    base = assess(ds, 2025, _pm(), audience=CITY_OFFICE)
    plugged = assess(ds, 2025, _pm(("jia", ExtraPointPlugin())), audience=CITY_OFFICE)
    levels = {p.id: p.level for p in ds.points}
    for before, after in zip(base.points, plugged.points, strict=True):
        if before.county == JIA and levels[before.id] is PointLevel.COUNTY:  # not its 市直 point
            (extra,) = [i for i in after.items if i.rule.id == "jia.extra.symposium"]
            assert (extra.rule.plugin, extra.rule.version, extra.points) == ("jia", "1.2.0", Decimal(5))
            assert after.total == before.total + 5
        else:
            assert after == before
    assert plugged.counties == base.counties


def test_extra_points_are_capped_at_ten_with_an_explaining_item():
    a = assess(small_dataset(2025), 2025, _pm(("big", ConstantExtraPlugin(JIA, 25))), audience=CITY_OFFICE)
    p = a.point(f"P-{JIA}-2")  # a 县区 point: a county's rules leave its 市直 point to the city's
    cap = [i for i in p.items if i.rule.id == "city.duty.extra_cap"]
    assert cap and cap[0].points == Decimal(-15)
    assert p.total == sum(i.points for i in p.items)


def test_two_replacements_of_the_same_city_rule_raise_rule_conflict_naming_both():
    pm = _pm(
        ("alpha", ReplaceContactPlugin(JIA, "alpha.contact")),
        ("beta", ReplaceContactPlugin(JIA, "beta.contact")),
    )
    with pytest.raises(RuleConflict) as info:
        assess(small_dataset(2025), 2025, pm, audience=CITY_OFFICE)
    assert set(info.value.plugins) == {"alpha", "beta"}
    assert "'alpha'" in str(info.value) and "'beta'" in str(info.value)


def test_replacing_a_rule_that_is_not_replaceable_is_a_conflict():
    pm = _pm(("sup", ReplaceContactPlugin(JIA, "sup.rule", label="duty.supervision")))
    with pytest.raises(RuleConflict, match="not replaceable"):
        assess(small_dataset(2025), 2025, pm, audience=CITY_OFFICE)


def _generous(plugin: ReplaceContactPlugin, max_points: int) -> ReplaceContactPlugin:
    """``plugin`` whose replacement rule allows up to ``max_points``."""
    rules = plugin.softenv_point_rules

    class Generous(ReplaceContactPlugin):
        @hookimpl
        def softenv_point_rules(self, year, params):
            return [attrs.evolve(r, max_points=max_points) for r in rules(year, params)]

    return Generous(plugin.county, plugin.rule_id, plugin.label)


def test_a_replacement_may_not_allow_more_points_than_the_city_rule_it_replaces():
    """Base points are the city's decision: a county rule standing in for duty.contact (30 at
    most) that could award 40 would lift its points past the city's total (plugin author 01)."""
    pm = _pm(("gen", _generous(ReplaceContactPlugin(JIA), 40)))
    with pytest.raises(RuleConflict, match=r"up to 40\.00 points, beyond the 30\.00 of city rule city\.duty\.contact"):
        assess(small_dataset(2025), 2025, pm, audience=CITY_OFFICE)
    same = assess(
        small_dataset(2025), 2025, _pm(("gen", _generous(ReplaceContactPlugin(JIA), 30))), audience=CITY_OFFICE
    )
    assert any(i.rule.id == "rep.contact" for p in same.points for i in p.items)


def test_replacing_an_unknown_label_lists_the_replaceable_labels():
    pm = _pm(("typo", ReplaceContactPlugin(JIA, label="city.duty.contact")))
    listed = r"\(duty\.appraisal, duty\.contact, duty\.feedback\), not its id"
    with pytest.raises(PluginError, match=r"unknown rule label 'city\.duty\.contact'.*" + listed):
        assess(small_dataset(2025), 2025, pm, audience=CITY_OFFICE)


def test_one_replacement_applies_to_its_county_only():
    a = assess(small_dataset(2025), 2025, _pm(("rep", ReplaceContactPlugin(JIA))), audience=CITY_OFFICE)
    for p in a.points:
        ids = {i.rule.id for i in p.items}
        if p.county == JIA and p.id != f"P-{JIA}-1":  # P-…-1 is 市直: the city's rules alone
            assert "rep.contact" in ids and "city.duty.contact" not in ids
        else:
            assert "city.duty.contact" in ids and "rep.contact" not in ids


def test_a_city_level_point_in_a_plugin_county_gets_the_citys_rules_only():
    # t3plugin 17: 市直 points are the city's (designated by it, contacted by 市经贸委): a county's
    # extra rules and replacements score its 县区 points only, never lifting a 市直 point's band.
    ds = small_dataset(2025)
    base = assess(ds, 2025, _pm(), audience=CITY_OFFICE)
    pm = _pm(("big", ConstantExtraPlugin(JIA, 10)), ("rep", ReplaceContactPlugin(JIA)))
    plugged = assess(ds, 2025, pm, audience=CITY_OFFICE)
    for point in ds.points:
        if point.county != JIA:
            continue
        ids = {i.rule.id for i in plugged.point(point.id).items}
        if point.level is PointLevel.CITY:
            assert plugged.point(point.id) == base.point(point.id)
            assert not ids & {"const.extra", "rep.contact"} and "city.duty.contact" in ids
        else:
            assert {"const.extra", "rep.contact"} <= ids and "city.duty.contact" not in ids


def test_stricter_county_deadline_applies_and_a_later_one_is_refused():
    ds = small_dataset(2025)  # reports come on the 2nd: on time under the 3rd too
    a = assess(ds, 2025, _pm(("strict", StricterDeadlinePlugin(JIA, 3))), audience=CITY_OFFICE)
    jia = a.county(JIA)
    assert jia.months[1].deadline.rule_id == "strict.deadline" and jia.months[1].deadline.plugin == "strict"
    assert a.county(YI).months[1].deadline.rule_id == "city.report.deadline"
    with pytest.raises(RuleConflict, match="later than the city"):
        assess(ds, 2025, _pm(("lax", StricterDeadlinePlugin(JIA, 20))), audience=CITY_OFFICE)


def test_a_county_deadline_before_the_month_has_ended_is_refused_naming_plugin_county_and_month():
    # Audit 4, finding 01: January's report "due" 2025-01-06 was taken as stricter, making
    # every month late (compliance 0, no 十佳) for a county that always reported on the 2nd.
    with pytest.raises(PluginError) as err:
        assess(small_dataset(2025), 2025, _pm(("jia", OffByOneDeadlinePlugin(JIA))), audience=CITY_OFFICE)
    text = str(err.value)
    assert "'jia'" in text and "softenv_report_deadline" in text and "due_at" in text
    assert JIA in text and "2025-01" in text and "before the month has ended" in text


_SHIFT = ShiftedDeadlinePlugin(JIA, timedelta(0))
_SHIFT_PM = get_plugin_manager(autoload=False, plugins=[("shift", _SHIFT)])


@given(
    month=st.builds(Month, st.integers(2023, 2025), st.integers(1, 12)),  # the calendar knows to 2026
    seconds=st.integers(-70 * 86400, 0),
)
def test_a_deadline_is_accepted_exactly_when_it_falls_after_its_month_has_ended(month, seconds):
    """Invariant: a deadline no later than the city's is used iff it is after the month's end."""
    ds = small_dataset(2025)
    county = ds.county_by_code[JIA]
    _SHIFT.shift = timedelta(seconds=seconds)
    calendar, params = WorkCalendar(), baseline_parameters()
    city = resolve_deadline(get_plugin_manager(autoload=False), county, month, calendar, params)
    if city.due_at + _SHIFT.shift > month.end:
        assert resolve_deadline(_SHIFT_PM, county, month, calendar, params).due_at == city.due_at + _SHIFT.shift
    else:
        with pytest.raises(PluginError, match=f"county {JIA} on {month} .* before the month has ended"):
            resolve_deadline(_SHIFT_PM, county, month, calendar, params)


def test_county_topten_condition_only_disqualifies_its_own_county():
    a = assess(small_dataset(2025), 2025, _pm(("cond", TopTenConditionPlugin(JIA))), audience=CITY_OFFICE)
    assert not a.county(JIA).topten_eligible
    assert a.county(JIA).failing_conditions[0].rule.plugin == "cond"
    assert a.county(YI).topten_eligible


def test_plugin_for_a_county_the_dataset_lacks_is_reported():
    a = assess(small_dataset(2025), 2025, _pm(("far", ExtraPointPlugin("379924"))), audience=CITY_OFFICE)
    assert any("'far'" in n and "379924" in n for n in a.notices)


def test_assessment_json_is_versioned_and_totals_sum():
    doc = json.loads(assess(small_dataset(2025), 2025, _pm(), audience=CITY_OFFICE).to_json(), parse_float=Decimal)
    assert (doc["schema"], doc["version"]) == ("softenv.assessment", 1)
    for p in doc["points"]:
        assert Decimal(str(p["total"])) == sum((Decimal(str(i["points"])) for i in p["items"]), Decimal(0))
        for item in p["items"]:
            assert item["rule"]["plugin"] and item["rule"]["reference"]


@HEAVY  # a generated dataset assessed per example: tests/weights.py
@given(datasets())
def test_every_point_total_equals_the_sum_of_its_items(dataset):
    year = dataset.reports[0].month.year if dataset.reports else 2025
    # an id each: one id from two counties' plugins is a RuleConflict (docs/hooks.md, p57 03)
    pm = _pm(("jia", ConstantExtraPlugin(JIA, 7, "jia.extra")), ("yi", ConstantExtraPlugin(YI, -3, "yi.extra")))
    for p in assess(dataset, year, pm, audience=CITY_OFFICE).points:
        assert p.total == sum((i.points for i in p.items), Decimal(0))
        assert p.total >= 0


@HEAVY  # a generated dataset assessed per example: tests/weights.py
@given(datasets())
def test_results_do_not_depend_on_input_order_or_plugin_registration_order(dataset):
    year = 2025 if not dataset.reports else dataset.reports[0].month.year
    rng = random.Random(0)
    shuffled = attrs.evolve(
        dataset,
        **{
            name: tuple(rng.sample(list(getattr(dataset, name)), len(getattr(dataset, name))))
            for name in (
                "counties",
                "points",
                "contacts",
                "reports",
                "complaints",
                "ratings",
                "waivers",
                "departments",
            )
        },
    )
    plugins = [
        ("jia", ExtraPointPlugin(JIA)),
        ("cond", TopTenConditionPlugin(YI, fail=False)),
        ("strict", StricterDeadlinePlugin(JIA, 4)),
    ]
    one = assess(dataset, year, _pm(*plugins), audience=CITY_OFFICE).to_json()
    two = assess(shuffled, year, _pm(*reversed(plugins)), audience=CITY_OFFICE).to_json()
    assert one == two


@HEAVY  # a generated dataset assessed per example: tests/weights.py
@given(datasets())
def test_a_waiver_never_makes_a_county_ineligible(dataset):
    year = 2025 if not dataset.reports else dataset.reports[0].month.year
    without = assess(attrs.evolve(dataset, waivers=()), year, _pm(), audience=CITY_OFFICE)
    with_w = assess(dataset, year, _pm(), audience=CITY_OFFICE)
    for a, b in zip(without.counties, with_w.counties, strict=True):
        assert b.topten_eligible or not a.topten_eligible
