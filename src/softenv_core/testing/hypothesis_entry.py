"""Entry point for hypothesis (group ``hypothesis``): registers strategies for st.from_type."""

from __future__ import annotations


def _register() -> None:
    from softenv_core.testing.strategies import register_type_strategies

    register_type_strategies()
