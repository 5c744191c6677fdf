"""Attacker x64: the session's new open-workbook warning and the keys file's lock, attacked.

01 `softenv import / --out ds.json` (or `.`, or an empty argument) ended in a ValueError traceback
   from the new open-workbook check (`_tell_open_books`: `Path('/').with_name(...)`), before the
   book check that says 这是文件夹，不是工作簿 (as `softenv import ..` still does).
02 A `.keys.json.lock` that cannot be opened as a file (a directory left there) made `keys add` say
   that keys.json itself is a folder (不能写入 keys.json：这是一个文件夹), which it is not: the
   clerk is sent to the wrong file.
03 A `.keys.json.lock` that is a symbolic link is followed: `keys add` creates the link's target
   (an empty 0600 file anywhere the operator may write) and leaves it behind, though the lock is
   documented as removed when done (docs/integration.md, Keys).

x64 found no privacy leak and no answer blow-up through the service's new problem cap (at most 100
problems listed, values cut); three findings.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .office_cli import run


@pytest.mark.parametrize("book", ["/", ".", ""])
def test_01_import_of_a_folder_named_without_a_name_is_a_clear_error(
    book: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "ds.json"
    code, _, err = run(capsys, "import", book, "--out", out)
    assert code == 1, err
    assert "Traceback" not in err and "文件夹" in err, err
    # The book is said as given ("" is the working folder), never as an empty name.
    assert f"{book or '.'}: 这是文件夹，不是工作簿" in err, err
    assert not out.exists()


@pytest.mark.skipif(os.name != "posix", reason="flock")
def test_02_an_unusable_lock_is_named_not_the_keys_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    keys = tmp_path / "keys.json"
    assert run(capsys, "keys", "add", "--keys", keys, "a1", "--audience", "city")[0] == 0
    before = keys.read_bytes()
    (tmp_path / ".keys.json.lock").mkdir()
    code, _, err = run(capsys, "keys", "add", "--keys", keys, "a2", "--audience", "city")
    assert code == 1
    # keys.json is a file: the message must name what is wrong, the lock beside it
    assert ".keys.json.lock" in err, err
    assert keys.read_bytes() == before


@pytest.mark.skipif(os.name != "posix", reason="flock")
def test_03_a_linked_lock_file_creates_nothing_elsewhere(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    keys = tmp_path / "keys.json"
    victim = tmp_path / "elsewhere" / "victim"
    victim.parent.mkdir()
    (tmp_path / ".keys.json.lock").symlink_to(victim)
    run(capsys, "keys", "add", "--keys", keys, "a1", "--audience", "city")
    assert not victim.exists(), "keys add created the lock link's target and left it behind"


@pytest.mark.skipif(os.name != "posix", reason="flock")
def test_02_a_lock_that_cannot_be_opened_is_named_with_the_way_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Another user's 0600 lock left by a killed run: root reads it, so the refusal is simulated.
    keys = tmp_path / "keys.json"
    real_open = os.open

    def refused(path: object, *args: object, **kwargs: object) -> int:
        if str(path).endswith(".keys.json.lock"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", refused)
    code, _, err = run(capsys, "keys", "add", "--keys", keys, "a1", "--audience", "city")
    assert code == 1
    assert f"锁文件 {tmp_path / '.keys.json.lock'}" in err and "请删除" in err and "softenv keys" in err, err
    assert "不能写入" not in err and not keys.exists()


@pytest.mark.skipif(os.name != "posix", reason="flock")
@pytest.mark.parametrize("made", ["link", "fifo"])
def test_03_a_lock_that_is_no_regular_file_is_refused_by_name(
    made: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    keys = tmp_path / "keys.json"
    lock = tmp_path / ".keys.json.lock"
    if made == "link":
        lock.symlink_to(tmp_path / "victim")
    else:
        os.mkfifo(lock)  # opened without waiting, then refused
    code, _, err = run(capsys, "keys", "add", "--keys", keys, "a1", "--audience", "city")
    assert code == 1
    assert f"锁文件 {lock}" in err and ("符号链接" if made == "link" else "不是普通文件") in err, err
    assert not keys.exists() and not (tmp_path / "victim").exists()
    assert lock.is_symlink() if made == "link" else lock.exists()  # not ours to remove
