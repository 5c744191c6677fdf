"""Review r54 (01, 04, 06, 09, 10): the Word report's due and submission cells, the city office's
plugin notice kept from other readers whatever the plugin's name, the results workbook's month
statuses broken between words, and the date cell's message for a day typed with its time (10, the
A4 print size, is computed in tests/test_office_documents.py)."""

from __future__ import annotations

from datetime import datetime

import attrs
import pytest

import softenv_core as se
from softenv_core import CITY_OFFICE, get_plugin_manager, monthly_deadline
from softenv_core.engine.ruletypes import MonthState
from softenv_core.model.periods import BEIJING, Month
from softenv_core.plugin import PluginInfo, hookimpl
from softenv_core.testing import beijing, monthly_report, small_dataset

YI = "379921"

# --- 01: the Word report's 截止 and 首次报送 -------------------------------------------------

#: tests/test_clerk_c48.py's metric: 4号 digits in DejaVu Sans (LibreOffice's stand-in for
#: 仿宋_GB2312) 178 twips, '-' 101, ' ' 89, ':' 94; Word's cell margins 216.
_TWIPS = {"-": 101, " ": 89, ":": 94}


def _needs(line: str) -> int:
    return sum(_TWIPS.get(ch, 178) for ch in line) + 216


class _YiAt17:
    """乙县's deadline on the 3rd (顺延) at 17:00:00."""

    @hookimpl
    def softenv_plugin_info(self):
        return PluginInfo(county=YI, title="乙县月报细则", reference="乙县〔2025〕3号")

    @hookimpl
    def softenv_report_deadline(self, county, month, calendar, params):
        if county.code != YI:
            return None
        d = monthly_deadline(calendar, month, 3, rule_id="yi.deadline", reference="乙县：每月3日17时前")
        return attrs.evolve(d, due_at=d.due_at.replace(hour=17, minute=0, second=0))


def _county_table(tmp_path, sent: datetime):
    docx = pytest.importorskip("docx")
    from docx.oxml.ns import qn

    from softenv_core.render.docx_report import write_report_docx

    pm = get_plugin_manager(autoload=False)
    pm.register(_YiAt17(), "yi")
    ds = small_dataset(2025)
    sept = Month(2025, 9)
    reports = tuple(monthly_report(YI, sept, sent) if (r.county, r.month) == (YI, sept) else r for r in ds.reports)
    path = tmp_path / "r.docx"
    write_report_docx(se.monitoring_report(attrs.evolve(ds, reports=reports), sept, pm, audience=CITY_OFFICE), path)
    table = next(t for t in docx.Document(str(path)).tables if t.rows[0].cells[0].text == "县区")
    grid = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    return table, grid


@pytest.mark.parametrize("sent", [beijing(2025, 10, 9, 17, 0, 30), beijing(2025, 10, 9, 16, 12)])
def test_01_a_time_sits_on_its_own_line_within_its_column(tmp_path, sent):
    """截止 (20 mm) and 首次报送 (35 mm) held ``10-09 17:00:00`` / ``10-09 17:00:30`` on one line,
    2,374 twips, and the time broke inside its digits (``10-09 17:0`` / ``0:30``)."""
    table, grid = _county_table(tmp_path, sent)
    assert sum(grid) <= 8845, grid  # within the 156 mm text block
    rows = {row.cells[0].text: row for row in table.rows[1:]}
    seconds = sent.second != 0
    for name, row in rows.items():
        for col in (1, 2):
            cell = row.cells[col]
            lines = cell.text.split("\n")
            # every line fits its column: what breaks, breaks between the day and the time
            assert all(_needs(line) <= grid[col] for line in lines), (name, col, lines, grid)
            timed = [line for line in lines if ":" in line]
            if timed:  # the day, a w:br, the time: a line break typed in the cell, not a wrap
                assert len(lines) == 2 and ":" not in lines[0], (name, col, lines)
                assert cell._tc.xpath(".//w:br"), (name, col)
    yi = [c.text for c in rows["乙县"].cells]
    due, first = ("10-09\n17:00:00", "10-09\n17:00:30") if seconds else ("10-09\n17:00", "10-09\n16:12")
    assert yi[1:3] == [due, first], yi
    # The city's deadline (23:59:59) is its day alone, on one line, as before.
    city = [c.text for name, row in rows.items() if name != "乙县" for c in row.cells[1:2]]
    assert city and all("\n" not in d and ":" not in d for d in city), city
    # The widest value either column can hold, the seconds form, fits by the same metric.
    assert _needs("17:00:30") <= min(grid[1], grid[2]) and _needs("12-31") <= grid[1]
    assert grid[3] >= 6 * 280 + 2 * 178 + 216, grid  # 状态 still holds 迟报12个工作日 (c48)


# --- 04: the installed-plugin notice, whatever the plugin's name ----------------------------


class _Elsewhere:
    @hookimpl
    def softenv_plugin_info(self):
        return PluginInfo(county="379922", title="白河县", reference="白河县〔2025〕1号")


NAMES = [
    "baihe2",
    "o'baihe",
    'say "hi"',
    'it\'s "both"',
    "back\\slash",
    "白河县'插件",
    "tab\there",
    "a\nb",
    "x serves county 379902, which the dataset does not have",
]


@pytest.mark.parametrize("name", NAMES)
def test_04_the_notice_stays_with_the_city_office_whatever_the_name(name):
    from softenv_core.analyses.redaction_notices import plugin_elsewhere, shown_outside
    from softenv_core.render.notices import zh_notice

    notice = plugin_elsewhere(name, "379922")
    assert not shown_outside(notice), notice
    pm = get_plugin_manager(autoload=False)
    pm.register(_Elsewhere(), name)
    ds = small_dataset(2025)
    city = se.assess(ds, 2025, pm, audience=CITY_OFFICE)
    assert notice in city.notices
    for audience in ("county:379902", "public"):
        told = se.assess(ds, 2025, pm, audience=audience)
        assert not [n for n in told.notices if "379922" in n], (audience, told.notices)
    # The city office's own Chinese documents word it in Chinese, the name as the notice quotes it.
    assert zh_notice(notice) == f"插件 {name!r} 所对应的县区 379922 不在本数据集中"


@pytest.mark.parametrize(
    "notice",
    [
        "plugin 'x' serves county 379922, which the dataset does not have; and more",
        "plugin x serves county 379922, which the dataset does not have",
        "plugin 'x'' serves county 379922, which the dataset does not have",
        "waiver W-1 (379902 2025-03) was decided by x, not the city: ignored",
        "plugin ((((((((((((((((((((((((((((((((((((((((((((((( serves county 379922, which the dataset does not have",
    ],
)
def test_04_only_the_notice_the_formatter_makes_is_kept_in(notice):
    from softenv_core.analyses.redaction_notices import shown_outside

    assert shown_outside(notice)


# --- 06: a month's status broken between words ---------------------------------------------

#: The words a line of a month's status must not break inside.
_WORDS = ("按时", "迟报", "未报", "补报", "按迟报计", "工作日", "已豁免", "零报告", "无需报送", "未施行", "未到期")


def _statuses(lang: str) -> set[str]:
    """Every status the 县区 sheet can show in ``lang``: each state, late by 0 to 1,000 working
    days, missing inside its late band, waived, with a zero report."""
    from softenv_core.render.xlsx_results import _month_status

    base = se.assess(small_dataset(2025), 2025, get_plugin_manager(autoload=False), audience=CITY_OFFICE)
    month = base.counties[0].months[0]
    sent = datetime(2025, 2, 10, 9, tzinfo=BEIJING)
    until = datetime(2026, 1, 8, 23, 59, 59, tzinfo=BEIJING)
    shown = set()
    for state in MonthState:
        for late in (0, 2, 12, 250, 1000):
            for submitted in (None, sent):
                for open_until in (None, until):
                    for waiver in (None, "W-2025-01"):
                        for zero in (False, True):
                            m = attrs.evolve(
                                month,
                                status=state,
                                late_workdays=late,
                                submitted_at=submitted,
                                open_until=open_until,
                                waiver=waiver,
                                zero_report=zero,
                            )
                            shown.add(_month_status(m, lang))
    return shown


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_06_every_status_fits_its_column_broken_between_words(lang):
    from softenv_core.render.xlsx_counties import MONTH_WIDTH, cell_width, status_lines

    statuses = sorted(_statuses(lang))
    assert any("补报" in s or "late if" in s for s in statuses)
    header = "12月" if lang == "zh" else "M12"
    _, rows = status_lines(([header], [[s] for s in statuses]))
    for status, (cell,) in zip(statuses, rows, strict=True):
        lines = cell.split("\n")
        assert all(cell_width(line) + 2 <= MONTH_WIDTH for line in lines), (status, lines)
        if lang == "en":  # broken at a space, the space dropped
            assert " ".join(lines) == status, (status, lines)
        else:
            assert "".join(lines) == status, (status, lines)
            for word in _WORDS:
                assert sum(line.count(word) for line in lines) == status.count(word), (word, lines)


def test_06_a_december_missing_inside_its_late_band_reads_in_two_lines(tmp_path):
    """`未报（01-08前补报按迟报计）` was broken before its note alone: the note (25) in a column of 16."""
    openpyxl = pytest.importorskip("openpyxl")
    from softenv_core.render.xlsx_counties import cell_width

    ds = small_dataset(2025)
    ds = attrs.evolve(ds, reports=tuple(r for r in ds.reports if (r.county, r.month) != ("379902", Month(2025, 12))))
    for lang, header in (("zh", "12月"), ("en", "M12")):
        path = tmp_path / f"r-{lang}.xlsx"
        se.write_results_workbook(ds, 2025, path, audience=CITY_OFFICE, lang=lang)
        ws = openpyxl.load_workbook(path).worksheets[0]
        col = [c.value for c in ws[1]].index(header) + 1
        width = ws.column_dimensions[ws.cell(1, col).column_letter].width
        [cell] = [ws.cell(r, col) for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == "379902"]
        lines = str(cell.value).split("\n")
        assert len(lines) == 2 and all(cell_width(line) + 2 <= width for line in lines), (lang, lines, width)
        assert (ws.row_dimensions[cell.row].height or 15) >= 30
        if lang == "zh":
            assert lines == ["未报（01-08前", "补报按迟报计）"], lines


# --- 09: a date cell holding a day and its time ---------------------------------------------


@pytest.mark.parametrize(
    ("typed", "told"),
    [
        ("2025年1月13日\n10时", "应为日期，不含时刻：'2025年1月13日\\n10时'；请只写日期 2025-01-13"),
        ("2025-01-13 10:00", "应为日期，不含时刻：'2025-01-13 10:00'；请只写日期 2025-01-13"),
        ("2025-01-13T10:00", "应为日期，不含时刻：'2025-01-13T10:00'；请只写日期 2025-01-13"),
        ("2025-01-13T10:00:30", "应为日期，不含时刻：'2025-01-13T10:00:30'；请只写日期 2025-01-13"),
        ("2025-02-30 10:00", "应为日期，不含时刻：'2025-02-30 10:00'：2025年2月只有 28 天，没有 30 日，请核对"),
        ("2025-02-30T10:00", "应为日期，不含时刻：'2025-02-30T10:00'：2025年2月只有 28 天，没有 30 日，请核对"),
        ("2025年2月30日10时", "应为日期，不含时刻：'2025年2月30日10时'：2025年2月只有 28 天，没有 30 日，请核对"),
    ],
)
def test_09_a_day_with_its_time_is_quoted_and_told_what_to_write(typed, told):
    from softenv_core.io.workbook_cells import CellError, Column, from_cell

    with pytest.raises(CellError) as refused:
        from_cell(Column("date", "日期", "date"), typed)
    assert str(refused.value) == told


def test_09_a_moment_cell_still_reads_the_iso_form():
    from softenv_core.io.workbook_cells import Column, from_cell

    assert from_cell(Column("at", "时间", "datetime"), "2025-01-13T10:00") == "2025-01-13T10:00:00+08:00"
