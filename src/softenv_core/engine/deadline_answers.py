"""The report deadlines plugins gave in one assessment (报送截止时间的答复), each checked once.

Split from engine/answers.py, whose checks it applies: :class:`DeadlineAnswers` remembers, per
answer, what was found sound about it, so that the city's and a county's answer for each county
and month are checked without repeating what does not change between counties.
"""

from __future__ import annotations

import attrs

from softenv_core.engine.answers import check_deadline, check_deadline_month, check_params, id_namespace_problem
from softenv_core.engine.deadline_offsets import offset_note
from softenv_core.engine.deadline_types import Deadline, DeadlinePolicy
from softenv_core.engine.manager import CITY_PLUGIN, PluginMeta, SoftenvPluginManager
from softenv_core.engine.parameters import ParameterSet
from softenv_core.errors import PluginError, RuleConflict
from softenv_core.model.periods import Month, beijing_date
from softenv_core.workdays.calendar import CalendarMode, WorkCalendar, years_of

HOOK = "softenv_report_deadline"

#: What is known of one checked answer: the answer itself (kept, so its id is not reused), its
#: fields when checked, the months (year, month) its due moment was checked against, its
#: copies named after the plugins that gave it (by plugin name and version), and the calendars
#: (by id, each kept) on which its due day's move was found sound.
_Known = tuple[
    Deadline,
    tuple[object, ...],
    set[tuple[int, int]],
    dict[tuple[str, str], Deadline],
    dict[int, WorkCalendar],
]
#: An answer as engine/single_answer.chosen gives it: the Deadline, its plugin, its entry.
_Answer = tuple[Deadline, PluginMeta, _Known | None]


class DeadlineAnswers:
    """The report deadlines plugins gave in one assessment, each checked, and named after
    its plugin, once: the city baseline and ``monthly_deadline`` answer every county of a
    month with the same remembered Deadline, which was checked and copied county by county.

    Answers are known by identity (each is kept, so its id is not reused) together with what
    their fields held when checked: a plugin that reuses one Deadline and rewrites its fields
    (``object.__setattr__`` gets past frozen) is checked and copied again. Only plain
    Deadlines with a tuple of facts are remembered; any other is checked and copied at every
    answer. One per call of ``assess``, never shared: the hooks are still called for every
    county and month, and a plugin may answer differently in another run.
    """

    def __init__(self) -> None:
        self._known: dict[int, _Known] = {}
        # (county, rule id) pairs id_namespace_problem found sound: a county's rule id is asked
        # about once, not once a month (it depends on the two texts alone).
        self._own_ids: set[tuple[str, str]] = set()

    def _entry(self, d: Deadline) -> _Known | None:
        """What is known of ``d``, when it was checked and its fields are as they were then."""
        found = self._known.get(id(d))
        if found is not None and found[0] is d and found[1] == _fields(d):
            return found
        return None

    def checked(self, plugin: str, hook: str, d: Deadline) -> _Known | None:
        """check_deadline once per answer; what is known of ``d`` (None: it is not remembered),
        kept by engine/single_answer.chosen beside the answer until :meth:`settle`."""
        found = self._entry(d)
        if found is not None:
            return found
        check_deadline(plugin, hook, d)
        if not _immutable(d):
            return None
        found = (d, _fields(d), set(), {}, {})  # a fresh entry: what was known of earlier fields is dropped
        self._known[id(d)] = found
        return found

    def _check_month(
        self, entry: _Known | None, plugin: str, hook: str, d: Deadline, county: str, month: Month
    ) -> None:
        """check_deadline_month, once per answer and month: whether a due moment falls after
        its month is the same for every county given that answer (the city's, for one)."""
        key = (month.year, month.month)
        if entry is not None and key in entry[2]:
            return
        check_deadline_month(plugin, hook, d, county, month)
        if entry is not None:
            entry[2].add(key)

    def _bind(self, entry: _Known | None, d: Deadline, meta: PluginMeta) -> Deadline:
        """The answer named after the plugin that gave it, once per answer and plugin: a county
        plugin's answer from monthly_deadline is one object for every county plugin asking
        alike, copied from the first plugin's copy after that (_renamed)."""
        if entry is None:
            return d.answered_by(meta.name, meta.version)
        key = (meta.name, meta.version)
        named = entry[3]
        found = named.get(key)
        if found is None:
            first = next(iter(named.values()), None)
            found = d.answered_by(*key) if first is None else _renamed(first, *key)
            named[key] = found
        return found

    def settle(
        self,
        chosen: _Answer,
        city: _Answer | None,
        county: str,
        month: Month,
        params: ParameterSet,
        calendar: WorkCalendar | None = None,
    ) -> Deadline:
        """The chosen answer (of a county's plugin, else the city's) for ``county``'s report on
        ``month``, bounded by the city's answer ``city``, named after its plugin:
        resolve_deadline's checks after the answers, in its order. Each answer's entry is the
        one :meth:`checked` found (its fields compared once), not looked up again at each step."""
        d, meta, entry = chosen
        hook = HOOK
        self._check_month(entry, meta.name, hook, d, county, month)
        if meta.county is not None:
            self._county_rule(meta.name, meta.county, hook, d, params)
            if calendar is not None:
                # Whether the due day is its 规定日 moved as the policy says depends on the answer
                # and the calendar alone: found sound once, for every county given the answer.
                moved = entry[4] if entry is not None else None
                if d.policy is not DeadlinePolicy.NO_MOVE and (
                    moved is None or moved.get(id(calendar)) is not calendar
                ):
                    _moved_to_a_workday(meta.name, hook, d, calendar)
                    if moved is not None:
                        moved[id(calendar)] = calendar
                if calendar.mode is CalendarMode.PROVISIONAL and not d.provisional:
                    _says_provisional(meta.name, hook, d, calendar)
            if city is not None:  # the city's answer bounds the county's
                city_d = city[0]
                self._check_month(city[2], CITY_PLUGIN, hook, city_d, county, month)
                if d.due_at > city_d.due_at:
                    raise RuleConflict(
                        [CITY_PLUGIN, meta.name],
                        f"report deadline of {county} for {month}",
                        f"county deadline {d.due_at.isoformat()} ({d.rule_id}) is later than the city's "
                        f"{city_d.due_at.isoformat()} ({city_d.rule_id}); a county may only be stricter: "
                        "return None for this month (the city's deadline applies) or one no later"
                        + offset_note(d.due_at),
                        hook,
                    )
        return self._bind(entry, d, meta)

    def _county_rule(self, plugin: str, county: str, hook: str, d: Deadline, params: ParameterSet) -> None:
        """A county plugin's answer: a rule id of its own namespace, params it may cite."""
        rule_id = d.rule_id  # text: check_deadline refused anything else
        if (county, rule_id) not in self._own_ids:
            problem = id_namespace_problem(county, rule_id)
            if problem is not None:  # the public reads a deadline's rule id as whose rule it is
                raise PluginError(plugin, hook, f"field rule_id: {rule_id}: {problem}")
            self._own_ids.add((county, rule_id))
        # The explanation cites them beside the city's figures. No params (the usual county
        # answer) is nothing to check: check_params would only test that () is a tuple.
        if type(d.params) is not tuple or d.params:
            check_params(plugin, hook, f"rule {rule_id}: ", d.params, county, params, d.nominal)


#: Deadline's fields but the two _renamed sets: every field, so that one added is copied too.
_KEPT = tuple(a.name for a in attrs.fields(Deadline) if a.name not in ("plugin", "version"))
_SET = object.__setattr__


def _renamed(named: Deadline, plugin: str, version: str) -> Deadline:
    """``named`` (a copy answered_by made) named after another plugin: ``answered_by`` without
    its converters and validator, which made these very values of the answer's unchanged fields
    (each converter gives a converted value back as it is: the same Deadline as answered_by's)."""
    copy = object.__new__(Deadline)
    for name in _KEPT:
        _SET(copy, name, getattr(named, name))
    _SET(copy, "plugin", plugin)
    _SET(copy, "version", version)
    return copy


def _moved_to_a_workday(plugin: str, hook: str, d: Deadline, calendar: WorkCalendar) -> None:
    """A county's deadline under 顺延 is due on the first working day on or after its 规定日, under
    遇节假日提前 on the last on or before it, as ``monthly_deadline`` gives them: one built by hand
    was taken whatever day it named (plugin author p44: 04-03, a worked Thursday, "moved" to
    04-07, beside its own fact that 04-03 is worked). Under 不顺延 the two days are one
    (check_deadline_month)."""
    forward = d.policy is DeadlinePolicy.NEXT_WORKDAY  # else 遇节假日提前, to the working day before
    due = beijing_date(d.due_at)
    moved = calendar.next_workday(d.nominal) if forward else calendar.previous_workday(d.nominal)
    if due != moved:
        # A moment in another offset is on another Beijing day: that, not the policy, is the slip (p52 05)
        note = offset_note(d.due_at)
        fix = (
            "build it with monthly_deadline(calendar, month, day, …), or give "
            "policy=DeadlinePolicy.NO_MOVE with the due day as its 规定日"
        )
        raise PluginError(
            plugin,
            hook,
            f"field due_at: rule {d.rule_id}: names {d.nominal} (规定日) moved to the "
            f"{'next working day (顺延)' if forward else 'working day before it (遇节假日提前)'}, "
            f"which is {moved}, not {due}" + (note if note else f": {fix}"),
        )


def _says_provisional(plugin: str, hook: str, d: Deadline, calendar: WorkCalendar) -> None:
    """A county's deadline worked out on a calendar that knows a year of it only as weekends
    (暂定) must say so: the assessment, the monthly report and ``softenv deadline`` mark their
    figures provisional from the deadlines' ``calendar_sources``, which a Deadline built by hand
    may leave empty (plugin author p44: December 2026's report, due in 2027, read as final)."""
    # A day of late December reads the next year's notice too (auditor a75 01).
    years = sorted({y for day in (d.nominal, beijing_date(d.due_at)) for y in years_of(day)})
    unknown = [y for y in years if calendar.source(y).provisional]
    if unknown:
        raise PluginError(
            plugin,
            hook,
            f"field calendar_sources: rule {d.rule_id}: the calendar knows {unknown[0]} only as weekends "
            "(provisional), and the deadline's calendar_sources do not say so: build it with "
            "monthly_deadline or workday_deadline, or give calendar_sources=calendar.sources([nominal, due day])",
        )


def _immutable(d: Deadline) -> bool:
    return type(d) is Deadline and type(d.facts) is tuple


def _fields(d: Deadline) -> tuple[object, ...]:
    # Compared with ==, which takes an unchanged field by identity at C speed.
    return (
        d.due_at,
        d.nominal,
        d.rule_id,
        d.policy,
        d.reference,
        d.facts,
        d.calendar_sources,
        d.params,
        d.reference_zh,
    )


def county_plugins_without_deadline(
    pm: SoftenvPluginManager, county: str | None, deadline: Deadline
) -> list[PluginMeta]:
    """The county's own plugins when the city's rule set its deadline (none for the city
    baseline, ``county`` None): a clerk of a county with a plugin was shown the city's rule
    without a word of hers (plugin author p43: a month before her rule is in force, or one it
    answers None for). ``softenv deadline`` and the service's ``/v1/deadlines`` say them."""
    if county is None or deadline.plugin != CITY_PLUGIN:
        return []
    return [m for m in pm.plugins_meta() if m.county == county and m.name != CITY_PLUGIN]


__all__ = ["DeadlineAnswers", "county_plugins_without_deadline"]
