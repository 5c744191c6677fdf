import copy
import json
from datetime import UTC, datetime

import attrs
import pytest
from hypothesis import given

from softenv_core import InputError, dump_dataset, load_dataset, loads_dataset
from softenv_core.io.dataset_files import dataset_json, dataset_warnings
from softenv_core.testing import datasets, small_dataset

from .weights import HEAVY


def _doc():
    return dump_dataset(small_dataset(2025))


def _problems(doc):
    with pytest.raises(InputError) as info:
        loads_dataset(json.dumps(doc, ensure_ascii=False))
    return info.value.problems


def test_small_dataset_loads():
    doc = _doc()
    assert loads_dataset(json.dumps(doc)) == small_dataset(2025)


def test_four_kinds_of_problem_are_reported_together_with_paths():
    doc = _doc()
    doc["points"][0]["enterprise"]["uscc"] = "91110000600037341X"  # wrong check character
    doc["points"][1]["county"] = "379999"  # not a county of the city
    doc["points"].append(copy.deepcopy(doc["points"][3]))  # duplicate id
    doc["reports"][0]["submitted_at"] = "2025-02-02T09:00:00"  # naive
    problems = _problems(doc)
    assert len(problems) == 4, problems
    joined = "\n".join(problems)
    assert "$.points[0] (P-379902-1).enterprise.uscc: invalid 统一社会信用代码" in joined
    assert "$.points[1] (P-379902-2).county: unknown county '379999'" in joined
    assert "$.points[6] (P-379921-2).id: duplicate id 'P-379921-2' (first at $.points[3])" in joined
    assert "$.reports[0] (R-379902-2025-01).submitted_at: naive datetime" in joined


@pytest.mark.parametrize("bad", ["c-1\n", " c-1", "", "-c", "c" * 65, "c/1"])
def test_an_id_must_be_letters_digits_and_few_marks_nothing_around_them(bad):
    doc = _doc()
    doc["contacts"][0]["id"] = bad
    assert any(p.startswith("$.contacts[0].id: invalid id") for p in _problems(doc))  # an invalid id is not shown


def test_every_kind_of_reference_problem_names_its_path():
    doc = _doc()
    doc["contacts"][0]["point"] = "nobody"
    doc["reports"][1]["month"] = "2025-13"
    doc["reports"][2]["submitted_at"] = "2025-03-20T10:00:00+08:00"  # before March has ended
    doc["reports"][3]["nothing_to_report"] = False  # neither items nor a zero statement
    doc["points"][4]["enterprise"]["size"] = "huge"
    doc["points"][5]["level"] = 3
    doc["contacts"][1]["reached"] = "yes"
    doc["unexpected"] = 1
    problems = "\n".join(_problems(doc))
    assert "$.contacts[0] (C-P-379902-1-2025-01).point: unknown point 'nobody'" in problems
    assert "$.reports[1] (R-379902-2025-02).month:" in problems
    assert "$.reports[2] (R-379902-2025-03).submitted_at:" in problems and "before month 2025-03 has ended" in problems
    assert (
        "$.reports[3] (R-379902-2025-04).nothing_to_report: a report must list items or state nothing_to_report"
        in problems
    )
    assert "$.points[4] (P-379981-1).enterprise.size: 'huge' is not one of" in problems
    assert "$.points[5] (P-379981-2).level:" in problems
    assert "$.contacts[1] (C-P-379902-1-2025-02).reached: expected true or false" in problems
    assert "$.unexpected: unknown field" in problems


def test_impossible_complaint_order_is_an_input_error():
    doc = _doc()
    doc["complaints"] = [
        {
            "id": "Q1",
            "kind": "complaint",
            "point": doc["points"][0]["id"],
            "department": "city-amr",
            "category": "service",
            "text": "办事难",
            "consent_to_disclose": False,
            "events": [
                {"type": "received", "at": "2025-03-03T09:00:00+08:00", "actor": "市软建办"},
                {"type": "resolved", "at": "2025-03-04T09:00:00+08:00", "actor": "市软建办"},
            ],
        }
    ]
    problems = _problems(doc)
    assert problems == (
        "$.complaints[0] (Q1).events[1]: resolved cannot follow received; allowed: accepted, rejected, withdrawn",
    )


def test_future_submission_is_rejected_when_as_of_is_given():
    text = dataset_json(small_dataset(2025))
    with pytest.raises(InputError, match="in the future"):
        loads_dataset(text, as_of=datetime(2025, 6, 1, tzinfo=UTC))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{", "not valid JSON"),
        ('{"a": 1, "a": 2}', "duplicate key"),
        ('{"x": NaN}', "NaN is not valid JSON"),
        ("[]", "expected an object"),
    ],
)
def test_malformed_json_gives_input_error(text, message):
    with pytest.raises(InputError, match=message):
        loads_dataset(text)


def test_input_file_is_not_modified(tmp_path):
    path = tmp_path / "d.json"
    path.write_text(dataset_json(small_dataset(2025)), encoding="utf-8")
    before = path.read_bytes()
    load_dataset(path)
    assert path.read_bytes() == before


def test_declared_size_contradicting_figures_is_a_warning_not_a_change():
    doc = _doc()
    ent = doc["points"][0]["enterprise"]
    ent.update(industry="C13", employees=5, revenue_wan=100.0, size="large")
    dataset = loads_dataset(json.dumps(doc))
    assert dataset.points[0].enterprise.size.value == "large"  # kept as declared
    (warning,) = [w for w in dataset_warnings(dataset) if ".size" in w]
    assert warning.startswith("$.points[0] (P-379902-1).enterprise.size: declared 大型 but the figures give 微型")


@HEAVY  # a generated dataset assessed per example: tests/weights.py
@given(datasets())
def test_dump_then_load_round_trips(dataset):
    assert loads_dataset(dump_dataset(dataset)) == dataset
    assert dataset_json(loads_dataset(dataset_json(dataset))) == dataset_json(dataset)


def test_a_contact_dated_outside_its_points_designation_is_a_warning_in_both_languages():
    """A contact typed in the wrong year loads and counts for nothing (no month is owed then):
    validate says so, by its path, rather than leave the point 未联系上 without a word."""
    from softenv_core.cli.output import problem_text

    ds = small_dataset(2025)
    point = ds.points[0]
    early = point.designated_from.replace(year=point.designated_from.year - 1)
    contact = attrs.evolve(next(c for c in ds.contacts if c.point == point.id), id="C-EARLY", date=early)
    ds = attrs.evolve(ds, contacts=(*ds.contacts, contact))
    i = len(ds.contacts) - 1
    (warning,) = [w for w in dataset_warnings(ds) if "designation" in w]
    assert warning == (
        f"$.contacts[{i}] (C-EARLY).date: {early.isoformat()} is outside point {point.id}'s designation "
        f"({point.designated_from.isoformat()} to now): not counted"
    )
    assert problem_text(warning, "zh") == (
        f"$.contacts[{i}] (C-EARLY).date: 联系日期 {early.isoformat()} 不在监测点 {point.id} 的确定期间"
        f"（{point.designated_from.isoformat()} 至今）内，不计入"
    )


def test_contacts_outside_their_designation_are_told_twenty_then_counted():
    ds = small_dataset(2025)
    point = ds.points[0]
    early = point.designated_from.replace(year=point.designated_from.year - 1)
    base = next(c for c in ds.contacts if c.point == point.id)
    extra = tuple(attrs.evolve(base, id=f"C-EARLY-{n:02d}", date=early) for n in range(25))
    warnings = [w for w in dataset_warnings(attrs.evolve(ds, contacts=(*ds.contacts, *extra))) if "designation" in w]
    assert len(warnings) == 21 and warnings[-1].startswith("$.contacts: 5 more contact(s)")
