"""Outputs onto a symbolic link, a FIFO or a device (attacker round 3, finding 01): the rename
that makes a write atomic must land on the link's target and never replace a special file."""

from __future__ import annotations

import os
import stat
import threading

import pytest

from softenv_core import dataset_json
from softenv_core.cli.main import main
from softenv_core.testing import small_dataset


@pytest.fixture
def data(tmp_path):
    path = tmp_path / "d.json"
    path.write_text(dataset_json(small_dataset(2025)), encoding="utf-8")
    return path


def test_out_onto_a_link_writes_its_target_and_keeps_the_link(tmp_path, data):
    target = tmp_path / "target.md"
    target.write_text("original", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(target)
    # --force: an existing file is replaced only when asked (clerk c51 04)
    assert main(["report", str(data), "--month", "2025-03", "--out", str(link), "--force"]) == 0
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text(encoding="utf-8").startswith("#")  # the report, where the link points


@pytest.mark.parametrize(
    ("fmt", "argv"), [("docx", ["report", "--month", "2025-03"]), ("xlsx", ["assess", "--year", "2025"])]
)
def test_an_office_file_onto_a_link_writes_its_target(tmp_path, data, fmt, argv):
    pytest.importorskip("openpyxl", reason="the [office] extra writes workbooks")
    pytest.importorskip("docx", reason="the [office] extra writes Word files")
    target = tmp_path / f"target.{fmt}"
    link = tmp_path / f"link.{fmt}"
    link.symlink_to(target)
    assert main([argv[0], str(data), *argv[1:], "--format", fmt, "--out", str(link)]) == 0
    assert link.is_symlink() and target.read_bytes()[:2] == b"PK"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs only")
def test_out_onto_a_fifo_writes_through_it_and_leaves_the_fifo(tmp_path, data):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    assert main(["report", str(data), "--month", "2025-03", "--out", str(fifo)]) == 0
    reader.join(5)  # without a reader the write would block: the thread opened it
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)  # still a FIFO, not a regular file
    assert got and got[0].startswith(b"#")


def test_out_onto_a_device_is_written_through(tmp_path, data):
    """As ``--out /dev/null`` would be; tested on a private copy of /dev/null's device (never on
    the machine's own: the old code replaced it with a regular file for every process)."""
    device = tmp_path / "null"
    try:
        os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except (PermissionError, AttributeError, OSError) as exc:
        pytest.skip(f"making a device node needs root (CAP_MKNOD): {exc}")
    assert main(["report", str(data), "--month", "2025-03", "--out", str(device)]) == 0
    assert stat.S_ISCHR(os.lstat(device).st_mode)  # still the device, not a regular file


def test_a_set_onto_a_linked_folder_is_published_in_its_target(tmp_path):
    real = tmp_path / "real"
    link = tmp_path / "linkdir"
    link.symlink_to(real, target_is_directory=True)
    assert main(["demo", "--out", str(link)]) == 0
    assert link.is_symlink() and (real / "dataset.json").is_file()


@pytest.mark.slow  # starts a process (docs: the fast suite leaves these out)
def test_out_dev_stdout_into_a_pipe_writes_the_pipe(data):
    """Review t3/01: /dev/stdout resolved to 'pipe:[N]', no file, and the write failed."""
    import subprocess
    import sys

    code = (
        "import sys; from softenv_core.cli.main import main; "
        f"sys.exit(main(['report', {str(data)!r}, '--month', '2025-03', '--out', '/dev/stdout']))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, check=False, timeout=120)
    assert proc.returncode == 0, proc.stderr.decode()
    assert proc.stdout.startswith(b"#")


@pytest.mark.parametrize("out", [".", "..", "{here}"])
def test_a_set_onto_the_current_folder_or_one_holding_it_is_refused_before_any_work(tmp_path, monkeypatch, capsys, out):
    """`softenv demo --out .` failed after all its work with "Device or resource busy" (the
    swap renames the folder): now refused at once, in Chinese, and the folder is untouched."""
    here = tmp_path / "work"
    here.mkdir()
    (here / "mine.txt").write_text("a clerk's own file", encoding="utf-8")
    monkeypatch.chdir(here)
    assert main(["demo", "--out", out.format(here=here)]) == 1
    err = capsys.readouterr().err
    assert "当前所在的文件夹" in err and "--out demo" in err and "Traceback" not in err
    assert sorted(p.name for p in here.iterdir()) == ["mine.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["work"]


@pytest.mark.parametrize("code", ["EBUSY", "ENAMETOOLONG", "EDQUOT", "ETXTBSY", "ENOSPC", "EACCES"])
def test_a_failed_write_says_why_in_the_clerks_words(tmp_path, code):
    import errno

    from softenv_core.cli.output import _failed

    err = _failed(tmp_path / "x.md", OSError(getattr(errno, code), os.strerror(getattr(errno, code))))
    zh = err.zh or ""
    assert f"({os.strerror(getattr(errno, code))})" in zh, zh  # the clerk's words, the system's beside them


def test_a_set_is_written_from_a_current_folder_that_was_removed(tmp_path, monkeypatch):
    """Review r1/06: the check for the current folder asked for it, and a removed one failed
    the write of a set elsewhere with "文件夹不存在"."""
    gone = tmp_path / "gone"
    gone.mkdir()
    monkeypatch.chdir(gone)
    gone.rmdir()
    out = tmp_path / "set"
    assert main(["demo", "--out", str(out)]) == 0
    assert (out / "dataset.json").is_file()


@pytest.mark.parametrize(
    "argv",
    [
        ["report", "{d}", "--month", "2025-03"],
        ["report", "{d}", "--month", "2025-03", "--format", "json"],
        ["validate", "{d}"],
        ["assess", "{d}", "--year", "2025", "--format", "csv"],
        ["schema", "dataset"],
    ],
)
def test_out_dash_prints_a_text_output(tmp_path, data, monkeypatch, capsys, argv):
    """x24: `--out -` wrote a file literally named '-'; for text it is standard output, as in other tools."""
    monkeypatch.chdir(tmp_path)
    argv = [a.format(d=data) for a in argv]
    assert main(argv) == 0
    printed = capsys.readouterr().out
    assert main([*argv, "--out", "-"]) == 0
    assert capsys.readouterr().out == printed and printed
    assert not (tmp_path / "-").exists()


def test_import_out_dash_prints_the_dataset_and_says_the_summary_on_stderr(tmp_path, data, monkeypatch, capsys):
    pytest.importorskip("xlsxwriter", reason="the [office] extra writes workbooks")
    monkeypatch.chdir(tmp_path)
    assert main(["export", str(data), "--out", "e.xlsx"]) == 0
    assert main(["import", "e.xlsx", "--out", "file.json"]) == 0
    capsys.readouterr()
    assert main(["import", "e.xlsx", "--out", "-"]) == 0
    out, err = capsys.readouterr()
    assert out == (tmp_path / "file.json").read_text(encoding="utf-8")
    assert "→ 已写入 标准输出：" in err and not (tmp_path / "-").exists()  # named since clerk c40


@pytest.mark.parametrize(
    ("argv", "what"),
    [
        (["export", "{d}"], "Excel 文件"),
        (["report", "{d}", "--month", "2025-03", "--format", "docx"], "Word 文件"),
        (["assess", "{d}", "--year", "2025", "--format", "xlsx"], "Excel 文件"),
        (["yearend", "{d}", "--year", "2025", "--format", "xlsx"], "Excel 文件"),
        (["demo"], "一组文件"),
    ],
)
def test_out_dash_is_refused_for_a_binary_file_or_a_folder(tmp_path, data, monkeypatch, capsys, argv, what):
    """A workbook, a Word file or a set of files cannot go to standard output: refused, exit 1,
    one line naming '-', nothing written (x24: a file or folder named '-' was made)."""
    monkeypatch.chdir(tmp_path)
    before = sorted(p.name for p in tmp_path.iterdir())
    assert main([*(a.format(d=data) for a in argv), "--out", "-"]) == 1
    out, err = capsys.readouterr()
    assert f"不能写入 -:“-”（标准输出）只用于文本，这里写出的是{what}" in err
    assert "Traceback" not in err and out == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == before


@pytest.mark.parametrize(
    ("argv", "name"),
    [
        (["report", "{d}", "--month", "2025-03"], "r.md"),
        (["export", "{d}"], "e.xlsx"),
        (["report", "{d}", "--month", "2025-03", "--format", "docx"], "r.docx"),
        (["demo"], "set"),
    ],
)
def test_a_link_to_a_missing_folder_is_refused_and_nothing_is_created(tmp_path, data, capsys, argv, name):
    """x24: a dangling link as --out made its target's missing folders. Whether the link is stale or
    the folders were meant is unknown: refused, naming the path, exit 1, nothing created."""
    if name.endswith((".xlsx", ".docx")):
        pytest.importorskip("xlsxwriter", reason="the [office] extra writes workbooks")
        pytest.importorskip("docx", reason="the [office] extra writes Word files")
    link = tmp_path / name
    link.symlink_to(tmp_path / "gone" / "deeper" / name)
    assert main([*(a.format(d=data) for a in argv), "--out", str(link)]) == 1
    err = capsys.readouterr().err
    assert str(link) in err and str(tmp_path / "gone" / "deeper") in err and "不存在" in err and "不会新建" in err
    assert "Traceback" not in err
    assert not (tmp_path / "gone").exists() and link.is_symlink()


def test_a_loop_of_links_as_out_is_one_line_not_a_traceback(tmp_path, data, capsys):
    loop = tmp_path / "loop.md"
    loop.symlink_to(loop)
    assert main(["report", str(data), "--month", "2025-03", "--out", str(loop)]) == 1
    err = capsys.readouterr().err
    assert f"不能写入 {loop}:符号链接循环" in err and "Traceback" not in err


@pytest.mark.parametrize(
    ("argv", "name"), [(["report", "{d}", "--month", "2025-03"], "r.md"), (["export", "{d}"], "e.xlsx")]
)
def test_a_write_names_its_temporary_after_the_target_and_leaves_a_stale_one_alone(
    tmp_path, data, monkeypatch, argv, name
):
    """x24: a SIGKILL (which no program can catch) leaves the temporary beside the target. Its name
    says whose it is (.NAME.XXXXXXXX.tmp, docs/cli.md), and a later write to the same target
    removes nothing but its own: the stale one may be another run's, still being written."""
    import re
    import tempfile
    from pathlib import Path

    if name.endswith(".xlsx"):
        pytest.importorskip("xlsxwriter", reason="the [office] extra writes workbooks")
    stale = tmp_path / f".{name}.k1ll3d00.tmp"
    stale.write_bytes(b"")
    mine = tmp_path / f".{name}.notes"
    mine.write_text("a clerk's own", encoding="utf-8")
    made: list[Path] = []
    real = tempfile.mkstemp

    def spy(*args, **kwargs):  # type: ignore[no-untyped-def]
        fd, tmp = real(*args, **kwargs)
        made.append(Path(tmp))
        return fd, tmp

    monkeypatch.setattr(tempfile, "mkstemp", spy)
    assert main([*(a.format(d=data) for a in argv), "--out", str(tmp_path / name)]) == 0
    beside = [p for p in made if p.parent == tmp_path]  # (XlsxWriter's own scratch files are elsewhere)
    assert len(beside) == 1 and re.fullmatch(rf"\.{re.escape(name)}\.[a-z0-9_]{{8}}\.tmp", beside[0].name)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["d.json", name, stale.name, mine.name])
    assert mine.read_text(encoding="utf-8") == "a clerk's own"
