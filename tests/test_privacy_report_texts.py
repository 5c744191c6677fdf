"""Texts and dates of the monthly report and the year end outside the city office (attacker t10).

- 01: a department's 主要事项 printed a liaison person's name that 四(二) of the same report
  masked (某联系人) and the workload withheld, placing a matter whose county it withheld;
- 02: an enterprise's name, credit code and point id with a line break inside reached a
  department's report and every reader's year end (work plans' targets) unmasked;
- 03: 四(二) escaped its texts for Markdown twice;
- 04: a matter raised only in a county report was dated by the report's submission day, which
  section 二 prints for every county: the county withheld beside the matter was given back.
"""

from __future__ import annotations

import functools
import json
import re
from typing import Any

import pytest

from softenv_core import CITY_OFFICE
from softenv_core.analyses.assessment import assess
from softenv_core.analyses.disclosure import MASK_PERSON
from softenv_core.analyses.monitoring_report import monitoring_report
from softenv_core.analyses.redaction import redact_year_end
from softenv_core.analyses.year_end import year_end
from softenv_core.engine.parameters import baseline_parameters
from softenv_core.io.dataset_files import loads_dataset
from softenv_core.model.dataset import Dataset
from softenv_core.model.periods import Month
from softenv_core.render.monitoring_report import render_markdown
from softenv_core.render.year_end import render_yearend
from softenv_core.rules.registry import get_plugin_manager

from .demo_city import demo_json

PM = functools.partial(get_plugin_manager, autoload=False)
JUNE, JULY = Month(2025, 6), Month(2025, 7)
POINT = "P379902-004"


@functools.cache
def _demo() -> str:
    return demo_json()


def _with(change: Any) -> Dataset:
    d = json.loads(_demo())
    change(d)
    return loads_dataset(json.dumps(d, ensure_ascii=False))


def _june_item(d: dict[str, Any]) -> dict[str, Any]:
    """The first item of a June contact with POINT, about 市人社局 (the finding's)."""
    return next(
        i
        for c in d["contacts"]
        if c["point"] == POINT and c["date"].startswith("2025-06")
        for i in c["items"]
        if i.get("department") == "city-hr"
    )


def _point(d: dict[str, Any]) -> dict[str, Any]:
    return next(p for p in d["points"] if p["id"] == POINT)


def _report(ds: Dataset, month: Month, who: str) -> tuple[dict[str, Any], str]:
    r = monitoring_report(ds, month, PM(), audience=who, params=baseline_parameters())
    return json.loads(r.to_json()), render_markdown(r)


def _flat(text: str) -> str:
    """Without whitespace of any kind, JSON's escaped breaks included: what a reader sees joined."""
    return re.sub(r"\s+", "", text.replace("\\n", "").replace("\\r", "").replace("\\u2028", ""))


def test_01_a_liaison_person_is_masked_in_every_list_of_a_department_report() -> None:
    person = ""

    def change(d: dict[str, Any]) -> None:
        nonlocal person
        person = _point(d)["liaison_person"]
        _june_item(d)["text"] += f"({person}走访时反映)"

    ds = _with(change)
    assert person
    for who in ("department:city-hr", f"point:{POINT}"):
        doc, md = _report(ds, JUNE, who)
        texts = [i["text"] for i in doc["notable_items"]] + [m["text"] for m in doc["open_matters"]]
        ours = [t for t in texts if "走访时反映" in t]
        assert len(ours) == 2 and all(f"({MASK_PERSON}走访时反映)" in t for t in ours), (who, ours)
        assert person not in md and person not in json.dumps(doc, ensure_ascii=False), who


def _split(d: dict[str, Any]) -> tuple[str, str]:
    """The finding's text: the point's name, code and id each broken by a line terminator, in a
    June item about 市人社局, every work plan's targets and every research finding."""
    p = _point(d)
    name, code = p["enterprise"]["name"], p["enterprise"]["uscc"]
    broken = f"({name[:4]}\n{name[4:]}, 代码{code[:10]}\r\n{code[10:]}, P379902-\u2028004)"
    _june_item(d)["text"] += broken
    for w in d["work_plans"]:
        w["targets"] = [t + f"(试点企业{name[:2]}\u2029{name[2:]}, {code[:6]}\x0b{code[6:]})" for t in w["targets"]]
    for t in d["research_topics"]:
        for f in t.get("findings", []):
            f["text"] += broken
    return name, code


def test_02_a_name_code_and_id_broken_across_lines_reach_no_reader_outside_the_city_office() -> None:
    found: list[tuple[str, str]] = []
    ds = _with(lambda d: found.append(_split(d)))
    name, code = found[0]
    secrets = (name, code, POINT.replace("-", ""))
    for who in ("department:city-hr", "county:379903", "public"):
        doc, md = _report(ds, JUNE, who)
        for out in (json.dumps(doc, ensure_ascii=False), md):
            flat = _flat(out).replace("-", "")
            assert not [s for s in secrets if s in flat], who
    full = assess(ds, 2025, PM(), audience=CITY_OFFICE)
    ye = year_end(ds, 2025, PM(), audience=CITY_OFFICE, assessment=full)
    assert name[2:] in _flat(ye.to_json())  # the city office reads the targets as written
    for who in ("public", "department:city-amr", "county:379903"):
        view = redact_year_end(ye, ds, who, baseline_parameters())
        for out in (view.to_json(), render_yearend(view)):
            flat = _flat(out).replace("-", "")
            assert name not in flat and code not in flat and name[2:] not in flat, who


def test_03_an_open_matter_is_escaped_for_markdown_once() -> None:
    def change(d: dict[str, Any]) -> None:
        _june_item(d)["text"] += " 收费标准A|B两档 *加急* <另收> [附件] \\ `x`"

    _, md = _report(_with(change), JUNE, "department:city-hr")
    once = r"收费标准A\|B两档 \*加急\* \<另收\> \[附件\] \\ \`x\`"
    rows = [line for line in md.splitlines() if "收费标准" in line]
    assert len(rows) == 2 and all(once in line for line in rows), rows  # 主要事项 and 四(二) alike
    assert all("\\\\\\" not in line for line in rows), rows


_REPORT_ITEM = {"category": "difficulty", "text": "社保窗口办事排长队", "department": "city-hr"}


def _report_matter(county: str) -> Dataset:
    def change(d: dict[str, Any]) -> None:
        report = next(r for r in d["reports"] if r["id"] == f"R-{county}-2025-06")
        point = next(p["id"] for p in d["points"] if p["county"] == county and p["level"] == "county")
        report["items"].append({**_REPORT_ITEM, "point": point})

    return _with(change)


@functools.cache
def _submitted() -> dict[str, str]:
    """Each county's June report's first submission day, as section 二 prints it."""
    doc, _ = _report(loads_dataset(_demo()), JUNE, "department:city-hr")
    return {c["county"]: c["submitted_at"][:10] for c in doc["county_reports"] if c["submitted_at"]}


def _rows_of_the_matter(ds: Dataset, who: str, month: Month = JULY, rows: str = "open_matters") -> list[Any]:
    doc, md = _report(ds, month, who)
    assert "社保窗口办事排长队" in md
    return [(n, m) for n, m in enumerate(doc[rows]) if m["text"] == _REPORT_ITEM["text"]]


def test_04_a_report_matter_of_a_withheld_county_is_not_dated_by_its_report() -> None:
    days = _submitted()
    assert days["379922"] == "2025-07-01" and list(days.values()).count("2025-07-01") == 1  # the finding's day
    rows = _rows_of_the_matter(_report_matter("379922"), "department:city-hr")
    assert [m["county"] for _, m in rows] == [""]  # withheld from the department: a small cell
    # Not the day submitted: the latest first submission of a report on June submitted on time
    # (review r3/08: the month's last day, used before, dated the matter before it was raised;
    # review r4 05: a late report's day dated every county's matter after it, and hid its ⚠).
    june = [r.submitted_at.date().isoformat() for r in loads_dataset(_demo()).reports if r.month == JUNE]
    on_time = [d for d in june if d <= "2025-07-07"]  # June 2025's reports were due by 07-07 (the 5th a Saturday)
    assert rows[0][1]["raised_on"] == max(on_time) == "2025-07-04" < max(june)


@pytest.mark.parametrize("county", ["379903", "379911"])
def test_04_property_the_departments_row_does_not_depend_on_which_countys_report_raised_it(county: str) -> None:
    """Moved to another county's report submitted on another day (07-03, 07-04), its county
    withheld there too: the department's row for the matter, and its place among the rows, are
    the same, in July's 四(二) and June's 主要事项."""
    assert _submitted()[county] != _submitted()["379922"]
    moved, finding = _report_matter(county), _report_matter("379922")
    here = _rows_of_the_matter(moved, "department:city-hr")
    assert here == _rows_of_the_matter(finding, "department:city-hr")
    # June's 主要事项 alike: they ran by report id (the county code) around the withheld item.
    june = _rows_of_the_matter(moved, "department:city-hr", JUNE, "notable_items")
    assert [m["county"] for _, m in june] == [""]
    assert june == _rows_of_the_matter(finding, "department:city-hr", JUNE, "notable_items")
