"""Attacker x75: the English outputs (``--lang en``) rebuilt from the Chinese a result holds by
matching templates (engine/phrases.py ``said_en``, render/notices_en.py ``en_notice``), read as a
county with a department's hostile suggestion text, and compared with the Chinese.

What held (not recorded): the English is a function of the Chinese string alone, so no minimal
pair (tests/test_x73.py, whose sweep includes ``summary.en``/``yearend.en`` and still passes)
differs in English where the Chinese agrees; masks (``[直接反馈]``) stay masked; Markdown and HTML in
a suggestion's text stay escaped after the English is made (``md_inline`` applied after
``en_notice``); every phrase's English uses every field of its Chinese."""

from __future__ import annotations

import time
from datetime import date

import attrs
import pytest

import softenv_core as se
from softenv_core.engine import day_words
from softenv_core.model.roster import AdjustmentSuggestion, ChangeAction
from softenv_core.render.notices_en import en_notice
from softenv_core.rules.city import duty_words
from softenv_core.rules.registry import get_plugin_manager

from .demo_city import demo

COUNTY = "379902"


def _year_end_with_suggestion(text: str):
    """The demo's year end for county 379902, a department suggesting the removal of one of its
    county points with ``text`` (a record's words, at most 1000 characters)."""
    ds = demo(points_per_county=6, counties=3)
    point = [p for p in ds.points if p.county == COUNTY and p.level.value == "county"][1]
    sg = AdjustmentSuggestion("S-X75", "city-amr", ChangeAction.REMOVE, COUNTY, date(2025, 10, 9), text, point.id)
    ds = attrs.evolve(ds, adjustment_suggestions=(*ds.adjustment_suggestions, sg))
    return se.year_end(ds, 2025, get_plugin_manager(autoload=False), audience=f"county:{COUNTY}")


@pytest.mark.parametrize("text", ["（" * 400 + "撤销" + "）" * 400, "x 至 " * 249 + "x"])
def test_01_english_year_end_crashes_with_recursion_error_on_a_suggestions_text(text):
    """engine/phrases.py said_en → _part_en → Phrase.english → _value_en → said_en recurses once
    per bracket pair (``_part_en``'s ``(.*?)（(.*)）``) and once per repeated template literal
    (SPAN ``{since} 至 {until}``: ``until`` holds the rest, read again), without bound. A
    department's suggestion text (valid, ≤ 1000 characters: nested full-width brackets, or a list
    of spans ``x 至 x 至 …``) makes ``render_yearend(y, "en")`` (``softenv yearend --lang
    en``, the service's Markdown with lang=en, the results workbook) raise RecursionError for the
    county, while the Chinese renders. Expected: the English renders, the text as written.
    Severity: high (a department can stop a county's English year end)."""
    y = _year_end_with_suggestion(text)
    assert text in se.render_yearend(y, "zh").replace("\\", "")
    en = se.render_yearend(y, "en")  # RecursionError: maximum recursion depth exceeded
    assert "suggested on 2025-10-09" in en


def test_02_english_rewrites_a_departments_suggestion_text():
    """docs/assessment-format.md: "A county plugin's reason and a record's words (names, a
    suggestion's text) are shown as written". engine/phrases.py Phrase.english says every field's
    value in English (``_value_en`` → said_en), SUGGESTED's ``{text}`` too, so the department's
    words are read as the library's: ``该企业2025-07 未报`` (the department's claim) is shown as
    ``该企业2025-07 missing`` (MISSING_MONTH, as if the library had found a missing report),
    ``甲企业、乙企业`` as ``甲企业, 乙企业``, ``合格`` as ``pass (合格)``, ``经营异常；2025-07 迟报3个工作日``
    as ``经营异常; 2025-07 late 3 working day(s)``. Expected: the text after ``suggested on
    2025-10-09: `` as written. Severity: medium (a record's words altered and passed off as the
    library's findings in an official English document)."""
    for text in ("该企业2025-07 未报", "甲企业、乙企业", "合格", "经营异常；2025-07 迟报3个工作日"):
        said = en_notice(f"市市场监管局2025-10-09建议：{text}")
        assert said == f"市市场监管局 suggested on 2025-10-09: {text}", said
    y = _year_end_with_suggestion("该企业2025-07 未报")
    assert "suggested on 2025-10-09: 该企业2025-07 未报" in se.render_yearend(y, "en")


def test_03_a_department_name_shaped_like_the_template_moves_the_suggestions_date():
    """engine/phrases.py Phrase.english matches SUGGESTED ``{department}{on}建议：{text}`` with a lazy
    ``department``: a department named ``市税务局2025-01-01建议：无`` (record text, ≤ 100 characters)
    suggesting on 2025-10-09 is read as 市税务局 suggesting on 2025-01-01, and its name's ``无``
    said as ``none``: ``市税务局 suggested on 2025-01-01: none suggested on 2025-10-09: 撤销该点``,
    another date than the Chinese states. Expected: the name as written, the date the record's
    (match the text the rule wrote from its fields, e.g. keep the fields beside the Chinese, or
    anchor on the last ``建议：`` after a date). Severity: low-medium (a wrong date in English)."""
    said = en_notice("市税务局2025-01-01建议：无2025-10-09建议：撤销该点")
    assert "suggested on 2025-10-09" in said and "suggested on 2025-01-01" not in said, said


def test_04_a_false_finding_counted_in_another_year_keeps_its_year_in_chinese():
    """rules/city/duty_words.py: FINDING ``{id}（{received}收到，认定于{found}）`` is made before
    FINDING_OTHER_YEAR ``{id}（{received}收到，认定于{found}，计入{year}年）`` and its lazy ``found``
    reads the other's text too, so the year the finding counts in (duty.py _finding: a complaint
    of December found false in February counts in the new year) stays in Chinese inside the
    English: ``… (received 2025-11, found false 2026-02-10 10:00，计入2026年)``. Expected:
    ``… found false 2026-02-10 10:00, counted in 2026)``. Fix: shape ``found`` (a date and time)
    or try the longer phrase first. Severity: low (the verdict's year unsaid in English)."""
    finding = duty_words.FINDING_OTHER_YEAR(id="Q-2025-0007", received="2025-11", found="2026-02-10 10:00", year=2026)
    said = en_notice(duty_words.COUNTED_LATER(found=finding))
    assert "计入" not in said and "counted in 2026" in said, said


def test_05_no_working_day_between_two_days_is_said_half_in_chinese():
    """engine/day_words.py: NONE_AFTER ``{day}，截止日后无工作日`` is made before NONE_BETWEEN
    ``{first} 至 {last} 均非工作日，截止日后无工作日`` (workdays/deadlines.py writes it) and reads it:
    ``2025-10-01 to 2025-10-08 均非工作日: no working day after the due day``. Expected
    NONE_BETWEEN's English ``2025-10-01 to 2025-10-08 are none of them working days: none after
    the due day``. Severity: low."""
    said = en_notice(day_words.NONE_BETWEEN(first="2025-10-01", last="2025-10-08"))
    assert said == "2025-10-01 to 2025-10-08 are none of them working days: none after the due day", said


def test_06_a_county_plugins_reason_is_rewritten_in_english():
    """docs/writing-a-county-plugin.md: "An English document (--lang en) shows a plugin's reason as
    the plugin wrote it". engine/phrases.py _part_en, for a part no phrase wrote, still splits it at
    ``、`` (``, ``) and reads a full-width bracket's content as phrases: a plugin's
    ``本市部门被投诉事项超期超过5个工作日：甲局、乙局 本年超期3个工作日`` (望海's kind of reason) is shown
    ``…：甲局, 乙局 …``, and ``本县加分事项：走访企业（2025-03 未报）`` as ``…走访企业 (2025-03 missing)``.
    Expected: as written. Severity: low-medium (a plugin's words altered)."""
    for reason in (
        "本市部门被投诉事项超期超过5个工作日：甲局、乙局 本年超期3个工作日",
        "本县加分事项：走访企业（2025-03 未报）",
    ):
        assert en_notice(reason) == reason


def test_07_a_suggestions_text_costs_seconds_in_english_by_regex_backtracking():
    """engine/phrases.py _pattern turns every field into a lazy ``.*?``; a phrase of many fields
    with literals between them (appraisal_scores GROUP_TERM ``{group} {w}×({s}+{c}×{b})/{v}``, FEEDBACK)
    backtracks polynomially on a text that repeats its literals without its last one, and every
    phrase is tried on every part and every field's value. A department's 962-character
    suggestion ``a （x×(+×（x×(+×…`` takes ~3 s to say in English (1 000 characters of
    ``、（）：x×(+×`` after a space 0.8 s, 2 000 characters 13.6 s: cubic), per time it is shown (the
    Markdown's list and table, the workbook), and the suggestions are not limited in number.
    Expected: linear time (shape numeric fields as numbers, match only the text a rule wrote).
    Severity: medium (a record makes the service's English year end slow)."""
    text = "市市场监管局2025-10-09建议：a " + "（x×(+×" * 160
    started = time.perf_counter()
    en_notice(text)
    assert time.perf_counter() - started < 0.5


def test_08_every_phrase_reads_its_own_text_and_no_phrase_tried_before_it_does():
    """fe3 (x75 04, 05): a phrase tried earlier must not read another's text (FINDING read
    FINDING_OTHER_YEAR's, NONE_AFTER NONE_BETWEEN's). Each phrase's own sample text (every field
    a value of its shape) is read by itself, and by no phrase tried before it."""
    import re

    from softenv_core.engine import phrases

    ordered = phrases._ordered(len(phrases._ALL))
    term = next(iter(phrases._TERMS))
    for i, p in enumerate(ordered):
        pattern = phrases._pattern(p.zh, p.shapes)[0]
        values = {}
        for name in pattern.groupindex:
            if name in p.known:
                values[name] = term
                continue
            shape = re.compile(f"(?:{(phrases._SHAPE_OF | dict(p.shapes)).get(name, '.*?')})")
            candidates = ("甲", "3", "2025-07", "2025-10-01", "10-01", "2026-02-10 10:00", "")
            values[name] = next(c for c in candidates if shape.fullmatch(c))
        sample = p(**values)
        assert p.english(sample) is not None, (p.zh, sample)
        earlier = [q.zh for q in ordered[:i] if q.english(sample) is not None]
        assert earlier == [], (p.zh, sample, earlier)
