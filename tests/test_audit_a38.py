"""Auditor a38: membership cases computed by hand from the policy (roster, its changes and
filings, duty for part-year and re-designated points, commendation quota, adjustment).

Every expected figure is the hand computation written beside it, never the library's.
"""

from __future__ import annotations

from datetime import date

import attrs

from softenv_core import CITY_OFFICE, assess
from softenv_core.io.dataset_warnings import dataset_warnings
from softenv_core.io.workbook_messages import zh_problem
from softenv_core.model.appraisals import AppraisalRound, RaterGroup, Rating, RatingLevel
from softenv_core.model.periods import HalfYear
from softenv_core.model.points import Designator
from softenv_core.model.roster import ChangeAction, ChangeReason, RosterChange
from softenv_core.testing.builders import small_dataset

JIA = "379902"


def _reused_code(new_name: str):
    # P-379902-2's enterprise is deregistered (removal effective 2025-06-16); a point PN holding
    # the same credit code is designated from 2025-06-16. The round's window 06-01—06-30 overlaps
    # both records, so both owe it; only the old record rated.
    ds = small_dataset(2025)
    old = attrs.evolve(ds.points[1], designated_until=date(2025, 6, 15))
    new = attrs.evolve(
        old,
        id="PN",
        enterprise=attrs.evolve(old.enterprise, name=new_name),
        designated_from=date(2025, 6, 16),
        designated_until=None,
    )
    day = date(2025, 6, 16)
    changes = (
        RosterChange("RR", old.id, ChangeAction.REMOVE, ChangeReason.DEREGISTERED, day, Designator.CITY, JIA),
        RosterChange("RA", "PN", ChangeAction.ADD, ChangeReason.DESIGNATION, day, Designator.CITY, JIA),
    )
    a25h1 = AppraisalRound("A25H1", HalfYear(2025, 1), date(2025, 6, 1), date(2025, 6, 30))
    rating = Rating("A25H1", old.id, RaterGroup.POINT, "city-amr", RatingLevel.SATISFIED)
    return attrs.evolve(
        ds,
        points=(ds.points[0], old, *ds.points[2:], new),
        roster_changes=changes,
        appraisal_rounds=(a25h1,),
        ratings=(rating,),
    )


def test_a_credit_code_reused_under_another_name_is_told():
    # GB 32100-2015: a credit code is given to one body and never reused, so the library joins
    # records by it (a rating under either counts for both: PN is credited with the old
    # record's rating, 20 × 1/1). Two names under one code are a renamed enterprise or a wrong
    # code; nothing told the clerk, and PN, "另一家企业有限公司", took part in a round it never rated in.
    data = _reused_code("另一家企业有限公司")
    (pn,) = (p for p in assess(data, 2025, audience=CITY_OFFICE).points if p.id == "PN")
    (appraisal,) = (i for i in pn.items if i.rule.id == "city.duty.appraisal")
    assert "20 × 1/1" in appraisal.reason
    told = [w for w in dataset_warnings(data) if ".enterprise.name:" in w]
    assert len(told) == 1
    assert told[0].startswith("$.points[6] (PN).enterprise.name: '另一家企业有限公司' has the credit code ")
    assert "$.points[1] (P-379902-2), '测试企业2有限公司'" in told[0]
    zh = zh_problem(told[0])
    assert "统一社会信用代码" in zh and "另一家企业有限公司" in zh and "测试企业2有限公司" in zh
    assert "credit code" not in zh


def test_a_re_designation_under_the_same_name_is_not_told():
    # The same enterprise re-designated (data-format.md "A re-designation"): nothing to tell.
    data = _reused_code("测试企业2有限公司")
    assert not [w for w in dataset_warnings(data) if ".enterprise.name:" in w]
