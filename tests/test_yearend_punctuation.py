"""The Chinese year end and the assessment summary in full-width punctuation (GB/T 15834), as
the monthly report (tests/test_report_punctuation.py): the year end said
``P379903-003: 考评优秀: 考评等次为合格, 须为优秀``, ``参数: … (自 2022-03-01; 市级实施决定(…))``,
``连续3个月未联系上: 2025-03—2025-05`` and ``2025年度考评57.50分, 不合格`` beside a monthly report
in ，；：（）. Here also an id, a date or a figure followed by Chinese, or Chinese followed by one,
takes the full-width mark (``P379903-003：考评优秀``). Record text (names, item texts, ids) is
data: shown as written; English unchanged."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from softenv_core import CITY_OFFICE, assess, get_plugin_manager, render_yearend, year_end
from softenv_core.io.dataset_files import loads_dataset
from softenv_core.render import assessment as render

from .demo_city import demo
from .office_cli import run
from .test_report_punctuation import _BRACKETS, _CJK, _HALF, _SPACED, _demo_with_record, _own, _record_texts

openpyxl = pytest.importorskip("openpyxl")
docx = pytest.importorskip("docx")

from softenv_core.render.docx_yearend import write_yearend_docx  # noqa: E402
from softenv_core.render.xlsx_results import write_results_xlsx  # noqa: E402

#: Chinese followed by a half-width mark (``未联系上: 2025-03``, ``表彰: P…``), or a half-width
#: mark followed by Chinese (``P379903-003: 考评优秀``, ``0.4, 其他企业``).
_BESIDE = re.compile(rf"{_CJK} ?[,;:]|[,;:] ?{_CJK}")
#: A code span (`softenv explain`) is code: as written.
_CODE = re.compile(r"`[^`]*`")
#: Brackets around nothing Chinese are arithmetic, half-width (``0.15×(19+0.6×7)/27``); those
#: around the document's own words are full-width, in a formula too (clerk c52 07: the method's
#: ``(满意 + 0.6 × 基本满意)`` and the quota's ``max(1, ⌊0.1 × 18个在册县区监测点⌋)`` were exempt).

#: Every reader the CLI's --audience offers.
_AUDIENCES = ("city", "county:379902", "department:city-amr", "point:P379902-004", "public")


#: The seed's clause numbers as it writes them (三(五)), which a parameter's reference quotes in
#: the 参数 lines of sections 三 and 五 (reviewer r59 04), as the explanations do (below).
_CLAUSE = re.compile(r"[一二三四五六七八九十]+\([一二三四五六七八九十]+\)")


def _problems(lines: list[str], records: list[str]) -> list[str]:
    bad = []
    for line in lines:
        own = _CODE.sub("", _own(_CLAUSE.sub("〇", line), records))
        if _HALF.search(own) or _BRACKETS.search(own) or _SPACED.search(own) or _BESIDE.search(own):
            bad.append(line)
    return bad


@pytest.fixture(scope="module")
def year() -> tuple[object, object, list[str]]:
    ds = _demo_with_record()
    full = assess(ds, 2025, audience=CITY_OFFICE)
    return ds, full, _record_texts(ds)


def test_the_year_ends_own_chinese_text_is_full_width_for_every_reader(year, tmp_path: Path) -> None:
    ds, full, records = year
    seen = {}
    bad: dict[str, list[str]] = {}
    for audience in _AUDIENCES:
        a = full if audience == "city" else None
        # Every reader's year end redacts the city office's assessment, given rather than made again.
        y = year_end(ds, 2025, audience=audience, assessment=full)
        md = render_yearend(y)
        seen[audience] = md
        bad[f"{audience} md"] = _problems(md.splitlines(), records)
        path = tmp_path / f"{audience.replace(':', '-')}.xlsx"
        write_results_xlsx(assess(ds, 2025, audience=audience) if a is None else a, y, path)
        cells = []
        for ws in openpyxl.load_workbook(path).worksheets:
            for row in ws.iter_rows(values_only=True):
                cells += [line for v in row if isinstance(v, str) for line in v.splitlines()]
        bad[f"{audience} xlsx"] = _problems(cells, records)
        # The Word year end (clerk c52 07): its paragraphs and cells, the annex's formulas too.
        write_yearend_docx(y, path.with_suffix(".docx"))
        d = docx.Document(str(path.with_suffix(".docx")))
        words = [p.text for p in d.paragraphs] + [c.text for t in d.tables for r in t.rows for c in r.cells]
        bad[f"{audience} docx"] = _problems([w for text in words for w in text.splitlines()], records)
    assert not {k: v for k, v in bad.items() if v}
    city = seen["city"]
    # What the checks read: the lines they are about were there to read.
    assert "P379903-003：考评优秀：考评等次为合格，须为优秀" in city
    assert "连续3个月未联系上：2025-03—2025-05" in city
    assert "2025年度考评57.50分，不合格" in city
    assert "（自 2022-03-01；市级实施决定（随每轮评议结果公布））" in city
    assert "×（满意 + 0.6 × 基本满意）/ 有效评价" in city and "市消防救援支队（82.71）：" in city  # c52 07
    assert "数据截至 2026-01-06 00:00（北京时间），" in city  # the ISO moment as written
    # Record text is data: as written, its half-width punctuation unchanged.
    assert "建议将西城区一家外资商贸企业纳入监测点, 以增强行业代表性" in city


def test_the_assessment_summary_is_full_width_and_english_is_not(year) -> None:
    _, full, records = year
    zh = render.summary(full, "zh")
    assert not _problems(zh.splitlines(), records)
    assert "数据截至 2026-01-06 00:00（北京时间）：" in zh
    assert "按时报送月报：2025-07 未报" in zh
    assert "等次分布：优秀" in zh
    en = render.summary(full, "en")
    assert "As of 2026-01-06 00:00 (Beijing time): what was submitted" in en
    assert "Points: duty scores: 180; Bands: excellent (优秀) " in en
    assert not [line for line in en.splitlines() if re.search("[，；：（）]", line) and not re.search(_CJK, line)]


def test_the_english_year_end_keeps_its_half_width_punctuation(year) -> None:
    ds, full, records = year
    en = render_yearend(year_end(ds, 2025, audience="city", assessment=full), "en")
    # The English document's own words keep their half-width marks; the analyses' reasons it
    # quotes are Chinese text, full-width.
    assert "As of 2026-01-06 00:00 (Beijing time): records dated later are not read" in en
    assert "Points taking part: 155; not: 25." in en
    own = [_own(line, records) for line in en.splitlines()]
    assert not [line for line in own if re.search("[，；：（）]", line) and not re.search(_CJK, line)]


#: What `softenv explain` quotes as written: the seed's words (“…”, half-width commas and all,
#: as the seed writes them) and its clause numbers (三(二)). The calendar's facts of a day
#: (``2025-10-06 星期一 节假日（非工作日）``, workdays.deadlines) are full-width too since the
#: twenty-fifth session, so they are checked with the rest.
_QUOTED = re.compile(r"“[^”]*”|[一二三四五六七八九十]+\([一二三四五六七八九十]+\)")


def test_the_explanations_are_full_width_but_for_the_seeds_words(year) -> None:
    _, full, records = year
    bad = []
    for text in [render.explain_point(p, "zh") for p in full.points[:40]] + [
        render.explain_county(c, "zh") for c in full.counties
    ]:
        bad += _problems([_QUOTED.sub("〇", line) for line in text.splitlines()], records)
    assert not bad
    point = render.explain_point(full.points[0], "zh")
    assert "得分明细：" in point and "\n条件：" in point and "合计（各项之和）" in point
    assert "      规则：《市环境建设监测工作意见》四(三)：“由县区推荐,市里决定" in point  # the seed as written
    county = render.explain_county(full.counties[0], "zh")
    assert "合规得分：" in county and "可评先进：" in county and "截止时间依据：" in county
    en = render.explain_point(full.points[0], "en")
    assert "Score items:" in en and "Conditions:" in en and "Rule: " in en


def test_the_demos_stdout_and_the_yearend_command_are_full_width(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """What a clerk reads at the command line: `softenv demo` (its head line said
    ``示范市 2025 年演示数据: 9 个县区, 180 个监测点``) and `softenv yearend --format text`."""
    code, out, _ = run(capsys, "demo", "--out", tmp_path / "d")
    assert code == 0 and out.startswith("示范市 2025 年演示数据：9 个县区，180 个监测点，")
    data = tmp_path / "d" / "dataset.json"
    # A county plugin's reasons are the plugin's words (its own distribution): as written, as records.
    a = assess(loads_dataset(data.read_text(encoding="utf-8")), 2025, get_plugin_manager(), audience=CITY_OFFICE)
    plugins = [c.reason for county in a.counties for c in county.conditions if c.rule.plugin != "city"]
    records = sorted({*_record_texts(demo()), *plugins}, key=len, reverse=True)
    shown = out.split("\n→ ")[0]  # the list of files written is English, for a script
    assert not _problems(shown.splitlines(), records)
    for audience in ("city", "point:P379902-004"):
        code, text, _ = run(capsys, "yearend", data, "--year", 2025, "--audience", audience)
        assert code == 0 and "数据截至 2026-01-06 00:00（北京时间），" in text
        assert not _problems(text.splitlines(), records)


def test_a_rounds_heading_takes_full_width_brackets_in_chinese(year) -> None:
    """Review c42: section 一 headed each round ``### 2025-H1 (A-2025-H1)`` in the Chinese
    document (the checks above read no heading's brackets beside no Chinese)."""
    ds, full, _ = year
    y = year_end(ds, 2025, audience="city", assessment=full)
    zh, en = render_yearend(y), render_yearend(y, "en")
    assert "\n### 2025-H1（A-2025-H1）\n" in zh and "\n### 2025-H2（A-2025-H2）\n" in zh
    assert "### 2025-H1 (" not in zh
    assert "\n### 2025-H1 (A-2025-H1)\n" in en
