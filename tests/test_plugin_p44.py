"""A county plugin written from the docs alone (plugin author p44): 新港区 (379911,
tests/p44_xingang), its report due on the 4th of the next month moved *earlier* to the last working
day before a 4th that is a day off (补班 counted; after the holiday only where the 1st-4th are all
days off), 0.5 a month reached online (1 from 2025-07-01, the figure in force on the contact's day)
capped at 3 (4 from 2025-07-01), a 十佳 condition on amendments made after a month's deadline (at
most 2, 1 from 2025-07-01), and, from 2025-07-01, 10 working days to resolve a 投诉 about the
county's departments. It conforms, its properties hold over generated datasets, and it passes
``mypy --strict``. What it found:

1. ``softenv explain --county`` named only the complaint limits in force on the year's last day
   (or the instant): for a county whose stricter limits began 2025-07-01 it said 投诉 办结10 for
   the whole year, though a complaint about its departments opened in March was due by the city's
   15 — docs/cli.md says the block is there "so a due day of a complaint says whose limits made
   it". The limits in force earlier in the year, each span with its answer, are now listed after.
2. Limits keyed by the kinds themselves, ``{ComplaintKind.COMPLAINT: 10}``, were refused as "key
   <ComplaintKind.COMPLAINT: 'complaint'> is not a complaint kind", the fix saying "never a name
   typed by hand": both now say the key is the kind and to key by its value.
3. ``softenv plugins --check`` tried and timed a demo county's rules on the demo city alone, which
   has no contact online (网络) nor of another method, and no complaint: a rule about online
   contacts ran only its "no such contact" path, and a rule taking 5 ms per online month was
   reported at 0.014 ms per point ("≈ 0.4 s for 30,000 points, a province"), no warning. The
   kit's dataset of the county, contacts of every method and complaints of every kind, is tried
   and timed too.
4. The scaffold's module (and ``softenv_core.plugin``) called it a 区县插件, every other text a 县区插件.
5. A county deadline built by hand without its ``calendar_sources`` (docs/hooks.md checks only their
   type), worked out on the weekends-only calendar for a year chinesecalendar does not know, read
   as final: ``softenv deadline --provisional`` printed no 暂定 and an empty 日历依据, and an
   assessment took ``provisional`` from the deadlines alone. It is now a PluginError naming
   ``calendar_sources`` and the year.
6. A deadline said to move its 规定日 to the next working day (顺延) was taken whatever day it gave:
   04-03, a worked Thursday, "moved" to 04-07. Its due day must now be the next working day on
   or after its 规定日, as ``monthly_deadline`` gives it.
"""

from __future__ import annotations

import contextlib
import io
import subprocess
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings

from softenv_core import (
    CITY_OFFICE,
    PluginError,
    SoftenvPluginManager,
    assess,
    baseline_parameters,
    dataset_json,
    get_plugin_manager,
    report_deadline,
)
from softenv_core.analyses.complaint_limits import limits_in_force
from softenv_core.plugin import (
    BEIJING,
    Award,
    ComplaintKind,
    ComplaintSla,
    ContactMethod,
    County,
    Dataset,
    Deadline,
    DeadlinePolicy,
    Month,
    ParameterSet,
    PointYear,
    Rule,
    WorkCalendar,
    beijing_date,
    hookimpl,
)
from softenv_core.testing import (
    SAFE_YEARS,
    Case,
    RegisterPlugin,
    assert_case,
    assert_conforms,
    datasets,
    load_cases,
    small_dataset,
)
from softenv_core.testing.check_fixes import SLA_MEMBER_FIX
from softenv_core.testing.plugin_check import SLOW_PER_POINT, RuleCost, check_installed

from . import p44_xingang as xingang
from .strict_mypy import STRICT_MYPY
from .weights import examples

CODE = xingang.COUNTY
POINT = f"P-{CODE}-2"  # small_dataset's 县区 point of the county
RULE = f"county.{CODE}.extra.online"
DEADLINE = f"county.{CODE}.report.deadline"
CASES = load_cases(Path(__file__).parent / "p44_xingang" / "cases")


def _pm(*more: tuple[str, object]) -> SoftenvPluginManager:
    return get_plugin_manager(autoload=False, plugins=[("xingang", xingang), *more])


def _explain(pm: SoftenvPluginManager, tmp_path: Path, *more: str) -> str:
    from softenv_core.cli.commands import cmd_explain
    from softenv_core.cli.main import build_parser

    data = tmp_path / "d.json"
    data.write_text(dataset_json(small_dataset(2025, (CODE,))), encoding="utf-8")
    args = build_parser().parse_args(["explain", str(data), "--year", "2025", "--county", CODE, *more])
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert cmd_explain(args, pm) == 0
    return out.getvalue()


# --- 1. explain --county names every span of the year's complaint limits ------------------------


def test_1_explain_county_names_the_limits_in_force_before_a_mid_year_change(tmp_path: Path) -> None:
    text = _explain(_pm(), tmp_path)
    block = text[text.index("投诉办理时限依据") :]
    # the limits at the year's end first, as before (the county's, from 2025-07-01)
    assert block.startswith("投诉办理时限依据（2025-12-31 有效，适用于投诉本县区所属部门的事项）：\n  [xingang 0.1.0]")
    assert "    投诉：受理1、签收1、办结10、延期至多15、回访2个工作日\n" in block
    # then the city's, which governed a complaint about the county's departments until 06-30
    earlier = block[block.index("此前的投诉办理时限（2025-01-01 至 2025-06-30 有效）：") :]
    assert earlier.split("\n")[1].startswith("  [city ")
    assert "    投诉：受理1、签收1、办结15、延期至多15、回访2个工作日\n" in earlier
    english = _explain(_pm(), tmp_path, "--lang", "en")
    assert "Earlier complaint limits (in force 2025-01-01 to 2025-06-30):\n  [city " in english


def test_1_a_county_whose_limits_never_change_in_the_year_has_one_block(tmp_path: Path) -> None:
    june = _explain(_pm(), tmp_path, "--as-of", "2025-06-30T12:00:00+08:00")
    assert "投诉办理时限依据（2025-06-30 有效" in june and "此前的投诉办理时限" not in june
    city = _explain(get_plugin_manager(autoload=False), tmp_path)
    assert "投诉办理时限依据（2025-12-31 有效" in city and "此前的投诉办理时限" not in city


# --- 2. limits keyed by ComplaintKind's members ------------------------------------------------


class _MemberKeys:
    """The county's limits keyed by the kinds themselves, as a hurried author writes them."""

    softenv_plugin_info = staticmethod(xingang.softenv_plugin_info)

    @staticmethod
    @hookimpl
    def softenv_complaint_sla(kind: ComplaintKind, calendar: WorkCalendar, params: object, on: date) -> ComplaintSla:
        days = {ComplaintKind.COMPLAINT: 10, ComplaintKind.REPORT: 15, ComplaintKind.SUGGESTION: 5}
        return ComplaintSla(1, 1, days, 15, 2, xingang.POLICY)  # type: ignore[arg-type]


def test_2_limits_keyed_by_the_kinds_members_are_told_to_use_their_values() -> None:
    """``{ComplaintKind.COMPLAINT: 10}`` was refused as "key <ComplaintKind.COMPLAINT: 'complaint'>
    is not a complaint kind", and ``plugins --check``'s fix said "never a name typed by hand": both
    wrong of a key that is the kind itself. The error and the fix now say to key by its value."""
    pm = _pm_of(_MemberKeys())
    with pytest.raises(PluginError) as info:
        limits_in_force(pm, CODE, WorkCalendar(), baseline_parameters(), date(2025, 8, 1))
    message = str(info.value)
    assert "is not a complaint kind" not in message
    assert "field resolve: key ComplaintKind.COMPLAINT is the kind, not its value: " in message
    assert "key the limits by ComplaintKind.COMPLAINT.value ('complaint')" in message
    faults = [f for f in check_installed(pm, 2025) if f.hook == "softenv_complaint_sla"]
    assert len(faults) == 1 and faults[0].fix == SLA_MEMBER_FIX, faults
    assert "ComplaintKind.COMPLAINT is the kind, not its value" in faults[0].problem


def _pm_of(plugin: object) -> SoftenvPluginManager:
    return get_plugin_manager(autoload=False, plugins=[("xingang", plugin)])


# --- the plugin itself: its cases, the kit, its properties --------------------------------------


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case(case: Case, softenv_register: RegisterPlugin) -> None:
    assert_case(case, softenv_register(xingang, "xingang"))


@pytest.mark.slow
def test_conforms() -> None:
    assert_conforms(xingang, "xingang", max_examples=5)


@pytest.mark.parametrize("year", SAFE_YEARS)
def test_the_deadline_is_the_last_working_day_up_to_the_4th(year: int) -> None:
    """第五条 month by month: due on the 4th when worked, else the last working day before it
    in the next month, else (the 1st-4th all days off) the first working day after; never later
    than the city's, never before the month has ended."""
    calendar = WorkCalendar()
    ds = small_dataset(year, (CODE,))
    for m in range(1, 13):
        month = Month(year, m)
        d = report_deadline(ds, CODE, month, _pm())
        if (month + 1).first_day < xingang.IN_FORCE:
            assert d.plugin == "city"
            continue
        city = report_deadline(ds, CODE, month, get_plugin_manager(autoload=False))
        first = (month + 1).first_day
        due = beijing_date(d.due_at)
        assert calendar.is_workday(due) and due >= first
        assert d.due_at <= city.due_at
        worked = [first.replace(day=k) for k in range(1, 5) if calendar.is_workday(first.replace(day=k))]
        assert due == (worked[-1] if worked else calendar.next_workday(first.replace(day=4)))


@settings(max_examples=examples(25), deadline=None)  # a dataset each: halved under the dev profile
@given(datasets(require=(CODE,)))
def test_the_online_award_is_the_sum_of_each_months_figure_capped(dataset: Dataset) -> None:
    """Each month reached online earns the figure in force on its first such contact; the sum is
    capped at the year's; every figure cited is one in force on a day of the year."""
    year = 2025 if not dataset.reports else dataset.reports[0].month.year
    result = assess(dataset, year, _pm(), audience=CITY_OFFICE)
    for p in result.points:
        items = [i for i in p.items if i.rule.id == RULE]
        if not items:
            continue
        (item,) = items
        contacts = {c.id: c for c in dataset.contacts}
        firsts = [contacts[e] for e in item.evidence]
        assert all(c.method is ContactMethod.ONLINE and c.reached for c in firsts)
        assert len({c.date.month for c in firsts}) == len(firsts)
        each = sum((xingang.PARAMS.number(xingang.ONLINE, c.date)[0] for c in firsts), Decimal(0))
        cap = xingang.PARAMS.number(xingang.ONLINE_MAX, date(year, 12, 31))[0]
        assert item.points == min(each, cap)
        assert all(pv.effective_from <= date(year, 12, 31) for pv in item.params)


@pytest.mark.slow
def test_the_plugin_passes_mypy_strict() -> None:
    folder = Path(xingang.__file__).parent
    run = subprocess.run([*STRICT_MYPY, str(folder / "__init__.py")], capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stdout + run.stderr


# --- 3. plugins --check times a rule on contacts of every method --------------------------------


def _slow_online(ctx: PointYear) -> Award | None:
    online = [c.id for c in ctx.contacts if c.method is ContactMethod.ONLINE]
    if not online:
        return None
    spin = sum(range(400_000))  # some milliseconds per point with an online contact
    return Award(1 + 0 * spin, "网络联系", online[:1])


class _SlowOnline:
    softenv_plugin_info = staticmethod(xingang.softenv_plugin_info)

    @staticmethod
    @hookimpl
    def softenv_extra_point_rules(year: int, params: object) -> list[Rule]:
        rule = Rule(
            id=RULE,
            label="xingang.online",
            title_zh="网络联系加分",
            title_en="online",
            reference=xingang.POLICY,
            score=_slow_online,
            max_points=1,
            effective_from=xingang.IN_FORCE,
            reads_direct_feedback=False,
        )
        return [rule]


def test_3_a_demo_countys_rule_is_timed_on_contacts_of_every_method() -> None:
    costs: list[RuleCost] = []
    assert check_installed(_pm_of(_SlowOnline()), 2025, costs=costs) == []
    (cost,) = [c for c in costs if c.rule == RULE]
    assert cost.per_point > SLOW_PER_POINT, cost  # warned, as its points with online contacts are


@pytest.mark.slow
def test_3_plugins_check_says_where_a_rule_was_timed(capsys: pytest.CaptureFixture[str]) -> None:
    from softenv_core.cli.main import main

    code = main(["plugins", "--check", "--examples", "1"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "time per point (each rule on the demo city and the kit's dataset of its county, the slower of them;" in out


def test_4_the_scaffold_calls_a_county_plugin_by_the_glossarys_words(tmp_path: Path) -> None:
    """The scaffold's module and softenv_core.plugin said 区县插件 where every other text (docs,
    messages, 24 places) says 县区插件, the programme's 县区."""
    import softenv_core.plugin as surface
    from softenv_core.cli.scaffold import new_plugin

    target, _, _ = new_plugin(CODE, "xingang", tmp_path / "p", core=str(Path(__file__).resolve().parents[1]))
    module = (target / "src" / "softenv_county_xingang" / "__init__.py").read_text(encoding="utf-8")
    assert "county plugin (县区插件)" in module and "区县" not in module
    assert "(县区插件)" in (surface.__doc__ or "") and "区县" not in (surface.__doc__ or "")


# --- 5. a deadline worked out on a provisional calendar says so --------------------------------


class _NoSources:
    """The county's deadline with its calendar facts and sources dropped: a Deadline built by
    hand, as docs/hooks.md allows (its fields are only checked for type)."""

    softenv_plugin_info = staticmethod(xingang.softenv_plugin_info)

    @staticmethod
    @hookimpl
    def softenv_report_deadline(
        county: County, month: Month, calendar: WorkCalendar, params: ParameterSet
    ) -> Deadline | None:
        d = xingang.softenv_report_deadline(county=county, month=month, calendar=calendar, params=params)
        return None if d is None else attrs.evolve(d, calendar_sources=(), facts=())


def test_5_a_county_deadline_on_a_provisional_calendar_that_does_not_say_so_is_refused() -> None:
    """December 2026's report is due in 2027, which chinesecalendar 1.11 does not know: on the
    weekends-only calendar (--provisional) the county's deadline, built without its calendar's
    sources, read as final (no 暂定 in ``softenv deadline``, an assessment not provisional), since
    the engine took ``provisional`` from the answer alone."""
    ds = small_dataset(2026, (CODE,))
    with pytest.raises(PluginError) as info:
        report_deadline(ds, CODE, Month(2026, 12), _pm_of(_NoSources()), calendar=WorkCalendar.provisional())
    message = str(info.value)
    assert "plugin 'xingang', hook softenv_report_deadline: field calendar_sources:" in message
    assert "2027 only as weekends (provisional)" in message and "workday_deadline" in message
    # the plugin's own, built with monthly_deadline, says it
    ok = report_deadline(ds, CODE, Month(2026, 12), _pm(), calendar=WorkCalendar.provisional())
    assert ok.provisional and ok.plugin == "xingang"
    # on the official calendar, a year it knows, nothing is asked of the sources
    assert not report_deadline(ds, CODE, Month(2026, 11), _pm_of(_NoSources())).provisional


# --- 6. a deadline moved to the next working day is moved to it ---------------------------------


class _MovedTooFar:
    """March's deadline said to fall on 04-03 (a Thursday, worked) moved to the next working
    day (顺延) and due 04-07: a move from a working day, and past the next one."""

    softenv_plugin_info = staticmethod(xingang.softenv_plugin_info)

    @staticmethod
    @hookimpl
    def softenv_report_deadline(
        county: County, month: Month, calendar: WorkCalendar, params: ParameterSet
    ) -> Deadline | None:
        d = xingang.softenv_report_deadline(county=county, month=month, calendar=calendar, params=params)
        if d is None or month != Month(2025, 3):
            return d
        due = datetime.combine(date(2025, 4, 7), time(23, 59, 59), BEIJING)
        return attrs.evolve(d, nominal=date(2025, 4, 3), due_at=due, policy=DeadlinePolicy.NEXT_WORKDAY)


def test_6_a_next_workday_deadline_whose_due_day_is_not_the_next_working_day_is_refused() -> None:
    """It was accepted and explained as 规定日 2025-04-03, 顺延至下一个工作日, due 04-07, beside
    its own fact "2025-04-03 星期四 工作日": a report sent on 04-05 read on time against the
    county's own rule (04-03 is worked, nothing moves), and within the city's bound (04-07)."""
    ds = small_dataset(2025, (CODE,))
    with pytest.raises(PluginError) as info:
        report_deadline(ds, CODE, Month(2025, 3), _pm_of(_MovedTooFar()))
    message = str(info.value)
    assert (
        "plugin 'xingang', hook softenv_report_deadline: field due_at: rule county.379911.report.deadline:" in message
    )
    assert (
        "names 2025-04-03 (规定日) moved to the next working day (顺延), which is 2025-04-03, not 2025-04-07" in message
    )
    # the other months, and the plugin's own deadline of March, stand
    assert report_deadline(ds, CODE, Month(2025, 4), _pm_of(_MovedTooFar())).nominal == date(2025, 5, 4)
    assert beijing_date(report_deadline(ds, CODE, Month(2025, 3), _pm()).due_at) == date(2025, 4, 3)
