"""The year-end work's parts as sheets of the results workbook, and their Chinese labels.

``softenv yearend --format xlsx`` wrote the assessment's sheets only: a clerk working in Excel
never saw the proposals to remove points, the filing check or the commendation quota (the
clerk's finding 12). These sheets carry them from the :class:`YearEnd` the workbook is given,
which is already redacted for its audience as the Markdown rendering is (docs/privacy.md: a
county its own proposals and filings, a department and the public none; each county's quota
and the published list). The labels turn the result's codes (``city``, ``representativeness``,
``size``, ``large``) into the words of a Chinese document (finding 09), for the Markdown too.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from softenv_core.analyses.adjustment import AdditionProposal
from softenv_core.analyses.commendation import CommendationResult, CountyNominations, DecisionCheck
from softenv_core.analyses.disclosure import HIDDEN_MARK
from softenv_core.analyses.followup_status import FollowUpYear
from softenv_core.analyses.representativeness import Gap
from softenv_core.analyses.unqualified_removals import UnqualifiedRemoval
from softenv_core.analyses.year_end import YearEnd
from softenv_core.model.enterprises import Ownership, Sector
from softenv_core.model.periods import beijing_date
from softenv_core.model.points import Designator
from softenv_core.model.reports import ItemCategory
from softenv_core.model.roster import ChangeReason
from softenv_core.model.sizes import Size
from softenv_core.render.notices_en import shown_notice
from softenv_core.render.reasons import said
from softenv_core.render.yearend_flags import also_proposed_lines

Sheet = tuple[list[str], list[list[Any]]]

_SOURCE_ZH = {"representativeness": "代表性缺口", "department_suggestion": "有关部门建议"}
_DIMENSION_ZH = {"county": "县区", "sector": "行业", "size": "规模", "ownership": "所有制", "enterprise": "企业"}
_VALUES: dict[str, Callable[[str], str]] = {
    "sector": lambda v: Sector.from_value(v).zh,
    "size": lambda v: Size.from_value(v).zh,
    "ownership": lambda v: Ownership.from_value(v).zh,
}


#: A cell of a field the document holds none of because it was written before the field was
#: recorded (``active_point_ids``): not "—", which marks a count withheld from the reader.
NOT_RECORDED_ZH = "无记录"

#: The undated nominations' label, in the Markdown's section 五 and the workbook's 表彰推荐 sheet.
UNDATED_ZH = "未记录推荐时间的推荐（不论数据截至何时均计入）"


def scope_zh(scope: str) -> str:
    """Where a gap or an addition is: 全市, or the county's code."""
    return "全市" if scope == "city" else scope


def gap_zh(g: Gap, audience: str = "city") -> str:
    """A roster gap as a document says it: 全市缺大型企业, 示范区（379902）缺服务业企业 (t11 10: a bare
    code where the adjustment sheet names the county). A county reader is told a gap of the city
    scope as what was checked, 本数据集缺大型企业: a county's own dataset holds no other county, and
    全市 was said of it (clerk c55 05, as c54 04's 本数据集中 for the 无联系记录 notice); of the
    city's dataset it is as true."""
    if g.scope == "city" and audience.startswith("county:"):
        return f"本数据集缺{g.missing_zh}企业"
    where = f"{g.scope_name}（{g.scope}）" if g.scope_name and g.scope != "city" else scope_zh(g.scope)
    return f"{where}缺{g.missing_zh}企业"


def gap_en(g: Gap, audience: str = "city") -> str:
    """A roster gap in English, one wording for the Markdown and the workbook (they said ``city: no
    large`` and ``city: size large``), a city-scope gap told a county reader as what was checked,
    as :func:`gap_zh` says 本数据集缺 (reviewer r60 09)."""
    if g.scope == "city":
        where = "this dataset" if audience.startswith("county:") else "the city"
    else:
        where = f"county {g.scope}" + (f" {g.scope_name}" if g.scope_name else "")
    return f"{where} has no {g.missing} enterprise ({g.dimension})"


def addition_cells(a: AdditionProposal, zh: bool, county: Callable[[str], str] | None = None) -> list[Any]:
    """An addition proposal's scope, source, dimension and wanted value, in Chinese for ``zh``
    (an unknown code, e.g. a plugin's, is shown as it is), then its explanation. ``county``
    names a county scope in a document (``379903 西城区``, as its other tables: clerk c52 07)."""
    if not zh:
        return [a.scope, a.source, a.dimension, a.wanted, *said([a.explanation], zh)]
    value = _VALUES.get(a.dimension)
    try:
        wanted = value(a.wanted) if value is not None else a.wanted
    except ValueError:  # a value the enum does not know: the code, rather than nothing
        wanted = a.wanted
    return [
        county(a.scope) if county is not None and a.scope != "city" else scope_zh(a.scope),
        _SOURCE_ZH.get(a.source, a.source),
        _DIMENSION_ZH.get(a.dimension, a.dimension),
        wanted,
        a.explanation,
    ]


def yearend_sheets(y: YearEnd, lang: str) -> list[tuple[str, Sheet, int]]:
    """The year end's sheets: (title, (headers, rows), frozen columns), in the Markdown's order."""
    zh = lang == "zh"
    return [
        ("代表性" if zh else "Representativeness", _representativeness(y, zh), 1),
        ("调整建议" if zh else "Proposals", _proposals(y, zh), 1),
        ("调整备案" if zh else "Filings", _filings(y, zh), 1),
        ("撤销核对" if zh else "Removals checked", _removals(y, zh), 1),
        ("表彰推荐" if zh else "Commendation", _commendation(y, zh), 1),
        ("专项调研" if zh else "Research topics", _topics(y, zh), 1),
        ("调整期与增设" if zh else "Window and additions", _window(y, zh), 1),
    ]


def _representativeness(y: YearEnd, zh: bool) -> Sheet:
    headers = ["名单", "日期", "监测点数", "缺口"] if zh else ["Roster", "On", "Points", "Gaps"]
    rows: list[list[Any]] = []
    for label, rep in (("调整前" if zh else "before", y.roster_before), ("调整后" if zh else "after", y.roster_after)):
        gaps = "\n".join(gap_zh(g, y.audience) if zh else gap_en(g, y.audience) for g in rep.gaps)
        rows.append([label, rep.on, rep.points, gaps or ("无缺口" if zh else "no gaps")])
    return headers, rows


def _proposals(y: YearEnd, zh: bool) -> Sheet:
    """The adjustment's proposals, then the removals departments suggested (三(五))."""
    headers = ["监测点", "县区", "建议", "来源", "理由"] if zh else ["Point", "County", "Proposal", "Source", "Why"]
    own, dept = ("考评与联系", "有关部门建议") if zh else ("assessment", "department")
    rows = [
        [p.point, p.county, p.action.zh if zh else p.action.value, source, "\n".join(said(p.explanation, zh))]
        for source, found in ((own, y.proposals), (dept, y.suggested_removals))
        for p in found
    ]
    return headers, rows


def _filings(y: YearEnd, zh: bool) -> Sheet:
    headers = (
        ["调整", "县区", "监测点", "生效日期", "备案日期", "按时备案", "问题"]
        if zh
        else ["Change", "County", "Point", "Effective", "Filed", "In time", "Problem"]
    )
    yes, no = ("是", "否") if zh else ("yes", "no")
    rows = [
        [
            f.change,
            f.county,
            f.point,
            f.effective,
            f.filed_on if f.filed_on else ("未备案" if zh else "not filed"),
            yes if f.ok else no,
            "" if f.ok else said([f.reason], zh)[0],
        ]
        for f in y.filings
    ]
    # A county's change only a point's record shows (t11 11): no change id, no filing to find.
    rows += [
        [
            "未记录" if zh else "unrecorded",
            u.county,
            u.point,
            u.effective,
            "未备案" if zh else "not filed",
            no,
            u.explanation if zh else f"{u.action.value} shown only by the point's record: no roster change",
        ]
        for u in y.unrecorded
        if u.by is Designator.COUNTY and u.point  # a department's or the public's copies name none
    ]
    return headers, rows


#: The quota table's columns (section 五, the 表彰推荐 sheet): the county's 县区 points counted
#: beside the quota worked out from them, so that a reader can recompute every quota, not only
#: the one over it (auditor a56: the table gave the quota alone, its basis in JSON only).
QUOTA_HEADERS_ZH = ["县区", "在册县区监测点", "名额", "推荐", "符合条件", "不符合条件", "名额问题"]
QUOTA_HEADERS_EN = ["County", "County points", "Quota", "Nominated", "Accepted", "Rejected", "Quota error"]


def quota_error(c: CountyNominations, zh: bool) -> str:
    """A county's over-quota error in the reader's language: the analysis words it in Chinese
    (``error``); the English face gives the same three figures (nominated, quota, over by)."""
    if not c.error:
        return ""
    if zh:
        return _quota_in_words(c)
    # No parameters: the county does not exist on the year's last day (quota 0, no formula).
    basis = f"from {c.active_points} designated 县区 points" if c.params else "the county does not exist at year end"
    return f"{c.county}: {c.nominated} nominated, quota {c.quota}, {c.nominated - c.quota} over ({basis})"


def _quota_in_words(c: CountyNominations) -> str:
    """The analysis's error with its formula (``max(1, ⌊0.1 × 18个在册县区监测点⌋)``, the JSON's)
    said in words from the parameters it was worked out with: ``名额 = 在册县区监测点18个 × 10%，
    向下取整，至少1个`` (clerk c52 07: an official reads no floor brackets). The error as it is
    when its parameters are not both recorded (a county not in existence at year end)."""
    by_name = {pv.name: pv for pv in c.params}
    head, sep, _formula = c.error.rpartition("（max(") if c.error else ("", "", "")
    if not sep or not {"commendation.quota_share", "commendation.quota_min"} <= set(by_name):
        return c.error or ""
    share = (by_name["commendation.quota_share"].number() * 100).normalize()
    least = by_name["commendation.quota_min"].number().normalize()
    return f"{head}（名额 = 在册县区监测点{c.active_points}个 × {share:f}%，向下取整，至少{least:f}个）"


def quota_basis(y: YearEnd, zh: bool) -> str:
    """What each county's quota counts, said under the quota table: its own 县区 points on the
    roster at year end, never a 市直 point, which the city designates, contacts and commends
    itself, so that no county reads 市直 points into its places (auditor a39). At an instant
    inside the year the roster counted is that day's (``check_commendation``), and the line says
    so: 年末 over the counts of 12-15 told the reader a year-end figure (auditor a56)."""
    last = date(y.year, 12, 31)
    day = last if y.as_of is None else min(last, beijing_date(y.as_of))
    if zh:
        when = "年末" if day == last else f"{day.isoformat()}（数据截至日，年末名单尚未可知）"
        return f"名额按各县区{when}在册的县区监测点计；市直监测点不计入县区名额，也不由县区推荐（由市里自行表彰）。"
    when = (
        "at year end"
        if day == last
        else f"on {day.isoformat()} (the instant's day; the year-end roster is not yet known)"
    )
    return (
        f"Each quota counts the county's own 县区 points on the roster {when}; 市直 points count in no "
        "county's quota and are not nominated by a county (the city commends them itself)."
    )


def _removals(y: YearEnd, zh: bool) -> Sheet:
    """Every removal for 考评不合格 beside the year's band (a39: the Markdown's section 三 flags the
    ones the assessment contradicts; a clerk working in Excel saw none), and for 连续三个月未联系上
    beside the year's unreached runs (a59, said in 核对), flagged ones marked."""
    headers = (
        ["记录", "县区", "监测点", "生效日期", "年度总分", "等次", "核对"]
        if zh
        else ["Change", "County", "Point", "Effective", "Total", "Band", "Check"]
    )
    rows = [
        [
            u.change,
            u.county,
            u.point,
            u.effective,
            u.total,  # a Decimal, written as the 监测点 sheet writes totals
            (u.band.zh if zh else u.band.value) if u.band is not None else ("无等次" if zh else "none"),
            ("! " if u.flagged else "") + (u.explanation if zh else _removal_check_en(u)),
        ]
        for u in y.unqualified_removals
    ]
    return headers, rows


def _removal_check_en(u: UnqualifiedRemoval) -> str:
    if u.band is None:
        return "no band: the point owed no month of the year"
    if u.reason is ChangeReason.UNREACHABLE:  # set against the year's unreached runs (a59)
        run = "no run of consecutive unreached months long enough" if u.flagged else "unreached in consecutive months"
        return f"{run} in {u.year}: " + ("contradicts the reason" if u.flagged else "agrees")
    return f"rated {u.band.value} in {u.year}: " + ("contradicts the reason" if u.flagged else "agrees")


def _commendation(y: YearEnd, zh: bool) -> Sheet:
    """Each county's quota and nominations, then the city's decision and its flags. The last
    column lists the points each count counts (auditor a59: the base of the quota was a bare
    number), as far as the reader is given them (a county its own: ``active_point_ids``)."""
    headers = [*QUOTA_HEADERS_ZH, "计入名额的监测点"] if zh else [*QUOTA_HEADERS_EN, "Points counted"]
    c = y.commendation
    rows: list[list[Any]] = [
        [
            n.county,
            n.active_points,  # what the quota is worked out from (auditor a56: the quota alone)
            n.quota,
            n.nominated,
            *nominee_cells(n, zh),
            quota_error(n, zh),
            counted_cell(n, y.audience, zh),
        ]
        for n in c.counties
    ]
    if rows:  # what the quota counts, as the Markdown says under its table (a39: the sheet did not)
        rows.append(["名额计算" if zh else "quota basis", "", "", "", "", quota_basis(y, zh), ""])  # where flags go
    if c.commended:
        rows.append(["市里决定表彰" if zh else "commended", "", "", "", "\n".join(c.commended), "", ""])
    if c.undated:  # read whatever the instant, as the Markdown's section 五 says (redacted alike)
        label = UNDATED_ZH if zh else "undated (read whatever the instant)"
        rows.append([label, "", "", "", "\n".join(c.undated), "", ""])
    rows += [["提示" if zh else "flag", "", "", "", "", flag, ""] for flag in [*c.flags, *also_proposed_lines(c, zh)]]
    label = "已被取代的决定" if zh else "superseded decision"
    rows += [[label, "", "", "", "", line, ""] for line in superseded_lines(c, zh)]
    return headers, [r + [""] * (len(headers) - len(r)) for r in rows]  # the rows below: no ids


def counted_cell(n: CountyNominations, audience: str, zh: bool) -> str:
    """The ids ``n.active_points`` counts, one a line; ``—`` when ``audience`` is not given them
    (another county's, a department, the public), so that an empty cell beside a count is not read
    as no point; 无记录 (not recorded) where the reader is given them but the document, written
    before they were recorded, holds none: "—" says a count was withheld, which it was not (r55)."""
    if n.active_point_ids or not n.active_points:
        return "\n".join(n.active_point_ids)
    if audience in ("city", f"county:{n.county}"):
        return NOT_RECORDED_ZH if zh else "not recorded"
    return HIDDEN_MARK


def superseded_lines(c: CommendationResult, zh: bool, esc: Callable[[object], str] = str) -> list[str]:
    """The city's decisions (表彰决定) a later one on the same nomination superseded, one line
    each: which decision, of what day and verdict, was replaced by which (DecisionCheck
    ``superseded_by``), so that the reader sees why an earlier commendation no longer counts.
    ``esc`` escapes each record's text for the document (md_inline for Markdown). ``c`` is
    already redacted for its reader: a county the decisions on its own nominees, others none."""
    by_id = {d.decision: d for d in c.decisions}
    out = []
    for d in c.decisions:
        if d.superseded_by is None:
            continue
        later = by_id.get(d.superseded_by)
        old = _dated(d, zh, esc)
        new = esc(d.superseded_by) if later is None else _dated(later, zh, esc)
        if zh:
            out.append(f"推荐 {esc(d.nomination)}（监测点 {esc(d.point)}）：决定 {old} 已被决定 {new} 取代")
        else:
            out.append(f"Nomination {esc(d.nomination)} (point {esc(d.point)}): decision {old} superseded by {new}")
    return out


def _dated(d: DecisionCheck, zh: bool, esc: Callable[[object], str]) -> str:
    """A decision as its day, id and verdict: 2026-01-20 D-1(表彰)."""
    if zh:
        return f"{d.decided_on} {esc(d.decision)}（{'表彰' if d.commended else '不予表彰'}）"
    return f"{d.decided_on} {esc(d.decision)} ({'commended' if d.commended else 'not commended'})"


def topic_spread(t: Any, audience: str = "city") -> tuple[object, object]:
    """A 专项调研 candidate's county and evidence counts, each hidden (—) where it was withheld
    outside the city office (redaction_parts.topics): a withheld list is not an empty one, and
    its length read "0 counties" or "依据事项 0" (attacker t3/06, review t3/06). A county's
    evidence is its own only, so its count is shown, 0 included ("—" is only ever hidden: t5 06),
    under :func:`evidence_header`. The Markdown year end and this workbook sheet show the same."""
    counties = len(t.counties) or HIDDEN_MARK
    if audience == "city" or audience.startswith("county:"):
        return counties, len(t.evidence)
    return counties, HIDDEN_MARK  # nobody else is given any evidence


def evidence_header(audience: str, zh: bool) -> str:
    """The evidence column's heading: a county's figure counts its own matters only, which the
    city's heading would present as the candidate's whole evidence (t5 06: "41 个监测点, 依据事项 8")."""
    if audience.startswith("county:"):
        return "本县区依据事项" if zh else "Evidence (this county's)"
    return "依据事项" if zh else "Evidence"


def opened_cell(t: Any, zh: bool) -> str:
    """The topic already opened on a candidate, or 未立项 (not "—", which marks a hidden figure)."""
    return t.already_open or ("未立项" if zh else "not opened")


def nominee_cells(n: Any, zh: bool, seps: tuple[str, str] = ("\n", "\n")) -> list[str]:
    """A county's accepted and rejected nominees: hidden (—) where its nominations were withheld
    from this reader (it nominated some, none is listed: redaction_parts.commendation), else
    无 where there are none (t5 06: one mark, one meaning)."""
    if n.nominated and not n.nominees:
        return [HIDDEN_MARK, HIDDEN_MARK]
    none = "无" if zh else "none"
    return [
        seps[0].join(x.point for x in n.nominees if x.accepted) or none,
        seps[1].join(
            f"{x.point}{'：' if zh else ': '}{shown_notice(x.reason, 'zh' if zh else 'en')}"
            for x in n.nominees
            if not x.accepted
        )
        or none,
    ]


def matters_label(f: FollowUpYear, zh: bool) -> str:
    """``全年反映事项`` with how it leaves categories out (``f.left_out``, decided by the
    analysis): the monthly reports' 反映事项 count every category, and a clerk adding up her
    twelve reports could not reconcile the year end's figure with them (clerk c52 03); a
    followed-up item counts whatever its category (reviewer r56 02), every other item of its
    category still does not (r57 03). None left out: the label alone."""
    kinds: dict[str, list[ItemCategory]] = {}
    for c in ItemCategory:
        if c.value in f.left_out:
            kinds.setdefault(f.left_out[c.value], []).append(c)
    parts = []
    for kind, zh_words, en_words in _LEFT_OUT_WORDS:
        cats = kinds.get(kind)
        if cats:
            parts.append(
                zh_words.format("、".join(c.zh for c in cats))
                if zh
                else en_words.format(", ".join(c.value for c in cats))
            )
    if zh:
        return "全年反映事项" + (f"（{'；'.join(parts)}）" if parts else "")
    return "matters raised" + (f" ({'; '.join(parts)})" if parts else "")


#: The label's words for each way a category is left out (matter_days.LEFT_OUT_KINDS).
_LEFT_OUT_WORDS = (
    ("all", "不含{}", "not counting {}"),
    ("unless_followed_up", "{}只计跟踪办理的", "{} only where followed up"),
    ("some_months", "{}部分月份只计跟踪办理的", "{} only where followed up in some months"),
)


def hidden_note(y: YearEnd, zh: bool) -> str | None:
    """What "—" means, in a year end outside the city office (as hidden_note in the monthly
    reports; docs/privacy.md "Hidden cells"), said whether or not a cell was hidden."""
    if y.audience == "city":
        return None
    if zh:
        return "注：表中“—”表示数量较小或可据以推算的数已隐去，以保护反映人；“无”表示没有。"
    return "Note: a “—” marks a count withheld because it is small or could be worked out from others."


def _topics(y: YearEnd, zh: bool) -> Sheet:
    """专项调研: the candidates (六), then the year's topics and their outcomes (八)."""
    headers = (
        ["题目", "类型", "监测点数", "县区数", evidence_header(y.audience, zh), "已立项或状态"]
        if zh
        else ["Topic", "Kind", "Points", "Counties", evidence_header(y.audience, zh), "Opened or state"]
    )
    rows: list[list[Any]] = [
        [
            said([t.title], zh)[0],
            "建议" if zh else "candidate",
            t.points,
            *topic_spread(t, y.audience),
            opened_cell(t, zh),
        ]
        for t in y.topics
    ]
    if y.research is not None:
        rows += [
            # A topic of the year has no candidate's spread: blank, not the hidden mark.
            [p.title, "已开展" if zh else "opened", "", "", p.evidence, p.state_zh if zh else (p.state or "")]
            for p in y.research.topics
        ]
    return headers, rows


def _window(y: YearEnd, zh: bool) -> Sheet:
    """The changes outside the adjustment window without an exempt reason, and the additions."""
    headers = (
        ["类型", "范围或县区", "来源或监测点", "维度或调整", "需要或生效日期", "说明"]
        if zh
        else ["Kind", "Scope or county", "Source or point", "Dimension or change", "Wanted or effective", "Why"]
    )
    rows: list[list[Any]] = [
        ["调整期外" if zh else "outside window", w.county, w.point, w.change, w.effective, said([w.explanation], zh)[0]]
        for w in y.window
        if w.flagged and w.point  # a department's or the public's view names none
    ]
    rows += [
        ["未记录的调整" if zh else "unrecorded change", u.county, u.point, "", u.effective, u.explanation]
        for u in y.unrecorded
        if u.point  # a department's or the public's copies name none (section 九 counts them)
    ]
    rows += [["增设建议" if zh else "addition", *addition_cells(a, zh)] for a in y.additions]
    return headers, rows


__all__ = [
    "QUOTA_HEADERS_EN",
    "QUOTA_HEADERS_ZH",
    "UNDATED_ZH",
    "addition_cells",
    "evidence_header",
    "gap_en",
    "gap_zh",
    "hidden_note",
    "matters_label",
    "nominee_cells",
    "opened_cell",
    "quota_basis",
    "quota_error",
    "scope_zh",
    "superseded_lines",
    "topic_spread",
    "yearend_sheets",
]
