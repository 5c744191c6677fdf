"""`softenv explain --point` for a point owing no month states the working days against the
parameters its assessment was made with (render/explain_notes.py; review r37: it read the city
baseline's whatever the assessment had read)."""

from __future__ import annotations

from datetime import date

import attrs
import pytest

from softenv_core import CITY_OFFICE, WorkCalendar, assess, get_plugin_manager
from softenv_core.engine.parameters import DatedValue, Parameter, baseline_parameters
from softenv_core.errors import SoftenvError
from softenv_core.model.points import PointLevel
from softenv_core.render.explain_notes import point_not_assessed
from softenv_core.testing import make_point, small_dataset

JIA = "379902"


def _eight_days():
    """The baseline with duty.min_workdays_in_month raised from 5 to 8 (a changed parameter file)."""
    base = baseline_parameters()
    old = base.get("duty.min_workdays_in_month", date(2025, 12, 31))
    changed = Parameter("duty.min_workdays_in_month", "test", values=(DatedValue(old.effective_from, 8),))
    return base.merged([changed])


@pytest.fixture(scope="module")
def late_december():
    """Point X designated from 2025-12-24: 6 working days of December (24–26, 29–31), owed
    under the baseline's 5, not under 8."""
    ds = small_dataset(2025)
    x = make_point("X", JIA, 90, level=PointLevel.COUNTY, designated_from=date(2025, 12, 24))
    return attrs.evolve(ds, points=(*ds.points, x))


def test_a_point_is_explained_with_the_parameters_its_assessment_read(late_december):
    params = _eight_days()
    pm = get_plugin_manager(autoload=False, plugins=[])
    a = assess(late_december, 2025, pm, audience=CITY_OFFICE, params=params)
    assert "X" not in {p.id for p in a.points}  # 6 < 8: no month owed
    said = point_not_assessed(late_december, a, "X", WorkCalendar(), "zh", params)
    assert "共6天 < 8，不计" in said
    assert "duty.min_workdays_in_month = 8（2022-03-01；" in said
    assert "= 5" not in said


def test_an_assessment_made_with_other_parameters_is_refused_not_explained(late_december):
    pm = get_plugin_manager(autoload=False, plugins=[])
    a = assess(late_december, 2025, pm, audience=CITY_OFFICE, params=_eight_days())
    with pytest.raises(SoftenvError, match="point_not_assessed: the assessment was made with other parameters"):
        point_not_assessed(late_december, a, "X", WorkCalendar(), "en")  # the baseline's, not the assessment's
