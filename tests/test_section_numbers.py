"""Section numbers as the reader has them (clerk c30): a county's year end went from 六 to 九
(七 and 八 are the city office's), a department's monthly report from 六 to 八 (七, the
reconciliation, is the city office's), which in a 公文 reads as a document cut short.

Each reader's year end and March report of the demo are worked out once per process and rendered
in each language (``_year_end``, ``_march``: records and results are frozen)."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import pytest

from softenv_core import Month, monitoring_report, render_markdown, render_yearend, year_end
from softenv_core.render.section_numbers import numbered

from .demo_city import demo

_ZH = "一二三四五六七八九十"
READERS = ["city", "public", "county:379902", "department:city-tax", "point:P379902-001"]


def _numbers(md: str, lang: str) -> list[str]:
    if lang == "zh":
        return re.findall(r"^## ([一二三四五六七八九十]+)、", md, re.M)
    return re.findall(r"^## (\d+)\. ", md, re.M)


def _expected(n: int, lang: str) -> list[str]:
    return list(_ZH[:n]) if lang == "zh" else [str(i) for i in range(1, n + 1)]


@cache
def _year_end(reader: str) -> Any:
    """The demo's year end for ``reader``, shared by both languages' cases and the checks below."""
    return year_end(demo(), 2025, audience=reader)


@cache
def _march(reader: str) -> Any:
    return monitoring_report(demo(), Month(2025, 3), audience=reader)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("reader", READERS)
def test_the_year_end_s_sections_are_numbered_without_a_gap_for_every_reader(reader: str, lang: str) -> None:
    md = render_yearend(_year_end(reader), lang)
    found = _numbers(md, lang)
    assert found == _expected(len(found), lang) and len(found) >= 8, found


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("reader", READERS)
def test_the_monthly_report_s_sections_are_numbered_without_a_gap_for_every_reader(reader: str, lang: str) -> None:
    md = render_markdown(_march(reader), lang)
    found = _numbers(md, lang)
    assert found == _expected(len(found), lang) and len(found) >= 6, found


def test_a_department_s_rates_follow_its_section_six_and_a_county_s_window_its_section_six() -> None:
    dept = render_markdown(_march("department:city-tax"))
    assert "## 七、承办单位“三率”" in dept and "## 八、" not in dept
    county = render_yearend(_year_end("county:379902"))
    assert "## 七、年度调整期与新增建议" in county and "## 八、组织保障" in county and "## 九、" not in county
    city = render_yearend(_year_end("city"))
    assert "## 九、年度调整期与新增建议" in city and "## 十、组织保障" in city


def test_numbered_renumbers_headings_only() -> None:
    lines = ["# 标题", "## 三、甲", "- ## 不是标题", "### (一) 乙", "## 九、丙", "| ## 表格 |"]
    expected = ["# 标题", "## 一、甲", "- ## 不是标题", "### (一) 乙", "## 二、丙", "| ## 表格 |"]
    assert numbered(lines, zh=True) == expected
    assert numbered(["## 7. Rates", "## 9. Window"], zh=False) == ["## 1. Rates", "## 2. Window"]
