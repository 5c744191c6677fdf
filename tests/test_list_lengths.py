"""How many notable items and open matters the Markdown and Word reports list: the named
constants of render/list_lengths.py, one source for both renderers (review r37: 40, 20 and 30 were
literals written twice), each report saying how many more there are."""

from __future__ import annotations

from pathlib import Path

import pytest

from softenv_core.analyses.monitoring_report import monitoring_report
from softenv_core.render.docx_report import write_report_docx
from softenv_core.render.list_lengths import NOTABLE_ITEMS_SHOWN, OPEN_MATTERS_SHOWN_MARKDOWN, OPEN_MATTERS_SHOWN_WORD
from softenv_core.render.monitoring_report import render_markdown

from .demo_city import demo

docx = pytest.importorskip("docx")


@pytest.fixture(scope="module")
def march():
    """The demo's March report for the city office: 62 open matters, 60 notable items."""
    return monitoring_report(demo(), "2025-03", audience="city")


def test_the_markdown_report_lists_its_share_and_counts_the_rest(march):
    notable, open_matters = len(march.notable_items), len(march.open_matters)
    assert notable > NOTABLE_ITEMS_SHOWN and open_matters > OPEN_MATTERS_SHOWN_MARKDOWN
    md = render_markdown(march)
    items = md[md.index("### 主要事项") : md.index("## 五")]
    assert sum(line.startswith("- [") for line in items.splitlines()) == NOTABLE_ITEMS_SHOWN
    assert f"- … 另有{notable - NOTABLE_ITEMS_SHOWN}项" in items
    assert f"… 另有{open_matters - OPEN_MATTERS_SHOWN_MARKDOWN}项" in md


def test_the_word_report_lists_its_share_and_counts_the_rest(march, tmp_path: Path):
    path = tmp_path / "r.docx"
    write_report_docx(march, path)
    document = docx.Document(str(path))
    paragraphs = [p.text for p in document.paragraphs]
    more = [
        p for p in paragraphs if p.startswith("另有") and p.endswith("项未列入本文，全部事项见本报告的电子数据版。")
    ]
    assert more == [
        f"另有{len(march.notable_items) - NOTABLE_ITEMS_SHOWN}项未列入本文，全部事项见本报告的电子数据版。",
        f"另有{len(march.open_matters) - OPEN_MATTERS_SHOWN_WORD}项未列入本文，全部事项见本报告的电子数据版。",
    ]
    (table,) = (t for t in document.tables if t.rows[0].cells[-1].text == "历时")
    assert len(table.rows) == 1 + OPEN_MATTERS_SHOWN_WORD
