"""Attacker x53 (round 2): an Audience built directly was never checked, and every analysis put
its key raw (terminal escapes, bidi controls, line breaks) in the "no such department" error an
integrator logs. Fixed: the constructor holds an audience to what ``Audience.parse`` reads."""

from __future__ import annotations

import pytest

import softenv_core as se
from softenv_core.analyses.audiences import Audience, AudienceKind
from softenv_core.model.periods import Month
from softenv_core.testing import small_dataset

DS = small_dataset(2025, ("379902", "379921"))
HOSTILE = "x\x1b]0;pwned\x07\x1b[2J\u202eY\nINFO softenv: report sent to department:city-amr"
RAW = "\x1b\x07\u202e\n"


def test_01_an_audience_with_a_hostile_key_is_refused_when_made_and_the_message_shows_it_escaped() -> None:
    with pytest.raises(se.FieldInvalid) as caught:
        Audience("department", HOSTILE)
    text = str(caught.value)
    assert text.startswith("audience: ")
    assert not any(c in text for c in RAW)
    assert "\\x1b" in text  # shown, escaped


@pytest.mark.parametrize(
    ("kind", "key"),
    [
        ("county", 379902),  # a number: never equal to the dataset's text codes
        ("county", None),  # a county reader names its county
        ("city", "379902"),  # the city office has no key
        ("public", "x"),
        ("city", ""),  # read as the city office, yet unequal to CITY_OFFICE (reviewer r54 11)
        ("point", ""),
        ("department", "a b"),
    ],
)
def test_01_an_audience_parse_would_refuse_is_refused_when_built_directly(kind: str, key: object) -> None:
    with pytest.raises(se.FieldInvalid, match=r"^audience: "):
        Audience(kind, key)  # type: ignore[arg-type]


def test_01_every_audience_parse_reads_can_still_be_built_and_the_analyses_take_it() -> None:
    for text in ("city", "public", "county:379902", "department:city-amr", "point:P-379902-1"):
        parsed = Audience.parse(text)
        assert Audience(parsed.kind, parsed.key) == parsed
    built = Audience(AudienceKind.COUNTY, "379902")
    assert se.monitoring_report(DS, Month(2025, 3), audience=built).audience == "county:379902"
    with pytest.raises(se.FieldInvalid, match="no such department"):
        se.assess(DS, 2025, audience=Audience("department", "no-such-dept"))


def test_the_package_surface_holds_no_type_checking_flag() -> None:
    assert not hasattr(se, "TYPE_CHECKING")  # reviewer r54 11: the import-time flag is no public name
