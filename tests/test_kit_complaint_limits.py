"""`softenv plugins --check` and the conformance kit ask a plugin's complaint limits.

An assessment never asks ``softenv_complaint_sla`` unless a condition reads a complaint's
status, so a county whose limits were laxer than the city's (refused by the engine as a
RuleConflict, docs/hooks.md) passed both checks and failed only when the first monthly report
held a complaint about one of its departments (finding p31 1).
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from softenv_core import PluginInfo, hookimpl, monthly_deadline
from softenv_core.engine.ruletypes import ComplaintSla
from softenv_core.rules.registry import get_plugin_manager
from softenv_core.testing import check_plugin
from softenv_core.testing.plugin_check import check_installed

CITY = {
    "accept": 1,
    "sign": 1,
    "resolve": {"complaint": 15, "report": 15, "suggestion": 5},
    "max_extension": 15,
    "follow_up": 2,
}


class _Limits:
    county = "379902"
    limits: ClassVar[dict[str, object]] = CITY

    @hookimpl
    def softenv_plugin_info(self) -> PluginInfo:
        return PluginInfo(county=self.county, title=type(self).__name__, reference="测试")

    @hookimpl
    def softenv_complaint_sla(self, kind, calendar, params, on: date) -> ComplaintSla:  # type: ignore[no-untyped-def]
        return ComplaintSla(**self.limits, reference="测试")  # type: ignore[arg-type]


class LaxerExtension(_Limits):
    limits: ClassVar[dict[str, object]] = {**CITY, "max_extension": 20}


class LaxerSuggestion(_Limits):
    limits: ClassVar[dict[str, object]] = {**CITY, "resolve": {"complaint": 10, "report": 10, "suggestion": 6}}


class Stricter(_Limits):
    limits: ClassVar[dict[str, object]] = {
        **CITY,
        "resolve": {"complaint": 10, "report": 10, "suggestion": 5},
        "max_extension": 10,
    }


def _faults(plugin: _Limits) -> list[str]:
    pm = get_plugin_manager(autoload=False, plugins=[("limits", plugin)])
    return [f"{f.hook} {f.problem} | {f.fix}" for f in check_installed(pm, 2025)]


def test_plugins_check_names_a_laxer_extension() -> None:
    faults = _faults(LaxerExtension())
    assert len(faults) == 1
    assert faults[0].startswith("softenv_complaint_sla ")
    assert "max_extension 20 > 15" in faults[0]
    assert "stricter" in faults[0].split("|")[1]


def test_plugins_check_names_a_laxer_limit_of_one_kind() -> None:
    faults = _faults(LaxerSuggestion())
    assert len(faults) == 1 and "resolve['suggestion'] 6 > 5" in faults[0]


def test_plugins_check_accepts_stricter_limits() -> None:
    assert _faults(Stricter()) == []


def test_kit_fails_a_laxer_limit_under_no_conflict() -> None:
    report = check_plugin(LaxerExtension(), "limits", others=[], max_examples=2, hash_seed=False)
    assert set(report.failures) == {"no_conflict"}
    assert "max_extension 20 > 15" in report.failures["no_conflict"]


def test_kit_passes_stricter_limits() -> None:
    assert check_plugin(Stricter(), "limits", others=[], max_examples=2, hash_seed=False).passed


class EarlyDeadline(_Limits):
    """Its deadline on a month falls inside that month (an off-by-one month)."""

    county = "379912"  # no county of the demo city

    @hookimpl
    def softenv_report_deadline(self, county, month, calendar, params):  # type: ignore[no-untyped-def]
        return monthly_deadline(calendar, month - 1, 5, rule_id="county.379912.deadline", reference="测试")


def test_a_deadline_fault_of_a_county_the_demo_lacks_names_that_county() -> None:
    # The demo city's first county (379902) stood in for it and was named in the fault, as if
    # the plugin had answered for another county (finding p31 5).
    faults = _faults(EarlyDeadline())
    deadline = [f for f in faults if f.startswith("softenv_report_deadline ")]
    assert len(deadline) == 1
    assert "county 379912" in deadline[0] and "379902" not in deadline[0]
