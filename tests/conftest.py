"""Test settings: hypothesis profiles by test weight (tests/weights.py).

The ``ci`` profile (bounded, derandomized) is used when CI is set, ``dev`` otherwise. Shared
data is built once: the kit's ``softenv_small_dataset`` fixture is session-scoped (records are
frozen), the fuzz tests' base document is read once per module.
"""

from __future__ import annotations

from .weights import load

load()
