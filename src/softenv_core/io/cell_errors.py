"""The refusals of a workbook cell that does not read as its column's kind (split from
io.workbook_cells, which re-exports them)."""

from __future__ import annotations

from datetime import date, datetime, time

from softenv_core.model.periods import BEIJING


class CellError(ValueError):
    """A cell's value cannot be read as its column's kind; the message is Chinese."""


class BareDate(CellError):
    """An Excel date cell in a moment column whose value is a day at 00:00. The cell alone
    cannot say whether the clerk meant the day (refused: read as 00:00 it would be on time under
    any deadline that day) or a moment at 00:00: python-calamine gives both as a date. The
    workbook reader asks the cell's number format (io/workbook_formats.py); without one this is
    the refusal."""

    def __init__(self, day: date) -> None:
        self.day = day
        self.midnight = datetime.combine(day, time(0), BEIJING).isoformat()
        # The format code is not named: a built-in one (id 14) shows as the locale has it
        # (2025/4/5 in Chinese Excel), not as its code (mm-dd-yy) would tell the clerk.
        super().__init__(
            f"缺少时刻：请填写日期和时间，如 {day.isoformat()} 09:30（现为只显示日期的 Excel 日期 "
            f"{day.isoformat()}，不能当作 0 点读入）；确是 0 点请把单元格格式设为 yyyy-mm-dd hh:mm"
        )


class BareMonth(CellError):
    """An Excel date on the 1st in a month column (所报月份, 豁免's 月份). ``2025-03`` typed into a
    cell, Excel keeps as the date 2025-03-01 shown as a month: that month. The same date shown as
    a day (2025-03-01) is a day typed, refused as the text is (clerk c61 01: a day read as its
    month without a word, 2025-04-03 the day March's report was sent being April's). python-calamine
    gives both as a date; the workbook reader asks the cell's number format (io/workbook_formats.py),
    and reads the month (:attr:`month`) unless the format shows a day."""

    def __init__(self, day: date, message: str) -> None:
        self.day = day
        self.month = f"{day.year:04d}-{day.month:02d}"
        super().__init__(message)


__all__ = ["BareDate", "BareMonth", "CellError"]
