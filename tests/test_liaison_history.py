"""定人 who changed (三(二) 定期定人进行联系; docs/programme.md "定人"): a point keeps its earlier
liaison persons with the last day each looked after it (``former_liaison_persons``), and a
contact is judged against the person named on its day. Auditor a47 found a former person's
contact flagged 非定人 while the record held one undated name."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import softenv_core as se
from softenv_core import FieldInvalid, LiaisonTerm, Month
from softenv_core.analyses.audiences import Audience
from softenv_core.analyses.liaison import liaison_check, liaison_workload
from softenv_core.analyses.redaction import text_screen
from softenv_core.io.dataset_files import dataset_json, loads_dataset
from softenv_core.io.workbook_messages import zh_problem
from softenv_core.testing import small_dataset

PID = "P-379902-1"  # 甲区's 市直 point, contacted on the 10th of every month


def _with(ds: se.Dataset, made_by: dict[date, str], **fields: Any) -> se.Dataset:
    """``ds`` with PID's fields set and its contacts of the given days made by the given persons
    (a contact added on a day that has none)."""
    point = attrs.evolve(next(p for p in ds.points if p.id == PID), **fields)
    contacts = [c for c in ds.contacts if not (c.point == PID and c.date in made_by)]
    template = next(c for c in ds.contacts if c.point == PID)
    for i, (day, person) in enumerate(sorted(made_by.items())):
        contacts.append(attrs.evolve(template, id=f"C-LT-{i}", date=day, made_by=person))
    return attrs.evolve(
        ds,
        points=tuple(point if p.id == PID else p for p in ds.points),
        contacts=tuple(sorted(contacts, key=lambda c: (c.date, c.id))),
    )


CHANGED = {"liaison_person": "王五", "former_liaison_persons": (LiaisonTerm("张三", date(2025, 3, 14)),)}


def test_a_former_persons_contact_before_the_change_is_theirs_and_after_it_is_flagged() -> None:
    ds = _with(
        small_dataset(2025),
        {date(2025, 3, 10): "张三", date(2025, 3, 12): "王五", date(2025, 3, 20): "张三", date(2025, 3, 25): "王五"},
        **CHANGED,
    )
    check = liaison_check(ds, Month(2025, 3))
    flagged = [(f.date, f.liaison_person, f.made_by) for f in check.flagged if f.point == PID]
    # 03-12: 王五 before he took over (张三's day); 03-20: 张三 after he handed over (王五's day)
    assert flagged == [(date(2025, 3, 12), "张三", "王五"), (date(2025, 3, 20), "王五", "张三")]
    # 03-10 (张三 on his own day) and 03-25 (王五 on his) are the liaison person's
    same = liaison_check(_with(small_dataset(2025), {date(2025, 3, 10): "张三"}, **CHANGED), Month(2025, 3))
    assert [f for f in same.flagged if f.point == PID] == []
    assert same.by_liaison_person == 1  # 张三's, the only point with a person named


def test_without_former_persons_the_one_name_holds_for_the_whole_designation() -> None:
    """As before the history existed (tests/test_audit_a47 case 9): an undated change flags."""
    ds = _with(small_dataset(2025), {date(2025, 3, 10): "张三"}, liaison_person="王五")
    assert [(f.liaison_person, f.made_by) for f in liaison_check(ds, Month(2025, 3)).flagged] == [("王五", "张三")]


def test_the_workload_counts_each_point_for_the_person_named_on_the_day() -> None:
    ds = _with(small_dataset(2025), {}, **CHANGED)

    def persons(day: date) -> set[str]:
        return {w.person for w in liaison_workload(ds, day).persons if PID in w.points}

    assert persons(date(2025, 3, 14)) == {"张三"}
    assert persons(date(2025, 3, 15)) == {"王五"}


def test_former_persons_out_of_order_are_refused_naming_the_term_in_english_and_chinese() -> None:
    terms = (LiaisonTerm("张三", date(2025, 3, 14)), LiaisonTerm("李四", date(2025, 3, 1)))
    with pytest.raises(FieldInvalid) as caught:
        _with(small_dataset(2025), {}, former_liaison_persons=terms)
    assert caught.value.name == "former_liaison_persons[1].until"
    assert "2025-03-01 is not after the earlier person's last day 2025-03-14" in str(caught.value)
    doc = dataset_json(_with(small_dataset(2025), {}, **CHANGED)).replace(
        '"until": "2025-03-14"', '"until": "2025-03-14"}, {"person": "李四", "until": "2025-03-01"'
    )
    with pytest.raises(se.InputError) as loaded:
        loads_dataset(doc)
    (problem,) = loaded.value.details
    assert problem.path.endswith(".former_liaison_persons[1].until")
    said = (
        "最后负责日期 2025-03-01 不晚于前一位前任联系人的最后负责日期 2025-03-14：前任联系人按先后顺序填写，"
        "序号 1 是最早的一位；请调换两行的序号，或改正日期"
    )
    assert zh_problem(problem.message) == said


def test_former_persons_survive_the_json_round_trip() -> None:
    ds = _with(small_dataset(2025), {}, **CHANGED)
    back = loads_dataset(dataset_json(ds))
    assert next(p for p in back.points if p.id == PID).former_liaison_persons == CHANGED["former_liaison_persons"]
    assert back == ds


def test_a_former_persons_name_is_screened_from_free_text_outside_the_city_office() -> None:
    ds = _with(small_dataset(2025), {}, **CHANGED)
    screened = text_screen(ds, Audience.parse("county:379921")).screen("张三说审批拖延")
    assert "张三" not in screened.text and "某联系人" in screened.text


@given(
    gaps=st.lists(st.integers(1, 40), min_size=0, max_size=4),
    offset=st.integers(-10, 200),
)
def test_the_person_of_a_day_is_the_first_whose_term_has_not_ended(gaps: list[int], offset: int) -> None:
    """Property: for any history oldest first, ``liaison_person_on`` gives the person whose term
    holds the day, the current one after the last term; a contact made by that person is never
    flagged and one made by anyone else always is."""
    start = date(2025, 1, 1)
    untils, day_ = [], start
    for g in gaps:
        day_ += timedelta(days=g)
        untils.append(day_)
    terms = tuple(LiaisonTerm(f"前任{i}", u) for i, u in enumerate(untils))
    named = {"liaison_person": "现任", "former_liaison_persons": terms}
    point = attrs.evolve(next(p for p in small_dataset(2025).points if p.id == PID), **named)
    day = start + timedelta(days=offset)
    expected = next((t.person for t in terms if day <= t.until), point.liaison_person)
    assert point.liaison_person_on(day) == expected
    if date(2025, 1, 1) <= day <= date(2025, 12, 31) and point.active_on(day):
        ds = _with(small_dataset(2025), {day: expected}, **named)
        assert [f for f in liaison_check(ds, Month.of(day)).flagged if f.point == PID] == []
        other = _with(small_dataset(2025), {day: "代班人员"}, **named)
        assert [(f.date, f.liaison_person) for f in liaison_check(other, Month.of(day)).flagged] == [(day, expected)]


def test_the_kits_mutation_check_reads_a_filled_memo_by_its_entries() -> None:
    """The assessment now fills ``_designated_by_month`` (where the records end is looked for):
    the conformance kit's ``no_mutation`` compared the memo with a fresh dataset's, which has
    none filled, and failed every plugin whose deadline left a month 未报. A filled entry equal
    to the fresh answer is no change; a changed one still is."""
    from softenv_core.testing.conformance import _changed_index

    ds, fresh = small_dataset(2025), small_dataset(2025)
    assert ds is not fresh
    ds.designated_in(Month(2025, 3))
    assert _changed_index(ds, fresh) is None
    ds._designated_by_month[Month(2025, 4)] = ds.designated_in(Month(2019, 1))  # a plugin writes 2019 into April
    assert _changed_index(ds, fresh) == "the dataset index _designated_by_month changed while the plugin ran"
