"""Attacker x71: the HTTP service (src/softenv_core/service/) as a hostile caller and a careless
integrator would use it.

01 The loopback-only promise of a service without keys lives in `softenv serve` alone
   (cli/service_commands._config refuses --host 0.0.0.0). The application itself answers any
   client, from any address, with the city office's view: the documented embedding
   (`Mount("/softenv", app=create_app())`, docs/integration.md "Limits") and the uvicorn factory
   (`uvicorn softenv_core.service.app:app_from_env --factory --host 0.0.0.0`, no
   SOFTENV_SERVICE_CONFIG) hand the complainant (section 五's 反映人) to a client on the network.
02 A problem's text is shortened (problems._cut) by running the quoted-value regex over the whole
   message before it is cut to TEXT_SHOWN: one 20-million-character id in a body costs seconds of
   the worker's one analysis slot to answer with a 748-byte problem.
"""

from __future__ import annotations

import re
import time
import warnings
from pathlib import Path
from typing import Any

import pytest

with warnings.catch_warnings():  # Starlette 1 prefers httpx2 for its test client; httpx works
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from softenv_core.errors import InputProblem
from softenv_core.service import problems
from softenv_core.service.app import app_from_env, create_app
from softenv_core.service.config import ENV, ServiceConfig
from softenv_core.service.keys import add_key
from softenv_core.service.middleware import on_loopback
from softenv_core.service.problems import QUOTED_SHOWN, TEXT_SHOWN, shortened

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "small-dataset.json"
BODY = EXAMPLE.read_bytes()
JSON = {"content-type": "application/json"}
#: A client on the office network, not the machine the service runs on.
REMOTE = ("203.0.113.7", 40000)
#: The point that made the example's one complaint (Q-2025-0001): the city office's report names it.
COMPLAINANT = "P-379902-1"


def _city_report(client: TestClient) -> tuple[int, str]:
    r = client.post("/v1/reports/2025-03", content=BODY, params={"format": "markdown"}, headers=JSON)
    return r.status_code, r.text


def test_01_a_keyless_app_answers_a_remote_client_with_the_complainant(monkeypatch):
    """What: without keys the application (create_app(), app_from_env()) serves the city office's
    view, complainants named, to a client at any address; only `softenv serve` keeps it on
    loopback (cli/service_commands._config, `_LOOPBACK`). docs/integration.md says "Without
    --keys the service listens on loopback only" and shows `Mount("/softenv", app=create_app())`
    as the way to embed it; a platform that mounts it so in its own app on 0.0.0.0, or runs the
    documented factory under uvicorn/gunicorn with --host 0.0.0.0, publishes who complained.
    Where: service/app.create_app / middleware.Guard (no check of scope["client"] when
    key_check is None). Expected: a request from a non-loopback client to a keyless service is
    refused (401/403 problem saying keys are needed beyond loopback), as the command refuses to
    bind beyond it. Actual: 200 with section 五's 反映人 column naming P-379902-1.
    Severity: medium (a misconfiguration the docs invite exposes complainants; principle 7)."""
    # The control: on loopback the city office's view is the design.
    with TestClient(create_app(), client=("127.0.0.1", 40000)) as local:
        status, text = _city_report(local)
        assert status == 200 and COMPLAINANT in text.split("## 五、")[1]
    monkeypatch.delenv(ENV, raising=False)
    for app in (create_app(), app_from_env()):
        with TestClient(app, client=REMOTE) as remote:
            status, text = _city_report(remote)
            assert status in (401, 403), f"a remote client of a keyless service got {status}"
            assert COMPLAINANT not in text


@pytest.mark.parametrize(
    ("client", "local"),
    [
        (("127.0.0.1", 1), True),
        (("127.8.9.1", 1), True),  # all of 127.0.0.0/8
        (("::1", 1), True),
        (("::ffff:127.0.0.1", 1), True),  # an IPv4 client as a dual-stack socket gives it
        (None, True),  # no network peer: a Unix socket (uvicorn --uds gives no client)
        (("203.0.113.7", 1), False),
        (("::ffff:203.0.113.7", 1), False),
        (("10.0.0.5", 1), False),  # the office network is not the machine
        (("0.0.0.0", 1), False),
        (("testclient", 50000), False),  # Starlette's test client by default: a name, no address
        (("localhost", 1), False),  # a server gives addresses; a name is not trusted
        (("", 0), False),
        ((), False),
    ],
)
def test_01_loopback_is_the_machine_itself(client, local):  # type: ignore[no-untyped-def]
    assert on_loopback({"type": "http", "client": client}) is local


def test_01_the_refusal_is_the_401_of_a_missing_key_saying_why():
    with TestClient(create_app(), client=REMOTE) as remote:
        r = remote.post("/v1/assess", params={"year": "2025"}, content=BODY, headers=JSON)
        health = remote.get("/healthz")  # says nothing of any record: a load balancer's probe
    assert r.status_code == 401 and r.headers["content-type"].startswith("application/problem+json")
    assert r.headers["www-authenticate"] == 'Bearer realm="softenv"' and r.headers["connection"] == "close"
    (detail,) = r.json()["details"]
    assert detail["path"] == "header.authorization"
    assert "no keys" in detail["message"] and "'203.0.113.7'" in detail["message"]
    assert "本服务未配置密钥" in detail["zh"]
    assert health.status_code == 200


def test_01_with_keys_the_key_decides_not_the_address(tmp_path):  # type: ignore[no-untyped-def]
    keys = tmp_path / "keys.json"
    office = {"Authorization": f"Bearer {add_key(keys, 'office', ['city'])}", **JSON}
    with TestClient(create_app(ServiceConfig(keys_file=str(keys))), client=REMOTE) as remote:
        r = remote.post("/v1/reports/2025-03", content=BODY, params={"format": "markdown"}, headers=office)
        assert r.status_code == 200 and COMPLAINANT in r.text.split("## 五、")[1]
        assert (
            remote.post("/v1/validate", content=BODY, headers=JSON)
            .json()["details"][0]["message"]
            .startswith("no valid key")
        )


def test_01_a_mounted_app_keeps_to_loopback_too():
    """The embedding the docs show: Mount("/softenv", app=create_app()) in a platform's app."""
    from starlette.applications import Starlette
    from starlette.routing import Mount

    platform = Starlette(routes=[Mount("/softenv", app=create_app())])
    with TestClient(platform, client=REMOTE) as remote:
        r = remote.post("/softenv/v1/reports/2025-03?format=markdown", content=BODY, headers=JSON)
        assert r.status_code == 401 and COMPLAINANT not in r.text
    with TestClient(platform, client=("127.0.0.1", 1)) as local:
        assert local.post("/softenv/v1/reports/2025-03?format=markdown", content=BODY, headers=JSON).status_code == 200


@pytest.mark.slow
def test_01_behind_a_proxy_on_the_machine_the_forwarded_client_is_refused():
    """`softenv serve` without keys behind a reverse proxy on the same machine: the proxy
    connects from loopback, and uvicorn (trusting a proxy on loopback, its default) gives the
    client its X-Forwarded-For names: a remote one is refused, the machine's own served."""
    import httpx

    from .service_server import Server

    server = Server()
    try:
        local = httpx.get(f"{server.url}/v1/plugins?year=2025", timeout=30)
        forwarded = httpx.get(
            f"{server.url}/v1/plugins?year=2025", headers={"X-Forwarded-For": "203.0.113.7"}, timeout=30
        )
    finally:
        server.stop()
    assert local.status_code == 200
    assert forwarded.status_code == 401 and "'203.0.113.7'" in forwarded.json()["detail"]


def _id_problem(n: int) -> InputProblem:
    value = "P" * n
    return InputProblem(
        "$.points[0].id",
        f"invalid id {value!r}: use 1-64 of A-Z a-z 0-9 _ . : -",
        "P-379902-1",
        f"编号无效 {value!r}：应为 1–64 个字母、数字或 _ . : -",
    )


def test_02_a_huge_quoted_value_is_cut_before_it_is_scanned(monkeypatch: pytest.MonkeyPatch) -> None:
    """What: problems.shortened/_cut runs `_QUOTED.sub` (a Python regex stepping through every
    character of the quoted value) over the whole message and its Chinese before cutting them
    to TEXT_SHOWN; a body of one point whose id is 20,000,000 characters (20 MB, under the 50 MB
    limit) took 12 s end to end in-process on /v1/validate (7 s of it in `bounded`), holding the
    worker's single analysis slot, to answer 748 bytes. Where: service/problems.py `_cut`.
    Expected: the text is cut near TEXT_SHOWN (a few times QUOTED_SHOWN) first, so the work is
    bounded whatever the value's length (well under a second here). Actual: about 0.3 s per
    million characters (6-7 s for this problem). Severity: low (CPU amplification of a body the
    limits admit; the i52 fix made such answers 0.17 s)."""
    problem = _id_problem(20_000_000)
    scanned: list[int] = []
    pattern = problems._QUOTED

    class Recording:  # the quoted-value pattern, counting what it is given to read
        def sub(self, repl: Any, text: str) -> str:
            scanned.append(len(text))
            return pattern.sub(repl, text)

    monkeypatch.setattr(problems, "_QUOTED", Recording())
    start = time.perf_counter()
    cut = shortened(problem)
    took = time.perf_counter() - start
    assert len(cut.message) < TEXT_SHOWN + 100 and "(20000000 characters)" in cut.message
    assert "（共 20000000 个字符）" in (cut.zh or "")
    # The work is bounded: the pattern reads a few times TEXT_SHOWN, whatever the value's length
    # (it read 40,000,000 characters and more); the time, generously (milliseconds once fixed).
    assert scanned and max(scanned) <= problems.SCANNED <= 10 * TEXT_SHOWN, scanned
    assert took < 2.0, f"shortening one problem took {took:.1f} s"


def _cut_whole(text: str, zh: bool = False, path: bool = False) -> str:
    """problems._cut as it was before x71 02: the pattern over the whole text (the reference)."""

    def quoted(m: re.Match[str]) -> str:
        mark, inner = m[1][0], m[1][1:-1]
        head = inner[:QUOTED_SHOWN].rstrip(chr(92))
        if path:
            return f"{mark}{head}…{mark}"
        return f"{mark}{head}{mark}…" + (f"（共 {len(inner)} 个字符）" if zh else f" ({len(inner)} characters)")

    text = problems._QUOTED.sub(quoted, text) if len(text) > QUOTED_SHOWN else text
    if len(text) <= TEXT_SHOWN:
        return text
    if path:
        return text[:TEXT_SHOWN] + "…"
    return text[:TEXT_SHOWN] + (f"…（共 {len(text)} 个字符）" if zh else f"… ({len(text)} characters)")


@pytest.mark.parametrize(
    "text",
    [
        f"invalid id {'P' * 15000!r}: use 1-64 of A-Z a-z 0-9 _ . : -",
        f"got {'a' * 3000!r} and {'b' * 17000!r}, then {'c' * 150!r}",
        "x" * 16000 + f" then {'q' * 200!r}",
        "a" * 15000 + " " + repr("q" * 200) + " end",  # the run's last character lets the quote open
        "a" * 15000 + repr("q" * 200) + " end",  # a letter before the quote: no value opens
        f"value {'x' * 13000 + chr(10) + 'y' * 3000!r} and {chr(92) * 3 + 'z' * 14000!r}",  # escapes
        "it is " + repr("it's " + "z" * 15000) + f", and {'w' * 999!r}",  # double quotes around an apostrophe
        f"{'k' * 1002!r}{'m' * 1003!r} {'n' * 1004!r} {'o' * 15000!r}",  # runs about the length kept
        " ".join(repr(c * 1000) for c in "abcdefghi") + f" {'z' * 5000!r}",  # nine not cut, shown to the last
    ],
)
@pytest.mark.parametrize(("zh", "path"), [(False, False), (True, False), (False, True)])
def test_02_a_long_text_is_shown_as_the_whole_scan_showed_it(text: str, zh: bool, path: bool) -> None:
    """The bounded read changes what is shown nowhere: each text here is past SCANNED, its runs
    cut, its quoted values and its own length counted as the pattern over it all counted them."""
    assert len(text) > problems.SCANNED
    assert problems._cut(text, zh=zh, path=path) == _cut_whole(text, zh=zh, path=path)


def test_02_a_text_of_many_quotes_past_scanned_is_counted_not_read():
    """Still past SCANNED once its runs are cut (values of about 1,000 characters, none a run
    long enough to cut; thousands of quotes; a value of escapes): the rest is counted as it is,
    not read. What is shown is bounded, and so is the work; the count is at least the whole
    scan's; the first TEXT_SHOWN characters are the whole scan's but where a value of escapes
    runs past SCANNED (then it is shown as it is, to TEXT_SHOWN)."""
    for text, same_head in (
        (" ".join(repr(c * 1000) for c in "abcdefghijklmnopqrstuvwxyz"), True),
        ("a'" * 1_000_000, True),
        (repr(chr(0) * 1_000_000), False),  # '\x00\x00…': 4,000,002 characters, no run
    ):
        whole, cut = _cut_whole(text), problems._cut(text)
        assert len(cut) < TEXT_SHOWN + 40 and (cut[:TEXT_SHOWN] == whole[:TEXT_SHOWN]) is same_head
        counted, as_whole = (int(re.findall(r"\((\d+) characters\)$", t)[0]) for t in (cut, whole))
        assert counted >= as_whole


@pytest.mark.parametrize(("name", "value"), [("point", "P" * 80 + "!"), ("county", "9" * 80)])
def test_02_a_malformed_explain_value_is_shortened_as_other_query_values(name: str, value: str) -> None:
    """explain's point= and county= repeated a malformed value whole (to QUOTED_SHOWN, 100
    characters), where year=, audience= and the others show 20 and the length (inputs._shown)."""
    with TestClient(create_app(), client=("127.0.0.1", 1)) as c:
        r = c.post("/v1/explain", params={"year": "2025", name: value}, content=BODY, headers=JSON)
    (detail,) = r.json()["details"]
    shown = f"{value[:20]!r}… ({len(value)} characters)"
    assert r.status_code == 422 and detail["path"] == f"query.{name}"
    assert detail["message"].endswith(f"got {shown}") and detail["zh"].endswith(f"现为 {shown}")
