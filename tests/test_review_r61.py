"""Reviewer r61: findings on the session's change 9a6c8dab..HEAD, one failing test each.

01 io/suggest (clerk c57 01): the negation rule keeps only candidates of the typed text's own
   polarity, so a typed 处理结果 qualified by a word another candidate holds is suggested the
   wrong verdict: 部分不属实 ("partly not substantiated", i.e. partly substantiated) and 部分不实
   were suggested 部分属实 before the change and are now suggested 不属实 (unsubstantiated), the
   very "suggestion pointing the wrong way" the rule was written to stop. The qualifier 部分 is
   held by another candidate (部分属实), so the typed text may mean it: a tie, no suggestion (or
   部分属实), never 不属实.

What each test pins:
- test_01_partly_not_substantiated_is_not_suggested_unsubstantiated: 部分不属实 and 部分不实 are
  suggested 部分属实 or nothing, never 不属实 (io/suggest: words beside a held candidate that
  another candidate holds, whichever way its negation goes, are a tie; a shared negation plus an
  ending is no closeness).
- test_01_a_shared_negation_alone_is_no_suggestion: 不予签收 (an event step) shares only 不予 with
  不予受理, so nothing is suggested; a candidate whose stem is only the negation still is
  (不太满意 → 不满意).

05 (doc) The public, department and point monthly report JSON has "reconciliation": [] with no
   notice that such a reader is never given section 七: an integrator reads a false 0.
- test_05_a_reader_never_given_section_seven_is_told_so: those readers' notices say 七 is for the
  city office and the county concerned only, whatever the month; a county's and the city's do not.
"""

from __future__ import annotations

import json

import pytest

from softenv_core.io.suggest import closest
from softenv_core.model.complaints import Verdict


def _labels() -> list[str]:
    return [*(v.zh for v in Verdict), *(v.value for v in Verdict)]


@pytest.mark.parametrize("typed", ["部分不属实", "部分不实"])
def test_01_partly_not_substantiated_is_not_suggested_unsubstantiated(typed: str) -> None:
    assert closest(typed, _labels()) in (None, Verdict.PARTLY.zh)


def test_01_a_shared_negation_alone_is_no_suggestion() -> None:
    from softenv_core.model.appraisals import RatingLevel
    from softenv_core.model.complaints import EventType

    steps = [*(e.zh for e in EventType), *(e.value for e in EventType)]
    assert closest("不予签收", steps) is None
    ratings = [*(r.zh for r in RatingLevel), *(r.value for r in RatingLevel)]
    assert closest("不太满意", ratings) == RatingLevel.UNSATISFIED.zh


def test_05_a_reader_never_given_section_seven_is_told_so() -> None:
    import softenv_core as se
    from softenv_core.analyses.redaction_report import no_flags_given

    ds = se.build_demo(2025, points_per_county=2, counties=2)
    said = no_flags_given(ds.city.office)
    point = ds.designated_points[0]
    dept = ds.departments[0].id
    for audience in ("public", f"department:{dept}", f"point:{point.id}"):
        report = se.monitoring_report(ds, "2025-04", audience=audience)
        assert report.reconciliation == () and said in report.notices, audience
        assert said in json.dumps(report.to_document(), ensure_ascii=False), audience
    for audience in ("city", f"county:{point.county}"):
        assert said not in se.monitoring_report(ds, "2025-04", audience=audience).notices, audience
