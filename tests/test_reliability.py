"""What goes wrong in a real office: faulty plugins, interrupted writes, spreadsheets,
calendar and time edges. docs/reliability.md lists each case and what it gives."""

from __future__ import annotations

import os
import sys
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
from softenv_core.engine.manager import ENV_ALLOW, ENV_DISABLE_AUTOLOAD
from softenv_core.engine.resolution import resolve_sla
from softenv_core.io.dataset_files import dataset_json
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


# --- plugin answers are checked, not trusted (broken_plugins.py) ------------------------------


def _assess_with(name, plugin):
    return assess(small_dataset(2025), 2025, get_plugin_manager(autoload=False, plugins=[(name, plugin)]))


@pytest.mark.parametrize(
    ("plugin", "hook", "field"),
    [
        ("NaiveDeadline", "softenv_report_deadline", "due_at"),
        ("StringDeadline", "softenv_report_deadline", "due_at"),
        ("NegativeSla", "softenv_complaint_sla", "accept"),
        ("StringSla", "softenv_complaint_sla", "sign"),
        ("AbsurdSla", "softenv_complaint_sla", "resolve['complaint']"),
        ("NonNumericAward", "softenv_extra_point_rules", "points"),
        ("OversizedAward", "softenv_extra_point_rules", "points"),
        ("EvidenceNotAList", "softenv_extra_point_rules", "evidence"),
        ("EvidenceNotInDataset", "softenv_extra_point_rules", "evidence[0]"),
        ("ReasonNotText", "softenv_extra_point_rules", "reason"),
    ],
)
def test_a_wrong_field_in_a_plugin_answer_is_a_plugin_error_naming_plugin_hook_and_field(plugin, hook, field):
    from softenv_core.analyses.complaint_handling import sla_for

    from . import broken_plugins

    instance = getattr(broken_plugins, plugin)()
    if hook == "softenv_complaint_sla":
        pm = get_plugin_manager(autoload=False, plugins=[(plugin, instance)])
        ds = small_dataset(2025)
        c = Complaint(
            "Q1",
            ComplaintKind.COMPLAINT,
            ds.points[0].id,  # a point of 379902, the broken plugin's county
            None,
            ItemCategory.SERVICE,
            "x",
            events=(ComplaintEvent(EventType.RECEIVED, beijing(2025, 3, 3, 9), "市软建办"),),
        )
        with pytest.raises(PluginError) as info:
            sla_for(pm, attrs.evolve(ds, complaints=(c,)), c, WorkCalendar(), baseline_parameters())
    else:
        with pytest.raises(PluginError) as info:
            _assess_with(plugin, instance)
    err = info.value
    assert (err.plugin, err.hook) == (plugin, hook)
    assert f"field {field}:" in str(err)


@pytest.mark.parametrize("plugin", ["ExitsInAHook", "ExitsInARule"])
def test_a_plugin_calling_sys_exit_is_a_plugin_error_not_a_silent_exit(plugin):
    from . import broken_plugins

    with pytest.raises(PluginError, match="raised SystemExit") as info:
        _assess_with(plugin, getattr(broken_plugins, plugin)())
    assert info.value.plugin == plugin


@pytest.mark.parametrize(("plugin", "message"), [("ClearsAnIndex", "point_by_id"), ("PoisonsTheCalendar", "memo")])
def test_conformance_catches_a_plugin_that_clears_an_index_or_poisons_the_calendar(plugin, message):
    from softenv_core.testing.conformance import check_plugin

    from . import broken_plugins

    report = check_plugin(getattr(broken_plugins, plugin)(), plugin, others=[], max_examples=3)
    assert "no_mutation" in report.failures and message in report.failures["no_mutation"]


# --- entry points: an installed package cannot change results by being installed -------------


def _install(tmp_path, monkeypatch, entries):
    """Fake installed distributions: ``entries`` maps entry-point name → (module, county or error)."""
    for name, (module, county) in entries.items():
        if not (tmp_path / f"{module}.py").exists():
            body = (
                "raise ImportError('needs numpy')\n"
                if county is None
                else "from softenv_core import PluginInfo, hookimpl\n"
                "@hookimpl\n"
                "def softenv_plugin_info():\n"
                f"    return PluginInfo(county={county!r}, title={module!r}, reference='doc')\n"
            )
            (tmp_path / f"{module}.py").write_text(body, encoding="utf-8")
        dist = f"softenv-county-{name}"
        info = tmp_path / f"{dist.replace('-', '_')}-1.0.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: 1.0\n", encoding="utf-8")
        (info / "entry_points.txt").write_text(f"[softenv]\n{name} = {module}\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    for _name, (module, _county) in entries.items():
        monkeypatch.delitem(sys.modules, module, raising=False)


def test_an_entry_point_named_city_is_refused(tmp_path, monkeypatch):
    _install(tmp_path, monkeypatch, {"city": ("fake_city", "379990")})
    with pytest.raises(PluginError, match="'city' is the city baseline's") as info:
        get_plugin_manager(env={ENV_ALLOW: "city"})
    assert info.value.plugin == "city"


def test_one_plugin_object_under_two_entry_point_names_is_refused(tmp_path, monkeypatch):
    _install(tmp_path, monkeypatch, {"twin1": ("fake_twin", "379990"), "twin2": ("fake_twin", "379990")})
    with pytest.raises(PluginError, match="already registered as 'twin1'"):
        get_plugin_manager(env={ENV_ALLOW: "twin1,twin2"})


def test_two_plugins_claiming_one_county_need_the_allow_list_to_name_both(tmp_path, monkeypatch):
    _install(tmp_path, monkeypatch, {"xa": ("fake_xa", "379990"), "xb": ("fake_xb", "379990")})
    with pytest.raises(PluginError, match="county 379990 is already served by plugin 'xa'"):
        get_plugin_manager(env={})
    pm = get_plugin_manager(env={ENV_ALLOW: "xa,xb"})
    assert {m.name for m in pm.plugins_meta()} == {"city", "xa", "xb"}


@pytest.mark.parametrize("command", ["assess", "report"])
def test_a_plugin_that_fails_to_import_stops_the_run_and_says_how_to_choose(command, tmp_path, monkeypatch, capsys):
    _install(tmp_path, monkeypatch, {"needsnumpy": ("fake_needs_numpy", None)})
    monkeypatch.delenv(ENV_ALLOW, raising=False)
    monkeypatch.delenv(ENV_DISABLE_AUTOLOAD, raising=False)
    data = tmp_path / "d.json"
    data.write_text(dataset_json(small_dataset(2025)), encoding="utf-8")
    args = ["--year", "2025"] if command == "assess" else ["--month", "2025-03"]
    assert main([command, str(data), *args]) == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert "softenv-county-needsnumpy 1.0 failed to load: ImportError: needs numpy" in err
    assert ENV_ALLOW in err and ENV_DISABLE_AUTOLOAD in err
