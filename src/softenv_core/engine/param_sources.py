"""Which parameters a county plugin may cite beside its figures (an award's, a failure's, a
deadline's ``params``): its own, and the city's as in force in the figure's period (split from
engine/answers.py, which checks every answer and re-exports these)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from softenv_core.engine.parameters import ParameterSet
from softenv_core.engine.trace import ParamValue, typed_snapshot
from softenv_core.errors import ParameterMissing

#: The namespace of a county's own ids and parameters: ``county.CODE.…``.
COUNTY_ID_PREFIX = "county."


def own_params(params: Sequence[ParamValue], county: str, day: date) -> bool:
    """Whether every ParamValue of ``params`` is named in ``county``'s namespace and in force by
    ``day`` (the usual county answer, passed without a lookup: this runs for every plugin award
    of every point)."""
    own = f"{COUNTY_ID_PREFIX}{county}."
    return all(
        type(p) is ParamValue and p.name.startswith(own) and type(p.effective_from) is date and p.effective_from <= day
        for p in params
    )


def param_source_problem(
    county: str, p: ParamValue, city: ParameterSet, day: date | None = None, since: date | None = None
) -> str | None:
    """Why a plugin of ``county`` may not cite ``p`` (a ParamValue of its award, failure or
    deadline) for a figure of ``day``, or None.

    The explanation prints every cited parameter as the figure it is, with its date and
    reference, beside the county's item: a county's own (``county.CODE.…``) or of no namespace
    stays its own, but one named like a city parameter must be a city value in force on some day
    of the figure's period, ``since`` to ``day`` (the year for an award or a failure: a value a
    month was read with before a mid-year change is the one the city's own month scores cite,
    reviewer r57 02), as ``ctx.params`` gives it (a hand-made ``duty.extra_cap = 50`` would
    misstate the city's figure, and a value superseded before the period or in force only after
    it is not one the figure was worked out with: plugin author p50 02), and one named
    ``county.OTHER.…`` would read as another
    county's figure (a parameters.json copied from another county's plugin). A county's own is
    not compared with anything (the engine does not know which parameters its plugin loaded),
    but one in force only after ``day`` (the year's end for an award or a failure, the 规定日 for
    a deadline) cannot be what the figure was worked out with: a 2031 value printed beside
    2025's figures (plugin author p49 03), whether named ``county.CODE.…`` or of no namespace
    (p50 03); for a county's complaint limits ``day`` is the day they are asked for, the day the
    step opened (p52 01: a value from 07-01 applied to a March suggestion). Without ``day`` (the
    latest limits known) a city value is compared with the city's on its own ``effective_from``.
    """
    name = p.name
    own = f"{COUNTY_ID_PREFIX}{county}."
    if name.startswith(COUNTY_ID_PREFIX) and not name.startswith(own):
        other = name.removeprefix(COUNTY_ID_PREFIX).split(".", 1)[0]
        return f"{name} is a parameter of county {other}, not of county {county}: name the county's own {own}…"
    if name.startswith(own) or not city.has(name):  # the plugin's own, namespaced or not (p50 03)
        if day is None or p.effective_from <= day:
            return None
        return (
            f"{name} = {p.value!r:.80} (from {p.effective_from}; {p.reference:.80}) is not in force on {day}, "
            f"the day this figure is for: cite the value in force then (PARAMS.get(name, day) gives it)"
        )
    # The city's value on a day of the figure's period, not on the cited value's own date alone:
    # one superseded before the period, or next year's, was printed beside this year's figure
    # (plugin author p50 02). The cited value's own first day when it falls in the period (a
    # value in force in some of its months: r57 02), else the period's first or last day.
    at = p.effective_from if day is None else min(max(p.effective_from, day if since is None else since), day)
    try:
        genuine: ParamValue | None = city.get(name, at)
    except ParameterMissing:
        genuine = None
    if genuine == p and genuine is not None and typed_snapshot(genuine.value) == typed_snapshot(p.value):
        return None  # the types too: an int subclass equal to everything is no city figure (p46 3)
    shown = f"{name} = {p.value!r:.80} (from {p.effective_from}; {p.reference:.80})"
    actual = "has no value then" if genuine is None else f"is {genuine.value!r:.80} from {genuine.effective_from}"
    return (
        f"{shown} is not the city's parameter{_period(since, day)} (the city's {name} "
        f"{actual}): cite a city parameter as ctx.params.get(name, day) gives it for the day this figure is for, "
        f"and a county figure under county.{county}.…"
    )


def _period(since: date | None, day: date | None) -> str:
    if day is None:
        return ""
    return f" in force on {day}" if since is None or since >= day else f" in force on a day from {since} to {day}"


__all__ = ["COUNTY_ID_PREFIX", "own_params", "param_source_problem"]
