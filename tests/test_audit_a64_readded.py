"""Auditor a64 02: a point removed (撤销, effective 2025-04-01) and designated again (增设,
effective 2025-07-01) recorded on its one record, as a roster sheet reads, got two messages
that sent the clerk in a circle: the record's designated_from against the addition ("两者应为同一天"),
then, followed, the removal before designated_from ("请核对生效日期"). Neither said what the docs
say (docs/data-format.md "A re-designation"): a re-designation is a new point record of the same
enterprise. A clerk who deleted the removal kept a valid file whose point began in July: January
to March were lost. Now one message, at the addition, says to make the new record."""

from __future__ import annotations

import re
from datetime import date

import attrs
import pytest

from softenv_core import CITY_OFFICE, Month
from softenv_core.analyses.assessment import assess
from softenv_core.cli.output import problem_text
from softenv_core.errors import InputError
from softenv_core.io.dataset_files import dataset_json, loads_dataset
from softenv_core.model.points import Designator
from softenv_core.model.roster import ChangeAction, ChangeReason, RosterChange
from softenv_core.testing import small_dataset

POINT = "P-379902-2"  # a 县区 point of 甲区, designated since 2020
REMOVAL = RosterChange(
    "RC1", POINT, ChangeAction.REMOVE, ChangeReason.OWN_WISH, date(2025, 4, 1), Designator.COUNTY, "379902"
)
READDED = RosterChange(
    "RC2", POINT, ChangeAction.ADD, ChangeReason.DESIGNATION, date(2025, 7, 1), Designator.COUNTY, "379902"
)


def _english(zh: str) -> list[str]:
    """The English words of a message, its $.paths (for integrators) and the docs' title aside."""
    message = re.sub(r"\$\.[\w.\[\]]+", "", zh.split(": ", 1)[1]).replace("docs/data-format.md“A re-designation”", "")
    return re.findall(r"[A-Za-z]{3,}", message)


def _with(**point_dates: date | None):
    ds = small_dataset(2025)
    points = tuple(
        attrs.evolve(p, designated_by=Designator.COUNTY, **point_dates) if p.id == POINT else p for p in ds.points
    )
    return attrs.evolve(ds, points=points, roster_changes=(REMOVAL, READDED))


def _problems(ds) -> tuple[str, ...]:
    with pytest.raises(InputError) as caught:
        loads_dataset(dataset_json(ds))
    return tuple(caught.value.problems)


@pytest.mark.parametrize(
    "dates",
    [
        {"designated_from": date(2020, 1, 1), "designated_until": date(2025, 3, 31)},  # as the clerk records it
        {"designated_from": date(2020, 1, 1), "designated_until": None},
    ],
)
def test_a_point_added_again_on_its_one_record_is_told_to_make_a_new_record(dates):
    problems = _problems(_with(**dates))
    assert len(problems) == 1, problems  # one message, not two that contradict each other
    (problem,) = problems
    assert problem.startswith("$.roster_changes[1] (RC2).effective: adds P-379902-2 again effective 2025-07-01")
    assert "new point record of the same enterprise" in problem and "designated_until 2025-03-31" in problem
    zh = problem_text(problem)
    assert zh.startswith("$.roster_changes[1] (RC2).effective: 再次增设 P-379902-2（生效 2025-07-01）")
    assert "名册调整 RC1（$.roster_changes[0]）已撤销" in zh
    assert "新建一条同一企业（统一社会信用代码相同）、新编号的监测点记录" in zh and "截止日期 2025-03-31" in zh
    assert not _english(zh), zh


def test_the_record_moved_to_the_re_addition_is_told_the_same_way_out_at_the_removal():
    """Following the old first message (designated_from = the re-addition's day) the removal
    came before the record: that message now says the earlier designation is a record of its own."""
    problems = _problems(_with(designated_from=date(2025, 7, 1), designated_until=None))
    assert len(problems) == 1, problems
    (problem,) = problems
    assert problem.startswith("$.roster_changes[0] (RC1).effective: removes P-379902-2 effective 2025-04-01, before")
    assert "added again effective 2025-07-01 (by $.roster_changes[1] (RC2))" in problem
    assert "new point record of the same enterprise" in problem and "designated until 2025-03-31" in problem
    zh = problem_text(problem)
    assert "撤销 P-379902-2 的生效日期 2025-04-01 早于该监测点的确定日期 2025-07-01" in zh
    assert "名册调整 RC2（$.roster_changes[1]）于 2025-07-01 重新确定" in zh
    assert "新建一条同一企业（统一社会信用代码相同）、新编号的监测点记录，截止日期 2025-03-31" in zh
    assert not _english(zh), zh


def test_following_the_advice_gives_a_valid_dataset_in_which_the_first_record_still_owes_its_months():
    ds = _with(designated_from=date(2020, 1, 1), designated_until=date(2025, 3, 31))
    old = next(p for p in ds.points if p.id == POINT)
    new = attrs.evolve(old, id="P-379902-2b", designated_from=date(2025, 7, 1), designated_until=None)
    readded = attrs.evolve(READDED, point=new.id, note=f"重新确定，原记录 {POINT}")
    fixed = attrs.evolve(ds, points=(*ds.points, new), roster_changes=(REMOVAL, readded))
    loaded = loads_dataset(dataset_json(fixed))  # valid
    result = assess(loaded, 2025, audience=CITY_OFFICE)
    by_id = {p.id: p for p in result.points}
    assert by_id[POINT].active_months == tuple(Month(2025, m) for m in (1, 2, 3))
    assert by_id[new.id].active_months == tuple(Month(2025, m) for m in range(7, 13))
