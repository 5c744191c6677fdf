"""A county plugin written from the docs alone (plugin author p41): 临江市 (379981,
tests/p41_linjiang), with stricter complaint limits from 2025-07-01 (softenv_complaint_sla), the
city's 反映情况 rule replaced by its label (duty.feedback), a deduction whose dated figure doubles
mid-year, and a 十佳 condition reading the 万人评议 ratings of the county's departments. It
conforms, passes the hooks check and ``mypy --strict``; the careless versions a hurried author
would write are each refused naming plugin, hook, rule and what to do."""

from __future__ import annotations

import subprocess
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

import attrs
import pytest
from hypothesis import given

from softenv_core import CITY_OFFICE, PluginError, RuleConflict, SoftenvPluginManager, assess, get_plugin_manager
from softenv_core.plugin import (
    AppraisalRound,
    Award,
    ComplaintKind,
    ComplaintSla,
    Condition,
    CountyYear,
    Dataset,
    EventType,
    Failure,
    HalfYear,
    ParameterSet,
    PluginInfo,
    PointYear,
    RaterGroup,
    Rating,
    RatingLevel,
    Rule,
    WorkCalendar,
    hookimpl,
)
from softenv_core.testing import assert_conforms, beijing, check_plugin, datasets, make_complaint, small_dataset
from softenv_core.testing.plugin_check import check_all, check_installed

from . import p41_linjiang as linjiang
from .strict_mypy import STRICT_MYPY
from .weights import HEAVY, examples

CODE = linjiang.COUNTY
POINT = f"P-{CODE}-2"  # small_dataset's 县区 point of the county
DEPT = f"{CODE}-amr"  # small_dataset's department of the county


def _pm(plugin: object = linjiang, name: str = "linjiang") -> SoftenvPluginManager:
    return get_plugin_manager(autoload=False, plugins=[(name, plugin)])


def _ds() -> Dataset:
    return small_dataset(2025, (CODE, "379902"))


def _items(ds: Dataset, rule_id: str, pm: SoftenvPluginManager | None = None) -> list[Award | None]:
    a = assess(ds, 2025, pm or _pm(), audience=CITY_OFFICE)
    return [Award(i.points, i.reason, i.evidence) for i in a.point(POINT).items if i.rule.id == rule_id] or [None]


def _unreached(ds: Dataset, months: set[int]) -> Dataset:
    contacts = tuple(
        attrs.evolve(c, reached=False, items=()) if c.point == POINT and c.date.month in months else c
        for c in ds.contacts
    )
    return attrs.evolve(ds, contacts=contacts, followups=())


def test_the_feedback_rule_replaces_the_citys_by_its_label() -> None:
    a = assess(_unreached(_ds(), {1, 2, 3, 4, 5, 6, 7}), 2025, _pm(), audience=CITY_OFFICE)
    (item,) = [i for i in a.point(POINT).items if i.rule.id == linjiang.FEEDBACK]
    assert item.points == 25  # 5 months with items (8-12) x 5
    assert item.rule.replaces == "city.duty.feedback" and item.rule.replaces_label == "duty.feedback"
    assert not [i for i in a.point(POINT).items if i.rule.id == "city.duty.feedback"]
    assert [i.rule.id for i in a.point(f"P-{CODE}-1").items if "feedback" in i.rule.id] == ["city.duty.feedback"]


@pytest.mark.parametrize(
    ("months", "points"),
    [
        (set(), None),
        ({3}, -1),
        ({3, 8}, -3),
        ({7, 8}, -4),
        ({1, 2, 3, 4}, -4),
        ({6, 7, 8, 9}, -6),
        ({9, 10, 11, 12}, -6),
    ],
)
def test_the_deduction_doubles_from_july_and_is_capped(months: set[int], points: int | None) -> None:
    """1 a month to June, 2 from July (the dated value of 2025-07-01), at most 6 in the year."""
    a = assess(_unreached(_ds(), months), 2025, _pm(), audience=CITY_OFFICE)
    found = [i for i in a.point(POINT).items if i.rule.id == linjiang.REFUSED]
    if points is None:
        assert not found
        return
    (item,) = found
    assert item.points == points
    days = {p.effective_from for p in item.params if p.name.endswith("refused.deduction")}
    assert days == ({date(2025, 1, 1)} if any(m < 7 for m in months) else set()) | (
        {date(2025, 7, 1)} if any(m >= 7 for m in months) else set()
    )


def test_a_deduction_under_the_floor_is_lifted_by_the_citys_item() -> None:
    """Unreached all year and every complaint false: the county's deduction shows, the floor holds."""
    ds = _unreached(_ds(), set(range(1, 13)))
    a = assess(ds, 2025, _pm(), audience=CITY_OFFICE)
    p = a.point(POINT)
    assert [i.points for i in p.items if i.rule.id == linjiang.REFUSED] == [-6]
    assert p.total == sum(i.points for i in p.items) >= 0


class _Probe:
    """linjiang's limits, and a 十佳 condition that fails telling the resolve due day it read."""

    softenv_complaint_sla = staticmethod(linjiang.softenv_complaint_sla)
    softenv_plugin_info = staticmethod(linjiang.softenv_plugin_info)

    @hookimpl
    def softenv_topten_conditions(self, year: int, params: ParameterSet) -> Sequence[Condition]:
        def due(ctx: CountyYear) -> Failure | None:
            assert ctx.complaint_status is not None and ctx.as_of is not None
            (q,) = ctx.dataset.complaints
            view = ctx.complaint_status(q, beijing(2025, 12, 31))
            (resolve,) = [s for s in view.steps if s.name == "resolve"]
            return Failure(f"due {resolve.due_at}", [q.id])

        return [Condition("county.379981.probe", "probe", "probe", "r", due, date(2025, 1, 1))]


@pytest.mark.parametrize(
    ("day", "kind", "workdays"),
    [
        (date(2025, 6, 30), ComplaintKind.COMPLAINT, 15),  # opened before 〔2025〕11号: the city's
        (date(2025, 7, 1), ComplaintKind.COMPLAINT, 10),
        (date(2025, 7, 1), ComplaintKind.SUGGESTION, 3),
    ],
)
def test_complaint_limits_are_stricter_from_july(day: date, kind: ComplaintKind, workdays: int) -> None:
    at = datetime(day.year, day.month, day.day, 9, tzinfo=beijing(2025, 1, 1).tzinfo)
    q = make_complaint("Q1", POINT, at, until=EventType.SIGNED, department=DEPT, kind=kind)
    ds = attrs.evolve(_ds(), complaints=(q,))
    a = assess(ds, 2025, _pm(_Probe(), "probe"), audience=CITY_OFFICE)
    (cond,) = [r for r in a.county(CODE).conditions if r.rule.id == "county.379981.probe"]
    (signed,) = [e.at for e in q.events if e.type is EventType.SIGNED]
    calendar = WorkCalendar()
    assert cond.reason.startswith(f"due {calendar.add_workdays(signed.date(), workdays)}")


def _rated(levels: Sequence[RatingLevel], closed: date = date(2025, 6, 30), dept: str = DEPT) -> Dataset:
    ds = _ds()
    rnd = AppraisalRound("R2025H1", HalfYear(2025, 1), date(2025, 6, 1), closed)
    raters = [f"E-{i}" for i in range(len(levels))]
    ratings = tuple(Rating(rnd.id, r, RaterGroup.ENTERPRISE, dept, lv) for r, lv in zip(raters, levels, strict=True))
    return attrs.evolve(ds, appraisal_rounds=(rnd,), ratings=ratings)


@pytest.mark.parametrize(
    ("bad", "closed", "dept", "passed"),
    [
        (2, date(2025, 6, 30), DEPT, True),  # 2/10 is not above 20 %
        (3, date(2025, 6, 30), DEPT, False),
        (2, date(2025, 7, 15), DEPT, False),  # closing from July: above 10 %
        (9, date(2025, 6, 30), "city-amr", True),  # the city's department: not the county's
    ],
)
def test_topten_reads_the_ratings_of_the_countys_departments(bad: int, closed: date, dept: str, passed: bool) -> None:
    levels = [RatingLevel.UNSATISFIED] * bad + [RatingLevel.SATISFIED] * (10 - bad)
    a = assess(_rated(levels, closed, dept), 2025, _pm(), audience=CITY_OFFICE)
    (cond,) = [r for r in a.county(CODE).conditions if r.rule.id == linjiang.UNSATISFIED]
    assert cond.passed is passed
    if not passed:
        assert list(cond.evidence)[:1] == ["R2025H1"]
    # as of the day the round closed it is not known yet: the condition passes
    early = assess(
        _rated(levels, closed, dept),
        2025,
        _pm(),
        audience=CITY_OFFICE,
        as_of=beijing(closed.year, closed.month, closed.day, 12),
    )
    (cond,) = [r for r in early.county(CODE).conditions if r.rule.id == linjiang.UNSATISFIED]
    assert cond.passed


def test_the_hooks_check_finds_nothing() -> None:
    assert check_installed(_pm(), 2025) == []


@pytest.mark.slow  # the kit's deterministic check starts a process
def test_plugins_check_finds_nothing() -> None:
    """What `softenv plugins --check` runs (the hooks, then the kit), on this plugin in-process:
    a package under tests/ is no installed entry point for the command to load."""
    faults, (run,) = check_all(_pm(), 2025, 3)
    assert faults == [] and run.failed == ()


def test_it_conforms() -> None:
    assert_conforms(linjiang, "linjiang", max_examples=examples(5), hash_seed=False)


@pytest.mark.slow  # the deterministic check's subprocess, and mypy
def test_it_conforms_across_processes_and_passes_mypy_strict() -> None:
    assert_conforms(linjiang, "linjiang", max_examples=3)
    folder = Path(linjiang.__file__).parent
    run = subprocess.run([*STRICT_MYPY, str(folder / "__init__.py")], capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stdout + run.stderr


@HEAVY
@given(datasets(require=(CODE,)))
def test_the_countys_figures_stay_within_their_bounds(dataset: Dataset) -> None:
    year = dataset.reports[0].month.year if dataset.reports else 2025
    a = assess(dataset, year, _pm(), audience=CITY_OFFICE)
    for p in a.points:
        for item in p.items:
            if item.rule.id == linjiang.REFUSED:
                assert p.county == CODE and -6 <= item.points < 0
            if item.rule.id == linjiang.FEEDBACK:
                assert p.county == CODE and 0 <= item.points <= 30
        assert p.total >= 0


# --- the careless versions -------------------------------------------------------------------


def _rule(**kw: object) -> Rule:
    base: dict[str, object] = {
        "id": "county.379981.x", "label": "lj.x", "title_zh": "x", "title_en": "x",
        "reference": "临江市〔2025〕3号", "score": lambda ctx: Award(1, "r"), "max_points": 5,
        "effective_from": date(2025, 1, 1),
    }  # fmt: skip
    base.update(kw)
    return Rule(**base)  # type: ignore[arg-type]


class _Careless:
    """A hurried author's plugin: linjiang's info, and the one hook each test gives it."""

    @hookimpl
    def softenv_plugin_info(self) -> PluginInfo:
        return PluginInfo(county=CODE, title="临江市", reference="临江市〔2025〕3号")


class _LaxLimits(_Careless):
    @hookimpl
    def softenv_complaint_sla(self, kind: ComplaintKind, calendar: WorkCalendar, params: ParameterSet) -> ComplaintSla:
        return ComplaintSla(1, 1, {"complaint": 20, "report": 15, "suggestion": 5}, 15, 2, "临江市〔2025〕11号")

    @hookimpl
    def softenv_topten_conditions(self, year: int, params: ParameterSet) -> Sequence[Condition]:
        def reads(ctx: CountyYear) -> Failure | None:
            assert ctx.complaint_status is not None
            for q in ctx.dataset.complaints:
                ctx.complaint_status(q, beijing(2025, 12, 31))
            return None

        return [Condition("county.379981.reads", "c", "c", "r", reads, date(2025, 1, 1))]


def test_careless_laxer_complaint_limits_are_refused() -> None:
    q = make_complaint("Q1", POINT, beijing(2025, 8, 4, 9), department=DEPT)
    with pytest.raises(
        RuleConflict, match=r"softenv_complaint_sla.*resolve\['complaint'\] 20 > 15; a county may only be stricter"
    ) as e:
        assess(attrs.evolve(_ds(), complaints=(q,)), 2025, _pm(_LaxLimits(), "lax"), audience=CITY_OFFICE)
    assert e.value.hook == "softenv_complaint_sla" and "lax" in e.value.plugins
    (fault, *_) = check_installed(_pm(_LaxLimits(), "lax"), 2025)
    assert (fault.plugin, fault.hook) == ("lax", "softenv_complaint_sla") and "only be stricter" in fault.fix


class _Points(_Careless):
    def __init__(self, *rules: Rule, extra: bool = False) -> None:
        self.rules = rules
        self.extra = extra

    @hookimpl
    def softenv_point_rules(self, year: int, params: ParameterSet) -> Sequence[Rule]:
        return () if self.extra else self.rules

    @hookimpl
    def softenv_extra_point_rules(self, year: int, params: ParameterSet) -> Sequence[Rule]:
        return self.rules if self.extra else ()


@pytest.mark.parametrize(
    ("plugin", "error", "says"),
    [
        (_Points(_rule(replaces="duty.supervision", max_points=20)), RuleConflict,
         r"county\.379981\.x.*replace only a replaceable one \(duty\.appraisal, duty\.contact, duty\.feedback\)"),
        (_Points(_rule(replaces="duty.feedback", max_points=30),
                 _rule(id="county.379981.y", replaces="duty.feedback", max_points=30)),
         RuleConflict,
         r"county\.379981\.x, county\.379981\.y apply at once; keep one rule with replaces='duty\.feedback'"),
        (_Points(_rule(replaces="duty.feedback", max_points=40)), RuleConflict, r"give it max_points of at most 30"),
    ],
)  # fmt: skip
def test_careless_replacements_are_refused_naming_the_hook_and_the_fix(
    plugin: _Points, error: type[Exception], says: str
) -> None:
    with pytest.raises(error, match=says) as e:
        assess(_ds(), 2025, _pm(plugin, "hurried"), audience=CITY_OFFICE)
    assert "softenv_point_rules" in str(e.value) and getattr(e.value, "hook", None) == "softenv_point_rules"
    assert "'hurried'" in str(e.value)


def _raises(plugin: object) -> str:
    with pytest.raises(PluginError) as e:
        assess(_ds(), 2025, _pm(plugin, "hurried"), audience=CITY_OFFICE)
    assert "plugin 'hurried'" in str(e.value)
    return str(e.value)


def test_careless_deduction_beyond_its_bound_is_refused() -> None:
    says = _raises(_Points(_rule(score=lambda ctx: Award(-30, "扣"), max_points=6), extra=True))
    assert "softenv_extra_point_rules: rule county.379981.x awarded -30.00, beyond its max_points 6.00" in says


def test_careless_rule_without_effective_dates_is_refused() -> None:
    class NoDates(_Careless):
        @hookimpl
        def softenv_extra_point_rules(self, year: int, params: ParameterSet) -> Sequence[Rule]:
            return [_rule(effective_from=None)]

    says = _raises(NoDates())
    assert "softenv_extra_point_rules" in says and "effective_from of county.379981.x: expected a date" in says


def test_careless_condition_cannot_relax_the_city_baseline() -> None:
    """A condition named as the city's, passing always, is refused; the city's still fails a late month."""

    class Relax(_Careless):
        @hookimpl
        def softenv_topten_conditions(self, year: int, params: ParameterSet) -> Sequence[Condition]:
            return [Condition("city.topten.on_time", "按时", "on time", "r", lambda ctx: None, date(2025, 1, 1))]

    says = _raises(Relax())
    assert "softenv_topten_conditions: condition city.topten.on_time" in says and "give the county's own" in says


def test_careless_answer_of_the_wrong_type_is_refused() -> None:
    says = _raises(_Points(_rule(score=lambda ctx: True), extra=True))
    assert "rule county.379981.x returned bool, expected Award or None" in says


def _reads_other_county(ctx: PointYear) -> Award | None:
    others = {p.id for p in ctx.dataset.points if p.county != ctx.point.county}
    n = sum(1 for c in ctx.dataset.contacts if c.point in others and c.reached)
    return Award(1, f"邻县联系{n}次") if n else None


_ANSWERS: dict[str, Award] = {}


def _kept(ctx: PointYear) -> Award:
    if ctx.point.id not in _ANSWERS:  # a module-level cache keyed on point ids
        _ANSWERS[ctx.point.id] = Award(min(5, sum(1 for c in ctx.contacts if c.reached)), "联系")
    return _ANSWERS[ctx.point.id]


@pytest.mark.parametrize(
    ("score", "check", "says"),
    [
        (_reads_other_county, "own_county_only", "reads another county's records"),
        (_kept, "no_state", "keeps answers between calls"),
    ],
)
def test_the_kit_finds_careless_reads(score: object, check: str, says: str) -> None:
    plugin = _Points(_rule(score=score, reads_direct_feedback=False), extra=True)
    report = check_plugin(plugin, "hurried", others=[], max_examples=5, hash_seed=False)
    assert says in report.failures.get(check, "") and "county.379981.x" in report.failures[check]
