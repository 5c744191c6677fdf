"""The annual adjustment's "3 consecutive months unreached" (三(五)) counts only months the point
owed (DESIGN "Who owes what, when") and never a month the dataset holds no contact for at all
(audit finding 09): the absence of records is not evidence that a point was not reached."""

from datetime import date

import attrs

from softenv_core import CITY_OFFICE, assess, baseline_parameters, get_plugin_manager
from softenv_core.analyses.adjustment import propose_adjustments
from softenv_core.testing import small_dataset

P = "P-379902-2"


def _proposals(ds):
    a = assess(ds, 2025, get_plugin_manager(autoload=False), audience=CITY_OFFICE)
    return {p.point: p for p in propose_adjustments(ds, a, baseline_parameters(), audience=CITY_OFFICE)}


def _unreached(ds, point, months):
    return tuple(
        attrs.evolve(c, reached=False) if c.point == point and c.date.month in months else c for c in ds.contacts
    )


def test_months_before_the_records_begin_are_not_unreached():
    ds = small_dataset(2025)  # no contact before 2025
    ds = attrs.evolve(ds, contacts=_unreached(ds, P, (1,)))
    # Unreached in January only: 2024-11 and 2024-12 hold no contact at all, so no run of 3
    # (the old count proposed every point unreached in January: "2024-11—2025-01").
    assert P not in _proposals(ds)
    ds = attrs.evolve(ds, contacts=_unreached(ds, P, (1, 2, 3)))
    assert _proposals(ds)[P].explanation == ("连续3个月未联系上: 2025-01—2025-03",)


def test_a_month_not_owed_neither_counts_nor_joins_a_run():
    ds = small_dataset(2025)
    # Designated from Friday 2025-10-31 (1 working day of October: not owed); never reached.
    points = tuple(attrs.evolve(p, designated_from=date(2025, 10, 31)) if p.id == P else p for p in ds.points)
    contacts = tuple(c for c in ds.contacts if c.point != P or c.date >= date(2025, 11, 1))
    ds = attrs.evolve(ds, points=points, contacts=contacts)
    ds = attrs.evolve(ds, contacts=_unreached(ds, P, (11, 12)))
    proposal = _proposals(ds).get(P)
    # Two owed months unreached (November, December) < 3: not proposed as unreachable.
    assert proposal is None or "unreachable" not in proposal.reasons


def test_a_month_without_any_contact_data_ends_a_run():
    ds = small_dataset(2025)
    # Unreached in March, April, June and July; May holds no contact at all in the dataset.
    contacts = tuple(c for c in _unreached(ds, P, (3, 4, 6, 7)) if c.date.month != 5)
    proposal = _proposals(attrs.evolve(ds, contacts=contacts)).get(P)
    assert proposal is None or "unreachable" not in proposal.reasons
