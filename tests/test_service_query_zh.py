"""A query or path parameter the service refuses carries its Chinese in ``details[i].zh``, as
a dataset's problems do (integrator i37: a platform showing ``zh or message`` showed English
for these), written with full-width punctuation; the English ``message`` and ``problems``
lines are as they were."""

from __future__ import annotations

import re

import pytest

JSON = {"Content-Type": "application/json"}


@pytest.mark.parametrize(
    ("route", "path", "message", "zh"),
    [
        (
            "/v1/assess?year=20x5",
            "query.year",
            "expected a year 1900-2999, got '20x5'",
            "应为 1900–2999 之间的年份，现为 '20x5'",
        ),
        ("/v1/assess?year=2025&yeer=2025", "query.yeer", None, "未知的参数；POST /v1/assess 可用："),
        ("/v1/assess?year=2025&year=2025", "query.year", "given twice; give it once", "重复给出；只给一次"),
        ("/v1/assess?year=2025&as_of=2025-06-01", "query.as_of", None, "不支持：服务按该年度的考核时点作答"),
        ("/v1/reports/2025-03?audience=public&format=xml", "query.format", None, "之一，现为 'xml'"),
        ("/v1/assess", "query.year", "required (e.g. year=2025)", "必须给出（如 year=2025）"),
    ],
)
def test_a_query_problem_has_its_chinese(client, route, path, message, zh) -> None:  # type: ignore[no-untyped-def]
    answer = client.post(route, content=b"{}", headers=JSON)
    assert answer.status_code == 422
    body = answer.json()
    detail = next(d for d in body["details"] if d["path"] == path)
    if message is not None:
        assert detail["message"] == message
        assert f"{path}: {message}" in body["problems"]  # the English line as it was
    assert detail["zh"] is not None and zh in detail["zh"], detail
    assert not re.search(r"[\u4e00-\u9fff][,;:]|[,;:][\u4e00-\u9fff]", detail["zh"])  # full-width around Chinese


def test_a_path_county_problem_has_its_chinese(client) -> None:  # type: ignore[no-untyped-def]
    detail = client.get("/v1/deadlines/37990/2025-03").json()["details"][0]
    assert detail["path"] == "path.county"
    assert detail["message"] == "expected a six-digit GB/T 2260 code, got '37990'"
    assert detail["zh"] == "应为六位数字的县区代码（GB/T 2260），现为 '37990'"
