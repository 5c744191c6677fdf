"""The monitoring report and the year end under a provisional (weekends-only) calendar
(docs/calendar.md "Provisional mode"; tester finding 01), and the year end's checks of the
assessment it is given and its provenance (finding 02).

2026 is the last year chinesecalendar covers: December 2026's report is due in January 2027,
which a provisional calendar knows only as weekends; June 2026's touches 2026 alone.
"""

from __future__ import annotations

import json

import pytest

from softenv_core import CITY_OFFICE, WorkCalendar, assess, get_plugin_manager
from softenv_core.analyses.monitoring_report import MonitoringReport, monitoring_report
from softenv_core.analyses.year_end import YEAREND_SCHEMA, YearEnd, year_end
from softenv_core.cli.main import main
from softenv_core.engine.manager import core_version
from softenv_core.errors import SoftenvError
from softenv_core.io.dataset_files import dataset_json
from softenv_core.model.periods import Month
from softenv_core.plugin import PluginInfo, hookimpl
from softenv_core.render.monitoring_report import render_markdown
from softenv_core.render.year_end import render_yearend
from softenv_core.testing import small_dataset

DS = small_dataset(2026)
PROV = WorkCalendar.provisional()
COUNTY = "county:" + DS.counties[0].code
#: The notice assess writes; the report and the year end say it in the same words.
PROVISIONAL_NOTICE = (
    "provisional: some working days (deadlines, days late or overdue) are counted by a weekends-only calendar;"
    " re-run when the official arrangement is out"
)


def _pm():
    return get_plugin_manager(autoload=False, plugins=[])


@pytest.fixture(scope="module")
def provisional_assessment():
    return assess(DS, 2026, _pm(), audience=CITY_OFFICE, calendar=PROV)


def test_a_report_whose_deadlines_touch_an_unknown_year_is_marked_provisional():
    r = monitoring_report(DS, Month(2026, 12), _pm(), audience=CITY_OFFICE, calendar=PROV)
    assert r.county_reports[0].due_at is not None and r.county_reports[0].due_at.year == 2027
    assert r.provisional and PROVISIONAL_NOTICE in r.notices
    assert json.loads(r.to_json())["provisional"] is True
    assert MonitoringReport.from_json(r.to_json()) == r
    assert "**暂定：" in render_markdown(r) and "**Provisional: " in render_markdown(r, "en")
    # Redacted for a county, the mark stays: the county's own statuses are provisional too.
    county = monitoring_report(DS, Month(2026, 12), _pm(), audience=COUNTY, calendar=PROV)
    assert county.provisional and PROVISIONAL_NOTICE in county.notices


def test_a_report_of_a_known_year_is_not_marked_even_with_a_provisional_calendar():
    strict = monitoring_report(DS, Month(2026, 6), _pm(), audience=CITY_OFFICE)
    loose = monitoring_report(DS, Month(2026, 6), _pm(), audience=CITY_OFFICE, calendar=PROV)
    assert not strict.provisional and not loose.provisional
    assert loose == strict  # the same report, unmarked: the calendar answered from official data
    assert PROVISIONAL_NOTICE not in strict.notices
    assert "暂定" not in render_markdown(strict) and "Provisional" not in render_markdown(strict, "en")


def test_the_docx_report_says_it_is_provisional(tmp_path):
    docx = pytest.importorskip("docx")
    from softenv_core.render.docx_report import write_report_docx

    text = {}
    for month in (6, 12):
        r = monitoring_report(DS, Month(2026, month), _pm(), audience=CITY_OFFICE, calendar=PROV)
        write_report_docx(r, tmp_path / f"{month}.docx", "zh")
        text[month] = "\n".join(p.text for p in docx.Document(str(tmp_path / f"{month}.docx")).paragraphs)
    assert "暂定：" in text[12] and "暂定" not in text[6]


def test_a_year_end_from_a_provisional_assessment_is_marked(provisional_assessment):
    y = year_end(DS, 2026, _pm(), audience=CITY_OFFICE, assessment=provisional_assessment, calendar=PROV)
    assert provisional_assessment.provisional and y.provisional and PROVISIONAL_NOTICE in y.notices
    doc = json.loads(y.to_json())
    assert doc["provisional"] is True
    zh, en = render_yearend(y), render_yearend(y, "en")
    assert "**暂定：" in zh and "**Provisional: " in en
    assert PROVISIONAL_NOTICE not in zh  # said once, in the reader's language
    county = year_end(DS, 2026, _pm(), audience=COUNTY, assessment=provisional_assessment, calendar=PROV)
    assert county.provisional and PROVISIONAL_NOTICE in county.notices


def test_a_year_end_of_an_official_year_is_not_marked_and_records_its_provenance():
    pm = _pm()
    y = year_end(small_dataset(2025), 2025, pm, audience=CITY_OFFICE)
    assert not y.provisional and PROVISIONAL_NOTICE not in y.notices
    assert y.plugins == pm.plugins_meta() and y.core_version == core_version()
    doc = y.to_document()
    assert list(doc)[:2] == ["schema", "version"] and (doc["schema"], doc["version"]) == (YEAREND_SCHEMA, 1)
    assert (y.schema, y.version) == (YearEnd.SCHEMA, YearEnd.SCHEMA_VERSION)
    assert doc["provisional"] is False and doc["core_version"] == core_version() and doc["as_of"]
    assert [p["name"] for p in doc["plugins"]] == [m.name for m in pm.plugins_meta()]
    assert YearEnd.from_json(y.to_json()) == y


def test_a_year_end_document_written_before_the_provenance_fields_is_read():
    doc = json.loads(year_end(small_dataset(2025), 2025, _pm(), audience=CITY_OFFICE).to_json())
    for key in ("plugins", "core_version", "provisional"):
        del doc[key]
    old = YearEnd.from_json(json.dumps(doc))
    assert (old.plugins, old.core_version, old.provisional) == ((), None, False)


def test_year_end_refuses_an_assessment_of_another_year():
    ds = small_dataset(2025)
    a2024 = assess(ds, 2024, _pm(), audience=CITY_OFFICE)
    with pytest.raises(SoftenvError, match="assessment is of 2024, the year end of 2025"):
        year_end(ds, 2025, _pm(), audience=CITY_OFFICE, assessment=a2024)


class _Plugin:
    @hookimpl
    def softenv_plugin_info(self):
        return PluginInfo(county=DS.counties[0].code, title="t", reference="t")


def test_year_end_refuses_an_assessment_made_with_other_plugins():
    ds = small_dataset(2025)
    other = get_plugin_manager(autoload=False, plugins=[("extra", _Plugin())])
    a = assess(ds, 2025, other, audience=CITY_OFFICE)
    with pytest.raises(SoftenvError, match=r"plugins city \S+, extra \S+, the year end's plugin manager has city "):
        year_end(ds, 2025, _pm(), audience=CITY_OFFICE, assessment=a)
    with pytest.raises(SoftenvError, match="extra"):  # the default manager (the city's) too
        year_end(ds, 2025, audience=CITY_OFFICE, assessment=a)
    assert year_end(ds, 2025, other, audience=CITY_OFFICE, assessment=a).plugins == other.plugins_meta()


def test_year_end_refuses_a_provisional_assessment_with_a_strict_calendar(provisional_assessment):
    for calendar in (None, WorkCalendar()):
        with pytest.raises(SoftenvError, match="assessment is provisional"):
            year_end(DS, 2026, _pm(), audience=CITY_OFFICE, assessment=provisional_assessment, calendar=calendar)


@pytest.mark.parametrize("command", [["report", "--month", "2026-12"], ["yearend", "--year", "2026"]])
def test_the_cli_prints_the_provisional_line(tmp_path, capsys, command):
    data = tmp_path / "dataset.json"
    data.write_text(dataset_json(DS), encoding="utf-8")
    name, *rest = command
    assert main([name, str(data), *rest, "--provisional", "--format", "json", "--lang", "en"]) == 0
    out, err = capsys.readouterr()
    assert f"  ! {PROVISIONAL_NOTICE}\n" in err
    assert json.loads(out)["provisional"] is True  # stdout stays the document alone
    if name == "report":  # a known month: no line
        assert main([name, str(data), "--month", "2026-06", "--provisional"]) == 0
        assert "!" not in capsys.readouterr().err


def test_provisional_words_are_the_assessments(provisional_assessment):
    """The three results say it in the same words (one constant, workdays/calendar.py)."""
    from softenv_core.workdays.calendar import PROVISIONAL_NOTICE as NOTICE

    assert PROVISIONAL_NOTICE == NOTICE and PROVISIONAL_NOTICE in provisional_assessment.notices


def test_only_the_months_whose_deadline_falls_in_an_unknown_year_are_marked():
    """Each month of 2026 with the provisional calendar: marked exactly when a county's due
    moment is in 2027 (December's), as the assessment marks a deadline."""
    pm = _pm()
    for month in Month(2026, 1), Month(2026, 11), Month(2026, 12):
        r = monitoring_report(DS, month, pm, audience=CITY_OFFICE, calendar=PROV)
        touched = any(row.due_at is not None and row.due_at.year > 2026 for row in r.county_reports)
        assert r.provisional == touched == (month.month == 12)
        assert (PROVISIONAL_NOTICE in r.notices) == r.provisional


def test_year_end_refuses_an_assessment_whose_deadlines_came_from_another_calendar():
    """'The one it would make itself' (auditor 02): an assessment made with the supplied 2027
    arrangement, given with a weekends-only calendar, and the other way round, rest on other
    deadlines than the year end would work out; the same calendar is accepted."""
    from softenv_core import SoftenvError, assess, get_plugin_manager, year_end
    from softenv_core.testing import small_dataset
    from softenv_core.workdays.calendar import WorkCalendar, YearArrangement

    def arr(y):
        return YearArrangement(y, holidays=frozenset(), workdays=frozenset(), reference=f"test {y}")

    pm, ds = get_plugin_manager(autoload=False), small_dataset(2031)
    supplied = WorkCalendar().with_arrangement(arr(2031)).with_arrangement(arr(2032))
    weekends = WorkCalendar.provisional()
    official = assess(ds, 2031, pm, audience="city", calendar=supplied)
    provisional = assess(ds, 2031, pm, audience="city", calendar=weekends)
    with pytest.raises(SoftenvError, match=r"took its working days from supplied test 2031, .*weekends-only"):
        year_end(ds, 2031, pm, audience="city", assessment=official, calendar=weekends)
    with pytest.raises(SoftenvError, match=r"from weekends-only .*, the year end's calendar from supplied"):
        year_end(
            ds,
            2031,
            pm,
            audience="city",
            assessment=provisional,
            calendar=WorkCalendar.provisional([arr(2031), arr(2032)]),
        )
    assert year_end(ds, 2031, pm, audience="city", assessment=official, calendar=supplied).provisional is False
    assert year_end(ds, 2031, pm, audience="city", assessment=provisional, calendar=weekends).provisional is True


def test_outside_the_city_office_the_mark_does_not_depend_on_the_complaints():
    """attacker 08: November 2026's report was marked provisional for the public and a county
    only when an extended complaint fell due in 2027 (a year the calendar knows as weekends
    only), so the mark told them it existed. Outside the city office it is the same with or
    without; the city office keeps the exact mark."""
    from datetime import datetime

    import attrs

    from softenv_core import Month, monitoring_report
    from softenv_core.model.complaints import Complaint, ComplaintEvent, ComplaintKind, EventType
    from softenv_core.model.periods import BEIJING
    from softenv_core.model.reports import ItemCategory
    from softenv_core.testing import small_dataset
    from softenv_core.workdays.calendar import WorkCalendar

    def at(day, hour):
        return datetime(2026, 11, day, hour, tzinfo=BEIJING)

    events = (
        ComplaintEvent(EventType.RECEIVED, at(27, 9), "市软建办"),
        ComplaintEvent(EventType.ACCEPTED, at(27, 10), "市软建办"),
        ComplaintEvent(EventType.ASSIGNED, at(27, 11), "市软建办", unit="city-amr"),
        ComplaintEvent(EventType.SIGNED, at(30, 9), "市市场监管局"),
        ComplaintEvent(EventType.EXTENDED, at(30, 10), "市市场监管局", extension_days=15),
    )
    quiet = attrs.evolve(small_dataset(2026), complaints=())
    one = attrs.evolve(
        quiet,
        complaints=(
            Complaint(
                "Q1", ComplaintKind.COMPLAINT, "P-379902-2", "city-amr", ItemCategory.ENFORCEMENT, "反映", False, events
            ),
        ),
    )
    cal = WorkCalendar.provisional()
    nov = Month(2026, 11)
    for audience in ("public", "county:379902", "county:379921"):
        a = monitoring_report(quiet, nov, audience=audience, calendar=cal)
        b = monitoring_report(one, nov, audience=audience, calendar=cal)
        assert (a.provisional, a.notices) == (b.provisional, b.notices), audience
    assert monitoring_report(one, nov, audience="city", calendar=cal).provisional is True
    assert monitoring_report(quiet, nov, audience="city", calendar=cal).provisional is False
