"""Auditor a33: cases worked by hand from DESIGN "City baseline, version 2022-03-01".

Every expected figure below was computed by hand from the policy and the official 2025
arrangement (国办发明电〔2024〕12号), never read off the library: the comment beside it says how.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import attrs
import pytest

import softenv_core as se
from softenv_core.errors import InputError
from softenv_core.io.dataset_files import dataset_json, loads_dataset
from softenv_core.io.workbook_messages import zh_problem
from softenv_core.model.periods import Month
from softenv_core.model.points import Designator
from softenv_core.model.roster import ChangeAction, ChangeReason, RosterChange
from softenv_core.testing import monthly_report, small_dataset


def _change(cid: str, point: str, action: ChangeAction, effective: date) -> RosterChange:
    reason = ChangeReason.DESIGNATION if action is ChangeAction.ADD else ChangeReason.OWN_WISH
    return RosterChange(cid, point, action, reason, effective, Designator.CITY, "379902")


def test_a_removal_effective_the_first_day_is_not_said_to_be_before_it():
    # DESIGN "Who owes what, when": a removal effective D ends the interval on D − 1. A point
    # designated from 2025-05-10 and removed effective 2025-05-10 would end on 2025-05-09, the
    # day before it began: refused, rightly. The message said "effective 2025-05-10, before
    # designated_from 2025-05-10" (早于该监测点的确定日期 2025-05-10), which is false: the
    # same day is not before itself.
    ds = small_dataset(2025)
    point = attrs.evolve(ds.points[1], designated_from=date(2025, 5, 10))
    changes = (
        _change("RC0", point.id, ChangeAction.ADD, date(2025, 5, 10)),
        _change("RC1", point.id, ChangeAction.REMOVE, date(2025, 5, 10)),
    )
    bad = attrs.evolve(ds, points=(ds.points[0], point, *ds.points[2:]), roster_changes=changes)
    with pytest.raises(InputError) as info:
        loads_dataset(dataset_json(bad))
    (problem,) = [p for p in info.value.problems if "RC1" in p]
    assert "before $.points[1].designated_from 2025-05-10" not in problem, problem
    assert "2025-05-09" in problem, problem  # the end the removal would give: 05-10 − 1 day
    zh = zh_problem(problem)
    assert "早于该监测点的确定日期" not in zh, zh
    assert "即确定日期" in zh and "应截止于 2025-05-09" in zh and "在册期间为空" in zh, zh


@pytest.mark.parametrize(
    ("submitted", "state", "late", "score"),
    [
        # April 2025's report: the 5th of May falls in 劳动节 (05-01 — 05-05 off), 顺延 to Tue
        # 05-06, due 05-06 23:59:59 Beijing = 15:59:59Z.
        (datetime(2025, 5, 6, 15, 59, 59, tzinfo=UTC), "on_time", 0, "100.00"),  # at the due second
        # 16:00:00Z is 05-07 00:00 Beijing: working days after 05-06 up to 05-07 = 1 → 50.
        (datetime(2025, 5, 6, 16, 0, 0, tzinfo=UTC), "late", 1, "50.00"),
    ],
)
def test_a_report_at_the_due_second_written_in_utc(submitted, state, late, score):
    ds = small_dataset(2025)
    reports = [r for r in ds.reports if not (r.county == "379902" and r.month == Month(2025, 4))]
    reports.append(monthly_report("379902", Month(2025, 4), submitted))
    result = se.assess(attrs.evolve(ds, reports=tuple(reports)), 2025, audience=se.CITY_OFFICE)
    month = result.county("379902").months[3]
    assert str(month.due_at) == "2025-05-06 23:59:59+08:00"
    assert (month.status.value, month.late_workdays, str(month.score)) == (state, late, score)


def test_a_removal_in_the_spring_festival_month_counts_the_make_up_saturday():
    # Designated until 2025-02-10 (removal effective 02-11): February's working days in the
    # interval are 02-05, 02-06, 02-07, 02-08 (Saturday, 调休上班), 02-10 = 5 ≥ 5, so February
    # is owed; until 02-08 they are 4 (05, 06, 07, 08 调休), so only January is owed.
    ds = small_dataset(2025)
    for until, owed in ((date(2025, 2, 10), [1, 2]), (date(2025, 2, 8), [1])):
        point = attrs.evolve(ds.points[1], designated_until=until)
        contacts = tuple(c for c in ds.contacts if c.point != point.id or c.date <= until)
        data = attrs.evolve(ds, points=(ds.points[0], point, *ds.points[2:]), contacts=contacts)
        result = se.assess(data, 2025, audience=se.CITY_OFFICE)
        assert [m.month for m in result.point(point.id).active_months] == owed
