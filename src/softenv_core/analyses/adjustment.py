"""Annual adjustment of the roster (动态调整, 三(五)) and filing of county changes (备案).

Proposals per point, each with its reasons and evidence: remove when rated ``roster.removal_band``
(不合格) or lower, when not reached for ``roster.unreached_months`` consecutive months, and the
removals already recorded on the enterprise's own wish or its deregistration. A county's roster
change needs a filing with the city dated **before** it takes effect; one without is flagged.

Each function takes an optional ``as_of`` (aware), as the assessment does: the instant the
result speaks for, reading only the records known then (:func:`known_changes`, and each
function's docstring for its own records). Without it, every record counts, as before.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from attrs import field, frozen

from softenv_core._validators import argument, to_tuple
from softenv_core.analyses import adjustment_words as AW
from softenv_core.analyses import redaction_parts as parts
from softenv_core.analyses.after_adjustment import after_adjustment_day
from softenv_core.analyses.arguments import params_or_baseline
from softenv_core.analyses.assessment import Assessment, PointAssessment
from softenv_core.analyses.audiences import CITY, Audience, AudienceKind
from softenv_core.analyses.designation import designated_points
from softenv_core.analyses.filing_days import filed_in_time
from softenv_core.analyses.fingerprint import require_same_provenance
from softenv_core.analyses.redaction import checked_audience, part_redactor, reader_points
from softenv_core.analyses.redaction_instant import require_same_instant, require_whole_assessment
from softenv_core.analyses.removal_words import recorded_said
from softenv_core.analyses.representativeness import representativeness
from softenv_core.analyses.roster_changes import apply_changes, known_changes, recorded_removals
from softenv_core.analyses.suggestions import suggested_removals, suggestions_for
from softenv_core.analyses.unreached_runs import run_said, year_runs
from softenv_core.engine.decimal_context import in_analysis_context
from softenv_core.engine.parameters import ParameterSet
from softenv_core.engine.trace import ParamValue
from softenv_core.errors import InputError
from softenv_core.model.dataset import Dataset
from softenv_core.model.periods import beijing_date, require_aware, require_year
from softenv_core.model.points import Designator
from softenv_core.model.roster import ChangeAction, ChangeReason, RosterChange
from softenv_core.rules.city.removal import RemovalBand
from softenv_core.workdays.calendar import WorkCalendar


@frozen
class Proposal:
    """A proposal to remove a point at the annual adjustment (动态调整), with why."""

    point: str
    county: str
    action: ChangeAction
    reasons: tuple[str, ...] = field(converter=to_tuple)  # ChangeReason values
    explanation: tuple[str, ...] = field(converter=to_tuple)
    evidence: tuple[str, ...] = field(converter=to_tuple)
    params: tuple[ParamValue, ...] = field(default=(), converter=to_tuple)


@frozen
class FilingCheck:
    """Whether a county's roster change was filed (备案) with the city before it took effect."""

    change: str
    county: str
    point: str
    effective: date
    filed_on: date | None
    filing: str | None
    ok: bool
    reason: str


#: Removals recorded for a reason weighed at the adjustment (三(五)): proposals; the city decides.
_PROPOSED_REASONS = (ChangeReason.OWN_WISH, ChangeReason.DEREGISTERED, ChangeReason.DEPARTMENT_SUGGESTION)


def _roster_day(year: int, as_of: datetime | None) -> date:
    """The day whose roster a year-end function reads: the year's last, or ``as_of``'s (Beijing)
    day if earlier (a point's interval on a day is not changed by a record dated after it)."""
    last = date(year, 12, 31)
    return last if as_of is None else min(last, beijing_date(as_of))


@in_analysis_context
def propose_adjustments(
    dataset: Dataset,
    assessment: Assessment,
    params: ParameterSet | None = None,
    calendar: WorkCalendar | None = None,
    *,
    audience: Audience | str,
    as_of: datetime | None = None,
) -> tuple[Proposal, ...]:
    """Removal proposals for ``assessment.year``: 不合格, unreachable, own wish, deregistered.

    ``calendar`` decides which months a point owed (the official one, strict, if not given).
    ``as_of`` (aware) is the instant the proposals speak for: the months up to the last one
    ended then, the roster changes known then (:func:`known_changes`), the points still
    designated on its day; ``assessment`` must speak for the same instant (its bands read the
    contacts and complaints known then, ``Complaint.known_at``). Without it, every record counts.
    ``audience`` (阅读范围, required): the city office gets every proposal; a county its
    county-level points' (not a 市直 point's: x54 01) and a point its own, without complaint ids
    (the year end's view); a department and the public none.
    Raises FieldInvalid naming ``as_of`` for a naive one (NaiveInstant, also an InputError),
    SoftenvError for an assessment of another instant
    or made from another dataset or other parameters (``Assessment.provenance``).
    """
    argument(assessment, Assessment, "assessment", "the city office's Assessment (assess(..., audience=CITY_OFFICE))")
    require_whole_assessment(assessment, "propose_adjustments")
    params = params_or_baseline(params)
    require_same_provenance(assessment.provenance, dataset, params, "propose_adjustments")
    r = part_redactor(dataset, audience, params, date(assessment.year, 12, 31))
    found = whole_proposals(dataset, assessment, params, calendar, as_of, CITY if r is None else r.aud)
    return found if r is None else parts.proposals(found, r)


def _require_instant(assessment: Assessment, as_of: datetime | None) -> None:
    """The bands (不合格) are the assessment's: one of another instant would read other records."""
    require_aware(as_of)
    advice = "give assess(..., as_of=as_of)'s (its bands would read records not yet known, or miss some)"
    require_same_instant(assessment, as_of, "propose_adjustments", advice)


def whole_proposals(
    dataset: Dataset,
    assessment: Assessment,
    params: ParameterSet,
    calendar: WorkCalendar | None,
    as_of: datetime | None,
    reader: Audience,
) -> tuple[Proposal, ...]:
    """The whole proposals (the city office's view, before redaction), a 不合格 one naming the
    evidence of the score items as ``reader``'s assessment shows them (x72 03)."""
    _require_instant(assessment, as_of)
    year = assessment.year
    runs, run_pv = year_runs(dataset, year, params, calendar, as_of)
    needed = run_pv.whole()
    removal = RemovalBand.of(params, year)
    recorded = recorded_removals(dataset, year, as_of, _PROPOSED_REASONS)
    # A removal already recorded on the proposal's ground (不合格: a39; unreached: a59) is named.
    unqualified = recorded_removals(dataset, year, as_of, (ChangeReason.UNQUALIFIED,))
    unreachable = recorded_removals(dataset, year, as_of, (ChangeReason.UNREACHABLE,))
    out = []
    # Every point on the roster then (records and roster changes agreed), scored or not: one
    # designated in late December owes no month, but its recorded removal is proposed (a34).
    on = _roster_day(year, as_of)
    still_designated = {p.id: p for p in designated_points(dataset) if p.active_on(on)}
    assessed = {p.id: p for p in assessment.points}
    shown = assessed if reader.kind is AudienceKind.CITY else reader_points(assessment, dataset, reader, params)
    for point_id in sorted(still_designated):
        p = assessed.get(point_id)
        reasons: list[str] = []
        why: list[str] = []
        evidence: list[str] = []
        if p is not None and removal.proposes(p.band):
            reasons.append(ChangeReason.UNQUALIFIED.value)
            said, cited = _failed(p, year, unqualified.get(point_id, []), shown.get(point_id))
            why.append(said)
            evidence.extend(cited)
        run = runs.get(point_id)
        if run is not None and run[2] >= needed:
            reasons.append(ChangeReason.UNREACHABLE.value)
            said, contacts = run_said(dataset, still_designated[point_id], run, as_of, unreachable.get(point_id, []))
            why.append(said)
            evidence.extend(contacts)
        for ch in sorted(recorded.get(point_id, []), key=lambda c: c.id):
            reasons.append(ch.reason.value)
            why.append(f"{ch.reason.zh}（记录 {ch.id}，{ch.effective} 起）")
            evidence.append(ch.id)
        if reasons:
            out.append(
                Proposal(
                    point=point_id,
                    county=still_designated[point_id].county,
                    action=ChangeAction.REMOVE,
                    reasons=reasons,
                    explanation=why,
                    evidence=evidence,
                    params=(run_pv, removal.param),
                )
            )
    return tuple(out)


def _failed(
    p: PointAssessment, year: int, removals: list[RosterChange], seen: PointAssessment | None
) -> tuple[str, list[str]]:
    """Why a point rated 不合格 (``roster.removal_band``) is proposed, and the records behind it: its
    recorded removal for 不合格 (a39), then its score items' evidence as the reader sees it (``seen``, x72 03)."""
    named, ids = recorded_said(removals)
    evidence = dict.fromkeys(e for item in (seen.items if seen else ()) for e in item.evidence)
    return AW.RATED(year=year, total=p.total, band=p.band.zh, named=named), [*ids, *evidence]


@in_analysis_context
def check_filings(
    dataset: Dataset, *, audience: Audience | str, as_of: datetime | None = None, year: int | None = None
) -> tuple[FilingCheck, ...]:
    """Every county roster change, with the earliest filing that lists it (备案 before effect).

    ``as_of`` (aware): only the filings filed by its (Beijing) day and the changes known then
    (:func:`known_changes`). A change in effect with no filing known is flagged, as a later
    filing could not be before it took effect; one not yet in effect is listed only once filed
    (then in time), as until it takes effect a filing may still come.

    ``audience`` (阅读范围, required): the city office gets every change; a county its
    county-level points', a point its own (the year end's view); a department and the public none.
    ``year``: only the changes effective in it or later (the year end's section 四: earlier
    years' changes are their year ends'; a removal recorded for the next year, known at the
    instant, is the adjustment's own)."""
    aud = checked_audience(dataset, audience)
    if year is not None:  # "2025" raised a TypeError below, True and 2025.5 were read as numbers (s21 02)
        require_year(year)
    found = tuple(f for f in _check_filings(dataset, as_of) if year is None or f.effective.year >= year)
    return found if aud.kind is AudienceKind.CITY else parts.filings(found, aud, dataset)


def _check_filings(dataset: Dataset, as_of: datetime | None) -> tuple[FilingCheck, ...]:
    """The whole check (the city office's view)."""
    require_aware(as_of)
    day = None if as_of is None else beijing_date(as_of)
    filed: dict[str, list[tuple[date, str]]] = {}
    for f in dataset.filings:
        if day is not None and f.filed_on > day:
            continue  # not yet filed then
        for cid in f.changes:
            filed.setdefault(cid, []).append((f.filed_on, f.id))
    out = []
    for ch in sorted(known_changes(dataset, as_of), key=lambda c: c.id):
        if ch.by is not Designator.COUNTY:
            continue
        filings = sorted(filed.get(ch.id, []))
        if not filings:
            out.append(_filing_check(ch, None, None, ok=False, reason=AW.NOT_FILED(office=dataset.city.liaison_office)))
            continue
        on, fid = filings[0]
        in_time = filed_in_time(dataset, ch, on)  # a county's first day counts for its first points
        if in_time is not None:
            out.append(_filing_check(ch, on, fid, ok=True, reason=in_time))
        else:
            why = AW.FILED_LATE(on=on, effective=ch.effective)  # not 不早于: a double negative (clerk c48)
            out.append(_filing_check(ch, on, fid, ok=False, reason=why))
    return tuple(out)


def _filing_check(ch: RosterChange, filed_on: date | None, filing: str | None, *, ok: bool, reason: str) -> FilingCheck:
    return FilingCheck(
        change=ch.id,
        county=ch.county,
        point=ch.point,
        effective=ch.effective,
        filed_on=filed_on,
        filing=filing,
        ok=ok,
        reason=reason,
    )


# --- the annual window, departments' suggestions, representativeness gaps (三(五)) -------


@frozen
class WindowCheck:
    """Whether a roster change took effect inside the year's adjustment window (一年一调整)."""

    change: str
    point: str
    county: str
    effective: date
    reason: str  # ChangeReason value
    window_start: date
    window_end: date
    inside: bool
    exempt: bool  # outside, but for a reason that cannot wait (deregistration, own wish)
    flagged: bool
    explanation: str
    params: tuple[ParamValue, ...] = field(default=(), converter=to_tuple)
    # Outside the window because a division change forced it (exempt, counted apart):
    # "county_abolished" (因县区撤销转隶), "county_created" (新设县区首次确定), "no_window" (the
    # programme's first year, whose window preceded the baseline), or None.
    forced: str | None = None


def forced_exemption(
    dataset: Dataset,
    params: ParameterSet,
    change: tuple[ChangeAction, str, str, date],
    window: tuple[date, date],
) -> tuple[str, str] | None:
    """Why a change (action, county, point, effective) outside the year's ``window`` could not
    wait for it, from dates and records alone (never the change's reason), so that a recorded
    change and the same change only a point's record shows are judged alike (r3 02, t12 03):
    the year's window lay wholly before ``adjustment.window`` came into force (the programme's
    first year, 2022: its January preceded the baseline, t12 07), or a division change forced it.
    """
    since = params.since("adjustment.window")
    if window[1] < since:
        return "no_window", f"基线{since}施行，当年无调整期"
    return _forced_by_division(dataset, change, window[1])


def _forced_by_division(
    dataset: Dataset, change: tuple[ChangeAction, str, str, date], window_end: date
) -> tuple[str, str] | None:
    """Why a change outside the window could not wait for it, when a county's creation or
    abolition (行政区划调整) forced it: the documented transfer on abolition (docs/rules.md: a
    removal effective the day after the county's ``effective_until``, and the enterprise's new
    record in another county from that day), or an addition in a county created after the
    year's window, which had no window to designate its first points in (auditor t9 09)."""
    action, code, point, effective = change
    day_before = effective - timedelta(days=1)
    county = dataset.county_by_code.get(code)
    if action is ChangeAction.REMOVE and county is not None and county.effective_until == day_before:
        return "county_abolished", f"因县区撤销转隶或终止（{code} {day_before}撤销）"
    if action is not ChangeAction.ADD:
        return None
    created = None if county is None else county.effective_from
    if created is not None and window_end < created and created.year == window_end.year:
        return "county_created", f"新设县区首次确定监测点（{code} {created}设立，当年无调整期）"
    record = dataset.point_by_id.get(point)
    uscc = None if record is None else record.enterprise.uscc
    for q in () if uscc is None else dataset.points:
        old = dataset.county_by_code.get(q.county)
        if q.enterprise.uscc == uscc and old is not None and old.effective_until == day_before:
            return "county_abolished", f"因县区撤销转隶（{q.county} {day_before}撤销，原监测点 {q.id}）"
    return None


def adjustment_window(params: ParameterSet, year: int) -> tuple[date, date, ParamValue]:
    """The year's adjustment window (调整期): its first and last day, and the parameter read."""
    # Read on the year's last day, as year-end figures are (DESIGN "Reading a parameter"): in
    # the programme's first year (2022, in force from 03-01) there is no value on 1 January.
    pv = params.get("adjustment.window", date(year, 12, 31))
    try:
        window = pv.mapping()  # FieldInvalid, a ValueError, when it is not one
        sm, sd = (int(x) for x in str(window["start"]).split("-"))
        em, ed = (int(x) for x in str(window["end"]).split("-"))
        return date(year, sm, sd), date(year, em, ed), pv
    except (KeyError, TypeError, ValueError):
        raise InputError([f"parameter adjustment.window: expected {{start, end}} as MM-DD, got {pv.value!r}"]) from None


def check_window(
    dataset: Dataset, year: int, params: ParameterSet, *, as_of: datetime | None = None
) -> tuple[WindowCheck, ...]:
    """Every roster change effective in ``year`` against the adjustment window of that year.

    A change outside the window is flagged unless its reason is one of
    ``adjustment.window_exempt_reasons`` (deregistration, the enterprise's own wish).
    ``as_of`` (aware): only the changes known then (:func:`known_changes`).
    """
    require_aware(as_of)
    start, end, window_pv = adjustment_window(params, year)
    out = []
    for ch in sorted(known_changes(dataset, as_of), key=lambda c: (c.effective, c.id)):
        if ch.effective.year != year:
            continue
        # On the change's day; a change before the parameter came into force (the first year)
        # is judged by the year's last day's value, as the window itself is.
        on = ch.effective if params.in_force("adjustment.window_exempt_reasons", ch.effective) else date(year, 12, 31)
        exempt_pv = params.get("adjustment.window_exempt_reasons", on)
        inside = start <= ch.effective <= end
        forced = (
            None
            if inside
            else forced_exemption(dataset, params, (ch.action, ch.county, ch.point, ch.effective), (start, end))
        )
        exempt = not inside and (ch.reason.value in exempt_pv.texts() or forced is not None)
        if inside:
            why = AW.IN_WINDOW(start=start, end=end)
        elif forced is not None:
            why = f"调整期外生效，{forced[1]}，不受调整期限制"
        elif exempt:
            why = f"调整期外生效，但原因为{ch.reason.zh}，不受调整期限制"
        else:
            why = AW.OUT_OF_WINDOW(effective=ch.effective, start=start, end=end)
        out.append(
            WindowCheck(
                ch.id,
                ch.point,
                ch.county,
                ch.effective,
                ch.reason.value,
                start,
                end,
                inside,
                exempt,
                not inside and not exempt,
                why,
                (window_pv, exempt_pv),
                None if forced is None else forced[0],
            )
        )
    return tuple(out)


@frozen
class AdditionProposal:
    """A proposal to add a point (增设): where (a county or the city), what kind, and why."""

    scope: str  # a county code, or "city"
    source: str  # "representativeness" | "department_suggestion"
    dimension: str  # county | sector | size | ownership | enterprise
    wanted: str  # the value wanted (a sector, size, ownership value), or the suggestion id
    explanation: str
    evidence: tuple[str, ...] = field(default=(), converter=to_tuple)
    params: tuple[ParamValue, ...] = field(default=(), converter=to_tuple)


def propose_from_suggestions(dataset: Dataset, year: int, *, as_of: datetime | None = None) -> tuple[Proposal, ...]:
    """Removal proposals from departments' suggestions (有关部门建议) made in ``year``
    (by ``as_of``'s day, when given: aware, as the assessment's), by the rules of the other
    grounds (analyses/suggestions.py): only for a point on the roster at year end (or on
    ``as_of``'s day) that was designated when the suggestion was made, naming a removal of it
    already recorded; under the point's county."""
    require_aware(as_of)
    out = []
    names = dataset.department_by_id
    for found in suggested_removals(dataset, year, as_of):
        sg = found.suggestion
        dept = names[sg.department].name if sg.department in names else sg.department
        out.append(
            Proposal(
                found.point.id,
                found.point.county,
                ChangeAction.REMOVE,  # the enum: a str here breaks the JSON writer
                (ChangeReason.DEPARTMENT_SUGGESTION.value,),
                (AW.SUGGESTED(department=dept, on=sg.made_on, text=sg.text, named=found.recorded),),
                (sg.id, *found.recorded_ids),
            )
        )
    return tuple(out)


def propose_additions(
    dataset: Dataset, year: int, params: ParameterSet, *, as_of: datetime | None = None
) -> tuple[AdditionProposal, ...]:
    """Addition proposals for the adjustment after ``year``: where the roster after it (the last
    day of the next January's window, ``after_adjustment_day``, with the roster changes known at
    ``as_of`` that take effect by then: the year end's 调整后) leaves a county without points, a
    county without a sector, or the city without a size or ownership (二(二); DESIGN "After
    adjustment, report representativeness gaps"), not the gaps a recorded January change already
    filled (auditors a31, a43); and departments' suggestions to add an enterprise, made by
    ``as_of`` (aware)."""
    require_aware(as_of)
    on = after_adjustment_day(adjustment_window(params, year)[1])
    rep = representativeness(dataset, on, params, audience=CITY, as_of=as_of)
    out = []
    # Only a county that exists on the day can lack points (an abolished one needs none).
    empty = {c.code for c in dataset.counties if c.active_on(on) and rep.by_county.get(c.code, 0) == 0}
    names = {c.code: c.name for c in dataset.counties}
    for code in sorted(empty):
        out.append(
            AdditionProposal(code, "representativeness", "county", code, f"{names[code]}无监测点", (), rep.params)
        )
    for gap in rep.gaps:
        if gap.scope in empty:
            continue  # a county without points: one proposal says it
        where = "全市" if gap.scope == "city" else names.get(gap.scope, gap.scope)
        out.append(
            AdditionProposal(
                gap.scope,
                "representativeness",
                gap.dimension,
                gap.missing,
                f"{where}监测点缺少{gap.missing_zh}企业",
                (),
                rep.params,
            )
        )
    depts = dataset.department_by_id
    for sg in suggestions_for(dataset, year, as_of):
        if sg.action is ChangeAction.ADD:
            dept = depts[sg.department].name if sg.department in depts else sg.department
            wanted = AW.SUGGESTED_ADD(department=dept, text=sg.text)
            out.append(AdditionProposal(sg.county, "department_suggestion", "enterprise", sg.id, wanted, (sg.id,)))
    return tuple(out)


__all__ = [
    "AdditionProposal",
    "FilingCheck",
    "Proposal",
    "WindowCheck",
    "adjustment_window",
    "apply_changes",
    "check_filings",
    "check_window",
    "forced_exemption",
    "known_changes",
    "propose_additions",
    "propose_adjustments",
    "propose_from_suggestions",
    "whole_proposals",
]
