"""Every public analysis runs under Python's default decimal context, whatever the caller's
thread has set (review r30): with ``prec = 4`` ``assess`` failed with a bare ``ValueError``
(``points 100 cannot be rounded to cents``), and a precision that did not fail would have given
a figure silently wrong. The caller's context is theirs again when the call returns."""

from __future__ import annotations

import decimal
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import softenv_core as se
from softenv_core.engine.decimal_context import in_analysis_context

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "small-dataset.json"
DS = se.loads_dataset(EXAMPLE.read_text(encoding="utf-8"))
MONTH = se.Month(2025, 3)

CALLS: dict[str, Callable[[], Any]] = {
    "assess": lambda: se.assess(DS, 2025, audience=se.CITY_OFFICE).to_json(),
    "assess, county": lambda: se.assess(DS, 2025, audience="county:379902").to_json(),
    "monitoring_report": lambda: se.render_markdown(se.monitoring_report(DS, MONTH, audience=se.CITY_OFFICE)),
    "year_end": lambda: se.render_yearend(se.year_end(DS, 2025, audience=se.CITY_OFFICE)),
    "explain_county": lambda: se.explain_county(se.assess(DS, 2025, audience=se.CITY_OFFICE).county("379902")),
    "complaint rates": lambda: repr(se.monitoring_report(DS, MONTH, audience=se.CITY_OFFICE).unit_rates),
}


def _hostile(ctx: decimal.Context) -> None:
    ctx.prec = 4
    ctx.rounding = decimal.ROUND_DOWN
    ctx.traps[decimal.Inexact] = True


@pytest.mark.parametrize("name", CALLS)
def test_a_caller_s_decimal_context_changes_no_figure_and_is_kept(name: str) -> None:
    expected = CALLS[name]()
    with decimal.localcontext() as ctx:
        _hostile(ctx)
        got = CALLS[name]()
        assert decimal.getcontext().prec == 4 and decimal.getcontext().traps[decimal.Inexact]  # theirs again
        assert decimal.getcontext().rounding == decimal.ROUND_DOWN
    assert got == expected


def test_a_generator_function_is_refused_by_the_decorator() -> None:
    def steps() -> Any:
        yield decimal.Decimal(1) / 3

    with pytest.raises(TypeError, match="generator function"):
        in_analysis_context(steps)
