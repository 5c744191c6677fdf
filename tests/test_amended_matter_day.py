"""A matter a county added to its report only by an amendment (补报) was raised when the
amendment was submitted, not at the report's first submission: its age counted days before the
amendment existed (attacker t10, a question: 30 days at July's end for an amendment 6 days old)."""

from __future__ import annotations

from datetime import date, timedelta

import attrs

from softenv_core.analyses.arguments import params_or_baseline
from softenv_core.analyses.followup_status import open_matter_ages
from softenv_core.model.periods import beijing_date
from softenv_core.model.reports import Amendment, Item, ItemCategory

from .demo_city import demo


def _amended():
    ds = demo()
    i, report = next((i, r) for i, r in enumerate(ds.reports) if r.items and not r.amendments and r.month.month == 6)
    point = report.items[0].point
    # Items of a tracked category, raised in no contact (else each is the contact's matter).
    original = Item(ItemCategory.DIFFICULTY, "原报: 招工难, 技工缺口大", None, point)
    added = Item(ItemCategory.DIFFICULTY, "补报: 用电报装排队时间长", None, point)
    later = report.submitted_at + timedelta(days=6)
    report = attrs.evolve(report, items=(original,))
    amendment = Amendment(later, report.submitted_by, (original, added))
    reports = list(ds.reports)
    reports[i] = attrs.evolve(report, amendments=(amendment,))
    return attrs.evolve(ds, reports=tuple(reports)), report, added, beijing_date(later)


def test_an_item_added_by_an_amendment_is_dated_by_the_amendment_and_the_others_by_the_report():
    ds, report, added, amended_on = _amended()
    on = date(2025, 7, 31)
    rows = {
        (m.record, m.text): (m.raised_on, age) for m, age, _, _ in open_matter_ages(ds, on, params_or_baseline(None))
    }
    raised, age = rows[(report.id, added.text)]
    assert raised == amended_on and age == (on - amended_on).days
    first = beijing_date(report.submitted_at)
    assert rows[(report.id, report.items[0].text)][0] == first  # in the original: raised then


def test_before_the_amendment_is_known_the_item_is_not_a_matter_and_after_it_keeps_its_day():
    ds, report, added, amended_on = _amended()
    params = params_or_baseline(None)
    before = {(m.record, m.text) for m, *_ in open_matter_ages(ds, amended_on - timedelta(days=1), params)}
    assert (report.id, added.text) not in before
    after = {(m.record, m.text): m.raised_on for m, *_ in open_matter_ages(ds, amended_on + timedelta(days=3), params)}
    assert after[(report.id, added.text)] == amended_on
