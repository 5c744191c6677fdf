"""The hooks through which the city baseline and county plugins supply their rules.

Every hook is called with keyword arguments. A county plugin's answers apply to its own
county only (it says which in ``softenv_plugin_info``); the engine calls each plugin on its
own, so that a failure names the plugin and no answer is silently dropped. Each hook has a
section in docs/hooks.md, with the signature below (a test compares them).

What a hook receives and returns is typed, with no ``Any``; every type named here is
importable from ``softenv_core.plugin``, the plugin authors' surface.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from datetime import date

    from softenv_core.engine.parameters import ParameterSet
    from softenv_core.engine.ruletypes import ComplaintSla, Condition, Deadline, PluginInfo, Rule
    from softenv_core.model.complaints import ComplaintKind
    from softenv_core.model.divisions import County
    from softenv_core.model.periods import Month
    from softenv_core.workdays.calendar import WorkCalendar

PROJECT = "softenv"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def softenv_plugin_info() -> PluginInfo:  # type: ignore[empty-body]
    """Say who this plugin is: the county it serves (None for the city), a title, a reference."""


@hookspec
def softenv_report_deadline(
    county: County, month: Month, calendar: WorkCalendar, params: ParameterSet
) -> Deadline | None:
    """Return the due moment of ``county``'s report on ``month``, or None to leave it to the city."""


@hookspec
def softenv_point_rules(year: int, params: ParameterSet) -> Sequence[Rule]:  # type: ignore[empty-body]
    """Return the base scoring rules for points; a county rule may replace a replaceable city rule."""


@hookspec
def softenv_extra_point_rules(year: int, params: ParameterSet) -> Sequence[Rule]:  # type: ignore[empty-body]
    """Return rules that add (or deduct) points for this plugin's county's points."""


@hookspec
def softenv_topten_conditions(year: int, params: ParameterSet) -> Sequence[Condition]:  # type: ignore[empty-body]
    """Return further conditions a county must meet for 十佳 先进; they can only disqualify."""


@hookspec
def softenv_complaint_sla(
    kind: ComplaintKind, calendar: WorkCalendar, params: ParameterSet, on: date
) -> ComplaintSla | None:
    """Return the working-day limits of a complaint's steps in force on ``on`` (the day the
    step opened), or None to leave them to the city."""


HOOKS: tuple[str, ...] = (
    "softenv_plugin_info",
    "softenv_report_deadline",
    "softenv_point_rules",
    "softenv_extra_point_rules",
    "softenv_topten_conditions",
    "softenv_complaint_sla",
)

#: The hooks that give rules and conditions (their ids one namespace: engine.resolution's
#: require_ids_apart, the manager's listing, the conformance kit's periods), named once.
RULE_HOOKS: tuple[str, ...] = ("softenv_point_rules", "softenv_extra_point_rules", "softenv_topten_conditions")

__all__ = ["HOOKS", "PROJECT", "RULE_HOOKS", "hookimpl", "hookspec"]
