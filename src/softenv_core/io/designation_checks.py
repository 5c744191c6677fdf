"""The checks of a dataset that need each point's designation interval (DESIGN "Who owes what,
when"), run with the reference checks:

- a point's record and its roster changes must agree on its interval (model/designations.py);
- one enterprise (统一社会信用代码) is one point at a time: two points of the same credit code
  whose intervals overlap would count it twice in the roster, in representativeness and in
  the commendation quota (audit finding 06);
- a point rates as group ``point`` (监测点企业) only in a round whose window it was designated
  during: a rating from one that was not is either another group's or a mistake, and counted
  as a point's it would move the departments' scores and the round's participation (audit
  finding 07). Principle 3 (strict, never silently wrong): refused, naming the rating, not
  dropped with a notice, since which group it belongs to is the data's to say;
- a point is designated in its county only on days the county exists (``effective_from`` /
  ``effective_until``, audit t3 finding 03): a point left in an abolished county would owe,
  be "reached" by the abolished county's office and earn it a nomination quota. Its
  effective interval counts, so a point transferred out (removed, re-designated in the
  successor county: docs/data-format.md "A re-designation") before the abolition is fine;
- one enterprise is one rater in a round: two point records of the same credit code (a
  re-designation inside the round's window) rating the same department in the same round
  would count the enterprise twice in the department's score and its valid ratings (the
  30 that decide ranking), as two records of one point may not (audit t9 finding 02).
  Refused, naming both ratings, like a second rating of one record. Whatever the group: a
  rater that is a point's id, or (outside group ``point``) its credit code, is that enterprise
  (t12 finding 05: the second record rated as 其他企业), the code in any case or width
  (auditor a65 01: compared as the text screen reads it, ``_fold.credit_code``); and any
  enterprise's credit code, however written, is one rater (attacker x61 01:
  ``91379902ma0007778w`` and ``91379902-MA0007778W`` are ``91379902MA0007778W``);
- a point designated during a round's window rates as group ``point``: its id, or its credit
  code however written (auditor a65 01, attacker x61 01), rating as another group (其他企业 …)
  would weigh its rating by another group's weight and leave the point "not taking part" (t12
  finding 05). A point not designated then may rate as another group.

Each problem is ``$.path: message`` with the record's position; the loader adds its id.

Besides, a warning (not an error, :func:`unrecorded_warnings`): a point whose own record says
it was added or removed in a year the reports cover, with no roster change recording it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from datetime import date, timedelta
from operator import attrgetter
from typing import Any

from softenv_core._fold import credit_code
from softenv_core.model.appraisals import AppraisalRound, RaterGroup
from softenv_core.model.dataset import Dataset
from softenv_core.model.designations import designations, owes_round, unrecorded_changes
from softenv_core.model.divisions import County
from softenv_core.model.points import MonitoringPoint
from softenv_core.model.roster import ChangeAction


def designation_problems(ix: Mapping[str, Iterable[tuple[int, Any]]]) -> list[str]:
    """Disagreeing intervals, one enterprise designated twice at once, and ratings as a point
    outside its interval, found over the collections ``ix`` (records with their positions)."""
    points = list(ix["points"])
    found = designations(points, ix["roster_changes"])
    # The checks below read the intervals the records and the changes agree on (a disagreement
    # is reported above; the record's own dates stand in for it meanwhile).
    numbered = [(i, p) for (i, _), p in zip(points, found.points, strict=True)]
    counties = {c.code: c for _, c in ix["counties"]}
    return [
        *found.problems,
        *_outside_county(counties, numbered),
        *_enterprises_twice(numbered),
        *_ratings_outside(ix, numbered),
        *_rater_problems(ix, numbered),
    ]


def _shown(p: MonitoringPoint) -> str:
    return f"{p.designated_from}–{p.designated_until or '…'}"


def _overlap(a: MonitoringPoint, b: MonitoringPoint) -> bool:
    return (a.designated_until is None or a.designated_until >= b.designated_from) and (
        b.designated_until is None or b.designated_until >= a.designated_from
    )


def _outside_county(counties: Mapping[str, County], points: list[tuple[int, MonitoringPoint]]) -> list[str]:
    """Points designated on days their county does not exist: before it is created, after it
    is abolished. An unknown county is the reference checks' problem, not this one's."""
    out = []
    for i, p in points:
        c = counties.get(p.county)
        if c is None:
            continue
        county = f"county {c.code} ({c.name})"
        if c.effective_from is not None and p.designated_from < c.effective_from:
            out.append(
                f"$.points[{i}].designated_from: {p.designated_from} is before {county} exists "
                f"(effective_from {c.effective_from}): record the days before in the county it belonged to and "
                f"transfer it with a roster change effective {c.effective_from}, or designate it from "
                f"{c.effective_from}"
            )
        until = c.effective_until
        if until is not None and (p.designated_until is None or p.designated_until > until):
            out.append(
                f"$.points[{i}].designated_until: {p.designated_until or 'no end'} is after {county} was "
                f"abolished (effective_until {until}): record a transfer to the successor county (a roster "
                f"change removing it effective {until + timedelta(days=1)} and a new point record there), "
                f"or end the designation by {until}"
            )
    return out


def _enterprises_twice(points: list[tuple[int, MonitoringPoint]]) -> list[str]:
    codes = [p.enterprise.uscc for _, p in points]
    if len(set(codes)) == len(codes):  # the usual case: every credit code once
        return []
    by_code: dict[str, list[tuple[int, MonitoringPoint]]] = {}
    for i, p in points:
        by_code.setdefault(p.enterprise.uscc, []).append((i, p))
    out = []
    for code, same in by_code.items():
        for k, (j, later) in enumerate(same):
            for i, earlier in same[:k]:
                # One record written twice (a duplicate id) is reported as that, once.
                if earlier.id != later.id and _overlap(earlier, later):
                    out.append(
                        f"$.points[{j}].enterprise.uscc: {code} is also the credit code of "
                        f"$.points[{i}].enterprise.uscc ({earlier.id}), designated {_shown(earlier)}, overlapping "
                        f"this point's {_shown(later)}: an enterprise is one point at a time" + _renamed(earlier, later)
                    )
    return out


def _renamed(earlier: MonitoringPoint, later: MonitoringPoint) -> str:
    """Both records in one county: most likely a rename entered as a new point, which keeps the
    one record (docs/data-format.md "A renamed enterprise"); the advice on a move or a copy slip
    alone led a clerk toward two records (clerk c54 03). Worded in Chinese by :func:`overlap_zh`."""
    if earlier.county != later.county:
        return ""
    return (
        f"; both are in county {later.county}: if the enterprise was renamed, keep the one record "
        f"({earlier.id}) with the new name and the old one in enterprise.former_names"
    )


#: The message of :func:`_enterprises_twice`, as io/workbook_messages.py words it.
OVERLAP = (
    r"^(\S+) is also the credit code of (\S+?)(?:\.enterprise\.uscc)? \((.*?)\), designated (.*), "
    r"overlapping this point's (.*?): an enterprise is one point at a time(; both are in county \d+: .*)?$"
)


def overlap_zh(m: re.Match[str], span: Callable[[str], str]) -> str:
    """The Chinese of :func:`_enterprises_twice`'s message: a rename's advice when both records
    are in one county (clerk c54 03), a move's and a copy slip's otherwise."""
    head = (
        f"{m[1]} 也是 {m[2]}（{m[3]}）的统一社会信用代码，其确定期间 {span(m[4])} 与本监测点的 {span(m[5])} "
        "重叠：一家企业同一时间只能是一个监测点。"
    )
    if m[6]:
        return head + (
            "两条记录在同一县区：同一企业更名的，不另建监测点记录，请删去这一行，"
            f"在原记录 {m[3]} 中把企业名称改为新名称，"
            "原名称写进“曾用名”（softenv export 导出数据集的工作簿，改后 softenv import --out 重新导入）；"
            "不是同一企业的，是否复制粘贴时带错了代码？"
        )
    return head + (
        "同一企业迁到另一县区（或转为市直）的，新记录的确定日期写迁入之日"
        "（名册调整中增设的生效日期），原记录的截止日期写其前一天；不是同一企业的，是否复制粘贴时带错了代码？"
    )


def _ratings_outside(
    ix: Mapping[str, Iterable[tuple[int, Any]]], points: list[tuple[int, MonitoringPoint]]
) -> list[str]:
    rounds = {r.id: r for _, r in ix["appraisal_rounds"]}
    # Per round, the points not designated on any day of its window: usually none or a few,
    # so 600,000 ratings are checked against them with set operations first.
    outside: dict[str, dict[str, MonitoringPoint]] = {}
    for rid, r in rounds.items():
        away = {p.id: p for _, p in points if not owes_round(p, r)}
        if away:
            outside[rid] = away
    if not outside:
        return []
    ratings = list(ix["ratings"])
    records = [r for _, r in ratings]
    pairs = set(zip(map(attrgetter("round"), records), map(attrgetter("rater"), records), strict=True))
    if not any(rater in outside.get(rid, ()) for rid, rater in pairs):
        return []
    out = []
    for i, rating in ratings:
        p = outside.get(rating.round, {}).get(rating.rater)
        if p is not None and rating.group is RaterGroup.POINT:
            r = rounds[rating.round]
            out.append(
                f"$.ratings[{i}].rater: point {p.id} (designated {_shown(p)}) was not designated during round "
                f"{r.id}'s window {r.opened}–{r.closed}, yet rates as group 'point' (监测点企业): {RATED_OUTSIDE_FIX}"
            )
    return out


#: What a clerk does about a rating by a point outside its designation (clerk c63 02).
RATED_OUTSIDE_FIX = (
    "delete the rating if the enterprise did not rate in that round, or correct its group (another group "
    "than 'point' if it rated as one) or its rater (if another point rated)"
)

#: :func:`_ratings_outside`'s message, for its Chinese (:func:`rated_outside_zh`).
RATED_OUTSIDE = (
    r"^point (\S+) \(designated (.*)\) was not designated during round (\S+)'s window (\S+)–(\S+), "
    r"yet rates as group 'point' \(监测点企业\)"
)


def rated_outside_zh(m: re.Match[str], span: Callable[[str], str]) -> str:
    """The Chinese of :func:`_ratings_outside`'s message, with what to do (clerk c63 02: it was
    English under --lang zh, and said nothing of what to do)."""
    return (
        f"监测点 {m[1]} 的在册期间为 {span(m[2])}，评议轮次 {m[3]} 的评议期间（{m[4]} 至 {m[5]}）不在册，"
        "却按“监测点企业”评议：只有评议期间在册的监测点按“监测点企业”评议。"
        "该企业本轮没有参加评议的（如已撤销后误抄），请删除该行；以其他身份评议的，请把评议人群体改为实际的群体；"
        "其实是另一个在册监测点评议的，请改正评议人"
    )


def _rater_problems(
    ix: Mapping[str, Iterable[tuple[int, Any]]], points: list[tuple[int, MonitoringPoint]]
) -> list[str]:
    """One enterprise rating a department twice in a round, and a point rating as another group."""
    ratings = list(ix["ratings"])
    point = RaterGroup.POINT
    # The raters outside group point, read once (60 ms for 600,000 ratings): a point's id or
    # credit code among them is rare, and only then is a rating read again.
    others = {r.rater for _, r in ratings if r.group is not point}
    # Every such rater's id read as a credit code as the text screen reads one (_fold.credit_code:
    # upper case, full width narrowed, look-alike letters, no invisible characters, no separators
    # such as - or a space inside), whatever the enterprise: 91379902ma0007778w and
    # 91379902-MA0007778W are the enterprise of 91379902MA0007778W, which rated twice unseen when
    # matched as written (a65 01 for a point's code, x61 01 for any). A short ASCII id is no code
    # and is not folded; 100,000 raters under codes take about 0.1 s.
    read = {r: c for r in others if (c := credit_code(r)) is not None}
    codes = {p.enterprise.uscc for _, p in points}
    as_code = {r: c for r, c in read.items() if c in codes}
    return [
        *_enterprise_rates_twice(ratings, others, read, points),
        *_point_rates_as_other_group(ix, ratings, others, as_code, points),
    ]


def _enterprise_rates_twice(
    ratings: list[tuple[int, Any]],
    others: set[str],
    read: Mapping[str, str],
    points: list[tuple[int, MonitoringPoint]],
) -> list[str]:
    """A second rating of one department in one round by another identity of the same
    enterprise (another point record, or its credit code outside group ``point``, however
    written), in any group, naming the first. Only enterprises with two identities among the
    raters are read: usually none."""
    code_of, point_ids = _rater_identities(others, read, points)
    if not code_of:
        return []

    def named(rater: str) -> str:
        return f"point {rater}" if rater in point_ids else f"rater {rater}"

    first: dict[tuple[str, str, str], tuple[int, str]] = {}
    out = []
    for i, rating in ratings:
        code = code_of.get(rating.rater)
        if code is None or (rating.group is RaterGroup.POINT and rating.rater not in point_ids):  # an unknown point
            continue
        key = (rating.round, rating.department, code)
        seen = first.setdefault(key, (i, rating.rater))
        if seen[1] != rating.rater:  # the same rater twice is the duplicate check's, said once
            out.append(
                f"$.ratings[{i}].rater: {named(rating.rater)} is the same enterprise (credit code {code}) as "
                f"{named(seen[1])}, which rated department {rating.department} in round {rating.round} at "
                f"$.ratings[{seen[0]}]: an enterprise rates a department once a round; keep one of the two ratings "
                "and delete the other (or correct the rater if it is another enterprise)"
            )
    return out


def _rater_identities(
    others: set[str], read: Mapping[str, str], points: list[tuple[int, MonitoringPoint]]
) -> tuple[dict[str, str], set[str]]:
    """Rater id → credit code, for the enterprises that may rate under two ids: two point
    records, a point's id rating outside group ``point``, or two ids (a point's, a credit code
    however written: ``read``, as _fold.credit_code reads it) of one code; and the points' ids
    (how a message names a rater: ``point P1``, ``rater 91…``)."""
    ids: dict[str, set[str]] = {}
    for _, p in points:
        ids.setdefault(p.enterprise.uscc, set()).add(p.id)
    code_of = {pid: code for code, same in ids.items() for pid in same}
    for rater, code in read.items():
        ids.setdefault(code, set()).add(rater)
    twice = {code for code, same in ids.items() if len(same) > 1}
    twice.update(code_of[r] for r in others if r in code_of)
    found = {pid: code for pid, code in code_of.items() if code in twice}
    return found | {r: code for r, code in read.items() if code in twice}, set(code_of)


def _point_rates_as_other_group(
    ix: Mapping[str, Iterable[tuple[int, Any]]],
    ratings: list[tuple[int, Any]],
    others: set[str],
    as_code: Mapping[str, str],
    points: list[tuple[int, MonitoringPoint]],
) -> list[str]:
    """A point's id, or its credit code, rating as a group other than ``point`` in a round
    whose window the point was designated during (a point not designated then may rate as
    another group: its enterprise was no point in that round)."""
    by_id = {p.id: p for _, p in points}
    if others.isdisjoint(by_id) and not as_code:
        return []
    by_code: dict[str, list[MonitoringPoint]] = {}
    for q in by_id.values():
        by_code.setdefault(q.enterprise.uscc, []).append(q)
    rounds = {r.id: r for _, r in ix["appraisal_rounds"]}
    out = []
    for i, rating in ratings:
        r = rounds.get(rating.round) if rating.group is not RaterGroup.POINT else None
        if r is None:
            continue
        group = rating.group
        p = by_id.get(rating.rater)
        if p is not None and owes_round(p, r):
            out.append(
                f"$.ratings[{i}].group: {group.value} ({group.zh}) but rater {p.id} is a point designated during "
                f"round {r.id}'s window {r.opened}–{r.closed}: a point rates as group 'point' (监测点企业); set the "
                "group to point, or give the rater another id if it is not that point"
            )
        elif p is None and rating.rater in as_code:
            owing = [q for q in by_code[as_code[rating.rater]] if owes_round(q, r)]
            if owing:
                out.append(_as_code_problem(i, rating.rater, group, owing[0], r))
    return out


def _as_code_problem(i: int, rater: str, group: RaterGroup, p: MonitoringPoint, r: AppraisalRound) -> str:
    """A point's credit code rating as another group in a round the point owes: as its id would
    be, since counted so it weighs by that group's weight and the point shows as not taking part
    (auditor a65 01). Worded in Chinese by io/workbook_messages.py."""
    return (
        f"$.ratings[{i}].group: {group.value} ({group.zh}) but rater {rater} is the credit code of point {p.id}, "
        f"designated during round {r.id}'s window {r.opened}–{r.closed}: a point rates under its id as group "
        f"'point' (监测点企业), not as {group.value}, which would weigh its rating by that group's weight and show "
        f"the point as not taking part; set the rater to {p.id} and the group to point, or correct the rater if "
        "it is another enterprise"
    )


def unrecorded_warnings(dataset: Dataset, since: date | None = None) -> list[str]:
    """A warning per roster change a point's record implies (a designation beginning or ending in
    a year the dataset's reports cover) that no roster change (名册调整) records (t11 11).

    A warning, not an error: the record alone defines the interval and every figure reads it
    (DESIGN "Who owes what, when" asks the two to agree when both exist, which is an error);
    what is missing is the change itself, so the filing (备案) and adjustment-window (调整期)
    checks never saw it. The year end lists it in its sections 四 and 九 (docs/yearend.md).

    ``since``: the programme's first day, before which the roster is the initial one (the
    baseline's, which this layer cannot read: the CLI and the service pass it); without it,
    the dataset's earliest designation is taken as the initial roster."""
    years = {r.month.year for r in dataset.reports}
    if since is None:
        since = min((p.designated_from for p in dataset.points), default=date.min)
    out = []
    for i, p, action, effective in unrecorded_changes(dataset.points, dataset.roster_changes, years, since):
        unchecked = "its filing (备案) and adjustment window (调整期) cannot be checked; record the roster change"
        if action is ChangeAction.ADD:
            out.append(
                f"$.points[{i}] ({p.id}).designated_from: {effective} falls in {effective.year}, a year the reports "
                f"cover, but no roster change (名册调整) adds {p.id}: designated_from is the day the enterprise "
                "was designated a point (its designation document), not the day its records begin: for a point "
                "designated earlier, write that day; for one added that year, record the addition (action add, "
                f"effective {effective}) and its filing (备案), or its filing and adjustment window cannot be checked"
            )
        else:
            out.append(
                f"$.points[{i}] ({p.id}).designated_until: {p.designated_until} ends the designation (removed "
                f"effective {effective}, in {effective.year}), but no roster change (名册调整) removes {p.id}: "
                f"an unrecorded removal, {unchecked}"
            )
    return out


__all__ = [
    "RATED_OUTSIDE",
    "RATED_OUTSIDE_FIX",
    "designation_problems",
    "rated_outside_zh",
    "unrecorded_warnings",
]
