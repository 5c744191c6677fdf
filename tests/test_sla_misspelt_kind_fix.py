"""Complaint limits keyed by a misspelt kind ("sugestion") in `softenv plugins --check`
(plugin author p37): the fault said "plugin 'x', hook softenv_complaint_sla: plugin 'x', hook
softenv_complaint_sla: field resolve: key 'sugestion' is not a complaint kind …" (where, twice)
with the fix for laxer limits ("lower the laxer limits"), and the kit's the generic "return the
type the hook's signature names". The fault says where once, and the fix says how to key them."""

from __future__ import annotations

from datetime import date

from softenv_core import get_plugin_manager
from softenv_core.plugin import ComplaintKind, ComplaintSla, ParameterSet, PluginInfo, WorkCalendar, hookimpl
from softenv_core.testing.check_fixes import fix_for
from softenv_core.testing.plugin_check import check_installed


class _Misspelt:
    @hookimpl
    def softenv_plugin_info(self) -> PluginInfo:
        return PluginInfo(county="379923", title="云岭县", reference="r")

    @hookimpl
    def softenv_complaint_sla(
        self, kind: ComplaintKind, calendar: WorkCalendar, params: ParameterSet, on: date
    ) -> ComplaintSla | None:
        return ComplaintSla(
            accept=1,
            sign=1,
            resolve={"complaint": 5, "report": 5, "sugestion": 3},
            max_extension=5,
            follow_up=3,
            reference="r",
        )


def test_a_misspelt_kind_is_said_once_with_the_fix_for_keys() -> None:
    pm = get_plugin_manager(autoload=False, plugins=[("yunling", _Misspelt())])
    faults = [f for f in check_installed(pm, 2025) if f.hook == "softenv_complaint_sla"]
    assert len(faults) == 1, faults
    shown = f"plugin {faults[0].plugin!r}, hook {faults[0].hook}: {faults[0].problem}"
    assert shown.count("hook softenv_complaint_sla") == 1, shown
    assert "'sugestion' is not a complaint kind" in faults[0].problem
    assert "laxer" not in faults[0].fix and "suggestion" in faults[0].fix, faults[0].fix


def test_the_kits_fix_for_a_misspelt_kind_says_how_to_key_the_limits() -> None:
    said = "field resolve: key 'sugestion' is not a complaint kind (complaint, report, suggestion)"
    assert "ComplaintKind" in fix_for(f"plugin 'p', hook softenv_complaint_sla: {said}")
