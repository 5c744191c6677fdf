"""Which rule or condition of a plugin changed the dataset it was given (``no_mutation``).

The kit finds that the dataset changed after an assessment with the plugin; a record written
through ``object.__setattr__`` (a frozen record worked around) says nothing of who wrote it.
The checks promise a fault named with plugin, hook and rule (docs/hooks.md, *What the engine
refuses*): so the plugin's rules and conditions are tried one at a time, each on a fresh copy
of the same dataset, and the first that changes it is named, with the record and field it
changed. Run only once a change was found: it costs one assessment per rule. A change that
leaves a record unwritable (a field set to None, or to a value of another type) is one too:
it is named by the record that can no longer be written, never raised from the dump (plugin
author p55 01: a report's ``submitted_at`` set to None crashed the kit with a TypeError).
"""

from __future__ import annotations

import contextlib
from typing import Any

from softenv_core.analyses.assessment import assess
from softenv_core.analyses.audiences import CITY_OFFICE
from softenv_core.engine.parameters import ParameterSet
from softenv_core.engine.resolution import check_sequence
from softenv_core.engine.ruletypes import Rule
from softenv_core.io.converter import shared_converter
from softenv_core.io.dataset_files import dump_dataset, loads_dataset
from softenv_core.model.dataset import COLLECTIONS, Dataset
from softenv_core.rules.registry import get_plugin_manager
from softenv_core.testing.rule_shims import RULE_HOOKS, shim


def first_change(before: Any, after: Any, path: str = "$") -> str | None:
    """The JSON path of the first value that differs between two dumped documents, a record
    named by its id (``$.departments[1] (379911-amr).note``)."""
    if type(before) is not type(after):
        return path
    if isinstance(before, dict):
        for key in sorted(set(before) | set(after)):
            found = first_change(before.get(key), after.get(key), f"{path}.{key}")
            if found:
                return found
        return None
    if isinstance(before, list):
        if len(before) != len(after):
            return f"{path} (length {len(before)} → {len(after)})"
        for i, (b, a) in enumerate(zip(before, after, strict=True)):
            named = f"{path}[{i}]" + (f" ({b['id']})" if isinstance(b, dict) and "id" in b else "")
            found = first_change(b, a, named)
            if found:
                return found
        return None
    return None if before == after else path


def unwritable(dataset: Dataset) -> str:
    """Where a dataset that cannot be dumped stops: its first record the converter refuses, by
    path and id, with the converter's words."""
    conv = shared_converter()
    records = [("$.city", dataset.city)]
    for name, _ in COLLECTIONS:
        for i, r in enumerate(getattr(dataset, name)):
            records.append((f"$.{name}[{i}]" + (f" ({r.id})" if isinstance(getattr(r, "id", None), str) else ""), r))
    for path, record in records:
        try:
            conv.unstructure(record)
        except Exception as exc:  # what the plugin wrote there is not of the field's type
            return f"{path} can no longer be written: {type(exc).__name__}: {exc}"
    return "$ can no longer be written"


def change_in(before: Any, dataset: Dataset) -> str | None:
    """Where ``dataset`` differs from ``before`` (its dump before the plugin ran): the first
    changed value, or the first record left unwritable (p55 01), None where nothing changed."""
    try:
        after = dump_dataset(dataset)
    except Exception:  # the dump failed on what the plugin wrote: a change, found record by record
        return unwritable(dataset)
    return first_change(before, after)


def mutation_culprit(
    name: str,
    plugin: Any,
    others: list[tuple[str, Any]],
    data: str,
    changed: Dataset,
    year: int,
    params: ParameterSet,
) -> str | None:
    """The no_mutation message for a dataset (``data``, its canonical text before the run) that
    changed: the plugin's rule or condition that changes it, tried alone (without ``others``: an
    other plugin's change was put on the plugin under test's rule, p58 03), and what it changed;
    None where ``others`` alone make the same change and no item of the plugin does (their fault,
    found when they are checked)."""
    pm = get_plugin_manager(autoload=False, plugins=[*others, (name, plugin)])
    meta = next(m for m in pm.plugins_meta() if m.name == name)
    before = dump_dataset(loads_dataset(data))
    for hook, kind in RULE_HOOKS:
        try:
            called = pm.call_each(hook, only=meta.county, year=year, params=params)
            items: list[Any] = [
                item for m, value in called if m.name == name for item in check_sequence(m, hook, value, kind)
            ]
        except Exception:  # another check reports a hook that fails
            continue
        for item in items:
            dataset = loads_dataset(data)
            shim_pm = get_plugin_manager(autoload=False, plugins=[(name, shim(meta, hook, item))])
            with contextlib.suppress(Exception):  # the change is what is looked for here
                assess(dataset, year, shim_pm, params=params, audience=CITY_OFFICE)
            where = change_in(before, dataset)
            if where:
                return (
                    f"plugin {name!r}, hook {hook}: {'rule' if kind is Rule else 'condition'} {item.id}: "
                    "changed the dataset it was given "
                    f"({where}) while it ran"
                )
    theirs = loads_dataset(data)
    with contextlib.suppress(Exception):
        assess(theirs, year, get_plugin_manager(autoload=False, plugins=others), params=params, audience=CITY_OFFICE)
    if others and change_in(before, theirs):
        return None
    where = change_in(before, changed)
    return "the dataset changed while the plugin ran" + (f" ({where})" if where else "")


__all__ = ["change_in", "first_change", "mutation_culprit", "unwritable"]
