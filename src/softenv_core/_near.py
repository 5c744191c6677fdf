"""The names nearest a name typed: what a refusal offers when a clerk typed a name, a part of
one, or one a little wrong, where an id or code was expected (a county's code on the command
line, a department's or a point's id in the workbook)."""

from __future__ import annotations

import difflib
from collections.abc import Hashable, Mapping
from typing import TypeVar

#: How many nearest names a refusal lists.
NEAR_SHOWN = 5

_K = TypeVar("_K", bound=Hashable)


def nearest_keys(typed: str, named: Mapping[_K, str], cutoff: float) -> list[_K]:
    """The keys of ``named`` whose names hold ``typed`` or are held in it (青山 for 青山县), in
    ``named``'s order; without any, those whose names difflib finds close (青三县 for 青山县: at
    least ``cutoff``, at most :data:`NEAR_SHOWN` names), the closest first. All of them: a
    refusal shows :data:`NEAR_SHOWN` and may say how many more."""
    near = [k for k, n in named.items() if typed in n or n in typed]
    if near:
        return near
    close = difflib.get_close_matches(typed, sorted(set(named.values())), n=NEAR_SHOWN, cutoff=cutoff)
    return sorted((k for k, n in named.items() if n in close), key=lambda k: close.index(named[k]))
