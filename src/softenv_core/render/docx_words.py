"""Small wordings of the monthly report's Word document (render.docx_report): dates, a capped
list's remainder, a common problem's spread, a rate. Split from docx_report to keep it short."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from typing import Any

from softenv_core.io.workbook_text import shown
from softenv_core.model.periods import BEIJING
from softenv_core.render.escape import flowed

# The Markdown's own "nothing" and rate, so that both versions of a report say them alike.
from softenv_core.render.report_format import NONE_ZH as NONE_ZH
from softenv_core.render.report_format import _pct as _pct


def _more(n: int) -> str:
    """What a capped list says of the rows it leaves out: where the whole list is. No file is
    written beside the document (finding 02 of the clerk: "见数据附件" named none), and no
    command line stands in a document laid out for officials (t5 10)."""
    return f"另有{n}项未列入本文，全部事项见本报告的电子数据版。"


def _moment_zh(moment: datetime) -> str:
    """An instant in the document's date style, Beijing time: 2025年4月8日0时 (0时30分)."""
    t = moment.astimezone(BEIJING)
    return f"{t.year}年{t.month}月{t.day}日{t.hour}时" + (f"{t.minute}分" if t.minute else "")


def _date_zh(day: date) -> str:
    """A day in the document's date style: 2025年12月31日 (the year end wrote 2025-12-31: c55 05)."""
    return f"{day.year}年{day.month}月{day.day}日"


def _spread(p: Any) -> str:
    """Where a common problem was raised: "2个县区6个监测点" for the city office; outside it
    the points are withheld ("多个监测点"), and the counties when one stood for too few of
    them ("多个县区的监测点"): a problem spans common.min_counties at least, never "0个县区"."""
    if not p.counties:
        return "多个县区的监测点"
    return f"{len(p.counties)}个县区{len(p.points) or '多'}个监测点"


def _month_zh(month: Any) -> str:
    return f"{month.year}年{month.month}月"


def em_width(text: str) -> float:
    """A line's width in characters of its size: a Chinese character one, a half-width digit or
    letter a half (仿宋 sets Arabic numerals half-width), as GB/T 9704 counts 右空四字."""
    return sum(1 if unicodedata.east_asian_width(ch) in "WF" else 0.5 for ch in text)


__all__: list[str] = []

#: A date or month written with hyphens (2025-04-01, 2025-04): held on one line.
_DATED = re.compile(r"(?<![0-9A-Za-z-])\d{4}-\d{2}(?:-\d{2})?(?![0-9A-Za-z-])")


def unbroken_dates(root: Any) -> None:
    """Every date or month written with hyphens in the paragraphs directly under ``root`` (a
    document's body, a header) held on one line: each of its hyphens a non-breaking hyphen
    (``w:noBreakHyphen``, what Word writes for Ctrl+Shift+-). Word and LibreOffice break a line
    after a hyphen, and a body line of the year end ended with ``（自 2022-03-`` over ``01；…``:
    an official reads such a date as two. Table cells are left as they are: a column narrower
    than a date must break it somewhere, and LibreOffice then broke a held date at a doubled
    hyphen (``2025-04-`` over ``-01``); the tables' widths are set for their dates. Ids
    (P379902-001, RC-…) keep their breaks."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tag = qn("w:t")
    texts = [t for p in root.iterchildren(qn("w:p")) for t in p.iter(tag)]
    for t in texts:
        text = t.text or ""
        if "-" not in text or not _DATED.search(text):
            continue
        # A date's hyphens marked with NUL, which no text of a document holds (visible()).
        parts = _DATED.sub(lambda m: m[0].replace("-", "\x00"), text).split("\x00")
        t.text = parts[0]
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        at = t
        for part in parts[1:]:
            hyphen = OxmlElement("w:noBreakHyphen")
            at.addnext(hyphen)
            nxt = OxmlElement("w:t")
            nxt.text = part
            nxt.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            hyphen.addnext(nxt)
            at = nxt


def visible(text: str) -> str:
    """Record text made inert for a document: every line break a space, as in the Markdown
    report (python-docx wrote a line feed as ``<w:br/>``: an item text started a line of its
    own, like a heading, x21 02); control characters as ␀-style symbols (DEL as ␡), every other
    character that acts rather than shows (bidi marks and controls, zero-width and TAG
    characters, lone surrogates, U+FFFE/U+FFFF) as <U+…>, so that what is shown is what was
    recorded and the XML holds it; tab kept. The workbooks' rule (io/workbook_text.shown), the
    Markdown escape's characters."""
    return shown(flowed(text), keep="\t")
