"""Integrator i34: a city IT office building its dataset in Python, validating it, and
passing it on as JSON (dataset_json) to the command or another system.

``validate`` accepted a date or a moment outside the loader's years (1900-2999: a year typed
0025 for 2025) and a moment whose offset the document cannot write (beyond ±14:00, or with
seconds); ``dataset_json`` then wrote a document that ``loads_dataset`` refused.
"""

from __future__ import annotations

import inspect
import json
import re
import tomllib
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import attrs
import pytest

import softenv_core as se
from softenv_core.testing import small_dataset


def _validate_problems(dataset: se.Dataset) -> tuple[str, ...]:
    with pytest.raises(se.InputError) as refused:
        se.validate(dataset)
    return refused.value.problems


def _loader_problems(document: dict[str, object]) -> tuple[str, ...]:
    with pytest.raises(se.InputError) as refused:
        se.loads_dataset(document)
    return refused.value.problems


@pytest.mark.parametrize("day", [date(25, 3, 1), date(1899, 12, 31), date(3000, 1, 1)])
def test_a_date_outside_the_loaders_years_is_refused_by_validate_as_the_loader_refuses_it(day: date) -> None:
    ds = small_dataset(2025)
    points = list(ds.points)
    points[0] = attrs.evolve(points[0], designated_from=day)
    bad = attrs.evolve(ds, points=points)
    document = json.loads(json.dumps(se.dump_dataset(ds)))
    document["points"][0]["designated_from"] = day.isoformat()
    assert _validate_problems(bad) == _loader_problems(document)
    assert _validate_problems(bad)[0].startswith(f"$.points[0] ({points[0].id}).designated_from: ")
    assert "out of range (years 1900-2999)" in _validate_problems(bad)[0]


def test_a_moment_outside_the_loaders_years_is_refused_by_validate_as_the_loader_refuses_it() -> None:
    ds = small_dataset(2025)
    reports = list(ds.reports)
    moment = datetime(3025, 2, 3, 9, 0, tzinfo=timezone(timedelta(hours=8)))
    reports[0] = attrs.evolve(reports[0], submitted_at=moment)
    bad = attrs.evolve(ds, reports=reports)
    document = json.loads(json.dumps(se.dump_dataset(ds)))
    document["reports"][0]["submitted_at"] = moment.isoformat()
    assert _validate_problems(bad) == _loader_problems(document)
    assert _validate_problems(bad)[0].startswith(f"$.reports[0] ({reports[0].id}).submitted_at: ")


@pytest.mark.parametrize(
    ("offset", "said"),
    [(timedelta(hours=15), "beyond ±14:00"), (timedelta(hours=8, seconds=30), "not in whole minutes")],
)
def test_a_moment_the_document_cannot_write_is_refused_when_made(offset: timedelta, said: str) -> None:
    report = small_dataset(2025).reports[0]
    with pytest.raises(se.FieldInvalid, match=said) as refused:
        attrs.evolve(report, submitted_at=datetime(2025, 2, 3, 9, 0, tzinfo=timezone(offset)))
    assert refused.value.name == "submitted_at"


def test_moments_in_any_writable_zone_come_back_from_json_unchanged() -> None:
    ds = small_dataset(2025)
    reports = list(ds.reports)
    for i, zone in enumerate((ZoneInfo("Asia/Shanghai"), ZoneInfo("America/New_York"), UTC)):
        reports[i] = attrs.evolve(reports[i], submitted_at=reports[i].submitted_at.astimezone(zone))
    built = attrs.evolve(ds, reports=reports)
    se.validate(built)
    assert se.loads_dataset(se.dataset_json(built)) == built


# An enum field given its member's text ------------------------------------------------


def test_an_enum_field_given_its_members_text_says_which_member_to_give() -> None:
    ds = small_dataset(2025)
    counties = list(ds.counties)
    # Refused when made, as every enum field is (i36); validate() still names a county whose kind
    # was changed behind the model's back, with the same hint.
    with pytest.raises(se.FieldInvalid, match=r"give CountyKind\.COUNTY, not the text 'county'$"):
        attrs.evolve(counties[0], kind="county")
    counties[0] = attrs.evolve(counties[0])
    object.__setattr__(counties[0], "kind", "county")
    (problem,) = _validate_problems(attrs.evolve(ds, counties=counties))
    assert problem.startswith(f"$.counties[0] ({counties[0].code}).kind: ")
    assert problem.endswith("give CountyKind.COUNTY, not the text 'county'")
    with pytest.raises(se.FieldInvalid, match=r"give ContactMethod\.PHONE, not the text 'phone'$"):
        attrs.evolve(ds.contacts[0], method="phone")
    with pytest.raises(se.FieldInvalid) as other:
        attrs.evolve(ds.contacts[0], method="email")
    assert str(other.value) == "method: expected one of ['phone', 'visit', 'symposium', 'online', 'other']"


def test_the_members_hint_has_its_chinese_as_every_problem_of_validate_does() -> None:
    # Reviewer r34: the problem's zh was None, no rule reading the hint's ending.
    from softenv_core.io.workbook_messages import zh_message

    message = (
        "expected one of ['district', 'county', 'county_city'], got str 'county': "
        "give CountyKind.COUNTY, not the text 'county'"
    )
    assert (
        zh_message(message)
        == "不是允许的值（可选：'district', 'county', 'county_city'）；应给出 CountyKind.COUNTY，而不是文字"
    )
    assert zh_message("expected one of ['phone', 'visit']") == "不是允许的值（可选：'phone', 'visit'）"


# help(): the Chinese term beside what each entry point takes and gives ---------------

#: The entry points and results an integrator reads first in help(), each with the
#: programme's term (DESIGN's glossary) that the clerk and the official use.
_TERMS = {
    "assess": "十佳",
    "Assessment": "考核评议",
    "PointAssessment": "履职考评",
    "CountyAssessment": "十佳",
    "monitoring_report": "未到期",
    "monitoring_reports": "监测报告",
    "MonitoringReport": "监测报告",
    "render_markdown": "监测报告",
    "year_end": "万人评议",
    "YearEnd": "年终工作",
    "render_yearend": "万人评议",
    "complaint_status": "办理状态",
    "ComplaintStatus": "办理状态",
    "unit_rates": "三率",
    "UnitRates": "三率",
    "appraise": "万人评议",
    "RoundResult": "万人评议",
    "DepartmentScore": "部门得分",
    "Proposal": "动态调整",
    "FilingCheck": "备案",
    "CommendationResult": "表彰奖励",
    "Representativeness": "代表性",
    "validate": "校验",
    "load_dataset": "数据集",
    "loads_dataset": "数据集",
}


@pytest.mark.parametrize("name", sorted(_TERMS))
def test_help_names_the_programmes_term(name: str) -> None:
    doc = inspect.getdoc(getattr(se, name)) or ""
    assert _TERMS[name] in doc, f"{name}: {doc.splitlines()[:1]}"


# docs/integration.md's table of extras -------------------------------------------------


def test_the_extras_table_lists_every_extra_with_its_packages() -> None:
    root = Path(__file__).resolve().parent.parent
    extras = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    page = (root / "docs" / "integration.md").read_text(encoding="utf-8")
    table = page.split("### Extras", 1)[1].split("\n\n", 2)[1]
    rows = {line.split("|")[1].strip(" `"): line.split("|")[2].lower() for line in table.splitlines()[2:]}
    assert set(rows) == set(extras)
    for extra, requirements in extras.items():
        for requirement in requirements:
            name = re.split(r"[<>=\[ ]", requirement, maxsplit=1)[0].lower()
            assert name in rows[extra], (extra, name)


# docs/concepts.md's error tree ---------------------------------------------------------


def test_the_error_tree_in_concepts_names_every_error_the_library_exports() -> None:
    page = (Path(__file__).resolve().parent.parent / "docs" / "concepts.md").read_text(encoding="utf-8")
    errors = page.split("## Errors", 1)[1]
    classes = [getattr(se, n) for n in se.__all__ if isinstance(getattr(se, n), type)]
    exported = [c.__name__ for c in classes if issubclass(c, se.SoftenvError)]
    assert len(exported) >= 10
    missing = [name for name in exported if f"`{name}`" not in errors]
    assert not missing, missing
