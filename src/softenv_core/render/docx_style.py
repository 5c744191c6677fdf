"""Fonts, headings' outline levels, the page-number field and the signature kept with the text
above it, of the Word report (render.docx_report): python-docx's calls for what its API does not
say directly (the East Asian font, a field). python-docx is
imported only when a document is written."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def _font(style: Any, name: str, size: float) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    style.font.name = name
    style.font.size = Pt(size)
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


def _run_font(run: Any, name: str, size: float) -> None:
    """Name the font for Latin and East Asian text alike (Word picks by script)."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.name = name
    run.font.size = Pt(size)
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


def _mark_like_run(paragraph: Any) -> None:
    """Give ``paragraph``'s mark (w:pPr/w:rPr) its first run's font and size (w:sz and w:szCs).
    The mark sets the height of a line with no text: an empty table cell's left at the body's
    3号 (16 pt) stood its row taller than the rows of 小4/4号 text (clerk c57 03)."""
    from copy import deepcopy

    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run_pr = paragraph._p.r_lst[0].get_or_add_rPr()
    size = run_pr.find(qn("w:sz"))
    if size is not None and run_pr.find(qn("w:szCs")) is None:
        complex_size = OxmlElement("w:szCs")
        complex_size.set(qn("w:val"), size.get(qn("w:val")))
        size.addnext(complex_size)
    # The paragraph's properties' last but two (before w:sectPr and w:pPrChange: the schema's order).
    paragraph._p.get_or_add_pPr().insert_element_before(deepcopy(run_pr), "w:sectPr", "w:pPrChange")


def _as_heading(paragraph: Any, level: int) -> Any:
    """Make ``paragraph`` a heading of ``level`` (1: 一、, 2: (一)) without changing its look: kept
    with what follows, and given its outline level (w:outlineLvl, 0-based), which Word's and
    WPS's navigation pane and a table of contents read (clerk c36: the pane showed nothing).
    The paragraph keeps the standard's fonts: a built-in Heading style would bring its own."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    paragraph.paragraph_format.keep_with_next = True
    outline = OxmlElement("w:outlineLvl")
    outline.set(qn("w:val"), str(level - 1))
    # In the schema's order of a paragraph's properties (Word refuses a file out of it).
    paragraph._p.get_or_add_pPr().insert_element_before(outline, "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr")
    return paragraph


def _page_field(paragraph: Any, font: str, size: float) -> None:
    """A PAGE field: the page's number, computed by Word (the only field this document has)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run = paragraph.add_run()
    _run_font(run, font, size)
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        elif text == "1":
            el = OxmlElement("w:t")
            el.text = text
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._element.append(el)


__all__ = ["_as_heading", "_font", "_page_field", "_run_font"]


def keep_with_signature(body: Any) -> None:
    """The last of the text (a paragraph, or a table's last row) kept with the office and date
    that follow it: they stood alone on a last page, which GB/T 9704 does not allow (c21). Back
    over the blank lines after it: the report's tables each end with one, and keeping only that
    with the signature left the table's last row free; a report ending with 六(二)'s table had
    市经贸委 and the date alone on its last page (c39)."""
    paragraphs = []
    for last in reversed([el for el in body if el.tag.rpartition("}")[2] in ("p", "tbl")]):
        if last.tag.endswith("}tbl"):
            paragraphs += last.xpath("./w:tr[last()]//w:p")
            break
        paragraphs.append(last)
        if last.xpath("string(.)"):
            break
    for p in paragraphs:
        p.get_or_add_pPr().keepNext_val = True  # what ParagraphFormat.keep_with_next sets


#: The lines of a table cell's 4号 text a page holds below the repeated header row, with room to
#: spare: the type area is 225 mm high (GB/T 9704), a single-spaced line of 14 pt some 6.5 mm.
PAGE_LINES = 30
#: A cell's left and right margins together (Table Grid: 0.19 cm each), in mm.
_CELL_MARGINS_MM = 3.8


class CellText:
    """Table cells' text in a font, centred or not: the cell's paragraph made once per
    (font, centred) with python-docx's calls and copied into every other cell (lxml copies in C),
    then given its text. Set one by one, the properties took most of a report's writing time
    (python-docx finds each element's place in the schema's order by search, 20 times a cell)."""

    def __init__(self, size: float) -> None:
        self._size = size
        self._made: dict[tuple[str, bool], Any] = {}

    def put(self, cell: Any, text: str, font: str, centred: bool) -> None:
        from copy import deepcopy

        from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
        from docx.text.run import Run

        key = (font, centred)
        p = cell.paragraphs[0]
        made = self._made.get(key)
        if made is None:
            p.paragraph_format.first_line_indent = None
            if key[1]:
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
            _run_font(p.add_run(), font, self._size)
            _mark_like_run(p)
            made = self._made[key] = deepcopy(p._p)
        else:
            copy = deepcopy(made)
            p._p.addprevious(copy)
            p._p.getparent().remove(p._p)
            p = cell.paragraphs[0]
        Run(p._p.r_lst[0], p).text = text

    def fits_a_page(self, texts: Any, widths_mm: Any) -> bool:
        """Whether a row of ``texts`` in columns of ``widths_mm`` is at most a page high
        (:data:`PAGE_LINES`), as its Chinese would set it (a half-width character half a line's
        em). Word does not break a row kept whole (w:cantSplit) that is higher than a page: it
        runs past the page's foot, the rest of its text neither shown nor printed (a matter of
        1,440 characters in the 36 mm 事项 column is seven pages high: x51 04); such a row may break."""
        from softenv_core.render.docx_words import em_width, visible

        em_mm = self._size * 25.4 / 72
        for text, mm in zip(texts, widths_mm, strict=True):
            per_line = max(int((mm - _CELL_MARGINS_MM) / em_mm), 1)
            if em_width(visible(str(text))) > per_line * PAGE_LINES:
                return False
        return True


def header_and_page_numbers(doc: Any, audience: str, fonts: tuple[str, str], size: float) -> None:
    """``audience`` (发至, visible text) in every page's header in the body font, and the page's
    number in its footer (— 1 —) in the number font: GB/T 9704 7.5, odd pages' numbers on the
    right and even pages' on the left, one character in."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    body_font, number_font = fonts
    doc.settings.odd_and_even_pages_header_footer = True
    section = doc.sections[0]
    for header in (section.header, section.even_page_header):
        p = header.paragraphs[0]
        p.text = ""
        _run_font(p.add_run(audience), body_font, size)
        p.alignment = WD_ALIGN_PARAGRAPH.LEFT
    for footer, align in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
    ):
        p = footer.paragraphs[0]
        p.alignment = align
        if align == WD_ALIGN_PARAGRAPH.RIGHT:
            p.paragraph_format.right_indent = Pt(size)
        else:
            p.paragraph_format.left_indent = Pt(size)
        _run_font(p.add_run("— "), number_font, size)
        _page_field(p, number_font, size)
        _run_font(p.add_run(" —"), number_font, size)


def checked_arguments(office: object, issued: object, lang: object, what: str) -> None:
    """The office, issue day and language a Word document is written with, each refused by
    name when wrong (i36), in one wording for the monthly report and the year end (``what``)."""
    from datetime import date, datetime

    from softenv_core._validators import argument
    from softenv_core.errors import FieldInvalid

    if office is not None:
        argument(office, str, "office", "the compiling office's name as text, or None")
    if issued is not None and (isinstance(issued, datetime) or not isinstance(issued, date)):
        raise FieldInvalid("issued", f"expected a date (the issue day) or None, got {type(issued).__name__}")
    if lang != "zh":  # each face says it in its own words (cli: --lang, service: lang=): i36
        raise FieldInvalid(
            "lang", f"the Word {what} is the Chinese official document (GB/T 9704): give lang='zh', got {lang!r:.20}"
        )


def dated_properties(doc: Any, title: str, office: str, day: Any) -> Any:
    """The document's core properties, record text made visible as in the body, every moment
    the issue day (python-docx's template named itself the author and stamped the clock), so
    that the same data gives the same bytes; returns the stamp the file is saved with."""
    from datetime import UTC, datetime, time

    from softenv_core.render.docx_words import visible

    props = doc.core_properties
    props.title = visible(title)
    props.author = props.last_modified_by = visible(office)
    props.comments = props.subject = props.keywords = ""
    stamp = datetime.combine(day, time(0), tzinfo=UTC)  # the issue day: no clock in the file
    props.created = props.modified = stamp.replace(tzinfo=None)  # python-docx reads a naive one as UTC
    return stamp


def audience_line(audience: str, office: str, name: str | None, reader_office: str | None = None) -> str:
    """Who a Word document goes to (发至), the monthly report's and the year end's alike: the
    city office by the name the city gives it (City.office), a county's economic office by the
    name the dataset records for it (``reader_office``: County.liaison_office, 柳河县经信局; clerk
    c55 01: the county's name + 经贸委 named an office that does not exist), a department by its
    name (``name``; the code or id only where the result does not know it), a point by its id.
    A result written before it recorded the county's office (``reader_office`` None) says the
    county's name + 经贸委 as before. The year end named a department by its id (reviewer r55)."""
    kind, _, key = audience.partition(":")
    if kind == "city":
        return f"发至：{office}"
    if kind == "public":
        return "发至：社会公开"
    if kind == "county":
        return f"发至：{reader_office}" if reader_office else f"发至：{name or key}经贸委"
    if kind == "department":
        return f"发至：{name or key}"
    if kind == "point":
        return f"发至：监测点{key}"
    return f"发至：{audience}"


def docx_installed() -> None:
    """Refuse a Word document at once, before its arguments, where the office extra is missing
    (tests/test_office.py: the installation first, then the arguments)."""
    try:
        import docx  # noqa: F401
    except ImportError:  # pragma: no cover - the extra is installed in this repository
        from softenv_core.errors import office_missing

        raise office_missing() from None


def write_docx(layout: Callable[[Any], Any], result: Any, path: Any, title: str, office: str, day: Any) -> None:
    """The one writing path of every Word document (the monthly report, the year end): a new
    document, its dated properties (:func:`dated_properties`), ``layout(doc).build(result,
    office, day)``, then saved atomically with the umask's mode and no clock, a save that fails
    (a full disk, a device written through) raised as the library's ``PathUnwritable`` naming
    ``path``, not a bare OSError. The year end saved by its own way and so raised OSError where
    the monthly report did not (reviewer r55 03): one function, so the two cannot differ again."""
    import docx

    from softenv_core.io.workbook_write import save_office  # with the office extra, as docx
    from softenv_core.render.docx_words import unbroken_dates

    doc = docx.Document()
    stamp = dated_properties(doc, title, office, day)
    layout(doc).build(result, office, day)
    unbroken_dates(doc.element.body)
    for section in doc.sections:
        unbroken_dates(section.header._element)
        unbroken_dates(section.footer._element)
    save_office(doc, path, stamp)


def signature(para: Any, office: str, issued: Any, size: float) -> None:
    """The compiling office over the date at the document's end, kept with the text above it
    (:func:`keep_with_signature`). GB/T 9704 7.3.5.1: the date four characters in from the edge,
    the office centred over it (it stood flush right over the date, a character off: clerk c35).
    ``para`` adds a paragraph (the layout's ``para``), ``size`` the body's in points."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    from softenv_core.render.docx_words import em_width

    para(indent=False).paragraph_format.keep_with_next = True
    dated = f"{issued.year}年{issued.month}月{issued.day}日"
    for text, chars in ((office, 4 + (em_width(dated) - em_width(office)) / 2), (dated, 4)):
        p = para(text, indent=False)
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        p.paragraph_format.right_indent = Pt(size * max(chars, 0))
        p.paragraph_format.keep_with_next = text == office
