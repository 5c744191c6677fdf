"""Attacker x67: small-cell disclosure control of the monthly report, by arithmetic.

Each test builds a month whose sensitive cell is 1 and checks, with a brute-force solver of what
a reader is shown (the report's JSON: section 四's cells, the trend's rows and its 合计, section
四's row 无), that the reader cannot tell that cell's value (docs/privacy.md *A reader's own
cell*: "Each reader is thus left at least two cells it does not know, or no total";
round2-facts.md: secondary suppression, differencing across outputs).

01. A county reads another county's 1 item: the county breakdown has two counties with items, one
    small, so suppression hides both and the month's total (合计 —, 反映事项（已隐去）) — but the
    category table (and the department table with its row 无) are all shown, and add up to the
    total the county table hid: 6 − 5 (its own) = 1.
02. The same by department: departments {A: 1, B: 5}, no item without a department (无 0 shown in
    JSON): the total is hidden for the department table's sake, the category and county cells
    give it back, and department B reads A's 1 (6 − 5 − 0).
03. The same month at two instants: the report as of a later instant (after a county's
    amendment) suppresses the category table with another partner; the amending county, which
    knows what its amendment added, reads the 1 item of 收费 that both reports hide.
04. (low, the new row 无) The trend's joint pass reads the departments without 无, so where
    section 四's own decision (无 a cell) keeps the month's total, the trend hides it for the
    departments' sake: 反映事项（已隐去） beside category and county rows that add up to it.
"""

from __future__ import annotations

import copy
import itertools
import json
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from softenv_core import monitoring_report
from softenv_core.io.dataset_files import loads_dataset

MONTH = "2025-05"
BJ = timezone(timedelta(hours=8))
BASE = json.loads((Path(__file__).resolve().parents[1] / "examples" / "small-dataset.json").read_text("utf-8"))
DEPTS = ("city-a", "city-b", "city-c", "city-d", "city-e")
P1, P2, Q1, Q2 = "P-379902-1", "P-379902-2", "P-379921-1", "P-379921-2"


def _dataset(contact_items: list[tuple[str, str, str | None]], reports: dict[str, Any] | None = None) -> Any:
    """The example city with five more departments, no complaint, no item in any contact but
    ``contact_items`` (point, category, department) in the month's contacts; ``reports``: report
    id → fields to set on that county report."""
    d = copy.deepcopy(BASE)
    d["departments"] += [{"id": x, "name": "部门" + x[-1].upper(), "county": None, "note": None} for x in DEPTS]
    d["complaints"] = []
    for c in d["contacts"]:
        c["items"] = []
    for n, (point, category, department) in enumerate(contact_items):
        contact = next(c for c in d["contacts"] if c["id"] == f"C-{point}-{MONTH}")
        contact["items"].append({"category": category, "text": f"事项{n}", "department": department, "point": None})
    for rid, fields in (reports or {}).items():
        next(r for r in d["reports"] if r["id"] == rid).update(fields)
    return loads_dataset(d)


def _doc(dataset: Any, audience: str, as_of: datetime | None = None) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(monitoring_report(dataset, MONTH, audience=audience, as_of=as_of).to_json())
    return doc


_SECTION = {"category": "items_by_category", "department": "items_by_department", "county": "items_by_county"}


def _cells(doc: dict[str, Any], dim: str) -> dict[str, int | None]:
    """Every cell of ``dim`` the reader knows exists (the trend's rows name every key with items
    in any of its months; 无 is the department table's row), its value or None where hidden."""
    shown = doc[_SECTION[dim]]
    cells: dict[str, int | None] = {}
    for r in doc["trends"]["rows"]:
        if r["dimension"] == dim:
            cells[r["key"]] = shown.get(r["key"], r["current"]["value"] if r["current"] else None)
    cells.update(shown)
    if dim == "department":
        cells["无"] = doc["items_without_department"]
    return cells


def _total(doc: dict[str, Any]) -> int | None:
    return next(r for r in doc["trends"]["rows"] if r["dimension"] == "total")["current"]["value"]


def _possible(
    docs: list[dict[str, Any]],
    dim: str,
    key: str,
    own: dict[str, int],
    delta: dict[str, int] | None = None,
    cap: int = 30,
) -> set[int]:
    """The values of ``dim``'s cell ``key`` (in the first report) consistent with everything the
    reader is shown in ``docs`` (reports of the same month; the n-th as of a later instant, its
    cells those of the first plus ``delta``, which the reader knows), knowing its own cells
    ``own``. Cells hidden are any whole number >= 0 (a weaker assumption than the >= 1 the
    reader may make)."""
    delta = delta or {}
    keys = sorted(set().union(*(_cells(d, dim).keys() for d in docs)))
    fixed: dict[str, int] = dict(own)
    for n, d in enumerate(docs):
        for k, v in _cells(d, dim).items():
            if v is not None:
                fixed[k] = v - (delta.get(k, 0) if n else 0)
    free = [k for k in keys if k not in fixed]
    values: set[int] = set()
    for combo in itertools.product(range(cap + 1), repeat=len(free)):
        cell = dict(fixed) | dict(zip(free, combo, strict=True))
        base_total = sum(cell.values())
        ok = True
        for n, d in enumerate(docs):
            t = _total(d) if _total(d) is not None else _derived_total(d)
            if t is not None and t != base_total + (sum(delta.values()) if n else 0):
                ok = False
        if ok:
            values.add(cell.get(key, 0))
    return values


def _derived_total(doc: dict[str, Any]) -> int | None:
    """The month's total where a breakdown shows every one of its cells (the 合计 hidden)."""
    for dim in _SECTION:
        cells = _cells(doc, dim)
        if all(v is not None for v in cells.values()):
            return sum(v for v in cells.values() if v is not None)
    return None


def test_01_a_county_cannot_read_the_other_countys_1_item_from_the_category_table() -> None:
    # 甲区 (379902): 1 item; 乙县 (379921): 5. Departments B 3, C 3; all 执法.
    items = [(P2, "enforcement", "city-b")] + [(Q1, "enforcement", "city-b")] * 2 + [(Q2, "enforcement", "city-c")] * 3
    ds = _dataset(items)
    city = _doc(ds, "city")
    assert city["items_by_county"] == {"379902": 1, "379921": 5}
    doc = _doc(ds, "county:379921")
    assert doc["items_by_county"].get("379902") is None  # hidden: a cell of 1
    # The reader's arithmetic: 合计 hidden, but 执法 6 (every category shown) = 6; own 5.
    assert _possible([doc], "county", "379902", own={"379921": 5}) != {1}


def test_02_a_department_cannot_read_another_departments_1_item_beside_its_own() -> None:
    # 部门A: 1 item, 部门B: 5, none without a department; 甲区 3, 乙县 3.
    items = [(P1, "enforcement", "city-a")] + [(P1, "enforcement", "city-b")] * 2 + [(Q1, "enforcement", "city-b")] * 3
    ds = _dataset(items)
    city = _doc(ds, "city")
    assert city["items_by_department"] == {"city-a": 1, "city-b": 5} and city["items_without_department"] == 0
    doc = _doc(ds, "department:city-b")
    assert doc["items_by_department"].get("city-a") is None  # hidden: a cell of 1
    # 合计 hidden; 执法 6 and 甲区 3 + 乙县 3 give it; 无 0; own 5: 部门A = 6 - 5 - 0 = 1.
    assert _possible([doc], "department", "city-a", own={"city-b": 5}) != {1}


def _item(category: str, department: str, n: int, tag: str) -> list[dict[str, Any]]:
    return [
        {"category": category, "text": f"{tag}{category}{k}", "department": department, "point": None} for k in range(n)
    ]


def test_03_the_same_month_as_of_a_later_instant_gives_a_hidden_category_back_to_the_amending_county() -> None:
    # 甲区's report: 收费 1, 政策诉求 2, 部门服务 3, 执法 3. 乙县's: 政策诉求 3, 部门服务 3, 执法 3, and
    # an amendment on 06-20 (after the deadline) adding 3 政策诉求 items about 部门E.
    original = (
        _item("policy", "city-b", 3, "乙")
        + _item("service", "city-c", 3, "乙")
        + _item("enforcement", "city-d", 3, "乙")
    )
    reports = {
        "R-379902-2025-05": {
            "nothing_to_report": False,
            "items": _item("fees", "city-a", 1, "甲")
            + _item("policy", "city-b", 2, "甲")
            + _item("service", "city-c", 3, "甲")
            + _item("enforcement", "city-d", 3, "甲"),
        },
        "R-379921-2025-05": {
            "nothing_to_report": False,
            "items": original,
            "amendments": [
                {
                    "submitted_at": "2025-06-20T09:00:00+08:00",
                    "submitted_by": "经办人",
                    "items": original + _item("policy", "city-e", 3, "乙补"),
                    "nothing_to_report": False,
                    "note": "补报",
                }
            ],
        },
    }
    ds = _dataset([], reports)
    city = _doc(ds, "city")
    assert city["items_by_category"]["fees"] == 1
    reader = "county:379921"
    default = _doc(ds, reader)
    later = _doc(ds, reader, as_of=datetime(2025, 6, 25, tzinfo=BJ))
    assert default["items_by_category"].get("fees") is None and later["items_by_category"].get("fees") is None
    # default: 18 - 部门服务 6 - 执法 6 = 收费 + 政策诉求 = 6; later: 政策诉求 8 (its own +3: 5 before), so 收费 = 1.
    assert _possible([default, later], "category", "fees", own={}, delta={"policy": 3}) != {1}


def test_04_the_trend_holds_the_departments_against_the_row_none_as_section_four_does() -> None:
    """部门A 1, 部门B 5, 无 3: section 四's own decision (无 one more cell) hides A, B and 无 and
    keeps the total, 9 (each reader is left two cells it does not know). The trend's joint pass
    over the months reads the departments without 无, finds B alone beside A's own reader and no
    partner left, and hides the month's total: 反映事项（已隐去） and 合计 — in every reader's report
    (while 经营状况 3 + 执法 6 and 甲区 3 + 乙县 6 are shown)."""
    items = (
        [(P1, "enforcement", "city-a")]
        + [(P1, "enforcement", "city-b")] * 2
        + [(Q1, "enforcement", "city-b")] * 3
        + [(Q2, "operations", None)] * 3
    )
    ds = _dataset(items)
    doc = _doc(ds, "public")
    assert doc["items_by_department"] == {} and doc["items_without_department"] is None
    assert _total(doc) == 9
