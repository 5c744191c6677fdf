"""Reviewer r65: failing tests for the session's changes 855666c1..HEAD (one per finding)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import attrs
import pytest

import softenv_core as se
from softenv_core import BEIJING
from softenv_core.io.dataset_files import dataset_json
from softenv_core.model.roster import Waiver
from softenv_core.testing import builders as b
from tests.cli_runs import run_cli

_NAME, _USCC = "测试企业2有限公司", "91379902MA0000023X"


def _later_waiver_by(tmp_path: Path, by: str) -> tuple[se.Dataset, Path]:
    """379902's March 2025 report sent 04-10 (迟报), and a waiver of that month decided 04-25,
    after the report's default instant, by ``by`` (not the city)."""
    ds = b.small_dataset(2025)
    march = se.Month(2025, 3)
    rid = next(r.id for r in ds.reports if r.month == march and r.county == "379902")
    sent = datetime(2025, 4, 10, 9, tzinfo=BEIJING)
    reports = tuple(attrs.evolve(r, submitted_at=sent) if r.id == rid else r for r in ds.reports)
    waivers = (Waiver("W-LATE", "379902", march, "系统故障", date(2025, 4, 25), decided_by=by),)
    ds = attrs.evolve(ds, reports=reports, waivers=waivers)
    path = tmp_path / "waived.json"
    path.write_text(dataset_json(ds), encoding="utf-8")
    return ds, path


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_01_later_waiver_notice_screens_decided_by_outside_city_office(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    """What: analyses/later_records.later_waiver_notices (a79b 02) quotes a waiver's free-text
    ``decided_by`` whole, and `softenv report --audience public` prints it on stderr (the service's
    POST /v1/reports JSON ``notices`` end with the same notices, for every audience).
    Expected: outside the city office the enterprise name and credit code a clerk typed there are
    masked (某企业), as redact_report screens the known-waiver notice of the same waiver (e85318d6,
    docs/privacy.md 'free text': "a notice quoting a waiver's decided_by").
    Actual: the public reads 测试企业2有限公司 and 91379902MA0000023X.
    Severity: high (DESIGN principle 7, free text naming an enterprise outside the city office)."""
    _, path = _later_waiver_by(tmp_path, f"{_NAME}（{_USCC}）代甲区经贸委")
    code, _, err = run_cli(capsys, "report", path, "--month", "2025-03", "--audience", "public", "--lang", lang)
    assert code == 0, err
    (line,) = [line for line in err.splitlines() if "W-LATE" in line]
    assert _NAME not in line and _USCC not in line, line


def test_02_topten_pending_reason_does_not_call_a_waived_pending_month_due() -> None:
    """What: rules/city/topten.py ``_on_time``/``_pending_reason`` (9d6bfe17, auditor a80 01):
    丙区 reported every month due by 2025-10-10 on time; the city waived November in advance
    (W-NOV, decided 2025-09-20), a month still 未到期. Expected: the verdict says the due months
    were all on time (the old ``暂不能判定（已到期月份均按时报送）``), November named as pending and
    waived. Actual: ``暂不能判定（已到期月份中，上述月份经市里豁免，其余按时报送）``: it says a month
    already due was waived, which none was (``_excused`` takes PENDING months too, and
    ``bool(excused)`` picks the wording). The fix is right only for a waived month already due.
    Severity: low (an untrue sentence in a 十佳 reason; the decision is right)."""
    from tests.test_a80 import J, X, _at, _contact, _doc, _point, _reports

    ds = se.loads_dataset(
        _doc(
            points=[_point("P1", J, 1)],
            contacts=[_contact("P1", f"2025-{m:02d}-15", J) for m in range(1, 13)],
            reports=_reports(J) + _reports(X),
            waivers=[
                {
                    "id": "W-NOV",
                    "county": X,
                    "month": "2025-11",
                    "reason": "系统升级",
                    "decided_on": "2025-09-20",
                    "decided_by": "市经贸委",
                }
            ],
        )
    )
    a = se.assess(ds, 2025, audience="city", as_of=_at("2025-10-10T12:00:00+08:00"))
    county = a.county(X)
    assert all(m.status.value == "on_time" for m in county.months if m.month.month <= 9)
    cond = next(c for c in county.conditions if c.rule.id == "city.topten.on_time")
    assert not cond.passed
    assert "上述月份经市里豁免" not in cond.reason, cond.reason


@pytest.mark.parametrize(
    "header",
    [("x-forwarded-for", "203.0.113.7"), ("forwarded", "for=203.0.113.7;proto=https"), ("x-real-ip", "203.0.113.7")],
)
def test_03_keyless_guard_refuses_a_request_a_proxy_forwarded_from_another_machine(header: tuple[str, str]) -> None:
    """What: service/middleware.Guard's keyless loopback check (36628a6f, attacker x71 01) reads
    only the ASGI ``client``. Behind a reverse proxy on the same machine (nginx in front of the
    platform that mounts ``create_app()``), under a server that does not rewrite the client from
    the proxy's headers (hypercorn, daphne, uvicorn --no-proxy-headers or a --forwarded-allow-ips
    not naming the proxy), every remote client arrives as 127.0.0.1 and the request itself says
    so (``X-Forwarded-For: 203.0.113.7``). Expected: a keyless service refuses (401, as a remote
    client) a request whose forwarding headers name a machine other than its own: the
    application has the fact in hand and there is no keyless setting meant to serve other
    machines (docs/integration.md, "Keys"). Actual: 200, the city office's view, complainants
    named (docs/integration.md only warns of it). Severity: medium (principle 7; a common
    deployment publishes who complained)."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient

    from softenv_core.service.app import create_app
    from tests.test_attack_x71 import BODY, COMPLAINANT, JSON

    with TestClient(create_app(), client=("127.0.0.1", 40000)) as proxied:
        r = proxied.post(
            "/v1/reports/2025-03", content=BODY, params={"format": "markdown"}, headers={**JSON, header[0]: header[1]}
        )
    assert r.status_code == 401, (r.status_code, COMPLAINANT in r.text)


def test_04_nine_plugin_benchmark_still_assesses() -> None:
    """What: engine/resolution.require_ids_apart (ad0c5f81, p57 03) makes two counties' plugins
    giving one un-namespaced rule id a RuleConflict. benchmarks/bench.py's ``_nine_plugins`` (the
    ``plugins9`` stage and benchmarks/instructions.py, docs/performance.md's "9 county plugins
    overhead <= 1.10" target) gives all nine ``bench.extra`` and ``bench.cond``. Expected: the
    stage assesses, as docs/performance.md says it measures. Actual: RuleConflict on
    ``bench.extra`` between 'bench0' and 'bench1'; `bench.py --stages plugins9` exits with a
    CalledProcessError, so the nine-plugin target can no longer be read. Severity: medium (a
    documented performance target silently unmeasurable; fix: namespace the bench ids,
    ``county.{code}.bench.extra``)."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    import bench  # type: ignore[import-not-found]

    from softenv_core.demo import build_demo

    ds = build_demo(2025, 1)
    pm = se.get_plugin_manager(autoload=False, plugins=bench._nine_plugins(sorted(c.code for c in ds.counties)))
    se.assess(ds, 2025, pm, audience=se.CITY_OFFICE)


def _extra_plugin(code: str, rule_id: str) -> object:
    from softenv_core import Award, PluginInfo, Rule, hookimpl

    class P:
        @hookimpl
        def softenv_plugin_info(self):  # type: ignore[no-untyped-def]
            return PluginInfo(county=code, title=f"{code} 加分办法", reference=f"{code} 文件")

        @hookimpl
        def softenv_extra_point_rules(self, year, params):  # type: ignore[no-untyped-def]
            return [
                Rule(
                    id=rule_id,
                    label=f"{code}.{rule_id}",
                    title_zh="走访",
                    title_en="visits",
                    reference=f"{code} 文件 第一条",
                    score=lambda ctx: Award(1, "走访", (ctx.point.id,)),
                    max_points=1,
                    effective_from=date(2024, 1, 1),
                )
            ]

    return P()


def test_05_shared_rule_id_of_counties_the_dataset_lacks_does_not_stop_the_assessment() -> None:
    """What: engine/resolution.require_ids_apart (ad0c5f81) asks every county plugin installed,
    whatever the dataset, and raises RuleConflict when two counties' plugins share an id. Where
    a city installs plugins of counties its dataset does not hold (docs/hooks.md: "A plugin
    whose county the dataset lacks is reported in" the notices, and its rules apply to no
    point), two such plugins, or one such and one of the dataset's counties, stop the whole
    assessment over rules that score nothing in it. Expected: the small dataset (379902,
    379921, 379981) is assessed, the two plugins of 379991 and 379992 reported as serving
    counties it lacks. Actual: RuleConflict on ``extra.visits``. Severity: low (an assessment
    refused for plugins that do not apply; fix: check only the counties the dataset assesses,
    passing them to require_ids_apart)."""
    pm = se.get_plugin_manager(
        autoload=False,
        plugins=[("a", _extra_plugin("379991", "extra.visits")), ("b", _extra_plugin("379992", "extra.visits"))],
    )
    a = se.assess(b.small_dataset(2025), 2025, pm, audience=se.CITY_OFFICE)
    assert a.points


@pytest.mark.parametrize("typed", ["1" * 5000, "1" * 5000 + ".0"])
def test_06_a_long_integer_text_in_an_integer_cell_is_a_cell_problem(starter, tmp_path, typed):  # type: ignore[no-untyped-def]
    """What: io/cell_integers.int_cell (moved and widened by c43ccd81, c61 05) hands any text the
    pattern takes to ``int()``, which raises ValueError past 4,300 digits (CPython's limit), not
    CellError: `softenv import` of a workbook whose 从业人员 cell (监测点!I3) holds 5,000 digits
    (a pasted column, with or without ``.0``) ends in a traceback (cli/main catches SoftenvError
    only). Expected: an InputError whose problem is told at 监测点!I3. Actual: ValueError
    ``Exceeds the limit (4300 digits) for integer string conversion``. Severity: low (absurd
    input, but DESIGN: exit 1 with a clear message, no traceback; fix: bound the digits in
    ``_INT_TEXT``/``_GROUPED_INT`` or catch ValueError into CellError)."""
    from softenv_core.io.workbook_read import read_workbooks
    from tests.test_c61 import _book

    def edit(wb):  # type: ignore[no-untyped-def]
        wb["监测点"]["I3"] = typed

    with pytest.raises(se.InputError) as info:
        read_workbooks([_book(starter, tmp_path, edit)])
    assert any(p.startswith("监测点!I3") for p in info.value.problems)
