"""The monthly 监测报告 as a Word document laid out after GB/T 9704-2012 (党政机关公文格式).

A4; margins 37 (top) / 35 (bottom) / 28 (left) / 26 (right) mm; title 2号 方正小标宋简体
centred; body 3号 仿宋_GB2312 at a fixed 28.95 pt line pitch (22 lines of 28 characters: CHAR_SPACING);
headings 一、 in 黑体 and (一) in 楷体_GB2312; tables in 4号 (section 五's: 小四,
render/docx_complaint_table.py) with the header row repeated on every page; page numbers
"— 1 —" in 4号 宋体, odd pages right and even pages left; the compiling office and the date at
the end; the audience in the page header (发至: …).
Fonts are named, never embedded: Word and WPS use what is installed.

Record text is data: python-docx writes text runs literally (no field codes, no markup), and
control and bidi characters are shown as visible symbols, never passed through.
python-docx (the ``office`` extra) is imported only when a document is written.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from datetime import date, timedelta
from os import PathLike
from typing import Any

from softenv_core._decimal_context import in_analysis_context
from softenv_core._validators import argument
from softenv_core.analyses.disclosure import HIDDEN_MARK
from softenv_core.analyses.monitoring_report import MonitoringReport
from softenv_core.analyses.overdue_words import overdue_words
from softenv_core.io.atomic import writable_file
from softenv_core.model.followups import FollowUpKind
from softenv_core.model.periods import BEIJING, beijing_date
from softenv_core.model.points import CITY_LIAISON
from softenv_core.model.reports import ItemCategory
from softenv_core.render import docx_style
from softenv_core.render.county_report_section import first_submitted, open_band
from softenv_core.render.document_words import day_in_year, due_and_sent, year_apart
from softenv_core.render.docx_complaint_table import HEADERS, complaint_table
from softenv_core.render.docx_style import (
    CellText,
    _as_heading,
    _font,
    _run_font,
    checked_arguments,
    docx_installed,
    header_and_page_numbers,
    keep_with_signature,
    signature,
    write_docx,
)
from softenv_core.render.docx_words import NONE_ZH, _date_zh, _moment_zh, _month_zh, _more, _pct, _spread, visible
from softenv_core.render.list_lengths import NOTABLE_ITEMS_SHOWN, OPEN_MATTERS_SHOWN_WORD
from softenv_core.render.monitoring_sections import category_rows, department_rows
from softenv_core.render.monitoring_workload import busiest_named
from softenv_core.render.report_amendments import amended_mark, amendment_note
from softenv_core.render.report_flags import flags_clause
from softenv_core.render.report_format import _STATUS as _STATUS_LABELS
from softenv_core.render.report_format import (
    PROVISIONAL_REPORT_ZH,
    _count,
    _Doc,
    _method,
    amount,
    complaint_counts,
    contact_office,
    items_total,
    matters_day,
    owing_note,
    own_count_note,
    problem_text,
    rates_counts,
    reader_name,
    reminder_note,
    report_notes,
    short_of_days,
    waived_zh,
)
from softenv_core.render.trend_text import sentence_zh

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"
SUBHEADING_FONT = "楷体_GB2312"
PAGE_NUMBER_FONT = "宋体"
SIZE_2, SIZE_3, SIZE_4 = 22, 16, 14  # 二号, 三号, 四号 in points
LINE_PITCH = 28.95  # points: 22 lines in the 225 mm text block
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
#: GB/T 9704's 28 characters of 3号 a line (reference/round2-facts.md) in a text block of
#: 210 - 28 - 26 = 156 mm = 442.20 pt: 15.79 pt a character, so the body is condensed by
#: (15.79 - 16) pt, rounded down to the twentieth of a point Word's character spacing counts in:
#: -5, 15.75 pt a character, 28 a line (441 pt) where 16 pt ones gave 27 (clerk c61 03). Not a
#: character grid (docGrid linesAndChars, charSpace): Word squeezes the characters onto it, but
#: LibreOffice gives each 16 pt character two of its 15.79 pt cells, 14 a line.
CHAR_SPACING = math.floor(((210 - MARGINS_MM["left"] - MARGINS_MM["right"]) / 25.4 * 72 / 28 - SIZE_3) * 20)

_STATUS = _STATUS_LABELS["zh"]  # one table of the report's status labels (render/report_format.py)


def audience_line(r: MonitoringReport) -> str:
    """Who the document goes to (发至), from the report's audience (docx_style.audience_line)."""
    return docx_style.audience_line(r.audience, r.feedback_by, reader_name(r), r.reader_office)


def issue_date(r: MonitoringReport) -> date:
    """The report's date: the day (Beijing) of the instant it speaks for, as the year end's; at the
    default instant (the moment after the month's last county deadline) that deadline's day, as
    before. Never the clock. A report as of 10-20 was dated the 10-09 deadline (auditor a67 02)."""
    dues = [row.due_at for row in r.county_reports if row.due_at is not None]
    if r.as_of is not None and not (dues and max(dues) < r.as_of <= max(dues) + timedelta(seconds=1)):
        return beijing_date(r.as_of)
    return max(dues).astimezone(BEIJING).date() if dues else r.month.end.date()


@in_analysis_context  # its rates and shares as the Markdown's, whatever the caller's context (i48)
def write_report_docx(
    r: MonitoringReport,
    path: str | PathLike[str],
    lang: str = "zh",
    *,
    office: str | None = None,
    issued: date | None = None,
) -> None:
    """Write the monthly report (监测报告) as a .docx at ``path`` (atomically). Chinese only: the layout
    standard is a Chinese one; ``lang`` other than zh is refused. ``office`` (the compiler
    signing it) defaults to the report's ``compiled_by``, the city's 市经贸委 (三(二))."""
    docx_installed()  # the installation first, then the arguments (tests/test_office.py)
    argument(r, MonitoringReport, "report", "a MonitoringReport (monitoring_report(...))")
    path = writable_file(path)  # named when wrong (i36), or a file it cannot write (a folder, a NUL: i48)
    checked_arguments(office, issued, lang, "report")
    office = office or r.compiled_by
    title = f"{r.city}软环境建设监测报告（{r.month.year}年{r.month.month}月）"
    write_docx(_Layout, r, path, title, office, issued or issue_date(r))  # one way for both Word documents


class _Layout:
    """Builds the document: page setup, styles, then the report's sections."""

    def __init__(self, doc: Any) -> None:
        from docx.enum.text import WD_LINE_SPACING
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn
        from docx.shared import Mm, Pt

        self.doc = doc
        self.Pt = Pt
        self._cells = CellText(SIZE_4)  # the tables' size (the year end's layout: 小四)
        self._sized: dict[float, CellText] = {}  # a table of another size (section 五's, 小四)
        self._grid: Any = None
        section = doc.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
        section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
        section.header_distance, section.footer_distance = Mm(15), Mm(28 - 7)  # numbers 7 mm below the block
        normal = doc.styles["Normal"]
        _font(normal, BODY_FONT, SIZE_3)
        spacing = OxmlElement("w:spacing")  # the body's character spacing (CHAR_SPACING)
        spacing.set(qn("w:val"), str(CHAR_SPACING))
        rpr = normal.element.get_or_add_rPr()
        # In the schema's order of a run's properties (Word refuses a file out of it).
        later = ("w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr")
        rest = ("w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout")
        rpr.insert_element_before(spacing, *later, *rest, "w:specVanish", "w:oMath")
        fmt = normal.paragraph_format
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(LINE_PITCH)
        fmt.space_before = fmt.space_after = Pt(0)

    # -- building blocks

    def para(self, text: str = "", *, indent: bool = True, font: str | None = None, bold: bool = False) -> Any:
        p = self.doc.add_paragraph()
        if indent:
            p.paragraph_format.first_line_indent = self.Pt(SIZE_3 * 2)  # two characters
        if text:
            run = p.add_run(visible(text))
            if font:
                _run_font(run, font, SIZE_3)
            run.bold = bold or None
        return p

    def heading(self, text: str, level: int = 1) -> None:
        # Plain paragraphs in the standard's fonts: Word's built-in heading styles would bring
        # their own fonts and colours, which the standard does not have. Kept with what follows:
        # a heading was left at the foot of a page, its section starting overleaf (finding 11).
        _as_heading(self.para(text, font=HEADING_FONT if level == 1 else SUBHEADING_FONT), level)

    def table(
        self,
        headers: Sequence[object],
        rows: Sequence[Sequence[object]],
        widths: Sequence[float] | None = None,
        *,
        size: float | None = None,
    ) -> None:
        """A table in the layout's size (4号) or ``size``, header row repeated on every page; ``widths``
        in mm (the text block is 156); a header a tuple: a line each."""
        from docx.enum.table import WD_TABLE_ALIGNMENT
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        text = self._cells if size is None else self._sized.get(size) or self._sized.setdefault(size, CellText(size))
        t = self.doc.add_table(rows=1, cols=len(headers))
        if self._grid is None:  # looked up by its name once: a search of every style
            self._grid = self.doc.styles["Table Grid"]
        t.style = self._grid
        t.alignment = WD_TABLE_ALIGNMENT.CENTER
        head = t.rows[0]
        # Every row a page holds is kept whole on it (w:cantSplit: an id must not break across pages),
        # written before w:tblHeader, as the schema orders a row's properties.
        head._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        marker = OxmlElement("w:tblHeader")  # repeat this row at the top of every page
        marker.set(qn("w:val"), "true")
        head._tr.get_or_add_trPr().append(marker)
        for cell, title in zip(head.cells, headers, strict=True):
            self._cell(text, cell, title, HEADING_FONT)
        for row in rows:
            added = t.add_row()
            if text.fits_a_page(row, widths or [156 / len(headers)] * len(headers)):
                added._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
            cells = added.cells
            for cell, value in zip(cells, row, strict=True):
                self._cell(text, cell, value, BODY_FONT)
        if widths:
            from docx.shared import Mm

            t.autofit = False
            for column, mm in zip(t.columns, widths, strict=True):
                column.width = Mm(mm)  # the grid, which LibreOffice and WPS go by
            for row_ in t.rows:
                for cell, mm in zip(row_.cells, widths, strict=True):
                    cell.width = Mm(mm)
        self.para(indent=False)

    @staticmethod
    def _cell(text: CellText, cell: Any, value: object, font: str) -> None:
        # Names, figures, states centred; longer text reads better flush left. A tuple: a line each.
        parts = [str(v) for v in value] if isinstance(value, tuple) else [str(value)]
        text.put(cell, "\n".join(map(visible, parts)), font, centred=max(map(len, parts)) <= 12)

    # -- the document

    def build(self, r: MonitoringReport, office: str, issued: date) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        header_and_page_numbers(self.doc, visible(audience_line(r)), (BODY_FONT, PAGE_NUMBER_FONT), SIZE_4)
        y, m = r.month.year, r.month.month
        title = self.para(f"{r.city}软环境建设监测报告", indent=False, font=TITLE_FONT)
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run_font(title.runs[0], TITLE_FONT, SIZE_2)
        sub = self.para(f"（{y}年{m}月）", indent=False, font=SUBHEADING_FONT)
        sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
        self.para(indent=False)
        for note in report_notes(r, zh=True):  # before the baseline; "—" outside the city office (t5 10)
            self.para(note)
        self._summary(r)
        self._trends(r)
        self._county_reports(r)
        self._contacts(r)
        self._items(r)
        self._open_matters(r)
        self._complaints(r)
        self._common(r)
        self._reconciliation(r)
        keep_with_signature(self.doc.element.body)
        signature(self.para, office, issued, SIZE_3)

    def _summary(self, r: MonitoringReport) -> None:
        cr = complaint_counts(r, "件")
        status = Counter(row.status for row in r.county_reports)
        zero = sum(1 for row in r.county_reports if row.zero_report)
        reached = sum(c.reached for c in r.contacts)
        active = sum(c.active_points for c in r.contacts)
        self.heading("一、总体情况")
        self.para(
            f"本月{len(r.county_reports)}个县区中按时报送月报{status.get('on_time', 0)}个、迟报"
            f"{status.get('late', 0)}个、未报{status.get('missing', 0)}个"
            + (f"、未到期{status['not_due']}个" if status.get("not_due") else "")
            + (f"、已豁免{status['waived']}个" if status.get("waived") else "")
            + (f"、无需报送{status['not_owed']}个" if status.get("not_owed") else "")
            + f"，其中零报告{zero}个。"
            f"本月应联系监测点{active}个，联系上{reached}个，未联系上{active - reached}个。"
            f"监测点反映事项{amount(items_total(r), '项')}。直接反馈（投诉、举报、意见建议）本月收到"
            f"{cr[0]}，办结{cr[1]}，{overdue_words(r.month, r.as_of, True)}{cr[2]}。"  # auditor a78 01
            f"共性问题{len(r.common_problems)}项{flags_clause(r, True, word=True)}。"
            + (f"数据截至{_moment_zh(r.as_of)}（北京时间），此后报送的月报和修改不计入。" if r.as_of else "")
        )
        if r.provisional:  # said on its own line, in bold: the report must be made again
            self.para(PROVISIONAL_REPORT_ZH, bold=True)

    def _trends(self, r: MonitoringReport) -> None:
        """一's 晴雨表: the sentences of trends.py, "无可比数据" lines included."""
        if r.trends is not None and r.trends.sentences:
            said = (sentence_zh(s, months=True) for s in r.trends.sentences)
            self.para("与上月、去年同月比较：" + "；".join(said) + "。")

    def _county_reports(self, r: MonitoringReport) -> None:
        self.heading("二、各县区月报报送情况")
        rows = []
        for row in r.county_reports:
            st = _STATUS.get(row.status, row.status)
            if row.status == "late":
                st += f"{row.late_workdays}个工作日"
            elif row.status == "waived":  # as the Markdown says it (report_format.waived_zh)
                st += waived_zh(f"迟报{row.late_workdays}个工作日" if row.submitted_at else None, row.waiver)
            elif row.status == "not_due" and row.waiver:  # as the Markdown: already excused
                st += f"（豁免 {row.waiver}）"
            st += open_band(row, "zh")  # still open to a late report, as the Markdown (a84 03)
            # No report: 未报 if the month was due (else 无, as 截止: auditor a71 05), and no zero-report
            # claim about it ("—" marks a hidden count only: t5 10).
            # A county's deadline before its day's end shows its time, and seconds where the
            # minute hides the order, as the Markdown's (due_and_sent).
            # A day outside the month's year in full, its year a line of its own (clerk c58 07).
            due, first = due_and_sent(row.due_at, row.submitted_at, short=True, year=r.month.year)
            zero = ("是" if row.zero_report else "否") + amended_mark(row, True) if row.submitted_at else ""
            times = _day_over_time(due or "无"), _day_over_time(first_submitted(row.status, first, True, "无"))
            rows.append([row.name, *times, st, zero, _count(r, row.items)])
        # 状态 holds 迟报12个工作日 on one line (at 30 mm 迟报3个工作日 broke inside 工作日, clerk c48);
        # 截止 and 首次报送 their day and time (17:00:30, 6 × 178 + 2 × 94 + 216 twips in DejaVu
        # digits) each on a line: one line, 10-09 17:00:30 was wider than 35 mm and broke inside
        # its digits (reviewer r54 01); 零报告 and 事项 their headers.
        self.table(["县区", "截止", "首次报送", "状态", "零报告", "事项"], rows, (29, 27, 27, 40, 19, 14))
        for note in (own_count_note(r, True), amendment_note(r, True)):  # the later 补报 named (c54 01)
            if note:
                self.para(note)

    def _contacts(self, r: MonitoringReport) -> None:
        names = {row.county: row.name for row in r.county_reports}
        self.heading("三、联系监测点情况")
        rows = [
            [
                _office(r, c.county, names),
                c.active_points,
                c.reached,
                c.active_points - c.reached,
                tuple(f"{_method(k, 'zh')}{v}" for k, v in c.by_method.items() if v) or NONE_ZH,  # 上门 not 上/门
                c.wrong_office_count,
                c.not_liaison_count,
            ]
            for c in r.contacts
        ]
        # 156 mm (it was 170: clerk c35); 应联系 at 16 mm read 应联/系 (3 × 280 + 216 twips: clerk c50).
        heads = ["县区/市直", "应联系", "联系上", "未联系上", "方式", "非责任单位", "非定人"]
        self.table(heads, rows, (26, 19, 19, 24, 30, 19, 19))
        self.para(owing_note(r, True))  # the column counts the points owing the month, not the roster (t11 08)
        if short := short_of_days(r, True, lambda code: _office(r, code, names), str):
            self.para(short)
        flagged = [x for c in r.contacts for x in c.not_liaison]
        if flagged:
            self.para("非定人联系（非该监测点联系人所做）：" + "、".join(flagged) + "。")
        # By the office that owed the contact (the 市直 points are 市经贸委's, not their county's).
        unreached = [_office(r, c.county, names) + "：" + "、".join(c.unreached) for c in r.contacts if c.unreached]
        if unreached:
            self.para("未联系上的监测点：" + "；".join(unreached) + "。")
        if r.liaison_workload:
            counts = [w.points for w in r.liaison_workload]
            self.para(
                f"定人联系：联系人{len(counts)}名，人均联系监测点{sum(counts) / len(counts):.1f}个，"
                f"最多{max(counts)}个{busiest_named(r.liaison_workload)}"
                + (f"；未指定联系人的监测点{r.liaison_unassigned}个。" if r.liaison_unassigned else "。")
            )
        elif r.liaison_unassigned:  # nobody named at all: said as the Markdown says it (a63 02)
            self.para(f"定人联系：未指定联系人的监测点{r.liaison_unassigned}个。")

    def _items(self, r: MonitoringReport) -> None:
        depts = r.department_names
        self.heading("四、反映问题情况")
        self.table(["类别", "事项数"], category_rows(_Doc(r, "zh", {})))
        departments = department_rows(_Doc(r, "zh", {}))  # the Markdown's second table, 无 and all (c59 02)
        if departments:
            self.table(["涉及部门", "事项数"], departments)
        if r.notable_items:
            self.heading(_part(r, "（一）主要事项"), level=2)
            for it in r.notable_items[:NOTABLE_ITEMS_SHOWN]:
                # Who raised it, as the Markdown says it (where the reader may see it): two items
                # of one wording were two lines alike, no telling whose (clerk c35).
                said = ([f"监测点{it.point}反映"] if it.point else []) + (
                    [f"涉及{depts.get(it.department, it.department)}"] if it.department else []
                )
                about = f"（{'，'.join(said)}）" if said else ""
                self.para(f"{ItemCategory.from_value(it.category).zh}：{it.text}{about}")
            if len(r.notable_items) > NOTABLE_ITEMS_SHOWN:
                self.para(_more(len(r.notable_items) - NOTABLE_ITEMS_SHOWN))

    def _open_matters(self, r: MonitoringReport) -> None:
        if not r.open_matters:
            return
        names = {row.county: row.name for row in r.county_reports}
        self.heading(_part(r, "（二）未办结事项"), level=2)
        day = matters_day(r)  # the ages run to this day (t11 10: "报告日" was defined nowhere)
        # Which matters are past the limit, as the Markdown's ⚠ (clerk c44: the table said 3 were
        # and marked none); ※ is in GB 2312, and so in 仿宋_GB2312; said before the table it marks.
        marked = "（表中历时后标“※”）" if r.open_matters_long else ""
        self.para(
            f"截至{day.month}月{day.day}日未办结事项{len(r.open_matters)}项，"
            f"其中达到跟踪时限{r.open_matters_long}项{marked}。"
        )
        rows = [
            [
                day_in_year(m.raised_on, r.month.year),
                # A county withheld from this reader (a small cell) is "" in the result: the note's mark.
                names.get(m.county, m.county) or HIDDEN_MARK,
                ItemCategory.from_value(m.category).zh,
                m.text,
                FollowUpKind.from_value(m.last_step).zh if m.last_step else "未跟进",
                f"{m.age_days}天" + ("※" if m.long_open else ""),
            ]
            for m in r.open_matters[:OPEN_MATTERS_SHOWN_WORD]
        ]
        # 反映日期 and a category (困难问题) on one line (24 mm each: they wrapped at 22 and 18, c39);
        # 历时 with its ※ (110天※) too: at 22 mm a three-digit age broke as 111天 / ※ where
        # LibreOffice draws the digits in DejaVu Sans (0.64 em; clerk c48), so 24 mm.
        self.table(["反映日期", "县区", "类别", "事项", "最近跟进", "历时"], rows, (24, 20, 24, 36, 28, 24))
        if len(r.open_matters) > OPEN_MATTERS_SHOWN_WORD:
            self.para(_more(len(r.open_matters) - OPEN_MATTERS_SHOWN_WORD))

    def _complaints(self, r: MonitoringReport) -> None:
        cr = complaint_counts(r, "件")
        self.heading("五、直接反馈办理情况")
        self.para(f"（本节由{r.feedback_by}提供）").paragraph_format.keep_with_next = True  # indented: body text (c57)
        self.para(f"本月收到{cr[0]}，办结{cr[1]}，{overdue_words(r.month, r.as_of, True)}{cr[2]}。")
        if not r.complaints:
            return
        # 小四: a reference (R-…) on one line, 应督办 on its own (render/docx_complaint_table.py, c56 06, c58 01).
        rows, widths, size = complaint_table(r)
        self.table(HEADERS, rows, widths, size=size)
        # 应督办 beside a 督办 within the limit (c58 04); its day 2025年3月25日 (03-25 broke as 03- / 25).
        if note := reminder_note(r, True, str, lambda at: _date_zh(beijing_date(at))):
            self.para(note)
        flagged = [f"{q.id}：{problem_text(p, True)}" for q in r.complaints for p in q.problems]
        if flagged:
            self.para("办理问题（需核查）：" + "；".join(flagged) + "。")

    def _common(self, r: MonitoringReport) -> None:
        self.heading("六、共性问题和工作建议")
        if r.unit_rates:  # numbered only when （二） follows: a lone （一） read as a cut document (t11 10)
            self.heading("（一）共性问题", level=2)
        if not r.common_problems:
            self.para("本期未发现需专项调研的共性问题。")
        for p in r.common_problems:
            # "困难问题" already says 问题: not "困难问题问题".
            kind = p.category_zh if p.category_zh.endswith("问题") else f"{p.category_zh}问题"
            # The category's matters naming no department: a problem of their own, said so.
            about = f"涉及{p.department_name}" if p.department_name else f"（涉及部门：{NONE_ZH}）"
            self.para(
                f"{kind}{about}，{_spread(p)}"
                f"在{_month_zh(p.first_month)}至{_month_zh(p.last_month)}期间反映，建议开展专项调研。"
            )
        if r.unit_rates:
            self.heading("（二）承办单位“三率”", level=2)
            name = r.department_names.get
            # With 综合, as the Markdown's section 八 and the results workbook's 三率 sheet (clerk c50).
            rates = [
                [name(u.unit, u.unit), *map(_pct, (u.response, u.resolution, u.satisfaction, u.combined))]
                for u in r.unit_rates
            ]
            # 市行政审批局 on one line (8 characters in 48 mm); 100.00% in DejaVu digits fits 27 mm.
            self.table(["承办单位", "响应率", "解决率", "满意率", "综合"], rates, (48, 27, 27, 27, 27))
            self.para(rates_counts(r.unit_rates, lambda u: name(u, u)))  # the counts (auditor a58 05)

    def _reconciliation(self, r: MonitoringReport) -> None:
        """七: the Markdown's section 七, which the summary counts (可能漏报提示N条); the
        document had no such section, and its reader was told of flags it could not see."""
        if not r.reconciliation:
            return
        names = {row.county: row.name for row in r.county_reports}
        self.heading("七、核对提示（可能漏报）")
        for f in r.reconciliation:
            who = f"（{f.point}）" if f.point else ""
            said = f.contact or f.complaint  # a contact's flag names the contact (t11 07)
            self.para(f"{names.get(f.county, f.county)}：{said}{who}，{f.reason}。".replace("：，", "："))


def _part(r: MonitoringReport, heading: str) -> str:
    """A part of 四 numbered only when 四 has both (主要事项 and 未办结事项): a month without items
    went from 四's table to （二）, with no （一）, and one without open matters had a lone （一）
    (c39; 六 likewise, t11 10)."""
    return heading if r.notable_items and r.open_matters else heading[3:]


def _day_over_time(text: str) -> str | tuple[str, ...]:
    """A due or submission cell's day and time (``10-09 17:00:30``) a line each (a tuple), so the
    cell breaks between them rather than inside the time; a day or a word stays one line. A day
    written with its year (``2026-01-05``, outside the report month's year) has the year on a
    line of its own (``2026-`` / ``01-05``), as section 五's 时限 writes it: the 27 mm column
    holds the day, not the date whole."""
    day, _, clock = text.partition(" ")
    apart = year_apart(day)
    lines: tuple[str, ...] = apart if isinstance(apart, tuple) else (day,)
    lines += (clock,) if clock else ()
    return lines if len(lines) > 1 else text


def _office(r: MonitoringReport, code: str, names: dict[str, str]) -> str:
    """Section 三's row name: the county's name, or 市经贸委（市直） for the city's 市直 points."""
    return contact_office(r, code, names, True) if code == CITY_LIAISON else names.get(code, code)


__all__ = ["audience_line", "issue_date", "visible", "write_report_docx"]
