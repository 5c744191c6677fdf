"""The names nearest a name typed (softenv_core._near), shared by the command's county names and
the workbook's refusals, which each wrote the same search with their own cut-off."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from softenv_core._near import NEAR_SHOWN, nearest_keys

NAMES = {"379902": "青山县", "379921": "青林区", "379903": "东城区", "379904": "青山县"}


def test_a_part_of_a_name_or_a_name_holding_one_gives_every_key_in_order() -> None:
    assert nearest_keys("青山", NAMES, 0.5) == ["379902", "379904"]
    assert nearest_keys("青山县人社局", NAMES, 0.5) == ["379902", "379904"]


def test_a_name_typed_a_little_wrong_gives_the_close_ones_closest_first() -> None:
    assert nearest_keys("青三县", NAMES, 0.5) == ["379902", "379904"]
    assert nearest_keys("西城区", NAMES, 0.6) == ["379903"]
    assert nearest_keys("完全不同的名字", NAMES, 0.6) == []


@given(st.text(min_size=1, max_size=6), st.dictionaries(st.integers(0, 50), st.text(min_size=1, max_size=6)))
def test_every_key_given_is_one_of_the_mapping_and_a_substring_match_wins(typed: str, named: dict[int, str]) -> None:
    found = nearest_keys(typed, named, 0.6)
    assert set(found) <= set(named)
    held = [k for k, n in named.items() if typed in n or n in typed]
    if held:
        assert found == held
    else:
        assert len({named[k] for k in found}) <= NEAR_SHOWN
