"""A moment typed into an Excel date cell (softenv import): a day is no moment.

Typing 2025-04-05 into a cell Excel takes as a date stores that day at 00:00; python-calamine
gives it as a bare date, which had been read as 00:00 Beijing time without a word: a report
"submitted on 2025-04-05" counted as on time under a 17:00 deadline that day. Such a cell is
refused when its number format shows no time, and read as 00:00 when it shows one.
"""

from __future__ import annotations

import re
import zipfile
from datetime import date, datetime, time
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

openpyxl = pytest.importorskip("openpyxl")

from softenv_core.errors import InputError  # noqa: E402
from softenv_core.io.workbook_cells import CellError, from_cell  # noqa: E402
from softenv_core.io.workbook_formats import shows_time  # noqa: E402
from softenv_core.io.workbook_read import read_workbooks  # noqa: E402
from softenv_core.io.workbook_schema import SHEET_BY_NAME, STARTER_NAME  # noqa: E402
from softenv_core.io.workbook_starter import starter_dataset  # noqa: E402
from softenv_core.io.workbook_write import write_workbook  # noqa: E402
from softenv_core.model.periods import BEIJING  # noqa: E402

from .office_cli import run  # noqa: E402
from .starter_book import load_workbook  # noqa: E402

DAY_ONLY = ["yyyy-mm-dd", "mm-dd-yy", "yyyy/m/d", 'yyyy"年"m"月"d"日"', "[$-F800]dddd\\,\\ mmmm\\ dd\\,\\ yyyy"]
WITH_TIME = ["yyyy-mm-dd hh:mm", "m/d/yy h:mm", "yyyy-mm-dd hh:mm:ss", "yyyy/m/d\\ AM/PM\\ h:mm", 'h"时"mm"分"']


def _typed(src: Path, dst: Path, cells: dict[str, dict[str, tuple[object, str]]]) -> Path:
    """A copy of ``src`` with each cell given a value and a number format, as Excel saves it."""
    wb = load_workbook(src)
    for sheet, edits in cells.items():
        for ref, (value, number_format) in edits.items():
            wb[sheet][ref] = value
            wb[sheet][ref].number_format = number_format
    wb.save(dst)
    return dst


@pytest.mark.parametrize("number_format", DAY_ONLY[:2] + DAY_ONLY[3:4])  # a workbook each: kept few
def test_a_day_in_a_date_formatted_moment_cell_is_refused_naming_the_cell(starter, tmp_path, number_format):
    book = _typed(starter / STARTER_NAME, tmp_path / "d.xlsx", {"月报": {"D3": (datetime(2025, 4, 5), number_format)}})
    with pytest.raises(InputError) as info:
        read_workbooks([book])
    (problem,) = info.value.problems
    assert problem.startswith("月报!D3 (R-379902-2025-03 报送时间（北京时间）): 缺少时刻：")
    assert "如 2025-04-05 09:30" in problem and "yyyy-mm-dd hh:mm" in problem


@pytest.mark.parametrize("number_format", WITH_TIME[:2])
def test_a_moment_at_midnight_formatted_with_a_time_is_read(starter, tmp_path, number_format):
    book = _typed(starter / STARTER_NAME, tmp_path / "t.xlsx", {"月报": {"D3": (datetime(2025, 4, 5), number_format)}})
    (report,) = read_workbooks([book]).reports
    assert report.submitted_at == datetime(2025, 4, 5, tzinfo=BEIJING)


def test_only_the_day_only_cells_are_refused_each_in_its_own_sheet_and_row(starter, tmp_path):
    cells = {
        "月报": {"D3": (datetime(2025, 4, 5), "yyyy-mm-dd hh:mm")},
        "办理过程": {"D5": (datetime(2025, 3, 15), "yyyy/m/d"), "D4": (datetime(2025, 3, 14, 15), "yyyy-mm-dd")},
        "监测点": {"N3": (datetime(2025, 1, 1), "yyyy/m/d")},  # a date column takes a date cell
    }
    book = _typed(starter / STARTER_NAME, tmp_path / "m.xlsx", cells)
    with pytest.raises(InputError) as info:
        read_workbooks([book])
    (problem,) = info.value.problems  # D4 carries its time (15:00): the format hides it, the value has it
    assert problem.startswith("办理过程!D5 ") and "缺少时刻" in problem and "2025-03-15 09:30" in problem
    cells["办理过程"]["D5"] = (datetime(2025, 3, 15), "yyyy-mm-dd hh:mm")
    dataset = read_workbooks([_typed(starter / STARTER_NAME, tmp_path / "n.xlsx", cells)])
    assert dataset.points[0].designated_from == date(2025, 1, 1)
    events = dataset.complaints[0].events
    assert [e.at for e in events[1:3]] == [
        datetime(2025, 3, 14, 15, tzinfo=BEIJING),
        datetime(2025, 3, 15, tzinfo=BEIJING),
    ]


def _as_builtin(path: Path, code: str, builtin: int) -> Path:
    """``path`` with the cells formatted ``code`` given the built-in format id ``builtin``
    instead, as Chinese Excel and WPS save 2025年4月5日 (id 31): openpyxl has no code for it."""
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    styles = parts["xl/styles.xml"].decode()
    quoted = code.replace('"', "&quot;")
    (custom,) = re.findall(rf'<numFmt numFmtId="(\d+)" formatCode="{re.escape(quoted)}"', styles)
    styles = re.sub(rf'(<xf [^>]*numFmtId="){custom}"', rf'\g<1>{builtin}"', styles)
    parts["xl/styles.xml"] = styles.encode()
    out = path.with_name(f"builtin-{path.name}")
    with zipfile.ZipFile(out, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return out


def test_a_chinese_built_in_date_format_is_refused_too(starter, tmp_path):
    code = 'yyyy"年"m"月"d"日"'
    book = _typed(starter / STARTER_NAME, tmp_path / "d.xlsx", {"月报": {"D3": (datetime(2025, 4, 5), code)}})
    book = _as_builtin(book, code, 31)
    assert openpyxl.load_workbook(book, read_only=True)["月报"]["D3"].number_format == "General"
    with pytest.raises(InputError) as info:
        read_workbooks([book])
    (problem,) = info.value.problems
    assert problem.startswith("月报!D3 ") and "缺少时刻" in problem


def test_the_cli_refuses_a_date_formatted_moment_without_a_traceback(starter, tmp_path, capsys):
    book = _typed(starter / STARTER_NAME, tmp_path / "d.xlsx", {"月报": {"D3": (datetime(2025, 4, 5), "yyyy-mm-dd")}})
    out = tmp_path / "out.json"
    code, _, err = run(capsys, "import", book, "--out", out)
    assert code == 1 and "月报!D3" in err and "缺少时刻" in err and "Traceback" not in err
    assert not out.exists()
    code, _, err = run(capsys, "import", book, "--into", starter / "示例数据.json", "--out", out)
    assert code == 1 and "月报!D3" in err and "缺少时刻" in err and not out.exists()


def test_a_written_workbook_shows_moment_times_and_reads_back_a_midnight_moment(tmp_path):
    base = starter_dataset()
    report = attrs.evolve(base.reports[0], submitted_at=datetime(2025, 4, 5, tzinfo=BEIJING))
    dataset = attrs.evolve(base, reports=(report, *base.reports[1:]))
    path = tmp_path / "rt.xlsx"
    write_workbook(dataset, path)
    ws = openpyxl.load_workbook(path)["月报"]
    assert shows_time(ws["D3"].number_format) and shows_time(ws.column_dimensions["D"].number_format)
    assert read_workbooks([path]) == dataset


@pytest.mark.parametrize(("number_format", "shown"), [(f, False) for f in DAY_ONLY] + [(f, True) for f in WITH_TIME])
def test_shows_time_reads_the_format_code_not_its_literal_text(number_format, shown):
    assert shows_time(number_format) is shown
    assert shows_time(f'{number_format} "hours"') is shown  # quoted text is no time part
    assert not shows_time("General") and not shows_time("@") and not shows_time("0.00")


@given(day=st.dates(min_value=date(1900, 3, 1), max_value=date(2099, 12, 31)))
def test_an_excel_date_alone_is_no_moment_but_is_a_date(day):
    """Outside a workbook (no number format to ask) a bare date in a moment column is refused;
    in a date column it is the date; a date-time with its time is read at that time."""
    moment = next(c for c in SHEET_BY_NAME["月报"].columns if c.kind == "datetime")
    plain = next(c for c in SHEET_BY_NAME["监测点"].columns if c.kind == "date")
    with pytest.raises(CellError, match="缺少时刻"):
        from_cell(moment, day)
    assert from_cell(plain, day) == day.isoformat()
    at = datetime.combine(day, time(16, 30))
    assert datetime.fromisoformat(from_cell(moment, at)) == at.replace(tzinfo=BEIJING)
