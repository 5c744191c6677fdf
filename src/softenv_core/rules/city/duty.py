"""Points' duty score (履行职责情况考评, seed 四(三)): base rules, extra-point cap, floor, bands.

The seed says what a point does (三(一), 三(二), 二(一)) and that its duty performance is
assessed (四(三)); every number here (30 / 30 / 20 / 20, full at 6 months, −10 per false
complaint, the +10 cap, the 0 floor, the bands) is a city decision read from the dated
parameters ``duty.*``. A base rule's ``max_points`` is the same parameter its award reads,
so raising the parameter raises the bound.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from decimal import Decimal
from types import MappingProxyType

from attrs import frozen

from softenv_core.engine.parameters import ParameterSet
from softenv_core.engine.ruletypes import Award, Band, PointYear, Rule, ScoredItems, TotalRule
from softenv_core.engine.trace import ParamValue, ScoreItem, to_points, total
from softenv_core.model.complaints import Complaint, EventType, Verdict
from softenv_core.model.periods import BEIJING, Month, beijing_date
from softenv_core.model.reports import Contact
from softenv_core.rules.city import duty_words as W
from softenv_core.rules.city.owed_months import OwedMonths, owes_month, reached_outside, share
from softenv_core.rules.city.rounds import appraisal_award, missed_rounds
from softenv_core.rules.city.sources import CITY_DECISION, VERSION, city_decision_zh, seed, seed_and_decision, seed_zh
from softenv_core.rules.city.uncounted import not_counted, other_office

#: The verdicts of a finding of 虚假 / 恶意 (Complaint.found_false reads the same two).
_FALSE_VERDICTS = (Verdict.FALSE, Verdict.MALICIOUS)


def _reached_by_month(contacts: Iterable[Contact], liaison: str) -> dict[int, list[str]]:
    """The ids of the contacts that reached the point and that ``liaison`` logged, by month
    keyed year × 12 + month: an int hashes in C, a Month in Python. One loop with the test
    inside, not a generator feeding a loop (a province resumes it 720,000 times): with the
    month looked up once per run of its contacts, the contact rule 0.263 -> 0.227 s a province."""
    out: dict[int, list[str]] = {}
    key, ids = 0, []
    for c in contacts:
        if c.reached and c.liaison == liaison:
            d = c.date
            month = d.year * 12 + d.month
            if month != key:  # by date, a month's contacts come together: one look-up for them
                key = month
                ids = out.setdefault(month, [])
            ids.append(c.id)
    return out


def _with_items_by_month(contacts: Iterable[Contact]) -> dict[int, list[str]]:
    """The ids of the contacts that recorded items (反映情况), by month keyed as
    :func:`_reached_by_month` keys them, in the same one loop."""
    out: dict[int, list[str]] = {}
    for c in contacts:
        if c.items:
            d = c.date
            ids = out.get(d.year * 12 + d.month)
            if ids is None:
                out[d.year * 12 + d.month] = [c.id]
            else:
                ids.append(c.id)
    return out


def _contact(ctx: PointYear) -> Award:
    points, pv = ctx.params.number("duty.contact.points", ctx.on)
    liaison = ctx.point.liaison
    reached = _reached_by_month(ctx.contacts, liaison)
    n_reached = 0
    missed: list[Month] = []
    evidence: list[str] = []
    for m in ctx.active_months:
        ids = reached.get(m.year * 12 + m.month)
        if ids is None:
            missed.append(m)
        else:
            n_reached += 1
            evidence += ids
    n_active = len(ctx.active_months)
    reason = W.CONTACTS(n_active=n_active, n_reached=n_reached, points=points)
    if missed:
        reason += "；" + W.NOT_REACHED(months="、".join(str(m) for m in missed)) + other_office(ctx, missed)
        reason += reached_outside(ctx.dataset, ctx.point, missed)  # dated outside the interval
    if len(reached) > n_reached:  # contacts inside the interval in months not owed: said, not counted
        reason += not_counted(reached, ctx, "联系")
    return Award(share(n_reached, n_active, points), reason, evidence, (pv,))


def _feedback(ctx: PointYear) -> Award:
    on = ctx.on  # a property making a date: read once
    points, pv = ctx.params.number("duty.feedback.points", on)
    full, pv_full = ctx.params.number("duty.feedback.full_months", on)
    months = _with_items_by_month(ctx.contacts)
    # One pass over the complaints, each moment converted once, with no property or checking
    # call (found_false was asked twice per complaint): feedback rule 0.34 -> 0.29 s a province.
    false: list[Complaint] = []  # of the year, left out as found false
    for comp in ctx.complaints:
        events = comp.events
        if not events:  # never received (received_at None)
            continue
        received = events[0].at.astimezone(BEIJING)  # aware (the model checks): Beijing's clock
        # Found false or malicious is no feedback (DESIGN: "not found false"). The last verdict
        # is read first: one scan of the events, where found_false takes two.
        if comp.verdict in _FALSE_VERDICTS and comp.found_false:
            if received.year == ctx.year:
                false.append(comp)
        else:
            months.setdefault(received.year * 12 + received.month, []).append(comp.id)
    active = {m.year * 12 + m.month for m in ctx.active_months}
    with_feedback = sorted([k for k in months if k in active])  # ints sort as their months do
    # Full marks at `full` months in a full year, scaled to the months the point was active.
    needed = full * Decimal(len(ctx.active_months)) / Decimal(12)
    ratio = min(Decimal(1), Decimal(len(with_feedback)) / needed) if needed else Decimal(1)
    evidence = [rid for k in with_feedback for rid in months[k]]
    reason = _feedback_reason(len(with_feedback), needed, full, len(ctx.active_months), points, ratio)
    if len(months) > len(with_feedback):
        # Pro-rated over the owed months (DESIGN "Point duty score"), the count is of owed
        # months too: feedback inside the interval in a month not owed is said, not counted.
        reason += not_counted(months, ctx, "反馈")
    if false:  # left out as found false: named, so that the count is checkable (DESIGN 2)
        reason += "；" + W.FALSE_FEEDBACK(found="、".join(_finding(c, ctx.year) for c in false))
    return Award(points * ratio, reason, evidence, (pv, pv_full))


def received_in(c: Complaint, year: int) -> bool:
    """Whether complaint ``c`` was received (its Beijing day) in ``year``."""
    return c.received_at is not None and beijing_date(c.received_at).year == year


def _finding(c: Complaint, year: int) -> str:
    """``QC1（2025-12收到，认定于2026-01-01 01:00，计入2026年）``: when a complaint found false
    was received and found so, in Beijing time, the instant that decides the year whose
    supervision item it deducts from (:func:`_false_findings`: a false complaint counts once,
    in the year of its verdict; a complaint of December found false in February counts in the
    new year, whose assessment can know the verdict)."""
    at, received = c.false_found_at, c.received_at
    if at is None or received is None:  # not found false: not passed here
        return c.id
    found = at.astimezone(BEIJING)
    said = {"id": c.id, "received": f"{beijing_date(received):%Y-%m}", "found": f"{found:%Y-%m-%d %H:%M}"}
    return W.FINDING(**said) if found.year == year else W.FINDING_OTHER_YEAR(**said, year=found.year)


#: The factor at full marks, as the reason writes it (``30 × 1.0000`` read as a computation left
#: undone: auditors a37, a38).
_FULL = W.FULL_FACTOR()


def _feedback_reason(n: int, needed: Decimal, full: Decimal, n_active: int, points: Decimal, ratio: Decimal) -> str:
    # Below full marks the ratio is written as the fraction it is (30 × 3/5.5), not rounded to
    # four places: 30 × 0.5455 = 16.365 gave 16.37 beside the figure 16.36 (auditor a21).
    shown = f"{needed.normalize():f}"
    factor = f"{n}/{shown}" if ratio < 1 else _FULL
    return W.FEEDBACK(n=n, shown=shown, full=f"{full.normalize():f}", n_active=n_active, points=points, factor=factor)


def feedback_reason_outside(item: ScoreItem, n_active: int) -> str:
    """The reason of a 反映情况 item where the complaint records are not shown (a county's view).

    Worked out from what that view shows anyway (the item's points, its parameters and the
    number of active months), never from the months themselves, so the reason cannot say more
    about direct feedback than the points do: at full marks the count is shown saturated at
    the months needed ("≥6"), since a count above it would tell the months complained in
    directly apart from those the county's own contacts record; below full marks the points
    already give the count, which is shown as the city office sees it.
    """
    values = {pv.name: pv.number() for pv in item.params}
    points, full = values["duty.feedback.points"], values["duty.feedback.full_months"]
    needed = full * Decimal(n_active) / Decimal(12)
    shown = f"{needed.normalize():f}"
    # The counts the shown points allow, found by the rule's own arithmetic (exact decimals).
    ratios = {k: min(Decimal(1), Decimal(k) / needed) if needed else Decimal(1) for k in range(n_active + 1)}
    fits = [k for k, r in ratios.items() if to_points(points * r) == item.points]
    if fits and all(ratios[k] == 1 for k in fits):
        return W.FEEDBACK_SATURATED(
            shown=shown, full=f"{full.normalize():f}", n_active=n_active, points=points, factor=_FULL
        )
    if len(fits) == 1:
        return _feedback_reason(fits[0], needed, full, n_active, points, ratios[fits[0]])
    # points too coarse to give the count
    return W.FEEDBACK_SHORT(shown=shown, full=f"{full.normalize():f}", n_active=n_active, got=item.points)


def _false_verdicts(ctx: PointYear) -> list[Complaint]:
    """The point's complaints whose last resolution found them false or malicious, reopened
    since or not: the few the supervision item and the nomination condition look at further.
    The verdict is one scan of a complaint's events (found_false takes two, reopened_at
    another); most complaints found nothing false, and each is asked once here (supervision
    item 0.160 -> 0.113 s a province)."""
    return [c for c in ctx.complaints if c.verdict in _FALSE_VERDICTS]


def _false_findings(suspects: Iterable[Complaint], year: int) -> tuple[list[Complaint], list[Complaint]]:
    """Of :func:`_false_verdicts`, those found false or malicious during ``year``, and those
    received in it but found so after it, which a later year deducts."""
    counted: list[Complaint] = []
    later: list[Complaint] = []
    for c in suspects:
        at = c.false_found_at  # None when reopened since (not found false)
        if at is None:
            continue
        if beijing_date(at).year == year:
            counted.append(c)
        elif received_in(c, year):
            later.append(c)
    return counted, later


def _supervision(ctx: PointYear) -> Award:
    on = ctx.on  # a property making a date: read once
    points, pv = ctx.params.number("duty.supervision.points", on)
    deduction, pv_d = ctx.params.number("duty.supervision.false_deduction", on)
    suspects = _false_verdicts(ctx)
    counted, later = _false_findings(suspects, ctx.year)
    false = [c.id for c in counted]
    raw = points - deduction * len(false)
    value = max(Decimal(0), raw)
    if not false:
        reason = W.NO_FALSE()
    elif raw < 0:  # the floor is a step of the figure, shown so that the reason re-derives it
        reason = W.FALSE_FLOORED(points=points, deduction=deduction, n=len(false), raw=raw)
    else:
        reason = W.FALSE_DEDUCTED(points=points, deduction=deduction, n=len(false))
    # Each finding with its instant (Beijing time), which decides the year it counts in; and
    # those of the year's feedback found false after the year (known at as_of), which the
    # feedback item leaves out and a later year deducts: so the two items agree.
    if counted:
        reason += "；" + W.COUNTED_THIS_YEAR(found="、".join(_finding(c, ctx.year) for c in counted))
    if later:
        reason += "；" + W.COUNTED_LATER(found="、".join(_finding(c, ctx.year) for c in later))
    return Award(value, reason + _reopened(suspects), false, (pv, pv_d))


def _reopened(suspects: Iterable[Complaint]) -> str:
    """Of :func:`_false_verdicts`, those reopened (重办) since: named, so that a reader who knows
    the earlier 虚假 finding sees why it does not deduct. One pending at the instant awaits its new
    resolution; one withdrawn (撤回) after the reopening is finished and never resolved again, so
    it is said so, not promised a resolution (auditor a60 04): the library does not count it as
    false, a reading the city has yet to confirm (docs/complaints.md, "Open: a finding contested,
    then withdrawn")."""
    pending, withdrawn = [], []
    for c in suspects:
        at = c.reopened_at
        if at is None:
            continue
        last = c.events[-1]
        if last.type is EventType.WITHDRAWN:
            withdrawn.append(W.WITHDRAWN(id=c.id, at=beijing_date(at), withdrawn=beijing_date(last.at)))
        else:
            pending.append(W.REOPENED(id=c.id, at=beijing_date(at)))
    said = "；" + W.NOT_FALSE_YET(ids="、".join(pending)) if pending else ""
    if withdrawn:
        said += "；" + W.NOT_FALSE_WITHDRAWN(ids="、".join(withdrawn))
    return said


def supervision_reason_outside(item: ScoreItem, _n_active: int) -> str:
    """The reason of a 监督质量 item where the complaint records are not shown (a county's view):
    its figure (the count found false in the year) cut at ``；`` (``; `` before full-width), without
    the findings' ids, days and receipt months, which would date direct feedback (docs/privacy.md)."""
    return item.reason.replace("; ", "；").split("；", 1)[0]


def _ref(clause: str, en: str, zh: str, what: str = "points", what_zh: str = "分值") -> tuple[str, str]:
    """A base rule's reference and its Chinese (the seed's words exactly in ``zh``), then the
    city's decision on its points."""
    return seed_and_decision(clause, en, what, what_zh, zh)


_REPORTED = "对违法违规、违反政策、违反软环境建设规定的行为进行举报、投诉、报告"
#: (id, label, zh, en, (reference, in Chinese), score, the parameter of its points and bound, replaceable)
_BASE: tuple[tuple[str, str, str, str, tuple[str, str], Callable[[PointYear], Award | None], str, bool], ...] = (
    (
        "city.duty.contact",
        "duty.contact",
        "按月联系",
        "reached monthly",
        _ref("三(二)", "每月一次, 定期定人进行联系", "每月一次,定期定人进行联系"),
        _contact,
        "duty.contact.points",
        True,
    ),
    (
        "city.duty.feedback",
        "duty.feedback",
        "反映情况",
        "feedback given",
        (
            seed("三(一)、三(三)", "认真收集监测点的问题和有关情况, 及时反馈; 直接反馈") + f"; points: {CITY_DECISION}",
            seed_zh("三(一)", "认真收集监测点的问题和有关情况,及时反馈")
            + "；三(三)：“直接反馈到市软建办”；"
            + city_decision_zh("分值"),
        ),
        _feedback,
        "duty.feedback.points",
        True,
    ),
    (
        "city.duty.appraisal",
        "duty.appraisal",
        "参加万人评议",
        "took part in appraisals",
        _ref("三(一)", "参与每年两次的万人评议活动", "参与每年两次的万人评议活动"),
        appraisal_award,
        "duty.appraisal.points",
        True,
    ),
    (
        "city.duty.supervision",
        "duty.supervision",
        "监督质量",
        "supervision quality",
        _ref("二(一)", _REPORTED, _REPORTED, "points and deduction", "分值和扣分"),
        _supervision,
        "duty.supervision.points",
        False,
    ),
)


#: The base rules whose items read direct feedback (直接反馈), with the reason each shows where
#: the complaint records are not shown (a county's view of its points, docs/privacy.md): the
#: city's decision. The redaction shows their items without evidence for every point alike,
#: whether or not any point complained. The supervision item keeps its figure: the count of
#: complaints found false is a finding about the point, which the nomination condition
#: 无虚假投诉 states as well, and it dates nothing; the findings named after it are dated.
READS_DIRECT_FEEDBACK: Mapping[str, Callable[[ScoreItem, int], str] | None] = MappingProxyType(
    {"city.duty.feedback": feedback_reason_outside, "city.duty.supervision": supervision_reason_outside}
)


def base_rules(year: int, params: ParameterSet) -> tuple[Rule, ...]:
    """The four base rules for ``year``, each bounded by its points parameter at the year's end.

    Their awards read the same parameter on the same day (``PointYear.on``), so the bound is
    never out of step with the award it bounds.
    """
    on = date(year, 12, 31)
    bounds = tuple(params.number(row[6], on)[0] for row in _BASE)
    # The same bounds give the same (immutable) rules: made once, not for every county of every
    # analysis (a tenth of a small dataset's assessment). Keyed by each bound's text, so that a
    # bound of 5 and one of 5.0 each give the rule as written.
    key = tuple(map(str, bounds))
    rules = _MADE.get(key)
    if rules is None:
        rules = tuple(
            Rule(
                id=rule_id,
                label=label,
                title_zh=zh,
                title_en=en,
                reference=reference[0],
                reference_zh=reference[1],
                score=score,
                max_points=bound,
                effective_from=VERSION,
                replaceable=replaceable,
            )
            for (rule_id, label, zh, en, reference, score, _, replaceable), bound in zip(_BASE, bounds, strict=True)
        )
        with _MADE_LOCK:  # threads of a service share it
            if len(_MADE) >= 64:  # a parameter set per call adds a key only where the bounds differ
                _MADE.clear()
            rules = _MADE.setdefault(key, rules)
    return rules


_MADE: dict[tuple[str, ...], tuple[Rule, ...]] = {}
_MADE_LOCK = threading.Lock()


def _extra_cap(items: ScoredItems) -> Award | None:
    cap, cap_pv = items.point.params.number("duty.extra_cap", items.point.on)
    extra_sum = total(items.extra)
    if extra_sum <= cap:
        return None
    return Award(cap - extra_sum, W.CAPPED(extra=extra_sum, cap=cap), (), (cap_pv,))


def _floor(items: ScoredItems) -> Award | None:
    floor, floor_pv = items.point.params.number("duty.floor", items.point.on)
    so_far = total(items.base + items.extra + items.adjustments)
    if so_far >= floor:
        return None
    return Award(floor - so_far, W.FLOORED(total=so_far, floor=floor), (), (floor_pv,))


EXTRA_CAP = TotalRule(
    id="city.duty.extra_cap",
    title_zh="加分封顶",
    title_en="extra points cap",
    reference=CITY_DECISION,
    reference_zh=city_decision_zh(),
    adjust=_extra_cap,
    effective_from=VERSION,
)
FLOOR = TotalRule(
    id="city.duty.floor",
    title_zh="总分下限",  # the floor is duty.floor, cited beside it: no number here (reviewer r59 04)
    title_en="total floor",
    reference=CITY_DECISION,
    reference_zh=city_decision_zh(),
    adjust=_floor,
    effective_from=VERSION,
)
#: Applied in this order after the base and extra rules: the cap, then the floor.
TOTAL_RULES = (EXTRA_CAP, FLOOR)

#: Each band but the lowest with the parameter of its lowest total, best first.
#: Each band with the parameter of its threshold, best first (analyses/derived_checks reads them too).
BAND_THRESHOLDS = ((Band.EXCELLENT, "duty.band.excellent"), (Band.PASS, "duty.band.pass"))


def band_of(score: Decimal, params: ParameterSet, on: date) -> tuple[Band, tuple[ParamValue, ...]]:
    """The band of a total: the best band whose threshold it reaches, else 不合格."""
    thresholds = BandThresholds.of(params, on)
    return thresholds.band(score), thresholds.params


@frozen
class BandThresholds:
    """The bands' thresholds in force on a day, read once: an assessment bands every point's
    total by the same ones (30,000 points: two parameter reads each saved)."""

    thresholds: tuple[tuple[Band, Decimal], ...]  # best band first
    params: tuple[ParamValue, ...]

    @classmethod
    def of(cls, params: ParameterSet, on: date) -> BandThresholds:
        read = [(band, *params.number(name, on)) for band, name in BAND_THRESHOLDS]
        return cls(tuple((band, threshold) for band, threshold, _ in read), tuple(pv for _, _, pv in read))

    def band(self, score: Decimal) -> Band:
        """The best band whose threshold ``score`` reaches, else 不合格."""
        for band, threshold in self.thresholds:
            if score >= threshold:
                return band
        return Band.FAIL


__all__ = [
    "BAND_THRESHOLDS",
    "EXTRA_CAP",
    "FLOOR",
    "READS_DIRECT_FEEDBACK",
    "TOTAL_RULES",
    "BandThresholds",
    "OwedMonths",
    "band_of",
    "base_rules",
    "feedback_reason_outside",
    "missed_rounds",
    "owes_month",
    "received_in",
    "supervision_reason_outside",
]
