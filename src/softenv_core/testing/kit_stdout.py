"""The conformance kit's search in ``softenv plugins --check``, kept off the command's stdout
(reviewer r66 01).

The search prints: hypothesis reports a failing example on stdout, and so would a plugin that
prints; ``plugins --check --format json`` writes its JSON document there, which one stray line
breaks. The search runs under :func:`testing.time_limit.bounded`, in a thread of its own, and a
search that catches the limit's exception is abandoned, left running after the check has moved
on. ``contextlib.redirect_stdout`` around the wait covered only the wait: once it gave up and put
``sys.stdout`` back, the abandoned search printed into the command's real stdout.

So :func:`search_quietly` makes ``sys.stdout`` a :class:`_Routed` stream, which drops what a
thread running a search writes for as long as that search runs (an abandoned one until the
process ends), and, while the check waits on a search, what any thread writes (as the redirect
did: a thread the plugin starts is covered then); whatever else is written goes on to the
stream it replaced, which is where the command's own output goes. It stays installed while an
abandoned search runs, and is put back once no search is running.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterable
from typing import TextIO, TypeVar, cast

from softenv_core.testing.time_limit import bounded

T = TypeVar("T")

_LOCK = threading.Lock()
# The threads running a search (their idents), abandoned ones included, and how many searches
# the check is waiting on: shared by every _Routed installed, so that one installed after an
# abandoned search began (sys.stdout replaced in between) still drops what it writes.
_SEARCHING: set[int] = set()
_WAITING = [0]


def _dropped() -> bool:
    return _WAITING[0] > 0 or threading.get_ident() in _SEARCHING


class _Routed:
    """``sys.stdout`` while searches run: the writes of a search's thread dropped (see above), the
    rest passed on to ``through``, whose other attributes (encoding, isatty, …) it answers with."""

    def __init__(self, through: TextIO) -> None:
        self.through = through

    def write(self, text: str) -> int:
        return len(text) if _dropped() else self.through.write(text)

    def writelines(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        if not _dropped():
            self.through.flush()

    def __getattr__(self, name: str) -> object:
        return getattr(self.through, name)


def search_quietly(limit: float | None, what: str, run: Callable[[], T]) -> T:
    """``bounded(limit, what, run)``, nothing ``run`` prints reaching stdout, even after it is
    abandoned; stdout as it was once no search is running."""

    def search() -> T:
        me = threading.get_ident()
        with _LOCK:
            _SEARCHING.add(me)
        try:
            return run()
        finally:  # the thread ends here: its ident may be given to a new thread
            with _LOCK:
                _SEARCHING.discard(me)

    with _LOCK:
        if not isinstance(sys.stdout, _Routed):
            sys.stdout = cast(TextIO, _Routed(sys.stdout))
        routed = cast(_Routed, sys.stdout)
        _WAITING[0] += 1
    try:
        return bounded(limit, what, search)
    finally:
        with _LOCK:
            _WAITING[0] -= 1
            # Put back only here, in the check's thread: an abandoned search's thread setting
            # sys.stdout when it ends could undo what the program set meanwhile.
            if not _SEARCHING and not _WAITING[0] and sys.stdout is routed:
                sys.stdout = routed.through


__all__ = ["search_quietly"]
