"""The monitoring report (监测报告) as Markdown, Chinese by default, English on request.

It reads like a document an official would pass on: title, period, summary, tables, the
notable items and what needs attention.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from softenv_core._perf import paused_gc
from softenv_core.analyses.complaint_handling import STEP_ZH
from softenv_core.analyses.monitoring_report import MonitoringReport
from softenv_core.model.complaints import ComplaintKind
from softenv_core.model.reports import ItemCategory
from softenv_core.render.escape import md_cell, md_inline

_STATUS = {
    "zh": {"on_time": "按时", "late": "迟报", "missing": "未报"},
    "en": {"on_time": "on time", "late": "late", "missing": "missing"},
}
_METHOD = {
    "zh": {"phone": "电话", "visit": "上门", "symposium": "座谈"},
    "en": {"phone": "phone", "visit": "visit", "symposium": "symposium"},
}
_AUD_ZH = {"city": "市软建办(全文)", "public": "公开版(仅汇总数据)"}


def _md_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    # Every cell is record text made inert: a `|`, `\\`, `\r` or `\n` cannot add a cell or a row.
    lines = ["| " + " | ".join(md_cell(h) for h in headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(md_cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def _cat(value: str, lang: str) -> str:
    return ItemCategory.from_value(value).zh if lang == "zh" else value


@paused_gc()  # a report of a province is a million table cells: no cycles among them
def render_markdown(r: MonitoringReport, lang: str = "zh", county_names: dict[str, str] | None = None) -> str:
    """The report as Markdown."""
    names = county_names or {row.county: row.name for row in r.county_reports}
    depts = r.department_names

    def dept(key: str | None) -> str:
        return "—" if key is None else depts.get(key, key)

    zh = lang == "zh"
    y, m = r.month.year, r.month.month
    aud = _AUD_ZH.get(r.audience, r.audience.replace("county:", "县区: ").replace("department:", "部门: "))
    out: list[str] = []
    if zh:
        out += [
            f"# {md_inline(r.city)}软环境建设监测报告",
            "",
            f"**报告期:** {y}年{m}月　**阅读范围:** {md_inline(aud)}",
            "",
        ]
    else:
        out += [
            f"# {md_inline(r.city)} soft-environment monitoring report",
            "",
            f"**Period:** {r.month}　**Audience:** {md_inline(r.audience)}",
            "",
        ]
    status = Counter(row.status for row in r.county_reports)
    zero = sum(1 for row in r.county_reports if row.zero_report)
    reached = sum(c.reached for c in r.contacts)
    active = sum(c.active_points for c in r.contacts)
    items_total = sum(r.items_by_category.values())
    out.append("## 一、总体情况" if zh else "## 1. Summary")
    out.append("")
    if zh:
        out += [
            f"- 月报: {len(r.county_reports)}个县区中按时报送{status.get('on_time', 0)}个、"
            f"迟报{status.get('late', 0)}个、未报{status.get('missing', 0)}个; 其中零报告{zero}个。",
            f"- 联系监测点: 在册{active}个, 本月联系上{reached}个, 未联系上{active - reached}个。",
            f"- 反映事项: {items_total}项。",
            f"- 直接反馈(投诉、举报、意见建议): 本月收到{r.complaints_received}件, 办结{r.complaints_resolved}件, "
            f"月末超期未办{r.complaints_overdue}件。",
            f"- 共性问题(专项调研建议): {len(r.common_problems)}项; 可能漏报提示: {len(r.reconciliation)}条。",
        ]
    else:
        out += [
            f"- Monthly reports: of {len(r.county_reports)} counties, {status.get('on_time', 0)} on time, "
            f"{status.get('late', 0)} late, {status.get('missing', 0)} missing; {zero} zero reports.",
            f"- Contacts: {active} active points, {reached} reached, {active - reached} not reached.",
            f"- Matters raised: {items_total}.",
            f"- Direct feedback: {r.complaints_received} received, {r.complaints_resolved} resolved, "
            f"{r.complaints_overdue} overdue at month end.",
            f"- Common problems (research candidates): {len(r.common_problems)}; possible omissions: "
            f"{len(r.reconciliation)}.",
        ]
    out.append("")
    out.append("## 二、各县区月报报送情况" if zh else "## 2. County reports")
    out.append("")
    rows = []
    for row in r.county_reports:
        st = _STATUS[lang][row.status]
        if row.status == "late":
            st += f" {row.late_workdays}" + ("个工作日" if zh else " working day(s)")
        rows.append(
            [
                f"{row.county} {row.name}",
                row.due_at.strftime("%Y-%m-%d"),
                row.submitted_at.isoformat(timespec="minutes") if row.submitted_at else "—",
                st,
                ("是" if zh else "yes") if row.zero_report else ("否" if zh else "no"),
                row.items,
            ]
        )
    out.append(
        _md_table(
            ["县区", "截止日期", "首次报送", "状态", "零报告", "事项数"]
            if zh
            else ["County", "Due", "First submitted", "Status", "Zero report", "Items"],
            rows,
        )
    )
    out.append("")
    out.append("## 三、联系监测点情况" if zh else "## 3. Contacts with points")
    out.append("")
    rows = []
    for c in r.contacts:
        methods = "、".join(f"{_METHOD[lang][k]}{v}" for k, v in c.by_method.items() if v) or "—"
        rows.append(
            [
                f"{c.county} {names.get(c.county, '')}",
                c.active_points,
                c.reached,
                c.active_points - c.reached,
                methods,
                c.wrong_office_count,
            ]
        )
    out.append(
        _md_table(
            ["县区", "在册", "联系上", "未联系上", "方式", "非责任单位联系"]
            if zh
            else ["County", "Active", "Reached", "Not reached", "Methods", "Wrong office"],
            rows,
        )
    )
    unreached = [(c.county, p) for c in r.contacts for p in c.unreached]
    if unreached:
        out += [
            "",
            ("未联系上的监测点: " if zh else "Points not reached: ") + ", ".join(md_inline(p) for _, p in unreached),
        ]
    out.append("")
    out.append("## 四、反映问题情况" if zh else "## 4. Matters raised")
    out.append("")
    out.append(
        _md_table(
            ["类别", "事项数"] if zh else ["Category", "Items"],
            [[_cat(k, lang), v] for k, v in r.items_by_category.items()],
        )
    )
    if r.items_by_department:
        out += [
            "",
            _md_table(
                ["涉及部门", "事项数"] if zh else ["Department", "Items"],
                [[dept(k), v] for k, v in sorted(r.items_by_department.items(), key=lambda kv: (-kv[1], kv[0]))],
            ),
        ]
    if r.notable_items:
        out += ["", "### 主要事项" if zh else "### Notable items", ""]
        for it in r.notable_items[:30]:
            who = f"({md_inline(it.point)})" if it.point else ""
            about = f" → {md_inline(dept(it.department))}" if it.department else ""
            out.append(f"- [{_cat(it.category, lang)}] {md_inline(it.text)}{about} {who}".rstrip())
        if len(r.notable_items) > 30:
            out.append(f"- … 另有{len(r.notable_items) - 30}项" if zh else f"- … and {len(r.notable_items) - 30} more")
    out.append("")
    out.append("## 五、直接反馈办理情况" if zh else "## 5. Direct feedback")
    out.append("")
    out.append(
        f"本月收到{r.complaints_received}件, 办结{r.complaints_resolved}件, 月末超期{r.complaints_overdue}件。"
        if zh
        else f"Received {r.complaints_received}, resolved {r.complaints_resolved}, "
        f"overdue at month end {r.complaints_overdue}."
    )
    if r.complaints:
        rows = []
        for q in r.complaints:
            step = (
                (STEP_ZH.get(q.open_step, q.open_step) if zh else q.open_step)
                if q.open_step
                else ("已完结" if zh else "done")
            )
            overdue = (
                (f"超期{q.overdue_workdays}个工作日" if zh else f"{q.overdue_workdays} WD overdue")
                if q.overdue_workdays
                else ""
            )
            if q.supervision_due:
                overdue += " 应督办" if zh else " supervision due"
            who = q.complainant or ("(保密)" if zh else "(withheld)")
            kind = ComplaintKind.from_value(q.kind).zh if zh else q.kind
            rows.append(
                [
                    q.id,
                    kind,
                    _cat(q.category, lang),
                    dept(q.department),
                    dept(q.unit),
                    step,
                    q.due_at.strftime("%Y-%m-%d") if q.due_at else "—",
                    overdue.strip() or "—",
                    who,
                ]
            )
        out += [
            "",
            _md_table(
                ["编号", "类型", "类别", "被反映部门", "承办单位", "当前环节", "时限", "超期", "反映人"]
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
    out.append("")
    out.append("## 六、共性问题(专项调研建议)" if zh else "## 6. Common problems (research candidates)")
    out.append("")
    if r.common_problems:
        rows = [
            [
                p.category_zh if zh else p.category,
                p.department_name,
                len(p.points) or "—",
                len(p.counties),
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
    if r.reconciliation:
        out += ["", "## 七、核对提示(可能漏报)" if zh else "## 7. Reconciliation (possible omissions)", ""]
        for f in r.reconciliation:
            who = f" ({md_inline(f.point)})" if f.point else ""
            line = f"{f.county} {names.get(f.county, '')}: {f.complaint}"
            out.append(f"- {md_inline(line)}{who} — {md_inline(f.reason)}")
    if r.unit_rates:
        out += ["", "## 八、承办单位“三率”" if zh else "## 8. Handling units' rates", ""]
        rows = [
            [dept(u.unit), _pct(u.response), _pct(u.resolution), _pct(u.satisfaction), _pct(u.combined)]
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
    out += [
        "",
        "---",
        "",
        (
            "本报告由 softenv_core 生成; 每项数据均可用 `softenv explain` 追溯。"
            if zh
            else "Generated by softenv_core; every figure can be traced with `softenv explain`."
        ),
        "",
    ]
    return "\n".join(out)


def _pct(value: object) -> str:
    return "—" if value is None else f"{value}%"


__all__ = ["render_markdown"]
