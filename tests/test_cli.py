import contextlib
import io
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from softenv_core.cli.main import main

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "small-dataset.json"


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def demo_out(tmp_path_factory):
    """The folder ``softenv demo --out`` wrote, once per module and process: the tests below only
    read it (the determinism test makes a second run of its own to compare with it)."""
    folder = tmp_path_factory.mktemp("demo")
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        assert main(["demo", "--out", str(folder)]) == 0
    return folder


def test_demo_prints_the_year_summary(capsys):
    code, out, _ = run(capsys, "demo")
    assert code == 0
    assert "2025年度" in out and "县区零报告执行情况" in out and "379924 石桥县" in out
    assert "city" in out


def test_demo_is_deterministic_and_writes_its_files(tmp_path, capsys, demo_out):
    run(capsys, "demo", "--out", str(tmp_path / "b"))  # a second run, beside the module's first
    for name in ("dataset.json", "assessment.json", "summary.txt"):
        assert (demo_out / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    assert not list(demo_out.glob(".*.tmp"))


def test_demo_of_a_year_without_official_data_runs_provisional(tmp_path, capsys):
    """``softenv demo --year Y --provisional`` for a year chinesecalendar does not cover dates
    the demo's records by the weekends-only calendar too, and marks what it writes (it refused,
    asking for the option it was given: auditor 03)."""
    code, _, err = run(capsys, "demo", "--year", "2031", "--provisional", "--out", str(tmp_path / "d"))
    assert code == 0, err
    assert json.loads((tmp_path / "d" / "yearend.json").read_text(encoding="utf-8"))["provisional"] is True
    assert json.loads((tmp_path / "d" / "assessment.json").read_text(encoding="utf-8"))["provisional"] is True
    code, _, err = run(capsys, "demo", "--year", "2031")
    assert code == 1 and "2031" in err  # strict by default: still refused


def test_assess_json_totals_equal_the_sum_of_items(capsys, demo_out):
    code, out, _ = run(capsys, "assess", str(demo_out / "dataset.json"), "--year", "2025", "--format", "json")
    assert code == 0
    doc = json.loads(out, parse_float=Decimal)
    assert len(doc["points"]) > 150
    for p in doc["points"]:
        assert Decimal(str(p["total"])) == sum((Decimal(str(i["points"])) for i in p["items"]), Decimal(0))


@pytest.mark.slow  # starts a process (docs: the fast suite leaves these out)
def test_validate_broken_file_exits_1_with_paths_and_no_traceback(tmp_path):
    doc = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    doc["points"][0]["enterprise"]["uscc"] = "123"
    doc["reports"][0]["submitted_at"] = "2025-02-03T09:00:00"
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    before = broken.read_bytes()
    proc = subprocess.run(
        [sys.executable, "-m", "softenv_core.cli.main", "validate", str(broken), "--lang", "en"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 1
    assert "$.points[0] (P-379902-1).enterprise.uscc:" in proc.stderr
    assert "$.reports[0] (R-379902-2025-01).submitted_at: naive datetime" in proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
    assert broken.read_bytes() == before


def test_validate_good_file(capsys):
    code, out, _ = run(capsys, "validate", str(EXAMPLE), "--format", "json")
    assert code == 0 and json.loads(out)["valid"] is True


def test_usage_error_exits_2(capsys):
    with pytest.raises(SystemExit) as info:
        main(["assess", str(EXAMPLE)])  # --year missing
    assert info.value.code == 2


def test_help_names_each_clerks_command_by_its_chinese_term(capsys):
    """A clerk reads ``softenv --help`` for the command that makes the 监测报告 or the 年度考核:
    each command an office uses starts its line with the term the office uses (c35's leftover:
    the help was English only)."""
    with pytest.raises(SystemExit) as exc:
        main(["--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    for command, term in {
        "init": "新建",
        "import": "导入工作簿",
        "export": "导出工作簿",
        "validate": "检查数据",
        "assess": "年度考核",
        "report": "月度监测报告",
        "yearend": "年终工作",
        "explain": "得分说明",
        "deadline": "月报截止",
    }.items():
        line = next(x for x in out.splitlines() if x.split()[:1] == [command])
        assert line.split(None, 1)[1].startswith(f"{term}："), line  # full-width since clerk c40


def test_deadline_explains_the_makeup_day(capsys):
    code, out, _ = run(capsys, "deadline", "--month", "2024-03")
    assert code == 0
    assert "2024-04-07T23:59:59+08:00" in out and "补班" in out
    code, out, _ = run(capsys, "deadline", "--month", "2025-09", "--format", "json")
    assert json.loads(out)["deadline"]["due_at"] == "2025-10-09T23:59:59+08:00"


def test_deadline_in_a_year_without_data_is_a_clear_error(capsys):
    code, _, err = run(capsys, "deadline", "--month", "2030-05")
    assert code == 1
    assert "尚无 2030 年的国务院节假日安排" in err and "--provisional" in err and "Traceback" not in err
    code, _, err = run(capsys, "deadline", "--month", "2030-05", "--lang", "en")
    assert "no official work arrangement for 2030" in err
    code, out, _ = run(capsys, "deadline", "--month", "2030-05", "--provisional")
    assert code == 0
    assert "临时" in out  # marked provisional


def test_explain_point_and_county(capsys):
    code, out, _ = run(capsys, "explain", str(EXAMPLE), "--year", "2025", "--point", "P-379902-1")
    assert code == 0 and "city.duty.contact" in out and "合计" in out
    code, out, _ = run(capsys, "explain", str(EXAMPLE), "--year", "2025", "--county", "379921", "--lang", "en")
    assert code == 0 and "Compliance" in out and "monthly reports on time" in out
    code, _, err = run(capsys, "explain", str(EXAMPLE), "--year", "2025", "--point", "nobody")
    assert code == 1 and "nobody" in err


def test_plugins_json_lists_the_city(capsys):
    code, out, _ = run(capsys, "plugins", "--format", "json")
    assert code == 0
    names = {p["name"]: p for p in json.loads(out)["plugins"]}
    assert names["city"]["county"] is None
    assert "city.duty.contact" in names["city"]["rules"]


def test_assess_csv_has_a_bom_for_spreadsheets(capsys):
    code, out, _ = run(capsys, "assess", str(EXAMPLE), "--year", "2025", "--format", "csv")
    assert code == 0 and out.startswith("\ufeff") and "P-379902-1" in out


def test_report_markdown_and_json_for_audiences(capsys):
    code, out, _ = run(capsys, "report", str(EXAMPLE), "--month", "2025-03")
    assert code == 0 and out.startswith("# 测试市软环境建设监测报告") and "可能漏报" in out
    code, out, _ = run(capsys, "report", str(EXAMPLE), "--month", "2025-03", "--audience", "public", "--format", "json")
    doc = json.loads(out)
    assert doc["schema"] == "softenv.monitoring_report" and doc["audience"] == "public"
    assert "P-379902-1" not in out
    code, _, err = run(capsys, "report", str(EXAMPLE), "--month", "2025-03", "--audience", "mayor")
    assert code == 1 and "阅读范围 'mayor' 的写法不对" in err


def test_demo_out_writes_twelve_monitoring_reports(demo_out):
    reports = sorted((demo_out / "reports").glob("monitoring-*.md"))
    assert [p.name for p in reports][:2] == ["monitoring-2025-01.md", "monitoring-2025-02.md"]
    assert len(reports) == 12


def test_the_three_county_plugins_are_installed_and_listed_with_their_counties(capsys):
    code, out, _ = run(capsys, "plugins", "--format", "json")
    assert code == 0
    counties = {p["name"]: p["county"] for p in json.loads(out)["plugins"]}
    assert counties == {"city": None, "baihe": "379922", "qingshan": "379921", "wanghai": "379982"}
    code, out, _ = run(capsys, "demo")
    assert code == 0
    for name in ("baihe 1.0.0 [379922]", "qingshan 1.0.0 [379921]", "wanghai 1.0.0 [379982]"):
        assert name in out
    assert "本市部门无长期超期投诉" in out  # 望海市's own condition decides


def test_yearend_text_and_json(capsys, demo_out):
    code, out, _ = run(capsys, "yearend", str(demo_out / "dataset.json"), "--year", "2025")
    assert code == 0 and "万人评议结果" in out and "样本不足，不排名" in out and "个，超出" in out
    code, out, _ = run(capsys, "yearend", str(demo_out / "dataset.json"), "--year", "2025", "--format", "json")
    doc = json.loads(out)
    assert doc["schema"] == "softenv.yearend" and len(doc["appraisal"]) == 2
    assert (demo_out / "yearend.md").read_text(encoding="utf-8").startswith("# 2025年度")


def test_the_assessment_summary_says_the_instant_it_speaks_for(tmp_path, capsys):
    """Clerk finding 16: mid-year, a summary without its instant reads as the year's verdict."""
    from softenv_core import dataset_json
    from softenv_core.testing import small_dataset

    data = tmp_path / "d.json"
    data.write_text(dataset_json(small_dataset(2025)), encoding="utf-8")
    code, out, _ = run(capsys, "assess", str(data), "--year", "2025", "--as-of", "2025-07-01T08:00:00+00:00")
    assert code == 0
    assert "数据截至 2025-07-01 16:00（北京时间）" in out  # the instant in Beijing time, whatever offset given
    _, out, _ = run(capsys, "assess", str(data), "--year", "2025", "--lang", "en")
    assert "As of 2026-01-06 00:00 (Beijing time)" in out  # the default: after December's deadline


def test_build_parser_gives_a_fresh_parser_and_main_keeps_its_own(capsys):
    # main reads arguments with one parser per process; a caller's parser is its own to change
    from softenv_core.cli.main import build_parser

    mine = build_parser()
    assert mine is not build_parser()
    mine.add_argument("--mine", action="store_true")
    with pytest.raises(SystemExit) as usage:  # not an option of main's parser: a usage error
        main(["validate", str(EXAMPLE), "--mine"])
    assert usage.value.code == 2 and "--mine" in capsys.readouterr().err
    code, out, _ = run(capsys, "validate", str(EXAMPLE))
    assert code == 0 and out


def test_report_as_of_an_instant_inside_the_month_is_the_libraries_report_then(capsys):
    # `softenv report` had no --as-of: a 月中报告 was to be had from Python only (auditor a49).
    from datetime import datetime

    from softenv_core import CITY_OFFICE, Month, get_plugin_manager, load_dataset, monitoring_report

    at = "2025-03-20T17:00:00+08:00"
    code, out, err = run(capsys, "report", str(EXAMPLE), "--month", "2025-03", "--as-of", at, "--format", "json")
    assert code == 0, err
    expected = monitoring_report(
        load_dataset(EXAMPLE),
        Month(2025, 3),
        get_plugin_manager(),
        audience=CITY_OFFICE,
        as_of=datetime.fromisoformat(at),
    )
    assert json.loads(out) == json.loads(expected.to_json())
    code, out, _ = run(capsys, "report", str(EXAMPLE), "--month", "2025-03", "--as-of", at)
    assert code == 0 and "数据截至：2025-03-20 17:00" in out
    # outside the city office an instant inside the month is refused, saying why, not a traceback
    county = ("--audience", "county:379902")
    code, out, err = run(capsys, "report", str(EXAMPLE), "--month", "2025-03", "--as-of", at, *county)
    assert code == 1 and out == "" and "太早" in err and "Traceback" not in err
    code, _, err = run(capsys, "report", str(EXAMPLE), "--month", "2025-03", "--as-of", "2025-03-20")
    assert code == 1 and "缺少时区" in err
