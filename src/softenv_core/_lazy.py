"""Lazy re-exports for a public surface: each name is imported from its submodule on first use.

The two surfaces (``softenv_core`` for integrators, ``softenv_core.plugin`` for plugin
authors) and the testing kit use it, so that ``import softenv_core`` (and so
``softenv --help``) and the pytest / hypothesis entry points of the kit stay cheap.

Each surface keeps ONE table, ``_WHERE`` (public name -> submodule); its ``__all__``,
``__getattr__`` and ``__dir__`` all come from that table, and a test checks the table
against the surface's ``TYPE_CHECKING`` imports (what type checkers see).
"""

from __future__ import annotations

import importlib

TYPE_CHECKING = False  # typing's, without importing it or collections: softenv_core/__init__.py says why
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping
    from typing import Any


def lazy_exports(
    package: str, namespace: dict[str, Any], where: Mapping[str, str], root: str | None = None
) -> tuple[Callable[[str], Any], Callable[[], list[str]], list[str]]:
    """``__getattr__``, ``__dir__`` and ``__all__`` for ``package`` from ``where`` (name -> submodule).

    Submodules are relative to ``root`` (default ``package``). ``__dir__`` lists the public
    names only: the helpers a surface module needs to build itself (``lazy_exports``,
    ``TYPE_CHECKING``, ``annotations`` …) are not part of it.
    """
    base = root or package
    names = sorted(where)

    def getattr_(name: str) -> Any:
        module = where.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{base}.{module}"), name)
        namespace[name] = value  # later lookups skip this function
        return value

    def dir_() -> list[str]:
        return list(names)

    return getattr_, dir_, list(names)
