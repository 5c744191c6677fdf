"""``softenv deadline`` and the service's ``/v1/deadlines`` say when a county's own plugin gave no
deadline and the city's rule set it (plugin author p43: before 青山县's rule is in force, in 2022,
its clerk was shown the city's rule without a word of her county's)."""

from __future__ import annotations

import json
import warnings

import pytest

with warnings.catch_warnings():  # Starlette 1 prefers httpx2 for its test client; httpx works
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from softenv_core.cli.main import main
from softenv_core.service.app import create_app

pytest.importorskip("softenv_county_qingshan", reason="the demo county plugins are installed with the dev group")


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(list(args))
    return code, capsys.readouterr().out


def test_the_text_names_the_county_plugin_that_gave_none(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _run(capsys, "deadline", "--month", "2022-03", "--county", "379921")
    assert code == 0
    assert "规则：city.report.deadline" in out
    assert out.endswith("  县区插件 qingshan 1.0.0 对 2022-03 未给出本县区的截止规则，按全市规定\n")
    code, out = _run(capsys, "deadline", "--month", "2022-03", "--county", "379921", "--lang", "en")
    assert out.endswith("  county plugin qingshan 1.0.0 gave no deadline for 2022-03: the city's applies\n")


def test_no_such_line_where_the_county_rule_set_it_or_no_county_plugin_exists(
    capsys: pytest.CaptureFixture[str],
) -> None:
    for args in (("--county", "379921"), ("--county", "379902"), ()):
        code, out = _run(capsys, "deadline", "--month", "2025-03", *args)
        assert code == 0 and "县区插件" not in out, args
        code, out = _run(capsys, "deadline", "--month", "2025-03", "--format", "json", *args)
        assert json.loads(out)["county_plugins_without_deadline"] == [], args


def test_json_and_service_give_the_same_list(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _run(capsys, "deadline", "--month", "2022-03", "--county", "379921", "--format", "json")
    assert code == 0
    cli = json.loads(out)
    assert cli["county_plugins_without_deadline"] == ["qingshan 1.0.0"]
    answer = TestClient(create_app()).get("/v1/deadlines/379921/2022-03")
    assert answer.status_code == 200
    assert answer.json() == cli
