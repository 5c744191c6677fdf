"""Plugin answers are checked, never trusted (docs/hooks.md, "What the engine refuses"):
whatever a plugin gets wrong is a PluginError naming the plugin, the hook and the rule, never
a bare traceback, a result that changes from run to run, or an error blaming another plugin.

- ParamValues (in awards, failures, deadlines) the JSON output can write; a deadline's
  params and calendar sources of their types (finding t3plugin 02);
- evidence and params in a fixed order: a set is refused (03);
- effective periods as dates, when a Rule or Condition is made and when it is resolved (05);
- a plugin's decimal context is its own: it leaks neither to the caller nor to another
  plugin's arithmetic (07);
- GeneratorExit from a plugin is a PluginError, as any BaseException but Ctrl-C (08);
- a county's ids are its own: not the city's, not repeated (10);
- the messages say what is wrong (16).
"""

from __future__ import annotations

import decimal
import math
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from softenv_core import CITY_OFFICE, assess, get_plugin_manager
from softenv_core.engine.answers import check_deadline, check_outcome
from softenv_core.errors import FieldInvalid, PluginError, RuleConflict
from softenv_core.io.converter import dumps, make_converter
from softenv_core.model.periods import BEIJING
from softenv_core.plugin import (
    Award,
    Condition,
    Failure,
    ParamValue,
    PluginInfo,
    Rule,
    hookimpl,
    monthly_deadline,
)
from softenv_core.testing import small_dataset
from softenv_core.testing.plugin_check import check_installed

DS = small_dataset(2025, ("379902", "379921"))
CONVERTER = make_converter()
EXTRA = "softenv_extra_point_rules"
CONDITIONS = "softenv_topten_conditions"


class _County:
    @hookimpl
    def softenv_plugin_info(self) -> PluginInfo:
        return PluginInfo(county="379902", title="东城区", reference="东经贸〔2025〕1号")


def _rule(score: Callable[[Any], Any], rule_id: str = "dc.x", **kw: Any) -> Rule:
    fields: dict[str, Any] = {"max_points": 5, "effective_from": date(2025, 1, 1)} | kw
    return Rule(id=rule_id, label=rule_id, title_zh="加分", title_en="x", reference="东经贸", score=score, **fields)


def _condition(check: Callable[[Any], Any], cond_id: str = "dc.c", **kw: Any) -> Condition:
    fields: dict[str, Any] = {"effective_from": date(2025, 1, 1)} | kw
    return Condition(id=cond_id, title_zh="条件", title_en="c", reference="东经贸", check=check, **fields)


def _extra(*rules: Callable[[], Rule]) -> Any:
    """A 379902 plugin whose extra-point rules are made when the hook is called."""

    class P(_County):
        @hookimpl
        def softenv_extra_point_rules(self, year: int, params: Any) -> list[Rule]:
            return [make() for make in rules]

    return P()


def _conditions(*conds: Callable[[], Condition]) -> Any:
    class P(_County):
        @hookimpl
        def softenv_topten_conditions(self, year: int, params: Any) -> list[Condition]:
            return [make() for make in conds]

    return P()


def _assess(plugin: Any) -> Any:
    pm = get_plugin_manager(autoload=False, plugins=[("dongcheng", plugin)])
    return assess(DS, 2025, pm, audience=CITY_OFFICE)


def _refused(plugin: Any, *words: str) -> PluginError:
    with pytest.raises(PluginError) as caught:
        _assess(plugin)
    message = str(caught.value)
    for word in ("plugin 'dongcheng'", *words):
        assert word in message, message
    return caught.value


def _pv(value: Any = 1, day: Any = date(2025, 1, 1), name: Any = "county.379902.x") -> ParamValue:
    return ParamValue(name, value, day, "东经贸")


# ---- 02: ParamValues the JSON output can write -------------------------------------------------

_SCALARS = st.none() | st.booleans() | st.integers() | st.floats() | st.decimals() | st.text(max_size=3)
_VALUES = st.recursive(
    _SCALARS | st.dates(),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.tuples(inner)
        | st.dictionaries(st.text(max_size=2) | st.integers(), inner, max_size=3)
        | st.frozensets(st.integers(), max_size=2)
    ),
    max_leaves=6,
)


@given(_VALUES)
def test_a_param_value_is_made_only_when_the_json_output_can_write_it(value):
    try:
        pv = _pv(value)
    except FieldInvalid:
        return  # refused when made: inside a rule, a PluginError naming it (below)
    assert dumps(CONVERTER.unstructure(pv))  # no TypeError (a set), no ValueError (NaN)


@pytest.mark.parametrize(
    ("make", "field"),
    [
        (lambda: _pv({"投诉", "举报"}), "value: a set has no order"),
        (lambda: _pv(float("nan")), "value: nan is not a finite number"),
        (lambda: _pv(Decimal("Infinity")), "value: Infinity is not a finite number"),
        (lambda: _pv({1: "x"}), "value: a mapping key int is not text"),
        (lambda: _pv(day="2025-01-01"), "effective_from: expected a date"),
        (lambda: _pv(day=datetime(2025, 1, 1, tzinfo=BEIJING)), "effective_from: expected a date"),
        (lambda: _pv(name=" "), "name: must be a non-blank string"),
        # copied into every point's item: held as a reason is (plugin author p55 05)
        (lambda: _pv("A" * 5001), "value: text of 5001 characters: at most 5000"),
        (lambda: _pv(["A" * 3000, "B" * 3000]), "value: more than 5000 characters of text"),
        (lambda: _pv({"k" * 5001: 1}), "value: more than 5000 characters of text"),
        (lambda: _pv([[0] * 600, [0] * 600]), "value: more than 1000 entries"),
    ],
)
def test_a_param_value_made_in_a_rule_is_a_plugin_error_naming_the_rule(make, field):
    _refused(_extra(lambda: _rule(lambda ctx: Award(1, "加分", (), (make(),)))), EXTRA, "rule dc.x", field)


def _rewritten(target: Any, **fields: Any) -> Any:
    """``target`` with these fields, past its validators (as object.__setattr__ allows)."""
    for name, v in fields.items():
        object.__setattr__(target, name, v)
    return target


def test_a_rewritten_param_value_is_refused_by_the_full_checks():
    # Made ParamValues check themselves, so an award's fast path takes them by their type; the
    # full checks (a condition's failure, any award off the fast path) read every field again.
    pv = _rewritten(_pv(), value={"a", "b"})
    plugin = _conditions(lambda: _condition(lambda ctx: Failure("不满足", (), (pv,))))
    _refused(plugin, CONDITIONS, "field params[0]: rule dc.c: value: a set has no order")


def test_a_param_value_rewritten_too_long_is_refused_by_the_full_checks():
    pv = _rewritten(_pv(), value="A" * 2_000_000)  # p55 05
    plugin = _conditions(lambda: _condition(lambda ctx: Failure("不满足", (), (pv,))))
    _refused(plugin, CONDITIONS, "field params[0]: rule dc.c: value: text of 2000000 characters")


def test_a_param_value_at_the_bounds_is_made():
    assert _pv("A" * 5000).value == "A" * 5000
    assert len(_pv(["A" * 10] * 500 + [[1] * 499]).value) == 501  # 1000 entries, 5000 characters


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"params": ("county.379902.report.due_day",)}, "field params[0]: rule dc.d: expected a ParamValue, got str"),
        ({"params": (_rewritten(_pv(), value=math.nan),)}, "field params[0]: rule dc.d: value: nan"),
        ({"calendar_sources": ("chinesecalendar",)}, "field calendar_sources[0]: expected a CalendarSource"),
        ({"calendar_sources": "chinesecalendar"}, "field calendar_sources: expected a sequence"),
    ],
)
def test_a_deadline_s_params_and_calendar_sources_are_checked(change, words):
    from softenv_core.model.periods import Month
    from softenv_core.workdays.calendar import WorkCalendar

    deadline = monthly_deadline(WorkCalendar(), Month(2025, 3), 3, rule_id="dc.d", reference="东经贸")
    with pytest.raises(PluginError, match="plugin 'dc', hook h: ") as caught:
        check_deadline("dc", "h", attrs.evolve(deadline, **change))
    assert words in str(caught.value)


# ---- 03: evidence in a fixed order -------------------------------------------------------------


@pytest.mark.parametrize("kind", [set, frozenset])
@pytest.mark.parametrize(
    "make", [lambda ev: Award(1, "r", ev), lambda ev: Failure("r", ev), lambda ev: Failure("r", (), ev)]
)
def test_a_set_is_refused_as_evidence_or_params(kind, make):
    with pytest.raises(TypeError, match=r"has no order.*give a tuple or list"):
        make(kind({"a", "b"}))


def test_evidence_given_as_a_set_is_a_plugin_error_naming_the_rule():
    def score(ctx: Any) -> Award:
        return Award(1, "联系", {c.id for c in ctx.contacts})

    _refused(_extra(lambda: _rule(score)), EXTRA, "rule dc.x raised TypeError", "has no order")


def test_evidence_rewritten_to_a_set_is_refused_by_the_checks():
    failure = _rewritten(Failure("r"), evidence=frozenset({"379902"}))
    with pytest.raises(PluginError, match=r"field evidence: rule dc\.c: a set has no order"):
        check_outcome("dc", CONDITIONS, "dc.c", failure, DS, (None, "379902"))


# ---- 05: effective periods as dates ------------------------------------------------------------

_NOT_DATES = [datetime(2025, 1, 1, tzinfo=BEIJING), datetime(2025, 1, 1), "2025-01-01"]


@pytest.mark.parametrize("bad", _NOT_DATES)
@pytest.mark.parametrize("name", ["effective_from", "effective_until"])
def test_a_rule_or_condition_takes_dates_only(bad, name):
    with pytest.raises(FieldInvalid, match=f"{name} of dc.x: expected a date"):
        _rule(lambda ctx: None, **{name: bad})
    with pytest.raises(FieldInvalid, match=f"{name} of dc.c: expected a date"):
        _condition(lambda ctx: None, **{name: bad})


@pytest.mark.parametrize("bad", _NOT_DATES)
def test_a_plugin_s_rule_with_a_datetime_is_a_plugin_error_naming_it(bad):
    _refused(_extra(lambda: _rule(lambda ctx: None, effective_from=bad)), EXTRA, "effective_from of dc.x")
    _refused(_conditions(lambda: _condition(lambda ctx: None, effective_from=bad)), CONDITIONS, "of dc.c")


def test_a_rule_rewritten_to_a_datetime_is_refused_when_resolved():
    rule = _rewritten(_rule(lambda ctx: None), effective_from=datetime(2025, 1, 1))
    _refused(_extra(lambda: rule), EXTRA, "rule dc.x: field effective_from: expected a date, got datetime")


def test_a_negative_max_points_is_refused_when_the_rule_is_made():
    with pytest.raises(ValueError, match="max_points must not be negative"):
        _rule(lambda ctx: None, max_points=-5)


# ---- 07: a plugin's decimal context is its own -------------------------------------------------


def _narrowing(ctx: Any) -> None:
    context = decimal.getcontext()
    context.prec, context.rounding = 4, decimal.ROUND_DOWN
    return None


def test_a_rule_changing_the_decimal_context_changes_nothing_outside_it():
    class P(_County):
        @hookimpl
        def softenv_extra_point_rules(self, year: int, params: Any) -> list[Rule]:
            _narrowing(None)  # in the hook as well as in the rule and the condition
            return [_rule(_narrowing)]

        @hookimpl
        def softenv_topten_conditions(self, year: int, params: Any) -> list[Condition]:
            return [_condition(_narrowing)]

    before = decimal.getcontext().copy()
    result = _assess(P())
    after = decimal.getcontext()
    assert (after.prec, after.rounding) == (before.prec, before.rounding)
    city = assess(DS, 2025, get_plugin_manager(autoload=False), audience=CITY_OFFICE)
    assert [p.total for p in result.points] == [p.total for p in city.points]


def test_a_rule_failing_under_its_own_context_is_named():
    def score(ctx: Any) -> Award:
        decimal.getcontext().prec = 2
        return Award(Decimal("123.45"), "加分")

    _refused(_extra(lambda: _rule(score, max_points=200)), EXTRA, "rule dc.x raised")


# ---- 08: GeneratorExit is a plugin's error -----------------------------------------------------


def _exit(_ctx: Any = None) -> Any:
    raise GeneratorExit("from plugin")


def test_generator_exit_from_a_plugin_is_a_plugin_error():
    _refused(_extra(lambda: _rule(_exit)), EXTRA, "rule dc.x raised GeneratorExit")
    _refused(_conditions(lambda: _condition(_exit)), CONDITIONS, "rule dc.c raised GeneratorExit")
    _refused(_extra(_exit), EXTRA, "raised GeneratorExit")


def test_ctrl_c_from_a_plugin_stays_ctrl_c():
    def interrupt(_ctx: Any) -> Any:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        _assess(_extra(lambda: _rule(interrupt)))


# ---- 10: a county's ids are its own ------------------------------------------------------------


def test_a_county_rule_or_condition_may_not_take_a_city_id():
    _refused(_extra(lambda: _rule(lambda ctx: None, "city.duty.contact")), "ids starting 'city.'")
    _refused(_conditions(lambda: _condition(lambda ctx: None, "city.topten.on_time")), "condition city.topten")


def test_one_plugin_may_not_give_two_conditions_one_id():
    make = lambda: _condition(lambda ctx: None, "dc.c")  # noqa: E731
    with pytest.raises(RuleConflict, match=r"condition id dc\.c"):
        _assess(_conditions(make, make))


def test_a_replacement_with_its_own_id_still_replaces():
    class P(_County):
        @hookimpl
        def softenv_point_rules(self, year: int, params: Any) -> list[Rule]:
            rule = _rule(lambda ctx: Award(1, "上门"), "dc.contact.visit", max_points=30)
            return [attrs.evolve(rule, label="dc.contact", replaces="duty.contact")]

    point = next(p for p in _assess(P()).points if p.county == "379902" and p.level == "county")  # 县区 points only
    assert "dc.contact.visit" in [i.rule.id for i in point.items]
    assert "city.duty.contact" not in [i.rule.id for i in point.items]


# ---- 16: messages that say what is wrong -------------------------------------------------------


def test_a_long_reason_says_the_limit():
    _refused(_extra(lambda: _rule(lambda ctx: Award(1, "长" * 6000))), "longer than 5000 characters (6000)")


def test_huge_points_say_the_bound():
    _refused(_extra(lambda: _rule(lambda ctx: Award(Decimal("1e30"), "r"))), "points: must be at most 1000000")
    _refused(_extra(lambda: _rule(lambda ctx: Award(10**30, "r"))), "points: must be at most 1000000")


def test_a_hook_wrapper_is_named_plainly():
    class P(_County):
        @hookimpl(wrapper=True)
        def softenv_extra_point_rules(self, year: int, params: Any) -> Any:
            return (yield)

    _refused(P(), EXTRA, "hook wrappers", "not supported")


def test_the_kit_names_plugin_and_hook_once():
    class P(_County):
        @hookimpl
        def softenv_report_deadline(self, county: Any, month: Any, calendar: Any, params: Any) -> Any:
            deadline = monthly_deadline(calendar, month, 3, rule_id="dc.d", reference="东经贸")
            return attrs.evolve(deadline, due_at=datetime(month.year, month.month, 6, tzinfo=BEIJING))

    pm = get_plugin_manager(autoload=False, plugins=[("dongcheng", P())])
    faults = [f for f in check_installed(pm, 2025) if f.hook == "softenv_report_deadline"]
    assert faults
    assert faults[0].text().count("plugin 'dongcheng'") == 1, faults[0].text()
    assert faults[0].text().count("softenv_report_deadline") == 1, faults[0].text()


def test_the_kit_finds_an_id_repeated_across_a_plugin_s_hooks():
    class P(_County):
        @hookimpl
        def softenv_extra_point_rules(self, year: int, params: Any) -> list[Rule]:
            return [_rule(lambda ctx: None, "dc.same")]

        @hookimpl
        def softenv_topten_conditions(self, year: int, params: Any) -> list[Condition]:
            return [_condition(lambda ctx: None, "dc.same")]

    pm = get_plugin_manager(autoload=False, plugins=[("dongcheng", P())])
    faults = [f for f in check_installed(pm, 2025) if "given again" in f.problem]
    assert [(f.hook, f.rule) for f in faults] == [(CONDITIONS, "dc.same")]
