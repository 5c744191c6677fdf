"""A monthly report made inside its month (``as_of``) counts only the contacts known then, in
section 三 and in the trends, by the assessment's rule (``year_records``): a contact is known
once its Beijing day has come (``model/reports.contacts_known_through``). Its complaints, county
reports and amendments were already read at the instant; its contacts were not."""

from datetime import UTC, date, datetime, timedelta

import attrs
from hypothesis import assume, given
from hypothesis import strategies as st

from softenv_core import CITY_OFFICE, Month, get_plugin_manager
from softenv_core.analyses.contact_overview import contact_overview, county_tallies, points_reached
from softenv_core.analyses.liaison import liaison_check
from softenv_core.analyses.monitoring_report import monitoring_report
from softenv_core.analyses.point_records import year_records
from softenv_core.model.complaints import Verdict
from softenv_core.model.reports import Amendment, Contact, ContactMethod, Item, ItemCategory, month_contacts_cut
from softenv_core.testing import beijing, datasets, make_complaint, small_dataset
from softenv_core.testing.record_strategies import items

from .weights import HEAVY

JIA = "379902"
MARCH = Month(2025, 3)
PM = get_plugin_manager(autoload=False)
CITY_POINT, OWN_POINT = f"P-{JIA}-1", f"P-{JIA}-2"  # 市直 (the city's to contact), 甲区's own
MID = beijing(2025, 3, 15, 12)  # before the 20th, when the late contacts are dated
LATE = date(2025, 3, 20)


def _late_march():
    """small_dataset with 甲区's own point contacted in March on the 20th (not the 10th), by a
    visit that raises an enforcement matter, made by someone other than its liaison person;
    and, the same day, a contact with the city's point logged by 甲区's office (wrong office)."""
    ds = small_dataset(2025)
    points = tuple(attrs.evolve(p, liaison_person="张三") if p.id == OWN_POINT else p for p in ds.points)
    late = Contact(
        "C-LATE",
        OWN_POINT,
        LATE,
        ContactMethod.VISIT,
        JIA,
        True,
        (Item(ItemCategory.ENFORCEMENT, "三月下旬反映的执法检查事项", "city-amr"),),
        made_by="李四",
    )
    wrong = Contact("C-LATE-WRONG", CITY_POINT, LATE, ContactMethod.PHONE, JIA, True)
    contacts = tuple(c for c in ds.contacts if not (c.point == OWN_POINT and c.date.month == 3))
    return attrs.evolve(ds, points=points, contacts=(*contacts, late, wrong))


def _row(report):
    return next(r for r in report.contacts if r.county == JIA)


def _trend(report, name):
    row = next(r for r in report.trends.rows if r.dimension == name)
    return row.current.value


def test_a_report_inside_its_month_does_not_count_a_contact_dated_after_its_instant():
    ds = _late_march()
    mid = monitoring_report(ds, MARCH, PM, audience=CITY_OFFICE, as_of=MID)
    row = _row(mid)  # 甲区's own point only: its 市直 point is in the city's row
    assert (row.active_points, row.reached, row.unreached) == (1, 0, (OWN_POINT,))
    assert row.by_method == {"phone": 0, "visit": 0, "symposium": 0, "online": 0, "other": 0}
    assert (row.wrong_office, row.wrong_office_count) == ((), 0)
    assert (row.not_liaison, row.not_liaison_count) == ((), 0)
    assert _trend(mid, "points_reached") == 5  # the six points but 甲区's own
    assert "enforcement" not in mid.items_by_category and "C-LATE" not in {i.source for i in mid.notable_items}
    assert not any(r.dimension == "category" and r.key == "enforcement" for r in mid.trends.rows)
    # The default instant (after the month's last deadline) knows them all.
    end = monitoring_report(ds, MARCH, PM, audience=CITY_OFFICE)
    row = _row(end)
    assert (row.active_points, row.reached, row.unreached) == (1, 1, ())
    assert row.by_method == {"phone": 0, "visit": 1, "symposium": 0, "online": 0, "other": 0}
    assert (row.wrong_office, row.not_liaison) == ((), ("C-LATE",))
    # 甲区's office logging a contact with the 市直 point is flagged in the city's row.
    city = next(r for r in end.contacts if r.county == "city")
    assert (city.active_points, city.reached, city.wrong_office) == (3, 3, ("C-LATE-WRONG",))
    assert _trend(end, "points_reached") == 6
    assert end.items_by_category["enforcement"] == 1
    assert next(r for r in end.trends.rows if r.key == "enforcement").current.value == 1


def test_the_overview_functions_take_the_same_instant():
    ds = _late_march()
    assert OWN_POINT not in {o.point for o in contact_overview(ds, MARCH, as_of=MID, audience=CITY_OFFICE) if o.reached}
    assert OWN_POINT in {o.point for o in contact_overview(ds, MARCH, audience=CITY_OFFICE) if o.reached}
    assert (county_tallies(ds, MARCH, as_of=MID)[JIA].reached, county_tallies(ds, MARCH)[JIA].reached) == (0, 1)
    assert (points_reached(ds, MARCH, as_of=MID), points_reached(ds, MARCH)) == (5, 6)
    mid, end = liaison_check(ds, MARCH, MID), liaison_check(ds, MARCH)
    assert (mid.contacts, end.contacts) == (5, 7)  # the six points' but 甲区's own, and the two late
    assert [f.contact for f in mid.flagged] == [] and [f.contact for f in end.flagged] == ["C-LATE"]


def test_a_contact_is_known_from_its_beijing_day_as_the_assessment_knows_it():
    """The 20th's contacts are known from 20 March 00:00 Beijing (19 March 16:00 UTC), in the
    report and in the assessment's year records alike."""
    ds = _late_march()
    for at, known in (
        (datetime(2025, 3, 19, 15, 59, tzinfo=UTC), False),
        (datetime(2025, 3, 19, 16, 0, tzinfo=UTC), True),
        (beijing(2025, 3, 31, 23), True),
    ):
        report = monitoring_report(ds, MARCH, PM, audience=CITY_OFFICE, as_of=at)
        assert (_row(report).reached == 1) is known, at
        assessed = {c.id for c in year_records(ds, 2025, at)[0][OWN_POINT]}
        assert ("C-LATE" in assessed) is known, at
    # On or after the month's last day every contact of it is known: the index path.
    assert month_contacts_cut(MARCH, beijing(2025, 3, 31, 0)) is None
    assert month_contacts_cut(MARCH, None) is None
    assert month_contacts_cut(MARCH, MID) == date(2025, 3, 15)


#: A late contact as drawn: (which point, days after the cut, by its own office, reached,
#: method, who made it: nobody said / the liaison person / someone else, items). Plain values,
#: built into contacts in the test: a strategy closed over a drawn dataset repr'd it in full.
_LATE = st.tuples(
    st.integers(0, 50),
    st.sampled_from((1, 2, 5, 16, 40)),  # mostly the month's remaining days, sometimes a later month
    st.booleans(),
    st.booleans(),
    st.sampled_from(ContactMethod),
    st.integers(0, 2),
    st.lists(items(), max_size=2),
)


def _late_contacts(ds, cut, drawn):
    """Contacts dated after ``cut`` (in the month or later in the year), some by the wrong
    office, not reached, raising items, or made by someone other than the liaison person."""
    out = []
    for n, (k, after, own, reached, method, who, raised) in enumerate(drawn):
        p = ds.points[k % len(ds.points)]
        day = cut + timedelta(days=after)
        if not (p.designated_from <= day <= (p.designated_until or date.max)) or day.year != cut.year:
            continue  # kept valid: a contact inside its point's interval, in the dataset's year
        liaison = p.liaison if own else ("city" if p.liaison != "city" else p.county)
        made_by = (None, p.liaison_person, "代班人员")[who]
        items = tuple(raised) if reached else ()  # a point not reached raised nothing
        out.append(Contact(f"C-LATE-{n}", p.id, day, method, liaison, reached, items, made_by=made_by))
    return out


@HEAVY  # a generated dataset reported on twice per example: tests/weights.py
@given(datasets(year=2025), st.integers(1, 12), st.integers(1, 27), st.integers(0, 23), st.lists(_LATE, max_size=4))
def test_contacts_dated_after_the_instant_never_change_the_report_as_of_it(ds, m, day, hour, drawn):
    assume(ds.points)
    month = Month(2025, m)
    at = beijing(2025, m, day, hour)
    more = attrs.evolve(ds, contacts=(*ds.contacts, *_late_contacts(ds, month_contacts_cut(month, at), drawn)))
    before = monitoring_report(ds, month, PM, audience=CITY_OFFICE, as_of=at)
    after = monitoring_report(more, month, PM, audience=CITY_OFFICE, as_of=at)
    assert before == after  # section 六 too: common problems read the matters known at as_of


def _enforcement(cid, point, day):
    item = Item(ItemCategory.ENFORCEMENT, f"{point} 反映执法检查频繁", "city-amr")
    return Contact(cid, point, day, ContactMethod.VISIT, "city", True, (item,))


def test_common_problems_read_only_the_matters_known_at_the_instant():
    """Section 六: three points in two counties raise the same matter (a common problem), one of
    them on the 20th. As of the 15th only two had: not yet a common problem; at the default
    instant it is. An amendment submitted after the report's instant is not read either."""
    ds = small_dataset(2025)
    raised = (
        _enforcement("C-E1", "P-379902-1", date(2025, 3, 10)),
        _enforcement("C-E2", "P-379921-1", date(2025, 3, 11)),
        _enforcement("C-E3", "P-379981-1", LATE),
    )
    ds = attrs.evolve(ds, contacts=(*ds.contacts, *raised))
    key = ("enforcement", "city-amr")

    def problems(data, at=None):
        report = monitoring_report(data, MARCH, PM, audience=CITY_OFFICE, as_of=at)
        return {(p.category, p.department): p.points for p in report.common_problems}

    assert key not in problems(ds, MID)
    assert problems(ds)[key] == ("P-379902-1", "P-379921-1", "P-379981-1")
    # Without the late contact, the third point comes from 丙市's March report, amended after
    # the report's default instant: unknown then, so no common problem yet.
    report = next(r for r in ds.reports if r.id == "R-379981-2025-03")
    item = Item(ItemCategory.ENFORCEMENT, "执法检查频繁", "city-amr", "P-379981-1")
    amended = Amendment(beijing(2025, 5, 6, 9), "经办人", (item,))
    reports = tuple(attrs.evolve(r, amendments=(amended,)) if r is report else r for r in ds.reports)
    late = attrs.evolve(ds, contacts=ds.contacts[:-1], reports=reports)
    assert key not in problems(late)
    assert problems(late, beijing(2025, 5, 7, 0))[key] == ("P-379902-1", "P-379921-1", "P-379981-1")


def test_a_complaint_found_false_after_the_instant_still_raises_its_matter_then():
    """The third point's matter comes from its complaint to 市软建办, found false on 1 May: as of
    the March report's default instant the complaint stood, so the problem was common then;
    as of 2 May it no longer counts (a false complaint raises no matter)."""
    complaint = make_complaint(
        "Q1", "P-379981-1", beijing(2025, 3, 12), resolved_at=beijing(2025, 5, 1), verdict=Verdict.FALSE
    )
    ds = small_dataset(2025)
    raised = (_enforcement("C-E1", "P-379902-1", date(2025, 3, 10)), _enforcement("C-E2", "P-379921-1", LATE))
    ds = attrs.evolve(ds, contacts=(*ds.contacts, *raised), complaints=(complaint,))
    key = ("enforcement", "city-amr")

    def problems(at=None):
        report = monitoring_report(ds, MARCH, PM, audience=CITY_OFFICE, as_of=at)
        return {(p.category, p.department): p.evidence for p in report.common_problems}

    assert "Q1" in problems()[key]
    assert key not in problems(beijing(2025, 5, 2))
