"""The optional arguments the main analyses share (``calendar``, ``params``), checked at the
public boundary: a wrong type is FieldInvalid naming the argument (docs/reliability.md), not an
AttributeError from deep inside an analysis, or a PluginError blaming the city's plugin."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from softenv_core._validators import argument, callable_or_none
from softenv_core.engine.parameters import ParameterSet, baseline_parameters
from softenv_core.io.validation import require_valid
from softenv_core.model.dataset import Dataset
from softenv_core.model.periods import require_aware, require_year
from softenv_core.workdays.calendar import WorkCalendar

_CALENDAR = "a WorkCalendar (WorkCalendar(), WorkCalendar.provisional(), load_arrangements) or None"
_PARAMS = "a ParameterSet (baseline_parameters(), parse_parameters) or None"


def calendar_or_official(calendar: WorkCalendar | None) -> WorkCalendar:
    """``calendar``, else the strict official one; anything else is FieldInvalid."""
    return WorkCalendar() if calendar is None else argument(calendar, WorkCalendar, "calendar", _CALENDAR)


def params_or_baseline(params: ParameterSet | None) -> ParameterSet:
    """``params``, else the city baseline's; anything else is FieldInvalid."""
    return baseline_parameters() if params is None else argument(params, ParameterSet, "params", _PARAMS)


def require_year_arguments(
    dataset: Dataset, year: int, as_of: datetime | None, progress: Callable[[str, int, int], None] | None
) -> None:
    """The checks of a year's assessment (评议考核) at its public boundary, in the order ``assess``
    makes them: the year, a time zone on ``as_of``, ``progress`` callable, then the dataset (a
    dataset built in Python is checked once, as a file would be). The year end's city
    assessment (analyses.assessment_whole) makes the same ones, from here."""
    require_year(year)
    require_aware(as_of)
    callable_or_none(progress, "progress", "a function progress(stage, done, total) or None")
    require_valid(dataset)


__all__ = ["calendar_or_official", "params_or_baseline", "require_year_arguments"]
