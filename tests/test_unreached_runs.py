"""The annual adjustment's "3 consecutive months unreached" (三(五)) counts only months the point
owed (DESIGN "Who owes what, when") and never a month the dataset holds no contact for at all
(audit finding 09): the absence of records is not evidence that a point was not reached."""

import re
from datetime import date

import attrs
from hypothesis import example, given
from hypothesis import strategies as st

from softenv_core import CITY_OFFICE, assess, baseline_parameters, get_plugin_manager
from softenv_core.analyses.adjustment import propose_adjustments
from softenv_core.model.periods import Month, Year
from softenv_core.model.reports import Contact, ContactMethod
from softenv_core.testing import make_point, small_dataset

from .weights import HEAVY

P = "P-379902-2"


def _proposals(ds):
    a = assess(ds, 2025, get_plugin_manager(autoload=False), audience=CITY_OFFICE)
    return {p.point: p for p in propose_adjustments(ds, a, baseline_parameters(), audience=CITY_OFFICE)}


def _unreached(ds, point, months):
    return tuple(
        attrs.evolve(c, reached=False, items=()) if c.point == point and c.date.month in months else c
        for c in ds.contacts
    )


def test_months_before_the_records_begin_are_not_unreached():
    ds = small_dataset(2025)  # no contact before 2025
    ds = attrs.evolve(ds, contacts=_unreached(ds, P, (1,)))
    # Unreached in January only: 2024-11 and 2024-12 hold no contact at all, so no run of 3
    # (the old count proposed every point unreached in January: "2024-11—2025-01").
    assert P not in _proposals(ds)
    ds = attrs.evolve(ds, contacts=_unreached(ds, P, (1, 2, 3)))
    assert _proposals(ds)[P].explanation == ("连续3个月未联系上：2025-01—2025-03",)


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


# --- the stated run is the real one (audit 07) ------------------------------------------------

RUN_POINT = "P-RUN"
RUN_MONTHS = tuple(m for y in (2023, 2024, 2025) for m in Year(y).months)  # contacts from 2023-01 on
STATED = re.compile(r"连续(\d+)个月未联系上：(\d{4}-\d{2})—(\d{4}-\d{2})")


def _run_dataset(unreached):
    base = small_dataset(2025)
    point = make_point(RUN_POINT, "379902", 1900)  # designated since 2020: owes every month
    contacts = [
        Contact(f"C-RUN-{m}", RUN_POINT, date(m.year, m.month, 12), ContactMethod.PHONE, "379902", m not in unreached)
        for m in RUN_MONTHS
    ]
    return attrs.evolve(base, points=(*base.points, point), contacts=(*base.contacts, *contacts))


def _runs_of():
    """Draw runs of unreached months, some reaching back before the previous November."""
    return st.lists(st.tuples(st.integers(10, 30), st.integers(1, 14)), min_size=1, max_size=2).map(
        lambda runs: frozenset(RUN_MONTHS[k] for start, n in runs for k in range(start, min(start + n, 36)))
    )


@HEAVY  # a dataset assessed per example: tests/weights.py
@example(frozenset(Month(2024, 9) + k for k in range(8)))  # the audit's H4: 8 months from 2024-09
@example(frozenset(Month(2024, 8) + k for k in range(6)))  # H2: 6 months from 2024-08
@example(frozenset(Month(2024, 6) + k for k in range(5)))  # ends 2024-10: the previous year's
@example(frozenset(RUN_MONTHS[:26]))  # unreached since the records begin (2023-01)
@given(_runs_of())
def test_the_stated_run_is_the_real_run(unreached):
    proposal = _proposals(_run_dataset(unreached)).get(RUN_POINT)
    stated = [STATED.fullmatch(line) for line in (proposal.explanation if proposal else ())]
    stated = [m for m in stated if m]
    # Every run that ends in 2025, with its true length (walked back through the records).
    ends_in_year = []
    for k, month in enumerate(RUN_MONTHS):
        if month.year == 2025 and month in unreached and (k == 35 or RUN_MONTHS[k + 1] not in unreached):
            n = 0
            while k - n >= 0 and RUN_MONTHS[k - n] in unreached:
                n += 1
            ends_in_year.append((month, n))
    longest = max((n for _, n in ends_in_year), default=0)
    if longest < 3:
        assert stated == []
        return
    (m,) = stated
    length, first, last = int(m[1]), Month.parse(m[2]), Month.parse(m[3])
    # The stated length is the count of consecutive unreached owed months ending at the stated end,
    # and the stated start is where they begin.
    assert (last, length) in ends_in_year and length == longest
    assert first == last - (length - 1)


def test_a_reached_contact_of_the_wrong_office_in_the_run_is_named_as_not_counted():
    # P (甲区's to contact) is reached in October, in November by 市经贸委 only, not reached in December, no
    # contact in January: three owed months unreached; the explanation says why X-11, whose
    # record says reached, is in the evidence of 未联系上 (auditor t9 05).
    ds = small_dataset(2025)
    late = [
        Contact(f"C-{m}-{p.id}", p.id, date(2024, m, 10), ContactMethod.PHONE, p.liaison, True)
        for p in ds.points
        if p.id != P
        for m in (10, 11, 12)
    ]
    mine = [
        Contact("X-10", P, date(2024, 10, 10), ContactMethod.PHONE, "379902", True),
        Contact("X-11", P, date(2024, 11, 10), ContactMethod.PHONE, "city", True),
        Contact("X-12", P, date(2024, 12, 10), ContactMethod.PHONE, "379902", False),
    ]
    kept = tuple(c for c in ds.contacts if not (c.point == P and c.date.month == 1))
    ds = attrs.evolve(ds, contacts=kept + tuple(late + mine))
    proposal = _proposals(ds)[P]
    office = next(c for c in ds.counties if c.code == "379902").liaison_office
    assert proposal.explanation[0] == (
        f"连续3个月未联系上：2024-11—2025-01（无联系记录：2025-01；非负责联系单位的联系不计："
        f"2024-11 X-11 由{ds.city.liaison_office}记录，应由{office}联系）"
    )
    assert {"X-11", "X-12"} <= set(proposal.evidence)
