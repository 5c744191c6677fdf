"""The time limit of ``softenv plugins --check``: a plugin's hook, rule or 十佳 condition that
does not return within it is a fault of that plugin, named with its hook and rule, and the
check goes on with the next (plugin author p38: a rule that never returned hung ``--check``
for good, with nothing said).

The limit belongs to the check command alone (``check_all(..., time_limit=…)``, which the CLI
passes :data:`CHECK_TIME_LIMIT`): never to ``assess`` nor any analysis, whose callers (a
service with its own request timeout, a batch job) decide how long their work may take, nor to
``check_plugin`` / ``assert_conforms``, which run in the author's test runner (pytest-timeout
is the tool there). A check run is the one place where running a county's untried code on
generated data is the point and where nobody waits on a figure.

How: in the main thread where the platform has ``SIGALRM`` (Linux, macOS) and no interval
timer is already running, ``signal.setitimer``; anywhere else (Windows, another thread) a
watchdog thread raising the exception in the checked thread
(``PyThreadState_SetAsyncExc``). Either interrupts Python code (a loop that never ends); a
call blocked inside C (a socket read with no timeout) is interrupted by the first on return
from the system call, by the second only when it returns. Once the limit is passed, the
exception is raised again every :data:`AGAIN` seconds until the block ends, so code that
catches the first (the conformance kit's search retrying a failed example) is stopped too.
"""

from __future__ import annotations

import ctypes
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

#: Seconds a plugin's hook, rule or condition may take in one try of ``plugins --check`` (each
#: rule alone on the demo city, three seeds): a rule at 1 ms a point takes well under a second.
CHECK_TIME_LIMIT = 30.0
#: Seconds between the exception raised again once the limit is passed.
AGAIN = 0.5


class TimeLimitExceeded(BaseException):  # the name says what happened, as TimeoutError does
    """A plugin's call ran past the check's time limit. A BaseException, so that a rule's own
    ``except Exception`` does not swallow it; the engine reports it as the rule's PluginError
    (``rule X raised TimeLimitExceeded: …``)."""


@contextmanager
def time_limit(seconds: float | None, what: str) -> Iterator[None]:
    """Raise :class:`TimeLimitExceeded` in this thread when the block runs past ``seconds``
    (``what`` names what was running, in the message); None: no limit."""
    if seconds is None:
        yield
        return
    message = f"{what} did not return within {seconds:g} s (the check's time limit)"
    main = threading.current_thread() is threading.main_thread()
    if main and hasattr(signal, "setitimer") and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0):
        with _by_signal(seconds, message):
            yield
    else:
        with _by_watchdog(seconds, message):
            yield


@contextmanager
def _by_signal(seconds: float, message: str) -> Iterator[None]:
    active = [True]

    def alarm(signum: int, frame: FrameType | None) -> None:
        if active[0]:  # the block has ended: a last alarm in flight says nothing
            raise TimeLimitExceeded(message)

    old = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds, AGAIN)
    try:
        yield
    finally:
        active[0] = False
        try:
            signal.setitimer(signal.ITIMER_REAL, 0)
        finally:
            signal.signal(signal.SIGALRM, old)


@contextmanager
def _by_watchdog(seconds: float, message: str) -> Iterator[None]:
    target = threading.get_ident()
    done = threading.Event()

    def _init(self: BaseException, *args: object) -> None:
        BaseException.__init__(self, *(args or (message,)))

    # PyThreadState_SetAsyncExc raises a class without arguments: the message rides on the class,
    # which keeps the name the engine's message shows ("raised TimeLimitExceeded: …").
    exceeded = type("TimeLimitExceeded", (TimeLimitExceeded,), {"__init__": _init})

    def watch() -> None:
        if done.wait(seconds):
            return
        while not done.is_set():
            ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(target), ctypes.py_object(exceeded))
            done.wait(AGAIN)

    watchdog = threading.Thread(target=watch, name="softenv-check-time-limit", daemon=True)
    watchdog.start()
    try:
        yield
    finally:
        done.set()
        watchdog.join()
        # An exception set just before done.set() and not yet raised is withdrawn (NULL clears it).
        ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(target), None)


__all__ = ["AGAIN", "CHECK_TIME_LIMIT", "TimeLimitExceeded", "time_limit"]
