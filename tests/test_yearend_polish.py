"""Smaller things a clerk saw in the year-end outputs (t11 10, items 4 and 5): a representativeness
gap named by a bare county code, and the point sheet's item scores not written to two decimals
(docs/office.md: 得分两位小数). Item 6 (the nomination reason for no owed round) is in
tests/test_owed_rounds.py."""

from __future__ import annotations

from datetime import date

import pytest

from softenv_core import CITY_OFFICE, assess
from softenv_core.analyses.representativeness import Gap, representativeness
from softenv_core.render.yearend_parts import gap_zh
from softenv_core.testing import small_dataset

openpyxl = pytest.importorskip("openpyxl")


def test_a_county_gap_names_the_county_as_the_adjustment_sheet_does():
    assert gap_zh(Gap("379902", "sector", "service", "服务业", "示范区")) == "示范区（379902）缺服务业企业"
    assert gap_zh(Gap("city", "size", "large", "大型")) == "全市缺大型企业"
    ds = small_dataset(year=2025)
    names = {c.code: c.name for c in ds.counties}
    gaps = representativeness(ds, date(2025, 12, 31), audience=CITY_OFFICE).gaps
    county = [g for g in gaps if g.scope != "city"]
    assert county and all(g.scope_name == names[g.scope] for g in county)
    assert all(gap_zh(g).startswith(f"{names[g.scope]}（{g.scope}）缺") for g in county)


def test_the_point_sheet_writes_every_score_to_two_decimals(tmp_path):
    from softenv_core.render.xlsx_results import write_results_xlsx

    a = assess(small_dataset(year=2025), 2025, audience=CITY_OFFICE)
    path = tmp_path / "r.xlsx"
    write_results_xlsx(a, None, path)
    ws = openpyxl.load_workbook(path)["监测点"]
    headers = [c.value for c in ws[1]]
    items = [
        i
        for i, h in enumerate(headers)
        if h not in ("编号", "县区", "县区名称", "企业", "层级", "应履职月数", "等次", "可推荐", "不可推荐原因")
    ]
    assert len(items) >= 5  # the four duty items and 总分 at least
    row = ws[2]
    assert all(row[i].number_format == "0.00" for i in items if row[i].value is not None)
