"""Clerk finding 03: one load reports every problem, including those of a record whose nested
enterprise fails its credit-code check (its county, its other fields, the other records).

Before, a record that failed to structure was left out whole: the model's validators stopped at
the first problem and its references were never checked, so the clerk fixed one problem,
loaded again, and only then saw the next (io/salvage.py reads the rest)."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from softenv_core import InputError, loads_dataset
from softenv_core.cli.main import main
from softenv_core.io.converter import shared_converter
from softenv_core.io.dataset_files import without_record_ids
from softenv_core.io.salvage import salvage
from softenv_core.io.structure_problems import structure_one
from softenv_core.model.dataset import COLLECTIONS

from .test_fast_structure import HOSTILE, _demo_document, _dicts_in

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "small-dataset.json"
DOC: dict[str, Any] = json.loads(EXAMPLE.read_text(encoding="utf-8"))


def _bad_check_character(uscc: str) -> str:
    return uscc[:-1] + ("0" if uscc[-1] != "0" else "1")


def _finding_03() -> dict[str, Any]:
    """The clerk's file: point 0's enterprise has a wrong credit code and the point names no
    county of the city; contact 1, elsewhere, names no point."""
    doc = copy.deepcopy(DOC)
    point = doc["points"][0]
    point["enterprise"]["uscc"] = _bad_check_character(point["enterprise"]["uscc"])
    point["county"] = "379999"
    doc["contacts"][1]["point"] = "P-nowhere"
    return doc


FINDING_03 = (
    "$.points[0] (P-379902-1).enterprise.uscc: invalid 统一社会信用代码",
    "$.points[0] (P-379902-1).county: unknown county '379999'",
    "$.contacts[1] (C-P-379902-1-2025-02).point: unknown point 'P-nowhere'",
)


def _problems(source: Any) -> tuple[str, ...]:
    with pytest.raises(InputError) as info:
        loads_dataset(source)
    return info.value.problems


@pytest.mark.parametrize("as_", ["text", "mapping"])
def test_a_bad_credit_code_no_longer_hides_the_records_county_or_the_others(as_: str) -> None:
    doc = _finding_03()
    problems = _problems(json.dumps(doc, ensure_ascii=False) if as_ == "text" else doc)
    assert len(problems) == 3, problems
    for expected, problem in zip(FINDING_03, problems, strict=True):
        assert problem.startswith(expected), problems


def test_the_records_other_fields_and_the_enterprises_other_fields_are_checked_too() -> None:
    doc = _finding_03()
    point = doc["points"][0]
    point["liaison_person"] = " "  # blank: the point's own validator, after the enterprise
    point["designated_until"] = "2019-01-01"  # before designated_from: the point's own check
    point["enterprise"]["employees"] = -3  # the enterprise's validator after the credit code's
    paths = [without_record_ids(p).split(": ")[0] for p in _problems(doc)]
    assert paths == [
        "$.points[0].enterprise.uscc",
        "$.points[0].enterprise.employees",
        "$.points[0].designated_until",
        "$.points[0].liaison_person",
        "$.points[0].county",
        "$.contacts[1].point",
    ]


def test_a_record_refused_by_its_own_check_still_has_its_references_checked() -> None:
    doc = copy.deepcopy(DOC)
    doc["reports"][3]["nothing_to_report"] = False  # neither items nor a zero statement
    doc["reports"][3]["county"] = "379999"
    problems = [without_record_ids(p) for p in _problems(doc)]
    assert problems[0].startswith("$.reports[3].nothing_to_report: a report must list items or state nothing_to_report")
    assert problems[1] == "$.reports[3].county: unknown county '379999'"
    assert len(problems) == 2, problems


def test_a_refused_value_is_not_reported_again_as_a_reference() -> None:
    doc = copy.deepcopy(DOC)
    doc["points"][0]["enterprise"]["size"] = "huge"
    doc["points"][0]["county"] = "37990X"  # not a code at all: its own problem, not also "unknown county"
    problems = [without_record_ids(p) for p in _problems(doc)]
    assert [p.split(": ")[0] for p in problems] == ["$.points[0].enterprise.size", "$.points[0].county"], problems


def test_a_failed_record_with_a_duplicate_id_is_named_as_one() -> None:
    doc = copy.deepcopy(DOC)
    doc["points"].append(copy.deepcopy(doc["points"][1]))
    doc["points"][-1]["enterprise"]["uscc"] = _bad_check_character(doc["points"][-1]["enterprise"]["uscc"])
    problems = [without_record_ids(p) for p in _problems(doc)]
    assert problems[0].startswith("$.points[4].enterprise.uscc: invalid")
    assert problems[1] == "$.points[4].id: duplicate id 'P-379902-2' (first at $.points[1])"
    assert len(problems) == 2, problems


@pytest.mark.parametrize("command", ["validate", "assess"])
def test_the_cli_lists_all_three_and_exits_1_without_a_traceback(tmp_path, capsys, command: str) -> None:
    src = tmp_path / "clerk.json"
    src.write_text(json.dumps(_finding_03(), ensure_ascii=False), encoding="utf-8")
    args = [command, str(src)] + (["--year", "2025"] if command == "assess" else [])
    code = main(args)
    _out, err = capsys.readouterr()
    assert code == 1
    assert "Traceback" not in err
    for expected in FINDING_03:  # the paths; the messages are in Chinese (the default --lang)
        assert expected.split(": ")[0] + ": " in err, err


# --- any few independent faults, each in its own record, are all reported in one run ----------

#: Faults, each one problem at a field of its record: (collection, field path, how to break it).
FAULTS: dict[str, list[tuple[str, Any]]] = {
    "points": [
        ("enterprise.uscc", lambda r, i: _bad_check_character(r["enterprise"]["uscc"])),
        ("enterprise.employees", lambda r, i: -1),
        ("county", lambda r, i: "379999"),
        ("liaison_person", lambda r, i: " "),
    ],
    "contacts": [("point", lambda r, i: "P-nowhere"), ("reached", lambda r, i: "yes"), ("note", lambda r, i: "")],
    # Each report's own unknown county: two reports of one county for one month are a problem.
    "reports": [
        ("submitted_at", lambda r, i: "2025-06-01T09:00:00"),
        ("county", lambda r, i: f"3799{50 + i}"),
    ],
    "ratings": [("department", lambda r, i: "dept-nowhere"), ("level", lambda r, i: "great")],
}


def _set(record: dict[str, Any], path: str, value: Any) -> None:
    *parents, last = path.split(".")
    for name in parents:
        record = record[name]
    record[last] = value


@given(st.data())
def test_faults_in_different_records_are_each_reported_once_in_one_run(data: st.DataObject) -> None:
    doc = copy.deepcopy(DOC)
    records = [(name, i) for name in FAULTS for i in range(len(doc[name]))]
    chosen = data.draw(st.lists(st.sampled_from(records), min_size=1, max_size=5, unique=True), label="records")
    expected = set()
    for name, i in chosen:
        faults = data.draw(st.lists(st.sampled_from(FAULTS[name]), min_size=1, unique=True), label=f"{name}[{i}]")
        for path, broken in faults:
            _set(doc[name][i], path, broken(doc[name][i], i))
            expected.add(f"$.{name}[{i}].{path}")
    for source in (doc, json.dumps(doc, ensure_ascii=False)):
        found = [without_record_ids(p).split(": ")[0] for p in _problems(source)]
        assert sorted(found) == sorted(expected)


def test_a_city_refused_for_its_name_still_lets_the_references_be_checked() -> None:
    doc = copy.deepcopy(DOC)
    doc["city"]["name"] = " "
    doc["contacts"][1]["point"] = "P-nowhere"
    problems = _problems(doc)
    assert [p.split(": ")[0] for p in problems] == ["$.city.name", "$.contacts[1] (C-P-379902-1-2025-02).point"]


@given(st.data())
def test_the_rest_of_a_record_is_read_with_the_converters_words(data: st.DataObject) -> None:
    """Whatever the converter reports for a broken record, reading the rest of it reports in
    the same words (the loader adds only what is new: one fault is never shown twice)."""
    doc = json.loads(_demo_document())
    name = data.draw(st.sampled_from([n for n, _ in COLLECTIONS if doc[n]]), label="collection")
    raw = doc[name][data.draw(st.integers(0, len(doc[name]) - 1), label="record")]
    for _ in range(data.draw(st.integers(1, 3), label="faults")):
        target = data.draw(st.sampled_from(_dicts_in(raw)), label="object")
        if target:
            key = data.draw(st.sampled_from(sorted(target)), label="field")
            target[key] = copy.deepcopy(data.draw(st.sampled_from(HOSTILE), label="value"))
    cls = dict(COLLECTIONS)[name]
    record, problems = structure_one(shared_converter(), raw, cls, "$.r")
    if record is None:
        _partial, found = salvage(shared_converter(), raw, cls, "$.r")
        assert set(problems) <= set(found)


def test_a_nested_record_given_as_no_object_is_reported_once_in_the_converters_words() -> None:
    """Review r37 05: salvage reads a field as the whole record's pass words it (io.converter
    .structure_at), not as a document's own record (structure_one's "got list"), so a point's
    enterprise given as a list is one problem beside its county's, never two."""
    doc = copy.deepcopy(DOC)
    doc["points"][0]["enterprise"] = ["not", "an", "object"]
    doc["points"][0]["county"] = "379999"
    found = [p for p in _problems(json.dumps(doc)) if p.startswith("$.points[0] ")]
    assert found == [
        "$.points[0] (P-379902-1).enterprise: expected an object",
        "$.points[0] (P-379902-1).county: unknown county '379999'",
    ]


def test_an_items_refused_category_and_a_reports_refused_time_hide_no_reference() -> None:
    """Clerk c59 01, 03 in a file: a contact item with a refused category still has its unknown
    department told; a report with a refused submission time, and an amendment with one, still
    have their items' unknown departments and points told (io/salvage.py keeps nested records
    read in part; io/item_checks.py checks a report's times and items apart)."""
    doc = copy.deepcopy(DOC)
    doc["contacts"][0]["items"][0] |= {"category": "意见建议", "department": "城管局"}
    report = doc["reports"][0]
    item = {"category": "fees", "text": "收费偏高", "department": "nowhere-dept", "point": "示范精密"}
    amended = {"submitted_at": "下午3点", "submitted_by": "经办人", "items": [item], "nothing_to_report": False}
    report |= {"submitted_at": "下午3点", "items": [item], "nothing_to_report": False, "amendments": [amended]}
    paths = sorted(without_record_ids(p).split(": ")[0] for p in _problems(doc))
    assert paths == [
        "$.contacts[0].items[0].category",
        "$.contacts[0].items[0].department",
        "$.reports[0].amendments[0].items[0].department",
        "$.reports[0].amendments[0].items[0].point",
        "$.reports[0].amendments[0].submitted_at",
        "$.reports[0].items[0].department",
        "$.reports[0].items[0].point",
        "$.reports[0].submitted_at",
    ], paths
