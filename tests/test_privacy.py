"""Issue 15: confidential by construction. The four leaks of the issue, each reproduced; the
field-driven guard of the redaction rules; and an adversarial property over generated data."""

from __future__ import annotations

import functools
import json
import re
import typing

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from softenv_core import CITY_OFFICE
from softenv_core.analyses.appraisal_scores import RoundResult
from softenv_core.analyses.assessment import Assessment, assess
from softenv_core.analyses.audiences import Audience
from softenv_core.analyses.monitoring_report import MonitoringReport, monitoring_report
from softenv_core.analyses.redaction import (
    FIELD_RULES,
    REF_PREFIX,
    RULE_NAMES,
    complaint_reference,
    dataset_secret,
    redact_assessment,
    redact_year_end,
)
from softenv_core.analyses.year_end import YearEnd, year_end
from softenv_core.cli.main import main
from softenv_core.engine.parameters import baseline_parameters
from softenv_core.errors import SoftenvError
from softenv_core.io.dataset_files import dataset_json
from softenv_core.model.complaints import Complaint
from softenv_core.model.dataset import Dataset
from softenv_core.model.periods import Month
from softenv_core.model.reports import Item, ItemCategory
from softenv_core.render.assessment import explain_county
from softenv_core.rules.registry import get_plugin_manager
from softenv_core.testing.builders import beijing, monthly_report, small_dataset
from softenv_core.testing.strategies import datasets

from .demo_city import demo
from .weights import examples

MIN_CELL = 3
PM = functools.partial(get_plugin_manager, autoload=False)


@functools.cache
def _demo() -> Dataset:
    return demo()


def _hidden(ds: Dataset, complaint_id: str) -> Complaint:
    return next(c for c in ds.complaints if c.id == complaint_id)


_WORD = re.compile(r"[\w-]+")


@functools.lru_cache(maxsize=8)
def _words(text: str) -> frozenset[str]:
    """The maximal runs of word characters and hyphens in ``text``."""
    return frozenset(_WORD.findall(text))


def _mentions(text: str, word: str) -> bool:
    """``word`` in ``text`` with no word character or hyphen beside it. A word made of those
    alone is mentioned exactly when it is one of the text's maximal runs of them: looked up in
    the text's runs, found once (a search of the text per word was half of test_leak_4's time)."""
    if _WORD.fullmatch(word):
        return word in _words(text)
    return re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text) is not None


# --- the four leaks of the issue ----------------------------------------------------------


def test_leak_1_a_department_cannot_join_a_complaint_across_report_explain_and_assessment(tmp_path):
    ds = _demo()
    q = _hidden(ds, "Q-2025-0002")  # assigned to city-hr, no consent
    assert not q.consent_to_disclose
    month = Month(q.events[0].at.year, q.events[0].at.month)
    dept = f"department:{q.events[2].unit}"
    report = monitoring_report(ds, month, PM(), audience=dept)
    assessment = assess(ds, 2025, PM(), audience=dept)
    texts = [report.to_json(), assessment.to_json()] + [explain_county(c) for c in assessment.counties]
    assert not any(q.id in t for t in texts)
    (row,) = [r for r in report.complaints if r.id.startswith(REF_PREFIX)][:1] or [None]
    assert row is not None and row.complainant is None
    # The same complaint for another audience has another reference: nothing to join on.
    public = monitoring_report(ds, month, PM(), audience="public")
    other = monitoring_report(ds, month, PM(), audience="department:city-amr")
    for view in (public, other):
        assert row.id not in view.to_json()
    # The CLI's explain as the department: no point is shown at all, so no evidence either.
    path = tmp_path / "demo.json"
    path.write_text(dataset_json(ds), encoding="utf-8")
    assert main(["explain", str(path), "--year", "2025", "--point", q.point, "--audience", dept]) != 0


def test_leak_2_an_item_is_not_placed_in_a_county_cell_smaller_than_min_cell():
    ds = small_dataset(2025)
    june = Month(2025, 6)
    code = ds.counties[-1].code
    item = Item(ItemCategory.ENFORCEMENT, "执法检查过多", "city-amr")
    reports = tuple(
        monthly_report(code, june, beijing(2025, 7, 3), items=(item,)) if (r.county, r.month) == (code, june) else r
        for r in ds.reports
    )
    ds = attrs.evolve(ds, reports=reports, contacts=tuple(c for c in ds.contacts if not c.items))
    city = monitoring_report(ds, june, PM(), audience=CITY_OFFICE)
    assert [i.county for i in city.notable_items] == [code]  # the city office sees the county
    dept = monitoring_report(ds, june, PM(), audience="department:city-amr")
    doc = json.loads(dept.to_json())
    assert [i["county"] for i in doc["notable_items"]] == [""]
    assert code not in doc["items_by_county"] and doc["items_by_county"] == {}
    assert any("县区" in n for n in dept.notices)
    # from_json gives the same redacted result back: every renderer shows the same thing.
    assert MonitoringReport.from_json(dept.to_json()) == dept


def test_leak_3_enterprise_names_and_credit_codes_are_masked_in_texts_outside_the_city_office():
    ds = small_dataset(2025)
    june = Month(2025, 6)
    point = ds.points[1]
    text = f"{point.enterprise.name}({point.enterprise.uscc})反映执法检查过多, 电话 13912345678"
    item = Item(ItemCategory.ENFORCEMENT, text, "city-amr")
    code = point.county
    reports = tuple(
        monthly_report(code, june, beijing(2025, 7, 3), items=(item,)) if (r.county, r.month) == (code, june) else r
        for r in ds.reports
    )
    ds = attrs.evolve(ds, reports=reports)
    assert text in monitoring_report(ds, june, PM(), audience=CITY_OFFICE).to_json()
    for who in ("department:city-amr", f"county:{ds.counties[0].code}", "public"):
        out = monitoring_report(ds, june, PM(), audience=who)
        doc = out.to_json()
        assert point.enterprise.name not in doc and point.enterprise.uscc not in doc and "13912345678" not in doc
    dept = monitoring_report(ds, june, PM(), audience="department:city-amr")
    # The name and the code (both the programme's) are masked as the enterprise; the phone by shape.
    assert any(i.text.startswith("某企业(某企业)") and "[电话]" in i.text for i in dept.notable_items)
    # The notices name what was masked in Chinese (文字中已遮蔽 enterprise 2 处 until the lead's feb107f).
    assert {"文字中已遮蔽的企业名称：2 处", "文字中已遮蔽的电话号码：1 处"} <= set(dept.notices), dept.notices


def test_leak_4_year_end_ties_no_rater_to_a_rating_and_insufficient_departments_are_unscored():
    ds = _demo()
    city = year_end(ds, 2025, PM(), audience=CITY_OFFICE)
    assert any(r.points_taking_part for r in city.appraisal)
    views = {}
    for who in ("department:city-amr", "public"):
        view = views[who] = year_end(ds, 2025, PM(), audience=who)
        assert view.audience == who
        for rnd in view.appraisal:
            assert rnd.points_taking_part == () and rnd.points_not_taking_part == ()
            for d in rnd.departments:
                if not d.sufficient:
                    assert d.score is None and d.rank is None and d.groups == ()
                for g in d.groups:
                    assert g.satisfied + g.basically + g.unsatisfied + g.unknown >= MIN_CELL
        doc = view.to_json()
        raters = {r.rater for r in ds.ratings}
        assert not any(_mentions(doc, rater) for rater in raters if rater not in city.commendation.commended)
        assert YearEnd.from_json(doc) == view
    # A department sees its own result only.
    mine = views["department:city-amr"]  # the view read above (the same data, reader and year)
    assert all(d.department == "city-amr" for r in mine.appraisal for d in r.departments)
    # A county sees whether its own points took part, never anyone else's.
    county = year_end(ds, 2025, PM(), audience="county:379902")
    own = {p.id for p in ds.points if p.county == "379902"}
    assert all(set(r.points_taking_part) <= own for r in county.appraisal)


def test_the_insufficient_department_is_unscored_in_a_crafted_round():
    ds = _demo()
    full = year_end(ds, 2025, PM(), audience=CITY_OFFICE)
    rnd = full.appraisal[0]
    forced = attrs.evolve(
        rnd,
        departments=tuple(attrs.evolve(d, sufficient=False) if i == 0 else d for i, d in enumerate(rnd.departments)),
    )
    ye = attrs.evolve(full, appraisal=(forced,))
    view = redact_year_end(ye, ds, "public", baseline_parameters())
    first = view.appraisal[0].departments[0]
    assert first.score is None and first.groups == () and "不计分" in first.reason


# --- the API: audience is required, recorded, and checked ----------------------------------


def test_audience_is_a_required_keyword_of_every_analysis():
    ds = small_dataset(2025)
    for call in (
        lambda: assess(ds, 2025),  # type: ignore[call-arg]
        lambda: year_end(ds, 2025),  # type: ignore[call-arg]
        lambda: monitoring_report(ds, Month(2025, 6)),  # type: ignore[call-arg]
    ):
        with pytest.raises(TypeError, match="audience"):
            call()
    with pytest.raises(SoftenvError, match="no such county"):
        assess(ds, 2025, PM(), audience="county:379999")
    a = assess(ds, 2025, PM(), audience=Audience.parse("public"))
    assert a.audience == "public" and a.points == () and Assessment.from_json(a.to_json()) == a


def test_a_county_sees_its_points_without_complaint_references():
    ds = _demo()
    city = assess(ds, 2025, PM(), audience=CITY_OFFICE)
    view = redact_assessment(city, ds, "county:379902", baseline_parameters())
    assert view.points and all(p.county == "379902" for p in view.points)
    ids = {c.id for c in ds.complaints}
    doc = view.to_json()
    assert not any(_mentions(doc, q) for q in ids)


def test_the_cli_writes_every_format_for_an_audience(tmp_path, capsys):
    path = tmp_path / "d.json"
    path.write_text(dataset_json(small_dataset(2025)), encoding="utf-8")
    assert main(["assess", str(path), "--year", "2025", "--format", "json", "--audience", "public"]) == 0
    assert json.loads(capsys.readouterr().out)["audience"] == "public"
    assert main(["yearend", str(path), "--year", "2025", "--format", "json", "--audience", "public"]) == 0
    assert json.loads(capsys.readouterr().out)["audience"] == "public"
    assert main(["assess", str(path), "--year", "2025", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["audience"] == "city"  # the CLI's users: the city office


# --- the field-driven guard -----------------------------------------------------------------


def _result_classes() -> dict[str, type]:
    seen: dict[str, type] = {}

    def walk(cls: type) -> None:
        if not attrs.has(cls) or cls.__name__ in seen:
            return
        seen[cls.__name__] = cls
        hints = typing.get_type_hints(cls)
        for f in attrs.fields(cls):
            stack = [hints[f.name]]
            while stack:
                t = stack.pop()
                stack.extend(typing.get_args(t))
                if isinstance(t, type):
                    walk(t)

    for root in (Assessment, YearEnd, MonitoringReport, RoundResult):
        walk(root)
    return seen


# Value types inside results that carry no record of their own (rules, periods, parameters).
_LEAVES = {"PluginMeta", "Month", "Deadline", "CalendarSource", "ParamValue", "RuleRef", "Cell", "Gap",
           "UnitRates", "CommonProblem", "CountyReportRow", "ContactRow"}  # fmt: skip


def test_every_field_of_every_result_class_has_a_declared_redaction_rule():
    """A field added later fails here until it is classified in analyses.redaction.FIELD_RULES."""
    missing = []
    for name, cls in sorted(_result_classes().items()):
        if name in _LEAVES:
            continue
        rules = FIELD_RULES.get(name)
        if rules is None:
            missing.append(f"{name} (the whole class)")
            continue
        missing += [f"{name}.{f.name}" for f in attrs.fields(cls) if f.name not in rules]
        assert set(rules.values()) <= RULE_NAMES, name
    assert missing == [], f"classify these fields in analyses/redaction.py FIELD_RULES: {missing}"


def test_the_guard_can_fail():
    @attrs.frozen
    class Extended:
        year: int
        leaked: str

    assert "leaked" not in FIELD_RULES.get("Assessment", {})
    assert [f.name for f in attrs.fields(Extended) if f.name not in FIELD_RULES["Assessment"]] == ["leaked"]


# --- the adversarial property ---------------------------------------------------------------


def _outputs(ds: Dataset, audience: str, months: list[Month], full: Assessment, ye: YearEnd) -> dict[str, str]:
    params = baseline_parameters()
    a = redact_assessment(full, ds, audience, params)
    y = redact_year_end(ye, ds, audience, params)
    out = {"assessment": a.to_json(), "explain": "\n".join(explain_county(c) for c in a.counties)}
    doc = json.loads(y.to_json())
    doc["commendation"]["commended"] = []  # the published 十佳 list names points by design
    out["yearend"] = json.dumps(doc, ensure_ascii=False)
    for m in months:
        out[f"report {m}"] = monitoring_report(ds, m, PM(), audience=audience, params=params).to_json()
    return out


def _refs(text: str) -> set[str]:
    return set(re.findall(rf"{REF_PREFIX}[0-9a-f]{{16}}", text))


EXAMPLES = {"count": 0, "complaints_checked": 0}


@settings(
    max_examples=examples(15), deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
@given(datasets(year=2025, max_counties=2, max_points=3, months_covered=6), st.data())
def test_no_department_or_public_view_identifies_a_complainant(ds, data):
    EXAMPLES["count"] += 1
    full = assess(ds, 2025, PM(), audience=CITY_OFFICE)
    ye = year_end(ds, 2025, PM(), audience=CITY_OFFICE, assessment=full)
    received = sorted({Month(c.events[0].at.year, c.events[0].at.month) for c in ds.complaints if c.events})
    months = received[:2]
    audiences = ["public"] + [f"department:{d.id}" for d in ds.departments]
    views = {a: _outputs(ds, a, months, full, ye) for a in audiences}
    others = {f"county:{c.code}": _outputs(ds, f"county:{c.code}", months, full, ye) for c in ds.counties}
    others["city"] = _outputs(ds, "city", months, full, ye)
    hidden = [c for c in ds.complaints if not c.consent_to_disclose]
    point_by_id = ds.point_by_id
    secret = dataset_secret(ds)
    for aud, outs in views.items():
        text = "\n".join(outs.values())
        audience = Audience.parse(aud)
        # A point is legitimately named where one of its complaints is shown with its consent.
        named = {c.point for c in ds.complaints if audience.sees_identity(c)}
        for c in hidden:
            EXAMPLES["complaints_checked"] += 1
            p = point_by_id[c.point]
            # (a) the complaint's own id never; its maker's id, name or code only where named
            assert not _mentions(text, c.id), (aud, c.id)
            if c.point not in named:
                for word in (c.point, p.enterprise.name, p.enterprise.uscc):
                    assert not _mentions(text, word), (aud, word)
            ref = complaint_reference(secret, audience, c.id)
            for name, out in outs.items():
                if name.startswith("report"):
                    rows = json.loads(out)["complaints"]
                    assert all(r["complainant"] is None for r in rows if r["id"] == ref), (aud, c.id)
        # (a) no rater tied to a rating
        for rnd in json.loads(outs["yearend"])["appraisal"]:
            assert rnd["points_taking_part"] == [] and rnd["points_not_taking_part"] == []
        # (b) every complaint listed without its maker has an anonymity set of at least min_cell
        for name, out in outs.items():
            if not name.startswith("report"):
                continue
            doc = json.loads(out)
            month = Month.parse(name.removeprefix("report "))
            for row in doc["complaints"]:
                if row["complainant"] is None:
                    # A row shows no county or point: any point active in the month could be its maker.
                    anonymity = [q for q in ds.points if q.active_in(month)]
                    assert len(anonymity) >= MIN_CELL, (aud, row["id"])
        # (c) no reference shown here appears in any other audience's output
        mine = _refs(text)
        for other, outs2 in {**views, **others}.items():
            if other != aud:
                assert not (mine & _refs("\n".join(outs2.values()))), (aud, other)


def test_zz_report_example_counts():
    # Printed for the closing note (pytest -s); the property ran when this is non-zero.
    print(f"adversarial property: {EXAMPLES['count']} datasets, {EXAMPLES['complaints_checked']} complaint views")


def test_the_results_workbook_is_the_audiences_view(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    ds = _demo()
    path = tmp_path / "d.json"
    path.write_text(dataset_json(ds), encoding="utf-8")
    out = tmp_path / "r.xlsx"
    assert (
        main(["yearend", str(path), "--year", "2025", "--format", "xlsx", "--audience", "public", "--out", str(out)])
        == 0
    )
    wb = openpyxl.load_workbook(out)
    # The reader as the reports name it (Chinese by default).
    reader = [c.value for c in next(wb["阅读范围"].iter_rows(min_row=2, max_row=2))]
    assert reader == ["阅读范围", "公开版（仅汇总数据）"]
    for empty in ("监测点", "承办单位"):  # no points, no unit rows: a line says why (t5 06)
        assert [r[0] for r in wb[empty].iter_rows(min_row=2, values_only=True)] == ["无（或本阅读范围不含此表）"]
    text = " ".join(str(c.value) for ws in wb for row in ws.iter_rows() for c in row if c.value is not None)
    assert not any(_mentions(text, q.id) for q in ds.complaints)
    assert not any(_mentions(text, p.enterprise.name) for p in ds.points)


def test_an_insufficient_department_outside_the_city_office_has_its_valid_total_withheld_not_zero():
    """A department rated by 29 raters (fewer than appraisal.min_valid, 30) is unscored for the
    public; its valid total is withheld (null, "（不公开）"), never shown as 0 ratings."""
    from datetime import date

    from softenv_core.analyses.appraisal_scores import appraise
    from softenv_core.model.appraisals import AppraisalRound, RaterGroup, Rating, RatingLevel
    from softenv_core.model.periods import HalfYear
    from softenv_core.render.year_end import render_yearend

    rnd = AppraisalRound("A25H1", HalfYear(2025, 1), date(2025, 6, 1), date(2025, 6, 30))
    ratings = tuple(Rating("A25H1", f"c{i}", RaterGroup.CITIZEN, "city-amr", RatingLevel.SATISFIED) for i in range(29))
    ds = attrs.evolve(small_dataset(2025), appraisal_rounds=(rnd,), ratings=ratings)
    city = appraise(ds, "A25H1", audience=CITY_OFFICE).department("city-amr")
    assert (city.valid, city.sufficient) == (29, False)
    for who in ("public", "department:city-amr", "county:379902"):
        shown = appraise(ds, "A25H1", audience=who).department("city-amr")
        assert shown.score is None and shown.valid is None, who
    doc = render_yearend(year_end(ds, 2025, PM(), audience="public"))
    row = next(line for line in doc.splitlines() if "市市场监管局" in line and "样本不足" in line)
    assert "（不公开）" in row and "| 0 |" not in row
