"""Test settings: hypothesis profiles by test weight (tests/weights.py).

The ``ci`` profile (bounded, derandomized) is used when CI is set, ``dev`` otherwise. Shared
data is built once: the kit's ``softenv_small_dataset`` fixture is session-scoped (records are
frozen), the fuzz tests' base document is read once per module, the demo city is built once per
process (tests/demo_city.py), and so is the starter workbook (the ``starter`` fixture below),
which is parsed once too (tests/starter_book.py), and the demo's year-end workbook
(``yearend_book``). The service tests share one app per module (``client``) and the example
dataset's bytes (``body``); the auditors' tests the city baseline's manager (``pm``) and their
module's ``DATA`` file loaded (``ds``); a module that needs another defines its own fixture of
the same name. The fast decoder's tests run once with each decoder the loader's counted path may
use (``each_decoder``). The installed entry points are read once while the search path is as
it was (``_entry_points``).
"""

from __future__ import annotations

import gc
import importlib.abc
import importlib.metadata
import importlib.util
import inspect
import os
import subprocess
import sys
import tempfile
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .weights import load

load()

# Bytecode is cached for the test run even where the environment turns it off
# (PYTHONDONTWRITEBYTECODE=1 on this machine): each xdist worker and each `softenv` the CLI tests
# start would otherwise compile the whole package from source again, about a tenth of the
# suite's time. The .pyc files go to __pycache__ (ignored by git).
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
sys.dont_write_bytecode = False

# Temporary files in memory where the machine has a tmpfs and no TMPDIR is set: the tests make
# thousands (each test's tmp_path; every output written atomically through a temporary file;
# openpyxl writes each worksheet through one), and on this machine's disk creating and removing
# them cost a tenth of the file-writing tests' time (measured: 22.6 s -> 20.6 s for the office
# tests and attacker x50's). The library's own choice of folder is not changed.
# Only with room to spare: a run's folders take some 100 MB, pytest keeps the last three runs',
# and a container's /dev/shm may be 64 MB (ENOSPC would fail tests that have nothing wrong).
_SHM = Path("/dev/shm")


def _roomy(folder: Path) -> bool:
    try:
        free = os.statvfs(folder)
    except OSError:
        return False
    return free.f_bavail * free.f_frsize >= 2 << 30 and os.access(folder, os.W_OK | os.X_OK)


if "TMPDIR" not in os.environ and _roomy(_SHM):
    tempfile.tempdir = str(_SHM)

# The cyclic collector runs less often in the test processes: with the default threshold (700
# allocations) each worker spent 5.5-9 s of CPU in it, most of it in 20-40 full collections of a
# heap of cached datasets, strategies and modules; at 10,000, about 3 s (measured with
# gc.callbacks over a whole run). The library's own code is not changed by it, and no test
# depends on when a cycle is freed (the CLI and the benchmarks pause the collector themselves).
gc.set_threshold(10_000, 10, 10)


_POPEN_INIT = subprocess.Popen.__init__
#: The test running now when it may not start a process (its node id), else None.
_NO_PROCESS: list[str | None] = [None]


def _popen_init(self: subprocess.Popen[Any], *args: Any, **kwargs: Any) -> None:
    test = _NO_PROCESS[0]
    if test is not None:
        raise AssertionError(
            f"{test} starts a process ({args[0] if args else kwargs.get('args')!r:.80}): "
            "mark it @pytest.mark.slow (the fast suite starts none; README 'Development')"
        )
    _POPEN_INIT(self, *args, **kwargs)


subprocess.Popen.__init__ = _popen_init  # type: ignore[method-assign]


#: The address of Starlette's in-process test client in these tests: the machine's own. Without
#: keys the service answers loopback only (attacker x71 01) and Starlette's default, the name
#: "testclient", is no address, so refused; the service tests call a keyless app as `softenv
#: serve` on 127.0.0.1 is called. A test of another client gives its own (`client=`).
LOOPBACK_CLIENT = ("127.0.0.1", 50000)


def _loopback_default(module: Any) -> None:
    init = module.TestClient.__init__
    defaulted = [p.name for p in inspect.signature(init).parameters.values() if p.default is not p.empty]
    defaults = list(init.__defaults__)
    at = defaulted.index("client")
    assert defaults[at] in (("testclient", 50000), LOOPBACK_CLIENT), defaults[at]  # Starlette's, as when written
    defaults[at] = LOOPBACK_CLIENT
    init.__defaults__ = tuple(defaults)


class _LoopbackTestClient(importlib.abc.MetaPathFinder):
    """Gives ``starlette.testclient.TestClient`` the default client :data:`LOOPBACK_CLIENT` when
    a test first imports it (not here: importing httpx costs a narrow run a third of a second),
    in every module alike, whether it imports the client at its top or inside a test."""

    def find_spec(self, name: str, path: Any, target: Any = None) -> Any:
        if name != "starlette.testclient":
            return None
        sys.meta_path.remove(self)  # once; the import below finds the module as usual
        spec = importlib.util.find_spec(name)
        if spec is None or spec.loader is None:
            return spec
        load = spec.loader.exec_module

        def exec_module(module: Any) -> None:
            load(module)
            _loopback_default(module)

        spec.loader.exec_module = exec_module  # type: ignore[method-assign]
        return spec


if "starlette.testclient" in sys.modules:  # imported before the tests (by a plugin)
    _loopback_default(sys.modules["starlette.testclient"])
else:
    sys.meta_path.insert(0, _LoopbackTestClient())


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    """A test that starts a process (a fresh interpreter, the CLI in a subprocess, the kit's
    runs under other hash seeds) is marked ``slow``: the fast suite leaves them out (README
    "Tests"; they cost a third of its time) and ``uv run pytest -m slow`` runs them. One that
    is not marked fails here, saying so, rather than slowing the fast suite unseen. (A hook,
    not an autouse fixture: a fixture around each of 3,000 tests cost seconds.)"""
    _NO_PROCESS[0] = None if item.get_closest_marker("slow") is not None else item.nodeid
    try:
        return (yield)
    finally:
        _NO_PROCESS[0] = None


def pytest_collection_finish(session: pytest.Session) -> None:
    """What collection built (the test modules, their strategies and tables) is kept for the
    whole run: moved out of the collector's sight, full collections no longer walk it (measured
    with the threshold above: 6.6 s -> 4.1 s of the workers' CPU in the collector)."""
    gc.collect()
    gc.freeze()


_ENTRY_POINTS = importlib.metadata.entry_points
_FOUND: dict[tuple[object, ...], Any] = {}


def _entry_points(**params: Any) -> Any:
    """importlib.metadata.entry_points, remembered while the search path and its folders are as
    they were: the in-process CLI runs (some two thousand) each read every installed
    distribution's entry_points.txt again, about 1.8 ms a command. A test that installs a fake
    distribution (a folder put on sys.path, or a dist-info written into one: its mtime changes)
    reads afresh; one that replaces entry_points itself (monkeypatch) bypasses this."""
    stamps = []
    for entry in sys.path:
        try:
            stamps.append(os.stat(entry or ".").st_mtime_ns)
        except OSError:
            stamps.append(None)
    key = (tuple(sorted(params.items())), tuple(sys.path), tuple(stamps))
    found = _FOUND.get(key)
    if found is None:
        found = _FOUND[key] = _ENTRY_POINTS(**params)
    return found


importlib.metadata.entry_points = _entry_points  # type: ignore[assignment]


@pytest.fixture(scope="module", params=["msgspec", "stdlib"])
def each_decoder(request: pytest.FixtureRequest) -> Iterator[str]:
    """The module's tests with msgspec's decoder (skipped when it is not installed) and with the
    stdlib's (io/json_text.decoder_name): the loader's counted path is the same for both."""
    from softenv_core.io.json_text import decoder_name

    name: str = request.param
    before = os.environ.get("SOFTENV_JSON_DECODER")
    os.environ["SOFTENV_JSON_DECODER"] = name
    try:
        if decoder_name() != name:
            pytest.skip(f"needs {name} (the fast extra; the dev group has it)")
        yield name
    finally:
        if before is None:
            os.environ.pop("SOFTENV_JSON_DECODER", None)
        else:
            os.environ["SOFTENV_JSON_DECODER"] = before


@pytest.fixture(scope="session")
def starter(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with ``softenv init``'s starter workbook and example dataset, one per test
    process: the office tests only read it (they edit and save copies elsewhere, opened with
    tests/starter_book.py's ``load_workbook``)."""
    from softenv_core.cli.main import main

    folder = tmp_path_factory.mktemp("init")
    assert main(["init", str(folder)]) == 0
    return folder


@pytest.fixture(scope="session")
def yearend_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo's year-end workbook for the city office, as the CLI writes it: one per test
    process (the tests only read it)."""
    from softenv_core.cli.main import main

    from .demo_city import demo_json

    folder = tmp_path_factory.mktemp("xlsx")
    (folder / "d.json").write_text(demo_json(), encoding="utf-8")
    out = folder / "y.xlsx"
    assert main(["yearend", str(folder / "d.json"), "--year", "2025", "--format", "xlsx", "--out", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    """A test client of the service with its default configuration, one per module."""
    with warnings.catch_warnings():  # Starlette 1 prefers httpx2 for its test client; httpx works
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient

    from softenv_core.service.app import create_app

    with TestClient(create_app()) as c:
        yield c


@pytest.fixture(scope="module")
def body() -> bytes:
    """The example dataset (examples/small-dataset.json) as a request body."""
    return (Path(__file__).resolve().parents[1] / "examples" / "small-dataset.json").read_bytes()


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo city's dataset written to a file of the module's own (the command-line tests')."""
    from .demo_city import demo_json

    path = tmp_path_factory.mktemp("demo") / "dataset.json"
    path.write_text(demo_json(), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def pm() -> Any:
    """The city baseline's plugin manager, without the installed county plugins, one per module."""
    from softenv_core.rules.registry import get_plugin_manager

    return get_plugin_manager(autoload=False)


@pytest.fixture(scope="module")
def ds(request: pytest.FixtureRequest) -> Any:
    """The dataset of the module's ``DATA`` file (an auditor's hand-worked one), loaded once per module."""
    from softenv_core import load_dataset

    return load_dataset(request.module.DATA)
