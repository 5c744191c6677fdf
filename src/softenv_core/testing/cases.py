"""Data-driven cases: (name, year, input, expected output), runnable from a plugin's tests.

A case file is JSON, one case or ``{"cases": [...]}``::

    {
      "name": "March report on the Sunday make-up day is on time",
      "year": 2024,
      "input": "data/county.json",      # a dataset file (relative to this file), a document,
                                        # or {"small_dataset": {"year": 2024, "counties": ["379921"]}}
      "changes": [{"path": "$.reports[id=R-379921-2024-03].submitted_at", "value": "2024-04-07T22:00:00+08:00"}],
      "expect": {
        "counties": {"379902": {"topten_eligible": true, "months": {"2024-03": {"status": "on_time"}}}},
        "points": {"P1": {"total": 87.5, "band": "excellent", "items": {"qingshan.extra.symposium": 2}}}
      }
    }

Only the fields named under ``expect`` are compared; numbers compare as exact decimals.

A change's path addresses a record by its id, ``$.contacts[id=C-P-379921-1-2025-03].method``,
which stays right when the data's order changes; a position, ``$.contacts[2]``, is still
accepted. The format's JSON Schema is ``CASES_SCHEMA`` (docs/testing-rules.md shows it).
"""

from __future__ import annotations

import copy
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from attrs import frozen

from softenv_core.analyses.assessment import Assessment, assess
from softenv_core.analyses.audiences import CITY_OFFICE
from softenv_core.engine.manager import SoftenvPluginManager
from softenv_core.errors import InputError
from softenv_core.io.converter import parse_json
from softenv_core.io.dataset_files import dump_dataset, loads_dataset
from softenv_core.model.points import MonitoringPoint
from softenv_core.rules.registry import get_plugin_manager
from softenv_core.testing.builders import small_dataset
from softenv_core.testing.case_rules import rule_ids_for, unknown_conditions, unknown_rule

_STEP = re.compile(r"\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]|\[id=([^\]]+)\]")

_EXPECT_FIELDS = {
    "counties": {
        "topten_eligible": {"type": "boolean"},
        "compliance": {"type": "number"},
        "failing": {"type": "array", "items": {"type": "string"}},
        "months": {
            "type": "object",
            "additionalProperties": {
                "type": "object",
                "properties": {
                    "status": {"type": "string"},
                    "late_workdays": {"type": "integer"},
                    "score": {"type": "number"},
                    "due_at": {"type": ["string", "null"]},
                    "waiver": {"type": ["string", "null"]},
                    "zero_report": {"type": "boolean"},
                },
                "additionalProperties": False,
            },
        },
    },
    "points": {
        "total": {"type": "number"},
        "band": {"type": "string"},
        "nominable": {"type": "boolean"},
        # rule id -> its points; null: the rule gives the point no item (it awarded nothing)
        "items": {"type": "object", "additionalProperties": {"type": ["number", "null"]}},
    },
}

_CASE: dict[str, Any] = {
    "type": "object",
    "required": ["name", "year", "input"],
    "properties": {
        "name": {"type": "string", "description": "what the case shows, as a sentence"},
        "year": {"type": "integer", "description": "the year assessed"},
        "input": {
            "description": "a dataset file (relative to the case file), a dataset document, or small_dataset",
            "oneOf": [
                {"type": "string"},
                {
                    "type": "object",
                    "required": ["small_dataset"],
                    "properties": {
                        "small_dataset": {
                            "type": "object",
                            "properties": {
                                "year": {"type": "integer"},
                                "counties": {"type": "array", "items": {"type": "string", "pattern": "^\\d{6}$"}},
                            },
                        }
                    },
                },
                {"type": "object", "required": ["schema"]},
            ],
        },
        "changes": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["path", "value"],
                "properties": {
                    "path": {
                        "type": "string",
                        "pattern": "^\\$(\\.[A-Za-z_][A-Za-z0-9_]*|\\[\\d+\\]|\\[id=[^\\]]+\\])+$",
                        "description": "$.collection[id=RECORD-ID].field (or [index]); the value replaces it",
                    },
                    "value": {},
                },
                "additionalProperties": False,
            },
        },
        "expect": {
            "type": "object",
            "properties": {
                key: {
                    "type": "object",
                    "additionalProperties": {"type": "object", "properties": fields, "additionalProperties": False},
                }
                for key, fields in _EXPECT_FIELDS.items()
            },
            "additionalProperties": False,
        },
    },
    "additionalProperties": False,
}

CASES_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "softenv.cases",
    "title": "softenv data-driven cases (softenv_core.testing.load_cases)",
    "oneOf": [
        {"type": "object", "required": ["cases"], "properties": {"cases": {"type": "array", "items": _CASE}}},
        _CASE,
    ],
}


@frozen
class Case:
    """One data-driven case."""

    name: str
    year: int
    input: dict[str, Any]
    expect: dict[str, Any]
    source: str = ""


def _set(doc: Any, path: str, value: Any) -> None:
    if not path.startswith("$"):
        raise ValueError(f"path must start with $: {path!r}")
    steps = [(m[1], m[2], m[3]) for m in _STEP.finditer(path[1:])]
    shown = "".join(f".{k}" if k else f"[{i}]" if i else f"[id={r}]" for k, i, r in steps)
    if not steps or shown != path[1:]:
        raise ValueError(f"unsupported path {path!r}: use $.field, [id=RECORD-ID] and [index]")
    target = doc
    walked = "$"
    for n, (key, index, rid) in enumerate(steps):
        last = n == len(steps) - 1
        if key:
            if last:
                target[key] = value
                return
            if not isinstance(target, dict) or key not in target:
                raise ValueError(f"{path}: {walked} has no field {key!r}")
            target = target[key]
            walked += f".{key}"
            continue
        if not isinstance(target, list):
            raise ValueError(f"{path}: {walked} is not a list")
        if rid:
            # by id: the record stays the same when the data's order changes
            found = [i for i, rec in enumerate(target) if isinstance(rec, dict) and rec.get("id") == rid]
            if not found:
                raise ValueError(f"{path}: no record with id {rid!r} in {walked}")
            at = found[0]
        else:
            at = int(index)
            if at >= len(target):
                raise ValueError(f"{path}: {walked} has {len(target)} records, no [{at}]")
        if last:
            target[at] = value
            return
        target = target[at]
        walked += f"[id={rid}]" if rid else f"[{at}]"


def load_cases(path: str | Path) -> list[Case]:
    """Read the cases of a file, or of every ``*.json`` file in a folder (in name order)."""
    path = Path(path)
    files = sorted(path.glob("*.json")) if path.is_dir() else [path]
    out: list[Case] = []
    for file in files:
        doc = parse_json(file.read_bytes(), str(file))
        raw_cases = doc["cases"] if isinstance(doc, dict) and "cases" in doc else [doc]
        for i, raw in enumerate(raw_cases):
            where = f"{file}#{i}"
            try:
                name, year, expect = raw["name"], raw["year"], raw.get("expect", {})
                source = raw["input"]
            except (KeyError, TypeError) as exc:
                raise InputError([f"$.cases[{i}]: a case needs name, year, input ({exc})"], str(file)) from None
            if isinstance(source, str):
                data = parse_json((file.parent / source).read_bytes(), str(file.parent / source))
            elif isinstance(source, dict) and "small_dataset" in source:
                spec = source["small_dataset"]
                data = dump_dataset(
                    small_dataset(int(spec.get("year", year)), tuple(spec["counties"]) if "counties" in spec else None)
                )
            else:
                data = copy.deepcopy(source)
            for j, change in enumerate(raw.get("changes", ())):
                try:
                    _set(data, change["path"], change["value"])
                except (KeyError, TypeError, ValueError) as exc:
                    raise InputError([f"$.cases[{i}].changes[{j}]: {exc}"], str(file)) from None
            out.append(Case(name, int(year), data, expect, where))
    return out


def _same(expected: Any, actual: Any) -> bool:
    if isinstance(expected, int | float | Decimal) and not isinstance(expected, bool):
        return actual is not None and Decimal(str(expected)) == Decimal(str(actual))
    return bool(expected == actual)


def _compare(prefix: str, expected: dict[str, Any], actual: dict[str, Any], out: list[str]) -> None:
    for key, want in expected.items():
        if key not in actual:
            out.append(f"{prefix}.{key}: not in the result")
        elif not _same(want, actual[key]):
            out.append(f"{prefix}.{key}: expected {want!r}, got {actual[key]!r}")


#: A point and the ids of the rules that score it (testing.case_rules.rule_ids_for).
_PointRules = tuple[MonitoringPoint, tuple[str, ...]]


def _compare_items(
    prefix: str, expected: dict[str, Any], actual: dict[str, Decimal], out: list[str], rules: _PointRules
) -> None:
    """As :func:`_compare`, where ``None`` expects no item of the rule: one that awards nothing
    adds none, so 0 cannot say it. A rule id that no rule scoring the point has (``rules``
    says so) is a mismatch either way: a null expectation of it would pass whatever happened."""
    for key, want in expected.items():
        wrong_id = None if key in actual else unknown_rule(key, *rules)
        if wrong_id is not None:
            out.append(f"{prefix}.{key}: {wrong_id}")
        elif want is None:
            if key in actual:
                out.append(f"{prefix}.{key}: expected no item, got {actual[key]}")
        elif key not in actual:
            out.append(f"{prefix}.{key}: no item of this rule (it awarded nothing); to expect that, write null")
        elif not _same(want, actual[key]):
            out.append(f"{prefix}.{key}: expected {want!r}, got {actual[key]!r}")


def _county_mismatches(expected: dict[str, Any], result: Assessment) -> list[str]:
    """Each county's expectation (十佳 eligibility, compliance, failing conditions, months)
    against ``result``: the mismatches, in the case's order."""
    mismatches: list[str] = []
    for code, want in expected.items():
        found = [c for c in result.counties if c.code == code]
        if not found:
            mismatches.append(f"county {code}: not in the result")
            continue
        c = found[0]
        actual = {
            "topten_eligible": c.topten_eligible,
            "compliance": c.compliance,
            "failing": [r.rule.id for r in c.failing_conditions],
        }
        # an id no condition has is said as such, in place of `expected [id], got []` (p40)
        known = tuple(sorted({r.rule.id for r in c.conditions}))
        wrong = [f"county {code}.failing: {m}" for m in unknown_conditions(want.get("failing"), known)]
        skip = {"months", "failing"} if wrong else {"months"}
        _compare(f"county {code}", {k: v for k, v in want.items() if k not in skip}, actual, mismatches)
        mismatches += wrong
        # An eligibility or failing list that differs says why each condition not expected to fail
        # did: `expected [], got [id]` alone sent the author to rebuild and assess the dataset (p43).
        if any(k in want and not _same(want[k], actual[k]) for k in ("topten_eligible", "failing")):
            expected_ids = set(want.get("failing") or ())
            mismatches += [
                f"county {code}: {r.rule.id} failed: {r.reason}"
                for r in c.failing_conditions
                if r.rule.id not in expected_ids
            ]
        months = {str(m.month): m for m in c.months}
        for month, fields in want.get("months", {}).items():
            m = months.get(month)
            if m is None:
                mismatches.append(f"county {code} {month}: not in the year")
                continue
            _compare(
                f"county {code} {month}",
                fields,
                {
                    "status": m.status,
                    "late_workdays": m.late_workdays,
                    "score": m.score,
                    "due_at": m.due_at.isoformat() if m.due_at else None,
                    "waiver": m.waiver,
                    "zero_report": m.zero_report,
                },
                mismatches,
            )
    return mismatches


def run_case(case: Case, plugin_manager: SoftenvPluginManager | None = None) -> list[str]:
    """Assess the case's input and return every mismatch with its expectation (empty = pass)."""
    pm = plugin_manager or get_plugin_manager()
    dataset = loads_dataset(case.input)
    result: Assessment = assess(dataset, case.year, pm, audience=CITY_OFFICE)
    mismatches = _county_mismatches(case.expect.get("counties", {}), result)
    for pid, want in case.expect.get("points", {}).items():
        found_p = [p for p in result.points if p.id == pid]
        if not found_p:
            mismatches.append(f"point {pid}: not assessed in {case.year}")
            continue
        p = found_p[0]
        items: dict[str, Decimal] = {}
        for item in p.items:
            items[item.rule.id] = items.get(item.rule.id, Decimal(0)) + item.points
        _compare(
            f"point {pid}",
            {k: v for k, v in want.items() if k != "items"},
            {"total": p.total, "band": p.band, "nominable": p.nominable},
            mismatches,
        )
        point = dataset.point_by_id[pid]
        known = rule_ids_for(pm, point, case.year) if want.get("items") else ()
        _compare_items(f"point {pid} items", want.get("items", {}), items, mismatches, (point, known))
    return mismatches


def assert_case(case: Case, plugin_manager: SoftenvPluginManager | None = None) -> None:
    """Run a case and fail with every mismatch."""
    mismatches = run_case(case, plugin_manager)
    if mismatches:
        raise AssertionError(f"case {case.name!r} ({case.source}):\n  " + "\n  ".join(mismatches))


__all__ = ["CASES_SCHEMA", "Case", "assert_case", "load_cases", "run_case"]
