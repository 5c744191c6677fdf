"""Attacker x74: a hostile county plugin (docs/hooks.md, softenv_core.plugin) answering with
values that pass the engine's checks by overriding Python's comparison, hashing or arithmetic
(subclasses of str, datetime and Decimal), or by writing into what it is handed, so that the
library says something false or shows a complainant to a county or point reader.

Each test asserts the correct behaviour (a PluginError naming the plugin and the hook, or an
untouched figure) and fails now.
"""

from __future__ import annotations

import contextlib
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

import attrs
import pytest

from softenv_core import Award, PluginInfo, Rule, hookimpl
from softenv_core.analyses.assessment import assess
from softenv_core.errors import PluginError
from softenv_core.model.periods import BEIJING
from softenv_core.plugin import Deadline, DeadlinePolicy, Month, WorkCalendar, monthly_deadline
from softenv_core.render.assessment import explain_point
from softenv_core.rules.city import baseline
from softenv_core.rules.registry import get_plugin_manager
from softenv_core.testing.builders import beijing, make_complaint, small_dataset
from softenv_core.testing.plugin_check import check_installed

YEAR = 2025
COMPLAINANT = "P-379902-1"
OTHER_POINT = "P-379902-2"


def _manager(plugin: Any) -> Any:
    pm = get_plugin_manager(allow=[])
    pm.register(plugin, "evil")
    return pm


def _assessed_or_refused(hook: str, make: Any) -> Any:
    """``make()``'s result, or None when it raises the PluginError the fix gives: one naming
    plugin 'evil' and ``hook`` (anything else fails the test)."""
    try:
        return make()
    except PluginError as exc:
        named = (exc.plugin, exc.hook)
    assert named == ("evil", hook)
    return None


class _Info:
    @hookimpl
    def softenv_plugin_info(self) -> PluginInfo:
        return PluginInfo(county="379902", title="东城区", reference="东经贸〔2025〕1号")


# --- 01 -------------------------------------------------------------------------------------


class _Disguised(str):
    """A str whose text is ``shown`` but which hashes and compares as ``posing_as``: a set or
    dict look-up (dataset.record_ids, record_scopes) and ``e == point`` take it for ``posing_as``."""

    posing_as: str

    def __new__(cls, shown: str, posing_as: str) -> _Disguised:
        s = super().__new__(cls, shown)
        s.posing_as = posing_as
        return s

    def __hash__(self) -> int:
        return hash(self.posing_as)

    def __eq__(self, other: object) -> bool:
        return str.__eq__(self.posing_as, other)

    def __ne__(self, other: object) -> bool:
        return not self.__eq__(other)


class _TellsComplainant(_Info):
    """An extra rule (``reads_direct_feedback`` not declared) whose one evidence id is text
    naming the complainant and the day, disguised as the scored point's own id."""

    @hookimpl
    def softenv_extra_point_rules(self, year: int, params: Any) -> list[Rule]:
        def score(ctx: Any) -> Award:
            told = "; ".join(f"{c.point} 于 {c.received_at:%m-%d} 向市软建办投诉" for c in ctx.dataset.complaints)
            return Award(0, "跟进", [_Disguised(told or ctx.point.id, ctx.point.id)])

        return [
            Rule(
                id="county.379902.follow",
                label="county.379902.follow",
                title_zh="跟进",
                title_en="follow",
                reference="测试",
                score=score,
                max_points=1,
                effective_from=date(2020, 1, 1),
            )
        ]


@pytest.mark.parametrize("reader", ["county:379902", f"point:{OTHER_POINT}"])
def test_01_evidence_disguised_as_the_points_own_id_tells_a_county_and_a_point_who_complained(reader: str) -> None:
    """What: an Award's evidence item that is a str subclass hashing and comparing equal to the
    scored point's id passes every evidence check, and its real text reaches the county and
    the point (item.evidence, the JSON, explain_point's 依据记录) unscreened: here
    ``P-379902-1 于 03-03 向市软建办投诉``, naming the complainant and the day.
    Where: engine/answers.py check_outcome (``dataset.record_ids.issuperset(evidence)``,
    ``own_evidence``'s ``record_scopes.get(rid)``, all by hash/eq) and
    analyses/redaction_items.py (``e == point``); Award's ``_evidence`` converter keeps the items.
    ``check_installed`` (plugins --check) finds nothing; the conformance kit fails this plugin
    only because its text varies with other records (own_county_only, known_at), never for the
    disguised evidence itself.
    Expected: a PluginError naming plugin 'evil' and hook softenv_extra_point_rules (an
    evidence item must be exactly a str, or be copied to a plain str before any check).
    Actual: accepted; the complainant is shown to 379902 and to P-379902-2.
    Severity: high (leak of a complainant to a county and a point reader; breaks the
    documented 'evidence names records of the point scored')."""
    base = small_dataset(YEAR, counties=("379902", "379921"))
    ds = attrs.evolve(base, complaints=(make_complaint("Q-2025-0001", COMPLAINANT, beijing(YEAR, 3, 3)),))
    pm = _manager(_TellsComplainant())
    a = _assessed_or_refused("softenv_extra_point_rules", lambda: assess(ds, YEAR, pm, audience=reader))
    if a is None:
        return
    p = a.point(OTHER_POINT)
    shown = [list(i.evidence) for i in p.items if i.rule.id == "county.379902.follow"]
    assert COMPLAINANT not in explain_point(p), shown
    assert all(type(e) is str and e == OTHER_POINT for ev in shown for e in ev), shown


# --- 02 -------------------------------------------------------------------------------------


class _NeverLater(datetime):
    """A due moment that is never later than anything (its ``>`` and ``>=`` say False)."""

    def __gt__(self, other: object) -> bool:
        return False

    def __ge__(self, other: object) -> bool:
        return False


class _LateDeadline(_Info):
    """The 25th of the next month, not moved (不顺延): 20 days later than the city's 5th."""

    @hookimpl
    def softenv_report_deadline(self, county: Any, month: Month, calendar: Any, params: Any) -> Deadline:
        day = (month + 1).first_day.replace(day=25)
        due = _NeverLater(day.year, day.month, day.day, 23, 59, 59, tzinfo=BEIJING)
        return Deadline(due, day, "county.379902.report.deadline", DeadlinePolicy.NO_MOVE, "东经贸〔2025〕1号")


def test_02_a_deadline_moment_that_never_compares_later_escapes_the_citys_bound() -> None:
    """What: a Deadline whose ``due_at`` is a datetime subclass with ``__gt__``/``__ge__``
    returning False passes ``d.due_at > city_d.due_at``, so a county deadline 20 days later
    than the city's (the 25th, against the 5th) is taken without the documented RuleConflict;
    the months' figures are then nonsense: every report, sent on the 2nd, is ``late`` by
    ``late_workdays`` -16. ``check_installed`` (plugins --check) and check_plugin report nothing.
    Where: engine/answers.py check_deadline (``isinstance(d.due_at, datetime)``, a subclass
    passes) and deadline_types.Deadline's ``in_beijing`` converter (keeps the subclass);
    deadline_answers.DeadlineAnswers.settle compares with it.
    Expected: a PluginError naming plugin 'evil' and hook softenv_report_deadline (``due_at``
    exactly a datetime, as ComplaintSla limits must be exactly int), or the county's deadline
    copied to a plain datetime and refused as later than the city's (RuleConflict).
    Actual: accepted; 2025-01 of 379902 is due 2025-02-25 and 'late' by -16 working days.
    Severity: high (a false figure silently accepted, the city's bound on county deadlines void)."""
    ds = small_dataset(YEAR, counties=("379902", "379921"))
    pm = _manager(_LateDeadline())
    with pytest.raises(PluginError) as caught:
        assess(ds, YEAR, pm, audience="city")
    assert "evil" in str(caught.value) and "softenv_report_deadline" in str(caught.value)


def test_02_plugins_check_finds_it_too() -> None:
    """The same plugin under ``softenv plugins --check``'s check (check_installed): no fault now."""
    faults = check_installed(_manager(_LateDeadline()), YEAR)
    assert any(f.plugin == "evil" for f in faults), faults


# --- 03 -------------------------------------------------------------------------------------


class _SmallInAbs(Decimal):
    """Points whose ``abs()`` is 0: within any bound, whatever they are."""

    def __abs__(self) -> Decimal:
        return Decimal(0)


class _FiveHundredForContact(_Info):
    """A replacement of duty.contact (bounded at 30) whose award's points are rewritten, after
    the Award is made, to 500 of a Decimal subclass."""

    @hookimpl
    def softenv_point_rules(self, year: int, params: Any) -> list[Rule]:
        def score(ctx: Any) -> Award:
            award = Award(30, "上门联系")
            object.__setattr__(award, "points", _SmallInAbs("500"))
            return award

        return [
            Rule(
                id="county.379902.contact",
                label="county.379902.contact",
                title_zh="联系",
                title_en="contact",
                reference="测试",
                score=score,
                max_points=30,
                effective_from=date(2020, 1, 1),
                replaces="duty.contact",
                reads_direct_feedback=False,
            )
        ]


def test_03_points_rewritten_to_a_decimal_subclass_pass_max_points_and_give_a_total_of_570() -> None:
    """What: an Award whose ``points`` is rewritten (``object.__setattr__``) to a Decimal
    subclass whose ``__abs__`` answers 0 passes check_award and Rule.bounded
    (``abs(award.points) > self.max_points``); the score item then takes its real value, 500,
    and P-379902-2 totals 570.00 (优秀) on a 100-point scale. The docs promise a rewritten rule
    or ParamValue is refused by the full checks; a rewritten award is not.
    Where: engine/answers.py check_award (``isinstance(points, Decimal)``), engine/ruletypes.py
    Rule.bounded (``abs()`` of the plugin's object).
    Expected: a PluginError naming plugin 'evil' and hook softenv_point_rules (points exactly a
    Decimal, or read once into a plain Decimal, ``to_points``, before the bound is checked).
    Actual: accepted, item 500.00, total 570.00; neither ``check_installed`` (plugins --check)
    nor check_plugin reports anything.
    Severity: high (a false score silently accepted)."""
    ds = small_dataset(YEAR, counties=("379902", "379921"))
    pm = _manager(_FiveHundredForContact())
    a = _assessed_or_refused("softenv_point_rules", lambda: assess(ds, YEAR, pm, audience="city"))
    if a is None:
        return
    p = a.point(OTHER_POINT)
    assert p.total <= 100, [(i.rule.id, i.points) for i in p.items]


# --- 04 -------------------------------------------------------------------------------------


def _city_key(calendar: WorkCalendar, month: Month, params: Any) -> tuple[tuple[object, ...], Deadline]:
    """The key under which the city's deadline for ``month`` is remembered, and that deadline
    (worked out on a calendar of its own, so that ``calendar`` keeps nothing yet)."""
    on = (month + 1).first_day
    due_day, policy = params.get("report.due_day", on), params.get("report.holiday_policy", on)
    true = monthly_deadline(
        WorkCalendar(),
        month,
        due_day.whole(),
        rule_id="city.report.deadline",
        reference=baseline._DEADLINE,
        params=(due_day, policy),
        policy=policy.text(),
        reference_zh=baseline._DEADLINE_ZH,
    )
    key = (
        "deadline",
        month.year,
        month.month,
        due_day.whole(),
        "city.report.deadline",
        baseline._DEADLINE,
        (due_day, policy),
        true.policy,
        baseline._DEADLINE_ZH,
    )
    return key, true


class _PlantsCityDeadlines(_Info):
    """379902's deadline hook answers None (the city's applies), and on January plants, through
    the calendar's public ``remember``, the city's deadlines of February to November 20 days
    later, not moved (nominal = the due day), before the city works them out."""

    @hookimpl
    def softenv_report_deadline(self, county: Any, month: Month, calendar: WorkCalendar, params: Any) -> None:
        if month == Month(YEAR, 1):
            for m in range(2, 12):
                key, true = _city_key(calendar, Month(YEAR, m), params)
                later = true.due_at + timedelta(days=20)
                bogus = attrs.evolve(true, due_at=later, nominal=later.date(), policy="none")
                calendar.remember(key, lambda b=bogus: b)
        return None


def test_04_a_county_plugin_rewrites_the_citys_deadline_of_another_county_through_the_calendar() -> None:
    """What: the calendar handed to ``softenv_report_deadline`` is the one the city's deadline
    is worked out on, and its public ``remember`` writes into the memo ``monthly_deadline``
    reads first: 379902's plugin, answering None, makes the *city's* deadline of 379921 (another
    county, no plugin) for February 2025 due 2025-03-25 instead of 2025-03-05, attributed to
    plugin 'city' (rule city.report.deadline), silently. (A planted answer failing the city's
    own checks is reported as plugin 'city''s fault, never naming the plugin that planted it.)
    Where: workdays/calendar.py WorkCalendar.remember / _memo shared with
    engine/deadlines.py monthly_deadline's _recalled/_remembered; manager.call_each passes the
    same calendar to every plugin.
    Expected: 379921's February deadline is the city's 2025-03-05 (each plugin gets a calendar
    whose memo the city's answers do not read, or the city's answers are not memoised where a
    plugin can write).
    Actual: 2025-03-25 23:59:59+08:00, plugin 'city'.
    The conformance kit (check_plugin, run by ``plugins --check``) fails this plugin's
    own_county_only on its own datasets; ``check_installed`` and ``assess`` say nothing, and a
    plugin that plants only on data unlike the kit's (or a later year's, read by a later
    analysis holding the same calendar) passes. The same memo holds working-day answers that
    complaint due days read, which softenv_complaint_sla could plant alike.
    Severity: medium (a county plugin changes another county's figures; docs/hooks.md 'a
    county plugin's answers apply to its own county only', 'all frozen')."""
    ds = small_dataset(YEAR, counties=("379902", "379921"))
    # A calendar of the test's own, so that nothing planted outlives the test.
    a = assess(ds, YEAR, _manager(_PlantsCityDeadlines()), audience="city", calendar=WorkCalendar())
    february = next(c for c in a.counties if c.code == "379921").months[1]
    assert february.due_at == datetime(2025, 3, 5, 23, 59, 59, tzinfo=BEIJING), (
        february.due_at,
        february.deadline.plugin,
    )


# --- 05 -------------------------------------------------------------------------------------


class _RaisesItsOwnBound(_Info):
    """A replacement of duty.contact made with max_points 30 (the city's, so resolution takes
    it), whose score rewrites the rule's max_points to 1000 and awards 500."""

    @hookimpl
    def softenv_point_rules(self, year: int, params: Any) -> list[Rule]:
        made: list[Rule] = []

        def score(ctx: Any) -> Award:
            object.__setattr__(made[0], "max_points", Decimal(1000))
            return Award(500, "上门联系")

        made.append(
            Rule(
                id="county.379902.contact",
                label="county.379902.contact",
                title_zh="联系",
                title_en="contact",
                reference="测试",
                score=score,
                max_points=30,
                effective_from=date(2020, 1, 1),
                replaces="duty.contact",
                reads_direct_feedback=False,
            )
        )
        return made


def test_05_a_rule_raising_its_own_max_points_after_resolution_scores_500_for_a_30_point_item() -> None:
    """What: the bound a county replacement is held to (max_points not above the city rule's:
    a RuleConflict when resolved) and the bound its awards are held to (Rule.bounded) are read
    from the plugin's live Rule object: a score function that rewrites ``max_points`` to 1000
    (``object.__setattr__``, a plain Decimal) before awarding 500 is taken; P-379902-2 totals
    570.00. docs/hooks.md says a rule whose dates were changed afterwards is refused when
    resolved; its bound changed after resolution is simply used.
    Where: engine/ruletypes.py Rule.bounded (``self.max_points``), the engine keeping the
    plugin's Rule rather than a copy of the resolved one (engine/resolution.py).
    Expected: a PluginError naming plugin 'evil' and hook softenv_point_rules ('awarded 500.00,
    beyond its max_points 30.00'): the bound as resolved.
    Actual: item 500.00, total 570.00 (``check_installed`` happens to report it, as it asks the
    hook again for each try; the assessment does not).
    Severity: high (a false score silently accepted)."""
    ds = small_dataset(YEAR, counties=("379902", "379921"))
    pm = _manager(_RaisesItsOwnBound())
    a = _assessed_or_refused("softenv_point_rules", lambda: assess(ds, YEAR, pm, audience="city"))
    if a is None:
        return
    p = a.point(OTHER_POINT)
    assert p.total <= 100, [(i.rule.id, i.points) for i in p.items]


# --- 06 -------------------------------------------------------------------------------------


class _EveryCounty(str):
    """A county code equal to every code of the city (3799…), hashing as its own text."""

    def __eq__(self, other: object) -> bool:
        return isinstance(other, str) and other.startswith("3799")

    def __ne__(self, other: object) -> bool:
        return not self.__eq__(other)

    __hash__ = str.__hash__


class _ServesEveryCounty:
    """379902's plugin whose PluginInfo.county equals every county, answering the 1st (不顺延)."""

    @hookimpl
    def softenv_plugin_info(self) -> PluginInfo:
        return PluginInfo(county=_EveryCounty("379902"), title="东城区", reference="东经贸〔2025〕1号")

    @hookimpl
    def softenv_report_deadline(self, county: Any, month: Month, calendar: Any, params: Any) -> Deadline:
        return monthly_deadline(
            calendar, month, 1, rule_id="county.379902.report.deadline", reference="测试", policy=DeadlinePolicy.NO_MOVE
        )


def test_06_a_plugin_county_equal_to_every_code_imposes_its_deadline_on_another_county() -> None:
    """What: PluginInfo.county may be a str subclass (plugin_county_code checks
    ``isinstance(value, str)``); the manager picks a county's plugins by ``meta.county in
    (None, only)``, which asks the subclass's ``__eq__``: a 379902 plugin whose code equals
    every code is called for 379921 too, and 379921's reports fall due on the 1st under
    rule county.379902.report.deadline of plugin 'evil': January 2025 'late'.
    Where: model/divisions.py plugin_county_code, engine/manager.py _register (PluginMeta keeps
    ``info.county``) and _implementations.
    Expected: the registration refused (a PluginError naming plugin 'evil' and hook
    softenv_plugin_info: county exactly text), or the code kept as a plain str, so that 379921
    gets the city's deadline (2025-02-05).
    Actual: 379921's January is due 2025-02-01 by plugin 'evil', status late.
    Severity: high (docs/hooks.md: 'the engine does not even call it for other counties'; a
    county plugin makes another county's figures false)."""
    ds = small_dataset(YEAR, counties=("379902", "379921"))
    pm = get_plugin_manager(allow=[])
    if _assessed_or_refused("softenv_plugin_info", lambda: pm.register(_ServesEveryCounty(), "evil")) is None:
        return
    a = assess(ds, YEAR, pm, audience="city")
    january = next(c for c in a.counties if c.code == "379921").months[0]
    assert january.deadline.plugin == "city", (january.deadline.plugin, january.deadline.rule_id, january.status)


# --- 07 -------------------------------------------------------------------------------------


class _PlainSubclass(str):
    """A str subclass overriding nothing."""


class _TakesOthersIds(_Info):
    """Ids in the city's namespace and in 379921's, each given as a str subclass."""

    @hookimpl
    def softenv_extra_point_rules(self, year: int, params: Any) -> list[Rule]:
        def rule(rule_id: str, title: str) -> Rule:
            return Rule(
                id=_PlainSubclass(rule_id),
                label=_PlainSubclass(rule_id),
                title_zh=title,
                title_en="bonus",
                reference="《市环境建设监测工作意见》",
                score=lambda ctx: Award(1, "奖励"),
                max_points=1,
                effective_from=date(2020, 1, 1),
                reads_direct_feedback=False,
            )

        return [rule("city.duty.bonus", "市级奖励加分"), rule("county.379921.bonus", "青山县加分")]


@pytest.mark.parametrize("rule_id", ["city.duty.bonus", "county.379921.bonus"])
def test_07_a_rule_id_given_as_a_str_subclass_escapes_the_namespace_check(rule_id: str) -> None:
    """What: a county's rule id in the city's namespace (``city.duty.bonus``) or in another
    county's (``county.379921.bonus``) is a PluginError (docs/hooks.md: 'a county's ids may not
    start with city. … nor county.OTHER.'); given as a str subclass that overrides nothing it
    is taken, and P-379902-2's items list ``city.duty.bonus`` beside the city's own rules.
    Where: engine/answers.py id_namespace_problem (``type(item_id) is not str: return None``)
    while _validators.identifier takes any str instance (``isinstance``).
    Expected: a PluginError naming plugin 'evil' and hook softenv_extra_point_rules (the id
    checked as its text, or refused unless exactly a str).
    Actual: accepted, item ``city.duty.bonus`` +1.00 for a 379902 point; neither
    ``check_installed`` (plugins --check) nor check_plugin reports it.
    Severity: medium (a county's rule reads as the city's or another county's)."""
    ds = small_dataset(YEAR, counties=("379902", "379921"))
    pm = _manager(_TakesOthersIds())
    a = _assessed_or_refused("softenv_extra_point_rules", lambda: assess(ds, YEAR, pm, audience="city"))
    if a is None:
        return
    ids = [i.rule.id for i in a.point(OTHER_POINT).items]
    assert rule_id not in ids, ids


# --- 08 -------------------------------------------------------------------------------------


class _Unprintable(ValueError):
    """An exception whose str() and repr() raise."""

    def __str__(self) -> str:
        raise RuntimeError("str() of the plugin's exception")

    def __repr__(self) -> str:
        raise RuntimeError("repr() of the plugin's exception")


class _ReprRaises(str):
    """An evidence id (no record's) whose repr() raises, as the refusal quotes it."""

    def __repr__(self) -> str:
        raise RuntimeError("repr() of the plugin's evidence")


class _Raising(_Info):
    def __init__(self, where: str) -> None:
        self.where = where

    @hookimpl
    def softenv_extra_point_rules(self, year: int, params: Any) -> list[Rule]:
        if self.where == "hook":
            raise _Unprintable()

        def score(ctx: Any) -> Award:
            if self.where == "rule":
                raise _Unprintable()
            return Award(1, "x", [_ReprRaises("Q-no-such-record")])

        return [
            Rule(
                id="county.379902.x",
                label="county.379902.x",
                title_zh="加分",
                title_en="x",
                reference="测试",
                score=score,
                max_points=1,
                effective_from=date(2020, 1, 1),
                reads_direct_feedback=False,
            )
        ]


@pytest.mark.parametrize("where", ["hook", "rule", "evidence"])
def test_08_an_exception_or_evidence_that_cannot_be_printed_escapes_as_a_bare_runtime_error(where: str) -> None:
    """What: docs/hooks.md: 'an exception (any BaseException but Ctrl-C) … becomes a
    PluginError naming the plugin and the hook — never a bare traceback'. A plugin raising an
    exception whose ``__str__`` raises (from the hook or from a rule's score), or citing an
    unknown evidence id that is a str subclass whose ``__repr__`` raises, makes the engine's
    own message-building raise: the caller (and the CLI, as a traceback; the service, a 500)
    gets a bare RuntimeError naming neither the plugin nor the hook.
    Where: errors.hook_fault (``f"raised {type(exc).__name__}: {exc}"``), engine/answers.py
    plugin_exit and _bad_evidence (``repr(rid)``).
    Expected: a PluginError naming plugin 'evil' and hook softenv_extra_point_rules (the
    message built defensively, e.g. ``<unprintable ValueError>``).
    Actual: RuntimeError("str() of the plugin's exception") / ("repr() of the plugin's evidence").
    Severity: low-medium (an unnamed crash; the run stops either way)."""
    ds = small_dataset(YEAR, counties=("379902", "379921"))
    with pytest.raises(PluginError) as caught:
        assess(ds, YEAR, _manager(_Raising(where)), audience="city")
    assert caught.value.plugin == "evil" and caught.value.hook == "softenv_extra_point_rules"


# --- 09 -------------------------------------------------------------------------------------


class _Stubborn(_Info):
    """A rule whose first call runs 8 s, catching every BaseException on the way (as an
    endless ``while True: try: … except BaseException: pass`` would, bounded here)."""

    def __init__(self) -> None:
        self.calls = 0

    @hookimpl
    def softenv_extra_point_rules(self, year: int, params: Any) -> list[Rule]:
        def score(ctx: Any) -> Award:
            self.calls += 1
            if self.calls == 1:
                import time

                end = time.monotonic() + 8
                while time.monotonic() < end:
                    with contextlib.suppress(BaseException):  # the attack: the limit's exception too
                        time.sleep(0.05)
            return Award(1, "x")

        return [
            Rule(
                id="county.379902.slow",
                label="county.379902.slow",
                title_zh="加分",
                title_en="x",
                reference="测试",
                score=score,
                max_points=1,
                effective_from=date(2020, 1, 1),
                reads_direct_feedback=False,
            )
        ]


def test_09_plugins_check_time_limit_does_not_stop_a_rule_that_catches_it() -> None:
    """What: ``softenv plugins --check`` promises that a hook or rule not returning within its
    time limit is that plugin's fault and the check goes on (testing/time_limit.py: 'the
    exception is raised again every AGAIN seconds until the block ends, so code that catches
    the first … is stopped too'). A rule that catches BaseException in its loop is never
    stopped: with a 1 s limit, a rule running 8 s on its first call holds check_installed for
    those 8 s (an endless one hangs ``--check`` for good; one that sets SIGALRM to SIG_IGN
    likewise).
    Where: testing/time_limit.py time_limit/_by_signal (an exception raised inside the plugin's
    own frames, which it may catch).
    Expected: the check returns about the limit after the rule started (here well under 5 s),
    with the fault named (e.g. the try run in a subprocess or a thread that is abandoned).
    Actual: about 8.5 s; for an endless rule, never.
    Severity: low-medium (a hostile or careless plugin hangs the check command)."""
    import time

    pm = _manager(_Stubborn())
    started = time.monotonic()
    faults = check_installed(pm, YEAR, time_limit=1)
    took = time.monotonic() - started
    assert took < 5, (took, faults)
    assert any(f.plugin == "evil" for f in faults), faults


# --- 10 -------------------------------------------------------------------------------------


class _NarrowsAtRegistration:
    """softenv_plugin_info sets the decimal context to 3 digits rounding down."""

    @hookimpl
    def softenv_plugin_info(self) -> PluginInfo:
        import decimal

        decimal.getcontext().prec = 3
        decimal.getcontext().rounding = decimal.ROUND_DOWN
        return PluginInfo(county="379902", title="东城区", reference="东经贸〔2025〕1号")


def test_10_softenv_plugin_info_changes_the_callers_decimal_context() -> None:
    """What: docs/hooks.md: 'Each hook call … runs under a copy of the caller's decimal context
    (decimal.localcontext): a plugin that sets getcontext().prec changes only its own
    arithmetic, not the caller's'. softenv_plugin_info, the hook called when the plugin is
    registered (register, load_entry_points, so every get_plugin_manager()), runs under the
    caller's own context: a plugin setting prec 3 and ROUND_DOWN there leaves the integrator's
    thread computing ``Decimal(2) / 3`` as 0.666.
    Where: engine/manager.py SoftenvPluginManager._register (the plugin_info call, outside
    ``localcontext()``, unlike call_each).
    Expected: the caller's context unchanged (prec 28) after register.
    Actual: prec 3, ROUND_DOWN.
    Severity: low-medium (the host's arithmetic changed by a plugin; the analyses themselves
    run under their own context)."""
    import decimal

    with decimal.localcontext() as mine:
        before = (mine.prec, mine.rounding)
        pm = get_plugin_manager(allow=[])
        pm.register(_NarrowsAtRegistration(), "evil")
        after = (decimal.getcontext().prec, decimal.getcontext().rounding)
    assert after == before


def test_06_the_kit_and_plugins_check_name_it_rather_than_crash() -> None:
    """The same plugin under check_plugin (what ``softenv plugins --check`` runs as its kit):
    a bare StopIteration from testing/edge_datasets.py county_without_points (``next(code for
    … if code != county)``: no code differs from this county), naming no plugin; and
    ``check_installed`` reports no fault. Expected: the kit runs and reports the plugin
    (or a PluginError naming it and softenv_plugin_info)."""
    from softenv_core.testing import check_plugin

    report = _assessed_or_refused(
        "softenv_plugin_info",
        lambda: check_plugin(_ServesEveryCounty(), "evil", others=[], max_examples=3, hash_seed=False),
    )
    assert report is None or report.failures, report
