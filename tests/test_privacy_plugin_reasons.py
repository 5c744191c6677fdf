"""A county plugin's reason is shown to its county only when the rule declares it reads no
direct feedback (``Rule.reads_direct_feedback=False``).

Withholding was keyed on the evidence: a rule that read ``ctx.dataset.complaints`` but cited
only the point kept its text — "3月向市软建办直接反馈" — in the county's view (finding 07). The
engine cannot know what a rule read, so a rule that does not say (None) counts as reading it
(docs/hooks.md, docs/privacy.md).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import attrs
import pytest

from softenv_core import CITY_OFFICE, Award, ParamValue, PluginInfo, Rule, hookimpl
from softenv_core.analyses.assessment import assess
from softenv_core.analyses.redaction import UNDECLARED_REASON
from softenv_core.render.assessment import explain_point
from softenv_core.testing.builders import beijing, small_dataset
from tests.test_privacy_feedback import YEAR, _complaint, _item, _pm

P = "P-379902-2"
DS = attrs.evolve(small_dataset(YEAR), complaints=(_complaint(P, beijing(YEAR, 3, 12)),))


def _dated(ctx):
    """Reads every complaint of the city, cites only the point, and dates them in its text."""
    mine = [q for q in ctx.dataset.complaints if q.point == ctx.point.id]
    if not mine:
        return None
    return Award(1, f"{mine[0].events[0].at.month}月向市软建办直接反馈, 积极履职", evidence=(ctx.point.id,))


def _plugin(declared: bool | None):
    class Jia:
        @hookimpl
        def softenv_plugin_info(self):
            return PluginInfo(county="379902", title="甲区规则", reference="甲区决定")

        @hookimpl
        def softenv_extra_point_rules(self, year, params):
            rule = Rule(
                id="jia.feedback",
                label="jia.feedback",
                title_zh="直接反馈加分",
                title_en="direct feedback",
                reference="甲区决定",
                score=_dated,
                max_points=1,
                effective_from=date(2024, 1, 1),
                reads_direct_feedback=declared,
            )
            return [rule]

    return Jia()


@pytest.mark.parametrize("declared", [None, True])
def test_a_rule_that_does_not_declare_it_reads_no_direct_feedback_shows_a_county_no_reason(declared):
    pm = _pm((_plugin(declared),))
    county = assess(DS, YEAR, pm, audience="county:379902")
    p = county.point(P)
    item = _item(p, "jia.feedback")
    assert item.reason == UNDECLARED_REASON and item.points == Decimal("1.00")
    assert item.evidence == (P,)  # the evidence cites no complaint: kept
    assert "3月" not in county.to_json() + explain_point(p)
    assert any(n.startswith("未声明不读取直接反馈的插件规则不列计分说明") for n in county.notices)
    # The city office reads the text as written; the point itself the neutral reason and its own
    # records (it read the text as written until fix helper fx72b: a rule's text may date what
    # it read of another point's complaints as well as of its own).
    city = assess(DS, YEAR, _pm((_plugin(declared),)), audience=CITY_OFFICE).point(P)
    assert _item(city, "jia.feedback").reason == "3月向市软建办直接反馈, 积极履职"
    own = _item(assess(DS, YEAR, _pm((_plugin(declared),)), audience=f"point:{P}").point(P), "jia.feedback")
    assert (own.reason, own.evidence) == (UNDECLARED_REASON, (P,))


def test_a_rule_that_declares_it_reads_no_direct_feedback_shows_the_point_its_reason():
    own = assess(DS, YEAR, _pm((_plugin(False),)), audience=f"point:{P}").point(P)
    assert _item(own, "jia.feedback").reason == "3月向市软建办直接反馈, 积极履职"


def test_a_rule_that_declares_it_reads_no_direct_feedback_keeps_its_reason():
    county = assess(DS, YEAR, _pm((_plugin(False),)), audience="county:379902")
    assert _item(county.point(P), "jia.feedback").reason == "3月向市软建办直接反馈, 积极履职"  # a false declaration
    # The city's own rules are the city's decision (READS_DIRECT_FEEDBACK), not a declaration.
    assert _item(county.point(P), "city.duty.contact").reason != UNDECLARED_REASON


def test_the_declaration_is_true_false_or_none():
    with pytest.raises(TypeError, match="reads_direct_feedback"):
        Rule(
            id="x.y",
            label="x.y",
            title_zh="t",
            title_en="t",
            reference="r",
            score=_dated,
            max_points=1,
            effective_from=date(2024, 1, 1),
            reads_direct_feedback="no",  # type: ignore[arg-type]
        )


def _dated_params(ctx):
    """As _dated, with the date and the complainant in its parameters (a second free-text channel)."""
    mine = [q for q in ctx.dataset.complaints if q.point == ctx.point.id]
    if not mine:
        return None
    when = ParamValue("直接反馈日期", f"{mine[0].events[0].at:%m-%d}", date(2025, 1, 1), "甲区决定")
    who = ParamValue(
        "投诉人", f"{ctx.point.enterprise.name}({ctx.point.enterprise.uscc})", date(2025, 1, 1), "甲区决定"
    )
    return Award(1, "积极履职", evidence=(ctx.point.id,), params=(when, who))


def test_a_plugins_parameters_are_redacted_with_its_reason():
    """attacker 05: an undeclared rule's reason was withheld from its county but its
    parameters, its own text too, still dated the complaint; a declared rule's and a
    condition's parameters are screened as their reasons are (no enterprise name or code)."""
    ds = DS
    point = ds.point_by_id[P]

    class Params:
        @hookimpl
        def softenv_plugin_info(self):
            return PluginInfo(county="379902", title="甲区规则", reference="甲区决定")

        @hookimpl
        def softenv_extra_point_rules(self, year, params):
            return [
                Rule(
                    id=f"jia.params.{declared}",
                    label=f"jia.params.{declared}",
                    title_zh="加分",
                    title_en="extra",
                    reference="甲区决定",
                    score=_dated_params,
                    max_points=1,
                    effective_from=date(2024, 1, 1),
                    reads_direct_feedback=declared,
                )
                for declared in (None, False)
            ]

    county = assess(ds, YEAR, _pm((Params(),)), audience="county:379902").point(P)
    assert _item(county, "jia.params.None").params == ()
    shown = _item(county, "jia.params.False").params
    assert shown and point.enterprise.name not in str(shown) and point.enterprise.uscc not in str(shown)
    city = assess(ds, YEAR, _pm((Params(),)), audience=CITY_OFFICE).point(P)
    assert point.enterprise.uscc in str(_item(city, "jia.params.False").params)
