"""Plugin author p42: what earlier plugin authors found the engine accepting or wording wrongly,
each with a test that failed before the fix.

1. A county's complaint limits laxer than the city's (``ComplaintSla``) passed ``assess`` and the
   monthly report for the city office when no condition read a complaint's status, though
   ``softenv plugins --check`` and the testing kit refused them: the limits were found sound only
   for readers outside the city office. Every reader's assessment, report and year end now reads
   every county plugin's limits first (a RuleConflict, a PluginError, naming the plugin, the hook,
   the county and the limit against the city's).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from softenv_core import ComplaintSla, PluginInfo, RuleConflict, get_plugin_manager, hookimpl
from softenv_core.testing import small_dataset

CODE = "379921"


class _Lax:
    """County 379921 resolves 投诉 in 16 working days (the city: 15); no condition of its own."""

    @hookimpl
    def softenv_plugin_info(self):  # type: ignore[no-untyped-def]
        return PluginInfo(county=CODE, title="乙县", reference="乙经贸〔2025〕2号")

    @hookimpl
    def softenv_complaint_sla(self, kind, calendar, params, on):  # type: ignore[no-untyped-def]
        days = {"complaint": 16, "report": 15, "suggestion": 5}
        return ComplaintSla(accept=1, sign=1, resolve=days, max_extension=15, follow_up=2, reference="乙")


def _lax_pm():  # type: ignore[no-untyped-def]
    return get_plugin_manager(autoload=False, plugins=[("yi", _Lax())])


@pytest.mark.parametrize("what", ["assess", "report", "year_end", "workbook"])
def test_1_laxer_limits_are_refused_for_the_city_office_with_no_complaint_read(what: str, tmp_path: Path) -> None:
    from softenv_core import Month, assess, monitoring_report, year_end
    from softenv_core.render.results_workbook import write_results_workbook

    if what == "workbook":
        pytest.importorskip("openpyxl")
    ds, pm = small_dataset(2025), _lax_pm()
    calls = {
        "assess": lambda: assess(ds, 2025, pm, audience="city"),
        "report": lambda: monitoring_report(ds, Month(2025, 3), pm, audience="city"),
        "year_end": lambda: year_end(ds, 2025, pm, audience="city"),
        "workbook": lambda: write_results_workbook(ds, 2025, tmp_path / "r.xlsx", pm, audience="city"),
    }
    with pytest.raises(RuleConflict) as e:
        calls[what]()
    assert e.value.plugin == "yi" and e.value.hook == "softenv_complaint_sla"
    assert f"county {CODE}" in str(e.value)
    assert "resolve['complaint'] 16 > 15" in str(e.value)
    assert "on 2022-03-01" in str(e.value)  # the first day the city's limits are in force
