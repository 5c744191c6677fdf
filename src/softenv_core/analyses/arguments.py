"""The optional arguments the main analyses share (``calendar``, ``params``), checked at the
public boundary: a wrong type is FieldInvalid naming the argument (docs/reliability.md), not an
AttributeError from deep inside an analysis, or a PluginError blaming the city's plugin."""

from __future__ import annotations

from softenv_core.engine.parameters import ParameterSet, baseline_parameters
from softenv_core.errors import FieldInvalid
from softenv_core.workdays.calendar import WorkCalendar


def calendar_or_official(calendar: WorkCalendar | None) -> WorkCalendar:
    """``calendar``, else the strict official one; anything else is FieldInvalid."""
    if calendar is None:
        return WorkCalendar()
    if not isinstance(calendar, WorkCalendar):
        raise FieldInvalid(
            "calendar",
            f"expected a WorkCalendar (WorkCalendar(), WorkCalendar.provisional(), load_arrangements) or None, "
            f"got {type(calendar).__name__} {calendar!r:.40}",
        )
    return calendar


def params_or_baseline(params: ParameterSet | None) -> ParameterSet:
    """``params``, else the city baseline's; anything else is FieldInvalid."""
    if params is None:
        return baseline_parameters()
    if not isinstance(params, ParameterSet):
        raise FieldInvalid(
            "params",
            f"expected a ParameterSet (baseline_parameters(), parse_parameters) or None, "
            f"got {type(params).__name__} {params!r:.40}",
        )
    return params


__all__ = ["calendar_or_official", "params_or_baseline"]
