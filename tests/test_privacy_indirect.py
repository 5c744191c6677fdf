"""Indirect leaks found by the attacker's third round: what a reader may infer by combining
what one output shows (differences, counts beside evidence, notices, sections read against
each other). Each finding is reproduced, then its invariant is checked over generated data."""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path
from typing import Any

import attrs
from hypothesis import HealthCheck, Phase, assume, given, settings
from hypothesis import strategies as st

from softenv_core import CITY_OFFICE
from softenv_core.analyses.assessment import assess
from softenv_core.io.dataset_files import loads_dataset
from softenv_core.model.dataset import Dataset
from softenv_core.rules.registry import get_plugin_manager
from softenv_core.testing.strategies import datasets

from .demo_city import demo
from .weights import examples

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "small-dataset.json"
PM = functools.partial(get_plugin_manager, autoload=False)
PROPERTY = settings(
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # shrinking a dataset takes minutes
    max_examples=examples(15),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@functools.cache
def _example() -> dict[str, Any]:
    return json.loads(EXAMPLE.read_text(encoding="utf-8"))


def _variant(complainant: str, quiet_contact: str | None = None) -> Dataset:
    """The example with its first complaint (no consent) made by ``complainant``, and the
    contact ``quiet_contact`` raising nothing."""
    d = json.loads(json.dumps(_example()))
    d["complaints"][0]["point"] = complainant
    assert d["complaints"][0]["consent_to_disclose"] is False
    for c in d["contacts"]:
        if c["id"] == quiet_contact:
            c["items"] = []
    return loads_dataset(json.dumps(d, ensure_ascii=False))


# --- finding 02: the county's assessment dates its point's direct feedback -------------------


def test_02_a_county_cannot_date_its_points_direct_feedback():
    ds = _variant("P-379902-2", quiet_contact="C-P-379902-2-2025-03")
    full = assess(ds, 2025, audience=CITY_OFFICE)
    cited = {i.rule.id for p in full.points for i in p.items if any(e.startswith("Q-") for e in i.evidence)}
    assert "city.duty.feedback" in cited  # the city office sees the complaint month
    view = assess(ds, 2025, audience="county:379902")
    for p in view.points:
        for i in p.items:
            if i.rule.id in cited:
                # No evidence at all, for every point alike: nothing to set against the count.
                assert i.evidence == (), (p.id, i.rule.id)
    text = view.to_json()
    assert "Q-2025-0001" not in text and not re.search(r"R-[0-9a-f]{16}", text)
    # The two points' items read the same way: nothing marks the one that complained.
    shapes = {tuple((i.rule.id, len(i.evidence)) for i in p.items) for p in view.points}
    assert len(shapes) == 1


@PROPERTY
@given(datasets(year=2025, max_counties=2, max_points=3, months_covered=6))
def test_02_property_no_county_view_lists_evidence_beside_a_direct_feedback_count(ds):
    full = assess(ds, 2025, PM(), audience=CITY_OFFICE)
    complaint_ids = {c.id for c in ds.complaints}
    cited = {i.rule.id for p in full.points for i in p.items if complaint_ids & set(i.evidence)}
    for county in ds.counties:
        view = assess(ds, 2025, PM(), audience=f"county:{county.code}")
        for p in view.points:
            for i in p.items:
                assert not complaint_ids & set(i.evidence)
                if i.rule.id in cited:
                    assert i.evidence == ()


# --- finding 03: the county report's notices counted withheld flags with withheld rows -------


def test_03_a_county_report_reads_the_same_whichever_of_its_points_complained():
    from softenv_core.analyses.monitoring_report import monitoring_report
    from softenv_core.model.periods import Month
    from softenv_core.render.monitoring_report import render_markdown

    views = []
    for who in ("P-379902-1", "P-379902-2"):  # a city-level and a county-level point
        r = monitoring_report(_variant(who), Month(2025, 3), audience="county:379902")
        views.append((r.to_json(), render_markdown(r)))
    assert views[0] == views[1]
    # the city office still sees the flag for the county-level point
    full = monitoring_report(_variant("P-379902-2"), Month(2025, 3), audience=CITY_OFFICE)
    # (the flags of the county's own contact items beside its zero report, t11 07, are no complaint's)
    assert [f.point for f in full.reconciliation if f.complaint] == ["P-379902-2"]


def test_03_a_count_of_withheld_complaints_below_min_cell_is_not_printed():
    from softenv_core.analyses.monitoring_report import monitoring_report
    from softenv_core.model.periods import Month

    r = monitoring_report(_variant("P-379902-2"), Month(2025, 3), audience="county:379902")
    assert not any(n.startswith("直接反馈记录") and "处" in n for n in r.notices)
    assert "直接反馈记录未列出者不列编号，也不计数" in r.notices


@PROPERTY
@given(datasets(year=2025, max_counties=2, max_points=3, months_covered=6), st.data())
def test_03_property_a_county_report_does_not_depend_on_which_of_its_points_complained(ds, data):
    """Moving a complaint made without consent to another point of the same county, active
    when it was made, leaves the county's report unchanged (common problems aside: they
    count points, and are checked against min_cell by their own test)."""
    from softenv_core.analyses.monitoring_report import monitoring_report
    from softenv_core.model.periods import Month

    hidden = [c for c in ds.complaints if not c.consent_to_disclose and c.events]
    assume(hidden)
    c = data.draw(st.sampled_from(hidden))
    at = c.events[0].at
    home = ds.point_by_id[c.point]
    others = [p for p in ds.points if p.county == home.county and p.id != home.id and p.active_on(at.date())]
    assume(others)
    q = data.draw(st.sampled_from(others))
    moved = attrs.evolve(
        ds, complaints=tuple(attrs.evolve(x, point=q.id) if x.id == c.id else x for x in ds.complaints)
    )
    month = Month(at.year, at.month)
    aud = f"county:{home.county}"
    a, b = (monitoring_report(d, month, PM(), audience=aud).to_document() for d in (ds, moved))
    a.pop("common_problems"), b.pop("common_problems")
    # References are keyed by a secret derived from the whole complaint record, so any change
    # of the dataset renews them all: compare them as placeholders.
    assert _unref(a) == _unref(b)


def _unref(doc: dict[str, Any]) -> str:
    return re.sub(r"R-[0-9a-f]{16}", "R-…", json.dumps(doc, ensure_ascii=False, sort_keys=True, default=str))


# --- finding 14: the summary printed the complaint counts the trend suppressed ----------------


def _demo() -> Dataset:

    return _demo_cached()


@functools.cache
def _demo_cached() -> Dataset:
    return demo()


def test_14_every_section_shows_the_complaint_counts_as_the_trend_decided():
    from softenv_core.analyses.monitoring_report import monitoring_reports
    from softenv_core.model.periods import Month
    from softenv_core.render.monitoring_report import render_markdown

    names = ("complaints_received", "complaints_resolved", "complaints_overdue")
    hidden_seen = 0
    for aud in ("public", "county:379902"):
        for r in monitoring_reports(_demo(), [Month(2025, m) for m in range(1, 13)], audience=aud):
            assert r.trends is not None
            md = render_markdown(r)
            for name in names:
                cell = r.trends.row(name).current
                value = getattr(r, name)
                if cell is not None and cell.suppressed:
                    hidden_seen += 1
                    assert value is None, (aud, r.month, name)
                elif cell is not None:
                    assert value == cell.value
            if r.complaints_resolved is None:
                assert "办结（已隐去）" in md
    assert hidden_seen  # the demo has small complaint cells outside the city office
    full = monitoring_reports(_demo(), [Month(2025, 10)], audience=CITY_OFFICE)[0]
    assert all(isinstance(getattr(full, n), int) for n in names)


# --- finding 04: 三率 with raw counts of 1-2 in public and county reports ---------------------


def test_04_unit_rates_are_the_city_offices_and_each_departments_own():
    from softenv_core.analyses.monitoring_report import monitoring_report
    from softenv_core.model.periods import Month
    from softenv_core.render.monitoring_report import render_markdown

    month = Month(2025, 10)
    full = monitoring_report(_demo(), month, audience=CITY_OFFICE)
    assert full.unit_rates
    for aud in ("public", "county:379902", f"point:{_demo().points[0].id}"):
        r = monitoring_report(_demo(), month, audience=aud)
        assert r.unit_rates == (), aud
        assert "## 八" not in render_markdown(r)
    unit = full.unit_rates[0].unit
    mine = monitoring_report(_demo(), month, audience=f"department:{unit}")
    assert [u.unit for u in mine.unit_rates] == [unit]


# --- findings 01, 16, 17: sections read against each other -----------------------------------


@functools.cache  # three tests read the same audiences' year; the reports are frozen
def _year(aud: str) -> tuple[Any, ...]:
    from softenv_core.analyses.monitoring_report import monitoring_reports
    from softenv_core.model.periods import Month

    return monitoring_reports(_demo(), [Month(2025, m) for m in range(1, 13)], audience=aud)


def test_01_section_two_and_the_county_breakdown_give_no_small_cell_by_difference():
    small = range(1, 3)
    for aud in ("public", "department:city-hr", "county:379902"):
        for r in _year(aud):
            for row in r.county_reports:
                total = r.items_by_county.get(row.county)
                if row.items is None:
                    assert total is None, (aud, r.month, row.county)
                    continue
                assert row.items not in small, (aud, r.month, row.county)
                if total is not None:
                    assert total - row.items not in small, (aud, r.month, row.county)
                elif row.items:
                    raise AssertionError((aud, r.month, row.county, "breakdown hidden, report items shown"))


def test_16_open_matters_place_no_county_that_the_notable_items_withhold():
    from softenv_core.analyses.audiences import Audience

    full = {str(x.month): x for x in _year("city")}
    for aud in ("department:city-amr", "department:city-hr", "county:379902"):
        a = Audience.parse(aud)
        own = aud.removeprefix("county:")
        for r in _year(aud):
            whole = full[str(r.month)]
            # The true counties of the rows this reader is given, per list (from the city's view).
            lists = (
                [i.county for i in whole.notable_items if a.sees_item(i.county, i.department, i.point)],
                [m.county for m in whole.open_matters if a.sees_item(m.county, m.department, m.point)],
            )
            small = {c for rows in lists for c in set(rows) if 0 < rows.count(c) < 3} - {own}
            shown = {i.county for i in r.notable_items} | {m.county for m in r.open_matters}
            assert not small & shown, (aud, r.month, small & shown)


def test_17_common_problems_list_only_counties_of_at_least_min_cell_points():
    full = {str(r.month): r for r in _year("city")}
    point_county = _demo().point_county
    for aud in ("public", "department:city-hr", "department:city-approval"):
        for r in _year(aud):
            for p in r.common_problems:
                whole = next(
                    q
                    for q in full[str(r.month)].common_problems
                    if (q.category, q.department) == (p.category, p.department)
                )
                for c in p.counties:
                    assert sum(point_county[q] == c for q in whole.points) >= 3, (aud, r.month, c)


# --- finding 12: a lone rater's rating recovered from the public year end ---------------------


def test_12_a_department_with_a_suppressed_rater_group_is_shown_by_its_score_alone():
    from softenv_core.analyses.year_end import year_end
    from softenv_core.model.appraisals import RaterGroup, Rating, RatingLevel

    views = []
    for level in ("satisfied", "basically", "unsatisfied"):
        lone = Rating("A-2025-H1", "SUP-007", RaterGroup("supervisor"), "city-fire", RatingLevel(level))
        ds = attrs.evolve(_demo(), ratings=(*_demo().ratings, lone))
        city = assess(ds, 2025, audience=CITY_OFFICE)  # each reader's year end redacts this one
        for aud in ("public", "department:city-fire", "county:379902"):
            ye = year_end(ds, 2025, audience=aud, assessment=city)
            d = next(x for x in ye.appraisal[0].departments if x.department == "city-fire")
            assert d.groups == () and d.valid is None, (level, aud)
            assert d.score is not None and "×" not in d.reason
            views.append(d)
        full = year_end(ds, 2025, audience=CITY_OFFICE, assessment=city)
        d = next(x for x in full.appraisal[0].departments if x.department == "city-fire")
        assert any(g.group == "supervisor" for g in d.groups) and d.valid


def test_12b_a_group_of_min_cell_raters_is_shown_with_its_levels_a_smaller_group_is_not():
    """The cell is a rater group's number of ratings (docs/privacy.md, "The parameter"): a group of
    three with "不满意 1" is shown by level to every reader, who is not told who is in the group;
    a group of two hides every group's tallies (test_12). Auditor a27 asked which was meant."""
    from softenv_core.analyses.year_end import year_end
    from softenv_core.model.appraisals import RaterGroup, Rating, RatingLevel

    def supervisors(*levels: str) -> Any:
        return tuple(
            Rating("A-2025-H1", f"SUP-00{7 + i}", RaterGroup("supervisor"), "city-fire", RatingLevel(level))
            for i, level in enumerate(levels)
        )

    three = attrs.evolve(_demo(), ratings=(*_demo().ratings, *supervisors("satisfied", "satisfied", "unsatisfied")))
    two = attrs.evolve(_demo(), ratings=(*_demo().ratings, *supervisors("satisfied", "unsatisfied")))
    # Each reader's year end redacts one city assessment of each world (year_end(assessment=...)).
    city_three, city_two = (assess(d, 2025, audience=CITY_OFFICE) for d in (three, two))
    for aud in ("public", "department:city-fire", "county:379902"):
        ye = year_end(three, 2025, audience=aud, assessment=city_three)
        d = next(x for x in ye.appraisal[0].departments if x.department == "city-fire")
        group = next(g for g in d.groups if g.group == "supervisor")
        assert (group.satisfied, group.unsatisfied) == (2, 1) and d.valid is not None, aud
        ye = year_end(two, 2025, audience=aud, assessment=city_two)
        d = next(x for x in ye.appraisal[0].departments if x.department == "city-fire")
        assert d.groups == () and d.valid is None, aud


# --- finding 05: the text screen missed names and codes as clerks write them -----------------


def test_05_names_and_codes_are_masked_as_clerks_write_them():
    from softenv_core.analyses.disclosure import TextScreen

    name, code = "东城中和机械制造有限公司", "91379902MA00000153"
    screen = TextScreen([name, code], prefixes=["东城"])
    full_width = code.translate({ord(c): ord(c) + 0xFEE0 for c in code})
    for variant in (
        name,
        name[2:],
        name.removesuffix("有限公司"),
        "中和机械制造",
        name[:4] + " " + name[4:],
        code,
        code.lower(),
        full_width,
        " ".join(code[i : i + 6] for i in (0, 6, 12)),
        "-".join(code[i : i + 6] for i in (0, 6, 12)),
    ):
        shown = screen.screen(f"{variant}反映重复检查，请核实。").text
        assert shown.startswith("某企业") or shown.startswith("[信用代码]"), (variant, shown)
        assert shown.endswith("反映重复检查，请核实。"), shown  # the rest as written
    # A short form under four characters is not a name: ordinary words stay.
    assert screen.screen("中和一下").text == "中和一下"


@PROPERTY
@given(st.sampled_from(["东城中和机械制造有限公司", "西城万通百货有限公司"]), st.data())
def test_05_property_a_name_survives_no_spacing_or_width_change(name, data):
    from softenv_core.analyses.disclosure import TextScreen

    screen = TextScreen([name], prefixes=["东城", "西城"])
    seps = data.draw(st.lists(st.sampled_from(["", " ", "\u3000", "-"]), min_size=len(name), max_size=len(name)))
    written = "".join(ch + sep for ch, sep in zip(name, seps, strict=True)).strip()
    shown = screen.screen(f"据{written}反映").text
    assert "机械" not in shown and "百货" not in shown, shown
