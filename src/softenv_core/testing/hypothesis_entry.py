"""Entry point for hypothesis (group ``hypothesis``): registers strategies for st.from_type.

Hypothesis runs its entry points from inside ``import hypothesis``, and
``softenv_core.testing.strategies`` imports hypothesis at its top. When the strategies module
is what first imports hypothesis (``from softenv_core.testing import datasets`` in a fresh
interpreter), importing it here would find it half-initialised and fail with a circular
ImportError. So this module never imports the strategies at registration: each type is
registered with a function that imports its strategy when ``st.from_type`` first asks for it,
by which time every import has finished.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from softenv_core.testing._from_type import STRATEGY_OF

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy


def _deferred(name: str) -> Callable[[type], SearchStrategy[Any]]:
    def resolve(_type: type) -> SearchStrategy[Any]:
        # imported when asked, not when registered: see the module docstring
        from softenv_core.testing import strategies

        strategy: SearchStrategy[Any] = getattr(strategies, name)()
        return strategy

    return resolve


def _register() -> None:
    from hypothesis import strategies as st

    for record_type, name in STRATEGY_OF.items():
        st.register_type_strategy(record_type, _deferred(name))
