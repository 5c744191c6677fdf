"""A late month scored 0 says why with the grace its score was read with (``MonthStatus.
beyond_grace``): the rule decides it, the explanation only says it (the render layer reads no
policy parameter). With ``compliance.late_grace_workdays`` raised from 3 to 5 from 2025-07-01,
a March report late by 4 working days scores 0 beyond a grace of 3, an August one late by 4
scores the late score within a grace of 5, and one late by 6 scores 0 beyond 5."""

import json
from datetime import date
from decimal import Decimal
from importlib import resources

import attrs

from softenv_core import CITY_OFFICE, assess, baseline_parameters
from softenv_core.engine.parameters import parse_parameters
from softenv_core.engine.ruletypes import MonthState
from softenv_core.model.periods import Month
from softenv_core.model.roster import Waiver
from softenv_core.render.assessment import explain_county
from softenv_core.testing import beijing, small_dataset
from softenv_core.testing.builders import monthly_report

JIA = "379902"


def _params():
    doc = json.loads((resources.files("softenv_core.rules.city") / "parameters" / "compliance.json").read_text("utf-8"))
    for p in doc["parameters"]:
        if p["name"] == "compliance.late_grace_workdays":
            p["values"].append({"effective_from": "2025-07-01", "value": 5})
    return baseline_parameters().merged(parse_parameters(json.dumps(doc), "compliance.json"))


def _county():
    ds = small_dataset(2025, (JIA,))
    late = {  # March due Mon 04-07, August due Fri 09-05, October due Wed 11-05
        Month(2025, 3): monthly_report(JIA, Month(2025, 3), beijing(2025, 4, 11, 9)),  # 4 working days
        Month(2025, 8): monthly_report(JIA, Month(2025, 8), beijing(2025, 9, 11, 9)),  # 4 working days
        Month(2025, 10): monthly_report(JIA, Month(2025, 10), beijing(2025, 11, 13, 9)),  # 6 working days
    }
    reports = tuple(late.get(r.month, r) for r in ds.reports)
    return assess(attrs.evolve(ds, reports=reports), 2025, params=_params(), audience=CITY_OFFICE).county(JIA)


def test_the_grace_a_late_month_came_beyond_is_the_one_its_score_was_read_with():
    c = _county()
    by = {str(m.month): m for m in c.months}
    march, august, october = by["2025-03"], by["2025-08"], by["2025-10"]
    assert [m.late_workdays for m in (march, august, october)] == [4, 4, 6]
    assert all(m.status is MonthState.LATE for m in (march, august, october))
    assert (march.score, march.beyond_grace) == (Decimal(0), 3)
    assert (august.score, august.beyond_grace) == (Decimal(50), None)
    assert (october.score, october.beyond_grace) == (Decimal(0), 5)
    assert all(m.beyond_grace is None for m in c.months if m.status is not MonthState.LATE)


def test_the_explanation_says_the_grace_the_analysis_applied():
    text = explain_county(_county())
    lines = {line[:7]: line for line in text.splitlines() if line[:7] in ("2025-03", "2025-08", "2025-10")}
    assert "0.00（迟报超过3个工作日，不得分）" in lines["2025-03"], lines["2025-03"]
    assert "迟报超过" not in lines["2025-08"], lines["2025-08"]
    assert "0.00（迟报超过5个工作日，不得分）" in lines["2025-10"], lines["2025-10"]
    en = explain_county(_county(), "en")
    assert "0.00 (late beyond the grace of 5 working days)" in en


def test_a_waived_late_month_shows_its_waiver_not_the_grace():
    ds = small_dataset(2025, (JIA,))
    late = monthly_report(JIA, Month(2025, 3), beijing(2025, 4, 11, 9))  # 4 working days: beyond 3
    reports = tuple(late if r.month == Month(2025, 3) else r for r in ds.reports)
    w = Waiver("W1", JIA, Month(2025, 3), "不可抗力", date(2025, 4, 20))
    ds = attrs.evolve(ds, reports=reports, waivers=(w,))
    m = next(m for m in assess(ds, 2025, audience=CITY_OFFICE).county(JIA).months if m.month == Month(2025, 3))
    assert m.status is MonthState.WAIVED and m.late_workdays == 4 and m.beyond_grace is None
