"""Disclosure control: free-text screening and small-cell suppression (principle 7)."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from softenv_core import baseline_parameters
from softenv_core.analyses.disclosure import (
    MASK_CREDIT_CODE,
    MASK_ENTERPRISE,
    MASK_ID_NUMBER,
    MASK_PERSON,
    MASK_PHONE,
    TextScreen,
    suppress_cells,
    suppress_count,
)


def test_an_item_text_naming_an_enterprise_and_its_code_reaches_no_one_outside_the_city_office() -> None:
    # The leak the department found: the enterprise's name and credit code verbatim in an item.
    screen = TextScreen(enterprises=["测试企业2有限公司"])
    out = screen.screen("测试企业2有限公司(91379902MA0000023X)反映执法检查过多")
    assert out.text == f"{MASK_ENTERPRISE}({MASK_CREDIT_CODE})反映执法检查过多"
    assert out.masked == {"credit_code": 1, "enterprise": 1}


def test_a_longer_name_is_masked_whole_before_a_shorter_one_it_contains() -> None:
    screen = TextScreen(enterprises=["甲公司", "甲公司青山分公司"])
    assert screen.screen("甲公司青山分公司反映").text == f"{MASK_ENTERPRISE}反映"


def test_credit_code_shapes_are_masked_even_when_not_in_the_programme() -> None:
    # A stranger's code (check digit not verified: a mistyped code identifies just as well).
    assert TextScreen().screen("供应商 91110000600037341L 拖欠").text == f"供应商 {MASK_CREDIT_CODE} 拖欠"


def test_id_numbers_and_phone_numbers_are_masked() -> None:
    screen = TextScreen()
    text = "联系人身份证 11010519491231002X, 手机 138-1234-5678, 座机 0531-88886666 转 123"
    out = screen.screen(text)
    assert out.text == f"联系人身份证 {MASK_ID_NUMBER}, 手机 {MASK_PHONE}, 座机 {MASK_PHONE}"
    assert out.masked == {"id_number": 1, "phone": 2}


def test_liaison_persons_are_masked_only_when_given() -> None:
    text = "由张三联系"
    assert TextScreen().screen(text).text == text
    assert TextScreen(persons=["张三"]).screen(text).text == f"由{MASK_PERSON}联系"


def test_ordinary_numbers_are_left_alone() -> None:
    text = "2025年3月投诉12件, 罚款5000元, 批次 20250301"
    assert TextScreen().screen(text).text == text


_mobiles = st.builds(
    lambda second, rest: f"1{second}{rest}",
    st.sampled_from("3456789"),
    st.text(alphabet="0123456789", min_size=9, max_size=9),
)


@given(
    prefix=st.text(max_size=10),
    suffix=st.text(max_size=10),
    mobile=_mobiles,
)
def test_property_no_mobile_number_survives_screening(prefix: str, suffix: str, mobile: str) -> None:
    out = TextScreen().screen(f"{prefix}x{mobile}x{suffix}").text
    assert mobile not in out


# Names from CJK letters that no mask uses, around them ASCII text: so a name found in the
# output can only have survived, never been made up by a mask and its neighbours.
_MASK_CHARS = set("".join([MASK_ENTERPRISE, MASK_PERSON, MASK_CREDIT_CODE, MASK_ID_NUMBER, MASK_PHONE]))
_cjk = st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF).filter(lambda c: c not in _MASK_CHARS)


@given(
    names=st.lists(st.text(alphabet=_cjk, min_size=2, max_size=8), min_size=1, max_size=4),
    glue=st.text(alphabet="ab ,.()", max_size=4),
)
def test_property_a_programme_enterprise_name_never_survives_screening(names: list[str], glue: str) -> None:
    out = TextScreen(enterprises=names).screen(glue.join(names) + glue).text
    assert not any(name in out for name in names)


def test_the_minimum_cell_is_a_dated_city_parameter_of_three() -> None:
    from datetime import date

    pv = baseline_parameters().get("privacy.min_cell", date(2025, 1, 1))
    assert pv.value == 3
    assert pv.reference.startswith("city decision")


def test_small_counts_are_suppressed_and_zeros_are_not() -> None:
    assert str(suppress_count(0, 3)) == "0"
    assert str(suppress_count(1, 3)) == "—"
    assert str(suppress_count(2, 3)) == "—"
    assert str(suppress_count(3, 3)) == "3"


def test_a_lone_small_part_takes_the_next_smallest_with_it() -> None:
    # Parts 1, 4, 9 of a shown total 14: hiding only the 1 lets 14 - 4 - 9 = 1 be recomputed,
    # so the 4 (the smallest other non-zero part) is hidden too; the total stays shown.
    table = suppress_cells({"执法": 1, "服务": 4, "收费": 9, "政策": 0}, 3)
    assert {k: str(c) for k, c in table.cells.items()} == {"执法": "—", "服务": "—", "收费": "9", "政策": "0"}
    assert str(table.total) == "14"


def test_a_single_non_zero_part_hides_the_total() -> None:
    # Parts 2 and 0: the total 2 would show the hidden part, and is small itself.
    table = suppress_cells({"a": 2, "b": 0}, 3)
    assert table.cells["a"].suppressed and not table.cells["b"].suppressed
    assert table.total.suppressed


@given(st.dictionaries(st.text(max_size=3), st.integers(min_value=0, max_value=20), max_size=8), st.integers(1, 10))
def test_property_no_small_part_can_be_recomputed_from_the_shown_cells(parts: dict[str, int], min_cell: int) -> None:
    table = suppress_cells(parts, min_cell)
    shown = {k: c.value for k, c in table.cells.items() if c.value is not None}
    hidden = [k for k, c in table.cells.items() if c.value is None]
    # (a) every non-zero count below the threshold is hidden; zeros are shown
    for k, n in parts.items():
        if 0 < n < min_cell:
            assert table.cells[k].suppressed
        if n == 0:
            assert table.cells[k].value == 0
    # (b) differencing: when the total is shown, the hidden parts are never exactly one
    if table.total.value is not None and hidden:
        assert len(hidden) >= 2
        assert table.total.value - sum(v for v in shown.values() if v is not None) == sum(parts[k] for k in hidden)


def test_screening_patterns_do_not_cross_into_neighbouring_letters() -> None:
    # A code glued to ASCII letters on either side is another token, not a credit code.
    assert re.search(r"\[", TextScreen().screen("ab91110000600037341Lcd").text) is None


# Format characters (Unicode category Cf) that text pasted from a web page, WeChat or a PDF
# carries invisibly: zero-width space, joiner and non-joiner, word joiner, soft hyphen, BOM, a
# bidi mark and override, an Arabic letter mark, a TAG character (attacker 08).
_INVISIBLE = "\u200b\u200c\u200d\u2060\u00ad\ufeff\u200e\u202e\u061c\U000e0041"


def _sprinkle(text: str, where: list[int], chars: str) -> str:
    """``text`` with the characters of ``chars`` inserted at the (clamped) positions ``where``."""
    out = list(text)
    for at, ch in sorted(zip(where, chars, strict=False), reverse=True):
        out.insert(min(at, len(out)), ch)
    return "".join(out)


def _visible(text: str) -> str:
    return "".join(ch for ch in text if ch not in _INVISIBLE)


def test_invisible_characters_inside_a_name_or_code_do_not_defeat_the_screen() -> None:
    # The finding: U+200B inside the name, U+00AD inside the code, and everything printed.
    screen = TextScreen(enterprises=["东城建华物业有限公司", "91379902MA0000103H"], persons=["张立新"])
    out = screen.screen("东城建\u200b华物业有限公司(信用代码91379902M\u00adA0000103H)联系人张\u2060立新")
    assert out.text == f"{MASK_ENTERPRISE}(信用代码{MASK_ENTERPRISE})联系人{MASK_PERSON}"
    # Codes and numbers outside the programme, in full width or NFKC forms, are shapes still.
    out = TextScreen().screen("代码９１１１００００６０００３７３４１Ｌ\u200b 手机1\ufeff3812345678")
    assert out.text == f"代码{MASK_CREDIT_CODE}\u200b 手机{MASK_PHONE}"


@given(
    names=st.lists(st.text(alphabet=_cjk, min_size=4, max_size=8), min_size=1, max_size=3),
    code=st.text(alphabet="0123456789ABCDEFGHJKLMNPQRTUWXY", min_size=18, max_size=18),
    mobile=_mobiles,
    where=st.lists(st.integers(min_value=0, max_value=80), max_size=8),
    chars=st.text(alphabet=_INVISIBLE, min_size=8, max_size=8),
)
def test_property_text_with_inserted_format_characters_is_still_screened(
    names: list[str], code: str, mobile: str, where: list[int], chars: str
) -> None:
    # Whatever invisible characters are inserted, and where, nothing identifying is left to
    # read once they are dropped (as Word and a reader's eye drop them).
    plain = f"走访{'、'.join(names)}(代码 {code}) 电话 {mobile} 张立新"
    out = TextScreen(enterprises=names, persons=["张立新"]).screen(_sprinkle(plain, where, chars)).text
    shown = _visible(out)
    assert not any(secret in shown for secret in [*names, code, mobile, "张立新"]), out
    assert shown.startswith("走访") and "电话" in shown  # the text around the masks is as written


def _normalised_one_by_one(text: str, drop: frozenset[str], table: dict[int, str]) -> tuple[str, list[int]]:
    """The screen's matching copy as its docstring defines it: NFKC a character at a time,
    folded by ``table``, format characters (Cf) and ``drop`` left out, with each character's origin."""
    import unicodedata

    chars, origin = [], []
    for i, ch in enumerate(text):
        if unicodedata.category(ch) == "Cf":
            continue
        for out in unicodedata.normalize("NFKC", ch).translate(table):
            if out not in drop and unicodedata.category(out) != "Cf":
                chars.append(out)
                origin.append(i)
    return "".join(chars), origin


@given(
    text=st.text(
        alphabet=st.one_of(
            st.sampled_from("，：（）；！？＃％ＡＢｚ０９　 、。“”…×≥\n\t-_./·"),
            st.characters(min_codepoint=0xFF00, max_codepoint=0xFFEF),  # full-width and half-width forms
            st.characters(min_codepoint=0x4E00, max_codepoint=0x4E20),
            st.characters(categories=["Cf", "Mn", "Lu", "Nd"]),
        ),
        max_size=30,
    ),
    drop=st.frozensets(st.sampled_from("-_./· :"), max_size=3),
)
def test_property_the_matching_copy_is_nfkc_a_character_at_a_time(text: str, drop: frozenset[str]) -> None:
    # The full-width forms of the library's own reasons (，：（）) are narrowed in one translate
    # before the fast path's check: the copy and its map stay those of the definition.
    from softenv_core.analyses.text_fold import FOLD, normalised

    assert normalised(text, drop, FOLD) == _normalised_one_by_one(text, drop, dict(FOLD))
