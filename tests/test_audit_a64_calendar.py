"""Auditor a64 01: `softenv report` for a month whose own report needs a year the work calendar
does not know (December's due day falls in January; outside the city office November's and
December's complaint reach crosses the year end) offered `--as-of <now>` first. No instant helps
such a report: following the advice gave the same error, or "--as-of 太早" and then the same
error. The advice now names only the ways out that work, as `softenv deadline`'s does.

The calendar knows 2040 only (supplied with --calendar): the test depends neither on today's
date nor on the installed chinesecalendar's coverage."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from softenv_core import CITY_OFFICE, Month
from softenv_core.analyses.monitoring_report import monitoring_report
from softenv_core.errors import CalendarDataMissing
from softenv_core.io.dataset_files import dump_dataset
from softenv_core.testing.builders import small_dataset
from softenv_core.workdays.calendar import WorkCalendar, YearArrangement
from tests.cli_runs import run_cli

YEAR = 2040  # beyond any installed chinesecalendar: the year is supplied, the next is not
CAL = WorkCalendar().with_arrangement(YearArrangement(YEAR, holidays=frozenset(), workdays=frozenset(), reference="t"))


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    data = tmp_path / "city.json"
    data.write_text(json.dumps(dump_dataset(small_dataset(YEAR)), ensure_ascii=False), encoding="utf-8")
    calendar = tmp_path / "calendar.json"
    arrangement = {"year": YEAR, "reference": "t", "holidays": [], "workdays": []}
    calendar.write_text(json.dumps({"schema": "softenv.calendar", "arrangements": [arrangement]}), encoding="utf-8")
    return data, calendar


def _ways_out(err: str) -> None:
    assert f"尚无 {YEAR + 1} 年的国务院节假日安排" in err
    assert "--as-of" not in err, err  # no instant gets this report past the missing year
    assert "--provisional" in err and "--calendar" in err and "升级 chinesecalendar" in err


@pytest.mark.parametrize(
    ("month", "audience"),
    [("12", "city"), ("11", "county:379902"), ("11", "public"), ("12", "county:379902")],
)
def test_a_report_needing_the_next_year_whatever_the_instant_does_not_offer_as_of(capsys, files, month, audience):
    data, calendar = files
    args = ("report", data, "--month", f"{YEAR}-{month}", "--audience", audience, "--calendar", calendar)
    code, _, err = run_cli(capsys, *args)
    assert code == 1
    _ways_out(err)
    # The way out offered works: the report is made, marked provisional.
    code, out, err = run_cli(capsys, *args, "--provisional")
    assert code == 0 and out and "暂定" in err


def test_a_county_asking_as_of_an_early_instant_is_told_of_the_missing_year_not_sent_back_to_it(capsys, files):
    """Before, `--as-of` inside the month was refused as 太早 "（不写 --as-of 即是）", which gave
    the calendar error again: the clerk went round in a circle."""
    data, calendar = files
    at = f"{YEAR}-12-03T22:51:00+08:00"
    args = ("report", data, "--month", f"{YEAR}-11", "--audience", "county:379902", "--calendar", calendar)
    code, _, err = run_cli(capsys, *args, "--as-of", at)
    assert code == 1 and "太早" not in err
    _ways_out(err)


def test_as_of_is_still_offered_where_an_instant_helps(capsys, files):
    """Assessing the year at an instant inside it leaves December pending: its deadline (in the
    unknown year) is not worked out, so `--as-of` is a way out there."""
    data, calendar = files
    code, _, err = run_cli(capsys, "assess", data, "--year", YEAR, "--calendar", calendar)
    assert code == 1 and "--as-of 20" in err
    code, _, err = run_cli(
        capsys, "assess", data, "--year", YEAR, "--calendar", calendar, "--as-of", f"{YEAR}-12-20T00:00:00+08:00"
    )
    assert code == 0, err


def test_the_library_says_when_no_instant_helps():
    """The exception carries it (``any_instant``), for a program giving its own advice."""
    ds = small_dataset(YEAR)
    with pytest.raises(CalendarDataMissing) as caught:
        monitoring_report(ds, Month(YEAR, 12), audience=CITY_OFFICE, calendar=CAL)
    assert caught.value.year == YEAR + 1 and caught.value.any_instant
    with pytest.raises(CalendarDataMissing) as caught:
        monitoring_report(ds, Month(YEAR, 11), audience="public", calendar=CAL)
    assert caught.value.any_instant
    assert not CalendarDataMissing(YEAR + 1).any_instant  # by default: the instant may help
