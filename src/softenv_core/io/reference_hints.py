"""The id a dangling reference most likely meant: one that differs from it only in case, width
or spaces (``p379902-001`` for ``P379902-001``, a full-width ``Ｐ３７９９０２－００１`` typed with a
Chinese input method). Clerk c33: a lower-case point id was told "未知的监测点" and nothing more.

Only an id equal to the typed one once both are folded (io/suggest.fold), or once the leading
zeros of their numbers are dropped too (``P379902-2``), is suggested, never a merely similar one:
``P379902-002`` is another point, not a typo of ``P379902-001``.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Mapping

from softenv_core.io.suggest import fold

#: What a reference problem calls its target, and the collection whose ids it is checked against.
_TARGETS = {
    "point": "points",
    "department": "departments",
    "handling unit": "departments",  # a complaint step's unit: a department's id
    "county": "counties",
    "round": "appraisal_rounds",
    "nomination": "nominations",
    "roster change": "roster_changes",
}
#: A text as ``repr`` quotes it, in single or double quotes.
_QUOTED = r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\""
_UNKNOWN = re.compile(r": unknown (" + "|".join(_TARGETS) + rf") ({_QUOTED})$")
_HINT = re.compile(rf" \(did you mean ({_QUOTED})\?\)$")


def hinted(problems: list[str], ids: Mapping[str, set[str]]) -> list[str]:
    """``problems`` with ``(did you mean 'P1'?)`` after each unknown reference one id matches
    folded. The folded ids of a collection are made once, and only when a problem needs them."""
    folded: dict[str, dict[str, str | None]] = {}
    out = []
    for problem in problems:
        m = _UNKNOWN.search(problem)
        if m is not None:
            target = _TARGETS[m[1]]
            if target not in folded:
                by_fold: dict[str, str | None] = {}
                for known in sorted(ids.get(target, ())):
                    for key in dict.fromkeys((fold(known), unpadded(known))):
                        by_fold[key] = known if key not in by_fold else None  # two ids fold alike: no hint
                folded[target] = by_fold
            typed = ast.literal_eval(m[2])
            near = None
            if isinstance(typed, str):
                near = folded[target].get(fold(typed)) or folded[target].get(unpadded(typed))
            if near is not None and near != typed:
                problem += f" (did you mean {near!r}?)"
        out.append(problem)
    return out


def unpadded(text: str) -> str:
    """The folded id without the leading zeros of its numbers, under a mark of its own: P379902-2
    typed for P379902-002, the number as it is said (clerk c50)."""
    return "#" + re.sub(r"(?<![0-9])0+(?=[0-9])", "", fold(text))


def zh_hint(text: str) -> str:
    """The hint in a message's Chinese: ``'p1' (did you mean 'P1'?)`` → ``'p1'(是否应为 'P1'?)``."""
    return _HINT.sub(r"（是否应为 \1？）", text)


__all__ = ["hinted", "unpadded", "zh_hint"]
