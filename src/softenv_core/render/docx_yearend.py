"""The year-end work (年终工作) as a Word document laid out after GB/T 9704-2012, as the monthly
report's (render.docx_report, whose page, fonts, header, page numbers and signature it shares).

Officials receive Word documents; the year end was Markdown, JSON and a workbook only (clerk
c51 05). The document shows the Markdown's sections (render.year_end) with the same figures, from
the same :class:`YearEnd`: that result is already redacted for its reader (docs/privacy.md), and
nothing here recomputes or filters it, so a county's document hides what its Markdown hides and
shows "—" where the Markdown does, under the same note. The wordings are the Markdown's helpers'
(yearend_parts, yearend_window, appraisal_basis) given ``str`` for escaping: record text is
screened here as the Word report screens it (docx_words.visible, in every paragraph and cell).
Tables are set in 小4 (GB/T 9704 allows a table a smaller size): the year end's run to seven
columns of ids and dates, which at 4号 did not fit the 156 mm type area.
"""

from __future__ import annotations

from datetime import date
from os import PathLike
from typing import Any

from softenv_core._decimal_context import in_analysis_context
from softenv_core._validators import argument
from softenv_core.analyses.year_end import YearEnd
from softenv_core.io.atomic import writable_file
from softenv_core.model.followups import FollowUpKind
from softenv_core.model.periods import beijing_date
from softenv_core.model.points import Designator
from softenv_core.render import docx_style
from softenv_core.render.appraisal_basis import department_lines, round_basis_lines, taking_part_line, unrated_line
from softenv_core.render.docx_report import (
    BODY_FONT,
    HEADING_FONT,
    PAGE_NUMBER_FONT,
    SIZE_2,
    SIZE_3,
    SIZE_4,
    TITLE_FONT,
    _Layout,
)
from softenv_core.render.docx_style import (
    CellText,
    _run_font,
    checked_arguments,
    docx_installed,
    header_and_page_numbers,
    keep_with_signature,
    signature,
    write_docx,
)
from softenv_core.render.docx_words import _date_zh, _moment_zh, visible
from softenv_core.render.notices import zh_notice
from softenv_core.render.reasons import joined
from softenv_core.render.report_format import PROVISIONAL_ZH, WITHHELD
from softenv_core.render.section_numbers import _ZH
from softenv_core.render.year_end import _county, _filing_counts, _referred, county_names
from softenv_core.render.yearend_flags import also_proposed_lines, unqualified_lines
from softenv_core.render.yearend_params import proposal_param_lines, quota_param_lines
from softenv_core.render.yearend_parts import (
    QUOTA_HEADERS_ZH,
    UNDATED_ZH,
    addition_cells,
    evidence_header,
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

#: The annex's title (附件), said in the body where the formulas were and in its 附件说明.
ANNEX_TITLE = "万人评议各部门得分计算式"
SIZE_SMALL_4 = 12  # 小四, in points: the year end's tables
#: What a department and the public are told of a list given to the city office and the counties only.
_WITHHELD_ZH = "{what}仅向{office}和有关县区提供，本阅读范围不列（不是没有）。"


def audience_line(y: YearEnd) -> str:
    """Who the year end goes to (发至), as the monthly report's header says it (one function:
    docx_style.audience_line); a county by the name its guarantees row gives in a document
    written before the year end recorded its reader's name."""
    kind, _, key = y.audience.partition(":")
    name = y.reader_name
    if name is None and kind == "county":
        name = _county(y)(key).partition(" ")[2] or None  # 379902 东城区 where the year end names it
    return docx_style.audience_line(y.audience, y.office, name, y.reader_office)


def issue_date(y: YearEnd) -> date:
    """The year end's date: the day of the instant it speaks for (Beijing time; the moment after
    the year's last report deadline unless asked otherwise), never the clock; the year's last day
    in a year end written before it took an instant."""
    return beijing_date(y.as_of) if y.as_of is not None else date(y.year, 12, 31)


@in_analysis_context  # its figures as the Markdown's, whatever the caller's decimal context (i48)
def write_yearend_docx(
    y: YearEnd,
    path: str | PathLike[str],
    lang: str = "zh",
    *,
    office: str | None = None,
    issued: date | None = None,
) -> None:
    """Write the year-end work as a .docx at ``path`` (atomically), for the reader ``y`` was made
    for. Chinese only (GB/T 9704 is a Chinese standard). ``office`` (the compiler signing it)
    defaults to the city office by the dataset's name for it (``YearEnd.office``, 市软建办);
    ``issued`` to :func:`issue_date`."""
    docx_installed()  # the installation first, then the arguments (tests/test_office.py)
    argument(y, YearEnd, "year_end", "a YearEnd (year_end(...))")
    path = writable_file(path)  # named when wrong, or a file it cannot write (i48)
    checked_arguments(office, issued, lang, "year end")
    office = office or y.office
    title = f"{y.year}年度软环境建设监测点年终工作"
    write_docx(_YearEndLayout, y, path, title, office, issued or issue_date(y))  # as the monthly report's


class _YearEndLayout(_Layout):
    """The monthly report's page, styles and blocks; the year end's sections, numbered as this
    reader has them (a county is not given 七 and 八: section_numbers)."""

    def __init__(self, doc: Any) -> None:
        super().__init__(doc)
        self._cells = CellText(SIZE_SMALL_4)
        self._sections = 0

    def section(self, title: str) -> None:
        self._sections += 1
        self.heading(f"{_ZH[self._sections - 1]}、{title}")

    def lines(self, lines: list[str], mark: str = "- ") -> None:
        """The Markdown helpers' lines (``esc=str``) as paragraphs: their list ``mark`` dropped
        (a line's own, never a record's: it is the line's start), blanks skipped."""
        for line in lines:
            if line:
                self.para(line.removeprefix(mark))

    def build(self, y: YearEnd, office: str, issued: date) -> None:  # type: ignore[override]
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        header_and_page_numbers(self.doc, visible(audience_line(y)), (BODY_FONT, PAGE_NUMBER_FONT), SIZE_4)
        title = self.para(f"{y.year}年度软环境建设监测点年终工作", indent=False)
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run_font(title.runs[0], TITLE_FONT, SIZE_2)
        self.para(indent=False)
        if y.as_of is not None:
            # the monthly report's form, 2026年1月6日0时, not 2026-01-06 00:00 (clerk c55 05)
            self.para(f"数据截至{_moment_zh(y.as_of)}（北京时间），此后记录的不计入；尚未结束的万人评议轮次不列出。")
        if y.provisional:  # in bold, as the Markdown's
            self.para(PROVISIONAL_ZH, bold=True)
        notices = [n for n in y.notices if n != PROVISIONAL_NOTICE]
        if notices:  # what the year end withheld from this reader
            self.para("提示：")
            self.lines([zh_notice(n, county_names(y)) for n in notices])  # 河西县（379926）: clerk c54 04
        note = hidden_note(y, True)
        if note:  # before the first "—", as the Markdown's
            self.para(note)
        for part in (
            self._appraisal,
            self._representativeness,
            self._proposals,
            self._filings,
            self._commendation,
            self._topics,
            self._followups,
            self._research,
            self._adjustment,
            self._guarantees,
        ):
            part(y)
        keep_with_signature(self.doc.element.body)
        annexed = any(r.departments for r in y.appraisal)
        if annexed:  # 附件说明 (GB/T 9704 7.3.4): under the text, a blank line above it, all kept
            for text in ("", f"附件：{ANNEX_TITLE}"):  # with the text's end and the signature
                self.para(text).paragraph_format.keep_with_next = True
        signature(self.para, office, issued, SIZE_3)
        if annexed:
            self._annex(y)

    def _annex(self, y: YearEnd) -> None:
        """The per-department formulas of 万人评议 after the signature, on a page of their own,
        headed 附件 and its title (GB/T 9704 8.1 / 7.4): several pages of arithmetic set as the
        body's text read as the document's substance (clerk c52 07). The Markdown keeps them
        under each round's table."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        head = self.para("附件", indent=False, font=HEADING_FONT)
        head.paragraph_format.page_break_before = True
        title = self.para(ANNEX_TITLE, indent=False)
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run_font(title.runs[0], TITLE_FONT, SIZE_2)
        self.para(indent=False)
        for n, r in enumerate(y.appraisal, 1):
            if not r.departments:
                continue
            number = f"（{_ZH[n - 1]}）" if len(y.appraisal) > 1 else ""
            self.heading(f"{number}{r.period}（{r.round}）", level=2)
            self.lines(department_lines(r, True, str))

    def _appraisal(self, y: YearEnd) -> None:
        self.section("万人评议结果")
        if not y.appraisal:
            self.para("无。")
        for n, r in enumerate(y.appraisal, 1):
            # （一）（二） only when there are two rounds: a lone （一） reads as a cut document (t11 10)
            number = f"（{_ZH[n - 1]}）" if len(y.appraisal) > 1 else ""
            self.heading(f"{number}{r.period}（{r.round}）", level=2)
            rows = [
                [
                    d.rank if d.rank is not None else "—",
                    d.name,
                    d.score if d.score is not None else "—",
                    d.valid if d.valid is not None else WITHHELD["zh"],
                    "末位" if d.bottom else "样本不足，不排名" if not d.sufficient else "",
                ]
                for d in r.departments
            ]
            # 有效评价 holds （不公开） on a line, 标记 样本不足，不排名 (8 characters of 小4 in 38 mm).
            if rows:
                self.table(["名次", "部门", "得分", "有效评价", "标记"], rows, (14, 56, 20, 26, 40))
            else:  # a sentence, not a header row alone, which read as a ranking (auditor a65 04)
                self.para(unrated_line(y.audience, True))
            self.lines(round_basis_lines(r, True, str, departments=False))
            if r.departments:  # the formulas themselves are in the annex (c52 07)
                self.para("各部门得分的计算式见附件。")
            self.para(taking_part_line(y, r, True, str))

    def _representativeness(self, y: YearEnd) -> None:
        self.section("监测点代表性")
        for label, rep in (("调整前", y.roster_before), ("调整后", y.roster_after)):
            gaps = joined([gap_zh(g, y.audience) for g in rep.gaps], True)
            self.para(f"{label}（{_date_zh(rep.on)}）：{rep.points}个监测点；" + (gaps or "无缺口"))

    def _proposals(self, y: YearEnd) -> None:
        self.section("动态调整建议")
        county = _county(y)
        if y.audience == "public" or y.audience.startswith("department:"):
            self.para(_WITHHELD_ZH.format(what="调整建议", office=y.office))
        elif y.proposals:
            rows = [[p.point, county(p.county), p.action.zh, joined(p.explanation, True)] for p in y.proposals]
            # An id (P379902-006) and a county (379902 东城区) on a line each in 小4.
            self.table(["监测点", "县区", "建议", "理由"], rows, (35, 35, 20, 66))
            self.lines(proposal_param_lines(y, True, str))  # as the Markdown's (reviewer r59 04)
        else:
            self.para("无。")
        # Per ground a blank, its heading, a blank, then "- ! …" lines: blanks are the Markdown's
        # spacing, never an empty paragraph here (reviewer r55: one came before the heading).
        self.lines(unqualified_lines(y, True), "- ! ")

    def _filings(self, y: YearEnd) -> None:
        self.section("县区调整备案")
        bad = [f for f in y.filings if not f.ok]
        self.para(_filing_counts(y, len(bad), True, str))
        if bad:
            named = _county(y)
            rows = [
                [f.change, named(f.county), f.point, (str(f.effective), str(f.filed_on or "未备案")), f.reason]
                for f in bad
            ]
            # The two dates a line each in one column: six columns of ids and dates were wider
            # than the type area; the county breaks between its code and its name, a change id
            # at a hyphen; a point's id (P379921-020) needs 35 mm in LibreOffice's DejaVu digits.
            heads = ["调整", "县区", "监测点", ("生效日期", "备案日期"), "问题"]
            self.table(heads, rows, (36, 22, 35, 29, 34))
        county = [u for u in y.unrecorded if u.by is Designator.COUNTY and u.point]
        if county:
            self.para(
                f"另有县区调整{len(county)}项未记入名册调整（监测点记录的确定或截止日期在年内），其备案无从核对："
            )
            self.lines([u.explanation for u in county])

    def _commendation(self, y: YearEnd) -> None:
        self.section("表彰推荐")
        county = _county(y)
        c = y.commendation
        rows = []
        for n in c.counties:
            accepted, rejected = (tuple(cell.split("\n")) for cell in nominee_cells(n, True))
            rows.append([county(n.county), n.active_points, n.quota, n.nominated, accepted, rejected])
        # The Markdown's 名额问题 column said under the table: a seventh column of its long text
        # left each 3 characters a line and a county's row a page high.
        heads: list[Any] = list(QUOTA_HEADERS_ZH[:-1])
        heads[1] = ("在册县区", "监测点")  # two lines in 21 mm, not 在册县/区监测/点
        self.table(heads, rows, (21, 21, 13, 13, 36, 52))
        errors = [quota_error(n, True) for n in c.counties if n.error]
        if errors:
            self.para(f"{QUOTA_HEADERS_ZH[-1]}：")
            self.lines(errors)
        if rows:
            self.para(quota_basis(y, True))
            self.lines(quota_param_lines(y, True, str))  # as the Markdown's (reviewer r59 04)
        if c.commended:
            self.para("市里决定表彰：" + "、".join(c.commended))
        if c.undated:
            self.para(f"{UNDATED_ZH}：" + "、".join(c.undated))
        self.lines([*c.flags, *also_proposed_lines(c, True)])  # a nominee also proposed for removal (a59 03)
        superseded = superseded_lines(c, True)
        if superseded:
            self.para("已被取代的决定（以最新决定为准）：")
            self.lines(superseded)

    def _topics(self, y: YearEnd) -> None:
        self.section("专项调研建议")
        if not y.topics:
            self.para("无。")
            return
        rows = [[t.title, t.points, *topic_spread(t, y.audience), opened_cell(t, True)] for t in y.topics]
        evidence = evidence_header(y.audience, True)
        head = (evidence[:-4], evidence[-4:]) if len(evidence) > 4 else evidence  # 本县区 / 依据事项
        self.table(["题目", "监测点数", "县区数", head, "已立项"], rows, (71, 21, 17, 21, 26))

    def _followups(self, y: YearEnd) -> None:
        f = y.followups
        if f is None:
            return
        self.section("事项跟踪办理")
        self.para(
            f"{matters_label(f, True)}{f.matters}项，提供帮助{f.helped}项；"
            f"已解决{f.resolved}项，无需处理{f.no_action}项，年末未办结{f.open_at_year_end}项。"
        )
        rows = [[FollowUpKind.from_value(k).zh, n] for k, n in f.by_kind.items()]
        self.table(["跟踪方式", "事项数"], rows, (110, 46))
        if f.referred_to:
            self.para("提请部门研究：" + "；".join(_referred(f, d, n, True) for d, n in f.referred_to.items()))

    def _research(self, y: YearEnd) -> None:
        t = y.research
        if t is None:
            return
        self.section("专项调研开展情况")
        if not t.topics:
            self.para("无。")
            return
        rows = [
            [p.title, p.owner_name, p.state_zh, p.evidence, len(p.findings), joined(p.measures, True) or "—"]
            for p in t.topics
        ]
        self.table(["题目", "承办", "状态", "依据事项", "发现", "措施"], rows, (36, 30, 22, 21, 13, 34))
        self.para(f"其中已提出措施{t.with_measures}项。")

    def _adjustment(self, y: YearEnd) -> None:
        self.section("年度调整期与新增建议")
        own = y.audience.startswith(("county:", "point:"))
        whose = "本监测点" if y.audience.startswith("point:") else "本县区" if own else ""
        self.para(window_counts(list(y.window), whose, own, True))
        named = [w for w in y.window if w.flagged and w.point]  # a department's or the public's: none
        county = _county(y)
        if named:
            rows = [[w.change, w.point, county(w.county), w.effective, w.explanation] for w in named]
            self.table(["调整", "监测点", "县区", "生效日期", "说明"], rows, (36, 35, 22, 29, 34))
        if y.unrecorded:
            outside = sum(u.outside_window for u in y.unrecorded)
            forced = forced_count(list(y.unrecorded), True)
            head = (
                f"另有未记入名册调整的调整{len(y.unrecorded)}项（监测点记录的日期在年内），其中调整期外{outside}项"
                + (f"，{forced}不受调整期限制" if forced else "")
            )
            listed = any(u.point for u in y.unrecorded)  # a department's or the public's copies name none
            self.para(head + ("：" if listed else "。"))
            if listed:
                self.lines([u.explanation for u in y.unrecorded])
        if y.suggested_removals:
            self.para("有关部门建议撤销：")
            self.lines(
                [f"{p.point}（{county(p.county)}）：{joined(p.explanation, True)}" for p in y.suggested_removals]
            )
        if y.additions:
            rows = [addition_cells(a, True, county) for a in y.additions]
            self.table(["范围", "来源", "维度", "需要", "理由"], rows, (21, 31, 17, 26, 61))

    def _guarantees(self, y: YearEnd) -> None:
        g = y.guarantees
        if g is None:
            return
        self.section("组织保障")
        rows = [[f"{c.county} {c.name}", c.work_plan or "无", len(c.targets), *_publicity(c)] for c in g.counties]
        self.table(["县区", "年度工作方案", "目标数", "宣传活动", "活动次数"], rows, (40, 47, 20, 24, 25))


def _publicity(c: Any) -> list[object]:
    """Section 十's 宣传活动 and 活动次数 of a county."""
    return ["有" if c.has_publicity else "无", len(c.publicity)]


__all__ = ["audience_line", "issue_date", "write_yearend_docx"]
