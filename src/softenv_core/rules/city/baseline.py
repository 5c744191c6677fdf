"""The city baseline, version 2022-03-01 (the seed's date), as a plugin like any county's.

This module holds the hook implementations; the rule and condition values live beside it by
subject (``duty``, ``compliance``, ``topten``, ``commendation``). Every number comes from the
dated parameter files in ``parameters/`` (one file per name prefix); each rule cites the seed
clause it implements, and ``city decision`` for what the seed does not say.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from softenv_core._validators import FieldInvalid, argument
from softenv_core.engine.deadlines import monthly_deadline
from softenv_core.engine.held_memo import HeldMemo
from softenv_core.engine.hookspecs import hookimpl
from softenv_core.engine.parameters import ParameterSet
from softenv_core.engine.ruletypes import ComplaintSla, Condition, Deadline, PluginInfo, Rule
from softenv_core.engine.trace import ParamValue
from softenv_core.model.complaints import ComplaintKind
from softenv_core.model.divisions import County
from softenv_core.model.periods import Month
from softenv_core.rules.city.duty import base_rules
from softenv_core.rules.city.sources import (
    CITY_DECISION,
    SEED_TITLE,
    city_decision_zh,
    seed,
    seed_and_decision,
    seed_zh,
)
from softenv_core.rules.city.topten import CONDITIONS
from softenv_core.workdays.calendar import WorkCalendar

SEED = SEED_TITLE


@hookimpl
def softenv_plugin_info() -> PluginInfo:
    return PluginInfo(county=None, title="市级基线规则 (city baseline 2022-03-01)", reference=SEED)


#: The rule's fixed reference states no number: the due day is ``report.due_day``, cited beside
#: it with its value, date and document. It quoted the seed's "每月5日前", which no dated value can
#: change, above ``report.due_day = 3`` from a city document (reviewer r59 04); the parameter's
#: own reference still quotes the seed's 5 for the seed's value.
_DEADLINE = (
    seed("三(二)", "实行零报告制度, 无论有无情况")
    + " (each county reports the previous month to 市经贸委); due day: the parameter report.due_day; 顺延: "
    + CITY_DECISION
)
_DEADLINE_ZH = (
    seed_zh("三(二)", "实行零报告制度,无论有无情况")
    + "，各县区按月将上月情况报市经贸委；报送截止日：按所列参数（次月几日）；"
    + city_decision_zh("遇节假日顺延")
)


#: The city's deadline by parameter set and calendar (both immutable) and month: the same for
#: every county, and asked for each county and month of every analysis (a Deadline is an
#: immutable value). ``assess`` makes an official calendar when given none: one more set held.
_DUE: HeldMemo[Deadline] = HeldMemo(keep=8)


@hookimpl
def softenv_report_deadline(county: County, month: Month, calendar: WorkCalendar, params: ParameterSet) -> Deadline:
    if type(month) is not Month:  # checked below (monthly_deadline names it)
        return _deadline(month, calendar, params)
    found = _DUE.get((params, calendar), month)
    if found is None:
        found = _DUE.put((params, calendar), month, _deadline(month, calendar, params))
    return found


#: A calendar of the city's own for each calendar handed to the hook (equal to it: the same mode
#: and arrangements, so the same answers), on which the city's deadline is worked out: the handed
#: one is handed to every county plugin too, and what a plugin wrote into its memo was read as
#: the city's deadline of every county (attacker x74 04).
_OWN: HeldMemo[WorkCalendar] = HeldMemo(keep=8)


def _own(calendar: WorkCalendar) -> WorkCalendar:
    if type(calendar) is not WorkCalendar:  # a stand-in (monthly_deadline refuses it) or a subclass: as given
        return calendar
    found = _OWN.get((calendar,), None)
    if found is None:
        found = _OWN.put((calendar,), None, WorkCalendar(calendar.mode, calendar.arrangements))
    return found


def _deadline(month: Month, calendar: WorkCalendar, params: ParameterSet) -> Deadline:
    calendar = _own(calendar)
    on = (month + 1).first_day
    due_day = params.get("report.due_day", on)
    policy = params.get("report.holiday_policy", on)
    return monthly_deadline(
        calendar,
        month,
        due_day.whole(),
        rule_id="city.report.deadline",
        reference=_DEADLINE,
        params=(due_day, policy),
        policy=policy.text(),
        reference_zh=_DEADLINE_ZH,
    )


@hookimpl
def softenv_point_rules(year: int, params: ParameterSet) -> Sequence[Rule]:
    return base_rules(year, params)


@hookimpl
def softenv_extra_point_rules(year: int, params: ParameterSet) -> Sequence[Rule]:
    return ()


@hookimpl
def softenv_topten_conditions(year: int, params: ParameterSet) -> Sequence[Condition]:
    return CONDITIONS


def baseline_sla(kind: ComplaintKind, params: ParameterSet, *, on: date) -> ComplaintSla:
    """The city baseline's limits for ``kind`` from the parameters in force ``on`` (a complaint
    step's limit is read on the step's start: DESIGN "Reading a parameter").

    ``on`` is required, by keyword: it defaulted to ``date.max``, so a call without it gave the
    newest limits, a 2026 change's for a 2025 complaint (reviewer r59 05)."""
    return _made(_sla_values(kind, params, on))


_SLA_NAMES = (
    "complaint.accept_workdays",
    "complaint.sign_workdays",
    "complaint.resolve_workdays",
    "complaint.max_extension_workdays",
    "complaint.follow_up_workdays",
)
_SLA_REFERENCE, _SLA_REFERENCE_ZH = seed_and_decision(
    "三(三)", "纳入投拆机制, 由市软建办派员承办、督办", "limits", "办理时限", "纳入投拆机制,由市软建办派员承办、督办"
)


def _sla_values(kind: ComplaintKind, params: ParameterSet, on: date) -> tuple[ParamValue, ...]:
    """The five parameter values in force ``on`` that the limits are made of (the arguments checked)."""
    argument(kind, ComplaintKind, "kind", "a ComplaintKind")
    argument(params, ParameterSet, "params", "a ParameterSet (baseline_parameters())")
    if type(on) is not date:  # a datetime is a date too, but not comparable with one
        raise FieldInvalid("on", f"expected a date, got {type(on).__name__} {on!r:.40}")
    return tuple(params.get(n, on) for n in _SLA_NAMES)


def _made(values: tuple[ParamValue, ...]) -> ComplaintSla:
    accept, sign, resolve, ext, follow = values
    return ComplaintSla(
        accept=accept.whole(),
        sign=sign.whole(),
        resolve=resolve.whole_by_key(),
        max_extension=ext.whole(),
        follow_up=follow.whole(),
        reference=_SLA_REFERENCE,
        reference_zh=_SLA_REFERENCE_ZH,  # explain --county printed the English (clerk c51 08)
        params=values,
    )


#: The hook's limits by the parameter values they were made of (the objects in force) and by
#: parameter set and day: the engine asks the city for every county, kind and day, and the
#: every-day sweep (require_limits_sound) reads some 1,400 days a county for each kind, whose
#: values change on a handful of days. A parameter set is immutable, so the set and the day
#: decide the values. Safe to share: the engine reads the hook's answer and keeps a copy of its
#: own (sla_answers.detached); ``baseline_sla`` gives a new object each call, whose ``resolve``
#: its caller may change.
#: Each kept with its limits by kind as made: a caller of the hook itself that changes the
#: ``resolve`` dict it was given in place (instead of building its own, as docs/hooks.md shows)
#: would change them for every later caller; a kept answer whose limits differ is not given again.
#: The snapshot keeps each limit's type beside it: ``15.0`` or ``Decimal(15)`` put in place of
#: ``15`` is equal to it, and would pass a check by ``==`` to be refused by the engine, as the
#: city's fault, on every later call (reviewer r53 1b).
#: The answer itself is shared with every direct caller of this function; ``baseline_sla`` is
#: the one that gives a caller an object of its own (docs/hooks.md).
_Kept = tuple[ComplaintSla, tuple[tuple[str, type, object], ...]]
_MADE: HeldMemo[_Kept] = HeldMemo(keep=256)
_BY_DAY: HeldMemo[_Kept] = HeldMemo(keep=8)


@hookimpl
def softenv_complaint_sla(kind: ComplaintKind, calendar: WorkCalendar, params: ParameterSet, on: date) -> ComplaintSla:
    if type(on) is date and type(kind) is ComplaintKind:
        found = _BY_DAY.get((params,), on)
        if found is not None and _limits(found[0]) == found[1]:
            return found[0]
    values = _sla_values(kind, params, on)  # the limits in force the day the step opened
    made = _MADE.get(values, None)
    changed = made is not None and _limits(made[0]) != made[1]
    if made is None or changed:  # changed in place by a caller: made anew, in its place
        sla = _made(values)
        made = _MADE.put(values, None, (sla, _limits(sla)), replace=changed)
    return _BY_DAY.put((params,), on, made, replace=True)[0]


def _limits(sla: ComplaintSla) -> tuple[tuple[str, type, object], ...]:
    """``sla``'s resolve limits with their types, as a kept answer's snapshot compares them."""
    return tuple((k, type(v), v) for k, v in sla.resolve.items())
