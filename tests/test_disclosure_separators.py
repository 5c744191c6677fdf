"""The text screen folds every whitespace, line terminators included, and the separators a clerk
or an input method types inside a name, a credit code or a point id (attacker t10, finding 02).

An enterprise's name, code or id broken by a line break (a workbook cell typed with Alt+Enter)
passed the screen, and the Markdown renderer printed the break as a space: the very form the
screen masks. A minus sign, ``.``, ``/``, ``、``, ``|``, ``号``, ``ー``, Markdown emphasis or
brackets inside one passed too. The screen must still mask at least what it masked before
(the differential test below) and leave ordinary text alone.
"""

from __future__ import annotations

import random
import re
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from softenv_core.analyses.disclosure import MASK_ENTERPRISE, MASK_PERSON, MASK_POINT, TextScreen

_NAME, _CODE, _ID, _PERSON = "东城丰源商务咨询有限公司", "91379902MA000004XG", "P379902-004", "林海涛"
_ARGS = ([_NAME, _CODE, "东城润泽商贸有限公司", "91379902MA00001384"], [_PERSON], ["东城"], [_ID, "P379903-012"])
_SCREEN = TextScreen(*_ARGS)
# The screen's separators before the finding: what the differential test compares with.
_OLD = frozenset(" \t\u3000-‐‑‒–—－_·・")
_OLD_SCREEN = TextScreen(*_ARGS, separators=_OLD)

# What the finding names: line terminators and the separators that passed.
_BREAKS = ["\n", "\r\n", "\r", "\u2028", "\u2029", "\u0085", "\x0b", "\x0c"]
_MARKS = ["\u2212", "⁃", ".", "。", "/", "\\", "~", "～", ":", "#", "号", "ー", "|", "、", "**", "．", "／", "｜"]
_INSIDE = _BREAKS + _MARKS + [" ", "\u3000", "\xa0", "\t", "-", "—", "·", " \n "]
_MASKS = {_NAME: MASK_ENTERPRISE, _CODE: MASK_ENTERPRISE, _ID: MASK_POINT, _PERSON: MASK_PERSON}


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_every_whitespace_and_dash_of_unicode_is_dropped_inside_a_name() -> None:
    # Checked against the Unicode database, not a list someone thought of.
    chars = [chr(c) for c in range(0x110000) if chr(c).isspace() or unicodedata.category(chr(c)) == "Pd"]
    for ch in chars:
        out = _SCREEN.screen(f"反映{_NAME[:4]}{ch}{_NAME[4:]}情况").text
        assert out == f"反映{MASK_ENTERPRISE}情况", hex(ord(ch))


def test_a_name_code_and_id_broken_across_lines_are_masked() -> None:
    """The finding's text: each broken by a line break, as an Excel cell typed with Alt+Enter."""
    text = f"熟练技工招聘难({_NAME[:4]}\n{_NAME[4:]}, 代码{_CODE[:10]}\r\n{_CODE[10:]}, P379902-\n004)"
    out = _SCREEN.screen(text)
    assert out.text == f"熟练技工招聘难({MASK_ENTERPRISE}, 代码{MASK_ENTERPRISE}, {MASK_POINT})"
    assert out.masked == {"enterprise": 2, "point": 1}


def test_each_separator_of_the_finding_is_dropped_inside_a_code_an_id_and_a_name() -> None:
    for sep in _BREAKS + _MARKS:
        assert _SCREEN.screen(f"代码{_CODE[:8]}{sep}{_CODE[8:]}。").text == f"代码{MASK_ENTERPRISE}。", repr(sep)
        assert _SCREEN.screen(f"监测点{_ID[:7]}{sep}{_ID[8:]}反映").text == f"监测点{MASK_POINT}反映", repr(sep)
        assert _SCREEN.screen(f"{_NAME[:2]}{sep}{_NAME[2:]}反映").text == f"{MASK_ENTERPRISE}反映", repr(sep)
    # Markdown emphasis inside a code, brackets inside a name.
    assert _SCREEN.screen(f"{_CODE[:9]}**{_CODE[9:]}").text == MASK_ENTERPRISE
    assert _SCREEN.screen("东城丰源(商务咨询)有限公司反映").text == f"{MASK_ENTERPRISE}反映"
    assert _SCREEN.screen("丰源（商务咨询）有限公司反映").text == f"{MASK_ENTERPRISE}反映"


@given(
    secret=st.sampled_from(sorted(_MASKS)),
    inserts=st.lists(st.tuples(st.integers(1, 30), st.sampled_from(_INSIDE)), min_size=1, max_size=4),
    before=st.sampled_from(["", "反映", "据", "走访时"]),
    after=st.sampled_from(["", "反映", "。", "情况"]),
)
def test_property_any_separator_anywhere_inside_a_known_word_is_masked(
    secret: str, inserts: list[tuple[int, str]], before: str, after: str
) -> None:
    written = secret
    for at, sep in inserts:
        cut = 1 + at % (len(written) - 1)  # strictly inside: the word's first and last stay ends
        written = written[:cut] + sep + written[cut:]
    out = _SCREEN.screen(before + written + after).text
    assert _MASKS[secret] in out, (written, out)
    assert _SCREEN._fold(secret) not in _SCREEN._fold(out), (written, out)


def test_ordinary_text_is_not_masked_more_than_needed() -> None:
    for text in [
        "2025.06.30 12:30 开会, 第3号文件, A/B两档, 是、否, 1.5万元, 379902.5元",
        "商务咨询行业座谈; 丰源路3号; 东城区商务局",
        "编号 379902/0131, 合同2379902-004",  # a point id's digits inside a longer number
    ]:
        assert _SCREEN.screen(text).text == text
    # A short form is judged by what is matched: "(商务)" is four characters, "商务" two.
    screen = TextScreen(["东城(商务)有限公司"], prefixes=["东城"])
    assert screen.screen("商务洽谈").text == "商务洽谈"
    assert screen.screen("东城(商务)有限公司反映").text == f"{MASK_ENTERPRISE}反映"


def _random_text(rng: random.Random) -> str:
    """Pieces of the programme's words, whole or cut, separators old and new, and other text."""
    pieces = []
    for _ in range(rng.randint(1, 8)):
        kind = rng.random()
        if kind < 0.35:
            word = rng.choice([_NAME, _CODE, _ID, _PERSON, "东城润泽商贸", "91379902MA00001384", "379903-012"])
            a = rng.randint(0, len(word) // 3)
            b = rng.randint(max(a + 1, 2 * len(word) // 3), len(word))
            pieces.append(word[a:b] if rng.random() < 0.3 else word)
        elif kind < 0.65:
            pieces.append(rng.choice(sorted(_OLD) + _INSIDE + ["(", ")", "（", "）", "【"]))
        else:
            pieces.append(
                "".join(rng.choices("反映企业问题0123456789ABMX东城丰源商务咨询润泽林海 .,", k=rng.randint(1, 6)))
            )
        if rng.random() < 0.3 and pieces[-1]:  # a separator inside the last piece
            word, at = pieces[-1], rng.randint(0, len(pieces[-1]))
            pieces[-1] = word[:at] + rng.choice(_INSIDE + sorted(_OLD)) + word[at:]
    return "".join(pieces)


def test_the_screen_masks_everything_the_screen_before_the_finding_masked() -> None:
    """Differential: over many random texts, the screen before the finding (its smaller set of
    separators) finds nothing left to mask in what this screen shows."""
    rng = random.Random(20260529)
    for _ in range(3000):
        text = _random_text(rng)
        shown = _SCREEN.screen(text).text
        assert _OLD_SCREEN.screen(shown).masked == {}, (text, shown)
    # and the samples hold the finding's forms, which only this screen masks
    assert _OLD_SCREEN.screen(f"{_NAME[:4]}\n{_NAME[4:]}").masked == {}
    assert _flat(_SCREEN.screen(f"{_NAME[:4]}\n{_NAME[4:]}").text) == MASK_ENTERPRISE
