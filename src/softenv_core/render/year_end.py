"""The year-end work as a Markdown document (Chinese; English headings on request)."""

from __future__ import annotations

from collections.abc import Callable

from softenv_core._validators import argument
from softenv_core.analyses.followup_status import FollowUpYear
from softenv_core.analyses.unrecorded_changes import UnrecordedChange
from softenv_core.analyses.year_end import YearEnd
from softenv_core.engine.decimal_context import in_analysis_context
from softenv_core.model.followups import FollowUpKind
from softenv_core.model.points import Designator
from softenv_core.render.appraisal_basis import round_basis_lines, taking_part_line, unrated_line
from softenv_core.render.escape import md_inline
from softenv_core.render.monitoring_report import _md_table
from softenv_core.render.notices import zh_notice
from softenv_core.render.notices_en import en_notice
from softenv_core.render.reasons import joined as _joined
from softenv_core.render.reasons import said as _said
from softenv_core.render.report_format import PROVISIONAL_EN, PROVISIONAL_ZH, WITHHELD, beijing, checked_lang
from softenv_core.render.section_numbers import numbered
from softenv_core.render.yearend_flags import also_proposed_lines, unqualified_lines
from softenv_core.render.yearend_params import proposal_param_lines, quota_param_lines
from softenv_core.render.yearend_parts import (
    QUOTA_HEADERS_EN,
    QUOTA_HEADERS_ZH,
    UNDATED_ZH,
    addition_cells,
    evidence_header,
    gap_en,
    gap_zh,
    hidden_note,
    matters_label,
    nominee_cells,
    opened_cell,
    quota_basis,
    quota_error,
    superseded_lines,
    topic_spread,
)
from softenv_core.render.yearend_window import forced_count, window_counts
from softenv_core.workdays.calendar import PROVISIONAL_NOTICE


@in_analysis_context
def render_yearend(year_end: YearEnd, lang: str = "zh") -> str:
    """万人评议 results, roster and gaps, adjustment proposals, filings, commendation, topics."""
    argument(year_end, YearEnd, "year_end", "a YearEnd (year_end(...))")
    zh = checked_lang(lang) == "zh"
    out = [f"# {year_end.year}年度 软环境建设监测点 年终工作" if zh else f"# Year-end work {year_end.year}", ""]
    out += _as_of(year_end, zh)
    if year_end.provisional:  # said in the reader's language, in bold, rather than as the English notice
        out += [f"**{PROVISIONAL_ZH if zh else PROVISIONAL_EN}**", ""]
    notices = [n for n in year_end.notices if n != PROVISIONAL_NOTICE]
    if notices:  # what the year end withheld from this audience, …
        names = county_names(year_end)  # 河西县（379926）, as the workbook says it (clerk c54 04)
        out += [
            "提示：" if zh else "Notices:",
            "",
            *(f"- {md_inline(zh_notice(n, names) if zh else en_notice(n))}" for n in notices),
            "",
        ]
    note = hidden_note(year_end, zh)
    if note:  # at the top, before the first "—", as the monthly report's
        out += [note, ""]
    sections: list[str] = []
    for section in (
        _appraisal,
        _representativeness,
        _proposals,
        _filings,
        _commendation,
        _topics,
        _followups,
        _research,
        _adjustment,
        _guarantees,
    ):
        sections += section(year_end, zh)
    # numbered as this reader has them: 七 and 八 are the city office's, and a county's document
    # went from 六 to 九 (render.section_numbers)
    return "\n".join([*out, *numbered(sections, zh)]) + "\n"


def _as_of(y: YearEnd, zh: bool) -> list[str]:
    """The instant the year end speaks for (none in a document written before it named one)."""
    if y.as_of is None:
        return []
    if zh:
        return [f"数据截至 {beijing(y.as_of)}（北京时间），此后记录的不计入；尚未结束的万人评议轮次不列出。", ""]
    return [
        f"As of {beijing(y.as_of)} (Beijing time): records dated later are not read; rounds still open are not listed.",
        "",
    ]


def _appraisal(y: YearEnd, zh: bool) -> list[str]:
    """Section 一: the 万人评议 rounds, ranked and flagged."""
    out = ["## 一、万人评议结果" if zh else "## 1. Appraisal (万人评议)", ""]
    if not y.appraisal:  # as the other empty sections say it, not a bare heading
        out += ["无。" if zh else "None.", ""]
    for r in y.appraisal:
        # Full-width brackets in the Chinese document (review c42: "### 2025-H1 (A-2025-H1)").
        period, rid = md_inline(r.period), md_inline(r.round)
        out += [f"### {period}（{rid}）" if zh else f"### {period} ({rid})", ""]
        rows = [
            [
                d.rank if d.rank is not None else "—",
                d.name,
                d.score if d.score is not None else "—",
                d.valid if d.valid is not None else WITHHELD["zh" if zh else "en"],
                ("末位" if zh else "bottom")
                if d.bottom
                else ("样本不足，不排名" if zh else "insufficient")
                if not d.sufficient
                else "",
            ]
            for d in r.departments
        ]
        header = (
            ["名次", "部门", "得分", "有效评价", "标记"] if zh else ["Rank", "Department", "Score", "Valid", "Flag"]
        )
        # No row: a sentence, not a header row alone, which read as a ranking (auditor a65 04).
        out.append(_md_table(header, rows) if rows else md_inline(unrated_line(y.audience, zh)))
        out += ["", *round_basis_lines(r, zh), "", taking_part_line(y, r, zh), ""]
    return out


def _representativeness(y: YearEnd, zh: bool) -> list[str]:
    """Section 二: the roster before and after the adjustment, with its gaps."""
    out = ["## 二、监测点代表性" if zh else "## 2. Representativeness", ""]
    for label, rep in (("调整前" if zh else "before", y.roster_before), ("调整后" if zh else "after", y.roster_after)):
        gaps = _joined([gap_zh(g, y.audience) if zh else gap_en(g, y.audience) for g in rep.gaps], zh)
        if zh:
            out.append(f"- {label}（{rep.on}）：{rep.points}个监测点；" + (md_inline(gaps) or "无缺口"))
        else:
            out.append(f"- {label} ({rep.on}): {rep.points} points; " + (md_inline(gaps) or "no gaps"))
    return out


def county_names(y: YearEnd) -> dict[str, str]:
    """The counties' names by code that the year end holds: those section 十 lists."""
    return {c.county: c.name for c in y.guarantees.counties} if y.guarantees is not None else {}


def _county(y: YearEnd) -> Callable[[str], str]:
    """A county as the year end's tables name it: its code and name (``379902 甲区``), as section
    十 does, from the counties section 十 lists; the code alone where the name is not known (a
    raw code where a 公文 names the county, clerk c30)."""
    names = county_names(y)
    return lambda code: f"{code} {names[code]}" if code in names else code


def _proposals(y: YearEnd, zh: bool) -> list[str]:
    """Section 三: the adjustment proposals."""
    out = ["", "## 三、动态调整建议" if zh else "## 3. Adjustment proposals", ""]
    county = _county(y)
    if y.audience == "public" or y.audience.startswith("department:"):
        # Given none (docs/privacy.md): "无" read as no proposal at all, over the city's list (x44).
        out.append(
            f"调整建议仅向{md_inline(y.office)}和有关县区提供，本阅读范围不列（不是没有）。"
            if zh
            else "Adjustment proposals are given to the city office and each county only: withheld here (not none)."
        )
    elif y.proposals:
        out.append(
            _md_table(
                ["监测点", "县区", "建议", "理由"] if zh else ["Point", "County", "Proposal", "Why"],
                [
                    [
                        p.point,
                        county(p.county),
                        p.action.zh if zh else p.action.value,
                        _joined(_said(p.explanation, zh), zh),
                    ]
                    for p in y.proposals
                ],
            )
        )
    else:
        out.append("无。" if zh else "None.")
    return out + proposal_param_lines(y, zh) + unqualified_lines(y, zh, md_inline)  # r59 04; removals contradicted


def _filings(y: YearEnd, zh: bool) -> list[str]:
    """Section 四: whether county changes were filed in time."""
    bad = [f for f in y.filings if not f.ok]
    named = _county(y)  # 379906 青林县, as sections 三 and 五 (clerk c48: the bare code here)
    out = ["", "## 四、县区调整备案" if zh else "## 4. Filing of county changes", ""]
    out.append(_filing_counts(y, len(bad), zh))
    if bad:
        out += [
            "",
            _md_table(
                ["调整", "县区", "监测点", "生效日期", "备案日期", "问题"]
                if zh
                else ["Change", "County", "Point", "Effective", "Filed", "Problem"],
                [
                    [
                        f.change,
                        named(f.county),
                        f.point,
                        f.effective,
                        f.filed_on or ("未备案" if zh else "not filed"),
                        f.reason if zh else en_notice(f.reason),
                    ]
                    for f in bad
                ],
            ),
        ]
    # A county's change only the point's record shows: its filing cannot be checked. Filings are
    # withheld from a department and the public, and so are these (their bare copies, which
    # section 九 counts, name no point).
    county = [u for u in y.unrecorded if u.by is Designator.COUNTY and u.point]
    if county:
        out += _unrecorded(
            county,
            f"另有县区调整{len(county)}项未记入名册调整（监测点记录的确定或截止日期在年内），其备案无从核对："
            if zh
            else f"{len(county)} more county change(s) recorded by no roster change (a point's own dates in the "
            "year): their filing cannot be checked:",
            zh,
        )
    return out


def _filing_counts(y: YearEnd, bad: int, zh: bool, esc: Callable[[object], str] = md_inline) -> str:
    """Section 四's counts as true for the reader: the city office's of every county change; a
    county's (a point's) of its own, said so; a department and the public are given no filing
    (docs/privacy.md), so they are told the counts are withheld, not "县区调整0项, 未按时备案0项"
    over a withheld list (as section 九 once did: r3 05)."""
    n = len(y.filings)
    if y.audience == "city":
        return (
            f"县区调整{n}项，未按时备案{bad}项。"
            if zh
            else f"{n} county changes, {bad} not filed before they took effect."
        )
    # Of the changes a county decided (县区调整) only: a change the city decided is not filed
    # with the city, so "本县区调整0项" read as no change at all beside section 九's 1 (t13 02).
    if y.audience.startswith("county:"):
        if zh:
            return f"本县区决定的调整{n}项，未按时备案{bad}项。"
        return f"{n} changes decided by your county, {bad} not filed before they took effect."
    if y.audience.startswith("point:"):
        if zh:
            return f"本监测点由县区决定的调整{n}项，未按时备案{bad}项。"
        return f"{n} changes of your point decided by its county, {bad} not filed before they took effect."
    if zh:
        return f"县区调整及其备案情况仅向{esc(y.office)}和有关县区提供，本阅读范围不列（不是没有）。"
    return (
        "County changes and their filing are given to the city office and each county only: withheld here (not none)."
    )


def _unrecorded(items: list[UnrecordedChange], head: str, zh: bool) -> list[str]:
    """The changes only a point's record shows (t11 11), under ``head``: one line each. A
    department's or the public's copies name nothing (redaction_parts.unrecorded): counted
    in ``head``, not listed."""
    if not any(u.point for u in items):
        return ["", head.rstrip(":：") + ("。" if zh else ".")]
    if zh:
        return ["", head, *(f"- {md_inline(u.explanation)}" for u in items)]
    lines = (f"- {md_inline(u.point)} ({md_inline(u.county)}): {u.action.value} effective {u.effective}" for u in items)
    return ["", head, *lines]


def _commendation(y: YearEnd, zh: bool) -> list[str]:
    """Section 五: nominations within quota, and the city's decision."""
    out = ["", "## 五、表彰推荐" if zh else "## 5. Commendation", ""]
    rows = []
    county = _county(y)
    for c in y.commendation.counties:
        rows.append(
            [
                county(c.county),
                c.active_points,
                c.quota,
                c.nominated,
                *nominee_cells(c, zh, ("、", "；") if zh else (", ", "; ")),
                quota_error(c, zh),
            ]
        )
    out.append(
        _md_table(
            QUOTA_HEADERS_ZH if zh else QUOTA_HEADERS_EN,
            rows,
        )
    )
    if rows:  # the table shows the quota alone: what it counts, in a line (no 市直 point)
        out += ["", quota_basis(y, zh), *quota_param_lines(y, zh)]  # with its parameters (r59 04)
    if y.commendation.commended:
        out += [
            "",
            ("市里决定表彰：" if zh else "Commended by the city: ")
            + ("、" if zh else ", ").join(md_inline(p) for p in y.commendation.commended),
        ]
    if y.commendation.undated:
        # Read whatever the instant (nothing says when they came): the reader is told which.
        out += [
            "",
            (f"{UNDATED_ZH}：" if zh else "Nominations with no submission moment (read whatever the instant): ")
            + ("、" if zh else ", ").join(md_inline(n) for n in y.commendation.undated),
        ]
    for flag in y.commendation.flags:
        out.append(f"- ! {md_inline(flag)}")
    out += [f"- ! {line}" for line in also_proposed_lines(y.commendation, zh, md_inline)]  # a59 03
    superseded = superseded_lines(y.commendation, zh, md_inline)
    if superseded:  # the latest decision counts; the reader sees which ones it replaced
        out += ["", "已被取代的决定（以最新决定为准）：" if zh else "Superseded decisions (the latest counts):", ""]
        out += [f"- {line}" for line in superseded]
    return out


def _topics(y: YearEnd, zh: bool) -> list[str]:
    """Section 六: 专项调研 candidates."""
    out = ["", "## 六、专项调研建议" if zh else "## 6. Research topics", ""]
    if y.topics:
        out.append(
            _md_table(
                ["题目", "监测点数", "县区数", evidence_header(y.audience, zh), "已立项"]
                if zh
                else ["Topic", "Points", "Counties", evidence_header(y.audience, zh), "Opened"],
                [[*_said([t.title], zh), t.points, *topic_spread(t, y.audience), opened_cell(t, zh)] for t in y.topics],
            )
        )
    else:
        out.append("无。" if zh else "None.")
    return out


def _followups(y: YearEnd, zh: bool) -> list[str]:
    """Section 七: the year's matters, how many were helped and how (二(三))."""
    f = y.followups
    if f is None:
        return []
    out = ["", "## 七、事项跟踪办理" if zh else "## 7. Follow-up of matters", ""]
    out.append(
        f"{matters_label(f, zh)}{f.matters}项，提供帮助{f.helped}项；已解决{f.resolved}项，无需处理{f.no_action}项，"
        f"年末未办结{f.open_at_year_end}项。"
        if zh
        else f"{f.matters} {matters_label(f, zh)}, {f.helped} helped; {f.resolved} resolved, "
        f"{f.no_action} needed nothing, {f.open_at_year_end} open at year end."
    )
    rows = [[FollowUpKind.from_value(k).zh if zh else k, n] for k, n in f.by_kind.items()]
    out += ["", _md_table(["跟踪方式", "事项数"] if zh else ["Step", "Matters"], rows)]
    if f.referred_to:
        out += [
            "",
            ("提请部门研究：" if zh else "Referred to: ")
            + ("；" if zh else ", ").join(md_inline(_referred(f, d, n, zh)) for d, n in f.referred_to.items()),
        ]
    return out


def _referred(f: FollowUpYear, department: str, n: int, zh: bool) -> str:
    """One department the year's matters were referred to: its name, and how many; its id too
    only where another department referred to shares the name (an official reads names: clerk
    c52 07, ``市住建局（city-housing）`` broke across a line in the Word document)."""
    name = f.referred_names.get(department)
    if name is None:
        who = department
    elif list(f.referred_names.values()).count(name) == 1:
        who = name
    else:
        who = f"{name}（{department}）" if zh else f"{name} ({department})"
    return f"{who} {n}项" if zh else f"{who}: {n}"


def _research(y: YearEnd, zh: bool) -> list[str]:
    """Section 八: the 专项调研 topics of the year and their outcomes (三(四))."""
    t = y.research
    if t is None:
        return []
    out = ["", "## 八、专项调研开展情况" if zh else "## 8. Research topics of the year", ""]
    if not t.topics:
        out.append("无。" if zh else "None.")
        return out
    rows = [
        [
            p.title,
            p.owner_name,
            p.state_zh if zh else (p.state or "—"),
            p.evidence,
            len(p.findings),
            _joined(p.measures, zh) or "—",
        ]
        for p in t.topics
    ]
    out.append(
        _md_table(
            ["题目", "承办", "状态", "依据事项", "发现", "措施"]
            if zh
            else ["Topic", "Owner", "State", "Evidence", "Findings", "Measures"],
            rows,
        )
    )
    out += ["", (f"其中已提出措施{t.with_measures}项。" if zh else f"{t.with_measures} with measures.")]
    return out


def _adjustment(y: YearEnd, zh: bool) -> list[str]:
    """Section 九: the annual adjustment window and the new proposals (三(五))."""
    out = ["", "## 九、年度调整期与新增建议" if zh else "## 9. Adjustment window and new proposals", ""]
    flagged = [w for w in y.window if w.flagged]
    # A county (or a point) is given its own changes: said so, not the city's words over its
    # own count (review r4 04: the public read 5 where the county read 1 under the same words).
    own = y.audience.startswith(("county:", "point:"))
    whose = "本监测点" if y.audience.startswith("point:") else "本县区" if own else ""
    out.append(window_counts(list(y.window), whose, own, zh))
    named = [w for w in flagged if w.point]  # a department's or the public's view names none
    county = _county(y)
    if named:
        out += [
            "",
            _md_table(
                ["调整", "监测点", "县区", "生效日期", "说明"]
                if zh
                else ["Change", "Point", "County", "Effective", "Why"],
                [[w.change, w.point, county(w.county), w.effective, *_said([w.explanation], zh)] for w in named],
            ),
        ]
    if y.unrecorded:  # changes only a point's record shows: the window above never saw them
        outside = sum(u.outside_window for u in y.unrecorded)
        forced = forced_count(list(y.unrecorded), zh)
        apart = (f"，{forced}不受调整期限制" if zh else f" ({forced} not subject to it)") if forced else ""
        out += _unrecorded(
            list(y.unrecorded),
            f"另有未记入名册调整的调整{len(y.unrecorded)}项（监测点记录的日期在年内），其中调整期外{outside}项{apart}："
            if zh
            else f"{len(y.unrecorded)} more change(s) recorded by no roster change (a point's own dates in the "
            f"year), {outside} outside the window{apart}:",
            zh,
        )
    if y.suggested_removals:
        out += [
            "",
            "有关部门建议撤销：" if zh else "Removals suggested by departments:",
            *(
                f"- {md_inline(p.point)}（{md_inline(county(p.county))}）：{md_inline(_joined(p.explanation, zh))}"
                if zh
                else f"- {md_inline(p.point)} ({md_inline(p.county)}): {md_inline('; '.join(_said(p.explanation, zh)))}"
                for p in y.suggested_removals
            ),
        ]
    if y.additions:
        out += [
            "",
            _md_table(
                ["范围", "来源", "维度", "需要", "理由"] if zh else ["Scope", "Source", "Dimension", "Wanted", "Why"],
                [addition_cells(a, zh, county) for a in y.additions],
            ),
        ]
    return out


def _guarantees(y: YearEnd, zh: bool) -> list[str]:
    """Section 十: which counties have a work plan and publicity (四(一)(二); listed, not scored)."""
    g = y.guarantees
    if g is None:
        return []
    out = ["", "## 十、组织保障" if zh else "## 10. Guarantees", ""]
    yes, no = ("有", "无") if zh else ("yes", "no")
    rows = [
        [f"{c.county} {c.name}", c.work_plan or no, len(c.targets), yes if c.has_publicity else no, len(c.publicity)]
        for c in g.counties
    ]
    out.append(
        _md_table(
            ["县区", "年度工作方案", "目标数", "宣传活动", "活动次数"]
            if zh
            else ["County", "Work plan", "Targets", "Publicity", "Activities"],
            rows,
        )
    )
    return out


__all__ = ["render_yearend"]
