"""What goes wrong in a real office: faulty plugins, interrupted writes, spreadsheets,
calendar and time edges. docs/reliability.md lists each case and what it gives."""

from __future__ import annotations

import json
import os
import sys
from datetime import date, datetime, timedelta, timezone

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from softenv_core import (
    CITY_OFFICE,
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
        assess(attrs.evolve(ds, reports=()), last, get_plugin_manager(autoload=False), audience=CITY_OFFICE)
    assert info.value.year == last + 1


def test_cli_reports_missing_calendar_data_clearly(capsys):
    last = official_years()[1]
    assert main(["deadline", "--month", f"{last}-12"]) == 1
    err = capsys.readouterr().err
    assert f"尚无 {last + 1} 年的国务院节假日安排" in err and "Traceback" not in err


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
    result = assess(ds, 2024, get_plugin_manager(autoload=False), audience=CITY_OFFICE)
    assert result.county(JIA).months[1].due_at.date() == date(2024, 3, 5)


@given(st.integers(-12 * 60, 14 * 60).filter(lambda m: m % 15 == 0))
def test_last_second_of_the_due_day_is_on_time_whatever_offset_it_was_written_with(offset_minutes):
    tz = timezone(timedelta(minutes=offset_minutes))
    due_end = beijing(2024, 4, 7, 23, 59, 59)  # March 2024's report: due on the Sunday make-up day
    # The due second is included whole, to its last microsecond (DESIGN: "the 5th included").
    for moment, expected in (
        (due_end, "on_time"),
        (due_end + timedelta(microseconds=999_999), "on_time"),
        (due_end + timedelta(seconds=1), "late"),
    ):
        written = moment.astimezone(tz)
        ds = small_dataset(2024)
        reports = [r for r in ds.reports if not (r.county == JIA and r.month == Month(2024, 3))]
        ds = attrs.evolve(ds, reports=(*reports, monthly_report(JIA, Month(2024, 3), written)))
        status = assess(ds, 2024, get_plugin_manager(autoload=False), audience=CITY_OFFICE).county(JIA).months[2].status
        assert status == expected, (written.isoformat(), status)
    assert isinstance(due_end, datetime)


def test_a_complaint_step_done_in_its_due_second_is_on_time_and_not_overdue_there():
    """A due moment 23:59:59 includes its whole second: a step done at 23:59:59.6 of its due
    day is on time, and at 23:59:59.6 the open step is not yet overdue; at 00:00:00 it is."""
    cal = WorkCalendar()
    received = beijing(2024, 3, 1, 9)
    base = Complaint(
        "Q-second",
        ComplaintKind.COMPLAINT,
        "P1",
        None,
        ItemCategory.SERVICE,
        "x",
        events=(ComplaintEvent(EventType.RECEIVED, received, "市软建办"),),
    )
    sla = resolve_sla(get_plugin_manager(autoload=False), JIA, base.kind, cal, baseline_parameters())
    due = complaint_status(base, received, sla, cal).due_at
    in_due_second = due + timedelta(microseconds=600_000)
    assert not complaint_status(base, in_due_second, sla, cal).overdue
    assert complaint_status(base, due + timedelta(seconds=1), sla, cal).overdue
    accepted = attrs.evolve(base, events=(*base.events, ComplaintEvent(EventType.ACCEPTED, in_due_second, "市软建办")))
    step = complaint_status(accepted, in_due_second, sla, cal).steps[0]
    assert step.due_at == due and step.on_time is True


# --- plugin answers are checked, not trusted (broken_plugins.py) ------------------------------


def _assess_with(name, plugin):
    return assess(
        small_dataset(2025), 2025, get_plugin_manager(autoload=False, plugins=[(name, plugin)]), audience=CITY_OFFICE
    )


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
            ds.points[0].id,
            "379902-amr",  # a department of 379902, the broken plugin's county
            ItemCategory.SERVICE,
            "x",
            events=(ComplaintEvent(EventType.RECEIVED, beijing(2025, 3, 3, 9), "市软建办"),),
        )
        with pytest.raises(PluginError) as info:
            # The limits are read for a step's day (sla_for answers lazily, per day).
            sla_for(pm, attrs.evolve(ds, complaints=(c,)), c, WorkCalendar(), baseline_parameters())(date(2025, 3, 3))
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

    report = check_plugin(getattr(broken_plugins, plugin)(), plugin, others=[], max_examples=3, hash_seed=False)
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
    assert "插件 'needsnumpy' (softenv-county-needsnumpy 1.0) 无法加载：ImportError: needs numpy" in err
    assert ENV_ALLOW in err and ENV_DISABLE_AUTOLOAD in err
    assert main([command, str(data), *args, "--lang", "en"]) == 1
    err = capsys.readouterr().err
    assert "(softenv-county-needsnumpy 1.0) failed to load: ImportError: needs numpy" in err


# --- every row of docs/reliability.md "Bad input and the error it gives" ----------------------


def _set(path, value):
    def mutate(doc):
        *parents, last = path
        target = doc
        for key in parents:
            target = target[key]
        if value is _DELETE:
            del target[last]
        else:
            target[last] = value

    return mutate


_DELETE = object()


def _deep(depth):
    value: object = 1
    for _ in range(depth):
        value = [value]
    return value


BAD_INPUT_ROWS = [
    ("wrong type", _set(("points", 0, "id"), 5), "$.points[0].id: expected a string, got int 5"),
    ("missing field", _set(("points", 0, "county"), _DELETE), "$.points[0].county: required field missing"),
    ("unknown field", _set(("points", 0, "colour"), "red"), "$.points[0]: unknown field(s) colour"),
    (
        "long name",
        _set(("points", 0, "enterprise", "name"), "长" * 200_000),
        "$.points[0].enterprise.name: longer than 200 characters (200000)",
    ),
    ("deep nesting", _set(("points", 0, "enterprise"), _deep(50)), "$.points[0].enterprise: expected an object"),
    (
        "date out of range",
        _set(("contacts", 0, "date"), "0001-01-01"),
        "$.contacts[0].date: '0001-01-01' is out of range (years 1900-2999)",
    ),
    (
        "impossible date",
        _set(("contacts", 0, "date"), "2025-02-30"),
        "$.contacts[0].date: no such day '2025-02-30': months run 01-12, days as the month has them",
    ),
    (
        "NaN",
        _set(("points", 0, "enterprise", "revenue_wan"), float("nan")),
        "$.points[0].enterprise.revenue_wan: expected a finite number, got nan",
    ),
    (
        "huge integer",
        _set(("points", 0, "enterprise", "revenue_wan"), 10**4000),
        "$.points[0].enterprise.revenue_wan: number too large (4001 digits)",
    ),
    ("yes for a boolean", _set(("contacts", 0, "reached"), "yes"), "$.contacts[0].reached: expected true or false"),
    (
        "naive timestamp",
        _set(("reports", 0, "submitted_at"), "2025-02-02T09:00:00"),
        "$.reports[0].submitted_at: naive datetime '2025-02-02T09:00:00': give a UTC offset",
    ),
    (
        "week date",
        _set(("contacts", 0, "date"), "2025-W01-1"),
        "$.contacts[0].date: expected a date as YYYY-MM-DD, got '2025-W01-1'",
    ),
    (
        "offset beyond 14:00",
        _set(("reports", 0, "submitted_at"), "2025-02-02T09:00:00+15:00"),
        "$.reports[0].submitted_at: UTC offset of '2025-02-02T09:00:00+15:00' is beyond ±14:00",
    ),
    (
        "unknown enum value",
        _set(("contacts", 0, "method"), "email"),
        "$.contacts[0].method: 'email' is not one of: phone, visit, symposium, online, other",
    ),
    (
        "invalid credit code",
        _set(("points", 0, "enterprise", "uscc"), "91110000600037341X"),
        "$.points[0].enterprise.uscc: invalid 统一社会信用代码 '91110000600037341X'",
    ),
    ("unknown county", _set(("points", 0, "county"), "379999"), "$.points[0].county: unknown county '379999'"),
    ("dangling reference", _set(("contacts", 0, "point"), "nobody"), "$.contacts[0].point: unknown point 'nobody'"),
    ("version true", _set(("version",), True), "$.version: expected 1 to 2, got True"),
    (
        "an integer county code",
        _set(("counties", 0, "code"), 379902),
        "$.counties[0].code: expected a string, got int 379902",
    ),
]


@pytest.mark.parametrize(("row", "mutate", "message"), BAD_INPUT_ROWS, ids=[r[0] for r in BAD_INPUT_ROWS])
def test_each_bad_input_gives_its_documented_message(row, mutate, message):
    from softenv_core import InputError
    from softenv_core.io.dataset_files import loads_dataset, without_record_ids

    doc = json.loads(dataset_json(small_dataset(2025)))
    mutate(doc)
    with pytest.raises(InputError) as info:
        loads_dataset(doc)
    # The record's id follows its position (issue 17): the documented message is the rest.
    assert without_record_ids(info.value.problems[0]).startswith(message), info.value.problems[:3]
    if row in ("an integer county code", "week date", "version true", "huge integer"):
        assert len(info.value.problems) == 1  # one fault, one problem


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"a": 1, "a": 2}', "$: not valid JSON: duplicate key 'a'"),
        ("{", "$: not valid JSON: Expecting property name enclosed in double quotes: line 1 column 2 (char 1)"),
        ('{"x": NaN}', "$: not valid JSON: NaN is not valid JSON"),
        (b"\xff{}", "$: not UTF-8 text (byte 0: invalid start byte)"),
        ("[]", "$: expected an object, got list"),
        ("[" * 100_000 + "]" * 100_000, "$: nested too deeply"),
        # Attacker x37: the interpreter's own advice (use sys.set_int_max_str_digits()) told a
        # service's caller to reconfigure the server; the number's length is what it can fix.
        (
            '{"version": ' + "9" * 5000 + "}",
            "$: not valid JSON: a number of 5000 digits; no field holds one of more than 4300",
        ),
    ],
)
def test_each_malformed_document_gives_its_documented_message(text, message):
    from softenv_core import InputError
    from softenv_core.io.dataset_files import loads_dataset

    with pytest.raises(InputError) as info:
        loads_dataset(text)
    assert info.value.problems[0] == message


def test_every_test_cited_in_docs_reliability_exists():
    """docs/reliability.md cites a test on every row: each cited name must be a test function."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parent
    doc = (root.parent / "docs" / "reliability.md").read_text(encoding="utf-8")
    defined = {
        (path.name, name)
        for path in root.glob("test_*.py")
        for name in re.findall(r"^def (test_\w+)", path.read_text(encoding="utf-8"), re.M)
    }
    names = {n for _file, n in defined}
    cited = re.findall(r"`(?:(test_\w+\.py)::)?(test_\w+)`", doc)
    assert len(cited) > 40
    missing = [f"{f}::{n}" if f else n for f, n in cited if ((f, n) not in defined if f else n not in names)]
    assert not missing, missing


def test_a_plugin_without_a_county_is_refused_even_when_allowed(tmp_path, monkeypatch):
    _install(tmp_path, monkeypatch, {"citywide": ("fake_citywide", "379990")})
    (tmp_path / "fake_citywide.py").write_text(
        "from softenv_core import PluginInfo, hookimpl\n"
        "@hookimpl\n"
        "def softenv_plugin_info():\n"
        "    return PluginInfo(county=None, title='全市', reference='doc')\n",
        encoding="utf-8",
    )
    with pytest.raises(PluginError, match="must name its county"):
        get_plugin_manager(env={ENV_ALLOW: "citywide"})
