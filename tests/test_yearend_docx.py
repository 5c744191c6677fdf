"""The year end as a Word document (clerk c51 05): `softenv yearend --format docx` and
``write_yearend_docx``. The Markdown year end is the reference: the document holds its
sections and figures for the reader asked, and nothing that reader's Markdown hides."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest

pytest.importorskip("docx")

import docx

import softenv_core as se
from softenv_core.render.docx_words import visible
from softenv_core.rules.registry import get_plugin_manager

from .cli_runs import run_cli
from .demo_city import demo, demo_json

COUNTY = "county:379921"
HOSTILE = '市税务局\u202e\x07=HYPERLINK("http://evil.example","x")<w:t>**粗**</w:t>'


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """The demo city's year end for the city office and for a county: (Markdown, docx path)."""
    ds, pm = demo(), get_plugin_manager(autoload=False)
    folder = tmp_path_factory.mktemp("yearend-docx")
    out = {}
    for audience in ("city", COUNTY):
        y = se.year_end(ds, 2025, pm, audience=audience)
        path = folder / f"{audience.replace(':', '-')}.docx"
        se.write_yearend_docx(y, path)
        out[audience] = (se.render_yearend(y), path)
    return out


def _docx_text(path: Path) -> tuple[list[str], list[str]]:
    """The body's paragraphs and its tables' cells, each as its text."""
    d = docx.Document(str(path))
    cells = [c.text for t in d.tables for row in t.rows for c in row.cells]
    return [p.text for p in d.paragraphs], cells


def _unescaped(md: str) -> str:
    return re.sub(r"\\(.)", r"\1", md)


def _tokens(text: str) -> set[str]:
    """Figures, ids and names: each run of letters, digits, CJK, dots and hyphens."""
    return set(re.findall(r"[\w.\-]+", text))


def _md_lines(md: str) -> list[str]:
    """The Markdown's sentences (not tables, headings or the title), as the document says them."""
    out = []
    for line in _unescaped(md).splitlines():
        if not line or line.startswith(("|", "#")):
            continue
        out.append(_word_dates(line.removeprefix("- ").removeprefix("! ").strip("*")))
    return out


def _word_dates(line: str) -> str:
    """The Markdown's 数据截至 moment and 调整前/后 days as the Word document writes them, as its
    monthly report does (2026年1月6日0时, 2025年12月31日: clerk c55 05)."""
    line = re.sub(
        r"^数据截至 (\d{4})-(\d\d)-(\d\d) (\d\d):00",
        lambda m: f"数据截至{int(m[1])}年{int(m[2])}月{int(m[3])}日{int(m[4])}时",
        line,
    )
    return re.sub(
        r"^(调整[前后])（(\d{4})-(\d\d)-(\d\d)）",
        lambda m: f"{m[1]}（{int(m[2])}年{int(m[3])}月{int(m[4])}日）",
        line,
    )


@pytest.mark.parametrize("audience", ["city", COUNTY])
def test_the_document_holds_every_section_and_figure_of_the_markdown(made, audience):
    md, path = made[audience]
    paragraphs, cells = _docx_text(path)
    headings = [line[3:] for line in md.splitlines() if line.startswith("## ")]
    assert len(headings) >= 8
    for heading in headings:  # numbered as this reader has them, as in the Markdown
        assert heading in paragraphs, heading
    for line in md.splitlines():
        if line.startswith("### "):  # a round: （一）2025-H1（A-2025-H1）
            assert any(p.endswith(line[4:]) for p in paragraphs), line
    for line in _md_lines(md):  # every sentence, list line and formula, word for word
        assert line in paragraphs, line
    # The departments' formulas are in the annex after the signature (clerk c52 07), each once.
    annex = paragraphs.index("附件")
    formulas = [line for line in _md_lines(md) if "：100 × [" in line]
    assert formulas and all(paragraphs.index(f) > annex for f in formulas)
    assert all(paragraphs.count(f) == 1 for f in formulas)
    # Every figure and id of the Markdown's tables' rows (ranks, scores, counts, ids, dates, "—");
    # the headers are the document's own (在册县区 over 监测点, a line each).
    lines = md.splitlines()
    rows = [
        line
        for i, line in enumerate(lines)
        if line.startswith("|") and not line.startswith("|---") and not "".join(lines[i + 1 : i + 2]).startswith("|---")
    ]
    table_md = "\n".join(rows)
    docx_all = "\n".join(paragraphs + cells)
    missing = _tokens(_unescaped(table_md)) - _tokens(docx_all)
    assert not missing, sorted(missing)[:20]
    assert ("—" in table_md) == ("—" in "".join(cells))


def test_a_county_document_holds_nothing_its_markdown_hides(made):
    _city_md, city_path = made["city"]
    county_md, county_path = made[COUNTY]
    city_text = "\n".join("\n".join(texts) for texts in _docx_text(city_path))
    county_text = "\n".join("\n".join(texts) for texts in _docx_text(county_path))
    # Every figure or name the city office's document has and the county's Markdown lacks.
    hidden = _tokens(city_text) - _tokens("\n".join(_md_lines(county_md))) - _tokens(_unescaped(county_md))
    assert {"P379902-004", "P379902-006", "P379902-003"} <= hidden  # what there is to hide (the demo city)
    leaked = hidden & _tokens(county_text)
    # The document's own words are no record's: its title (without the Markdown's spaces), the
    # tables' header rows (本县区 over 依据事项, a line each) and the signature (office, date).
    d = docx.Document(str(county_path))
    # The signature stands before the annex of the formulas (附件, after it: clerk c52 07).
    texts = [p.text for p in d.paragraphs]
    dated = texts.index("2026年1月6日")
    own = [c.text for t in d.tables for c in t.rows[0].cells] + texts[dated - 1 : dated + 1]
    own += ["2025年度软环境建设监测点年终工作", "附件：万人评议各部门得分计算式", "各部门得分的计算式见附件。"]
    assert leaked <= _tokens("\n".join(own)), sorted(leaked)[:20]
    assert texts[dated - 1] == "市软建办" and texts[dated + 1 : dated + 3] == ["附件", "万人评议各部门得分计算式"]
    paragraphs, _cells = _docx_text(county_path)
    note = "注：表中“—”表示数量较小或可据以推算的数已隐去，以保护反映人；“无”表示没有。"
    assert note in county_md and note in paragraphs
    assert note not in _docx_text(city_path)[0]


def test_record_text_is_screened_as_the_word_report_screens_it(tmp_path):
    data = json.loads(demo_json())
    for department in data["departments"]:
        if department["id"] == "city-tax":
            department["name"] = HOSTILE
    data["adjustment_suggestions"][0]["text"] = "<b>撤</b>\u202e=cmd|' /C calc'!A0\x07"
    ds = se.loads_dataset(json.dumps(data, ensure_ascii=False))
    y = se.year_end(ds, 2025, get_plugin_manager(autoload=False), audience="city")
    path = tmp_path / "y.docx"
    se.write_yearend_docx(y, path)
    xml = zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
    assert "\u202e" not in xml and "\x07" not in xml
    assert "&lt;U+202E&gt;" in xml and "␇" in xml  # shown as symbols, the XML escaping the brackets
    # Inert: no field, no hyperlink, no markup of the record's own; its text shown as written.
    for active in ("instrText", "fldSimple", "w:hyperlink", "<b>", "<w:t>**"):
        assert active not in xml, active
    paragraphs, cells = _docx_text(path)
    shown = visible(HOSTILE)
    assert shown in cells  # the appraisal table's department
    assert any(p.startswith(shown) for p in paragraphs)  # its formula line
    assert any("<b>撤</b><U+202E>=cmd|' /C calc'!A0␇" in p for p in paragraphs)  # section 九


def test_the_same_data_gives_the_same_bytes(tmp_path, made):
    ds, pm = demo(), get_plugin_manager(autoload=False)
    y = se.year_end(ds, 2025, pm, audience=COUNTY)
    se.write_yearend_docx(y, tmp_path / "again.docx")
    assert (tmp_path / "again.docx").read_bytes() == made[COUNTY][1].read_bytes()
    props = docx.Document(str(tmp_path / "again.docx")).core_properties
    assert props.created == props.modified and props.created.date().isoformat() == "2026-01-06"


def test_the_command_writes_it_keeps_an_existing_file_and_repeats_its_bytes(capsys, tmp_path, demo_file):
    out = tmp_path / "年终.docx"
    words = ("yearend", demo_file, "--year", "2025", "--format", "docx", "--audience", COUNTY)
    code, _out, err = run_cli(capsys, *words, "--out", out)
    assert code == 0 and "Word 文件" in err, err
    first = out.read_bytes()
    headings = [p for p in _docx_text(out)[0] if p.startswith(("一、", "八、"))]
    assert headings == ["一、万人评议结果", "八、组织保障"]  # a county's sections, numbered as it has them
    code, _out, err = run_cli(capsys, *words, "--out", out)
    assert code == 1 and "已经存在，不会覆盖" in err and out.read_bytes() == first, err
    code, _out, err = run_cli(capsys, *words, "--out", out, "--force")
    assert code == 0 and "已覆盖原有文件" in err, err
    assert out.read_bytes() == first
    # No --format: the name is told the format, as `report --out 报告.docx` is.
    code, _out, err = run_cli(capsys, "yearend", demo_file, "--year", "2025", "--out", tmp_path / "新.docx")
    assert code == 1 and "要写成 Word 文件请加 --format docx" in err, err
    code, _out, err = run_cli(capsys, *words)
    assert code == 2 and "--out" in err, err
    code, _out, err = run_cli(capsys, *words, "--lang", "en", "--out", tmp_path / "en.docx")
    assert code == 1 and "--lang zh" in err and not (tmp_path / "en.docx").exists(), err


def test_the_library_function_refuses_what_is_not_a_year_end(tmp_path):
    with pytest.raises(se.SoftenvError):
        se.write_yearend_docx("not a year end", tmp_path / "x.docx")  # type: ignore[arg-type]
    with pytest.raises(se.SoftenvError, match="lang='zh'"):
        se.write_yearend_docx(se.year_end(demo(), 2025, audience="city"), tmp_path / "x.docx", "en")
    assert not (tmp_path / "x.docx").exists()


def test_a_date_in_a_body_line_is_held_on_one_line(made):
    """A body line ended with ``（自 2022-03-`` and the next began ``01；市级实施决定）``: Word and
    LibreOffice break after a hyphen. Each hyphen of a date in a body paragraph is a non-breaking
    one (w:noBreakHyphen), which python-docx reads as ``-``; ids keep theirs."""
    _, path = made["city"]
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    body = xml.split("<w:tbl>")[0] + "".join(part.split("</w:tbl>", 1)[-1] for part in xml.split("<w:tbl>")[1:])
    texts = re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", body)
    assert not [t for t in texts if re.search(r"(?<![0-9A-Za-z-])\d{4}-\d{2}(?![0-9A-Za-z])", t)], (
        "a date's hyphen can break"
    )
    assert "<w:noBreakHyphen/>" in body
    paragraphs, _ = _docx_text(path)
    assert any("（自 2022-03-01；" in p for p in paragraphs)  # read back as written
    assert any(re.search(r"P\d{6}-\d{3}", p) for p in paragraphs + _docx_text(path)[1])
