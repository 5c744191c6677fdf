"""Pausing the cyclic garbage collector while building or reading large immutable results.

Loading a province creates millions of small objects and no reference cycles; the cyclic
collector would walk all of them again and again (measured: half the loading time, and the
monthly reports slowing more than linearly). Reference counting still frees everything;
the collector's previous state is restored afterwards, whatever happens.

The pause is process-wide, so it belongs to whoever owns the process: the CLI pauses it
around one command (cli/commands.py). Library calls never do, since another thread of the
caller's may be running; a batch caller of the library may wrap its own work in it.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

#: False where the collector is process-wide shared state that concurrent requests must not
#: toggle (the HTTP service): one thread's pause would pause every thread, and the last to
#: leave may find it was already paused and never resume it.
gc_pause_allowed: ContextVar[bool] = ContextVar("gc_pause_allowed", default=True)


@contextmanager
def paused_gc() -> Iterator[None]:
    if not gc_pause_allowed.get():
        yield
        return
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
