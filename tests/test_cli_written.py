"""cli.written: a command writing ``--out FILE`` says on stderr what it wrote where (clerk c36:
``report --out`` printed nothing, and the clerk could not tell whether anything was written)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from softenv_core.io.dataset_files import dataset_json
from softenv_core.testing import small_dataset

from .office_cli import run


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("written") / "d.json"
    path.write_text(dataset_json(small_dataset(2025)), encoding="utf-8")
    return path


def test_report_out_says_in_chinese_what_it_wrote_where_and_keeps_stdout_empty(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "r.md"
    code, out, err = run(capsys, "report", data, "--month", "2025-03", "--out", target)
    assert code == 0 and out == "" and target.read_text(encoding="utf-8").startswith("# ")
    assert err == f"→ 已写入 {target}：2025年3月监测报告，Markdown，阅读范围：市软建办（全文）\n"


_JIA = "甲区（379902）"


@pytest.mark.parametrize(
    ("args", "said"),
    [
        # The county by its name and code since clerk c40 (it was 县区 379902).
        (["report", "--month", "2025-03", "--format", "docx"], "2025年3月监测报告，Word 文件，阅读范围：" + _JIA),
        (["yearend", "--year", "2025", "--format", "xlsx"], "2025年年终工作结果，Excel 文件，阅读范围：甲区（379902）"),
        (["assess", "--year", "2025", "--format", "csv"], "2025年考核结果，CSV 表格，阅读范围：甲区（379902）"),
        (["report", "--month", "2025-03", "--format", "json"], "2025年3月监测报告，JSON，阅读范围：甲区（379902）"),
    ],
)
def test_every_format_written_to_a_file_is_said_once_on_stderr(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], said: str
) -> None:
    suffix = {"docx": ".docx", "xlsx": ".xlsx"}.get(args[-1], ".txt")
    target = tmp_path / f"out{suffix}"
    code, out, err = run(capsys, args[0], data, *args[1:], "--audience", "county:379902", "--out", target)
    assert code == 0 and out == "" and target.stat().st_size > 0
    assert [line for line in err.splitlines() if "已写入" in line] == [f"→ 已写入 {target}：{said}"]


def test_commands_without_a_period_or_audience_say_the_file_too(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for i, (args, said) in enumerate(
        [
            (["validate", data], "数据校验结果，文本"),
            (["schema", "dataset"], "dataset 的 JSON Schema"),
            (["deadline", "--month", "2025-03"], "2025年3月月报截止时间，文本"),
        ]
    ):
        target = tmp_path / f"out{i}.txt"  # a file of its own: an existing one is kept (clerk c51 04)
        code, out, err = run(capsys, *args, "--out", target)
        assert (code, out, err) == (0, "", f"→ 已写入 {target}：{said}\n")


def test_the_line_is_english_under_lang_en(data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "r.md"
    code, out, err = run(capsys, "report", data, "--month", "2025-03", "--lang", "en", "--out", target)
    assert (code, out) == (0, "")
    assert err == f"→ wrote {target}: the monitoring report for 2025-03 (Markdown, audience city)\n"


def test_the_chinese_line_uses_full_width_punctuation(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "r.md"
    _, _, err = run(capsys, "report", data, "--month", "2025-03", "--out", target)
    assert not re.search(r"[\u4e00-\u9fff][,:;] ?[\u4e00-\u9fff]", err), err


def test_out_dash_prints_the_document_and_says_nothing_more(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "report", data, "--month", "2025-03", "--out", "-")
    assert code == 0 and out.startswith("# ") and "已写入" not in err


def test_nothing_is_said_written_when_the_write_fails(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "file").write_text("", encoding="utf-8")  # a file where the folder should be
    code, out, err = run(capsys, "report", data, "--month", "2025-03", "--out", tmp_path / "file" / "r.md")
    assert code == 1 and out == "" and "不能写入" in err and "已写入" not in err
