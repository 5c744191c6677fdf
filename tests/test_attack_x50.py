"""Attacker x50: who complained (直接反馈), as a reader outside the city office might learn it from
the cases the earlier attackers did not set side by side (DESIGN principles 7 and 8;
docs/privacy.md).

Each case moves one complaint made without consent from one point to another and checks that every
output a county, a department, the public or another point can obtain by the command (the monthly
report in Markdown, JSON and Word, the year end in Markdown, JSON and xlsx, the assessment in JSON,
CSV and xlsx, ``softenv explain`` of a county and of a point) is byte-identical, the ``R-``
reference compared as a reference (its key is derived from the complaint records: x38's helpers):
the two counties in Chinese in the fast suite, every other reader and English among the `slow`
tests (SWEEP). Where a case also sweeps the point swapped to (01, 10) or the pair swapped (11), the
fast suite runs each reader with one of them and each of them once (``_paired``); the rest are
`slow` tests. 06 runs two destinations (another county, the same county) in the fast suite and the
third among the `slow` tests; 07 runs the city office, a county, a department and the public in
the fast suite and the other readers among the `slow` tests; 08 the two counties swapped. What a
reader is given of a world that several cases share is worked out once (``_given``, ``_lib_shown``,
06's ``shown``: records are frozen, the commands and analyses pure), and 06's readers' year ends
of one world redact one city assessment of it.

01. A point removed mid-year (its designation ended by a roster change) complaining while still
    designated, against a point designated all year, of the same county or of another. Held.
02. A complaint received after its point's removal (outside its designation: it raises no matter
    and counts for no point) against the same complaint by a designated point. Held.
03. Two complaints received at one instant from points of two counties, each about the other
    county's bureau, their complainants swapped (each then about its own county's bureau). Held.
04. Views as of the earliest instant a reader outside the city office is given (the month's and
    the year's instant exactly), and the refusal a moment before: the same whoever complained, and
    the refusal's words the same with or without any complaint. Held.
05. A department that is also a county's unit recorded under the county's own code
    (``department:379902`` beside ``county:379902``): its view and the county's are the same
    whoever complained, and neither is named the complainant who consented. Held.
06. A 专项调研 topic the city opened citing a complaint among its evidence: the year end is the same
    for every reader but the city office whoever made the complaint. Held.
07. Hostile record text (terminal escapes, bidi overrides, formula-like cells, Markdown and HTML)
    in a complaint's text and notes, matters, a county's and a department's name: no reader's
    Markdown, Word, xlsx or CSV, in Chinese or English, carries a raw control or bidi character, a
    formula cell, a heading or a tag. Held.
08. The HTTP service, as keys allowed one county, a department or the public call it (reports in
    JSON, Markdown and Word, the year end, the assessment, explain of a county, of a point and of
    the complainant): the same status, headers and body whoever complained. Held.
09. The department complained about, when another unit handles (承办) the complaint, is given the
    same as if no complaint had been made; the handling unit, a bureau of the complainant's county
    or of another, reads the same whoever complained. Held.
10. A complaint on the first day of a month its point is designated too few working days to owe
    (removed on the 3rd), recorded at Beijing midnight written in UTC: the same for every reader
    whoever complained. Held.
11. Complaints off the plain path (refused at intake, returned twice and handled by 市软建办 itself,
    reopened after an unsatisfied follow-up and supervised, extended, accepted late under
    supervision), about a 市直 department, a county's bureau or none, moved within a county and
    across counties: the same for every reader but the city office. Held.
12. A complaint found malicious: its county reads the finding in the point's supervision item
    (documented), but not what it was about; the county of the bureau complained about reads the
    same whichever other county's point made it. Held; the residual of tying the finding to the
    bureau's own verdict is documented in docs/privacy.md (What is left, attacker x50).
13. Under the provisional calendar, a complaint whose resolve day falls in the unknown next year:
    the provisional marks and every figure read the same whoever made it, and but for the handling
    unit the same as without it. Held.
14. A refused dataset whose complaint id, point and department hold terminal escapes and a bidi
    override (and a county name an escape): ``softenv validate`` (text and JSON), ``softenv report``
    and ``POST /v1/validate`` quote them inert, in Chinese and English. Held.
"""

from __future__ import annotations

import re
import tempfile
import warnings
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import attrs
import pytest

from softenv_core import dataset_json
from softenv_core.model.complaints import (
    Complaint,
    ComplaintEvent,
    ComplaintKind,
    EventType,
    Satisfaction,
    Verdict,
)
from softenv_core.model.dataset import Dataset
from softenv_core.model.divisions import Department
from softenv_core.model.reports import ItemCategory
from softenv_core.model.roster import ChangeAction, ChangeReason, Filing, RosterChange
from softenv_core.testing.builders import beijing, make_complaint, small_dataset

from .office_cli import run
from .test_privacy_complainant_swap import _REF, _office

READERS = ("county:379902", "county:379921", "department:city-amr", "public", "point:P-379921-1")


def _commands(data: Path, month: str) -> dict[str, list[object]]:
    return {
        "report.md": ["report", data, "--month", month],
        "report.json": ["report", data, "--month", month, "--format", "json"],
        "yearend.md": ["yearend", data, "--year", 2025],
        "yearend.json": ["yearend", data, "--year", 2025, "--format", "json"],
        "assess.json": ["assess", data, "--year", 2025, "--format", "json"],
        "assess.points.csv": ["assess", data, "--year", 2025, "--format", "csv", "--table", "points"],
        "assess.counties.csv": ["assess", data, "--year", 2025, "--format", "csv", "--table", "counties"],
        "explain.county": ["explain", data, "--year", 2025, "--county", "379902"],
        "explain.point": ["explain", data, "--year", 2025, "--point", "P-379902-1"],
    }


_FILES = {
    "report.docx": ("report", "--month", "{month}", "--format", "docx"),
    "yearend.xlsx": ("yearend", "--year", "2025", "--format", "xlsx"),
    "assess.xlsx": ("assess", "--year", "2025", "--format", "xlsx"),
}


#: What :func:`_given` gave, by (the dataset's text, reader, month, options): the cases of a sweep
#: share one world (01 and 10 compare the same complaint with two others), given once per process.
_GIVEN: dict[tuple[str, ...], dict[str, str]] = {}


def _given(capsys: pytest.CaptureFixture[str], data: Path, reader: str, month: str, *more: str) -> dict[str, str]:
    """Everything ``reader`` is given of ``data`` by the commands (with the options ``more``), as
    text (files unzipped): once per process for each dataset's text (see ``_GIVEN``)."""
    key = (data.read_text(encoding="utf-8"), reader, month, *more)
    if key not in _GIVEN:
        _GIVEN[key] = _given_now(capsys, data, reader, month, *more)
    return _GIVEN[key]


def _given_now(capsys: pytest.CaptureFixture[str], data: Path, reader: str, month: str, *more: str) -> dict[str, str]:
    shown: dict[str, str] = {}
    for name, args in _commands(data, month).items():
        code, out, err = run(capsys, *args, "--audience", reader, *more)
        shown[name] = f"{code}\n{out}\n{err}"
    for name, args in _FILES.items():
        target = data.parent / f"{data.stem}.{reader.replace(':', '_')}.{name}"
        argv = [args[0], data, *(a.format(month=month) for a in args[1:])]
        code, out, err = run(capsys, *argv, "--audience", reader, "--out", target, *more)
        err = err.replace(str(target), "OUT")
        shown[name] = f"{code}\n{out}\n{err}\n" + (_office(target) if target.exists() else "")
    return {name: _REF.sub("R-…", text) for name, text in shown.items()}


def _write(tmp: Path, name: str, ds: Dataset) -> Path:
    path = tmp / f"{name}.json"
    path.write_text(dataset_json(ds), encoding="utf-8")
    return path


def _sweep(readers: tuple[str, ...], fast: tuple[str, ...]) -> list[Any]:
    """(lang, reader) for a swap sweep: the ``fast`` readers in Chinese (the officials' default)
    in the fast suite, every other reader and every reader in English as `slow` tests (each
    reader and language is about 24 commands, 0.6 s of CPU)."""
    slow = pytest.mark.slow
    return [
        pytest.param(lang, reader, marks=() if lang == "zh" and reader in fast else slow, id=f"{lang}-{reader}")
        for lang in ("zh", "en")
        for reader in readers
    ]


#: The counties of the two points swapped: the readers most likely to tell them apart.
SWEEP = _sweep(READERS, ("county:379902", "county:379921"))


def _paired(readers: tuple[str, ...], fast: tuple[str, ...], others: tuple[str, ...]) -> list[Any]:
    """(lang, reader, other) for a swap sweep that also sweeps the point swapped to: the ``fast``
    readers in Chinese each with one of ``others`` in turn (so each reader and each other runs in
    the fast suite), every other combination as `slow` tests."""
    chosen = {(reader, others[i % len(others)]) for i, reader in enumerate(fast)}
    slow = pytest.mark.slow
    return [
        pytest.param(
            lang,
            reader,
            other,
            marks=() if lang == "zh" and (reader, other) in chosen else slow,
            id=f"{lang}-{reader}-{other}",
        )
        for other in others
        for lang in ("zh", "en")
        for reader in readers
    ]


PAIRED = _paired(READERS, ("county:379902", "county:379921"), ("P-379902-1", "P-379921-2"))


def _assert_same_for_readers(
    capsys: pytest.CaptureFixture[str],
    tmp: Path,
    one: Dataset,
    other: Dataset,
    month: str,
    readers: tuple[str, ...],
    lang: str,
) -> None:
    """Every output of :func:`_given`, in ``lang``, the same for each of ``readers``."""
    a_path, b_path = _write(tmp, "one", one), _write(tmp, "other", other)
    for reader in readers:
        a = _given(capsys, a_path, reader, month, "--lang", lang)
        b = _given(capsys, b_path, reader, month, "--lang", lang)
        assert a["report.md"].startswith("0\n") and a["yearend.xlsx"].startswith("0\n"), (reader, a["report.md"][:300])
        for name in a:
            assert a[name] == b[name], f"{reader} {name}: depends on which point complained"
    # The city office's own view does tell them apart (the comparison is not vacuous).
    code, city_a, _ = run(capsys, "report", a_path, "--month", month, "--format", "json")
    code_b, city_b, _ = run(capsys, "report", b_path, "--month", month, "--format", "json")
    assert code == code_b == 0 and city_a != city_b


def _with(base: Dataset, *complaints: Complaint) -> Dataset:
    return attrs.evolve(base, complaints=tuple(complaints))


def _removed(base: Dataset, point: str, effective: date) -> Dataset:
    """``base`` with ``point`` (a county point) removed from ``effective``, filed with the city."""
    pts = tuple(
        attrs.evolve(p, designated_until=effective - timedelta(days=1)) if p.id == point else p for p in base.points
    )
    county = point.split("-")[1]
    (by,) = (p.designated_by for p in base.points if p.id == point)
    reason = ChangeReason.OWN_WISH
    change = RosterChange(f"RC-{point}-remove", point, ChangeAction.REMOVE, reason, effective, by, county)
    filing = Filing(f"F-{point}", county, effective - timedelta(days=20), (change.id,))
    contacts = tuple(c for c in base.contacts if not (c.point == point and c.date >= effective))
    return attrs.evolve(base, points=pts, roster_changes=(change,), filings=(filing,), contacts=contacts)


# 01 ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "reader", "other"), PAIRED)
def test_01_a_point_removed_mid_year_reads_as_any_other_complainant(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str, reader: str, other: str
) -> None:
    base = _removed(small_dataset(2025, counties=("379902", "379921")), "P-379902-2", date(2025, 7, 1))
    at = beijing(2025, 3, 3)
    one = _with(base, make_complaint("Q-2025-0001", "P-379902-2", at))
    two = _with(base, make_complaint("Q-2025-0001", other, at))
    _assert_same_for_readers(capsys, tmp_path, one, two, "2025-03", (reader,), lang)


# 02 ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "reader"), SWEEP)
def test_02_a_complaint_after_its_points_removal_reads_as_one_by_a_designated_point(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str, reader: str
) -> None:
    base = _removed(small_dataset(2025, counties=("379902", "379921")), "P-379902-2", date(2025, 7, 1))
    at = beijing(2025, 9, 3)
    one = _with(base, make_complaint("Q-2025-0001", "P-379902-2", at, until=EventType.SIGNED))
    two = _with(base, make_complaint("Q-2025-0001", "P-379902-1", at, until=EventType.SIGNED))
    _assert_same_for_readers(capsys, tmp_path, one, two, "2025-09", (reader,), lang)


# 03 ------------------------------------------------------------------------------------------


_BUREAUS = ("county:379902", "county:379921", "department:379902-amr", "department:379921-amr", "public")


@pytest.mark.parametrize(("lang", "reader"), _sweep(_BUREAUS, ("county:379902", "county:379921")))
def test_03_two_complaints_at_one_instant_from_two_counties_swapped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str, reader: str
) -> None:
    base = small_dataset(2025, counties=("379902", "379921"))
    at = beijing(2025, 3, 3, 9)

    def world(by_a: str, by_b: str) -> Dataset:
        first = make_complaint("Q-2025-0001", by_a, at, department="379921-amr", handler="县区21市场监管局")
        second = make_complaint("Q-2025-0002", by_b, at, department="379902-amr", handler="县区02市场监管局")
        units = {"Q-2025-0001": "379921-amr", "Q-2025-0002": "379902-amr"}
        fixed = []
        for q in (first, second):
            events = tuple(attrs.evolve(e, unit=units[q.id]) if e.type is EventType.ASSIGNED else e for e in q.events)
            fixed.append(attrs.evolve(q, events=events))
        return _with(base, *fixed)

    _assert_same_for_readers(
        capsys,
        tmp_path,
        world("P-379902-2", "P-379921-2"),
        world("P-379921-2", "P-379902-2"),
        "2025-03",
        (reader,),
        lang,
    )


# 04 ------------------------------------------------------------------------------------------

MONTH_INSTANT = datetime.fromisoformat("2025-04-08T00:00:00+08:00")  # after March's deadline, 04-07
YEAR_INSTANT = datetime.fromisoformat("2026-01-06T00:00:00+08:00")  # after December's, 2026-01-05
_EARLY = timedelta(microseconds=1)


def _at_instant(ds: Dataset, reader: str, as_of: datetime) -> dict[str, str]:
    from softenv_core import assess, get_plugin_manager, monitoring_report, year_end
    from softenv_core.errors import SoftenvError
    from softenv_core.render.monitoring_report import render_markdown
    from softenv_core.render.year_end import render_yearend

    pm = get_plugin_manager(autoload=False)
    calls = {
        "report": lambda at: render_markdown(monitoring_report(ds, "2025-03", pm, audience=reader, as_of=at)),
        "assess": lambda at: assess(ds, 2025, pm, audience=reader, as_of=at).to_json(),
        "yearend": lambda at: render_yearend(year_end(ds, 2025, pm, audience=reader, as_of=at)),
    }
    out = {}
    for name, call in calls.items():
        at = MONTH_INSTANT if name == "report" else YEAR_INSTANT
        at = at if as_of is None else as_of if name == "report" else at + (as_of - MONTH_INSTANT)
        try:
            out[name] = _REF.sub("R-…", call(at))
        except SoftenvError as e:
            out[name] = f"refused: {type(e).__name__}: {e}"
    return out


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("offset", [timedelta(0), -_EARLY])
def test_04_the_earliest_instant_and_the_refusal_before_it_read_the_same_whoever_complained(
    reader: str, offset: timedelta
) -> None:
    base = small_dataset(2025, counties=("379902", "379921"))

    # One received at the month's instant itself (known then, in April), one in March still open.
    def world(by: str) -> Dataset:
        return _with(
            base,
            make_complaint("Q-2025-0001", by, beijing(2025, 3, 31, 23, 59, 59), until=EventType.SIGNED),
            make_complaint("Q-2025-0002", by, MONTH_INSTANT, until=EventType.RECEIVED),
        )

    one, other = (
        _at_instant(world("P-379902-2"), reader, MONTH_INSTANT + offset),
        _at_instant(world("P-379921-2"), reader, MONTH_INSTANT + offset),
    )
    assert one == other
    none = _at_instant(base, reader, MONTH_INSTANT + offset)
    if offset:  # refused, and in the same words whether or not any complaint exists
        assert all(v.startswith("refused: FieldInvalid") for v in one.values()), one
        assert one == none
    else:
        assert not any(v.startswith("refused") for v in one.values()), one


# 05 ------------------------------------------------------------------------------------------


def test_05_a_department_may_not_take_a_countys_code_as_its_id() -> None:
    from softenv_core.errors import InputError
    from softenv_core.io.validation import validate

    base = small_dataset(2025, counties=("379902", "379921"))
    ds = attrs.evolve(base, departments=(*base.departments, Department("379902", "东城区人民政府办公室", "379902")))
    with pytest.raises(InputError, match=r"\$\.departments\[3\] \(379902\)\.id: '379902' is also the id of"):
        validate(ds)


# 06 ------------------------------------------------------------------------------------------


#: 06's year end of the demo with the topic citing Q-2025-0004, by reader: the same dataset in each case.
_CITED: dict[str, str] = {}


# Another county and the same county in the fast suite; a third county among the `slow` tests.
@pytest.mark.parametrize(
    "moved_to", ["P379924-001", pytest.param("P379902-005", marks=pytest.mark.slow), "P379911-002"]
)
def test_06_a_topic_citing_a_complaint_reads_the_same_whoever_made_it(moved_to: str) -> None:
    from softenv_core import assess, get_plugin_manager, year_end
    from softenv_core.render.year_end import render_yearend

    from .demo_city import demo

    pm = get_plugin_manager(autoload=False)
    base = demo()
    topic = base.research_topics[0]  # 市市场监管局“执法”问题, opened by the city
    assert (topic.owner, topic.department) == ("city", "city-amr")
    cited = attrs.evolve(topic, evidence=(*topic.evidence, "Q-2025-0004"))
    ds = attrs.evolve(base, research_topics=(cited, *base.research_topics[1:]))
    (q,) = (c for c in ds.complaints if c.id == "Q-2025-0004")
    assert (q.point, q.department, q.consent_to_disclose) == ("P379911-001", "city-amr", False)
    other = attrs.evolve(ds, complaints=tuple(attrs.evolve(c, point=moved_to) if c is q else c for c in ds.complaints))

    # Each world's readers' year ends redact one city assessment (year_end(assessment=...)).
    city: dict[int, Any] = {}

    def shown(d: Dataset, reader: str) -> str:
        if d is ds and reader in _CITED:
            return _CITED[reader]
        if id(d) not in city:
            city[id(d)] = assess(d, 2025, pm, audience="city")
        y = year_end(d, 2025, pm, audience=reader, assessment=city[id(d)])
        text = _REF.sub("R-…", render_yearend(y) + y.to_json())
        if d is ds:
            _CITED[reader] = text
        return text

    readers = ("county:379911", moved_to and f"county:{moved_to[1:7]}", "department:city-amr", "public")
    for reader in readers:
        assert shown(ds, reader) == shown(other, reader), reader
    assert shown(ds, "city") != shown(other, "city")


# 07 ------------------------------------------------------------------------------------------

HOSTILE = "=cmd|' /C calc'!A0\x1b]0;owned\x07\u202e<script>x</script>\n# 标题\n| a | b |[链接](http://x)"
_BINARY = re.compile(r"== docProps/thumbnail\.jpeg\n.*?(?=\n== |\Z)", re.S)
_RAW = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")


def _hostile() -> Dataset:
    from softenv_core.model.reports import Item, ItemCategory

    base = small_dataset(2025, counties=("379902", "379921"))
    item = Item(ItemCategory.ENFORCEMENT, HOSTILE, "city-amr", "P-379902-2")
    reports = tuple(
        attrs.evolve(r, items=(item,), nothing_to_report=False) if r.id == "R-379902-2025-03" else r
        for r in base.reports
    )
    contacts = tuple(
        attrs.evolve(c, items=(attrs.evolve(item, point=None),)) if c.id == "C-P-379921-2-2025-03" else c
        for c in base.contacts
    )
    q = make_complaint("Q-2025-0001", "P-379902-2", beijing(2025, 3, 3), text=HOSTILE, until=EventType.SIGNED)
    q = attrs.evolve(q, events=tuple(attrs.evolve(e, note=HOSTILE) for e in q.events), consent_to_disclose=True)
    counties = tuple(attrs.evolve(c, name=f"{HOSTILE}东城区") if c.code == "379902" else c for c in base.counties)
    departments = tuple(
        attrs.evolve(d, name=f"{HOSTILE}市场监管局") if d.id == "city-amr" else d for d in base.departments
    )
    return attrs.evolve(
        base, counties=counties, departments=departments, reports=reports, contacts=contacts, complaints=(q,)
    )


# In English among the `slow` tests, as the swap sweeps (the same escaping, the other labels); in
# Chinese the city office (every hostile text), the county and the department of the hostile names
# and the public in the fast suite, the other readers among the `slow` tests.
_HOSTILE_FAST = ("city", "county:379902", "department:city-amr", "public")


@pytest.mark.parametrize("lang", ["zh", pytest.param("en", marks=pytest.mark.slow)])
@pytest.mark.parametrize(
    "reader",
    [
        r if r in _HOSTILE_FAST else pytest.param(r, marks=pytest.mark.slow)
        for r in ("city", *READERS, "department:379902-amr")
    ],
)
def test_07_hostile_record_text_acts_in_no_readers_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], reader: str, lang: str
) -> None:
    data = _write(tmp_path, "hostile", _hostile())
    shown = _given(capsys, data, reader, "2025-03", "--lang", lang)
    for name, text in shown.items():
        refused = name.startswith("explain") or (lang == "en" and name.endswith(".docx"))  # Chinese only
        assert text.startswith("0\n") or refused, (name, text[:400])
        text = _BINARY.sub("", text)  # a Word file's thumbnail picture is no text
        assert not _RAW.search(text), f"{reader} {name}: a raw control or bidi character"
        if name.endswith((".xlsx", ".docx")):
            assert "<f>" not in text and "<f " not in text, f"{reader} {name}: a formula cell"
        if name.endswith(".csv"):
            for line in text.splitlines()[3:]:
                for cell in line.split(","):
                    assert not cell.lstrip('"').startswith(("=", "+", "@")), f"{reader} {name}: {cell}"
        if name.endswith(".md"):
            assert "<script>" not in text, f"{reader} {name}: raw HTML"
            assert not any(line.startswith("# 标题") for line in text.splitlines()), f"{reader} {name}: a heading"


# 08 ------------------------------------------------------------------------------------------

_SERVICE_READERS = ("county:379902", "county:379921", "department:city-amr", "public")


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, dict[str, dict[str, str]]]]:
    with warnings.catch_warnings():  # Starlette's test client warns about httpx on import
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient

    from softenv_core.service.app import create_app
    from softenv_core.service.config import ServiceConfig
    from softenv_core.service.keys import add_key

    path = tmp_path_factory.mktemp("keys") / "keys.json"
    headers = {
        reader: {"Authorization": f"Bearer {add_key(path, f'k{i}', [reader])}", "Content-Type": "application/json"}
        for i, reader in enumerate(_SERVICE_READERS)
    }
    with TestClient(create_app(ServiceConfig(keys_file=str(path)))) as c:
        yield c, headers


def _served(service: tuple[Any, dict[str, dict[str, str]]], ds: Dataset, reader: str) -> dict[str, str]:
    """What a caller whose key is allowed ``reader`` alone is answered, headers and body, by
    every endpoint that reads the dataset."""
    client, headers = service
    body = dataset_json(ds).encode()
    asks = {
        "report.json": "/v1/reports/2025-03?format=json",
        "report.md": "/v1/reports/2025-03?format=markdown",
        "report.docx": "/v1/reports/2025-03?format=docx",
        "yearend.json": "/v1/yearend?year=2025&format=json",
        "yearend.md": "/v1/yearend?year=2025&format=markdown",
        "assess": "/v1/assess?year=2025",
        "explain.county": "/v1/explain?year=2025&county=379902",
        "explain.point": "/v1/explain?year=2025&point=P-379902-1",
        "explain.complainant": "/v1/explain?year=2025&point=P-379902-2",
    }
    out = {}
    for name, url in asks.items():
        answer = client.post(url, content=body, headers=headers[reader])
        shown = {k: v for k, v in answer.headers.items() if k.lower() not in ("date", "content-length")}
        content = answer.content
        if name.endswith(".docx") and answer.status_code == 200:
            with tempfile.TemporaryDirectory() as folder:
                tmp = Path(folder) / "r.docx"
                tmp.write_bytes(content)
                text = _office(tmp)
        else:
            text = content.decode("utf-8")
        out[name] = _REF.sub("R-…", f"{answer.status_code}\n{sorted(shown.items())}\n{text}")
    return out


# The two counties of the points swapped in the fast suite; the department and the public among the
# `slow` tests (each reader is 18 requests, 0.4 s of CPU).
@pytest.mark.parametrize(
    "reader", [r if r.startswith("county:") else pytest.param(r, marks=pytest.mark.slow) for r in _SERVICE_READERS]
)
def test_08_the_service_answers_each_key_the_same_whoever_complained(
    service: tuple[Any, dict[str, dict[str, str]]], reader: str
) -> None:
    base = small_dataset(2025, counties=("379902", "379921"))
    at = beijing(2025, 3, 3)
    one = _with(base, make_complaint("Q-2025-0001", "P-379902-2", at, until=EventType.SIGNED))
    other = _with(base, make_complaint("Q-2025-0001", "P-379921-2", at, until=EventType.SIGNED))
    a, b = _served(service, one, reader), _served(service, other, reader)
    assert a["report.json"].startswith("200"), a["report.json"][:300]
    for name in a:
        assert a[name] == b[name], f"{reader} {name}: depends on which point complained"


# 09 ------------------------------------------------------------------------------------------


def test_09_the_department_complained_about_but_not_handling_reads_as_if_none_was_made(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A complaint about 市市场监管局 handled (承办) by a county's bureau, 县区02市场监管局: the
    department complained about is given nothing of it, and the handling unit, a unit of the
    complainant's county in one world and of another county in the other, reads the same."""
    base = small_dataset(2025, counties=("379902", "379921"))

    def world(by: str) -> Dataset:
        q = make_complaint("Q-2025-0001", by, beijing(2025, 3, 3), until=EventType.SIGNED, department="city-amr")
        events = tuple(attrs.evolve(e, unit="379902-amr") if e.type is EventType.ASSIGNED else e for e in q.events)
        return _with(base, attrs.evolve(q, events=events))

    none, one, other = (
        _write(tmp_path, n, d)
        for n, d in (("none", base), ("one", world("P-379902-2")), ("other", world("P-379921-2")))
    )
    about = _given(capsys, none, "department:city-amr", "2025-03")
    assert about == _given(capsys, one, "department:city-amr", "2025-03")
    assert about == _given(capsys, other, "department:city-amr", "2025-03")
    handling = _given(capsys, one, "department:379902-amr", "2025-03")
    assert "县区02市场监管局 | 办理中" in handling["report.md"]
    assert handling == _given(capsys, other, "department:379902-amr", "2025-03")


# 10 ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "reader", "other"), PAIRED)
def test_10_a_complaint_in_a_month_its_point_is_designated_too_few_days_to_owe(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str, reader: str, other: str
) -> None:
    """P-379902-2 removed from 2025-07-03: designated two working days of July, too few to owe the
    month (``duty.min_workdays_in_month``), and complaining on the first of them. The city's reason
    names the record as feedback outside the owed months; no other reader learns of it. The
    complaint is recorded at midnight Beijing time written in UTC (the day before, by its offset)."""
    base = _removed(small_dataset(2025, counties=("379902", "379921")), "P-379902-2", date(2025, 7, 3))
    at = datetime.fromisoformat("2025-06-30T16:00:00+00:00")  # 2025-07-01 00:00 in Beijing
    one = _with(base, make_complaint("Q-2025-0001", "P-379902-2", at, until=EventType.SIGNED))
    two = _with(base, make_complaint("Q-2025-0001", other, at, until=EventType.SIGNED))
    _assert_same_for_readers(capsys, tmp_path, one, two, "2025-07", (reader,), lang)


# 11 ------------------------------------------------------------------------------------------


def _shapes() -> dict[str, tuple[ComplaintEvent, ...]]:
    """Complaints that leave the plain path: refused at intake, returned twice (then handled by
    市软建办 itself), reopened after an unsatisfied follow-up and supervised, extended, accepted
    late under supervision."""
    t0 = beijing(2025, 3, 3, 9)
    h, d = timedelta(hours=1), timedelta(days=1)

    def ev(kind: EventType, after: timedelta, **kw: Any) -> ComplaintEvent:
        return ComplaintEvent(kind, t0 + after, "市软建办", **kw)

    T, S, V = EventType, Satisfaction, Verdict
    start = (ev(T.RECEIVED, 0 * h), ev(T.ACCEPTED, h))
    signed = (*start, ev(T.ASSIGNED, 2 * h, unit="city-amr"), ev(T.SIGNED, 3 * h))
    return {
        "rejected": (ev(T.RECEIVED, 0 * h), ev(T.REJECTED, 2 * h, note="不属受理范围")),
        "returned twice": (
            *start,
            ev(T.ASSIGNED, 2 * h, unit="379921-amr"),
            ev(T.RETURNED, 3 * h),
            ev(T.ASSIGNED, 4 * h, unit="379922-amr"),
            ev(T.RETURNED, 5 * h),
            ev(T.ASSIGNED, 6 * h, unit="city-office"),
            ev(T.SIGNED, 7 * h),
        ),
        "reopened": (
            *signed,
            ev(T.RESOLVED, 3 * d, verdict=V.SUBSTANTIATED),
            ev(T.FOLLOWED_UP, 4 * d, satisfaction=S.UNSATISFIED),
            ev(T.REOPENED, 4 * d + h),
            ev(T.SUPERVISED, 30 * d),
        ),
        "extended": (*signed, ev(T.EXTENDED, 10 * d, extension_days=10), ev(T.RESOLVED, 30 * d, verdict=V.PARTLY)),
        "accepted late": (ev(T.RECEIVED, 0 * h), ev(T.SUPERVISED, 5 * d), ev(T.ACCEPTED, 6 * d)),
    }


def _lib_shown(ds: Dataset, reader: str) -> dict[str, str]:
    """The monthly reports of March to May, the year end and the assessment as ``reader`` reads them."""
    from softenv_core import Month, assess, get_plugin_manager, monitoring_reports, year_end
    from softenv_core.render.monitoring_report import render_markdown
    from softenv_core.render.year_end import render_yearend

    pm = get_plugin_manager(autoload=False)
    out = {}
    months = [Month.parse(m) for m in ("2025-03", "2025-04", "2025-05")]
    for m, r in zip(months, monitoring_reports(ds, months, pm, audience=reader), strict=True):
        out[f"{m} md"], out[f"{m} json"] = render_markdown(r), r.to_json()
    y = year_end(ds, 2025, pm, audience=reader)
    out["yearend"] = render_yearend(y) + y.to_json()
    out["assess"] = assess(ds, 2025, pm, audience=reader).to_json()
    return {k: _REF.sub("R-…", v) for k, v in out.items()}


_SHAPE_READERS = (
    "county:379902",
    "county:379921",
    "county:379922",
    "department:city-amr",
    "department:379921-amr",
    "department:379922-amr",
    "public",
    "point:P-379922-1",
)


#: The complainants swapped: across counties, within a county (a city-level and a county-level
#: point), and across counties away from the complainant's first county.
_PAIRS = (("P-379902-2", "P-379921-2"), ("P-379902-1", "P-379902-2"), ("P-379921-2", "P-379922-2"))


def _shape_sweep() -> list[Any]:
    """(department, shape, pair): in the fast suite a 市直 department with each shape, each shape
    with one pair in turn (so each pair runs too); a county's bureau and none, and the other
    pairs of each shape, as `slow` tests (each department is 160 analyses, some 2 s of CPU)."""
    shapes = list(_shapes())
    return [
        pytest.param(
            department,
            shape,
            pair,
            marks=() if department == "city-amr" and pair == _PAIRS[i % len(_PAIRS)] else pytest.mark.slow,
            id=f"{department}-{shape}-{pair[0]}-{pair[1]}",
        )
        for department in ("city-amr", "379921-amr", None)
        for i, shape in enumerate(shapes)
        for pair in _PAIRS
    ]


#: What :func:`_lib_shown` gave of test 11's worlds, by (department, shape, complainant, reader):
#: the pairs share complainants (P-379902-2 and P-379921-2 are in two pairs each).
_SHAPE_SHOWN: dict[tuple[str | None, str, str, str], dict[str, str]] = {}


@pytest.mark.parametrize(("department", "shape", "pair"), _shape_sweep())
def test_11_complaints_off_the_plain_path_read_the_same_whoever_made_them(
    department: str | None, shape: str, pair: tuple[str, str]
) -> None:
    base = small_dataset(2025, counties=("379902", "379921", "379922"))
    events = _shapes()[shape]

    def seen(by: str, reader: str) -> dict[str, str]:
        key = (department, shape, by, reader)
        if key not in _SHAPE_SHOWN:
            q = Complaint(
                "Q-2025-0001", ComplaintKind.COMPLAINT, by, department, ItemCategory.SERVICE, "反映", False, events
            )
            _SHAPE_SHOWN[key] = _lib_shown(_with(base, q), reader)
        return _SHAPE_SHOWN[key]

    one, other = pair
    for reader in _SHAPE_READERS:
        seen_a, seen_b = seen(one, reader), seen(other, reader)
        for name in seen_a:
            assert seen_a[name] == seen_b[name], f"{shape}, {reader} {name}: depends on who complained"


# 12 ------------------------------------------------------------------------------------------


def _found_false(by: str, department: str) -> Dataset:
    base = small_dataset(2025, counties=("379902", "379921", "379922"))
    q = make_complaint(
        "Q-2025-0001", by, beijing(2025, 3, 3), department=department, verdict=Verdict.MALICIOUS, handler="承办单位"
    )
    unit = department
    events = tuple(attrs.evolve(e, unit=unit) if e.type is EventType.ASSIGNED else e for e in q.events)
    return _with(base, attrs.evolve(q, events=events))


def test_12_a_county_cannot_tell_which_department_its_points_false_complaint_was_about() -> None:
    """The supervision item shows a county that one of its points had a complaint found false or
    malicious (docs/privacy.md: a finding about the point's duty), never what about: the same
    whether it was about the county's own bureau or a 市直 department."""
    own, city = _found_false("P-379921-2", "379921-amr"), _found_false("P-379921-2", "city-amr")
    assert _lib_shown(own, "county:379921") == _lib_shown(city, "county:379921")


def test_12_a_bureaus_county_cannot_tell_which_other_countys_point_made_a_false_complaint_about_it() -> None:
    one, other = _found_false("P-379902-2", "379921-amr"), _found_false("P-379922-2", "379921-amr")
    for reader in ("county:379921", "department:379921-amr", "public"):
        assert _lib_shown(one, reader) == _lib_shown(other, reader), reader
    # What is left (docs/privacy.md, attacker x50): the complainant's own county reads the finding.
    assert _lib_shown(one, "county:379902") != _lib_shown(other, "county:379902")


# 13 ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "reader", ["county:379902", "county:379921", "department:city-amr", "public", "point:P-379921-1"]
)
def test_13_under_the_provisional_calendar_a_complaint_due_next_year_marks_nothing(reader: str) -> None:
    """A complaint signed for on 2026-12-21, resolve due in 2027 (weekends only, 暂定): every
    reader outside the city office reads the November and December reports, the year end and the
    assessment, their provisional marks included, the same whoever made it, and but for the
    handling unit the same as without it."""
    from softenv_core import WorkCalendar, assess, get_plugin_manager, monitoring_reports, year_end
    from softenv_core.render.monitoring_report import render_markdown
    from softenv_core.render.year_end import render_yearend

    pm, cal = get_plugin_manager(autoload=False), WorkCalendar.provisional()
    base = small_dataset(2026, counties=("379902", "379921"))

    def world(by: str | None) -> Dataset:
        if by is None:
            return base
        return _with(base, make_complaint("Q-2026-0001", by, beijing(2026, 12, 21), until=EventType.SIGNED))

    def shown(ds: Dataset) -> dict[str, str]:
        months = ("2026-11", "2026-12")
        reports = monitoring_reports(ds, months, pm, audience=reader, calendar=cal)
        out = {m: render_markdown(r) + r.to_json() for m, r in zip(months, reports, strict=True)}
        y = year_end(ds, 2026, pm, audience=reader, calendar=cal)
        out["yearend"] = render_yearend(y) + y.to_json()
        out["assess"] = assess(ds, 2026, pm, audience=reader, calendar=cal).to_json()
        return {k: _REF.sub("R-…", v) for k, v in out.items()}

    one, other, none = shown(world("P-379902-2")), shown(world("P-379921-2")), shown(world(None))
    assert one == other
    assert '"provisional": true' in one["yearend"]
    if reader != "department:city-amr":  # the handling unit is shown its ticket
        assert one == none


# 14 ------------------------------------------------------------------------------------------


def _hostile_ids(tmp: Path) -> Path:
    import json

    base = _with(
        small_dataset(2025, counties=("379902", "379921")), make_complaint("Q-1", "P-379902-2", beijing(2025, 3, 3))
    )
    doc = json.loads(dataset_json(base))
    doc["complaints"][0].update(id="Q\x1b]0;pwn\x07-1", point="P\x1b[2J", department="city-amr\u202e")
    doc["counties"][0]["name"] = "东城\x1b[31m区"
    path = tmp / "ids.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_14_a_refused_datasets_problems_quote_hostile_ids_inert(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], service: tuple[Any, dict[str, dict[str, str]]], lang: str
) -> None:
    data = _hostile_ids(tmp_path)
    for args in (["validate", data], ["validate", data, "--format", "json"], ["report", data, "--month", "2025-03"]):
        code, out, err = run(capsys, *args, "--lang", lang)
        assert code == 1 and "pwn" in out + err, (args, out, err)
        assert not _RAW.search(out + err), args
    client, headers = service
    answer = client.post("/v1/validate", content=data.read_bytes(), headers=headers["public"])
    assert answer.status_code == 200 and answer.json()["valid"] is False
    assert not _RAW.search(answer.text)
