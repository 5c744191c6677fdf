"""An integrator turns a stored value into the enum member the way Python's enum documents it,
``CountyKind("district")`` (integrator i36). The members carry a Chinese label, so the enums'
``__new__`` takes two values, and mypy --strict read every look-up by value through it:
``Missing positional argument "zh" in call to "CountyKind"`` in a script that runs fine. A label
left off a member's definition is still refused when the class is made."""

import subprocess

import pytest

from softenv_core import AudienceKind, ContactMethod, CountyKind, ItemCategory
from softenv_core._validators import LabelledEnum, LabelledStrEnum

from .strict_mypy import STRICT_MYPY


def test_a_look_up_by_value_gives_the_member_with_its_label():
    assert CountyKind("district") is CountyKind.DISTRICT
    assert ItemCategory("difficulty").zh == ItemCategory.DIFFICULTY.zh
    assert AudienceKind("city") is AudienceKind.CITY
    assert ContactMethod("visit") is ContactMethod.from_value("visit")
    with pytest.raises(ValueError, match="'nope' is not a valid CountyKind"):
        CountyKind("nope")


@pytest.mark.parametrize("base", [LabelledEnum, LabelledStrEnum])
def test_a_member_defined_without_its_label_is_refused(base):
    with pytest.raises(TypeError, match="'plain' needs its Chinese label"):
        base("Plain", [("PLAIN", "plain")])


@pytest.mark.slow  # runs mypy (several seconds)
def test_a_look_up_by_value_passes_mypy_strict_as_the_members_type(tmp_path):
    (tmp_path / "lookup.py").write_text(
        "import softenv_core as se\n"
        "kind: se.CountyKind = se.CountyKind('district')\n"
        "category: se.ItemCategory = se.ItemCategory('difficulty')\n"
        "aud: se.AudienceKind = se.AudienceKind('city')\n"
        "county = se.County(code='379902', name='甲区', kind=kind, liaison_office='甲区经贸委')\n"
        "label: str = se.ContactMethod('visit').zh\n",
        encoding="utf-8",
    )
    (tmp_path / "wrong.py").write_text(
        "import softenv_core as se\nkind: se.ItemCategory = se.CountyKind('district')\n", encoding="utf-8"
    )
    mypy = STRICT_MYPY
    run = lambda name: subprocess.run([*mypy, name], cwd=tmp_path, capture_output=True, text=True, check=False)  # noqa: E731
    ok = run("lookup.py")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    wrong = run("wrong.py").stdout  # typed as the member's own enum, not the base
    assert 'expression has type "CountyKind", variable has type "ItemCategory"' in wrong, wrong
