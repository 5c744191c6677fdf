"""Auditor a65 03 (a question for the city, not decided here): `complaint.basically_credit` (or
`complaint.rate_weights`) changed mid-year. The library reads the credit and the weights on the
period's last day (DESIGN "Reading a parameter": year-end figures on the year's last day), so
the year's 满意率 recredits March's 基本满意 at the year-end value, while docs/complaints.md also
says a year's rate is its months' together. docs/complaints.md "Open: a rate parameter changed
mid-year" has the two readings; this pins today's, and that the year's rate cites the value it
used, so a reader sees which."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import attrs

import softenv_core as se
from softenv_core.engine.parameters import DatedValue, Parameter
from softenv_core.model.complaints import EventType, Satisfaction
from softenv_core.model.periods import BEIJING
from softenv_core.testing import small_dataset
from softenv_core.testing.builders import beijing, make_complaint

DECISION = "市软建办〔2025〕12号"


def _changed(name: str, value: object) -> Parameter:
    old = se.baseline_parameters().get(name, date(2025, 1, 1))
    return Parameter(
        name,
        old.reference,
        values=(DatedValue(old.effective_from, old.value), DatedValue(date(2025, 7, 1), value, DECISION, DECISION)),
    )


def _rates(params):
    q1 = make_complaint(
        "Q1", "P-379902-1", beijing(2025, 3, 10), until=EventType.CLOSED, satisfaction=Satisfaction.BASICALLY
    )
    q2 = make_complaint(
        "Q2", "P-379902-1", beijing(2025, 9, 10), until=EventType.CLOSED, satisfaction=Satisfaction.SATISFIED
    )
    ds = attrs.evolve(small_dataset(2025), complaints=(q1, q2))
    cal, far, pm = se.WorkCalendar(), datetime(2026, 2, 1, tzinfo=BEIJING), se.city_plugin_manager()
    sts = [(c, se.complaint_status(c, far, se.sla_for(pm, ds, c, cal, params), cal)) for c in (q1, q2)]
    return {p: se.unit_rates(sts, p, params)[0] for p in ("2025-03", "2025-09", 2025)}


def _cited(rates: se.UnitRates, name: str):
    return next(pv for pv in rates.params if pv.name == name)


def test_a_credit_changed_mid_year_recredits_earlier_months_in_the_years_rate_and_the_year_cites_it():
    rates = _rates(se.baseline_parameters().merged([_changed("complaint.basically_credit", 0.8)]))
    march, september, year = rates["2025-03"], rates["2025-09"], rates[2025]
    assert (march.satisfaction, september.satisfaction) == (Decimal("90.00"), Decimal("100.00"))
    # Today's reading: the year re-credits March's 基本满意 at the year-end 0.8 — (0.8 + 1) / 2 —
    # not the months together, (0.9 + 1) / 2 = 95.00 (the other reading, the city's to choose).
    assert year.satisfaction == Decimal("90.00")
    credit = _cited(year, "complaint.basically_credit")
    assert (credit.value, credit.effective_from, credit.reference) == (0.8, date(2025, 7, 1), DECISION)
    assert _cited(march, "complaint.basically_credit").value == 0.9


def test_weights_changed_mid_year_weigh_the_whole_year_by_the_year_end_weights():
    weights = {"response": 0.2, "resolution": 0.4, "satisfaction": 0.4}
    rates = _rates(se.baseline_parameters().merged([_changed("complaint.rate_weights", weights)]))
    year = rates[2025]
    cited = _cited(year, "complaint.rate_weights")
    assert (cited.value, cited.effective_from) == (weights, date(2025, 7, 1))
    exact = Decimal("0.2") * year.response + Decimal("0.4") * year.resolution + Decimal("0.4") * year.satisfaction
    assert year.combined == exact.quantize(Decimal("0.01"))
    assert _cited(rates["2025-03"], "complaint.rate_weights").value["response"] == 0.1
