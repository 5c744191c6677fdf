"""Why `softenv explain` (and ``POST /v1/explain``) has no entry to show: the point or county is
not in the year's assessment (监测点/县区不在当年考评中), said in the reader's language and, in
the city office's view, with the facts behind it. Both faces word it here, so the service's
problem says what the CLI says.

A point designated in the year but on too few working days of each month it covers owes no
month (应履职月份: 无): it has no duty score, yet it may be on the roster on 31 December and so
count for the commendation quota (docs/yearend.md). The explanation states both facts, from
the same rules the assessment and the year end read, rather than calling it "not active",
and with the parameters the assessment was made with (``params``, as given to ``assess``): the
city baseline's values would explain a changed parameter file's assessment wrongly. Asked at
an instant inside the year, a point whose ended months are too short while a later one is still
running owes no *ended* month and is not yet assessed: the running months are named, in the
words the year end uses too (analyses/unassessed.py; auditor a77 01).
"""

from __future__ import annotations

from softenv_core.analyses.arguments import params_or_baseline
from softenv_core.analyses.assessment import Assessment
from softenv_core.analyses.audiences import CITY_OFFICE
from softenv_core.analyses.county_months import before_baseline_notice
from softenv_core.analyses.fingerprint import require_same_provenance
from softenv_core.analyses.roster_changes import known_roster
from softenv_core.analyses.unassessed import (
    ENDED_NOT_OWED_EN,
    ENDED_NOT_OWED_ZH,
    NOT_YET_EN,
    NOT_YET_ZH,
    months_not_over,
    not_over_en,
    not_over_zh,
)
from softenv_core.engine.parameters import ParameterSet
from softenv_core.model.dataset import Dataset
from softenv_core.model.periods import Month, Year, beijing_date, span_zh
from softenv_core.model.points import MonitoringPoint, PointLevel
from softenv_core.render.parameter_lines import cited
from softenv_core.rules.city.duty import OwedMonths
from softenv_core.workdays.calendar import WorkCalendar


def point_not_assessed(
    dataset: Dataset,
    result: Assessment,
    point_id: str,
    calendar: WorkCalendar,
    lang: str,
    params: ParameterSet | None = None,
) -> str:
    """The message of `explain --point` for a point with no entry in ``result``.

    ``params``: the parameters ``result`` was assessed with (the city baseline's if not given,
    as ``assess`` reads them); an assessment that records other ones (``Assessment.provenance``)
    is refused (SoftenvError) rather than explained with values it did not read."""
    year = result.year
    if before_baseline_notice(year) in result.notices:
        # No month of the year is owed by anyone, and there is no year end (no quota) to count
        # it for: the baseline's notice, as assess and yearend give it (review r1/02). The same
        # for every reader and for a point the dataset lacks: it tells nothing of the point.
        if lang == "zh":
            return f"{year} 年不在基线施行期内，没有应报或应履职的月份：监测点 {point_id!r} 当年不参加履职考评"
        return (
            f"no month of {year} is owed: the programme's baseline is not in force in it; "
            f"point {point_id!r} is not assessed"
        )
    if result.audience != str(CITY_OFFICE):
        # Outside the city office, a point the audience may not see is "not shown", not absent.
        if lang == "zh":
            return f"{year}年没有向读者 {result.audience} 显示的在册监测点 {point_id!r}"
        return f"no point {point_id!r} active in {year} is shown to audience {result.audience}"
    point = next((p for p in known_roster(dataset, result.as_of) if p.id == point_id), None)
    zh = lang == "zh"
    if point is None or not _designated_in(point, Year(year)):
        if zh:
            return f"监测点 {point_id!r} {year}年不在册，不参加当年履职考评"
        return f"point {point_id!r} is not designated in {year}: it is not assessed that year"
    params = params_or_baseline(params)
    if result.provenance is not None:  # a document written before it was recorded cannot be checked
        require_same_provenance(result.provenance, dataset, params, "point_not_assessed")
    return _owes_no_month(point, result, calendar, params, zh)


def county_not_assessed(dataset: Dataset, code: str, year: int, lang: str) -> str:
    """The message of `explain --county` for a county with no entry in the year's assessment:
    in the dataset but owing no month of the year (it did not exist while the baseline was in
    force), or not in the dataset. Counties and their months are published to every audience,
    so this says the same to each."""
    zh = lang == "zh"
    if code in dataset.county_by_code:
        if zh:
            return f"县区 {code!r} 在 {year} 年没有应报月份（该年不存在或不在基线施行期内），当年不参加考核"
        return (
            f"county {code!r} owes no month of {year} (it does not exist while the "
            "baseline is in force then): it is not assessed that year"
        )
    return f"数据集中没有县区 {code!r}" if zh else f"no county {code!r} in the dataset"


def _designated_in(point: MonitoringPoint, year: Year) -> bool:
    until = point.designated_until
    return point.designated_from <= year.last_day and (until is None or until >= year.first_day)


def _owes_no_month(
    point: MonitoringPoint, result: Assessment, calendar: WorkCalendar, params: ParameterSet, zh: bool
) -> str:
    """Designated in the year, owing no ended month of it: the interval, each ended month's
    working days against ``duty.min_workdays_in_month`` (the assessment's own facts), the
    months still running at the instant (not yet assessed: auditor a77 01) and the quota."""
    year = Year(result.year)
    over = tuple(m for m in year.months if result.as_of is None or m.end <= result.as_of)
    owed = OwedMonths.of(over, calendar, params)
    facts = ("；" if zh else "; ").join(owed.basis(point))
    lang = "zh" if zh else "en"
    if zh:
        read = "，".join(f"{pv.name} = {pv.value}（{pv.effective_from}；{cited(pv, lang)}）" for pv in owed.params)
    else:
        read = ", ".join(f"{pv.name} = {pv.value} ({pv.effective_from}; {cited(pv, lang)})" for pv in owed.params)
    # The months of its interval still running (a77 01): it may yet owe them, so it is not yet
    # assessed, never "owes no month … not assessed that year" (the year end's wording alike).
    running = months_not_over(point, year.year, result.as_of)
    # The quota counts the points on the roster on 31 December, or on as_of's day when earlier.
    day = min(year.last_day, beijing_date(result.as_of)) if result.as_of else year.last_day
    # as analyses.commendation counts it: a 县区 point only, a 市直 point in no county's quota
    counted = point.level is PointLevel.COUNTY and point.active_on(day)
    if zh:
        quota = f"；它在 {day} 在册，计入 {point.county} 表彰名额的在册监测点数" if counted else ""
        return _zh(point, year.year, facts, read, running, quota)
    quota = (
        f"; it is on the roster on {day}, so it counts among {point.county}'s points for the quota" if counted else ""
    )
    return _en(point, year.year, facts, read, running, quota)


def _zh(point: MonitoringPoint, year: int, facts: str, read: str, running: tuple[Month, ...], quota: str) -> str:
    head = f"监测点 {point.id!r} {year}年在册（{span_zh(point.designated_from, point.designated_until)}）"
    if not facts:  # no month too short: the months it is in are still running (integrator i43)
        return f"{head}，其在册的月份到数据截至时尚未结束，故无履职得分、{NOT_YET_ZH}{quota}"
    rule = "（每月在册工作日不少于 duty.min_workdays_in_month 天才应履职）"
    basis = f"（参数：{read}）" if read else ""
    if running:  # the ended months owe nothing, a later one is still running (a77 01)
        return (
            f"{head}，{ENDED_NOT_OWED_ZH}{rule}：{facts}{basis}；{not_over_zh(running)}，"
            f"故无履职得分、{NOT_YET_ZH}{quota}"
        )
    return f"{head}，但无应履职月份{rule}，故无履职得分、不参加当年履职考评：{facts}{basis}{quota}"


def _en(point: MonitoringPoint, year: int, facts: str, read: str, running: tuple[Month, ...], quota: str) -> str:
    since = point.designated_from.isoformat()
    until = point.designated_until.isoformat() if point.designated_until else "open"
    head = f"point {point.id!r} is designated in {year} ({since} — {until})"
    if not facts:
        return (
            f"{head}, but the months it is designated in are not over at the instant, so it has no duty score "
            f"yet and {NOT_YET_EN}{quota}"
        )
    rule = "(a month is owed on at least duty.min_workdays_in_month working days designated)"
    basis = f" (parameter: {read})" if read else ""
    if running:
        return (
            f"{head}: {ENDED_NOT_OWED_EN} {rule}: {facts}{basis}; {not_over_en(running)}, so it has no "
            f"duty score yet and {NOT_YET_EN}{quota}"
        )
    return f"{head} but owes no month of it {rule}, so it has no duty score: {facts}{basis}{quota}"


__all__ = ["county_not_assessed", "point_not_assessed"]
