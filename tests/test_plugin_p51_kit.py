"""Plugin author p51 (西城区 379903), findings 02-05: conditions that read what the conformance kit
never put before them, and passed it.

02. "This year" taken from ``ctx.as_of``: at the year's default instant (2026-01-06 00:00 for
    2025) that is the next year, and 2025 was judged by a complaint received on 2026-01-03. The
    kit asked only at instants inside the year: ``within_year`` now asks at the default instant
    with records of the next year (and of the year before's last evening) known by then.
03. A moment read in the offset it was written with (``c.received_at.year``): the same complaint
    failed the county written ``+08:00`` and passed it written in UTC. ``any_offset`` writes every
    moment in another offset (the same instants) and requires the same answers.
04. ``own_county_only`` dropped other counties' contacts, reports, waivers, complaints, ratings
    and follow-ups only: a condition reading another county's work plan passed. It now drops
    every kind of record the model gives a county, read from the model.
05. ``known_at`` added its later records from 09:00 the day after its instant: a condition cutting
    complaints at the instant's Beijing *day* passed, and counted, as of noon, one received at 15:00.
    A complaint and an amendment of each report later the same day are now added too.
Docs: the guide and testing-rules.md said the kit asks complaint limits on each month's first
day only, "since an assessment asks them only where a condition reads a complaint's status"; the
kit's assessments ask them every day (a policy laxer from 12-15 was found), as every assessment.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from pathlib import Path

import attrs

from softenv_core import CITY_OFFICE, assess, dataset_json, get_plugin_manager, loads_dataset
from softenv_core.demo import build_demo
from softenv_core.model.appraisals import RaterGroup, Rating, RatingLevel
from softenv_core.model.dataset import COLLECTIONS, Dataset
from softenv_core.model.guarantees import WorkPlan
from softenv_core.model.roster import CommendationDecision
from softenv_core.plugin import (
    BEIJING,
    ComplaintKind,
    ComplaintSla,
    Condition,
    CountyYear,
    Failure,
    ParameterSet,
    PluginInfo,
    WorkCalendar,
    beijing_date,
    hookimpl,
)
from softenv_core.testing import beijing, make_complaint, small_dataset
from softenv_core.testing.check_faults import kit_fault
from softenv_core.testing.conformance import CHECKS, check_plugin
from softenv_core.testing.conformance_variants import known_then_and_later
from softenv_core.testing.other_counties import STRUCTURE, county_scoped, without_other_counties
from softenv_core.testing.year_edges import ANY_OFFSET_FIX, WITHIN_YEAR_FIX, outside_the_year, rewritten

COUNTY = "379903"
DEPT = f"{COUNTY}-amr"


class _Plugin:
    """A plugin of 西城区 with one 十佳 condition, ``check``."""

    def __init__(self, check) -> None:  # type: ignore[no-untyped-def]
        self.check = check

    @hookimpl
    def softenv_plugin_info(self) -> PluginInfo:
        return PluginInfo(county=COUNTY, title="西城区监测点工作细则", reference="西城区经信局〔2025〕2号")

    @hookimpl
    def softenv_topten_conditions(self, year: int, params: ParameterSet) -> Sequence[Condition]:
        return [
            Condition(
                id="county.379903.topten.no_complaint",
                title_zh="本年度本区部门无投诉",
                title_en="no complaint about the county's departments in the year",
                reference="西城区经信局〔2025〕2号 第八条",
                check=self.check,
                effective_from=date(2025, 1, 1),
            )
        ]


def _mine(ctx: CountyYear) -> set[str]:
    return {d.id for d in ctx.dataset.departments if d.county == ctx.county.code}


def _end(ctx: CountyYear) -> datetime:
    """The instant the condition speaks for: the year's end, or ``as_of`` when earlier."""
    end = datetime.combine(date(ctx.year + 1, 1, 1), time(0), BEIJING)
    return end if ctx.as_of is None else min(end, ctx.as_of)


def _failed(hits: list[str]) -> Failure | None:
    return Failure(f"本区部门被投诉{len(hits)}件", sorted(hits)) if hits else None


def as_of_year(ctx: CountyYear) -> Failure | None:
    """02's slip: the year of the instant, not ``ctx.year``."""
    at = ctx.as_of or datetime.combine(date(ctx.year + 1, 1, 1), time(0), BEIJING)
    year = beijing_date(at).year
    return _failed(
        [
            c.id
            for c in ctx.dataset.complaints
            if c.department in _mine(ctx)
            and c.received_at is not None
            and c.received_at <= at
            and beijing_date(c.received_at).year == year
        ]
    )


def sound(ctx: CountyYear) -> Failure | None:
    """The same condition as the guide writes it: the Beijing day, ``ctx.year``, the instant."""
    at = _end(ctx)
    return _failed(
        [
            c.id
            for c in ctx.dataset.complaints
            if c.department in _mine(ctx)
            and c.received_at is not None
            and c.received_at < at
            and beijing_date(c.received_at).year == ctx.year
        ]
    )


def _condition(plugin: _Plugin, ds):  # type: ignore[no-untyped-def]
    pm = get_plugin_manager(autoload=False, plugins=[("westgate", plugin)])
    county = assess(ds, 2025, pm, audience=CITY_OFFICE).county(COUNTY)
    return next(c for c in county.conditions if c.rule.id.startswith("county."))


def test_the_slip_judges_the_year_by_the_next_years_complaint() -> None:
    q = make_complaint("Q2026", "P-379903-2", beijing(2026, 1, 3, 9), department=DEPT)
    ds = attrs.evolve(small_dataset(2025, (COUNTY, "379902")), complaints=(q,))
    assert not _condition(_Plugin(as_of_year), ds).passed  # the finding, in the engine
    assert _condition(_Plugin(sound), ds).passed


def test_within_year_is_a_named_check_that_fails_the_slip() -> None:
    assert "within_year" in CHECKS
    report = check_plugin(_Plugin(as_of_year), "asofyear", others=[], max_examples=2, hash_seed=False)
    assert "within_year" in report.failures, report.failures
    message = report.failures["within_year"]
    assert "as of 2026-01-06T00:00:00+08:00" in message or "(the default instant of" in message
    fault = kit_fault("asofyear", "within_year", message, "")
    assert fault.rule == "county.379903.topten.no_complaint" and fault.fix == WITHIN_YEAR_FIX


def test_within_year_passes_the_sound_condition() -> None:
    report = check_plugin(_Plugin(sound), "sound", others=[], max_examples=3, hash_seed=False)
    assert report.passed, report.failures


def test_the_records_added_are_known_at_the_default_instant_and_outside_the_year() -> None:
    ds = small_dataset(2025, (COUNTY, "379902"))
    at = datetime(2026, 1, 6, tzinfo=BEIJING)
    edged = outside_the_year(ds, COUNTY, 2025, at)
    assert edged is not None
    added = [c for c in edged.complaints if c.id.startswith("kit.edge")]
    assert added and all(e.at < at and beijing_date(e.at).year != 2025 for c in added for e in c.events)
    assert {c.department for c in added} == {DEPT}
    contacts = [c for c in edged.contacts if c.id.startswith("kit.edge")]
    assert contacts and all(c.date == date(2026, 1, 1) for c in contacts)


def raw_year(ctx: CountyYear) -> Failure | None:
    """03's slip: the year of ``received_at`` as written, not its Beijing year."""
    at = _end(ctx)
    return _failed(
        [
            c.id
            for c in ctx.dataset.complaints
            if c.department in _mine(ctx)
            and c.received_at is not None
            and c.received_at < at
            and c.received_at.year == ctx.year
        ]
    )


def test_the_slip_answers_the_same_instant_two_ways() -> None:
    q = make_complaint("Q1", "P-379903-2", beijing(2025, 1, 1, 1), department=DEPT)
    base = attrs.evolve(small_dataset(2025, (COUNTY, "379902")), complaints=(q,))
    as_utc = loads_dataset(dataset_json(rewritten(base)))
    assert as_utc.complaints[0].received_at.isoformat() == "2024-12-31T17:00:00+00:00"
    assert _condition(_Plugin(raw_year), base).passed != _condition(_Plugin(raw_year), as_utc).passed
    assert not _condition(_Plugin(sound), base).passed and not _condition(_Plugin(sound), as_utc).passed


def test_any_offset_is_a_named_check_that_fails_the_slip() -> None:
    assert "any_offset" in CHECKS
    report = check_plugin(_Plugin(raw_year), "rawyear", others=[], max_examples=2, hash_seed=False)
    assert "any_offset" in report.failures, report.failures
    fault = kit_fault("rawyear", "any_offset", report.failures["any_offset"], "")
    assert fault.rule == "county.379903.topten.no_complaint" and fault.fix == ANY_OFFSET_FIX
    assert "beijing_date(moment)" in fault.fix


def test_rewritten_keeps_every_instant_and_moves_the_days_read_as_written() -> None:
    ds = outside_the_year(small_dataset(2025, (COUNTY, "379902")), COUNTY, 2025, datetime(2026, 1, 6, tzinfo=BEIJING))
    assert ds is not None
    moved = rewritten(ds)
    before = [e.at for c in ds.complaints for e in c.events] + [r.submitted_at for r in ds.reports]
    after = [e.at for c in moved.complaints for e in c.events] + [r.submitted_at for r in moved.reports]
    assert before == after  # the same instants
    assert {m.utcoffset() for m in after if m is not None} <= {timedelta(0), timedelta(hours=14)}
    assert any(m.date() != beijing_date(m) for m in after if m is not None)


def _owner(ds, county: str):  # type: ignore[no-untyped-def]
    """Whether a record is another county's own, as the model scopes it (Dataset.record_scopes;
    a rating, which has no id, by its rater and the department rated)."""
    scopes, mine = ds.record_scopes, {p.id for p in ds.points if p.county == county}
    departments = {d.id: d.county for d in ds.departments}

    def theirs(record) -> bool:  # type: ignore[no-untyped-def]
        if isinstance(record, Rating):
            return record.rater not in mine and departments.get(record.department) not in (county, None)
        _, owner, about = scopes[record.id]
        return owner not in (None, county) and about != county

    return theirs


def _every_kind_of_another_county() -> Dataset:
    """The demo city, with a decision on another county's nomination and a rating of another
    county's department by its own point (the demo has neither), and no research topic (city-wide,
    its evidence cites every county's contacts: no dataset is left without them)."""
    ds = build_demo(2025)
    nomination = next(n for n in ds.nominations if n.county != COUNTY)
    point = next(p for p in ds.points if p.county == "379902")
    dept = next(d for d in ds.departments if d.county == "379902")
    decision = CommendationDecision("D-kit-379902", nomination.id, True, date(2026, 2, 10))
    rating = Rating(ds.appraisal_rounds[0].id, point.id, RaterGroup.POINT, dept.id, RatingLevel.SATISFIED)
    return attrs.evolve(ds, research_topics=(), decisions=(decision,), ratings=(*ds.ratings, rating))


def test_own_county_only_drops_every_kind_of_record_another_county_owns() -> None:
    ds = _every_kind_of_another_county()
    theirs = _owner(ds, COUNTY)
    owned = {name for name, _ in COLLECTIONS if name not in STRUCTURE and any(map(theirs, getattr(ds, name)))}
    # the demo city holds another county's record of every kind the model gives a county
    assert owned == set(county_scoped()), owned ^ set(county_scoped())
    assert {"work_plans", "publicity", "filings", "roster_changes", "nominations", "decisions"} <= owned
    thinned = without_other_counties(ds, COUNTY)
    assert thinned is not None
    left = {name: [r for r in getattr(thinned, name) if theirs(r)] for name, _ in COLLECTIONS if name not in STRUCTURE}
    assert not any(left.values()), {k: len(v) for k, v in left.items() if v}
    # what the county may read stays: its own records, complaints about its departments, the structure
    for name in ("complaints", "work_plans", "nominations", "ratings"):
        assert [r for r in getattr(ds, name) if not theirs(r)] == list(getattr(thinned, name)), name
    assert all(getattr(thinned, name) == getattr(ds, name) for name in STRUCTURE)


def test_every_collection_is_structure_county_scoped_or_city_wide() -> None:
    """A kind of record added to the model is dropped by own_county_only or named here as
    city-wide on purpose: this fails until it is one or the other."""
    city_wide = {"appraisal_rounds", "research_topics"}
    names = {name for name, _ in COLLECTIONS}
    assert names == set(STRUCTURE) | set(county_scoped()) | city_wide
    assert not city_wide & set(county_scoped())


def any_plan(ctx: CountyYear) -> Failure | None:
    """04's slip: a work plan of the year, whichever county adopted it."""
    day = beijing_date(ctx.as_of) if ctx.as_of else date(ctx.year, 12, 31)
    plans = [w for w in ctx.dataset.work_plans if w.year == ctx.year and w.adopted_on <= day]
    return None if plans else Failure("未制定年度工作计划")


def test_own_county_only_fails_a_condition_reading_another_countys_work_plan() -> None:
    other = WorkPlan("WP-379902-2025", "379902", 2025, date(2025, 2, 1), "东城区年度计划")
    ds = attrs.evolve(small_dataset(2025, (COUNTY, "379902")), work_plans=(other,))
    assert _condition(_Plugin(any_plan), ds).passed  # the finding: 西城区 passes on 东城区's plan
    report = check_plugin(_Plugin(any_plan), "anyplan", others=[], max_examples=5, hash_seed=False)
    assert "own_county_only" in report.failures, report.failures
    assert "work plans" in report.failures["own_county_only"]


def day_cut(ctx: CountyYear) -> Failure | None:
    """05's slip: complaints cut at the instant's day, not the instant."""
    at = _end(ctx)
    return _failed(
        [
            c.id
            for c in ctx.dataset.complaints
            if c.department in _mine(ctx)
            and c.received_at is not None
            and beijing_date(c.received_at).year == ctx.year
            and beijing_date(c.received_at) <= beijing_date(at)
        ]
    )


def test_the_slip_counts_a_complaint_received_after_the_instant_that_day() -> None:
    q = make_complaint("Q1", "P-379903-2", beijing(2025, 6, 30, 15), department=DEPT)
    ds = attrs.evolve(small_dataset(2025, (COUNTY, "379902")), complaints=(q,))
    pm = get_plugin_manager(autoload=False, plugins=[("westgate", _Plugin(day_cut))])
    county = assess(ds, 2025, pm, audience=CITY_OFFICE, as_of=beijing(2025, 6, 30, 12)).county(COUNTY)
    assert not next(c for c in county.conditions if c.rule.id.startswith("county.")).passed


def test_known_at_fails_a_cut_at_the_instants_day() -> None:
    report = check_plugin(_Plugin(day_cut), "daycut", others=[], max_examples=3, hash_seed=False)
    assert "known_at" in report.failures, report.failures
    assert "kit.today.1" in report.failures["known_at"] and "later that day" in report.failures["known_at"]


def test_known_at_adds_a_complaint_and_amendments_later_the_same_day() -> None:
    ds = small_dataset(2025, (COUNTY, "379902"))
    at = beijing(2025, 6, 15, 12)
    known, later = known_then_and_later(ds, COUNTY, 2025, at)
    today = [c for c in later.complaints if c.received_at is not None and at < c.received_at]
    assert any(beijing_date(c.received_at) == beijing_date(at) for c in today)
    amended = [a for r in later.reports if r.county == COUNTY for a in r.amendments]
    assert any(at < a.submitted_at and beijing_date(a.submitted_at) == beijing_date(at) for a in amended)
    assert all(a.submitted_at <= at for r in known.reports for a in r.amendments)


class MidDecember:
    """Complaint limits laxer than the city's (意见建议 8 working days to resolve) from 2025-12-15."""

    @hookimpl
    def softenv_plugin_info(self) -> PluginInfo:
        return PluginInfo(county=COUNTY, title="西城区监测点工作细则", reference="西城区经信局〔2025〕3号")

    @hookimpl
    def softenv_complaint_sla(
        self, kind: ComplaintKind, calendar: WorkCalendar, params: ParameterSet, on: date
    ) -> ComplaintSla | None:
        if on < date(2025, 12, 15):
            return None
        resolve = params.get("complaint.resolve_workdays", on).whole_by_key()
        return ComplaintSla(
            1, 1, {**resolve, ComplaintKind.SUGGESTION.value: 8}, 15, 2, "西城区经信局〔2025〕3号 第七条"
        )


def test_the_kit_finds_limits_laxer_from_a_mid_month_day_and_the_docs_say_every_day() -> None:
    report = check_plugin(MidDecember(), "middec", others=[], max_examples=2, hash_seed=False)
    assert "no_conflict" in report.failures and "2025-12-15" in report.failures["no_conflict"], report.failures
    docs = Path(__file__).parent.parent / "docs"
    row = next(
        line
        for line in (docs / "testing-rules.md").read_text(encoding="utf-8").splitlines()
        if "| `no_conflict` |" in line
    )
    assert "on every day from the city's first limits to its instant" in row
    for page in ("testing-rules.md", "writing-a-county-plugin.md", "cli.md"):
        text = (docs / page).read_text(encoding="utf-8")
        assert "asks them only where a condition reads a complaint's status" not in text, page
