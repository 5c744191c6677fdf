"""Integrator i37: a platform storing every result it gets from softenv_core and reading it back.

Left open by earlier integrators: ``ComplaintStatus``, ``UnitRates`` and ``Proposal`` had no JSON
of their own while five results did; ``Month.parse("2025/03")`` raised a plain SoftenvError
where every other wrong argument is FieldInvalid naming it; ``Assessment.from_json``'s problems
with the whole document carried no Chinese (``details[i].zh``) where the loader's do.
"""

from __future__ import annotations

import functools
import json
import pickle
from datetime import date, datetime
from typing import Any

import pytest

import softenv_core as se
from softenv_core import CITY_OFFICE


@functools.cache
def _world() -> dict[str, Any]:
    ds = se.build_demo(2025, points_per_county=5, counties=2)  # a removal proposal and filings among them
    a = se.assess(ds, 2025, audience=CITY_OFFICE)
    cal, params = se.WorkCalendar(), se.baseline_parameters()
    at = datetime(2025, 12, 31, 12, tzinfo=se.BEIJING)
    pm = se.city_plugin_manager()
    statuses = [(c, se.complaint_status(c, at, se.sla_for(pm, ds, c, cal, params), cal)) for c in ds.complaints]
    return {
        "assessment": a,
        "report": se.monitoring_report(ds, "2025-03", audience=CITY_OFFICE),
        "yearend": se.year_end(ds, 2025, audience=CITY_OFFICE, assessment=a),
        "round": se.appraise(ds, ds.appraisal_rounds[0], audience=CITY_OFFICE),
        "representativeness": se.representativeness(ds, date(2025, 6, 30), audience=CITY_OFFICE),
        "commendation": se.check_commendation(ds, a, params, audience=CITY_OFFICE),
        "deadline": se.report_deadline(ds, ds.counties[0].code, "2025-03"),
        "status": statuses[0][1],
        "rates": se.unit_rates(statuses, 2025),
        "proposals": se.propose_adjustments(ds, a, audience=CITY_OFFICE),
        "filings": se.check_filings(ds, audience=CITY_OFFICE),
        "topics": se.research_topics(ds, "2025-01", "2025-12", audience=CITY_OFFICE),
        "contacts": se.contact_overview(ds, "2025-03", audience=CITY_OFFICE),
    }


RESULTS = [  # the keys above, written out: building them at collection would be slow
    "assessment",
    "report",
    "yearend",
    "round",
    "representativeness",
    "commendation",
    "deadline",
    "status",
    "rates",
    "proposals",
    "filings",
    "topics",
    "contacts",
]


def _read_back(result: Any, text: str) -> Any:
    if isinstance(result, tuple):
        return se.from_json(text, tuple[type(result[0]), ...])
    return se.from_json(text, type(result))


@pytest.mark.parametrize("name", RESULTS)
def test_every_public_result_is_written_and_read_back_equal_through_the_one_converter(name):
    result = _world()[name]
    if isinstance(result, tuple):
        assert result, f"the demo gives no {name}: the test would prove nothing"
    text = se.to_json(result)
    back = _read_back(result, text)
    assert back == result
    assert se.to_json(back) == text  # canonical: the same bytes again


@pytest.mark.parametrize("name", RESULTS)
def test_every_public_result_pickles_equal_for_a_process_pool(name):
    result = _world()[name]
    assert pickle.loads(pickle.dumps(result)) == result


@pytest.mark.parametrize("name", ["assessment", "report", "yearend", "round", "representativeness"])
def test_a_document_s_own_methods_are_the_same_path(name):
    result = _world()[name]
    assert result.to_json() == se.to_json(result)
    assert result.to_document() == se.to_document(result)
    assert type(result).from_json(se.to_json(result)) == result


def test_the_three_left_open_are_documents_named_after_their_class():
    w = _world()
    status = json.loads(se.to_json(w["status"]))
    assert (status["schema"], status["version"]) == ("softenv.complaint_status", 1)
    assert status["result"]["complaint"] == w["status"].complaint
    rates = json.loads(se.to_json(w["rates"]))
    assert [(d["schema"], d["version"]) for d in rates] == [("softenv.unit_rates", 1)] * len(w["rates"])
    assert [d["result"]["unit"] for d in rates] == [r.unit for r in w["rates"]]
    assert json.loads(se.to_json(w["proposals"]))[0]["schema"] == "softenv.proposal"
    assert se.from_json(se.to_json(w["proposals"][0]), se.Proposal) == w["proposals"][0]


def test_a_part_with_a_version_of_its_own_keeps_it():
    """A Deadline's ``version`` is its rule's plugin's: a flat document would have written the
    document's version over it (or it over the document's)."""
    deadline = _world()["deadline"]
    doc = se.to_document(deadline)
    assert (doc["schema"], doc["version"]) == ("softenv.deadline", 1)
    assert doc["result"]["version"] == deadline.version != 1
    assert se.from_json(se.to_json(deadline), se.Deadline) == deadline


def test_no_results_is_an_empty_list_read_back_as_an_empty_tuple():
    assert se.to_json(()) == "[]\n"
    assert se.from_json("[]", tuple[se.UnitRates, ...]) == ()


def test_a_list_s_problems_name_each_document_by_its_index():
    w = _world()
    docs = json.loads(se.to_json(w["rates"]))
    docs[1]["schema"] = "softenv.proposal"
    docs[2]["result"]["assigned"] = "many"
    with pytest.raises(se.InputError) as caught:
        se.from_json(json.dumps(docs), tuple[se.UnitRates, ...])
    paths = [d.path for d in caught.value.details]
    assert paths == ["$[1].schema", "$[2].result.assigned"]
    assert all(d.zh for d in caught.value.details)
    with pytest.raises(se.InputError) as caught:
        se.from_json(se.to_json(w["rates"][0]), tuple[se.UnitRates, ...])
    assert caught.value.problems == ("$: expected a list of softenv.unit_rates documents, got dict",)


def test_a_part_document_holds_nothing_beside_its_result():
    doc = se.to_document(_world()["status"])
    with pytest.raises(se.InputError) as caught:
        se.from_json(json.dumps({**doc, "extra": 1}), se.ComplaintStatus)
    assert caught.value.problems == ("$: unknown field(s) extra",)
    with pytest.raises(se.InputError) as caught:
        se.from_json(json.dumps({"schema": doc["schema"], "version": 1}), se.ComplaintStatus)
    assert caught.value.problems == ("$.result: required field missing",)


def test_a_dataset_is_no_result_and_says_where_to_go():
    ds = se.build_demo(2025, points_per_county=1, counties=1)
    with pytest.raises(se.FieldInvalid) as caught:
        se.to_json(ds)
    assert caught.value.name == "result" and "dataset_json" in caught.value.message
    with pytest.raises(se.FieldInvalid) as caught:
        se.from_json(se.dataset_json(ds), se.Dataset)
    assert caught.value.name == "cls" and "loads_dataset" in caught.value.message


@pytest.mark.parametrize("value", [5, "x", {"a": 1}, date(2025, 1, 1), object()])
def test_anything_but_a_result_is_field_invalid_naming_it(value):
    with pytest.raises(se.FieldInvalid) as caught:
        se.to_json(value)
    assert caught.value.name == "result"
    with pytest.raises(se.FieldInvalid) as caught:
        se.from_json("{}", value)
    assert caught.value.name == "cls"


# Issue 3: the document's own problems in Chinese, as the dataset loader gives its own.
@pytest.mark.parametrize(
    ("text", "path", "zh"),
    [
        ("", "$", "文件是空的（0 字节或只有空白）：应为 softenv.assessment 文档"),
        ("{", "$", "不是有效的 JSON"),
        (b"\xff\xfe{}", "$", "UTF-8"),
        ("[1]", "$", "应为对象"),
        (
            '{"schema": "softenv.dataset", "version": 1}',
            "$.schema",
            "应为 softenv.assessment 文档，而这份是 'softenv.dataset'",
        ),
        ('{"version": 1}', "$.schema", "缺少 schema"),
        (
            '{"schema": "softenv.assessment", "version": 9}',
            "$.version",
            "应为第 1 版的 softenv.assessment 文档，而这份是第 9 版",
        ),
    ],
)
def test_assessment_from_json_says_the_whole_document_s_problem_in_chinese(text, path, zh):
    with pytest.raises(se.InputError) as caught:
        se.Assessment.from_json(text)
    first = caught.value.details[0]
    assert first.path == path
    assert first.zh is not None and zh in first.zh
    assert caught.value.problems[0] == first.text  # the English lines as they were


def test_a_field_s_problem_in_a_result_document_has_the_loader_s_chinese():
    doc = se.to_document(_world()["assessment"])
    doc["year"] = "2025"
    with pytest.raises(se.InputError) as caught:
        se.Assessment.from_json(json.dumps(doc))
    assert [(d.path, d.zh) for d in caught.value.details] == [("$.year", "应为整数，而不是文本 '2025'")]


# Issue 2: Month.parse and the other periods' parsers refuse a wrong text as FieldInvalid.
@pytest.mark.parametrize(
    ("parse", "text", "message"),
    [
        (se.Month.parse, "2025/03", "expected a month as YYYY-MM, got '2025/03'"),
        (se.Month.parse, "2025-13", "month 13 out of range 1-12"),
        (se.Month.parse, "1899-12", "year 1899 out of range 1900-2999"),
        (se.HalfYear.parse, "2025-H3", "expected a half year as YYYY-H1 or YYYY-H2, got '2025-H3'"),
        (se.Year.parse, "25", "expected a year as YYYY, got '25'"),
    ],
)
def test_a_period_s_wrong_text_is_field_invalid_naming_the_text(parse, text, message):
    with pytest.raises(se.FieldInvalid) as caught:
        parse(text)
    assert (caught.value.name, caught.value.message) == ("text", message)


def test_the_loader_s_paths_and_the_analyses_argument_names_are_unchanged():
    ds = se.build_demo(2025, points_per_county=1, counties=1)
    doc = se.dump_dataset(ds)
    doc["reports"][0]["month"] = "2025/03"
    with pytest.raises(se.InputError) as caught:
        se.loads_dataset(json.dumps(doc))
    line = next(p for p in caught.value.problems if "2025/03" in p)
    assert line.endswith(".month: expected a month as YYYY-MM, got '2025/03'")
    assert line.startswith("$.reports[0] (")
    with pytest.raises(se.FieldInvalid) as raised:
        se.monitoring_report(ds, "2025/03", audience=CITY_OFFICE)
    assert (raised.value.name, raised.value.message) == ("month", "expected a month as YYYY-MM, got '2025/03'")


def test_the_service_names_the_path_s_month_not_parse_s_argument(client):
    answer = client.get("/v1/deadlines/379902/2025-13")
    assert answer.status_code == 422
    assert answer.json()["problems"] == ["path.month: month 13 out of range 1-12"]
