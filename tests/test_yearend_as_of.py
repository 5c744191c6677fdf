"""The year end as of an instant (DESIGN "An explicit instant"; docs/yearend.md "As of an
instant"): a record dated after it changes no year-end figure until it is known.

Decisions by ``decided_on``, roster changes once in effect or filed, filings by ``filed_on``,
suggestions by ``made_on``, 万人评议 rounds once closed; the default instant is the year's
(the moment after its last report deadline: 2026-01-06 00:00 for the small dataset's 2025).
"""

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from softenv_core import CITY_OFFICE, assess, get_plugin_manager
from softenv_core.analyses.redaction_instant import assessment_instant
from softenv_core.analyses.year_end import YearEnd, year_end
from softenv_core.cli.main import main
from softenv_core.errors import InputError, SoftenvError
from softenv_core.model.appraisals import AppraisalRound, RaterGroup, Rating, RatingLevel
from softenv_core.model.guarantees import PublicityActivity, PublicityKind
from softenv_core.model.periods import BEIJING, HalfYear, beijing_date
from softenv_core.model.points import Designator, PointLevel
from softenv_core.model.reports import Contact, ContactMethod, Item, ItemCategory
from softenv_core.model.roster import (
    AdjustmentSuggestion,
    ChangeAction,
    ChangeReason,
    CommendationDecision,
    Filing,
    Nomination,
    ResearchTopic,
    RosterChange,
)
from softenv_core.render.year_end import render_yearend
from softenv_core.testing import beijing_moments, small_dataset

from .weights import HEAVY

P = "P-379902-2"  # 甲区's county point
Q = "P-379921-2"  # another county's county point
JULY = datetime(2025, 7, 1, tzinfo=BEIJING)
INSTANT = datetime(2026, 1, 6, tzinfo=BEIJING)  # the small dataset's 2025 instant (checked below)
SMALL = str(Path(__file__).parents[1] / "examples" / "small-dataset.json")
BASE = small_dataset(2025)


def _pm():
    return get_plugin_manager(autoload=False, plugins=[])


def _ye(ds, as_of=None, audience=CITY_OFFICE, **kw) -> YearEnd:
    return year_end(ds, 2025, _pm(), audience=audience, as_of=as_of, **kw)


def _nominated(decided_on: date):
    nomination = Nomination("N1", 2025, "379902", P)
    return attrs.evolve(
        BASE,
        nominations=(nomination,),
        decisions=(CommendationDecision("D1", "N1", True, decided_on),),
    )


def test_the_default_is_the_year_instant_and_says_so():
    instant = assessment_instant(assess(BASE, 2025, _pm(), audience=CITY_OFFICE))
    assert instant == INSTANT
    default = _ye(BASE)
    assert default.as_of == INSTANT
    assert default.to_json() == _ye(BASE, INSTANT).to_json()
    # The same instant with another offset is the same year end; a county's too.
    in_utc = _ye(BASE, INSTANT.astimezone(UTC))
    assert in_utc.as_of == INSTANT and attrs.evolve(in_utc, as_of=INSTANT).to_json() == default.to_json()
    county = "county:379902"
    assert _ye(BASE, audience=county).to_json() == _ye(BASE, INSTANT, audience=county).to_json()
    assert YearEnd.from_json(default.to_json()).as_of == INSTANT
    assert "数据截至 2026-01-06 00:00（北京时间）" in render_yearend(default)
    assert "As of 2026-01-06 00:00 (Beijing time)" in render_yearend(default, "en")


def test_a_commendation_decided_after_as_of_is_not_yet_known():
    # Decided on 2026-02-10, after the year's instant: the default year end does not know it
    # (the old one counted it), one as of the day after does.
    later = _nominated(date(2026, 2, 10))
    before = _ye(later)
    assert before.commendation.commended == ()
    assert before.to_json() == _ye(attrs.evolve(later, decisions=())).to_json()
    after = _ye(later, datetime(2026, 2, 11, tzinfo=BEIJING))
    assert after.commendation.commended == (P,)
    # A county may ask for a later instant than the year's: it sees the decision too.
    assert _ye(later, datetime(2026, 2, 11, tzinfo=BEIJING), audience="county:379902").commendation.commended == (P,)


def test_a_roster_change_and_its_filing_after_as_of_change_nothing_as_of_it():
    # Q removed from 09-01 (a county change filed 08-20): as of 07-01 neither is known.
    change = RosterChange(
        "RC1", Q, ChangeAction.REMOVE, ChangeReason.OWN_WISH, date(2025, 9, 1), Designator.COUNTY, "379921"
    )
    filing = Filing("F1", "379921", date(2025, 8, 20), ("RC1",))
    changed = attrs.evolve(BASE, roster_changes=(change,), filings=(filing,))
    assert _ye(changed, JULY).to_json() == _ye(BASE, JULY).to_json()
    early = _ye(changed, JULY)
    assert early.roster_before.on == date(2025, 7, 1) and early.roster_before.points == 6
    assert early.filings == () and early.window == ()
    # Filed on 08-20: known from then, before it takes effect (the roster after the adjustment
    # leaves Q out); in effect from 09-01, the roster of the year's last day too.
    filed = _ye(changed, datetime(2025, 8, 21, tzinfo=BEIJING))
    assert [f.change for f in filed.filings] == ["RC1"] and filed.roster_after.points == 5
    assert filed.roster_before.points == 6
    assert _ye(changed).roster_before.points == 5


def test_a_removal_recorded_for_after_the_year_instant_is_known_once_in_effect_or_filed():
    # Effective 2026-03-01, not filed: unknown at the year's instant (the old year end listed it).
    change = RosterChange(
        "RC2", P, ChangeAction.REMOVE, ChangeReason.OWN_WISH, date(2026, 3, 1), Designator.COUNTY, "379902"
    )
    changed = attrs.evolve(BASE, roster_changes=(change,))
    assert _ye(changed).to_json() == _ye(BASE).to_json()
    later = _ye(changed, datetime(2026, 3, 2, tzinfo=BEIJING))
    assert [p.evidence for p in later.proposals] == [("RC2",)]
    assert [f.change for f in later.filings] == ["RC2"] and not later.filings[0].ok


def test_an_appraisal_round_still_open_at_as_of_is_not_listed():
    rnd = AppraisalRound("A1", HalfYear(2025, 1), date(2025, 6, 10), date(2025, 6, 25))
    ratings = tuple(Rating("A1", p.id, RaterGroup.POINT, "city-amr", RatingLevel.SATISFIED) for p in BASE.points)
    ds = attrs.evolve(BASE, appraisal_rounds=(rnd,), ratings=ratings)
    assert _ye(ds, datetime(2025, 6, 20, tzinfo=BEIJING)).appraisal == ()
    # Known once its window has closed: from 06-26 00:00 Beijing.
    assert _ye(ds, datetime(2025, 6, 25, 23, 59, tzinfo=BEIJING)).appraisal == ()
    assert [r.round for r in _ye(ds, datetime(2025, 6, 26, tzinfo=BEIJING)).appraisal] == ["A1"]


def test_topics_follow_ups_and_publicity_read_the_records_known_then():
    # The same difficulty raised by 3 points in 3 counties: two in May, one on 08-10. As of
    # 07-01 it is raised by 2 points (below common.min_points, 3): no candidate yet, two
    # matters; the topic opened on it on 10-01 and the publicity of 08-20 are not yet known.
    def raised(point: str, day: date) -> Contact:
        item = Item(ItemCategory.DIFFICULTY, "审批时限长", "city-amr")
        return Contact(f"C-X-{point}", point, day, ContactMethod.VISIT, "city", items=(item,))

    contacts = (raised("P-379902-1", date(2025, 5, 12)), raised("P-379921-1", date(2025, 5, 20)))
    late = raised("P-379981-1", date(2025, 8, 10))
    topic = ResearchTopic("T1", "审批时限专项调研", date(2025, 10, 1), "difficulty", "city-amr")
    activity = PublicityActivity("PA1", "379902", date(2025, 8, 20), PublicityKind.MEDIA, "宣传")
    ds = attrs.evolve(BASE, contacts=(*BASE.contacts, *contacts, late), research_topics=(topic,), publicity=(activity,))
    known = attrs.evolve(BASE, contacts=(*BASE.contacts, *contacts))
    early = _ye(ds, JULY)
    assert early.to_json() == _ye(known, JULY).to_json()

    # Without BASE's 经营状况 items naming no department, a topic of their own since auditor a70
    # 03 (docs/rules.md "Open: items naming no department"): not this test's.
    def difficulty(topics):
        return tuple(t for t in topics if t.category == "difficulty")

    assert difficulty(early.topics) == () and early.followups is not None and early.followups.matters == 2
    assert early.research is not None and early.research.topics == ()
    whole = _ye(ds)
    assert [(t.points, t.already_open) for t in difficulty(whole.topics)] == [(3, "T1")]
    assert whole.followups is not None and whole.followups.matters == 3
    assert whole.guarantees is not None and whole.guarantees.counties[0].publicity == ("PA1",)
    # As of 09-01: a candidate, with no topic opened on it yet.
    assert [(t.points, t.already_open) for t in difficulty(_ye(ds, datetime(2025, 9, 1, tzinfo=BEIJING)).topics)] == [
        (3, None)
    ]


def test_a_county_is_refused_an_early_instant_and_the_city_office_is_not():
    with pytest.raises(SoftenvError, match="would date direct complaints"):
        _ye(BASE, JULY, audience="county:379902")
    with pytest.raises(SoftenvError, match="assessment instant"):
        _ye(BASE, INSTANT - timedelta(seconds=1), audience="public")
    assert _ye(BASE, JULY).as_of == JULY


def test_a_naive_instant_and_an_assessment_of_another_instant_are_refused():
    with pytest.raises(InputError) as expected:
        assess(BASE, 2025, _pm(), audience=CITY_OFFICE, as_of=datetime(2025, 7, 1))
    with pytest.raises(InputError) as got:
        _ye(BASE, datetime(2025, 7, 1))
    assert str(got.value) == str(expected.value)
    default = assess(BASE, 2025, _pm(), audience=CITY_OFFICE)
    with pytest.raises(SoftenvError, match=r"speaks for 2026-01-06.*not as_of 2025-07-01"):
        _ye(BASE, JULY, assessment=default)
    # Without as_of, the given assessment's instant is the year end's.
    mid = assess(BASE, 2025, _pm(), audience=CITY_OFFICE, as_of=JULY)
    assert _ye(BASE, assessment=mid).to_json() == _ye(BASE, JULY).to_json()


def test_the_cli_takes_as_of_and_refuses_a_naive_or_early_one(capsys, tmp_path):
    args = ["yearend", SMALL, "--year", "2025"]
    assert main([*args, "--as-of", "2025-07-01T00:00:00+08:00", "--format", "json"]) == 0
    assert YearEnd.from_json(capsys.readouterr().out).as_of == JULY
    assert main([*args, "--as-of", "2025-07-01T00:00:00+08:00"]) == 0
    assert "数据截至 2025-07-01 00:00（北京时间）" in capsys.readouterr().out
    assert main([*args, "--as-of", "2025-07-01"]) == 1
    err = capsys.readouterr().err
    assert "缺少时区" in err and "Traceback" not in err and err.count("\n") == 1
    assert main([*args, "--as-of", "2025-07-01T00:00:00+08:00", "--audience", "county:379902", "--lang", "en"]) == 1
    assert "would date direct complaints" in capsys.readouterr().err
    # The workbook too: its assessment and year end are of the instant given.
    book = tmp_path / "yearend.xlsx"
    assert main([*args, "--as-of", "2025-07-01T00:00:00+08:00", "--format", "xlsx", "--out", str(book)]) == 0
    assert book.stat().st_size > 0


# --- monotonic knowledge ------------------------------------------------------------------


def _by(p):
    # A 市直 point is the city's to change: a county's change of one is refused (auditor a39).
    return Designator.CITY if p.level is PointLevel.CITY else Designator.COUNTY


@st.composite
def _late_records(draw, ds, day):
    """Records dated after ``day``: decisions on the nominations, county removals (filed
    later or never) of any point, nominees too, each with the point's record ending as its
    removal says (records and changes agree), and departments' suggestions of 2025."""
    decisions = [
        CommendationDecision(
            f"D{k}", n.id, draw(st.booleans()), draw(st.dates(day + timedelta(days=1), date(2026, 12, 31)))
        )
        for k, n in enumerate(ds.nominations)
        if draw(st.booleans())
    ]
    changes, filings, suggestions, points = [], [], [], []
    for k, p in enumerate(ds.points):
        if draw(st.booleans()):
            effective = draw(st.dates(day + timedelta(days=1), date(2026, 12, 31)))
            changes.append(
                RosterChange(f"RC{k}", p.id, ChangeAction.REMOVE, ChangeReason.OWN_WISH, effective, _by(p), p.county)
            )
            if draw(st.booleans()):
                filings.append(
                    Filing(f"F{k}", p.county, draw(st.dates(day + timedelta(days=1), date(2026, 12, 31))), (f"RC{k}",))
                )
            p = attrs.evolve(p, designated_until=effective - timedelta(days=1))
        points.append(p)
        if day < date(2025, 12, 31) and draw(st.booleans()):
            action = draw(st.sampled_from(ChangeAction))
            made = draw(st.dates(day + timedelta(days=1), date(2025, 12, 31)))
            point = p.id if action is ChangeAction.REMOVE else None
            suggestions.append(AdjustmentSuggestion(f"S{k}", "city-amr", action, p.county, made, "建议", point))
    return decisions, changes, filings, suggestions, tuple(points)


@HEAVY  # each example: two year ends, each with its assessment
@given(st.data())
def test_records_dated_after_as_of_never_change_the_year_end_as_of_it(data):
    as_of = data.draw(beijing_moments(date(2025, 2, 1), date(2026, 2, 28)), label="as_of")
    known = attrs.evolve(
        BASE, nominations=tuple(Nomination(f"N{k}", 2025, p.county, p.id) for k, p in enumerate(BASE.points[:3]))
    )
    decisions, changes, filings, suggestions, points = data.draw(
        _late_records(known, beijing_date(as_of)), label="late"
    )
    full = attrs.evolve(
        known,
        points=points,
        decisions=tuple(decisions),
        roster_changes=tuple(changes),
        filings=tuple(filings),
        adjustment_suggestions=tuple(suggestions),
    )
    assert _ye(full, as_of).to_json() == _ye(known, as_of).to_json()
