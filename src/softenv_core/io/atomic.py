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
import zipfile
from pathlib import Path
from types import TracebackType

from softenv_core.errors import FieldInvalid


def file_path(path: object) -> Path:
    """``path`` (a str or a path) as a Path; FieldInvalid naming ``path`` for anything else, as
    the public writers refuse it (write_report_docx, write_results_workbook: integrator i36)."""
    if isinstance(path, str | os.PathLike):
        return Path(path)
    raise FieldInvalid("path", f"expected a file path (str or pathlib.Path), got {type(path).__name__} {path!r:.40}")


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
    "ZIP_EPOCH",
    "LinkedFolderMissing",
    "drop_open_zips",
    "file_path",
    "link_target",
    "make_folder",
    "output_target",
    "umask",
    "undate_zip",
]
