"""What `softenv explain` and `softenv deadline` say beside the figures, in the reader's words
(auditor findings 05, 07, 08, 09; plugin author findings 15, 19): every moment in Beijing time,
enum labels in Chinese, advice naming only the command's own options, the reason a point or a
contact counts for nothing, and the city rule a county rule stands in for."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import attrs
import pytest

from softenv_core import DeadlinePolicy, Month, WorkCalendar, monthly_deadline
from softenv_core.io.dataset_files import dataset_json
from softenv_core.render.assessment import explain_deadline
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
    """Finding 15: 顺延规则 by its Chinese label and 规定日 under zh, the value under en."""
    code, out, _ = run(capsys, "deadline", "--month", "2024-03")
    assert code == 0
    assert "  顺延规则: 顺延至下一个工作日; 规定日 2024-04-05\n" in out
    assert "next_workday;" not in out and "nominal" not in out
    code, out, _ = run(capsys, "deadline", "--month", "2024-03", "--lang", "en")
    assert "  Policy: next_workday; nominal 2024-04-05\n" in out


def test_a_deadline_not_moved_reads_buyanqi_and_its_moment_beijing():
    d = monthly_deadline(WorkCalendar(), Month(2025, 4), 3, rule_id="t", reference="t", policy=DeadlinePolicy.NO_MOVE)
    d = attrs.evolve(d, due_at=d.due_at.astimezone(UTC))  # a rule may answer in any offset
    text = explain_deadline(d, JIA, "2025-04")
    assert ": 2025-05-03T23:59:59+08:00" in text.splitlines()[0]
    assert "  顺延规则: 不顺延; 规定日 2025-05-03\n" in text


def test_calendar_advice_names_only_the_options_of_the_command(capsys):
    """Finding 07: `deadline` has no --as-of, so its advice does not offer it; assess's does."""
    code, _, err = run(capsys, "deadline", "--month", "2026-12")
    assert code == 1 and "尚无 2027 年的国务院节假日安排" in err
    assert "--as-of" not in err and "--provisional" in err and "--calendar" in err and "升级 chinesecalendar" in err
    code, _, err = run(capsys, "assess", str(DATA / "dataset-v1.json"), "--year", "2026")
    assert code == 1 and "--as-of 20" in err and "--provisional" in err
