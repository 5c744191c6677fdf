"""Clerk c55 03: a contact made by two staff, the point's liaison person among them, typed as a
list (王小明、刘芳, 王小明，刘芳, 王小明/刘芳, 王小明等) was flagged 非定人联系. ``made_by`` is read as
a list of names (analyses/liaison.made_by_names) and the contact is the liaison person's when the
person is among them (docs/monitoring.md, "Open: a contact made jointly")."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import softenv_core as se
from softenv_core.analyses.liaison import liaison_check, made_by_names
from softenv_core.model.periods import Month
from softenv_core.testing import builders as b

SEPARATORS = ("、", "，", ",", "；", ";", "/", "／")
#: A name as clerks type one: CJK characters, perhaps a space inside (张 三), no separator, no 等.
names = st.text(alphabet="王小明刘芳张三李四赵六 ", min_size=1, max_size=6).filter(lambda n: n.strip() != "")


@given(st.lists(names, min_size=1, max_size=4), st.lists(st.sampled_from(SEPARATORS), min_size=3, max_size=3))
def test_03_a_list_is_split_on_every_separator_clerks_type(listed: list[str], seps: list[str]) -> None:
    typed = listed[0] + "".join(f"{seps[i % 3]} {n}" for i, n in enumerate(listed[1:]))
    assert made_by_names(typed) == tuple(n.strip() for n in listed)


@given(names, st.sampled_from(("等", "等人", "等2人", "等两人", " 等")))
def test_03_a_trailing_deng_means_and_others(name: str, tail: str) -> None:
    assert made_by_names(name + tail) == (name.strip(),)


@given(names)
def test_03_one_name_is_itself(name: str) -> None:
    assert made_by_names(name) == (name.strip(),)


def _march_with(made_by: str) -> tuple[se.Dataset, str]:
    """The small dataset, its first point's liaison person 王小明 and its March contact made by
    ``made_by`` (``{person}`` standing for 王小明)."""
    ds = b.small_dataset(2025)
    point = ds.points[0]
    points = tuple(attrs.evolve(p, liaison_person="王小明") if p.id == point.id else p for p in ds.points)
    c = next(c for c in ds.contacts if c.point == point.id and c.date.month == 3)
    made = made_by.format(person="王小明")
    contacts = tuple(attrs.evolve(x, made_by=made) if x.id == c.id else x for x in ds.contacts)
    return attrs.evolve(ds, points=points, contacts=contacts), c.id


@pytest.mark.parametrize("typed", ["{person}、刘芳", "{person}，刘芳", "{person}/刘芳", "{person}等", "刘芳；{person}"])
def test_03_a_joint_contact_with_the_liaison_person_is_hers(typed: str) -> None:
    ds, cid = _march_with(typed)
    check = liaison_check(ds, Month(2025, 3))
    assert cid not in {f.contact for f in check.flagged}


@pytest.mark.parametrize("typed", ["刘芳、赵六", "刘芳等", "{person}刘芳"])
def test_03_a_list_without_the_liaison_person_is_still_flagged(typed: str) -> None:
    ds, cid = _march_with(typed)
    check = liaison_check(ds, Month(2025, 3))
    assert cid in {f.contact for f in check.flagged}
