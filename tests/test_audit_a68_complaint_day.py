"""Auditor a68 02: a complaint about a county's department received before the county was created
was accepted silently, and the county's 十佳 condition then counted overdue days from before it
existed. It is refused at the complaint's department, as a report on a month before its county is;
one received on the day the county was created, or after it was abolished, is not."""

from __future__ import annotations

from datetime import UTC, date, datetime

import attrs
import pytest

import softenv_core as se
from softenv_core import BEIJING
from softenv_core.io.workbook_messages import zh_message
from softenv_core.model.complaints import Complaint, ComplaintEvent, EventType
from softenv_core.model.divisions import County, CountyKind, Department
from softenv_core.model.reports import ItemCategory
from softenv_core.testing import small_dataset

NEW = "379982"


def _dataset(received: datetime, effective_from: date = date(2025, 7, 1)) -> se.Dataset:
    base = small_dataset(2025, counties=("379902",))
    county = County(NEW, "望海市", CountyKind.CITY, "望海市经贸委", effective_from=effective_from)
    dept = Department("wh-amr", "望海市市场监管局", county=NEW)
    events = (ComplaintEvent(EventType.RECEIVED, received, "软建办"),)
    point = base.points[0].id
    complaint = Complaint(
        "K1", se.ComplaintKind.COMPLAINT, point, "wh-amr", ItemCategory.SERVICE, "办事拖延", events=events
    )
    return attrs.evolve(
        base, counties=(*base.counties, county), departments=(*base.departments, dept), complaints=(complaint,)
    )


def test_02_a_complaint_received_before_its_departments_county_existed_is_refused() -> None:
    with pytest.raises(se.InputError) as refused:
        se.validate(_dataset(datetime(2025, 3, 3, 10, tzinfo=BEIJING)))
    (problem,) = [p for p in refused.value.problems if p.startswith("$.complaints[0] (K1).department: ")]
    assert "created 2025-07-01" in problem and "received 2025-03-03" in problem
    said = zh_message(problem.split(": ", 1)[1].split(" — ")[0])
    assert said is not None and "才设立" in said, said


@pytest.mark.parametrize(
    "received",
    [
        datetime(2025, 7, 1, 0, 0, tzinfo=BEIJING),  # the day it was created
        datetime(2025, 6, 30, 16, 30, tzinfo=UTC),  # 07-01 00:30 in Beijing
    ],
)
def test_02_a_complaint_received_on_the_day_the_county_was_created_is_taken(received: datetime) -> None:
    se.validate(_dataset(received))
