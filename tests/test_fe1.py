"""Fix helper fe1's findings: English documents say the redaction's notices in English (01),
the JSON Schema refuses a map's unknown keys (02), results read back check every field (03),
one ranking of near codes (04)."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import pytest

from softenv_core import assess, monitoring_report, year_end
from softenv_core.analyses.audiences import AudienceKind
from softenv_core.analyses.disclosure import HIDDEN_NOTICE
from softenv_core.analyses.redaction import INSUFFICIENT_ZH, scored_alone
from softenv_core.analyses.redaction_notices import (
    CITY_PARTS_EN,
    CITY_PARTS_ZH,
    LABELS_EN,
    LABELS_ZH,
    MASKED_EN,
    MASKED_ZH,
    city_parts_notice,
    notice_label,
)
from softenv_core.analyses.redaction_plugin import undeclared_reason, withheld_condition, withheld_reason
from softenv_core.analyses.redaction_report import (
    UNCOUNTED_FLAGS,
    WITHHELD_COMPLAINTS,
    no_flags_given,
    unit_rates_withheld,
)
from softenv_core.model.periods import Month
from softenv_core.render.assessment import summary
from softenv_core.render.monitoring_report import render_markdown
from softenv_core.render.notices_en import en_notice
from softenv_core.render.year_end import render_yearend
from softenv_core.rules.registry import get_plugin_manager

from .demo_city import demo

_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
#: An office name of a dataset's own (a record's text, kept as written), with a brace and a colon.
_OFFICE = "河西市{软建}办：甲"


def _no_cjk(text: str, *own: str) -> bool:
    """Whether ``text`` holds no Chinese but the record texts ``own``."""
    for words in own:
        text = text.replace(words, "")
    return _CJK.search(text) is None


# --- 01: the redaction's notices in English -----------------------------------------------


def test_every_redaction_label_has_english_words() -> None:
    assert set(LABELS_EN) == set(LABELS_ZH)
    assert set(MASKED_EN) == set(MASKED_ZH)
    assert set(CITY_PARTS_EN) == set(CITY_PARTS_ZH)
    assert all(_no_cjk(w) for w in [*LABELS_EN.values(), *MASKED_EN.values(), *CITY_PARTS_EN.values()])


def _every_notice(office: str) -> list[str]:
    """Every notice and withheld-content sentence the redaction writes, for ``office``."""
    out = [
        f"阅读范围 {k.zh}：按保密规则 (privacy.min_cell = 3) 编制" for k in AudienceKind if k is not AudienceKind.CITY
    ]
    out += [
        "阅读范围 县区 379902：按保密规则 (privacy.min_cell = 4) 编制",
        "阅读范围 部门 city-amr: 按保密规则 (privacy.min_cell = 3) 编制",
    ]
    out += [f"{notice_label(k, office)}：{n} 处" for k in LABELS_ZH for n in ("7", "—")]
    out += [f"{notice_label('masked:' + k, office)}：2 处" for k in MASKED_ZH]
    out += [WITHHELD_COMPLAINTS, HIDDEN_NOTICE, UNCOUNTED_FLAGS, INSUFFICIENT_ZH, scored_alone("81.20", 3)]
    out += [f(office) for f in (withheld_reason, undeclared_reason, withheld_condition, no_flags_given)]
    out += [unit_rates_withheld(office)]
    keys = list(CITY_PARTS_ZH)
    out += [city_parts_notice(keys[i:j], office) for i in range(len(keys)) for j in range(i + 1, len(keys) + 1)]
    out += [city_parts_notice([keys[0], keys[2]], office)]
    return out


@pytest.mark.parametrize("office", ["市软建办", _OFFICE])
def test_every_redaction_notice_reads_in_english_the_office_as_written(office: str) -> None:
    for notice in _every_notice(office):
        said = en_notice(notice)
        assert _no_cjk(said, office), (notice, said)
        if office in notice:
            assert office in said, (notice, said)


def test_english_counts_and_audiences_are_kept() -> None:
    assert en_notice("其他监测点不列：162 处") == "other monitoring points not listed: 162"
    assert en_notice("直接反馈记录不列编号，仅计总数：— 处").endswith(": —")
    assert en_notice("阅读范围 县区 379902：按保密规则 (privacy.min_cell = 4) 编制").startswith(
        "audience county:379902: prepared under the privacy rules (privacy.min_cell = 4"
    )
    assert en_notice("阅读范围 公开版（仅汇总数据）：按保密规则 (privacy.min_cell = 3) 编制").startswith(
        "audience public:"
    )


def test_a_text_no_rule_knows_is_shown_as_it_is() -> None:
    # "2025-07 未报" and "满足" were here: the library's own reasons, said in English since fe2.
    for text in ("some English notice", "其他监测点不列：很多 处x", "综合得分 1；部分"):
        assert en_notice(text) == text


@cache
def _results(audience: str) -> tuple[Any, Any]:
    ds = demo()
    pm = get_plugin_manager()
    a = assess(ds, 2025, pm, audience=audience)
    return a, year_end(ds, 2025, pm, audience=audience)


def _shown_notices(text: str, heading: str) -> list[str]:
    """The lines of ``text``'s notices block under ``heading``."""
    lines = text.splitlines()
    start = lines.index(heading) + 1
    out = []
    for line in lines[start:]:
        if not line.strip() and out:
            break
        if line.strip():
            out.append(line)
    return out


@pytest.mark.parametrize("audience", ["county:379902", "public", "department:city-amr"])
def test_english_summary_and_year_end_say_their_notices_in_english(audience: str) -> None:
    a, y = _results(audience)
    office = demo().city.office
    assert a.notices and y.notices
    for line in _shown_notices(summary(a, "en"), "Notices:"):
        assert _no_cjk(line, office), line
    for line in _shown_notices(render_yearend(y, "en"), "Notices:"):
        assert _no_cjk(line, office), line
    # The Chinese documents are as before: each notice as zh_notice words it.
    zh = render_yearend(y, "zh")
    assert all(n.replace("_", "\\_").replace(".", "\\.") in zh for n in y.notices if not n.startswith("阅读范围")), zh


def test_english_year_end_says_a_department_not_scored_in_english() -> None:
    _, y = _results("public")
    unscored = [d for r in y.appraisal for d in r.departments if d.reason == INSUFFICIENT_ZH]
    assert unscored
    text = render_yearend(y, "en")
    assert INSUFFICIENT_ZH not in text
    assert f"{unscored[0].name}: too few valid appraisals: not scored" in text


def test_english_monthly_report_joins_methods_and_fields_in_english() -> None:
    ds = demo()
    r = monitoring_report(ds, Month(2025, 6), get_plugin_manager(autoload=False), audience="county:379902")
    en = render_markdown(r, "en")
    assert "　" not in en  # the records' texts hold 、 of their own
    assert not re.search(r"(phone|visit|symposium|online)\d|\d、(phone|visit|symposium|online)", en), en
    assert re.search(r"\| phone \d+, visit \d+", en), en
    zh = render_markdown(r, "zh")
    assert re.search(r"\| 电话\d+、上门\d+", zh) and "　**编制单位**" in zh


# --- 02: the JSON Schema refuses a map's unknown keys, as from_json does -------------------


def _keyed_fields() -> list[tuple[str, str, type]]:
    """Every result field keyed by an enum's values: (class, field, enum)."""
    import attrs

    from softenv_core.cli.schema_documents import result_classes

    seen: set[type] = set()
    out: list[tuple[str, str, type]] = []

    def walk(tp: Any) -> None:
        import typing

        for arg in typing.get_args(tp):
            walk(arg)
        if not (isinstance(tp, type) and attrs.has(tp)) or tp in seen:
            return
        seen.add(tp)
        hints = typing.get_type_hints(tp)
        for a in attrs.fields(tp):
            if "softenv_keys" in a.metadata:
                out.append((tp.__name__, a.name, a.metadata["softenv_keys"]))
            walk(hints[a.name])

    for cls in result_classes().values():
        walk(cls)
    return out


def test_every_enum_keyed_map_in_a_result_schema_names_its_keys() -> None:
    import json

    from softenv_core.cli.schema_documents import result_classes, schema_document

    keyed = _keyed_fields()
    assert {f for _, f, _ in keyed} >= {"by_method", "items_by_category", "by_kind", "by_state", "left_out"}
    defs: dict[str, Any] = {}
    for name, cls in result_classes().items():
        doc = json.loads(schema_document(name))
        defs |= doc.get("$defs", {})
        defs.setdefault(cls.__name__, doc)  # a document's own class is its root, not in $defs
    for cls, name, enum in keyed:
        prop = defs[cls]["properties"][name]
        assert prop["propertyNames"] == {"enum": [m.value for m in enum]}, (cls, name, prop)


def test_a_validator_refuses_an_unknown_key_as_from_json_does() -> None:
    import json

    from jsonschema import Draft202012Validator

    from softenv_core.cli.schema_documents import schema_document
    from softenv_core.io.converter import from_json, to_document

    r = monitoring_report(demo(), Month(2025, 6), get_plugin_manager(autoload=False), audience="city")
    doc = to_document(r)
    validator = Draft202012Validator(json.loads(schema_document("report")))
    assert not list(validator.iter_errors(doc))
    doc["contacts"][0]["by_method"]["fax"] = 1
    assert list(validator.iter_errors(doc))
    with pytest.raises(Exception, match="by_method"):
        from_json(json.dumps(doc), type(r))


# --- 03: reading results back checks left_out, a topic's state and the combined rate -------


@cache
def _yearend_doc() -> dict[str, Any]:
    import json

    return json.loads(year_end(demo(), 2025, get_plugin_manager(autoload=False), audience="city").to_json())


def _read_yearend(doc: dict[str, Any]) -> Any:
    import json

    from softenv_core import YearEnd

    return YearEnd.from_json(json.dumps(doc, ensure_ascii=False))


def test_a_yearend_read_back_refuses_a_left_out_value_it_never_writes() -> None:
    import copy

    from softenv_core import InputError

    doc = copy.deepcopy(_yearend_doc())
    _read_yearend(doc)
    doc["followups"]["left_out"] = {"operations": "sometimes"}
    with pytest.raises(InputError) as info:
        _read_yearend(doc)
    found = [p for p in info.value.details if p.path.startswith("$.followups.left_out")]
    assert found and "sometimes" in found[0].message and "some_months" in found[0].message, info.value.details


@pytest.mark.parametrize(("state", "state_zh"), [("finished", "已结题"), ("closed", "拟立项"), ("", "")])
def test_a_yearend_read_back_refuses_a_topic_state_it_never_writes(state: str | None, state_zh: str) -> None:
    import copy

    from softenv_core import InputError

    doc = copy.deepcopy(_yearend_doc())
    assert doc["research"]["topics"], "the demo has topics"
    doc["research"]["topics"][0]["state"] = state
    doc["research"]["topics"][0]["state_zh"] = state_zh
    with pytest.raises(InputError) as info:
        _read_yearend(doc)
    assert any(p.path.startswith("$.research.topics[0].state") for p in info.value.details), info.value.details


def _rates_doc() -> list[dict[str, Any]]:
    import json
    from datetime import datetime

    import softenv_core as se

    ds = demo()
    pm, cal, params = get_plugin_manager(autoload=False), se.WorkCalendar(), se.baseline_parameters()
    pairs = []
    for c in ds.complaints[:40]:
        pairs.append(
            (
                c,
                se.complaint_status(
                    c, datetime(2026, 1, 31, tzinfo=se.BEIJING), se.sla_for(pm, ds, c, cal, params), cal
                ),
            )
        )
    doc: list[dict[str, Any]] = json.loads(se.to_json(se.unit_rates(pairs, 2025)))
    return doc


def test_unit_rates_read_back_refuse_a_combined_rate_the_params_do_not_give() -> None:
    import copy
    import json

    import softenv_core as se

    base = _rates_doc()
    full = next(i for i, d in enumerate(base) if d["result"]["combined"] is not None)
    se.from_json(json.dumps(base), tuple[se.UnitRates, ...])
    for value in (250, -5, 0, float(base[full]["result"]["combined"]) + 0.01):
        doc = copy.deepcopy(base)
        doc[full]["result"]["combined"] = value
        with pytest.raises(se.InputError) as info:
            se.from_json(json.dumps(doc), tuple[se.UnitRates, ...])
        assert any(p.path == f"$[{full}].result.combined" for p in info.value.details), (value, info.value.details)
    doc = copy.deepcopy(base)
    doc[full]["result"]["combined"] = None  # every rate has its denominator: a combined is due
    with pytest.raises(se.InputError):
        se.from_json(json.dumps(doc), tuple[se.UnitRates, ...])


def test_the_yearend_schema_refuses_what_reading_it_back_refuses() -> None:
    import copy
    import json

    from jsonschema import Draft202012Validator

    from softenv_core.analyses.matter_days import LEFT_OUT_KINDS
    from softenv_core.cli.schema_documents import schema_document
    from softenv_core.model.roster import TopicState

    schema = json.loads(schema_document("yearend"))
    defs = schema["$defs"]
    assert defs["FollowUpYear"]["properties"]["left_out"]["additionalProperties"] == {"enum": list(LEFT_OUT_KINDS)}
    assert defs["TopicProgress"]["properties"]["state"]["enum"] == [*(m.value for m in TopicState), None]
    validator = Draft202012Validator(schema)
    doc = copy.deepcopy(_yearend_doc())
    assert not list(validator.iter_errors(doc))
    doc["followups"]["left_out"] = {"operations": "sometimes"}
    doc["research"]["topics"][0]["state"] = "finished"
    assert len(list(validator.iter_errors(doc))) == 2


# --- 04: one ranking of near codes --------------------------------------------------------


def test_near_codes_are_ranked_by_one_function() -> None:
    import inspect

    from softenv_core import _near
    from softenv_core.io import county_checks, workbook_refused

    ranked = _near.closest_codes("379092", ["379903", "379902", "379921", "379092"])
    assert [c for c, _ in ranked][:2] == ["379092", "379902"]  # itself, then two digits swapped
    assert ranked[0][1] == 1.0 and [r for _, r in ranked] == sorted((r for _, r in ranked), reverse=True)
    # Ties by the code: the same order whatever order the codes came in.
    assert _near.closest_codes("11", ["21", "12"]) == _near.closest_codes("11", ["12", "21"])
    for module in (county_checks, workbook_refused):
        assert "difflib" not in inspect.getsource(module), module.__name__
