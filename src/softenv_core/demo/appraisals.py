"""The half-yearly appraisal rounds (评议) of the city's departments and their ratings."""

from __future__ import annotations

import random
from datetime import date

from softenv_core.model.appraisals import AppraisalRound, RaterGroup, Rating, RatingLevel
from softenv_core.model.divisions import Department
from softenv_core.model.periods import HalfYear
from softenv_core.model.points import MonitoringPoint


def appraisals(
    rng: random.Random, year: int, points: list[MonitoringPoint], departments: list[Department]
) -> tuple[list[AppraisalRound], list[Rating]]:
    rounds = [
        AppraisalRound(f"A-{year}-H1", HalfYear(year, 1), date(year, 6, 10), date(year, 6, 25)),
        AppraisalRound(f"A-{year}-H2", HalfYear(year, 2), date(year, 12, 5), date(year, 12, 20)),
    ]
    city_depts = [d for d in departments if d.county is None]
    levels = (
        (RatingLevel.SATISFIED,) * 6 + (RatingLevel.BASICALLY,) * 3 + (RatingLevel.UNSATISFIED, RatingLevel.UNKNOWN)
    )
    ratings = []
    others = (
        [(f"E{i:03d}", RaterGroup.ENTERPRISE) for i in range(20)]
        + [(f"D{i:03d}", RaterGroup.DEPUTY) for i in range(10)]
        + [(f"Z{i:03d}", RaterGroup.CITIZEN) for i in range(30)]
    )
    for r in rounds:
        first = r.period.months[0]
        for p in points:
            if not p.active_in(r.period.months[-1]) and not p.active_in(first):
                continue
            if rng.random() < 0.12:
                continue  # did not take part
            # A point rates as one only while designated during the round's window (validation
            # refuses other ratings as group point). The levels are drawn all the same, so
            # that the rest of the demo is what it was before this rule was checked.
            during = p.designated_from <= r.closed and (p.designated_until is None or p.designated_until >= r.opened)
            for d in city_depts[:-1]:  # the last department is little known: citizens only rate it
                level = rng.choice(levels)
                if during:
                    ratings.append(Rating(r.id, p.id, RaterGroup.POINT, d.id, level))
        for rater, group in others:
            for di, d in enumerate(city_depts):
                if di == len(city_depts) - 1 and group is not RaterGroup.CITIZEN:
                    continue  # the last department is little known: fewer ratings
                ratings.append(Rating(r.id, rater, group, d.id, rng.choice(levels)))
    return rounds, ratings
