"""The optional arguments the main analyses share (``calendar``, ``params``), checked at the
public boundary: a wrong type is FieldInvalid naming the argument (docs/reliability.md), not an
AttributeError from deep inside an analysis, or a PluginError blaming the city's plugin."""

from __future__ import annotations

from softenv_core._validators import argument
from softenv_core.engine.parameters import ParameterSet, baseline_parameters
from softenv_core.workdays.calendar import WorkCalendar

_CALENDAR = "a WorkCalendar (WorkCalendar(), WorkCalendar.provisional(), load_arrangements) or None"
_PARAMS = "a ParameterSet (baseline_parameters(), parse_parameters) or None"


def calendar_or_official(calendar: WorkCalendar | None) -> WorkCalendar:
    """``calendar``, else the strict official one; anything else is FieldInvalid."""
    return WorkCalendar() if calendar is None else argument(calendar, WorkCalendar, "calendar", _CALENDAR)


def params_or_baseline(params: ParameterSet | None) -> ParameterSet:
    """``params``, else the city baseline's; anything else is FieldInvalid."""
    return baseline_parameters() if params is None else argument(params, ParameterSet, "params", _PARAMS)


__all__ = ["calendar_or_official", "params_or_baseline"]
