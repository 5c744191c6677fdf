"""The roster as known at an instant (roster_changes.known_roster; docs/yearend.md "As of an
instant"): a roster change neither in effect nor filed then ends or starts no designation, even
though the point's own record already says so (records and changes agree: DESIGN "Who owes
what, when"); and the year end's follow-ups read county reports by their instant, not their day.
"""

from datetime import date, datetime

import attrs

from softenv_core import CITY_OFFICE, assess, get_plugin_manager
from softenv_core.analyses.adjustment import known_changes
from softenv_core.analyses.designation import designated_points
from softenv_core.analyses.roster_changes import known_roster
from softenv_core.analyses.year_end import year_end
from softenv_core.model.enterprises import synthetic_uscc
from softenv_core.model.periods import BEIJING, Month
from softenv_core.model.points import Designator
from softenv_core.model.reports import Amendment, Item, ItemCategory
from softenv_core.model.roster import ChangeAction, ChangeReason, Filing, Nomination, RosterChange
from softenv_core.testing import small_dataset

P = "P-379902-2"  # 甲区's county point
Q = "P-379921-2"  # another county's county point
BASE = small_dataset(2025)


def _pm():
    return get_plugin_manager(autoload=False, plugins=[])


def _ye(ds, as_of):
    return year_end(ds, 2025, _pm(), audience=CITY_OFFICE, as_of=as_of)


def _removed(ds, point: str, effective: date, filed_on: date | None = None):
    """``ds`` with ``point`` removed from ``effective``, its record saying so, filed or not."""
    p = next(p for p in ds.points if p.id == point)
    change = RosterChange(
        "RC1", point, ChangeAction.REMOVE, ChangeReason.OWN_WISH, effective, Designator.COUNTY, p.county
    )
    ended = attrs.evolve(p, designated_until=date.fromordinal(effective.toordinal() - 1))
    filings = () if filed_on is None else (Filing("F1", p.county, filed_on, ("RC1",)),)
    return attrs.evolve(
        ds,
        points=tuple(ended if x.id == point else x for x in ds.points),
        roster_changes=(change,),
        filings=filings,
    )


def test_a_removal_not_yet_known_leaves_the_roster_after_the_adjustment_whole():
    # Q's record ends 08-31 as its removal (effective 09-01, not filed) says: unknown on 08-15.
    as_of = datetime(2025, 8, 15, 10, tzinfo=BEIJING)
    changed = _removed(BASE, Q, date(2025, 9, 1))
    assert known_changes(changed, as_of) == ()
    ye = _ye(changed, as_of)
    assert ye.roster_before.points == 6 and ye.roster_after.points == 6  # the old code: after 5
    assert ye.to_json() == _ye(BASE, as_of).to_json()
    # Filed on 08-10: known then, so the roster after the adjustment leaves Q out.
    filed = _ye(_removed(BASE, Q, date(2025, 9, 1), date(2025, 8, 10)), as_of)
    assert filed.roster_before.points == 6 and filed.roster_after.points == 5
    # In effect by the year's last day, whatever the filing: known.
    assert _ye(changed, datetime(2025, 12, 31, tzinfo=BEIJING)).roster_before.points == 5


def test_an_addition_not_yet_known_is_not_on_the_roster_after_the_adjustment():
    src = next(p for p in BASE.points if p.id == Q)
    enterprise = attrs.evolve(src.enterprise, name="新增测试企业有限公司", uscc=synthetic_uscc("379921", 9001))
    new = attrs.evolve(src, id="P-NEW", designated_from=date(2026, 1, 1), enterprise=enterprise)
    add = RosterChange(
        "RC-ADD", new.id, ChangeAction.ADD, ChangeReason.DESIGNATION, date(2026, 1, 1), Designator.COUNTY, "379921"
    )
    ds = attrs.evolve(BASE, points=(*BASE.points, new), roster_changes=(add,))
    as_of = datetime(2025, 12, 31, 12, tzinfo=BEIJING)
    assert [p.id for p in known_roster(ds, as_of)] == [p.id for p in BASE.points]
    assert _ye(ds, as_of).roster_after == _ye(BASE, as_of).roster_after  # the old code: 7 points
    filed = attrs.evolve(ds, filings=(Filing("F1", "379921", date(2025, 12, 20), ("RC-ADD",)),))
    assert _ye(filed, as_of).roster_after.points == 7


def test_without_an_instant_every_roster_change_counts():
    changed = _removed(BASE, Q, date(2025, 9, 1))
    assert known_roster(changed) == designated_points(changed)
    assert known_roster(changed, datetime(2025, 9, 1, tzinfo=BEIJING)) == designated_points(changed)


def _whole_year(assessment, point: str) -> str:
    """The whole-year condition's reason ("满足" when it passed)."""
    found = next(p for p in assessment.points if p.id == point)
    return next(c.reason for c in found.nomination_conditions if c.rule.id == "city.nominate.whole_year")


def test_assess_reads_a_nominee_s_designation_as_known_at_as_of():
    # P removed from 12-01, not filed: as of 11-15 nobody knew; it was designated all year then.
    nominated = attrs.evolve(BASE, nominations=(Nomination("N1", 2025, "379902", P),))
    changed = _removed(nominated, P, date(2025, 12, 1))
    as_of = datetime(2025, 11, 15, tzinfo=BEIJING)
    early = assess(changed, 2025, _pm(), audience=CITY_OFFICE, as_of=as_of)
    # The same but for the provenance: the dataset holds one more record (the removal).
    unknown = assess(nominated, 2025, _pm(), audience=CITY_OFFICE, as_of=as_of)
    assert early.provenance != unknown.provenance
    assert attrs.evolve(early, provenance=None) == attrs.evolve(unknown, provenance=None)
    # The old code failed it for the removal nobody knew of; inside the year it is pending
    # (auditor a29: it passed before the year's end), never failed for the unknown removal.
    assert _whole_year(early, P) == "2025年尚未结束（截至评估时点），全年在册暂不能判定"
    filed = _removed(nominated, P, date(2025, 12, 1), date(2025, 11, 10))
    said = _whole_year(assess(filed, 2025, _pm(), audience=CITY_OFFICE, as_of=as_of), P)
    assert "未覆盖2025年全年（2025-12-01 至 2025-12-31 未在册）" in said, said


def _report_with_item(ds, submitted_at: datetime, amended: bool):
    """``ds`` with 甲区's September report carrying one more tracked item, first in the report
    submitted at ``submitted_at`` or, ``amended``, in an amendment submitted then."""
    r = next(r for r in ds.reports if r.county == "379902" and r.month == Month(2025, 9))
    item = Item(ItemCategory.POLICY, "独有的政策诉求甲乙丙", department="city-amr", point=P)
    if amended:
        amendment = Amendment(submitted_at, "甲区", items=(*r.items, item))
        r2 = attrs.evolve(r, amendments=(*r.amendments, amendment))
    else:
        r2 = attrs.evolve(r, items=(*r.items, item), nothing_to_report=False, submitted_at=submitted_at)
    return attrs.evolve(ds, reports=tuple(r2 if x.id == r.id else x for x in ds.reports))


def test_follow_ups_read_a_county_report_and_its_amendment_by_their_instant():
    at_three = datetime(2025, 10, 9, 15, tzinfo=BEIJING)
    for amended in (False, True):
        ds = _report_with_item(BASE, at_three, amended)
        without = (
            BASE
            if amended
            else attrs.evolve(BASE, reports=tuple(r for r in BASE.reports if r.id != "R-379902-2025-09"))
        )
        before = _ye(ds, datetime(2025, 10, 9, 14, tzinfo=BEIJING)).followups
        assert before == _ye(without, datetime(2025, 10, 9, 14, tzinfo=BEIJING)).followups  # the old code: one more
        after = _ye(ds, datetime(2025, 10, 9, 16, tzinfo=BEIJING)).followups
        assert after is not None and before is not None and after.matters == before.matters + 1
