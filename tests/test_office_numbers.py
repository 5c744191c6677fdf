"""The dataset workbook's writer (XlsxWriter) at its edges: numbers that need every digit, an
integer or a text no cell can hold, and the same bytes on every export."""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

pytest.importorskip("xlsxwriter")
pytest.importorskip("python_calamine")

from datetime import UTC

from softenv_core.cli.main import main
from softenv_core.errors import SoftenvError
from softenv_core.io.dataset_files import dataset_json
from softenv_core.io.workbook_read import read_workbooks
from softenv_core.io.workbook_starter import starter_dataset
from softenv_core.io.workbook_write import write_workbook

from .weights import examples


def _with_enterprise(**changes: object):  # type: ignore[no-untyped-def]
    d = starter_dataset()
    point = d.points[0]
    return attrs.evolve(d, points=(attrs.evolve(point, enterprise=attrs.evolve(point.enterprise, **changes)),))


@settings(max_examples=examples(25), deadline=None)
@given(st.floats(min_value=0, max_value=1e12, allow_nan=False, allow_infinity=False))
def test_a_figure_comes_back_as_the_same_float_whatever_digits_it_needs(tmp_path_factory, revenue):
    # XlsxWriter writes 16 significant digits; 0.1 + 0.2 needs 17 (0.30000000000000004).
    d = _with_enterprise(revenue_wan=revenue)
    path = tmp_path_factory.mktemp("n") / "n.xlsx"
    write_workbook(d, path)
    assert read_workbooks([path]).points[0].enterprise.revenue_wan == revenue


def test_seventeen_digit_figures_come_back_exactly(tmp_path):
    for revenue in (0.1 + 0.2, 1234.5678901234567, 5e-324, 2.0**53 + 2):
        d = _with_enterprise(revenue_wan=revenue, assets_wan=revenue)
        write_workbook(d, tmp_path / "e.xlsx")
        back = read_workbooks([tmp_path / "e.xlsx"]).points[0].enterprise
        assert (back.revenue_wan, back.assets_wan) == (revenue, revenue)


def test_the_largest_integers_a_cell_holds_exactly_come_back(tmp_path):
    # x24: 2**53 itself was refused, though a double holds it exactly.
    for employees in (2**53, 2**53 - 1):
        write_workbook(_with_enterprise(employees=employees), tmp_path / "i.xlsx")
        assert read_workbooks([tmp_path / "i.xlsx"]).points[0].enterprise.employees == employees


def test_an_integer_no_cell_holds_exactly_is_refused_at_its_cell_and_nothing_is_written(tmp_path):
    d = _with_enterprise(employees=2**53 + 1)
    with pytest.raises(SoftenvError, match=r"^监测点!\w+3: 9007199254740993 is too large"):
        write_workbook(d, tmp_path / "big.xlsx")
    assert list(tmp_path.iterdir()) == []


def _with_targets(n: int):  # type: ignore[no-untyped-def]
    """The starter with its work plan's targets (one a line in one cell): ``n`` of 500 characters."""
    d = starter_dataset()
    plan = attrs.evolve(d.work_plans[0], targets=tuple(f"{i:03d}" + "甲" * 497 for i in range(n)))
    return attrs.evolve(d, work_plans=(plan,))


def test_a_text_longer_than_a_cell_is_refused_by_the_export_not_cut(tmp_path, capsys):
    # 66 targets of 500 characters, one a line: 33,065 characters in 工作方案's 目标 cell.
    source = tmp_path / "long.json"
    source.write_text(dataset_json(_with_targets(66)), encoding="utf-8")
    out = tmp_path / "long.xlsx"
    assert main(["export", str(source), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "工作方案!F3: a text of 33,065 characters is longer than an Excel cell holds (32,767)" in err
    assert "Traceback" not in err and not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["long.json"]  # no half-written file
    assert "不可见字符" not in err  # the record's own text is too long: nothing shown longer
    # 65 targets (32,564 characters) fit, and read back whole.
    d = _with_targets(65)
    write_workbook(d, out)
    assert read_workbooks([out]).work_plans == d.work_plans


def test_the_same_dataset_gives_the_same_bytes_at_another_moment(tmp_path):
    d = starter_dataset()
    digests = []
    for name in ("a.xlsx", "b.xlsx"):
        if digests:  # past a second, as a zip member's or the properties' clock would show
            time.sleep(1.1)  # the real clock: a temporary file's time is the file system's
        write_workbook(d, tmp_path / name)
        digests.append(hashlib.sha256((tmp_path / name).read_bytes()).hexdigest())
    assert digests[0] == digests[1]


def test_the_export_holds_no_clock(tmp_path):
    import zipfile

    write_workbook(starter_dataset(), tmp_path / "c.xlsx")
    with zipfile.ZipFile(tmp_path / "c.xlsx") as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = z.read("docProps/core.xml").decode()
    assert '<dcterms:created xsi:type="dcterms:W3CDTF">1980-01-01T00:00:00Z</dcterms:created>' in core
    assert '<dcterms:modified xsi:type="dcterms:W3CDTF">1980-01-01T00:00:00Z</dcterms:modified>' in core


def test_the_export_command_writes_through_xlsxwriter_and_reads_back(tmp_path, capsys):
    source = tmp_path / "d.json"
    source.write_text(dataset_json(starter_dataset()), encoding="utf-8")
    assert main(["export", str(source), "--out", str(tmp_path / "d.xlsx")]) == 0
    capsys.readouterr()
    assert read_workbooks([Path(tmp_path / "d.xlsx")]) == starter_dataset()


def test_a_moment_keeps_its_side_of_a_deadline_through_a_workbook(tmp_path):
    # A cell holds milliseconds: 23:59:59.999999 on the due day was read back as 00:00:00 the
    # next day, a report on time made late by an export and an import.
    from datetime import datetime, timedelta, timezone

    d = starter_dataset()
    beijing = timezone(timedelta(hours=8))
    for sent in (
        datetime(2025, 4, 5, 23, 59, 59, 999999, tzinfo=beijing),
        datetime(2025, 4, 5, 23, 59, 59, 999500, tzinfo=beijing),
        datetime(2025, 4, 5, 15, 59, 59, 999999, tzinfo=UTC),  # the same moment in UTC
        datetime(2025, 4, 6, 0, 0, 0, 400, tzinfo=beijing),
    ):
        report = attrs.evolve(d.reports[0], submitted_at=sent)
        write_workbook(attrs.evolve(d, reports=(report, *d.reports[1:])), tmp_path / "m.xlsx")
        back = read_workbooks([tmp_path / "m.xlsx"]).reports[0].submitted_at
        assert back <= sent < back + timedelta(milliseconds=1), (sent, back)
        assert back.replace(microsecond=0) == sent.replace(microsecond=0), (sent, back)


@pytest.mark.parametrize(
    "wall",
    [
        (1900, 1, 1, 16, 0, 0, 0),  # XlsxWriter took any 1 January 1900 for a time of day: 1900-01-00
        (1900, 2, 28, 23, 59, 59, 999000),  # and added Excel's 29 February 1900 from 28 February 00:00
        (1900, 3, 1, 0, 0, 0, 1000),
        (2025, 4, 5, 23, 59, 59, 999000),
    ],
)
def test_a_moment_in_early_1900_is_the_same_day_in_excel(tmp_path, wall):
    import re
    import zipfile
    from datetime import datetime, timedelta, timezone

    import openpyxl
    from openpyxl.utils.datetime import to_excel  # Excel's serial: 1900 a leap year, 60 its 29 February

    d = starter_dataset()
    sent = datetime(*wall, tzinfo=timezone(timedelta(hours=8)))
    report = attrs.evolve(d.reports[0], submitted_at=sent)
    write_workbook(attrs.evolve(d, reports=(report, *d.reports[1:])), tmp_path / "m.xlsx")
    book = openpyxl.load_workbook(tmp_path / "m.xlsx")
    ws = book["月报"]
    (letter,) = [c.column_letter for c in ws[2] if c.value == "submitted_at"]
    sheet = zipfile.ZipFile(tmp_path / "m.xlsx").read(f"xl/worksheets/sheet{book.sheetnames.index('月报') + 1}.xml")
    (serial,) = re.findall(rf'<c r="{letter}3"[^>]*><v>([^<]*)</v>'.encode(), sheet)
    assert float(serial) == pytest.approx(to_excel(sent.replace(tzinfo=None)), abs=1e-9)


def test_a_full_disk_while_the_workbook_is_zipped_is_told_as_a_file_not_written(tmp_path, capsys, monkeypatch):
    # XlsxWriter raised its own FileCreateError (no OSError): the export ended in a traceback.
    import errno

    import xlsxwriter.workbook

    def full(self):  # type: ignore[no-untyped-def]
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(xlsxwriter.workbook.Workbook, "_store_workbook", full)
    source = tmp_path / "d.json"
    source.write_text(dataset_json(starter_dataset()), encoding="utf-8")
    target = tmp_path / "d.xlsx"
    assert main(["export", str(source), "--out", str(target)]) == 1
    err = capsys.readouterr().err
    assert f"不能写入 {target}:" in err and "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.json"]


def test_records_past_a_sheets_last_row_are_refused_as_too_many_rows(tmp_path):
    # XlsxWriter returns -1 for a cell past row 1,048,576 (and drops a number there silently):
    # the export said "a text of 3 characters is longer than an Excel cell holds".
    from datetime import datetime

    import xlsxwriter

    from softenv_core.io import workbook_write
    from softenv_core.io.workbook_schema import SHEETS

    (sheet,) = [s for s in SHEETS if s.name == "联系记录"]
    wb = xlsxwriter.Workbook(str(tmp_path / "rows.xlsx"), {"constant_memory": True})
    rows = iter([["C-1", "P-1", datetime(2025, 1, 1), "电话", "city", "是", None, None]] * 3)
    with pytest.raises(SoftenvError, match="1,048,576") as caught:
        # the last two rows of a sheet, then one more
        workbook_write._write_records(wb.add_worksheet("t"), workbook_write._Formats(wb), sheet, rows, 1_048_574)
    assert "32,767" not in str(caught.value)
    wb.close()


def test_a_record_text_within_its_bound_too_long_only_as_shown_says_so(tmp_path, capsys):
    """x30 02: a complaint text of 4,502 characters (its bound is 10,000), 4,500 of them zero-width
    spaces, is shown in the workbook as 36,002 characters (each as <U+200B>), over a cell's
    32,767: the export refuses it, and says that the record is not itself too long."""
    d = starter_dataset()
    complaint = attrs.evolve(d.complaints[0], text="投诉" + "\u200b" * 4500)
    source = tmp_path / "c.json"
    source.write_text(dataset_json(attrs.evolve(d, complaints=(complaint, *d.complaints[1:]))), encoding="utf-8")
    assert main(["export", str(source), "--out", str(tmp_path / "c.xlsx")]) == 1
    err = capsys.readouterr().err
    assert "a text of 36,002 characters is longer than an Excel cell holds (32,767)" in err
    assert "记录本身 4,502 字，其中不可见字符各显示为 <U+…>" in err and "Traceback" not in err
