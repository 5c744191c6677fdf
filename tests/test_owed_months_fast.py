"""``OwedMonths.months`` answers a point designated over all its months from a tuple worked out
once (a speed-up): the same months as asking each month alone (``owes_month``), whatever the
interval and in whatever order the months were given."""

from __future__ import annotations

import random

from hypothesis import given
from hypothesis import strategies as st

from softenv_core.engine.parameters import baseline_parameters
from softenv_core.model.periods import Year
from softenv_core.rules.city.owed_months import OwedMonths, owes_month
from softenv_core.testing.record_strategies import points
from softenv_core.workdays.calendar import WorkCalendar

_CALENDAR = WorkCalendar()
_PARAMS = baseline_parameters()
# The year's months (all owed whole in 2025), and 2021's, before the baseline (owed by no one).
_MONTHS = (*Year(2025).months, *Year(2021).months[6:])


@given(points(), st.integers(0, 2**16))
def test_the_owed_months_are_those_each_month_alone_says_are_owed(point, seed):
    months = list(_MONTHS)
    random.Random(seed).shuffle(months)
    owed = OwedMonths.of(tuple(months), _CALENDAR, _PARAMS).months(point)
    assert owed == tuple(m for m in months if owes_month(point, m, _CALENDAR, _PARAMS))
