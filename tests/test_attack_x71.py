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

import time
import warnings
from pathlib import Path

with warnings.catch_warnings():  # Starlette 1 prefers httpx2 for its test client; httpx works
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from softenv_core.errors import InputProblem
from softenv_core.service.app import app_from_env, create_app
from softenv_core.service.config import ENV
from softenv_core.service.problems import TEXT_SHOWN, shortened

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


def _id_problem(n: int) -> InputProblem:
    value = "P" * n
    return InputProblem(
        "$.points[0].id",
        f"invalid id {value!r}: use 1-64 of A-Z a-z 0-9 _ . : -",
        "P-379902-1",
        f"编号无效 {value!r}：应为 1–64 个字母、数字或 _ . : -",
    )


def test_02_a_huge_quoted_value_is_cut_before_it_is_scanned():
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
    start = time.perf_counter()
    cut = shortened(problem)
    took = time.perf_counter() - start
    assert len(cut.message) < TEXT_SHOWN + 100 and "(20000000 characters)" in cut.message
    assert took < 1.0, f"shortening one problem took {took:.1f} s"
