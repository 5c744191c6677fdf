"""The notice that counts what a text screen masked names it in Chinese (attacker x42): it read
``文字中已遮蔽 point 3 处``, the screen's own English word among the Chinese of a clerk's report."""

from __future__ import annotations

import attrs

from softenv_core import monitoring_report
from softenv_core.analyses.disclosure import TextScreen
from softenv_core.analyses.redaction_notices import MASKED_ZH, notice_label
from softenv_core.model.periods import Month
from softenv_core.rules.registry import get_plugin_manager

from .demo_city import demo

_MONTH = Month(2025, 3)


def test_every_kind_a_screen_masks_has_its_chinese_name() -> None:
    screen = TextScreen(enterprises=["青山机械有限公司"], persons=["王小明"], points=["P379921-001"])
    text = "青山机械有限公司 王小明 13900000001 P379921-001 91370000MA3C5E8H8B 370102199001011234"
    kinds = set(screen.screen(text).masked)
    assert kinds >= {"enterprise", "person", "phone", "point"}
    assert kinds <= set(MASKED_ZH)
    for kind in MASKED_ZH:
        label = notice_label(f"masked:{kind}", "市软建办")
        assert label.startswith("文字中已遮蔽的") and kind not in label


def test_a_county_report_names_the_masked_phone_numbers_in_chinese() -> None:
    ds = demo()
    contacts = [c for c in ds.contacts if c.date.month == _MONTH.month and c.items]
    first = contacts[0]
    item = attrs.evolve(first.items[0], text=first.items[0].text + " 联系电话13900000001")
    ds = attrs.evolve(
        ds, contacts=tuple(attrs.evolve(c, items=(item, *c.items[1:])) if c is first else c for c in ds.contacts)
    )
    county = ds.point_county[first.point]
    report = monitoring_report(ds, _MONTH, get_plugin_manager(autoload=False), audience=f"county:{county}")
    masked = [n for n in report.notices if n.startswith("文字中已遮蔽")]
    assert any(n.startswith("文字中已遮蔽的电话号码：") and n.endswith(" 处") for n in masked), report.notices
    assert not any(kind in n for n in masked for kind in MASKED_ZH), masked
