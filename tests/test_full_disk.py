"""A full disk while writing outputs: one line naming the file asked for, nothing left behind
that blocks the next run, no traceback afterwards (x24's leftover, and what trying it on a
64 KB tmpfs found: a set's error named its staging folder, and an empty folder lock was left
that refused every later run)."""

from __future__ import annotations

import argparse
import errno
import gc
import io
import os
import sys
import zipfile
from pathlib import Path

import pytest

from softenv_core.cli.output import LOCK_NAME, OutputError, write_set
from softenv_core.io.workbook_write import save_atomic


class _FullDisk(io.BytesIO):
    """A file that takes 200 bytes, then fails as a full disk does: every later write too, and
    its close (a real file's flush of what it buffered)."""

    full = False

    def write(self, data):  # type: ignore[no-untyped-def]
        if self.full or self.tell() + len(data) > 200:
            self.full = True
            raise OSError(errno.ENOSPC, "No space left on device")
        return super().write(data)

    def close(self) -> None:
        if self.full and not self.closed:
            super().close()
            raise OSError(errno.ENOSPC, "No space left on device")
        super().close()


class _ZipWriter:
    """Writes its file as XlsxWriter and python-docx do: a zip it opens itself, left open when a
    write fails."""

    def save(self, path: Path) -> None:
        archive = zipfile.ZipFile(_FullDisk(), "w")
        archive.writestr("xl/workbook.xml", "x" * 1000)


def test_a_writer_failing_on_a_full_disk_leaves_no_open_zip_to_complain_later(tmp_path, monkeypatch):
    unraisable: list[object] = []
    monkeypatch.setattr(sys, "unraisablehook", unraisable.append)
    with pytest.raises(OSError, match="No space left") as failed:
        save_atomic(_ZipWriter(), tmp_path / "a.xlsx")
    assert failed.value.errno == errno.ENOSPC and failed.value.filename == str(tmp_path / "a.xlsx")
    del failed
    gc.collect()
    # Before: "Exception ignored in: <function ZipFile.__del__>" and a traceback on stderr
    assert unraisable == []
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # no temporary file either


def test_a_set_that_fills_the_disk_names_its_file_not_the_staging_folder(tmp_path, monkeypatch):
    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    out = tmp_path / "demo"
    with pytest.raises(OutputError) as failed:
        write_set(out, {"dataset.json": "{}", "summary.txt": "x"})
    assert failed.value.path == str(out / "dataset.json")
    assert ".tmp" not in str(failed.value) and ".tmp" not in (failed.value.zh or "")
    assert "磁盘已满" in (failed.value.zh or "")
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # no staging folder, no lock


def test_a_lock_that_cannot_be_written_is_not_left_to_refuse_the_next_run(tmp_path, monkeypatch):
    real = os.fdopen

    def full(fd: int, *args, **kwargs):  # type: ignore[no-untyped-def]
        os.close(fd)
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fdopen", full)
    out = tmp_path / "demo"
    with pytest.raises(OutputError) as failed:
        write_set(out, {"a.txt": "x"})
    assert failed.value.path == str(out) and "磁盘已满" in (failed.value.zh or "")
    assert not (tmp_path / f".demo{LOCK_NAME}").exists()
    monkeypatch.setattr(os, "fdopen", real)  # space again: the next run writes the set
    write_set(out, {"a.txt": "x"})
    assert (out / "a.txt").read_text() == "x"


def test_init_that_fails_at_its_second_file_leaves_neither_nor_its_folder(tmp_path, monkeypatch, capsys):
    from softenv_core.cli import office_commands
    from softenv_core.cli.main import main

    def full(path: Path, text: str, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        raise OutputError(path, "No space left on device", "磁盘已满 (No space left on device)")

    monkeypatch.setattr(office_commands, "write_atomic", full)
    folder = tmp_path / "start"
    assert main(["init", str(folder)]) == 1
    assert "磁盘已满" in capsys.readouterr().err
    assert not folder.exists()  # not the workbook alone, which made the next init say "exists"
    monkeypatch.undo()
    assert main(["init", str(folder)]) == 0
    assert sorted(p.suffix for p in folder.iterdir()) == [".json", ".xlsx"]


def _no_space(*args, **kwargs):  # type: ignore[no-untyped-def]
    raise OSError(errno.ENOSPC, "No space left on device")


def test_a_keys_file_that_fills_the_disk_is_named_and_kept_whole(tmp_path, monkeypatch, capsys):
    from softenv_core.cli.main import main
    from softenv_core.service import keys

    path = tmp_path / "keys.json"
    assert main(["keys", "add", "--keys", str(path), "--audience", "city", "first"]) == 0
    before = path.read_bytes()
    capsys.readouterr()
    monkeypatch.setattr(keys.json, "dump", _no_space)
    assert main(["keys", "add", "--keys", str(path), "--audience", "city", "second"]) == 1
    err = capsys.readouterr().err.splitlines()
    # Before: "无法写入输出" (no file named) on a full disk, the temporary `.keys.json.XXXX` on a
    # read-only folder.
    assert err == [f"softenv: error: 不能写入 {path}:磁盘已满 (No space left on device)"]
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keys.json"]


def test_a_key_whose_printing_fails_is_not_kept(tmp_path, monkeypatch):
    from softenv_core.cli.service_commands import cmd_keys_add
    from softenv_core.service.keys import load_keys

    class FullStdout(io.StringIO):
        write = flush = _no_space

    path = tmp_path / "keys.json"
    args = argparse.Namespace(keys=str(path), id="amr", audience=["city"], note=None)
    monkeypatch.setattr(sys, "stdout", FullStdout())
    with pytest.raises(OSError, match="No space left"):
        cmd_keys_add(args, None)  # type: ignore[arg-type]
    # Before: the key stayed in the file with a secret nobody saw, and `keys add amr` again was
    # refused as "exists".
    assert load_keys(path).keys == ()
    monkeypatch.undo()
    assert cmd_keys_add(args, None) == 0  # type: ignore[arg-type]
    assert [k.id for k in load_keys(path).keys] == ["amr"]


def test_a_keys_file_too_large_to_be_one_is_refused_unread(tmp_path):
    from softenv_core.errors import InputError
    from softenv_core.service.keys import load_keys

    # `softenv keys add --keys /dev/full` (or /dev/zero): read to its end, it filled the memory
    # until the kernel killed softenv. A sparse file stands for it: as long, but finite.
    endless = tmp_path / "keys.json"
    with endless.open("wb") as fh:
        fh.truncate(64 << 20)
    with pytest.raises(InputError, match="not a keys file"):
        load_keys(endless)


def test_a_linked_keys_file_is_updated_through_its_link(tmp_path):
    from softenv_core.service.keys import add_key, load_keys

    real = tmp_path / "etc" / "keys.json"
    real.parent.mkdir()
    add_key(real, "first", ["city"])
    link = tmp_path / "keys.json"
    link.symlink_to(real)
    add_key(link, "second", ["city"])
    assert link.is_symlink()  # before: replaced by a regular file, the real one left old
    assert [k.id for k in load_keys(real).keys] == ["first", "second"]


def test_plugin_new_that_fills_the_disk_leaves_no_half_plugin(tmp_path, monkeypatch, capsys):
    from softenv_core.cli.main import main

    calls = {"n": 0}

    def third_fails(real):  # type: ignore[no-untyped-def]
        def write(*args, **kwargs):  # type: ignore[no-untyped-def]
            calls["n"] += 1
            if calls["n"] == 3:
                raise OSError(errno.ENOSPC, "No space left on device")
            return real(*args, **kwargs)

        return write

    # The third file fails however it is written (a plain write, or a temporary file's fsync).
    monkeypatch.setattr(os, "fsync", third_fails(os.fsync))
    monkeypatch.setattr(Path, "write_text", third_fails(Path.write_text))
    folder = tmp_path / "plug"
    argv = [
        "plugin",
        "new",
        "--county",
        "110101",
        "--name",
        "abc",
        "--dir",
        str(folder),
        "--core",
        "git+https://example.org/softenv-core.git",
    ]
    assert main(argv) == 1
    err = capsys.readouterr().err.splitlines()
    # Before: "无法写入输出" (no file named), and two files in plug/ refused the next run as "not empty".
    assert len(err) == 1 and err[0].startswith(f"softenv: error: 不能写入 {folder}/") and "磁盘已满" in err[0]
    assert ".tmp" not in err[0]
    assert not folder.exists()
    monkeypatch.undo()
    assert main(argv) == 0
    assert (folder / "pyproject.toml").is_file()


class _SmallZip:
    def save(self, path: Path) -> None:
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("word/document.xml", "<w:document/>")


def test_an_office_file_whose_disk_fails_at_fsync_is_not_a_success(tmp_path, monkeypatch):
    # A full disk or quota that NFS or delayed allocation reports only when the data is flushed
    # to the disk: the file was renamed into place as written, and may be empty after a crash.
    out = tmp_path / "r.docx"
    out.write_bytes(b"the old report")
    monkeypatch.setattr(os, "fsync", _no_space)
    with pytest.raises(OSError, match="No space left") as failed:
        save_atomic(_SmallZip(), out)
    assert failed.value.filename == str(out)
    assert out.read_bytes() == b"the old report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.docx"]


def test_a_keys_file_whose_disk_fails_at_fsync_is_kept(tmp_path, monkeypatch):
    from softenv_core.service.keys import add_key

    path = tmp_path / "keys.json"
    add_key(path, "first", ["city"])
    before = path.read_bytes()
    monkeypatch.setattr(os, "fsync", _no_space)
    with pytest.raises(OSError, match="No space left"):
        add_key(path, "second", ["city"])
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keys.json"]
