"""A date or moment written in the right form that the calendar or the clock has not (2025-02-30,
T24:00, minute 60) is refused as not existing, in English and in the clerk's Chinese: it was
refused as "expected an ISO 8601 date-time", which the Chinese wording rendered as 应为带时区的时间
(a time with a zone) to a clerk who had written the zone (auditor a40)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import softenv_core as se
from softenv_core.io.workbook_messages import zh_message

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "small-dataset.json"


def _problem(member: str, value: str) -> se.InputProblem:
    doc = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    doc[member][0]["submitted_at" if member == "reports" else "date"] = value
    with pytest.raises(se.InputError) as exc:
        se.loads_dataset(json.dumps(doc, ensure_ascii=False))
    (problem,) = exc.value.details
    return problem


@pytest.mark.parametrize(
    "moment",
    [
        "2025-10-09T24:00:00+08:00",
        "2025-03-03T09:60:00+08:00",
        "2025-03-03T09:00:60+08:00",
        "2025-02-30T09:00:00+08:00",
    ],
)
def test_a_moment_the_clock_has_not_is_said_not_to_exist(moment: str) -> None:
    problem = _problem("reports", moment)
    assert problem.message.startswith(f"no such moment {moment!r}: ")
    assert "hours 00-23" in problem.message and "midnight is the next day's T00:00" in problem.message
    zh = zh_message(problem.message)
    assert zh.startswith(f"时刻 {moment!r} 不存在：") and "午夜写作次日 T00:00" in zh
    assert "时区" not in zh  # the zone is written: nothing says it is missing


def test_a_day_the_calendar_has_not_is_said_not_to_exist() -> None:
    problem = _problem("contacts", "2025-02-29")
    assert problem.message == "no such day '2025-02-29': months run 01-12, days as the month has them"
    assert zh_message(problem.message) == "日期 '2025-02-29' 不存在：月份 01-12，日为该月实有的日子"


def test_a_moment_without_its_zone_is_still_told_so() -> None:
    problem = _problem("reports", "2025-03-03T09:00:00")
    assert "时区" in zh_message(problem.message)
