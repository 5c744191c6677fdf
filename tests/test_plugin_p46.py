"""A county plugin written from the docs alone (plugin author p46): 西城区 (379903,
tests/p46_xicheng), its report due within the first 2 working days of the next month (the city's
deadline where that is later); 0.5 a symposium (座谈) capped at 2 a year; a 十佳 condition, no
complaint about the county's departments resolved past its 办结 limit, read from
``ctx.complaint_status``; and, from 2025-07-01, 10 working days to resolve a 投诉, 12 for a 举报
and 1 to follow up (the city's 15, 15 and 2), a 建议 keeping the city's 5. It conforms and
``softenv explain --county 379903`` names the city's limits up to 06-30 and the county's after.

Then the every-day soundness sweep of complaint limits (require_limits_sound, which checks a
day's answers only where ``answers_key`` finds them unlike the day before's) was attacked.

1. A limit given as an ``int`` subclass equal to everything (``SlyInt(99) == 2``) on one day.
   Expected (docs/hooks.md: "whole working days", a laxer limit refused): refused naming the
   day. Happened: the day's key equalled the day before's and it was never checked; and an
   ``int`` subclass whose ``>`` is always False passed ``_laxer_limits`` on every day checked.
   Fixed: check_sla takes a limit of exactly ``int`` (engine/answers.py ``_limit``).
2. A cited ``ParamValue`` whose value (a dict, as the city's ``complaint.resolve_workdays``)
   is rewritten in place after it was returned: the key kept the same dict object, so the day
   it cited a figure the city's set does not give was never checked. Expected: refused as a
   hand-made city figure is. Fixed: the key holds a typed copy of each cited field
   (trace.typed_snapshot), so a rewritten value or a name swapped for a ``str`` subclass differs.
3. A city parameter cited with an ``int`` subclass value that equals anything (prints 99,
   ``== 2``): ``param_source_problem``'s ``genuine == p`` took it for the city's figure, on
   every day and in an Award's ``params`` too. Expected (docs: "a city parameter as
   ``params.get(name, on)`` gives it"): refused. Fixed: the values are compared with their types.
4. A faulty answer (a limit ``2.0``) on one day: the sweep's PluginError named the plugin and
   the field but not the county, the kind nor the day, which its RuleConflict names (and
   require_limits_sound's docstring promises). Fixed: the PluginError says which limits and day.
5. A plugin returning one dict for every kind and rewriting it when asked for another kind:
   the limits remembered per day (DatedLimits) were the plugin's own dict, so after the check a
   complaint's 办结 limit read 99 working days, never refused. Fixed: settle_sla hands on a
   copy of the answer the plugin keeps no hold of.
6. Answers that compare equal but are not plain (True/1.0 for 1, a dict subclass, a Mapping
   that is not a dict, params as a list, a ParamValue subclass, a ComplaintSla subclass), each
   laxer or invalid on one day only: refused, naming the plugin; a RuleConflict named the day,
   a PluginError (1.0, True, the ParamValue subclass) only after 4's fix. Held (after 4).
7. A stateful plugin sound when swept and laxer when asked again for a complaint's step: the
   step's own limits are settled again, refused naming the plugin and the day. Held.
8. docs/hooks.md said of a ComplaintSla's ``reference`` and ``params`` that "no output shows
   them yet: a complaint's due days do not say whose limits set them", while ``softenv explain
   --county`` prints both under 投诉办理时限依据 (plugin author p44's fix). Fixed (docs).
9. A resolve key of a ``str`` subclass equal to everything (``SlyStr("sugestion")``): "in" the
   complaint kinds, so check_sla took a misspelt kind, a limit nothing reads, which docs/hooks.md
   says is refused. Fixed: a key must be exactly text (engine/answers.py check_sla).
10. A ComplaintSla subclass whose ``resolve`` is a property, the city's limits for the reads the
   checks make and laxer for any read after: the limits remembered for the day, and used for a
   complaint's due day, were the laxer ones. Fixed: settle_sla reads each field of each answer
   once into a plain copy (sla_answers.detached), checks the copy and hands it on.
11. Two county plugins, the second laxer on one day: the RuleConflict names that plugin, its
   county, the kind and the day. Held.
12. The hook raising, or answering an int, on one day: the sweep's PluginError said what the
   plugin did but not the county, the kind nor the day. Fixed with 4 (the whole day's reading
   is named, not only its check).
13. docs/hooks.md listed ``StepView.on_time`` as ``bool | None`` and ``CountyYear.complaint_status``
   as ``… | None`` without saying when None: writing this plugin's 十佳 condition, the docs did
   not say whether ``on_time is False`` covers a 办结 still open past its due day (it does not:
   ``on_time`` is None while open; the source says so). Fixed (docs): both Nones explained, with
   the reading of an open late step.
14. The sweep remembers, per plugin manager, the days found sound for its plugins, compared
   with ``==``: a plugin registered in place of another that its ``__eq__`` calls equal was taken
   for it and never read, so its laxer limits were refused only where a complaint's step needed
   them (what the sweep exists to prevent, attacker x40 03). Fixed: compared by identity
   (analyses/complaint_limits.py ``_same``).

Not a finding: ``softenv plugins --check`` cannot load a package under tests/ (no entry point);
what it runs (check_installed, check_all) finds nothing, the latter in a slow test.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Callable, Iterator, Mapping
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import attrs
import pytest

from softenv_core import CITY_OFFICE, SoftenvPluginManager, assess, dataset_json, get_plugin_manager, report_deadline
from softenv_core.analyses.complaint_limits import require_limits_sound, sla_for
from softenv_core.engine.parameters import baseline_parameters
from softenv_core.errors import PluginError, RuleConflict
from softenv_core.plugin import (
    BEIJING,
    ComplaintKind,
    ComplaintSla,
    ContactMethod,
    EventType,
    Month,
    ParamValue,
    PluginInfo,
    WorkCalendar,
    hookimpl,
)
from softenv_core.testing import assert_conforms, beijing, make_complaint, small_dataset
from softenv_core.testing.plugin_check import check_all, check_installed

from . import p46_xicheng as xicheng
from .weights import examples

CODE = xicheng.COUNTY
POINT = f"P-{CODE}-2"
DEPT = f"{CODE}-amr"
CITY = {"complaint": 15, "report": 15, "suggestion": 5}
ODD = date(2024, 5, 20)  # the one day a plugin below answers otherwise
UNTIL = datetime(2024, 6, 30, 12, tzinfo=BEIJING)
PARAMS = baseline_parameters()


def _pm(*more: tuple[str, object]) -> SoftenvPluginManager:
    return get_plugin_manager(autoload=False, plugins=[("xicheng", xicheng), *more])


def _failing(ds: Any, as_of: datetime | None = None) -> list[str]:
    result = assess(ds, 2025, _pm(), audience=CITY_OFFICE, as_of=as_of)
    return [r.rule.id for r in result.county(CODE).conditions if not r.passed]


# --- the plugin itself ----------------------------------------------------------------------------


def test_conforms() -> None:
    assert_conforms(xicheng, "xicheng", others=[], max_examples=examples(4), hash_seed=False)


def test_the_deadline_is_the_2nd_working_day_or_the_citys_where_later() -> None:
    ds = small_dataset(2025, (CODE,))
    due = {m: report_deadline(ds, CODE, Month(2025, m), _pm()) for m in range(1, 13)}
    assert due[10].due_at.date() == date(2025, 11, 4) and due[10].rule_id == f"county.{CODE}.report.deadline"
    # October opens with National Day: the 2nd working day (10-10) is after the city's 10-09
    assert due[9].rule_id == "city.report.deadline" and due[9].due_at.date() == date(2025, 10, 9)
    city = {m: report_deadline(ds, CODE, Month(2025, m)) for m in range(1, 13)}
    assert all(due[m].due_at <= city[m].due_at for m in due)


def test_the_symposium_award_is_capped_at_2() -> None:
    ds = small_dataset(2025, (CODE,))
    mine = [c for c in ds.contacts if c.point == POINT]
    sympos = {c.id: attrs.evolve(c, method=ContactMethod.SYMPOSIUM) for c in mine[:5]}
    ds = attrs.evolve(ds, contacts=tuple(sympos.get(c.id, c) for c in ds.contacts))
    items = {i.rule.id: i.points for i in assess(ds, 2025, _pm(), audience=CITY_OFFICE).point(POINT).items}
    assert items[f"county.{CODE}.extra.symposium"] == 2  # 5 x 0.5, capped


@pytest.mark.parametrize(
    ("received", "workdays", "late"),
    [
        (beijing(2025, 3, 3, 9), 12, False),  # the city's 15 before 07-01
        (beijing(2025, 8, 4, 9), 12, True),  # the county's 10 for a 投诉 from 07-01
    ],
)
def test_topten_fails_with_a_complaint_about_its_departments_resolved_late(
    received: datetime, workdays: int, late: bool
) -> None:
    calendar = WorkCalendar()
    done = calendar.add_workdays(received.date(), workdays)
    resolved = datetime(done.year, done.month, done.day, 10, tzinfo=BEIJING)
    c = make_complaint("Q1", POINT, received, department=DEPT, resolved_at=resolved)
    ds = attrs.evolve(small_dataset(2025, (CODE,)), complaints=(c,))
    assert (f"county.{CODE}.topten.late_resolutions" in _failing(ds)) is late


def test_topten_fails_with_a_resolve_step_open_past_its_due_day_at_the_instant() -> None:
    c = make_complaint("Q1", POINT, beijing(2025, 8, 4, 9), department=DEPT, until=EventType.SIGNED)
    ds = attrs.evolve(small_dataset(2025, (CODE,)), complaints=(c,))
    late = f"county.{CODE}.topten.late_resolutions"
    assert late not in _failing(ds, beijing(2025, 8, 12, 12))  # open, within the county's 10 days
    assert late in _failing(ds, beijing(2025, 9, 1, 12))  # open, past them


def test_explain_county_names_the_citys_limits_then_the_countys(tmp_path: Path) -> None:
    from softenv_core.cli.commands import cmd_explain
    from softenv_core.cli.main import build_parser

    data = tmp_path / "d.json"
    data.write_text(dataset_json(small_dataset(2025, (CODE,))), encoding="utf-8")
    args = build_parser().parse_args(["explain", str(data), "--year", "2025", "--county", CODE])
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert cmd_explain(args, _pm()) == 0
    block = out.getvalue()[out.getvalue().index("投诉办理时限依据") :]
    assert "    投诉：受理1、签收1、办结10、延期至多15、回访1个工作日\n" in block
    assert "    举报：受理1、签收1、办结12、延期至多15、回访1个工作日\n" in block
    earlier = block[block.index("此前的投诉办理时限（2025-01-01 至 2025-06-30 有效）：") :]
    assert earlier.split("\n")[1].startswith("  [city ")


# --- the sweep attacked: a plugin answering ``answer(kind, on)`` ----------------------------------

Answer = Callable[[ComplaintKind, date], "ComplaintSla | None"]


def _liar(answer: Answer) -> SoftenvPluginManager:
    class Liar:
        @hookimpl
        def softenv_plugin_info(self) -> PluginInfo:
            return PluginInfo(county=CODE, title="西城区", reference="西经贸〔2025〕6号")

        @hookimpl
        def softenv_complaint_sla(self, kind: ComplaintKind, calendar: Any, params: Any, on: date) -> Any:
            return answer(kind, on)

    return get_plugin_manager(autoload=False, plugins=[("liar", Liar())])


def _sweep(answer: Answer) -> None:
    require_limits_sound(_liar(answer), WorkCalendar(), PARAMS, UNTIL, 2024)


def _sla(follow_up: Any = 2, resolve: Any = None, params: Any = (), accept: Any = 1) -> ComplaintSla:
    return ComplaintSla(accept, 1, dict(CITY) if resolve is None else resolve, 15, follow_up, "西", params=params)


class SlyInt(int):
    """Equal to every value: ``SlyInt(99) == 2``."""

    def __eq__(self, other: object) -> bool:
        return True

    __hash__ = int.__hash__


class NeverGreater(int):
    def __gt__(self, other: object) -> bool:
        return False

    __hash__ = int.__hash__


def test_1_an_int_subclass_equal_to_everything_is_no_limit() -> None:
    _sweep(lambda kind, on: _sla())  # the plain answer is sound
    with pytest.raises(
        PluginError,
        match=r"field follow_up: expected a whole number of working days, exactly an int \(not a subclass such as "
        r"SlyInt\)",
    ):
        _sweep(lambda kind, on: _sla(SlyInt(99 if on == ODD else 2)))


def test_1_an_int_subclass_never_greater_cannot_hide_a_laxer_limit() -> None:
    with pytest.raises(PluginError, match=r"follow_up.*exactly an int \(not a subclass such as NeverGreater\)"):
        _sweep(lambda kind, on: _sla(NeverGreater(9)))


def _city(name: str, value: object) -> ParamValue:
    genuine = PARAMS.get(name, date(2022, 3, 1))
    return attrs.evolve(genuine, value=value)


def test_2_a_cited_value_rewritten_in_place_on_one_day_is_refused() -> None:
    """A ParamValue's mapping is read-only once made (integrator i55 10 froze it, so that a result
    citing it hashes): a plugin rewriting it in place on one day is refused at the rewrite, naming
    the plugin and hook, where it was caught by the check of that day's answer."""
    cited = _city("complaint.resolve_workdays", dict(CITY))

    def answer(kind: ComplaintKind, on: date) -> ComplaintSla:
        cited.value["complaint"] = 99 if on == ODD else 15  # type: ignore[index]
        return _sla(params=(cited,))

    with pytest.raises(PluginError, match=r"plugin 'liar', hook softenv_complaint_sla: raised ReadOnlyError"):
        _sweep(answer)


def test_2_a_cited_name_swapped_for_a_str_subclass_on_one_day_is_checked_that_day() -> None:
    class SlyStr(str):
        def __eq__(self, other: object) -> bool:
            return True

        __hash__ = str.__hash__

    cited = ParamValue(name=f"county.{CODE}.note", value=1, effective_from=date(2022, 1, 1), reference="西")

    def answer(kind: ComplaintKind, on: date) -> ComplaintSla:
        object.__setattr__(cited, "name", SlyStr("duty.extra_cap") if on == ODD else f"county.{CODE}.note")
        return _sla(params=(cited,))

    with pytest.raises(PluginError, match=rf"params\[0\].*{ODD}"):
        _sweep(answer)


def test_3_a_city_figure_of_an_int_subclass_is_not_the_citys() -> None:
    fake = _city("complaint.follow_up_workdays", SlyInt(99))
    with pytest.raises(PluginError, match=r"params\[0\]: complaint.follow_up_workdays = 99 .* is not the city's"):
        _sweep(lambda kind, on: _sla(params=(fake,)))


def test_4_a_faulty_answer_is_refused_naming_the_county_kind_and_day() -> None:
    with pytest.raises(PluginError) as refused:
        _sweep(lambda kind, on: _sla(2.0 if on == ODD else 2))
    assert refused.value.plugin == "liar"
    assert f"complaint limits of county {CODE} for complaint on {ODD}" in str(refused.value)
    assert "field follow_up" in str(refused.value)


def test_5_limits_remembered_for_a_day_cannot_be_rewritten_by_the_plugin_after_their_check() -> None:
    shared = dict(CITY, complaint=10)

    def answer(kind: ComplaintKind, on: date) -> ComplaintSla:
        shared["complaint"] = 99 if kind is ComplaintKind.SUGGESTION else 10  # legal: a 建议 reads "suggestion"
        return _sla(resolve=shared)

    pm = _liar(answer)
    _sweep(answer)  # sound on every day, each kind reading its own limit
    ds = small_dataset(2025, (CODE,))
    about = {k: make_complaint(k.value, POINT, beijing(2025, 3, 3, 9), kind=k, department=DEPT) for k in ComplaintKind}
    ds = attrs.evolve(ds, complaints=tuple(about.values()))
    day = date(2025, 3, 3)
    complaint = sla_for(pm, ds, about[ComplaintKind.COMPLAINT], WorkCalendar(), PARAMS)
    assert complaint(day).resolve["complaint"] == 10
    sla_for(pm, ds, about[ComplaintKind.SUGGESTION], WorkCalendar(), PARAMS)(day)  # the plugin rewrites its dict
    assert complaint(day).resolve["complaint"] == 10  # what was checked, not 99


class _Dict(dict[str, int]):
    pass


class _Map(Mapping[str, int]):
    def __init__(self, data: dict[str, int]) -> None:
        self._data = data

    def __getitem__(self, key: str) -> int:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)


class _Param(ParamValue):
    pass


class _Sla(ComplaintSla):
    pass


_LAX = dict(CITY, complaint=16)
_ODD_ANSWERS: dict[str, tuple[Callable[[], ComplaintSla], type[Exception]]] = {
    "1.0 for 1": (lambda: _sla(accept=1.0), PluginError),
    "True for 1": (lambda: _sla(accept=True), PluginError),
    "a dict subclass": (lambda: _sla(resolve=_Dict(_LAX)), RuleConflict),
    "a Mapping not a dict": (lambda: _sla(resolve=_Map(_LAX)), RuleConflict),
    "params as a list": (lambda: _sla(resolve=_LAX, params=[]), RuleConflict),
    "a ParamValue subclass": (
        lambda: _sla(params=(_Param("complaint.follow_up_workdays", 9, date(2022, 3, 1), "x"),)),
        PluginError,
    ),
    "a ComplaintSla subclass": (lambda: _Sla(1, 1, _LAX, 15, 2, "西"), RuleConflict),
}


@pytest.mark.parametrize("odd", list(_ODD_ANSWERS))
def test_6_answers_alike_but_not_plain_are_checked_on_their_day(odd: str) -> None:
    make, error = _ODD_ANSWERS[odd]
    with pytest.raises(error) as refused:
        _sweep(lambda kind, on: make() if on == ODD else _sla())
    assert str(ODD) in str(refused.value) and "'liar'" in str(refused.value)


def test_7_a_plugin_laxer_when_asked_again_is_refused_at_the_step() -> None:
    asked: set[tuple[ComplaintKind, date]] = set()

    def answer(kind: ComplaintKind, on: date) -> ComplaintSla:
        again = (kind, on) in asked
        asked.add((kind, on))
        return _sla(resolve=_LAX if again else None)

    pm = _liar(answer)
    require_limits_sound(pm, WorkCalendar(), PARAMS, UNTIL, 2024)  # each day asked once: sound
    ds = small_dataset(2024, (CODE,))
    c = make_complaint("Q1", POINT, beijing(2024, 3, 4, 9), department=DEPT)
    ds = attrs.evolve(ds, complaints=(c,))
    with pytest.raises(RuleConflict, match=r"'liar'.*2024-03-04|2024-03-04.*'liar'"):
        sla_for(pm, ds, c, WorkCalendar(), PARAMS)(date(2024, 3, 4))


def test_8_hooks_md_says_explain_county_shows_whose_limits() -> None:
    text = (Path(__file__).parents[1] / "docs" / "hooks.md").read_text(encoding="utf-8")
    assert "no output shows `reference` or `params` yet" not in text
    start = text.index("**The answer.** `ComplaintSla(")
    assert "softenv explain --county" in text[start : start + 1500]


def test_9_a_resolve_key_of_a_str_subclass_equal_to_every_kind_is_refused() -> None:
    class SlyStr(str):
        def __eq__(self, other: object) -> bool:
            return True

        __hash__ = str.__hash__

    with pytest.raises(PluginError, match=r"field resolve: key 'sugestion' is not a complaint kind"):
        _sweep(lambda kind, on: _sla(resolve={**CITY, SlyStr("sugestion"): 3}))


class _Shifty(ComplaintSla):
    """Its ``resolve`` a property: the city's limits for the first reads, laxer after."""

    reads = 0

    @property  # type: ignore[override]
    def resolve(self) -> Mapping[str, int]:
        _Shifty.reads += 1
        return dict(CITY) if _Shifty.reads <= 4 else _LAX

    @resolve.setter
    def resolve(self, value: object) -> None:
        pass


def test_10_a_complaint_sla_subclass_answering_the_checks_otherwise_than_later_reads() -> None:
    def answer(kind: ComplaintKind, on: date) -> ComplaintSla:
        _Shifty.reads = 0
        return _Shifty(1, 1, {}, 15, 2, "西")

    c = make_complaint("Q1", POINT, beijing(2025, 3, 3, 9), department=DEPT)
    ds = attrs.evolve(small_dataset(2025, (CODE,)), complaints=(c,))
    limits = sla_for(_liar(answer), ds, c, WorkCalendar(), PARAMS)(date(2025, 3, 3))
    assert limits.resolve["complaint"] == 15  # the limits checked, not the 16 read after


def test_11_the_refusal_names_the_county_whose_plugin_is_laxer_and_its_day() -> None:
    class Other:
        @hookimpl
        def softenv_plugin_info(self) -> PluginInfo:
            return PluginInfo(county="379902", title="东城区", reference="东〔2025〕1号")

        @hookimpl
        def softenv_complaint_sla(self, kind: ComplaintKind, on: date) -> ComplaintSla:
            return _sla(resolve=_LAX if on == ODD + timedelta(days=1) else None)

    pm = get_plugin_manager(autoload=False, plugins=[("xicheng", xicheng), ("dongcheng", Other())])
    with pytest.raises(RuleConflict) as refused:
        require_limits_sound(pm, WorkCalendar(), PARAMS, UNTIL, 2024)
    assert refused.value.plugins == ("dongcheng", "city")
    assert f"county 379902 for complaint on {ODD + timedelta(days=1)}" in str(refused.value)


def test_the_hooks_check_finds_nothing() -> None:
    assert check_installed(_pm(), 2025) == []


@pytest.mark.slow  # the kit's deterministic check starts a process
def test_plugins_check_finds_nothing() -> None:
    """What `softenv plugins --check` runs, in-process: a package under tests/ is no entry point."""
    faults, (run,) = check_all(_pm(), 2025, 3)
    assert faults == [] and run.failed == ()


@pytest.mark.parametrize(
    ("odd", "says"),
    [(lambda: 1 // 0, "raised ZeroDivisionError"), (lambda: 5, "returned int, expected ComplaintSla or None")],
)
def test_12_a_hook_raising_or_answering_no_sla_on_one_day_is_named_with_the_day(
    odd: Callable[[], Any], says: str
) -> None:
    with pytest.raises(PluginError) as refused:
        _sweep(lambda kind, on: odd() if on == ODD else None)
    assert says in str(refused.value) and refused.value.plugin == "liar"
    assert f"complaint limits of county {CODE} for complaint on {ODD}" in str(refused.value)


def test_13_hooks_md_says_when_on_time_and_complaint_status_are_none() -> None:
    text = " ".join((Path(__file__).parents[1] / "docs" / "hooks.md").read_text(encoding="utf-8").split())
    assert "A step's `on_time` is `None` while it is open" in text
    assert "`None` only for a `CountyYear` built outside an assessment" in text


def test_14_a_plugin_registered_in_place_of_an_equal_one_is_swept_again() -> None:
    class Equal:
        """Equal to every other Equal; laxer where ``lax``."""

        def __init__(self, lax: bool) -> None:
            self.lax = lax

        def __eq__(self, other: object) -> bool:
            return isinstance(other, Equal)

        __hash__ = object.__hash__

        @hookimpl
        def softenv_plugin_info(self) -> PluginInfo:
            return PluginInfo(county=CODE, title="西城区", reference="西经贸〔2025〕6号")

        @hookimpl
        def softenv_complaint_sla(self, kind: ComplaintKind, on: date) -> ComplaintSla:
            return _sla(resolve=_LAX if self.lax else None)

    pm = get_plugin_manager(autoload=False, plugins=[("eq", Equal(False))])
    calendar = WorkCalendar()
    require_limits_sound(pm, calendar, PARAMS, UNTIL, 2024)
    pm.unregister(pm.get_plugin("eq"))
    pm.register(Equal(True), name="eq")
    with pytest.raises(RuleConflict, match=r"'eq'.*county 379903 for complaint on 2022-03-01|on 2022-03-01.*'eq'"):
        require_limits_sound(pm, calendar, PARAMS, UNTIL, 2024)
