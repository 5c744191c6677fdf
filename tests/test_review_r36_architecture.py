"""Review r36: docs/architecture.md's seed clause table stays a way in for a new maintainer.

tests/test_docs.py checks that what the table names exists. These check the other way: every
city rule, every city parameter and every module of ``rules/city/`` is in the table, and a
rule's row names the parameters the rule cites in its trace, so that from a seed clause one
finds the module and rule id, and from a rule id its parameters (docs/rules.md then gives
their values and references).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from softenv_core import CITY_OFFICE, assess, baseline_parameters, city_plugin_manager
from softenv_core.model.periods import Month
from softenv_core.rules.city import baseline
from softenv_core.rules.city.commendation import NOMINATION_CONDITIONS
from softenv_core.rules.city.duty import TOTAL_RULES, base_rules
from softenv_core.rules.city.topten import CONDITIONS
from softenv_core.testing.builders import county
from softenv_core.workdays.calendar import WorkCalendar

from .demo_city import demo

ROOT = Path(__file__).resolve().parent.parent
CITY_RULES = ROOT / "src" / "softenv_core" / "rules" / "city"
#: Parameters that answer no clause of the seed, each said so under the table.
NO_CLAUSE = {"privacy.min_cell"}


def _rows() -> list[str]:
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    section = text.split("## Seed clause → implementation", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| ") and not line.startswith("| seed clause")]
    assert len(rows) >= 14, "the clause table was not found"
    return rows


def _after_table() -> str:
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    section = text.split("## Seed clause → implementation", 1)[1].split("\n## ", 1)[0]
    return "\n".join(line for line in section.splitlines() if not line.startswith("|"))


def _city_rule_ids() -> set[str]:
    params = baseline_parameters()
    deadline = baseline.softenv_report_deadline(
        county=county("379902"), month=Month(2025, 3), calendar=WorkCalendar(), params=params
    )
    return {
        *(r.id for r in base_rules(2025, params)),
        *(r.id for r in TOTAL_RULES),
        *(c.id for c in CONDITIONS),
        *(c.id for c in NOMINATION_CONDITIONS),
        deadline.rule_id,
    }


def test_every_city_rule_id_has_a_row_in_the_clause_table() -> None:
    table = "\n".join(_rows())
    ids = _city_rule_ids()
    assert len(ids) == 13  # four duty rules, cap and floor, two 十佳 conditions, four nomination ones, the deadline
    missing = sorted(i for i in ids if f"`{i}`" not in table)
    assert not missing, f"docs/architecture.md's clause table lacks the city rules {missing}"


def test_every_city_parameter_is_in_the_clause_table_or_said_to_answer_no_clause() -> None:
    table = "\n".join(_rows())
    names = {p.name for p in baseline_parameters().parameters}
    missing = sorted(n for n in names - NO_CLAUSE if f"`{n}`" not in table)
    assert not missing, f"docs/architecture.md's clause table names no row for the parameters {missing}"
    note = _after_table()
    for name in NO_CLAUSE:
        assert name in names, f"{name} is no parameter any more: drop it from NO_CLAUSE and the note"
        assert f"`{name}`" in note, f"the note under the table should say why {name} answers no clause"


def test_every_module_of_rules_city_is_named_by_the_table_or_its_note() -> None:
    text = "\n".join(_rows()) + _after_table()
    modules = sorted(p.name for p in CITY_RULES.glob("*.py") if p.name != "__init__.py")
    assert "duty.py" in modules and "topten.py" in modules
    missing = [m for m in modules if f"`rules/city/{m}`" not in text]
    assert not missing, f"docs/architecture.md's clause table does not name rules/city/ modules {missing}"


def _cited_by_rule() -> dict[str, set[str]]:
    """Each city rule id with the parameters its trace cites, over the small demo city's year
    (its counties fail conditions and its points fail nomination ones, which then cite theirs)."""
    result = assess(demo(2025, points_per_county=4, counties=3), 2025, city_plugin_manager(), audience=CITY_OFFICE)
    cited: dict[str, set[str]] = {}
    for p in result.points:
        for found in (*p.items, *p.nomination_conditions):
            cited.setdefault(found.rule.id, set()).update(v.name for v in found.params)
        cited.setdefault("bands", set()).update(v.name for v in p.band_params)
    for c in result.counties:
        for cond in c.conditions:
            cited.setdefault(cond.rule.id, set()).update(v.name for v in cond.params)
        for m in c.months:
            if m.deadline is not None:
                cited.setdefault(m.deadline.rule_id, set()).update(v.name for v in m.deadline.params)
    return cited


@pytest.fixture(scope="module")
def cited() -> dict[str, set[str]]:
    return _cited_by_rule()


def test_a_rules_row_names_every_parameter_its_trace_cites(cited: dict[str, set[str]]) -> None:
    rows = _rows()
    # the demo's year exercises these, parameters and all: a rule the demo stops reaching fails here
    for rule_id in ("city.duty.feedback", "city.nominate.excellent", "city.topten.on_time", "city.report.deadline"):
        assert cited.get(rule_id), f"the demo's assessment no longer cites parameters for {rule_id}"
    for rule_id, names in sorted(cited.items()):
        key = "duty.band.excellent" if rule_id == "bands" else rule_id
        found = [r for r in rows if f"`{key}`" in r]
        assert found, f"no row of the clause table names {key}"
        # a rule may be mentioned in another clause's row too: one of its rows lists its parameters
        missing = min((sorted(n for n in names if f"`{n}`" not in r) for r in found), key=len)
        assert not missing, f"{rule_id} cites {missing}, which no row of the clause table naming it names"


def test_the_table_says_publicity_and_work_plans_are_kept_not_that_they_are_not_modelled() -> None:
    row = next(r for r in _rows() if r.startswith("| 四(一)"))
    assert "not modelled" not in row
    assert re.search(r"`model/guarantees\.py` \(`PublicityActivity`\)", row)


def test_every_city_rule_id_is_in_the_rules_reference() -> None:
    """docs/rules.md gives a rule's numbers; the clause table sends the reader there by rule id."""
    text = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    missing = sorted(i for i in _city_rule_ids() if f"`{i}`" not in text)
    assert not missing, f"docs/rules.md does not name the city rules {missing}"
