"""The names nearest a name typed: what a refusal offers when a clerk typed a name, a part of
one, or one a little wrong, where an id or code was expected (a county's code on the command
line, a department's or a point's id in the workbook), and the codes nearest a code typed."""

from __future__ import annotations

import difflib
from collections.abc import Hashable, Iterable, Mapping
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


def closest_codes(typed: str, codes: Iterable[str]) -> list[tuple[str, float]]:
    """Each of ``codes`` with difflib's ratio to ``typed``, the closest first, codes as close in
    code order: the one ranking of a county code no county has (io.workbook_refused lists the
    nearest, io.county_checks takes the closest when it alone is close enough; fix helper fe1 04)."""
    ratios = {c: difflib.SequenceMatcher(None, typed, c).ratio() for c in codes}
    return sorted(ratios.items(), key=lambda cr: (-cr[1], cr[0]))
