"""Integrator i51 04: a query of thousands of unknown parameters is answered with the first 20
listed and one problem counting the rest (3,000 names made 781 KB of problem+json)."""

import re
import warnings

import pytest

pytest.importorskip("starlette")

with warnings.catch_warnings():  # Starlette 1 prefers httpx2 for its test client; httpx works (test_service.py)
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from softenv_core.analyses.trends import FIRST_REPORT_MONTH
from softenv_core.service.app import create_app
from softenv_core.service.inputs import UNKNOWN_LISTED


def test_unknown_parameters_are_listed_up_to_a_cap_and_counted():
    query = "&".join(f"p{i}=1" for i in range(UNKNOWN_LISTED + 480))
    with TestClient(create_app()) as c:
        r = c.post(f"/v1/validate?{query}", content=b"{}", headers={"content-type": "application/json"})
    assert r.status_code == 422
    paths = [d["path"] for d in r.json()["details"]]
    assert paths[:UNKNOWN_LISTED] == [f"query.p{i}" for i in range(UNKNOWN_LISTED)]
    assert paths[UNKNOWN_LISTED:] == ["query"]
    last = r.json()["details"][-1]
    assert "480 more unknown parameters" in last["message"] and "480" in last["zh"]
    assert len(r.content) < 20_000


def test_a_few_unknown_parameters_are_each_listed():
    with TestClient(create_app()) as c:
        r = c.post("/v1/validate?yaer=1&fromat=2", content=b"{}", headers={"content-type": "application/json"})
    assert [d["path"] for d in r.json()["details"]] == ["query.yaer", "query.fromat"]


def test_a_county_code_with_spaces_around_it_is_read_as_a_name_with_them_is(tmp_path):
    """`county:379902 ` (a form field's trailing space) was refused as malformed, though
    `county:东城区 ` resolved: spaces around a code are dropped too (integrator i51 04)."""
    import re

    from softenv_core.cli.main import main

    main(["demo", "--out", str(tmp_path)])
    body = (tmp_path / "dataset.json").read_bytes()
    with TestClient(create_app()) as c:
        spec = c.get("/openapi.json").json()
        param = next(p for p in spec["paths"]["/v1/reports/{month}"]["post"]["parameters"] if p["name"] == "audience")
        answers = {}
        for audience in ("county:379902", "county:379902 ", "county: 379902", "county:\t379902 "):
            assert re.fullmatch(param["schema"]["pattern"], audience)
            r = c.post(
                "/v1/reports/2025-03",
                params={"audience": audience, "format": "json"},
                content=body,
                headers={"content-type": "application/json"},
            )
            assert r.status_code == 200, r.text
            answers[audience] = r.content
    assert len(set(answers.values())) == 1


@pytest.mark.parametrize("month", ["1900-02", "1900-12", "1901-01"])
def test_02_a_report_month_reaching_back_into_1899_is_refused_at_path_month(month: str) -> None:
    """1900-02 to 1901-01 were promised by the pattern and answered 422 at no path (i51 02)."""
    with TestClient(create_app()) as c:
        r = c.post(f"/v1/reports/{month}", content=b"{}", headers={"content-type": "application/json"})
    assert r.status_code == 422, r.text
    (detail,) = r.json()["details"]
    assert detail["path"] == "path.month"
    assert "1901-02" in detail["message"] and "1901-02" in detail["zh"]


def test_02_the_openapi_pattern_of_a_report_month_is_the_servers_bounds() -> None:
    with TestClient(create_app()) as c:
        spec = c.get("/openapi.json").json()
    (month,) = [p for p in spec["paths"]["/v1/reports/{month}"]["post"]["parameters"] if p["name"] == "month"]
    pattern = re.compile(month["schema"]["pattern"])
    first = FIRST_REPORT_MONTH  # the analyses' bound, which the pattern is written for
    assert not pattern.match(str(first - 1)) and pattern.match(str(first)) and pattern.match("2999-11")
    assert not pattern.match("2999-12")
    (deadline_month,) = [
        p for p in spec["paths"]["/v1/deadlines/{county}/{month}"]["get"]["parameters"] if p["name"] == "month"
    ]
    assert re.compile(deadline_month["schema"]["pattern"]).match("1900-02")


def test_02_the_cli_says_in_chinese_that_a_report_answers_from_1901_02(capsys: pytest.CaptureFixture[str]) -> None:
    from pathlib import Path

    from softenv_core.cli.main import main

    example = Path(__file__).resolve().parents[1] / "examples" / "small-dataset.json"
    assert main(["report", str(example), "--month", "1900-05"]) != 0
    err = capsys.readouterr().err
    assert "没有可比较的去年同月" in err and "1901-02" in err, err
