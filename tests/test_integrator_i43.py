"""Integrator i43 (a platform importing softenv_core, and a county clerk): what the library
says names what it speaks of, once and in the reader's words.

A year end on records that end in March scored April–December 未报 without a word that the
records end there; ``str(FieldInvalid)`` of ``Month(2025, 13)`` named the month twice; the year
end's Chinese for an early instant said ``as_of`` where the CLI's messages say ``--as-of``;
``explain`` of a point whose only owed month is still running said ``但无应履职月份`` first.
"""

from __future__ import annotations

import json
import pickle
from datetime import date, datetime
from pathlib import Path
from typing import Any

import attrs
import pytest

import softenv_core as se
from softenv_core.render.explain_notes import point_not_assessed
from softenv_core.testing import beijing, small_dataset
from tests.office_cli import run

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "small-dataset.json"
NOTICE_EN = (
    "records end in 2025-03: no county report or contact is recorded after it at as_of, and the months "
    "after it (2025-04—2025-12) are scored as missing (未报); if the dataset is not complete, complete it "
    "and run again"
)
NOTICE_ZH = (
    "记录止于 2025-03：截至数据截至时刻，此后没有任何县区月报或联系记录，其后的 2025-04—2025-12 均按未报计分；"
    "如数据不完整，请补齐后重新运行"
)


def _until_march() -> dict[str, Any]:
    """The example's records cut after March: its county reports and contacts of April on gone."""
    doc: dict[str, Any] = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    doc["reports"] = [r for r in doc["reports"] if r["month"] <= "2025-03"]
    doc["contacts"] = [c for c in doc["contacts"] if c["date"][:7] <= "2025-03"]
    return doc


@pytest.fixture(scope="module")
def partial() -> se.Dataset:
    return se.loads_dataset(json.dumps(_until_march()))


@pytest.fixture(scope="module")
def partial_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("i43") / "partial.json"
    path.write_text(json.dumps(_until_march(), ensure_ascii=False), encoding="utf-8")
    return path


# Finding 1: a year end on records that end in March says so, the scores unchanged.
def test_a_year_end_on_records_ending_in_march_names_the_last_month(partial: se.Dataset) -> None:
    yearly = se.year_end(partial, 2025, audience=se.CITY_OFFICE)
    assert NOTICE_EN in yearly.notices
    assert json.loads(yearly.to_json())["notices"].count(NOTICE_EN) == 1
    # The scores follow the policy at the instant: April–December stay 未报.
    assessment = se.assess(partial, 2025, audience=se.CITY_OFFICE)
    states = {m.month: m.status for m in assessment.counties[0].months}
    assert states[se.Month(2025, 4)] is se.MonthState.MISSING
    assert states[se.Month(2025, 12)] is se.MonthState.MISSING
    # The assessment says it too (i43's note: `softenv assess` on the same data said nothing), once.
    assert assessment.notices.count(NOTICE_EN) == 1
    complete = se.assess(se.build_demo(2025), 2025, audience=se.CITY_OFFICE)
    assert not any("records end" in n for n in complete.notices)  # the records reach December


def test_the_notice_is_in_the_chinese_document_and_the_english(partial: se.Dataset) -> None:
    yearly = se.year_end(partial, 2025, audience=se.CITY_OFFICE)
    assert f"- {NOTICE_ZH}" in se.render_yearend(yearly, "zh").splitlines()
    # Markdown escapes the underscore of as_of (render.escape.md_inline)
    assert f"- {NOTICE_EN}".replace("as_of", r"as\_of") in se.render_yearend(yearly, "en").splitlines()


def test_a_county_reads_the_notice_too(partial: se.Dataset) -> None:
    yearly = se.year_end(partial, 2025, audience="county:379902")
    assert NOTICE_EN in yearly.notices


def test_complete_records_say_nothing_of_where_they_end() -> None:
    yearly = se.year_end(se.load_dataset(EXAMPLE), 2025, audience=se.CITY_OFFICE)
    assert not any(n.startswith(("records end", "no records")) for n in yearly.notices)


def test_a_year_end_with_no_record_at_all_says_so() -> None:
    doc = _until_march()
    doc["reports"], doc["contacts"] = [], []
    yearly = se.year_end(se.loads_dataset(json.dumps(doc)), 2025, audience=se.CITY_OFFICE)
    (said,) = [n for n in yearly.notices if n.startswith("no records")]
    assert "every owed month (2025-01—2025-12) is scored as missing (未报)" in said
    assert (
        "- 截至数据截至时刻没有任何县区月报或联系记录，应报的 2025-01—2025-12 均按未报计分；"
        "如数据不完整，请补齐后重新运行" in se.render_yearend(yearly, "zh").splitlines()
    )


def test_the_cli_says_it_on_stderr_and_in_the_workbook(
    partial_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "yearend", partial_file, "--year", "2025")
    assert code == 0 and f"  ! {NOTICE_ZH}" in err.splitlines() and NOTICE_ZH in out
    code, out, err = run(capsys, "yearend", partial_file, "--year", "2025", "--format", "json")
    assert code == 0 and NOTICE_EN in json.loads(out)["notices"] and f"  ! {NOTICE_ZH}" in err.splitlines()
    code, _, err = run(capsys, "yearend", partial_file, "--year", "2025", "--lang", "en")
    assert code == 0 and f"  ! {NOTICE_EN}" in err.splitlines()
    pytest.importorskip("openpyxl")
    import openpyxl

    book = tmp_path / "ye.xlsx"
    code, _, err = run(capsys, "yearend", partial_file, "--year", "2025", "--format", "xlsx", "--out", book)
    assert code == 0 and f"  ! {NOTICE_ZH}" in err.splitlines()
    cells = {c for ws in openpyxl.load_workbook(book) for row in ws.iter_rows(values_only=True) for c in row}
    assert NOTICE_ZH in cells


def test_softenv_assess_says_it_too(partial_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`softenv assess` on the same data scored April–December 未报 without a word (i43's note)."""
    code, out, _ = run(capsys, "assess", partial_file, "--year", "2025")
    assert code == 0 and f"  ! {NOTICE_ZH}" in out.splitlines()
    code, _, err = run(capsys, "assess", partial_file, "--year", "2025", "--format", "csv")
    assert code == 0 and err.splitlines().count(f"  ! {NOTICE_ZH}") == 1


# Finding 3: a month or year out of range is named once, in English and in Chinese.
@pytest.mark.parametrize(
    ("build", "text", "zh"),
    [
        (lambda: se.Month(2025, 13), "month 13 out of range 1-12", "月份 13 不存在（应为 01-12）"),
        (lambda: se.Month(2025, 0), "month 0 out of range 1-12", "月份 0 不存在（应为 01-12）"),
        (lambda: se.Month(1800, 1), "year 1800 out of range 1900-2999", "年份 1800 超出 1900-2999"),
    ],
)
def test_a_period_out_of_range_names_its_field_once(build: Any, text: str, zh: str) -> None:
    with pytest.raises(se.FieldInvalid) as caught:
        build()
    assert (str(caught.value), caught.value.zh) == (text, zh)
    assert caught.value.message == text  # as the loader writes it after the $.path
    again = pickle.loads(pickle.dumps(caught.value))
    assert (str(again), again.zh, again.name) == (text, zh, caught.value.name)


# Finding 4: the year end's Chinese for an early instant names the CLI's flag.
def test_a_year_end_before_its_parameters_says_the_flag_in_chinese_and_the_parameter_in_english(
    capsys: pytest.CaptureFixture[str],
) -> None:
    early = datetime(2021, 6, 1, tzinfo=se.BEIJING)
    with pytest.raises(se.FieldInvalid) as caught:
        se.year_end(se.load_dataset(EXAMPLE), 2025, audience=se.CITY_OFFICE, as_of=early)
    assert str(caught.value).startswith("as_of: 2021-06-01T00:00:00+08:00 is before")
    assert caught.value.zh is not None and caught.value.zh.startswith("--as-of 2021-06-01T00:00:00+08:00 早于")
    assert " as_of " not in caught.value.zh
    code, _, err = run(capsys, "yearend", EXAMPLE, "--year", "2025", "--as-of", "2021-06-01T00:00:00+08:00")
    assert code != 0 and "--as-of 2021-06-01T00:00:00+08:00 早于年终工作所用参数的施行日" in err
    assert " as_of " not in err and "Traceback" not in err


# Finding 6: explain of a point whose only owed month is still running says that only.
def test_a_point_whose_months_are_still_running_is_told_that_reason_only() -> None:
    ds = small_dataset(2025)
    point = next(p for p in ds.points if p.level is se.PointLevel.COUNTY)
    moved = attrs.evolve(point, designated_from=date(2025, 3, 3))
    ds = attrs.evolve(
        ds,
        points=tuple(moved if p.id == point.id else p for p in ds.points),
        contacts=tuple(c for c in ds.contacts if c.point != point.id or c.date >= date(2025, 3, 3)),
    )
    running = se.assess(ds, 2025, audience=se.CITY_OFFICE, as_of=beijing(2025, 3, 10, 0))
    assert point.id not in {p.id for p in running.points}
    zh = point_not_assessed(ds, running, point.id, se.WorkCalendar(), "zh")
    assert f"监测点 {point.id!r} 2025年在册（2025-03-03 至今），其在册的月份到数据截至时尚未结束，故无履职得分" in zh
    assert "但无应履职月份" not in zh and "min_workdays_in_month" not in zh
    en = point_not_assessed(ds, running, point.id, se.WorkCalendar(), "en")
    assert "the months it is designated in are not over at the instant, so it has no duty score" in en
    assert "owes no month" not in en and "min_workdays_in_month" not in en


# Finding 5: the OpenAPI document lists every status each path answers, /openapi.json's too.
_URLS = {  # a request to each route that reaches it (its query as the operation wants it)
    "/v1/validate": "/v1/validate",
    "/v1/assess": "/v1/assess?year=2025",
    "/v1/reports/{month}": "/v1/reports/2025-03",
    "/v1/yearend": "/v1/yearend?year=2025",
    "/v1/explain": "/v1/explain?year=2025&county=379902",
    "/v1/deadlines/{county}/{month}": "/v1/deadlines/379902/2025-03",
    "/v1/plugins": "/v1/plugins?year=2025",
    "/healthz": "/healthz",
    "/openapi.json": "/openapi.json",
}


def _probes(client: Any, key: str, url: str, method: str) -> list[int]:
    """The statuses the route answers to a caller without a key, an Accept it cannot meet, a body
    past the limit, a query parameter it does not take, a body not JSON and an empty one."""
    sent = {"Authorization": f"Bearer {key}"}
    joined = "&" if "?" in url else "?"
    answers = [
        client.request(method, url),
        client.request(method, url, headers={**sent, "Accept": "image/png"}),
        client.request(method, url, headers=sent, content=b" " * 5000),
        client.request(method, f"{url}{joined}zz=1", headers=sent),
        client.request(method, url, headers={**sent, "Content-Type": "text/plain"}, content=b"{}"),
        client.request(method, url, headers={**sent, "Content-Type": "application/json"}, content=b"{}"),
    ]
    return [a.status_code for a in answers]


def test_the_openapi_document_lists_every_status_each_path_answers(tmp_path: Path) -> None:
    import warnings

    with warnings.catch_warnings():  # Starlette 1 prefers httpx2 for its test client; httpx works
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient

    from softenv_core.service.app import ROUTES, create_app
    from softenv_core.service.config import ServiceConfig
    from softenv_core.service.keys import add_key

    keys = tmp_path / "keys.json"
    key = add_key(keys, "platform", ["city"])
    assert set(_URLS) == {path for path, _, _ in ROUTES}
    config = ServiceConfig(keys_file=str(keys), max_body_bytes=1000)
    with TestClient(create_app(config)) as c, TestClient(create_app(attrs.evolve(config, max_in_flight=0))) as busy:
        paths = c.get("/openapi.json", headers={"Authorization": f"Bearer {key}"}).json()["paths"]
        assert set(paths) == set(_URLS)  # every route is described, /openapi.json too
        sent = {"Authorization": f"Bearer {key}"}
        assert busy.request("GET", "/openapi.json", headers=sent).status_code == 503
        for path, _, methods in ROUTES:
            for method in methods:
                listed = set(paths[path][method.lower()]["responses"])
                seen = set(_probes(c, key, _URLS[path], method))
                seen.add(busy.request(method, _URLS[path], headers=sent).status_code)
                assert {str(s) for s in seen} <= listed, (path, seen - {int(s) for s in listed})
        assert "413" in paths["/openapi.json"]["get"]["responses"]
        big = c.request("GET", "/openapi.json", headers=sent, content=b" " * 5000)
        assert big.status_code == 413


# Finding 2: from_json refuses values the library never writes, at their $.path.
@pytest.fixture(scope="module")
def results() -> dict[str, Any]:
    ds = se.load_dataset(EXAMPLE)
    return {
        "assessment": se.assess(ds, 2025, audience=se.CITY_OFFICE),
        "report": se.monitoring_report(ds, "2025-03", audience=se.CITY_OFFICE),
        "yearend": se.year_end(ds, 2025, audience=se.CITY_OFFICE),
    }


@pytest.mark.parametrize("name", ["assessment", "report", "yearend"])
def test_a_result_naming_no_reader_is_refused_at_its_audience(results: dict[str, Any], name: str) -> None:
    result = results[name]
    doc = json.loads(result.to_json())
    doc["audience"] = "mayor"
    with pytest.raises(se.InputError) as caught:
        type(result).from_json(json.dumps(doc))
    (detail,) = caught.value.details
    assert (detail.path, detail.message) == (
        "$.audience",
        "expected city, public, county:CODE, department:ID or point:ID, got 'mayor'",
    )
    assert detail.zh is not None and detail.zh.startswith("阅读范围应为 city、public") and "'mayor'" in detail.zh
    assert type(result).from_json(result.to_json()) == result  # what it writes it reads


@pytest.mark.parametrize(
    ("name", "where", "path"),
    [
        ("assessment", ("counties", 0, "months", 0, "late_workdays"), "$.counties[0].months[0].late_workdays"),
        # A category's key: another is refused as no ItemCategory (integrator i55 03).
        ("report", ("items_by_category",), "$.items_by_category['operations']"),
        ("report", ("contacts", 0, "reached"), "$.contacts[0].reached"),
        ("yearend", ("commendation", "counties", 0, "quota"), "$.commendation.counties[0].quota"),
    ],
)
def test_a_negative_count_is_refused_at_its_path(
    results: dict[str, Any], name: str, where: tuple[Any, ...], path: str
) -> None:
    result = results[name]
    doc = json.loads(result.to_json())
    node = doc
    for step in where[:-1]:
        node = node[step]
    node[where[-1]] = {"operations": -3} if where == ("items_by_category",) else -3
    with pytest.raises(se.InputError) as caught:
        type(result).from_json(json.dumps(doc))
    assert [(d.path, d.message, d.zh) for d in caught.value.details] == [
        (path, "must be a non-negative integer, got -3", "应为非负整数，而不是 -3")
    ]


def test_a_part_s_negative_count_is_refused_and_a_dataset_s_numbers_are_the_loader_s(
    results: dict[str, Any],
) -> None:
    commendation = results["yearend"].commendation
    doc = json.loads(se.to_json(commendation))
    doc["result"]["counties"][0]["quota"] = -3
    with pytest.raises(se.InputError) as caught:
        se.from_json(json.dumps(doc), se.CommendationResult)
    assert caught.value.problems == ("$.result.counties[0].quota: must be a non-negative integer, got -3",)
    assert se.from_json(se.to_json(commendation), se.CommendationResult) == commendation
    assert se.load_dataset(EXAMPLE) == se.load_dataset(EXAMPLE)  # the loader's converter is its own


@pytest.mark.parametrize("name", ["assessment", "report", "yearend"])
def test_the_schemas_say_it_too(name: str) -> None:
    schema = json.loads((EXAMPLE.parent.parent / "docs" / "schemas" / f"{name}.schema.json").read_text("utf-8"))
    assert schema["properties"]["audience"]["pattern"].startswith("^(city|public|county:[0-9]{6}|")
    integers = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            kind = node.get("type")
            if kind == "integer" or (isinstance(kind, list) and "integer" in kind):
                integers.append(node)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema)
    assert integers and all(i.get("minimum", -1) >= 0 for i in integers)
