"""require_limits_sound remembers the days it found sound for a plugin manager (x40 03's check
reads every county plugin's limits on every day from 2022-03-01, about 7,000 answers a county):
a batch's later reports read only the days after the last one checked, and anything the
answers depend on (the plugins registered, the calendar, the parameters) starts afresh."""

from __future__ import annotations

from datetime import date, datetime

import attrs
import pytest

from softenv_core import ComplaintSla, PluginInfo, WorkCalendar, get_plugin_manager, hookimpl
from softenv_core.analyses.complaint_limits import require_limits_sound
from softenv_core.engine.parameters import baseline_parameters
from softenv_core.errors import RuleConflict
from softenv_core.model.periods import BEIJING

_CITY = {"complaint": 15, "report": 15, "suggestion": 5}


class _County:
    """County 379921's limits: the city's, or one day laxer for 投诉 from ``lax_from``; counts
    the days it is asked about."""

    def __init__(self, code: str = "379921", lax_from: date | None = None) -> None:
        self.code, self.lax_from, self.asked = code, lax_from, 0

    @hookimpl
    def softenv_plugin_info(self):  # type: ignore[no-untyped-def]
        return PluginInfo(county=self.code, title="乙县", reference="乙经贸〔2025〕2号")

    @hookimpl
    def softenv_complaint_sla(self, kind, calendar, params, on):  # type: ignore[no-untyped-def]
        self.asked += 1
        days = dict(_CITY)
        if self.lax_from is not None and on >= self.lax_from:
            days["complaint"] = 16
        return ComplaintSla(accept=1, sign=1, resolve=days, max_extension=15, follow_up=2, reference="乙")


def _until(month: int, day: int) -> datetime:
    return datetime(2025, month, day, 12, tzinfo=BEIJING)


def test_a_second_check_to_the_same_day_asks_nothing_and_a_later_one_only_the_new_days() -> None:
    county = _County()
    pm = get_plugin_manager(autoload=False, plugins=[("yi", county)])
    cal, params = WorkCalendar(), baseline_parameters()
    require_limits_sound(pm, cal, params, _until(6, 30), 2025)
    first = county.asked
    # Every day from the city's first limits (2022-03-01) to 2025-06-30, for each of 3 kinds.
    assert first >= 3 * (date(2025, 6, 30) - date(2022, 3, 1)).days
    require_limits_sound(pm, cal, params, _until(6, 30), 2025)
    assert county.asked == first
    require_limits_sound(pm, cal, params, _until(7, 31), 2025)
    assert county.asked - first == 3 * 31  # July's days only


def test_a_lax_day_after_the_days_found_sound_is_still_found_and_named() -> None:
    pm = get_plugin_manager(autoload=False, plugins=[("yi", _County(lax_from=date(2025, 7, 10)))])
    cal, params = WorkCalendar(), baseline_parameters()
    require_limits_sound(pm, cal, params, _until(6, 30), 2025)  # sound through June
    with pytest.raises(RuleConflict, match="2025-07-10"):
        require_limits_sound(pm, cal, params, _until(7, 31), 2025)
    with pytest.raises(RuleConflict, match="2025-07-10"):  # a failure is not remembered as sound
        require_limits_sound(pm, cal, params, _until(7, 31), 2025)


def test_a_plugin_registered_since_is_checked_from_the_first_day() -> None:
    pm = get_plugin_manager(autoload=False, plugins=[("yi", _County())])
    cal, params = WorkCalendar(), baseline_parameters()
    require_limits_sound(pm, cal, params, _until(12, 31), 2025)
    pm.unregister(name="yi")
    pm.register(_County(lax_from=date(2023, 1, 1)), name="yi")  # the same name, another plugin
    with pytest.raises(RuleConflict, match="2023-01-01"):
        require_limits_sound(pm, cal, params, _until(12, 31), 2025)


def test_other_parameters_or_another_calendar_start_afresh() -> None:
    county = _County()
    pm = get_plugin_manager(autoload=False, plugins=[("yi", county)])
    cal, params = WorkCalendar(), baseline_parameters()
    require_limits_sound(pm, cal, params, _until(6, 30), 2025)
    first = county.asked
    require_limits_sound(pm, cal, attrs.evolve(params), _until(6, 30), 2025)
    assert county.asked == 2 * first
    require_limits_sound(pm, WorkCalendar.provisional(), params, _until(6, 30), 2025)
    assert county.asked == 3 * first


def test_an_equal_calendar_made_again_reads_no_day_again() -> None:
    """``assess`` not given a calendar makes the official one anew: each call read every day of
    every county plugin's limits again (the kit's checks, some 25 assessments an example)."""
    county = _County()
    pm = get_plugin_manager(autoload=False, plugins=[("yi", county)])
    params = baseline_parameters()
    require_limits_sound(pm, WorkCalendar(), params, _until(6, 30), 2025)
    first = county.asked
    require_limits_sound(pm, WorkCalendar(), params, _until(6, 30), 2025)
    assert county.asked == first
