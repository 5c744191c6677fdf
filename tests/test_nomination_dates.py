"""Nominations (推荐) carry the moment they were submitted (``Nomination.submitted_at``): the
year end as of an instant reads only the nominations known then, as it reads decisions by
``decided_on`` and reports by ``submitted_at`` (docs/yearend.md "The year end as of an
instant"). An undated one, from a dataset written before the field, is read whatever the
instant and listed as undated; a decision cannot be dated before its nomination came.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from softenv_core import CITY_OFFICE, assess, get_plugin_manager
from softenv_core.analyses.commendation import check_commendation
from softenv_core.analyses.year_end import YearEnd, year_end
from softenv_core.engine.parameters import baseline_parameters
from softenv_core.errors import InputError
from softenv_core.io.dataset_files import dataset_json, loads_dataset
from softenv_core.io.validation import dataset_problems
from softenv_core.io.workbook_messages import zh_problem
from softenv_core.model.periods import BEIJING, beijing_date
from softenv_core.model.roster import CommendationDecision, Nomination
from softenv_core.render.year_end import render_yearend
from softenv_core.testing import beijing_moments, nominations, small_dataset

P = "P-379902-2"  # 甲区's county point
Q = "P-379921-2"  # another county's county point
BASE = small_dataset(2025)
INSTANT = datetime(2026, 1, 6, tzinfo=BEIJING)  # the small dataset's 2025 instant
PARAMS = baseline_parameters()


def _pm():
    return get_plugin_manager(autoload=False, plugins=[])


def _ye(ds, as_of=None, audience=CITY_OFFICE) -> YearEnd:
    return year_end(ds, 2025, _pm(), audience=audience, as_of=as_of)


def _nominees(y: YearEnd) -> list[str]:
    return sorted(n.nomination for c in y.commendation.counties for n in c.nominees)


def _at(month: int, day: int, hour: int, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, tzinfo=BEIJING)


def test_a_nomination_submitted_after_as_of_is_read_only_from_then():
    # Submitted 2026-01-12 15:00, after the year's instant: the default year end does not know
    # it (the old one read it whatever the instant), nor one at 14:00 that day; one at 15:00 does.
    submitted = _at(1, 12, 15)
    nomination = Nomination("N1", 2025, "379902", P, submitted_at=submitted)
    decision = CommendationDecision("D1", "N1", True, date(2026, 1, 12))
    ds = attrs.evolve(BASE, nominations=(nomination,), decisions=(decision,))
    default = _ye(ds)
    assert default.as_of == INSTANT and _nominees(default) == []
    assert default.to_json() == _ye(BASE).to_json()  # as if it were not there at all
    before = _ye(ds, _at(1, 12, 14))
    # The decision's day has come, its nomination has not: nothing is commended yet.
    assert _nominees(before) == [] and before.commendation.commended == ()
    assert next(c for c in before.commendation.counties if c.county == "379902").nominated == 0
    for later in (submitted, submitted.astimezone(BEIJING).replace(hour=16)):
        after = _ye(ds, later)
        assert _nominees(after) == ["N1"] and after.commendation.commended == (P,)
        assert after.commendation.undated == ()


def test_an_undated_nomination_is_read_whatever_the_instant_and_listed():
    undated = Nomination("N0", 2025, "379902", P)
    dated = Nomination("N2", 2025, "379921", Q, submitted_at=_at(12, 20, 10, 2025))
    ds = attrs.evolve(BASE, nominations=(undated, dated))
    early = _ye(ds, _at(7, 1, 0, 2025))
    assert _nominees(early) == ["N0"] and early.commendation.undated == ("N0",)
    assert "未记录推荐时间的推荐（不论数据截至何时均计入）：N0" in render_yearend(early)
    assert "Nominations with no submission moment (read whatever the instant): N0" in render_yearend(early, "en")
    default = _ye(ds)
    assert _nominees(default) == ["N0", "N2"] and default.commendation.undated == ("N0",)
    assert YearEnd.from_json(default.to_json()).commendation.undated == ("N0",)
    # A county is told of its own undated nominations only, the public of none.
    assert _ye(ds, audience="county:379902").commendation.undated == ("N0",)
    assert _ye(ds, audience="county:379921").commendation.undated == ()
    assert _ye(ds, audience="public").commendation.undated == ()
    # Without an instant every nomination is read anyway: none is singled out.
    whole = check_commendation(ds, assess(ds, 2025, _pm(), audience=CITY_OFFICE), PARAMS, audience=CITY_OFFICE)
    assert whole.undated == () and sum(c.nominated for c in whole.counties) == 2
    # Dated, it is not listed, and is not read before it came.
    ds_dated = attrs.evolve(ds, nominations=(attrs.evolve(undated, submitted_at=_at(12, 1, 9, 2025)), dated))
    assert _nominees(_ye(ds_dated, _at(7, 1, 0, 2025))) == [] and _ye(ds_dated).commendation.undated == ()
    assert "未记录推荐时间" not in render_yearend(_ye(ds_dated))


def test_a_decision_dated_before_its_nomination_was_submitted_is_refused_with_its_path():
    nomination = Nomination("N1", 2025, "379902", P, submitted_at=_at(1, 20, 10))
    early = attrs.evolve(
        BASE, nominations=(nomination,), decisions=(CommendationDecision("D1", "N1", True, date(2026, 1, 19)),)
    )
    problem = "$.decisions[0] (D1).decided_on: 2026-01-19 is before nomination 'N1' was submitted on "
    problem += "2026-01-20, Beijing time (submitted_at 2026-01-20T10:00:00+08:00)"
    assert dataset_problems(early) == [problem]
    with pytest.raises(InputError) as info:
        loads_dataset(dataset_json(early))
    assert list(info.value.problems) == [problem]
    with pytest.raises(InputError):
        _ye(early)
    # Decided the day it came (a decision carries a day only), or undated: in order.
    same_day = attrs.evolve(early, decisions=(CommendationDecision("D1", "N1", True, date(2026, 1, 20)),))
    assert dataset_problems(same_day) == []
    assert dataset_problems(attrs.evolve(early, nominations=(attrs.evolve(nomination, submitted_at=None),))) == []


def test_the_refusal_names_the_beijing_day_it_compares_in_english_and_in_chinese():
    # Submitted 17:00Z on 10 December, 01:00 on the 11th in Beijing: a decision of the 10th is
    # refused, and the message names the 11th (not "12-10 is before 2025-12-10T17:00Z").
    nomination = Nomination("N1", 2025, "379902", P, submitted_at=datetime.fromisoformat("2025-12-10T17:00:00+00:00"))
    ds = attrs.evolve(
        BASE, nominations=(nomination,), decisions=(CommendationDecision("D1", "N1", True, date(2025, 12, 10)),)
    )
    [problem] = dataset_problems(ds)
    assert problem == (
        "$.decisions[0] (D1).decided_on: 2025-12-10 is before nomination 'N1' was submitted on 2025-12-11, "
        "Beijing time (submitted_at 2025-12-11T01:00:00+08:00, written 2025-12-10T17:00:00+00:00)"
    )
    assert zh_problem(problem) == (
        "$.decisions[0] (D1).decided_on: 决定日期 2025-12-10 早于推荐 N1 的报送日 2025-12-11"
        "（北京时间 2025-12-11 01:00:00；原文 2025-12-10T17:00:00+00:00）："
        "决定不能早于收到推荐，请核对决定日期或报送时间"
    )
    # Decided on the Beijing day it came: in order.
    ok = attrs.evolve(ds, decisions=(CommendationDecision("D1", "N1", True, date(2025, 12, 11)),))
    assert dataset_problems(ok) == []


def test_a_nomination_is_read_with_its_moment_refused_naive_and_in_the_future():
    doc = json.loads(dataset_json(BASE))
    doc["nominations"] = [
        {"id": "N1", "year": 2025, "county": "379902", "point": P, "submitted_at": "2026-01-12T07:00:00Z"},
        {"id": "N2", "year": 2025, "county": "379921", "point": Q},  # written before the field
    ]
    ds = loads_dataset(json.dumps(doc))
    assert ds.nominations[0].submitted_at == _at(1, 12, 15) and ds.nominations[1].submitted_at is None
    assert json.loads(dataset_json(ds))["nominations"][0]["submitted_at"] == "2026-01-12T07:00:00+00:00"
    with pytest.raises(InputError) as info:
        loads_dataset(json.dumps(doc), as_of=_at(1, 12, 14))
    assert list(info.value.problems) == [
        "$.nominations[0] (N1).submitted_at: 2026-01-12T07:00:00+00:00 is in the future"
    ]
    doc["nominations"][0]["submitted_at"] = "2026-01-12T15:00:00"
    with pytest.raises(InputError) as info:
        loads_dataset(json.dumps(doc))
    assert info.value.problems[0].startswith("$.nominations[0] (N1).submitted_at: naive datetime")


@given(st.data())
def test_nominations_submitted_after_as_of_never_change_the_commendation_as_of_it(data):
    as_of = data.draw(beijing_moments(date(2025, 11, 1), date(2026, 2, 28)), label="as_of")
    points = data.draw(st.lists(st.sampled_from(BASE.points), max_size=5, unique_by=lambda p: p.id), label="points")
    drawn = [data.draw(nominations(p, 2025)) for p in points]
    known = tuple(n for n in drawn if n.known_at(as_of))
    late = tuple(n for n in drawn if not n.known_at(as_of))
    # The city may even decide on a late one (on or after the day it came): still not read.
    decisions = tuple(
        CommendationDecision(f"D-{n.id}", n.id, True, beijing_date(n.submitted_at) + timedelta(days=k))
        for k, n in enumerate(late)
        if n.submitted_at is not None
    )
    with_known = attrs.evolve(BASE, nominations=known)
    full = attrs.evolve(BASE, nominations=known + late, decisions=decisions)
    assert dataset_problems(full) == []
    assessment = assess(BASE, 2025, _pm(), audience=CITY_OFFICE, as_of=as_of)
    then = check_commendation(with_known, assessment, PARAMS, audience=CITY_OFFICE, as_of=as_of)
    assert check_commendation(full, assessment, PARAMS, audience=CITY_OFFICE, as_of=as_of) == then
    assert sum(c.nominated for c in then.counties) == len(known)
    assert then.undated == tuple(sorted(n.id for n in known if n.submitted_at is None))
