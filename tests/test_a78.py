"""Auditor a78: direct complaints (直接反馈) computed by hand against the library.

Every figure below was checked by hand from the policy; the tests fail on what disagrees."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import attrs

import softenv_core as se
from softenv_core import BEIJING, ComplaintEvent, EventType

ROOT = Path(__file__).resolve().parents[1]


def _at(text: str) -> datetime:
    return datetime.fromisoformat(text)


def _dataset():
    """The small example with one complaint of July: received Wed 07-01 09:00, assigned to
    city-amr and signed on 07-02, 投诉 (15 working days): resolve due 07-23. Not resolved."""
    ds = se.load_dataset(ROOT / "examples" / "small-dataset.json")
    c = attrs.evolve(
        ds.complaints[0],
        id="Q-MID",
        events=(
            ComplaintEvent(EventType.RECEIVED, _at("2025-07-01T09:00:00+08:00"), "市软建办"),
            ComplaintEvent(EventType.ACCEPTED, _at("2025-07-01T10:00:00+08:00"), "市软建办"),
            ComplaintEvent(EventType.ASSIGNED, _at("2025-07-01T11:00:00+08:00"), "市软建办", unit="city-amr"),
            ComplaintEvent(EventType.SIGNED, _at("2025-07-02T10:00:00+08:00"), "市市场监管局"),
        ),
    )
    return attrs.evolve(ds, complaints=(c,))


def test_01_mid_month_report_does_not_call_its_overdue_count_month_end() -> None:
    """A report of July as of Fri 07-25 12:00 (city office): the resolve step due Wed 07-23 is
    overdue 2 working days (07-24, 07-25) at that instant; at July's end it would be 6
    (07-24, 25, 28, 29, 30, 31). The count printed is the instant's (1 complaint), so the
    sentence must not call it 月末超期 / "overdue at month end": July had not ended (docs/
    monitoring.md: complaints are taken at the month's end or at as_of, whichever is earlier)."""
    ds = _dataset()
    as_of = datetime(2025, 7, 25, 12, tzinfo=BEIJING)
    report = se.monitoring_report(ds, "2025-07", audience="city", as_of=as_of)
    assert report.complaints_overdue == 1
    (row,) = report.complaints
    assert row.overdue_workdays == 2  # by hand: 07-24, 07-25
    zh = se.render_markdown(report, "zh")
    en = se.render_markdown(report, "en")
    assert "月末超期" not in zh, [line for line in zh.splitlines() if "月末超期" in line]
    assert "month end" not in en, [line for line in en.splitlines() if "month end" in line]
