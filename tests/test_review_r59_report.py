"""Reviewer r59 03: the monthly report's threshold figures state their thresholds.

``followup.long_open_days`` (达到跟踪时限, the ⚠ rows) and the 共性问题 thresholds
(``common.*``) appeared in no line of the Markdown report, and the JSON gave a bare
``open_matters_long``: a city changing them moved the month's figures with no word of why. The
report now prints them as the year end prints its parameters, with dates and references, and
its JSON carries them as ``threshold_params``."""

from __future__ import annotations

import json

from softenv_core import CITY_OFFICE, Month, monitoring_report, render_markdown
from tests.demo_city import demo
from tests.review_r59_params import REFERENCE, changed

CHANGED = {"followup.long_open_days": 45, "common.min_points": 4}


def _report(params=None):
    return monitoring_report(
        demo(2025, points_per_county=4, counties=3), Month(2025, 6), audience=CITY_OFFICE, params=params
    )


def test_the_markdown_states_the_thresholds_in_force_with_their_date_and_document() -> None:
    before = render_markdown(_report())
    assert "- 参数：事项长期未办结的天数 = 60（自 2022-03-01；市级实施决定" in before
    assert "- 参数：共性问题至少涉及的监测点数 = 3（自 2022-03-01；" in before
    assert "- 参数：共性问题统计的月数 = 3（自 2022-03-01；市级实施决定）" in before
    after = render_markdown(_report(changed(CHANGED, day="2025-01-01")))
    assert f"- 参数：事项长期未办结的天数 = 45（自 2025-01-01；{REFERENCE}）" in after
    assert f"- 参数：共性问题至少涉及的监测点数 = 4（自 2025-01-01；{REFERENCE}）" in after
    english = render_markdown(_report(changed(CHANGED, day="2025-01-01")), lang="en")
    # Markdown-escaped identifier
    assert f"- Parameter: followup\\.long\\_open\\_days = 45 (from 2025-01-01; {REFERENCE})" in english


def test_the_tracking_limit_stands_under_the_open_matters_and_the_common_ones_under_section_六() -> None:
    text = render_markdown(_report())
    open_part = text.split("### 未办结事项及时长", 1)[1].split("\n## ", 1)[0]
    common_part = text.split("共性问题（专项调研建议）\n", 1)[1].split("\n## ", 1)[0]
    assert "事项长期未办结的天数" in open_part and "共性问题" not in open_part
    assert "共性问题至少涉及的县区数" in common_part and "事项长期未办结" not in common_part


def test_the_json_cites_them() -> None:
    doc = json.loads(_report(changed(CHANGED, day="2025-01-01")).to_json())
    cited = {p["name"]: p for p in doc["threshold_params"]}
    assert list(cited) == [
        "followup.long_open_days",
        "common.min_points",
        "common.min_counties",
        "common.window_months",
        "common.no_department_categories",
    ]
    assert (cited["followup.long_open_days"]["value"], cited["followup.long_open_days"]["reference"]) == (45, REFERENCE)
