"""The signals that end a run as Ctrl-C does, and the one line a run ended so says.

Standard library only, and nothing of it heavy: the ``softenv`` entry (cli/entry.py) imports it
first, before the parser and the library, so that a signal at any point of start-up is told
as one at work (clerk c51 03: Ctrl-C while the parser was built printed a traceback).
"""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any


class Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP, raised where the program is so that it cleans up as after Ctrl-C."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


#: The signals that end a run the way Ctrl-C does: a scheduler's or `timeout`'s SIGTERM, and
#: SIGHUP when the terminal closes (POSIX only). SIGKILL cannot be caught.
CLEAN_EXIT_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


@contextmanager
def sigterm_as_interrupt() -> Iterator[None]:
    """While active, SIGTERM and SIGHUP raise :class:`Terminated`: temporaries are removed on the way out."""
    if threading.current_thread() is not threading.main_thread():
        yield  # signal handlers can only be set from the main thread
        return

    def handler(signum: int, _frame: FrameType | None) -> Any:
        raise Terminated(signum)

    previous = {signum: signal.signal(signum, handler) for signum in CLEAN_EXIT_SIGNALS}
    try:
        yield
    finally:
        for signum, before in previous.items():
            signal.signal(signum, before)


def said_interrupted(exc: KeyboardInterrupt) -> int:
    """Say on stderr that the run was interrupted (Ctrl-C) or terminated (SIGTERM, SIGHUP), in
    one line, and give the exit code a shell gives for the signal: 130, 143 or 129."""
    if isinstance(exc, Terminated):
        print("softenv: terminated", file=sys.stderr)
        return 128 + exc.signum
    print("softenv: interrupted", file=sys.stderr)
    return 130


__all__ = ["CLEAN_EXIT_SIGNALS", "Terminated", "said_interrupted", "sigterm_as_interrupt"]
