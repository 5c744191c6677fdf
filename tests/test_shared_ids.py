"""One id, one record across the dataset's collections (io/shared_ids.py).

A contact given a complaint's id passed validation: outside the city office the id was then
withheld from the county's own evidence as a complaint's, so a county learnt from its own view
whether a complaint had an id it guessed (attacker x47's note); and ``Dataset.record_scopes``
judged a plugin's evidence by whichever record was read last.
"""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import pytest

from softenv_core import loads_dataset, validate
from softenv_core.errors import InputError

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "small-dataset.json"


def _doc() -> dict:
    return json.loads(EXAMPLE.read_text(encoding="utf-8"))


def test_a_contact_with_a_complaints_id_is_refused_naming_both_records():
    doc = _doc()
    complaint = doc["complaints"][0]["id"]
    doc["contacts"][1]["id"] = complaint
    with pytest.raises(InputError) as exc:
        loads_dataset(json.dumps(doc, ensure_ascii=False))
    problems = [p for p in exc.value.problems if "is also the id of" in p]
    assert problems == [
        f"$.complaints[0] ({complaint}).id: {complaint!r} is also the id of $.contacts[1]: an id names one "
        "record in the whole dataset (evidence and explanations cite records by id)"
    ], exc.value.problems


def test_a_report_sharing_a_points_id_is_refused_and_in_chinese_for_the_clerk():
    doc = _doc()
    point = doc["points"][0]["id"]
    doc["reports"][0]["id"] = point
    with pytest.raises(InputError) as exc:
        loads_dataset(json.dumps(doc, ensure_ascii=False))
    text = str(exc.value)
    assert f"$.reports[0] ({point}).id: {point!r} is also the id of $.points[0]" in text
    from softenv_core.io.workbook_messages import zh_problem

    (line,) = [p for p in exc.value.problems if "is also the id of" in p]
    said = zh_problem(line)
    assert said == (
        f"$.reports[0] ({point}).id: {point!r} 也是 $.points[0] 的编号："
        "整个数据集中一个编号只指一条记录（依据和说明按编号引用记录），请改用另一个编号"
    )


def test_a_dataset_built_in_python_is_checked_alike():
    ds = loads_dataset(EXAMPLE.read_text(encoding="utf-8"))
    contact = attrs.evolve(ds.contacts[0], id=ds.complaints[0].id)
    with pytest.raises(InputError, match=r"\$\.complaints\[0\].*is also the id of \$\.contacts\[0\]"):
        validate(attrs.evolve(ds, contacts=(contact, *ds.contacts[1:])))


def test_an_id_twice_in_one_collection_is_a_duplicate_said_once_not_a_shared_id():
    doc = _doc()
    doc["contacts"][1]["id"] = doc["contacts"][0]["id"]
    with pytest.raises(InputError) as exc:
        loads_dataset(json.dumps(doc, ensure_ascii=False))
    assert any("duplicate id" in p for p in exc.value.problems)
    assert not any("is also the id of" in p for p in exc.value.problems)
