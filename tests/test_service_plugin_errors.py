"""A plugin's error names no complainant outside the city office (attacker x31 01).

A county plugin's rule or condition reads every complaint (``ctx.dataset``) and may fail: its
exception's message (``KeyError: 'P-379902-1'`` from a lookup by a complaint's point, or a text
that quotes the complaint) became the PluginError's message, which the service sent as the 422
problem's ``detail``, ``problems`` and ``details`` to whoever asked: the public, the department
complained about. A plugin's text is screened or withheld in every view outside the city
office (docs/privacy.md, *A plugin's text outside the city office*); its error is its text too.
Outside the city office the problem names the plugin and the hook; the city office's answer,
and the service's log, keep what the plugin said.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from softenv_core import Condition, PluginInfo, Rule, hookimpl
from softenv_core.rules.registry import get_plugin_manager
from softenv_core.service import running
from softenv_core.service.app import create_app

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "small-dataset.json"
SECRET = ("Q-2025-0001", "P-379902-1", "测试企业1有限公司")


def _fail(ctx: object) -> None:
    dataset = ctx.dataset  # type: ignore[attr-defined]
    names = {p.id: p.enterprise.name for p in dataset.points}
    for c in dataset.complaints:
        raise ValueError(f"投诉{c.id}由{c.point}({names[c.point]})提出")


class _Failing:
    """A county's plugin whose rule and condition raise, quoting the year's complainant."""

    def __init__(self, hook: str) -> None:
        self.hook = hook

    @hookimpl
    def softenv_plugin_info(self):
        return PluginInfo(county="379902", title="出错的插件", reference="测试")

    @hookimpl
    def softenv_extra_point_rules(self, year, params):
        if self.hook != "softenv_extra_point_rules":
            return []
        rule = Rule(
            id="county.379902.fails",
            label="county.379902.fails",
            title_zh="出错",
            title_en="fails",
            reference="测试",
            score=_fail,
            max_points=1,
            effective_from=date(2020, 1, 1),
            reads_direct_feedback=False,
        )
        return [rule]

    @hookimpl
    def softenv_topten_conditions(self, year, params):
        if self.hook != "softenv_topten_conditions":
            return []
        condition = Condition(
            id="county.379902.fails",
            title_zh="出错",
            title_en="fails",
            reference="测试",
            check=_fail,
            effective_from=date(2020, 1, 1),
        )
        return [condition]


@pytest.fixture(params=["softenv_extra_point_rules", "softenv_topten_conditions"])
def client(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    def manager():
        pm = get_plugin_manager()
        pm.register(_Failing(request.param), name="failing")
        return pm

    monkeypatch.setattr(running, "get_plugin_manager", manager)
    with TestClient(create_app()) as c:
        yield c


PATHS = ("/v1/assess?year=2025", "/v1/yearend?year=2025", "/v1/explain?year=2025&county=379902")


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("audience", ["public", "department:city-amr", "county:379902", "point:P-379902-2"])
def test_a_plugins_error_names_no_complainant_outside_the_city_office(client, path, audience):
    answer = client.post(f"{path}&audience={audience}", content=EXAMPLE.read_bytes())
    assert answer.status_code == 422, answer.text
    problem = answer.json()
    assert problem["type"] == "urn:softenv:problem:cannot-answer"
    assert "plugin 'failing'" in problem["detail"]  # whose error it is, still said
    for secret in SECRET:
        assert secret not in answer.text


@pytest.mark.parametrize("path", PATHS)
def test_the_city_office_reads_what_the_plugin_said(client, path, caplog):
    with caplog.at_level(logging.WARNING, logger="softenv.service"):
        answer = client.post(f"{path}&audience=city", content=EXAMPLE.read_bytes())
        withheld = client.post(f"{path}&audience=public", content=EXAMPLE.read_bytes())
    assert answer.status_code == 422 and withheld.status_code == 422
    for secret in SECRET:
        assert secret in answer.json()["detail"]
    # The operator (the city office) finds the withheld message in the service's log.
    assert any(SECRET[1] in r.getMessage() for r in caplog.records)
