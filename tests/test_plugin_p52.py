"""Plugin author p52 (新港区 379911), finding 01: a county's complaint limits cited, and applied,
its own parameter before that parameter was in force.

The plugin's 意见建议 limit of 3 working days is a county parameter dated 2025-07-01. Read on the
year's last day instead of ``on`` (the day the step opened, the day the limits are asked for), it
put a suggestion received on 2025-03-03 under the 3-day limit and cited the 07-01 value beside
it: the engine skipped the in-force test for complaint limits, which it applies to an award's and
a deadline's parameters. It is refused now, naming plugin, hook, county, kind, day and parameter.
"""

from __future__ import annotations

from datetime import date

import attrs
import pytest

from softenv_core import baseline_parameters, complaint_status, get_plugin_manager, sla_for
from softenv_core.engine.trace import ParamValue
from softenv_core.errors import PluginError
from softenv_core.plugin import (
    ComplaintKind,
    ComplaintSla,
    EventType,
    ParameterSet,
    PluginInfo,
    WorkCalendar,
    baseline_sla,
    hookimpl,
)
from softenv_core.testing import beijing, make_complaint, small_dataset
from softenv_core.testing.conformance import check_plugin

COUNTY = "379911"
POLICY = "新港区经信局〔2025〕5号"
SLA = f"county.{COUNTY}.complaint.suggestion_resolve_workdays"
SINCE = date(2025, 7, 1)
LIMIT = ParamValue(SLA, 3, SINCE, f"{POLICY} 第七条")


def _limits(kind: ComplaintKind, params: ParameterSet, on: date, read_on: date) -> ComplaintSla | None:
    if read_on < SINCE:  # the county's stricter limit applies from 2025-07-01
        return None
    base = baseline_sla(kind, params, on=on)
    return attrs.evolve(
        base,
        resolve={**base.resolve, ComplaintKind.SUGGESTION.value: LIMIT.whole()},
        reference=f"{POLICY} 第七条：意见建议3个工作日内办结",
        params=(*base.params, LIMIT),
    )


class Sla:
    """Correct: the county's limit read on ``on``."""

    @hookimpl
    def softenv_plugin_info(self) -> PluginInfo:
        return PluginInfo(county=COUNTY, title="新港区监测点工作细则", reference=POLICY)

    @hookimpl
    def softenv_complaint_sla(
        self, kind: ComplaintKind, calendar: WorkCalendar, params: ParameterSet, on: date
    ) -> ComplaintSla | None:
        return _limits(kind, params, on, on)


class SlaYearEnd(Sla):
    """Wrong: the county's limit read on the year's last day."""

    @hookimpl
    def softenv_complaint_sla(
        self, kind: ComplaintKind, calendar: WorkCalendar, params: ParameterSet, on: date
    ) -> ComplaintSla | None:
        return _limits(kind, params, on, date(on.year, 12, 31))


def _pm(plugin: object):  # type: ignore[no-untyped-def]
    return get_plugin_manager(autoload=False, plugins=[(type(plugin).__name__.lower(), plugin)])


def _suggestion(day: date):  # type: ignore[no-untyped-def]
    ds = small_dataset(2025, (COUNTY,))
    point = next(p.id for p in ds.points if p.county == COUNTY)
    q = make_complaint(
        "Q1",
        point,
        beijing(day.year, day.month, day.day, 9),
        kind=ComplaintKind.SUGGESTION,
        department=f"{COUNTY}-amr",
        until=EventType.SIGNED,
    )
    return attrs.evolve(ds, complaints=(q,)), q


def test_limits_citing_a_county_parameter_not_yet_in_force_are_refused() -> None:
    ds, q = _suggestion(date(2025, 3, 3))
    cal = WorkCalendar()
    limits = sla_for(_pm(SlaYearEnd()), ds, q, cal, baseline_parameters())  # asked per step, lazily
    with pytest.raises(PluginError) as caught:
        complaint_status(q, beijing(2025, 3, 7, 12), limits, cal)
    text = str(caught.value)
    for part in (
        "'slayearend'",
        "softenv_complaint_sla",
        f"{SLA} = 3 (from 2025-07-01;",
        "is not in force on 2025-03-03",
        "complaint limits of county 379911 for suggestion on 2025-03-03",
    ):
        assert part in text, (part, text)


def test_limits_read_on_the_steps_day_change_from_july() -> None:
    cal, params = WorkCalendar(), baseline_parameters()
    march, q = _suggestion(date(2025, 3, 3))
    st = complaint_status(q, beijing(2025, 3, 7, 12), sla_for(_pm(Sla()), march, q, cal, params), cal)
    assert st.overdue_workdays == 0  # the city's limit: due 03-10
    july, q = _suggestion(date(2025, 7, 7))
    st = complaint_status(q, beijing(2025, 7, 11, 12), sla_for(_pm(Sla()), july, q, cal, params), cal)
    assert st.overdue_workdays == 1  # the county's 3 days from 07-01: due 07-10


def test_the_kit_finds_the_limits_read_on_another_day() -> None:
    assert not check_plugin(Sla(), "sla", others=[], max_examples=3, hash_seed=False).failures
    failures = check_plugin(SlaYearEnd(), "slayearend", others=[], max_examples=3, hash_seed=False).failures
    assert failures and any(SLA in text for text in failures.values()), failures
