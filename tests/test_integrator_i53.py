"""Integrator i53: upgrading from 9a6c8dab to this session's version.

01 complaint_status and monitoring_report documents gained a required `reminded_at` (the schemas
   forbid additional properties) and report/yearend/topic_candidate a `department` that may be
   null where it was always a string, yet every one is still `version` 1 with the same `$id`
   and the package is still 0.1.0 (`core_version`), while docs/integration.md (Versions) said a
   strict consumer "should expect a new version when fields are added". Decided: no bump before
   the first release; the doc now says result documents stay at version 1 while the package is
   0.x, may gain fields or allow null, that `core_version` does not tell unreleased builds apart,
   that from the first release a change of fields bumps the version, and lists the result fields
   added before it. The test pins that policy (doc and versions), not a bump.
02 `common.no_department_categories` takes any text as a category: a value written by its Chinese
   name (困难问题) or misspelt (operation) is silently matched by no item, so no common problem
   without a department is ever found, with no word (and `followup.matter_categories` alike).
   Both are now refused as the parameter is made (engine/parameter_values.py), naming the
   parameter and the value and listing the categories.
03 `PluginError.about` (public attribute of a public class, new this session) is documented in no
   user doc.
"""

from __future__ import annotations

import json
import tomllib
from datetime import date, datetime
from pathlib import Path

import pytest

import softenv_core as se

ROOT = Path(__file__).resolve().parent.parent


def _status() -> dict:
    ds = se.load_dataset(ROOT / "examples" / "small-dataset.json")
    pm, cal, params = se.city_plugin_manager(), se.WorkCalendar(), se.baseline_parameters()
    c = ds.complaints[0]
    st = se.complaint_status(c, datetime(2025, 3, 31, 18, tzinfo=se.BEIJING), se.sla_for(pm, ds, c, cal, params), cal)
    return json.loads(se.to_json(st))


def _unspaced(text: str) -> str:
    return " ".join(text.split())


def test_01_result_versions_before_the_first_release_are_documented() -> None:
    from softenv_core.analyses.monitoring_report import REPORT_VERSION

    package = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    assert package.startswith("0."), package  # released: bump versions, then change this test
    assert REPORT_VERSION == 1
    doc = _status()
    assert doc["version"] == 1 and "reminded_at" in doc["result"]
    report = json.loads((ROOT / "docs" / "schemas" / "report.schema.json").read_text(encoding="utf-8"))
    assert report["properties"]["version"]["const"] == 1
    assert report["$defs"]["CommonProblem"]["properties"]["department"]["type"] == ["string", "null"]
    text = _unspaced((ROOT / "docs" / "integration.md").read_text(encoding="utf-8"))
    assert "should therefore expect a new version when fields are added" not in text
    assert "Until the first release — while the package is 0.x" in text
    assert "`core_version` does not tell such builds apart either" in text
    assert "From the first release on, a change of a result document's fields" in text
    listed = text[text.index("Result fields added before the first release") :]
    for name in ("`reminded_at`", "`department_name` null", "`notices`", "`common.no_department_categories`"):
        assert name in listed[:2500], name


@pytest.mark.parametrize(
    ("file", "name"),
    [("common.json", "common.no_department_categories"), ("followup.json", "followup.matter_categories")],
)
def test_02_an_unknown_item_category_is_refused(file: str, name: str) -> None:
    from softenv_core.engine.parameters import DatedValue, Parameter, parse_parameters

    doc = json.loads((ROOT / "src/softenv_core/rules/city/parameters" / file).read_text(encoding="utf-8"))
    p = next(x for x in doc["parameters"] if x["name"] == name)
    doc["parameters"] = [dict(p, values=[{"effective_from": "2022-03-01", "value": ["困难问题", "operation"]}])]
    with pytest.raises(se.InputError) as read:
        parse_parameters(json.dumps(doc))
    message = str(read.value)
    assert name in message and "'困难问题', 'operation'" in message, message
    assert "difficulty (困难问题)" in message and "operations (经营状况)" in message, message
    with pytest.raises(se.FieldInvalid, match=f"parameter '{name}'.*'operation'.*the categories are"):
        Parameter(name, "ref", values=(DatedValue(date(2022, 3, 1), ["difficulty", "operation"]),))
    with pytest.raises(se.FieldInvalid, match="no list of item categories"):
        Parameter(name, "ref", values=(DatedValue(date(2022, 3, 1), "difficulty"),))
    every = [c.value for c in se.ItemCategory]
    assert list(Parameter(name, "ref", values=(DatedValue(date(2022, 3, 1), every),)).values[0].value) == every
    assert se.baseline_parameters().has(name)  # the city's own values pass


def test_03_plugin_error_about_is_documented() -> None:
    docs = _unspaced(" ".join(p.read_text(encoding="utf-8") for p in (ROOT / "docs").glob("*.md")))
    assert "`about`: what the error is about, as data" in docs
    for name in ("`engine.rule_years.PartYear`", "`engine.sla_answers.LimitsAsked`", "else `None`", "not for display"):
        assert name in docs, name


def test_02_a_countys_own_category_list_is_checked_as_the_citys() -> None:
    """Reviewer r62 03: the check was keyed by the city's names, so a county's own
    ``county.379903.followup.matter_categories = ["困难问题"]`` matched nothing just as silently;
    a county parameter of another name is not checked."""
    from softenv_core.engine.parameters import DatedValue, Parameter

    on = date(2025, 1, 1)
    with pytest.raises(se.FieldInvalid, match=r"'困难问题'.*the categories are"):
        Parameter("county.379903.followup.matter_categories", "ref", values=(DatedValue(on, ["困难问题"]),))
    sound = Parameter("county.379903.followup.matter_categories", "ref", values=(DatedValue(on, ["difficulty"]),))
    assert sound.values[0].value == ["difficulty"]
    assert Parameter("county.379903.symposium_points", "ref", values=(DatedValue(on, ["困难问题"]),)).values
