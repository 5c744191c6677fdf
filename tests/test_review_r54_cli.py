"""Reviewer r54's command-line findings: one `--out`/`--force` check for every command, import
and export included (02), re-running with the same `--out` needs `--force` and the docs and hints
say so (03), and the forms named for a Word/Excel name keep the folder of `--out` (07)."""

from __future__ import annotations

import os
from pathlib import Path

from .cli_runs import run_cli as _run
from .starter_book import STARTER_NAME

ROOT = Path(__file__).resolve().parent.parent


# --- 02: import and export use the one check --------------------------------------------------


def test_export_and_import_write_through_a_device(capsys, starter, demo_file):
    """/dev/null is no existing file to keep: assess wrote through it, export and import refused
    it (import advising `--into /dev/null`)."""
    code, _out, err = _run(capsys, "export", demo_file, "--out", os.devnull)
    assert code == 0 and "已写入" in err and "覆盖" not in err, err
    code, _out, err = _run(capsys, "import", starter / STARTER_NAME, "--out", os.devnull)
    assert code == 0 and "已写入" in err and "覆盖" not in err and "--into" not in err, err


def test_export_and_import_refuse_in_the_shared_words(capsys, starter, demo_file, tmp_path):
    book, data = tmp_path / "全部.xlsx", tmp_path / "ds.json"
    book.write_bytes(b"typed by hand")
    data.write_text("{}", encoding="utf-8")
    code, _out, err = _run(capsys, "export", demo_file, "--out", book)
    assert code == 1 and f"{book} 已经存在，不会覆盖：它可能是填写或改过的工作簿" in err, err
    assert "请换一个文件名，或加 --force 覆盖" in err and "not replaced" not in err, err
    code, _out, err = _run(capsys, "import", starter / STARTER_NAME, "--out", data)
    assert code == 1 and f"{data} 已经存在，不会覆盖" in err, err
    assert "请换一个文件名，或加 --force 覆盖" in err and f"请用 --into {data}" in err, err
    assert book.read_bytes() == b"typed by hand" and data.read_text(encoding="utf-8") == "{}"


def test_export_and_import_refuse_in_english_under_lang_en(capsys, starter, demo_file, tmp_path):
    book, data = tmp_path / "全部.xlsx", tmp_path / "ds.json"
    book.write_bytes(b"typed by hand")
    data.write_text("{}", encoding="utf-8")
    code, _out, err = _run(capsys, "export", demo_file, "--lang", "en", "--out", book)
    assert code == 1 and "exists and is not replaced without --force" in err, err
    assert "已经存在" not in err and "add --force to replace it" in err, err
    code, _out, err = _run(capsys, "import", starter / STARTER_NAME, "--lang", "en", "--out", data)
    assert code == 1 and "exists and is not replaced without --force" in err, err
    assert "已经存在" not in err and f"--into {data}" in err, err


def test_export_and_import_say_what_they_replaced_in_the_language_asked(capsys, starter, demo_file, tmp_path):
    """`export --lang en --force` said `→ 已写入 …（…不得外发）; the existing file was replaced`."""
    book, data = tmp_path / "全部.xlsx", tmp_path / "ds.json"
    book.write_bytes(b"old")
    data.write_text("{}", encoding="utf-8")
    code, _out, err = _run(capsys, "export", demo_file, "--lang", "en", "--out", book, "--force")
    assert code == 0 and err.startswith(f"→ wrote {book}: "), err
    assert err.rstrip().endswith("; the existing file was replaced") and "不得外发" not in err, err
    code, _out, err = _run(capsys, "import", starter / STARTER_NAME, "--lang", "en", "--out", data, "--force")
    assert code == 0, err
    line = next(w for w in err.splitlines() if w.startswith("→"))
    assert line.startswith(f"→ wrote {data}: the dataset, ") and line.endswith("; the existing file was replaced")
    code, _out, err = _run(capsys, "export", demo_file, "--out", book, "--force")
    assert code == 0 and err.startswith(f"→ 已写入 {book}：") and err.rstrip().endswith("；已覆盖原有文件"), err


def test_import_into_its_own_out_is_still_no_replacement(capsys, starter, tmp_path):
    data = tmp_path / "ds.json"
    assert _run(capsys, "import", starter / STARTER_NAME, "--out", data)[0] == 0
    code, _out, err = _run(capsys, "import", starter / STARTER_NAME, "--into", data, "--out", data)
    assert code == 0 and "覆盖" not in err, err
    code, _out, err = _run(capsys, "import", starter / STARTER_NAME, "--out", starter / STARTER_NAME, "--force")
    assert code == 1 and "它就是输入文件" in err, err


# --- 03: re-running with the same --out ---------------------------------------------------------


def test_the_schema_regenerate_hint_runs_onto_the_committed_file(capsys, tmp_path):
    from .test_schema import REGENERATE

    hint = REGENERATE.format(name="calendar")
    assert "--force" in hint
    target = tmp_path / "calendar.schema.json"
    target.write_text("old", encoding="utf-8")
    words = hint.split("uv run softenv ", 1)[1].split()
    words[words.index("--out") + 1] = str(target)
    code, _out, err = _run(capsys, *words)
    assert code == 0 and target.read_text(encoding="utf-8") != "old", err


def test_the_docs_say_an_existing_out_needs_force():
    architecture = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    assert "softenv schema NAME --out docs/schemas/NAME.schema.json --force" in architecture
    integration = (ROOT / "docs" / "integration.md").read_text(encoding="utf-8")
    assert "Re-running a command with the same `--out`" in integration and "adds\n`--force`" in integration
    cli = " ".join((ROOT / "docs" / "cli.md").read_text(encoding="utf-8").split())
    assert "**Since this release** (after v0.1.0" in cli and "exits 1 unless it is given `--force`" in cli


# --- 07: the forms named for a Word/Excel name keep the folder ------------------------------------


def test_the_forms_named_keep_the_folder_of_out(capsys, tmp_path, demo_file):
    code, _out, err = _run(capsys, "assess", demo_file, "--year", "2025", "--out", tmp_path / "年终" / "结果.docx")
    assert code == 1
    assert f"--out {tmp_path}/年终/结果.txt" in err and f"--format xlsx --out {tmp_path}/年终/结果.xlsx" in err, err


def test_a_name_with_a_space_is_named_as_it_can_be_pasted(capsys, tmp_path, demo_file):
    code, _out, err = _run(capsys, "explain", demo_file, "--year", "2025", "--county", "379902", "--out", "年 终.xlsx")
    assert code == 1 and "--out '年 终.txt'" in err, err
