"""The decimal context every public analysis runs in, whatever the caller's thread has set.

Scores, rates and shares are Decimal arithmetic (a division by 12 months, a quantize to cents):
under the caller's context. A host system that set ``decimal.getcontext().prec = 4``, or trapped
``Inexact``, made ``assess`` fail with a bare ``ValueError`` (``points 100 cannot be rounded to
cents``), and a lower precision that did not fail would give a figure silently wrong (review
r30). Each public analysis runs under :data:`ANALYSIS_CONTEXT`, Python's default context (the
one every figure in the docs and tests was computed under), restored for the caller when it
returns. A plugin's rule still gets a copy of its own (engine/answers: a change stays inside).

A foundation module, so that every layer can use it: reading a result back (io/converter's
``from_json``) quantizes its figures as the analysis did, and gave a false InputError under
``prec = 4`` when only the analyses were covered (integrator i48). engine/decimal_context.py
re-exports it under its former name.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from decimal import ROUND_HALF_EVEN, Context, DivisionByZero, InvalidOperation, Overflow, localcontext
from typing import ParamSpec, TypeVar

#: Python's default decimal context (``decimal.DefaultContext`` as shipped): 28 digits, half even,
#: the three traps. Every field given: a field left out is copied from DefaultContext, which a
#: caller may have changed before this module was imported.
ANALYSIS_CONTEXT = Context(
    prec=28,
    rounding=ROUND_HALF_EVEN,
    Emin=-999999,
    Emax=999999,
    capitals=1,
    clamp=0,
    flags=[],
    traps=[InvalidOperation, DivisionByZero, Overflow],
)

P = ParamSpec("P")
R = TypeVar("R")


def in_analysis_context(func: Callable[P, R]) -> Callable[P, R]:
    """``func`` run under :data:`ANALYSIS_CONTEXT`, the caller's context restored when it returns.
    Not for a generator function: its body runs after the call has returned, between steps the
    caller takes (the public analyses return their results whole)."""
    if inspect.isgeneratorfunction(func):
        raise TypeError(f"{func.__qualname__} is a generator function: its steps would run outside the context")

    @functools.wraps(func)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        with localcontext(ANALYSIS_CONTEXT):
            return func(*args, **kwargs)

    return run


__all__ = ["ANALYSIS_CONTEXT", "in_analysis_context"]
