"""Section 一's trend table (晴雨表) of the monitoring report as Markdown lines: split from
render.monitoring_sections, which holds the other sections."""

from __future__ import annotations

from softenv_core.analyses.overdue_words import overdue_row_label
from softenv_core.analyses.trends import TrendRow
from softenv_core.render.escape import md_inline
from softenv_core.render.report_format import _delta, _Doc, _md_table
from softenv_core.render.trend_text import cell_text, sentence_zh, sentences_en


def _trends(d: _Doc) -> list[str]:
    """Section 一's 晴雨表: the month against the previous month and the same month last year."""
    r, zh = d.report, d.zh
    t = r.trends
    if t is None:
        return []
    out = ["", "### 趋势（与上月、去年同月比较）" if zh else "### Trends (vs the previous month and a year ago)", ""]
    # trends.py writes the sentences in Chinese ("无可比数据" lines included); English ones are
    # worded from the same rows (trend_text.py).
    if zh:
        out.append("；".join(md_inline(sentence_zh(s)) for s in t.sentences) + "。")
    else:
        out.append("; ".join(md_inline(s) for s in sentences_en(t, r.as_of)) + ".")
    rows = []
    for row in t.rows:
        if row.dimension not in ("total", *_TREND_COUNTS):
            continue
        rows.append(
            [
                row.label if zh else _en_label(row, d),
                cell_text(row.current, d.lang),
                cell_text(row.previous, d.lang),
                _delta(row.vs_previous),
                cell_text(row.last_year, d.lang),
                _delta(row.vs_last_year),
            ]
        )
    out += [
        "",
        _md_table(
            [
                "指标",
                f"本月({t.month})",
                f"上月({t.previous_month})",
                "较上月",
                f"去年同月({t.last_year_month})",
                "较去年同月",
            ]
            if zh
            else ["Figure", str(t.month), str(t.previous_month), "Change", str(t.last_year_month), "Change"],
            rows,
        ),
    ]
    return out


_TREND_COUNTS = ("points_reached", "complaints_received", "complaints_resolved", "complaints_overdue")
_TREND_EN = {
    "total": "matters raised",
    "points_reached": "points reached",
    "complaints_received": "direct feedback received",
    "complaints_resolved": "direct feedback resolved",
}


def _en_label(row: TrendRow, d: _Doc) -> str:
    """A row's English label; the overdue count's names the instant it was read at, as the Chinese
    label does (auditor a78 01: "overdue" said nothing of the month's end or of the report's day)."""
    if row.dimension == "complaints_overdue":
        return overdue_row_label(d.report.month, d.report.as_of, False)
    return _TREND_EN.get(row.dimension, row.label)


__all__: list[str] = []
