"""The working-day limits of complaint steps (投诉办理时限), read through ``softenv_complaint_sla``.

The limits of a step are those in force on the day it opened, from the plugin of the county of
the department complained about (a county's own units), else the city's: never the
complainant's county, which a due day would otherwise tell the department (tdiff finding 01).
:class:`DatedLimits` remembers them per day for one county and kind; :class:`LimitsBook` hands
them out for one batch of reports.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

from softenv_core._validators import argument
from softenv_core.analyses.audiences import complained_county
from softenv_core.engine.manager import CITY_PLUGIN, SoftenvPluginManager
from softenv_core.engine.parameters import ParameterSet
from softenv_core.engine.ruletypes import ComplaintSla
from softenv_core.engine.sla_answers import (
    DaySettler,
    LimitsAsked,
    about_limits,
    resolve_sla,
    resolve_sla_by,
    sla_answers,
)
from softenv_core.errors import PluginError, RuleConflict
from softenv_core.io.checked import require_dataset
from softenv_core.model.complaints import Complaint, ComplaintKind
from softenv_core.model.dataset import Dataset
from softenv_core.model.periods import BEIJING, Month
from softenv_core.workdays.calendar import LATE_DECEMBER_FROM, CalendarMode, WorkCalendar

#: The limits that apply to a complaint: one set for every step, or the set in force on a
#: step's date (:func:`sla_for` gives the latter, read through ``softenv_complaint_sla``).
Limits = ComplaintSla | Callable[[date], ComplaintSla]

_HOOK = "softenv_complaint_sla"


def limits_on(limits: Limits, opened: datetime) -> ComplaintSla:
    """The limits in force on the (Beijing) day of ``opened``."""
    # Events are aware (the model checks it): convert without beijing_date's check.
    return limits if isinstance(limits, ComplaintSla) else limits(opened.astimezone(BEIJING).date())


def sla_for(
    pm: SoftenvPluginManager,
    dataset: Dataset,
    complaint: Complaint,
    calendar: WorkCalendar,
    params: ParameterSet,
) -> DatedLimits:
    """The limits that apply to ``complaint``: those of the county of the department
    complained about (县区部门), else the city's (a 市直部门, or no department), in force on
    each step's date. A wrong argument is FieldInvalid naming it."""
    argument(pm, SoftenvPluginManager, "pm", "a SoftenvPluginManager (city_plugin_manager(), get_plugin_manager())")
    require_dataset(dataset)
    argument(complaint, Complaint, "complaint", "a Complaint")
    argument(calendar, WorkCalendar, "calendar", "a WorkCalendar")
    argument(params, ParameterSet, "params", "a ParameterSet (baseline_parameters())")
    return DatedLimits(pm, limits_county(dataset, complaint), complaint.kind, calendar, params)


def limits_county(dataset: Dataset, complaint: Complaint) -> str:
    """The county whose limits govern ``complaint`` ("" for the city's): the county of the
    department complained about. A county's stricter limits bind its own units; a complaint
    about a city department is handled under the city's. Taken from the complainant's point,
    as it was, the limits made each ticket's due day, overdue days and 解决率 tell the
    department complained about in which county its complainant was (docs/privacy.md)."""
    return complained_county(dataset, complaint) or ""


def limits_in_force(
    pm: SoftenvPluginManager, county: str, calendar: WorkCalendar, params: ParameterSet, on: date
) -> tuple[tuple[ComplaintKind, ComplaintSla, str, str], ...]:
    """The limits of each kind of complaint about ``county``'s departments in force ``on``, with
    the plugin (name, version) that gave them: what an explanation says set a complaint's due
    days (``softenv explain --county``). None before the city's first limits (not in force)."""
    return _limits_on(pm, county, calendar, params, on, None)


#: A kind's limits as an explanation names them: the kind, the limits, the plugin and its version.
_Named = tuple[ComplaintKind, ComplaintSla, str, str]


def _limits_on(
    pm: SoftenvPluginManager,
    county: str,
    calendar: WorkCalendar,
    params: ParameterSet,
    on: date,
    settlers: dict[ComplaintKind, DaySettler] | None,
) -> tuple[_Named, ...]:
    """:func:`limits_in_force`; ``settlers``, for days asked in turn: each kind's answers settled
    only where unlike the day before's (sla_answers.DaySettler, as the every-day sweep reads them:
    an explanation asks each day of the year)."""
    if not params.in_force("complaint.accept_workdays", on):
        return ()
    out = []
    for kind in ComplaintKind:
        if settlers is None:
            sla, meta = resolve_sla_by(pm, county, kind, calendar, params, on)
        else:
            answers = sla_answers(pm, county, kind, calendar, params, on)
            sla, meta = settlers.setdefault(kind, DaySettler()).settle(answers, county, kind, params, on)
        out.append((kind, sla, meta.name, meta.version))
    return tuple(out)


def earlier_limits(
    pm: SoftenvPluginManager, county: str, calendar: WorkCalendar, params: ParameterSet, on: date
) -> tuple[tuple[date, date, tuple[tuple[ComplaintKind, ComplaintSla, str, str], ...]], ...]:
    """The limits of complaints about ``county``'s departments in force on the days of ``on``'s
    year before those in force ``on`` (:func:`limits_in_force`), as spans (first day, last day,
    limits), earliest first; none when they did not change in the year up to ``on``.

    A county's limits in force from mid-year (a step opened earlier keeps the city's) were named
    by the explanation at the year's end alone, so a March complaint's due day read as made by
    limits that did not govern it (plugin author p44). Asked day by day (the limits are
    remembered per day); for one county's explanation, never in an assessment."""
    spans: list[tuple[date, date, tuple[_Named, ...]]] = []
    settlers: dict[ComplaintKind, DaySettler] = {}
    day = date(on.year, 1, 1)
    while day <= on:
        limits = _limits_on(pm, county, calendar, params, day, settlers)
        if spans and spans[-1][2] == limits:
            spans[-1] = (spans[-1][0], day, limits)
        else:
            spans.append((day, day, limits))
        day += timedelta(days=1)
    return tuple(s for s in spans[:-1] if s[2])  # the last span is the one in force on ``on``


#: The start of :func:`own_limits_notices`' notices, by which the report's notes find them.
OWN_LIMITS_NOTICE = "complaint limits from county "


def own_limits_notices(
    pm: SoftenvPluginManager, dataset: Dataset, on: date, calendar: WorkCalendar, params: ParameterSet
) -> tuple[str, ...]:
    """A notice for each county of ``dataset`` whose own plugin sets the complaint limits in force
    ``on`` (a month's last day): complaints about its departments are due by them. A report's due
    days and overdue counts otherwise said nothing of whose limits made them (plugin author p42)."""
    if not params.in_force("complaint.accept_workdays", on):
        return ()
    out: list[str] = []
    for county in sorted(pm.counties_with(_HOOK) & dataset.county_by_code.keys()):
        for _, sla, plugin, _version in limits_in_force(pm, county, calendar, params, on):
            if plugin != CITY_PLUGIN:  # said once per county and answer, whatever the kinds it sets
                said = (
                    f"{OWN_LIMITS_NOTICE}{county}'s plugin '{plugin}' ({sla.reference}) on {on}: "
                    "complaints about its departments are due by them, every other by the city's"
                )
                out += [said] if said not in out else []
    return tuple(out)


def require_reach_known(pm: SoftenvPluginManager, month: Month, calendar: WorkCalendar, params: ParameterSet) -> None:
    """Raise CalendarDataMissing, as a complaint due next year would, when a complaint step open
    at ``month``'s end could fall due in a year the (strict) calendar does not know — whether
    or not one does. For readers outside the city office: a report that failed only when a
    complaint reached the next year told them that such a complaint existed (tdiff finding 05).

    The reach is the city's longest limit in force on the month's last day (投诉/举报's resolve
    limit plus the one extension; a county's limits are only stricter): a step opened by the
    month's end is due at most that many working days after it."""
    if calendar.mode is CalendarMode.PROVISIONAL or not params.in_force("complaint.accept_workdays", month.last_day):
        return  # provisional years are marked, not refused (report_provisional.report_provisional)
    reach = 0
    for kind in ComplaintKind:
        sla = resolve_sla(pm, "", kind, calendar, params, on=month.last_day)
        longest = max((*sla.resolve.values(), sla.accept, sla.sign, sla.follow_up))
        reach = max(reach, longest + sla.max_extension)
    # A step due in the last days of December needs the next year's notice too, which may move
    # them (auditor a75 01): only the days before them are known with the month's year alone.
    known_until = date(month.year, 12, LATE_DECEMBER_FROM - 1)
    left = calendar.workdays_between(month.last_day, known_until) if month.last_day < known_until else 0
    if left < reach:
        calendar.source(month.year + 1)  # raises in strict mode when the year is unknown


def require_limits_sound(
    pm: SoftenvPluginManager, calendar: WorkCalendar, params: ParameterSet, until: datetime | None, year: int
) -> None:
    """Read every county plugin's complaint limits, each kind, on every day from the city's first
    limits to the (Beijing) day of ``until`` (None: ``year``'s last day), whether or not a
    complaint's step opened that day: a laxer county limit (RuleConflict) or a faulty answer
    (PluginError) then refuses a reader outside the city office whatever the complaints. Read only
    when a step needed them, the refusal came only when a complaint about that county's units
    existed, and named its county, kind and the day its step opened, to a reader who may not know
    of it (attacker x40 03). In county, kind and day order: the first such day of the first county
    is named, the same for every dataset.

    The days found sound are remembered for the plugin manager (:data:`_SOUND`): a batch's twelve
    reports, or a second call, read only the days after the last one checked (each full read is
    about 7,000 answers a county from 2022 on)."""
    counties = sorted(pm.counties_with(_HOOK))
    if not counties or not params.has("complaint.accept_workdays"):
        return
    first = params.since("complaint.accept_workdays")
    last = date(year, 12, 31) if until is None else until.astimezone(BEIJING).date()
    plugins = tuple(pm.list_name_plugin())
    for county in counties:
        key = (plugins, county, calendar, params)
        start = max(first, _sound_through(pm, key) + _DAY)
        if start > last:
            continue
        days = [start + timedelta(n) for n in range((last - start).days + 1)]
        for kind in ComplaintKind:
            _sound_days(pm, county, kind, calendar, params, days)
        _remember_sound(pm, key, last)


def _sound_days(
    pm: SoftenvPluginManager,
    county: str,
    kind: ComplaintKind,
    calendar: WorkCalendar,
    params: ParameterSet,
    days: list[date],
) -> None:
    """Every plugin asked on each of ``days``; the answers checked where unlike the day before's
    (sla_answers.answers_key: mostly on the days a limit or a parameter changed), so the first day
    they fail is still the day named: a PluginError (an answer that raised, is no ComplaintSla or
    fails a check) names the county, the kind and the day, as a RuleConflict does (p46 4, 12)."""
    settler = DaySettler()
    for day in days:
        try:
            settler.settle(sla_answers(pm, county, kind, calendar, params, day), county, kind, params, day)
        except RuleConflict:
            raise  # it names the county, kind and day itself
        except PluginError as exc:
            asked = LimitsAsked(county, kind, day)
            if exc.about == asked:
                raise  # settle_sla named them (a parameter not in force then: p52 01)
            raise about_limits(exc, asked) from exc


_DAY = timedelta(days=1)
_NEVER = date.min
#: Plugin manager (held weakly) → ((its plugins as registered, county, calendar, parameters), the
#: last day through which every kind's limits were found sound). The answers depend on nothing
#: else: plugins registered or removed since (compared by identity, with their names), another
#: calendar (compared by mode and arrangements) or parameter set (by identity) make a new key.
_SOUND: weakref.WeakKeyDictionary[SoftenvPluginManager, list[tuple[tuple[object, ...], date]]] = (
    weakref.WeakKeyDictionary()
)
_SOUND_LOCK = threading.Lock()
#: The settings (plugins, calendar, parameters: a key but its county) remembered for a plugin
#: manager, the least recently used dropped past them: each key holds its parameter set and calendar
#: (its deadline memo), and a caller passing a parameter set of its own to every call (a service
#: reading the county's figures per request) added one per call while the manager lived, every
#: later call scanning them all (integrator i46 01). Every county of a setting is kept.
_SOUND_KEEP = 8


def _same(a: tuple[Any, ...], b: tuple[Any, ...]) -> bool:
    """The same plugins (the same objects under the same names), county (equal), calendar (the
    same mode and arrangements: ``assess`` makes a new official calendar for each call not given
    one, and each call read every day again) and parameters (the same object). A plugin is
    compared by identity: one registered in place of another that its own ``__eq__`` calls equal
    was taken for it and never read (plugin author p46 14), so its laxer limits were refused only
    where a complaint's step needed them."""
    mine, theirs = a[0], b[0]
    if len(mine) != len(theirs) or any(n != m or p is not q for (n, p), (m, q) in zip(mine, theirs, strict=True)):
        return False
    return a[1] == b[1] and (a[2] is b[2] or a[2] == b[2]) and a[3] is b[3]


def _sound_through(pm: SoftenvPluginManager, key: tuple[object, ...]) -> date:
    with _SOUND_LOCK:
        entries = _SOUND.get(pm, [])
        for i, (found, through) in enumerate(entries):
            if _same(found, key):
                entries.append(entries.pop(i))  # the last used last: _trim drops the least used
                return through
    return _NEVER


def _remember_sound(pm: SoftenvPluginManager, key: tuple[object, ...], through: date) -> None:
    with _SOUND_LOCK:
        entries = _SOUND.setdefault(pm, [])
        for i, (found, before) in enumerate(entries):
            if _same(found, key):
                entries[i] = (found, max(before, through))
                return
        entries.append((key, through))
        _trim(entries)


def _trim(entries: list[tuple[tuple[object, ...], date]]) -> None:
    """Drop the least recently used setting's keys (every county's) when there are more than
    :data:`_SOUND_KEEP` settings (a key is moved last when read)."""
    settings: list[tuple[Any, ...]] = []
    for found, _ in entries:
        if not any(_same(_setting(found), s) for s in settings):
            settings.append(_setting(found))
    if len(settings) > _SOUND_KEEP:
        entries[:] = [e for e in entries if not _same(_setting(e[0]), settings[0])]


def _setting(key: tuple[Any, ...]) -> tuple[Any, ...]:
    """A memo key but its county: the setting every county's key of it shares."""
    return (key[0], "", key[2], key[3])


class _DayMemo:
    """Limits by day, shared by the :class:`DatedLimits` that give the same answers."""

    __slots__ = ("by_day", "lock")

    def __init__(self) -> None:
        self.by_day: dict[date, ComplaintSla] = {}
        self.lock = threading.Lock()


class DatedLimits:
    """The limits of one county and kind of complaint, read for a day through
    ``softenv_complaint_sla`` (the county's plugin, else the city's) and remembered per day.

    Pass it as ``sla`` to :func:`complaint_status`. Share one between the complaints of a
    county and kind (the monitoring report does) to ask the plugins once per day. ``memo``:
    where the answers are remembered, shared with other counties that get the same answers
    (:class:`LimitsBook`); the plugins are still asked for this county when a day is missing.
    """

    __slots__ = ("_args", "_by_day", "_lock", "_params", "answers")
    #: Why io.converter.to_json refuses it (integrator i38): it asks the plugins, day by day.
    NO_RESULT = "it asks the plugins for a complaint's limits day by day; write the ComplaintStatus it gives"

    def __init__(
        self,
        pm: SoftenvPluginManager,
        county: str,
        kind: ComplaintKind,
        calendar: WorkCalendar,
        params: ParameterSet,
        memo: _DayMemo | None = None,
    ) -> None:
        self._args = (pm, county, kind, calendar, params)
        self._params = params
        if memo is None:
            memo = _DayMemo()
        self._by_day = memo.by_day
        self._lock = memo.lock
        #: Equal for the limits that give the same answers (counties sharing the city's):
        #: what a batch keys the due moments worked out from them by.
        self.answers: object = memo

    def in_force(self, on: date) -> bool:
        """Whether the programme's complaint limits are in force ``on``: a step opened before
        the city baseline (2022-03-01) has no limit, as months before are not in force (DESIGN
        "City baseline"), rather than stopping every later report."""
        return self._params.in_force("complaint.accept_workdays", on)

    def __call__(self, on: date) -> ComplaintSla:
        found = self._by_day.get(on)
        if found is None:
            pm, county, kind, calendar, params = self._args
            answer = resolve_sla(pm, county, kind, calendar, params, on=on)
            with self._lock:  # a caller may share it between threads
                found = self._by_day.setdefault(on, answer)
        return found


class LimitsBook:
    """The limits of a batch of reports: one :class:`DatedLimits` per county and kind.

    A county with no plugin of its own answering ``softenv_complaint_sla`` gets the city's
    answer, and the city's hook is told the kind and the day, never the county: such counties
    share one memo per kind, so the city is asked once per kind and day, not once per county
    (a province has a hundred). A county with its own plugin keeps its own memo, asked per day
    as before. Internal to one call (never shared between threads).
    """

    __slots__ = ("_city", "_dept_county", "_limits", "_own")

    def __init__(self) -> None:
        #: By county and the kind's id: an Enum's hash is a Python call, asked per complaint.
        self._limits: dict[tuple[str, int], DatedLimits] = {}
        self._city: dict[ComplaintKind, _DayMemo] = {}
        self._own: frozenset[str] | None = None  # counties with their own plugin, asked once
        self._dept_county: dict[str | None, str] | None = None  # limits_county, by department

    def limits_for(
        self,
        pm: SoftenvPluginManager,
        dataset: Dataset,
        complaint: Complaint,
        calendar: WorkCalendar,
        params: ParameterSet,
    ) -> DatedLimits:
        """The limits of ``complaint``'s county and kind (:func:`sla_for`'s answers)."""
        if self._dept_county is None:  # one dict for the batch: a lookup per complaint, as before
            self._dept_county = {d.id: d.county or "" for d in dataset.departments}
        county, kind = self._dept_county.get(complaint.department, ""), complaint.kind
        key = (county, id(kind))  # members are singletons
        found = self._limits.get(key)
        if found is None:
            if self._own is None:
                self._own = pm.counties_with(_HOOK)
            memo = None if county in self._own else self._city.setdefault(kind, _DayMemo())
            found = self._limits[key] = DatedLimits(pm, county, kind, calendar, params, memo)
        return found


__all__ = [
    "OWN_LIMITS_NOTICE",
    "DatedLimits",
    "Limits",
    "LimitsBook",
    "limits_county",
    "limits_in_force",
    "limits_on",
    "own_limits_notices",
    "require_limits_sound",
    "require_reach_known",
    "sla_for",
]
