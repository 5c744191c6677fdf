"""Tester p59: a county IT officer writing 云岭县 (379923)'s plugin from the docs alone, with the
honest patterns a real author uses (ints, Decimal from text, ZoneInfo('Asia/Shanghai'),
dataclass/enum helpers, functools.cache, a module-level dict). Those work; what follows is where
the engine's refusal of an answer that is *not exactly* the builtin type (a str/date/datetime/int
subclass: a StrEnum, an IntEnum, a pendulum-like DateTime) does not tell her what to change, and
where the kit's replay command ends in an unrelated traceback.

Each finding is one failing test: it asserts the behaviour the docs promise ("every refusal names
the field and what to change"; "each fault's fix says what to change for the mistake made")."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime, time
from enum import IntEnum, StrEnum
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import pytest

from softenv_core import CITY_OFFICE, assess, get_plugin_manager, report_deadline
from softenv_core.plugin import (
    Award,
    ComplaintKind,
    ComplaintSla,
    Condition,
    County,
    CountyYear,
    Deadline,
    Failure,
    Month,
    ParameterSet,
    PluginError,
    PluginInfo,
    PointYear,
    Rule,
    WorkCalendar,
    hookimpl,
    workday_deadline,
)
from softenv_core.testing import small_dataset
from softenv_core.testing.check_fixes import fix_for

COUNTY = "379923"
SHANGHAI = ZoneInfo("Asia/Shanghai")
DATASET = small_dataset(2025, (COUNTY, "379902"))


class Reason(StrEnum):  # an honest "enum helper" for the county's fixed wordings
    ATTENDED = "参加县座谈会"
    OVERDUE = "本县部门被投诉事项超期超过10个工作日"


class RuleIds(StrEnum):
    DEADLINE = "county.379923.report.deadline"


class Limit(IntEnum):  # the county's limits as an enum of working days
    SIGN = 1


class EvidenceId(str):  # a str subclass, as a typed-id helper (NewType-like class) gives
    pass


class PlainDay(date):  # a date subclass, as pendulum.Date / arrow give
    pass


class PendulumLike(datetime):  # a datetime subclass, as pendulum.DateTime gives
    pass


class Fact(str):
    pass


class _Base:
    @hookimpl
    def softenv_plugin_info(self) -> PluginInfo:
        return PluginInfo(county=COUNTY, title="云岭县监测点考评细则", reference="云经贸〔2025〕2号")


def _extra(score: Callable[[PointYear], Award | None]) -> object:
    class P(_Base):
        @hookimpl
        def softenv_extra_point_rules(self, year: int, params: ParameterSet) -> Sequence[Rule]:
            return [
                Rule(
                    id="county.379923.extra.symposium",
                    label="yunling.symposium",
                    title_zh="参加座谈会",
                    title_en="symposiums attended",
                    reference="云经贸〔2025〕2号 第四条",
                    score=score,
                    max_points=5,
                    effective_from=date(2025, 1, 1),
                    reads_direct_feedback=False,
                )
            ]

    return P()


def _condition(check: Callable[[CountyYear], Failure | None]) -> object:
    class P(_Base):
        @hookimpl
        def softenv_topten_conditions(self, year: int, params: ParameterSet) -> Sequence[Condition]:
            return [
                Condition(
                    id="county.379923.topten.no_long_overdue",
                    title_zh="本县部门无长期超期投诉",
                    title_en="no long overdue complaint",
                    reference="云经贸〔2025〕2号 第六条",
                    check=check,
                    effective_from=date(2025, 1, 1),
                )
            ]

    return P()


def _deadline(change: Callable[[Deadline], Deadline]) -> object:
    class P(_Base):
        @hookimpl
        def softenv_report_deadline(
            self, county: County, month: Month, calendar: WorkCalendar, params: ParameterSet
        ) -> Deadline | None:
            d = workday_deadline(
                calendar, month, 1, rule_id="county.379923.report.deadline", reference="云经贸〔2025〕2号 第三条"
            )
            return change(d)

    return P()


def _sla(sign: Any) -> object:
    class P(_Base):
        @hookimpl
        def softenv_complaint_sla(
            self, kind: ComplaintKind, calendar: WorkCalendar, params: ParameterSet, on: date
        ) -> ComplaintSla | None:
            names = (
                "complaint.accept_workdays",
                "complaint.sign_workdays",
                "complaint.resolve_workdays",
                "complaint.max_extension_workdays",
                "complaint.follow_up_workdays",
            )
            a, s, r, e, f = (params.get(n, on) for n in names)
            return ComplaintSla(
                accept=a.whole(),
                sign=sign,
                resolve=r.whole_by_key(),
                max_extension=e.whole(),
                follow_up=f.whole(),
                reference="云经贸〔2025〕2号 第五条",
                params=(a, s, r, e, f),
            )

    return P()


def _refusal_of_assess(plugin: object) -> str:
    pm = get_plugin_manager(autoload=False, plugins=[("yunling", plugin)])
    with pytest.raises(PluginError) as err:
        assess(DATASET, 2025, pm, audience=CITY_OFFICE)
    return str(err.value)


def _refusal_of_deadline(plugin: object) -> str:
    pm = get_plugin_manager(autoload=False, plugins=[("yunling", plugin)])
    with pytest.raises(PluginError) as err:
        report_deadline(DATASET, COUNTY, Month(2025, 2), pm)
    return str(err.value)


def _says_exactly(message: str) -> bool:
    """The refusal says the value must be exactly the builtin type (not a subclass), the words the
    docs (hooks.md, *Exactly the builtin types*) and the other such refusals use."""
    return "exactly" in message or "subclass" in message


def _attended(ctx: PointYear) -> Award:
    return Award(1, Reason.ATTENDED, [ctx.point.id])


def _failed(ctx: CountyYear) -> Failure:
    return Failure(Reason.OVERDUE, [])


@pytest.mark.parametrize(
    ("plugin", "field", "run"),
    [
        (_extra(_attended), "reason", _refusal_of_assess),
        (_condition(_failed), "reason", _refusal_of_assess),
        (_deadline(lambda d: attrs.evolve(d, rule_id=RuleIds.DEADLINE)), "rule_id", _refusal_of_deadline),
        (_deadline(lambda d: attrs.evolve(d, reference=Fact(d.reference))), "reference", _refusal_of_deadline),
    ],
    ids=["award-reason", "failure-reason", "deadline-rule_id", "deadline-reference"],
)
def test_01_text_of_a_str_subclass_is_refused_as_if_it_were_blank(
    plugin: object, field: str, run: Callable[[object], str]
) -> None:
    """What: an Award's or Failure's reason, or a Deadline's rule_id/reference, given as a str
    subclass (a StrEnum member `Reason.ATTENDED = "参加县座谈会"`, an honest enum helper for a
    county's fixed wordings) is refused with `expected non-blank text, got Reason`: the text IS
    non-blank, and nothing says the fault is the subclass nor what to write (`str(x)` /
    `x.value`). Meanwhile a Rule's id and title_zh of a StrEnum are accepted, so she cannot guess.
    Where: engine/answers.py:_text_problem (`if type(value) is not str: return "expected non-blank
    text, got …"`). Expected: the words of the other exact-type refusals, e.g. `expected exactly
    text (a str), got Reason (a str subclass): give str(value)`. Actual: `field reason: rule
    county.379923.extra.symposium: expected non-blank text, got Reason`. Severity: medium (a
    misleading refusal for an honest pattern; hooks.md's *Exactly the builtin types* does not list
    reasons/references either)."""
    message = run(plugin)
    assert f"field {field}" in message, message
    assert _says_exactly(message), message


def test_02_check_fix_for_a_str_subclass_reason_sends_her_the_wrong_way() -> None:
    """What: `softenv plugins --check` gives, for the StrEnum reason of test_01, the fix `give a
    reason: visible text of at most 5000 characters saying why (for a Failure too), never empty,
    invisible characters only, or text with a broken \\u escape`: her reason is visible text of 6
    characters, so the fix names none of what is wrong. Where: testing/check_fixes.py (the
    `field reason` entry of the fix table, matched for any `_text_problem`). Expected: a fix naming
    the subclass and `str(…)`/`.value`. Actual: the blank-reason fix. Severity: medium (reproduced
    with the plugin installed by entry point: `softenv plugins --check` exit 1 with that fix)."""
    fix = fix_for(_refusal_of_assess(_extra(_attended)))
    assert "str(" in fix or ".value" in fix or "subclass" in fix, fix


def test_03_date_subclass_nominal_refused_as_not_a_date() -> None:
    """What: a Deadline whose `nominal` is a date subclass (pendulum.Date, arrow, or any class
    deriving from date) is refused with `field nominal: rule …: expected a date, got PlainDay`: a
    PlainDay *is* a date (isinstance and mypy agree), so the message contradicts itself; and
    `plugins --check`'s fix says `build it with monthly_deadline(…) … end of the day`, which her
    workday_deadline already did. Where: the nominal check (engine/answers.py / deadline_answers.py
    date_problem) and testing/check_fixes.py DEADLINE_FIX. Expected: `expected exactly a date (not
    a subclass, PlainDay): give date(y, m, d)`. Actual: `expected a date, got PlainDay`.
    Severity: low."""
    plugin = _deadline(lambda d: attrs.evolve(d, nominal=PlainDay(d.nominal.year, d.nominal.month, d.nominal.day)))
    message = _refusal_of_deadline(plugin)
    assert "field nominal" in message, message
    assert _says_exactly(message), message


def test_04_datetime_subclass_due_at_fix_points_to_monthly_deadline() -> None:
    """What: a Deadline `due_at` of a datetime subclass (a pendulum/arrow DateTime: her 17:00
    报送截止 written `PendulumLike.combine(day, time(17), ZoneInfo('Asia/Shanghai'))`) is refused
    rightly (`field due_at: expected exactly a datetime, got PendulumLike`), but the fix
    `softenv plugins --check` prints is `build it with monthly_deadline(calendar, month, due_day,
    …) for the month asked …: Beijing time, end of the day`: wrong for a county whose deadline is
    a working-day count with an hour of its own (the guide's own recipe is attrs.evolve with
    datetime.combine). Where: testing/check_fixes.py (_DEADLINE_FIELD → DEADLINE_FIX for any
    field). Expected: a fix saying to give a plain datetime (`datetime.combine(...)` / convert
    the library's DateTime, e.g. `datetime.fromisoformat(x.isoformat())`). Actual: DEADLINE_FIX.
    Severity: medium (the fix leads away from the fault)."""
    plugin = _deadline(lambda d: attrs.evolve(d, due_at=PendulumLike.combine(d.nominal, time(17), SHANGHAI)))
    message = _refusal_of_deadline(plugin)
    assert "field due_at" in message and "exactly a datetime" in message, message
    fix = fix_for(message)
    assert "monthly_deadline" not in fix and ("datetime" in fix or "subclass" in fix), fix


def test_05_intenum_complaint_limit_refused_as_not_a_whole_number() -> None:
    """What: a complaint limit given as an IntEnum member (`Limit.SIGN = 1`) is refused with
    `field sign: expected a whole number of working days, got Limit`: 1 is a whole number, the
    message hides that only an exact int is taken; `plugins --check`'s fix is the generic `return
    the type the hook's signature names (docs/hooks.md)`, and the signature names int, which an
    IntEnum is to mypy and isinstance. Where: engine/answers.py:_limit and
    testing/check_fixes.py (the fallback fix). Expected: `expected exactly an int … got Limit (an
    int subclass): give int(value)` and a fix naming int(…). Actual: as above. Severity: medium."""
    pm = get_plugin_manager(autoload=False, plugins=[("yunling", _sla(Limit.SIGN))])
    with pytest.raises(PluginError) as err:
        assess(DATASET, 2025, pm, audience=CITY_OFFICE)
    message = str(err.value)
    assert "field sign" in message, message
    assert _says_exactly(message), message
    assert "int(" in fix_for(message), fix_for(message)


def test_06_str_subclass_evidence_fix_says_not_to_give_records() -> None:
    """What: evidence ids of a str subclass (a typed-id helper class) are refused rightly (`field
    evidence[0]: … a record id must be exactly text (a str), got EvidenceId`), but the fix
    `softenv plugins --check` prints is `put record ids in evidence ([c.id for c in contacts]),
    never the records themselves`: she gave ids, not records. Where: testing/check_fixes.py (the
    `field evidence` entry). Expected: a fix saying to give plain str ids (`str(x)`). Actual: the
    records fix. Severity: low."""
    message = _refusal_of_assess(_condition(lambda ctx: Failure("超期", [EvidenceId("379923-amr")])))
    assert "exactly text" in message, message
    fix = fix_for(message)
    assert "records themselves" not in fix and ("str(" in fix or "subclass" in fix), fix


def test_07_str_subclass_facts_refused_as_not_a_sequence_of_text() -> None:
    """What: a Deadline whose facts are str subclasses (a tuple of 6 texts) is refused with
    `field facts: expected a sequence of text`: it is a sequence of text; neither the fact at
    fault (facts[i], named for the other fact faults) nor the subclass is named. Where:
    engine/answers.py (the facts loop: `if type(fact) is not str: raise _field(…, "facts",
    "expected a sequence of text")`). Expected: `field facts[0]: expected exactly text (a str),
    got Fact`. Actual: `field facts: expected a sequence of text`. Severity: low."""
    plugin = _deadline(lambda d: attrs.evolve(d, facts=tuple(Fact(f) for f in d.facts)))
    message = _refusal_of_deadline(plugin)
    assert "facts[0]" in message and _says_exactly(message), message


def test_08_replay_of_an_unimportable_module_ends_in_empty_module_name() -> None:
    """What: the kit's replay command (`python -m softenv_core.testing.conformance MODULE:NAME
    FILE …`, printed by assert_conforms and plugins --check) run where MODULE does not import (run
    from another folder than the test's, before `uv pip install -e`, a typo) ends in a traceback
    whose last line is `ValueError: Empty module name`, after `ModuleNotFoundError: No module
    named 'yl_strenum'` printed as "During handling of the above exception, another exception
    occurred". Where: testing/hash_seeds.py:plugin_by_reference (the `module.Class` fallback
    rpartitions a name with no dot into '' and imports ''). Expected: a module without a dot
    re-raises the ModuleNotFoundError (or a message naming the module and that it must be
    importable from where the replay runs). Actual: ValueError('Empty module name'). Severity: low."""
    from softenv_core.testing.hash_seeds import plugin_by_reference

    with pytest.raises(ImportError, match="softenv_county_p59_nosuch"):
        plugin_by_reference("softenv_county_p59_nosuch:yunling")
