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
# The marks that also end a word (review r3/03): dropped inside a name, a code and an id written
# with its letters, not inside a liaison person (2-3 characters) or an id without its letters.
_ENDS_WORD = frozenset(".。/\\|、:#号~～()[]【】〔〕．／｜")
_PERSON_INSIDE = [s for s in _INSIDE if not _ENDS_WORD & set(s)]


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
    inserts=st.lists(st.tuples(st.integers(1, 30), st.integers(0, len(_INSIDE) - 1)), min_size=1, max_size=4),
    before=st.sampled_from(["", "反映", "据", "走访时"]),
    after=st.sampled_from(["", "反映", "。", "情况"]),
)
def test_property_any_separator_anywhere_inside_a_known_word_is_masked(
    secret: str, inserts: list[tuple[int, int]], before: str, after: str
) -> None:
    written = secret
    for at, which in inserts:
        pool = _PERSON_INSIDE if secret == _PERSON else _INSIDE
        sep = pool[which % len(pool)]
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


def test_a_mark_that_ends_a_word_does_not_join_two_words_into_a_person_or_an_id() -> None:
    """Review r3/03: the marks were dropped from the whole text, so a list's 、 or a sentence's 。
    completed a liaison person from the end of one word and the start of the next, and a decimal
    point or a file number's / made a bare id of two numbers."""
    screen = TextScreen(["东城中和机械制造有限公司"], ["孙国平", "张立新", "王芳"], ["东城"], ["P379902-001"])
    for text in [
        "企业反映孙国、平安路施工占道",
        "已约谈张立。新区经贸委将于下周回访",
        "参会: 王、芳华小区物业",
        "王/芳华, 孙国.平安, 张立:新区",
        "预计投资379902.001万元",
        "文件编号379902/001",
        "合同第379902号:001条",
        "379902(001)号文",
    ]:
        assert screen.screen(text).text == text
    # The same words whole, or with an id's letters, or split by what a clerk types inside one.
    assert screen.screen("孙国平、平安路").text == "某联系人、平安路"
    assert screen.screen("张立\n新回访, 王 芳").text == "某联系人回访, 某联系人"
    assert screen.screen("编号P379902/001, 379902-001, 379902 001").text == "编号[监测点], [监测点], [监测点]"


@given(cut=st.integers(1, 2), mark=st.sampled_from(sorted(_ENDS_WORD)), after=st.sampled_from(["安路", "区", "。"]))
def test_property_a_person_split_by_a_mark_that_ends_a_word_is_two_words(cut: int, mark: str, after: str) -> None:
    text = f"反映{_PERSON[:cut]}{mark}{_PERSON[cut:]}{after}"
    assert _SCREEN.screen(text).text == text
