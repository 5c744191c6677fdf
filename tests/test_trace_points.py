"""to_points has fast paths for a Decimal and a plain int; every path gives the same points."""

from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from softenv_core.engine.trace import to_points


@pytest.mark.parametrize("value", [0, 3, -7, 10**6, Decimal("2.345"), Decimal("-0.005"), 2.5, Decimal(4)])
def test_to_points_is_the_half_up_two_place_decimal_of_the_value(value: object) -> None:
    expected = Decimal(repr(value) if isinstance(value, float) else value).quantize(Decimal("0.01"), "ROUND_HALF_UP")
    got = to_points(value)
    assert type(got) is Decimal
    assert got == expected
    assert got.as_tuple().exponent == -2


@pytest.mark.parametrize("value", [True, False, "3", None])
def test_to_points_refuses_bools_and_non_numbers(value: object) -> None:
    with pytest.raises(TypeError, match="points must be a number"):
        to_points(value)


def test_to_points_refuses_non_finite() -> None:
    with pytest.raises(ValueError, match="finite"):
        to_points(Decimal("NaN"))


@given(
    st.one_of(
        st.decimals(allow_nan=False, allow_infinity=False, places=4, min_value=-(10**6), max_value=10**6),
        st.integers(-(10**9), 10**9),
    )
)
def test_to_points_is_quantize_with_rounding_by_keyword(value: Decimal | int) -> None:
    # to_points passes the rounding by position (faster); the answer must be the keyword form's.
    expected = Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    expected = expected or Decimal("0.00")  # zero is written 0.00, never -0.00 (integrator i47 03)
    got = to_points(value)
    assert got == expected and got.as_tuple() == expected.as_tuple()
