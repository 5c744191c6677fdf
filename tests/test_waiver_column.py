"""The county table's 豁免 column reads 无 for a county with no waiver, not "—", which the
reports' tables use for a hidden figure (clerk c48); a waived month is named."""

from __future__ import annotations

import pytest

from softenv_core import CITY_OFFICE, assess
from softenv_core.render.assessment import county_rows

from .demo_city import demo


@pytest.mark.parametrize(("lang", "none"), [("zh", "无"), ("en", "none")])
def test_no_waiver_reads_none_and_a_waived_month_is_named(lang: str, none: str) -> None:
    ds = demo()
    headers, rows = county_rows(assess(ds, 2025, audience=CITY_OFFICE), lang)
    column = headers.index("豁免" if lang == "zh" else "Waiver")
    waived = {w.county: str(w.month) for w in ds.waivers if w.month.year == 2025}
    assert waived, "the demo city has a waiver to show"
    for row in rows:
        code = row[0].split()[0]
        # the month, then what its report did and the waiver (auditor a56): 2025-08（未报；豁免 W1）
        assert row[column].split("（" if lang == "zh" else " (")[0] == waived.get(code, none), row
