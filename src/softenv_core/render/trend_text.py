"""The trend paragraph of the monitoring report in English.

analyses/trends.py writes the paragraph's sentences in Chinese (the report's language for
officials); an English report (``--lang en``, ``?lang=en``) words the same facts here, from the
rows the audience is shown, so that a suppressed or missing figure stays out of it as it does
from the Chinese sentences.
"""

from __future__ import annotations

import re
from datetime import datetime

from softenv_core.analyses.disclosure import Cell
from softenv_core.analyses.overdue_words import compared_ends, overdue_words
from softenv_core.analyses.trends import COUNTS, ITEM_DIMENSIONS, NAMED_ALIKE, TrendRow, TrendView, moved_alike

_COUNT_EN = {
    "points_reached": "points reached",
    "complaints_received": "direct feedback received",
    "complaints_resolved": "direct feedback resolved",
    # complaints_overdue: named by the instant read at (analyses/overdue_words.py, auditor a78 01)
}


#: The separators trends.py wrote between a sentence's parts before it wrote them full-width,
#: and their full-width forms: a report read back from JSON written then (MonitoringReport.from_json)
#: reads as a new one (the clerk's finding 09: ", " in a Chinese paragraph reads as English). Only
#: these are replaced: a county's or a department's name inside a sentence is record text, shown as written.
_FULL_WIDTH = (("，较", "，较"), ("，不作", "，不作"), ("，也无", "，也无"))
#: A month in brackets (上月(2025-07)无数据), the Word report's 上月（2025年7月）.
_MONTH = re.compile(r"\((\d{4})-(\d{2})\)")
#: A figure and its unit, which trends.py writes spaced (本月反映问题 4 项): the Word report
#: writes them close, as its other paragraphs do (t11 04: stray spaces in the document).
_FIGURE = re.compile(r" (\d+) (?=[项个件])")


def sentence_zh(sentence: str, *, months: bool = False) -> str:
    """A trend sentence in a Chinese document's punctuation; ``months``: its month as 2024年3月
    (the Word report's style) rather than 2024-03 (the Markdown's, as in its table)."""
    for half, full in _FULL_WIDTH:
        sentence = sentence.replace(half, full)
    if months:
        sentence = _MONTH.sub(lambda m: f"（{m.group(1)}年{int(m.group(2))}月）", sentence)
        sentence = _FIGURE.sub(r"\1", sentence)
    return sentence


def cell_text(c: Cell | None, lang: str) -> str:
    """A trend cell: the figure, the one mark of a hidden cell ("—", disclosure.HIDDEN_MARK)
    when suppressed, or the month's lack of data."""
    if c is None:
        return "无数据" if lang == "zh" else "no data"
    return str(c)


def _change(d: int | None, than: str) -> str:
    if d is None:
        return ""
    if d == 0:
        return f", unchanged on {than}"
    return f", {'up' if d > 0 else 'down'} {abs(d)} on {than}"


def _changes(r: TrendRow, than: tuple[str, str] = ("the previous month", "the same month last year")) -> str:
    return _change(r.vs_previous, than[0]) + _change(r.vs_last_year, than[1])


def _label(r: TrendRow) -> str:
    # A category's label is its Chinese name; its value is the English one.
    return r.key if r.dimension == "category" else r.label


def _subject(r: TrendRow) -> str:
    shown = cell_text(r.current, "en")
    if r.dimension == "category":
        return f"{shown} {_label(r)} matters raised this month"
    if r.dimension == "department":
        return f"{shown} matters concerning {_label(r)} this month"
    return f"{shown} matters raised in {_label(r)} this month"


#: What a dimension's rows are counted as when more than NAMED_ALIKE moved alike.
_ALIKE_EN = {"category": "categories", "department": "departments", "county": "counties"}


def _moved(alike: tuple[TrendRow, ...]) -> list[str]:
    """The rows that rose (or fell) most, alike, as the Chinese paragraph says them: each when
    few, else the first and how many (clerk c63 04)."""
    if len(alike) <= NAMED_ALIKE:
        return [_subject(r) + _change(r.vs_previous, "the previous month") for r in alike]
    first, d = alike[0], alike[0].vs_previous or 0
    return [
        f"matters raised this month in {_label(first)} and {len(alike) - 1} other {_ALIKE_EN[first.dimension]}: "
        f"each {'up' if d > 0 else 'down'} {abs(d)} on the previous month"
    ]


def sentences_en(t: TrendView, as_of: datetime | None = None) -> list[str]:
    """The English sentences of the trend paragraph; ``as_of``, the report's instant: before the
    month's end the overdue count is named by its day (auditor a78 01, analyses/overdue_words.py)."""
    total = t.row("total")
    if total.current is None:
        return [f"No data: no point owed its contact and nothing was recorded in {t.month}, so no trend is drawn"]
    out = [f"{cell_text(total.current, 'en')} matters raised this month{_changes(total)}"]
    if total.previous is not None:
        for dim in ITEM_DIMENSIONS:
            for alike in moved_alike(t.rows, dim):  # the rows the Chinese paragraph names
                out += _moved(alike)
    for name in COUNTS:
        r = t.row(name)
        if name == "complaints_overdue":
            what = "direct feedback " + overdue_words(t.month, as_of, False)
            out.append(f"{what}: {cell_text(r.current, 'en')}{_changes(r, compared_ends(t.month, as_of, False))}")
        else:
            out.append(f"{_COUNT_EN[name]}: {cell_text(r.current, 'en')}{_changes(r)}")
    received = t.row("complaints_received")
    for than, month, kept, known in (
        ("the previous month", t.previous_month, total.previous, received.previous),
        ("the same month last year", t.last_year_month, total.last_year, received.last_year),
    ):
        if known is None:
            out.append(f"no data for {than} ({month}): no change on it is given")
        elif kept is None:  # the city office's view of a month known only by its direct feedback
            out.append(
                f"only direct feedback was recorded in {than} ({month}): "
                "matters raised and points reached are not compared with it"
            )
    return out


__all__ = ["cell_text", "sentences_en"]
