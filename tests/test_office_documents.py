"""The Word report carries what the Markdown one does, and says where the rest is (the clerk's
findings 02 and 11): section 七 (the flags the summary counts), no promise of an attachment
never written, headings kept with what follows them on the printed page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from softenv_core.analyses.monitoring_report import monitoring_report
from softenv_core.demo import build_demo
from softenv_core.render.docx_report import write_report_docx
from softenv_core.render.monitoring_report import render_markdown

docx = pytest.importorskip("docx")


@pytest.fixture(scope="module")
def demo_march(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    """The demo's March report for the city office, as Markdown and as a Word file."""
    r = monitoring_report(build_demo(year=2025), "2025-03", audience="city")
    path = tmp_path_factory.mktemp("docx") / "r.docx"
    write_report_docx(r, path)
    return render_markdown(r), path


def _paragraphs(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs]


def test_the_word_report_has_every_numbered_section_of_the_markdown_one(demo_march):
    md, path = demo_march
    text = "\n".join(_paragraphs(path))
    sections = re.findall(r"^## ([一二三四五六七八])、", md, re.M)
    assert "七" in sections  # the demo's March has a flag to reconcile
    for number in sections:
        # 八 (三率) is 六(二) in the document, as docs/office.md says.
        wanted = "（二）承办单位“三率”" if number == "八" else f"{number}、"
        assert wanted in text, number
    flag = re.search(r"^- \d+ \S+: (Q-[\w-]+)", md, re.M)
    assert flag is not None and flag.group(1) in text  # the flag itself, not only its count


def test_the_word_report_promises_no_attachment_it_does_not_write(demo_march):
    _, path = demo_march
    text = "\n".join(_paragraphs(path))
    assert "附件" not in text
    more = [p for p in _paragraphs(path) if p.startswith("另有")]
    assert more and all("--format json" in p for p in more)


def test_headings_are_kept_with_what_follows_them(demo_march):
    _, path = demo_march
    headings = [
        p for p in docx.Document(str(path)).paragraphs if re.match(r"^([一二三四五六七八]、|（[一二三四]）)", p.text)
    ]
    assert len(headings) >= 8
    assert all(p.paragraph_format.keep_with_next for p in headings)


@pytest.fixture(scope="module")
def yearend_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo's year-end workbook for the city office, as the CLI writes it."""
    from softenv_core.cli.main import main
    from softenv_core.io.dataset_files import dataset_json

    folder = tmp_path_factory.mktemp("xlsx")
    (folder / "d.json").write_text(dataset_json(build_demo(year=2025)), encoding="utf-8")
    out = folder / "y.xlsx"
    assert main(["yearend", str(folder / "d.json"), "--year", "2025", "--format", "xlsx", "--out", str(out)]) == 0
    return out


def test_the_year_end_workbook_prints_legibly_on_a4(yearend_book):
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.load_workbook(yearend_book)
    for ws in wb.worksheets:
        setup = ws.page_setup
        assert (setup.orientation, setup.fitToWidth, setup.fitToHeight) == ("landscape", 1, 0)
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.print_title_rows == "$1:$1"
        # Fitted to one page's width, the columns' sum sets the print size: at 258 characters
        # the 县区 sheet printed at about 5 pt; at most 210 keeps it near 8 pt (11 x 141 / 210).
        widths = [d.width for d in ws.column_dimensions.values()]
        assert sum(widths) <= 210 and max(widths) <= 28, ws.title
    counties = wb["县区"]
    # A status longer than its month's column wraps, in a row made tall enough to show it.
    wrapped = [c for row in counties.iter_rows(min_row=2) for c in row if c.alignment.wrap_text]
    assert wrapped
    assert all((counties.row_dimensions[c.row].height or 15) > 15 for c in wrapped)
