"""Reviewer r60's maintainability findings fixed by helper fr61 (behaviour pinned, not changed).

01 A liaison office's recorded name was looked up in five places, each with its own fallback:
   one lookup now (model.points.liaison_office_name: a county's County.liaison_office, the
   city's City.liaison_office for "city", None for a code the dataset does not know), and each
   caller says its fallback for an unknown code where it calls it.
02 The every-day sweep of a county's complaint limits (analyses/complaint_limits._sound_days)
   decided whether an error already named its county, kind and day by finding that text in the
   message: the error carries them as data now (PluginError.about, a LimitsAsked), compared.
03 `softenv serve` checked its options with rules of its own beside ServiceConfig's validators:
   it now asks ServiceConfig (ServiceConfig.problems, every refused field at once) and only words
   the answer as its options; its own rules are those ServiceConfig cannot hold (a host beyond
   loopback needs keys, at least one request in flight, fewer than the connections).
04 render/report_thresholds imported monitoring_sections' private _open_matters and
   _common_problems: they are public there now (open_matters_section, common_problems_section).
"""

from __future__ import annotations

import math
from datetime import date
from types import SimpleNamespace
from typing import Any

import attrs
import pytest

from softenv_core import baseline_parameters
from softenv_core.analyses.audiences import Audience, AudienceKind, reader_office
from softenv_core.analyses.complaint_limits import require_limits_sound
from softenv_core.analyses.research_topics import topic_progress
from softenv_core.analyses.unreached_runs import _office as unreached_office
from softenv_core.engine import sla_answers
from softenv_core.engine.sla_answers import LimitsAsked
from softenv_core.errors import FieldInvalid, PluginError
from softenv_core.model.complaints import ComplaintKind
from softenv_core.model.dataset import Dataset
from softenv_core.model.points import CITY_LIAISON, liaison_office_name
from softenv_core.model.roster import ResearchTopic
from softenv_core.rules.city.uncounted import office_named
from softenv_core.testing import builders as b
from softenv_core.workdays.calendar import WorkCalendar

from .test_plugin_p52 import SlaYearEnd, _pm

# --- 01. one lookup of a liaison office's name -------------------------------------------------

COUNTY_OFFICE = "甲区经信局"
CITY_OFFICE = "临江市工业和信息化局"
UNKNOWN = "379999"


def _renamed() -> Dataset:
    ds = b.small_dataset(2025)
    counties = tuple(attrs.evolve(c, liaison_office=COUNTY_OFFICE) if c.code == "379902" else c for c in ds.counties)
    return attrs.evolve(ds, counties=counties, city=attrs.evolve(ds.city, liaison_office=CITY_OFFICE))


def test_01_the_lookup_names_county_city_and_nobody() -> None:
    ds = _renamed()
    assert UNKNOWN not in ds.county_by_code
    assert liaison_office_name("379902", ds.city, ds.county_by_code) == COUNTY_OFFICE
    assert liaison_office_name(CITY_LIAISON, ds.city, ds.county_by_code) == CITY_OFFICE
    assert liaison_office_name(UNKNOWN, ds.city, ds.county_by_code) is None


def test_01_each_caller_keeps_its_fallback_for_an_unknown_code() -> None:
    ds = _renamed()
    # Word documents' 发至: a county reader's office, nobody for the city or an unknown county
    assert reader_office(ds, Audience(AudienceKind.COUNTY, "379902")) == COUNTY_OFFICE
    assert reader_office(ds, Audience(AudienceKind.COUNTY, UNKNOWN)) is None
    assert reader_office(ds, Audience(AudienceKind.CITY)) is None
    # duty items: a county by code and name, the city by name, an unknown code by the code
    ctx: Any = SimpleNamespace(dataset=ds)
    assert office_named(ctx, "379902") == f"379902 {COUNTY_OFFICE}"
    assert office_named(ctx, CITY_LIAISON) == CITY_OFFICE
    assert office_named(ctx, UNKNOWN) == UNKNOWN
    # unreached runs: an unknown code is named as the city's office
    assert unreached_office(ds, "379902") == COUNTY_OFFICE
    assert unreached_office(ds, CITY_LIAISON) == CITY_OFFICE
    assert unreached_office(ds, UNKNOWN) == CITY_OFFICE


def test_01_a_research_topic_names_its_owner_office() -> None:
    ds = _renamed()
    topics = [
        ResearchTopic(f"t{i}", "调研", opened=date(2025, 2, 1), owner=owner)
        for i, owner in enumerate(("379902", CITY_LIAISON, UNKNOWN))
    ]
    progress = topic_progress(attrs.evolve(ds, research_topics=tuple(topics)), date(2025, 3, 1))
    assert [p.owner_name for p in progress] == [COUNTY_OFFICE, CITY_OFFICE, UNKNOWN]


# --- 02. the limits an error is about are data, not a phrase found in its text ------------------


def _sweep_refusal() -> PluginError:
    """A county plugin citing its parameter before it is in force (plugin author p52 01), swept
    day by day: resolve_sla names the limits, and the sweep must not name them again."""
    with pytest.raises(PluginError) as refused:
        require_limits_sound(_pm(SlaYearEnd()), WorkCalendar(), baseline_parameters(), None, 2025)
    return refused.value


def test_02_the_refusal_names_its_limits_once_and_carries_them() -> None:
    error = _sweep_refusal()
    asked = LimitsAsked("379911", ComplaintKind.COMPLAINT, date(2025, 1, 1))
    assert error.about == asked
    assert str(error).count(str(asked)) == 1, str(error)
    assert str(asked) == "complaint limits of county 379911 for complaint on 2025-01-01"


def test_02_a_reworded_message_still_names_them_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sla_answers.LimitsAsked, "__str__", lambda self: f"{self.county}/{self.kind.value}/{self.on}")
    error = _sweep_refusal()
    assert str(error).count("379911/complaint/2025-01-01") == 1, str(error)
    assert "complaint limits of county" not in str(error)


def test_02_an_error_about_other_limits_is_named_again() -> None:
    other = LimitsAsked("379911", ComplaintKind.SUGGESTION, date(2025, 1, 1))
    asked = LimitsAsked("379911", ComplaintKind.COMPLAINT, date(2025, 1, 1))
    named = sla_answers.about_limits(sla_answers.about_limits(PluginError("p", "h", "bad"), other), asked)
    assert named.about == asked and str(named).endswith(f"bad ({other}) ({asked})")


# --- 03. softenv serve refuses what ServiceConfig refuses, in the command's words --------------


def test_03_problems_names_every_refused_field_as_its_validator_does() -> None:
    from softenv_core.service.config import ServiceConfig

    values = {"port": 0, "workers": 0, "body_timeout_seconds": math.nan, "host": "::1"}
    found = ServiceConfig.problems(values)
    assert [e.name for e in found] == ["port", "body_timeout_seconds", "workers"]
    for error in found:
        with pytest.raises(FieldInvalid) as alone:
            ServiceConfig(**{error.name: values[error.name]})
        assert str(alone.value) == str(error)
    assert ServiceConfig.problems({"port": 65535, "max_in_flight": 0}) == []


@pytest.mark.parametrize(
    ("option", "value", "field", "given"),
    [
        ("--port", "65535", "port", 65535),
        ("--port", "65536", "port", 65536),
        ("--workers", "1", "workers", 1),
        ("--workers", "0", "workers", 0),
        ("--max-connections", "-1", "max_connections", -1),
        ("--body-timeout", "0.5", "body_timeout_seconds", 0.5),
        ("--body-timeout", "inf", "body_timeout_seconds", math.inf),
        ("--max-body-mb", "0.000001", "max_body_bytes", 1),
        ("--max-body-mb", "0.0000001", "max_body_bytes", 0),
    ],
)
def test_03_serve_refuses_exactly_what_service_config_refuses(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, option: str, value: str, field: str, given: Any
) -> None:
    pytest.importorskip("uvicorn")
    import uvicorn

    from softenv_core.cli.main import main
    from softenv_core.service.config import ENV, ServiceConfig

    monkeypatch.setenv(ENV, "")
    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: None)
    refused = bool(ServiceConfig.problems({field: given}))
    assert main(["serve", *(["--port", "1"] if option != "--port" else []), option, value]) == (1 if refused else 0)
    err = capsys.readouterr().err
    assert (f"{option} " in err) is refused and "Traceback" not in err


def test_03_serve_asks_for_a_request_in_flight_which_the_config_may_close(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("uvicorn")
    import uvicorn

    from softenv_core.cli.main import main
    from softenv_core.service.config import ENV, ServiceConfig

    monkeypatch.setenv(ENV, "")
    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: pytest.fail("the service started"))
    assert ServiceConfig(max_in_flight=0).max_in_flight == 0  # "closed": every request a 503
    assert main(["serve", "--port", "1", "--max-in-flight", "0", "--workers", "0"]) == 1
    err = capsys.readouterr().err
    assert "--max-in-flight 0: must be positive" in err and "--workers 0: must be positive" in err
    assert len(err.strip().splitlines()) == 1, err


# --- 04. report_thresholds imports the two sections by public names ------------------------------


def test_04_report_thresholds_imports_no_private_section() -> None:
    import ast
    import inspect

    from softenv_core.render import monitoring_sections, report_thresholds

    tree = ast.parse(inspect.getsource(report_thresholds))
    from_sections = [
        a.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module == monitoring_sections.__name__
        for a in node.names
    ]
    assert from_sections == ["common_problems_section", "open_matters_section"]
    assert report_thresholds.open_matters_section is monitoring_sections.open_matters_section
    assert report_thresholds.common_problems_section is monitoring_sections.common_problems_section
