"""The rule hooks' answers of one assessment (规则与十佳条件的答复), each asked once per county.

An assessment reads a county plugin's rules twice: ``require_ids_apart`` compares every county
plugin's rule and condition ids before any county is assessed, and ``resolve_point_rules``,
``resolve_extra_rules`` and ``resolve_conditions`` then resolve the same county's rules (and a
county or point reader's ``declared_rules`` once more). :class:`RuleAnswers` keeps what
``call_each`` gave for each hook and county, so that each is asked once (issue 21: the
nine-plugin overhead). The ids compared are then the very rules that score.
"""

from __future__ import annotations

from typing import Any

from softenv_core.engine.manager import PluginMeta, SoftenvPluginManager
from softenv_core.engine.parameters import ParameterSet

Called = list[tuple[PluginMeta, Any]]


class RuleAnswers:
    """What each rule hook answered for each county in one assessment (``call_each``'s list,
    read, never changed, by its callers).

    One per call of ``assess``, never shared: a plugin may answer differently in another run,
    and the kit's ``deterministic`` check compares two runs. Only a call that returned is kept:
    one that raised is asked again where its county's rules are resolved, and raises there as
    it did. A question of another plugin manager, year or parameter set than the first it was
    asked (compared by identity) is not this assessment's: it is asked, not kept.
    """

    __slots__ = ("_asked", "_found")

    def __init__(self) -> None:
        self._asked: tuple[SoftenvPluginManager, int, ParameterSet] | None = None
        self._found: dict[tuple[str, str], Called] = {}

    def call_each(self, pm: SoftenvPluginManager, hook: str, county: str, year: int, params: ParameterSet) -> Called:
        """``pm.call_each(hook, only=county, year=year, params=params)``, asked once."""
        asked = self._asked
        if asked is None:
            self._asked = asked = (pm, year, params)
        if asked[0] is not pm or asked[1] != year or asked[2] is not params:
            return pm.call_each(hook, only=county, year=year, params=params)
        found = self._found.get((hook, county))
        if found is None:
            found = self._found[(hook, county)] = pm.call_each(hook, only=county, year=year, params=params)
        return found


def call_each(
    pm: SoftenvPluginManager,
    hook: str,
    county: str,
    year: int,
    params: ParameterSet,
    answers: RuleAnswers | None,
) -> Called:
    """The answers of ``hook`` for ``county``: ``answers``' if given, else asked now."""
    if answers is None:
        return pm.call_each(hook, only=county, year=year, params=params)
    return answers.call_each(pm, hook, county, year, params)


__all__ = ["RuleAnswers", "call_each"]
