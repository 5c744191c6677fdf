"""A later city decision on a nomination supersedes an earlier one (表彰奖励, DESIGN: the city
decides; decisions are dated): the latest made by the instant counts, so that a withdrawal
withdraws; the earlier ones are listed as superseded; two the same day are refused
(platform 07: any ``commended=True`` decision used to win, whatever came after it)."""

from __future__ import annotations

import functools
from datetime import date, datetime, timedelta

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from softenv_core import CITY_OFFICE, assess, get_plugin_manager
from softenv_core.analyses.assessment import Assessment
from softenv_core.analyses.commendation import CommendationResult, DecisionCheck, check_commendation
from softenv_core.analyses.year_end import year_end
from softenv_core.engine.parameters import baseline_parameters
from softenv_core.errors import InputError
from softenv_core.io.validation import dataset_problems
from softenv_core.model.periods import BEIJING
from softenv_core.model.roster import CommendationDecision, Nomination
from softenv_core.render.year_end import render_yearend
from softenv_core.render.yearend_parts import superseded_lines, yearend_sheets
from softenv_core.testing import small_dataset

P = "P-379902-2"  # 甲区's county point
NOMINATION = Nomination("N1", 2025, "379902", P)
BASE = attrs.evolve(small_dataset(2025), nominations=(NOMINATION,))
PARAMS = baseline_parameters()
ASSESSMENT = assess(BASE, 2025, get_plugin_manager(autoload=False, plugins=[]), audience=CITY_OFFICE)


@functools.cache
def _assessment(as_of: datetime) -> Assessment:
    """The assessment as of ``as_of``: check_commendation refuses one of another instant (a83 01)."""
    return assess(BASE, 2025, get_plugin_manager(autoload=False, plugins=[]), audience=CITY_OFFICE, as_of=as_of)


YES = CommendationDecision("D-2026-01", "N1", True, date(2026, 1, 20))
NO = CommendationDecision("D-2026-02", "N1", False, date(2026, 1, 21), note="撤销表彰")


def _check(decisions, day: date | None = None) -> CommendationResult:
    ds = attrs.evolve(BASE, decisions=tuple(decisions))
    as_of = None if day is None else datetime.combine(day, datetime.min.time(), BEIJING) + timedelta(hours=23)
    assessment = ASSESSMENT if as_of is None else _assessment(as_of)
    return check_commendation(ds, assessment, PARAMS, audience=CITY_OFFICE, as_of=as_of)


@pytest.mark.parametrize("order", [(YES, NO), (NO, YES)])
def test_a_later_decision_withdrawing_a_commendation_withdraws_it(order):
    # The ids swapped too: the day decides, not the id or the position.
    decisions = order if order[0] is YES else (attrs.evolve(NO, id="D-0"), YES)
    withdrawal = next(d for d in decisions if not d.commended)
    before = _check(decisions, date(2026, 1, 20))
    assert before.commended == (P,)
    assert before.decisions == (DecisionCheck(YES.id, "N1", P, True, YES.decided_on),)
    after = _check(decisions, date(2026, 2, 1))
    assert after.commended == ()
    assert after.flags == ()  # the commendation the city withdrew is no longer flagged
    assert after.decisions == (
        DecisionCheck(YES.id, "N1", P, True, YES.decided_on, superseded_by=withdrawal.id),
        DecisionCheck(withdrawal.id, "N1", P, False, NO.decided_on),
    )


def test_a_later_decision_commending_again_commends():
    again = CommendationDecision("D-2026-03", "N1", True, date(2026, 2, 3))
    assert _check((YES, NO, again)).commended == (P,)
    assert [d.superseded_by for d in _check((YES, NO, again)).decisions] == [again.id, again.id, None]


def test_two_decisions_on_one_nomination_the_same_day_are_refused_with_both_paths():
    same_day = attrs.evolve(NO, decided_on=YES.decided_on)
    ds = attrs.evolve(BASE, decisions=(YES, same_day))
    problems = dataset_problems(ds)
    assert any(p.startswith("$.decisions[1]") and "$.decisions[0]" in p and "N1" in p for p in problems), problems
    # The analysis checks the dataset (one source of the rule, clerk c60 01): the validation's message.
    with pytest.raises(InputError, match=r"\(D-2026-02\)\.decided_on: duplicate decided_on '2026-01-20 N1'"):
        _check((YES, same_day))


@given(st.lists(st.tuples(st.integers(0, 60), st.booleans()), min_size=1, max_size=5, unique_by=lambda t: t[0]))
def test_the_latest_decision_made_by_the_day_is_the_one_that_counts(days):
    start = date(2026, 1, 10)
    decisions = [CommendationDecision(f"D{k}", "N1", yes, start + timedelta(days=d)) for k, (d, yes) in enumerate(days)]
    for probe in (start + timedelta(days=d) for d in (0, 20, 40, 60)):
        made = sorted((d for d in decisions if d.decided_on <= probe), key=lambda d: d.decided_on)
        result = _check(decisions, probe)
        assert result.commended == ((P,) if made and made[-1].commended else ())
        assert [d.decision for d in result.decisions if d.superseded_by is None] == [d.id for d in made[-1:]]
        assert len(result.decisions) == len(made)


def _yearend_text(audience: str, lang: str = "zh") -> str:
    """The year end (Markdown) as of 1 February, after both YES and its withdrawal NO."""
    ds = attrs.evolve(BASE, decisions=(YES, NO))
    as_of = datetime(2026, 2, 1, tzinfo=BEIJING)
    pm = get_plugin_manager(autoload=False, plugins=[])
    return render_yearend(year_end(ds, 2025, pm, audience=audience, as_of=as_of), lang)


def test_the_year_end_shows_the_superseded_decision_to_the_city_and_the_nominating_county():
    # The withdrawn commendation (YES, superseded by NO) is named, dated, with its successor:
    # the Markdown used to list only the points commended, so the withdrawal was silent.
    zh = (
        "推荐 N1（监测点 P-379902-2）：决定 2026-01-20 D-2026-01（表彰） 已被决定 2026-01-21 D-2026-02（不予表彰） 取代"
    )
    en = (
        "Nomination N1 (point P-379902-2): decision 2026-01-20 D-2026-01 (commended) superseded by "
        "2026-01-21 D-2026-02 (not commended)"
    )
    assert f"- {zh}" in _yearend_text("city")
    assert f"- {en}" in _yearend_text("city", "en")
    assert f"- {zh}" in _yearend_text("county:379902")  # the decisions on its own nominee
    for other in ("county:379921", "public"):  # nothing of another county's nominees (docs/privacy.md)
        text = _yearend_text(other)
        assert "已被取代的决定" not in text and "D-2026-01" not in text, other


def test_the_workbook_sheet_lists_the_superseded_decision_as_the_markdown_does():
    ds = attrs.evolve(BASE, decisions=(YES, NO))
    y = year_end(
        ds,
        2025,
        get_plugin_manager(autoload=False, plugins=[]),
        audience=CITY_OFFICE,
        as_of=datetime(2026, 2, 1, tzinfo=BEIJING),
    )
    sheets = {title: sheet for title, sheet, _ in yearend_sheets(y, "zh")}
    _, rows = sheets["表彰推荐"]
    rows = {r[0]: r[5] for r in rows}
    assert rows["已被取代的决定"] == superseded_lines(y.commendation, zh=True)[0]
