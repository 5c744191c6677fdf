"""Commendation of points (表彰奖励, 四(三)): counties nominate, the city decides.

Each county may nominate at most the quota of the city's rule (``rules.city.commendation``:
max(``commendation.quota_min``, ⌊``commendation.quota_share`` × its 县区 points active at year
end⌋), for a county that exists on the year's last day); each nominee must be one of its 县区
points (a 市直 point is the city's: ``city_point``) and meet the nomination conditions of the
assessment. The city's decisions are records; a later decision on
a nomination supersedes an earlier one (the latest made by the instant counts: a withdrawal
withdraws), and a decision commending a rejected nominee is flagged, as is one of a county the city
commends beyond its quota (or that nominated beyond it, the city keeping within). This module
applies those rules; it decides no number itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

import attrs
from attrs import field, frozen

from softenv_core._validators import argument, library_year, to_tuple
from softenv_core.analyses import redaction_parts as parts
from softenv_core.analyses.adjustment import Proposal
from softenv_core.analyses.arguments import params_or_baseline
from softenv_core.analyses.assessment import Assessment
from softenv_core.analyses.audiences import Audience
from softenv_core.analyses.designation import designated_points
from softenv_core.analyses.fingerprint import require_same_provenance
from softenv_core.analyses.redaction import part_redactor
from softenv_core.analyses.redaction_instant import require_same_instant, require_whole_assessment
from softenv_core.analyses.unassessed import unassessed_zh
from softenv_core.engine.decimal_context import in_analysis_context
from softenv_core.engine.parameters import ParameterSet
from softenv_core.engine.phrases import Phrase
from softenv_core.engine.trace import ConditionResult, ParamValue
from softenv_core.io.validation import require_valid
from softenv_core.model.dataset import Dataset
from softenv_core.model.designations import county_record
from softenv_core.model.periods import beijing_date, require_aware
from softenv_core.model.points import MonitoringPoint, PointLevel
from softenv_core.model.roster import CommendationDecision
from softenv_core.rules.city.commendation import city_point, nomination_quota, not_whole_year


@frozen
class NomineeCheck:
    """One nomination: accepted, or rejected with the failing conditions."""

    nomination: str
    point: str
    accepted: bool
    failing: tuple[ConditionResult, ...] = field(converter=to_tuple)
    reason: str


@frozen
class CountyNominations:
    """A county's nominations against its quota; ``error`` names the quota when exceeded."""

    county: str
    active_points: int
    quota: int
    nominated: int
    error: str | None
    nominees: tuple[NomineeCheck, ...] = field(converter=to_tuple)
    params: tuple[ParamValue, ...] = field(converter=to_tuple)
    #: The evidence of ``active_points`` (DESIGN principle 2; auditor a59): the ids of the
    #: county's 县区 points on the roster counted, sorted. The city office every county's, a
    #: county its own, other readers none (``active_points`` alone, as before); empty in
    #: documents written before it was recorded.
    active_point_ids: tuple[str, ...] = field(default=(), converter=to_tuple)


@frozen
class ProposedNominee:
    """A point accepted for commendation or commended by the city that the same year end also
    proposes for removal (三、动态调整建议; auditor a59 03). The city has not said whether such a
    point may be commended (seed 四(三) and 三(五) do not refer to each other): the library flags
    the pair and decides nothing. ``explanation`` is the proposal's."""

    point: str
    nominations: tuple[str, ...] = field(converter=to_tuple)
    commended: bool  # the city's decision commends it (else its nomination is only accepted)
    reasons: tuple[str, ...] = field(converter=to_tuple)  # ChangeReason values, the proposal's
    explanation: tuple[str, ...] = field(converter=to_tuple)


@frozen
class DecisionCheck:
    """A city decision (表彰奖励) known at the instant: in force, or superseded by a later one on
    the same nomination (``superseded_by``, its id), which then alone counts."""

    decision: str
    nomination: str
    point: str
    commended: bool
    decided_on: date
    superseded_by: str | None = None


@frozen
class CommendationResult:
    """All counties' nominations, the city's decisions, and the commended points (表彰奖励)."""

    year: int = field(validator=library_year)
    counties: tuple[CountyNominations, ...] = field(converter=to_tuple)
    commended: tuple[str, ...] = field(converter=to_tuple)  # point ids
    flags: tuple[str, ...] = field(converter=to_tuple)  # decisions that contradict the checks
    #: The nominations read without a submission moment (``Nomination.submitted_at`` None) when
    #: the result speaks for an instant: read whatever the instant, as nothing says when they
    #: came, so the reader is told which (none when no instant is given, every one read anyway).
    undated: tuple[str, ...] = field(default=(), converter=to_tuple)  # nomination ids
    #: The decisions known at the instant on the nominations read, by nomination then date: the
    #: latest on each counts, the earlier ones name it in ``superseded_by`` (empty in documents
    #: written before decisions were listed).
    decisions: tuple[DecisionCheck, ...] = field(default=(), converter=to_tuple)
    #: The accepted or commended points the year end also proposes for removal: flagged beside
    #: ``flags``, to the city office only (:func:`also_proposed`; empty from ``check_commendation``
    #: alone, which reads no proposal).
    also_proposed: tuple[ProposedNominee, ...] = field(default=(), converter=to_tuple)


@in_analysis_context
def check_commendation(
    dataset: Dataset,
    assessment: Assessment,
    params: ParameterSet | None = None,
    *,
    audience: Audience | str,
    as_of: datetime | None = None,
) -> CommendationResult:
    """Check every county's nominations for ``assessment.year`` and record the city's decisions.

    ``audience`` (阅读范围, required): the city office gets every nominee and the flags on its
    decisions; any other reader the year end's view: every county's quota and the published
    list, a county its own nominees (their failing conditions screened), no flags.

    ``as_of`` (aware, the assessment's instant; SoftenvError when the assessment speaks for
    another, as year_end refuses it): only the nominations submitted by then
    (``submitted_at``; an undated one is read and listed in ``undated``), the decisions made by
    its (Beijing) day, the quota from the points designated on it if it is before the year's
    last day. Without it, every record counts. ``params`` None: the city baseline's.
    Raises SoftenvError when ``assessment`` was made from another dataset or other parameters
    (``Assessment.provenance``, as ``year_end`` checks it), InputError when the dataset is not
    valid: a county nominating a point twice in a year is refused when the dataset is checked
    (io/nomination_checks.py, each repeat named, whenever submitted: the dataset is wrong at any
    instant), as two decisions on one nomination the same day are.
    """
    argument(assessment, Assessment, "assessment", "the city office's Assessment (assess(..., audience=CITY_OFFICE))")
    params = params_or_baseline(params)  # None: the city baseline, as every analysis (integrator i42)
    require_whole_assessment(assessment, "check_commendation")
    # The rules on nominations alone (a point nominated twice by one county in a year) are the
    # dataset's checks, not this analysis's (clerk c60 01): the provenance does not cover the
    # nominations, so a dataset given with another's assessment is checked here (once).
    require_valid(dataset)
    require_same_provenance(assessment.provenance, dataset, params, "check_commendation")
    # The nominees' conditions (全年在册, the rounds taken) are the assessment's, read from the
    # records known at its instant: checked against decisions of another they give false flags
    # (auditor a83 01).
    require_aware(as_of)
    require_same_instant(assessment, as_of, "check_commendation")
    r = part_redactor(dataset, audience, params, date(assessment.year, 12, 31))
    result = _check_commendation(dataset, assessment, params, as_of)
    return result if r is None else parts.commendation(result, r)


#: A nominee's reason, in Chinese as the results hold it and in English (engine.phrases): a
#: failing condition by its title (a city condition's title is a known term; a plugin's stays).
MEETS = Phrase("符合条件", "meets the conditions")
FAILED = Phrase("{title}：{reason}", "{title}: {reason}", known=("title",), loose=True)


def _nominee_reason(failing: tuple[ConditionResult, ...]) -> str:
    """符合条件, or each failing condition by its title and why."""
    return MEETS() if not failing else "；".join(FAILED(title=c.rule.title_zh, reason=c.reason) for c in failing)


def _check_commendation(
    dataset: Dataset, assessment: Assessment, params: ParameterSet, as_of: datetime | None
) -> CommendationResult:
    """The whole check (the city office's view)."""
    require_aware(as_of)
    year = assessment.year
    day = date.max if as_of is None else beijing_date(as_of)
    on = date(year, 12, 31)  # the quota's parameters are read on the year's last day, as ever
    by_point = {p.id: p for p in assessment.points}
    checks: dict[str, NomineeCheck] = {}
    counties = []
    # The quota counts the county's own (县区) points designated on the year's last day, roster
    # changes applied; a 市直 point is the city's, in no county's quota (DESIGN: county reports
    # answer for county points only; auditor a39). A record dated after as_of's day does not
    # change a point's interval on that day.
    designated = {p.id: p for p in designated_points(dataset)}
    active_by_county = _counted(designated.values(), min(on, day))
    for county in sorted(dataset.counties, key=lambda c: c.code):
        ids = active_by_county.get(county.code, [])
        active = len(ids)
        noms = sorted(
            (n for n in dataset.nominations if n.year == year and n.county == county.code and n.known_at(as_of)),
            key=lambda n: n.id,
        )
        # A county that does not exist on the year's last day (abolished, or not yet created)
        # has no quota: listed only when it nominated anyway, with a quota of 0 saying why.
        if not county.active_on(on) and not noms:
            continue
        quota, formula, quota_params = nomination_quota(active, params, on)
        if not county.active_on(on):
            quota, formula, quota_params = 0, f"{on} 县区不存在，无名额", ()
        error = None
        if len(noms) > quota:
            # Both figures and the excess: "超过名额2个" alone reads as "over by 2".
            over = len(noms) - quota
            error = f"{county.code} {county.name}：推荐{len(noms)}个，名额{quota}个，超出{over}个（{formula}）"
        nominees = []
        for n in noms:
            pa = by_point.get(n.point)
            city_level = city_point(designated.get(n.point), county.code, dataset.city.liaison_office)
            if city_level is not None:
                check = NomineeCheck(n.id, n.point, False, (), city_level)
            elif pa is None:
                check = NomineeCheck(
                    n.id, n.point, False, (), _not_assessed(n.point, dataset, designated, assessment, county.code)
                )
            elif pa.county != county.code:
                check = NomineeCheck(n.id, n.point, False, (), _not_its_own(n.point, dataset, year, county.code))
            else:
                failing = tuple(c for c in pa.nomination_conditions if not c.passed)
                reason = _nominee_reason(failing)
                check = NomineeCheck(n.id, n.point, not failing, failing, reason)
            checks[n.id] = check
            nominees.append(check)
        counties.append(CountyNominations(county.code, active, quota, len(noms), error, nominees, quota_params, ids))
    own = {n.nomination for c in counties for n in c.nominees if _own(designated.get(n.point), c.county)}
    commended, flags, decisions = _decided(dataset, checks, counties, own, day)
    undated = () if as_of is None else _undated(dataset, checks)
    return CommendationResult(year, tuple(counties), commended, flags, undated, decisions)


def _own(point: MonitoringPoint | None, county: str) -> bool:
    """Whether ``point`` is one of ``county``'s own 县区 points, one a commendation of which takes
    a place of the county's quota (a 市直 point is the city's: auditor a39)."""
    return point is not None and point.county == county and point.level is PointLevel.COUNTY


def _counted(designated: Iterable[MonitoringPoint], day: date) -> dict[str, list[str]]:
    """County → the ids of its 县区 points designated on ``day``, sorted: the quota's base and its
    evidence (``active_point_ids``; auditor a59)."""
    out: dict[str, list[str]] = {}
    for p in sorted(designated, key=lambda p: p.id):
        if p.level is PointLevel.COUNTY and p.active_on(day):
            out.setdefault(p.county, []).append(p.id)
    return out


def also_proposed(result: CommendationResult, proposals: Iterable[Proposal]) -> CommendationResult:
    """``result`` (the city office's) with the points it accepts or commends that ``proposals``
    (the same year end's section 三) propose for removal (auditor a59 03): flagged for the city to
    weigh, not decided, as the city has set no rule on such a pair."""
    accepted: dict[str, list[str]] = {}
    for n in result.counties:
        for c in n.nominees:
            if c.accepted or c.point in result.commended:
                accepted.setdefault(c.point, []).append(c.nomination)
    found = tuple(
        ProposedNominee(p.point, accepted[p.point], p.point in result.commended, p.reasons, p.explanation)
        for p in sorted(proposals, key=lambda p: p.point)
        if p.point in accepted
    )
    return attrs.evolve(result, also_proposed=found)


def _not_its_own(point: str, dataset: Dataset, year: int, county: str) -> str:
    """``point`` is another county's: said so, with the enterprise's 县区 record in ``county``
    designated in ``year`` where there is one, the record the county most likely meant (an
    enterprise that moved in keeps its old id in the county's files; auditor a64 03), as a
    report's item naming the old record is told (io/dataset_warnings.py)."""
    p = dataset.point_by_id.get(point)
    meant = None
    if p is not None:
        meant = county_record(dataset.point_terms, p.enterprise.uscc, county, date(year, 1, 1), date(year, 12, 31))
    return f"{point} 不属于{county}" + (f"（该企业在{county}的监测点记录为 {meant}）" if meant else "")


def _not_assessed(
    point: str, dataset: Dataset, designated: dict[str, MonitoringPoint], assessment: Assessment, county: str
) -> str:
    """Why a nominee the assessment does not hold fails: another county's point first (as an
    assessed one is said to be: auditor a34), then not designated in the year, or designated
    in it but owing no month (from 12-31: counted in the quota, not scored), then the
    conditions that fail, whole year and the band (auditor: "在2025年未在册" for a point the
    quota beside it counted). Asked at an instant inside the year, one with a month of its
    interval still running is not yet assessed, not owing no month (auditor a77 01: the wording
    is analyses.unassessed's, as `softenv explain` says it)."""
    year = assessment.year
    p = designated.get(point)
    if p is not None and p.county != county:
        return f"{_not_its_own(point, dataset, year, county)}；" + _not_assessed(
            point, dataset, designated, assessment, p.county
        )
    in_year = p is not None and p.designated_from.year <= year
    if p is None or not in_year or (p.designated_until is not None and p.designated_until.year < year):
        return f"{point} 在{year}年未在册"
    why = unassessed_zh(p, year, assessment.as_of)
    return f"{point} {not_whole_year(p.designated_from, p.designated_until, year)}；{why}"


def _undated(dataset: Dataset, checks: dict[str, NomineeCheck]) -> tuple[str, ...]:
    """The ids of the nominations read (``checks``) that carry no submission moment."""
    return tuple(sorted(n.id for n in dataset.nominations if n.id in checks and n.submitted_at is None))


def _decided(
    dataset: Dataset, checks: dict[str, NomineeCheck], counties: list[CountyNominations], own: set[str], day: date
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[DecisionCheck, ...]]:
    """The points the city's decisions made by ``day`` commend, the decisions that contradict
    the checks (a rejected nominee, a county over its quota), and every decision read.

    On each nomination the latest decision made by ``day`` counts (DESIGN: the city decides; a
    later decision supersedes an earlier one): a withdrawal withdraws, and an earlier decision
    is neither counted nor flagged. Two on one nomination the same day are refused when the
    dataset is checked (which one the city meant is not in the records): the dataset given is
    (``require_valid``; the analysis repeated the rule until clerk c60 01). ``own``: the
    nominations naming one of the nominating county's own 县区 points, the ones a commendation
    of which takes a place of its quota (:func:`_quota_flags`)."""
    by_nomination: dict[str, list[CommendationDecision]] = {}
    for d in dataset.decisions:
        if d.decided_on <= day and d.nomination in checks:  # a later one: not yet decided then
            by_nomination.setdefault(d.nomination, []).append(d)
    in_force: list[CommendationDecision] = []
    flags: list[str] = []
    listed: list[DecisionCheck] = []
    for nomination in sorted(by_nomination):
        ds = sorted(by_nomination[nomination], key=lambda d: d.decided_on)  # one a day: validated
        latest, found = ds[-1], checks[nomination]
        listed.extend(
            DecisionCheck(d.id, nomination, found.point, d.commended, d.decided_on, None if d is latest else latest.id)
            for d in ds
        )
        if latest.commended:
            in_force.append(latest)
            if not found.accepted:
                flags.append(f"{latest.id}：表彰了不符合条件的推荐 {nomination}（{found.reason}）")
    flags += _quota_flags(dataset, checks, counties, own, in_force)
    commended = {checks[d.nomination].point for d in in_force}
    return tuple(sorted(commended)), tuple(sorted(flags)), tuple(listed)


def _quota_flags(
    dataset: Dataset,
    checks: dict[str, NomineeCheck],
    counties: list[CountyNominations],
    own: set[str],
    in_force: list[CommendationDecision],
) -> list[str]:
    """The commendations in force (``in_force``) against each county's quota (auditor a66 02).

    A county that nominated beyond its quota flagged every commendation of its nominees with one
    text, whether the city then kept within the quota or itself commended beyond it; the second
    is the one the city most needs to see. So the commendations of a county's own 县区 points
    (``own``: a 市直 point or another county's is the city's own decision, in no county's quota)
    are counted against the quota: beyond it, each of them reads 市里表彰超过名额 with the figures;
    within it, an accepted nominee of a county that nominated beyond it reads 所在县区推荐超过名额,
    saying that the city kept within it. A rejected nominee keeps its own flag as well."""
    county_of = {n.id: n.county for n in dataset.nominations}
    by_county = {c.county: c for c in counties}
    counted: dict[str, int] = {}
    for d in in_force:
        if d.nomination in own:
            counted[county_of[d.nomination]] = counted.get(county_of[d.nomination], 0) + 1
    flags = []
    for d in in_force:
        c = by_county[county_of[d.nomination]]
        n = counted.get(c.county, 0)
        if d.nomination in own and n > c.quota:
            flags.append(f"{d.id}：市里表彰超过名额（{c.county} 表彰{n}个，名额{c.quota}个，超出{n - c.quota}个）")
        elif c.error is not None and checks[d.nomination].accepted:
            flags.append(f"{d.id}：所在县区推荐超过名额（推荐{c.nominated}个；市里表彰{n}个，未超过名额{c.quota}个）")
    return flags


__all__ = [
    "CommendationResult",
    "CountyNominations",
    "DecisionCheck",
    "NomineeCheck",
    "ProposedNominee",
    "also_proposed",
    "check_commendation",
]
