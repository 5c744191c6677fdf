"""What goes wrong in a real office: faulty plugins, interrupted writes, spreadsheets,
calendar and time edges. docs/reliability.md lists each case and what it gives."""

from __future__ import annotations

import os
from datetime import date, datetime, timedelta, timezone

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from softenv_core import (
    CalendarDataMissing,
    Complaint,
    ComplaintEvent,
    ComplaintKind,
    EventType,
    ItemCategory,
    Month,
    PluginError,
    PluginInfo,
    WorkCalendar,
    assess,
    baseline_parameters,
    get_plugin_manager,
    hookimpl,
)
from softenv_core.analyses.complaint_handling import complaint_status
from softenv_core.cli.main import main
from softenv_core.cli.output import write_atomic
from softenv_core.engine.resolution import resolve_sla
from softenv_core.render.assessment import csv_text
from softenv_core.testing import beijing, monthly_report, small_dataset
from softenv_core.workdays.calendar import official_years

JIA = "379902"


class BadCounty:
    @hookimpl
    def softenv_plugin_info(self):
        return PluginInfo(county="37990", title="坏插件", reference="测试")


def test_a_plugin_declaring_a_malformed_county_is_refused_naming_it():
    with pytest.raises(PluginError) as info:
        get_plugin_manager(autoload=False, plugins=[("badcounty", BadCounty())])
    assert info.value.plugin == "badcounty" and "GB/T 2260" in str(info.value)


def test_info_that_raises_or_returns_garbage_is_a_plugin_error():
    class Raises:
        @hookimpl
        def softenv_plugin_info(self):
            raise RuntimeError("no")

    class Garbage:
        @hookimpl
        def softenv_plugin_info(self):
            return {"county": JIA}

    for name, plugin, text in (
        ("raises", Raises(), "raised RuntimeError"),
        ("garbage", Garbage(), "expected PluginInfo"),
    ):
        with pytest.raises(PluginError, match=text) as info:
            get_plugin_manager(autoload=False, plugins=[(name, plugin)])
        assert info.value.plugin == name


def test_interrupted_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "assessment.json"
    target.write_text("old", encoding="utf-8")

    def boom(*_args):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", boom)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, "new " * 100_000)
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["assessment.json"]


def test_write_atomic_replaces_whole_files(tmp_path):
    target = tmp_path / "out" / "x.json"
    write_atomic(target, "一二三")
    write_atomic(target, "四")
    assert target.read_text(encoding="utf-8") == "四"


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", '=HYPERLINK("http://x")'])
def test_csv_cells_that_look_like_formulas_are_neutralised(cell):
    text = csv_text(["name"], [[cell]])
    assert text.splitlines()[1].lstrip('"').startswith("'")


def test_csv_export_of_an_enterprise_named_like_a_formula(capsys, tmp_path):
    ds = small_dataset(2025)
    p0 = ds.points[0]
    ds = attrs.evolve(
        ds, points=(attrs.evolve(p0, enterprise=attrs.evolve(p0.enterprise, name="=cmd|'/C calc'!A0")), *ds.points[1:])
    )
    from softenv_core.io.dataset_files import dataset_json

    file = tmp_path / "d.json"
    file.write_text(dataset_json(ds), encoding="utf-8")
    assert main(["assess", str(file), "--year", "2025", "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert ",'=cmd" in out and ",=cmd" not in out


def test_december_report_when_the_next_years_arrangement_is_unknown():
    last = official_years()[1]
    ds = small_dataset(last - 1)  # builders need a year whose next January is known
    with pytest.raises(CalendarDataMissing) as info:
        assess(attrs.evolve(ds, reports=()), last, get_plugin_manager(autoload=False))
    assert info.value.year == last + 1


def test_cli_reports_missing_calendar_data_clearly(capsys):
    last = official_years()[1]
    assert main(["deadline", "--month", f"{last}-12"]) == 1
    err = capsys.readouterr().err
    assert f"no official work arrangement for {last + 1}" in err and "Traceback" not in err


def test_leap_day_limits():
    cal = WorkCalendar()
    assert Month(2024, 2).last_day == date(2024, 2, 29)
    c = Complaint(
        "Q1",
        ComplaintKind.COMPLAINT,
        "P1",
        None,
        ItemCategory.SERVICE,
        "x",
        events=(ComplaintEvent(EventType.RECEIVED, beijing(2024, 2, 29, 17), "市软建办"),),
    )
    sla = resolve_sla(get_plugin_manager(autoload=False), JIA, c.kind, cal, baseline_parameters())
    status = complaint_status(c, beijing(2024, 3, 1, 12), sla, cal)
    assert status.due_at.date() == date(2024, 3, 1)
    ds = small_dataset(2024)
    result = assess(ds, 2024, get_plugin_manager(autoload=False))
    assert result.county(JIA).months[1].due_at.date() == date(2024, 3, 5)


@given(st.integers(-12 * 60, 14 * 60).filter(lambda m: m % 15 == 0))
def test_last_second_of_the_due_day_is_on_time_whatever_offset_it_was_written_with(offset_minutes):
    tz = timezone(timedelta(minutes=offset_minutes))
    due_end = beijing(2024, 4, 7, 23, 59, 59)  # March 2024's report: due on the Sunday make-up day
    for moment, expected in ((due_end, "on_time"), (due_end + timedelta(seconds=1), "late")):
        written = moment.astimezone(tz)
        ds = small_dataset(2024)
        reports = [r for r in ds.reports if not (r.county == JIA and r.month == Month(2024, 3))]
        ds = attrs.evolve(ds, reports=(*reports, monthly_report(JIA, Month(2024, 3), written)))
        status = assess(ds, 2024, get_plugin_manager(autoload=False)).county(JIA).months[2].status
        assert status == expected, (written.isoformat(), status)
    assert isinstance(due_end, datetime)
