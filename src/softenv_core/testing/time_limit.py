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

That exception is raised in the plugin's own frames, which may catch it every time (``except
BaseException`` in a loop) or set SIGALRM aside: such a rule held ``--check`` for good
(attacker x74 09). So the check runs each try with :func:`bounded`: in a thread of its own,
under the limit above, while the calling thread waits at most :data:`GRACE` seconds more; a try
still running then is abandoned (left running in the background, the exception still raised in
it every AGAIN seconds) and is the plugin's fault, and the check goes on. A call holding the
interpreter inside C the whole time (one huge C computation) is still not stopped: only another
process could be.
"""

from __future__ import annotations

import contextvars
import ctypes
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any, TypeVar

T = TypeVar("T")

#: Seconds a plugin's hook, rule or condition may take in one try of ``plugins --check`` (each
#: rule alone on the demo city, three seeds): a rule at 1 ms a point takes well under a second.
CHECK_TIME_LIMIT = 30.0
#: Seconds between the exception raised again once the limit is passed.
AGAIN = 0.5
#: Seconds :func:`bounded` waits past the limit for a try told to stop, before it abandons it.
GRACE = 2.0


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
        # An alarm may land before the first line here: raised, it would leave the timer armed and
        # the handler set, and the thread got TimeLimitExceeded every AGAIN seconds for good after
        # the block (a fresh clone's CI worker spent minutes in a test after the kit's). So the
        # cleanup is tried again until it has run whole; once active is False no alarm raises.
        while True:
            try:
                active[0] = False
                signal.setitimer(signal.ITIMER_REAL, 0)
                signal.signal(signal.SIGALRM, old)
                break
            except TimeLimitExceeded:
                continue


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
        # As _by_signal: an exception raised here before done.set() left the watchdog raising in
        # this thread for good; the cleanup is tried again until it has run whole. An exception
        # set just before done.set() and not yet raised is withdrawn (NULL clears it).
        while True:
            try:
                done.set()
                watchdog.join()
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(target), None)
                break
            except TimeLimitExceeded:
                continue


def bounded(seconds: float | None, what: str, run: Callable[[], T]) -> T:
    """``run()``'s result (or what it raised), run under :func:`time_limit` in a thread of its own
    with the caller's context (its decimal context among it); None: ``run()`` here, no limit.
    When it has not ended :data:`GRACE` seconds after the limit (it caught the exception, or waits
    in a call), :class:`TimeLimitExceeded` here, saying so, and the thread is left running."""
    if seconds is None:
        return run()
    ended: list[tuple[bool, Any]] = []
    context = contextvars.copy_context()

    def limited() -> T:
        with time_limit(seconds, what):
            return run()

    def work() -> None:
        try:
            ended.append((True, context.run(limited)))
        except BaseException as exc:  # given to the caller as it was raised
            ended.append((False, exc))

    # A daemon: one abandoned never holds up the command's exit.
    worker = threading.Thread(target=work, name="softenv-check-try", daemon=True)
    worker.start()
    worker.join(seconds + GRACE)
    if not ended:
        raise TimeLimitExceeded(
            f"{what} did not return within {seconds:g} s (the check's time limit), nor stop when told to "
            f"(it catches the limit's exception, or waits in a call): abandoned after {seconds + GRACE:g} s, "
            "still running in the background"
        )
    ok, value = ended[0]
    if ok:
        return value  # type: ignore[no-any-return]  # what run gave
    raise value


__all__ = ["AGAIN", "CHECK_TIME_LIMIT", "GRACE", "TimeLimitExceeded", "bounded", "time_limit"]
