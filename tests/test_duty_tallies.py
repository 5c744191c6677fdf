"""The duty rules tally a point's months by an int key (year*12+month), not by Month, for
speed; these pin that the tallies, their order and the evidence are those of months."""

from datetime import date
from decimal import Decimal

from softenv_core import baseline_parameters
from softenv_core.engine.ruletypes import PointYear
from softenv_core.model.periods import Month
from softenv_core.model.reports import Contact, ContactMethod, Item, ItemCategory
from softenv_core.rules.city.duty import _contact, _feedback
from softenv_core.testing import small_dataset
from softenv_core.workdays.calendar import WorkCalendar

DAYS = (
    date(2024, 12, 5),
    date(2025, 1, 5),
    date(2025, 1, 20),
    date(2025, 12, 5),
    date(2026, 1, 3),
    date(2025, 3, 9),
    date(2025, 4, 9),
)


def _ctx(active: tuple[Month, ...]) -> PointYear:
    ds = small_dataset()
    point = ds.points[0]
    item = (Item(ItemCategory.OTHER, "x"),)
    contacts = tuple(
        # C5 is not reached, so it raised nothing (validation refuses items on it); C6 raises one.
        Contact(f"C{i}", point.id, d, ContactMethod.PHONE, point.liaison, i != 5, item if i in (1, 3, 6) else ())
        for i, d in enumerate(DAYS)
    )
    return PointYear(point, 2025, active, contacts, (), (), (), ds, WorkCalendar(), baseline_parameters())


def _by_month(ctx: PointYear, keep) -> dict[Month, list[str]]:
    out: dict[Month, list[str]] = {}
    for c in ctx.contacts:
        if keep(c):
            out.setdefault(Month.of(c.date), []).append(c.id)
    return out


def test_contact_counts_and_lists_the_months_of_the_active_months_in_their_order() -> None:
    active = (Month(2025, 12), Month(2025, 1), Month(2024, 12), Month(2025, 3), Month(2025, 2))
    ctx = _ctx(active)
    reached = _by_month(ctx, lambda c: c.reached and c.liaison == ctx.point.liaison)
    award = _contact(ctx)
    assert award.evidence == tuple(cid for m in active if m in reached for cid in reached[m])
    assert award.evidence == ("C3", "C1", "C2", "C0")
    # C5 (March) was not reached; C6 (April) and C4 (2026-01), months not owed, reached it and are said not to count.
    assert award.reason.endswith("未联系上：2025-03、2025-02；应履职月份以外的联系不计：2025-04（C6）、2026-01（C4）")
    points = baseline_parameters().number("duty.contact.points", date(2025, 12, 31))[0]
    assert award.points == (points * 3 / 5).quantize(Decimal("0.01"))


def test_feedback_months_are_sorted_as_months_across_a_year_boundary() -> None:
    active = (Month(2026, 1), Month(2025, 12), Month(2025, 1), Month(2024, 12))
    ctx = _ctx(active)
    fed = _by_month(ctx, lambda c: bool(c.items))
    expected = [cid for m in sorted(m for m in fed if m in active) for cid in fed[m]]
    award = _feedback(ctx)
    assert list(award.evidence) == expected == ["C1", "C3"]
    assert "有反馈的月份2个" in award.reason
    assert award.reason.endswith("；应履职月份以外的反馈不计：2025-04（C6）")  # April 2025 is not owed


def test_records_inside_keeps_all_for_a_whole_year_point_and_filters_a_partial_one() -> None:
    import attrs

    from softenv_core.analyses.point_records import records_inside

    ctx = _ctx(())
    point = ctx.point
    year_contacts = [c for c in reversed(ctx.contacts) if c.date.year == 2025]
    whole = attrs.evolve(point, designated_from=date(2024, 6, 1), designated_until=None)
    kept, _ = records_inside(whole, 2025, year_contacts, [])
    assert [c.id for c in kept] == ["C1", "C2", "C5", "C6", "C3"]  # by date then id
    part = attrs.evolve(point, designated_from=date(2025, 1, 10), designated_until=date(2025, 12, 4))
    kept, _ = records_inside(part, 2025, year_contacts, [])
    assert [c.id for c in kept] == ["C2", "C5", "C6"]


def test_shared_passing_condition_results_are_those_of_each_condition() -> None:
    from softenv_core import CITY_OFFICE, assess, get_plugin_manager
    from softenv_core.engine.trace import ConditionResult

    result = assess(small_dataset(), 2025, get_plugin_manager(autoload=False), audience=CITY_OFFICE)
    passed = [c for p in result.points for c in p.nomination_conditions if c.passed]
    assert passed
    for c in passed:
        assert c == ConditionResult(c.rule, True, "满足")
        assert c.rule.id.startswith("city.nominate.")
    for p in result.points:  # each point's conditions in the city's order, one per condition
        assert [c.rule.id for c in p.nomination_conditions] == [
            c.rule.id for c in result.points[0].nomination_conditions
        ]
