"""Integrator i46: a platform that imports softenv_core into another government system, builds the
dataset from its own records in Python, shares one Dataset and one plugin manager (with 西城区's
plugin, tests/p46_xicheng, which sets its own complaint limits from 2025-07-01) between the
threads of its web workers, and runs the HTTP service in-process.

01. A platform that passes a ParameterSet of its own to every call (its county figures read per
    request), on one long-lived plugin manager. Expected: the complaint-limits sweep memo
    (analyses/complaint_limits.py ``_SOUND``, just reused for an equal WorkCalendar) stays small.
    Happened: one entry more per call, each keeping its parameter set and calendar (with the
    calendar's deadline memo) alive while the manager lives, and every later call scanning them
    all under the lock (n calls, n entries; measured to 10). Fixed: 8 settings (plugins, calendar,
    parameters) are kept, the least recently used dropped past them; every county of a setting is
    kept (a key is per county: a province's ten county plugins are not swept again per call).
02. ``POST /v1/validate`` (and an invalid dataset's 422) with a key not allowed ``city``: the
    problems under ``$.complaints`` / ``$.ratings`` are counted, not shown. Expected: the answer
    "in document order" (the OpenAPI's Validation description, docs/integration.md). Happened: the
    count line came last, after the problems of ``$.appraisal_rounds`` (later in the document),
    so a client pairing problems with its form's fields in order put it at the end. Fixed:
    the count stands where the first problem it counts stood (service/inputs.py). The count
    itself is safe: the caller sent the records it counts, and it names no id (checked).
03. The OpenAPI description of ``POST /v1/validate``'s answer said "every problem as
    ``$.path: message``", with no word of the withheld lines that docs/integration.md describes.
    Fixed: the Validation schema's description says which paths are counted for which keys, and
    the Problem schema's that an invalid dataset's 422 tells them so on every route.
04. Six threads making assessments, monthly reports and year ends for the city office, 西城区
    and the public (the redactor's screened-text dict, the limits memo, sla_answers) from one
    Dataset and plugin manager. Expected: every JSON byte-identical to the single-threaded one,
    no exception. Held; docs/integration.md ("Concurrency") spoke only of the service's requests,
    each with its own plugin manager, and now says a platform's threads may share both.
05. The Word report and results workbook written from four threads to their own paths: each file
    byte-identical to the one written alone (docx_style.CellText's copied paragraphs). Held.
06. Wrong argument types to the public functions an integrator calls (year as text or float,
    month as an int, as_of a date or text, calendar / progress / plugin manager of the wrong
    type, months as one text, the writers' options). Expected: FieldInvalid naming the argument,
    nothing written. Held.
07. A Dataset validated (io/checked.py remembers it, a weak reference whose callback takes the
    module's lock) then left in a reference cycle (a traceback's frames hold it, say): when the
    cyclic collector ran while a thread held that lock (any allocation under it, such as the
    table's entry), the callback waited on the plain Lock its own thread held, and the thread,
    and every later ``validate`` in the process, hung. analyses/per_dataset.py had been made
    re-entrant for this very reason; io/checked.py had not. Fixed: an RLock.
08. Is the withheld count itself right? 25 complaints received outside their point's designation:
    the warnings tell 20 one by one, then "$.complaints: 5 more complaint(s) …". A key not
    allowed ``city`` was told "$.complaints: 21 more about direct feedback": lines counted, the
    summary line as one. Expected 25. Fixed: a line that is itself a count stands for as many.
09. ``monitoring_reports(dataset, ["2025-03", None], …)``: the platform's list of
    months with a gap. Expected a FieldInvalid naming the argument (``months``) and which entry.
    Happened: ``month: expected a Month or 'YYYY-MM', got NoneType None``, naming an argument the
    function does not take. Fixed: ``months[1]`` (and ``months[0]: month 13 out of range`` for
    ``["2025-13"]``); tests/test_arguments.py's expectation updated with it.

Not findings: ``write_report_docx`` takes a path only, not a BytesIO (documented: "take a str or a
pathlib.Path"); a key allowed ``city`` alone is refused ``audience=county:…`` (403, documented);
``/v1/explain?county=`` takes a code, not a county's name (the OpenAPI says so).
"""

from __future__ import annotations

import gc
import json
import threading
import warnings
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime
from pathlib import Path
from typing import Any

import attrs
import pytest

import softenv_core as se
from softenv_core.analyses import complaint_limits
from softenv_core.engine.parameters import ParameterSet, baseline_parameters
from softenv_core.testing import beijing, make_complaint, small_dataset

from . import p46_xicheng as xicheng

CODE = xicheng.COUNTY
AS_OF = beijing(2026, 2, 20, 12)
AUDIENCES = ("city", f"county:{CODE}", "public")


def _dataset() -> se.Dataset:
    """The platform's records: 西城区's points, and complaints about its departments and the city's."""
    ds = small_dataset(2025, (CODE,))
    complaints = tuple(
        make_complaint(f"Q-{m}", f"P-{CODE}-2", beijing(2025, m, 4, 9), department=f"{CODE}-amr" if m % 2 else None)
        for m in range(2, 12, 3)
    )
    built = attrs.evolve(ds, complaints=complaints)
    se.validate(built)
    return built


DS = _dataset()


@pytest.fixture(scope="module")
def pm() -> se.SoftenvPluginManager:
    return se.get_plugin_manager(autoload=False, plugins=[("xicheng", xicheng)])


# 01 -----------------------------------------------------------------------------------------------


def test_01_the_limits_sweep_memo_stays_small_with_a_parameter_set_per_call(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    manager = se.get_plugin_manager(autoload=False, plugins=[("xicheng", xicheng)])
    base, calendar = baseline_parameters(), se.WorkCalendar()
    swept: list[object] = []
    real = complaint_limits._sound_days

    def counted(pm: Any, county: str, kind: Any, cal: Any, params: Any, days: list[date]) -> None:
        swept.append(params)
        real(pm, county, kind, cal, params, days)

    monkeypatch.setattr(complaint_limits, "_sound_days", counted)
    complaint_limits.require_limits_sound(manager, calendar, base, None, 2025)  # the city's own set
    for _ in range(9):  # each request's own set, equal to the last; the city's used between
        complaint_limits.require_limits_sound(manager, calendar, ParameterSet(base.parameters), None, 2025)
        complaint_limits.require_limits_sound(manager, calendar, base, None, 2025)
    assert len(complaint_limits._SOUND[manager]) <= 8
    assert sum(p is base for p in swept) == 3  # one sweep of the three kinds: the set used all along is kept


class _County:
    """A county's own complaint limits, the city's; counts the days it is asked about."""

    def __init__(self, code: str) -> None:
        self.code, self.asked = code, 0

    @se.hookimpl
    def softenv_plugin_info(self):  # type: ignore[no-untyped-def]
        return se.PluginInfo(county=self.code, title=f"县{self.code}", reference="经贸〔2025〕2号")

    @se.hookimpl
    def softenv_complaint_sla(self, kind, calendar, params, on):  # type: ignore[no-untyped-def]
        self.asked += 1
        days = {"complaint": 15, "report": 15, "suggestion": 5}
        return se.ComplaintSla(accept=1, sign=1, resolve=days, max_extension=15, follow_up=2, reference="县")


def test_01_every_county_of_a_province_is_still_remembered() -> None:
    """The bound is on settings, not keys: a key is per county, and more than 8 counties with
    limits of their own (a province) must not sweep again at every call."""
    counties = [_County(f"3799{n:02d}") for n in range(21, 31)]
    manager = se.get_plugin_manager(autoload=False, plugins=[(f"c{c.code}", c) for c in counties])
    params, calendar = baseline_parameters(), se.WorkCalendar()
    complaint_limits.require_limits_sound(manager, calendar, params, None, 2023)
    before = [c.asked for c in counties]
    complaint_limits.require_limits_sound(manager, se.WorkCalendar(), params, None, 2023)
    assert [c.asked for c in counties] == before


# 02, 03 -------------------------------------------------------------------------------------------

with warnings.catch_warnings():  # Starlette's test client warns about httpx on import
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient


@pytest.fixture(scope="module")
def keys(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, dict[str, dict[str, str]]]]:
    from softenv_core.service.app import create_app
    from softenv_core.service.config import ServiceConfig
    from softenv_core.service.keys import add_key

    path = tmp_path_factory.mktemp("keys") / "keys.json"
    made = {who: add_key(path, who, [aud]) for who, aud in (("county", f"county:{CODE}"), ("office", "city"))}
    with TestClient(create_app(ServiceConfig(keys_file=str(path)))) as client:
        yield client, {w: {"Authorization": f"Bearer {k}", "Content-Type": "application/json"} for w, k in made.items()}


def _invalid_body() -> bytes:
    doc = json.loads(se.dataset_json(DS))
    doc["contacts"][0]["point"] = "P-none-1"  # before the complaints
    doc["complaints"][0]["point"] = "P-secret-9"  # names who complained
    doc["complaints"][1]["point"] = "P-secret-8"
    doc["appraisal_rounds"] = [{}]  # after them
    return json.dumps(doc, ensure_ascii=False).encode()


def test_02_the_withheld_count_keeps_document_order(keys: Any) -> None:
    client, headers = keys
    office = client.post("/v1/validate", content=_invalid_body(), headers=headers["office"]).json()
    county = client.post("/v1/validate", content=_invalid_body(), headers=headers["county"]).json()
    assert [p.split(":")[0].split(" ")[0] for p in office["problems"]][:4] == [
        "$.contacts[0]",
        "$.complaints[0]",
        "$.complaints[1]",
        "$.appraisal_rounds[0].id",
    ]
    paths = [d["path"] for d in county["details"]]
    assert paths[:3] == ["$.contacts[0].point", "$.complaints", "$.appraisal_rounds[0].id"], paths
    assert county["problems"][1].startswith("$.complaints: 2 more about direct feedback")
    assert len(county["details"]) == len(county["problems"])
    assert "P-secret" not in json.dumps(county, ensure_ascii=False)  # the count names no one
    refused = client.post("/v1/reports/2025-03?format=json", content=_invalid_body(), headers=headers["county"])
    assert refused.status_code == 422
    assert [d["path"] for d in refused.json()["details"]][:3] == paths[:3]


def test_02_warnings_keep_their_order_too() -> None:
    from softenv_core.service.inputs import outside_city_lines

    lines = ["$.contacts[0]: a", "$.complaints[0] (Q-1): b", "$.ratings[0]: c", "$.complaints[3] (Q-4): d", "$.x: e"]
    told = outside_city_lines(lines, {"$.complaints", "$.ratings"})
    assert [t.split(":")[0] for t in told] == ["$.contacts[0]", "$.complaints", "$.ratings", "$.x"]
    # Not counted since attacker x52 01: the count told whose point had complained.
    assert told[1].startswith("$.complaints: any warnings") and told[2].startswith("$.ratings: any warnings")


def test_03_the_openapi_says_what_a_key_not_allowed_city_is_told(keys: Any) -> None:
    client, headers = keys
    schema = client.get("/openapi.json", headers=headers["county"]).json()["components"]["schemas"]["Validation"]
    said = schema["description"]
    assert "$.complaints" in said and "$.ratings" in said and "`city`" in said
    problem = client.get("/openapi.json", headers=headers["county"]).json()["components"]["schemas"]["Problem"]
    assert "$.complaints" in problem["description"] and "`city`" in problem["description"]


# 04, 05 -------------------------------------------------------------------------------------------


def _analyses(pm: se.SoftenvPluginManager, audience: str) -> tuple[str, ...]:
    return (
        se.assess(DS, 2025, pm, audience=audience, as_of=AS_OF).to_json(),
        se.to_json(se.monitoring_report(DS, "2025-08", pm, audience=audience, as_of=AS_OF)),
        se.year_end(DS, 2025, pm, audience=audience, as_of=AS_OF).to_json(),
    )


def test_04_analyses_from_six_threads_are_the_single_threaded_ones(pm: se.SoftenvPluginManager) -> None:
    alone = {a: _analyses(pm, a) for a in AUDIENCES}
    complaint_limits._SOUND.pop(pm, None)  # the threads sweep afresh, at once
    asked = [*AUDIENCES, *AUDIENCES]
    with ThreadPoolExecutor(6) as pool:
        together = list(pool.map(lambda a: _analyses(pm, a), asked))
    assert together == [alone[a] for a in asked]


def _office_files(pm: se.SoftenvPluginManager, folder: Path, audience: str) -> tuple[bytes, bytes]:
    report = se.monitoring_report(DS, "2025-08", pm, audience=audience, as_of=AS_OF)
    se.write_report_docx(report, folder / "r.docx", issued=date(2026, 1, 5))
    se.write_results_workbook(DS, 2025, folder / "r.xlsx", pm, audience=audience, as_of=AS_OF, with_year_end=False)
    return (folder / "r.docx").read_bytes(), (folder / "r.xlsx").read_bytes()


def test_05_office_files_from_four_threads_are_the_single_threaded_ones(
    pm: se.SoftenvPluginManager, tmp_path: Path
) -> None:
    (tmp_path / "alone").mkdir()
    alone = _office_files(pm, tmp_path / "alone", f"county:{CODE}")
    folders = [tmp_path / f"t{n}" for n in range(4)]
    for f in folders:
        f.mkdir()
    with ThreadPoolExecutor(4) as pool:
        together = list(pool.map(lambda f: _office_files(pm, f, f"county:{CODE}"), folders))
    assert together == [alone] * 4


# 06 -----------------------------------------------------------------------------------------------


def _calls(pm: se.SoftenvPluginManager, out: Path) -> list[tuple[str, Callable[[], object]]]:
    city = {"audience": "city"}
    report = se.monitoring_report(DS, "2025-03", pm, **city)
    return [
        ("year", lambda: se.assess(DS, "2025", pm, **city)),
        ("year", lambda: se.year_end(DS, 2025.0, pm, **city)),
        ("month", lambda: se.monitoring_report(DS, 202503, pm, **city)),
        ("months", lambda: se.monitoring_reports(DS, "2025-03", pm, **city)),
        ("as_of", lambda: se.assess(DS, 2025, pm, as_of=date(2025, 12, 31), **city)),
        ("as_of", lambda: se.monitoring_report(DS, "2025-03", pm, as_of="2025-04-30", **city)),
        ("calendar", lambda: se.year_end(DS, 2025, pm, calendar="strict", **city)),
        ("progress", lambda: se.assess(DS, 2025, pm, progress=3, **city)),
        ("plugin_manager", lambda: se.monitoring_report(DS, "2025-03", [], **city)),
        ("issued", lambda: se.write_report_docx(report, out / "a.docx", issued="2026-01-05")),
        ("office", lambda: se.write_report_docx(report, out / "b.docx", office=3)),
        ("path", lambda: se.write_results_workbook(DS, 2025, 3, pm, **city)),
        ("with_year_end", lambda: se.write_results_workbook(DS, 2025, out / "c.xlsx", pm, with_year_end="y", **city)),
        ("as_of", lambda: se.write_results_workbook(DS, 2025, out / "d.xlsx", pm, as_of=datetime(2026, 1, 1), **city)),
    ]


def test_06_a_wrong_argument_is_field_invalid_naming_it(pm: se.SoftenvPluginManager, tmp_path: Path) -> None:
    for name, call in _calls(pm, tmp_path):
        with pytest.raises(se.SoftenvError) as caught:
            call()
        assert getattr(caught.value, "name", None) == name or str(caught.value).startswith(f"{name}:"), (
            name,
            caught.value,
        )
    assert list(tmp_path.iterdir()) == []  # nothing half-made


# 07 -----------------------------------------------------------------------------------------------


def test_07_a_validated_dataset_collected_under_the_lock_does_not_hang() -> None:
    from softenv_core.io import checked

    ds = attrs.evolve(DS)  # a new object, validated and remembered
    se.validate(ds)
    cycle: list[object] = [ds]
    cycle.append(cycle)  # garbage only the cyclic collector frees
    del ds, cycle
    real = checked._lock
    # a lock of the same kind, so that a thread stuck on it holds nothing the other tests need
    checked._lock = threading.RLock() if isinstance(real, type(threading.RLock())) else threading.Lock()
    done = threading.Event()

    def write_in_progress() -> None:
        with checked._lock:
            gc.collect()  # as an allocation under the lock may run it
        done.set()

    try:
        threading.Thread(target=write_in_progress, daemon=True).start()
        assert done.wait(2), "the collector's callback waited on the lock its own thread held"
    finally:
        checked._lock = real


# 08 -----------------------------------------------------------------------------------------------


def test_08_the_withheld_count_counts_the_records_not_the_lines(keys: Any) -> None:
    client, headers = keys
    point = f"P-{CODE}-2"
    ended = tuple(attrs.evolve(p, designated_until=date(2025, 2, 28)) if p.id == point else p for p in DS.points)
    late = tuple(make_complaint(f"Q-L{n}", point, beijing(2025, 4, 1 + n, 9)) for n in range(25))
    body = se.dataset_json(attrs.evolve(DS, points=ended, complaints=late)).encode()
    office = client.post("/v1/validate", content=body, headers=headers["office"]).json()["warnings"]
    outside = [w for w in office if w.startswith("$.complaints")]
    assert len(outside) == 21 and outside[-1].startswith("$.complaints: 5 more complaint(s)")
    county = client.post("/v1/validate", content=body, headers=headers["county"]).json()["warnings"]
    # Uncounted since attacker x52 01 (a count told whose point had complained): one line, as without.
    assert [w for w in county if w.startswith("$.complaints")] == [
        "$.complaints: any warnings about direct feedback (直接反馈) are withheld, and so is how many: "
        "they name who complained; a key allowed audience city reads them"
    ]


# 09 -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("months", "named"), [(["2025-03", None], "months[1]"), (("2025-13",), "months[0]")])
def test_09_a_wrong_month_in_months_is_named_by_its_place(
    pm: se.SoftenvPluginManager, months: list[Any], named: str
) -> None:
    with pytest.raises(se.FieldInvalid) as caught:
        se.monitoring_reports(DS, months, pm, audience="city")
    assert caught.value.name == named, caught.value
