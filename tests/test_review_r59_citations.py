"""Reviewer r59 04 (a): a rule's fixed text states no number that is a parameter.

``city.report.deadline``'s reference quoted the seed's "每月5日前" and was printed right above
``report.due_day = 3（自 2026-01-01；市软建办〔2025〕12号）``: a rule's reference and title are
fixed texts that no dated value can change. Every city rule, condition, deadline and complaint
limit is scanned: its titles and references may state no number (Arabic or Chinese) but the
seed's clause numbers and the few listed below, which are no parameter."""

from __future__ import annotations

import re
from datetime import date

import pytest

from softenv_core import CITY_OFFICE, Month, WorkCalendar, assess, baseline_parameters
from softenv_core.model.complaints import ComplaintKind
from softenv_core.render.assessment import explain_county
from softenv_core.rules.city.baseline import baseline_sla, softenv_report_deadline
from softenv_core.rules.city.commendation import NOMINATION_CONDITIONS
from softenv_core.rules.city.duty import TOTAL_RULES, base_rules
from softenv_core.rules.city.topten import CONDITIONS
from softenv_core.testing import small_dataset
from tests.review_r59_params import REFERENCE, changed

PARAMS = baseline_parameters()
#: The seed's clause numbers (三(二), 四(三)), names (十佳, 零报告) and the numbers that are no
#: parameter: a contact once a month (the month is the unit of every count), two 万人评议 rounds a
#: year (the rounds are records), and the year's last day (the year end, no number the city sets).
ALLOWED = re.compile(r"[一二三四五]\([一二三四五]\)|十佳|零报告|每月一次|每年两次|两次万人评议|12月31日|31 December")
NUMBER = re.compile(r"[0-9０-９]|[〇零一二两三四五六七八九十百千]")


def _texts() -> list[tuple[str, str]]:
    out = []
    for rule in (*base_rules(2025, PARAMS), *TOTAL_RULES, *CONDITIONS, *NOMINATION_CONDITIONS):
        for attr in ("title_zh", "title_en", "reference", "reference_zh"):
            out.append((f"{rule.id}.{attr}", getattr(rule, attr) or ""))
    deadline = softenv_report_deadline(small_dataset(2025).counties[0], Month(2025, 4), WorkCalendar(), PARAMS)
    sla = baseline_sla(ComplaintKind.COMPLAINT, PARAMS, on=date(2025, 4, 1))
    for what, source in (("city.report.deadline", deadline), ("complaint limits", sla)):
        out += [(f"{what}.reference", source.reference), (f"{what}.reference_zh", source.reference_zh or "")]
    return out


@pytest.mark.parametrize(("what", "text"), _texts(), ids=lambda v: v if "." in v and " " not in v else "")
def test_a_city_rule_s_fixed_text_states_no_number(what: str, text: str) -> None:
    assert not NUMBER.search(ALLOWED.sub("", text)), (what, text)


def test_the_deadline_block_shows_the_due_day_in_force_under_a_reference_without_one() -> None:
    params = changed({"report.due_day": 3}, day="2025-07-01")
    county = assess(small_dataset(2025, ("379902",)), 2025, params=params, audience=CITY_OFFICE).county("379902")
    text = explain_county(county)
    block = text.split("截止时间依据", 1)[1]
    rule = next(line for line in block.splitlines() if "city.report.deadline" in line)
    assert "5日" not in rule and "按所列参数" in rule, rule
    assert f"参数：report.due_day = 3（自 2025-07-01；{REFERENCE}）" in block
    assert "参数：report.due_day = 5（自 2022-03-01；" in block  # January to May's


def test_a_later_value_of_a_city_parameter_cites_its_own_document() -> None:
    # A value without its own reference cites the parameter's, which may quote the seed's number
    # (report.due_day's: 每月5日前): a later value must name the document that set it.
    for p in PARAMS.parameters:
        assert all(v.reference for v in p.values[1:]), p.name
