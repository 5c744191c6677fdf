"""require_limits_sound asks every plugin on every day and checks a day's answers only where they
differ from the day before's (engine/sla_answers.answers_key): what makes two days alike must be
what the checks read, so that a day unlike the one before is never passed unchecked. Each case
below returns answers that a plain ``==`` takes for the day before's."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import pytest

from softenv_core import ComplaintSla, PluginInfo, WorkCalendar, get_plugin_manager, hookimpl
from softenv_core.analyses.complaint_limits import require_limits_sound
from softenv_core.engine import sla_answers
from softenv_core.engine.parameters import baseline_parameters
from softenv_core.engine.trace import ParamValue
from softenv_core.errors import PluginError, RuleConflict
from softenv_core.model.periods import BEIJING

_CITY = {"complaint": 15, "report": 15, "suggestion": 5}
_ODD_DAY = date(2024, 5, 20)
_UNTIL = datetime(2025, 12, 31, 12, tzinfo=BEIJING)


class _County:
    """County 379921's limits, the city's every day; ``answer(on)`` makes each day's."""

    def __init__(self) -> None:
        self.days = dict(_CITY)  # one dict, returned every day

    @hookimpl
    def softenv_plugin_info(self) -> PluginInfo:
        return PluginInfo(county="379921", title="乙县", reference="乙经贸〔2025〕2号")

    @hookimpl
    def softenv_complaint_sla(self, kind: Any, calendar: Any, params: Any, on: date) -> ComplaintSla:
        return self.answer(on)

    def answer(self, on: date) -> ComplaintSla:
        return ComplaintSla(accept=1, sign=1, resolve=dict(_CITY), max_extension=15, follow_up=2, reference="乙")


def _check(county: _County) -> None:
    pm = get_plugin_manager(autoload=False, plugins=[("yi", county)])
    require_limits_sound(pm, WorkCalendar(), baseline_parameters(), _UNTIL, 2025)


def test_a_limit_written_true_for_1_on_one_day_is_refused() -> None:
    """True == 1, but True is no number of working days (check_sla refuses it)."""

    class Bool(_County):
        def answer(self, on: date) -> ComplaintSla:
            sla = super().answer(on)
            return sla if on != _ODD_DAY else ComplaintSla(True, 1, dict(_CITY), 15, 2, "乙")  # type: ignore[arg-type]

    _check(_County())  # the plain plugin is sound
    with pytest.raises(PluginError, match="accept"):
        _check(Bool())


def test_one_dict_changed_in_place_on_a_day_is_checked_again_and_the_day_named() -> None:
    class InPlace(_County):
        def answer(self, on: date) -> ComplaintSla:
            self.days["complaint"] = 16 if on == _ODD_DAY else 15  # laxer than the city's 15 that day
            return ComplaintSla(accept=1, sign=1, resolve=self.days, max_extension=15, follow_up=2, reference="乙")

    with pytest.raises(RuleConflict, match=str(_ODD_DAY)):
        _check(InPlace())


def test_an_answer_of_a_subclass_equal_to_anything_is_checked_every_day() -> None:
    class Sly(ComplaintSla):
        def __eq__(self, other: object) -> bool:
            return True

        __hash__ = ComplaintSla.__hash__

    class Lax(_County):
        def answer(self, on: date) -> ComplaintSla:
            days = dict(_CITY, complaint=16) if on == _ODD_DAY else dict(_CITY)
            return Sly(accept=1, sign=1, resolve=days, max_extension=15, follow_up=2, reference="乙")

    with pytest.raises(RuleConflict, match=str(_ODD_DAY)):
        _check(Lax())


def test_a_cited_parameter_rewritten_in_place_on_a_day_is_checked_again() -> None:
    """A county's own parameter, renamed one day (object.__setattr__ gets past frozen) as the
    city's ``duty.extra_cap`` with a figure the city's set does not give."""
    cited = ParamValue(name="county.379921.note", value=1, effective_from=date(2022, 1, 1), reference="乙")

    class Rewrites(_County):
        def answer(self, on: date) -> ComplaintSla:
            object.__setattr__(cited, "name", "duty.extra_cap" if on == _ODD_DAY else "county.379921.note")
            return ComplaintSla(1, 1, dict(_CITY), 15, 2, "乙", params=(cited,))

    with pytest.raises(PluginError, match="params"):
        _check(Rewrites())


def test_alike_days_are_asked_but_checked_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The point of the key: some 1,400 days a kind, the answers checked on the first day and
    on the days the city's limits changed, the plugin asked every day."""
    checked: list[str] = []

    def counting(plugin: str, hook: str, sla: ComplaintSla) -> None:
        checked.append(plugin)

    monkeypatch.setattr(sla_answers, "check_sla", counting)
    asked: list[date] = []

    class Counts(_County):
        def answer(self, on: date) -> ComplaintSla:
            asked.append(on)
            return super().answer(on)

    _check(Counts())
    assert len(asked) > 3 * 1000  # every day of every kind
    assert 0 < len(checked) < 3 * 2 * 10  # (city, county) on a few days of each kind


def test_an_explanations_earlier_limits_are_those_of_each_day_asked_alone() -> None:
    """``softenv explain --county`` names the limits in force on each day of the year, read day by
    day as the sweep reads them (settled only where a day's answers differ): the spans are those
    that asking each day alone gives, with a county's limits changing mid-year (tests/p44_xingang)."""
    from softenv_core.analyses.complaint_limits import earlier_limits, limits_in_force

    from . import p44_xingang
    from .p44_xingang import COUNTY

    pm = get_plugin_manager(autoload=False, plugins=[("xingang", p44_xingang)])
    cal, params, on = WorkCalendar(), baseline_parameters(), date(2025, 12, 31)
    spans: list[tuple[date, date, object]] = []
    day = date(2025, 1, 1)
    while day <= on:
        limits = limits_in_force(pm, COUNTY, cal, params, day)
        spans = (
            [*spans[:-1], (spans[-1][0], day, limits)]
            if spans and spans[-1][2] == limits
            else [*spans, (day, day, limits)]
        )
        day += timedelta(days=1)
    expected = tuple(s for s in spans[:-1] if s[2])
    assert expected  # the county's own limits begin mid-year: an earlier span to name
    assert earlier_limits(pm, COUNTY, cal, params, on) == expected
