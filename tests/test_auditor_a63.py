"""Auditor a63: the monthly report worked out by hand (section 二 with amendments, section 三,
the trends, the complaints at the month's end) held; two texts did not.

01. ``softenv report`` before a month is due (mid-month, or on the 1st) named every county's
    report, filed later on time, as "not counted; redo with a later --as-of" while section 二
    showed them 未到期: a late first report is named only where the report shows it 未报 (or
    waived). Tested in tests/test_review_r58.py (test_05_a_month_not_yet_due_…).
02. Section 三 in Markdown put the list of points not reached under the 定人联系工作量 heading,
    where it read as part of the workload; the Word report put it under the table's notes (the
    order docs/monitoring.md gives) but left out 未指定联系人的监测点N个 when nobody was named.
"""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

import softenv_core as se
from softenv_core.testing import builders as b


def _report() -> se.MonitoringReport:
    ds = b.small_dataset(2025)
    point = next(c.point for c in ds.contacts if c.date.month == 3)
    contacts = tuple(
        attrs.evolve(c, reached=False, items=()) if c.point == point and c.date.month == 3 else c for c in ds.contacts
    )
    return se.monitoring_report(attrs.evolve(ds, contacts=contacts), "2025-03", audience=se.CITY_OFFICE)


def test_02_the_points_not_reached_come_before_the_workload_in_markdown() -> None:
    r = _report()
    assert r.liaison_unassigned and not r.liaison_workload  # nobody named in the small city
    md = se.render_markdown(r)
    section = md[md.index("## 三、") : md.index("## 四、")]
    assert section.index("未联系上的监测点：") < section.index("### 定人联系工作量")
    assert f"未指定联系人的监测点{r.liaison_unassigned}个。" in section


def test_02_the_word_report_says_nobody_was_named(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    r = _report()
    se.write_report_docx(r, tmp_path / "r.docx")
    paragraphs = [p.text for p in docx.Document(str(tmp_path / "r.docx")).paragraphs]
    said = f"定人联系：未指定联系人的监测点{r.liaison_unassigned}个。"
    assert said in paragraphs
    assert paragraphs.index(next(p for p in paragraphs if p.startswith("未联系上的监测点："))) < paragraphs.index(said)
