"""A plugin cannot change what other counties or later runs see: shared parameters (attacker 07),
the dataset's indexes (08),
records of other points and counties cited as evidence (06), laxer county complaint
limits (09)."""

import copy
import json
import pickle
from datetime import date

import pytest

from softenv_core import (
    CITY_OFFICE,
    Award,
    ComplaintSla,
    Condition,
    Failure,
    PluginError,
    PluginInfo,
    Rule,
    RuleConflict,
    assess,
    baseline_parameters,
    get_plugin_manager,
    hookimpl,
    monitoring_report,
)
from softenv_core.engine.frozen import FrozenDict, FrozenList, deep_freeze
from softenv_core.engine.parameters import DatedValue, Parameter, ParameterSet, parse_parameters
from softenv_core.engine.resolution import resolve_sla
from softenv_core.model.complaints import ComplaintKind
from softenv_core.model.periods import Month
from softenv_core.testing import small_dataset
from softenv_core.workdays.calendar import WorkCalendar

D = date(2025, 12, 31)
_LIST_AND_MAP_PARAMS = (
    "appraisal.group_weights",
    "complaint.resolve_workdays",
    "complaint.rate_weights",
    "topten.waiver_deciders",
    "followup.matter_categories",
    "adjustment.window",
)


@pytest.mark.parametrize("name", _LIST_AND_MAP_PARAMS)
def test_baseline_list_and_mapping_values_cannot_be_edited_in_place(name):
    value = baseline_parameters().get(name, D).value
    before = copy.deepcopy(value)
    edits = (
        [lambda v: v.__setitem__("point", 0), lambda v: v.update(x=1), lambda v: v.pop("point"), lambda v: v.clear()]
        if isinstance(value, dict)
        else [lambda v: v.append("x"), lambda v: v.__setitem__(0, "x"), lambda v: v.extend("x"), lambda v: v.clear()]
    )
    for edit in edits:
        with pytest.raises(TypeError, match="read-only"):
            edit(value)
    assert baseline_parameters().get(name, D).value == before


def test_frozen_values_compare_print_serialise_and_pickle_as_plain_ones():
    value = deep_freeze({"a": [1, {"b": [2]}], "c": "d"})
    plain = {"a": [1, {"b": [2]}], "c": "d"}
    assert value == plain and str(value) == str(plain) and repr(value) == repr(plain)
    assert json.dumps(value) == json.dumps(plain)
    assert type(value["a"]) is FrozenList and type(value["a"][1]) is FrozenDict  # deeply
    for again in (pickle.loads(pickle.dumps(value)), copy.deepcopy(value), copy.copy(value)):
        assert again == plain
        with pytest.raises(TypeError):
            again["a"].append(3)
    mine = dict(value)  # a copy is the caller's own, editable
    mine["c"] = "e"
    assert value["c"] == "d"


def test_a_user_supplied_parameter_file_is_frozen_too():
    doc = {
        "schema": "softenv.parameters",
        "parameters": [
            {"name": "x.list", "reference": "r", "values": [{"effective_from": "2024-01-01", "value": ["a", "b"]}]},
            {"name": "x.map", "reference": "r", "values": [{"effective_from": "2024-01-01", "value": {"k": [1]}}]},
        ],
    }
    params = ParameterSet(parse_parameters(json.dumps(doc)))
    with pytest.raises(TypeError):
        params.get("x.list", D).value.append("c")
    with pytest.raises(TypeError):
        params.get("x.map", D).value["k"].append(2)
    built = Parameter(name="y", reference="r", values=(DatedValue(date(2024, 1, 1), ["a"]),))
    with pytest.raises(TypeError):
        built.at(D).value.append("b")
    assert built.at(D).value == ["a"]


class _Meddler:
    """Attacker 07: edits the parameters it is given, "just reading" them."""

    @hookimpl
    def softenv_plugin_info(self):
        return PluginInfo(county="379921", title="青山县", reference="青经贸〔2025〕1号")

    @hookimpl
    def softenv_extra_point_rules(self, year, params):
        params.get("appraisal.group_weights", D).value["point"] = 0.0
        return []


def test_a_plugin_editing_the_shared_parameters_is_a_plugin_error_and_changes_nothing():
    ds = small_dataset()
    weights = dict(baseline_parameters().get("appraisal.group_weights", D).value)
    pm = get_plugin_manager(autoload=False, plugins=[("qingshan", _Meddler())])
    with pytest.raises(PluginError) as info:
        assess(ds, 2025, pm, audience=CITY_OFFICE)
    assert info.value.plugin == "qingshan" and info.value.hook == "softenv_extra_point_rules"
    assert "read-only" in str(info.value)
    assert baseline_parameters().get("appraisal.group_weights", D).value == weights


# --- the dataset's indexes (attacker 08) ---------------------------------------------------

_DICT_INDEXES = (
    "county_by_code",
    "point_by_id",
    "department_by_id",
    "point_county",
    "point_liaison",
    "point_liaison_person",
    "contacts_by_month",
    "reports_by_month",
    "complaints_by_month",
)


@pytest.mark.parametrize("name", _DICT_INDEXES)
def test_a_dataset_index_refuses_every_edit_in_place(name):
    ds = small_dataset()
    index = getattr(ds, name)
    before = dict(index)
    key = next(iter(index), "x")
    for edit in (
        lambda i: i.__setitem__(key, None),
        lambda i: i.__delitem__(key),
        lambda i: i.clear(),
        lambda i: i.pop(key),
        lambda i: i.popitem(),
        lambda i: i.setdefault("new", None),
        lambda i: i.update({"new": None}),
    ):
        with pytest.raises(TypeError, match="read-only"):
            edit(index)
    assert getattr(ds, name) is index and dict(index) == before
    assert pickle.loads(pickle.dumps(index)) == before


def test_the_month_indexes_hold_no_editable_values():
    ds = small_dataset()
    month = next(iter(ds.contacts_by_month))
    by_point = ds.contacts_by_month_and_point[month]
    with pytest.raises(TypeError):
        by_point.clear()
    assert all(type(cs) is tuple for cs in by_point.values())
    assert all(type(v) is tuple for v in ds.contacts_by_month.values())
    for m in ds.unreported_groups_by_month:
        with pytest.raises(TypeError):
            ds.unreported_groups_by_month[m].clear()
    for name in ("designated_in_id_order", "point_terms", "complaint_spans", "complaints_by_received", "record_ids"):
        assert isinstance(getattr(ds, name), tuple | frozenset)


class _IndexMeddler:
    """Attacker 08: a rule empties the month index of reports and re-homes a point."""

    @hookimpl
    def softenv_plugin_info(self):
        return PluginInfo(county="379921", title="青山县", reference="青经贸〔2025〕1号")

    @hookimpl
    def softenv_extra_point_rules(self, year, params):
        def rule(ctx):
            ctx.dataset.reports_by_month.clear()
            return None

        return [
            Rule(id="qs.x", label="qs.x", title_zh="x", title_en="x", reference="r", score=rule, max_points=1,
                 effective_from=date(2024, 1, 1))
        ]  # fmt: skip


def test_a_rule_editing_a_dataset_index_is_a_plugin_error_and_later_reports_are_unchanged():
    ds = small_dataset()
    month = Month(2025, 3)
    before = monitoring_report(ds, month, audience=CITY_OFFICE)
    pm = get_plugin_manager(autoload=False, plugins=[("qingshan", _IndexMeddler())])
    with pytest.raises(PluginError) as info:
        assess(ds, 2025, pm, audience=CITY_OFFICE)
    assert (info.value.plugin, info.value.hook) == ("qingshan", "softenv_extra_point_rules")
    assert "qs.x" in str(info.value)
    assert monitoring_report(ds, month, audience=CITY_OFFICE) == before


# --- what a plugin's evidence may name (attacker 06) ---------------------------------------


class _Cites:
    """A county 379921 plugin whose rule cites ``evidence(ctx)`` for its point P-379921-2,
    and whose 十佳 condition fails citing ``failing``."""

    def __init__(self, evidence, failing=None, point="P-379921-2"):
        self.evidence, self.failing, self.point = evidence, failing, point

    @hookimpl
    def softenv_plugin_info(self):
        return PluginInfo(county="379921", title="乙县", reference="乙经贸〔2025〕1号")

    @hookimpl
    def softenv_extra_point_rules(self, year, params):
        def rule(ctx):
            return Award(1, "cited", self.evidence(ctx)) if ctx.point.id == self.point else None

        return [
            Rule(id="yi.extra.cite", label="yi.cite", title_zh="x", title_en="x", reference="r", score=rule,
                 max_points=1, effective_from=date(2024, 1, 1))
        ]  # fmt: skip

    @hookimpl
    def softenv_topten_conditions(self, year, params):
        def check(ctx):
            return Failure("cited", self.failing) if self.failing else None

        return [
            Condition(id="yi.topten.cite", title_zh="x", title_en="x", reference="r", check=check,
                      effective_from=date(2024, 1, 1))
        ]  # fmt: skip


def _assess_with(plugin):
    pm = get_plugin_manager(autoload=False, plugins=[("yi", plugin)])
    return assess(small_dataset(), 2025, pm, audience=CITY_OFFICE)


def test_an_award_may_cite_its_points_records_its_countys_and_city_wide_ones():
    own = ("P-379921-2", "C-P-379921-2-2025-01", "379921", "R-379921-2025-01", "379921-amr", "city-amr")
    a = _assess_with(_Cites(lambda ctx: own))
    (item,) = [i for p in a.points if p.id == "P-379921-2" for i in p.items if i.rule.id == "yi.extra.cite"]
    assert item.evidence == own


@pytest.mark.parametrize(
    "foreign",
    [
        "C-P-379902-1-2025-01",  # another county's point's contact
        "C-P-379921-1-2025-01",  # another point's contact, in the same county
        "P-379921-1",  # another point of the county
        "R-379902-2025-01",  # another county's report
        "379902",  # another county
        "379902-amr",  # another county's department
    ],
)
def test_an_award_citing_a_record_not_of_its_point_is_a_plugin_error_naming_plugin_hook_and_rule(foreign):
    with pytest.raises(PluginError) as info:
        _assess_with(_Cites(lambda ctx: ("C-P-379921-2-2025-01", foreign)))
    assert (info.value.plugin, info.value.hook) == ("yi", "softenv_extra_point_rules")
    message = str(info.value)
    assert "evidence[1]" in message and "yi.extra.cite" in message and repr(foreign) in message
    assert "is not a record of point P-379921-2 (county 379921)" in message


def test_a_condition_may_cite_its_countys_and_its_points_records_only():
    own = ("379921", "R-379921-2025-01", "P-379921-2", "C-P-379921-2-2025-01", "city-amr")
    (county,) = [c for c in _assess_with(_Cites(lambda ctx: (), own)).counties if c.code == "379921"]
    (result,) = [r for r in county.conditions if r.rule.id == "yi.topten.cite"]
    assert result.evidence == own and not result.passed
    with pytest.raises(PluginError) as info:
        _assess_with(_Cites(lambda ctx: (), ("R-379921-2025-01", "C-P-379902-1-2025-01")))
    assert (info.value.plugin, info.value.hook) == ("yi", "softenv_topten_conditions")
    assert "evidence[1]" in str(info.value) and "is not a record of county 379921" in str(info.value)


def test_attacker_06_other_counties_complainants_cannot_be_cited():
    from softenv_core import build_demo

    ds = build_demo(2025)
    other = [q.id for q in ds.complaints if not q.point.startswith("P379902")][:3]
    assert other

    class Snoop(_Cites):
        @hookimpl
        def softenv_plugin_info(self):
            return PluginInfo(county="379902", title="东城区", reference="东经贸〔2025〕1号")

    snoop = Snoop(lambda ctx: other, point="P379902-005")
    pm = get_plugin_manager(autoload=False, plugins=[("dongcheng", snoop)])
    with pytest.raises(PluginError, match="is not a record of point"):
        assess(ds, 2025, pm, audience="county:379902")


# --- complaint limits: a county may be stricter, never laxer (attacker 09) ----------------


class _Limits:
    """A county 379921 plugin answering the complaint limits ``limits`` (over the city's)."""

    def __init__(self, **limits):
        city = {"accept": 1, "sign": 1, "resolve": {"complaint": 15}, "max_extension": 15, "follow_up": 2}
        self.limits = city | limits

    @hookimpl
    def softenv_plugin_info(self):
        return PluginInfo(county="379921", title="乙县", reference="乙经贸〔2025〕2号")

    @hookimpl
    def softenv_complaint_sla(self, kind, calendar, params):
        return ComplaintSla(**self.limits, reference="乙经贸〔2025〕2号")


def _limits_with(plugin):
    pm = get_plugin_manager(autoload=False, plugins=[("yi", plugin)])
    return resolve_sla(pm, "379921", ComplaintKind.COMPLAINT, WorkCalendar(), baseline_parameters(), on=D)


@pytest.mark.parametrize(
    "limits", [{}, {"accept": 0, "sign": 0, "resolve": {"complaint": 10}, "max_extension": 5, "follow_up": 1}]
)
def test_county_complaint_limits_as_strict_as_the_citys_or_stricter_apply(limits):
    sla = _limits_with(_Limits(**limits))
    assert sla.reference == "乙经贸〔2025〕2号"


@pytest.mark.parametrize(
    ("limits", "shown"),
    [
        ({"accept": 2}, "accept 2 > 1"),
        ({"sign": 250}, "sign 250 > 1"),
        ({"resolve": {"complaint": 16}}, "resolve['complaint'] 16 > 15"),
        ({"resolve": {"report": 1}}, "resolve['complaint'] none > 15"),  # no limit at all is laxest
        ({"max_extension": 16}, "max_extension 16 > 15"),
        ({"follow_up": 3}, "follow_up 3 > 2"),
    ],
)
def test_a_laxer_county_complaint_limit_is_a_rule_conflict_naming_both_plugins_and_the_hook(limits, shown):
    with pytest.raises(RuleConflict) as info:
        _limits_with(_Limits(**limits))
    assert info.value.plugins == ("yi", "city") and info.value.plugin == "yi"
    assert info.value.hook == "softenv_complaint_sla"
    assert shown in str(info.value) and "county 379921" in str(info.value)


@pytest.mark.parametrize("key", ["sugestion", "投诉", "Complaint"])
def test_a_resolve_limit_of_no_complaint_kind_is_a_plugin_error_naming_the_key(key):
    """A misspelt kind was kept and never read: the limit the county meant applied nowhere."""
    with pytest.raises(PluginError) as info:
        _limits_with(_Limits(resolve={"complaint": 10, key: 3}))
    message = str(info.value)
    assert "plugin 'yi'" in message and "softenv_complaint_sla" in message and "field resolve" in message
    assert f"key {key!r} is not a complaint kind (complaint, report, suggestion)" in message


def test_attacker_09_a_county_cannot_relax_the_limits_of_its_complaints():
    import attrs

    from softenv_core import build_demo
    from softenv_core.testing.builders import beijing, make_complaint

    class Lax(_Limits):
        @hookimpl
        def softenv_plugin_info(self):
            return PluginInfo(county="379902", title="东城区", reference="东经贸〔2025〕2号")

    lax = Lax(accept=250, sign=250, resolve={"complaint": 250, "report": 250, "suggestion": 250})
    pm = get_plugin_manager(autoload=False, plugins=[("dongcheng", lax)])
    # The county's limits govern complaints about its own units (complaint_limits.limits_county).
    demo = build_demo(2025)
    about = make_complaint("Q-LAX", demo.points[0].id, beijing(2025, 12, 1, 9), department="379902-amr")
    with pytest.raises(RuleConflict, match="laxer than the city's"):
        monitoring_report(
            attrs.evolve(demo, complaints=(*demo.complaints, about)), Month(2025, 12), pm, audience=CITY_OFFICE
        )
