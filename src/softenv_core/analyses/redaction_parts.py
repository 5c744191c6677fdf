"""The year end's parts as an audience may see them: one rule per part, shared by
:func:`~softenv_core.analyses.redaction.redact_year_end` and by the analyses that return the
part alone (``propose_adjustments``, ``check_filings``, ``check_commendation``,
``research_topics`` given an ``audience``), so that a part standalone and in the year end is
redacted alike (docs/privacy.md, "Who an output is for").

Each function takes the redactor (``analyses.redaction._Redactor``: the audience, its screen
and the notices' tallies) of a reader other than the city office; the city office's view is
the whole, never passed here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any, Protocol

import attrs

from softenv_core.analyses.audiences import Audience, AudienceKind
from softenv_core.analyses.disclosure import MASK_POINT
from softenv_core.analyses.redaction_notices import city_parts_notice
from softenv_core.analyses.redaction_rules import FIELD_RULES
from softenv_core.analyses.removal_words import recorded_said
from softenv_core.engine.trace import ConditionResult
from softenv_core.model.dataset import Dataset


class _Redactor(Protocol):
    """What the parts use of ``analyses.redaction._Redactor`` (that module imports this one)."""

    dataset: Dataset
    aud: Audience
    min_cell: int
    counts: Counter[str]
    office: str
    statements: list[str]

    @property
    def complaint_ids(self) -> Mapping[str, Any]: ...

    def sees_own(self, complaint_id: str) -> bool: ...
    def text(self, value: str) -> str: ...
    def strip_refs(self, value: str, *, counted: bool = True) -> str: ...
    def condition(self, c: ConditionResult) -> ConditionResult: ...


def mine(aud: Audience, dataset: Dataset, point: str) -> bool:
    """Whether a record of ``point`` is the reader's own (:meth:`Audience.owns_point`): a
    county's county-level points, a point itself; a department and the public own none. Not a
    市直 point located in the county: the city designates, contacts and commends it, and changes
    it on the roster (a county's change of one is refused on load: io/roster_authority.py), so
    its proposals, removals and roster checks are the city's, not the county's (attacker x54 01:
    a 不合格 proposal told the county that a 市直 point had filed a complaint found false)."""
    return aud.owns_point(dataset.point_by_id.get(point))


def proposals(xs: Iterable[Any], r: _Redactor) -> tuple[Any, ...]:
    """Adjustment proposals (三(五)): the reader's own, without complaint ids in their texts or
    evidence (a point its own ids).

    The ids are left out uncounted: a 不合格 proposal's evidence is its score items' as the
    reader's assessment shows them (``adjustment.whole_proposals``, x72 03), and a
    count of complaints withheld from it (``直接反馈记录不列编号…：— 处``) told a county that its
    failed point had complained directly, where the point's score, its feedback month already
    counted by a contact, did not (attacker x41 02); the assessment leaves those items' evidence
    out for every point alike."""
    changes = {c.id: c for c in r.dataset.roster_changes}
    out = []
    for x in xs:
        if not mine(r.aud, r.dataset, x.point):
            continue
        # The library's own words naming the removals already recorded (``；已记录撤销 RC-…``)
        # close the explanation; only the text before them (a department's suggestion) is
        # screened, or an id like ``RC-P379902-004-rm`` read as a point's and masked in the
        # county's and the point's own entry while the evidence gives it whole (x69 01).
        said, _ = recorded_said(changes[e] for e in x.evidence if e in changes)
        out.append(
            attrs.evolve(
                x,
                reasons=tuple(r.strip_refs(s, counted=False) for s in x.reasons),
                explanation=tuple(_screen_before(s, said, r) for s in x.explanation),
                evidence=tuple(e for e in x.evidence if e not in r.complaint_ids or r.sees_own(e)),
            )
        )
    return tuple(out)


def _screen_before(text: str, said: str, r: _Redactor) -> str:
    """``text`` screened, but for its closing ``said`` (the library's words, kept whole)."""
    if said and text.endswith(said):
        return r.strip_refs(text.removesuffix(said), counted=False) + said
    return r.strip_refs(text, counted=False)


def filings(xs: Iterable[Any], aud: Audience, dataset: Dataset) -> tuple[Any, ...]:
    """Filing checks (备案), removals checked against the year (考评不合格, 未联系上), or
    unrecorded roster changes: the reader's own (:func:`mine`)."""
    return tuple(f for f in xs if mine(aud, dataset, f.point))


def window(xs: Iterable[Any], aud: Audience, dataset: Dataset) -> tuple[Any, ...]:
    """Window checks (调整期): a county its own, a point its own, whole (r3 05: a county read
    "调整期外0项" over its own flagged change, while the same change unrecorded was shown it);
    a department and the public every check without what names or dates it (change, point,
    county, explanation, reason, and the day it took effect: the window's first day instead),
    in an order that tells nothing (review r4 01: the effective day and reason, set beside the
    public report's counts by county, named the county), so that section 九's counts are true
    rather than a 0 over a withheld list."""
    if aud.kind in (AudienceKind.COUNTY, AudienceKind.POINT):
        return filings(xs, aud, dataset)
    bare = [
        attrs.evolve(w, change="", point="", county="", explanation="", reason="", effective=w.window_start) for w in xs
    ]
    return tuple(sorted(bare, key=lambda w: (w.inside, w.exempt, w.flagged, w.forced or "", w.window_start)))


def unrecorded(xs: Iterable[Any], aud: Audience, dataset: Dataset, year: int) -> tuple[Any, ...]:
    """Roster changes only a point's record shows (未记入名册调整): a county its own, a point its
    own, as the filings; a department and the public every one without what names or dates it
    (point, county, explanation, and the day it took effect: the year's first day instead), in
    an order that tells nothing, as the window checks, so that section 九's counts of the city's
    changes are true: they read "全年调整0项" over the changes the records imply (t13 01)."""
    if aud.kind in (AudienceKind.COUNTY, AudienceKind.POINT):
        return filings(xs, aud, dataset)
    first = date(year, 1, 1)
    bare = [attrs.evolve(u, point="", county="", explanation="", effective=first) for u in xs]
    return tuple(sorted(bare, key=lambda u: (u.action.value, u.by.value, u.outside_window, u.forced or "")))


def commendation(result: Any, r: _Redactor) -> Any:
    """Commendation (表彰奖励): every county's quota, the published list, and a county's own
    nominees (which of them are undated, and the decisions on them) and the ids of its own points
    its quota counts (a59: another county's, like its nominees, are not its to see); no flags,
    not even a nominee also proposed for removal (the city office's, as every flag)."""
    county = r.aud.key if r.aud.kind is AudienceKind.COUNTY else None
    nominations = tuple(
        attrs.evolve(
            n,
            nominees=tuple(_nominee(c, n.county, r) for c in n.nominees) if n.county == county else (),
            active_point_ids=n.active_point_ids if n.county == county else (),
        )
        for n in result.counties
    )
    own = {c.nomination for n in nominations for c in n.nominees}
    return attrs.evolve(
        result,
        counties=nominations,
        flags=(),
        also_proposed=(),
        undated=tuple(u for u in result.undated if u in own),
        decisions=tuple(d for d in result.decisions if d.nomination in own),
    )


def _nominee(c: Any, county: str, r: _Redactor) -> Any:
    """A nominee as its county reads it. Of a point that is not one of the county's, only that
    it is not the county's, whether the id is another county's point or no point at all: the
    city's reason goes on to say why another county's point was not scored, with the days it
    was designated (``在册 2025-12-31 至今``), a roster change of another county that its filings
    and window checks withhold from this one (attacker x44 03), and reads ``未在册`` for an id of
    no point, so that the wording, or the id masked in one and not in the other, told the county
    whether the id was a point elsewhere (attacker x45 01). The id is masked, and the mask
    counted, as the screen masks a known point's id; no condition is listed of either."""
    point = r.dataset.point_by_id.get(c.point)
    if point is None or point.county != county:
        r.counts["masked:point"] += 1
        return attrs.evolve(c, failing=(), reason=f"{MASK_POINT} 不属于{county}")
    return attrs.evolve(c, failing=tuple(r.condition(f) for f in c.failing), reason=_own_reason(c.point, c.reason, r))


def _own_reason(point: str, reason: str, r: _Redactor) -> str:
    """The reason of a county's nominee of its own, screened, but for the nominee's id heading it
    (``P-1 为市直监测点…``, ``P-1 在2025年未在册``): the county typed that id, and the entry it heads
    shows it (``point``), so the mask protected nothing and read ``P-1：[监测点] 为市直监测点…``
    (clerk c60 05). The screen masks a point's id in a text lest the text give back a ``point``
    field the view withholds (attacker t6 02); this view gives it."""
    head = f"{point} "
    if not reason.startswith(head):
        return r.strip_refs(reason)
    return head + r.strip_refs(reason[len(head) :])


def topics(ts: Iterable[Any], r: _Redactor) -> tuple[Any, ...]:
    """专项调研 candidates: those of at least ``min_cell`` points, titles screened; a county sees
    the evidence of its county without record ids or points, nobody else any evidence. The
    candidates must have been worked out without direct feedback (``direct_feedback=False``)."""
    county = r.aud.key if r.aud.kind is AudienceKind.COUNTY else None
    out = []
    for t in ts:
        if t.points < r.min_cell:
            r.counts["suppressed:cell"] += 1
            continue
        evidence = tuple(
            attrs.evolve(e, record="", point="", text=r.text(e.text))
            for e in t.evidence
            if county is not None and e.county == county and e.record not in r.complaint_ids
        )
        counties = _counties(t, r)
        if len(counties) < len(t.counties):
            # All or none, as the monthly report's section 六 (attacker t3/06): a cut list's
            # length read as the candidate's county count ("1个县区") though it spans at least
            # common.min_counties; the renderers show an empty list's count as hidden.
            counties = ()
            # One per candidate, the rows whose count shows hidden: the counties it withheld,
            # added up, printed the one candidate's county count its row hides (attacker x39 03).
            r.counts["withheld:county"] += 1
        out.append(attrs.evolve(t, title=r.text(t.title), counties=counties, evidence=evidence))
    return tuple(out)


def guarantees(g: Any, r: _Redactor) -> Any:
    """Guarantees (保障机制): every county's, its plan's targets screened (typed by county
    clerks, they may name an enterprise or a liaison person it visits: attacker 07)."""
    if g is None:
        return None
    counties = tuple(attrs.evolve(c, targets=tuple(map(r.text, c.targets))) for c in g.counties)
    return attrs.evolve(g, counties=counties)


def _counties(t: Any, r: _Redactor) -> tuple[str, ...]:
    """A candidate's counties as the monthly report's section 六 lists them: a county only when
    at least ``min_cell`` of the candidate's points are in it, so that no county stands for one
    enterprise (tdiff finding 04). The points are those of its evidence (the city's view,
    before redaction): a point missing there only hides its county more."""
    behind: dict[str, set[str]] = {}
    for e in t.evidence:
        behind.setdefault(e.county, set()).add(e.point)
    return tuple(c for c in t.counties if len(behind.get(c, ())) >= r.min_cell)


def city_only(obj: Any, name: str, r: _Redactor) -> Any:
    """``obj`` with every field whose rule is ``city`` back at its default (field-driven, so a
    section classified ``city`` is withheld without code that names it), and ``r`` told to say
    so in one fixed sentence naming them all, whatever they hold: a count, or a notice said only
    over a part that held something, told a county whether a department had suggested a point be
    added in it (the additions come and go; fix helper fc60b, docs/privacy.md)."""
    changes: dict[str, Any] = {}
    withheld: list[str] = []
    for f in attrs.fields(type(obj)):
        if FIELD_RULES.get(name, {}).get(f.name) != "city" or f.default is attrs.NOTHING:
            continue
        withheld.append(f.name)
        default = f.default.factory() if isinstance(f.default, attrs.Factory) else f.default  # type: ignore[arg-type]
        if getattr(obj, f.name) != default:
            changes[f.name] = default
    if withheld:
        r.statements.append(city_parts_notice(withheld, r.office))
    return attrs.evolve(obj, **changes) if changes else obj


__all__ = ["city_only", "commendation", "filings", "guarantees", "mine", "proposals", "topics"]
