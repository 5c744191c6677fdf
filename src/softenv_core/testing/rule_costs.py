"""The time a plugin's rules and 十佳 conditions take in ``softenv plugins --check`` (plugin_check):
each rule's time per point it scored, each condition's per county, and the lines that say them,
with a warning above ``SLOW_PER_POINT`` (a rule runs once per point, 30,000 in a province) or
``SLOW_PER_COUNTY``.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

from attrs import frozen

#: A plugin whose rules take longer than this per point (seconds) is warned about: a rule runs
#: once per point, and a province has PROVINCE_POINTS of them (docs/performance.md).
SLOW_PER_POINT = 0.001
PROVINCE_POINTS = 30_000
#: A 十佳 condition runs once per county: one slower than this (seconds) per county is warned about.
SLOW_PER_COUNTY = 0.1


@frozen
class RuleCost:
    """How long one plugin rule took per point it scored (seconds), on the dataset tried where it
    took longest a call: the demo city of a seed, or the kit's dataset of its county."""

    plugin: str
    rule: str
    per_point: float
    points: int
    #: What one call judges: "point" (a rule: ``per_point`` is per point scored, ``points`` the
    #: points) or "county" (a 十佳 condition: per county judged, ``points`` the counties).
    per: str = "point"


class Timed:
    """A rule's score function that counts its calls and the time they took, per dataset tried:
    its cost is that of the dataset where it took longest a call (``per_call``). Averaged over
    every call, a rule slow on the records one dataset alone holds (contacts online: the kit's
    dataset, not the demo city's) read as quick as on the demo city's points (p44)."""

    def __init__(self, score: Any) -> None:
        self.score, self.calls, self.seconds = score, 0, 0.0
        self.by_dataset: dict[int, list[float]] = {}  # id(dataset) -> [seconds, calls]

    def __call__(self, ctx: Any) -> Any:
        start = time.perf_counter()
        try:
            return self.score(ctx)
        finally:
            took = time.perf_counter() - start
            self.seconds += took
            self.calls += 1
            tally = self.by_dataset.setdefault(id(getattr(ctx, "dataset", None)), [0.0, 0])
            tally[0] += took
            tally[1] += 1

    @property
    def per_call(self) -> float:
        return max(seconds / calls for seconds, calls in self.by_dataset.values())


def cost_lines(costs: Sequence[RuleCost]) -> list[str]:
    """Each plugin's time per point (its rules together), with a warning above SLOW_PER_POINT
    and what that time comes to for a province."""
    lines = []
    for plugin in sorted({c.plugin for c in costs if c.per == "point"}):
        mine = [c for c in costs if c.plugin == plugin and c.per == "point"]
        per_point = sum(c.per_point for c in mine)
        slowest = max(mine, key=lambda c: c.per_point)
        province = per_point * PROVINCE_POINTS
        took = f"≈ {province / 60:.1f} min" if province >= 60 else f"≈ {province:.1f} s"
        line = (
            f"  plugin {plugin!r}: {per_point * 1000:.3f} ms per point ({took} for {PROVINCE_POINTS:,} points, "
            f"a province); slowest rule {slowest.rule} {slowest.per_point * 1000:.3f} ms"
        )
        lines.append(line)
        if per_point > SLOW_PER_POINT:
            lines.append(
                f"    warning: above {SLOW_PER_POINT * 1000:g} ms per point: work out what a rule needs from "
                "ctx alone (not by scanning ctx.dataset for each point)"
            )
    for c in sorted((c for c in costs if c.per == "county"), key=lambda c: (c.plugin, c.rule)):
        lines.append(f"  plugin {c.plugin!r}: condition {c.rule} {c.per_point * 1000:.3f} ms per county")
        if c.per_point > SLOW_PER_COUNTY:
            lines.append(
                f"    warning: above {SLOW_PER_COUNTY * 1000:g} ms per county: a 十佳 condition runs once per "
                "county; index what it reads once (by point, by month) rather than scanning ctx.dataset in loops"
            )
    return lines


__all__ = ["PROVINCE_POINTS", "SLOW_PER_COUNTY", "SLOW_PER_POINT", "RuleCost", "Timed", "cost_lines"]
