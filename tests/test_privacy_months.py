"""A monthly report outside the city office does not tell a month without direct feedback
from one with a little.

A hidden complaint count (below ``privacy.min_cell``) was shown as "<3" while a zero was shown
as 0, and the notice "直接反馈记录不列编号, 仅计总数: <3 处" appeared only in months with a
withheld complaint: a county reading its reports month by month saw in which month its points
complained, and with the year-end residual of its assessment which point (finding 02). Now a
count of direct feedback below min_cell is hidden at zero too (printed "—", the one mark of a
hidden cell: attacker's finding 10), and the notice is said every month;
it counts nothing (a count exact from min_cell on moved 3 → 4 in the month of one more
complaint: tdiff finding 03) (docs/privacy.md, *Monthly reports*).
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from softenv_core import CITY_OFFICE, SoftenvError
from softenv_core.analyses.monitoring_report import monitoring_report
from softenv_core.analyses.redaction_report import WITHHELD_COMPLAINTS
from softenv_core.model.complaints import Complaint, ComplaintEvent, ComplaintKind, EventType
from softenv_core.model.dataset import Dataset
from softenv_core.model.periods import BEIJING, Month
from softenv_core.model.reports import ItemCategory
from softenv_core.render.monitoring_report import render_markdown
from softenv_core.testing.builders import beijing, make_complaint, small_dataset
from softenv_core.testing.strategies import datasets
from tests.test_privacy_feedback import PM, PROPERTY, YEAR

NOTICE = WITHHELD_COMPLAINTS


def _complaint(cid: str, point: str, at: datetime, unit: str | None = None) -> Complaint:
    return Complaint(
        cid,
        ComplaintKind.COMPLAINT,
        point,
        unit,
        ItemCategory.DIFFICULTY,
        "反映事项",
        False,
        (ComplaintEvent(EventType.RECEIVED, at, "办理人"),),
    )


def _report(ds: Dataset, month: Month, audience: str, as_of: datetime | None = None) -> str:
    """The report's JSON and Markdown, without the instant it states (two instants compared
    must differ in nothing else)."""
    r = attrs.evolve(monitoring_report(ds, month, PM(), audience=audience, as_of=as_of), as_of=None)
    return r.to_json() + render_markdown(r) + render_markdown(r, "en")


def test_the_notice_and_the_counts_are_the_same_in_a_month_without_direct_feedback():
    base = attrs.evolve(small_dataset(YEAR), complaints=())
    one = attrs.evolve(base, complaints=(_complaint("Q-1", "P-379902-2", beijing(YEAR, 3, 12, 14)),))
    for audience in ("county:379902", "department:city-amr", "public"):
        quiet = monitoring_report(base, Month(YEAR, 3), PM(), audience=audience)
        assert NOTICE in quiet.notices
        assert (quiet.complaints_received, quiet.complaints_resolved, quiet.complaints_overdue) == (None, None, None)
        assert _report(base, Month(YEAR, 3), audience) == _report(one, Month(YEAR, 3), audience)
    # Within the month a county is given no report at all (an hour before the receipt and an
    # hour after, set side by side, would date it: attacker 01); the city office is.
    before, after = (datetime(YEAR, 3, 12, h, tzinfo=BEIJING) for h in (13, 15))
    for at in (before, after):
        with pytest.raises(SoftenvError, match=r"only as of .* or later"):
            monitoring_report(one, Month(YEAR, 3), PM(), audience="county:379902", as_of=at)
    assert monitoring_report(one, Month(YEAR, 3), PM(), audience=CITY_OFFICE, as_of=after).complaints_received == 1
    # The city office still sees zero as zero, and no notice.
    city = monitoring_report(base, Month(YEAR, 3), PM(), audience=CITY_OFFICE)
    assert city.complaints_received == 0 and city.notices == ()


@PROPERTY
@given(datasets(year=YEAR, max_counties=2, max_points=3), st.data())
def test_property_a_county_report_is_the_same_for_zero_one_or_two_complaints_of_its_points(ds, data):
    """A year without other direct feedback; in month M the county's points make 0, 1 or 2
    direct complaints (below min_cell): the county's report of M is the same, byte for byte."""
    ds = attrs.evolve(ds, complaints=())
    month = Month(YEAR, data.draw(st.integers(1, 12)))
    days = [month.first_day + timedelta(days=k) for k in range((month.last_day - month.first_day).days + 1)]
    active = [(p, d) for p in ds.points for d in days if p.active_on(d)]
    if not active:
        return
    county = data.draw(st.sampled_from(sorted({p.county for p, _ in active})))
    mine = [(p, d) for p, d in active if p.county == county]
    units = [None, *(d.id for d in ds.departments)]
    made = []
    for i in range(2):
        point, day = data.draw(st.sampled_from(mine))
        at = datetime.combine(day, time(data.draw(st.integers(0, 23))), BEIJING)
        made.append(_complaint(f"Q-NEW{i}", point.id, at, data.draw(st.sampled_from(units))))
    views = {_report(attrs.evolve(ds, complaints=tuple(made[:k])), month, f"county:{county}") for k in range(3)}
    assert len(views) == 1


def test_a_common_problem_made_only_by_complaints_is_the_city_offices_alone():
    """Three points in three counties complain about one department's enforcement: the city
    office sees a common problem; a county's report (and year end) does not, since it existed
    only because of complaints made (found by the zero/one/two property above)."""
    from softenv_core.analyses.year_end import year_end
    from softenv_core.model.complaints import Complaint, ComplaintEvent, ComplaintKind, EventType
    from softenv_core.model.reports import ItemCategory

    def complaint(i: int, county: str) -> Complaint:
        events = (ComplaintEvent(EventType.RECEIVED, beijing(YEAR, 4, 2 + i), "市软建办"),)
        return Complaint(
            f"Q{i}", ComplaintKind.COMPLAINT, f"P-{county}-2", "city-amr", ItemCategory.ENFORCEMENT, "t", events=events
        )

    ds = attrs.evolve(
        small_dataset(YEAR), complaints=tuple(complaint(i, c) for i, c in enumerate(("379902", "379921", "379981")))
    )
    city = monitoring_report(ds, Month(YEAR, 4), PM(), audience=CITY_OFFICE)
    # Without small_dataset's 经营状况 items naming no department, a problem of their own since
    # auditor a70 03 (docs/rules.md "Open: items naming no department"), from contacts only.
    assert [p.category for p in city.common_problems if p.department] == ["enforcement"]
    county = monitoring_report(ds, Month(YEAR, 4), PM(), audience="county:379902")
    assert [p.category for p in county.common_problems if p.department] == []
    assert not [t for t in year_end(ds, YEAR, PM(), audience="county:379902").topics if t.category == "enforcement"]


def test_one_more_complaint_over_three_open_tickets_moves_nothing_in_a_county_report():
    """tdiff finding 03: three tickets about the county's own bureau, signed in January and
    never resolved, are news every month; one more direct complaint by one of its points in May
    (about a city department, closed within the month) moved the county's notice 3 → 4 in
    May alone. The county's reports of April to June are now the same with and without it."""
    base, bureau = small_dataset(YEAR), "379902-amr"
    background = tuple(
        make_complaint(f"Q-BG{k}", "P-379921-1", beijing(YEAR, 1, 13 + k), until=EventType.SIGNED, department=bureau)
        for k in range(3)
    )
    without = attrs.evolve(base, complaints=background)
    target = make_complaint("Q-T", "P-379902-2", beijing(YEAR, 5, 12), until=EventType.CLOSED)
    with_one = attrs.evolve(base, complaints=(*background, target))
    for m in (4, 5, 6):
        assert _report(without, Month(YEAR, m), "county:379902") == _report(with_one, Month(YEAR, m), "county:379902")
    for m in (4, 5, 6):
        assert NOTICE in monitoring_report(with_one, Month(YEAR, m), PM(), audience="county:379902").notices
    # The city office still lists it.
    city = monitoring_report(with_one, Month(YEAR, 5), PM(), audience=CITY_OFFICE)
    assert "Q-T" in {c.id for c in city.complaints}
