"""Attacker x40: record text through the office workbook, and what a reader outside the city office
can tell (DESIGN principles 7 and 8).

01. ``softenv export`` showed a record's control, bidi or zero-width character as a visible
    symbol (``<U+200B>``, ``␋``) and ``softenv import`` read the symbol back as text: export then
    import changed the record (a note's U+200B became the eight characters ``<U+200B>``). The
    dataset workbook now holds each such character as ``<U+HHHH>`` and a record's own text of that
    shape with its ``<`` as ``<U+003C>``, and the import reads both back: the record round-trips
    exactly, while no such character reaches Excel raw and no text becomes a formula.
"""

from __future__ import annotations

import unicodedata
import zipfile
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from softenv_core.io.workbook_text import held, unheld
from softenv_core.testing import small_dataset

from .weights import examples

openpyxl = pytest.importorskip("openpyxl")

from softenv_core.io.workbook_read import read_workbooks  # noqa: E402
from softenv_core.io.workbook_write import write_workbook  # noqa: E402

# Controls (VT, ESC, DEL, C1 NEL), a bidi override, zero-width space, BOM, line separator, a TAG
# character, U+FFFE, and text already shaped as the notation or as the Word report's symbols.
ODD = [
    "\x0b",
    "\x1b",
    "\x7f",
    "\x85",
    "\u202e",
    "\u200b",
    "\ufeff",
    "\u2028",
    "\U000e0041",
    "\ufffe",
    "<U+200B>",
    "<U+003C>",
    "<U+",
    "␋",
    "<U+10FFFF>",
    "<U+110000>",
    "<u+200b>",
    "_x000B_",
    "=",
]
_texts = st.lists(st.sampled_from(ODD) | st.text(max_size=3), max_size=6).map("".join)


def _acts(ch: str) -> bool:
    return unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn") and ch not in "\t\n\r"


@given(_texts)
def test_01_held_text_reads_back_exactly_and_holds_nothing_that_acts(text: str) -> None:
    cell = held(text)
    assert unheld(cell) == text
    assert not [ch for ch in cell if _acts(ch)]


def test_01_held_examples() -> None:
    assert held("甲\x0b区\u200b") == "甲<U+000B>区<U+200B>"
    assert held("写作<U+200B>的文字") == "写作<U+003C>U+200B>的文字"
    assert held("<U+110000>") == "<U+110000>"  # no character: the import leaves it as typed
    assert unheld("<U+003C>U+200B>") == "<U+200B>"


def _with_texts(note: str, item: str, targets: tuple[str, ...]):  # type: ignore[no-untyped-def]
    ds = small_dataset(2025)
    contact = ds.contacts[0]
    items = (attrs.evolve(contact.items[0], text=item), *contact.items[1:]) if contact.items else ()
    ds = attrs.evolve(ds, contacts=(attrs.evolve(contact, note=note, items=items), *ds.contacts[1:]))
    if ds.work_plans:
        ds = attrs.evolve(ds, work_plans=(attrs.evolve(ds.work_plans[0], targets=targets), *ds.work_plans[1:]))
    return ds


def _round_trip(tmp_path: Path, ds):  # type: ignore[no-untyped-def]
    out = tmp_path / "e.xlsx"
    write_workbook(ds, out)
    with zipfile.ZipFile(out) as z:
        xml = "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("xl/worksheets/"))
    return read_workbooks([out]), xml


def test_01_export_then_import_gives_back_the_record_text_exactly(tmp_path: Path) -> None:
    note = "回访\u200b记录\u202e甲\x0b乙<U+200B>␋\x1b[31m红"
    item = '=HYPERLINK("http://evil.example")\u2028<U+2028>'
    targets = ("目标\u2028一", "目标<U+2028>二", "第一行\n第二行")
    ds = _with_texts(note, item, targets)
    back, xml = _round_trip(tmp_path, ds)
    assert back.contacts[0].note == note
    assert back.contacts[0].items[0].text == item
    if ds.work_plans:
        assert back.work_plans[0].targets == targets
    # The workbook shows the characters, never holds them: none reaches Excel raw, no formula.
    assert not [ch for ch in xml if _acts(ch)]
    assert "<f>" not in xml
    assert "回访&lt;U+200B&gt;记录&lt;U+202E&gt;甲&lt;U+000B&gt;乙&lt;U+003C&gt;U+200B&gt;␋&lt;U+001B&gt;[31m红" in xml


def test_01_a_workbook_exported_from_a_dataset_imports_into_it_without_a_collision(tmp_path: Path) -> None:
    # The same id with other content is a collision: the record's U+200B, read back as the text
    # <U+200B>, made every exported record with such a character collide with itself.
    from softenv_core.io.dataset_files import dataset_json

    ds = _with_texts("回访\u200b记录", "施工许可办理慢\u202e", ("目标",))
    src = tmp_path / "d.json"
    src.write_text(dataset_json(ds), encoding="utf-8")
    write_workbook(ds, tmp_path / "e.xlsx")
    assert read_workbooks([tmp_path / "e.xlsx"], src) == ds


@settings(max_examples=examples(25), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(note=_texts.filter(lambda t: t.strip(" \t\n\r") and not all(_acts(c) or c.isspace() for c in t)))
def test_01_property_export_then_import_round_trips_any_note(tmp_path: Path, note: str) -> None:
    back, xml = _round_trip(tmp_path, _with_texts(note, "施工许可办理慢", ("目标",)))
    assert back.contacts[0].note == note
    assert not [ch for ch in xml if _acts(ch)]


# 02. The liaison persons' workload (section 三, 定人联系工作量) was ordered by office, then by the
#     person's name, also for a reader shown the office's rows without names (联系人 withheld): the
#     order of the counts told which count went with which name, for a reader who knows the names.
#     Rows whose name is withheld are ordered by what they show (office, then points, most first).


def _named(first: str, second: str):  # type: ignore[no-untyped-def]
    ds = small_dataset(2025)
    city = [p for p in ds.points if p.liaison == "city"]
    names = {city[0].id: first, city[1].id: second, city[2].id: second}
    points = tuple(attrs.evolve(p, liaison_person=names.get(p.id, p.liaison_person)) for p in ds.points)
    return attrs.evolve(ds, points=points)


@pytest.mark.parametrize("audience", ["county:379902", "department:city-amr", "public"])
def test_02_workload_rows_without_names_do_not_follow_the_names_order(audience: str) -> None:
    from softenv_core import monitoring_report, render_markdown
    from softenv_core.model.periods import Month

    month = Month(2025, 6)
    one = monitoring_report(_named("阿甲", "赵乙"), month, audience=audience)
    two = monitoring_report(_named("赵乙", "阿甲"), month, audience=audience)
    assert [w.person for w in one.liaison_workload if w.office == "city"] == [None, None]
    assert one.liaison_workload == two.liaison_workload
    assert render_markdown(one) == render_markdown(two)


def test_02_the_city_office_still_sees_its_rows_by_name() -> None:
    from softenv_core import monitoring_report
    from softenv_core.model.periods import Month

    rows = monitoring_report(_named("赵乙", "阿甲"), Month(2025, 6), audience="city").liaison_workload
    assert [(w.person, w.points) for w in rows if w.office == "city"] == [("赵乙", 1), ("阿甲", 2)]


# 03. A county plugin's complaint limits laxer than the city's are a RuleConflict, found when a
#     step needs them: a reader outside the city office had its report refused only when a
#     complaint about that county's units existed, the refusal naming the county, the kind and
#     the day the step opened. Outside the city office every county plugin's limits are now read
#     on every day from the city's first limits to the report's instant, complaint or none.


class _Lax:
    """County 379921 resolves 投诉 in 16 working days from 2025-06-01 (the city: 15)."""

    @staticmethod
    def _sla(kind, on):  # type: ignore[no-untyped-def]
        from datetime import date

        from softenv_core import ComplaintSla

        days = {"complaint": 15, "report": 15, "suggestion": 5}
        if on >= date(2025, 6, 1):
            days["complaint"] = 16
        return ComplaintSla(
            accept=1, sign=1, resolve=days, max_extension=15, follow_up=2, reference="乙经贸〔2025〕2号"
        )


def _lax_pm():  # type: ignore[no-untyped-def]
    from softenv_core import PluginInfo, get_plugin_manager, hookimpl

    class Lax(_Lax):
        @hookimpl
        def softenv_plugin_info(self):  # type: ignore[no-untyped-def]
            return PluginInfo(county="379921", title="乙县", reference="乙经贸〔2025〕2号")

        @hookimpl
        def softenv_complaint_sla(self, kind, calendar, params, on):  # type: ignore[no-untyped-def]
            return self._sla(kind, on)

    return get_plugin_manager(autoload=False, plugins=[("yi", Lax())])


def _outcome(call):  # type: ignore[no-untyped-def]
    try:
        call()
    except Exception as exc:
        return f"{type(exc).__name__}: {exc}"
    return "ok"


@pytest.mark.parametrize("audience", ["department:city-amr", "county:379902", "public"])
def test_03_a_lax_county_limit_refuses_the_same_with_or_without_a_complaint_about_it(audience: str) -> None:
    from softenv_core import monitoring_report
    from softenv_core.model.periods import Month
    from softenv_core.testing.builders import beijing, make_complaint

    base = small_dataset(2025)
    about = make_complaint("Q-9", "P-379902-2", beijing(2025, 7, 1, 9), department="379921-amr")
    pm = _lax_pm()
    month = Month(2025, 7)
    without = _outcome(lambda: monitoring_report(base, month, pm, audience=audience))
    with_one = _outcome(
        lambda: monitoring_report(attrs.evolve(base, complaints=(about,)), month, pm, audience=audience)
    )
    assert without == with_one
    assert "2025-07" not in with_one  # no day a step of the complaint opened on
    assert "on 2025-06-01" in with_one  # the plugin's first laxer day, whatever the complaints


@pytest.mark.parametrize("what", ["assess", "year_end", "workbook"])
def test_03_the_year_refuses_a_reader_the_same_with_or_without_a_complaint_about_it(what: str, tmp_path: Path) -> None:
    from softenv_core import assess, year_end
    from softenv_core.render.results_workbook import write_results_workbook
    from softenv_core.testing.builders import beijing, make_complaint

    base = small_dataset(2025)
    about = make_complaint("Q-9", "P-379902-2", beijing(2025, 7, 1, 9), department="379921-amr")
    pm, audience = _lax_pm(), "department:city-amr"
    calls = {
        "assess": lambda ds: assess(ds, 2025, pm, audience=audience),
        "year_end": lambda ds: year_end(ds, 2025, pm, audience=audience),
        "workbook": lambda ds: write_results_workbook(ds, 2025, tmp_path / "r.xlsx", pm, audience=audience),
    }
    without = _outcome(lambda: calls[what](base))
    with_one = _outcome(lambda: calls[what](attrs.evolve(base, complaints=(about,))))
    assert without == with_one
