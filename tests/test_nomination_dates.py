"""Nominations (推荐) carry the moment they were submitted (``Nomination.submitted_at``,
optional: a dataset written before the field loads, its nominations undated); a decision
cannot be dated before its nomination came.
"""

from __future__ import annotations

import json
from datetime import date, datetime

import attrs
import pytest

from softenv_core import CITY_OFFICE, get_plugin_manager
from softenv_core.analyses.year_end import year_end
from softenv_core.errors import InputError
from softenv_core.io.dataset_files import dataset_json, loads_dataset
from softenv_core.io.validation import dataset_problems
from softenv_core.model.periods import BEIJING
from softenv_core.model.roster import CommendationDecision, Nomination
from softenv_core.testing import small_dataset

P = "P-379902-2"  # 甲区's county point
Q = "P-379921-2"  # another county's county point
BASE = small_dataset(2025)


def _at(month: int, day: int, hour: int, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, tzinfo=BEIJING)


def test_a_decision_dated_before_its_nomination_was_submitted_is_refused_with_its_path():
    nomination = Nomination("N1", 2025, "379902", P, submitted_at=_at(1, 20, 10))
    early = attrs.evolve(
        BASE, nominations=(nomination,), decisions=(CommendationDecision("D1", "N1", True, date(2026, 1, 19)),)
    )
    problem = "$.decisions[0] (D1).decided_on: 2026-01-19 is before nomination 'N1' was submitted "
    problem += "(2026-01-20T10:00:00+08:00)"
    assert dataset_problems(early) == [problem]
    with pytest.raises(InputError) as info:
        loads_dataset(dataset_json(early))
    assert list(info.value.problems) == [problem]
    with pytest.raises(InputError):
        year_end(early, 2025, get_plugin_manager(autoload=False, plugins=[]), audience=CITY_OFFICE)
    # Decided the day it came (a decision carries a day only), or undated: in order.
    same_day = attrs.evolve(early, decisions=(CommendationDecision("D1", "N1", True, date(2026, 1, 20)),))
    assert dataset_problems(same_day) == []
    assert dataset_problems(attrs.evolve(early, nominations=(attrs.evolve(nomination, submitted_at=None),))) == []


def test_a_nomination_is_read_with_its_moment_refused_naive_and_in_the_future():
    doc = json.loads(dataset_json(BASE))
    doc["nominations"] = [
        {"id": "N1", "year": 2025, "county": "379902", "point": P, "submitted_at": "2026-01-12T07:00:00Z"},
        {"id": "N2", "year": 2025, "county": "379921", "point": Q},  # written before the field
    ]
    ds = loads_dataset(json.dumps(doc))
    assert ds.nominations[0].submitted_at == _at(1, 12, 15) and ds.nominations[1].submitted_at is None
    assert json.loads(dataset_json(ds))["nominations"][0]["submitted_at"] == "2026-01-12T07:00:00+00:00"
    with pytest.raises(InputError) as info:
        loads_dataset(json.dumps(doc), as_of=_at(1, 12, 14))
    assert list(info.value.problems) == [
        "$.nominations[0] (N1).submitted_at: 2026-01-12T07:00:00+00:00 is in the future"
    ]
    doc["nominations"][0]["submitted_at"] = "2026-01-12T15:00:00"
    with pytest.raises(InputError) as info:
        loads_dataset(json.dumps(doc))
    assert info.value.problems[0].startswith("$.nominations[0] (N1).submitted_at: naive datetime")
