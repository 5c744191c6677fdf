"""Characters that act rather than show, in the Word report and the workbooks (attacker 02).

The Markdown and terminal escapes show every control, format (bidi, zero-width, TAG) and
separator character as ``<U+…>``; the Word report and the workbooks now follow the same rule
(io/workbook_text.acts), so one record reads the same in every medium and no invisible
character reaches Word, WPS or Excel raw.
"""

from __future__ import annotations

import unicodedata
import zipfile
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from softenv_core import monitoring_report
from softenv_core.io.workbook_text import shown
from softenv_core.io.workbook_write import write_workbook
from softenv_core.model.periods import Month
from softenv_core.render.docx_report import visible
from softenv_core.render.escape import md_inline
from softenv_core.testing.builders import small_dataset

# An Arabic letter mark (a bidi control), zero-width space and joiner, word joiner, BOM, line
# separator, and "hi" in invisible TAG characters.
ODD = "\u061c12-34\u200b\u200d\u2060\ufeff\u2028\U000e0068\U000e0069"


def acts(ch: str) -> bool:
    """The Markdown escape's rule, written out: controls, format characters, separators."""
    return unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn")


def _raw(text: str, keep: str = "\t\n\r") -> set[str]:
    return {f"U+{ord(c):04X}" for c in text if acts(c) and c not in keep}


_texts = st.text(st.characters(codec="utf-8") | st.sampled_from(ODD), max_size=30)


@given(_texts)
def test_property_office_text_holds_no_character_that_acts(text: str) -> None:
    # What the Markdown escape shows is shown by the office writers too, in the same form.
    for out in (visible(text), shown(text)):
        assert not _raw(out)
    # Line and paragraph separators are line breaks: Markdown flows them as a space, as a
    # newline (render/escape._one_line); checked above to be gone, not shown as a mark.
    for ch in set(text) - set("\t\n\r\u2028\u2029"):
        if acts(ch) and ord(ch) >= 0x100:
            assert f"<U+{ord(ch):04X}>" in visible(text) and f"<U+{ord(ch):04X}>" in md_inline(text).replace("\\", "")


def test_a_record_text_reaches_the_word_report_and_the_office_workbook_inert(tmp_path: Path) -> None:
    pytest.importorskip("docx")
    from softenv_core.render.docx_report import write_report_docx

    ds = small_dataset(2025)
    point = ds.points[0]
    odd_name = "测试" + ODD + "有限公司"
    ds = attrs.evolve(ds, points=(attrs.evolve(point, enterprise=attrs.evolve(point.enterprise, name=odd_name)),
                                  *ds.points[1:]))  # fmt: skip
    contact = ds.contacts[0]
    item = attrs.evolve(contact.items[0], text="施工许可办理慢" + ODD)
    ds = attrs.evolve(ds, contacts=(attrs.evolve(contact, items=(item, *contact.items[1:])), *ds.contacts[1:]))
    month = Month(contact.date.year, contact.date.month)
    write_report_docx(monitoring_report(ds, month, audience="city"), tmp_path / "r.docx")
    write_workbook(ds, tmp_path / "e.xlsx")
    for path in (tmp_path / "r.docx", tmp_path / "e.xlsx"):
        with zipfile.ZipFile(path) as z:
            # The text's parts (the template's own parts hold a private-use bullet glyph).
            parts = [n for n in z.namelist() if n == "word/document.xml" or n.startswith("xl/worksheets/")]
            xml = "".join(z.read(n).decode("utf-8") for n in parts)
        assert "<U+061C>12-34<U+200B>" in xml.replace("&lt;", "<").replace("&gt;", ">"), path.name
        assert not _raw(xml), path.name
