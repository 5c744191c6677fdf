"""Integrator i38: a platform calling ``softenv serve`` with odd paths, and using the library's
public surface as documented."""

from __future__ import annotations

import re
import warnings
from typing import Any

import pytest

with warnings.catch_warnings():  # Starlette 1 prefers httpx2 for its test client; httpx works
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from softenv_core.service.app import create_app
from softenv_core.service.config import ServiceConfig
from softenv_core.service.keys import add_key

URI_REFERENCE = re.compile(r"[A-Za-z0-9/\-._~!$&'()*+,;=:@%]*")

# --- finding 3 of i37: a problem's instance is the path as the client wrote it -------------------


@pytest.mark.parametrize(
    ("url", "instance"),
    [
        ("/v1/a%2Fb", "/v1/a%2Fb"),  # decoded, /v1/a/b: another path
        ("/v1/a%2fb/c", "/v1/a%2fb/c"),  # the escape as written, lower case too
        ("/v1/a%252Fb", "/v1/a%252Fb"),  # an encoded %: decoded /v1/a%2Fb, encoded again /v1/a%252Fb
        ("/v1/100%", "/v1/100%25"),  # a % that starts no escape: encoded, so that it is a URI reference
        ("/v1/a%20b", "/v1/a%20b"),
    ],
)
def test_a_problems_instance_is_the_path_as_requested(client: Any, url: str, instance: str) -> None:
    for answer in (client.get(url), client.post(url)):
        problem = answer.json()
        assert answer.status_code == 404, answer.text
        assert problem["instance"] == instance
        assert problem["detail"] == f"no route {instance}"
        assert URI_REFERENCE.fullmatch(problem["instance"])


def test_an_encoded_slash_is_no_route_even_where_the_decoded_path_is_one(client: Any) -> None:
    """/v1/deadlines/379902%2F2025-03 names one segment, ``379902/2025-03``, after deadlines/: it
    used to be routed by its decoded path and answered with the deadline of 379902 for 2025-03."""
    assert client.get("/v1/deadlines/379902/2025-03").status_code == 200
    answer = client.get("/v1/deadlines/379902%2F2025-03")
    assert answer.status_code == 404, answer.text
    assert answer.json()["instance"] == "/v1/deadlines/379902%2F2025-03"
    answer = client.post("/v1/reports%2F2025-03", content=b"{}", headers={"Content-Type": "application/json"})
    assert answer.status_code == 404 and answer.json()["instance"] == "/v1/reports%2F2025-03"


def test_an_encoded_slash_without_a_key_is_still_401(tmp_path: Any) -> None:
    """The key is checked first, whatever the path (docs/integration.md, the order of the checks)."""
    keys = tmp_path / "keys.json"
    add_key(keys, "office", ["city"])
    with TestClient(create_app(ServiceConfig(keys_file=str(keys)))) as c:
        assert c.get("/v1/deadlines/379902%2F2025-03").status_code == 401


# --- a code given as a number: a wrong argument, not "no such county" -----------------------------


def test_a_county_code_given_as_a_number_is_a_wrong_argument_not_a_missing_county() -> None:
    """A platform that reads county codes as numbers (a JSON or Java long: 379902) passed one to
    ``report_deadline`` and ``Assessment.county`` and was told ``no county 379902 in the dataset``,
    which has it; the answer now says the code is text, as every wrong argument is FieldInvalid."""
    from pathlib import Path

    import softenv_core as se

    dataset = se.load_dataset(Path(__file__).resolve().parents[1] / "examples" / "small-dataset.json")
    assessment = se.assess(dataset, 2025, audience=se.CITY_OFFICE)
    rounds = se.appraise(dataset, dataset.appraisal_rounds[0], audience=se.CITY_OFFICE)
    for call, name in (
        (lambda: se.report_deadline(dataset, 379902, "2025-03"), "county"),  # type: ignore[arg-type]
        (lambda: assessment.county(379902), "county"),  # type: ignore[arg-type]
        (lambda: assessment.point(1), "point"),  # type: ignore[arg-type]
        (lambda: rounds.department(7), "department"),  # type: ignore[arg-type]
    ):
        with pytest.raises(se.FieldInvalid) as info:
            call()
        assert info.value.name == name and "as text" in info.value.message, info.value
    # A code given as text that names nothing is still NotFound (a KeyError), as before.
    with pytest.raises(se.NotFound):
        se.report_deadline(dataset, "379999", "2025-03")
    with pytest.raises(KeyError):
        assessment.county("379999")
    assert assessment.county("379902").code == "379902"


def test_unit_rates_given_a_year_as_text_says_to_give_it_as_a_number() -> None:
    """``unit_rates(statuses, "2025")`` said "expected a month as YYYY-MM": a platform passing a
    year from its query string was not told that a year is a whole number."""
    import softenv_core as se

    with pytest.raises(se.FieldInvalid) as info:
        se.unit_rates([], "2025")
    assert info.value.name == "period" and "a year as a whole number (2025)" in info.value.message
    assert se.unit_rates([], 2025) == () and se.unit_rates([], "2025-03") == ()
