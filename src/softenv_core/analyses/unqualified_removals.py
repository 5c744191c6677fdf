"""Recorded removals on either ground of the annual adjustment set against the year's facts:
for 考评不合格, the assessment's band (取消资格, 三(五); auditor a39); for 连续三个月未联系上, the
year's unreached runs (auditor a59, below).

The names (``UnqualifiedRemoval``, ``check_unqualified_removals``, the year end's
``unqualified_removals``) are those of the first ground, which they held alone; they cover both
now (``reason``) and are kept because integrators import them (``softenv_core.UnqualifiedRemoval``
is public) and the year end's JSON names its field so (reviewer r55).

DESIGN "Annual adjustment": a point is proposed for removal on 不合格 (``roster.removal_band``,
a city decision), its band in the year's assessment. A recorded removal (``RosterChange``,
reason ``unqualified``) states that ground; when the assessment of the same year rated the
point above that band (优秀 or 合格), the record and the assessment contradict each other, and
a county trusting the year end would see a point removed for a failure the assessment does not
show. Each such removal is flagged, naming its band and
total; the city decides which one is wrong (the reason, or the removal itself).

Which removals a year's check reads: those known at the assessment's instant
(:func:`~softenv_core.analyses.roster_changes.known_changes`), effective in the year or the
next, as the adjustment reads the removals recorded for its reasons (the annual adjustment
after the year takes effect in the next January, ``adjustment.window``; one effective during
the year is set against the months the point owed in it; one of the next year after its window
is that year's, auditor a42) — but not one effective in the year's
own window: that is the adjustment after the previous year, grounded on that year's band and
checked in its year end (auditor a41: 2025's flagged a removal of 2025-01-20 for 2024's 不合格
against the one month the point owed in 2025, 优秀). A point the assessment does not hold
(it owed no month of the year) has no band: listed, not flagged. Not part of
``analyses/adjustment.py`` (at 500 lines); the year end holds it as ``unqualified_removals``.

A removal for 连续三个月未联系上 (reason ``unreachable``), the other ground of the same footing
(DESIGN "Annual adjustment"), is checked alike and listed with them (``reason``): against the
year's unreached runs as the proposals read them (the same function, months and calendar:
:func:`~softenv_core.analyses.unreached_runs.year_runs`), flagged when the point had no run of
``roster.unreached_months`` consecutive unreached months (auditor a59: a point reached every
month, removed "for" being unreachable, passed unremarked).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from attrs import field, frozen

from softenv_core._validators import argument, library_year
from softenv_core.analyses import redaction_parts as parts
from softenv_core.analyses.adjustment import adjustment_window
from softenv_core.analyses.arguments import params_or_baseline
from softenv_core.analyses.assessment import Assessment, PointAssessment
from softenv_core.analyses.audiences import Audience, AudienceKind
from softenv_core.analyses.fingerprint import require_same_provenance
from softenv_core.analyses.redaction import checked_audience
from softenv_core.analyses.redaction_instant import require_same_instant, require_whole_assessment
from softenv_core.analyses.roster_changes import known_roster, recorded_removals
from softenv_core.analyses.unassessed import unassessed_zh
from softenv_core.analyses.unreached_runs import year_runs
from softenv_core.engine.decimal_context import in_analysis_context
from softenv_core.engine.parameters import ParameterSet
from softenv_core.engine.ruletypes import Band
from softenv_core.engine.trace import ParamValue
from softenv_core.model.dataset import Dataset
from softenv_core.model.periods import Month, require_aware
from softenv_core.model.roster import ChangeReason, RosterChange
from softenv_core.rules.city.removal import RemovalBand, removal_ground_zh
from softenv_core.workdays.calendar import WorkCalendar


@frozen
class UnqualifiedRemoval:
    """A recorded removal checked against its ground (``reason``): for 考评不合格 (取消资格) the
    point's band in the year's assessment, for 连续三个月未联系上 the year's unreached runs. The
    name is the first ground's, kept for integrators (softenv_core.UnqualifiedRemoval); it covers both.

    ``band`` and ``total`` are the assessment's (None: the point owed no month of the year, so
    it has none). For 考评不合格, ``flagged`` when the band is above ``removal_band`` (not 不合格,
    at the baseline's), the removal's reason contradicting the assessment; for 连续三个月未联系上,
    when the point had no run of unreached months that long (``band`` and ``total`` then only
    shown). ``explanation`` says so in Chinese, naming the ground.
    """

    change: str
    point: str
    county: str
    effective: date
    year: int = field(validator=library_year)
    band: Band | None
    total: Decimal | None
    flagged: bool
    explanation: str
    #: The band at or below which the year's adjustment proposes removal (``roster.removal_band``,
    #: 建议撤销的考评等次): the explanation and the year end name the ground by it (考评不合格, or
    #: 考评合格及以下 when the city set 合格). 不合格 in documents written before it was recorded.
    removal_band: Band = Band.FAIL
    #: The removal's recorded reason: ``unqualified`` (checked against the band), or
    #: ``unreachable`` (against the year's unreached runs; ``band`` and ``total`` then only shown).
    reason: ChangeReason = ChangeReason.UNQUALIFIED


@in_analysis_context
def check_unqualified_removals(
    dataset: Dataset,
    assessment: Assessment,
    params: ParameterSet | None = None,
    *,
    audience: Audience | str,
    as_of: datetime | None = None,
    calendar: WorkCalendar | None = None,
) -> tuple[UnqualifiedRemoval, ...]:
    """Every recorded removal on either ground of the adjustment (the name is the first one's,
    kept for integrators): every removal for 考评不合格 known at ``as_of``, effective in ``assessment.year`` (outside
    its adjustment window: one inside it is the previous year's adjustment) or in the next year's
    window (the adjustment after the year; later ones are the next year's own), with the
    point's band that year; flagged when the band is 优秀 or 合格. Likewise every removal for
    连续三个月未联系上, flagged when the point had no such run (``calendar`` decides the months it
    owed, as for ``propose_adjustments``: give the same one).

    ``assessment`` is the city office's whole one of this dataset and parameters, speaking for
    ``as_of`` (as for ``propose_adjustments``). ``audience`` (阅读范围, required): the city office
    every removal, a county its county-level points' (not a 市直 point's: x54 01), a point its own,
    a department and the public none.
    Raises SoftenvError for an assessment of another instant, dataset or parameters.
    """
    argument(assessment, Assessment, "assessment", "the city office's Assessment (assess(..., audience=CITY_OFFICE))")
    require_whole_assessment(assessment, "check_unqualified_removals")
    params = params_or_baseline(params)
    require_same_provenance(assessment.provenance, dataset, params, "check_unqualified_removals")
    require_aware(as_of)
    require_same_instant(assessment, as_of, "check_unqualified_removals")  # its bands read other records
    aud = checked_audience(dataset, audience)
    found = _check(dataset, assessment, as_of, params, calendar)
    return found if aud.kind is AudienceKind.CITY else parts.filings(found, aud, dataset)


def _check(
    dataset: Dataset,
    assessment: Assessment,
    as_of: datetime | None,
    params: ParameterSet,
    calendar: WorkCalendar | None,
) -> tuple[UnqualifiedRemoval, ...]:
    """The whole check (the city office's view), by effective day then change id."""
    year = assessment.year
    assessed = {p.id: p for p in assessment.points}
    recorded = recorded_removals(dataset, year, as_of, _GROUNDS)
    # The year's own window holds the adjustment after the previous year (its January): that
    # year's band grounds those removals, and its year end reads them as its next year's. The
    # next year's window holds this year's adjustment; a removal of the next year after it is
    # one during that year, set against that year alone (auditor a42: one effective 2026-03-01
    # was checked against 2025 and 2026 both). A year before the baseline has no window (and no
    # year end): every removal of it is read, as before.
    own, after = _window(params, year), _window(params, year + 1)
    removals = sorted(
        (ch for chs in recorded.values() for ch in chs if _this_years(ch.effective, year, own, after)),
        key=lambda c: (c.effective, c.id),
    )
    removal = RemovalBand.of(params, year)  # the band the adjustment proposes removal at
    # The runs only when a removal asks for them (they read every month's contacts).
    unreached = any(ch.reason is ChangeReason.UNREACHABLE for ch in removals)
    runs = year_runs(dataset, year, params, calendar, as_of) if unreached else None
    unheld = _unheld(dataset, assessment, [ch.point for ch in removals if ch.point not in assessed])
    return tuple(
        _one(ch, assessed.get(ch.point), year, removal, unheld.get(ch.point, ""))
        if runs is None or ch.reason is ChangeReason.UNQUALIFIED
        else _unreached(ch, assessed.get(ch.point), year, removal, runs, unheld.get(ch.point, ""))
        for ch in removals
    )


def _unheld(dataset: Dataset, assessment: Assessment, ids: list[str]) -> dict[str, str]:
    """Why the assessment does not hold each point of ``ids``, its interval as known at the
    assessment's instant: owing no month of the year, or a month of it still running then (not
    yet assessed: auditor a77 01, in the words `softenv explain` and the nominees' check use)."""
    if not ids:
        return {}
    roster = {q.id: q for q in known_roster(dataset, assessment.as_of)}
    return {i: unassessed_zh(roster.get(i), assessment.year, assessment.as_of) for i in ids}


#: The removal grounds checked against the year's records (三(五)): 不合格 and 连续三个月未联系上.
_GROUNDS = (ChangeReason.UNQUALIFIED, ChangeReason.UNREACHABLE)


def _window(params: ParameterSet, year: int) -> tuple[date, date] | None:
    """The year's adjustment window (first and last day), None when not in force that year."""
    return adjustment_window(params, year)[:2] if params.in_force("adjustment.window", date(year, 12, 31)) else None


def _this_years(effective: date, year: int, own: tuple[date, date] | None, after: tuple[date, date] | None) -> bool:
    """Whether a removal effective on ``effective`` (in ``year`` or the next) is ``year``'s to
    check: in the year outside its window, or in the next year's window (the adjustment after it)."""
    if effective.year == year:
        return own is None or not own[0] <= effective <= own[1]
    return after is not None and after[0] <= effective <= after[1]


def _one(
    ch: RosterChange, p: PointAssessment | None, year: int, removal: RemovalBand, unheld: str
) -> UnqualifiedRemoval:
    # The ground as the city's band names it: a removal of a 合格 point the adjustment proposed
    # (removal band 合格) read "以“考评不合格”撤销…合格，与撤销原因相符" (review c42).
    said = f"{ch.id}：以“{removal_ground_zh(removal.band)}”撤销监测点 {ch.point}（{ch.effective}起）"
    at = removal.band
    if p is None:
        why = f"{said}；{unheld}，无考评等次可核对"
        return UnqualifiedRemoval(ch.id, ch.point, ch.county, ch.effective, year, None, None, False, why, at)
    band = p.band
    flagged = not removal.proposes(band)
    if flagged:
        why = f"{said}，但{year}年度考评{p.total}分，等次为{band.zh}，与撤销原因不符"
    else:
        why = f"{said}；{year}年度考评{p.total}分，{band.zh}，与撤销原因相符"
    return UnqualifiedRemoval(ch.id, ch.point, ch.county, ch.effective, year, band, p.total, flagged, why, at)


def _unreached(
    ch: RosterChange,
    p: PointAssessment | None,
    year: int,
    removal: RemovalBand,
    runs: tuple[dict[str, tuple[Month, Month, int]], ParamValue],
    unheld: str,
) -> UnqualifiedRemoval:
    # As _one, on the point's longest unreached run of the year (a59): none long enough flags it.
    said = f"{ch.id}：以“{ch.reason.zh}”撤销监测点 {ch.point}（{ch.effective}起）"
    band, total = (None, None) if p is None else (p.band, p.total)
    at = removal.band  # the year's band, recorded on the check as for 不合格 (the JSON's field)
    found, needed = runs[0].get(ch.point), runs[1].whole()
    if p is None:
        why, flagged = f"{said}；{unheld}，无联系情况可核对", False
    elif found is not None and found[2] >= needed:
        why, flagged = f"{said}；连续{found[2]}个月未联系上：{found[0]}—{found[1]}，与撤销原因相符", False
    else:
        longest = "无未联系上的月份" if found is None else f"最长连续{found[2]}个月：{found[0]}—{found[1]}"
        why, flagged = f"{said}，但{year}年度无连续{needed}个月未联系上（{longest}），与撤销原因不符", True
    unreachable = ChangeReason.UNREACHABLE
    return UnqualifiedRemoval(
        ch.id, ch.point, ch.county, ch.effective, year, band, total, flagged, why, at, unreachable
    )


__all__ = ["UnqualifiedRemoval", "check_unqualified_removals"]
