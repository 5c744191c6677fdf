"""A county's parameters.json defining one name twice (a copied entry not renamed) stopped the
plugin's import with "FieldInvalid: parameters: parameters defined twice: county.379923.…",
naming neither the file nor what to do (plugin author p37); every other fault of the file names
it. It is a PluginError naming the file, like a name outside the county's namespace."""

from __future__ import annotations

from datetime import date

import pytest

from softenv_core.engine.parameters import DatedValue, Parameter, county_parameters
from softenv_core.errors import PluginError


def test_a_name_defined_twice_names_the_file_and_the_name() -> None:
    one = Parameter("county.379923.extra.points", "r", values=(DatedValue(date(2025, 1, 1), 2),))
    two = Parameter("county.379923.extra.points", "r", values=(DatedValue(date(2025, 1, 1), 6),))
    with pytest.raises(PluginError) as caught:
        county_parameters([one, two], "county.379923", "softenv_county_yunling/parameters.json")
    said = str(caught.value)
    assert "softenv_county_yunling/parameters.json" in said
    assert "'county.379923.extra.points' is defined twice" in said and "rename" in said
