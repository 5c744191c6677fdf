"""Trends (趋势, 二(二) 晴雨表): a month against the previous month and the same month last year.

For each month: the items raised by category, department and county, the points reached by
their liaison office, and the direct feedback (complaints) received, resolved and overdue at
the month's end (this month's at the report's ``as_of`` when earlier: analyses/overdue_words.py
names the overdue count by it, auditor a78 01). :func:`trends` gathers the three months'
figures; :func:`trend_view` shows them to an audience and says in words what rose or fell most
("本月反映执法类问题 12 项，较上月增加 5 项"), and which month compared with has no data
("去年同月(2024-03)无数据，不作同比"). A month has data when anyone owed anything in it (a
county its report, a point its contact) or anything was recorded: a month owed and failed is
0 reached and a missing report, never "无数据" (t11 04).

Suppression is joint over the three months: a cell hidden in any of them (below the audience's
``min_cell``) is hidden in all, secondary suppression is closed in every month at once, and a
change is shown only between two shown cells. So no difference between months reveals a
suppressed cell. Each cell that a month's own report hid in section 四 is hidden in every
column too (analyses.trend_suppression), so that the trend beside section 四 gives none back.

Items count as the monitoring report counts them: what the counties reported (their latest
amendment), plus items raised in contacts that no report carries; an item in both counts once.
Reports and amendments are read as known at an instant, as the report reads them: each month
at its own report's default instant (the moment after its last deadline), or all three at the
instant a report is made for (``as_of``), so that the current month's items are section 四's.
Contacts likewise: at an ``as_of`` inside a month only its contacts known then (dated by its
Beijing day, ``Dataset.contacts_known_in``) give items and points reached, as in section 三.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime

import attrs
from attrs import field, frozen

from softenv_core._validators import to_tuple
from softenv_core.analyses import month_versions
from softenv_core.analyses.arguments import calendar_or_official
from softenv_core.analyses.disclosure import HIDDEN_ZH, Cell
from softenv_core.analyses.month_figures import (
    MonthFigures,
    TrendBatch,
    default_instant,
    latest_items,
    month_figures,
)
from softenv_core.analyses.overdue_words import compared_ends, overdue_row_label, overdue_words
from softenv_core.analyses.trend_suppression import (
    NO_DEPARTMENT,
    conceal_in,
    joint_suppression,
    known_cells,
    small_complaint_count,
)
from softenv_core.engine.manager import SoftenvPluginManager
from softenv_core.engine.parameters import ParameterSet
from softenv_core.errors import FieldInvalid
from softenv_core.model.dataset import Dataset
from softenv_core.model.periods import Month
from softenv_core.model.reports import ItemCategory, category_place
from softenv_core.workdays.calendar import WorkCalendar

#: The item dimensions, in the order they are shown.
ITEM_DIMENSIONS = ("category", "department", "county")
#: The single counts, in the order they are shown; complaints are suppressed like items,
#: the points reached (a count of the roster, not of matters) are not.
COUNTS = ("points_reached", "complaints_received", "complaints_resolved", "complaints_overdue")
_SENSITIVE_COUNTS = frozenset(COUNTS[1:])
_COUNT_ZH = {
    "points_reached": ("联系到监测点", "个"),
    "complaints_received": ("收到直接反馈", "件"),
    "complaints_resolved": ("办结直接反馈", "件"),
    "complaints_overdue": ("月末超期直接反馈", "件"),  # before the month's end: overdue_words
}


@frozen
class Trends:
    """A month's figures beside the previous month's and the same month's last year."""

    month: Month
    current: MonthFigures
    previous: MonthFigures
    last_year: MonthFigures
    labels: Mapping[str, str] = field(factory=dict)  # department ids and county codes → names
    #: The instant the report gave (None: its default, after the month's end): this month's
    #: complaints were read at it when earlier than the month's end, and the overdue count is
    #: named by it (analyses/overdue_words.py; auditor a78 01).
    as_of: datetime | None = None
    #: Where the three months are read at an instant given (``as_of``), each month's figures as
    #: the reports on it made before read them (month_versions.earlier_versions): section 四's
    #: decision on each is the floor of the next, and of this one (attacker x67 03).
    earlier: Mapping[Month, tuple[MonthFigures, ...]] = field(factory=dict)


def trends(
    dataset: Dataset,
    month: Month,
    pm: SoftenvPluginManager,
    params: ParameterSet,
    calendar: WorkCalendar | None = None,
    as_of: datetime | None = None,
) -> Trends:
    """``month`` against the month before and the same month a year earlier; reports read as
    known at ``as_of``, by default each month's at its own default instant."""
    calendar = calendar_or_official(calendar)
    records_at = as_of
    if as_of is None:  # where the records begin, as known at the report's own instant (clerk c45)
        # CalendarDataMissing when only the month's instant is unknown, as monitoring_report
        # raises: December of the last year known read 无数据 (auditor a75 02).
        records_at = default_instant(dataset, month, pm, calendar, params)
    return batch_trends(TrendBatch(), dataset, month, pm, params, calendar, as_of, records_at)


#: The first month a monthly report answers for: it compares with the same month a year earlier,
#: whose own trends reach the month before it, and for 1900-02..1901-01 that is in 1899, which the
#: model's years (1900-2999) do not hold. The service's path bound and the CLI's message read it.
FIRST_REPORT_MONTH = Month(1901, 2)
#: Why a report of 1901-01 reaches 1899, in English and Chinese (the words within_the_years gives
#: an answer reaching before the library's years: integrator i55 08).
BEFORE_FIRST_REPORT = (
    "a report compares with the same month a year earlier, whose own trends reach the month before it; "
    f"a monthly report answers from {FIRST_REPORT_MONTH}",
    f"报告与去年同月比较，而去年同月的趋势还要追溯到其上一个月；月度监测报告从 {FIRST_REPORT_MONTH} 起可编制",
)


def compared_months(month: Month) -> tuple[Month, Month]:
    """The months ``month`` is compared with: the month before and the same month a year earlier."""
    try:
        return month - 1, month - 12
    except ValueError:  # Month's range starts in 1900: a month of 1900 has no year-earlier one
        # FieldInvalid naming the argument, as 1901-01 and 2999-12 are refused (integrator i55 07).
        raise FieldInvalid(
            "month",
            f"{month}: no month a year earlier to compare with (months start at 1900-01; a monthly report "
            f"answers from {FIRST_REPORT_MONTH})",
            zh=f"{month}：没有可比较的去年同月（本库的月份从 1900-01 起；"
            f"月度监测报告从 {FIRST_REPORT_MONTH} 起可编制）",
        ) from None


def batch_trends(
    batch: TrendBatch,
    dataset: Dataset,
    month: Month,
    pm: SoftenvPluginManager,
    params: ParameterSet,
    calendar: WorkCalendar,
    as_of: datetime | None = None,
    records_at: datetime | None = None,
    floors: bool = True,
) -> Trends:
    """:func:`trends` with the month figures of ``batch`` (the monitoring reports' batch).
    ``records_at``: the report's instant, at which where the records begin is read for the
    months compared with (month_figures.month_owed): a month whose late report was known then
    is no month before the records, though its figures are read at its own instant. ``floors``:
    whether to work out :attr:`Trends.earlier` (not for the city office, who is shown everything)."""
    labels = {d.id: d.name for d in dataset.departments} | {c.code: c.name for c in dataset.counties}
    previous, last_year = compared_months(month)
    # The earliest month first: a complaint's walk to a later month's end goes on from where
    # the earlier one stopped, where the other order walks its events again (StepIndex).
    before = batch.figures(dataset, last_year, pm, params, calendar, as_of, records_at=records_at)
    before_this = batch.figures(dataset, previous, pm, params, calendar, as_of, records_at=records_at)
    # The month itself is its report's own: owed whatever the records known (month_owed's own).
    current = batch.figures(dataset, month, pm, params, calendar, as_of, own=True)
    # Read at an instant given, each month is suppressed at least as the reports on it made
    # before were, from its default instant on (month_suppression's floor; attacker x67 03).
    earlier: dict[Month, tuple[MonthFigures, ...]] = {}
    if as_of is not None and floors:
        for m in (month, previous, last_year):
            earlier[m] = month_versions.earlier_versions(batch, dataset, m, pm, params, calendar, as_of)
    return Trends(month, current, before_this, before, labels, as_of, earlier)


# --- what an audience sees ---------------------------------------------------------------


@frozen
class TrendRow:
    """One figure in the three months as an audience sees it.

    A cell is ``None`` when its month has no data; a Cell with value ``None`` is suppressed.
    A change is given only when both cells are shown.
    """

    dimension: str  # category | department | county | total | a name of COUNTS
    key: str
    label: str
    current: Cell | None
    previous: Cell | None
    last_year: Cell | None

    @property
    def vs_previous(self) -> int | None:
        return _diff(self.current, self.previous)

    @property
    def vs_last_year(self) -> int | None:
        return _diff(self.current, self.last_year)


@frozen
class TrendView:
    """The trend section of a month for one audience: rows, and sentences in Chinese."""

    month: Month
    previous_month: Month
    last_year_month: Month
    min_cell: int
    rows: tuple[TrendRow, ...] = field(converter=to_tuple)
    sentences: tuple[str, ...] = field(converter=to_tuple)

    def row(self, dimension: str, key: str = "") -> TrendRow:
        for r in self.rows:
            if r.dimension == dimension and r.key == key:
                return r
        raise KeyError((dimension, key))


def _diff(a: Cell | None, b: Cell | None) -> int | None:
    if a is None or b is None or a.value is None or b.value is None:
        return None
    return a.value - b.value


def _quiet(f: MonthFigures) -> MonthFigures:
    """``f``, or a month without data when nothing but direct feedback was recorded in it."""
    return MonthFigures(f.month, False) if f.complaints_only else f


def _joint(t: Trends, with_data: list[MonthFigures], min_cell: int) -> tuple[dict[str, frozenset[str]], list[bool]]:
    """The keys the trend hides in every month, by dimension, and whether each month's total is
    hidden. Each month as its own report's section 四 decided it (month_versions.month_decision,
    with its total), hidden in every month here, then closed jointly: section 四 and the trend (this
    report's, the next month's, next year's) set side by side leave each cell section 四 hid
    hidden (tdiff finding 02). By department the row 无 is a cell as section 四 holds it: where
    section 四 hid it, one more unknown of the month; where it showed it, the departments' sum is
    the total less it, and their parts are held against that (attacker x67 04: held against the
    total without 无, the trend hid a total section 四 kept). Where a month's total is hidden, no
    dimension's rows give it back (trend_suppression.conceal_in, as section 四: x67 01), which may hide
    more, and so on until nothing changes."""
    decide = month_versions.month_decision
    sections = [decide(f, min_cell, t.earlier.get(f.month, ())) for f in with_data] if min_cell > 1 else []
    forced = {dim: {k for s in sections for k in s.hidden[dim]} for dim in ITEM_DIMENSIONS}
    while True:
        totals = [bool(sections) and sections[i].total for i in range(len(with_data))]
        hidden: dict[str, frozenset[str]] = {}
        parts: dict[str, list[Mapping[str, int]]] = {}
        for dim in ITEM_DIMENSIONS:
            parts[dim] = [
                f.section_parts(dim) if sections and NO_DEPARTMENT in sections[i].hidden[dim] else f.parts(dim)
                for i, f in enumerate(with_data)
            ]
            hidden[dim], hide_total = joint_suppression(parts[dim], min_cell, forced[dim], known_cells(dim, parts[dim]))
            totals = [a or b for a, b in zip(totals, hide_total, strict=True)]
        grown = False
        for dim in ITEM_DIMENSIONS:
            for p in (p for p, hide in zip(parts[dim], totals, strict=True) if hide):
                more = conceal_in(p, hidden[dim], dim) - hidden[dim]
                grown, forced[dim] = grown or bool(more), forced[dim] | more
        if not grown:
            return hidden, totals


def trend_view(t: Trends, min_cell: int = 1) -> TrendView:
    """The trends as an audience with ``min_cell`` sees them (1: the city office, nothing hidden)."""
    if min_cell > 1:  # a month known only by its direct feedback is a month without data
        t = attrs.evolve(t, current=_quiet(t.current), previous=_quiet(t.previous), last_year=_quiet(t.last_year))
    figures = (t.current, t.previous, t.last_year)
    # The matters and points reached of a month come from its contacts and county reports: in a
    # month known only by its direct feedback (nobody owed anything, before the records begin)
    # they were not kept, not zero, and only the complaint counts compare (the city office's
    # view; the others read such a month as without data, above). It said "较去年同月增加 6 项"
    # against a year-ago month holding one complaint (t12 01, review r3 07).
    # The month itself is the report's: its matters and points reached are what its sections
    # count (0 where nothing was kept), one figure with section 四's 合计 and the summary; it
    # read "本月反映问题 — 项" beside them (auditor a49). Outside the city office such a month
    # is without data (above).
    kept = [t.current.has_data] + [f.has_data and not f.complaints_only for f in figures[1:]]
    with_data = [f for f, k in zip(figures, kept, strict=True) if k]
    rows: list[TrendRow] = []

    def cells(values: list[int | None], hidden: list[bool]) -> list[Cell | None]:
        return [None if v is None else Cell(None if h else v, min_cell) for v, h in zip(values, hidden, strict=True)]

    hidden, totals = _joint(t, with_data, min_cell)
    for dim in ITEM_DIMENSIONS:
        keys: list[str] = sorted({k for f in with_data for k in f.parts(dim)}, key=lambda k: _order(dim, k))
        for k in keys:
            values = [
                f.parts(dim).get(k, 0) if known and (dim != "county" or _existed(f, k)) else None
                for f, known in zip(figures, kept, strict=True)
            ]
            c = cells(values, [k in hidden[dim]] * 3)
            rows.append(TrendRow(dim, k, _label(t, dim, k), c[0], c[1], c[2]))
    # The total of items is hidden in a month where section 四 or any dimension had to hide it.
    hide_items = iter(totals)
    total_hidden = [next(hide_items) if known else False for known in kept]
    c = cells([f.items if known else None for f, known in zip(figures, kept, strict=True)], total_hidden)
    rows.append(TrendRow("total", "", "反映问题合计", c[0], c[1], c[2]))
    for name in COUNTS:
        has = kept if name == "points_reached" else [f.has_data for f in figures]
        values = [f.count(name) if h else None for f, h in zip(figures, has, strict=True)]
        small = name in _SENSITIVE_COUNTS and any(v is not None and small_complaint_count(v, min_cell) for v in values)
        c = cells(values, [small] * 3)
        label = overdue_row_label(t.month, t.as_of, True) if name == "complaints_overdue" else _COUNT_ZH[name][0]
        rows.append(TrendRow(name, "", label, c[0], c[1], c[2]))
    view_rows = tuple(rows)
    return TrendView(t.month, t.month - 1, t.month - 12, min_cell, view_rows, _sentences(t, view_rows))


def _existed(f: MonthFigures, county: str) -> bool:
    """Whether ``county`` existed in ``f``'s month: a county's row reads no data (—) in a month it
    did not exist in, not 0, and gives no change on it (auditor a49 2)."""
    return f.counties is None or county in f.counties


def _order(dim: str, key: str) -> tuple[int, str]:
    if dim == "category":
        return category_place(key)
    return (0, key)


def _label(t: Trends, dim: str, key: str) -> str:
    if dim == "category":
        return ItemCategory.from_value(key).zh
    return t.labels.get(key, key)


def _change(d: int, unit: str) -> str:
    if d > 0:
        return f"增加 {d} {unit}"
    if d < 0:
        return f"减少 {-d} {unit}"
    return "持平"


def _amount(c: Cell | None, unit: str) -> str:
    """A figure and its unit in a sentence; a hidden one says so and claims no bound."""
    if c is not None and c.suppressed:
        return HIDDEN_ZH
    return f" {'—' if c is None else c} {unit}"


def _subject(row: TrendRow, value: str) -> str:
    if row.dimension == "category":
        # 执法 → 执法类问题; 困难问题, 政策诉求 and 经营状况 already say what they are.
        plain = row.label.endswith(("问题", "诉求", "状况"))
        return f"本月反映{row.label if plain else row.label + '类问题'}{value}"
    if row.dimension == "department":
        return f"本月反映涉及{row.label}的问题{value}"
    return f"{row.label}本月反映问题{value}"


def _compared(line: str, row: TrendRow, unit: str, than: tuple[str, str] = ("上月", "去年同月")) -> str:
    """``line`` with ``row``'s change on the month before and on the same month a year before,
    each where it is known (环比, 同比); ``than`` names them."""
    if row.vs_previous is not None:
        line += f"，较{than[0]}{_change(row.vs_previous, unit)}"
    if row.vs_last_year is not None:
        line += f"，较{than[1]}{_change(row.vs_last_year, unit)}"
    return line


def _sentences(t: Trends, rows: tuple[TrendRow, ...]) -> tuple[str, ...]:
    out: list[str] = []
    if not t.current.has_data:
        # Not "无应报送的月报": a county owes its report whether or not any point owes a contact
        # (seed 三(二) 零报告), and section 二 says 未报 beside it (auditor a35).
        return (f"本月({t.month})无应联系的监测点，也无本月的联系和月报记录，不作趋势比较",)
    total = next(r for r in rows if r.dimension == "total")
    out.append(_compared(f"本月反映问题{_amount(total.current, '项')}", total, "项"))
    if t.previous.has_data:
        for dim in ITEM_DIMENSIONS:
            for alike in moved_alike(rows, dim):
                out += _moved_sentences(alike)
    for name in COUNTS:
        r = next(r for r in rows if r.dimension == name)
        what, unit = _COUNT_ZH[name]
        than = ("上月", "去年同月")
        if name == "complaints_overdue":  # named by the instant read at, as the compared ends (auditor a78 01)
            what, than = overdue_words(t.month, t.as_of, True) + "直接反馈", compared_ends(t.month, t.as_of, True)
        out.append(_compared(f"本月{what}{_amount(r.current, unit)}", r, unit, than))
    # Said after the comparisons they leave out, not as a leading "无可比数据" that the next
    # sentence then belied (t11 04).
    for name, f, kind in (("上月", t.previous, "环比"), ("去年同月", t.last_year, "同比")):
        if not f.has_data:
            out.append(f"{name}({f.month})无数据，不作{kind}")
        elif f.complaints_only:  # the city office's view: its complaint counts compare, nothing else
            # It left the matters' and points reached's comparison out without a word (auditor a49).
            out.append(f"{name}({f.month})只有直接反馈的记录，反映问题和联系到监测点不作{kind}")
    return tuple(out)


#: How many rows that moved alike the trend paragraph names one by one; more are said as one
#: (``东城区等5个县区…均增加 1 项``).
NAMED_ALIKE = 3
#: What a dimension's rows are counted as when more than NAMED_ALIKE moved alike.
_ALIKE_ZH = {"category": "类", "department": "个部门", "county": "个县区"}


def _moved_sentences(alike: tuple[TrendRow, ...]) -> list[str]:
    """The sentences on the rows that rose (or fell) most, alike: each named with its figure
    when few, else the first and how many (clerk c63 04: a tie named its first row alone, so
    东城区 read as the one county whose matters rose, when all three rose by 1)."""
    if len(alike) <= NAMED_ALIKE:
        return [f"{_subject(r, _amount(r.current, '项'))}，较上月{_change(r.vs_previous or 0, '项')}" for r in alike]
    first, change = alike[0], _change(alike[0].vs_previous or 0, "项")
    many = f"{first.label}等{len(alike)}{_ALIKE_ZH[first.dimension]}"
    if first.dimension == "category":
        return [f"本月反映{many}问题较上月均{change}"]
    if first.dimension == "department":
        return [f"本月反映涉及{many}的问题较上月均{change}"]
    return [f"{many}本月反映问题较上月均{change}"]


def moved_alike(rows: Iterable[TrendRow], dimension: str) -> tuple[tuple[TrendRow, ...], tuple[TrendRow, ...]]:
    """The rows of ``dimension`` that rose most on the previous month, and those that fell most
    (empty: none did), each every row of the same largest change: the larger figure first, then
    the row first in the table's order (a category's in ItemCategory's order, as section 四
    lists them; auditor a49). What the trend paragraph names, in either language: a tie is said
    as one, not as its first row alone (clerk c63 04)."""
    moved = [(i, r) for i, r in enumerate(rows) if r.dimension == dimension and r.vs_previous]
    out: list[tuple[TrendRow, ...]] = []
    for sign in (1, -1):
        side = [(i, r) for i, r in moved if sign * (r.vs_previous or 0) > 0]
        most = max((abs(r.vs_previous or 0) for _, r in side), default=0)
        tied = sorted((p for p in side if abs(p[1].vs_previous or 0) == most), key=_rank, reverse=True)
        out.append(tuple(r for _, r in tied))
    return out[0], out[1]


def moved_most(rows: Iterable[TrendRow], dimension: str) -> tuple[TrendRow | None, TrendRow | None]:
    """The first of :func:`moved_alike`'s rows that rose and fell most (None: none did): of a
    tie, the larger figure, then the row first in the table's order (auditor a49)."""
    rise, fall = moved_alike(rows, dimension)
    return (rise[0] if rise else None), (fall[0] if fall else None)


def _rank(place_row: tuple[int, TrendRow]) -> tuple[int, int, int]:
    place, r = place_row
    current = r.current.value if r.current is not None and r.current.value is not None else 0
    return (abs(r.vs_previous or 0), current, -place)  # max() prefers the first place


__all__ = [
    "BEFORE_FIRST_REPORT",
    "COUNTS",
    "ITEM_DIMENSIONS",
    "NAMED_ALIKE",
    "MonthFigures",
    "TrendRow",
    "TrendView",
    "Trends",
    "compared_months",
    "joint_suppression",
    "latest_items",
    "month_figures",
    "moved_alike",
    "moved_most",
    "small_complaint_count",
    "trend_view",
    "trends",
]
