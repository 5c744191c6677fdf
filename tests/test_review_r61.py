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
"""

from __future__ import annotations

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
