"""pytest fixtures for rule authors (entry point ``pytest11``: ``softenv``).

This module imports nothing of softenv_core until a fixture is used, so that installing the
testing kit costs other test suites nothing.

- ``softenv_plugin_manager``: a fresh plugin manager with the city baseline only.
- ``softenv_register``: ``softenv_register(plugin, name)`` registers a plugin into that
  manager for this test only and returns the manager.
- ``softenv_small_dataset``: three counties, two points each, a full year of on-time records.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Protocol

import pytest

if TYPE_CHECKING:
    from softenv_core.engine.manager import SoftenvPluginManager
    from softenv_core.model.dataset import Dataset


class RegisterPlugin(Protocol):
    """The ``softenv_register`` fixture's type, for a test typed under ``mypy --strict``:
    ``def test_case(case: Case, softenv_register: RegisterPlugin) -> None``."""

    def __call__(self, plugin: object, name: str | None = None) -> SoftenvPluginManager: ...


@pytest.fixture
def softenv_plugin_manager() -> SoftenvPluginManager:
    """A fresh plugin manager: the city baseline, no installed plugins."""
    from softenv_core.rules.registry import get_plugin_manager

    return get_plugin_manager(autoload=False)


@pytest.fixture
def softenv_register(
    softenv_plugin_manager: SoftenvPluginManager,
) -> Iterator[RegisterPlugin]:
    """Register plugins for this test only: ``pm = softenv_register(plugin, "name")``."""
    names: list[str] = []

    def register(plugin: object, name: str | None = None) -> SoftenvPluginManager:
        registered = softenv_plugin_manager.register(plugin, name=name)
        if registered:
            names.append(registered)
        return softenv_plugin_manager

    yield register
    for name in names:
        if softenv_plugin_manager.has_plugin(name):
            softenv_plugin_manager.unregister(name=name)


@pytest.fixture(scope="session")
def softenv_small_dataset() -> Dataset:
    """A small valid dataset of 2025 (see softenv_core.testing.small_dataset), built once per
    session: a Dataset is frozen, so no test can change it for the next."""
    from softenv_core.testing.builders import small_dataset

    return small_dataset(2025)
