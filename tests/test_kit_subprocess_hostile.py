"""The kit's subprocess (hash_seeds.py, clock.py) against a plugin that writes to its output
or leaves a process behind (attacker x23): the answers come back through a file, so a
plugin's ``print`` cannot spoil them, and no pipe is left for a process the plugin started to
hold open."""

from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path

import pytest

from softenv_core.testing import hash_seeds

BAIHE = Path(__file__).resolve().parents[1] / "plugins" / "softenv-county-baihe" / "src" / "softenv_county_baihe"


def _plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, extra: str):
    shutil.copytree(BAIHE, tmp_path / name)
    with (tmp_path / name / "__init__.py").open("a", encoding="utf-8") as f:
        f.write(extra)
    monkeypatch.syspath_prepend(str(tmp_path))
    return __import__(name)


@pytest.mark.slow  # starts a process (docs: the fast suite leaves these out)
def test_a_plugin_that_prints_is_checked_not_crashed(tmp_path, monkeypatch):
    """A ``print`` at import went to the subprocess's stdout before its JSON: the check raised
    JSONDecodeError instead of answering."""
    plugin = _plugin(tmp_path, monkeypatch, "chatty_x23", '\nprint("loaded", flush=True)\n')
    assert hash_seeds.finish(hash_seeds.start(plugin, "baihe", "379922"), plugin, "baihe", "379922") is None


@pytest.mark.slow  # starts a process (docs: the fast suite leaves these out)
def test_a_process_the_plugin_leaves_behind_does_not_hold_the_check(tmp_path, monkeypatch):
    """A process started by the plugin inherited the subprocess's output pipe, and the check
    waited for it to close: here 30 s, a daemon forever."""
    extra = f"\nimport subprocess, sys\nsubprocess.Popen([{sys.executable!r}, '-c', 'import time; time.sleep(30)'])\n"
    plugin = _plugin(tmp_path, monkeypatch, "lingering_x23", extra)
    started = time.perf_counter()
    assert hash_seeds.finish(hash_seeds.start(plugin, "baihe", "379922"), plugin, "baihe", "379922") is None
    assert time.perf_counter() - started < 25
