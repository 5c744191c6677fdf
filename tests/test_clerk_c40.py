"""A county clerk's findings (clerk c40), part 1: the help in Chinese first, and the written
lines on stderr naming a county by its name. Part 2 (test_clerk_c40_messages.py): the
full-width punctuation of the clerk's Chinese and the nearest names for a part of a name."""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from collections.abc import Iterator

import pytest

from softenv_core.cli.help_format import EPILOG, display_width
from softenv_core.cli.main import build_parser, main

from .office_cli import run

#: The commands a clerk (or the city office) uses; the integrators' commands are said both ways too.
CLERK_COMMANDS = ("demo", "init", "import", "export", "validate", "assess", "report", "yearend", "explain", "deadline")


def _commands(parser: argparse.ArgumentParser, prefix: str = "") -> Iterator[tuple[str, argparse.ArgumentParser]]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                yield f"{prefix}{name}", child
                yield from _commands(child, f"{prefix}{name} ")


def _chinese_first(text: str | None) -> bool:
    """Starts with Chinese (or an option, a command or a file name the Chinese names), and keeps
    an English part in brackets after it."""
    if not text:
        return False
    return bool(re.search(r"[\u4e00-\u9fff]", text.split(" (")[0])) and re.search(r"\([A-Za-z\-]", text) is not None


def test_every_command_and_option_is_said_in_chinese_first_then_english():
    """Before: `softenv init --help` said `DIR` with no word and `--force replace the files if
    they exist`; every option's help was English only."""
    parser = build_parser()
    missing = []
    for name, child in _commands(parser):
        if not _chinese_first(child.description):
            missing.append(f"{name}: {child.description!r}")
        for action in child._actions:
            if action.help is argparse.SUPPRESS or isinstance(action, argparse._SubParsersAction):
                continue
            if not _chinese_first(action.help):
                missing.append(f"{name} {'/'.join(action.option_strings) or action.dest}: {action.help!r}")
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for choice in sub._choices_actions:  # the one-line help in `softenv --help`
        if not _chinese_first(choice.help):
            missing.append(f"{choice.dest} (in softenv --help): {choice.help!r}")
    assert not missing, "\n".join(missing)


def test_the_help_pages_headings_are_chinese_first_and_the_shared_options_under_one(capsys):
    with pytest.raises(SystemExit):
        main(["report", "--help"])
    out = capsys.readouterr().out
    assert out.startswith("用法 (usage): softenv report")
    assert "参数 (positional arguments):" in out and "显示本帮助并退出 (show this help message and exit)" in out
    # The shared options (--format, --lang…) came under a second heading of their own.
    assert out.count("选项 (options):") == 1
    # The command's own page says what it is, the English on its own line.
    assert "\n月度监测报告：写成 Markdown、JSON 或 Word (docx)\n(the monthly monitoring report" in out


@pytest.mark.parametrize("command", [None, *CLERK_COMMANDS])
def test_the_help_fits_an_80_column_terminal(monkeypatch, capsys, command):
    """argparse counts a Chinese character as one column: the Chinese-first lines ran past the
    terminal's edge. Every line but the usage's list of commands fits in 80 columns."""
    monkeypatch.setenv("COLUMNS", "80")
    with pytest.raises(SystemExit):
        main([command, "--help"] if command else ["--help"])
    lines = capsys.readouterr().out.splitlines()
    wide = [x for x in lines if display_width(x) > 80 and "{demo,init," not in x]
    assert not wide, "\n".join(wide)


def test_a_name_is_not_broken_at_the_end_of_a_help_line(monkeypatch, capsys):
    """A line breaks between two Chinese characters or at a space, never inside 示例数据.json."""
    monkeypatch.setenv("COLUMNS", "60")
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "示例数据.json" in out.replace("\n" + " " * 24, "")  # the name whole once lines are joined
    assert not re.search(r"\S\n\s+\.json", out)


def test_the_help_ends_with_a_clerks_month_whose_commands_parse(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "一个月的工作 (a clerk's month)" in capsys.readouterr().out
    commands = [x.split() for x in EPILOG.splitlines() if x.strip().startswith("softenv ") and "--help" not in x]
    assert len(commands) == 4
    for words in commands:
        build_parser().parse_args(words[1:])  # a usage error would exit 2 and fail here


@pytest.mark.slow
def test_the_help_imports_none_of_the_library():
    """`softenv --help` stays fast (benchmarks: ≤ 0.3 s): the parser's new modules import only
    the standard library and each other."""
    code = (
        "import sys\nfrom softenv_core.cli.main import main\ntry:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('softenv_core')))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    loaded = set(json.loads(proc.stdout.strip().splitlines()[-1].replace("'", '"')))
    assert loaded <= {
        "softenv_core",
        "softenv_core._lazy",
        "softenv_core._version",
        "softenv_core.errors",
        "softenv_core.cli",
        "softenv_core.cli.main",
        "softenv_core.cli.signals",  # Ctrl-C's one line, standard library only (c51 03)
        "softenv_core.cli.arguments",
        "softenv_core.cli.help_format",
        "softenv_core.cli.parser_commands",
        "softenv_core.cli.parser_more",
        # the schema command's names (i38): the module imports its classes only when asked
        "softenv_core.cli.schema_documents",
    }, loaded


# --- the written lines: on stderr, the county by its name ---------------------------------------


def test_the_written_line_names_a_county_by_its_name_and_code(demo_file, tmp_path, capsys):
    """Before: `→ 已写入 r.md：…，阅读范围：县区 379902`: the clerk knows 东城区, not its code."""
    code, out, err = run(
        capsys, "report", demo_file, "--month", "2025-03", "--audience", "county:379902", "--out", tmp_path / "r.md"
    )
    assert code == 0 and out == ""
    assert f"→ 已写入 {tmp_path / 'r.md'}：2025年3月监测报告，Markdown，阅读范围：东城区（379902）" in err


def test_the_written_line_names_a_department_by_its_name(demo_file, tmp_path, capsys):
    from softenv_core.io.dataset_files import load_dataset

    dept = load_dataset(demo_file).departments[0]
    args = ("--audience", f"department:{dept.id}", "--out", tmp_path / "a.json", "--format", "json")
    code, _, err = run(capsys, "assess", demo_file, "--year", "2025", *args)
    assert code == 0
    assert f"阅读范围：{dept.name}（{dept.id}）" in err


def test_the_written_line_in_english_keeps_the_audience_as_typed(demo_file, tmp_path, capsys):
    args = ("--audience", "county:379902", "--out", tmp_path / "r.md", "--lang", "en")
    code, _, err = run(capsys, "report", demo_file, "--month", "2025-03", *args)
    assert code == 0 and "audience county:379902" in err


def test_init_import_and_export_say_what_they_wrote_on_stderr_alone(tmp_path, capsys):
    """Before: these three printed their lines on stdout, where every other command prints its
    data (and says `→ 已写入` on stderr); a script reading stdout got the clerk's lines."""
    code, out, err = run(capsys, "init", tmp_path / "w")
    assert code == 0 and out == ""
    assert f"→ 已写入 {tmp_path / 'w' / '软环境监测点.xlsx'}：起步工作簿，" in err
    assert "示例数据.json：示例记录的 JSON 数据集，只供对照，不要导入到其中" in err
    code, out, err = run(capsys, "import", tmp_path / "w" / "软环境监测点.xlsx", "--out", tmp_path / "d.json")
    assert code == 0 and out == ""
    assert re.search(r"→ 已写入 .*d\.json：数据集，\d+ 个监测点，\d+ 个县区", err), err
    code, out, err = run(capsys, "export", tmp_path / "d.json", "--out", tmp_path / "e.xlsx")
    assert code == 0 and out == ""
    assert f"→ 已写入 {tmp_path / 'e.xlsx'}：" in err and "（市软建办的完整数据，含投诉人，不得外发）" in err


def test_import_to_stdout_prints_the_dataset_alone(tmp_path, starter, capsys):
    code, out, err = run(capsys, "import", starter / "软环境监测点.xlsx", "--out", "-")
    assert code == 0 and json.loads(out)["points"]
    assert "→ 已写入 标准输出：数据集，" in err


@pytest.mark.slow
def test_demo_out_says_its_folder_on_stderr(tmp_path, capsys):
    code, out, err = run(capsys, "demo", "--out", tmp_path / "demo")
    assert code == 0 and "→" not in out
    assert f"→ 已写入 {tmp_path / 'demo'}：dataset.json" in err
