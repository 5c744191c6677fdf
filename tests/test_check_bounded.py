"""``softenv plugins --check``'s time limit is bounded (attacker x74 09): each try runs in a thread
of its own (testing.time_limit.bounded), and one that catches the limit's exception every time
is abandoned GRACE seconds past the limit, a fault naming plugin, hook and limit."""

from __future__ import annotations

import contextlib
import decimal
import time
from datetime import date
from typing import Any

import pytest

from softenv_core import ComplaintSla, PluginInfo, get_plugin_manager, hookimpl
from softenv_core.testing.check_fixes import TIME_LIMIT_FIX
from softenv_core.testing.plugin_check import check_installed
from softenv_core.testing.time_limit import GRACE, TimeLimitExceeded, bounded


def _stubborn(seconds: float) -> str:
    """Runs ``seconds``, catching every exception on the way (the check's included)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        with contextlib.suppress(BaseException):
            time.sleep(0.02)
    return "done"


def test_bounded_gives_the_result_the_exception_and_the_callers_decimal_context() -> None:
    assert bounded(None, "x", lambda: 1) == 1
    assert bounded(5, "x", lambda: 2) == 2
    with pytest.raises(KeyError, match="k"):
        bounded(5, "x", lambda: {}["k"])
    with decimal.localcontext() as ctx:
        ctx.prec = 5
        assert bounded(5, "x", lambda: decimal.getcontext().prec) == 5


def _loop() -> None:
    while True:  # stopped by the limit's exception, which it does not catch
        time.sleep(0.01)


def test_bounded_stops_an_ordinary_loop_at_the_limit() -> None:
    started = time.monotonic()
    with pytest.raises(TimeLimitExceeded, match=r"^rule r did not return within 0.2 s \(the check's time limit\)$"):
        bounded(0.2, "rule r", _loop)
    assert time.monotonic() - started < 2


def test_bounded_abandons_a_try_that_catches_the_limit() -> None:
    started = time.monotonic()
    with pytest.raises(TimeLimitExceeded) as caught:
        bounded(0.3, "hook h, rule r", lambda: _stubborn(0.3 + GRACE + 2))
    took = time.monotonic() - started
    assert 0.3 + GRACE - 0.1 < took < 0.3 + GRACE + 1.5, took
    assert "hook h, rule r did not return within 0.3 s" in str(caught.value)
    assert "nor stop when told to" in str(caught.value) and "abandoned after 2.3 s" in str(caught.value)


class _StubbornLimits:
    """A county's complaint limits hook that catches the limit for 5 s on its first call (the
    check asked it without a limit at all)."""

    def __init__(self) -> None:
        self.calls = 0

    @hookimpl
    def softenv_plugin_info(self) -> PluginInfo:
        return PluginInfo(county="379902", title="东城区", reference="东经贸〔2025〕1号")

    @hookimpl
    def softenv_complaint_sla(self, kind: Any, calendar: Any, params: Any, on: date) -> ComplaintSla | None:
        self.calls += 1
        if self.calls == 1:
            _stubborn(5)
        return None


def test_plugins_check_bounds_the_complaint_limits_hook_too() -> None:
    pm = get_plugin_manager(allow=[])
    pm.register(_StubbornLimits(), "evil")
    started = time.monotonic()
    faults = check_installed(pm, 2025, time_limit=0.5)
    assert time.monotonic() - started < 4.5, faults
    (fault,) = [f for f in faults if f.plugin == "evil"]
    assert fault.hook == "softenv_complaint_sla" and fault.fix == TIME_LIMIT_FIX
    assert "did not return within 0.5 s" in fault.problem, fault


def test_the_kits_quiet_stdout_passes_the_commands_own_output_and_is_put_back() -> None:
    """r66 01: the kit's search keeps off stdout, an abandoned one too, while what the command
    itself writes goes on to its stdout; with no search running, stdout is as it was."""
    import io
    import sys

    from softenv_core.testing.kit_stdout import search_quietly

    def prints(text: str, then: float = 0) -> str:
        print(text)
        return _stubborn(then)

    real = io.StringIO()
    old = sys.stdout
    sys.stdout = real
    try:
        assert search_quietly(5, "search", lambda: prints("HONEST")) == "done"
        assert sys.stdout is real  # put back: no search runs
        with pytest.raises(TimeLimitExceeded, match="abandoned"):
            search_quietly(0.2, "search", lambda: prints("STUBBORN", 0.2 + GRACE + 1))
        print("THE-COMMANDS-OWN")  # the abandoned search runs on meanwhile
        sys.stdout.flush()
        time.sleep(1.2)
    finally:
        sys.stdout = old
    assert real.getvalue() == "THE-COMMANDS-OWN\n"
