"""The layout of the office workbook (监测点工作簿): its sheets, columns and cell conversions.

One sheet per record kind, one row per record; nested records (a contact's or a report's
items, a report's amendments, a complaint's events) have sheets of their own whose first
columns name the parent record and the position. Row 1 holds the Chinese headers a clerk
reads, row 2 (hidden) the field names the reader goes by, so columns may be moved; records
start on row 3. This module imports no spreadsheet library: writing and reading live in
``workbook_write`` and ``workbook_read``, which need the ``office`` extra.
"""

from __future__ import annotations

from attrs import frozen

from softenv_core._validators import LabelledEnum
from softenv_core.model.appraisals import RaterGroup, RatingLevel
from softenv_core.model.complaints import ComplaintKind, EventType, Satisfaction, Verdict
from softenv_core.model.divisions import CountyKind
from softenv_core.model.enterprises import Ownership, Sector
from softenv_core.model.followups import FollowUpKind, MatterSource
from softenv_core.model.guarantees import PublicityKind
from softenv_core.model.points import Designator, PointLevel
from softenv_core.model.reports import ContactMethod, ItemCategory
from softenv_core.model.roster import ChangeAction, ChangeReason, TopicState
from softenv_core.model.sizes import Size

#: The file a clerk gets from ``softenv init``.
STARTER_NAME = "软环境监测点.xlsx"
HEADER_ROW = 1  # Chinese headers
FIELD_ROW = 2  # field names (hidden)
FIRST_ROW = 3  # the first record
OPTIONS_SHEET = "选项"  # hidden: the allowed values of every drop-down
README_SHEET = "说明"
BOOL_LABELS = ("是", "否")


class RosterSide(LabelledEnum):
    """调整方: who adjusts the roster, as the 名册调整 sheet writes a roster change's ``by``
    (its values are :class:`Designator`'s). Not Designator's own labels: 市确定、县区增设 say who
    designated a point, and offered to a county removing its point read as "county added" (clerk
    c48); a workbook written with them is still read (``Column.aliases``)."""

    CITY = ("city", "市")
    COUNTY = ("county", "县区")


@frozen
class Column:
    """A column: the record field it holds (dotted for nested objects), its header and kind.

    Kinds: ``id``, ``text``, ``code`` (text cells), ``enum``, ``bool``, ``int``, ``float``,
    ``date``, ``datetime``, ``month``, ``half``, ``list`` (ids separated by 、), ``lines``
    (texts, one a line), ``names`` (曾用名: one a line or separated by 、；;), ``parent``
    and ``seq`` (a child row's record and 1-based position), ``amendment`` (月报事项's 修改序号,
    0 for the report's own items), ``item`` (事项跟踪's 事项序号: 1-based in the sheet, the
    0-based position in the record's ``items`` in the dataset).

    ``blank`` is what the clerk must write when the cell is left empty, for a column whose field
    has a default in the dataset document that would change a figure if a blank cell took it
    (是否联系上 read as 是 scores 按月联系): such a blank cell is refused at its cell, never read as
    the default. None: an empty cell is the field's absence (optional, or required and told so).
    """

    field: str
    zh: str
    kind: str = "text"
    enum: type[LabelledEnum] | None = None
    width: float = 14
    blank: str | None = None
    #: Other texts read as a value (an earlier label): read, never offered nor written.
    aliases: tuple[tuple[str, str], ...] = ()


@frozen
class Sheet:
    """A sheet: its name, the dataset collection it fills and its columns.

    ``child`` names the list inside the parent record (``items``, ``events``, ``amendments``);
    the parent collection is then ``collection``.
    """

    name: str
    collection: str
    columns: tuple[Column, ...]
    child: str | None = None

    def column(self, field: str) -> int | None:
        for i, c in enumerate(self.columns):
            if c.field == field:
                return i
        return None


_c = Column  # the tables below, one column a line


# Columns whose blank cell would take a default that changes a figure (a blank is refused, the
# exporter writes every one). The others with a default do not: 零报告 blank with items is no zero
# report and without items is refused as an empty report; 同意公开身份 blank is no consent (the
# confidential default, DESIGN 7); 城市's office names and 豁免's 决定单位 are names, no figure.
_REACHED = "请填写“是”或“否”（是否联系上不能留空）"
#: Blank would be the city's (市经贸委): a county's activity or topic counted as the city's.
_BY = "请填写 city（市经贸委）或县区代码（{}不能留空）"


_ITEM = (
    _c("category", "类别", "enum", ItemCategory),
    _c("text", "内容", width=40),
    _c("department", "涉及部门编号", "id"),
    _c("point", "反映的监测点编号", "id"),
)

SHEETS: tuple[Sheet, ...] = (
    Sheet(
        "城市",
        "city",
        (
            _c("code", "行政区划代码", "code"),
            _c("name", "名称"),
            _c("office", "市软建办名称"),
            _c("liaison_office", "市经贸委名称"),
        ),
    ),
    Sheet(
        "县区",
        "counties",
        (
            _c("code", "行政区划代码", "code"),
            _c("name", "名称"),
            _c("kind", "类型", "enum", CountyKind),
            _c("liaison_office", "经贸委名称", width=18),
            _c("effective_from", "设立日期", "date"),
            _c("effective_until", "撤销日期", "date"),
        ),
    ),
    Sheet(
        "部门",
        "departments",
        (
            _c("id", "部门编号", "id"),
            _c("name", "名称", width=20),
            _c("county", "所属县区代码（市直留空）", "code"),
            _c("note", "备注", width=24),
        ),
    ),
    Sheet(
        "监测点",
        "points",
        (
            _c("id", "监测点编号", "id"),
            _c("enterprise.name", "企业名称", width=24),
            _c("county", "县区代码", "code"),
            _c("enterprise.uscc", "统一社会信用代码", "code", width=22),
            _c("enterprise.size", "规模", "enum", Size),
            _c("enterprise.ownership", "性质", "enum", Ownership),
            _c("enterprise.sector", "行业", "enum", Sector),
            _c("enterprise.industry", "国民经济行业代码", "code"),
            _c("enterprise.employees", "从业人员（人）", "int"),
            _c("enterprise.revenue_wan", "营业收入（万元）", "float"),
            _c("enterprise.assets_wan", "资产总额（万元）", "float"),
            _c("level", "层级", "enum", PointLevel),
            _c("designated_by", "确定方式", "enum", Designator),
            _c("designated_from", "确定日期", "date"),
            _c("designated_until", "截止日期", "date"),
            _c("liaison_person", "联系人（定人）"),
            # 更名: the names it had before, screened as its name is (a62 01); last, so that the
            # columns clerks know keep their letters. One a line, or listed with 、 or ； as a clerk
            # lists (clerk c54 02): a name may hold spaces, never these.
            _c("enterprise.former_names", "曾用名（每行一个）", "names", width=24),
        ),
    ),
    # 定人 who changed, oldest first; the 监测点 sheet's 联系人 holds from the day after (LiaisonTerm).
    Sheet(
        "前任联系人",
        "points",
        (
            _c("@parent", "监测点编号", "parent"),
            _c("@seq", "序号", "seq", width=8),
            _c("person", "前任联系人"),
            _c("until", "最后负责日期", "date"),
        ),
        child="former_liaison_persons",
    ),
    Sheet(
        "联系记录",
        "contacts",
        (
            _c("id", "联系编号", "id"),
            _c("point", "监测点编号", "id"),
            _c("date", "日期", "date"),
            _c("method", "方式", "enum", ContactMethod),
            _c("liaison", "联系单位（city 或县区代码）", "code", width=18),
            _c("reached", "是否联系上", "bool", blank=_REACHED),
            _c("note", "备注", width=24),
            _c("made_by", "联系人（实际联系者）"),
        ),
    ),
    Sheet(
        "联系事项",
        "contacts",
        (_c("@parent", "联系编号", "parent"), _c("@seq", "序号", "seq", width=8), *_ITEM),
        child="items",
    ),
    Sheet(
        "月报",
        "reports",
        (
            _c("id", "月报编号", "id"),
            _c("county", "县区代码", "code"),
            _c("month", "所报月份", "month"),
            _c("submitted_at", "报送时间（北京时间）", "datetime", width=20),
            _c("submitted_by", "报送人"),
            _c("nothing_to_report", "零报告", "bool"),
        ),
    ),
    Sheet(
        "月报修改",
        "reports",
        (
            _c("@parent", "月报编号", "parent"),
            _c("@seq", "修改序号", "seq", width=8),
            _c("submitted_at", "报送时间（北京时间）", "datetime", width=20),
            _c("submitted_by", "报送人"),
            _c("nothing_to_report", "零报告", "bool"),
            _c("note", "说明", width=24),
        ),
        child="amendments",
    ),
    Sheet(
        "月报事项",
        "reports",
        (
            _c("@parent", "月报编号", "parent"),
            _c("@amendment", "修改序号（原报为0）", "amendment", width=10),
            _c("@seq", "序号", "seq", width=8),
            *_ITEM,
        ),
        child="items",
    ),
    Sheet(
        "直接反馈",
        "complaints",
        (
            _c("id", "反馈编号", "id"),
            _c("kind", "类型", "enum", ComplaintKind),
            _c("point", "反映的监测点编号", "id"),
            _c("department", "被反映部门编号", "id"),
            _c("category", "类别", "enum", ItemCategory),
            _c("text", "内容", width=40),
            _c("consent_to_disclose", "同意公开身份", "bool"),
        ),
    ),
    Sheet(
        "办理过程",
        "complaints",
        (
            _c("@parent", "反馈编号", "parent"),
            _c("@seq", "序号", "seq", width=8),
            _c("type", "环节", "enum", EventType),
            _c("at", "时间（北京时间）", "datetime", width=20),
            _c("actor", "经办人"),
            _c("unit", "承办单位编号", "id"),
            _c("satisfaction", "回访评价", "enum", Satisfaction),
            _c("verdict", "办理结论", "enum", Verdict),
            _c("extension_days", "延期工作日", "int"),
            _c("note", "备注", width=24),
        ),
        child="events",
    ),
    Sheet(
        "评议轮次",
        "appraisal_rounds",
        (
            _c("id", "轮次编号", "id"),
            _c("period", "半年（如2025-H1）", "half"),
            _c("opened", "开始日期", "date"),
            _c("closed", "结束日期", "date"),
        ),
    ),
    Sheet(
        "评议",
        "ratings",
        (
            _c("round", "轮次编号", "id"),
            _c("rater", "评议人编号", "id"),
            _c("group", "评议人群体", "enum", RaterGroup, width=18),
            _c("department", "被评议部门编号", "id"),
            _c("level", "评价", "enum", RatingLevel),
        ),
    ),
    Sheet(
        "名册调整",
        "roster_changes",
        (
            _c("id", "调整编号", "id"),
            _c("point", "监测点编号", "id"),
            _c("action", "调整", "enum", ChangeAction),
            _c("reason", "原因", "enum", ChangeReason, width=20),
            _c("effective", "生效日期", "date"),
            _c("by", "调整方", "enum", RosterSide, aliases=tuple((m.zh, m.value) for m in Designator)),
            _c("county", "县区代码", "code"),
            _c("note", "备注", width=24),
        ),
    ),
    Sheet(
        "备案",
        "filings",
        (
            _c("id", "备案编号", "id"),
            _c("county", "县区代码", "code"),
            _c("filed_on", "备案日期", "date"),
            _c("changes", "调整编号（用、分隔）", "list", width=24),
        ),
    ),
    Sheet(
        "豁免",
        "waivers",
        (
            _c("id", "豁免编号", "id"),
            _c("county", "县区代码", "code"),
            _c("month", "月份", "month"),
            _c("reason", "理由", width=30),
            _c("decided_on", "决定日期", "date"),
            _c("decided_by", "决定单位"),
        ),
    ),
    Sheet(
        "推荐",
        "nominations",
        (
            _c("id", "推荐编号", "id"),
            _c("year", "年度", "int", width=8),
            _c("county", "县区代码", "code"),
            _c("point", "监测点编号", "id"),
            _c("submitted_at", "推荐时间（北京时间）", "datetime", width=20),
            _c("note", "备注", width=24),
        ),
    ),
    Sheet(
        "表彰决定",
        "decisions",
        (
            _c("id", "决定编号", "id"),
            _c("nomination", "推荐编号", "id"),
            _c("commended", "予以表彰", "bool"),
            _c("decided_on", "决定日期", "date"),
            _c("note", "备注", width=24),
        ),
    ),
    Sheet(
        "专项调研",
        "research_topics",
        (
            _c("id", "调研编号", "id"),
            _c("title", "题目", width=30),
            _c("opened", "立项日期", "date"),
            _c("category", "类别", "enum", ItemCategory),  # the model holds the code: a label shown
            _c("department", "部门编号", "id"),
            _c("evidence", "依据记录编号（用、分隔）", "list", width=30),
            _c("owner", "承办（city 或县区代码）", "code", blank=_BY.format("承办")),
        ),
    ),
    # The 专项调研 lifecycle (三(四)): states reached, findings and measures, each dated.
    Sheet(
        "调研进程",
        "research_topics",
        (
            _c("@parent", "调研编号", "parent"),
            _c("@seq", "序号", "seq", width=8),
            _c("state", "状态", "enum", TopicState),
            _c("date", "日期", "date"),
            _c("note", "备注", width=24),
        ),
        child="events",
    ),
    Sheet(
        "调研发现",
        "research_topics",
        (
            _c("@parent", "调研编号", "parent"),
            _c("@seq", "序号", "seq", width=8),
            _c("date", "日期", "date"),
            _c("text", "发现", width=40),
        ),
        child="findings",
    ),
    Sheet(
        "调研措施",
        "research_topics",
        (
            _c("@parent", "调研编号", "parent"),
            _c("@seq", "序号", "seq", width=8),
            _c("date", "日期", "date"),
            _c("text", "措施", width=40),
            _c("department", "部门编号", "id"),
        ),
        child="measures",
    ),
    Sheet(
        "事项跟踪",
        "followups",
        (
            _c("id", "跟踪编号", "id"),
            _c("source", "事项来源", "enum", MatterSource),
            _c("record", "联系或月报编号", "id"),
            _c("item", "事项序号", "item", width=10),
            _c("kind", "跟踪方式", "enum", FollowUpKind, width=18),
            _c("date", "日期", "date"),
            _c("actor", "经办人"),
            _c("department", "提请部门编号", "id"),
            _c("note", "备注", width=24),
        ),
    ),
    Sheet(
        "调整建议",
        "adjustment_suggestions",
        (
            _c("id", "建议编号", "id"),
            _c("department", "建议部门编号", "id"),
            _c("action", "调整", "enum", ChangeAction),
            _c("county", "县区代码", "code"),
            _c("made_on", "建议日期", "date"),
            _c("text", "建议内容", width=40),
            _c("point", "监测点编号", "id"),
        ),
    ),
    Sheet(
        "工作方案",
        "work_plans",
        (
            _c("id", "方案编号", "id"),
            _c("county", "县区代码", "code"),
            _c("year", "年度", "int", width=8),
            _c("adopted_on", "印发日期", "date"),
            _c("title", "标题", width=30),
            _c("targets", "目标（每行一项）", "lines", width=40),
            _c("note", "备注", width=24),
        ),
    ),
    Sheet(
        "宣传活动",
        "publicity",
        (
            _c("id", "活动编号", "id"),
            _c("county", "县区代码", "code"),
            _c("date", "日期", "date"),
            _c("kind", "形式", "enum", PublicityKind),
            _c("title", "内容", width=30),
            _c("by", "开展单位（city 或县区代码）", "code", blank=_BY.format("开展单位")),
            _c("enterprises_reached", "覆盖企业数", "int"),
            _c("note", "备注", width=24),
        ),
    ),
)

SHEET_BY_NAME = {s.name: s for s in SHEETS}

#: 事项跟踪's 事项序号 as the first starter workbooks had it: counted from 0 (the dataset's
#: position), while every other sheet counts 序号 from 1 (tester t11 05). A sheet whose header
#: still says so is read with that meaning: its numbers are never shifted silently.
LEGACY_ITEM = Column("item", "事项序号(从0起)", "int", width=10)
LEGACY_ITEM_MARK = "从0起"

#: Enums that have a drop-down, in the order of the options sheet's columns.
ENUMS: tuple[type[LabelledEnum], ...] = tuple(
    dict.fromkeys(c.enum for s in SHEETS for c in s.columns if c.enum is not None)
)


def column_letter(index: int) -> str:
    """0-based column index → A, B, …, Z, AA, …"""
    out = ""
    n = index + 1
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


__all__ = [
    "BOOL_LABELS",
    "ENUMS",
    "FIELD_ROW",
    "FIRST_ROW",
    "HEADER_ROW",
    "LEGACY_ITEM",
    "LEGACY_ITEM_MARK",
    "OPTIONS_SHEET",
    "README_SHEET",
    "SHEETS",
    "SHEET_BY_NAME",
    "STARTER_NAME",
    "Column",
    "RosterSide",
    "Sheet",
    "column_letter",
]
