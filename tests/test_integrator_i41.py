"""Integrator i41 (a 营商环境 platform importing softenv_core): wrong arguments are FieldInvalid.

A month that does not exist built in code (``Month(2025, 13)``) and an ``as_of`` before the
instant an audience outside the city office may be given raised a plain SoftenvError, while
every other wrong argument (a month of the wrong type, a naive ``as_of``) is a FieldInvalid
naming it. The loader's ``$.path`` messages and the refusals' text and Chinese stay as they were.
"""

from __future__ import annotations

import json
import pickle
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

import softenv_core as se

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "small-dataset.json"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
EARLY = datetime(2025, 3, 1, tzinfo=se.BEIJING)


@pytest.fixture(scope="module")
def dataset() -> se.Dataset:
    return se.load_dataset(EXAMPLE)


@pytest.mark.parametrize("month", [0, 13, -1, 99])
def test_a_month_out_of_range_is_field_invalid_naming_month(month: int) -> None:
    with pytest.raises(se.FieldInvalid) as caught:
        se.Month(2025, month)
    assert caught.value.name == "month"
    assert caught.value.message == f"month {month} out of range 1-12"


def test_parse_still_names_its_argument() -> None:
    with pytest.raises(se.FieldInvalid) as caught:
        se.Month.parse("2025-13")
    assert (caught.value.name, caught.value.message) == ("text", "month 13 out of range 1-12")


def test_the_loaders_path_message_is_unchanged() -> None:
    document = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    document["reports"][0]["month"] = "2025-13"
    with pytest.raises(se.InputError) as caught:
        se.loads_dataset(json.dumps(document))
    (problem,) = [p for p in caught.value.details if p.path == "$.reports[0].month"]
    assert problem.message == "month 13 out of range 1-12"
    assert problem.zh == "月份 13 不存在（应为 01-12）"


def _early_refusal(dataset: se.Dataset, what: str, audience: str) -> se.FieldInvalid:
    calls: dict[str, Callable[[], object]] = {
        "assess": lambda: se.assess(dataset, 2025, audience=audience, as_of=EARLY),
        "year_end": lambda: se.year_end(dataset, 2025, audience=audience, as_of=EARLY),
        "monitoring_report": lambda: se.monitoring_report(dataset, "2025-03", audience=audience, as_of=EARLY),
    }
    with pytest.raises(se.FieldInvalid) as caught:
        calls[what]()
    return caught.value


@pytest.mark.parametrize("what", ["assess", "year_end", "monitoring_report"])
@pytest.mark.parametrize("audience", ["public", "county:379902"])
def test_an_early_as_of_outside_the_city_office_is_field_invalid(dataset: se.Dataset, what: str, audience: str) -> None:
    error = _early_refusal(dataset, what, audience)
    assert error.name == "as_of"
    assert str(error).startswith(f"as_of {EARLY.isoformat()}: audience {audience} is given ")
    assert error.message.startswith(f"{EARLY.isoformat()}: audience {audience} ")
    assert error.zh is not None and error.zh.startswith("--as-of 2025-03-01 00:00 太早")
    again = pickle.loads(pickle.dumps(error))  # a process pool gets it whole
    assert (type(again), again.name, str(again), again.zh) == (se.FieldInvalid, "as_of", str(error), error.zh)


def test_the_city_office_keeps_every_instant(dataset: se.Dataset) -> None:
    assert se.assess(dataset, 2025, audience=se.CITY_OFFICE, as_of=EARLY).as_of == EARLY
    assert se.monitoring_report(dataset, "2025-03", audience=se.CITY_OFFICE, as_of=EARLY).as_of == EARLY


@pytest.mark.parametrize(
    ("audience", "zh"),
    [
        ("county:379999", "阅读范围 county:379999：数据集中没有县区 379999"),
        ("department:nobody", "阅读范围 department:nobody：数据集中没有部门 nobody"),
        ("point:P-nobody", "阅读范围 point:P-nobody：数据集中没有监测点 P-nobody"),
    ],
)
def test_an_audience_the_dataset_lacks_is_field_invalid_naming_audience(
    dataset: se.Dataset, audience: str, zh: str
) -> None:
    """As a text that is no audience is; the text the service's 422 quotes is unchanged."""
    kind = audience.split(":")[0]
    for call in (
        lambda: se.monitoring_report(dataset, "2025-03", audience=audience),
        lambda: se.assess(dataset, 2025, audience=audience),
    ):
        with pytest.raises(se.FieldInvalid) as caught:
            call()
        assert caught.value.name == "audience"
        assert str(caught.value) == f"audience {audience}: no such {kind} in the dataset"
        assert caught.value.zh == zh


def test_the_406_problems_chinese_has_full_width_punctuation(client: Any) -> None:
    """The service's Chinese lists with 、 and joins clauses with ，(docs/integration.md: every
    problem of the service's own carries its Chinese, with full-width punctuation): the 406's
    read ``markdown 即 text/markdown, Accept 请求头不接受`` and ``不接受 application/json, text/markdown``."""
    response = client.post(
        "/v1/reports/2025-03?audience=public&format=markdown",
        content=EXAMPLE.read_bytes(),
        headers={"Content-Type": "application/json", "Accept": "application/xml"},
    )
    assert response.status_code == 406
    zh = [d["zh"] for d in response.json()["details"]]
    assert zh[0] == "'application/xml' 不接受 text/markdown"
    assert zh[1].startswith("markdown 即 text/markdown，Accept 请求头不接受；")
    assert "application/json、text/markdown、application/vnd.openxmlformats" in zh[1]
    assert all(", " not in text for text in zh)
    response = client.post(
        "/v1/reports/2025-03?audience=public",
        content=EXAMPLE.read_bytes(),
        headers={"Content-Type": "application/json", "Accept": "application/xml"},
    )
    assert response.json()["details"][0]["zh"].endswith("不接受 application/json、text/markdown、" + DOCX)
