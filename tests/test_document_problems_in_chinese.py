"""A problem with the document as a whole (empty, not JSON, not UTF-8, not an object, nested
too deeply) carries its Chinese wording in ``details[i].zh`` as every record's problem does
(integrator i36). docs/integration.md says ``zh`` is None only where the checks' table has no
wording; these had one (the command prints it under --lang zh), but ``details`` left it out, so
a platform showing ``p.zh or p.message`` to the clerk showed English, over HTTP too."""

import pytest

from softenv_core import InputError, loads_dataset
from softenv_core.io.workbook_messages import zh_message

DOCUMENTS = [
    ("", "文件是空的"),
    ("  \n", "文件是空的"),
    ("{", "不是有效的 JSON"),
    ('{"a": 1, "a": 2}', "键 'a' 重复"),
    ("[]", "应为对象"),
    (b"\xff{}", "不是 UTF-8 编码"),
    ("[" * 100_000 + "]" * 100_000, "嵌套层次过深"),
]


@pytest.mark.parametrize(("text", "zh"), DOCUMENTS)
def test_a_document_problem_has_its_chinese_wording(each_decoder, text, zh):
    with pytest.raises(InputError) as info:
        loads_dataset(text)
    detail = info.value.details[0]
    assert detail.path == "$"
    assert detail.zh is not None and zh in detail.zh, detail
    assert detail.zh == zh_message(detail.message)
    assert info.value.problems[0] == f"$: {detail.message}"  # the English line as it was


def test_the_service_gives_the_chinese_wording_of_a_document_problem(client):
    headers = {"Content-Type": "application/json"}
    problem = client.post("/v1/assess?year=2025", content=b"{", headers=headers).json()
    assert problem["details"][0]["zh"].startswith("不是有效的 JSON")
    answer = client.post("/v1/validate", content=b"[]", headers=headers).json()
    assert answer["details"][0]["zh"].startswith("应为对象")


@pytest.mark.parametrize("body", [b"", b" \r\n"])
@pytest.mark.parametrize("route", ["/v1/validate", "/v1/assess?year=2025", "/v1/reports/2025-03?audience=public"])
def test_an_empty_body_is_named_as_the_request_body_not_a_file(client, route, body):
    answer = client.post(route, content=body, headers={"Content-Type": "application/json"})
    assert answer.status_code == (200 if route == "/v1/validate" else 422)
    detail = answer.json()["details"][0]
    assert detail["path"] == "$"
    assert detail["message"] == "the request body is empty: send the dataset document (JSON) as the body"
    assert detail["zh"] == "请求体为空：请把数据集文档（JSON）作为请求体发送"
    assert answer.json()["problems"][0] == f"$: {detail['message']}"
