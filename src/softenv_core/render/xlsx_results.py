"""The year's results as a workbook (assess / yearend --format xlsx), and the county table.

Sheets: 县区 (each month's status, compliance, 十佳 eligibility and the failing months),
监测点 (each score item, total, band, nominable and why not; the county's name beside its
code: render.xlsx_counties), 部门评议 (score, rank, flags, insufficient) and 承办单位 (三率).
Frozen header, widths and number formats (render.xlsx_sheets writes each sheet); openpyxl (the
``office`` extra) is imported only when a workbook is written.

Audience: the workbook shows the results it is given, which are already redacted for their
audience (docs/privacy.md); the 阅读范围 sheet says for whom, and what was withheld (the
results' notices). The caller gives 三率 rows the audience may see (the CLI: a department its
own row, other readers none).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from softenv_core.analyses.assessment import Assessment, CountyAssessment
from softenv_core.analyses.audiences import AudienceKind
from softenv_core.analyses.complaint_handling import UnitRates
from softenv_core.analyses.records_end import is_records_end
from softenv_core.analyses.year_end import YearEnd
from softenv_core.engine.ruletypes import MonthState, MonthStatus
from softenv_core.errors import office_missing
from softenv_core.model.points import PointLevel
from softenv_core.render.notices import zh_notice
from softenv_core.render.notices_en import en_notice
from softenv_core.render.reasons import failed_conditions, joined
from softenv_core.render.report_format import WITHHELD
from softenv_core.render.xlsx_counties import (
    NOTES,
    county_names,
    status_lines,
    with_county_names,
)
from softenv_core.render.xlsx_sheets import empty_row, fits, sheet_styles, write_sheet
from softenv_core.render.yearend_parts import hidden_note, matters_label, yearend_sheets
from softenv_core.workdays.calendar import PROVISIONAL_NOTICE

# Every month state by its label (未到期 for a month not yet due at the instant, not "pending").
_STATUS_ZH = {s.value: s.zh for s in MonthState}
_STATUS_EN = {s.value: s.value.replace("_", " ") for s in MonthState}
_YES = {"zh": ("是", "否"), "en": ("yes", "no")}


def _month_status(m: MonthStatus, lang: str) -> str:
    names = _STATUS_ZH if lang == "zh" else _STATUS_EN
    # A waived month shows what came (迟报 N / 未报), then that it is waived: the facts stay visible.
    text = names.get(m.reported, m.reported)
    if m.reported == "late":
        text += f"{m.late_workdays}" + ("个工作日" if lang == "zh" else " WD")
    if m.open_until is not None:  # missing at the instant, still inside its late band
        text += "".join(NOTES[lang].late_band).format(f"{m.open_until:%m-%d}")
    if m.status == "waived" or m.waiver:
        text += NOTES[lang].waived
    elif m.zero_report:
        text += NOTES[lang].zero
    return text


def failing_months(c: CountyAssessment) -> list[str]:
    """The owed months late or missing and not waived: what bars a county from 十佳 (a month
    not yet due, not owed or before the rule is in force is none of them)."""
    return [str(m.month) for m in c.months if m.status in (MonthState.LATE, MonthState.MISSING) and not m.waiver]


def _county_rows(a: Assessment, lang: str) -> tuple[list[str], list[list[Any]]]:
    zh = lang == "zh"
    yes, no = _YES[lang]
    headers = ["代码" if zh else "Code", "名称" if zh else "Name"]
    headers += [f"{m}月" if zh else f"M{m:02d}" for m in range(1, 13)]
    headers += (
        ["合规得分", "十佳资格", "未按时月份", "不符合的条件"]
        if zh
        else ["Compliance", "Top-ten eligible", "Failing months", "Failed conditions"]
    )
    rows: list[list[Any]] = []
    for c in a.counties:
        by_month = {m.month.month: _month_status(m, lang) for m in c.months}
        why = failed_conditions(c, zh)
        rows.append(
            [
                c.code,
                c.name,
                *(by_month.get(i, "—") for i in range(1, 13)),
                c.compliance,
                yes if c.topten_eligible else no,
                ("、" if zh else ", ").join(failing_months(c)),
                why,
            ]
        )
    return headers, rows


def county_table(a: Assessment, lang: str = "zh") -> tuple[list[str], list[list[str]]]:
    """The county table as text cells (``assess --format csv --table counties``)."""
    headers, rows = _county_rows(a, lang)
    return headers, [[str(v) for v in row] for row in rows]


def _point_rows(a: Assessment, lang: str) -> tuple[list[str], list[list[Any]]]:
    zh = lang == "zh"
    yes, no = _YES[lang]
    rules: dict[tuple[str, str], str] = {}  # by plugin and id: results of another version may share an id (p57 03)
    for p in a.points:
        for item in p.items:
            rules.setdefault((item.rule.plugin, item.rule.id), item.rule.title_zh if zh else item.rule.title_en)
    # The months owed (应履职月份), not the months on the roster: a point designated on 3 days of
    # July was on the roster in July yet does not owe it (docs/rules.md, "The owed months are traced").
    head_zh = ["编号", "县区", "企业", "层级", "应履职月数"]
    headers = head_zh if zh else ["Id", "County", "Enterprise", "Level", "Months owed"]
    headers += list(rules.values())
    headers += ["总分", "等次", "可推荐", "不可推荐原因"] if zh else ["Total", "Band", "Nominable", "Why not"]
    rows: list[list[Any]] = []
    for p in a.points:
        score: dict[tuple[str, str], Decimal] = {}
        for key, points in (((i.rule.plugin, i.rule.id), i.points) for i in p.items):
            score[key] = score.get(key, Decimal(0)) + points
        why = joined([r.reason if zh else en_notice(r.reason) for r in p.nomination_conditions if not r.passed], zh)
        rows.append(
            [
                p.id,
                p.county,
                p.enterprise,
                PointLevel.from_value(p.level).zh if zh else p.level,
                len(p.active_months),
                *(score.get(rid) for rid in rules),
                p.total,
                p.band_zh if zh else p.band,
                yes if p.nominable else no,
                why,
            ]
        )
    return headers, rows


def _appraisal_rows(yearly: YearEnd | None, lang: str) -> tuple[list[str], list[list[Any]]]:
    zh = lang == "zh"
    yes, no = _YES[lang]
    headers = (
        ["轮次", "期间", "部门编号", "部门", "有效评价数", "得分", "名次", "末位", "样本不足", "说明"]
        if zh
        else ["Round", "Period", "Department", "Name", "Valid", "Score", "Rank", "Bottom", "Insufficient", "Reason"]
    )
    rows: list[list[Any]] = []
    # A figure withheld from the reader (or a rank not given) is marked as the Markdown and Word
    # year end mark it: an empty cell read as no value, and as 0 in a clerk's SUM (auditor a83 02).
    for rnd in yearly.appraisal if yearly else ():
        for d in rnd.departments:
            rows.append(
                [
                    rnd.round,
                    rnd.period,
                    d.department,
                    d.name,
                    d.valid if d.valid is not None else WITHHELD["zh" if zh else "en"],
                    d.score if d.score is not None else "—",
                    d.rank if d.rank is not None else "—",
                    yes if d.bottom else no,
                    no if d.sufficient else yes,
                    d.reason if zh else en_notice(d.reason),
                ]
            )
    return headers, rows


def _guarantee_rows(yearly: YearEnd, lang: str) -> tuple[list[str], list[list[Any]]]:
    """Each county's work plan and publicity for the year (四(一)(二); listed, not scored)."""
    zh = lang == "zh"
    yes, no = _YES[lang]
    headers = (
        ["县区代码", "县区", "年度工作方案", "目标", "宣传活动", "市经贸委开展", "县区开展"]
        if zh
        else ["County", "Name", "Work plan", "Targets", "Publicity", "By the city", "By the county"]
    )
    g = yearly.guarantees
    rows: list[list[Any]] = [
        [
            c.county,
            c.name,
            c.work_plan or no,
            "\n".join(c.targets),
            yes if c.has_publicity else no,
            c.publicity_by_city,
            c.publicity_by_county,
        ]
        for c in (g.counties if g else ())
    ]
    return headers, rows


def _followup_rows(yearly: YearEnd, lang: str) -> tuple[list[str], list[list[Any]]]:
    """The year's matters by follow-up step (二(三)), then the totals."""
    from softenv_core.model.followups import FollowUpKind

    zh = lang == "zh"
    headers = ["跟踪方式", "事项数"] if zh else ["Step", "Matters"]
    f = yearly.followups
    if f is None:
        return headers, []
    rows: list[list[Any]] = [[FollowUpKind.from_value(k).zh if zh else k, n] for k, n in f.by_kind.items()]
    rows += [
        [matters_label(f, zh), f.matters],  # with the categories it leaves out (c52 03)
        ["提供帮助" if zh else "helped", f.helped],
        ["年末未办结" if zh else "open at year end", f.open_at_year_end],
    ]
    return headers, rows


def _rate(value: Decimal | None) -> float | None:
    # The nearest float to the shown fraction (0.1813), not a float of 18.13 divided again.
    return None if value is None else float(value / 100)


def _unit_rows(rates: Sequence[UnitRates], names: dict[str, str], lang: str) -> tuple[list[str], list[list[Any]]]:
    # 应签收 as section 八 says: the sign steps answered or due, not the tickets assigned (交办, a60 07);
    # 其中退回 as it says too: a 0.00 % 响应率 from a return is no unit that never signed (auditor a82 02).
    zh = lang == "zh"
    headers = (
        [
            *("单位编号", "承办单位", "应签收", "其中退回", "按时签收", "应办结", "按时办结", "回访", "满意"),
            *("基本满意", "响应率", "解决率", "满意率", "综合"),
        ]
        if zh
        else [
            *("Unit", "Name", "Sign due", "Of which returned", "Signed on time", "Resolve due", "Resolved on time"),
            *("Follow-ups", "Satisfied", "Basically", "Response", "Resolution", "Satisfaction", "Combined"),
        ]
    )
    rows = [
        [
            *(u.unit, names.get(u.unit, u.unit), u.assigned, u.returned, u.signed_on_time, u.resolved_due),
            *(u.resolved_on_time, u.follow_ups, u.satisfied, u.basically),
            *(_rate(u.response), _rate(u.resolution), _rate(u.satisfaction), _rate(u.combined)),
        ]
        for u in rates
    ]
    return headers, rows


def _audience_label(audience: str, zh: bool, names: Mapping[str, str]) -> str:
    """``city``, ``county:379902`` … as the Markdown report's header names the reader:
    ``县区 379902 东城区`` (it said ``县区 379902``, a code where the clerk reads a name: c39)."""
    kind, _, key = audience.partition(":")
    found = AudienceKind._value2member_map_.get(kind)
    if not zh or not isinstance(found, AudienceKind):
        return audience
    named = f" {names[key]}" if kind == "county" and key in names else ""
    return f"{found.zh} {key}{named}" if key else found.zh


def _audience_rows(assessment: Assessment, yearly: YearEnd | None, lang: str) -> tuple[list[str], list[list[Any]]]:
    """Who the workbook is for, and the results' notices (what was withheld, counts only)."""
    zh = lang == "zh"
    names = {c.code: c.name for c in assessment.counties}
    rows: list[list[Any]] = [["阅读范围" if zh else "audience", _audience_label(assessment.audience, zh, names)]]
    notices = list(assessment.notices)
    # The year end's provisional notice repeats its assessment's: said once.
    repeated = PROVISIONAL_NOTICE if PROVISIONAL_NOTICE in notices else None
    notices += [n for n in (yearly.notices if yearly is not None else ()) if n != repeated]
    notices = list(dict.fromkeys(notices))  # the audience line both carry: said once (t5 06)
    # Where the records end first: it says why April to December read 未报 in 县区, and it came
    # last, under the plugins' and the appraisal rounds' notices (clerk c46).
    notices.sort(key=lambda n: not is_records_end(n))
    rows += [["说明" if zh else "notice", zh_notice(n, names) if zh else en_notice(n)] for n in notices]
    note = hidden_note(yearly, zh) if yearly is not None else None
    if note:
        rows.append(["说明" if zh else "notice", note])
    return (["项目" if zh else "item", "内容" if zh else "value"], rows)


def write_results_xlsx(
    assessment: Assessment,
    yearly: YearEnd | None,
    path: Path,
    lang: str = "zh",
    unit_rates: Sequence[UnitRates] = (),
    department_names: dict[str, str] | None = None,
) -> None:
    """Write the year's results workbook at ``path`` (atomically)."""
    try:
        import openpyxl  # noqa: F401 - the extra looked for first; write_only_book makes the workbook
    except ImportError:  # pragma: no cover - the extra is installed in this repository
        raise office_missing() from None
    from softenv_core.io.workbook_write import save_office, write_only_book

    zh = lang == "zh"
    names = county_names(assessment, yearly)
    sheets = [
        ("县区" if zh else "Counties", status_lines(_county_rows(assessment, lang)), 2),
        ("监测点" if zh else "Points", *with_county_names(_point_rows(assessment, lang), 1, names)),
        ("部门评议" if zh else "Appraisal", _appraisal_rows(yearly, lang), 0),
        ("承办单位" if zh else "Handling units", _unit_rows(unit_rates, department_names or {}, lang), 2),
        ("阅读范围" if zh else "Audience", _audience_rows(assessment, yearly, lang), 0),
    ]
    if yearly is not None:  # the year end's programme parts (issue 20)
        sheets += [
            ("组织保障" if zh else "Guarantees", _guarantee_rows(yearly, lang), 2),
            ("事项跟踪" if zh else "Follow-up", _followup_rows(yearly, lang), 1),
            # The year end's own work (clerk finding 12), each county named beside its code (c36).
            *(
                (title, *with_county_names(sheet, frozen, names))
                for title, sheet, frozen in yearend_sheets(yearly, lang)
            ),
        ]
    for title, (_, rows), _ in sheets:  # before the workbook opens its sheets' temporary files
        for n, row in enumerate(rows, start=2):
            fits(title, n, row)
    whole = assessment.audience == "city" and (yearly is None or yearly.audience == "city")
    styles = sheet_styles()
    with write_only_book() as wb:  # its sheets closed if the write fails: no tracebacks later (i48)
        for title, (headers, rows), frozen_cols in sheets:
            write_sheet(wb, title, headers, rows or [empty_row(headers, whole, zh)], frozen_cols, styles)
        save_office(wb, path, assessment.as_of)  # dated by the results' instant, not the clock


__all__ = ["county_table", "failing_months", "write_results_xlsx"]
