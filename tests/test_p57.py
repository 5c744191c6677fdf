"""Plugin author p57 (湖滨区 379912, a county's IT developer writing a first plugin from
docs/writing-a-county-plugin.md, docs/hooks.md and docs/testing-rules.md): an extra-point rule,
a deadline policy and a 十佳 condition, property-tested with the kit's strategies. Each test
asserts the behaviour the docs promise and fails now.

01 the kit passes a rule that forgets its cap (an award per adopted suggestion, max_points 3):
   ``datasets()`` draws at most four complaints a dataset, never two adopted suggestions of one
   point, so ``check_plugin`` finds nothing, and the first real point with four adopted
   suggestions stops the whole assessment with a PluginError.
02 the kit never draws a county without 县区 points: a 十佳 condition averaging over the county's
   县区 points passes ``check_plugin`` and raises ZeroDivisionError in ``assess`` for a county
   whose points are all 市直 (or that has none).
03 two plugins of two counties giving one rule id (an id of no namespace, which the docs allow as
   "the plugin's own") are no RuleConflict, though docs/hooks.md says two extra rules sharing an
   id "in one plugin or two" are; the results workbook then shows one county's +3 under the
   other county's rule title (扣分：迟报).
04 ``contacts(point, year)`` ("Contacts with point on a day of year while it is designated")
   draws contacts outside the point's designation when the point (drawn by ``points(county,
   year)``) is not designated in the year: the dataset warns "not counted".
05 docs/testing-rules.md's ``@given`` example takes the year from the first report "else 2025":
   ``datasets()`` draws datasets without reports (about one in ten, of 2023 and 2024 too), and
   those are assessed as 2025, a year the data was not drawn for.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from softenv_core import CITY_OFFICE, assess, dataset_warnings, get_plugin_manager, write_results_workbook
from softenv_core.errors import PluginError, RuleConflict
from softenv_core.plugin import (
    Award,
    ComplaintKind,
    Condition,
    CountyYear,
    EventType,
    Failure,
    ParameterSet,
    PluginInfo,
    PointLevel,
    PointYear,
    Rule,
    Verdict,
    beijing_date,
    hookimpl,
)
from softenv_core.testing import beijing, check_plugin, contacts, make_complaint, points, small_dataset

from .weights import FIND

COUNTY = "379912"
POLICY = "湖滨区经贸局〔2025〕1号"
DOCS = Path(__file__).resolve().parent.parent / "docs"


# --- 01 -------------------------------------------------------------------------------------


def _adopted_uncapped(ctx: PointYear) -> Award | None:
    adopted = [
        c.id for c in ctx.complaints if c.kind is ComplaintKind.SUGGESTION and c.verdict is Verdict.SUBSTANTIATED
    ]
    if not adopted:
        return None
    return Award(len(adopted), f"意见建议被采纳{len(adopted)}件", adopted)  # forgot min(cap, …)


class UncappedPlugin:
    """1 point per adopted suggestion, max_points 3, the cap forgotten in the award."""

    @hookimpl
    def softenv_plugin_info(self) -> PluginInfo:
        return PluginInfo(county=COUNTY, title="湖滨区监测点加分办法", reference=POLICY)

    @hookimpl
    def softenv_extra_point_rules(self, year: int, params: ParameterSet) -> Sequence[Rule]:
        return [
            Rule(
                id="county.379912.extra.adopted",
                label="lakeside.adopted",
                title_zh="意见建议被采纳",
                title_en="suggestions adopted",
                reference=f"{POLICY} 第四条",
                score=_adopted_uncapped,
                max_points=3,
                effective_from=date(2025, 1, 1),
            )
        ]


def test_01_kit_passes_a_rule_whose_award_exceeds_max_points_with_four_records() -> None:
    """What: a rule awarding 1 point per adopted suggestion with max_points 3 and no cap in the
    award passes ``check_plugin`` (15 examples, hash seed on) and ``softenv plugins --check``;
    the first dataset where one 县区 point has 4 adopted suggestions stops ``assess`` with
    ``PluginError … awarded 4.00, beyond its max_points 3.00``, for the whole city.
    Where: testing/strategies.py ``_draw_complaints`` draws 0-4 complaints per *dataset* (over up
    to 12 points, three kinds, several verdicts): 300 draws of ``datasets(require=("379912",))``
    gave 8 datasets with one adopted suggestion of a 县区 point of the county and none with two;
    ``hash_seeds.varied_dataset`` has exactly 3 per point, the bound this plugin chose.
    Expected: the kit reports ``valid_types`` (an award beyond max_points), e.g. by drawing a
    point with many records of one kind now and then, or by trying each rule on a dataset with
    more records of each kind than any ``max_points`` in the rule's units. Actual: no failure.
    Severity: high (a plugin the kit blessed stops the city's year-end assessment)."""
    plugin = UncappedPlugin()
    ds = small_dataset(2025, (COUNTY,))
    adopted = tuple(
        make_complaint(
            f"Q{i}",
            "P-379912-2",
            beijing(2025, 3, 3 + i, 9),
            kind=ComplaintKind.SUGGESTION,
            verdict=Verdict.SUBSTANTIATED,
            until=EventType.CLOSED,
        )
        for i in range(4)
    )
    pm = get_plugin_manager(autoload=False, plugins=[("uncapped", plugin)])
    with pytest.raises(PluginError, match="beyond its max_points"):  # the plugin is broken
        assess(attrs.evolve(ds, complaints=adopted), 2025, pm, audience=CITY_OFFICE)
    report = check_plugin(plugin, "uncapped", others=[], hash_seed=False)  # True passes it too (subprocess: slow)
    assert report.failures, "check_plugin passed a rule whose award exceeds its max_points at 4 adopted suggestions"


# --- 02 -------------------------------------------------------------------------------------


def _average_contacts(ctx: CountyYear) -> Failure | None:
    mine = {p.id for p in ctx.dataset.points if p.county == ctx.county.code and p.level is PointLevel.COUNTY}
    end = beijing_date(ctx.as_of) if ctx.as_of is not None else date(ctx.year, 12, 31)
    reached = [
        c for c in ctx.dataset.contacts if c.point in mine and c.reached and c.date.year == ctx.year and c.date <= end
    ]
    average = len(reached) / len(mine)  # no 县区 point: ZeroDivisionError
    return Failure(f"县区监测点平均联系{average:.1f}次，少于6次") if average < 6 else None


class AveragePlugin:
    """十佳: the county's 县区 points must average at least 6 reached contacts in the year."""

    @hookimpl
    def softenv_plugin_info(self) -> PluginInfo:
        return PluginInfo(county=COUNTY, title="湖滨区监测点工作细则", reference=POLICY)

    @hookimpl
    def softenv_topten_conditions(self, year: int, params: ParameterSet) -> Sequence[Condition]:
        return [
            Condition(
                id="county.379912.topten.average",
                title_zh="县区监测点平均联系次数",
                title_en="average contacts of the county's points",
                reference=f"{POLICY} 第六条",
                check=_average_contacts,
                effective_from=date(2025, 1, 1),
            )
        ]


def test_02_kit_never_draws_a_county_without_county_level_points() -> None:
    """What: a 十佳 condition dividing by the number of the county's 县区 points passes
    ``check_plugin``; ``assess`` raises ``PluginError … raised ZeroDivisionError`` for a valid
    dataset in which the county has only its 市直 point (the 县区 one removed, or none designated
    yet: a county new to the programme).
    Where: testing/strategies.py ``_draw_points`` draws 1..max_points points for every county and
    makes each county's first point 县区 (finding t7 05): a county with no point, or with 市直
    points only, is never drawn; the kit's own datasets (``hash_seeds.varied_dataset``,
    ``small_dataset``) have a 县区 point too.
    Expected: the kit tries the plugin's county with no 县区 point (and with no point at all) and
    reports the condition raising (``valid_types``). Actual: no failure.
    Severity: medium (an edge the brief names — empty counties — is never generated)."""
    plugin = AveragePlugin()
    ds = small_dataset(2025, (COUNTY, "379902"))
    only_city_level = attrs.evolve(
        ds,
        points=tuple(p for p in ds.points if p.id != "P-379912-2"),
        contacts=tuple(c for c in ds.contacts if c.point != "P-379912-2"),
    )
    pm = get_plugin_manager(autoload=False, plugins=[("average", plugin)])
    with pytest.raises(PluginError, match="ZeroDivisionError"):  # the plugin is broken
        assess(only_city_level, 2025, pm, audience=CITY_OFFICE)
    report = check_plugin(plugin, "average", others=[], hash_seed=False)  # True passes it too (subprocess: slow)
    assert report.failures, "check_plugin passed a condition that raises for a county without 县区 points"


# --- 03 -------------------------------------------------------------------------------------


def _shared_id_plugin(county: str, title: str, points: int) -> object:
    class Shared:
        @hookimpl
        def softenv_plugin_info(self) -> PluginInfo:
            return PluginInfo(county=county, title=f"{county}监测点细则", reference=f"{county}〔2025〕1号")

        @hookimpl
        def softenv_extra_point_rules(self, year: int, params: ParameterSet) -> Sequence[Rule]:
            return [
                Rule(
                    id="extra.visits",  # an id of no namespace: "stays the plugin's" (docs/hooks.md)
                    label="extra.visits",
                    title_zh=title,
                    title_en=title,
                    reference=f"{county}〔2025〕1号 第四条",
                    score=lambda ctx: Award(points, title),
                    max_points=5,
                    effective_from=date(2025, 1, 1),
                    reads_direct_feedback=False,
                )
            ]

    return Shared()


def test_03_one_rule_id_from_two_counties_plugins_is_no_conflict_and_mislabels_the_workbook(tmp_path: Path) -> None:
    """What: 湖滨区's plugin (379912) and 东城区's (379902) both give an extra rule ``extra.visits``
    (湖滨区: +3 走访加分; 东城区: −2 扣分：迟报). ``assess`` accepts it, and the results workbook's
    监测点 sheet, one column per rule id, heads the column with the first point's rule title
    (扣分：迟报) and puts P-379912-2's +3 走访加分 under it.
    Where: engine/resolution (extra rule ids are checked per county only);
    render/xlsx_results.py ``_point_rows`` keys columns by ``item.rule.id`` alone.
    Expected (docs/hooks.md, softenv_extra_point_rules): "two extra rules sharing an id (in one
    plugin or two) are a RuleConflict" naming both plugins — or at least each figure under its
    own rule's title. Actual: accepted; a county's bonus is printed as another county's deduction.
    Severity: medium (a wrong label on an official results table)."""
    pm = get_plugin_manager(
        autoload=False,
        plugins=[
            ("hubin", _shared_id_plugin("379912", "走访加分", 3)),
            ("dongcheng", _shared_id_plugin("379902", "扣分：迟报", -2)),
        ],
    )
    ds = small_dataset(2025, ("379912", "379902"))
    try:
        write_results_workbook(ds, 2025, tmp_path / "r.xlsx", pm, audience=CITY_OFFICE, with_year_end=False)
    except RuleConflict:
        return  # what the docs promise
    import openpyxl

    ws = openpyxl.load_workbook(tmp_path / "r.xlsx")["监测点"]
    rows = list(ws.iter_rows(values_only=True))
    header = list(rows[0])
    row = next(r for r in rows[1:] if r[0] == "P-379912-2")
    shown_under = [header[i] for i, v in enumerate(row) if v == 3]
    assert shown_under == ["走访加分"], f"湖滨区's +3 is shown under {shown_under} (header {header})"


# --- 04 -------------------------------------------------------------------------------------


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(st.data())
def test_04_contacts_strategy_draws_contacts_outside_the_points_designation(data: st.DataObject) -> None:
    """What: ``contacts(point, year)``, documented "Contacts with point on a day of year while it
    is designated", draws a contact on a day the point is not designated whenever the point
    (drawn by the kit's own ``points(county, year)``, "designated around year") is not
    designated in ``year`` at all (e.g. 2022-01-01 to 2022-01-01 for 2025): the contact falls on
    2025-01-01 and the dataset warns "outside point …'s designation: not counted".
    Where: testing/record_strategies.py ``contacts``: ``_dates(lo, max(lo, hi))`` with ``hi < lo``.
    Expected: only contacts inside the designation (or no contact possible: the strategy says
    so / ``points`` draws points designated in the year). Actual: warned, uncounted contacts.
    Severity: low (a property test of a rule built on these strategies tests ignored records)."""
    from softenv_core import City, County, CountyKind, Dataset, Department

    point = data.draw(points("379902", 2025))
    contact = data.draw(contacts(point, 2025))
    ds = Dataset(
        city=City("379900", "测试市"),
        counties=(County("379902", "县区02", CountyKind.DISTRICT, "县区02经贸委"),),
        departments=(Department("city-amr", "市市场监管局"),),
        points=(point,),
        contacts=(contact,),
    )
    outside = [w for w in dataset_warnings(ds) if "contacts[0]" in w and "designation" in w]
    assert not outside, outside


# --- 05 -------------------------------------------------------------------------------------


def test_05_testing_rules_given_example_assesses_a_year_the_data_was_not_drawn_for() -> None:
    """What: docs/testing-rules.md's ``@given(datasets(require=("379921",)))`` example assesses
    ``dataset.reports[0].month.year if dataset.reports else 2025``. ``datasets()`` draws a year
    from 2023-2025 and, about one example in ten, no report at all (hypothesis' simplest draws:
    every month missing); 300 draws gave 31 such datasets, their points designated in 2021-2023,
    each assessed as 2025 by the example. ``datasets(year=2023)`` gives such a dataset too.
    Where: docs/testing-rules.md, Strategies; testing/strategies.py (the drawn year is not kept).
    Expected: the example fixes the year it draws for (``datasets(year=2025, …)``, then
    ``assess(dataset, 2025, …)``) or the dataset says its year. Actual: the fallback year.
    Severity: low (a doc example a county copies tests some examples on the wrong year)."""
    from hypothesis import find

    from softenv_core.testing import datasets

    no_reports_2023 = find(datasets(year=2023, require=("379921",)), lambda d: not d.reports, settings=FIND)
    assert all(p.designated_from.year <= 2023 for p in no_reports_2023.points)
    text = (DOCS / "testing-rules.md").read_text(encoding="utf-8")
    block = next(b for b in re.findall(r"```python\n(.*?)```", text, re.DOTALL) if "@given(datasets(" in b)
    assert "else 2025" not in block, "the example assesses a dataset without reports as 2025, whatever its year"


def test_03_the_conflict_names_both_plugins_and_the_id() -> None:
    """The RuleConflict docs/hooks.md promises names the id, both plugins and their counties."""
    pm = get_plugin_manager(
        autoload=False,
        plugins=[
            ("hubin", _shared_id_plugin("379912", "走访加分", 3)),
            ("dongcheng", _shared_id_plugin("379902", "扣分：迟报", -2)),
        ],
    )
    ds = small_dataset(2025, ("379912", "379902"))
    with pytest.raises(RuleConflict) as caught:
        assess(ds, 2025, pm, audience=CITY_OFFICE)
    assert set(caught.value.plugins) == {"hubin", "dongcheng"}
    assert "extra.visits" in str(caught.value) and "379902" in str(caught.value) and "379912" in str(caught.value)
    # one county's plugin alone is no conflict, even with the other county in the dataset
    alone = get_plugin_manager(autoload=False, plugins=[("hubin", _shared_id_plugin("379912", "走访加分", 3))])
    assess(ds, 2025, alone, audience=CITY_OFFICE)


def test_03_workbook_columns_are_keyed_by_plugin_and_rule_id() -> None:
    """An assessment whose two plugins share an id (results of another version, read back) keeps
    each figure under its own rule's title: the columns are keyed by (plugin, rule id)."""
    from softenv_core.render.xlsx_results import _point_rows

    pm = get_plugin_manager(autoload=False, plugins=[("hubin", _shared_id_plugin("379912", "走访加分", 3))])
    ds = small_dataset(2025, ("379912", "379902"))
    a = assess(ds, 2025, pm, audience=CITY_OFFICE)
    mine = next(i for p in a.points for i in p.items if i.rule.id == "extra.visits")
    # Of 0 points: a point's total stays the sum of its items, which a PointAssessment checks (i55 01).
    other = attrs.evolve(
        mine, points=mine.points * 0, rule=attrs.evolve(mine.rule, plugin="dongcheng", title_zh="扣分：迟报")
    )
    points = tuple(
        attrs.evolve(p, items=(*p.items, other)) if p.county == "379902" and p.level == "county" else p
        for p in a.points
    )
    headers, rows = _point_rows(attrs.evolve(a, points=points), "zh")
    assert headers.count("走访加分") == 1 and headers.count("扣分：迟报") == 1
    row = next(r for r in rows if r[0] == "P-379912-2")
    assert [headers[i] for i, v in enumerate(row) if v == 3] == ["走访加分"]


@pytest.mark.parametrize(
    ("plugin", "rule", "said"),
    [
        (UncappedPlugin(), "county.379912.extra.adopted", "beyond its max_points"),
        (AveragePlugin(), "county.379912.topten.average", "ZeroDivisionError"),
    ],
)
def test_01_02_plugins_check_names_the_rule_tried_on_the_edge_datasets(plugin: object, rule: str, said: str) -> None:
    """``softenv plugins --check`` tries each rule alone on the edge datasets too (a crowded
    point, the county without 县区 points, without any): the fault names the rule."""
    from softenv_core.testing.plugin_check import check_installed

    faults = check_installed(get_plugin_manager(autoload=False, plugins=[("edge", plugin)]), 2025)
    assert any(f.rule == rule and said in f.problem for f in faults), faults


# hypothesis warns that it writes a found dataset's repr of 30 kB; nothing reads it here.
@pytest.mark.filterwarnings("ignore:Generating overly large repr")
def test_01_02_datasets_sometimes_draw_a_crowd_and_counties_without_county_level_points() -> None:
    """``datasets()`` now and then draws one point's many complaints of one kind and verdict,
    a county with 市直 points alone, and a county with none (the required one too)."""
    from collections import Counter

    from hypothesis import find

    from softenv_core.testing import datasets

    def crowded(d: object) -> bool:
        per = Counter((c.point, c.kind, c.verdict) for c in d.complaints)  # type: ignore[attr-defined]
        return bool(per) and max(per.values()) > 4

    def levels(d: object) -> set[PointLevel]:
        return {p.level for p in d.points if p.county == COUNTY}  # type: ignore[attr-defined]

    # Generated, never shrunk, the same examples every run, under every profile: shrinking a
    # whole dataset took 26 s of CPU under the ci profile and 208 s under dev's fresh seeds (the
    # fast suite's longest test by far); each find here meets its case within a few hundred.
    search = settings(FIND, max_examples=1000)
    strategy = datasets(year=2025, require=(COUNTY,))
    assert crowded(find(strategy, crowded, settings=search))
    assert levels(find(strategy, lambda d: levels(d) == {PointLevel.CITY}, settings=search)) == {PointLevel.CITY}
    assert find(strategy, lambda d: not levels(d), settings=search) is not None


def test_a_rule_with_max_points_beyond_any_award_accepted_is_refused_when_made() -> None:
    """``Rule(max_points=10**9)`` was accepted, though any award above 1,000,000 points
    (MAX_AWARD_POINTS) is refused: the bound is refused where the rule is made, naming it."""
    from softenv_core.errors import FieldInvalid

    def rule(bound: int) -> Rule:
        return Rule(
            id="county.379912.extra.big",
            label="big",
            title_zh="大",
            title_en="big",
            reference=POLICY,
            score=lambda ctx: None,
            max_points=bound,
            effective_from=date(2025, 1, 1),
        )

    with pytest.raises(FieldInvalid, match=r"max_points of county\.379912\.extra\.big: .*at most 1000000"):
        rule(10**9)
    assert rule(10**6).max_points == 10**6


class RaisingDeadline:
    """A deadline policy that raises for March's report (a table of due days missing a month)."""

    @hookimpl
    def softenv_plugin_info(self) -> PluginInfo:
        return PluginInfo(county=COUNTY, title="湖滨区报送办法", reference=POLICY)

    @hookimpl
    def softenv_report_deadline(self, county: object, month: object, calendar: object, params: object) -> None:
        due_days = {f"{m:02d}": 3 for m in range(1, 13) if m != 3}
        due_days[str(month)[-2:]] += 0  # no March in the table: KeyError for it
        return None


def test_a_deadline_hook_that_raises_is_named_with_the_county_and_month_asked() -> None:
    """A deadline hook that raises was named by plugin and hook alone: the county and month asked
    are in the PluginError (assess) and in the fault of ``plugins --check``."""
    from softenv_core.testing.plugin_check import check_installed

    pm = get_plugin_manager(autoload=False, plugins=[("raising", RaisingDeadline())])
    with pytest.raises(PluginError, match=r"raised KeyError: '03' \(asked for county 379912's report on 2025-03\)"):
        assess(small_dataset(2025, (COUNTY,)), 2025, pm, audience=CITY_OFFICE)
    faults = check_installed(pm, 2025)
    assert any("asked for county 379912's report on 2025-03" in f.problem for f in faults), faults
