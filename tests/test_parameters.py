from datetime import date

import pytest

from softenv_core import InputError, ParameterMissing, baseline_parameters
from softenv_core.engine.parameters import DatedValue, Parameter, ParameterSet, parse_parameters


def test_baseline_values_are_in_force_from_the_seed_date_only():
    params = baseline_parameters()
    pv = params.get("report.due_day", date(2025, 4, 1))
    assert (pv.value, pv.effective_from) == (5, date(2022, 3, 1))
    assert "三(二)" in pv.reference
    with pytest.raises(ParameterMissing) as info:
        params.get("report.due_day", date(2022, 2, 28))
    assert info.value.name == "report.due_day"
    with pytest.raises(ParameterMissing):
        params.get("no.such.parameter", date(2025, 1, 1))


def test_the_value_in_force_at_a_date_is_used():
    p = Parameter("x", "ref", values=(DatedValue(date(2022, 3, 1), 5), DatedValue(date(2026, 1, 1), 3)))
    params = ParameterSet((p,))
    assert params.get("x", date(2025, 12, 31)).value == 5
    assert params.get("x", date(2026, 1, 1)).value == 3
    merged = params.merged([Parameter("x", "county", values=(DatedValue(date(2020, 1, 1), 4),))])
    assert merged.get("x", date(2025, 1, 1)).value == 4


def test_parameter_file_problems_name_their_path():
    text = (
        '{"schema": "softenv.parameters", "parameters": [{"name": "a", "reference": "r", '
        '"values": [{"effective_from": "2022-02-30", "value": 1}]}]}'
    )
    with pytest.raises(InputError, match=r"\$\.parameters\[0\]\.values\[0\]\.effective_from"):
        parse_parameters(text)
    with pytest.raises(ValueError, match="increasing date order"):
        Parameter("b", "r", values=(DatedValue(date(2023, 1, 1), 1), DatedValue(date(2022, 1, 1), 2)))
