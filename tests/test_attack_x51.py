"""Attacker x51: who complained (直接反馈), as a reader outside the city office might learn it, and
record text in the Word report's table cells and the results workbook just rewritten for speed
(DESIGN principles 7 and 8; docs/privacy.md).

01. The per-audience reference (``R-`` + HMAC) of a complaint was keyed by a secret derived from
    every complaint record whole, its complainant (``point``) and consent among them. The earlier
    swap tests compared the reference as a reference (``R-…``), and the reference did differ
    with the complainant: it was a commitment to it. A department given the reference of a
    complaint it handled, knowing the rest of the record (the id of the 交办单, the text, the
    steps it took) and the published roster of points, computed the reference for each point
    and found the one that complained. Fixed: the key leaves out ``point`` and
    ``consent_to_disclose`` (analyses/redaction_keys.py); the department's outputs are now
    byte-identical, references included, whoever complained.
"""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from softenv_core import dataset_json
from softenv_core.analyses.audiences import Audience
from softenv_core.analyses.redaction_keys import complaint_reference, dataset_secret
from softenv_core.model.dataset import Dataset
from softenv_core.testing.builders import beijing, make_complaint, small_dataset

from .office_cli import run

_BASE = small_dataset(2025, counties=("379902", "379921"))


def _world(complainant: str, **changes: object) -> Dataset:
    q = make_complaint("Q-2025-0001", complainant, beijing(2025, 3, 3))
    return attrs.evolve(_BASE, complaints=(attrs.evolve(q, **changes),))


def _write(tmp: Path, name: str, ds: Dataset) -> Path:
    path = tmp / f"{name}.json"
    path.write_text(dataset_json(ds), encoding="utf-8")
    return path


# 01 ------------------------------------------------------------------------------------------


def test_01_a_reference_is_no_commitment_to_the_complainant() -> None:
    """The attack itself: the reference the department is shown, tried against each point."""
    reader = Audience.parse("department:city-amr")
    refs = {
        p.id: complaint_reference(dataset_secret(_world(p.id)), reader, "Q-2025-0001")
        for p in _BASE.points
        if p.county in ("379902", "379921")
    }
    assert len(set(refs.values())) == 1, refs  # before the fix, one reference per point
    consented = _world("P-379902-2", consent_to_disclose=True)
    assert complaint_reference(dataset_secret(consented), reader, "Q-2025-0001") in refs.values()


@pytest.mark.parametrize("reader", ["department:city-amr", "county:379902"])
def test_01_the_departments_report_is_the_same_references_and_all(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], reader: str
) -> None:
    shown = []
    for complainant in ("P-379902-2", "P-379921-1"):
        data = _write(tmp_path, complainant, _world(complainant))
        code, out, err = run(capsys, "report", data, "--month", "2025-03", "--format", "json", "--audience", reader)
        assert code == 0, err
        shown.append(out)
    assert reader != "department:city-amr" or "R-" in shown[0]  # the department is shown a reference
    assert shown[0] == shown[1]
