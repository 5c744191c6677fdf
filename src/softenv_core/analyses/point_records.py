"""A point's records of an assessment year (考核年度): its contacts and complaints known at an
instant, inside its designation interval, and the appraisal rounds closed by then."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta, tzinfo
from operator import attrgetter

from softenv_core.engine.parameters import ParameterSet
from softenv_core.model.appraisals import AppraisalRound, RaterGroup
from softenv_core.model.complaints import Complaint
from softenv_core.model.dataset import Dataset
from softenv_core.model.designations import designated_on, enterprise_records
from softenv_core.model.periods import BEIJING, HalfYear, beijing_clock, beijing_date
from softenv_core.model.points import MonitoringPoint
from softenv_core.model.reports import Contact, contacts_known_through
from softenv_core.rules.city.compliance import round_in_force


def year_records(
    dataset: Dataset, year: int, as_of: datetime
) -> tuple[
    dict[str, list[Contact]], dict[str, list[tuple[date, Complaint]]], dict[str, set[str]], dict[str, dict[str, str]]
]:
    """Contacts and complaints (with their Beijing day of receipt) of the year known at
    ``as_of``, by point, each complaint as it stood then (``Complaint.known_at``); the rounds
    each point rated in; and of those, the rounds another record of its enterprise rated (a
    re-designation inside the round's window), each with that record. A complaint of an
    earlier year found false or malicious in this one (by as_of) is among them too, with its
    day of receipt like the others: it counts in the year of the verdict, for the point that
    made it while designated, whether or not still designated on the verdict's day."""
    known_until = min(contacts_known_through(as_of), date(year, 12, 31))  # the monthly report's rule too
    contacts: dict[str, list[Contact]] = defaultdict(list)
    first = date(year, 1, 1)
    for c in dataset.contacts:
        if first <= c.date <= known_until:
            contacts[c.point].append(c)
    complaints: dict[str, list[tuple[date, Complaint]]] = defaultdict(list)
    # Moments are compared, and the Beijing day read, in one fixed +08:00 zone: the loader's
    # (its moments share one zone object), where a comparison needs no offsets and the day is
    # as written; a moment in another zone is converted first. 60,000 complaints in a province:
    # 0.05 -> 0.01 s.
    zone = _beijing_zone(dataset.complaints)
    local_as_of = as_of.astimezone(zone)
    year_start = datetime(year, 1, 1, tzinfo=zone)
    for comp in dataset.complaints:
        events = comp.events  # read once: the received moment and the last event, no property call
        if not events:
            continue
        received, latest = events[0].at, events[-1].at
        if received.tzinfo is not zone:
            received = received.astimezone(zone)
        if latest.tzinfo is not zone:
            latest = latest.astimezone(zone)
        if received <= local_as_of:
            day = received.date()
            if day.year == year:
                # As it stood at as_of: a verdict or follow-up dated later is not yet known to
                # any rule or condition (the city's and the plugins' alike). Most complaints
                # of the year have no later event and are kept as they are, with no call.
                if latest > local_as_of:
                    comp = comp.known_at(as_of)
                complaints[comp.point].append((day, comp))
            elif day.year < year and latest >= year_start:
                # Made in an earlier year, found false in this one (known at as_of): it counts
                # here, the year of its verdict (city decision). The point made it on its day
                # of receipt, which the interval is tested on as for any complaint: a point
                # removed before the verdict still answers for it (auditor a29: tested on the
                # verdict's day, it counted in no year at all).
                known = comp.known_at(as_of)
                if _found_false_in(known, year):
                    complaints[comp.point].append((day, known))
    return (contacts, complaints, *_raters(dataset))


def _raters(dataset: Dataset) -> tuple[dict[str, set[str]], dict[str, dict[str, str]]]:
    """The rounds each point rated in, and those a point took part in through another record of
    its enterprise, with that record (year_records)."""
    # A point rates each department of a round: its (point, round) pairs are found in one set
    # first, then grouped (600,000 ratings in a province: 0.035 -> 0.010 s).
    point_group = RaterGroup.POINT
    pairs = {(r.rater, r.round) for r in dataset.ratings if r.group is point_group}
    raters: dict[str, set[str]] = defaultdict(set)
    for rater, rated in pairs:
        raters[rater].add(rated)
    # One enterprise rates a round once, under either of its records (a re-designation inside
    # the round's window): its rating counts for each record that owes the round, and the
    # record that gave it is named (``borrowed``). The rounds are read from each other record's
    # own ratings (``own``, taken before any is merged), so the order of the records does not
    # matter. The usual dataset has no such enterprise, and the usual point is in neither.
    siblings = enterprise_records(dataset.points)
    own = {record: frozenset(raters.get(record, ())) for record in siblings}  # before any is merged
    borrowed: dict[str, dict[str, str]] = {}
    for record, others in siblings.items():
        for other in others:
            for rated in sorted(own[other] - own[record]):
                borrowed.setdefault(record, {}).setdefault(rated, other)
        if record in borrowed:
            raters[record] = set(own[record]) | set(borrowed[record])
    return raters, borrowed


def _beijing_zone(complaints: Sequence[Complaint]) -> tzinfo:
    """The first complaint's zone when it is a fixed +08:00 one (the loader's), else BEIJING."""
    for comp in complaints:
        if comp.events:
            zone = comp.events[0].at.tzinfo
            if beijing_clock(zone):
                return zone
            break
    return BEIJING


def _found_false_in(comp: Complaint, year: int) -> bool:
    """Whether ``comp`` was found false or malicious in ``year`` (its last finding, Beijing)."""
    at = comp.false_found_at
    return at is not None and beijing_date(at).year == year


#: Past any designation's end: an open-ended designation compares as ending on it.
_NEVER = date.max
_BY_DATE_ID = attrgetter("date", "id")
_BY_ID = attrgetter("id")


def records_inside(
    point: MonitoringPoint, year: int, contacts: Sequence[Contact], complaints: Sequence[tuple[date, Complaint]]
) -> tuple[tuple[Contact, ...], tuple[Complaint, ...]]:
    """The point's records of ``year`` (all passed are of the year) inside its designation
    interval: contacts by date then id, complaints by id.

    Most points are designated all year and keep every record: no test per contact then.
    The sort keys are C-level (attrgetter): they run once per contact of the year.
    """
    since, until = point.designated_from, point.designated_until
    if since <= date(year, 1, 1) and (until or _NEVER) >= date(year, 12, 31):
        own_contacts = sorted(contacts, key=_BY_DATE_ID)
        own_complaints = sorted((c for _, c in complaints), key=_BY_ID)
    else:  # the rule every matter index reads too (model/designations.py)
        own_contacts = sorted((c for c in contacts if designated_on(since, until, c.date)), key=_BY_DATE_ID)
        own_complaints = sorted((c for day, c in complaints if designated_on(since, until, day)), key=_BY_ID)
    return tuple(own_contacts), tuple(own_complaints)


def rounds_closed_by(dataset: Dataset, year: int, as_of: datetime, params: ParameterSet) -> list[AppraisalRound]:
    """The year's appraisal rounds by id. A round is known once its window has closed; one still
    open at ``as_of`` is pending. A round held before the programme (``round_in_force``: closed
    before the baseline) is neither: :func:`rounds_before_baseline` names it."""
    return sorted(
        (
            r
            for r in dataset.appraisal_rounds
            if r.period.year == year
            and datetime.combine(r.closed + timedelta(days=1), time(), BEIJING) <= as_of
            and round_in_force(r, params)
        ),
        key=lambda r: r.id,
    )


def rounds_open_at(dataset: Dataset, year: int, as_of: datetime, params: ParameterSet) -> list[AppraisalRound]:
    """The year's appraisal rounds not closed by ``as_of`` (the others of the year are
    :func:`rounds_closed_by`), in id order."""
    closed = {r.id for r in rounds_closed_by(dataset, year, as_of, params)}
    return sorted(
        (
            r
            for r in dataset.appraisal_rounds
            if r.period.year == year and r.id not in closed and round_in_force(r, params)
        ),
        key=_BY_ID,
    )


def rounds_before_baseline(dataset: Dataset, year: int, params: ParameterSet) -> tuple[str, ...]:
    """The ids of the year's appraisal rounds closed before the baseline (not ``round_in_force``),
    in id order: records of a round held before the programme, which no point owes."""
    rounds = sorted(dataset.appraisal_rounds, key=_BY_ID)
    return tuple(r.id for r in rounds if r.period.year == year and not round_in_force(r, params))


def round_notices(dataset: Dataset, year: int, as_of: datetime, params: ParameterSet) -> list[str]:
    """The assessment's notices about the year's rounds: those still open at ``as_of`` (said once
    here, as well as in each point's condition) and those held before the baseline."""
    notices = []
    pending = rounds_pending_at(dataset, year, as_of, params)
    if pending:
        notices.append(
            f"pending: appraisal round(s) {', '.join(pending)} not closed at as_of; "
            "city.nominate.both_rounds is not passed for any point designated during their window until they close"
        )
    early = rounds_before_baseline(dataset, year, params)
    if early:
        notices.append(before_baseline_rounds_notice(early, params))
    missing = halves_without_round(dataset, year, as_of, params)
    if missing:
        notices.append(
            f"no appraisal round recorded for {', '.join(missing)}: the appraisal item and "
            "city.nominate.both_rounds read the rounds recorded alone"
        )
    return notices


def halves_without_round(dataset: Dataset, year: int, as_of: datetime, params: ParameterSet) -> tuple[str, ...]:
    """The halves of ``year`` over by ``as_of`` whose 万人评议 round (twice a year: seed 三(一)) the
    dataset does not record, though it holds points and the baseline's 万人评议 was in force on the
    half's last day. A point owes the rounds recorded, so with one missing it was scored on the
    other alone, full marks for one of one (auditor a44): said, never silent."""
    if not dataset.points:
        return ()
    recorded = {r.period for r in dataset.appraisal_rounds}
    halves = (HalfYear(year, 1), HalfYear(year, 2))
    return tuple(
        str(h)
        for h in halves
        if h not in recorded
        and as_of >= h.months[-1].end
        and params.in_force("appraisal.group_weights", h.months[-1].last_day)
    )


def before_baseline_rounds_notice(ids: Sequence[str], params: ParameterSet) -> str:
    """The notice of rounds held before the baseline; render.notices words it in Chinese."""
    since = params.since("appraisal.group_weights")
    return (
        f"appraisal round(s) {', '.join(ids)} closed before the baseline was in force (from {since}): "
        "not owed, not scored"
    )


def rounds_pending_at(dataset: Dataset, year: int, as_of: datetime, params: ParameterSet) -> tuple[str, ...]:
    """The ids of :func:`rounds_open_at`, in id order."""
    return tuple(r.id for r in rounds_open_at(dataset, year, as_of, params))


__all__ = [
    "before_baseline_rounds_notice",
    "halves_without_round",
    "records_inside",
    "round_notices",
    "rounds_before_baseline",
    "rounds_closed_by",
    "rounds_open_at",
    "rounds_pending_at",
    "year_records",
]
