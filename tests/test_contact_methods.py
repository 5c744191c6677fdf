"""Contacts by WeChat and other means (联系方式: 网络（微信等）, 其他; clerk c34).

The seed names no method (三(二): 定期定人进行联系), and offices reach points by WeChat too;
the workbook had only 电话, 上门 and 座谈 to choose from. Such a contact counts as any other,
reads back from the workbook by its Chinese label, and is counted by method in the report.
"""

from __future__ import annotations

import attrs
import pytest

from softenv_core import CITY_OFFICE, Month, assess, get_plugin_manager, monitoring_report
from softenv_core.model.reports import ContactMethod
from softenv_core.render.monitoring_report import render_markdown
from tests.demo_city import demo

openpyxl = pytest.importorskip("openpyxl")

from softenv_core.io.workbook_read import read_workbooks  # noqa: E402
from softenv_core.io.workbook_write import write_workbook  # noqa: E402

ONLINE, OTHER = ContactMethod.ONLINE, ContactMethod.OTHER
MARCH = Month(2025, 3)


def _by_wechat(points_per_county: int = 20) -> object:
    """The demo city with every March phone call made by WeChat, and every March visit by other means."""
    ds = demo(points_per_county=points_per_county)
    swap = {ContactMethod.PHONE: ONLINE, ContactMethod.VISIT: OTHER}

    def changed(c: object) -> object:
        march = c.date.year == 2025 and c.date.month == 3  # type: ignore[attr-defined]
        return attrs.evolve(c, method=swap[c.method]) if march and c.method in swap else c  # type: ignore[attr-defined]

    return attrs.evolve(ds, contacts=tuple(changed(c) for c in ds.contacts))


def test_the_labels_are_the_workbook_s_choices() -> None:
    assert (ONLINE.zh, OTHER.zh) == ("网络（微信等）", "其他")
    assert ContactMethod.from_value("online") is ONLINE and ContactMethod.from_value("other") is OTHER


def test_a_contact_by_wechat_scores_as_a_phone_call_does() -> None:
    pm = get_plugin_manager(autoload=False)
    before = assess(demo(), 2025, pm, audience=CITY_OFFICE)
    after = assess(_by_wechat(), 2025, pm, audience=CITY_OFFICE)
    assert [(p.id, p.total) for p in after.points] == [(p.id, p.total) for p in before.points]


def test_the_report_counts_contacts_by_their_method() -> None:
    ds = _by_wechat()
    report = monitoring_report(ds, MARCH, audience=CITY_OFFICE)
    march = [c for c in ds.contacts if c.date.year == 2025 and c.date.month == 3]  # type: ignore[attr-defined]
    total = {m.value: sum(1 for c in march if c.method is m) for m in (ONLINE, OTHER)}
    assert total["online"] > 0 and total["other"] > 0
    counted = {m: sum(row.by_method.get(m, 0) for row in report.contacts) for m in ("online", "other", "phone")}
    assert counted["phone"] == 0 and counted["online"] > 0 and counted["other"] > 0
    text = render_markdown(report)
    assert "网络（微信等）" in text and "其他" in text


def test_the_workbook_writes_and_reads_them_by_their_labels(tmp_path) -> None:  # type: ignore[no-untyped-def]
    ds = _by_wechat(points_per_county=4)  # a small city: the workbook of 180 points took a second
    path = tmp_path / "book.xlsx"
    write_workbook(ds, path)
    sheet = openpyxl.load_workbook(path)["联系记录"]
    values = {cell.value for row in sheet.iter_rows() for cell in row}
    assert "网络（微信等）" in values and "其他" in values
    assert read_workbooks([path]) == ds
