"""The checks of a dataset that read its counties' own records, run with the reference checks
(platform round 3, findings 05 and 08):

- a roster change (名册调整) concerns its point's county: one naming another county showed that
  county another county's point, with a 备案 flag against itself, and hid the change from the
  point's own county;
- a county files a monthly report (月报) only on a month it exists in (any day of it, as it
  owes the month: DESIGN "Who owes what, when"): a report on a month before the county was
  created, or after it was abolished, is a date or a county typed wrong, never silently
  ignored.

Each problem is ``$.path: message`` with the record's position; the loader adds its id.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from softenv_core.model.divisions import County


def county_problems(ix: Mapping[str, Iterable[tuple[int, Any]]]) -> list[str]:
    """Roster changes naming another county than their point's, and reports on months their
    county does not exist in, over the collections ``ix`` (records with their positions)."""
    counties: dict[str, County] = {c.code: c for _, c in ix["counties"]}
    point_county = {p.id: p.county for _, p in ix["points"]}
    out = []
    for i, change in ix["roster_changes"]:
        own = point_county.get(change.point)
        if own is not None and change.county != own:  # an unknown point is a reference problem
            out.append(
                f"$.roster_changes[{i}].county: {change.county!r} but point {change.point} is of county {own}; "
                "a roster change concerns its point's county"
            )
    for i, report in ix["reports"]:
        c = counties.get(report.county)
        month = report.month
        if c is None:
            continue
        if (c.effective_from is not None and month.last_day < c.effective_from) or (
            c.effective_until is not None and month.first_day > c.effective_until
        ):
            span = f"{c.effective_from or '…'} to {c.effective_until or '…'}"
            out.append(
                f"$.reports[{i}].month: {month} but county {c.code} exists from {span}; "
                "a county reports only on a month it exists in"
            )
    return out


__all__ = ["county_problems"]
