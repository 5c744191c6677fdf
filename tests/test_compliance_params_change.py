"""A county's explanation names every compliance parameter value that scored one of its months
(DESIGN principle 2): with ``compliance.late_score`` changed from 2025-07-01 a March report
late by one working day scored 50 and an August one 60, while the explanation, read once on
the day after the last owed month, named 60 only."""

import json
from datetime import date
from decimal import Decimal
from importlib import resources

import attrs

from softenv_core import CITY_OFFICE, assess, baseline_parameters
from softenv_core.engine.parameters import parse_parameters
from softenv_core.model.periods import Month
from softenv_core.render.assessment import explain_county
from softenv_core.testing import beijing, small_dataset
from softenv_core.testing.builders import monthly_report

JIA = "379902"


def _params():
    """The baseline with its compliance.json changed as a city would edit the file: a second
    dated value of compliance.late_score, 60 from 2025-07-01."""
    doc = json.loads((resources.files("softenv_core.rules.city") / "parameters" / "compliance.json").read_text("utf-8"))
    for p in doc["parameters"]:
        if p["name"] == "compliance.late_score":
            p["values"].append({"effective_from": "2025-07-01", "value": 60})
    return baseline_parameters().merged(parse_parameters(json.dumps(doc), "compliance.json"))


def _assessment():
    ds = small_dataset(2025, (JIA,))
    late = {  # each one working day late: due Mon 04-07 and Fri 09-05
        Month(2025, 3): monthly_report(JIA, Month(2025, 3), beijing(2025, 4, 8, 9)),
        Month(2025, 8): monthly_report(JIA, Month(2025, 8), beijing(2025, 9, 8, 9)),
    }
    reports = tuple(late.get(r.month, r) for r in ds.reports)
    return assess(attrs.evolve(ds, reports=reports), 2025, params=_params(), audience=CITY_OFFICE).county(JIA)


def test_every_value_that_scored_a_month_is_named_with_the_months_it_scored():
    c = _assessment()
    scores = {str(m.month): m.score for m in c.months}
    assert (scores["2025-03"], scores["2025-08"]) == (Decimal(50), Decimal(60))
    got = [(pv.name, pv.value, pv.effective_from) for pv in c.compliance_params]
    assert got == [
        ("compliance.on_time_score", Decimal(100), date(2022, 3, 1)),
        ("compliance.late_score", Decimal(50), date(2022, 3, 1)),
        ("compliance.late_grace_workdays", Decimal(3), date(2022, 3, 1)),
        ("compliance.late_score", Decimal(60), date(2025, 7, 1)),
    ]
    text = explain_county(c)
    # June is read on 07-01, as its score: the new value scored it.
    assert "compliance.late_score = 50（自 2022-03-01；市级实施决定） — 计 2025-01—2025-05 月得分" in text
    assert "compliance.late_score = 60（自 2025-07-01；市级实施决定） — 计 2025-06—2025-12 月得分" in text
    assert "compliance.late_grace_workdays = 3（自 2022-03-01；市级实施决定）\n" in text  # unchanged: as before
    en = explain_county(c, "en")
    assert "compliance.late_score = 60 (from 2025-07-01; city decision) — scored months 2025-06—2025-12" in en
