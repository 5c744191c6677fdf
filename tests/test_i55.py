"""Integrator i55: a city 营商环境 platform importing softenv_core into a long-running web
application (datasets built in Python from its own tables, analyses from several threads,
results stored as JSON and read back with ``from_json``, errors caught by the one tree).

Each test asserts the correct behaviour and fails on the code as found.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

import softenv_core as se

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "small-dataset.json"


@pytest.fixture(scope="module")
def small() -> se.Dataset:
    return se.load_dataset(EXAMPLE)


@pytest.fixture(scope="module")
def demo() -> se.Dataset:
    return se.build_demo()


@pytest.fixture(scope="module")
def assessment_doc(small: se.Dataset) -> dict:
    return json.loads(se.assess(small, 2025, audience="city").to_json())


def _text(doc: dict) -> str:
    return json.dumps(doc, ensure_ascii=False)


def test_01_assessment_from_json_accepts_a_total_that_is_not_the_sum_of_its_items(assessment_doc: dict) -> None:
    """What: ``Assessment.from_json`` reads back a point whose ``total`` is not the sum of its
    ``items`` (a stored assessment edited in the platform's database, or corrupted), without a
    word; ``explain_point`` then prints 55.00 beside items adding up to 100.00, and the band
    stays 优秀. README "From Python" states the invariant (``assert point.total ==
    sum(item.points for item in point.items)  # a total is the sum of its trace``; DESIGN
    principle 2), and integration.md says reading checks every field.
    Where: analyses/assessment.py PointAssessment (no validator relating ``total`` to
    ``items``), io/converter.py (structure of the document).
    Expected: InputError at ``$.points[0].total`` (total ≠ sum of items).
    Actual: accepted; ``r.point(id).total == 55`` while its items sum to 100.
    Severity: medium (a platform that keeps assessments and passes them to ``year_end`` gets a
    year end from figures no analysis made: the provenance check covers only the dataset's ids).
    """
    doc = copy.deepcopy(assessment_doc)
    assert sum(i["points"] for i in doc["points"][0]["items"]) == 100
    doc["points"][0]["total"] = 55
    with pytest.raises(se.InputError) as info:
        se.Assessment.from_json(_text(doc))
    assert any(p.path == "$.points[0].total" for p in info.value.details)


def test_02_assessment_from_json_accepts_eligible_county_with_a_failed_condition(assessment_doc: dict) -> None:
    """What: ``Assessment.from_json`` reads back a county with ``topten_eligible: true`` whose
    ``conditions`` include one with ``passed: false``; ``explain_county`` then prints the
    ✗ condition followed by ``可评先进：是``, a 十佳 decision that contradicts its own trace.
    Where: analyses/county_months.py CountyAssessment (``topten_eligible`` is computed as
    ``all(c.passed for c in conditions)`` in analyses/assessment.py, but never checked on
    reading); likewise PointAssessment ``nominable`` vs ``nomination_conditions``.
    Expected: InputError at ``$.counties[0].topten_eligible``.
    Actual: accepted; ``c.topten_eligible`` is True and ``c.failing_conditions`` is non-empty.
    Severity: medium (the 十佳 eligibility is the assessment's headline figure).
    """
    doc = copy.deepcopy(assessment_doc)
    county = doc["counties"][0]
    assert county["topten_eligible"] is True
    county["conditions"][0]["passed"] = False
    county["conditions"][0]["reason"] = "不满足"
    with pytest.raises(se.InputError) as info:
        se.Assessment.from_json(_text(doc))
    assert any(p.path.startswith("$.counties[0]") for p in info.value.details)


def _report_doc(demo: se.Dataset) -> dict:
    return json.loads(se.monitoring_report(demo, "2025-06", audience="city").to_json())


def _yearend_doc(demo: se.Dataset) -> dict:
    return json.loads(se.year_end(demo, 2025, audience="city").to_json())


@pytest.mark.parametrize(
    ("which", "path"),
    [
        ("report", ("items_by_category",)),
        ("report", ("contacts", 0, "by_method")),
        ("yearend", ("followups", "by_kind")),
    ],
)
def test_03_from_json_accepts_unknown_enum_keys_and_zh_renderer_crashes_with_bare_valueerror(
    demo: se.Dataset, which: str, path: tuple
) -> None:
    """What: a report's ``items_by_category`` / a contact row's ``by_method`` and the year end's
    ``followups.by_kind`` are keyed by an enum's values (ItemCategory, ContactMethod,
    FollowUpKind), but ``from_json`` reads any key (``"bogus": 1``) without a word; the Chinese
    renderers (``render_markdown(r)``, ``render_yearend(y)``, the default ``lang="zh"``) then
    raise a bare ``ValueError: 'bogus' is not a valid ItemCategory`` from
    ``ItemCategory.from_value`` — outside the SoftenvError tree a platform catches.
    Where: io/converter.py (dict[str, int] fields structured without their keys' enum);
    render/report_format.py ``_cat``, render/monitoring_sections.py ``category_rows``, the
    year end's follow-up section.
    Expected: ``from_json`` raises InputError naming the key's path (as it does for a negative
    count there: ``$.items_by_category['operations']: must be a non-negative integer``).
    Actual: accepted; rendering in Chinese raises ValueError (English prints the key).
    Severity: medium (a stored document that reads back crashes the web page that shows it).
    """
    cls, doc = (se.MonitoringReport, _report_doc(demo)) if which == "report" else (se.YearEnd, _yearend_doc(demo))
    target = doc
    for key in path:
        target = target[key]
    target["bogus"] = 1
    with pytest.raises(se.InputError) as info:
        cls.from_json(_text(doc))
    assert any("bogus" in p.path or "bogus" in p.message for p in info.value.details)


def test_04_from_json_reads_a_figure_written_as_a_json_string(assessment_doc: dict) -> None:
    """What: a figure (points, compliance, a month's score, a rate) written as a JSON *string*
    (``"total": "100"``, ``" 100 "``, ``"1e2"``) is read back as the number: the JSON Schema says
    ``"type": "number"`` and the loader's own message for a wrong value is ``expected a number``;
    every other field of the same documents refuses a string where an integer or a boolean goes
    (``late_workdays``: ``expected an integer, got str``).
    Where: io/converter.py ``_structure_decimal`` (accepts ``str`` and calls ``Decimal(str(value))``,
    which also strips spaces).
    Expected: InputError at ``$.points[0].total``: expected a number, got str '100'.
    Actual: accepted, equal to the document written with 100.
    Severity: low (a document the library never writes, which a schema validator refuses, is
    read by the library as valid: the two disagree).
    """
    for text in ("100", " 100 ", "1e2"):
        doc = copy.deepcopy(assessment_doc)
        doc["points"][0]["total"] = text
        with pytest.raises(se.InputError) as info:
            se.Assessment.from_json(_text(doc))
        assert any(p.path == "$.points[0].total" for p in info.value.details), text


def test_05_from_json_silently_rounds_a_figure_with_more_than_two_places(assessment_doc: dict) -> None:
    """What: points are exact decimals with two places (docs/assessment-format.md: parse them as
    decimals to check a total equals the sum of its items exactly); a document holding
    ``"total": 100.004`` (or an item's ``points: 19.996``) is read back rounded to 100.00 /
    20.00 without a word, so the object read is not the document read.
    Where: engine/trace.py ``to_points`` (quantizes half up) as the converter of
    PointAssessment.total / ScoreItem.points, reached from ``from_json``.
    Expected: InputError at ``$.points[0].total`` (more than two decimal places: not a figure the
    library writes).
    Actual: accepted as Decimal('100.00').
    Severity: low.
    """
    doc = copy.deepcopy(assessment_doc)
    doc["points"][0]["total"] = 100.004
    with pytest.raises(se.InputError) as info:
        se.Assessment.from_json(_text(doc))
    assert any(p.path == "$.points[0].total" for p in info.value.details)


def test_06_unit_rates_from_json_accepts_a_month_13_and_rates_outside_0_100(small: se.Dataset) -> None:
    """What: ``from_json(text, tuple[se.UnitRates, ...])`` reads a ``period`` of ``"2025-13"``
    (no such month) and a ``response`` rate of 250 or -5 (a 响应率 is a percentage, 0-100), and
    ``signed_on_time`` greater than ``assigned``; integration.md says reading checks every field
    and refuses what the library never writes (a negative whole number is refused, a negative
    rate is not).
    Where: analyses/complaint_handling.py UnitRates (``period: str``, rates ``Decimal | None``
    without bounds).
    Expected: InputError at ``$[0].result.period`` and at ``$[0].result.response``.
    Actual: both accepted.
    Severity: low.
    """
    from datetime import datetime

    pm, cal, params = se.city_plugin_manager(), se.WorkCalendar(), se.baseline_parameters()
    complaint = small.complaints[0]
    status = se.complaint_status(
        complaint, datetime(2025, 3, 10, tzinfo=se.BEIJING), se.sla_for(pm, small, complaint, cal, params), cal
    )
    base = json.loads(se.to_json(se.unit_rates([(complaint, status)], 2025)))
    for field, value in (("period", "2025-13"), ("response", 250), ("response", -5)):
        doc = copy.deepcopy(base)
        doc[0]["result"][field] = value
        with pytest.raises(se.InputError) as info:
            se.from_json(json.dumps(doc), tuple[se.UnitRates, ...])
        assert any(p.path == f"$[0].result.{field}" for p in info.value.details), (field, value)


def test_07_monitoring_report_for_a_month_of_1900_is_no_fieldinvalid_naming_month(small: se.Dataset) -> None:
    """What: ``monitoring_report(ds, "1900-05", …)`` (and ``monitoring_reports`` with such a
    month) raises a plain ``SoftenvError`` (``1900-05: no month a year earlier to compare
    with …``) with no ``name``, where the same call with ``"1901-01"`` or ``"2999-12"`` (the
    other months outside what a report can answer for) raises ``FieldInvalid`` naming
    ``month``, as every other wrong argument of the surface does (integration.md).
    Where: analyses/trends.py ``compared_months`` (raises SoftenvError; monitoring_report's
    ``within_the_years("month", …)`` catches only _YearOutOfRange).
    Expected: FieldInvalid with ``name == "month"``.
    Actual: SoftenvError without ``name``; a form field cannot be highlighted from it.
    Severity: low.
    """
    with pytest.raises(se.FieldInvalid) as info:
        se.monitoring_report(small, "1900-05", audience="city")
    assert info.value.name == "month"


def test_08_monitoring_report_1901_01_blames_decembers_deadline(small: se.Dataset) -> None:
    """What: ``monitoring_report(ds, "1901-01", …)`` is refused with ``month: 1901-01: the answer
    reaches 1899 (December's report falls due in the next year), past the library's years``:
    January's report does not fall due in 1899; the report is refused because its year-earlier
    comparison (1900-01) has trends reaching back into 1899. The parenthesis is the 2999-12
    explanation reused for the lower bound, so the message misleads the caller about why.
    Where: model/periods.py ``within_the_years`` (one wording for both ends), reached from
    analyses/monitoring_report.py.
    Expected: a message that names the real reason (the comparison with a year earlier; a
    monthly report answers from 1901-02), as 1900-xx's message does.
    Actual: "December's report falls due in the next year".
    Severity: low.
    """
    with pytest.raises(se.SoftenvError) as info:
        se.monitoring_report(small, "1901-01", audience="city")
    assert "December's report falls due in the next year" not in str(info.value)
    assert "1901-02" in str(info.value)


def test_09_lookup_with_none_shows_none_as_the_example_of_a_code(small: se.Dataset) -> None:
    """What: ``assessment.county(None)`` (a NULL column from the platform's database) is refused
    with ``county: expected the county's id or code as text ('None'), got NoneType None``: the
    parenthesis meant to show the caller the code written as text (``('379902')`` for an int
    379902) offers ``'None'``, which is no county's code, as the value to pass.
    Where: errors.py ``not_found`` (formats ``str(key)`` as the example for any non-str key);
    also ``Assessment.point``, ``RoundResult.department``, ``report_deadline``.
    Expected: no ``('None')`` example for None (e.g. ``expected the county's code as text, such
    as '379902', got None``).
    Actual: ``('None')``.
    Severity: low.
    """
    result = se.assess(small, 2025, audience="city")
    with pytest.raises(se.FieldInvalid) as info:
        result.county(None)  # type: ignore[arg-type]
    assert "('None')" not in str(info.value)


def test_10_an_assessment_with_a_late_county_is_not_hashable(demo: se.Dataset) -> None:
    """What: integration.md says ``MonitoringReport`` and ``YearEnd`` are not hashable
    ("``Assessment`` is"), and ``hash(assess(small))`` works; but as soon as a county has a month
    late, missing or waived, its ``city.topten.on_time`` condition cites ``topten.waiver_deciders``, a list
    parameter kept as a ``FrozenList``, and ``hash(assessment)`` raises a bare
    ``TypeError: unhashable type: 'FrozenList'`` (the demo city: 379911 late 2025-09, 379922
    missing 2025-07, 379923 waived 2025-06).
    A platform that keeps assessments in a set or uses one as a cache key (``functools.lru_cache``)
    works in testing and fails on the first real city with a late report.
    Where: engine/frozen.py ``FrozenList`` (a list subclass: unhashable), held by
    engine/trace.py ``ParamValue.value`` inside ``ConditionResult.params``
    (rules/city/topten.py ``_deciders_read`` notes "a list value: not hashable").
    Expected: ``hash(a)`` works and equals the hash of ``Assessment.from_json(a.to_json())``
    (or the docs stop promising it).
    Actual: TypeError.
    Severity: low-medium (documented behaviour that holds for the example only).
    """
    a = se.assess(demo, 2025, audience="city")
    assert hash(a) == hash(se.Assessment.from_json(a.to_json()))
