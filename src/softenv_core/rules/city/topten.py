"""十佳 eligibility of counties (seed 四(三)): the city's baseline condition."""

from __future__ import annotations

from datetime import date

from softenv_core._fold import name_key
from softenv_core.engine.manager import CITY_PLUGIN
from softenv_core.engine.parameters import ParameterSet
from softenv_core.engine.phrases import NUMBER, Phrase
from softenv_core.engine.ruletypes import Condition, CountyYear, Failure, MonthState, MonthStatus
from softenv_core.engine.trace import ConditionResult, ParamValue
from softenv_core.model.divisions import City, city_office_names
from softenv_core.model.periods import Month, beijing_date, month_runs
from softenv_core.model.roster import Waiver
from softenv_core.rules.city.sources import VERSION, city_decision_zh, seed, seed_zh


def city_deciders(city: City, params: ParameterSet, waiver: Waiver) -> tuple[str, ...]:
    """The names under which the city decides ``waiver``: the city's offices as the dataset
    names them (``city.office`` 软建办, ``city.liaison_office`` 经贸委), the generic names of
    ``topten.waiver_deciders`` (市经贸委, 市软建办), and those names with the city's own name
    for the leading 市 (临江市经贸委). A city writes its own offices' names as it likes; a
    county must not lose 先进 over the wording (audit t3 finding 06)."""
    # Read, like the month's deadline, on the first day of the month after. The names are built
    # where the loader builds them to refuse a county's office of one (auditor a76 02).
    return city_office_names(city, params.get("topten.waiver_deciders", (waiver.month + 1).first_day).texts())


def decided_by_city(waiver: Waiver, params: ParameterSet, city: City) -> bool:
    """Whether ``waiver`` was decided by the city (:func:`city_deciders`): only the city can
    relax its baseline (design principle 5), so a county's own waiver excuses nothing. Names are
    compared as :func:`~softenv_core._fold.name_key` reads them, without spaces and full-width
    forms: ``市 经贸委`` is 市经贸委 (clerk c64 01: the city's waiver was ignored, and the county lost
    十佳 on the month it excused)."""
    key = name_key(waiver.decided_by)
    return any(name_key(name) == key for name in city_deciders(city, params, waiver))


def _deciders_read(ctx: CountyYear, months: list[Month]) -> tuple[ParamValue, ...]:
    """``topten.waiver_deciders`` as read for each of ``months`` (as :func:`city_deciders` reads
    it), each value once: the condition cites who could excuse the months it names beside the
    allowance (reviewer r59 02: a change of the deciders flipped a county's 十佳 uncited)."""
    out: list[ParamValue] = []
    for m in months:
        pv = ctx.params.get("topten.waiver_deciders", (m + 1).first_day)
        if pv not in out:  # compared, in the order first read (a set would lose it)
            out.append(pv)
    return tuple(out)


def _on_time(ctx: CountyYear) -> Failure | None:
    allowed = ctx.params.get("topten.max_months_not_on_time", date(ctx.year, 12, 31))
    # Only owed months count; a city waiver excuses the month it covers.
    failing = [m for m in ctx.months if m.status.owed and m.status is not MonthState.ON_TIME and m.waiver is None]
    # A month not yet due at as_of (未到期) is a fact nobody knows yet: its report may still come
    # late or not at all. Like a 万人评议 round still open for city.nominate.both_rounds, it
    # leaves the condition not passed, its reason saying so (DESIGN "An explicit instant":
    # pending counts neither for nor against, so it cannot make a county 可评先进 either). A
    # pending month a city waiver already covers is excused whatever comes.
    pending = [m.month for m in ctx.months if m.status is MonthState.PENDING and m.waiver is None]
    within = len(failing) <= allowed.whole()
    if within and not pending:
        return None
    # Months the city excused are named as their rows say them, and their waivers cited: left
    # out of ``failing``, a waived 未报 read as "已到期月份均按时报送" (auditor a80 01). Named
    # with the failing months in month order, as the rows run (reviewer r65 02).
    excused = _excused(ctx) if pending and within else []
    told = [(m.month, _failing_part(m)) for m in failing] + [(m.month, _excused_part(m)) for m in excused]
    parts = [part for _, part in sorted(told, key=lambda t: t[0])]
    if pending and within:  # beyond the allowance the county fails whatever the pending months bring
        # "上述月份经市里豁免" only of a waived month already due: one waived in advance, still
        # 未到期, is no due month excused (reviewer r65 02).
        waived_due = any(m.status is not MonthState.PENDING for m in excused)
        parts.append(_pending_reason(pending, not failing, waived_due))
    evidence = [m.report for m in failing if m.report] + [m.waiver for m in excused if m.waiver]
    named = [m.month for m in failing] + (pending if within else []) + [m.month for m in excused]
    return Failure("；".join(parts), evidence, (allowed, *_deciders_read(ctx, sorted(set(named)))))


#: The reasons' words, in Chinese as the results hold them and in English (engine.phrases).
LATE_DAYS = Phrase("迟报{days}个工作日", "late {days} working day(s)", shapes=(("days", NUMBER),))
MISSING_MONTH = Phrase("{month} 未报", "{month} missing")
LATE_MONTH = Phrase(
    "{month} 迟报{days}个工作日{dates}", "{month} late {days} working day(s){dates}", shapes=(("days", NUMBER),)
)
OPEN_MONTH = Phrase(
    "{month} {state}（截至评估时点未收到；{at}前补报按迟报计）",
    "{month} {state} (not received at the instant assessed; a report before {at} counts as late)",
)
PENDING_MONTHS = Phrase(
    "{months} 未到期（截至评估时点），暂不能判定", "{months} not yet due (at the instant assessed): not yet decided"
)
PENDING_WAIVED = Phrase(
    "{months} 未到期（截至评估时点），暂不能判定（已到期月份中，上述月份经市里豁免，其余按时报送）",
    "{months} not yet due (at the instant assessed): not yet decided (of the months due, those named above "
    "were waived by the city, the others reported on time)",
)
PENDING_ON_TIME = Phrase(
    "{months} 未到期（截至评估时点），暂不能判定（已到期月份均按时报送）",
    "{months} not yet due (at the instant assessed): not yet decided (every month due reported on time)",
)
PENDING_WAIVER = Phrase(
    "{month} 未到期（截至评估时点；豁免 {waiver}）",
    "{month} not yet due (at the instant assessed; waiver {waiver})",
    verbatim=("waiver",),
)
WAIVED_MONTH = Phrase(
    "{month} 已豁免（{how}；豁免 {waiver}）", "{month} waived ({how}; waiver {waiver})", verbatim=("waiver",)
)


def _failing_part(m: MonthStatus) -> str:
    """A month not on time and not excused, as the reason names it: ``2025-05 迟报2个工作日（…）``."""
    if m.status is MonthState.LATE:
        days = f"（{m.late_facts}）" if m.late_facts else ""  # the working days counted
        return LATE_MONTH(month=m.month, days=m.late_workdays, dates=days)
    if m.open_until is not None:  # missing now, but a report may still come late (迟报)
        return OPEN_MONTH(month=m.month, state=m.status.zh, at=m.open_until.strftime("%Y-%m-%d %H:%M:%S"))
    if m.status is MonthState.MISSING:
        return MISSING_MONTH(month=m.month)
    return f"{m.month} {m.status.zh}"


def _pending_reason(pending: list[Month], none_failing: bool, waived: bool = False) -> str:
    """``2025-07—2025-12 未到期（截至评估时点），暂不能判定``: the months not yet due; when none
    due failed, said so, and whether waived months already due, named before, are the exception."""
    named = month_runs(pending)
    if not none_failing:
        return PENDING_MONTHS(months=named)
    return (PENDING_WAIVED if waived else PENDING_ON_TIME)(months=named)


def _excused(ctx: CountyYear) -> list[MonthStatus]:
    """The months a city waiver excuses that were not on time (or are not yet due)."""
    return [m for m in ctx.months if m.waiver is not None and m.status is not MonthState.ON_TIME]


def _excused_part(m: MonthStatus) -> str:
    """An excused month as its row says it: ``2025-05 已豁免（未报；豁免 W1）``."""
    if m.status is MonthState.PENDING:  # not yet due at as_of: excused whatever comes
        return PENDING_WAIVER(month=m.month, waiver=m.waiver)
    fact = m.reported
    how = LATE_DAYS(days=m.late_workdays) if fact is MonthState.LATE else fact.zh
    return WAIVED_MONTH(month=m.month, how=how, waiver=m.waiver)


ON_TIME = Condition(
    id="city.topten.on_time",
    title_zh="按时报送月报",  # 零报告 is one kind of monthly report
    title_en="monthly reports on time",
    reference=seed("四(三)", "对未按时上报的县区, 年底争创“十佳”评比中不得评先进")
    + "; city decision: a city waiver excuses",
    reference_zh=seed_zh("四(三)", "对未按时上报的县区,年底争创“十佳”评比中不得评先进")
    + "；"
    + city_decision_zh("市里批准免报的月份不算未按时"),
    check=_on_time,
    effective_from=VERSION,
)


def _exists_at_year_end(ctx: CountyYear) -> Failure | None:
    # The 十佳 competition is held at year end (年底): a county abolished before 31 December
    # is not there to be rated 先进, as it has no nomination quota then (analyses.commendation
    # reads the same day). It still owes, and is scored on, the months it existed.
    last = date(ctx.year, 12, 31)
    if ctx.county.active_on(last):
        return None
    until = ctx.county.effective_until
    if until is not None and until < last:
        if ctx.as_of is not None and beijing_date(ctx.as_of) <= until:
            # Still there at the instant assessed: its abolition is on record, not yet done
            # (auditor a53: 已撤销 was said of a county as of two months before its last day).
            return Failure(TO_BE_ABOLISHED(until=until, last=last))
        return Failure(ABOLISHED(until=until, last=last))
    return Failure(NOT_YET_SET_UP(last=last))


TO_BE_ABOLISHED = Phrase(
    "存续至 {until}（截至评估时点尚未撤销），{last} 县区将不存在，不参加年底“十佳”评比",
    "exists until {until} (not yet abolished at the instant assessed); the county will not exist on {last} "
    "and takes no part in the year-end 十佳 rating",
)
ABOLISHED = Phrase(
    "{until} 已撤销，{last} 县区不存在，不参加年底“十佳”评比",
    "abolished {until}; the county does not exist on {last} and takes no part in the year-end 十佳 rating",
)
NOT_YET_SET_UP = Phrase(
    "{last} 县区尚未设立，不参加年底“十佳”评比",
    "the county is not yet set up on {last} and takes no part in the year-end 十佳 rating",
)


EXISTS_AT_YEAR_END = Condition(
    id="city.topten.exists_at_year_end",
    title_zh="年底县区存续",
    title_en="the county exists at year end",
    reference=seed("四(三)", "年底争创“十佳”评比")
    + "; city decision: a county abolished before 31 December takes no part",
    reference_zh=seed_zh("四(三)", "年底争创“十佳”评比") + "；" + city_decision_zh("12月31日前撤销的县区不参加"),
    check=_exists_at_year_end,
    effective_from=VERSION,
)

CONDITIONS = (ON_TIME, EXISTS_AT_YEAR_END)


def with_waivers(result: ConditionResult, ctx: CountyYear) -> ConditionResult:
    """``city.topten.on_time`` passed only because city waivers excuse months not on time: the
    pass names those months and waivers, with the waivers as evidence and the allowance read
    (DESIGN principle 2: a "yes" resting on a record cites it; it said 满足 alone, the waiver
    visible only in the month's row: auditor a45). Any other result is returned as it is."""
    if not result.passed or result.rule.plugin != CITY_PLUGIN or result.rule.id != ON_TIME.id:
        return result
    excused = _excused(ctx)
    allowed = ctx.params.get("topten.max_months_not_on_time", date(ctx.year, 12, 31))
    not_on_time = [m for m in ctx.months if m.status.owed and m.status is not MonthState.ON_TIME]
    # A pending month a waiver covers would leave the condition not passed without it, whatever
    # the allowance: the pass rests on that waiver too (auditor a54 1: it said 满足 alone).
    waived_pending = any(m.status is MonthState.PENDING for m in excused)
    if not excused or (len(not_on_time) <= allowed.whole() and not waived_pending):
        return result  # no waiver, or the allowance covers the months waived as well (reviewer d3)
    reason = WAIVERS_EXCUSE(months="；".join(_excused_part(m) for m in excused))
    deciders = _deciders_read(ctx, [m.month for m in excused])
    return ConditionResult(
        result.rule, True, reason, tuple(m.waiver for m in excused if m.waiver), (allowed, *deciders)
    )


WAIVERS_EXCUSE = Phrase(
    "{months}：市里豁免的月份不算未按时", "{months}: a month the city waived is not counted as not on time"
)

__all__ = ["CONDITIONS", "EXISTS_AT_YEAR_END", "ON_TIME", "city_deciders", "decided_by_city", "with_waivers"]
