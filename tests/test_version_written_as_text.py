"""A dataset's ``version`` written as text or another JSON type (integrator i36): the loader
said `$.version: expected 1 to 2, got '2'`, which reads as if 2 were out of range; the
problem is that it is the text "2", not the number. The message now says what was written
and what to write."""

import json

import pytest

from softenv_core import InputError, loads_dataset
from softenv_core.io.dataset_files import dataset_json
from softenv_core.testing import small_dataset


@pytest.mark.parametrize(
    ("version", "says"),
    [
        ("2", "$.version: expected 1 to 2, got '2' (a text: write the number 2, without quotes)"),
        (" 1", "$.version: expected 1 to 2, got ' 1' (a text: write the number 1, without quotes)"),
        ("x", "$.version: expected 1 to 2, got 'x' (a text: write the version as a number, 2)"),
        (True, "$.version: expected 1 to 2, got True (true or false: write the version as a number, 2)"),
        (None, "$.version: expected 1 to 2, got None (null: write the version as a number, 2)"),
        ([2], "$.version: expected 1 to 2, got [2] (a list: write the version as a number, 2)"),
        (0, "$.version: expected 1 to 2, got 0"),
    ],
)
def test_a_version_of_another_type_says_what_to_write(version, says):
    doc = json.loads(dataset_json(small_dataset(2025)))
    doc["version"] = version
    with pytest.raises(InputError) as info:
        loads_dataset(doc)
    assert info.value.problems == (says,)
