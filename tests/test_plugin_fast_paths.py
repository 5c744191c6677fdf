"""The engine's shortcuts for plugin answers give the answers (and errors) of the full path.

- check_scored passes the usual Award in one test: whatever it is given, it must return
  the award or raise the PluginError that check_award then Rule.bounded (the oracle) give.
- DeadlineAnswers checks each report deadline answer, and names it after its plugin, once
  per assessment: the hooks are still called for every county and month, the deadlines are
  those resolved one by one, and a bad answer is still refused.
- A plugin's 十佳 condition is bound with its checked call beside it (not rebuilt with it):
  its answers are still checked, the city's are not wrapped.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime
from decimal import Decimal
from types import MappingProxyType
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from softenv_core import (
    CITY_OFFICE,
    Condition,
    Failure,
    PluginInfo,
    assess,
    get_plugin_manager,
    hookimpl,
    monthly_deadline,
)
from softenv_core.analyses.county_months import county_deadlines
from softenv_core.engine.deadline_types import DeadlinePolicy
from softenv_core.engine.parameters import baseline_parameters
from softenv_core.engine.resolution import (
    MAX_AWARD_POINTS,
    BoundRule,
    DeadlineAnswers,
    check_award,
    check_scored,
    resolve_conditions,
    resolve_deadline,
)
from softenv_core.engine.ruletypes import Award, Deadline, Rule
from softenv_core.engine.trace import ParamValue
from softenv_core.errors import PluginError
from softenv_core.model.periods import BEIJING, Month
from softenv_core.workdays.calendar import WorkCalendar

from . import demo_city

HOOK = "softenv_extra_point_rules"
KNOWN = frozenset({"c-1", "c-2", "p-1"})
PV = ParamValue("duty.x", 1, date(2024, 1, 1), "ref")
#: The scored point's county's own figure, the city's genuine duty.extra_cap, the same name with
#: another value (a city figure misstated), and another county's figure.
OWN_PV = ParamValue("county.379901.x", 1, date(2024, 1, 1), "ref")
CITY_PV = baseline_parameters().get("duty.extra_cap", date(2025, 12, 31))
FAKE_CITY_PV = ParamValue("duty.extra_cap", 50, CITY_PV.effective_from, CITY_PV.reference)
OTHER_PV = ParamValue("county.379921.x", 1, date(2024, 1, 1), "ref")

#: A naive deadline's refusal names its rule (plugin author p52 05).
_NAIVE = r"plugin 't0', hook softenv_report_deadline: field due_at: rule t\.deadline: naive"


class _Dataset:
    """What the checks read of a dataset: its record ids, and whose record each is."""

    record_ids = KNOWN
    # p-1 and its contact c-1 are the scored point's; c-2 is another point's contact.
    record_scopes = MappingProxyType(
        {"p-1": ("p-1", "379901", None), "c-1": ("p-1", "379901", None), "c-2": ("p-2", "379901", None)}
    )


class _Point:
    id, county = "p-1", "379901"


class _Ctx:
    """What check_scored reads of a PointYear: the point scored, the dataset, the parameters."""

    point, dataset, params = _Point(), _Dataset(), baseline_parameters()
    on = date(2025, 12, 31)  # the day the year's figures are for: a cited parameter in force by then (p49 03)


OWNER = ("p-1", "379901")


class _SubParam(ParamValue):
    pass


def _rule(max_points: Any) -> Rule:
    # A Rule refuses a bound above MAX_AWARD_POINTS when made (p57): such a bound is written
    # after, as a plugin rewriting its frozen rule may, for the engine's own check of it.
    beyond = isinstance(max_points, int) and max_points > MAX_AWARD_POINTS
    rule = Rule(
        id="x.extra",
        label="x.extra",
        title_zh="x",
        title_en="x",
        reference="x",
        score=lambda ctx: None,
        max_points=0 if beyond else max_points,
        effective_from=date(2024, 1, 1),
    )
    if beyond:
        object.__setattr__(rule, "max_points", Decimal(max_points))
    return rule


def _award(points: Any, reason: Any, evidence: Any, params: Any) -> Award:
    """An Award holding exactly these fields, past its converters (as a hostile plugin may)."""
    award = Award(1, "r")
    for name, value in (("points", points), ("reason", reason), ("evidence", evidence), ("params", params)):
        object.__setattr__(award, name, value)
    return award


def _outcome(f: Any) -> tuple[str, Any]:
    try:
        return "ok", f()
    except PluginError as exc:
        return "error", str(exc)


def _oracle(bound: BoundRule, award: Award) -> tuple[str, Any]:
    def full() -> Award:
        check_award(bound.plugin, HOOK, bound.rule.id, award, _Dataset(), OWNER, _Ctx.params, _Ctx.on)  # type: ignore[arg-type]
        return bound.rule.bounded(award, bound.plugin, HOOK, OWNER[0])  # the message names the point

    return _outcome(full)


POINTS = st.one_of(
    st.decimals(allow_nan=False, allow_infinity=False, places=2, min_value=-10, max_value=10),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.sampled_from([Decimal("5.00"), Decimal("5.01"), Decimal("-5.01"), MAX_AWARD_POINTS + 1, Decimal("NaN")]),
    st.integers(-10, 10),
    st.floats(-10, 10),
    st.none(),
)
REASONS = st.one_of(st.text(max_size=8), st.sampled_from(["", "  ", "\n", "x" * 5000, "x" * 5001]), st.integers())
IDS = st.one_of(st.sampled_from(sorted(KNOWN)), st.text(max_size=3), st.integers(), st.just(["unhashable"]))
EVIDENCE = st.one_of(st.lists(IDS, max_size=3).map(tuple), st.lists(IDS, max_size=3), st.just("c-1"), st.none())
PARAMS = st.one_of(
    st.lists(
        st.sampled_from(
            [PV, OWN_PV, CITY_PV, FAKE_CITY_PV, OTHER_PV, _SubParam("y", 2, date(2024, 1, 1), "r"), "duty.x", None]
        ),
        max_size=3,
    ).map(tuple),
    st.just([PV]),
    st.none(),
)


@given(st.sampled_from([5, 0, 2_000_000]), POINTS, REASONS, EVIDENCE, PARAMS)
def test_check_scored_answers_as_check_award_then_bounded(
    max_points: int, points: Any, reason: Any, evidence: Any, params: Any
) -> None:
    bound = BoundRule(_rule(max_points), "p", "1", checked=True)
    award = _award(points, reason, evidence, params)
    assert _outcome(lambda: check_scored(bound, HOOK, award, _Ctx())) == _oracle(bound, award)  # type: ignore[arg-type]


_VALID = {"points": Decimal("2.00"), "reason": "ok", "evidence": ("c-1",), "params": (PV,)}
#: One field at a time off the valid award: each must be judged as the full checks judge it.
_ONE_OFF = [
    {"points": Decimal("5.00")},
    {"points": Decimal("-5.00")},
    {"points": Decimal("5.01")},
    {"points": Decimal("NaN")},
    {"points": Decimal("Infinity")},
    {"points": 2},
    {"points": 2.0},
    {"reason": ""},
    {"reason": "   "},
    {"reason": "\n"},
    {"reason": "x" * 5000},
    {"reason": "x" * 5001},
    {"reason": 7},
    {"evidence": ()},
    {"evidence": ("c-1", "p-1")},
    {"evidence": ("nope",)},
    {"evidence": ("c-2",)},
    {"evidence": ("c-1", "c-2")},
    {"evidence": (["unhashable"],)},
    {"evidence": ["c-1"]},
    {"evidence": "c-1"},
    {"params": ()},
    {"params": [PV]},
    {"params": (_SubParam("y", 2, date(2024, 1, 1), "r"),)},
    {"params": (PV, "duty.x")},
    {"params": (OWN_PV,)},
    {"params": (OWN_PV, CITY_PV)},
    {"params": (OWN_PV, FAKE_CITY_PV)},
    {"params": (OTHER_PV,)},
    {"params": None},
]


@pytest.mark.parametrize("change", _ONE_OFF, ids=repr)
def test_check_scored_judges_each_field_as_the_full_checks(change: dict[str, Any]) -> None:
    bound = BoundRule(_rule(5), "p", "1", checked=True)
    award = _award(**(_VALID | change))
    assert _outcome(lambda: check_scored(bound, HOOK, award, _Ctx())) == _oracle(bound, award)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("points", "message"),
    [
        (Decimal("5.01"), "awarded 5.01, beyond its max_points 5.00"),
        (Decimal("-5.01"), "awarded -5.01, beyond its max_points 5.00"),
        (MAX_AWARD_POINTS + 1, "points is absurd"),
    ],
)
def test_check_scored_still_refuses_an_award_beyond_its_bound(points: Decimal, message: str) -> None:
    bound = BoundRule(_rule(5 if points < MAX_AWARD_POINTS else 2_000_000), "p", "1", checked=True)
    with pytest.raises(PluginError, match=message) as err:
        check_scored(bound, HOOK, _award(points, "r", (), ()), _Ctx())  # type: ignore[arg-type]
    assert "x.extra" in str(err.value) and err.value.plugin == "p"


class _DeadlinePlugin:
    """Answers every county-month of its county with ``answer(calendar, month)``; counts calls."""

    def __init__(self, county: str, answer: Any) -> None:
        self.county, self.answer, self.calls = county, answer, Counter[tuple[str, Month]]()

    @hookimpl
    def softenv_plugin_info(self) -> PluginInfo:
        return PluginInfo(county=self.county, title="t", reference="r")

    @hookimpl
    def softenv_report_deadline(self, county: Any, month: Month, calendar: WorkCalendar, params: Any) -> Any:
        self.calls[(county.code, month)] += 1
        return self.answer(calendar, month)


def _shared(calendar: WorkCalendar, month: Month) -> Deadline:
    return monthly_deadline(calendar, month, 4, rule_id="t.deadline", reference="r")


@pytest.fixture(scope="module")
def demo() -> Any:
    return demo_city.demo()


def test_each_county_month_asks_its_plugin_once_and_gets_the_deadline_resolved_alone(demo: Any) -> None:
    codes = sorted(c.code for c in demo.counties)
    plugins = [_DeadlinePlugin(code, _shared) for code in codes[:3]]
    pm = get_plugin_manager(autoload=False, plugins=[(f"t{i}", p) for i, p in enumerate(plugins)])
    calendar, params, answers = WorkCalendar(), baseline_parameters(), DeadlineAnswers()
    for county in demo.counties:
        dues = county_deadlines(pm, county, 2025, calendar, params, answers)
        for month, due in dues.items():
            if isinstance(due, Deadline):  # as resolved alone, without the answers of the others
                assert due == resolve_deadline(pm, county, month, WorkCalendar(), params)
    for p in plugins:  # once here and once alone, for each month it owes
        assert set(p.calls.values()) == {2} and {code for code, _ in p.calls} == {p.county}
    assessed = assess(demo, 2025, pm, audience=CITY_OFFICE)
    for p in plugins:
        assert set(p.calls.values()) == {3}
        named = {m.deadline.plugin for m in assessed.county(p.county).months if m.deadline is not None}
        assert named == {f"t{plugins.index(p)}"}


@pytest.mark.parametrize(
    ("params", "rule_id", "message"),
    [
        ((ParamValue("county.379999.due", 4, date(2022, 1, 1), "r"),), "t.deadline", "is a parameter of county 379999"),
        ((), "city.report.deadline", "field rule_id: city.report.deadline: ids starting 'city.'"),
    ],
)
def test_a_county_deadline_going_bad_in_march_is_refused_after_months_found_sound(
    demo: Any, params: Any, rule_id: str, message: str
) -> None:
    # DeadlineAnswers.settle remembers a county's rule id as sound and skips check_params for
    # an answer without params: a later month's answer citing another county's parameter, or
    # naming a rule id of the city's, must still be refused (the memo is no pass for the county).
    def answer(calendar: WorkCalendar, month: Month) -> Deadline:
        if month != Month(2025, 3):
            return _shared(calendar, month)
        return monthly_deadline(calendar, month, 4, rule_id=rule_id, reference="r", params=params)

    code = sorted(c.code for c in demo.counties)[0]
    county = next(c for c in demo.counties if c.code == code)
    pm = get_plugin_manager(autoload=False, plugins=[("t0", _DeadlinePlugin(code, answer))])
    with pytest.raises(PluginError, match=message):
        county_deadlines(pm, county, 2025, WorkCalendar(), baseline_parameters(), DeadlineAnswers())


def test_a_bad_deadline_is_refused_even_when_every_county_gets_the_same_object(demo: Any) -> None:
    naive = attrs.evolve(_shared(WorkCalendar(), Month(2025, 1)), due_at=datetime(2025, 2, 5, 23, 59, 59))
    codes = sorted(c.code for c in demo.counties)
    pm = get_plugin_manager(
        autoload=False, plugins=[(f"t{i}", _DeadlinePlugin(code, lambda c, m: naive)) for i, code in enumerate(codes)]
    )
    with pytest.raises(PluginError, match=_NAIVE):
        assess(demo, 2025, pm, audience=CITY_OFFICE)


def test_a_deadline_whose_facts_can_change_is_checked_at_every_answer(demo: Any) -> None:
    facts: list[Any] = ["2025-02-05 工作日"]
    base = _shared(WorkCalendar(), Month(2025, 1))
    listed = attrs.evolve(base, facts=facts)
    seen: list[Month] = []

    def answer(calendar: WorkCalendar, month: Month) -> Deadline:
        seen.append(month)
        if len(seen) == 2:  # after the first answer was checked, the same object goes bad
            facts.append(7)
        return listed

    code = sorted(c.code for c in demo.counties)[0]
    pm = get_plugin_manager(autoload=False, plugins=[("t0", _DeadlinePlugin(code, answer))])
    with pytest.raises(PluginError, match=r"field facts\[1\]: expected text, got int"):
        assess(demo, 2025, pm, audience=CITY_OFFICE)
    assert len(seen) == 2


def test_one_deadline_object_rewritten_for_each_month_is_checked_and_read_afresh(demo: Any) -> None:
    # A plugin keeping one Deadline and rewriting its fields past frozen: each month must get
    # what the object says then (not a copy remembered from January), and a naive moment
    # written into it must be refused as any bad answer is.
    kept = _shared(WorkCalendar(), Month(2025, 1))

    def answer(calendar: WorkCalendar, month: Month) -> Deadline:
        fresh = _shared(calendar, month)
        for name in ("due_at", "nominal", "facts", "calendar_sources"):
            object.__setattr__(kept, name, getattr(fresh, name))
        return kept

    code = sorted(c.code for c in demo.counties)[0]
    county = next(c for c in demo.counties if c.code == code)
    pm = get_plugin_manager(autoload=False, plugins=[("t0", _DeadlinePlugin(code, answer))])
    dues = county_deadlines(pm, county, 2025, WorkCalendar(), baseline_parameters(), DeadlineAnswers())
    expected = {m: _shared(WorkCalendar(), m).due_at for m in dues}
    assert {m: d.due_at for m, d in dues.items() if isinstance(d, Deadline)} == expected

    def naive_in_march(calendar: WorkCalendar, month: Month) -> Deadline:
        answer(calendar, month)
        if month == Month(2025, 3):
            object.__setattr__(kept, "due_at", datetime(2025, 4, 3, 23, 59, 59))
        return kept

    pm = get_plugin_manager(autoload=False, plugins=[("t0", _DeadlinePlugin(code, naive_in_march))])
    with pytest.raises(PluginError, match=_NAIVE):
        assess(demo, 2025, pm, audience=CITY_OFFICE)


def test_a_rule_whose_max_points_was_rewritten_past_frozen_is_refused_when_bound(demo: Any) -> None:
    rule = _rule(5)
    object.__setattr__(rule, "max_points", float("inf"))
    code = sorted(c.code for c in demo.counties)[0]

    class Extra:
        @hookimpl
        def softenv_plugin_info(self) -> PluginInfo:
            return PluginInfo(county=code, title="t", reference="r")

        @hookimpl
        def softenv_extra_point_rules(self, year: int, params: Any) -> list[Rule]:
            return [rule]

    pm = get_plugin_manager(autoload=False, plugins=[("t0", Extra())])
    with pytest.raises(PluginError, match=r"extra_point_rules: rule x\.extra: max_points: points must be finite"):
        assess(demo, 2025, pm, audience=CITY_OFFICE)


def test_answered_by_is_evolve_for_every_field() -> None:
    values = {f.name: f"v-{f.name}" if f.type in ("str", str) else (f"v-{f.name}",) for f in attrs.fields(Deadline)}
    values |= {"due_at": datetime(2025, 2, 5, tzinfo=BEIJING), "nominal": date(2025, 2, 5)}
    values["policy"] = DeadlinePolicy.NO_MOVE  # a member: the field takes no other text
    d = Deadline(**values)

    class Mine(Deadline):
        pass

    for one in (d, Mine(**values)):
        named = one.answered_by("p", "9")
        assert named == attrs.evolve(one, plugin="p", version="9") and type(named) is type(one)


class _ConditionPlugin:
    """A 十佳 condition of its county that answers ``answer``."""

    def __init__(self, county: str, answer: Any) -> None:
        self.county, self.answer = county, answer

    @hookimpl
    def softenv_plugin_info(self) -> PluginInfo:
        return PluginInfo(county=self.county, title="t", reference="r")

    @hookimpl
    def softenv_topten_conditions(self, year: int, params: Any) -> list[Condition]:
        return [
            Condition(
                id="t.cond",
                title_zh="x",
                title_en="x",
                reference="r",
                check=lambda ctx: self.answer,
                effective_from=date(2024, 1, 1),
            )
        ]


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        ("no", "condition t.cond returned str, expected Failure"),
        (Failure("bad", ("not-a-record",)), r"field evidence\[0\]: rule t.cond: 'not-a-record' is not a record id"),
        (Failure(""), "field reason: rule t.cond: expected non-blank text"),
    ],
)
def test_a_plugin_condition_answer_is_still_checked(demo: Any, answer: Any, message: str) -> None:
    code = sorted(c.code for c in demo.counties)[0]
    pm = get_plugin_manager(autoload=False, plugins=[("t0", _ConditionPlugin(code, answer))])
    with pytest.raises(PluginError, match=message):
        assess(demo, 2025, pm, audience=CITY_OFFICE)


def test_a_plugin_condition_that_fails_the_county_is_traced_and_the_citys_are_unwrapped(demo: Any) -> None:
    code = sorted(c.code for c in demo.counties)[0]
    pm = get_plugin_manager(autoload=False, plugins=[("t0", _ConditionPlugin(code, Failure("bad")))])
    bound = resolve_conditions(pm, code, 2025, baseline_parameters())
    assert {b.plugin: b.check is None for b in bound} == {"city": True, "t0": False}
    county = assess(demo, 2025, pm, audience=CITY_OFFICE).county(code)
    failing = [(r.rule.id, r.rule.plugin, r.reason) for r in county.failing_conditions]
    assert ("t.cond", "t0", "bad") in failing and not county.topten_eligible


class _RulesPlugin:
    """Gives no base rule, one extra-point rule and one 十佳 condition; counts each rule hook's calls."""

    def __init__(self, county: str) -> None:
        self.county, self.calls = county, Counter[str]()

    @hookimpl
    def softenv_plugin_info(self) -> PluginInfo:
        return PluginInfo(county=self.county, title="t", reference="r")

    @hookimpl
    def softenv_point_rules(self, year: int, params: Any) -> list[Rule]:
        self.calls["softenv_point_rules"] += 1
        return []

    @hookimpl
    def softenv_extra_point_rules(self, year: int, params: Any) -> list[Rule]:
        self.calls["softenv_extra_point_rules"] += 1
        return [
            Rule(
                id=f"county.{self.county}.t.extra",
                label=f"county.{self.county}.t.extra",
                title_zh="x",
                title_en="x",
                reference="r",
                score=lambda ctx: Award(1, "一分"),
                max_points=5,
                effective_from=date(2024, 1, 1),
            )
        ]

    @hookimpl
    def softenv_topten_conditions(self, year: int, params: Any) -> list[Condition]:
        self.calls["softenv_topten_conditions"] += 1
        return [
            Condition(
                id=f"county.{self.county}.t.cond",
                title_zh="x",
                title_en="x",
                reference="r",
                check=lambda ctx: None,
                effective_from=date(2024, 1, 1),
            )
        ]


@pytest.mark.parametrize("audience", [CITY_OFFICE, "county:first", "point:first"])
def test_each_rule_hook_is_asked_once_per_county_an_assessment(demo: Any, audience: Any) -> None:
    # require_ids_apart reads every county plugin's ids before the counties are assessed, and
    # resolution (and, for a county or point reader, declared_rules) read the same answers: one
    # call each (issue 21, fn1: the nine-plugin overhead), the ids still compared.
    codes = sorted(c.code for c in demo.counties)
    plugins = [_RulesPlugin(code) for code in codes[:3]]
    pm = get_plugin_manager(autoload=False, plugins=[(f"t{i}", p) for i, p in enumerate(plugins)])
    if audience == "county:first":
        audience = f"county:{codes[0]}"
    elif audience == "point:first":
        audience = "point:" + min(p.id for p in demo.points if p.county == codes[0] and p.level.value != "市直")
    assessed = assess(demo, 2025, pm, audience=audience)
    hooks = ("softenv_point_rules", "softenv_extra_point_rules", "softenv_topten_conditions")
    assert [dict(p.calls) for p in plugins] == [dict.fromkeys(hooks, 1)] * 3
    assert assessed.points
    whole = assess(demo, 2025, pm, audience=CITY_OFFICE)
    own = [i for p in whole.points if p.county == codes[0] for i in p.items if i.rule.plugin == "t0"]
    assert own and {i.points for i in own} == {Decimal("1.00")}
    for code in codes[:3]:
        assert f"county.{code}.t.cond" in {r.rule.id for r in whole.county(code).conditions}


def test_one_answer_shared_by_county_plugins_is_checked_against_the_calendar_and_copied_once(
    demo: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # monthly_deadline gives every county plugin asking with the same arguments one Deadline a
    # month: its due day's move (顺延) is checked once per calendar, and each plugin's copy is
    # made from the first without its converters again (issue 21, fn1: the nine-plugin overhead),
    # the deadlines those resolved one by one.
    from softenv_core.engine import deadline_answers

    moves: list[Deadline] = []
    named: list[Deadline] = []
    check = deadline_answers._moved_to_a_workday
    monkeypatch.setattr(
        deadline_answers, "_moved_to_a_workday", lambda p, h, d, c: (moves.append(d), check(p, h, d, c))
    )
    answered_by = Deadline.answered_by
    monkeypatch.setattr(Deadline, "answered_by", lambda d, p, v: (named.append(d), answered_by(d, p, v))[1])
    codes = sorted(c.code for c in demo.counties)
    pm = get_plugin_manager(
        autoload=False, plugins=[(f"t{i}", _DeadlinePlugin(c, _shared)) for i, c in enumerate(codes)]
    )
    calendar, params, answers = WorkCalendar(), baseline_parameters(), DeadlineAnswers()
    dues = {c.code: county_deadlines(pm, c, 2025, calendar, params, answers) for c in demo.counties}
    months = {m for by_month in dues.values() for m, d in by_month.items() if isinstance(d, Deadline)}
    assert len(moves) == len(months) and len(named) == len(months)  # one each per month, not per county
    monkeypatch.undo()
    for county in demo.counties:
        for month, due in dues[county.code].items():
            if isinstance(due, Deadline):
                alone = resolve_deadline(pm, county, month, WorkCalendar(), params)
                assert due == alone and type(due) is Deadline and attrs.asdict(due) == attrs.asdict(alone)
                assert due.plugin == f"t{codes.index(county.code)}"


def test_a_deadline_moved_wrongly_is_refused_for_each_county_giving_it(demo: Any) -> None:
    # The move is remembered only when it is sound: each county plugin giving a hand-made
    # deadline on a day off (2025-02-01, a Saturday, under 顺延) is refused in its own name.
    day = date(2025, 2, 1)  # a Saturday of the Spring Festival: 顺延 moves it to 2025-02-05
    moved = attrs.evolve(
        _shared(WorkCalendar(), Month(2025, 1)), nominal=day, due_at=datetime(2025, 2, 1, 23, 59, 59, tzinfo=BEIJING)
    )
    codes = sorted(c.code for c in demo.counties)[:2]
    pm = get_plugin_manager(
        autoload=False, plugins=[(f"t{i}", _DeadlinePlugin(c, lambda cal, m: moved)) for i, c in enumerate(codes)]
    )
    calendar, params, answers = WorkCalendar(), baseline_parameters(), DeadlineAnswers()
    for i, code in enumerate(codes):
        county = next(c for c in demo.counties if c.code == code)
        with pytest.raises(
            PluginError, match=rf"plugin 't{i}'.*field due_at: rule t\.deadline: names 2025-02-01 .*which is 2025-02-05"
        ):
            resolve_deadline(pm, county, Month(2025, 1), calendar, params, answers)
