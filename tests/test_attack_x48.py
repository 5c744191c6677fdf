"""Attacker x48: what a reader outside the city office learns of who complained (直接反馈) from the
surfaces the earlier attackers did not set side by side, and record text that might act there
(DESIGN principles 7 and 8; docs/privacy.md).

Every attack below held: the tests pin the safe behaviour so that a later change that breaks it is
seen. The report of the attack (branch x48) lists them.

01. The monthly report and the year end as of a later instant (``monitoring_reports(…, as_of=…)``,
    ``year_end(…, as_of=…)``, new this session for the month): moving a complaint made without
    consent to another point, of the same county, of another county, or one about a county's own
    department, leaves every reader's view byte-identical but the city office's, in Markdown and
    JSON (the R- reference compared as a reference).
02. Two complaints about one department received at the same instant, one still open and one
    closed: swapping their complainants leaves the department's, the public's and the counties'
    monthly reports and year end the same, so no row order or tie follows the complainant.
03. The HTTP service, as a county's key calls it: ``/v1/explain?point=`` of another county's point
    and of an id of no point are the same 404 but for the id; another county named by its name is
    the same 403 as by its code; spellings of ``city`` the parser does not take (case, spaces, a
    line break) are refused 422, never served.
04. A county's name holding line breaks, a Markdown heading and a table row, a department's name
    holding HTML and a link, and the city office's name a script tag, in the public monthly report
    and year end: no heading, row, tag or link is added.
05. A complaint extended (延期) by 500 working days, past the installed calendar's last year: were
    it applied, every reader's report would fail with the calendar's error only when such a
    complaint exists. It is refused as past the limit, and a county and the public read what they
    read of it unextended.

The unchanged demo's year end is worked out once per reader (``_demos_year``) and shared by 01's
cases and 04, and each world's readers' year ends redact one city assessment of it (``_CITY``);
every case runs in the fast suite.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from datetime import datetime
from functools import cache
from typing import Any

import attrs
import pytest

from softenv_core import Month, assess, get_plugin_manager, monitoring_reports, year_end
from softenv_core.io.dataset_files import dataset_json
from softenv_core.model.dataset import Dataset
from softenv_core.render.monitoring_report import render_markdown
from softenv_core.render.year_end import render_yearend

from .demo_city import demo

_REF = re.compile(r"R-[0-9a-f]{8,}")
LATER = datetime.fromisoformat("2026-03-01T00:00:00+08:00")
READERS = ("county:379902", "county:379982", "public", "department:city-hr", "department:379982-amr")


@pytest.fixture(scope="module")
def pm() -> Any:
    return get_plugin_manager(autoload=False)


def _moved(ds: Dataset, qid: str, point: str) -> Dataset:
    return attrs.evolve(ds, complaints=tuple(attrs.evolve(c, point=point) if c.id == qid else c for c in ds.complaints))


def _shown(ds: Dataset, pm: Any, reader: str, months: tuple[str, ...]) -> dict[str, str]:
    """What ``reader`` is given of the months and the year, as of ``LATER``."""
    out: dict[str, str] = {}
    reports = monitoring_reports(ds, [Month.parse(m) for m in months], pm, audience=reader, as_of=LATER)
    for m, r in zip(months, reports, strict=True):
        out[f"report {m} md"] = render_markdown(r)
        out[f"report {m} json"] = r.to_json()
    out.update(_demos_year(reader) if ds is demo() else _year(ds, pm, reader))
    return {k: _REF.sub("R-…", v) for k, v in out.items()}


#: The city office's assessment as of ``LATER`` of the dataset last asked (dataset, assessment):
#: each world's readers are asked in turn, and the year end of each is that assessment redacted
#: (``year_end(assessment=…)`` reuses it rather than working it out again for every reader).
_CITY: list[tuple[Dataset, Any]] = []


def _year(ds: Dataset, pm: Any, reader: str) -> dict[str, str]:
    if not _CITY or _CITY[0][0] is not ds:
        _CITY[:] = [(ds, assess(ds, 2025, pm, audience="city", as_of=LATER))]
    y = year_end(ds, 2025, pm, audience=reader, assessment=_CITY[0][1], as_of=LATER)
    return {"yearend md": render_yearend(y), "yearend json": y.to_json()}


@cache
def _demos_year(reader: str) -> dict[str, str]:
    """The demo's year end for ``reader`` as of ``LATER``, once per process: 01's cases each set
    the unchanged demo beside a world of their own (records are frozen; the city baseline's
    manager is the module's ``pm``)."""
    return _year(demo(), get_plugin_manager(autoload=False), reader)


@pytest.mark.parametrize(
    ("qid", "made_by", "moved_to", "months"),
    [
        ("Q-2025-0002", "P379902-014", "P379902-015", ("2025-06", "2025-07")),  # the same county
        ("Q-2025-0046", "P379982-001", "P379902-001", ("2025-08", "2025-09")),  # a county's own bureau
        ("Q-2025-0010", "P379923-020", "P379921-001", ("2025-12",)),  # open at the year's end
    ],
)
def test_01_views_as_of_a_later_instant_read_the_same_whoever_complained(
    pm: Any, qid: str, made_by: str, moved_to: str, months: tuple[str, ...]
) -> None:
    ds = demo()
    (q,) = (c for c in ds.complaints if c.id == qid)
    assert (q.point, q.consent_to_disclose) == (made_by, False)
    other = _moved(ds, qid, moved_to)
    for reader in READERS:
        a, b = _shown(ds, pm, reader, months), _shown(other, pm, reader, months)
        for name in a:
            assert a[name] == b[name], f"{reader} {name}: depends on which point made {qid}"
    # The city office's view does tell them apart (the comparison is not vacuous).
    assert _shown(ds, pm, "city", months) != _shown(other, pm, "city", months)


def test_02_two_complaints_at_one_instant_keep_no_order_of_their_complainants(pm: Any) -> None:
    ds = demo()
    byid = {c.id: c for c in ds.complaints}
    first, second = byid["Q-2025-0019"], byid["Q-2025-0008"]
    assert not first.consent_to_disclose and not second.consent_to_disclose
    still_open = tuple(e for e in first.events if e.type.value in ("received", "accepted", "assigned", "signed"))

    def world(p1: str, p2: str) -> Dataset:
        cs = []
        for c in ds.complaints:
            if c.id == first.id:
                c = attrs.evolve(c, point=p1)
            elif c.id == second.id:  # the same department, category, text and receipt: open, not closed
                same = {"department": first.department, "category": first.category, "text": first.text}
                c = attrs.evolve(c, point=p2, events=still_open, **same)
            cs.append(c)
        return attrs.evolve(ds, complaints=tuple(cs))

    one, other = world(first.point, second.point), world(second.point, first.point)
    months = ("2025-03", "2025-04")
    for reader in ("department:city-hr", "public", "county:379911", "county:379922", "county:379902"):
        a, b = _shown(one, pm, reader, months), _shown(other, pm, reader, months)
        for name in a:
            assert a[name] == b[name], f"{reader} {name}: the rows follow the complainants"


@pytest.fixture(scope="module")
def county_key(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, dict[str, str], bytes]]:
    with warnings.catch_warnings():  # Starlette's test client warns about httpx on import
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient

    from softenv_core.service.app import create_app
    from softenv_core.service.config import ServiceConfig
    from softenv_core.service.keys import add_key

    path = tmp_path_factory.mktemp("keys") / "keys.json"
    headers = {"Authorization": f"Bearer {add_key(path, 'dongcheng', ['county:379902'])}"}
    headers["Content-Type"] = "application/json"
    with TestClient(create_app(ServiceConfig(keys_file=str(path)))) as c:
        yield c, headers, demo_json_bytes()


def demo_json_bytes() -> bytes:
    return dataset_json(demo()).encode()


def test_03_a_county_key_reads_another_countys_point_as_no_point(county_key: Any) -> None:
    c, headers, body = county_key
    there = c.post("/v1/explain?year=2025&point=P379903-001", content=body, headers=headers)
    nowhere = c.post("/v1/explain?year=2025&point=P379903-999", content=body, headers=headers)
    assert there.status_code == nowhere.status_code == 404
    assert there.text.replace("P379903-001", "ID") == nowhere.text.replace("P379903-999", "ID")
    assert there.headers["cache-control"] == "no-store"
    # Its own point is a county-level one: P379902-001, a 市直 point located in it, is the city's and
    # reads as another county's (attacker x54 01; it was this test's own point before).
    own = c.post("/v1/explain?year=2025&point=P379902-003", content=body, headers=headers)
    assert own.status_code == 200 and own.json()["id"] == "P379902-003"
    city = c.post("/v1/explain?year=2025&point=P379902-001", content=body, headers=headers)
    assert city.status_code == 404
    assert city.text.replace("P379902-001", "ID") == nowhere.text.replace("P379903-999", "ID")


def test_03_another_county_by_name_is_the_same_403_as_by_code(county_key: Any) -> None:
    c, headers, body = county_key
    by_code = c.post("/v1/reports/2025-03?format=json&audience=county:379903", content=body, headers=headers)
    by_name = c.post("/v1/reports/2025-03?format=json&audience=county:西城区", content=body, headers=headers)
    assert by_code.status_code == by_name.status_code == 403
    assert by_code.json()["problems"] == by_name.json()["problems"]
    own = c.post("/v1/reports/2025-03?format=json&audience=county:东城区", content=body, headers=headers)
    assert own.status_code == 200 and own.json()["audience"] == "county:379902"


SPELLINGS = ["City", "CITY", "city ", " city", "city\n", "county:379902\n", "county:379902,city"]


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_03_no_spelling_of_an_audience_reaches_another_view(county_key: Any, spelling: str) -> None:
    c, headers, body = county_key
    query = {"format": "json", "audience": spelling}
    answer = c.post("/v1/reports/2025-03", params=query, content=body, headers=headers)
    assert answer.status_code in (403, 422), spelling
    assert answer.headers["content-type"].startswith("application/problem+json")


def test_04_names_with_markup_add_nothing_to_the_public_documents(pm: Any) -> None:
    ds = demo()
    counties = list(ds.counties)
    counties[1] = attrs.evolve(counties[1], name="西城区\n# 伪造标题\n| a | b |")
    departments = list(ds.departments)
    departments[0] = attrs.evolve(departments[0], name="<img src=x onerror=alert(1)>[点我](javascript:alert(1))")
    hostile = attrs.evolve(
        ds,
        counties=tuple(counties),
        departments=tuple(departments),
        city=attrs.evolve(ds.city, office="市经贸委<script>x</script>"),
    )
    shown = _shown(hostile, pm, "public", ("2025-03",))
    plain = _shown(ds, pm, "public", ("2025-03",))
    for name in ("report 2025-03 md", "yearend md"):
        text = shown[name]
        assert "伪造标题" in text
        # Every < and every ] before ( is escaped: shown as written, no tag, no link.
        assert not re.search(r"(?<!\\)<(img|script)", text) and not re.search(r"(?<!\\)\]\(javascript", text)
        assert not any(line.startswith("# 伪造") or line.startswith("| a |") for line in text.splitlines())
        # The names add no line and no table row: the documents keep their shape.
        assert len(text.splitlines()) == len(plain[name].splitlines()), name
        heads = [line for line in text.splitlines() if line.startswith("#")]
        assert heads == [line for line in plain[name].splitlines() if line.startswith("#")], name


def test_05_an_extension_past_the_calendars_years_tells_no_reader_it_exists() -> None:
    """A complaint extended by 500 working days (延期) would be due past the last year of the
    installed calendar: were it applied, every reader's report would fail with the calendar's
    error only when such a complaint exists. It is refused as past the limit (the city office and
    the department handling it read why), and a county and the public read what they read of the
    complaint unextended."""
    from softenv_core import monitoring_report
    from softenv_core.model.complaints import ComplaintEvent, EventType
    from softenv_core.testing.builders import beijing, make_complaint, small_dataset

    base = small_dataset(2025, counties=("379902", "379921"))
    plain = make_complaint("Q-2025-0001", "P-379902-1", beijing(2025, 3, 20), until=EventType.SIGNED)
    extension = ComplaintEvent(type=EventType.EXTENDED, at=beijing(2025, 3, 25), actor="city-amr", extension_days=500)
    extended = attrs.evolve(plain, events=(*plain.events, extension))
    march = Month.parse("2025-03")
    for reader in ("county:379921", "county:379902", "public"):
        a, b = (
            render_markdown(monitoring_report(attrs.evolve(base, complaints=(q,)), march, audience=reader))
            for q in (plain, extended)
        )
        assert _REF.sub("R-…", a) == _REF.sub("R-…", b), reader
    handler = "department:city-amr"
    said = render_markdown(monitoring_report(attrs.evolve(base, complaints=(extended,)), march, audience=handler))
    assert "延期500个工作日，超过上限" in said
