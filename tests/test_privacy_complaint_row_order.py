"""Attacker x39 02: section 五's rows outside the city office run in an order of what they show.

The rows came in the order the complaints were received, then by complaint id. A clerk records
receipts at the day's opening (09:00, as the demo does), so complaints received on one day tie,
and ran by id: a city whose ids carry the complainant (``Q-P379902-2-…``, as its contact and
roster-change ids do, or a county code) told a department which of its rows came from which
point or county, though every row says ``（保密）``. Outside the city office the rows are ordered
by what they show, then by the reader's own reference (``R-…``, keyed: no order of the ids).
"""

from __future__ import annotations

import re

import attrs

from softenv_core import Month, get_plugin_manager, monitoring_report
from softenv_core.model.complaints import ComplaintKind, EventType
from softenv_core.render.monitoring_report import render_markdown
from softenv_core.testing.builders import beijing, make_complaint, small_dataset

_PM = get_plugin_manager(autoload=False)
_BASE = small_dataset(2025, counties=("379902", "379921", "379922"))
_POINTS = ("P-379902-2", "P-379921-1", "P-379922-1")
_REF = re.compile(r"R-[0-9a-f]{8,}")


def _shown(reporter: str, reader: str) -> tuple[str, str]:
    """The March report of ``reader`` when ``reporter`` made the 举报 and the others a 投诉 each,
    all received at the same moment, each complaint's id naming its point."""
    at = beijing(2025, 3, 3, 9)
    complaints = tuple(
        make_complaint(
            f"Q-{p}",
            p,
            at,
            until=EventType.SIGNED,
            kind=ComplaintKind.REPORT if p == reporter else ComplaintKind.COMPLAINT,
        )
        for p in _POINTS
    )
    report = monitoring_report(attrs.evolve(_BASE, complaints=complaints), Month(2025, 3), _PM, audience=reader)
    return _REF.sub("R-…", report.to_json()), _REF.sub("R-…", render_markdown(report, "zh"))


def test_a_departments_rows_do_not_run_in_the_order_of_the_complaint_ids() -> None:
    for reader in ("department:city-amr", "public"):
        views = {p: _shown(p, reader) for p in _POINTS}
        first = views[_POINTS[0]]
        for p in _POINTS[1:]:
            assert views[p] == first, f"{reader}: the row order tells whether {p} made the 举报"
    doc, text = _shown(_POINTS[0], "department:city-amr")
    assert doc.count('"kind": "report"') == 1 and text.count("| 举报 |") == 1  # the rows are listed


def test_the_city_office_keeps_its_rows_in_the_order_received() -> None:
    report = monitoring_report(
        attrs.evolve(
            _BASE,
            complaints=(
                make_complaint("Q-2", "P-379902-2", beijing(2025, 3, 3), until=EventType.SIGNED),
                make_complaint("Q-1", "P-379921-1", beijing(2025, 3, 10), until=EventType.SIGNED),
            ),
        ),
        Month(2025, 3),
        _PM,
        audience="city",
    )
    assert [c.id for c in report.complaints] == ["Q-2", "Q-1"]
