"""The docs state the city baseline's numbers as its parameter files do (clerk finding 05: a
maintainer changed the extra-point cap in duty.json, every test passed, and four pages still
said +10). Every number written after a parameter's name in the docs must be one of that
parameter's dated values, and docs/rules.md's parameter table must list each parameter with its
file and its value(s)."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from softenv_core.engine.parameters import DatedValue, Parameter, baseline_parameters

DOCS = Path(__file__).resolve().parents[1] / "docs"
PARAMS = {p.name: p for p in baseline_parameters().parameters}


def _shown(value: object) -> str:
    """A value as the parameter table writes it."""
    if isinstance(value, dict):
        return ", ".join(f"{k} {_shown(v)}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return ", ".join(_shown(v) for v in value)
    return str(value)


def _cell(p: Parameter) -> str:
    """The table's value cell: the value, or each dated value with the day it is in force from."""
    if len(p.values) == 1:
        return _shown(p.values[0].value)
    return "; ".join(f"{_shown(v.value)} (from {v.effective_from.isoformat()})" for v in p.values)


def _table() -> dict[str, tuple[str, str]]:
    rows = {}
    for line in (DOCS / "rules.md").read_text(encoding="utf-8").splitlines():
        m = re.match(r"\| `([a-z_.]+)` \| (.*?) \| `([a-z_]+\.json)` \| ", line)
        if m:
            rows[m[1]] = (m[2].replace("`", ""), m[3])
    return rows


def test_the_parameter_table_lists_every_parameter_with_its_file_and_values():
    table = _table()
    assert sorted(table) == sorted(PARAMS)
    for name, (value, file) in table.items():
        assert file == name.split(".")[0] + ".json", name
        assert value == _cell(PARAMS[name]), name


def _numbers(p: Parameter) -> set[Decimal]:
    return {
        Decimal(str(v.value)) for v in p.values if isinstance(v.value, int | float) and not isinstance(v.value, bool)
    }


@pytest.mark.parametrize("page", sorted(DOCS.glob("*.md")), ids=lambda p: p.name)
def test_a_number_written_after_a_parameter_s_name_is_one_of_its_values(page):
    text = page.read_text(encoding="utf-8")
    for name, p in PARAMS.items():
        numbers = _numbers(p)
        if not numbers:
            continue
        # `duty.extra_cap` (+10 …), `duty.feedback.full_months` 6, `common.min_points` (3)
        for m in re.finditer(rf"`{re.escape(name)}` \(?\+?(\d+(?:\.\d+)?)(?![\d.])", text):
            assert Decimal(m[1]) in numbers, f"{page.name}: `{name}` {m[1]}, the files say {sorted(numbers)}"


def test_a_dated_value_may_cite_its_own_document_and_the_figures_cite_it():
    p = Parameter(
        "duty.extra_cap",
        "city decision",
        values=(
            DatedValue(PARAMS["duty.extra_cap"].values[0].effective_from, 10),
            DatedValue(_day(2026), 8, "市软建办〔2025〕12号"),
        ),
    )
    assert p.at(_day(2025)).reference == "city decision"  # the earlier value keeps the parameter's
    assert p.at(_day(2026)).reference == "市软建办〔2025〕12号"


def _day(year: int):  # type: ignore[no-untyped-def]
    from datetime import date

    return date(year, 12, 31)
