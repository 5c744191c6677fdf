"""Reviewer r59 04 (b): the year end's 五、表彰推荐 and 三、动态调整建议 cite their parameters.

With ``commendation.quota_share`` 0.1 → 0.15 every county's 名额 changed, yet section 五 had no
参数 line (section 一 has eight): the new share appeared only inside an over-quota county's cell,
with no date or document. The proposals' ``roster.unreached_months`` and ``roster.removal_band``
were in the JSON only."""

from __future__ import annotations

from functools import cache

from softenv_core import render_yearend, year_end
from tests.demo_city import demo
from tests.review_r59_params import REFERENCE, changed


@cache
def _document(share: float | None) -> str:
    params = None if share is None else changed({"commendation.quota_share": share}, day="2025-01-01")
    return render_yearend(year_end(demo(2025), 2025, audience="city", params=params))


def _section(text: str, head: str) -> str:
    return text.split(f"## {head}", 1)[1].split("\n## ", 1)[0]


def test_section_五_cites_the_quota_s_parameters_with_their_date_and_document() -> None:
    before = _section(_document(None), "五、表彰推荐")
    assert "- 参数：表彰推荐名额占在册县区监测点的比例 = 0.1（自 2022-03-01；市级实施决定）" in before
    assert "- 参数：每个县区最少的表彰推荐名额 = 1（自 2022-03-01；" in before
    after = _section(_document(0.15), "五、表彰推荐")
    assert f"- 参数：表彰推荐名额占在册县区监测点的比例 = 0.15（自 2025-01-01；{REFERENCE}）" in after
    assert after.count("表彰推荐名额占在册县区监测点的比例") == 1  # each value once, not once a county


def test_section_三_cites_the_parameters_its_proposals_were_made_with() -> None:
    section = _section(_document(None), "三、动态调整建议")
    assert "| 撤销 |" in section
    assert "- 参数：建议撤销的连续未联系上月数 = 3（自 2022-03-01；市级实施决定）" in section
    assert "- 参数：建议撤销的考评等次（含更低等次） = 不合格（自 2022-03-01；" in section
