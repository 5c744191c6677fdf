"""Reasons that let a reader reproduce a decision (auditor t9): each expected text is worked
out by hand in the comment beside it."""

from datetime import date

import attrs

from softenv_core import CITY_OFFICE, assess, year_end
from softenv_core.model.points import Designator
from softenv_core.model.roster import ChangeAction, ChangeReason, Nomination, RosterChange
from softenv_core.render.assessment import explain_county, explain_point
from softenv_core.testing import beijing, small_dataset
from softenv_core.testing.builders import make_point

JIA, XIN = "379902", "379903"


def _whole_year_reason(ds, point):
    p = assess(ds, 2025, audience=CITY_OFFICE).point(point)
    (c,) = [c for c in p.nomination_conditions if c.rule.id == "city.nominate.whole_year"]
    assert not c.passed
    return c.reason


def test_whole_year_says_the_days_not_designated_not_a_month_count():
    # S2 from 2025-09-26 owes 3 months (September has 4 working days < 5) but is designated in
    # 4: the reason names the days it was not designated, not "在册3个月".
    ds0 = small_dataset(2025, (JIA,))
    s2 = make_point("S2", JIA, 51, designated_from=date(2025, 9, 26))
    s3 = make_point("S3", JIA, 52, designated_until=date(2025, 2, 8))
    ds = attrs.evolve(ds0, points=(*ds0.points, s2, s3))
    assert _whole_year_reason(ds, "S2") == "在册 2025-09-26 至今，未覆盖2025年全年（2025-01-01 至 2025-09-25 未在册）"
    assert _whole_year_reason(ds, "S3").endswith("至 2025-02-08，未覆盖2025年全年（2025-02-09 至 2025-12-31 未在册）")


def test_a_nominee_designated_on_the_last_day_is_told_the_conditions_it_fails():
    # X11 from 2025-12-31: counted in the quota (3 points on 12-31), owes no month (1 working
    # day < 5), so it is not assessed: whole year fails, and there is no band. Y1, from
    # 2026-01-01, is not designated in 2025 at all.
    ds0 = small_dataset(2025, (JIA, XIN))
    x = make_point("X11", JIA, 311, designated_from=date(2025, 12, 31))
    y = make_point("Y1", XIN, 312, designated_from=date(2026, 1, 1))
    add = RosterChange(
        "RCX", "X11", ChangeAction.ADD, ChangeReason.DESIGNATION, date(2025, 12, 31), Designator.COUNTY, JIA
    )
    noms = (
        Nomination("NX", 2025, JIA, "X11", submitted_at=beijing(2025, 12, 31, 12)),
        Nomination("NY", 2025, XIN, "Y1", submitted_at=beijing(2025, 12, 31, 12)),
    )
    ds = attrs.evolve(ds0, points=(*ds0.points, x, y), roster_changes=(add,), nominations=noms)
    found = {n.point: n for c in year_end(ds, 2025, audience=CITY_OFFICE).commendation.counties for n in c.nominees}
    assert found["X11"].reason == (
        "X11 在册 2025-12-31 至今，未覆盖2025年全年（2025-01-01 至 2025-12-30 未在册）；2025年无应履职月份，未考评"
    )
    assert found["Y1"].reason == "Y1 在2025年未在册"


def test_text_explanations_print_the_compliance_and_band_parameters():
    # The parameters that make late ≤ 3 working days 50 and a total ≥ 85 优秀, with their dates,
    # as every item prints its own (the JSON had them as compliance_params / band_params).
    a = assess(small_dataset(2025, (JIA,)), 2025, audience=CITY_OFFICE)
    county = explain_county(a.county(JIA))
    for line in (
        "  参数：compliance.on_time_score = 100（自 2022-03-01；",
        "  参数：compliance.late_score = 50（自 2022-03-01；",
        "  参数：compliance.late_grace_workdays = 3（自 2022-03-01；",
    ):
        assert line in county
    point = explain_point(a.points[0], "en")
    total = point.index("Total (sum of items)")
    assert "Parameter: duty.band.excellent = 85 (from 2022-03-01;" in point[total:]
    assert "Parameter: duty.band.pass = 60 (from 2022-03-01;" in point[total:]


def test_every_explanation_prints_a_parameter_in_one_wording():
    # the point's bands, the county's compliance, a month's deadline and the county's deadline
    # rules each printed a dated parameter in a wording of its own (Parameters/Parameter, with
    # and without "from"): one line shape now, render/parameter_lines
    import re

    from softenv_core import CITY_OFFICE, assess, explain_county, explain_point
    from softenv_core.demo import build_demo

    ds = build_demo(2025, 7)
    result = assess(ds, 2025, audience=CITY_OFFICE)
    county = result.counties[0]
    point = next(p for p in result.points if p.county == county.code)
    for lang, label, since in (("zh", "参数", "自"), ("en", "Parameter", "from")):
        text = explain_point(point, lang) + explain_county(county, lang)
        lines = [line.strip() for line in text.splitlines() if re.match(r"\s*(参数|Parameters?)\b", line)]
        assert lines, text
        for line in lines:
            if lang == "zh":  # full-width punctuation in Chinese (GB/T 15834)
                assert re.fullmatch(rf"{label}：\S+ = .+（{since} \d{{4}}-\d{{2}}-\d{{2}}；.+）", line), line
            else:
                assert re.fullmatch(rf"{label}: \S+ = .+ \({since} \d{{4}}-\d{{2}}-\d{{2}}; .+\)", line), line
