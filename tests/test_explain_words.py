"""What `softenv explain` and `softenv deadline` say beside the figures, in the reader's words
(auditor findings 05, 07, 08, 09; plugin author findings 15, 19): every moment in Beijing time,
enum labels in Chinese, advice naming only the command's own options, the reason a point or a
contact counts for nothing, and the city rule a county rule stands in for."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path

import attrs
import pytest

from softenv_core import (
    CITY_OFFICE,
    Award,
    DeadlinePolicy,
    Month,
    PluginInfo,
    Rule,
    WorkCalendar,
    assess,
    baseline_parameters,
    get_plugin_manager,
    hookimpl,
    monthly_deadline,
)
from softenv_core.io.dataset_files import dataset_json
from softenv_core.model.enterprises import synthetic_uscc
from softenv_core.model.points import CITY_LIAISON, PointLevel
from softenv_core.render.assessment import explain_deadline, explain_point
from softenv_core.testing import on_time_reports, small_dataset

from .test_cli import run

JIA = "379902"
DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def utc_submission(tmp_path_factory):
    """379902's January 2025 report recorded at 2025-02-05T16:00Z: 2025-02-06 00:00 in Beijing,
    one second after its deadline (2025-02-05 23:59:59+08:00), so 迟报 1个工作日."""
    base = small_dataset(2025)
    reports = [
        attrs.evolve(r, submitted_at=datetime(2025, 2, 5, 16, tzinfo=UTC)) if r.month == Month(2025, 1) else r
        for r in on_time_reports(JIA, 2025)
    ]
    dataset = attrs.evolve(base, reports=(*reports, *(r for r in base.reports if r.county != JIA)))
    path = tmp_path_factory.mktemp("words") / "d.json"
    path.write_text(dataset_json(dataset), encoding="utf-8")
    return str(path)


def test_explain_county_shows_the_submission_in_beijing_time(utc_submission, capsys):
    """Finding 05: the 首次报送 column beside a Beijing deadline is Beijing time too."""
    code, out, err = run(capsys, "explain", utc_submission, "--year", "2025", "--county", JIA)
    assert code == 0, err
    row = next(line for line in out.splitlines() if line.startswith("2025-01 "))
    assert "2025-02-05 23:59" in row and "2025-02-06 00:00" in row and "迟报 1个工作日" in row
    assert "+00:00" not in out


def test_deadline_policy_is_in_the_readers_words(capsys):
    """Finding 15: 顺延规则 by its Chinese label and 规定日 under zh, the value under en with
    what it means (p32: a bare "Policy: none" read as "no policy")."""
    code, out, _ = run(capsys, "deadline", "--month", "2024-03")
    assert code == 0
    assert "  顺延规则：顺延至下一个工作日；规定日 2024-04-05\n" in out
    assert "next_workday;" not in out and "nominal" not in out
    code, out, _ = run(capsys, "deadline", "--month", "2024-03", "--lang", "en")
    assert "  Policy: next_workday (a day off moves to the next working day); nominal 2024-04-05\n" in out
    d = monthly_deadline(WorkCalendar(), Month(2025, 4), 3, rule_id="t", reference="t", policy=DeadlinePolicy.NO_MOVE)
    assert "Policy: none (the day is kept even when it is a day off)" in explain_deadline(d, JIA, "2025-04", "en")


def test_a_deadline_not_moved_reads_buyanqi_and_its_moment_beijing():
    d = monthly_deadline(WorkCalendar(), Month(2025, 4), 3, rule_id="t", reference="t", policy=DeadlinePolicy.NO_MOVE)
    d = attrs.evolve(d, due_at=d.due_at.astimezone(UTC))  # a rule may answer in any offset
    text = explain_deadline(d, JIA, "2025-04")
    assert "：2025-05-03T23:59:59+08:00" in text.splitlines()[0]
    assert "  顺延规则：不顺延；规定日 2025-05-03\n" in text


def test_calendar_advice_names_only_the_options_of_the_command(capsys):
    """Finding 07: `deadline` has no --as-of, so its advice does not offer it; assess's does."""
    code, _, err = run(capsys, "deadline", "--month", "2026-12")
    assert code == 1 and "尚无 2027 年的国务院节假日安排" in err
    assert "--as-of" not in err and "--provisional" in err and "--calendar" in err and "升级 chinesecalendar" in err
    code, _, err = run(capsys, "assess", str(DATA / "dataset-v1.json"), "--year", "2026")
    assert code == 1 and "--as-of 20" in err and "--provisional" in err


@pytest.fixture(scope="module")
def designated_on_new_years_eve(tmp_path_factory):
    """Point X of 379902 designated from 2025-12-31 (a Wednesday): 1 working day of December,
    under duty.min_workdays_in_month (5), so it owes no month; on the roster on 31 December."""
    base = small_dataset(2025)
    # its 县区 point (points[0] is 市直, in no county's quota: auditor a39)
    x = attrs.evolve(base.points[1], id="X", designated_from=date(2025, 12, 31), designated_until=None)
    x = attrs.evolve(x, enterprise=attrs.evolve(x.enterprise, uscc=synthetic_uscc(JIA, 99)))
    dataset = attrs.evolve(base, points=(*base.points, x))
    path = tmp_path_factory.mktemp("words") / "x.json"
    path.write_text(dataset_json(dataset), encoding="utf-8")
    return str(path)


def test_explain_a_point_owing_no_month_says_why_and_that_it_counts_for_the_quota(designated_on_new_years_eve, capsys):
    """Finding 08: not "not active in 2025" but designated, owing no month (the working days
    against the parameter), and on the roster on 31 December, as the quota counts it."""
    code, _, err = run(capsys, "explain", designated_on_new_years_eve, "--year", "2025", "--point", "X")
    assert code == 1
    assert "监测点 'X' 2025年在册（2025-12-31 至今），但无应履职月份" in err
    assert "2025-12：在册 2025-12-31 至 2025-12-31，工作日 12-31 共1天 < 5，不计" in err
    assert "duty.min_workdays_in_month = 5" in err and "它在 2025-12-31 在册，计入 379902 表彰名额" in err
    assert "active in" not in err
    code, _, err = run(capsys, "explain", designated_on_new_years_eve, "--year", "2025", "--point", "X", "--lang", "en")
    assert code == 1 and "point 'X' is designated in 2025 (2025-12-31 — open) but owes no month of it" in err
    assert "counts among 379902's points for the quota" in err
    code, _, err = run(capsys, "explain", designated_on_new_years_eve, "--year", "2025", "--point", "NOPE")
    assert code == 1 and "监测点 'NOPE' 2025年不在册" in err


def test_a_city_point_reached_by_its_countys_office_is_named_in_the_contact_reason():
    """Finding 09: a 市直 point (市经贸委's to contact) reached January–June by 379902's office,
    July–December by the city's: 30 × 6/12, and the six months left 未联系上 name the contacts
    another office logged, so the reason does not contradict the records."""
    base = small_dataset(2025)
    pid = "P-379902-2"
    points = tuple(attrs.evolve(p, level=PointLevel.CITY) if p.id == pid else p for p in base.points)
    contacts = tuple(
        attrs.evolve(c, liaison=CITY_LIAISON) if c.point == pid and c.date.month > 6 else c for c in base.contacts
    )
    a = assess(attrs.evolve(base, points=points, contacts=contacts), 2025, audience=CITY_OFFICE)
    item = next(i for i in a.point(pid).items if i.rule.id == "city.duty.contact")
    assert item.points == 15
    office = next(c.liaison_office for c in base.counties if c.code == JIA)
    assert "；未联系上：2025-01、2025-02、2025-03、2025-04、2025-05、2025-06；" in item.reason
    assert (
        f"非负责联系单位的联系不计（应由市经贸委联系）：2025-01（C-{pid}-2025-01 由 {JIA} {office} 记录）、"
        in item.reason
    )
    assert f"2025-06（C-{pid}-2025-06 由 {JIA} {office} 记录）" in item.reason
    assert "2025-07（" not in item.reason  # the city's own contacts count and are evidence


class _Appraisal379902:
    """A county plugin of 379902 replacing the city's duty.appraisal (by its label)."""

    @hookimpl
    def softenv_plugin_info(self) -> PluginInfo:
        return PluginInfo(county=JIA, title="甲区规则", reference="甲区〔2025〕1号")

    @hookimpl
    def softenv_point_rules(self, year: int, params: object) -> Sequence[Rule]:
        def score(ctx: object) -> Award:
            return Award(20, "满分")

        rule = Rule(
            id="jia.appraisal",
            label="jia.appraisal",
            title_zh="参加万人评议(甲区)",
            title_en="appraisal (jia)",
            reference="甲区〔2025〕1号",
            score=score,
            max_points=20,
            effective_from=date(2025, 1, 1),
            replaces="duty.appraisal",
            reads_direct_feedback=False,
        )
        return [rule]


def test_a_replacement_says_which_city_rule_it_stands_in_for():
    """Finding 19: the item, its JSON, its explanation and `softenv plugins` name the city rule
    a county rule replaces (id and label), and the labels replaces= takes."""
    from softenv_core.cli.plugin_commands import replacement_lines  # new: imported here, so the others run on old code

    pm = get_plugin_manager(autoload=False)
    pm.register(_Appraisal379902(), "jia")
    a = assess(small_dataset(2025), 2025, pm, audience=CITY_OFFICE)
    point = next(p for p in a.points if p.county == JIA and p.level == "county")  # county rules score 县区 points
    item = next(i for i in point.items if i.rule.id == "jia.appraisal")
    assert (item.rule.replaces, item.rule.replaces_label) == ("city.duty.appraisal", "duty.appraisal")
    assert all(i.rule.replaces is None for i in point.items if i.rule.plugin == "city")
    doc = next(p for p in a.to_document()["points"] if p["id"] == point.id)
    assert next(i["rule"] for i in doc["items"] if i["rule"]["id"] == "jia.appraisal")["replaces"] == (
        "city.duty.appraisal"
    )
    assert "           代替全市规则：city.duty.appraisal (duty.appraisal)\n" in explain_point(point)
    assert "replaces city rule: city.duty.appraisal (duty.appraisal)" in explain_point(point, "en")
    rows = pm.plugin_rows(2025, baseline_parameters())
    city = {r["label"]: r for r in next(row for row in rows if row["name"] == "city")["point_rules"]}
    assert city["duty.appraisal"]["replaced_by"] == [{"plugin": "jia", "county": JIA, "rule": "jia.appraisal"}]
    assert (city["duty.contact"]["replaced_by"], city["duty.supervision"]["replaceable"]) == ([], False)
    jia = next(row for row in rows if row["name"] == "jia")["point_rules"]
    assert jia == [
        {"id": "jia.appraisal", "label": "jia.appraisal", "replaceable": False, "replaces": "duty.appraisal"}
    ]
    lines = replacement_lines(rows, "zh")
    assert re.search(r"\nduty\.appraisal +city\.duty\.appraisal +可代替 +jia \(379902\) jia\.appraisal\n", lines)
    assert re.search(r"\nduty\.supervision +city\.duty\.supervision +不可代替 +—\n", lines)
