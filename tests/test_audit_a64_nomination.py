"""Auditor a64 03: an enterprise moved from 甲区 (record P-379902-2, until 2025-06-15) to 乙县 (a
new record, B-move, from 06-16: docs/data-format.md "A re-designation"). 乙县 nominated it under
the old id, which its files most likely still hold: validation said nothing, and the year end
said only "P-379902-2 不属于379921", where a county report's item naming the old record is told
the record of the reporting county (auditor a53, clerk c49).

What the docs decide (docs/rules.md "Nomination conditions", docs/yearend.md "Commendation"):
such a nomination loads (a refusal would stop the city's year end for one county's slip:
attacker x45 02), is rejected as 不属于 the county, and is counted among the county's nominations,
as a 市直 point's is. So it stays counted; what changes is that validation warns of it and both
name the enterprise's record in the nominating county (the same look-up as the report items'
hint: model.designations.county_record)."""

from __future__ import annotations

from datetime import date

import attrs

from softenv_core import CITY_OFFICE
from softenv_core.analyses.assessment import assess
from softenv_core.analyses.commendation import check_commendation
from softenv_core.engine.parameters import baseline_parameters
from softenv_core.io.dataset_files import dataset_json, loads_dataset
from softenv_core.io.dataset_warnings import dataset_warnings
from softenv_core.io.workbook_messages import zh_problem
from softenv_core.model.points import Designator
from softenv_core.model.roster import ChangeAction, ChangeReason, Nomination, RosterChange
from softenv_core.rules.registry import get_plugin_manager
from softenv_core.testing import small_dataset

OLD, NEW = "P-379902-2", "B-move"
MOVED = date(2025, 6, 16)


def _moved(*nominated: str):
    """P-379902-2 moves to 379921 on 06-16 as B-move; 379921 nominates ``nominated``."""
    ds = small_dataset(2025)
    old = next(p for p in ds.points if p.id == OLD)
    old = attrs.evolve(old, designated_by=Designator.COUNTY, designated_until=date(2025, 6, 15))
    new = attrs.evolve(old, id=NEW, county="379921", designated_from=MOVED, designated_until=None)
    changes = (
        RosterChange("RC-out", OLD, ChangeAction.REMOVE, ChangeReason.OTHER, MOVED, Designator.COUNTY, "379902"),
        RosterChange("RC-in", NEW, ChangeAction.ADD, ChangeReason.DESIGNATION, MOVED, Designator.COUNTY, "379921"),
    )
    points = (*(old if p.id == OLD else p for p in ds.points), new)
    nominations = tuple(Nomination(f"N{k}", 2025, "379921", p) for k, p in enumerate(nominated))
    return attrs.evolve(ds, points=points, roster_changes=changes, nominations=nominations)


def _commendation(ds, audience=CITY_OFFICE):
    pm = get_plugin_manager(autoload=False)
    return check_commendation(ds, assess(ds, 2025, pm, audience=CITY_OFFICE), baseline_parameters(), audience=audience)


def test_validation_warns_of_a_nomination_naming_another_county_s_point_with_the_record_meant():
    ds = loads_dataset(dataset_json(_moved(OLD)))  # valid: it loads, as docs/yearend.md says
    (warning,) = [w for w in dataset_warnings(ds) if w.startswith("$.nominations")]
    assert warning == (
        "$.nominations[0] (N0).point: P-379902-2 is a point of county 379902, not of the nominating county 379921: "
        "the year end rejects it and counts it among 379921's nominations (the enterprise's record of 379921 in "
        "2025 is B-move)"
    )
    assert zh_problem(warning) == (
        "$.nominations[0] (N0).point: P-379902-2 是县区 379902 的监测点，不是推荐县区 379921 的：年终不予推荐"
        "（不属于379921），但计入 379921 的推荐数（受名额限制）；"
        "该企业 2025 年在本县区的监测点编号是 B-move，请写 B-move"
    )
    # Its own record, or another county's point of an enterprise with no record here: no hint.
    assert not [w for w in dataset_warnings(_moved(NEW)) if w.startswith("$.nominations")]
    (other,) = [w for w in dataset_warnings(_moved("P-379981-2")) if w.startswith("$.nominations")]
    assert "record of 379921" not in other and "请核对监测点编号" in zh_problem(other)


def test_the_year_end_names_the_enterprise_s_record_in_the_nominating_county_and_counts_the_nomination():
    county = next(c for c in _commendation(_moved(OLD)).counties if c.county == "379921")
    (nominee,) = county.nominees
    assert not nominee.accepted
    assert nominee.reason == "P-379902-2 不属于379921（该企业在379921的监测点记录为 B-move）"
    assert county.nominated == 1  # counted among the county's nominations (docs/rules.md)
    # Two such nominations go over the quota of 1, as the docs say they count.
    two = _moved(OLD, "P-379902-1")
    county = next(c for c in _commendation(two).counties if c.county == "379921")
    assert county.nominated == 2 and county.error is not None and "推荐2个，名额1个，超出1个" in county.error
    # The county reads the id of another county's point masked, and no more (attacker x45 01).
    mine = next(c for c in _commendation(_moved(OLD), "county:379921").counties if c.county == "379921")
    assert mine.nominees[0].reason == "[监测点] 不属于379921"


def test_the_record_it_meant_is_judged_as_documented():
    """Following the hint: B-move is 乙县's, judged on its own interval (fails 全年在册)."""
    (nominee,) = next(c for c in _commendation(_moved(NEW)).counties if c.county == "379921").nominees
    assert not nominee.accepted and "不属于" not in nominee.reason and "全年" in nominee.reason
