"""Commendation of points (表彰奖励, seed 四(三)): nomination conditions and the quota.

The seed says only 由县区推荐, 市里决定 ... 表现突出的软环境建设监测点; who counts as 表现突出
(active all year, 优秀, both 万人评议 rounds, no false complaint) and how many a county may
nominate (max(1, ⌊10 % of its points⌋)) are the city's decision (``commendation.*``).

A county's points are its 县区 points (``PointLevel.COUNTY``): a 市直 point is designated by the
city and contacted by 市经贸委 (DESIGN's glossary), and county reports answer for county points
only, so a 市直 point counts in no county's quota and a county's nomination of one is rejected
(:func:`city_point`; auditor a39). The city commends its 市直 points itself.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal

from softenv_core.engine.parameters import ParameterSet
from softenv_core.engine.phrases import Phrase, term
from softenv_core.engine.ruletypes import Band, Failure, NominationCondition, PointStanding
from softenv_core.engine.trace import ParamValue
from softenv_core.model.complaints import Complaint, EventType
from softenv_core.model.periods import Month, span_zh
from softenv_core.model.points import MonitoringPoint, PointLevel
from softenv_core.rules.city.compliance import round_in_force
from softenv_core.rules.city.duty import received_in
from softenv_core.rules.city.duty_words import MISSED_ROUNDS
from softenv_core.rules.city.rounds import earlier_rounds_note, missed_rounds, rounds_before_baseline_note
from softenv_core.rules.city.sources import CITY_DECISION, VERSION, city_decision_zh, seed, seed_zh

_REFERENCE = seed("四(三)", "由县区推荐, 市里决定的方式对表现突出的软环境建设监测点进行表彰奖励") + f"; {CITY_DECISION}"
# The seed's own words, its full-width comma included (a quotation in Chinese is exact).
_REFERENCE_ZH = (
    seed_zh("四(三)", "由县区推荐,市里决定的方式对表现突出的软环境建设监测点进行表彰奖励")
    + "；"
    + city_decision_zh("推荐条件")
)


#: The reasons' words, in Chinese as the results hold them and in English (engine.phrases).
YEAR_NOT_OVER = Phrase(
    "{year}年尚未结束（截至评估时点），全年在册暂不能判定",
    "{year} is not over (at the instant assessed): active all year cannot be decided yet",
)
OTHER_RECORDS = Phrase(
    "同一企业（统一社会信用代码相同）另有监测点记录在册 {spans}，各记录分别考评，不合并计算全年在册",
    "the same enterprise (same USCC) has another point record designated {spans}; each record is assessed on "
    "its own, not combined for active all year",
)
NOT_WHOLE_YEAR = Phrase(
    "在册 {span}，未覆盖{year}年全年（{gaps} 未在册）", "designated {span}, not all of {year} ({gaps} not designated)"
)
BAND_WANTED = Phrase("考评等次为{band}，须为{wanted}", "rated {band}; must be {wanted}")
ROUNDS_OPEN = Phrase(
    "万人评议{rounds}尚未结束（未到期），暂不能判定", "appraisal round {rounds} not yet closed: not yet decided"
)
ROUNDS_CLOSED = Phrase("已结束应参加{owed}轮，参加{taken}轮", "of the closed rounds, owed {owed}, took part in {taken}")
TOOK_ROUNDS = Phrase(
    "参加万人评议{taken}轮，应参加{owed}轮（在册期间举行）",
    "took part in {taken} appraisal round(s), owed {owed} (held while designated)",
)
NO_ROUND = Phrase(
    "在册期间无已结束的万人评议轮次，无法满足“参加两次万人评议”的推荐条件",
    "no appraisal round closed while designated, so “took part in both appraisal rounds” cannot be met",
)
NO_ROUND_THIS_YEAR = Phrase(
    "在册期间无本年度已结束的万人评议轮次，无法满足“参加两次万人评议”的推荐条件",
    "no appraisal round of this year closed while designated, so “took part in both appraisal rounds” cannot be met",
)
ROUNDS_OUTSIDE = Phrase(
    "全年共{n}轮，在册期间以外举行的不计：{rounds}",
    "{n} round(s) in the year; those held while not designated do not count: {rounds}",
)
FALSE_COMPLAINTS = Phrase(
    "本年度反映的{n}件投诉经查虚假或恶意", "{n} complaint(s) made this year found false or malicious"
)
UNDECIDED = Phrase(
    "另有本年度反映的{n}件投诉截至评估时点尚未办结（或已重办），是否经查虚假或恶意暂不能判定，办结后应重新评估",
    "besides, {n} complaint(s) made this year not yet resolved (or reopened) at the instant assessed: whether "
    "found false or malicious cannot be decided yet; assess again once resolved",
)
ROUNDS_AS_OWED = Phrase(
    "参加万人评议{taken}轮，应参加{owed}轮（在册期间举行的已结束轮次），按应参加轮次判定",
    "took part in {taken} appraisal round(s), owed {owed} (closed rounds held while designated): "
    "judged by the rounds owed",
)


def _whole_year(s: PointStanding) -> Failure | None:
    ctx = s.point
    # The designation is one interval: active all year is active on its first and last day.
    if not (ctx.point.active_on(date(ctx.year, 1, 1)) and ctx.point.active_on(date(ctx.year, 12, 31))):
        why = not_whole_year(ctx.point.designated_from, ctx.point.designated_until, ctx.year)
        return Failure(why + _other_records(ctx.point, ctx.dataset.designated_points, ctx.year))
    if ctx.as_of is not None and ctx.as_of < Month(ctx.year, 12).end:
        # At an instant inside the year, the rest of the year is not known (a removal decided
        # later ends the designation): like a 万人评议 round still open for both_rounds and a
        # month not yet due for topten.on_time, not passed, saying why (auditor a29: it passed).
        return Failure(YEAR_NOT_OVER(year=ctx.year))
    return None


def _other_records(point: MonitoringPoint, points: tuple[MonitoringPoint, ...], year: int) -> str:
    """The enterprise's other records designated in ``year`` (a re-designation, or a transfer on
    a county's abolition), by their intervals: a point is its record, so 全年在册 is judged on
    this one alone (docs/rules.md, a known limitation; auditor a42 left it so), and the reason
    says that the gap is a change of record, not of membership. No point id: the other record
    may be another county's. ``points`` are the designated points (``Dataset.designated_points``),
    each with the interval its record and roster changes agree on: the bare record of one
    removed only by a roster change has no end and said 至今 (auditor a71 01)."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    spans = sorted(
        (p.designated_from, p.designated_until)
        for p in points
        if p.id != point.id
        and p.enterprise.uscc == point.enterprise.uscc
        and p.designated_from <= last
        and (p.designated_until is None or p.designated_until >= first)
    )
    if not spans:
        return ""
    said = "、".join(span_zh(a, b) for a, b in spans)
    return "；" + OTHER_RECORDS(spans=said)


def _days(a: date, b: date) -> str:
    """Days ``a``–``b`` as a clerk writes them: one day once (``2025-01-01``), not a range from a
    day to itself (auditor a44: ``2025-01-01 至 2025-01-01 未在册``)."""
    return a.isoformat() if a == b else f"{a.isoformat()} 至 {b.isoformat()}"


def not_whole_year(since: date, until: date | None, year: int) -> str:
    """Why a designation ``since``–``until`` does not cover ``year`` (全年在册), in days.

    The interval and the days of the year outside it, not a count of months: one missing day
    is as disqualifying as a missing half year, and a count of months read as 在册 while it
    counted the owed ones (应履职) (auditor: "在册3个月" for a point designated in 4 months).
    """
    first, last = date(year, 1, 1), date(year, 12, 31)
    gaps = []
    if since > first:
        gaps.append(_days(first, min(since - timedelta(days=1), last)))
    if until is not None and until < last:
        gaps.append(_days(max(until + timedelta(days=1), first), last))
    return NOT_WHOLE_YEAR(span=span_zh(since, until), year=year, gaps="、".join(gaps))


def _band(s: PointStanding) -> Failure | None:
    pv = s.point.params.get("commendation.nominee_band", s.point.on)
    wanted = Band.of(pv.text())
    if s.band is wanted:
        return None
    return Failure(BAND_WANTED(band=s.band.zh, wanted=wanted.zh), (), (pv,))


def _both_rounds(s: PointStanding) -> Failure | None:
    ctx = s.point
    taken = len(ctx.rounds_taken)
    owed = len(ctx.rounds_expected)  # the owed rounds city.duty.appraisal splits over, closed by as_of
    # The year's rounds still open at as_of that the point owes: worked out once per point by the
    # assessment (model/designations.rounds_owed, one definition for the duty item, this
    # condition and validation), which city.duty.appraisal names too.
    pending = ctx.rounds_pending
    if pending:
        # A round still open at as_of is pending: it counts neither for nor against, so taking
        # part in every owed round cannot be shown yet, and a nomination condition says yes
        # only on what is known. Not passed, saying why, until the round closes.
        return Failure(
            ROUNDS_OPEN(rounds="、".join(pending)) + "；" + ROUNDS_CLOSED(owed=owed, taken=taken),
            pending,
        )
    # City decision (docs/rules.md): the rounds asked for are those the point owed, held while
    # it was designated, as its duty item counts them; a round held after its removal is not
    # one it could take part in (validation refuses its rating there).
    if owed > 0 and taken >= owed:
        return None
    # No owed round: the condition asks for taking part, and there was none to take part in, so
    # it is not met; "应参加0轮" beside a full 参加万人评议 score read as met (t11 10).
    # With no owed round, an earlier year's round held into this one named, as the duty item does (a74 03).
    late = "" if owed else earlier_rounds_note(ctx.point, ctx.dataset.appraisal_rounds, ctx.year)
    reason = (
        TOOK_ROUNDS(taken=taken, owed=owed) + "；" + MISSED_ROUNDS(rounds="、".join(missed_rounds(ctx)))
        if owed
        else (NO_ROUND_THIS_YEAR if late else NO_ROUND)()
    )
    reason += _rounds_not_owed(s)
    reason += rounds_before_baseline_note(ctx.point, ctx.dataset.appraisal_rounds, ctx.year, ctx.params) + late
    return Failure(reason, missed_rounds(ctx))


def _rounds_not_owed(s: PointStanding) -> str:
    """The year's closed rounds held outside the point's designation, named: not counted."""
    ctx = s.point
    if s.rounds_in_year == len(ctx.rounds_expected):
        return ""
    others = sorted(
        r.id
        for r in ctx.dataset.appraisal_rounds
        if r.period.year == ctx.year
        and r.id not in ctx.rounds_expected
        and r.id not in s.rounds_pending
        and round_in_force(r, ctx.params)  # one held before the baseline is no round of the year
    )
    return "；" + ROUNDS_OUTSIDE(n=s.rounds_in_year, rounds="、".join(others))


def rounds_basis(s: PointStanding) -> tuple[str, tuple[str, ...]] | None:
    """For a point passing ``city.nominate.both_rounds``: the rounds the pass rests on, when
    they are not the two the condition's title (the seed's 参加两次万人评议) names: a point
    designated for part of the year owed one round and took part in it (auditor a51: ``满足``
    alone read as if it had taken part twice), or the year held another number. The same counts
    the duty item ``city.duty.appraisal`` shows its readers; None for the usual point."""
    ctx = s.point
    owed = len(ctx.rounds_expected)
    if owed == 2 and s.rounds_in_year == 2:
        return None
    words = ROUNDS_AS_OWED(taken=len(ctx.rounds_taken), owed=owed)
    return words + _rounds_not_owed(s), ()


def _no_false_complaint(s: PointStanding) -> Failure | None:
    """The conduct of the year assessed (auditor a42): the complaints the point made in the year
    (received in it while designated), each as it stood at ``as_of``. One found false or
    malicious fails it whenever the verdict came (a complaint of December found false on
    2026-01-03 is the year's conduct, known at the year's default instant). The supervision item
    still deducts in the verdict's year (a score counts a finding once); eligibility asks whether
    the year's conduct was free of one. One not yet decided at ``as_of`` counts neither for nor
    against (DESIGN "An explicit instant"), and failing on it would tell a county that its point
    complained (principle 7): the condition passes, and the city office's reason names it
    (:func:`undecided_caveat`), so that the city deciding the commendation is not left unaware."""
    pv = s.point.params.get("commendation.max_false_complaints", s.point.on)
    false = [c.id for c in _made_in_year(s) if c.found_false]
    if len(false) <= pv.whole():
        return None
    return Failure(FALSE_COMPLAINTS(n=len(false)), tuple(false), (pv,))


def _made_in_year(s: PointStanding) -> list[Complaint]:
    ctx = s.point
    return [c for c in ctx.complaints if received_in(c, ctx.year)]


def undecided_caveat(s: PointStanding) -> tuple[str, tuple[str, ...]] | None:
    """For a point passing ``city.nominate.no_false_complaint``: the complaints of the year still
    undecided at ``as_of`` that could yet fail it, in words and ids (the city office's view only:
    the redaction shows a passed condition as 满足 elsewhere); None when there are none."""
    pv = s.point.params.get("commendation.max_false_complaints", s.point.on)
    made = _made_in_year(s)
    open_ = tuple(c.id for c in made if _undecided(c))
    if not open_ or sum(c.found_false for c in made) + len(open_) <= pv.whole():
        return None
    return UNDECIDED(n=len(open_)), open_


#: Words a passing city condition adds, by condition id: with evidence (record ids) for the city
#: office's view alone (the redaction shows such a pass as 满足 elsewhere), without it for every
#: reader of the condition (the rounds a pass rests on, which the duty item shows them too).
PASS_CAVEATS = {"city.nominate.no_false_complaint": undecided_caveat, "city.nominate.both_rounds": rounds_basis}


def _undecided(c: Complaint) -> bool:
    """Not yet decided at the instant it is read at: neither rejected (不予受理, no finding) nor
    resolved, or reopened (重办) since its last resolution, its finding contested. One withdrawn
    (撤回) is finished with no finding, after a reopening too: it can no longer be found false."""
    if c.events and c.events[-1].type is _WITHDRAWN:
        return False
    if c.reopened_at is not None:
        return True
    # By identity: a member's hash is a Python-level call (Enum.__hash__), a tenth of this
    # condition's time when the events were looked up in a set of two (cProfile of assess).
    return not any(e.type is _RESOLVED or e.type is _REJECTED for e in c.events)


_RESOLVED, _REJECTED, _WITHDRAWN = EventType.RESOLVED, EventType.REJECTED, EventType.WITHDRAWN


def _condition(cid: str, zh: str, en: str, check: Callable[[PointStanding], Failure | None]) -> NominationCondition:
    term(zh, en)  # a nominee's reason names the condition by its Chinese title (analyses.commendation)
    return NominationCondition(
        id=cid,
        title_zh=zh,
        title_en=en,
        reference=_REFERENCE,
        reference_zh=_REFERENCE_ZH,
        check=check,
        effective_from=VERSION,
    )


NOMINATION_CONDITIONS = (
    _condition("city.nominate.whole_year", "全年在册", "active all year", _whole_year),
    _condition("city.nominate.excellent", "考评优秀", "rated 优秀", _band),
    _condition("city.nominate.both_rounds", "参加两次万人评议", "took part in both appraisal rounds", _both_rounds),
    _condition("city.nominate.no_false_complaint", "无虚假投诉", "no false complaint", _no_false_complaint),
)


def nomination_quota(active_points: int, params: ParameterSet, on: date) -> tuple[int, str, tuple[ParamValue, ...]]:
    """How many a county with ``active_points`` may nominate, the formula shown, the parameters."""
    share, share_pv = params.number("commendation.quota_share", on)
    least, min_pv = params.number("commendation.quota_min", on)
    # Exact decimal arithmetic: 10 % of 30 points is 3, not 2.9999….
    quota = max(int(least), math.floor(share * Decimal(active_points)))
    formula = f"max({least.normalize():f}, ⌊{share.normalize():f} × {active_points}个在册县区监测点⌋)"
    return quota, formula, (share_pv, min_pv)


def city_point(point: MonitoringPoint | None, county: str, liaison: str) -> str | None:
    """Why ``county``'s nomination of ``point`` is not a county's to make, when the point is a
    市直 point of that county (``PointLevel.CITY``): the city designates and contacts it (its
    ``liaison`` office, ``City.liaison_office``), and a county recommends its own 县区 points
    (四(三) 由县区推荐); else None (another county's point, or an unknown one, is said otherwise)."""
    if point is None or point.county != county or point.level is not PointLevel.CITY:
        return None
    return f"{point.id} 为市直监测点（市确定、{liaison}联系），由市里自行表彰，不由县区推荐"


__all__ = [
    "NOMINATION_CONDITIONS",
    "PASS_CAVEATS",
    "city_point",
    "nomination_quota",
    "not_whole_year",
    "rounds_basis",
    "undecided_caveat",
]
