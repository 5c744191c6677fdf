"""Direct feedback found false or malicious is named where it is left out (audit t4 finding
01): the 反映情况 item names it with its receipt month and the instant of the finding (Beijing
time, which decides the year it deducts in), and the 监督质量 item says which findings it
counts and which, found after the year's end, a later year counts, so the two items agree.
A county's view keeps the figure only (docs/privacy.md). Values worked out by hand."""

from datetime import UTC, datetime
from decimal import Decimal

import attrs
from hypothesis import given

from softenv_core import CITY_OFFICE, assess, get_plugin_manager
from softenv_core.model.complaints import Verdict
from softenv_core.model.periods import BEIJING, beijing_date
from softenv_core.testing import beijing, datasets, make_complaint, small_dataset

from .weights import HEAVY

P = "P-379902-2"  # 甲区's county point
# Received 2025-12-10; found false at 2025-12-31 17:00 UTC = 2026-01-01 01:00 Beijing time.
NEXT_YEAR = make_complaint(
    "Q1", P, beijing(2025, 12, 10), resolved_at=datetime(2025, 12, 31, 17, tzinfo=UTC), verdict=Verdict.FALSE
)
SAME_YEAR = make_complaint("Q2", P, beijing(2025, 3, 10), resolved_at=beijing(2025, 3, 20, 15), verdict=Verdict.FALSE)


def _dataset(*complaints):
    ds = small_dataset(2025)
    contacts = tuple(attrs.evolve(c, items=()) if c.point == P else c for c in ds.contacts)  # no contact items
    return attrs.evolve(ds, contacts=contacts, complaints=complaints)


def _items(ds, year=2025, audience=CITY_OFFICE, as_of=None):
    pm = get_plugin_manager(autoload=False, plugins=[])
    p = assess(ds, year, pm, audience=audience, as_of=as_of).point(P)
    return {i.rule.id: i for i in p.items}


def test_a_finding_after_the_year_is_named_by_both_items():
    items = _items(_dataset(NEXT_YEAR))  # default as_of 2026-01-06 00:00: the finding is known
    feedback, supervision = items["city.duty.feedback"], items["city.duty.supervision"]
    # Found false: no feedback month (30 × 0/6 = 0); it deducts in 2026, not 2025 (20).
    assert (feedback.points, supervision.points) == (Decimal(0), Decimal(20))
    named = "Q1（2025-12收到，认定于2026-01-01 01:00，计入2026年）"
    assert feedback.reason == f"有反馈的月份0个，满分需6个（6×12/12）：30 × 0/6；经查虚假或恶意的直接反馈不计：{named}"
    assert supervision.reason == f"本年度无计入的经查虚假或恶意的投诉；年度结束后认定，计入认定年度：{named}"
    # 2026: deducted there, saying when it was found (why a 2025 complaint counts in 2026).
    later = _items(_dataset(NEXT_YEAR), 2026, as_of=datetime(2026, 12, 31, tzinfo=BEIJING))["city.duty.supervision"]
    assert later.points == Decimal(10) and later.evidence == ("Q1",)
    assert later.reason == "20 − 10 × 1件经查虚假或恶意的投诉；计入本年度：Q1（2025-12收到，认定于2026-01-01 01:00）"


def test_a_finding_in_the_year_is_named_by_the_feedback_item():
    items = _items(_dataset(SAME_YEAR))
    named = "Q2（2025-03收到，认定于2025-03-20 15:00）"
    assert items["city.duty.feedback"].reason.endswith(f"；经查虚假或恶意的直接反馈不计：{named}")
    assert items["city.duty.supervision"].reason == f"20 − 10 × 1件经查虚假或恶意的投诉；计入本年度：{named}"


def test_a_county_sees_the_figure_without_the_findings():
    # The county's view of its point says neither ids nor days: the same text as for a point
    # that never complained (the complaint is not dated by difference).
    complained = _items(_dataset(NEXT_YEAR), audience="county:379902")["city.duty.supervision"]
    quiet = _items(_dataset(), audience="county:379902")["city.duty.supervision"]
    assert complained.reason == quiet.reason == "本年度无计入的经查虚假或恶意的投诉"
    county = _items(_dataset(SAME_YEAR), audience="county:379902")
    assert county["city.duty.supervision"].reason == "20 − 10 × 1件经查虚假或恶意的投诉"
    assert "Q2" not in county["city.duty.feedback"].reason and "03-20" not in county["city.duty.feedback"].reason


@HEAVY  # a generated dataset assessed per example: tests/weights.py
@given(datasets())
def test_every_false_feedback_of_the_year_is_named_where_it_is_left_out(dataset):
    """Each complaint a point made in the year, inside its interval, found false or malicious
    by as_of, is named by both its feedback and supervision items; the supervision item says
    无 only when it deducts nothing."""
    year = dataset.reports[0].month.year if dataset.reports else 2025
    a = assess(dataset, year, get_plugin_manager(autoload=False, plugins=[]), audience=CITY_OFFICE)
    for p in a.points:
        items = {i.rule.id: i for i in p.items}
        feedback, supervision = items["city.duty.feedback"], items["city.duty.supervision"]
        assert supervision.reason.startswith("本年度无计入") == (not supervision.evidence)
        until = p.designated_until or datetime.max.date()
        for c in dataset.complaints:
            known = c.known_at(a.as_of)
            received = c.received_at
            if c.point != p.id or received is None or received > a.as_of or not known.found_false:
                continue
            if beijing_date(received).year == year and p.designated_from <= beijing_date(received) <= until:
                assert f"{c.id}（" in feedback.reason and f"{c.id}（" in supervision.reason
