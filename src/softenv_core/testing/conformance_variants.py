"""Three conformance checks that compare a plugin's answers on two versions of one dataset.

Each changes the dataset in a way that must not change what the plugin answers, assesses both
and compares the plugin's own items (rule, points, reason, evidence) and 十佳 conditions
(passed, reason, evidence), never the city's:

- ``known_at``: records dated after an instant inside the year (complaints against one of the
  county's departments, later that day and the day after, contacts of its points (one of each
  method, each raising a matter of every category), follow-ups, county reports and amendments
  of each report known then (later that day too), waivers of its months decided later, ratings by its points in rounds
  still open then, the same in the next year), records of the year before, and the
  complaints' events after the instant, added, assessed *as of* that instant.
  What happened after ``as_of`` (or outside the year) is not known yet.
- ``no_state``: the dataset twice with every record id renamed (one prefix each, new to the
  process; same order, same formats): the second asked for the whole year; the first asked
  after a question on another dataset under the same ids (every other activity record
  dropped, contacts turned: finding t7 07); both answers must agree up to the prefix. A plugin
  that keeps answers between calls (a module-level cache keyed on point ids, or on objects)
  gives the earlier question's answer. Renaming with prefixes never used before leaves out
  whatever earlier datasets left behind, so a replay in a fresh process sees the same.
- ``direct_feedback``: every complaint removed; then complaints to 市软建办 (直接反馈) of every
  shape added for each of the county's points (each kind open, and closed with each verdict and
  satisfaction: an adopted suggestion is a 意见建议 found 属实; one of each kind in the years
  before and after: finding t7 05); and, apart, every 万人评议 rating its points gave turned to
  another level (who took part unchanged; a rating is added first for each point that gave
  none in the year's first round); a rule declaring ``reads_direct_feedback=False`` must not
  change its points, reason or evidence under any (docs/privacy.md: its reason is shown to the
  county, and a rater's rating is as confidential as a complainant: finding t3plugin 12).

Used by softenv_core.testing.conformance (``_check_example``); split from it for its size.
"""

from __future__ import annotations

import functools
import itertools
import json
import re
from collections.abc import Callable, Collection
from datetime import date, datetime, time, timedelta
from typing import Any

import attrs

from softenv_core.analyses.assessment import Assessment
from softenv_core.engine.manager import SoftenvPluginManager
from softenv_core.engine.parameters import ParameterSet
from softenv_core.engine.ruletypes import Rule
from softenv_core.io.converter import canonical
from softenv_core.io.dataset_files import dump_dataset, loads_dataset
from softenv_core.model.appraisals import AppraisalRound, RaterGroup, Rating, RatingLevel
from softenv_core.model.complaints import (
    CITY_OFFICE_UNIT,
    Complaint,
    ComplaintKind,
    EventType,
    Satisfaction,
    Verdict,
)
from softenv_core.model.dataset import COLLECTIONS, Dataset
from softenv_core.model.designations import owes_round
from softenv_core.model.periods import BEIJING, HalfYear
from softenv_core.model.points import CITY_LIAISON, MonitoringPoint
from softenv_core.model.reports import Contact, ContactMethod, Item, ItemCategory
from softenv_core.testing.builders import make_complaint
from softenv_core.testing.known_at_records import (
    amended_later,
    later_dated,
    later_filings,
    later_ratings,
    later_reports,
)

#: Assesses a dataset for the check's year as of an instant (None: the default instant).
Assess = Callable[[Dataset, datetime | None], Assessment]

#: The prefix of renamed ids: a valid id start, a number never used before in this process (so
#: that no earlier call can have seen the ids), and text no reason is likely to hold.
PREFIX = "zq{}."
_RENAMED = re.compile(r"zq\d+\.")
_serial = itertools.count()
_MAX_ID = 64  # softenv_core._validators: an id has at most 64 characters
_ACTOR = "市软建办"


def plugin_answers(
    a: Assessment, name: str, rules: Collection[str] | None = None, order: Callable[[Any], list[str]] = list
) -> dict[str, str]:
    """The plugin's items and conditions in ``a``: where and which rule → what it answered;
    with ``rules``, only the items of those rules (and no condition); ``order``: how evidence
    is listed (``sorted`` where renamed ids would change a set's order: that is deterministic's)."""
    found: dict[str, str] = {}
    for p in a.points:
        for i in p.items:
            if i.rule.plugin == name and (rules is None or i.rule.id in rules):
                found[f"rule {i.rule.id} on point {p.id}"] = f"{i.points} ({i.reason}; evidence {order(i.evidence)})"
    for c in a.counties:
        for r in c.conditions:
            if r.rule.plugin == name and rules is None:
                verdict = "passed" if r.passed else "failed"
                found[f"condition {r.rule.id} for county {c.code}"] = (
                    f"{verdict} ({r.reason}; evidence {order(r.evidence)})"
                )
    return found


def difference(before: dict[str, str], after: dict[str, str], renamed: bool = False) -> str | None:
    """The first place whose answer differs, ``before → after``; ``renamed``: the prefixes of
    renamed ids are removed from both first."""

    def plain(answers: dict[str, str]) -> dict[str, str]:
        return {_RENAMED.sub("", k): _RENAMED.sub("", v) for k, v in answers.items()} if renamed else answers

    b, a = plain(before), plain(after)
    for key in sorted(set(b) | set(a)):
        if b.get(key) != a.get(key):
            return f"{key}: {b.get(key, 'no answer')} → {a.get(key, 'no answer')}"
    return None


def instant_in_year(year: int, seed: int) -> datetime:
    """An instant inside ``year`` chosen by ``seed``: noon on the 15th of January … November."""
    return datetime(year, 1 + seed % 11, 15, 12, tzinfo=BEIJING)


def _county_points(dataset: Dataset, county: str) -> list[MonitoringPoint]:
    return [p for p in dataset.points if p.county == county] or list(dataset.points[:1])


def _department(dataset: Dataset, county: str) -> str | None:
    own = [d.id for d in dataset.departments if d.county == county] or [d.id for d in dataset.departments]
    return own[0] if own else None


_H, _D = timedelta(hours=1), timedelta(days=1)
_DAILY = (_H, 2 * _H, _D, 2 * _D, 3 * _D, 4 * _D)  # accepted, assigned within the hour; then a step a day


def _complaint(cid: str, point: str, department: str | None, at: datetime, closed: bool = False) -> Complaint:
    """A 投诉 received at ``at``, all by 市软建办: left at its assignment (open, soon overdue), or
    closed within a week, found 属实 and the complainant satisfied."""
    verdict = Verdict.SUBSTANTIATED if closed else None
    return _kit_complaint(cid, point, department, at, (ComplaintKind.COMPLAINT, verdict, Satisfaction.SATISFIED))


#: One matter of each category, raised by every contact the check adds: a rule counting a
#: point's 困难问题 (or any category) in the contacts of ``ctx.dataset`` reads them too.
_ITEMS = tuple(Item(category, "一致性检查") for category in ItemCategory)


def _contacts(cid: str, point: MonitoringPoint, day: date) -> tuple[Contact, ...]:
    """A contact of each method (电话, 上门, 座谈 …) with ``point`` on ``day``, reached, each raising
    a matter of every category: a condition counting one method's contacts (上门走访 twice a
    year) read past the instant only where the check added contacts of that method (p36)."""
    return tuple(
        Contact(f"{cid}.{m.value}", point.id, day, m, point.liaison, True, _ITEMS, made_by=point.liaison_person)
        for m in ContactMethod
    )


def known_then_and_later(dataset: Dataset, county: str, year: int, at: datetime) -> tuple[Dataset, Dataset]:
    """(the dataset as known at ``at``: each complaint's events after it dropped, the dataset
    with records after ``at`` and of the year before added and every event kept)."""
    known = attrs.evolve(
        dataset, complaints=tuple(c.known_at(at) if (c.received_at or at) <= at else c for c in dataset.complaints)
    )
    points = _county_points(dataset, county)
    if not points:
        return known, known
    dept = _department(dataset, county)
    # Later the same Beijing day as the instant (noon: instant_in_year), for the records that carry
    # a moment: a cut at the instant's day (beijing_date(c.received_at) <= beijing_date(as_of))
    # passed while every record added came the day after (plugin author p51 05).
    today = at + 3 * _H
    after = datetime.combine(at.date() + timedelta(days=1), time(9), BEIJING)
    next_year = datetime(year + 1, 1, 12, 9, tzinfo=BEIJING)
    last_year = datetime(year - 1, 6, 12, 9, tzinfo=BEIJING)
    complaints = (
        _complaint("kit.today.1", points[-1].id, dept, today),
        _complaint("kit.after.1", points[0].id, dept, after),
        _complaint("kit.after.2", points[-1].id, dept, next_year),
        _complaint("kit.before.1", points[0].id, dept, last_year, closed=True),
    )
    contacts = tuple(
        c
        for i, p in enumerate(points)
        for when, day in (("after", after), ("next", next_year), ("before", last_year))
        for c in _contacts(f"kit.{when}.{i}", p, day.date())
    )
    rounds, ratings = later_ratings(dataset, county, year, at, dept)
    changes, filings = later_filings(dataset, county, at, after, next_year)
    known = attrs.evolve(
        known, appraisal_rounds=known.appraisal_rounds + rounds, roster_changes=known.roster_changes + changes
    )
    later = attrs.evolve(
        dataset,
        appraisal_rounds=dataset.appraisal_rounds + rounds,
        roster_changes=dataset.roster_changes + changes,
        filings=dataset.filings + filings,
        ratings=dataset.ratings + ratings,
        complaints=dataset.complaints + complaints,
        contacts=dataset.contacts + contacts,
        **later_dated(dataset, county, year, points, dept, (at, today, after, next_year)),  # type: ignore[arg-type]
        reports=amended_later(dataset.reports, county, at, (today, after, next_year))
        + later_reports(dataset, county, year, at, after, next_year),
    )
    return known, later


def _kit_complaint(cid: str, point: str, dept: str | None, at: datetime, how: tuple[Any, ...]) -> Complaint:
    """A complaint by ``point`` of one kind, left open at its assignment or closed with a verdict
    and a follow-up's satisfaction (``how``: kind, verdict or None, satisfaction)."""
    kind, verdict, satisfaction = how
    until = EventType.ASSIGNED if verdict is None else EventType.CLOSED
    return make_complaint(
        cid,
        point,
        at,
        until=until,
        after=_DAILY,
        kind=kind,
        department=dept,
        category=ItemCategory.SERVICE,
        text="一致性检查",
        handler=_ACTOR,
        verdict=verdict or Verdict.SUBSTANTIATED,
        satisfaction=satisfaction,
    )


#: The shapes of direct feedback a rule may count: each kind (投诉, 举报, 意见建议) left open, and
#: closed with each verdict (an adopted suggestion is a 意见建议 found 属实) and each satisfaction.
_SHAPES = tuple(
    (kind, verdict, tuple(Satisfaction)[i % len(Satisfaction)])
    for kind in ComplaintKind
    for i, verdict in enumerate((None, *Verdict))
)


def without_feedback(dataset: Dataset) -> Dataset | None:
    """``dataset`` with no complaint at all (of any point, year or kind); None when it has none."""
    return attrs.evolve(dataset, complaints=()) if dataset.complaints else None


def with_feedback(dataset: Dataset, county: str, year: int) -> Dataset | None:
    """The dataset without its complaints and with, from each point of ``county`` designated
    during ``year``, a complaint to 市软建办 of every shape (``_SHAPES``) received midway
    through its designation that year, and one of each kind received in the years before
    and after (finding t7 05: a rule counting adopted suggestions or last year's complaints);
    None when no point of the county is designated in the year."""
    dept = _department(dataset, county)
    added: list[Complaint] = []
    for i, p in enumerate(dataset.points):
        since = max(p.designated_from, date(year, 1, 1))
        until = min(p.designated_until or date(year, 12, 31), date(year, 12, 31))
        if p.county != county or since > until:
            continue
        mid = datetime.combine(since + (until - since) / 2, time(10), BEIJING)
        added += [_kit_complaint(f"kit.feedback.{i}.{j}", p.id, dept, mid, how) for j, how in enumerate(_SHAPES)]
        for when, at in (("before", datetime(year - 1, 6, 12, 9, tzinfo=BEIJING)), ("after", mid + 365 * _D)):
            added += [
                _kit_complaint(
                    f"kit.feedback.{i}.{when}.{k.value}",
                    p.id,
                    dept,
                    at,
                    (k, Verdict.SUBSTANTIATED, Satisfaction.SATISFIED),
                )
                for k in ComplaintKind
            ]
    return attrs.evolve(dataset, complaints=tuple(added)) if added else None


#: Each level turned to another (不了解 included: whether a point knew a department is its rating too).
_TURNED = {
    RatingLevel.SATISFIED: RatingLevel.UNSATISFIED,
    RatingLevel.BASICALLY: RatingLevel.UNKNOWN,
    RatingLevel.UNSATISFIED: RatingLevel.BASICALLY,
    RatingLevel.UNKNOWN: RatingLevel.SATISFIED,
}


def with_ratings(dataset: Dataset, county: str, year: int) -> Dataset | None:
    """``dataset`` with a 满意 rating of one department by each point of ``county`` designated
    during the year's first round (added, for the first half, when the year has none) that gave
    none in it: so the ratings check has ratings to turn. None when no such point or department."""
    rnd = next((r for r in dataset.appraisal_rounds if r.period.year == year), None)
    rounds = dataset.appraisal_rounds
    if rnd is None:
        period = HalfYear(year, 1)
        rnd = AppraisalRound(f"kit.round.{year}", period, period.months[-1].first_day, period.months[-1].last_day)
        rounds += (rnd,)
    dept, rated = _department(dataset, county), {r.rater for r in dataset.ratings if r.round == rnd.id}
    if dept is None:
        return None
    added = tuple(
        Rating(rnd.id, p.id, RaterGroup.POINT, dept, RatingLevel.SATISFIED)
        for p in dataset.points
        if p.county == county and p.id not in rated and owes_round(p, rnd)
    )
    return attrs.evolve(dataset, appraisal_rounds=rounds, ratings=dataset.ratings + added) if added else None


def with_ratings_turned(dataset: Dataset, county: str) -> Dataset | None:
    """The dataset with every rating a point of ``county`` gave turned to another level: the
    same raters, rounds and departments (so who took part is unchanged); None when its points
    gave none."""
    own = {p.id for p in dataset.points if p.county == county}
    turned = tuple(
        attrs.evolve(r, level=_TURNED[r.level]) if r.group is RaterGroup.POINT and r.rater in own else r
        for r in dataset.ratings
    )
    return attrs.evolve(dataset, ratings=turned) if turned != dataset.ratings else None


def renamed(dataset: Dataset, *prefixes: str) -> tuple[Dataset, ...] | None:
    """``dataset`` with every record id (county codes aside) and every reference to it prefixed,
    in the same order, once per prefix of ``prefixes`` (default: two new ones); None when an id
    would grow past the allowed length."""
    prefixes = prefixes or tuple(PREFIX.format(next(_serial)) for _ in range(2))
    ids = {
        r.id
        for name, _ in COLLECTIONS
        if name != "counties"
        for r in getattr(dataset, name)
        if isinstance(getattr(r, "id", None), str)
    }
    # A county code, 'city' or 市软建办's unit is a value of its own, never a record's id to rename.
    ids -= {c.code for c in dataset.counties} | {CITY_LIAISON, CITY_OFFICE_UNIT}
    if any(len(p) + len(i) > _MAX_ID for p in prefixes for i in ids):
        return None
    mark = "\u2063renamed\u2063"  # walked once, then each prefix put in its place in the text

    def walk(value: Any) -> Any:
        if type(value) is str:
            return mark + value if value in ids else value
        if type(value) is list:
            return [walk(v) for v in value]
        if type(value) is dict:
            return {k: walk(v) for k, v in value.items()}
        return value

    text = json.dumps(walk(json.loads(canonical(dump_dataset(dataset)))), ensure_ascii=False)
    return tuple(loads_dataset(text.replace(mark, p)) for p in prefixes)


def declared_without_feedback(pm: SoftenvPluginManager, name: str, year: int, params: ParameterSet) -> set[str]:
    """The ids of the plugin's rules in force in ``year`` that declare ``reads_direct_feedback=False``."""
    found = set()
    for hook in ("softenv_point_rules", "softenv_extra_point_rules"):
        for m, value in pm.call_each(hook, year=year, params=params):
            if m.name == name:
                found |= {
                    r.id
                    for r in value or ()
                    if isinstance(r, Rule) and r.in_force(year) and r.reads_direct_feedback is False
                }
    return found


_KNOWN_AT_FIX = (
    "read what the engine cut at as_of (a point rule's ctx.contacts, ctx.complaints; ctx.months), or stop at "
    "min(the year's last moment, ctx.as_of): read each complaint as complaint.known_at(that instant) "
    "(a moment is compared with the instant itself, never with its day), "
    "take a contact of ctx.dataset.contacts or a follow-up dated by then (c.date <= beijing_date(ctx.as_of)), "
    "a report and an amendment submitted by then (r.version_at(ctx.as_of)), "
    "a waiver decided by then (w.decided_on <= beijing_date(ctx.as_of)), a rating only of a round closed "
    "by then (its round's closed day before beijing_date(ctx.as_of)), a nomination known then (n.known_at(ctx.as_of)), "
    "publicity, a work plan, a suggestion or a decision dated by then, and count only the year's days "
    "(docs/writing-a-county-plugin.md §4)"
)
_NO_STATE_FIX = (
    "keep no answers between calls (no module-level cache keyed on point ids or on objects): work "
    "everything out from ctx on each call; a cache, if speed needs one, lives only inside one call"
)


def known_at_problem(run: Assess, name: str, county: str, dataset: Dataset, year: int, seed: int) -> str | None:
    """``known_at``: the plugin's answers as of an instant inside the year, with and without what
    happened after it (and in the year before)."""
    at = instant_in_year(year, seed)
    known, later = known_then_and_later(dataset, county, year, at)
    changed = difference(plugin_answers(run(known, at), name), plugin_answers(run(later, at), name))
    if changed is None:
        return None
    return (
        f"as of {at.isoformat()}, {changed} when records dated after that instant (complaints against a "
        f"department of county {county}, later that day and after it, contacts, events of earlier complaints, "
        f"follow-ups, the county's reports and amendments of them, waivers of its months, filings of its roster "
        f"changes, ratings by its points in rounds still open, nominations, decisions, publicity, work plans and "
        f"adjustment suggestions, records of {year + 1}) or "
        f"records of {year - 1} are added: the plugin reads what was not known at as_of or happened outside "
        f"the year; fix: {_KNOWN_AT_FIX}"
    )


def _unprefixed(evidence: Any) -> list[str]:
    """Evidence in the order of its ids without the renaming's prefix."""
    return sorted(evidence, key=lambda e: _RENAMED.sub("", str(e)))


def thinned(dataset: Dataset) -> Dataset:
    """Another dataset with the same ids: every other contact, report, complaint and rating
    dropped, the contacts left turned (reached ↔ not reached), the follow-ups of what was
    dropped (or of a contact turned not reached, which loses its items) dropped with it. A
    plugin's answers on it differ from the dataset's, so an answer kept between calls under a
    point's id shows (finding t7 07)."""
    # A contact turned to not reached loses its items: a point not reached raised nothing.
    contacts = tuple(
        attrs.evolve(c, reached=not c.reached, items=c.items if not c.reached else ()) for c in dataset.contacts[::2]
    )
    reports = dataset.reports[::2]
    kept = {c.id for c in contacts if c.items} | {r.id for r in reports}
    return attrs.evolve(
        dataset,
        contacts=contacts,
        reports=reports,
        complaints=dataset.complaints[::2],
        ratings=dataset.ratings[::2],
        followups=tuple(f for f in dataset.followups if f.record in kept),
    )


def no_state_problem(run: Assess, name: str, dataset: Dataset) -> str | None:
    """``no_state``: the plugin's answers on the dataset renamed with ids never seen before
    (``fresh``) equal its answers on it renamed another way (``asked``), asked after a question
    on :func:`thinned` (other records under the same ids), up to the renaming.

    Both renamings are new to the process, so what earlier datasets left in a cache plays no
    part: the search and the replay of its dataset in a fresh process see the same."""
    prefix = PREFIX.format(next(_serial))
    both, other = renamed(dataset, prefix, PREFIX.format(next(_serial))), renamed(thinned(dataset), prefix)
    if both is None or other is None:
        return None
    seen, unseen = both
    # evidence compared sorted: renamed ids hash differently, and a set's order is deterministic's
    fresh = plugin_answers(run(unseen, None), name, order=_unprefixed)
    # An earlier question on the same ids about other records, for the whole year: as of an
    # instant inside it, a point designated later is not scored, so nothing would be kept
    # (finding t7 07); what was known at an instant is the known_at check's.
    run(other[0], None)
    asked = plugin_answers(run(seen, None), name, order=_unprefixed)
    changed = difference(fresh, asked, renamed=True)
    if changed is None:
        return None
    return (
        f"{changed} on the same dataset (its record ids renamed), asked first (left) and after a question "
        f"on the same ids about other records (every other one dropped, contacts turned) (right): the plugin "
        f"keeps answers between calls; fix: {_NO_STATE_FIX}"
    )


def direct_feedback_problem(
    run: Assess, name: str, county: str, dataset: Dataset, first: Assessment, rules: set[str], year: int
) -> str | None:
    """``direct_feedback``: the rules declaring ``reads_direct_feedback=False`` answer the same
    with every complaint removed, then with complaints of every kind, verdict and satisfaction
    (and of the years around) added for each of the county's points (:func:`with_feedback`),
    and with every rating its points gave turned to another level (on the dataset with ratings
    of theirs added where they gave none: :func:`with_ratings`)."""
    if not rules:
        return None
    rated = with_ratings(dataset, county, year)
    base = dataset if rated is None else rated
    bare = without_feedback(dataset)

    @functools.cache  # asked once, compared twice
    def stripped() -> Assessment:
        return first if bare is None else run(bare, None)

    def after(more: Dataset | None) -> Assessment | None:
        return None if more is None else run(more, None)

    sent = "sends complaints to 市软建办 (of every kind and verdict, in the years around)"
    # (the answers before, after the change or None when it changes nothing, what changed, …)
    variants: tuple[tuple[Callable[[], Assessment], Callable[[], Assessment | None], str, str, str], ...] = (
        (lambda: first, lambda: None if bare is None else stripped(), "sent none of its complaints to 市软建办",
         "direct feedback", "complaint"),
        (stripped, lambda: after(with_feedback(dataset, county, year)), sent, "direct feedback", "complaint"),
        (lambda: first if rated is None else run(base, None), lambda: after(with_ratings_turned(base, county)),
         "rates differently in 万人评议", "ratings", "rating"),
    )  # fmt: skip
    for before, changed_run, change, read, whose in variants:
        later = changed_run()
        if later is None:
            continue
        changed = difference(plugin_answers(before(), name, rules), plugin_answers(later, name, rules))
        if changed is None:
            continue
        rule = changed.split(" ", 2)[1]
        return (
            f"rule {rule} declares reads_direct_feedback=False, but {changed} when each point of county {county} "
            f"{change}: it reads {read}, and its reason would tell the county a point's {whose}; fix: declare "
            f"reads_direct_feedback=None (the county then sees a neutral reason, docs/privacy.md) or stop reading "
            f"ctx.complaints, ctx.dataset.complaints and ctx.dataset.ratings (ctx.rounds_taken says who took part)"
        )
    return None
