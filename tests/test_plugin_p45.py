"""A county plugin written from the docs alone (plugin author p45): 东城区 (379902,
tests/p45_dongcheng), its report due on the 3rd of the next month (顺延) except December's, which
keeps the city's deadline; 2 points (3 from 2025-07-01, the figure in force on the last counted
quarter's last day) for a 县区 point reached in person (上门) in every quarter it owed that has
ended; two 十佳 conditions, no complaint about the county's departments due for 督办 at the
assessment's instant and every roster change (动态调整) of the year filed (备案) within 20 days
(10 from 2025-07-01); and 10 working days to resolve a 举报 about its departments, the other
kinds keeping the city's. It conforms, its properties hold over generated datasets, and it
passes ``mypy --strict``. What it found:

1. ``softenv_core.plugin`` — "everything a plugin needs" (docs/hooks.md), whose evidence rules
   name roster changes and filings as records a plugin may cite — exported neither
   ``RosterChange``, ``Filing`` nor ``Designator`` / ``ChangeAction`` / ``ChangeReason``: a
   condition on the county's roster changes could not be written against the plugin surface.
2. The conformance kit never generated a roster change nor a filing, and its ``known_at`` check
   added none after its instant: a 十佳 condition "every roster change filed (备案)" reading
   ``ctx.dataset.filings`` without their ``filed_on`` counted a filing made after ``as_of``, and
   passed ``assert_conforms``. The check now adds, where the county has no roster change by the
   instant, the addition of its point designated last, and filings of the county's changes the
   day after and in the next January. Not fixed: a removal (撤销) in effect after the instant is
   still never added (a condition "no point removed as 考评不合格" counting one effective after
   ``as_of`` passes): added to the later dataset it ends the point's designation, and the
   不满意 ratings the same check adds for the point in rounds still open become invalid data.
3. docs/hooks.md listed ``ComplaintView.open_step`` and ``supervision_due`` without the step names
   or whose step each is: a 十佳 condition "no complaint about the county's departments due for
   督办" written from it (this plugin's first version) failed the county for a complaint its
   department resolved in time, whose 回访 (市软建办's own step) was overdue. The docs now name
   the steps, say whose each is, and how to read the department's.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings

from softenv_core import CITY_OFFICE, SoftenvPluginManager, assess, get_plugin_manager, report_deadline
from softenv_core.plugin import (
    BEIJING,
    ChangeAction,
    ChangeReason,
    ComplaintKind,
    Condition,
    ContactMethod,
    CountyYear,
    Dataset,
    Designator,
    Failure,
    Filing,
    Month,
    ParameterSet,
    PointLevel,
    RosterChange,
    hookimpl,
)
from softenv_core.testing import (
    SAFE_YEARS,
    Case,
    RegisterPlugin,
    assert_case,
    assert_conforms,
    beijing,
    check_plugin,
    datasets,
    load_cases,
    make_complaint,
    small_dataset,
)
from softenv_core.testing.conformance_variants import known_then_and_later

from . import p45_dongcheng as dongcheng
from .weights import examples

CODE = dongcheng.COUNTY
POINT = f"P-{CODE}-2"  # small_dataset's 县区 point of the county
VISITS = f"county.{CODE}.extra.visit_quarters"
FILING = f"county.{CODE}.topten.filing"
SUPERVISION = f"county.{CODE}.topten.no_supervision"
CASES = load_cases(Path(__file__).parent / "p45_dongcheng" / "cases")


def _pm(*more: tuple[str, object]) -> SoftenvPluginManager:
    return get_plugin_manager(autoload=False, plugins=[("dongcheng", dongcheng), *more])


def _failing(ds: Dataset, as_of: datetime | None = None) -> list[str]:
    result = assess(ds, 2025, _pm(), audience=CITY_OFFICE, as_of=as_of)
    return [r.rule.id for r in result.county(CODE).conditions if not r.passed]


# --- 1. the roster's types on the plugin surface --------------------------------------------------


def test_1_the_plugin_surface_has_the_roster_types() -> None:
    import softenv_core.plugin as surface

    for name in ("RosterChange", "Filing", "Designator", "ChangeAction", "ChangeReason"):
        assert name in surface.__all__, name
    assert surface.RosterChange is RosterChange and surface.Designator is Designator


# --- 2. the kit's known_at check adds filings made after its instant -----------------------------


def _filed_ever(ctx: CountyYear) -> Failure | None:
    """A hurried "every roster change filed" condition: a filing counts whenever it was made."""
    day = dongcheng.beijing_date(ctx.as_of) if ctx.as_of is not None else date(ctx.year, 12, 31)
    filed = {cid for f in ctx.dataset.filings if f.county == ctx.county.code for cid in f.changes}
    unfiled = sorted(
        r.id
        for r in ctx.dataset.roster_changes
        if r.county == ctx.county.code and r.effective.year == ctx.year and r.effective <= day and r.id not in filed
    )
    return Failure("动态调整未备案", unfiled) if unfiled else None


class _FiledEver:
    softenv_plugin_info = staticmethod(dongcheng.softenv_plugin_info)

    @staticmethod
    @hookimpl
    def softenv_topten_conditions(year: int, params: ParameterSet) -> Sequence[Condition]:
        return [
            Condition(
                id=f"county.{CODE}.topten.filed_ever",
                title_zh="动态调整均已备案",
                title_en="roster changes filed",
                reference=dongcheng.POLICY,
                check=_filed_ever,
                effective_from=date(2025, 1, 1),
            )
        ]


def test_2_known_at_adds_a_roster_change_and_its_later_filings() -> None:
    ds = small_dataset(2025, (CODE,))
    ds = attrs.evolve(
        ds, points=tuple(attrs.evolve(p, designated_from=date(2025, 2, 1)) if p.id == POINT else p for p in ds.points)
    )
    at = datetime(2025, 5, 15, 12, tzinfo=BEIJING)
    known, later = known_then_and_later(ds, CODE, 2025, at)
    (change,) = known.roster_changes
    assert (change.point, change.effective, change.action) == (POINT, date(2025, 2, 1), ChangeAction.ADD)
    assert later.roster_changes == known.roster_changes and not known.filings
    assert [(f.filed_on, f.changes) for f in later.filings] == [
        (date(2025, 5, 16), (change.id,)),
        (date(2026, 1, 12), (change.id,)),
    ]


def test_2_the_kit_fails_a_condition_counting_a_filing_not_yet_made() -> None:
    report = check_plugin(_FiledEver(), "filedever", others=[], max_examples=5, hash_seed=False)
    assert "known_at" in report.failures, report.failures
    assert "filings of its roster changes" in report.failures["known_at"]


# --- 3. whose step supervision_due is ----------------------------------------------------------


def test_3_docs_name_the_steps_a_complaint_view_reports_and_whose_they_are() -> None:
    from softenv_core.analyses.complaint_states import ComplaintStep

    text = (Path(__file__).parents[1] / "docs" / "hooks.md").read_text(encoding="utf-8")
    block = text[text.index("- `ComplaintView` (") :][:1200]
    for step in ComplaintStep:
        assert f'`"{step.value}"` {step.zh}' in block, step
    assert 'view.open_step in ("sign", "resolve")' in block


def test_3_an_overdue_follow_up_is_due_for_supervision_though_the_department_was_on_time() -> None:
    """The trap the docs now name: a 举报 resolved in 3 days, its 回访 never made."""
    ds = small_dataset(2025, (CODE,))
    on_time = make_complaint("Q1", POINT, beijing(2025, 3, 3, 9), kind=ComplaintKind.REPORT, department=f"{CODE}-amr")
    ds = attrs.evolve(ds, complaints=(on_time,))
    seen = []

    def naive(ctx: CountyYear) -> Failure | None:
        assert ctx.complaint_status is not None and ctx.as_of is not None
        view = ctx.complaint_status(on_time.known_at(ctx.as_of), ctx.as_of)
        seen.append((view.open_step, view.supervision_due))
        return None

    class Naive:
        softenv_plugin_info = staticmethod(dongcheng.softenv_plugin_info)

        @staticmethod
        @hookimpl
        def softenv_topten_conditions(year: int, params: ParameterSet) -> Sequence[Condition]:
            return [Condition("county.379902.topten.naive", "督办", "supervision", "r", naive, date(2025, 1, 1))]

    assess(ds, 2025, get_plugin_manager(autoload=False, plugins=[("naive", Naive())]), audience=CITY_OFFICE)
    assert seen == [("follow_up", True)]
    assert SUPERVISION not in _failing(ds)  # the plugin reads the department's steps alone


# --- the plugin itself: its cases, the kit, its properties ---------------------------------------


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case(case: Case, softenv_register: RegisterPlugin) -> None:
    assert_case(case, softenv_register(dongcheng, "dongcheng"))


def test_conforms() -> None:
    assert_conforms(dongcheng, "dongcheng", others=[], max_examples=examples(4), hash_seed=False)


@pytest.mark.parametrize("year", SAFE_YEARS)
def test_the_deadline_is_the_3rd_but_decembers_is_the_citys(year: int) -> None:
    ds = small_dataset(year, (CODE,))
    city = get_plugin_manager(autoload=False)
    for m in range(1, 13):
        month = Month(year, m)
        mine, theirs = report_deadline(ds, CODE, month, _pm()), report_deadline(ds, CODE, month, city)
        if m == 12 or (month + 1).first_day < dongcheng.IN_FORCE:
            assert mine.rule_id == "city.report.deadline"
            continue
        assert mine.rule_id == f"county.{CODE}.report.deadline"
        assert mine.nominal == (month + 1).first_day.replace(day=3)
        assert month.end < mine.due_at <= theirs.due_at


def _visited(ds: Dataset, months: set[int]) -> Dataset:
    contacts = tuple(
        attrs.evolve(c, method=ContactMethod.VISIT) if c.point == POINT and c.date.month in months else c
        for c in ds.contacts
    )
    return attrs.evolve(ds, contacts=contacts)


def _visit_item(ds: Dataset, as_of: datetime | None = None) -> Decimal | None:
    point = assess(ds, 2025, _pm(), audience=CITY_OFFICE, as_of=as_of).point(POINT)
    found = [i.points for i in point.items if i.rule.id == VISITS]
    return found[0] if found else None


def test_the_visit_rule_reads_the_figure_of_the_last_quarter_counted() -> None:
    ds = _visited(small_dataset(2025, (CODE,)), {2, 5, 8, 11})
    assert _visit_item(ds) == 3  # the last quarter ends after 2025-07-01
    assert _visit_item(ds, beijing(2025, 7, 1, 0)) == 2  # as of 07-01: Q1 and Q2, the figure of 06-30
    assert _visit_item(ds, beijing(2025, 3, 31, 23)) is None  # no quarter over yet
    assert _visit_item(_visited(small_dataset(2025, (CODE,)), {2, 5, 11})) is None  # Q3 without a visit


def _roster(ds: Dataset, filed_on: date | None) -> Dataset:
    ds = attrs.evolve(
        ds,
        points=tuple(attrs.evolve(p, designated_by=Designator.COUNTY) if p.id == POINT else p for p in ds.points),
    )
    change = RosterChange(
        "RC1", POINT, ChangeAction.REMOVE, ChangeReason.OWN_WISH, date(2025, 8, 1), Designator.COUNTY, CODE
    )
    filings = () if filed_on is None else (Filing("F1", CODE, filed_on, ("RC1",)),)
    return attrs.evolve(ds, roster_changes=(change,), filings=filings)


def test_a_roster_change_filed_late_fails_the_filing_condition() -> None:
    ds = small_dataset(2025, (CODE,))
    assert FILING not in _failing(_roster(ds, date(2025, 8, 11)))  # within 10 days (the figure from 07-01)
    assert FILING in _failing(_roster(ds, date(2025, 8, 12)))
    assert FILING in _failing(_roster(ds, None))
    # as of 08-10 an unfiled change is still within its limit; a filing of 09-01 is not yet made
    assert FILING not in _failing(_roster(ds, date(2025, 9, 1)), beijing(2025, 8, 10, 12))
    assert FILING in _failing(_roster(ds, date(2025, 9, 1)), beijing(2025, 8, 20, 12))


def test_a_complaint_due_for_supervision_at_the_instant_fails_the_county() -> None:
    ds = small_dataset(2025, (CODE,))
    open_one = make_complaint(
        "Q1", POINT, beijing(2025, 3, 3, 9), kind=ComplaintKind.REPORT, department=f"{CODE}-amr", resolved_at=None
    )
    ds = attrs.evolve(ds, complaints=(open_one,))
    # resolved on the 3rd day: a 举报 within the county's 10 working days, nothing due for 督办
    assert SUPERVISION not in _failing(ds)
    late = make_complaint(
        "Q1",
        POINT,
        beijing(2025, 3, 3, 9),
        kind=ComplaintKind.REPORT,
        department=f"{CODE}-amr",
        resolved_at=beijing(2025, 3, 3, 9) + timedelta(days=18),
    )
    late_ds = attrs.evolve(ds, complaints=(late,))
    # resolved after 13 working days: past the county's 10 for a 举报 (the city's 15 would not be);
    # as of 03-19 it was open and overdue, so due for 督办; at the year's end it is resolved
    assert SUPERVISION in _failing(late_ds, beijing(2025, 3, 19, 12))
    assert SUPERVISION not in _failing(late_ds, beijing(2025, 3, 14, 12))


@settings(max_examples=examples(4), deadline=None)
@given(datasets(2025, county_codes=(CODE, "379903"), require=(CODE,)))
def test_the_plugin_scores_within_its_bounds_on_generated_datasets(ds: Dataset) -> None:
    result = assess(ds, 2025, _pm(), audience=CITY_OFFICE)
    levels = {p.id: p.level for p in ds.points}
    for p in result.points:
        for item in p.items:
            if item.rule.id == VISITS:
                assert item.points in (2, 3) and levels[p.id] is PointLevel.COUNTY
