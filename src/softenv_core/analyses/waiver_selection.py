"""The waivers (豁免) of county months read 迟报 or 未报 at an instant: one selection for the
monthly report's notice of a waiver decided after its instant (analyses.later_records) and for
`softenv explain --county` (cli.explain_waivers). Its own module: explain is part of the
assessment's command, which loads no module of the monthly report (tests/test_cli_imports.py),
and later_records reads the report's rows."""

from __future__ import annotations

from collections.abc import Collection

from softenv_core.model.dataset import Dataset
from softenv_core.model.periods import Month
from softenv_core.model.roster import Waiver


def unexcused_waivers(dataset: Dataset, unexcused: Collection[tuple[str, Month]]) -> list[Waiver]:
    """The waivers of the county months in ``unexcused`` (county code, month: those read 迟报 or
    未报 at an instant), by county, month and id: the waivers that excuse none of them, which
    ``later_records.later_waiver_notices`` names when decided after a report's instant and
    `softenv explain --county` for its county (cli.explain_waivers), one selection for both."""
    return sorted(
        (w for w in dataset.waivers if (w.county, w.month) in unexcused), key=lambda w: (w.county, w.month, w.id)
    )


__all__ = ["unexcused_waivers"]
