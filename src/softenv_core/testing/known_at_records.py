"""Records the conformance kit's ``known_at`` check adds after its instant: follow-ups (事项跟踪)
of an item a county's point raised, the county's reports on months it has none for, an
amendment (更正) of each of its reports known then, city waivers (豁免) of its months decided
later, filings (备案) of its roster changes made later, 万人评议 ratings by its points in
rounds still open then, and every other kind of record the model dates and gives a county
(:data:`LATER_KINDS`: nominations and the city's decisions on them, publicity, work plans,
adjustment suggestions). Split from conformance_variants for its size."""

from __future__ import annotations

from datetime import datetime
from operator import attrgetter

import attrs

from softenv_core.model.appraisals import AppraisalRound, RaterGroup, Rating, RatingLevel
from softenv_core.model.dataset import Dataset
from softenv_core.model.designations import owes_round
from softenv_core.model.followups import FollowUp, FollowUpKind, MatterSource
from softenv_core.model.guarantees import PublicityActivity, PublicityKind, WorkPlan
from softenv_core.model.periods import HalfYear, Month, Year, beijing_date
from softenv_core.model.points import Designator, MonitoringPoint, PointLevel
from softenv_core.model.reports import Amendment, MonthlyReport
from softenv_core.model.roster import (
    AdjustmentSuggestion,
    ChangeAction,
    ChangeReason,
    CommendationDecision,
    Filing,
    Nomination,
    RosterChange,
    Waiver,
)

_ACTOR = "市软建办"
_DATED = attrgetter("date", "id")  # a contact's order: its day, then its id


def later_followups(
    dataset: Dataset, points: list[MonitoringPoint], at: datetime, after: datetime, next_year: datetime
) -> tuple[FollowUp, ...]:
    """Follow-ups (事项跟踪) dated after ``at`` on the first item one of the county's points raised
    in a contact known then (of the instant's year where there is one): help and 已解决 the day
    after, 已解决 the next year. A rule counting resolved matters from ``ctx.dataset.followups``
    without reading their dates counts one not yet resolved (plugin author p31: the check added
    none); one counting the year's, without ``as_of``, the one the day after (p33: the check
    added 已解决 only in the next year, which such a rule never reads)."""
    ids, day = {p.id for p in points}, beijing_date(at)
    known = [c for c in dataset.contacts if c.point in ids and c.items and c.date <= day]
    this_year = [c for c in known if c.date.year == day.year]  # a contact a rule of the year reads
    raised = min(this_year or known, default=None, key=_DATED)
    if raised is None:
        return ()
    return tuple(
        FollowUp(f"kit.{when}.f", MatterSource.CONTACT, raised.id, 0, kind, beijing_date(moment), _ACTOR)
        for when, moment, kind in (
            ("after", after, FollowUpKind.COORDINATION),
            ("after.resolved", after, FollowUpKind.RESOLVED),
            ("next", next_year, FollowUpKind.RESOLVED),
        )
    )


def later_reports(
    dataset: Dataset, county: str, year: int, at: datetime, after: datetime, next_year: datetime
) -> tuple[MonthlyReport, ...]:
    """The county's report on a month it has none for, submitted after ``at``: the last such month
    ended by ``at`` (a late report, the day after), December (in the next January), and the first
    other month of the year it has none for, in the next January too (年后补报). A rule reading
    ``ctx.dataset.reports`` without their submission instants takes one not yet sent (plugin
    author p37: a condition on reports of January-November sent after the year's end passed)."""
    have = {r.month for r in dataset.reports if r.county == county}
    unsent = [m for m in Year(year).months if m.end <= at and m not in have]
    sent: list[tuple[str, Month, datetime]] = [("after", unsent[-1], after)] if unsent else []
    if Month(year, 12) not in have:
        sent.append(("next", Month(year, 12), next_year))
    taken = {m for _, m, _ in sent}
    rest = [m for m in Year(year).months[:-1] if m not in have and m not in taken]
    if rest:
        sent.append(("next.late", rest[0], next_year))
    return tuple(
        MonthlyReport(f"kit.{when}.r", county, m, moment, "经办人", nothing_to_report=True) for when, m, moment in sent
    )


def amended_later(
    reports: tuple[MonthlyReport, ...], county: str, at: datetime, moments: tuple[datetime, ...]
) -> tuple[MonthlyReport, ...]:
    """``reports`` with each of ``county``'s reports submitted by ``at`` (and no amendment after
    it) amended at each of ``moments`` (later the same day, the day after, in the next January),
    saying what it said then: a rule or
    condition reading ``r.amendments`` (or ``r.version_at()``, ``r.latest_items``) without the
    instant counts an amendment not yet made (plugin author p34: a 十佳 condition "no report
    amended after its deadline" failed a county, as of April, for an amendment of May; p37: one
    on amendments made after the year's end passed, the kit adding none then)."""

    def amended(r: MonthlyReport) -> MonthlyReport:
        if r.county != county or r.submitted_at > at or any(a.submitted_at > at for a in r.amendments):
            return r
        then = r.version_at(at)
        again = tuple(Amendment(when, "经办人", then.items, then.nothing_to_report) for when in moments)
        return attrs.evolve(r, amendments=(*r.amendments, *again))

    return tuple(amended(r) for r in reports)


def later_waivers(dataset: Dataset, county: str, year: int, after: datetime, next_year: datetime) -> tuple[Waiver, ...]:
    """City waivers (豁免) of two of ``county``'s months of ``year`` it has none for, decided
    after the instant: the day after, and in the next January. The engine reads a waiver from
    its ``decided_on`` day (analyses/county_months.city_waivers); a condition counting the
    county's waivers from ``ctx.dataset.waivers`` without that day counts one not yet decided
    (plugin author p38: the check added none, and such a condition passed)."""
    have = {w.month for w in dataset.waivers if w.county == county}
    free = [m for m in Year(year).months if m not in have]
    return tuple(
        Waiver(f"kit.{when}.w", county, month, "一致性检查", beijing_date(moment))
        for (when, moment), month in zip((("after", after), ("next", next_year)), free, strict=False)
    )


def later_filings(
    dataset: Dataset, county: str, at: datetime, after: datetime, next_year: datetime
) -> tuple[tuple[RosterChange, ...], tuple[Filing, ...]]:
    """(roster changes to add to the dataset known then and to the later one alike, filings to
    add to the later one only): the county's roster changes (动态调整) in effect at ``at`` (where
    it has none, the addition of its 县区 point designated last by then, the year's first) filed
    (备案) the day after and in the next January. The engine reads a filing from its
    ``filed_on`` (analyses/roster_changes.known_changes): a 十佳 condition asking whether the
    county filed its changes, reading ``ctx.dataset.filings`` without that day, counts one not
    yet made (plugin author p45: the kit added no roster change nor filing, and such a
    condition passed)."""
    day = beijing_date(at)
    changes = [c for c in dataset.roster_changes if c.county == county and c.effective <= day]
    added: tuple[RosterChange, ...] = ()
    if not changes:
        own = [p for p in dataset.points if p.county == county and p.level is PointLevel.COUNTY]
        then = [p for p in own if p.designated_from <= day]
        if not then:
            return (), ()
        p = max(
            then,
            key=lambda p: (
                p.designated_from.year == day.year,
                p.designated_by is Designator.COUNTY,
                p.designated_from,
                p.id,
            ),
        )
        reason = ChangeReason.DESIGNATION
        added = (
            RosterChange("kit.change", p.id, ChangeAction.ADD, reason, p.designated_from, p.designated_by, county),
        )
    ids = tuple(c.id for c in (*changes, *added))
    filings = tuple(
        Filing(f"kit.{when}.fl", county, beijing_date(moment), ids)
        for when, moment in (("after", after), ("next", next_year))
    )
    return added, filings


def _round(period: HalfYear) -> AppraisalRound:
    """A 万人评议 round over the last month of ``period``, as the kit's strategies draw one."""
    last = period.months[-1]
    return AppraisalRound(f"kit.round.{period.year}h{period.half}", period, last.first_day, last.last_day)


def later_ratings(
    dataset: Dataset, county: str, year: int, at: datetime, department: str | None
) -> tuple[tuple[AppraisalRound, ...], tuple[Rating, ...]]:
    """(rounds to add to the dataset known then and to the later one alike, ratings to add to the
    later one only): a 不满意 rating of ``department`` by each of ``county``'s points designated
    during each round not closed at ``at``, of ``year`` and of the next (the year's second half
    and the next year's first added where the dataset has none). A round is known once its
    window has closed (analyses/point_records.rounds_closed_by): a condition reading
    ``ctx.dataset.ratings`` of rounds still open counts ratings not yet given (plugin author
    p38). The rounds are in both datasets, so that ``ctx.rounds_pending`` reads alike."""
    if department is None:
        return (), ()
    periods = {r.period for r in dataset.appraisal_rounds}
    rounds = tuple(_round(p) for p in (HalfYear(year, 2), HalfYear(year + 1, 1)) if p not in periods)
    day, given = beijing_date(at), {(r.round, r.rater) for r in dataset.ratings if r.department == department}
    open_then = [r for r in (*dataset.appraisal_rounds, *rounds) if r.period.year in (year, year + 1)]
    ratings = tuple(
        Rating(r.id, p.id, RaterGroup.POINT, department, RatingLevel.UNSATISFIED)
        for r in open_then
        if r.closed >= day
        for p in dataset.points
        if p.county == county and (r.id, p.id) not in given and owes_round(p, r)
    )
    return rounds, ratings


#: The collections of a county's own records (other_counties.county_scoped, read from the model)
#: to which ``known_at`` adds records dated after its instant, and those it adds none to, with
#: why: a test requires every county-scoped collection to be in one or the other, so that a kind
#: of record added to the model is not forgotten (nominations, publicity and work plans were:
#: plugin author p52 02).
LATER_KINDS = (
    "contacts",
    "reports",
    "complaints",
    "ratings",
    "filings",
    "waivers",
    "followups",
    *("nominations", "decisions", "publicity", "work_plans", "adjustment_suggestions"),
)
NOT_ADDED_LATER = {
    "roster_changes": "a change in effect at the instant is added to both datasets, for its filings; one in "
    "effect later has to agree with its point's designation, which the dataset as drawn fixes",
}


def later_dated(
    dataset: Dataset,
    county: str,
    year: int,
    points: list[MonitoringPoint],
    dept: str | None,
    moments: tuple[datetime, ...],
) -> dict[str, tuple[object, ...]]:
    """The collections of ``dataset`` with the county's records dated after the instant added
    (``moments``: the instant, later that day, the day after, in the next January): waivers,
    follow-ups, and nominations (submitted later that day, the day after and in the next
    January) with the city's decision on them, publicity, work plans (the year's and the next)
    and adjustment suggestions, the day after and in the next January. A rule reading
    ``ctx.dataset.nominations`` without ``n.known_at(ctx.as_of)``, or publicity without its
    date, scored what was not known yet (plugin author p52 02)."""
    at, today, after, next_year = moments
    days = (("after", beijing_date(after)), ("next", beijing_date(next_year)))
    nominations = _later_nominations(dataset, county, year, points, (today, after, next_year))
    # The city's decision next January on the one submitted the day after (or the only one).
    decisions = tuple(CommendationDecision("kit.next.d", n.id, True, days[1][1]) for n in nominations[:2][-1:])
    return {
        "waivers": dataset.waivers + later_waivers(dataset, county, year, after, next_year),
        "followups": dataset.followups + later_followups(dataset, points, at, after, next_year),
        "nominations": dataset.nominations + nominations,
        "decisions": dataset.decisions + decisions,
        "publicity": dataset.publicity
        + tuple(
            PublicityActivity(f"kit.{w}.p", county, d, PublicityKind.MEETING, "宣传会", by=county) for w, d in days
        ),
        "work_plans": dataset.work_plans
        + tuple(WorkPlan(f"kit.{w}.wp", county, d.year, d, "工作计划") for w, d in days),
        "adjustment_suggestions": dataset.adjustment_suggestions
        + (
            ()
            if dept is None
            else tuple(AdjustmentSuggestion(f"kit.{w}.s", dept, ChangeAction.ADD, county, d, "建议") for w, d in days)
        ),
    }


def _later_nominations(
    dataset: Dataset, county: str, year: int, points: list[MonitoringPoint], moments: tuple[datetime, ...]
) -> tuple[Nomination, ...]:
    """The county's nominations submitted at ``moments`` (later that day, the day after, next
    January), each of another of its points it has not nominated for ``year``, the last point
    first: a county nominates a point once a year, and a second nomination is refused when the
    dataset is checked (clerk c60 01). With fewer such points, the earliest moments only (later
    that day catches a rule that reads no instant and one that cuts at the instant's day)."""
    taken = {n.point for n in dataset.nominations if n.county == county and n.year == year}
    free = [p.id for p in reversed(points) if p.id not in taken]
    whens = ("today", "after", "next")
    return tuple(
        Nomination(f"kit.{when}.n", year, county, point, submitted_at=moment)
        for when, moment, point in zip(whens, moments, free, strict=False)
    )


__all__ = [
    "LATER_KINDS",
    "NOT_ADDED_LATER",
    "amended_later",
    "later_dated",
    "later_filings",
    "later_followups",
    "later_ratings",
    "later_reports",
    "later_waivers",
]
