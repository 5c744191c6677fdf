"""One answer for a county from a hook only one plugin may answer (a report's deadline, a
complaint step's limits): the county's own plugin's if it gives one, else the city's; two county
answers at once are a RuleConflict, never settled by registration order (DESIGN principle 5).

Reading the answers (:func:`answers_of`) and choosing among them (:func:`chosen`) are apart, so
that a caller asking day after day (analyses/complaint_limits.require_limits_sound) may read
every day's answers and check only those unlike the day before's.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from softenv_core.engine.manager import CITY_PLUGIN, PluginMeta, SoftenvPluginManager
from softenv_core.errors import PluginError, RuleConflict

T = TypeVar("T")
R = TypeVar("R")


def answers_of(
    pm: SoftenvPluginManager, hook: str, county_code: str, expected: type[T], **kwargs: Any
) -> list[tuple[PluginMeta, T]]:
    """Each plugin's answer to ``hook`` for ``county_code`` (the city's and the county's
    plugins'), None answers left out; a PluginError naming the plugin for one not ``expected``."""
    out: list[tuple[PluginMeta, T]] = []
    for meta, value in pm.call_each(hook, only=county_code, **kwargs):
        if value is None:
            continue
        if not isinstance(value, expected):
            raise PluginError(meta.name, hook, f"returned {type(value).__name__}, expected {expected.__name__} or None")
        out.append((meta, value))
    return out


def chosen(
    answers: list[tuple[PluginMeta, T]],
    hook: str,
    county_code: str,
    what: str,
    check: Callable[[str, str, T], R],
) -> tuple[tuple[T, PluginMeta, R], tuple[T, PluginMeta, R] | None]:
    """The county's own answer if one plugin gives it, else the city's; plus the city's answer.
    Each as (answer, its plugin, what ``check`` returned for it: DeadlineAnswers keeps what it
    found of an answer from its check to its settling)."""
    city: tuple[T, PluginMeta, R] | None = None
    local: list[tuple[T, PluginMeta, R]] = []
    for meta, value in answers:
        answer = (value, meta, check(meta.name, hook, value))
        if meta.county is None:
            city = answer
        else:
            local.append(answer)
    if len(local) > 1:
        plugins = [m.name for _, m, _ in local]
        raise RuleConflict(plugins, f"{what} of county {county_code}", "two plugins answer at once", hook)
    if local:
        return local[0], city
    if city is None:
        raise PluginError(CITY_PLUGIN, hook, f"no plugin gave the {what} of county {county_code}")
    return city, None


def single_answer(
    pm: SoftenvPluginManager,
    hook: str,
    county_code: str,
    expected: type[T],
    what: str,
    check: Callable[[str, str, T], R],
    **kwargs: Any,
) -> tuple[tuple[T, PluginMeta, R], tuple[T, PluginMeta, R] | None]:
    """:func:`chosen` among :func:`answers_of` ``hook`` for ``county_code``."""
    return chosen(answers_of(pm, hook, county_code, expected, **kwargs), hook, county_code, what, check)
