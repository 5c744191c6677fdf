"""The monitoring report's Markdown building blocks: labels, tables, cells and the rendering context.

Shared by render.monitoring_sections (the sections) and render.monitoring_report (the document).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING

from attrs import frozen

from softenv_core.analyses.after_end import AFTER_END
from softenv_core.analyses.complaint_handling import UnitRates
from softenv_core.analyses.complaint_limits import OWN_LIMITS_NOTICE
from softenv_core.analyses.complaint_states import PROBLEM_WORDING
from softenv_core.analyses.county_months import IGNORED_WAIVER, before_baseline_month_notice
from softenv_core.analyses.disclosure import HIDDEN_MARK, HIDDEN_ZH
from softenv_core.engine.parameters import baseline_parameters
from softenv_core.model.periods import BEIJING
from softenv_core.model.points import CITY_LIAISON
from softenv_core.model.reports import ContactMethod, ItemCategory
from softenv_core.render.document_words import LANGS as LANGS  # their home since issue 21
from softenv_core.render.document_words import PROVISIONAL_EN as PROVISIONAL_EN
from softenv_core.render.document_words import PROVISIONAL_ZH as PROVISIONAL_ZH
from softenv_core.render.document_words import beijing as beijing
from softenv_core.render.document_words import checked_lang as checked_lang
from softenv_core.render.escape import md_cell, md_plain
from softenv_core.render.notices import zh_notice

if TYPE_CHECKING:  # annotations only: the assessment's renderer reads this module too, without the report
    from softenv_core.analyses.monitoring_report import MonitoringReport

_STATUS = {
    "zh": {
        "on_time": "按时",
        "late": "迟报",
        "missing": "未报",
        "not_due": "未到期",
        "not_owed": "无需报送",
        "not_in_force": "未施行",
        "waived": "已豁免",
    },
    "en": {
        "on_time": "on time",
        "late": "late",
        "missing": "missing",
        "not_due": "not yet due",
        "not_owed": "not owed",
        "not_in_force": "not in force",
        "waived": "waived",
    },
}


#: A figure or name withheld from this reader (not none, not 0): the monthly report's 定人 and the
#: year end's valid ratings of an unscored department say it alike.
WITHHELD = {"zh": "（不公开）", "en": "(withheld)"}


#: A complaint's open step as a reader takes it: the step still to do (待办结, 办理中), never
#: the bare step name, which reads as done ("当前环节：办结" reads as "finished").
PENDING_ZH = {
    "accept": "待受理",
    "assign": "待交办",
    "sign": "待签收",
    "resolve": "办理中（待办结）",
    "follow_up": "待回访",
    "close": "待结案",
}
_PENDING_EN = {
    "accept": "awaiting acceptance",
    "assign": "awaiting assignment",
    "sign": "awaiting signature",
    "resolve": "being handled",
    "follow_up": "awaiting follow-up call",
    "close": "awaiting closure",
}
#: A complaint finished without a resolution, by its state: said so, where one closed after its
#: handling shows 已完结 (a withdrawal, auditor a58 04; a rejection, a60 01: listed in the month it came).
ENDED_ZH = {"withdrawn": "已撤回", "rejected": "不予受理"}
ENDED_EN = {"withdrawn": "withdrawn", "rejected": "rejected"}
#: Section 五's cells with nothing to show, by language: not overdue, no due day (finished), not
#: assigned. Words, never "—", which the county and department versions use for a hidden number
#: (clerk c56 05: the Markdown wrote "—" there, the Word 未超期 / 无 / 未交办); both renderers use these.
COMPLAINT_BLANKS = {"zh": ("未超期", "无", "未交办"), "en": ("not overdue", "none", "not assigned")}


#: A complaint's handling problems as the Chinese documents say them: each English wording of
#: analyses/complaint_states.PROBLEM_WORDING made a pattern, its placeholders groups (a moment: no
#: space; a number of working days: digits).
_GROUPS = {"moment": r"(?P<moment>\S+)", "days": r"(?P<days>\d+)", "most": r"(?P<most>\d+)"}
_PROBLEMS_ZH = tuple(
    (re.compile(re.sub(r"\\\{(\w+)\\\}", lambda m: _GROUPS[m.group(1)], re.escape(en))), zh)
    for en, zh in PROBLEM_WORDING
)


def problem_text(problem: str, zh: bool) -> str:
    """A complaint's handling problem in the document's language (a moment in it as Beijing
    time to the minute in Chinese); a text of another shape as it is."""
    if not zh:
        return problem
    for pattern, text in _PROBLEMS_ZH:
        found = pattern.fullmatch(problem)
        if found:
            parts = found.groupdict()
            if "moment" in parts:
                parts["moment"] = _moment_zh(parts["moment"])
            return text.format(**parts)
    return problem


def _moment_zh(part: str) -> str:
    try:
        return beijing(datetime.fromisoformat(part))
    except ValueError:
        return part  # not a moment (a report read back from JSON may hold any text): as it is


def as_of_line(r: MonitoringReport, zh: bool) -> list[str]:
    """The instant the report speaks for, as a line of section 一 (none when it names none)."""
    if r.as_of is None:
        return []
    if zh:
        return [f"- 数据截至：{beijing(r.as_of)}（北京时间）；此后报送的月报和修改不计入。"]
    return [f"- As of {beijing(r.as_of)} (Beijing time): reports and amendments submitted later are not read."]


def matters_day(r: MonitoringReport) -> date:
    """The day the open matters' ages are counted to (四(二)): the month's last day, or the
    report's instant's Beijing day when earlier (analyses.report_inputs.report_day). Said as
    that day, not "报告日": the document is dated later, and ages ran to the month's end (t11 10)."""
    last = r.month.last_day
    return last if r.as_of is None else min(last, r.as_of.astimezone(BEIJING).date())


#: The parameter deciding which points owe a month's contact.
OWED_DAYS = "duty.min_workdays_in_month"

#: Under section 三's table: its 应联系 column counts the points that owe the month's contact
#: (contact_overview), not every point on the roster; a point designated late in the month was
#: read as lost (t11 08). The workload table counts every point on the roster at the report's day.
#: The parameter is named by its Chinese title: the report is read by officials (c22 04), with
#: its value in force, which the report carries (clerk c53 03: the rule alone left the number out).
_OWED_TITLE = baseline_parameters().title(OWED_DAYS)


def owing_note(r: MonitoringReport, zh: bool) -> str:
    """The note under section 三's table: what 应联系 counts, with the working days in force."""
    days = r.owed_workdays
    if zh:
        value = "" if days is None else f"，{days}个工作日"
        return (
            f"注：“应联系”为本月在册工作日达到规定天数（{_OWED_TITLE}{value}）、本月应予联系的监测点；"
            "月内新增或撤销而在册工作日不足规定天数的监测点不计入本表，其联系也不计入“方式”；"
            "定人联系工作量按月末（月中报告为数据截至日）在册的监测点计。"
        )
    value = "" if days is None else f", {days} working days"
    return (
        "Note: “Owing” counts the points designated on enough working days of the month to owe its contact "
        f"(duty.min_workdays_in_month{value}); a point added or removed within the month on fewer days is not "
        "counted here, nor are its contacts in the methods. "
        "The workload counts every point on the roster at the month's end (or the report's day)."
    )


def short_of_days(r: MonitoringReport, zh: bool, office: Callable[[str], str], shown: Callable[[str], str]) -> str:
    """The points designated in the month on too few working days to owe it, by office (section
    三, after the note; ``office`` names an office, ``shown`` escapes an id for the medium): a
    point added late was missing from the section with its contact (clerk c53 03). "" if none."""
    listed = [(office(c.county), c.short_of_days) for c in r.contacts if c.short_of_days]
    if not listed:
        return ""
    days = r.owed_workdays
    if zh:
        said = "；".join(f"{name}：" + "、".join(map(shown, ids)) for name, ids in listed)
        return f"本月在册工作日不足{days}天、未计入上表的监测点：{said}。"
    said = "; ".join(f"{name}: " + ", ".join(map(shown, ids)) for name, ids in listed)
    return f"Points designated on fewer than {days} working days of the month, not counted above: {said}."


def reminder_note(
    r: MonitoringReport, zh: bool, shown: Callable[[str], str], day: Callable[[datetime], str] | None = None
) -> str:
    """Section 五's note, under its table, where 应督办 stands beside a 督办 recorded within the
    step's limit (ComplaintRow.reminded_at): since auditor a70 05 such a 督办 is a reminder and
    does not clear 应督办, and a leader reading 超期3个工作日 应督办 of a ticket the office had
    supervised read that it had not (clerk c58 04). Each ticket as the reader is shown it (a
    department's and a county's by reference; ``shown`` escapes it for the medium); ``day`` the
    督办's day in the document's style (``2025-03-25`` by default). "" if none."""
    listed = [(q.id, q.reminded_at) for q in r.complaints if q.supervision_due and q.reminded_at is not None]
    if not listed:
        return ""
    said_day = day or (lambda at: beijing(at, "%Y-%m-%d"))
    if zh:
        said = "、".join(f"{shown(ref)} 的督办（{said_day(at)}）" for ref, at in listed)
        return f"应督办：超期后尚未督办；{said}在时限内，只作提醒。"
    said = ", ".join(f"{shown(ref)} on {said_day(at)}" for ref, at in listed)
    return f"Supervision due: none since it fell overdue; one within the limit is a reminder only ({said})."


#: The provisional mark of the monthly report, Markdown and Word alike, in the full-width
#: punctuation of its Chinese text (GB/T 15834).
PROVISIONAL_REPORT_ZH = (
    "暂定：部分期限或工作日按仅计周末的临时日历计算（该年的国务院节假日安排尚未收录），安排公布后须重新生成本报告。"
)


def provisional_line(r: MonitoringReport, zh: bool) -> list[str]:
    """The provisional mark as a line of section 一 (none for an official calendar)."""
    if not r.provisional:
        return []
    return [f"- **{PROVISIONAL_REPORT_ZH if zh else PROVISIONAL_EN}**"]


def waived_zh(late: str | None, waiver: str | None) -> str:
    """What a waived month's report did, beside its waiver, as section 二 says it in Markdown and
    Word: ``（迟报 2个工作日；豁免 W1）``, ``（未报；豁免 W1）`` (``late``: the document's wording
    of a late report, None when none came). The assessment's summary keeps its own
    (render.assessment.waived_facts), which the English report uses too."""
    return f"（{late or '未报'}；豁免 {waiver}）"


def _md_row(cells: Sequence[object]) -> str:
    """One table row, every cell record text made inert (a `|`, `\\`, `\r` or `\n` cannot add a
    cell or a row)."""
    texts = [str(v) for v in cells]
    # Most rows need no escaping at all: joined by a space (printable, not Markdown), the row is
    # printable and free of Markdown characters exactly when each of its cells is, and then
    # md_cell leaves each cell as it is. One check at C speed per row instead of one call per cell.
    joined = " ".join(texts)
    if joined.isprintable() and md_plain(joined):
        return "| " + " | ".join(texts) + " |"
    return "| " + " | ".join([md_cell(t) for t in texts]) + " |"


def _md_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    lines = [_md_row(headers), "|" + "---|" * len(headers)]
    lines += [_md_row(row) for row in rows]
    return "\n".join(lines)


def contact_office(r: MonitoringReport, code: str, names: dict[str, str], zh: bool) -> str:
    """Section 三's row name: a county (code and name), or ``"city"``, the 市直 points that
    the city's liaison office (the report's compiler, 市经贸委) contacts (三(二))."""
    if code == CITY_LIAISON:
        return f"{r.compiled_by}（市直）" if zh else f"{r.compiled_by} (city-level points)"
    return f"{code} {names.get(code, '')}".rstrip()


def _cat(value: str, lang: str) -> str:
    return ItemCategory.from_value(value).zh if lang == "zh" else value


def _method(value: str, lang: str) -> str:
    return ContactMethod.from_value(value).zh if lang == "zh" else value


def _count(r: MonitoringReport, value: int | None) -> str:
    """A report's count in a table cell as this audience sees it: None is suppressed (the
    report's one decision, analyses.redaction_report), shown as the trend shows it, with the
    one mark of a hidden cell ("—"), which claims no bound: a cell hidden with its partner
    may hold any number, and "<3" stated "fewer than 3" of 16 (attacker's finding 10)."""
    return HIDDEN_MARK if value is None else str(value)


def baseline_note(r: MonitoringReport, zh: bool) -> str | None:
    """For a month before the baseline: that no report nor contact was owed (the summary's
    zeros are no county's failing), in the reader's language; None for any other month."""
    notice = before_baseline_month_notice(r.month)
    if notice not in r.notices:
        return None
    if not zh:
        return f"Note: {notice}."
    # The notices' Chinese (render.notices, shared with the assessment) is spaced half-width; the
    # report's sentences are full-width. This notice holds a month and no record text.
    said = zh_notice(notice)
    for half, full in ((": ", "："), (", ", "，"), ("; ", "；")):
        said = said.replace(half, full)
    return f"注：{said}。"


def hidden_note(r: MonitoringReport, zh: bool) -> str | None:
    """What the mark of a hidden cell means, said in every report outside the city office
    (whose reports hide nothing), whether or not the month hid a cell: said only when one
    was, the note would itself tell which months had small counts."""
    if r.audience == "city":
        return None
    if zh:
        return "注：表中“—”、文中“（已隐去）”表示数量较小或可据以推算的数已隐去，以保护反映人。"
    return (
        "Note: a “—” marks a count withheld because it is small or could be worked out from "
        "others, to protect those who report."
    )


def own_count_note(r: MonitoringReport, zh: bool) -> str | None:
    """Under section 二, for a county reading its report when its own report's count is hidden:
    that the hiding is the same for every county (docs/privacy.md "A reader's own cell") and
    where its items are. Its own row's "—" beside its neighbours' numbers read as a count the
    software had lost (clerk c51 06). The reader sees that its own cell is hidden, so the note
    tells it nothing more; None for any other reader or month."""
    kind, _, key = r.audience.partition(":")
    if kind != "county":
        return None
    own = next((row for row in r.county_reports if row.county == key), None)
    if own is None or own.items is not None or own.submitted_at is None:
        return None
    if zh:
        return "注：本县区的事项数也按同一规则以“—”示出（各县区读到的隐去相同）；本县区的事项见四、反映问题情况。"
    return (
        "Note: your county's own count is shown as “—” by the same rule (every county reads the "
        "same counts withheld); your county's items are in section 4."
    )


def limits_notes(r: MonitoringReport, zh: bool) -> list[str]:
    """Whose complaint limits made the due days where a county plugin sets its own (the notices
    of analyses.complaint_limits.own_limits_notices), in the reader's language; none otherwise."""
    own = [n for n in r.notices if n.startswith(OWN_LIMITS_NOTICE)]
    return [f"注：{zh_notice(n)}。" for n in own] if zh else [f"Note: {n}." for n in own]


def after_end_notes(r: MonitoringReport, zh: bool) -> list[str]:
    """A county whose report on the month falls due after the county ended (the notices of
    analyses.after_end: auditor a66 01), in the reader's language, the county named as section
    二 names it; none otherwise. Every reader is given it, as section 二's due day."""
    ended = [n for n in r.notices if n.startswith(AFTER_END)]
    names = {row.county: row.name for row in r.county_reports}
    return [f"注：{zh_notice(n, names)}。" for n in ended] if zh else [f"Note: {n}." for n in ended]


def waiver_notes(r: MonitoringReport, zh: bool) -> list[str]:
    """A waiver of the month on file that the city did not decide, ignored (the assessment's
    notice, analyses.county_months.city_waivers: fix helper a79b 03), in the reader's language,
    the county named as section 二 names it; every reader is given it, as section 二's rows."""
    ignored = [n for n in r.notices if n.startswith(IGNORED_WAIVER)]
    names = {row.county: row.name for row in r.county_reports}
    return [f"注：{zh_notice(n, names)}。" for n in ignored] if zh else [f"Note: {n}." for n in ignored]


def report_notes(r: MonitoringReport, zh: bool) -> list[str]:
    """The notes under a report's title: before the baseline, what "—" means, whose limits, a
    county's last report due after it ended, a waiver the city did not decide."""
    notes = [n for n in (baseline_note(r, zh), hidden_note(r, zh)) if n]
    return notes + limits_notes(r, zh) + after_end_notes(r, zh) + waiver_notes(r, zh)


def amount(value: int | None, unit: str) -> str:
    """A count and its unit in a Chinese sentence ("4件"), or "（已隐去）" when suppressed."""
    return HIDDEN_ZH if value is None else f"{value}{unit}"


def items_total(r: MonitoringReport) -> int | None:
    """The month's matters raised as this audience sees them; None when suppressed.

    The trend's current total is the report's one decision (as the complaint counts are): the
    sum of the category rows was read after small-cell suppression had left rows out, and a
    county whose rows were all hidden read "反映事项: 0项" above the matters it had raised
    (finding 01 of the clerk). Without a trend cell: a month without data (0, nothing to
    hide), or a city view, where nothing is hidden; else suppressed, never a partial sum."""
    cell = r.trends.row("total").current if r.trends is not None else None
    if cell is not None:
        return cell.value
    if r.trends is not None or r.audience == "city":
        return sum(r.items_by_category.values())
    return None


def hidden_categories(r: MonitoringReport) -> bool:
    """Whether the category table leaves rows out (small cells, or their partners): its shown
    rows fall short of the total, or the total is suppressed (a small total has only small
    rows; a total hidden for a lone hidden row has that row)."""
    total = items_total(r)
    return total is None or sum(r.items_by_category.values()) < total


def hidden_departments(r: MonitoringReport) -> bool:
    """Whether the department table leaves rows out: its rows and its row 无 (the items naming
    no department) fall short of the total, or 无 or the total is suppressed (clerk c59 02).
    Never the city office's, whose report hides nothing (nor one written before 无 was counted)."""
    if r.audience == "city":
        return False
    total, without = items_total(r), r.items_without_department
    return total is None or without is None or sum(r.items_by_department.values()) + without < total


def complaint_counts(r: MonitoringReport, unit: str | None = None) -> tuple[str, str, str]:
    """Received, resolved and overdue at month end, as every section and renderer shows them:
    as table cells, or with ``unit`` as the figures of a Chinese sentence (:func:`amount`)."""
    values = (r.complaints_received, r.complaints_resolved, r.complaints_overdue)
    a, b, c = (_count(r, v) if unit is None else amount(v, unit) for v in values)
    return a, b, c


def _delta(v: int | None) -> str:
    if v is None:
        return "—"
    return f"+{v}" if v > 0 else str(v)


@frozen
class _Doc:
    """One rendering: the report, the language, and how counties and departments are named."""

    report: MonitoringReport
    lang: str
    names: dict[str, str]

    @property
    def zh(self) -> bool:
        return self.lang == "zh"

    def dept(self, key: str | None) -> str:
        return "—" if key is None else self.report.department_names.get(key, key)


def reader_name(report: MonitoringReport, county_names: Mapping[str, str] | None = None) -> str | None:
    """The name the report knows its reader by: a county's (from ``county_names``, by default its
    own county rows'), a department's; None for another reader or a name it does not know. The
    Markdown header (阅读范围) and the Word header (发至) name the reader by it."""
    kind, _, key = report.audience.partition(":")
    if kind == "county":
        names = {row.county: row.name for row in report.county_reports} if county_names is None else county_names
        return names.get(key)
    if kind == "department":
        return report.department_names.get(key)
    return None


#: A cell with nothing in it (no rate yet, no contact method): "—" is the hidden mark of the
#: county, department and public versions, so "nothing" is said in words (clerk c35).
NONE_ZH = "无"


def _pct(value: object, zh: bool = True) -> str:
    """A rate, or 无 (n/a) when it has no case to rate yet: never "—", the mark of a hidden count
    in the county, department and public versions (a department read its own 解决率 as hidden:
    clerk c35). The Markdown's and the Word document's."""
    if value is None:
        return NONE_ZH if zh else "n/a"
    # Two places always: a rate is rounded to two places once (complaint_handling._shown), but a
    # report read back from its JSON holds Decimal("90") where it held Decimal("90.00") (JSON
    # writes the number, not its places), and printed as it came, 90.00% became 90% (integrator
    # i50 01). Formatting a Decimal with "f" is exact: a two-place value prints unchanged.
    return f"{value:.2f}%"


def rates_counts(rates: Sequence[UnitRates], name: Callable[[str], str], zh: bool = True) -> str:
    """The counts each unit's rates divide, one sentence under the rates: a bare 0.00% read as 0
    of 1 or 0 of 40, and no command traced it (auditor a58 05). Only readers who see a unit's
    rates get them (the city office; a department its own row), and these are that unit's counts;
    the returns among its sign steps are said when there are any (clerk c56 04: a department that
    returned a misassigned ticket read 0/1 with no ticket in its list and no word of 退回)."""
    if zh:
        parts = [
            f"{name(u.unit)} 按时签收{u.signed_on_time}/应签收{u.assigned}"
            + (f"（其中退回{u.returned}件，退回不计为签收）" if u.returned else "")
            + f"、按时办结{u.resolved_on_time}/"
            f"应办结{u.resolved_due}、回访{u.follow_ups}（满意{u.satisfied}、基本满意{u.basically}）"
            for u in rates
        ]
        return "计算所用件数：" + "；".join(parts) + "。"
    parts = [
        f"{name(u.unit)}: signed on time {u.signed_on_time} of {u.assigned}"
        + (f" ({u.returned} returned; a return is not a signature)" if u.returned else "")
        + ", resolved on time "
        f"{u.resolved_on_time} of {u.resolved_due}, {u.follow_ups} follow-ups ({u.satisfied} satisfied, "
        f"{u.basically} basically)"
        for u in rates
    ]
    return "Counts the rates divide: " + "; ".join(parts) + "."
