"""The demo city (示范市): a fictional city with a year of realistic records.

Deterministic for a (year, seed, scale): the same arguments give the same dataset, byte for
byte. It reads as a city that runs the programme: contacts on working days only (never in the
Spring Festival or National Day holidays), by the point's named liaison person (定人), by
phone, visit or at a county's symposium (one meeting, several points, one date) every month;
matters followed up (提供信息, 帮助联系协调, 提请有关部门研究) and most resolved; complaints that
progress, supervised (督办) when overdue and closed within months; 专项调研 topics through
their lifecycle; counties' work plans and publicity.

Its irregularities are deliberate: reports late or missing around holidays, zero reports,
unreached points, a few contacts by someone other than the liaison person or logged by the
wrong office, a complaint long overdue, a roster addition outside the January window and
county changes filed late or not at all, a waiver (decided before the deadline it excuses),
nominations over quota. The names and codes are invented (city code 379900 is unassigned in
GB/T 2260).
"""

from __future__ import annotations

import random

from softenv_core._validators import FieldInvalid, whole_number
from softenv_core.analyses.arguments import calendar_or_official
from softenv_core.demo.appraisals import appraisals
from softenv_core.demo.city import CITY, city_departments, county_divisions, liaison_persons, monitoring_points
from softenv_core.demo.complaints import complaints
from softenv_core.demo.contacts import contacts
from softenv_core.demo.followups import followups
from softenv_core.demo.guarantees import guarantees
from softenv_core.demo.reports import monthly_reports
from softenv_core.demo.roster import adjustment_suggestions, nominations, roster_changes
from softenv_core.demo.topics import research_topics
from softenv_core.engine.decimal_context import in_analysis_context
from softenv_core.engine.parameters import baseline_parameters
from softenv_core.model.dataset import Dataset
from softenv_core.model.periods import require_year
from softenv_core.model.points import CITY_LIAISON
from softenv_core.workdays.calendar import WorkCalendar


def _check_sizes(year: int, seed: int, points_per_county: int, counties: int) -> None:
    """FieldInvalid naming the first wrong one (a point count of 0 divided by zero further on)."""
    require_year(year)
    if type(seed) is not int:  # a str would seed too, but the CLI's --seed and the docs give ints
        raise FieldInvalid("seed", f"expected a whole number, got {type(seed).__name__} {seed!r:.40}")
    whole_number(points_per_county, "points_per_county", 1, 100_000)
    whole_number(counties, "counties", 1, 98)  # two-digit GB/T 2260 county codes


@in_analysis_context
def build_demo(
    year: int = 2025,
    seed: int = 20220301,
    points_per_county: int = 20,
    counties: int = 9,
    calendar: WorkCalendar | None = None,
) -> Dataset:
    """Build the demo city's dataset for ``year``.

    ``counties`` above nine adds invented counties (for benchmarks at province scale).
    ``calendar``: the working days the demo's records are dated by (report times, complaint
    steps); by default the strict official one, which knows no year without official data:
    for such a year give one with the year's arrangement or ``WorkCalendar.provisional()``.
    A wrong argument (a point count below 1, a seed that is no whole number) is FieldInvalid naming it.
    """
    _check_sizes(year, seed, points_per_county, counties)
    # One generator, drawn from in this order (persons, contacts, reports, appraisals,
    # follow-ups): reordering the calls below changes the dataset.
    rng = random.Random(f"{seed}:{year}:{points_per_county}:{counties}")
    cal = calendar_or_official(calendar)
    county_list = county_divisions(counties)
    departments = city_departments(county_list)
    dept_ids = [d.id for d in departments]
    # 定人: two or three named liaison persons in each office (市经贸委 and each 县区经贸委).
    persons = liaison_persons(rng, [CITY_LIAISON, *(c.code for c in county_list)])
    points = monitoring_points(year, county_list, persons, points_per_county)
    contact_list = contacts(rng, cal, year, points, county_list, persons)
    reports, waivers = monthly_reports(rng, cal, year, points, county_list, contact_list)
    complaint_list = complaints(cal, year, points, dept_ids)
    rounds, ratings = appraisals(rng, year, points, departments)
    # The programme's first day (the baseline's, as its refusals read it): the initial roster.
    changes, filings = roster_changes(year, points, baseline_parameters().since("report.due_day"))
    nomination_list = nominations(year, points, county_list)
    topics = research_topics(year, contact_list, county_list)
    followup_list = followups(rng, cal, year, contact_list, points, county_list)
    plans, publicity = guarantees(cal, year, county_list)
    suggestions = adjustment_suggestions(year, points, county_list)
    return Dataset(
        city=CITY,
        counties=county_list,
        departments=tuple(departments),
        points=tuple(points),
        contacts=tuple(contact_list),
        reports=tuple(reports),
        complaints=tuple(complaint_list),
        appraisal_rounds=tuple(rounds),
        ratings=tuple(ratings),
        roster_changes=tuple(changes),
        filings=tuple(filings),
        waivers=tuple(waivers),
        nominations=tuple(nomination_list),
        decisions=(),
        research_topics=tuple(topics),
        followups=tuple(followup_list),
        adjustment_suggestions=tuple(suggestions),
        work_plans=tuple(plans),
        publicity=tuple(publicity),
    )


__all__ = ["CITY", "build_demo"]
