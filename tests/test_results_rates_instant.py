"""The results workbook's 三率 sheet (承办单位) reads what is stamped by the assessment's
instant, as every other sheet does (docs/complaints.md "An instant"; auditor r3 09: it read the
whole year whatever ``--as-of`` said, a June workbook counting July's assignments and follow-ups)."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from softenv_core.io.dataset_files import dataset_json
from softenv_core.model.complaints import EventType
from softenv_core.testing.builders import beijing, make_complaint, small_dataset

openpyxl = pytest.importorskip("openpyxl")

from softenv_core.cli.main import main  # noqa: E402


def _units_sheet(tmp_path: Path, as_of: str | None) -> dict[str, dict[str, object]]:
    """The 承办单位 sheet of `assess --format xlsx` as {unit: {header: value}}."""
    early = make_complaint(
        "Q1", "P-379902-2", beijing(2025, 5, 20), until=EventType.CLOSED, resolved_at=beijing(2025, 7, 10)
    )
    late = make_complaint("Q2", "P-379902-1", beijing(2025, 7, 1), until=EventType.CLOSED)
    data = tmp_path / "d.json"
    data.write_text(dataset_json(attrs.evolve(small_dataset(2025), complaints=(early, late))), encoding="utf-8")
    out = tmp_path / f"r-{as_of}.xlsx"
    instant = [] if as_of is None else ["--as-of", as_of]
    assert main(["assess", str(data), "--year", "2025", *instant, "--format", "xlsx", "--out", str(out)]) == 0
    rows = list(openpyxl.load_workbook(out, read_only=True)["承办单位"].iter_rows(values_only=True))
    return {str(r[0]): dict(zip(rows[0], r, strict=False)) for r in rows[1:]}


def test_the_units_sheet_of_a_june_workbook_reads_nothing_stamped_after_its_instant(tmp_path: Path) -> None:
    june = _units_sheet(tmp_path, "2025-06-01T00:00+08:00")["city-amr"]
    year = _units_sheet(tmp_path, None)["city-amr"]
    # By June: Q1 assigned and signed, its resolution (July) not yet due nor made, no follow-up;
    # Q2 (received in July) not yet received.
    assert (june["应签收"], june["按时签收"], june["应办结"], june["回访"]) == (1, 1, 0, 0)
    assert (year["应签收"], year["按时签收"], year["回访"]) == (2, 2, 2)
