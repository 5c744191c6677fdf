"""Attacker x61 03: joint contacts typed 王小明和刘芳, 王小明及刘芳, with ､ (U+FF64) or ﹑ (U+FE51)
between the names, or with a zero-width space pasted in, were still flagged 非定人联系; and a
liaison person whose name ends in 等 (何等) was not found in 何等、刘芳. made_by is now read
NFKC-folded without invisible characters; 和, 及 and 与 separate names only where every name
they leave has 2 to 4 letters (a name of 2 to 4 characters holding 和 is never split); a text
between separators equal to the person, 等 and all, is the person (analyses/liaison.py,
docs/monitoring.md). A space still does not separate names."""

from __future__ import annotations

import re

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from softenv_core.analyses.liaison import _among, liaison_check, made_by_names
from softenv_core.model.periods import Month
from softenv_core.testing import builders as b

PERSON = "王小明"


def _flagged(person: str, made_by: str) -> bool:
    """Whether the small dataset's first point's March contact, made by ``made_by``, is flagged
    非定人 when the point's liaison person is ``person``."""
    ds = b.small_dataset(2025)
    point = ds.points[0]
    points = tuple(attrs.evolve(p, liaison_person=person) if p.id == point.id else p for p in ds.points)
    c = next(c for c in ds.contacts if c.point == point.id and c.date.month == 3)
    contacts = tuple(attrs.evolve(x, made_by=made_by) if x.id == c.id else x for x in ds.contacts)
    check = liaison_check(attrs.evolve(ds, points=points, contacts=contacts), Month(2025, 3))
    return c.id in {f.contact for f in check.flagged}


@pytest.mark.parametrize(
    "typed",
    [
        "王小明和刘芳",
        "王小明及刘芳",
        "刘芳与王小明",
        "王小明､刘芳",
        "王小明﹑刘芳",
        "王小明\u200b、刘芳",
        "王\u200b小明",
        "王小明和刘芳等人",
    ],
)
def test_everyday_joint_contacts_are_the_liaison_persons(typed: str) -> None:
    assert not _flagged(PERSON, typed)


@pytest.mark.parametrize(
    ("person", "typed"), [("何等", "何等、刘芳"), ("何等", "刘芳和何等"), ("王和平", "王和平、刘芳")]
)
def test_a_person_whose_name_ends_in_deng_or_holds_he_is_found(person: str, typed: str) -> None:
    assert not _flagged(person, typed)


@pytest.mark.parametrize(
    ("person", "typed"),
    [
        (PERSON, "王小明 刘芳"),  # a space does not separate names (张 三 is one name: clerk c50)
        (PERSON, "王小明刘芳"),
        (PERSON, "王小明和平"),  # 平 is no name: 王小明和平 is one
        ("小明", "王 小明"),
        ("欧阳和平", "欧阳和平和刘芳"),  # one split fails (平): nothing is split; written 欧阳和平、刘芳 it is found
    ],
)
def test_what_is_still_not_the_liaison_persons(person: str, typed: str) -> None:
    assert _flagged(person, typed)


_LETTERS = "王小明刘芳张三李四赵六欧阳何平安"
#: A name of 2 to 4 characters without 和, 及, 与 or 等.
_NAME = st.text(alphabet=_LETTERS, min_size=2, max_size=4)
#: A name that may hold them.
_ANY_NAME = st.text(alphabet=_LETTERS + "和及与等", min_size=2, max_size=4)
_SEPARATOR = st.sampled_from(["、", "，", ",", "；", ";", "/", "／", "､", "﹑", "和", "及", "与", " 和 "])
_INVISIBLE = st.sampled_from(["", "", "\u200b", "\ufeff", "\u00ad"])


@given(st.lists(st.tuples(_NAME, _SEPARATOR, _INVISIBLE), min_size=1, max_size=4))
def test_a_list_joined_by_any_separator_names_each_person(drawn: list[tuple[str, str, str]]) -> None:
    names = [n for n, _, _ in drawn]
    typed = "".join(f"{inv}{sep}{n}" if k else f"{n}{inv}" for k, (n, sep, inv) in enumerate(drawn))
    assert made_by_names(typed) == tuple(names)
    assert all(_among(typed, n) for n in names)


@given(_ANY_NAME, st.sampled_from(["", "、刘芳", "，赵六", "和刘芳"]))
def test_a_name_holding_he_or_ending_in_deng_is_never_split_away_from_itself(name: str, rest: str) -> None:
    if rest.startswith("和") and re.search("[和及与]", name):
        rest = "、" + rest[1:]  # 三与和刘芳 cannot be read (one split leaves 三): write a 、 (documented)
    assert _among(name + rest, name) and _among(rest[1:] + "、" + name if rest else name, name)
    if not re.search("[和及与等]", name):
        assert made_by_names(name) == (name,)
    elif not name.endswith("等"):
        assert made_by_names(name) == (name,)  # 2 to 4 characters: never split at 和, 及, 与


_BOUNDARY = "、，,；;/／和及与"


@given(st.text(alphabet=_LETTERS + "和及与等、， ", max_size=10), _NAME)
def test_no_text_makes_a_person_found_that_it_does_not_write_between_separators(made: str, person: str) -> None:
    """Gaming: the person is found only as a whole text between separators (or before 等)."""
    if not _among(made, person):
        return
    flat = "".join(made.split())
    bounded = rf"(?:^|[{_BOUNDARY}]){re.escape(person)}(?:$|[{_BOUNDARY}等])"
    assert re.search(bounded, flat), (made, person)
