"""A county clerk's month in the workbook (tester c34): what she met, each as a test."""

from __future__ import annotations

import attrs

from softenv_core.analyses.redaction_keys import text_screen
from softenv_core.analyses.audiences import Audience
from softenv_core.io.workbook_starter import starter_dataset


def test_a_short_name_of_an_enterprise_named_after_its_whole_county_is_masked():
    # 青林县宏达建材有限公司 is written 宏达建材 in a report item: the county's name in full
    # (青林县, not only 青林) is left out before the legal form, as 东城丰源 for 东城区.
    ds = starter_dataset()
    county = attrs.evolve(ds.counties[0], name="青林县")
    point = ds.points[0]
    named = attrs.evolve(point, enterprise=attrs.evolve(point.enterprise, name="青林县宏达建材有限公司"))
    ds = attrs.evolve(ds, counties=(county,), points=(named,))
    screen = text_screen(ds, Audience.parse(f"county:{county.code}"))
    out = screen.screen("宏达建材反映用工成本上升").text
    assert "宏达建材" not in out and out.startswith("某企业"), out
    assert screen.screen("绿源食品反映收费偏高").text == "绿源食品反映收费偏高"
