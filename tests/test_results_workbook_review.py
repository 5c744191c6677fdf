"""The results workbook read mid-year and with undated nominations (review findings 04, 06)."""

from __future__ import annotations

from datetime import datetime

from softenv_core import CITY_OFFICE, assess
from softenv_core.model.periods import BEIJING
from softenv_core.render.xlsx_results import county_table
from softenv_core.testing import small_dataset


def test_months_not_yet_due_are_not_listed_as_failing_and_read_in_chinese():
    ds = small_dataset(2025)
    a = assess(ds, 2025, audience=CITY_OFFICE, as_of=datetime(2025, 7, 1, tzinfo=BEIJING))
    headers, rows = county_table(a, "zh")
    failing = headers.index("未按时月份")
    for row in rows:
        assert "2025-12" not in row[failing]  # December is not yet due on 1 July
        assert "pending" not in row and "未到期" in row  # a month not yet due, in Chinese


def test_undated_nominations_are_named_in_the_results_workbook_as_in_the_markdown(tmp_path):
    import attrs
    import pytest

    openpyxl = pytest.importorskip("openpyxl")
    from softenv_core import year_end
    from softenv_core.render.xlsx_results import write_results_xlsx

    from .demo_city import demo

    ds = demo(points_per_county=4)
    ds = attrs.evolve(ds, nominations=tuple(attrs.evolve(n, submitted_at=None) for n in ds.nominations))
    assert ds.nominations  # the demo nominates: the sheet has something to name
    y = year_end(ds, 2025, audience=CITY_OFFICE)
    write_results_xlsx(assess(ds, 2025, audience=CITY_OFFICE), y, tmp_path / "r.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "r.xlsx")["表彰推荐"]
    cells = [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
    assert any(v.startswith("未记录推荐时间的推荐") for v in cells)
    assert all(any(n.id in v for v in cells) for n in ds.nominations)
