"""Auditor a34: year-end cases computed by hand from the policy (DESIGN "Annual adjustment";
docs/yearend.md "Annual adjustment"), on ``small_dataset(2025)`` (three counties, two points each,
every report on time, every point reached monthly).

Every expected figure is the hand computation written beside it, never the library's.
"""

from __future__ import annotations

from datetime import date

import attrs

from softenv_core import CITY_OFFICE, year_end
from softenv_core.model.points import Designator
from softenv_core.model.roster import ChangeAction, ChangeReason, RosterChange
from softenv_core.testing.builders import beijing, make_point, small_dataset

JIA = "379902"


def test_a_point_designated_at_year_end_that_owed_no_month_keeps_its_recorded_removal():
    # docs/yearend.md: "for each point still designated at year end, a removal proposal with its
    # reasons — … the enterprise's own wish, its deregistration … when a removal for that reason
    # is recorded". Z1 is designated from Mon 2025-12-29: December's working days in it are 12-29,
    # 12-30, 12-31 = 3 < 5, so it owes no month of 2025 and is not scored; it is on the roster on
    # 12-31 all the same (counted in the quota, in section 二's 调整前). Its enterprise is
    # deregistered, the removal recorded effective 2026-01-10 (known as of 2026-02-01). The same
    # removal recorded for a point that owed the year (P-379902-1) is proposed; Z1's was left out,
    # as the proposals walked the assessed points only.
    ds = small_dataset(2025)
    z1 = make_point("Z1", JIA, 300, designated_from=date(2025, 12, 29), designated_until=date(2026, 1, 9))
    p1 = attrs.evolve(ds.points[0], designated_until=date(2026, 1, 9))
    assert p1.id == f"P-{JIA}-1"

    def change(cid, point, action, reason, day):
        return RosterChange(cid, point, action, reason, day, Designator.CITY, JIA)

    changes = (
        change("RA", "Z1", ChangeAction.ADD, ChangeReason.DESIGNATION, date(2025, 12, 29)),
        change("RR", "Z1", ChangeAction.REMOVE, ChangeReason.DEREGISTERED, date(2026, 1, 10)),
        change("RR2", p1.id, ChangeAction.REMOVE, ChangeReason.DEREGISTERED, date(2026, 1, 10)),
    )
    data = attrs.evolve(ds, points=(p1, *ds.points[1:], z1), roster_changes=changes)
    result = year_end(data, 2025, audience=CITY_OFFICE, as_of=beijing(2026, 2, 1, 0))
    assert "Z1" not in {p.id for p in result.commendation.counties[0].nominees}  # nothing nominated
    # P-379902-2 and Z1, the 县区 points on 12-31 (P-379902-1 is 市直: in no county's quota, a39)
    assert result.commendation.counties[0].active_points == 2
    by_point = {p.point: p for p in result.proposals}
    assert set(by_point) == {p1.id, "Z1"}
    z = by_point["Z1"]
    assert (z.county, z.action, z.reasons) == (JIA, ChangeAction.REMOVE, ("deregistered",))
    assert z.explanation == ("注销、吊销或迁出（记录 RR，2026-01-10 起）",)
    assert z.evidence == ("RR",)


def test_another_countys_point_that_owed_no_month_is_said_not_to_belong_first():
    # The nominating county (379903) names a point of 379902's designated from 2025-12-31: one
    # working day in December, so it owes no month and is not scored. An assessed point of another
    # county is refused as "不属于"; this one read only "未考评", as if 379903 could have nominated
    # it had it been scored (auditor a34, ambiguity 8).
    from softenv_core.model.roster import Nomination

    ds = small_dataset(2025)
    other = ds.counties[1].code
    assert other != JIA
    z1 = make_point("Z1", JIA, 300, designated_from=date(2025, 12, 31))
    data = attrs.evolve(ds, points=(*ds.points, z1), nominations=(Nomination("N-1", 2025, other, "Z1"),))
    result = year_end(data, 2025, audience=CITY_OFFICE)
    (check,) = next(c for c in result.commendation.counties if c.county == other).nominees
    assert not check.accepted
    assert check.reason.startswith(f"Z1 不属于{other}；")
    assert "未考评" in check.reason  # then why it was not scored, as for its own county
