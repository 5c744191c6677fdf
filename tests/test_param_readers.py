"""ParamValue's typed readers (issue 13: no Any in what a plugin is given): each gives the value
as the type a rule expects, or FieldInvalid naming the parameter, where ``int(pv.value)`` took
3.7 as 3 and "3" as 3 without a word."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from softenv_core import FieldInvalid, InputError
from softenv_core.engine.parameters import ParameterSet, baseline_parameters, parse_parameters
from softenv_core.plugin import ParamValue

DAY = date(2025, 1, 1)


def pv(value: object) -> ParamValue:
    return ParamValue("county.379903.x", value, DAY, "ref")  # type: ignore[arg-type]


@given(st.integers(-(10**12), 10**12))
def test_whole_gives_any_int_and_its_integral_decimal_and_float(n: int) -> None:
    assert pv(n).whole() == n
    assert pv(Decimal(n)).whole() == n and type(pv(Decimal(n)).whole()) is int
    if abs(n) < 2**53:  # a float holds every such whole number exactly
        assert pv(float(n)).whole() == n


@given(st.decimals(allow_nan=False, allow_infinity=False, places=2).filter(lambda d: d != d.to_integral_value()))
def test_whole_refuses_a_fraction_naming_the_parameter(d: Decimal) -> None:
    with pytest.raises(FieldInvalid, match=r"county\.379903\.x: expected a whole number"):
        pv(d).whole()


@pytest.mark.parametrize("value", ["3", True, None, [3], {"a": 3}])
def test_whole_refuses_what_int_would_have_taken_or_choked_on(value: object) -> None:
    with pytest.raises(
        FieldInvalid, match=r"county\.379903\.x: expected a whole number, got .* \(in force from 2025-01-01\)"
    ):
        pv(value).whole()


@given(st.one_of(st.integers(-(10**9), 10**9), st.decimals(allow_nan=False, allow_infinity=False, places=3)))
def test_number_is_exact(value: int | Decimal) -> None:
    assert pv(value).number() == Decimal(value)
    assert type(pv(value).number()) is Decimal


def test_number_takes_a_float_by_its_repr_and_refuses_text() -> None:
    assert pv(0.1).number() == Decimal("0.1")  # not 0.1000000000000000055…
    with pytest.raises(FieldInvalid, match="expected a number"):
        pv("0.1").number()


def test_text_texts_and_mappings() -> None:
    assert pv("B").text() == "B"
    assert pv(("a", "b")).texts() == ("a", "b") and pv(["a"]).texts() == ("a",)
    with pytest.raises(FieldInvalid, match="expected a list of text"):
        pv(("a", 1)).texts()
    with pytest.raises(FieldInvalid, match="expected text"):
        pv(3).text()
    assert pv({"a": 1, "b": 2.5}).number_by_key() == {"a": Decimal(1), "b": Decimal("2.5")}
    assert pv({"a": 1}).whole_by_key() == {"a": 1}
    with pytest.raises(FieldInvalid, match=r"county\.379903\.x\.b: expected a whole number"):
        pv({"a": 1, "b": 2.5}).whole_by_key()
    with pytest.raises(FieldInvalid, match="expected a mapping"):
        pv([1]).mapping()


def test_every_city_parameter_reads_as_the_rules_read_it() -> None:
    """The city baseline's values pass the readers its rules use (a parameter file edited to a
    fraction or a text now stops the rule that reads it, naming the parameter)."""
    params = baseline_parameters()
    for p in params.parameters:
        for dated in p.values:
            value = params.get(p.name, dated.effective_from)
            if isinstance(dated.value, bool):
                continue
            if isinstance(dated.value, int):
                assert value.whole() == dated.value
            elif isinstance(dated.value, str):
                assert value.text() == dated.value
            elif isinstance(dated.value, (list, tuple)) and all(isinstance(v, str) for v in dated.value):
                assert value.texts() == tuple(dated.value)


@given(
    st.one_of(
        st.integers(),
        st.text(max_size=5),
        st.floats(allow_nan=False, allow_infinity=False),
        st.none(),
        st.lists(st.booleans()),
    )
)
def test_boolean_is_true_or_false_only(value: object) -> None:
    """A switch reads JSON's true/false; 1, 0, "true" or null are refused, naming the parameter."""
    with pytest.raises(FieldInvalid, match=r"county\.379903\.x: expected true or false"):
        pv(value).boolean()


def test_boolean_reads_true_and_false() -> None:
    assert pv(True).boolean() is True and pv(False).boolean() is False


def test_a_parameter_file_may_hold_a_switch_but_not_null() -> None:
    """A county's boolean parameter was refused as "unsupported" though ParamData and the rule's
    reader admit it (plugin author p32 6f); null is refused saying why, naming its date."""
    doc = {
        "schema": "softenv.parameters",
        "version": 1,
        "parameters": [
            {
                "name": "county.379903.extra.on",
                "reference": "r",
                "values": [{"effective_from": "2024-01-01", "value": True}],
            }
        ],
    }
    (param,) = parse_parameters(json.dumps(doc))
    assert ParameterSet((param,)).get("county.379903.extra.on", date(2025, 1, 1)).boolean() is True
    doc["parameters"][0]["values"][0]["value"] = None  # type: ignore[index]
    with pytest.raises(
        InputError,
        match=r"\$\.parameters\[0\] \(county\.379903\.extra\.on\)\.values: .*the value from 2024-01-01 is null",
    ):
        parse_parameters(json.dumps(doc))


def test_a_parameter_s_values_are_of_one_kind() -> None:
    """A switch written ``false`` then ``"true"`` loaded, and failed only on the day a rule read
    the later value (plugin author p33); whole numbers and fractions are one kind."""
    doc = {
        "schema": "softenv.parameters",
        "version": 1,
        "parameters": [
            {
                "name": "county.379903.extra.on",
                "reference": "r",
                "values": [
                    {"effective_from": "2024-01-01", "value": False},
                    {"effective_from": "2025-07-01", "value": "true"},
                ],
            }
        ],
    }
    with pytest.raises(InputError, match=r"different kinds \(true or false from 2024-01-01, text from 2025-07-01\)"):
        parse_parameters(json.dumps(doc))
    doc["parameters"][0]["values"] = [  # type: ignore[index]
        {"effective_from": "2024-01-01", "value": 3},
        {"effective_from": "2025-07-01", "value": 3.5},
    ]
    (param,) = parse_parameters(json.dumps(doc))
    assert ParameterSet((param,)).get("county.379903.extra.on", date(2025, 8, 1)).number() == Decimal("3.5")
