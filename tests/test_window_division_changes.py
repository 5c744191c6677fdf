"""Roster changes a county's abolition or creation forces are not adjustments "outside the
window without a legitimate reason" (auditor t9 09): the transfer docs/rules.md prescribes on
abolition, and a county created after the year's window designating its first points."""

from datetime import date

import attrs

from softenv_core import CITY_OFFICE, baseline_parameters, year_end
from softenv_core.analyses.adjustment import check_window
from softenv_core.model.points import Designator
from softenv_core.model.roster import ChangeAction, ChangeReason, RosterChange
from softenv_core.render.year_end import render_yearend
from softenv_core.testing import small_dataset
from softenv_core.testing.builders import county, make_point

JIA, XIN, BING = "379902", "379903", "379981"


def _dataset():
    ds = small_dataset(2025, (JIA,))
    xin = attrs.evolve(county(XIN, "新区"), effective_from=date(2025, 4, 1))
    bing = attrs.evolve(county(BING, "丙市"), effective_until=date(2025, 9, 30))
    z1 = make_point("Z1", BING, 40, designated_until=date(2025, 9, 30))
    z1b = attrs.evolve(make_point("Z1b", JIA, 40, designated_from=date(2025, 10, 1)), enterprise=z1.enterprise)
    z2 = make_point("Z2", BING, 41, designated_until=date(2025, 9, 30))
    m1 = make_point("M1", XIN, 21, designated_from=date(2025, 7, 1))
    j9 = make_point("J9", JIA, 42, designated_from=date(2025, 7, 1))

    def change(cid, point, action, where, day):
        return RosterChange(cid, point, action, ChangeReason.DESIGNATION, day, Designator.COUNTY, where)

    changes = (
        attrs.evolve(change("RC1", "Z1", ChangeAction.REMOVE, BING, date(2025, 10, 1)), reason=ChangeReason.OTHER),
        change("RC2", "Z1b", ChangeAction.ADD, JIA, date(2025, 10, 1)),
        attrs.evolve(change("RC3", "Z2", ChangeAction.REMOVE, BING, date(2025, 10, 1)), reason=ChangeReason.OTHER),
        change("RCM", "M1", ChangeAction.ADD, XIN, date(2025, 7, 1)),
        change("RCJ", "J9", ChangeAction.ADD, JIA, date(2025, 7, 1)),  # 甲区's own choice: flagged
    )
    return attrs.evolve(
        ds,
        counties=(*ds.counties, xin, bing),
        points=(*ds.points, z1, z1b, z2, m1, j9),
        roster_changes=changes,
    )


def test_forced_changes_are_exempt_and_say_why_a_choice_is_still_flagged():
    found = {w.change: w for w in check_window(_dataset(), 2025, baseline_parameters())}
    assert {k for k, w in found.items() if w.flagged} == {"RCJ"}
    assert found["RCJ"].forced is None and "不在年度调整期" in found["RCJ"].explanation
    assert {k: w.forced for k, w in found.items() if w.forced} == {
        "RC1": "county_abolished",
        "RC2": "county_abolished",
        "RC3": "county_abolished",
        "RCM": "county_created",
    }
    assert (
        found["RC2"].explanation == "调整期外生效，因县区撤销转隶（379981 2025-09-30撤销，原监测点 Z1），不受调整期限制"
    )
    assert "新设县区首次确定监测点（379903 2025-04-01设立，当年无调整期）" in found["RCM"].explanation


def test_section_nine_counts_the_forced_changes_apart():
    md = render_yearend(year_end(_dataset(), 2025, audience=CITY_OFFICE))
    assert (
        "全年调整5项：调整期内0项，调整期外5项，其中因县区撤销转隶或终止3项、新设县区首次确定监测点1项，不受调整期限制；"
        "无正当原因1项。" in md
    )


def test_the_same_changes_unrecorded_get_the_same_exemption():
    """r3 02, t12 03: without its roster changes the transfer and the new county's first point are
    listed as unrecorded, but exempt as when recorded; 甲区's own July addition is still outside."""
    ds = attrs.evolve(_dataset(), roster_changes=())
    ye = year_end(ds, 2025, audience=CITY_OFFICE)
    found = {u.point: u for u in ye.unrecorded}
    assert {p: (u.outside_window, u.forced) for p, u in found.items()} == {
        "Z1": (False, "county_abolished"),
        "Z1b": (False, "county_abolished"),
        "Z2": (False, "county_abolished"),
        "M1": (False, "county_created"),
        "J9": (True, None),
    }
    assert found["Z1b"].explanation.endswith(
        "调整期外生效，因县区撤销转隶（379981 2025-09-30撤销，原监测点 Z1），不受调整期限制"
    )
    md = render_yearend(ye)
    assert (
        "另有未记入名册调整的调整5项（监测点记录的日期在年内），其中调整期外1项，"
        "因县区撤销转隶或终止3项、新设县区首次确定监测点1项不受调整期限制：" in md
    )


def test_the_first_year_had_no_window_before_the_baseline():
    """t12 07: 2022's window (January) preceded the baseline and adjustment.window (2022-03-01):
    no change of 2022 broke it, recorded or not; the date is the parameter's."""
    params = baseline_parameters()
    since = params.since("adjustment.window")
    ds = small_dataset(2022, (JIA,))
    late = make_point("J9", JIA, 42, designated_from=date(2022, 7, 1))
    ds = attrs.evolve(ds, points=(*ds.points, late))
    add = RosterChange(
        "RCJ", "J9", ChangeAction.ADD, ChangeReason.DESIGNATION, date(2022, 7, 1), Designator.COUNTY, JIA
    )
    (w,) = check_window(attrs.evolve(ds, roster_changes=(add,)), 2022, params)
    assert (w.flagged, w.forced) == (False, "no_window")
    assert w.explanation == f"调整期外生效，基线{since}施行，当年无调整期，不受调整期限制"
    (u,) = year_end(ds, 2022, audience=CITY_OFFICE).unrecorded
    assert (u.outside_window, u.forced) == (False, "no_window")
    # The next year's January window is in force: the same addition in July 2023 is flagged.
    (w23,) = check_window(
        attrs.evolve(ds, roster_changes=(attrs.evolve(add, effective=date(2023, 7, 1)),)), 2023, params
    )
    assert w23.flagged


def test_section_nine_s_figures_add_up_to_its_total_in_either_language():
    """a41: "全年调整5项，调整期外且无正当原因1项。另有…3项…1项" left the changes inside the window
    and those exempt by reason unsaid, and "另有" read as extra to the 5 what was among them."""
    ye = year_end(_dataset(), 2025, audience=CITY_OFFICE)
    inside = sum(w.inside for w in ye.window)
    flagged = sum(w.flagged for w in ye.window)
    exempt = sum(w.exempt for w in ye.window)
    assert inside + flagged + exempt == len(ye.window) == 5  # every change in one of the three
    en = render_yearend(ye, "en")
    assert (
        f"5 changes in the year: {inside} inside the window, {5 - inside} outside it, of which 3 forced on a "
        "county's abolition, 1 first designations of a new county (not subject to the window); 1 without an "
        "exempt reason." in en
    )


def test_a_county_sees_its_own_window_checks_and_the_public_true_counts():
    """r3 05: outside the city office section 九 said "全年调整0项, 调整期外且无正当原因0项" over a
    withheld list. A county sees its own checks whole; the public the true counts, unnamed."""
    ds = _dataset()
    own = year_end(ds, 2025, audience=f"county:{JIA}")
    assert sorted(w.change for w in own.window) == ["RC2", "RCJ"]
    md = render_yearend(own)
    nine = md[md.index("、年度调整期与新增建议") :]  # the city's 九, a county's 七 (render.section_numbers)
    assert "本县区全年调整2项：调整期内0项，调整期外2项，其中因县区撤销转隶或终止1项、新设县区首次确定监测点0项" in nine
    assert "| RCJ | J9 | 379902 县区02 | 2025-07-01 |" in nine  # named since clerk c48
    public = year_end(ds, 2025, audience="public")
    assert {(w.change, w.point, w.county, w.explanation) for w in public.window} == {("", "", "", "")}
    # Nor the day or the reason (review r4 01: beside the public report's counts by county, the
    # day a change took effect named its county), in an order that does not follow them.
    assert {(w.effective, w.reason) for w in public.window} == {(public.window[0].window_start, "")}
    assert list(public.window) == sorted(public.window, key=lambda w: (w.inside, w.exempt, w.flagged, w.forced or ""))
    md = render_yearend(public)
    nine = md[md.index("、年度调整期与新增建议") :]
    assert "\n全年调整5项：调整期内0项，调整期外5项，其中因县区撤销转隶或终止3项、新设县区首次确定监测点1项" in nine
    assert "RCJ" not in nine and "J9" not in nine and "| 调整 |" not in nine
