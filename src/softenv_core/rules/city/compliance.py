"""County report compliance (零报告执行情况, seed 四(三)): month scores and their mean.

The seed asks that counties' 零报告 be assessed (四(三)) but states no scores: 100 / 50 / 0
and the three working days of grace are the city's decision (parameters ``compliance.*``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from decimal import Decimal

from softenv_core._fold import name_key
from softenv_core.engine.parameters import ParameterSet
from softenv_core.engine.ruletypes import MonthState, MonthStatus
from softenv_core.engine.trace import ParamValue
from softenv_core.io.dataset_warnings import dataset_warnings
from softenv_core.model.appraisals import AppraisalRound
from softenv_core.model.dataset import Dataset
from softenv_core.model.periods import Month, Year, beijing_date, end_of_beijing_day
from softenv_core.model.roster import Waiver
from softenv_core.rules.city.duty_words import NO_MONTH_OWED
from softenv_core.rules.city.topten import city_deciders, decided_by_city
from softenv_core.workdays.calendar import WorkCalendar

PARAMETERS = ("compliance.on_time_score", "compliance.late_score", "compliance.late_grace_workdays")


def report_in_force(month: Month, params: ParameterSet) -> bool:
    """Whether the opinion requires a report on ``month``.

    A deadline parameter is read on the first day of the month after (DESIGN "Reading a
    parameter"); where it has no value yet the month is "not in force": the first report
    the baseline (from 2022-03-01) requires is February 2022's.
    """
    return params.in_force("report.due_day", (month + 1).first_day)


def round_in_force(appraisal_round: AppraisalRound, params: ParameterSet) -> bool:
    """Whether the programme held ``appraisal_round`` (万人评议): a round's figures are read on
    its closing day (DESIGN "Reading a parameter"), so one closed before the baseline's 万人评议
    parameters are in force (2022-03-01) was held before the programme, as a month before it is
    "not in force": no point owes it and it is not scored. A record of it is valid data."""
    return params.in_force("appraisal.group_weights", appraisal_round.closed)


def year_in_force(year: int, params: ParameterSet) -> bool:
    """Whether the opinion requires a report on any month of ``year`` (before the programme's
    first report, 2021 and earlier in the baseline, no month is owed and nothing is assessed)."""
    return any(report_in_force(m, params) for m in Year(year).months)


def first_month_in_force(params: ParameterSet) -> Month:
    """The first month the opinion requires a report on (February 2022 in the baseline, from
    2022-03-01): the earliest month :func:`report_in_force` holds for, its deadline parameter
    read on the first day of the month after."""
    since = params.since("report.due_day")
    read_on = Month.of(since) if since.day == 1 else Month.of(since) + 1
    return read_on - 1


def first_year_in_force(params: ParameterSet) -> int:
    """The first year the opinion requires a report on a month of (2022 in the baseline): the
    earliest year :func:`year_in_force` holds for."""
    return first_month_in_force(params).year


def not_in_force_problem(month: Month, params: ParameterSet) -> tuple[str, str]:
    """Why no deadline is given for ``month`` (English, Chinese): the baseline requires no report
    on it, said with the dates of ``params`` (the first day ``report.due_day`` is in force, and
    the first month reported under it). One wording for ``softenv deadline`` and
    ``GET /v1/deadlines`` (platform t8 03)."""
    since, first = params.since("report.due_day"), first_month_in_force(params)
    return (
        f"{month}: not in force — the city baseline (from {since}) first requires the report on "
        f"{first}; for the calendar-only date see docs/rules.md (monthly_deadline)",
        f"{month}: 不在基线施行期内 — 基线自 {since} 施行，最早要求报送 {first} 的月报；"
        "只按日历计算的日期见 docs/rules.md (monthly_deadline)",
    )


def waivers_not_in_force(waivers: Sequence[Waiver], params: ParameterSet) -> list[str]:
    """Waivers (豁免) of a month before the baseline requires a report (auditor t12 06): such a
    month is owed by no county, so the waiver excuses nothing, most likely a month typed wrong.
    A warning of ``softenv validate`` and ``POST /v1/validate``, worded as the loader's refusal
    of a waiver outside its county's life (io/county_checks.py), with the dates of ``params``
    (as :func:`not_in_force_problem`). Not a refusal: the loader reads no parameters (layers)."""
    out = []
    for i, w in enumerate(waivers):
        if not report_in_force(w.month, params):
            since = params.since("report.due_day")
            out.append(
                f"$.waivers[{i}] ({w.id}).month: {w.month} but the city baseline (from {since}) first "
                f"requires the report on {first_month_in_force(params)}; a waiver excuses only a month its county owes"
            )
    return out


def unknown_decider_warnings(dataset: Dataset, params: ParameterSet) -> list[str]:
    """Waivers (豁免) whose 决定单位 is neither a name the city decides under (topten.city_deciders,
    read with ``params``) nor their county's own liaison office: the assessment ignores such a
    waiver, and the county's month counts as late again, with only a notice in the results (clerk
    c64 01: ``市 经贸委``, now read as 市经贸委, went so; a name mistyped otherwise, 市经委, still
    would). Told at the cell, with the city's names and the one to write. A county's own waiver
    is not told: it is data the assessment names in its notice (design principle 5). A waiver of
    a month before the baseline is told by :func:`waivers_not_in_force` alone."""
    own = {c.code: c.liaison_office for c in dataset.counties}
    out = []
    for i, w in enumerate(dataset.waivers):
        office = own.get(w.county)
        if not report_in_force(w.month, params) or decided_by_city(w, params, dataset.city) or office is None:
            continue
        if name_key(office) == name_key(w.decided_by):
            continue
        names = "、".join(city_deciders(dataset.city, params, w))
        typed = "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in w.decided_by.strip())
        out.append(
            f"$.waivers[{i}] ({w.id}).decided_by: “{typed}” is neither a name of the city's offices ({names}) "
            f"nor county {w.county}'s own office ({office.strip()}): only the city's waiver excuses a month, so "
            f"the assessment ignores this one; if the city decided it, write the city office's name "
            f"({dataset.city.liaison_office.strip()})"
        )
    return out


def baseline_warnings(dataset: Dataset, params: ParameterSet) -> list[str]:
    """The dataset's warnings read with the city's parameters (``softenv validate`` and ``POST
    /v1/validate`` alike): io's :func:`dataset_warnings`, with the programme's first day (the
    first the baseline requires a report: its initial roster needs no roster change), then the
    waivers of months before the baseline and those decided by neither the city nor their county."""
    found = dataset_warnings(dataset, since=params.since("report.due_day"))
    return found + waivers_not_in_force(dataset.waivers, params) + unknown_decider_warnings(dataset, params)


def month_score(state: MonthState, late_workdays: int, params: ParameterSet, on: date) -> Decimal:
    """The score of an owed month: on time, late within the grace, else 0 (missing, later)."""
    return scored_month(state, late_workdays, params, on)[0]


def scored_month(state: MonthState, late_workdays: int, params: ParameterSet, on: date) -> tuple[Decimal, int | None]:
    """An owed month's score and, for a late one scored 0 because it came later than the grace,
    that grace in working days (else None): one decision, which the explanation only says
    (MonthStatus.beyond_grace; reviewer r57 08)."""
    if state is MonthState.ON_TIME:
        return params.number("compliance.on_time_score", on)[0], None
    if state is not MonthState.LATE:
        return Decimal(0), None
    grace, _ = params.number("compliance.late_grace_workdays", on)
    if late_workdays <= grace:
        return params.number("compliance.late_score", on)[0], None
    return Decimal(0), int(grace)


def late_band_end(due_at: datetime, calendar: WorkCalendar, params: ParameterSet, on: date) -> datetime:
    """The last moment a report due at ``due_at`` scores as late within the grace (迟报, 50):
    the end (23:59:59 Beijing time) of the day before the working day that would make it late
    by ``compliance.late_grace_workdays`` + 1 (late by N = the working days after the due date
    up to and including the submission's date, so the non-working days after the grace's
    last working day still count as within it)."""
    grace, _ = params.number("compliance.late_grace_workdays", on)
    past = calendar.add_workdays(beijing_date(due_at), int(grace) + 1)
    return end_of_beijing_day(past - timedelta(days=1))


def compliance_params(params: ParameterSet, on: date) -> tuple[ParamValue, ...]:
    """The parameters behind the month scores, as traced in a county's result."""
    return tuple(params.get(n, on) for n in PARAMETERS)


def compliance(months: Sequence[MonthStatus]) -> tuple[Decimal, str]:
    """The county's compliance: the mean score of its owed months, with the sum shown.

    Months not owed (not in force, before or after the county, pending) count neither for
    nor against; with no owed month there is nothing to assess and the score is 0.
    """
    owed = [m for m in months if m.status.owed]
    if not owed:
        return Decimal(0), NO_MONTH_OWED()
    score = sum((m.score for m in owed), Decimal(0)) / Decimal(len(owed))
    return score, "(" + " + ".join(f"{m.score.normalize():f}" for m in owed) + f") / {len(owed)}"


__all__ = [
    "PARAMETERS",
    "compliance",
    "compliance_params",
    "first_month_in_force",
    "first_year_in_force",
    "late_band_end",
    "month_score",
    "report_in_force",
    "round_in_force",
    "scored_month",
    "unknown_decider_warnings",
    "waivers_not_in_force",
    "year_in_force",
]
