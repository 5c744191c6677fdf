"""Where an output file really goes: the target behind a symbolic link, and whether it can be
replaced by a rename (a regular file, or none yet) or must be written through (a device, a
FIFO, a socket: ``--out /dev/null`` or ``/dev/stdout``).

Every output is written beside its target and renamed over it, so that it is never
half-written. A rename replaces whatever name it lands on: a link would become a regular file
while its target kept the old content, and ``/dev/null`` a regular file for every process on
the machine when run as root (attacker round 3, finding 01). So the rename lands on the link's
target, and a special file is written through, as a shell's ``>`` would.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import struct
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from softenv_core.errors import FieldInvalid


def file_path(path: object) -> Path:
    """``path`` (a str or a path) as a Path; FieldInvalid naming ``path`` for anything else, as
    the public writers refuse it (write_report_docx, write_results_workbook: integrator i36)."""
    if isinstance(path, str | os.PathLike):
        return Path(path)
    raise FieldInvalid("path", f"expected a file path (str or pathlib.Path), got {type(path).__name__} {path!r:.40}")


class PathUnwritable(FieldInvalid):
    """An output file that cannot be written where it was asked to go: a FieldInvalid naming the
    argument (``path``), as every other wrong argument of a public writer; ``path`` says where.
    Its English and Chinese are the command's for the same fault (:func:`write_reason`)."""

    def __init__(self, name: str, path: str, message: str, zh: str) -> None:
        self.path = path
        super().__init__(name, message, zh=zh)


def unwritable(name: str, path: str, exc: OSError) -> PathUnwritable:
    """The :class:`PathUnwritable` of argument ``name`` for ``exc``, raised writing ``path``."""
    en, zh = write_reason(exc)
    return PathUnwritable(name, path, f"cannot write {path}: {en}", f"不能写入 {path}:{zh}")


def writable_file(path: object, name: str = "path") -> Path:
    """``path`` (:func:`file_path`) checked as a file an output can be written to, before the
    output is made: a public writer refuses an empty name, a folder, a NUL, a part of the path
    that is a file, a folder it may not write in with :class:`PathUnwritable` at once. It gave a
    bare OSError after the work, and openpyxl's dropped sheets printed tracebacks (i48)."""
    out = file_path(path)
    if path == "":  # Path("") is "." (the current folder): the error said "Device or resource busy"
        raise PathUnwritable(name, "", "the name is empty; give a file name", "文件名是空的；请给出文件名")
    text = str(out)
    if "\0" in text:
        raise PathUnwritable(name, text, f"cannot write {text!r}: {_NUL[0]}", f"不能写入 {text!r}:{_NUL[1]}")
    if out.is_dir():
        en, zh = IS_DIRECTORY
        raise PathUnwritable(name, str(out), f"cannot write {out}: {en}", f"不能写入 {out}:{zh}")
    try:
        target, renamed = output_target(out)
        if renamed:
            _probe(target)
    except OSError as exc:
        raise unwritable(name, str(out), exc) from None
    return out


#: A NUL in the name: no system takes one (Python's own words were "embedded null byte").
_NUL = ("a file name cannot hold a NUL character (\\x00)", "文件名中有 NUL 字符（\\x00），文件名不能含有它")


def _probe(target: Path) -> None:
    """Raise the OSError a write of ``target`` would meet in its folder, or in the nearest folder
    that exists when its own is still to be made (a file there is ENOTDIR, as make_folder says):
    a temporary file made and removed, as the atomic write itself will make one."""
    folder = target.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if not folder.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(folder))
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    os.close(fd)
    os.unlink(tmp)


#: An output named by a folder, in the words of every writer (English, Chinese).
IS_DIRECTORY = ("it is a directory; give a file name", "这是一个文件夹；请给出文件名")

#: Why a file could not be written, as a clerk reads it (the system's words are English).
WRITE_ERRORS_ZH = {
    errno.ENOENT: "文件夹不存在",
    errno.EACCES: "没有写入权限",
    errno.EPERM: "没有写入权限",
    errno.EROFS: "所在位置是只读的",
    errno.ENOSPC: "磁盘已满",
    errno.EISDIR: "这是一个文件夹",
    errno.ENOTDIR: "路径中有一段不是文件夹，而是文件",
    errno.EBUSY: "文件或文件夹正被占用（如挂载点）",
    errno.ENAMETOOLONG: "文件名太长",
    errno.EDQUOT: "磁盘配额已用完",
    errno.ETXTBSY: "文件正被占用",
    errno.ELOOP: "符号链接循环",
}

#: The system's words made plain where they mislead ("Not a directory" for a file in the way).
WRITE_ERRORS_EN = {errno.ENOTDIR: "a part of its folder is a file"}


def write_reason(exc: OSError, shown: Callable[[str], str] = str) -> tuple[str, str]:
    """Why a write failed, (English, Chinese): the system's reason, and the clerk's words for
    the usual ones beside it. One wording for the command (cli/output) and the library's writers
    (:class:`PathUnwritable`), so that the same fault reads the same everywhere. ``shown``: how a
    path in the reason is shown (the command makes it inert for a terminal)."""
    why = exc.strerror or type(exc).__name__
    if exc.errno is None:
        return why, why
    said, said_zh = WRITE_ERRORS_EN.get(exc.errno), WRITE_ERRORS_ZH.get(exc.errno)
    en = f"{said} ({why})" if said else why
    if isinstance(exc, LinkedFolderMissing):
        linked, folder = shown(str(exc.target)), shown(str(exc.target.parent))
        zh = f"它是指向 {linked} 的符号链接，而文件夹 {folder} 不存在；不会新建文件夹，请先建好该文件夹或另给文件名"
        return en, zh
    return en, f"{said_zh} ({why})" if said_zh else why


def umask() -> int:
    """The process's umask (read by setting it, then set back at once): outputs take the mode
    a plain ``open`` would give them (0644 under 022), not mkstemp's private 0600."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def output_target(path: Path) -> tuple[Path, bool]:
    """The file an output named ``path`` is written to (a link's target, the link kept) and
    whether it is renamed into place (True) or written through (False: a special file)."""
    try:
        mode = os.stat(path).st_mode  # through any link: what a write would land on
    except OSError:  # none yet, a dangling link (or unreadable: the write says why)
        mode = None
    if mode is not None and not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        # A device, FIFO or socket, named or behind a link: written through the name as given
        # (/dev/stdout resolves to "pipe:[N]", which is no file: review t3/01).
        return path, False
    return (link_target(path) if path.is_symlink() else path), True  # a directory is refused by the caller


class LinkedFolderMissing(FileNotFoundError):
    """An output named by a symbolic link whose target's folder does not exist. Whether the link
    is stale or the folder was meant to be made is not ours to guess: refused, nothing created
    (x24: the writers made the missing folders)."""

    def __init__(self, link: Path, target: Path) -> None:
        super().__init__(
            errno.ENOENT,
            f"it is a symbolic link to {target}, whose folder does not exist; nothing was created",
            str(link),
        )
        self.target = target


def link_target(path: Path) -> Path:
    """The target of the symbolic link ``path``, which an output replaces (the link kept);
    :class:`LinkedFolderMissing` when the target's folder does not exist, an ``ELOOP`` OSError for
    a loop of links (pathlib raised a RuntimeError: a traceback)."""
    try:
        target = path.resolve()
    except (RuntimeError, OSError):
        raise OSError(errno.ELOOP, os.strerror(errno.ELOOP), str(path)) from None
    if not target.parent.is_dir():
        raise LinkedFolderMissing(path, target)
    return target


def make_folder(path: Path) -> None:
    """Make the folder ``path`` goes in. A file in its way is ``ENOTDIR`` (a part of the path is
    not a folder), not mkdir's ``FileExistsError``, which read "File exists" (x29)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(path.parent)) from None


def drop_open_zips(tb: TracebackType | None) -> None:
    """Let go of every zip a failed writer left open in the frames of ``tb``, its file closed
    with any error of that close ignored: the write has already failed, and is reported once.

    XlsxWriter and python-docx open the zip of an office file themselves; when a write fails
    (a full disk) the exception leaves their ``ZipFile`` open, and its finalizer, closing it
    later, failed again and printed "Exception ignored in: ZipFile.__del__" with a traceback
    after the command's one-line error (x24). A zip with no file has nothing left to close."""
    while tb is not None:
        for value in list(tb.tb_frame.f_locals.values()):
            if isinstance(value, zipfile.ZipFile) and value.fp is not None:
                fp, value.fp = value.fp, None
                with contextlib.suppress(OSError, ValueError):
                    fp.close()
        tb = tb.tb_next


#: The moment written into every member of an office file: the earliest a zip can hold (as
#: reproducible-build tools do), so that the same data gives the same bytes.
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
_DOS_EPOCH = struct.pack("<HH", 0, (ZIP_EPOCH[0] - 1980) << 9 | ZIP_EPOCH[1] << 5 | ZIP_EPOCH[2])  # time, date
_LOCAL, _CENTRAL = b"PK\x03\x04", b"PK\x01\x02"


def undate_zip(path: Path) -> None:
    """Date every member of the zip at ``path`` :data:`ZIP_EPOCH`, in place.

    Python's zipfile stamps each member with the moment it is written, so the same report gave
    another file every second (platform round 3, finding 13). Only the two bytes of time and
    two of date in each member's local header and central-directory entry change: nothing is
    recompressed (a province's export workbook is 48 MB), and the document's own created and
    modified properties are set by its writer (save_atomic)."""
    with zipfile.ZipFile(path) as z:
        members, central = z.infolist(), z.start_dir
    with open(path, "r+b") as f:
        for info in members:
            f.seek(info.header_offset)
            if f.read(4) != _LOCAL:  # pragma: no cover - zipfile has just read this very header
                raise zipfile.BadZipFile(f"{path}: no local header for {info.filename}")
            f.seek(info.header_offset + 10)
            f.write(_DOS_EPOCH)
        at = central
        for _ in members:  # the central directory's entries, in the order zipfile read them
            f.seek(at)
            entry = f.read(46)
            if entry[:4] != _CENTRAL:  # pragma: no cover - as above
                raise zipfile.BadZipFile(f"{path}: central directory entry expected at {at}")
            f.seek(at + 12)
            f.write(_DOS_EPOCH)
            name, extra, comment = struct.unpack("<HHH", entry[28:34])
            at += 46 + name + extra + comment


__all__ = [
    "IS_DIRECTORY",
    "WRITE_ERRORS_EN",
    "WRITE_ERRORS_ZH",
    "ZIP_EPOCH",
    "LinkedFolderMissing",
    "PathUnwritable",
    "drop_open_zips",
    "file_path",
    "link_target",
    "make_folder",
    "output_target",
    "umask",
    "undate_zip",
    "unwritable",
    "writable_file",
    "write_reason",
]
