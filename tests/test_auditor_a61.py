"""Auditor a61: a supplied arrangement (``--calendar FILE``, ``YearArrangement``) whose
``workdays`` list a weekday loaded and did nothing: a clerk who swapped the two lists of a
hypothetical 2027 notice (Fri 02-05 off, Sat 02-06 worked) got January 2027's report due
02-05 instead of 02-06, from a source named as supplied and not provisional. A weekday in
``workdays`` is refused, naming the day; a weekend day in ``holidays`` stays accepted (the
notice's ranges, 10月1日至8日放假, include the weekend) and changes nothing."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from softenv_core import InputError, Month, WorkCalendar, YearArrangement, load_arrangements, monthly_deadline
from softenv_core.errors import FieldInvalid


def _file(holidays: list[str], workdays: list[str]) -> bytes:
    arrangement = {"year": 2027, "reference": "国办发明电〔2026〕X号", "holidays": holidays, "workdays": workdays}
    return json.dumps({"schema": "softenv.calendar", "arrangements": [arrangement]}).encode()


def test_the_notice_as_written_moves_januarys_report_to_the_make_up_saturday():
    (arr,) = load_arrangements(_file(["2027-02-05"], ["2027-02-06"]))
    d = monthly_deadline(WorkCalendar().with_arrangement(arr), Month(2027, 1), 5, rule_id="t", reference="t")
    assert d.due_at.date() == date(2027, 2, 6) and not d.provisional


def test_the_two_lists_swapped_are_refused_naming_the_weekday():
    with pytest.raises(InputError) as info:
        load_arrangements(_file(["2027-02-06"], ["2027-02-05"]))
    (problem,) = info.value.problems
    assert problem.startswith("$.arrangements[0].workdays: ")
    assert "2027-02-05 is a Friday" in problem and "swapped" in problem


def test_a_weekday_among_workdays_is_refused_in_python_too():
    with pytest.raises(FieldInvalid, match=r"2027-03-03 is a Wednesday, 2027-03-04 is a Thursday"):
        YearArrangement(2027, holidays=set(), workdays={date(2027, 3, 4), date(2027, 3, 3), date(2027, 2, 6)})


def test_a_weekend_day_among_holidays_is_accepted_and_changes_nothing():
    weekend = YearArrangement(2027, holidays={date(2027, 10, 1), date(2027, 10, 2), date(2027, 10, 3)}, workdays=set())
    weekdays = YearArrangement(2027, holidays={date(2027, 10, 1)}, workdays=set())
    a, b = WorkCalendar().with_arrangement(weekend), WorkCalendar().with_arrangement(weekdays)
    days = [date(2027, 10, 1) + timedelta(days=i) for i in range(10)]
    assert [a.is_workday(d) for d in days] == [b.is_workday(d) for d in days]


def test_the_cli_refuses_the_swapped_file_without_a_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    from softenv_core.cli.main import main

    path = tmp_path / "cal.json"
    path.write_bytes(_file(["2027-02-06"], ["2027-02-05"]))
    code = main(["deadline", "--month", "2027-01", "--calendar", str(path)])
    err = capsys.readouterr().err
    assert code != 0 and "Traceback" not in err
    assert "$.arrangements[0].workdays" in err and "2027-02-05 is a Friday" in err
