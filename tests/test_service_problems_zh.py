"""Every problem the service gives carries its Chinese: each entry of ``details`` has ``zh`` a
non-empty string (integrator i37 found ``zh: null`` for an audience the parser refuses, one naming
a county the dataset lacks, a wrong ``Content-Type``, the key-requires-an-audience answer and 413;
a platform that shows ``zh or message`` showed English for them).

The walk is kept whole two ways: the service's source writes its problems as ``InputProblem``
values with a Chinese wording (read here from the source), and every place in it that builds a
problem with details is reached by a request below (recorded as the walk runs)."""

from __future__ import annotations

import ast
import asyncio
import re
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

with warnings.catch_warnings():  # Starlette 1 prefers httpx2 for its test client; httpx works
    warnings.simplefilter("ignore")
    from starlette.requests import Request
    from starlette.testclient import TestClient

from softenv_core.errors import SoftenvError
from softenv_core.service import app as app_module
from softenv_core.service import callers, problems, running
from softenv_core.service.app import create_app
from softenv_core.service.config import ServiceConfig
from softenv_core.service.keys import add_key
from softenv_core.service.middleware import Guard
from softenv_core.service.problems import Problem

from .test_service_limits import _trickle

SERVICE = Path(problems.__file__).parent
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "small-dataset.json"
JSON = {"Content-Type": "application/json"}
#: Chinese next to an ASCII comma, semicolon or colon: the service writes them full-width.
HALF_WIDTH = re.compile(r"[\u4e00-\u9fff][,;:]|[,;:][\u4e00-\u9fff]")


def _sites() -> set[tuple[str, int]]:
    """Where the service's source builds a Problem with details (five arguments): file and line."""
    found = set()
    for path in SERVICE.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            is_problem = isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Problem"
            if is_problem and len(node.args) + len(node.keywords) >= 5:  # type: ignore[attr-defined]
                found.add((path.name, node.lineno))
    return found


@pytest.fixture(scope="module")
def walk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """Every answer of the walk by name, and the places in the source whose problems it built."""
    reached: set[tuple[str, int]] = set()
    built: list[Problem] = []
    init = Problem.__init__

    def recording(self: Problem, *args: Any, **kwargs: Any) -> None:
        frame = sys._getframe(1)
        reached.add((Path(frame.f_code.co_filename).name, frame.f_lineno))
        init(self, *args, **kwargs)
        built.append(self)

    mp = pytest.MonkeyPatch()
    mp.setattr(Problem, "__init__", recording)
    try:
        yield {"answers": _answers(tmp_path_factory, mp, built), "reached": reached}
    finally:
        mp.undo()


def _answers(tmp_path_factory: pytest.TempPathFactory, mp: pytest.MonkeyPatch, built: list[Problem]) -> dict[str, Any]:
    """Each problem the service gives, by what provoked it: the problem+json body (or the
    Problem itself, for the few the walk builds without a request)."""
    body = EXAMPLE.read_bytes()
    out: dict[str, Any] = {}
    with TestClient(create_app()) as c:
        post = {
            "year malformed": "/v1/assess?year=20x5",
            "year missing": "/v1/assess",
            "year 2999": "/v1/assess?year=2999",
            "unknown parameter": "/v1/assess?year=2025&yeer=1",
            "audience refused by the parser": "/v1/assess?year=2025&audience=everyone",
            "audience empty": "/v1/assess?year=2025&audience=",
            "audience county lacking": "/v1/assess?year=2025&audience=county:379999",
            "audience county name unknown": "/v1/assess?year=2025&audience=county:%E4%B8%99",
            "audience department lacking": "/v1/reports/2025-03?audience=department:nobody",
            "audience point lacking": "/v1/yearend?year=2025&audience=point:P-none",
            "format out of choice": "/v1/reports/2025-03?format=xml",
            "docx not in Chinese": "/v1/reports/2025-03?format=docx&lang=en",
            "month malformed": "/v1/reports/2025-13",
            "yearend before the baseline": "/v1/yearend?year=2021",
            "explain both": "/v1/explain?year=2025&point=P&county=379902",
            "explain empty": "/v1/explain?year=2025&point=",
            "explain unknown point": "/v1/explain?year=2025&point=P-none",
            "calendar missing": "/v1/assess?year=2027",
        }
        for name, url in post.items():
            out[name] = c.post(url, content=body, headers=JSON)
        out["empty body"] = c.post("/v1/validate?x=1", content=b"", headers=JSON)
        out["invalid dataset"] = c.post("/v1/assess?year=2025", content=b"{]", headers=JSON)
        out["content-type"] = c.post("/v1/validate", content=body, headers={"Content-Type": "text/plain"})
        out["charset"] = c.post("/v1/validate", content=body, headers={"Content-Type": "application/json; charset=gbk"})
        out["content-encoding"] = c.post("/v1/validate", content=body, headers={**JSON, "Content-Encoding": "gzip"})
        out["not acceptable"] = c.post(
            "/v1/reports/2025-03?format=markdown", content=body, headers={**JSON, "Accept": "application/json"}
        )
        out["deadline county malformed"] = c.get("/v1/deadlines/37990/2025-03")
        out["deadline county unknown"] = c.get("/v1/deadlines/999999/2025-03")
        out["deadline before the baseline"] = c.get("/v1/deadlines/379902/2021-06")
        out["plugins before the rules"] = c.get("/v1/plugins?year=2021")
        out["no route"] = c.get("/v1/nothing")
        out["encoded slash"] = c.get("/v1/deadlines/379902%2F2025-03")
        out["method not allowed"] = c.get("/v1/assess")
    with TestClient(create_app(), client=("203.0.113.7", 40000)) as c:  # without keys, loopback only
        out["keyless beyond loopback"] = c.get("/v1/plugins")
    with TestClient(create_app(ServiceConfig(max_in_flight=0))) as c:  # every request past the limit
        out["busy"] = c.get("/v1/plugins")
    with pytest.MonkeyPatch.context() as broken, TestClient(create_app(), raise_server_exceptions=False) as c:
        broken.setattr(app_module, "plugin_rows", _breaks)  # a fault of the service's own: the 500
        out["unexpected"] = c.get("/v1/plugins?year=2025")
    with TestClient(create_app(ServiceConfig(max_body_bytes=100))) as c:
        out["too large (declared)"] = c.post("/v1/validate", content=body, headers=JSON)
        out["too large (as it arrives)"] = c.post("/v1/validate", content=iter([body[:80], body[80:160]]), headers=JSON)
    keys = tmp_path_factory.mktemp("keys-zh") / "keys.json"
    several = {"Authorization": f"Bearer {add_key(keys, 'office', ['city', 'public'])}", **JSON}
    one = {"Authorization": f"Bearer {add_key(keys, 'baihe', ['county:379902'])}", **JSON}
    with TestClient(create_app(ServiceConfig(keys_file=str(keys)))) as c:
        out["key requires an audience"] = c.post("/v1/assess?year=2025", content=body, headers=several)
        out["forbidden audience"] = c.post("/v1/assess?year=2025&audience=city", content=body, headers=one)
        out["no key"] = c.post("/v1/assess?year=2025", content=body, headers=JSON)
    config = ServiceConfig(body_timeout_seconds=0.3)
    _trickle(Guard(create_app(config), config), "/v1/validate", JSON, [b"{"] * 20, 0.05, 1_000)
    out["body too slow"] = next(p for p in reversed(built) if p.status == 408)  # the driver keeps no body
    out |= _without_a_request(mp, body)
    return out


def _without_a_request(mp: pytest.MonkeyPatch, body: bytes) -> dict[str, Any]:
    """The problems no request to the installed service reaches today: an analysis that takes no
    audience, a Word writer that fails, the office extra missing, a plugin's or another rule's error."""
    out: dict[str, Any] = {}
    for name, call in {
        "audience not served": lambda: callers.audience_arguments(lambda: None, callers.Audience.parse("public")),
        "docx writer failed": lambda: app_module._docx_response(_refuses, None, "monitoring-2025-03.docx", "zh"),  # type: ignore[arg-type]
    }.items():
        with pytest.raises(Problem) as caught:
            call()
        out[name] = caught.value
    mp.setitem(sys.modules, "docx", None)  # as if the office extra were not installed
    with pytest.raises(Problem) as caught:
        running.docx_writer("zh")
    out["docx missing"] = caught.value
    mp.delitem(sys.modules, "docx")
    request = Request({"type": "http", "path": "/v1/assess", "query_string": b"", "headers": [], "state": {}})
    other = SoftenvError("a rule error of no known kind")
    out["another rule error"] = asyncio.run(problems._handled(request, other))
    for audience in ("city", "public"):
        request.scope["state"]["audience"] = audience
        failing = _plugin_error()
        out[f"plugin error ({audience})"] = asyncio.run(problems._handled(request, failing))
    return out


def _breaks(*args: Any) -> None:
    raise RuntimeError("a fault of the service's own")


def _refuses(*args: Any) -> None:
    # A .docx the service cannot write in its temporary directory: its own fault, a 500 (it was
    # the SoftenvError answered 422 format-unavailable until integrator i54 03).
    import errno

    raise OSError(errno.ENOSPC, "No space left on device")


def _plugin_error() -> SoftenvError:
    from softenv_core.errors import PluginError

    return PluginError("failing", "softenv_topten_conditions", "KeyError: 'P-379902-2'")


def _details(answer: Any) -> list[dict[str, Any]]:
    if isinstance(answer, Problem):
        return [d.to_dict() for d in answer.details]
    import json

    return list(json.loads(answer.body if hasattr(answer, "body") else answer.content)["details"])


def test_every_problem_of_the_walk_has_its_chinese(walk) -> None:  # type: ignore[no-untyped-def]
    for name, answer in walk["answers"].items():
        details = _details(answer)
        assert details, name  # every problem of the walk says what was wrong
        for detail in details:
            assert isinstance(detail["zh"], str) and detail["zh"].strip(), (name, detail)


@pytest.mark.parametrize(
    ("name", "zh"),
    [
        (
            "audience refused by the parser",
            "阅读范围 'everyone' 的写法不对；应为 city、public、county:CODE（县区代码）",
        ),
        ("audience empty", "阅读范围 '' 的写法不对"),
        ("audience county lacking", "阅读范围 county:379999：数据集中没有县区 379999"),
        ("audience county name unknown", "数据集中没有名为 '丙' 的县区（县区代码：379902 甲区、379921 乙县）"),
        ("audience department lacking", "数据集中没有部门 nobody"),
        ("audience point lacking", "数据集中没有监测点 P-none"),
        ("content-type", "请求体应为数据集文档（application/json），现为 'text/plain'"),
        ("charset", "JSON 只用 UTF-8 编码"),
        ("content-encoding", "不接受 'gzip' 编码；请发送未压缩的 JSON 请求体"),
        ("key requires an audience", "必须给出：密钥 'office' 可请求 city、public，请用 audience= 指定其一"),
        ("forbidden audience", "密钥 'baihe' 不可请求阅读范围 city（可请求 county:379902）"),
        ("too large (declared)", "请求体超过 100 字节；全省一年的数据请用 softenv 命令处理"),
        ("too large (as it arrives)", "请求体超过 100 字节"),
        ("body too slow", "请求体未在 0.3 秒内送达"),
        ("year 2999", "2999 年 12 月的月报在 3000 年截止"),
        ("month malformed", "应为 1901-02 至 2999-11 之间的月份，写作 YYYY-MM（如 2025-03），现为 '2025-13'"),
        ("deadline county unknown", "未知的县区 999999：不是县级的 GB/T 2260 代码"),
        ("docx missing", "本安装缺少 Word 渲染器"),
        ("audience not served", "尚不区分阅读范围"),
        ("no key", "没有有效的密钥：请在 Authorization 请求头中给出"),
        ("keyless beyond loopback", "本服务未配置密钥，只应答本机（环回地址）的请求，不应答 '203.0.113.7'"),
        ("no route", "没有这个路径：/v1/nothing（/openapi.json 列出各路径"),
        ("encoded slash", "没有这个路径：/v1/deadlines/379902%2F2025-03（路径段中编码的斜杠 %2F 不是分隔符）"),
        ("method not allowed", "路径 /v1/assess 不接受 GET 请求；可用的方法：POST"),
        ("unexpected", "服务出现意外错误"),
        ("busy", "服务繁忙：正在处理 0 个请求"),
        (
            "plugin error (public)",
            "插件 'failing'（钩子 softenv_topten_conditions）出错；其原话不向阅读范围 public 显示",
        ),
    ],
)
def test_the_new_wordings_are_full_width(walk, name, zh) -> None:  # type: ignore[no-untyped-def]
    (detail, *_) = _details(walk["answers"][name])
    assert zh in detail["zh"], detail
    assert not HALF_WIDTH.search(detail["zh"]), detail["zh"]


def test_the_english_is_as_it_was(walk) -> None:  # type: ignore[no-untyped-def]
    """The problems' lines (``problems``) and messages keep their English words."""
    answers = walk["answers"]
    assert answers["content-type"].json()["problems"] == ["header.content-type: 'text/plain'; send application/json"]
    assert answers["too large (declared)"].json()["problems"] == ["$: larger than 100 bytes"]
    assert answers["deadline county unknown"].json()["problems"] == [
        "path.county: unknown county 999999: not a county-level GB/T 2260 code"
    ]
    (line,) = answers["key requires an audience"].json()["problems"]
    assert line == "query.audience: required: key 'office' may request city, public; name one"


def test_the_walk_reaches_every_problem_the_source_builds(walk) -> None:  # type: ignore[no-untyped-def]
    missed = _sites() - walk["reached"]
    assert not missed, f"a problem of the service no request of the walk gives: {sorted(missed)}"


def test_the_source_writes_every_problem_with_its_chinese() -> None:
    """No ``InputProblem`` of the service without a Chinese wording (a fourth argument or ``zh=``
    that is not None), and none read from a line without one."""
    bare = []
    for path in SERVICE.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            given = {"InputProblem": 4, "from_text": 2}.get(name)
            if given is None:
                continue
            zh = node.args[given - 1] if len(node.args) >= given else None
            zh = next((k.value for k in node.keywords if k.arg == "zh"), zh)
            if zh is None or (isinstance(zh, ast.Constant) and zh.value is None):
                bare.append(f"{path.name}:{node.lineno}")
    assert not bare, bare


def test_problems_that_name_no_input_have_their_problem_and_chinese_too(walk) -> None:  # type: ignore[no-untyped-def]
    """401, 404 (no route), 405, 500 and 503 used to list no problem (``details == []``, so no
    ``zh`` for a platform to show: integrator i40). Each now has the shape of every other problem:
    one line in ``problems``, its ``details`` entry with the Chinese."""
    answers = walk["answers"]
    for name, status, path in [
        ("no key", 401, "header.authorization"),
        ("keyless beyond loopback", 401, "header.authorization"),
        ("no route", 404, ""),
        ("encoded slash", 404, ""),
        ("method not allowed", 405, ""),
        ("unexpected", 500, ""),
        ("busy", 503, ""),
    ]:
        answer = answers[name]
        body = answer.json()
        assert answer.status_code == status and body["status"] == status, (name, body)
        (detail,) = body["details"]
        assert detail["path"] == path and detail["record_id"] is None, (name, detail)
        assert body["problems"] == [f"{path}: {detail['message']}" if path else detail["message"]], (name, body)
        assert detail["zh"] and not HALF_WIDTH.search(detail["zh"]), (name, detail)
