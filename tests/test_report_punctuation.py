"""The Chinese monthly report's own text in full-width punctuation (GB/T 15834), in Markdown and
Word alike: its header said `**报告期:**`, section 一 `月报: …; 其中零报告2个`, the footer
`生成; 每项…`, while section 七's reasons had just been made full-width (`零报告，但…`), so one
document mixed the two. Record text (an item's text, names, ids) is data: shown as written,
half-width commas and all."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import attrs
import pytest

from softenv_core import monitoring_report, render_markdown
from softenv_core.model.dataset import Dataset
from softenv_core.workdays.calendar import WorkCalendar

from .demo_city import demo

docx = pytest.importorskip("docx")

from softenv_core.render.docx_report import write_report_docx  # noqa: E402

#: A Chinese character, the full-width punctuation and brackets beside one, and the stand-in for
#: record text taken out of a line (〇, so that a half-width mark between two records still shows).
_CJK = "[\u3007\u3400-\u9fff\u3001-\u3003\u300a-\u3011\uff01-\uff1f\u201c\u201d]"
#: ", " "; " ": " (or the bare mark) between Chinese characters.
_HALF = re.compile(rf"{_CJK} ?[,;:] ?{_CJK}")
#: Half-width brackets around Chinese (本月(2025-03) encloses a month: half-width, as an id's).
_BRACKETS = re.compile(rf"\([^()]*{_CJK}[^()]*\)")
#: A space after full-width punctuation.
_SPACED = re.compile(r"[，；：] ")
#: The seed's words as written (“…”, half-width commas and all) and its clause numbers (三(四)),
#: which the report's 参数 lines quote in a parameter's reference, as the explanations do
#: (tests/test_yearend_punctuation.py; reviewer r59 03).
_QUOTED = re.compile(r"“[^”]*”|[一二三四五六七八九十]+\([一二三四五六七八九十]+\)")

#: Record text with half-width punctuation, put in place of a demo item's text; the demo's own
#: texts carry half-width commas too (用工紧张, 熟练技工招聘难).
_OLD = "用工紧张, 熟练技工招聘难"
_RECORD = "用工紧张; 熟练技工招聘难: 盼协调, 谢谢"


def _with_record(ds: Dataset) -> Dataset:
    def items(owner: Any) -> Any:
        new = tuple(attrs.evolve(i, text=_RECORD) if i.text == _OLD else i for i in owner.items)
        return attrs.evolve(owner, items=new)

    reports = [attrs.evolve(items(r), amendments=tuple(items(a) for a in r.amendments)) for r in ds.reports]
    return attrs.evolve(ds, contacts=tuple(items(c) for c in ds.contacts), reports=tuple(reports))


def _texts(value: Any) -> Iterator[str]:
    """Every text a record holds (names, items, ids), walked through the records' fields."""
    if isinstance(value, str):
        yield value
    elif attrs.has(type(value)):
        for f in attrs.fields(type(value)):
            yield from _texts(getattr(value, f.name))
    elif isinstance(value, tuple | list):
        for v in value:
            yield from _texts(v)


#: The record texts of each dataset walked, by id (the dataset kept beside them, so that its id
#: stays its own): the walk takes about a second on the demo city, and the cases below and the
#: year-end's tests read the same frozen dataset again and again.
_WALKED: dict[int, tuple[Dataset, list[str]]] = {}


def _record_texts(ds: Dataset) -> list[str]:
    walked = _WALKED.get(id(ds))
    if walked is None or walked[0] is not ds:
        chinese = {t for t in _texts(ds) if re.search(_CJK, t)}
        # the longest first: a name inside an item's text
        walked = _WALKED[id(ds)] = (ds, sorted(chinese, key=len, reverse=True))
    return list(walked[1])


@cache
def _demo_with_record() -> Dataset:
    """``_with_record(demo())``, built once per process (frozen records, only read)."""
    return _with_record(demo())


def _own(line: str, records: list[str]) -> str:
    """``line`` with every record text in it replaced by 〇: what the library itself wrote."""
    for text in records:
        if text in line:
            line = line.replace(text, "〇")
    return line


def _docx_lines(r: Any, path: Path) -> list[str]:
    write_report_docx(r, path)
    d = docx.Document(str(path))
    section = d.sections[0]
    lines = [p.text for p in d.paragraphs]
    lines += [c.text for t in d.tables for row in t.rows for c in row.cells]
    lines += [p.text for part in (section.header, section.even_page_header) for p in part.paragraphs]
    return [*lines, d.core_properties.title]


def _cases() -> Iterator[tuple[str, Dataset, str, str, WorkCalendar | None]]:
    ds = _demo_with_record()
    # February: section 七's zero-report flags; March: the demo's usual month; June: a waiver
    # (已豁免（未报；豁免 …）) and hidden categories outside the city office.
    for month in ("2025-02", "2025-03", "2025-06"):
        for audience in ("city", "county:379902", "public"):
            yield f"{month} {audience}", ds, month, audience, None
    yield "before the baseline", demo(2022), "2022-01", "city", None  # its note under the title
    yield "provisional", ds, "2026-12", "city", WorkCalendar.provisional()  # the 暂定 line


def test_the_reports_own_chinese_text_is_in_full_width_punctuation_and_records_are_as_written(
    tmp_path: Path,
) -> None:
    seen: dict[str, str] = {}
    for name, ds, month, audience, calendar in _cases():
        records = _record_texts(ds)
        r = monitoring_report(ds, month, audience=audience, calendar=calendar)
        md = render_markdown(r)
        word = _docx_lines(r, tmp_path / f"{month}-{audience.replace(':', '-')}.docx")
        seen[f"{name} md"], seen[f"{name} docx"] = md, "\n".join(word)
        for kind, lines in (("md", md.splitlines()), ("docx", word)):
            for line in lines:
                own = _QUOTED.sub("〇", _own(line, records))
                assert not _HALF.search(own), (name, kind, line)
                assert not _BRACKETS.search(own), (name, kind, line)
                assert not _SPACED.search(own), (name, kind, line)
    # What the checks read: the sentences they are about were there to read.
    city = seen["2025-03 city md"]
    assert "- 联系监测点：本月应联系" in city and "**阅读范围**：市软建办（全文）" in city
    assert "生成；每项数据均可用 `softenv explain` 追溯。" in city  # the code span as it was
    assert "数据截至：2025-04-08 00:00（北京时间）；" in city  # the ISO moment as it was
    assert "，较上月" in city and "本月(2025-03)" in city  # a month in brackets stays half-width
    assert "已豁免（未报；豁免 W-379923-2025-06）" in seen["2025-06 city md"]
    assert "已豁免（未报；豁免 W-379923-2025-06）" in seen["2025-06 city docx"]
    assert "零报告，但" in seen["2025-02 county:379902 md"]
    assert "注：2022-01 不在基线施行期内：各县区无需报送该月月报，" in seen["before the baseline md"]
    assert "**暂定：" in seen["provisional md"] and "暂定：" in seen["provisional docx"]
    # Record text is data: shown as written, its half-width punctuation unchanged.
    for key in ("2025-03 city md", "2025-03 city docx", "2025-03 county:379902 md"):
        assert _RECORD in seen[key], key
        assert "订单较上月增长, 生产经营平稳" in seen[key] or "外贸订单减少, 正在开拓国内市场" in seen[key], key


def test_the_english_report_keeps_its_half_width_punctuation() -> None:
    ds = _demo_with_record()
    records = _record_texts(ds)
    en = render_markdown(monitoring_report(ds, "2025-03", audience="city"), "en")
    assert "- Contacts: " in en and "; every figure can be traced" in en
    own = [_own(line, records) for line in en.splitlines()]
    assert not [line for line in own if re.search("[，；：（）]", line)]


def test_each_heading_follows_one_blank_line_in_either_language() -> None:
    """c37 noticed ``## 五、…`` right under section 四's last table line, and two blank lines before
    ``### 未办结事项及时长``: every part now ends in one blank line and begins without one."""
    ds = demo()
    for month in ("2025-02", "2025-03"):
        for audience in ("city", "county:379902", "public"):
            r = monitoring_report(ds, month, audience=audience)
            for lang in ("zh", "en"):
                md = render_markdown(r, lang)
                assert "\n\n\n" not in md, (month, audience, lang)
                lines = md.splitlines()
                for i, line in enumerate(lines[1:], 1):
                    if line.startswith("#"):
                        assert lines[i - 1] == "", (month, audience, lang, line)
