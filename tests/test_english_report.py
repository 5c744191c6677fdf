"""An English monitoring report words its trend paragraph and trend table in English (clerk finding 15)."""

from __future__ import annotations

import re
from pathlib import Path

from softenv_core import CITY_OFFICE, Month, load_dataset, monitoring_report, render_markdown

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "small-dataset.json"
HAN = re.compile(r"[\u4e00-\u9fff]")


def _trend_section(text: str) -> str:
    start = text.index("### Trends")
    return text[start : text.index("\n## ", start)]


def test_the_english_trend_paragraph_and_table_hold_no_chinese():
    report = monitoring_report(load_dataset(EXAMPLE), Month(2025, 3), audience=CITY_OFFICE)
    section = _trend_section(render_markdown(report, "en"))
    assert not HAN.search(section), section
    # 2024-03 comes before the dataset's records begin: no data (nothing kept, not nothing done).
    assert "4 matters raised this month, unchanged on the previous month;" in section
    assert "| matters raised | 4 | 4 | 0 | no data | — |" in section


def test_the_english_sentences_say_what_the_chinese_ones_say():
    report = monitoring_report(load_dataset(EXAMPLE), Month(2025, 3), audience=CITY_OFFICE)
    assert report.trends is not None
    english = render_markdown(report, "en")
    chinese = render_markdown(report, "zh")
    assert "本月收到直接反馈 1 件，较上月增加 1 件" in chinese
    assert "direct feedback received: 1, up 1 on the previous month" in english
    # as many sentences in each language
    zh_count = len(report.trends.sentences)
    en_line = next(line for line in _trend_section(english).splitlines() if line.startswith("4 matters"))
    assert len(en_line.split("; ")) == zh_count
