"""What ``no_mutation`` compares before and after a plugin ran, beside the dataset itself: the
parameters as ``get`` hands them out, the dataset's indexes and the calendar's memo of answers.
Split from conformance.py for its size."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs

from softenv_core.engine.deadlines import monthly_deadline, workday_deadline
from softenv_core.engine.parameters import ParameterSet
from softenv_core.io.converter import canonical, shared_converter
from softenv_core.model.dataset import Dataset
from softenv_core.model.periods import Month
from softenv_core.testing.check_faults import Fault
from softenv_core.workdays.calendar import WorkCalendar


def params_snapshot(params: ParameterSet) -> str:
    """The parameters as defined, and as ``get`` hands each dated value out: those are made once
    and shared by every caller of the set (the city baseline's, by the whole process), so a plugin
    rewriting one in place (``object.__setattr__``) moved the city's deadline for every county
    while the definitions still compared equal (integrator i47 02)."""
    conv = shared_converter()
    handed = [conv.unstructure(params.get(p.name, v.effective_from)) for p in params.parameters for v in p.values]
    return canonical([[conv.unstructure(p) for p in params.parameters], handed])


def _index_names() -> tuple[str, ...]:
    """The indexes a Dataset works out once and keeps (cached properties, slots beside the fields)."""
    fields = {f.name for f in attrs.fields(Dataset)}
    return tuple(
        sorted(
            n
            for n, v in vars(Dataset).items()
            if type(v).__name__ == "member_descriptor" and n not in fields and not n.startswith("__")
        )
    )


#: Indexes a Dataset fills a key at a time, each by asking the method named (a memo): a fresh
#: dataset has none filled, so each entry is compared with what the method gives the fresh one.
#: The assessment fills ``_designated_by_month`` where the records end is looked for (records_end).
_MEMOS = {"_designated_by_month": "designated_in"}


def changed_index(dataset: Dataset, fresh: Dataset) -> str | None:
    """The first index of ``dataset`` that no longer equals the same index worked out afresh."""
    for name in _index_names():
        mine = getattr(dataset, name)
        if name in _MEMOS:
            ask = getattr(fresh, _MEMOS[name])
            changed = any(value != ask(key) for key, value in mine.items())
        else:
            changed = mine != getattr(fresh, name)
        if changed:
            return f"the dataset index {name} changed while the plugin ran"
    return None


def poisoned_memo(calendar: WorkCalendar) -> str | None:
    """An answer in the calendar's memo that a fresh calendar does not give (the memo is shared):
    a working day, a count, a year's running count, or a monthly deadline under a rule, whose key
    names everything it was worked out from (``monthly_deadline``: a county plugin writing the
    city's deadline there moved another county's, attacker x74 04). An entry the library never
    writes (a key of no kind it knows, or one it cannot work out) is one too."""
    fresh = WorkCalendar(calendar.mode, calendar.arrangements)
    memo: dict[tuple[Any, ...], Any] = getattr(calendar, "_memo")  # noqa: B009 - the engine's private memo, read on purpose
    for key, value in list(memo.items()):
        try:
            right = _fresh_answer(fresh, key)
        except Exception:  # no answer the library gives under that key
            right = _NONE
        if right is _NONE or right != value or type(right) is not type(value):
            return f"the calendar's memo answers {key!r:.200} with {value!r:.200}: it was changed while the plugin ran"
    return None


_NONE: Any = object()


def _fresh_answer(fresh: WorkCalendar, key: tuple[Any, ...]) -> Any:
    """What ``fresh`` answers under ``key``, a key of the calendar's memo (calendar.py, deadlines.py)."""
    kind, args = key[0], key[1:]
    ask: dict[str, Callable[..., Any]] = {
        "next": fresh.next_workday,
        "previous": fresh.previous_workday,
        "add": fresh.add_workdays,
        "between": fresh.workdays_between,
        "running": getattr(fresh, "_running"),  # noqa: B009 - the calendar's own count, as it keeps it
    }
    if kind in ask:
        return ask[kind](*args)
    if kind == "deadline":
        year, month, day, rule_id, reference, params, policy, reference_zh = args
        return monthly_deadline(
            fresh,
            Month(year, month),
            day,
            rule_id=rule_id,
            reference=reference,
            params=params,
            policy=policy,
            reference_zh=reference_zh,
        )
    if kind == "workday_deadline":
        year, month, nth, rule_id, reference, params, reference_zh = args
        return workday_deadline(
            fresh,
            Month(year, month),
            nth,
            rule_id=rule_id,
            reference=reference,
            params=params,
            reference_zh=reference_zh,
        )
    return _NONE


#: The fix for a plugin that wrote into the calendar's memo (poisoned_memo), as plugins --check says it.
MEMO_FIX = (
    "never write into the calendar handed to a hook or a rule (its _memo, _store): it keeps the "
    "working-day answers and deadlines every county's figures read; keep answers of your own in a "
    "dict of your own, or with calendar.remember(key, compute), kept apart from the library's"
)


def memo_faults(plugin: str, hook: str, rule: str, calendar: WorkCalendar) -> list[Fault]:
    """The fault of ``plugin`` when the calendar its hook or rule was handed answers from its memo
    what a fresh calendar does not (attacker x74 04), or none."""
    problem = poisoned_memo(calendar)
    return [] if problem is None else [Fault(plugin, hook, rule, problem, MEMO_FIX)]


__all__ = ["MEMO_FIX", "changed_index", "memo_faults", "params_snapshot", "poisoned_memo"]
