"""Integrator i47 and plugin author p48 (round 2): a county deadline written at another offset,
a zero award written -0, a megabyte fact, and the kit's check of parameters handed out.

01/04: a deadline's due_at was written in the plugin's zone: at +08:00:30 the documents failed
their own schema and from_json; in UTC two equal results gave different JSON. Fixed: Deadline
keeps due_at in Beijing time (the same instant). 03: Decimal("-0") showed as "-0.00 加分". 05: a
deadline's facts had no length limit. 02: the kit compared the parameters' definitions, not the
values ``get`` hands out, which a plugin could rewrite in place for the whole process.
"""

from __future__ import annotations

import json
import types
from datetime import UTC, date, timedelta, timezone
from decimal import Decimal

import attrs
import jsonschema
import pytest

import softenv_core as se
from softenv_core.cli.schema_documents import schema_document
from softenv_core.engine.answers import MAX_FACTS, MAX_REASON
from softenv_core.engine.parameters import ParameterSet
from softenv_core.plugin import Award, PluginInfo, Rule, hookimpl, monthly_deadline
from softenv_core.testing import conformance, small_dataset

COUNTY = "379911"
DS = small_dataset(2025, (COUNTY, "379902"))
RULE_ID = f"county.{COUNTY}.report.deadline"


def _plugin(**hooks: object) -> types.ModuleType:
    mod = types.ModuleType("i47_plugin")
    mod.__version__ = "1.0"  # type: ignore[attr-defined]
    mod.softenv_plugin_info = hookimpl(lambda: PluginInfo(county=COUNTY, title="新港区", reference="新港〔2025〕1号"))  # type: ignore[attr-defined]
    for name, fn in hooks.items():
        setattr(mod, name, hookimpl(fn))
    return mod


def _manager(**hooks: object) -> se.SoftenvPluginManager:
    return se.get_plugin_manager(autoload=False, plugins=[("p48", _plugin(**hooks))])


def _deadline_in(zone: timezone | None):  # type: ignore[no-untyped-def]
    def deadline(county, month, calendar, params):  # type: ignore[no-untyped-def]
        d = monthly_deadline(calendar, month, 1, rule_id=RULE_ID, reference="新港〔2025〕1号")
        return d if zone is None else attrs.evolve(d, due_at=d.due_at.astimezone(zone))

    return deadline


def _rule(score, **kw):  # type: ignore[no-untyped-def]
    fields = {
        "id": f"county.{COUNTY}.extra.x",
        "label": "x",
        "title_zh": "加分",
        "title_en": "x",
        "reference": "新港〔2025〕1号",
        "score": score,
        "max_points": 5,
        "effective_from": date(2025, 1, 1),
        "reads_direct_feedback": False,
    }
    fields.update(kw)
    return Rule(**fields)


def test_01_a_deadline_at_an_offset_with_seconds_is_written_in_beijing_time_and_reads_back() -> None:
    odd = timezone(timedelta(hours=8, seconds=30))  # the same instant as +08:00, written with seconds
    pm = _manager(softenv_report_deadline=_deadline_in(odd))
    a = se.assess(DS, 2025, pm, audience=se.CITY_OFFICE)
    text = a.to_json()
    assert "+08:00:30" not in text
    due = [m.due_at for m in a.county(COUNTY).months if m.due_at is not None]
    assert due and all(d.utcoffset() == timedelta(hours=8) for d in due)
    assert se.Assessment.from_json(text) == a
    checker = jsonschema.Draft202012Validator(json.loads(schema_document("assessment")))
    errors = list(checker.iter_errors(json.loads(text)))
    assert errors == []
    d = se.report_deadline(DS, COUNTY, "2025-03", pm)
    assert isinstance(d, se.Deadline)
    assert se.from_json(se.to_json(d), se.Deadline) == d


def test_04_equal_assessments_give_the_same_bytes_whatever_zone_the_plugin_wrote() -> None:
    beijing = se.assess(DS, 2025, _manager(softenv_report_deadline=_deadline_in(None)), audience=se.CITY_OFFICE)
    utc = se.assess(DS, 2025, _manager(softenv_report_deadline=_deadline_in(UTC)), audience=se.CITY_OFFICE)
    assert beijing == utc
    assert beijing.to_json() == utc.to_json()


@pytest.mark.parametrize("zero", [Decimal(0), Decimal("-0"), Decimal("-0.001"), -0.0])
def test_03_a_zero_award_is_shown_and_written_as_zero_however_the_plugin_wrote_it(zero: object) -> None:
    pm = _manager(softenv_extra_point_rules=lambda year, params: [_rule(lambda ctx: Award(zero, "无加分"))])
    a = se.assess(DS, 2025, pm, audience=se.CITY_OFFICE)
    point = a.point(f"P-{COUNTY}-2")
    item = next(i for i in point.items if i.rule.id == f"county.{COUNTY}.extra.x")
    assert item.points == 0 and not item.points.is_signed()
    line = next(x for x in se.explain_point(point).splitlines() if f"county.{COUNTY}.extra.x" in x)
    assert "-0.00" not in line and "0.00" in line


def test_05_a_deadline_fact_is_held_to_a_reasons_length_and_their_number_to_a_months_days() -> None:
    def long_fact(county, month, calendar, params):  # type: ignore[no-untyped-def]
        d = monthly_deadline(calendar, month, 1, rule_id=RULE_ID, reference="新港〔2025〕1号")
        return attrs.evolve(d, facts=(*d.facts, "很" * (MAX_REASON + 1)))

    def many_facts(county, month, calendar, params):  # type: ignore[no-untyped-def]
        d = monthly_deadline(calendar, month, 1, rule_id=RULE_ID, reference="新港〔2025〕1号")
        return attrs.evolve(d, facts=d.facts * (MAX_FACTS + 1))

    with pytest.raises(se.PluginError, match=rf"facts\[\d+\]: longer than {MAX_REASON} characters"):
        se.assess(DS, 2025, _manager(softenv_report_deadline=long_fact), audience=se.CITY_OFFICE)
    with pytest.raises(se.PluginError, match=rf"field facts: \d+ facts: at most {MAX_FACTS}"):
        se.assess(DS, 2025, _manager(softenv_report_deadline=many_facts), audience=se.CITY_OFFICE)
    # What monthly_deadline and workday_deadline give stays well inside both limits.
    assert se.assess(DS, 2025, _manager(softenv_report_deadline=_deadline_in(None)), audience=se.CITY_OFFICE)


def test_02_the_kit_sees_a_parameter_value_rewritten_in_place(monkeypatch: pytest.MonkeyPatch) -> None:
    # The kit checks against a set of its own here: the rewrite would otherwise change the city
    # baseline for the rest of this test process (which is what the check is there to report).
    own = ParameterSet(tuple(attrs.evolve(p) for p in se.baseline_parameters().parameters))
    monkeypatch.setattr(conformance, "baseline_parameters", lambda: own)

    def rewrite_due_day(year, params):  # type: ignore[no-untyped-def]
        def score(ctx):  # type: ignore[no-untyped-def]
            object.__setattr__(ctx.params.get("report.due_day", date(2025, 7, 1)), "value", 20)

        return [_rule(score)]

    report = conformance.check_plugin(
        _plugin(softenv_extra_point_rules=rewrite_due_day), "p48", others=(), max_examples=2, hash_seed=False
    )
    assert "parameters changed" in dict(report.failures).get("no_mutation", "")
    assert own.get("report.due_day", date(2025, 7, 1)).value == 20  # the kit's own set took it
    assert se.baseline_parameters().get("report.due_day", date(2025, 7, 1)).value != 20
