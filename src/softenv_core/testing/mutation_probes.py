"""What ``no_mutation`` compares before and after a plugin ran, beside the dataset itself: the
parameters as ``get`` hands them out, the dataset's indexes and the calendar's memo of answers.
Split from conformance.py for its size."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs

from softenv_core.engine.parameters import ParameterSet
from softenv_core.io.converter import canonical, shared_converter
from softenv_core.model.dataset import Dataset
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
    """An answer in the calendar's memo that a fresh calendar does not give (the memo is shared)."""
    fresh = WorkCalendar(calendar.mode, calendar.arrangements)
    ask: dict[str, Callable[..., Any]] = {
        "next": fresh.next_workday,
        "add": fresh.add_workdays,
        "between": fresh.workdays_between,
    }
    memo: dict[tuple[Any, ...], Any] = getattr(calendar, "_memo")  # noqa: B009 - the engine's private memo, read on purpose
    for key, value in list(memo.items()):
        method = ask.get(key[0])
        if method is not None and method(*key[1:]) != value:
            return f"the calendar's memo answers {key!r} with {value!r}: it was changed while the plugin ran"
    return None


__all__ = ["changed_index", "params_snapshot", "poisoned_memo"]
