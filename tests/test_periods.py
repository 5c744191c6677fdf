from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from softenv_core import BEIJING, HalfYear, Month, Year
from softenv_core.model.periods import beijing_date
from softenv_core.testing import months


def test_month_parses_prints_and_orders():
    assert str(Month.parse("2025-03")) == "2025-03"
    assert Month.parse("2024-12") < Month.parse("2025-01")
    assert Month(2025, 12) + 1 == Month(2026, 1)
    assert Month(2025, 1) - 1 == Month(2024, 12)
    assert Month(2024, 2).last_day == date(2024, 2, 29)
    assert Month(2025, 3).end == datetime(2025, 4, 1, tzinfo=BEIJING)


@pytest.mark.parametrize("bad", ["2025-3", "2025-13", "25-03", "2025-00", ""])
def test_month_rejects_malformed_text(bad):
    with pytest.raises(ValueError, match="month"):
        Month.parse(bad)


def test_half_year_and_year():
    assert str(HalfYear.parse("2025-H2")) == "2025-H2"
    assert HalfYear(2025, 2).months[0] == Month(2025, 7)
    assert Month(2025, 6).half == HalfYear(2025, 1)
    assert len(Year(2025).months) == 12
    assert str(Year.parse("2025")) == "2025"
    with pytest.raises(ValueError, match="half"):
        HalfYear.parse("2025-H3")


@given(months(), st.integers(-40, 40))
def test_month_arithmetic_is_invertible(m, n):
    assert (m + n) - n == m
    assert ((m + n) > m) == (n > 0)


def test_beijing_date_uses_beijing_whatever_the_offset():
    # 16:30 UTC on 7 April is 00:30 on 8 April in Beijing.
    assert beijing_date(datetime(2024, 4, 7, 16, 30, tzinfo=UTC)) == date(2024, 4, 8)
    with pytest.raises(ValueError, match="naive"):
        beijing_date(datetime(2024, 4, 7, 16, 30))


@given(months(), months())
def test_months_are_equal_and_hash_alike_exactly_when_year_and_month_agree(a, b):
    same = (a.year, a.month) == (b.year, b.month)
    assert (a == b) is same and (a != b) is not same
    if same:
        assert hash(a) == hash(b)
    assert ({a: 1} | {b: 2})[a] == (2 if same else 1)


def test_a_month_is_not_equal_to_its_text_or_to_a_half_year():
    assert Month(2025, 1) != "2025-01" and Month(2025, 1) != HalfYear(2025, 1)
    assert HalfYear(2025, 1).months == tuple(Month(2025, m) for m in range(1, 7))
    assert HalfYear(2025, 2).months == tuple(Month(2025, m) for m in range(7, 13))


def test_month_arithmetic_matches_relativedelta_on_the_first_day() -> None:
    # Month + n counts months as ints; it must agree with calendar arithmetic everywhere.
    from dateutil.relativedelta import relativedelta

    for start in (Month(1999, 1), Month(2024, 12), Month(2025, 2), Month(2025, 7)):
        for n in range(-30, 31):
            d = start.first_day + relativedelta(months=n)
            assert start + n == Month(d.year, d.month)
            assert start - n == start + (-n)
    with pytest.raises(ValueError, match="Non-integer"):
        Month(2025, 1) + 1.5  # type: ignore[operator]
    with pytest.raises(ValueError, match="out of range"):
        Month(2999, 12) + 1
