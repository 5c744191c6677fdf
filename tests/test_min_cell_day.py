"""A monthly report reads ``privacy.min_cell`` on one day, its month's last: the trends' joint
suppression read it there and the redaction of the rest on the month's first day, so a value
changed within the month guarded a report's sections by two different cells (the smaller one
listing what the larger hid elsewhere)."""

from __future__ import annotations

from datetime import date

import attrs
import pytest

from softenv_core import baseline_parameters
from softenv_core.analyses.monitoring_report import monitoring_report
from softenv_core.engine.parameters import DatedValue
from softenv_core.model.periods import Month

from .demo_city import demo

MONTH = Month(2025, 3)


def _with_min_cell(*values: tuple[date, int]):
    base = baseline_parameters()
    param = next(p for p in base.parameters if p.name == "privacy.min_cell")
    dated = tuple(DatedValue(day, n) for day, n in values)
    return base.merged([attrs.evolve(param, values=dated)])


@pytest.mark.parametrize("audience", ["county:379902", "point:P379902-001", "public"])
def test_a_min_cell_changed_within_the_month_guards_the_whole_report_as_on_its_last_day(audience):
    ds = demo()
    changed = _with_min_cell((date(2022, 3, 1), 3), (date(2025, 3, 15), 30))
    from_first = _with_min_cell((date(2022, 3, 1), 3), (date(2025, 3, 1), 30))
    before = _with_min_cell((date(2022, 3, 1), 3))
    read = monitoring_report(ds, MONTH, audience=audience, params=changed).to_json()
    assert read == monitoring_report(ds, MONTH, audience=audience, params=from_first).to_json()
    # The cell of 30 shows: the test would see a report guarded by the first day's 3.
    assert read != monitoring_report(ds, MONTH, audience=audience, params=before).to_json()
