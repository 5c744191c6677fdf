"""``POST /v1/explain`` says why it has no entry as ``softenv explain`` does, in Chinese.

The service answered a point designated in the year but owing no month (each month's working
days designated under ``duty.min_workdays_in_month``) with ``no point 'X' active in 2025 …`` in
English, even to the city office, where the CLI names the interval, each month's working days
against the parameter and the commendation quota (render/explain_notes.py, one wording for both
faces). Outside the city office it still says only "not shown to" the audience, the same for a
point that exists and one that does not.
"""

from __future__ import annotations

import warnings
from datetime import date

import attrs
import pytest

with warnings.catch_warnings():  # Starlette 1 prefers httpx2 for its test client; httpx works
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from softenv_core.io.dataset_files import dataset_json
from softenv_core.model.enterprises import synthetic_uscc
from softenv_core.testing.builders import small_dataset


@pytest.fixture(scope="module")
def body() -> bytes:
    """Point X of 379902 designated from 2025-12-31 (one working day of December: owes no
    month), and a county 379925 created in 2026 (in the dataset, owing no month of 2025)."""
    base = small_dataset(2025)
    # its 县区 point (points[0] is 市直, in no county's quota: auditor a39)
    x = attrs.evolve(base.points[1], id="X", designated_from=date(2025, 12, 31), designated_until=None)
    x = attrs.evolve(x, enterprise=attrs.evolve(x.enterprise, uscc=synthetic_uscc("379902", 99)))
    newer = attrs.evolve(base.counties[0], code="379925", name="新区", effective_from=date(2026, 3, 1))
    return dataset_json(attrs.evolve(base, points=(*base.points, x), counties=(*base.counties, newer))).encode()


def _detail(client: TestClient, body: bytes, query: str) -> str:
    response = client.post(f"/v1/explain?year=2025&{query}", content=body)
    assert response.status_code == 404 and response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    name = "point" if "point=" in query else "county"
    # The detail in Chinese; the problem line in English with its Chinese beside it in details,
    # as every other problem gives them (platform t8 06).
    (detail,) = problem["details"]
    assert (detail["path"], detail["zh"]) == (f"query.{name}", problem["detail"])
    assert problem["problems"] == [f"query.{name}: {detail['message']}"]
    assert detail["message"] != detail["zh"] and detail["message"][0].isascii(), detail  # the English
    return str(problem["detail"])


def test_the_city_office_is_told_why_a_point_owes_no_month_in_chinese(client, body):
    said = _detail(client, body, "point=X")
    assert "监测点 'X' 2025年在册（2025-12-31 至今），但无应履职月份" in said
    assert "2025-12：在册 2025-12-31 至 2025-12-31，工作日 12-31 共1天 < 5，不计" in said
    assert "duty.min_workdays_in_month = 5" in said and "计入 379902 表彰名额" in said
    assert "active in" not in said
    assert _detail(client, body, "point=NOPE") == "监测点 'NOPE' 2025年不在册，不参加当年履职考评"


def test_a_county_owing_no_month_or_absent_is_said_in_chinese(client, body):
    assert "在 2025 年没有应报月份" in _detail(client, body, "county=379925")
    assert _detail(client, body, "county=379999") == "数据集中没有县区 '379999'"


@pytest.mark.parametrize("audience", ["county:379902", "public", "department:city-amr"])
def test_outside_the_city_office_an_existing_point_and_a_missing_one_read_alike(client, body, audience):
    x = _detail(client, body, f"point=X&audience={audience}")
    nope = _detail(client, body, f"point=NOPE&audience={audience}")
    assert x == f"2025年没有向读者 {audience} 显示的在册监测点 'X'"
    assert nope == x.replace("'X'", "'NOPE'")


@pytest.mark.parametrize("audience", ["city", "public", "county:379902"])
def test_a_year_before_the_baseline_is_said_so_and_counts_for_no_quota(client, body, audience):
    """Review r1/02: the city office was told a point of 2021 counts for that year's commendation
    quota, though there is no year end before the baseline; every reader now gets the baseline's
    reason, the same for an existing point and a missing one."""
    response = client.post(f"/v1/explain?year=2021&point=P-379902-1&audience={audience}", content=body)
    said = response.json()["detail"]
    assert said.startswith("2021 年不在基线施行期内") and "表彰名额" not in said, said
    missing = client.post(f"/v1/explain?year=2021&point=NOPE&audience={audience}", content=body).json()["detail"]
    assert missing == said.replace("'P-379902-1'", "'NOPE'")
