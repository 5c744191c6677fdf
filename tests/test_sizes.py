import pytest

from softenv_core import Size, classify_size
from softenv_core.model.enterprises import organisation_code, sector_of, synthetic_uscc
from softenv_core.model.sizes import industry_row


@pytest.mark.parametrize(
    ("industry", "x", "y", "z", "size"),
    [
        ("C13", 1000, 40000, None, Size.LARGE),
        ("C13", 1000, 39999, None, Size.MEDIUM),  # all bounds must be met: drops a tier
        ("C", 299, 50000, None, Size.SMALL),
        ("C", 19, 50000, None, Size.MICRO),
        ("F52", 300, 20000, None, Size.LARGE),
        ("F52", 49, 20000, None, Size.SMALL),
        ("F51", 20, 5000, None, Size.MEDIUM),
        ("K701", None, 200000, 10000, Size.LARGE),
        ("L", 300, None, 120000, Size.LARGE),
        ("Q", 150, None, None, Size.MEDIUM),
    ],
)
def test_2017_method_highest_tier_whose_bounds_all_hold(industry, x, y, z, size):
    assert classify_size(industry, x, y, z).size is size


def test_classification_says_what_is_missing():
    result = classify_size("C", 100, None, None)
    assert result.size is None and "revenue_wan" in result.reason
    assert classify_size("F", 10, 10, None).size is None  # F splits into 批发 and 零售
    assert industry_row("F") is None and industry_row("F52") == "retail"


def test_sector_derivation_and_synthetic_codes():
    assert sector_of("C13") is not None and sector_of("C13").value == "industry"
    assert sector_of("F52").value == "commerce"
    assert sector_of("I65").value == "services"
    assert sector_of("A") is None
    assert organisation_code("MA000001")[-1] in "0123456789X"
    from stdnum.cn import uscc

    assert uscc.is_valid(synthetic_uscc("379902", 42))
