"""Section 一's sentence on who took part in 万人评议 is true for every reader (x21 03).

Outside the city office the lists of points that took part are withheld (a department and the
public) or cut to the reader's own points (a county, a point: docs/privacy.md). The sentence
counted the lists as given, so a department and the public read ``参加评议的监测点0个,
未参加0个`` beside a round of some 190 valid ratings, and a county read its own points' count as
if it were the city's. Each reader is now told whose points it counts, or that the list is
withheld (不是没有), as section 四 says of filings.
"""

from __future__ import annotations

import functools

import pytest

from softenv_core import year_end
from softenv_core.render.year_end import render_yearend

from .demo_city import demo


@functools.cache
def _dataset():  # type: ignore[no-untyped-def]
    return demo(points_per_county=4)


def _lines(audience: str, lang: str = "zh") -> list[str]:
    text = render_yearend(year_end(_dataset(), 2025, audience=audience), lang)
    key = "参加" if lang == "zh" else "part"
    return [line for line in text.splitlines() if key in line and not line.startswith(("-", "|", "#"))]


def test_the_rounds_had_points_taking_part() -> None:
    y = year_end(_dataset(), 2025, audience="city")
    assert y.appraisal and all(r.points_taking_part for r in y.appraisal)


@pytest.mark.parametrize("reader", ["public", "department:city-amr"])
def test_a_department_and_the_public_are_told_the_list_is_withheld_not_zero(reader: str) -> None:
    for lang in ("zh", "en"):
        lines = _lines(reader, lang)
        assert lines, (reader, lang)
        for line in lines:
            assert "0个" not in line and ": 0" not in line, line
            assert "不是没有" in line or "not none" in line, line


def test_a_county_and_a_point_count_their_own_points_said_as_their_own() -> None:
    y = year_end(_dataset(), 2025, audience="county:379902")
    for r, line in zip(y.appraisal, _lines("county:379902"), strict=True):
        assert line == f"本县区监测点参加评议{len(r.points_taking_part)}个，未参加{len(r.points_not_taking_part)}个。"
    point = year_end(_dataset(), 2025, audience="city").appraisal[0].points_taking_part[0]
    for line in _lines(f"point:{point}"):
        assert line in ("本监测点参加了本轮评议。", "本监测点未参加本轮评议。"), line
    assert _lines(f"point:{point}")[0] == "本监测点参加了本轮评议。"


def test_the_city_office_reads_the_city_counts() -> None:
    y = year_end(_dataset(), 2025, audience="city")
    for r, line in zip(y.appraisal, _lines("city"), strict=True):
        assert line == f"参加评议的监测点{len(r.points_taking_part)}个，未参加{len(r.points_not_taking_part)}个。"
