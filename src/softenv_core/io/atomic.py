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
import stat
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


__all__ = ["output_target", "umask"]
