"""The monitoring report's sections as Markdown lines, one function per section, in document order.

render.monitoring_report puts them together (render_markdown); report_thresholds adds to the two public ones;
section 七 is render.report_flags', beside the summary's count of its flags.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import datetime

from softenv_core.analyses.audiences import Audience
from softenv_core.analyses.disclosure import HIDDEN_MARK
from softenv_core.analyses.monitoring_report import ComplaintRow
from softenv_core.analyses.overdue_words import overdue_words
from softenv_core.model.complaints import ComplaintKind
from softenv_core.model.followups import FollowUpKind
from softenv_core.render.escape import md_inline
from softenv_core.render.list_lengths import NOTABLE_ITEMS_SHOWN, OPEN_MATTERS_SHOWN_MARKDOWN
from softenv_core.render.monitoring_workload import _workload
from softenv_core.render.report_flags import flags_clause
from softenv_core.render.report_format import (
    _PENDING_EN,
    COMPLAINT_BLANKS,
    ENDED_EN,
    ENDED_ZH,
    NONE_ZH,
    PENDING_ZH,
    _cat,
    _count,
    _Doc,
    _md_table,
    _method,
    _pct,
    amount,
    as_of_line,
    beijing,
    complaint_counts,
    contact_office,
    hidden_categories,
    hidden_departments,
    items_total,
    matters_day,
    owing_note,
    problem_text,
    provisional_line,
    rates_counts,
    reader_name,
    reminder_note,
    report_notes,
    short_of_days,
)


def _title(d: _Doc) -> list[str]:
    """The title and who may read it."""
    r, zh = d.report, d.zh
    y, m = r.month.year, r.month.month
    # The reader by name too where the report knows it (县区: 379902 甲区; a code alone where a
    # 公文 names its reader, clerk c30).
    name = reader_name(r, d.names)
    aud = Audience.parse(r.audience).zh + (f" {name}" if name else "")
    out: list[str] = []
    if zh:
        out += [
            f"# {md_inline(r.city)}软环境建设监测报告",
            "",
            # The colon outside the bold: "**报告期：**2025年" is no bold in CommonMark (a closing
            # ** after punctuation must be followed by a space or punctuation).
            f"**报告期**：{y}年{m}月　**编制单位**：{md_inline(r.compiled_by)}　**阅读范围**：{md_inline(aud)}",
            "",
            "时间均为北京时间。",
            "",
        ]
    else:
        out += [
            f"# {md_inline(r.city)} soft-environment monitoring report",
            "",
            # A middle dot between the fields, where the Chinese has its full-width space (fe1).
            f"**Period:** {r.month} · **Compiled by:** {md_inline(r.compiled_by)} · "
            f"**Audience:** {md_inline(r.audience)}",
            "",
            "All times are Beijing time.",
            "",
        ]
    return out + [line for n in report_notes(r, zh) for line in (md_inline(n), "")]


def _summary(d: _Doc) -> list[str]:
    """Section 一: the month in five lines."""
    r, zh = d.report, d.zh
    # Chinese sentences say a hidden figure in words, its unit dropped ("本月收到（已隐去）").
    cr = [md_inline(c) for c in complaint_counts(r, "件" if zh else None)]
    late = overdue_words(r.month, r.as_of, zh)  # 月末超期, or 截至7月25日超期 before it (auditor a78 01)
    out: list[str] = []
    status = Counter(row.status for row in r.county_reports)
    zero = sum(1 for row in r.county_reports if row.zero_report)
    reached = sum(c.reached for c in r.contacts)
    active = sum(c.active_points for c in r.contacts)
    total = md_inline(amount(items_total(r), "项") if zh else _count(r, items_total(r)))
    out.append("## 一、总体情况" if zh else "## 1. Summary")
    out.append("")
    if zh:
        out += [
            f"- 月报：{len(r.county_reports)}个县区中按时报送{status.get('on_time', 0)}个、"
            f"迟报{status.get('late', 0)}个、未报{status.get('missing', 0)}个"
            + (f"、未到期{status['not_due']}个" if status.get("not_due") else "")
            + (f"、已豁免{status['waived']}个" if status.get("waived") else "")
            + (f"、无需报送{status['not_owed']}个" if status.get("not_owed") else "")
            + f"；其中零报告{zero}个。",
            f"- 联系监测点：本月应联系{active}个，联系上{reached}个，未联系上{active - reached}个。",
            f"- 反映事项：{total}。",
            f"- 直接反馈（投诉、举报、意见建议）：本月收到{cr[0]}，办结{cr[1]}，{late}{cr[2]}。",
            f"- 共性问题（专项调研建议）：{len(r.common_problems)}项{flags_clause(r, zh)}。",
        ]
    else:
        out += [
            f"- Monthly reports: of {len(r.county_reports)} counties, {status.get('on_time', 0)} on time, "
            f"{status.get('late', 0)} late, {status.get('missing', 0)} missing"
            + (f", {status['not_due']} not yet due" if status.get("not_due") else "")
            + (f", {status['waived']} waived" if status.get("waived") else "")
            + (f", {status['not_owed']} not owed" if status.get("not_owed") else "")
            + f"; {zero} zero reports.",
            f"- Contacts: {active} points owing the month's contact, {reached} reached, "
            f"{active - reached} not reached.",
            f"- Matters raised: {total}.",
            f"- Direct feedback: {cr[0]} received, {cr[1]} resolved, {cr[2]} {late}.",
            f"- Common problems (research candidates): {len(r.common_problems)}{flags_clause(r, zh)}.",
        ]
    return out + as_of_line(r, zh) + provisional_line(r, zh)


#: Section 三's table headers.
_CONTACT_HEADERS = {
    "zh": ["县区/市直", "应联系", "联系上", "未联系上", "方式", "非责任单位联系", "非定人联系"],
    "en": [
        "County / city-level",
        "Owing",
        "Reached",
        "Not reached",
        "Methods",
        "Wrong office",
        "Not the liaison person",
    ],
}


def _contacts(d: _Doc) -> list[str]:
    """Section 三: contacts with points."""
    r, zh = d.report, d.zh
    out: list[str] = []
    out.append("## 三、联系监测点情况" if zh else "## 3. Contacts with points")
    out.append("")
    out.append(_md_table(_CONTACT_HEADERS["zh" if zh else "en"], _contact_rows(d)))
    short = short_of_days(r, zh, lambda code: contact_office(r, code, d.names, zh), md_inline)
    out += ["", owing_note(r, zh), *(["", short] if short else [])]
    flagged = [(c.county, x) for c in r.contacts for x in c.not_liaison]
    if flagged:
        out += [
            "",
            "非定人联系（非该监测点联系人所做）：" + "、".join(md_inline(x) for _, x in flagged) + "。"
            if zh
            else "Contacts not made by the liaison person: " + ", ".join(md_inline(x) for _, x in flagged),
        ]
    # By the office that owed the contact (a 市直 point is the city's miss, not its county's); Chinese
    # lists in full-width punctuation, as in Word (GB/T 15834).
    colon, comma, semicolon = ("：", "、", "；") if zh else (": ", ", ", "; ")
    unreached = [
        md_inline(contact_office(r, c.county, d.names, zh)) + colon + comma.join(md_inline(p) for p in c.unreached)
        for c in r.contacts
        if c.unreached
    ]
    if unreached:
        said = semicolon.join(unreached)
        out += ["", f"未联系上的监测点：{said}。" if zh else f"Points not reached: {said}"]
    out += _workload(d)  # last, under its heading, as in Word (a63 02: the list above read as part of it)
    out.append("")
    return out


def _contact_rows(d: _Doc) -> list[list[object]]:
    """Section 三's table: each office's owing, reached and not reached points, and its methods."""
    r, zh, lang = d.report, d.zh, d.lang
    rows: list[list[object]] = []
    for c in r.contacts:
        # None typed: "无", not "—", which marks a hidden count outside the city office (clerk c35).
        shown = [(_method(k, lang), v) for k, v in c.by_method.items() if v]
        # ``电话3、走访3`` in Chinese; ``phone 3, visit 3`` in English, no 、 in it (fe1).
        methods = "、".join(f"{k}{v}" for k, v in shown) if zh else ", ".join(f"{k} {v}" for k, v in shown)
        methods = methods or (NONE_ZH if zh else "none")
        office = contact_office(r, c.county, d.names, zh)
        missed = c.active_points - c.reached
        rows.append([office, c.active_points, c.reached, missed, methods, c.wrong_office_count, c.not_liaison_count])
    return rows


def open_matters_section(d: _Doc) -> list[str]:
    """Section 四's follow-up part: matters still open at the report's day, and their age."""
    r, zh, lang = d.report, d.zh, d.lang
    if r.audience == "public":
        return []
    # Ends in a blank line, as every part does (section 五's heading follows): it began with one,
    # after section 四's own, and ended in the table (c37: two blank lines, then none).
    out = ["### 未办结事项及时长" if zh else "### Open matters and their age", ""]
    if not r.open_matters:
        return [*out, "无。" if zh else "None.", ""]
    day = matters_day(r)  # the ages run to this day, said as a date (t11 10)
    out.append(
        f"截至{day.isoformat()}未办结事项{len(r.open_matters)}项，其中达到跟踪时限{r.open_matters_long}项。"
        if zh
        else f"{len(r.open_matters)} matters open on {day.isoformat()} (ages counted to it), "
        f"{r.open_matters_long} of them long open."
    )
    rows = [
        [
            m.raised_on.isoformat(),
            f"{m.county} {d.names.get(m.county, '')}".strip() or HIDDEN_MARK,  # withheld: the mark
            _cat(m.category, lang),
            # A matter naming no department reads 无 (none): "—" is the mark of a hidden figure, as
            # the note under a county's title says, and nothing was hidden (clerk c47).
            d.dept(m.department) if m.department else (NONE_ZH if zh else "none"),
            m.text,  # escaped once, as a table cell (_md_table); md_inline here escaped it twice
            (FollowUpKind.from_value(m.last_step).zh if zh else m.last_step)
            if m.last_step
            else ("未跟进" if zh else "none yet"),
            (f"{m.age_days}天" if zh else f"{m.age_days} d") + (" ⚠" if m.long_open else ""),
        ]
        for m in r.open_matters[:OPEN_MATTERS_SHOWN_MARKDOWN]
    ]
    out += [
        "",
        _md_table(
            ["反映日期", "县区", "类别", "涉及部门", "事项", "最近跟进", "已历时"]
            if zh
            else ["Raised", "County", "Category", "Department", "Matter", "Latest step", "Age"],
            rows,
        ),
    ]
    if len(r.open_matters) > OPEN_MATTERS_SHOWN_MARKDOWN:
        more = len(r.open_matters) - OPEN_MATTERS_SHOWN_MARKDOWN
        out.append(f"… 另有{more}项" if zh else f"… and {more} more")
    return [*out, ""]


def _matters(d: _Doc) -> list[str]:
    """Section 四: the matters raised."""
    r, zh, lang = d.report, d.zh, d.lang
    dept = d.dept
    out: list[str] = []
    out.append("## 四、反映问题情况" if zh else "## 4. Matters raised")
    out.append("")
    out.append(_md_table(["类别", "事项数"] if zh else ["Category", "Items"], category_rows(d)))
    departments = department_rows(d)
    if departments:
        out += ["", _md_table(["涉及部门", "事项数"] if zh else ["Department", "Items"], departments)]
    if r.notable_items:
        out += ["", "### 主要事项" if zh else "### Notable items", ""]
        for it in r.notable_items[:NOTABLE_ITEMS_SHOWN]:
            who = f"({md_inline(it.point)})" if it.point else ""
            about = f" → {md_inline(dept(it.department))}" if it.department else ""
            out.append(f"- [{_cat(it.category, lang)}] {md_inline(it.text)}{about} {who}".rstrip())
        if len(r.notable_items) > NOTABLE_ITEMS_SHOWN:
            more = len(r.notable_items) - NOTABLE_ITEMS_SHOWN
            out.append(f"- … 另有{more}项" if zh else f"- … and {more} more")
    out.append("")
    return out


def category_rows(d: _Doc) -> list[list[object]]:
    """Section 四's category table: the rows shown, one row for those left out by small-cell
    suppression (never counted: a count would give them back), and the total as section 一
    says it; a table of hidden rows is not printed with its header alone (finding 01)."""
    r, zh = d.report, d.zh
    rows: list[list[object]] = [[_cat(k, d.lang), v] for k, v in r.items_by_category.items()]
    if hidden_categories(r):
        rows.append(["已隐去的类别" if zh else "Categories suppressed", HIDDEN_MARK])
    rows.append(["合计" if zh else "Total", _count(r, items_total(r))])
    return rows


def department_rows(d: _Doc) -> list[list[object]]:
    """Section 四's department table: each department shown, most items first; 无, the items
    naming no department, so that the rows add up to the category table's 合计 (clerk c59 02:
    an item with no department vanished from it); one row for those left out by small-cell
    suppression, without a count, as the category table's (a 无 suppressed among them)."""
    r, zh = d.report, d.zh
    ranked = sorted(r.items_by_department.items(), key=lambda kv: (-kv[1], kv[0]))
    rows: list[list[object]] = [[d.dept(k), v] for k, v in ranked]
    if r.items_without_department:
        rows.append([NONE_ZH if zh else "none", r.items_without_department])
    if hidden_departments(r):  # never with no items: nothing is hidden then
        rows.append(["已隐去的行" if zh else "Rows suppressed", HIDDEN_MARK])
    return rows


def _complaint_cells(d: _Doc, complaints: Sequence[ComplaintRow]) -> list[list[object]]:
    """Section 五's rows, one a complaint. A kind's, a category's and a unit's label and a due
    day's text are worked out once a report (a few thousand rows share a few dozen of each)."""
    zh, lang = d.zh, d.lang
    names = d.report.department_names
    steps = PENDING_ZH if zh else _PENDING_EN
    done, withheld = ("已完结", "（保密）") if zh else ("done", "(withheld)")
    not_late, no_due, unassigned = COMPLAINT_BLANKS["zh" if zh else "en"]
    ended = ENDED_ZH if zh else ENDED_EN  # finished, but not by its handling: said so
    late, supervise = ("超期{}个工作日", " 应督办") if zh else ("{} WD overdue", " supervision due")
    kinds: dict[str, str] = {}
    cats: dict[str, str] = {}
    days: dict[datetime, str] = {}  # equal instants (any offset) are the same Beijing day
    rows: list[list[object]] = []
    for q in complaints:
        kind = kinds.get(q.kind)
        if kind is None:
            kind = kinds[q.kind] = ComplaintKind.from_value(q.kind).zh if zh else q.kind
        cat = cats.get(q.category)
        if cat is None:
            cat = cats[q.category] = _cat(q.category, lang)
        due = days.get(q.due_at) or days.setdefault(q.due_at, beijing(q.due_at, "%Y-%m-%d")) if q.due_at else no_due
        overdue = late.format(q.overdue_workdays) if q.overdue_workdays else ""
        if q.supervision_due:
            overdue += supervise
        rows.append(
            [
                q.id,
                kind,
                cat,
                "—" if q.department is None else names.get(q.department, q.department),
                unassigned if q.unit is None else names.get(q.unit, q.unit),
                steps[q.open_step.value] if q.open_step is not None else ended.get(q.state, done),
                due,
                overdue.strip() or not_late,
                q.complainant or withheld,
            ]
        )
    return rows


def _feedback(d: _Doc) -> list[str]:
    """Section 五: direct feedback and its handling."""
    r, zh = d.report, d.zh
    cr = [md_inline(c) for c in complaint_counts(r, "件" if zh else None)]
    out: list[str] = []
    out.append("## 五、直接反馈办理情况" if zh else "## 5. Direct feedback")
    out.append("")
    out.append(
        f"（本节由{md_inline(r.feedback_by)}提供）" if zh else f"(This section is by {md_inline(r.feedback_by)}.)"
    )
    out.append("")
    late = overdue_words(r.month, r.as_of, zh)  # named by the instant read at (auditor a78 01)
    out.append(
        f"本月收到{cr[0]}，办结{cr[1]}，{late}{cr[2]}。"
        if zh
        else f"Received {cr[0]}, resolved {cr[1]}, {late} {cr[2]}."
    )
    if r.complaints:
        rows = _complaint_cells(d, r.complaints)
        out += [
            "",
            _md_table(
                ["编号", "类型", "类别", "被反映部门", "承办单位", "办理状态", "时限", "超期", "反映人"]
                if zh
                else [
                    "Id",
                    "Kind",
                    "Category",
                    "About",
                    "Handling unit",
                    "Open step",
                    "Due",
                    "Overdue",
                    "Complainant",
                ],
                rows,
            ),
        ]
    if note := reminder_note(r, zh, md_inline):  # 应督办 beside a 督办 within the limit (clerk c58 04)
        out += ["", note]
    flagged = [q for q in r.complaints if q.problems]
    if flagged:
        out += ["", "办理问题（需核查）：" if zh else "Handling to check:"]
        # Escaped as any text: a report read back from JSON (MonitoringReport.from_json) may hold
        # any problem text; the walk's own wording reads the same escaped.
        colon = "：" if zh else ": "
        out += [f"- {q.id}{colon}{md_inline(problem_text(p, zh))}" for q in flagged for p in q.problems]
    out.append("")
    return out


def common_problems_section(d: _Doc) -> list[str]:
    """Section 六: common problems (research candidates)."""
    r, zh = d.report, d.zh
    out: list[str] = []
    out.append("## 六、共性问题（专项调研建议）" if zh else "## 6. Common problems (research candidates)")
    out.append("")
    if r.common_problems:
        rows = [
            [
                p.category_zh if zh else p.category,
                p.department_name or (NONE_ZH if zh else "no department"),  # of the items naming none
                # Outside the city office the points are withheld, and the counties when one
                # stood for too few of them: the one mark of a hidden count, never "0个县区".
                len(p.points) or HIDDEN_MARK,
                len(p.counties) or HIDDEN_MARK,
                f"{p.first_month}—{p.last_month}",
            ]
            for p in r.common_problems
        ]
        out.append(
            _md_table(
                ["类别", "涉及部门", "监测点数", "县区数", "期间"]
                if zh
                else ["Category", "Department", "Points", "Counties", "Period"],
                rows,
            )
        )
    else:
        out.append("本期无。" if zh else "None this period.")
    return out


def _rates(d: _Doc) -> list[str]:
    """Section 八: the handling units' rates."""
    r, zh = d.report, d.zh
    dept = d.dept
    out: list[str] = []
    if r.unit_rates:
        out += ["", "## 八、承办单位“三率”" if zh else "## 8. Handling units' rates", ""]
        rows = [
            [dept(u.unit), *(_pct(v, zh) for v in (u.response, u.resolution, u.satisfaction, u.combined))]
            for u in r.unit_rates
        ]
        out.append(
            _md_table(
                ["承办单位", "响应率", "解决率", "满意率", "综合"]
                if zh
                else ["Unit", "Response", "Resolution", "Satisfaction", "Combined"],
                rows,
            )
        )
        out += ["", md_inline(rates_counts(r.unit_rates, dept, zh))]
    return out
