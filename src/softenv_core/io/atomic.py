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

import os
import re
import shutil
import stat
import zipfile
from datetime import UTC, datetime
from pathlib import Path


def umask() -> int:
    """The process's umask (read by setting it, then set back at once): outputs take the mode
    a plain ``open`` would give them (0644 under 022), not mkstemp's private 0600."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def output_target(path: Path) -> tuple[Path, bool]:
    """The file an output named ``path`` is written to (a link's target, the link kept) and
    whether it is renamed into place (True) or written through (False: a special file)."""
    real = path.resolve() if path.is_symlink() else path
    try:
        mode = os.stat(real).st_mode
    except OSError:  # none yet (or unreadable: the write says why)
        return real, True
    return real, stat.S_ISREG(mode) or stat.S_ISDIR(mode)  # a directory is refused by the caller


#: The moment written into every member of an office file: the earliest a zip can hold (as
#: reproducible-build tools do), so that the same data gives the same bytes.
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
_STAMPED = re.compile(rb"(<dcterms:(?:created|modified)\b[^>]*>)[^<]*(</dcterms:(?:created|modified)>)")


def stable_zip(path: Path, stamp: datetime | None) -> None:
    """Rewrite the office file (a zip) at ``path`` without the clock: every member dated
    :data:`ZIP_EPOCH`, and the document's created/modified properties (docProps/core.xml) set
    to ``stamp`` (the result's instant, in UTC; None: the zip epoch). openpyxl and python-docx
    date both with the moment of saving, so the same report gave another file every second
    (platform round 3, finding 13). Members keep their order and compression."""
    when = (stamp.astimezone(UTC) if stamp is not None else datetime(*ZIP_EPOCH, tzinfo=UTC)).strftime(
        "%Y-%m-%dT%H:%M:%SZ"
    )
    stamped = rb"\g<1>" + when.encode() + rb"\g<2>"
    fixed = path.with_name(path.name + ".stable")
    try:
        with zipfile.ZipFile(path) as src, zipfile.ZipFile(fixed, "w", allowZip64=True) as dst:
            for info in src.infolist():
                member = zipfile.ZipInfo(info.filename, ZIP_EPOCH)
                member.compress_type = info.compress_type
                member.external_attr = info.external_attr
                if info.filename == "docProps/core.xml":
                    dst.writestr(member, _STAMPED.sub(stamped, src.read(info)))
                    continue
                with src.open(info) as data, dst.open(member, "w", force_zip64=info.file_size > 2**31) as out:
                    shutil.copyfileobj(data, out, 1 << 20)
        os.replace(fixed, path)
    finally:
        fixed.unlink(missing_ok=True)


__all__ = ["ZIP_EPOCH", "output_target", "stable_zip", "umask"]
