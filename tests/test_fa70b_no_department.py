"""Items naming no department make a common problem of their own (auditor a70 03; fix fa70b).

docs/rules.md "Common problems (三(四))" and its "Open: items naming no department": the library
reads the items of a category that name no department as one more group, under the same
``common.*`` thresholds, with the same evidence rules; a department's report never lists such a
problem (it lists its own), a county's lists it as any other. These tests pin that reading, so
that a change (the city's decision) is deliberate.

A city of two counties, three points each; in January 2026 every point raises 困难问题 "招工难"
naming no department and 困难问题 "技工招聘难" about 市人社局 (the same category, both groups).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from stdnum.cn import uscc

import softenv_core as se
from softenv_core import Month, get_plugin_manager, monitoring_report, render_markdown
from softenv_core.analyses.common_problems import common_problems
from softenv_core.analyses.research_topics import propose_topic, research_topics
from softenv_core.engine.parameters import baseline_parameters
from softenv_core.model.matters import NO_DEPARTMENT, contact_matters, group_matters, report_matters

COUNTIES = (("379902", "甲区"), ("379921", "乙县"))
JANUARY = Month(2026, 1)
DOCS = Path(__file__).parent.parent / "docs"


def _point(code: str, k: int, n: int) -> dict[str, Any]:
    base = f"91{code}MA{n:07d}"[:17]
    return {
        "id": f"P{code}-{k}",
        "enterprise": {
            "name": f"企业{code}-{k}有限公司",
            "uscc": base + uscc.calc_check_digit(base),
            "size": "medium",
            "ownership": "private",
            "sector": "industry",
        },
        "county": code,
        "level": "county",
        "designated_by": "city",
        "designated_from": "2024-01-01",
        "designated_until": None,
    }


def _item(text: str, department: str | None) -> dict[str, Any]:
    return {"category": "difficulty", "text": text, "department": department, "point": None}


def _doc(items: list[dict[str, Any]] | None = None, topics: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    items = [_item("招工难", None), _item("技工招聘难", "city-hr")] if items is None else items
    points = [_point(code, k, i * 3 + k) for i, (code, _) in enumerate(COUNTIES) for k in (1, 2, 3)]
    contacts = [
        {
            "id": f"C-{p['id']}",
            "point": p["id"],
            "date": "2026-01-10",
            "method": "phone",
            "liaison": p["county"],
            "reached": True,
            "items": items,
        }
        for p in points
    ]
    reports = [
        {
            "id": f"R{code}-01",
            "county": code,
            "month": "2026-01",
            "submitted_at": "2026-02-02T10:00:00+08:00",
            "submitted_by": "经办人",
            "items": [],
            "nothing_to_report": True,
            "amendments": [],
        }
        for code, _ in COUNTIES
    ]
    return {
        "schema": "softenv.dataset",
        "version": 2,
        "city": {"code": "379900", "name": "测试市"},
        "counties": [{"code": c, "name": n, "kind": "district", "liaison_office": n + "经贸委"} for c, n in COUNTIES],
        "departments": [{"id": "city-hr", "name": "市人社局", "county": None}],
        "points": points,
        "contacts": contacts,
        "reports": reports,
        "research_topics": topics or [],
    }


def _report(doc: dict[str, Any], audience: str) -> se.MonitoringReport:
    return monitoring_report(se.loads_dataset(doc), JANUARY, get_plugin_manager(autoload=False), audience=audience)


def test_items_naming_no_department_are_a_common_problem_of_their_own() -> None:
    report = _report(_doc(), "city")
    # Section 四 counts every item, as before; its department table counts those naming one.
    assert report.items_by_category == {"difficulty": 12}
    assert report.items_by_department == {"city-hr": 6}
    found = [(p.category, p.department, p.department_name, len(p.points), p.counties) for p in report.common_problems]
    # The group without a department first in its category (its key sorts before every id), the
    # same order on every run: no None compared with a department id.
    assert found == [
        ("difficulty", None, None, 6, ("379902", "379921")),
        ("difficulty", "city-hr", "市人社局", 6, ("379902", "379921")),
    ]
    assert report.common_problems[0].evidence == tuple(sorted(f"C-P{c}-{k}" for c, _ in COUNTIES for k in (1, 2, 3)))
    problem = json.loads(report.to_json())["common_problems"][0]
    assert problem["department"] is None and problem["department_name"] is None


def test_the_same_thresholds_hold_without_a_department() -> None:
    """Five points is enough in two counties; the same items in one county are not (min_counties)."""
    ds = se.loads_dataset(_doc([_item("招工难", None)]))
    params = baseline_parameters()
    assert [p.department for p in common_problems(ds, JANUARY, params)] == [None]
    one_county = _doc([_item("招工难", None)])
    one_county["contacts"] = [c for c in one_county["contacts"] if c["point"].startswith("P379902")]
    assert common_problems(se.loads_dataset(one_county), JANUARY, params) == ()


def test_matters_keep_their_point_rule_and_mark_no_department() -> None:
    """A county report's item without its point still raises no matter (it cannot be counted per
    point); one naming no department raises one, under NO_DEPARTMENT (a string: keys sort)."""
    doc = _doc()
    doc["reports"][0] |= {
        "nothing_to_report": False,
        "items": [
            {"category": "difficulty", "text": "招工难", "department": None, "point": "P379902-1"},
            {"category": "difficulty", "text": "招工难", "department": None, "point": None},
        ],
    }
    ds = se.loads_dataset(doc)
    assert list(report_matters(ds.reports)) == [("difficulty", NO_DEPARTMENT, "P379902-1", "R379902-01")]
    assert isinstance(NO_DEPARTMENT, str)
    groups = group_matters(contact_matters(ds.contacts), ds.point_county)
    assert sorted(groups) == [("difficulty", NO_DEPARTMENT), ("difficulty", "city-hr")]


def test_markdown_and_word_say_no_department(tmp_path: Path) -> None:
    report = _report(_doc(), "city")
    zh, en = render_markdown(report, "zh"), render_markdown(report, "en")
    assert "| 困难问题 | 无 | 6 | 2 | 2025-11—2026-01 |" in zh
    assert "| difficulty | no department | 6 | 2 | 2025-11—2026-01 |" in en
    assert "| 困难问题 | 市人社局 | 6 | 2 |" in zh
    docx = pytest.importorskip("docx")
    from softenv_core.render.docx_report import write_report_docx

    out = tmp_path / "jan.docx"
    write_report_docx(report, out, "zh")
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "困难问题（涉及部门：无），2个县区6个监测点在2025年11月至2026年1月期间反映，建议开展专项调研。" in text
    assert "困难问题涉及市人社局，2个县区6个监测点" in text
    assert "涉及None" not in text


def test_a_department_never_gets_them_a_county_does() -> None:
    doc = _doc()
    hr = _report(doc, "department:city-hr")
    assert [p.department for p in hr.common_problems] == ["city-hr"]
    county = _report(doc, "county:379902")
    assert [(p.department, p.points, p.evidence) for p in county.common_problems] == [
        (None, (), ()),
        ("city-hr", (), ()),
    ]
    assert "| 困难问题 | 无 | — | 2 |" in render_markdown(county, "zh")


def test_the_year_ends_topics_read_the_same_groups() -> None:
    """A 专项调研 candidate without a department, its evidence the items naming none; the topic
    already opened on it is one of the category recorded without a department."""
    topic = {
        "id": "T1",
        "title": "招工难专项调研",
        "category": "difficulty",
        "department": None,
        "owner": "city",
        "events": [{"state": "proposed", "date": "2026-01-20"}],
    }
    ds = se.loads_dataset(_doc(topics=[topic]))
    found = research_topics(ds, "2026-01", "2026-01", audience="city")
    first = found[0]
    assert (first.department, first.title, first.points, first.already_open) == (
        None,
        "“困难问题”专项调研（涉及部门：无）",
        6,
        "T1",
    )
    assert {e.text for e in first.evidence} == {"招工难"}
    assert (found[1].department, found[1].title, found[1].already_open) == (
        "city-hr",
        "市人社局“困难问题”专项调研",
        None,
    )
    assert propose_topic(first, "T2", JANUARY.last_day).department is None


def test_the_question_is_put_to_the_city() -> None:
    rules = (DOCS / "rules.md").read_text(encoding="utf-8")
    assert "### Open: items naming no department" in rules
    assert "tests/test_fa70b_no_department.py" in rules
    assert "rules.md#open-items-naming-no-department" in (DOCS / "monitoring.md").read_text(encoding="utf-8")


def _operations(text: str) -> dict[str, Any]:
    return {"category": "operations", "text": text, "department": None, "point": None}


def test_operations_naming_no_department_are_no_problem_unless_the_parameter_names_them() -> None:
    """经营状况 "生产经营平稳" from every point made a 共性问题 every month once items without a
    department counted: ``common.no_department_categories`` (every category but 经营状况, as the
    follow-ups read matters) keeps them out; a city naming 经营状况 in it brings them in."""
    from softenv_core.engine.parameters import DatedValue, Parameter

    doc = _doc([_item("招工难", None), _operations("生产经营平稳")])
    ds = se.loads_dataset(doc)
    params = baseline_parameters()
    assert [(p.category, p.department) for p in common_problems(ds, JANUARY, params)] == [("difficulty", None)]
    with_operations = params.merged(
        [
            Parameter(
                "common.no_department_categories",
                "test",
                values=(DatedValue(se.Month(2022, 3).first_day, ["difficulty", "operations"]),),
            )
        ]
    )
    found = common_problems(ds, JANUARY, with_operations)
    assert [(p.category, p.department) for p in found] == [("difficulty", None), ("operations", None)]
    assert all("common.no_department_categories" in [pv.name for pv in p.params] for p in found)
    # Named by a department, 经营状况 counts as before, whatever the list.
    named = se.loads_dataset(_doc([{**_operations("用电成本上升"), "department": "city-hr"}]))
    assert [(p.category, p.department) for p in common_problems(named, JANUARY, params)] == [("operations", "city-hr")]


def test_the_report_cites_the_categories_by_their_chinese_names() -> None:
    md = render_markdown(_report(_doc(), "city"))
    title = "不涉及部门的事项计入共性问题的类别"
    assert f"- 参数：{title} = 困难问题、政策诉求、部门服务、执法、收费、其他（自 2022-03-01；" in md
    en = render_markdown(_report(_doc(), "city"), lang="en")
    assert r'- Parameter: common\.no\_department\_categories = \["difficulty", "policy",' in en  # escaped Markdown
