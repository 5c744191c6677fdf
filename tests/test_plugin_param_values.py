"""A county plugin's own parameters of every JSON kind, as a plugin author uses them (p32):
a list or mapping value cited by a deadline, and a wrong value caught by ``softenv plugins
--check`` as a fault of the plugin, never a stop of the whole check."""

from __future__ import annotations

from datetime import date

from softenv_core import CITY_OFFICE, assess, get_plugin_manager
from softenv_core.engine.parameters import DatedValue, Parameter, county_parameters
from softenv_core.plugin import (
    County,
    Deadline,
    Month,
    MonthState,
    ParameterSet,
    PluginInfo,
    WorkCalendar,
    hookimpl,
    monthly_deadline,
)
from softenv_core.testing import small_dataset

DAY = date(2025, 1, 1)


def _params(value: object) -> ParameterSet:
    dated = (DatedValue(DAY, value),)
    return county_parameters([Parameter("county.379902.report.due_by_month", "县〔2025〕1号", values=dated)], "county.379902")


class _ByMonth:
    """A deadline whose due day is read from a mapping of month numbers (a frozen mapping)."""

    params = _params({"01": 3, "other": 4})

    @hookimpl
    def softenv_plugin_info(self) -> PluginInfo:
        return PluginInfo(county="379902", title="县细则", reference="县〔2025〕1号")

    @hookimpl
    def softenv_report_deadline(
        self, county: County, month: Month, calendar: WorkCalendar, params: ParameterSet
    ) -> Deadline | None:
        pv = self.params.get("county.379902.report.due_by_month", month.first_day)
        days = pv.whole_by_key()
        day = days.get(f"{month.month:02d}", days["other"])
        return monthly_deadline(calendar, month, day, rule_id="county.379902.deadline", reference="县〔2025〕1号", params=(pv,))


def test_a_deadline_may_cite_a_mapping_or_list_parameter() -> None:
    """monthly_deadline remembered each answer under a key holding its params: a ParamValue of
    a list or mapping is unhashable, so a deadline citing one raised "TypeError: unhashable
    type: 'FrozenDict'" (reported as the plugin's fault) though every argument was right."""
    pm = get_plugin_manager(autoload=False, plugins=[("bymonth", _ByMonth())])
    result = assess(small_dataset(2025, ("379902",)), 2025, pm, audience=CITY_OFFICE)
    (county,) = [c for c in result.counties if c.code == "379902"]
    feb = next(m for m in county.months if m.month == Month(2025, 2))
    assert feb.status is MonthState.ON_TIME
    assert feb.deadline is not None and feb.deadline.nominal == date(2025, 3, 4)
    assert feb.deadline.params[0].value == {"01": 3, "other": 4}
    listed = ParameterSet(()).merged([Parameter("x.days", "r", values=(DatedValue(DAY, [3, 4]),))])
    pv = listed.get("x.days", DAY)
    first = monthly_deadline(WorkCalendar(), "2025-04", 3, rule_id="x", reference="r", params=(pv,))
    assert first == monthly_deadline(WorkCalendar(), "2025-04", 3, rule_id="x", reference="r", params=[pv])
    assert first.params == (pv,)
