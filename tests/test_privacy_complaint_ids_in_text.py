"""Attacker x39 04: a complaint's id written in a record's text is withheld as its reference is.

A clerk writes the ticket number a point was given into the matter it raises again in a
contact or a county report (`已向市软建办投诉, 编号Q-2025-0008`). The monthly report screened
such texts for names, codes and point ids, but printed the complaint id as written: to the
department complained about (which is shown that complaint as `R-…`, never by its id, nor who
made it), beside the item's county when enough of the county's items are listed, and in the
year end's evidence. Outside the city office a complaint id in a record's text reads
`[直接反馈]`, but to the point that made it (its own ids, as section 五 shows them).
"""

from __future__ import annotations

import attrs

from softenv_core import CITY_OFFICE, Month, get_plugin_manager, monitoring_report, year_end
from softenv_core.model.reports import Item, ItemCategory
from softenv_core.render.monitoring_report import render_markdown
from softenv_core.testing.builders import beijing, make_complaint, small_dataset

_PM = get_plugin_manager(autoload=False)
_ID = "Q-2025-0008"
_MAKER = "P-379902-2"


def _dataset():
    base = small_dataset(2025, counties=("379902", "379921", "379922"))
    quoted = Item(ItemCategory.ENFORCEMENT, f"检查频繁(已向市软建办投诉, 编号{_ID}。)", "city-amr")
    contacts = tuple(
        attrs.evolve(c, items=(quoted,)) if c.point.startswith("P-379902") and c.date.month == 3 else c
        for c in base.contacts
    )
    complaint = make_complaint(_ID, _MAKER, beijing(2025, 3, 3))
    return attrs.evolve(base, contacts=contacts, complaints=(complaint,))


def test_no_reader_but_the_city_office_and_the_maker_reads_a_complaint_id_in_a_records_text() -> None:
    ds = _dataset()
    for reader in ("department:city-amr", "county:379902", "county:379921", "public", "point:P-379902-1"):
        report = monitoring_report(ds, Month(2025, 3), _PM, audience=reader)
        shown = report.to_json() + render_markdown(report, "zh") + render_markdown(report, "en")
        shown += year_end(ds, 2025, _PM, audience=reader).to_json()
        assert _ID not in shown, reader
    department = monitoring_report(ds, Month(2025, 3), _PM, audience="department:city-amr")
    assert any("编号[直接反馈]。" in i.text for i in department.notable_items)  # the rest of the text stays
    for reader in (CITY_OFFICE, f"point:{_MAKER}"):
        report = monitoring_report(ds, Month(2025, 3), _PM, audience=reader)
        assert any(_ID in i.text for i in report.notable_items), reader


def test_an_id_inside_a_longer_word_is_no_complaint_id() -> None:
    ds = _dataset()
    other = Item(ItemCategory.ENFORCEMENT, f"合同号X{_ID}与{_ID}-2号文件", "city-amr")
    contacts = tuple(attrs.evolve(c, items=(other,)) if c.items and c.date.month == 3 else c for c in ds.contacts)
    report = monitoring_report(attrs.evolve(ds, contacts=contacts), Month(2025, 3), _PM, audience="department:city-amr")
    assert {i.text for i in report.notable_items} == {other.text}
