"""What a folder holds beside the set of outputs softenv wrote there (``demo --out DIR``).

A set's manifest (``.softenv-set``) lists each file the set wrote with the SHA-256 of what it
wrote, in the form ``sha256sum`` writes and checks (``sha256sum -c .softenv-set`` in the folder
tells which files were changed). The set is replaced as a whole only when the folder holds it
and nothing else: a file the user added (a Word report made from its dataset.json, notes, a
subfolder) or a listed file changed since (dataset.json edited in place) is hers, and the
swap that replaces the folder would delete it (attacker x60 02).
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Mapping
from pathlib import Path, PurePosixPath

#: The manifest of a published set, written into it last: it marks a folder softenv may replace.
MANIFEST = ".softenv-set"

#: Files the system adds to a folder someone opened (Finder's view settings, Explorer's
#: thumbnails and folder settings): not the user's work, and made again when she opens the new
#: set; they go with the previous set rather than refuse it.
SYSTEM_FILES = frozenset({".DS_Store", "Thumbs.db", "desktop.ini"})

#: A manifest line: the digest, two spaces, the file's path in the set (``/`` between folders).
_LINE = re.compile(r"([0-9a-f]{64})  (.+)")


def manifest_text(files: Mapping[str, str]) -> str:
    """The manifest of a set of files (relative path → text, written as UTF-8 unchanged)."""
    return "".join(f"{hashlib.sha256(files[name].encode('utf-8')).hexdigest()}  {name}\n" for name in sorted(files))


def _listed(folder: Path) -> dict[str, str | None]:
    """The files the manifest in ``folder`` lists, each with its digest; None where a manifest
    of an earlier version lists names alone (its files cannot be told changed or not)."""
    listed: dict[str, str | None] = {}
    for line in (folder / MANIFEST).read_text(encoding="utf-8", errors="replace").splitlines():
        m = _LINE.fullmatch(line)
        if m:
            listed[m[2]] = m[1]
        elif line:
            listed[line] = None
    return listed


def _digest(path: Path) -> str:
    try:
        with open(path, "rb") as fh:
            return hashlib.file_digest(fh, "sha256").hexdigest()
    except OSError:  # unreadable now: not as the set wrote it
        return ""


def _raise(exc: OSError) -> None:
    raise exc


def not_the_set(folder: Path) -> tuple[list[str], list[str]]:
    """What in ``folder`` (an existing directory) a replacement would delete that is not the
    previous set: the entries no manifest lists (a folder shown with its ``/``), and the listed
    files changed since they were written. Without a manifest everything in it is the former.
    Raises OSError where the folder cannot be read."""
    if not (folder / MANIFEST).is_file():
        return [e.name + "/" if e.is_dir() else e.name for e in sorted(os.scandir(folder), key=lambda e: e.name)], []
    listed = _listed(folder)
    held = {str(parent) for name in listed for parent in PurePosixPath(name).parents}
    other: list[str] = []
    changed: list[str] = []
    for root, dirs, names in os.walk(folder, onerror=_raise):  # a folder it cannot read is not passed over
        here = Path(root)
        rel = here.relative_to(folder).as_posix()
        prefix = "" if rel == "." else f"{rel}/"
        for d in sorted(dirs):
            if f"{prefix}{d}" not in held or (here / d).is_symlink():
                other.append(f"{prefix}{d}/")
                dirs.remove(d)  # not walked: a folder of hers is named once, not file by file
        for n in sorted(names):
            name = f"{prefix}{n}"
            if name == MANIFEST or (name not in listed and n in SYSTEM_FILES):
                continue
            if name not in listed:
                other.append(name)
            elif (digest := listed[name]) is not None and _digest(here / n) != digest:
                changed.append(name)
    return other, changed


__all__ = ["MANIFEST", "SYSTEM_FILES", "manifest_text", "not_the_set"]
