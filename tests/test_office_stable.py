"""Office files hold no clock (platform round 3, finding 13): the same data gives the same
bytes, whenever and however often it is written (DESIGN principle 4)."""

from __future__ import annotations

import hashlib
import time
import zipfile

import pytest

from softenv_core import dataset_json
from softenv_core.cli.main import main
from softenv_core.io.atomic import ZIP_EPOCH
from softenv_core.testing import small_dataset

pytest.importorskip("openpyxl", reason="the [office] extra writes workbooks")
pytest.importorskip("docx", reason="the [office] extra writes Word files")


@pytest.mark.parametrize(
    ("fmt", "argv"),
    [
        ("docx", ["report", "--month", "2025-03", "--format", "docx"]),
        ("xlsx", ["assess", "--year", "2025", "--format", "xlsx"]),
    ],
)
def test_the_same_data_gives_the_same_office_file_an_hour_later(tmp_path, fmt, argv, monkeypatch):
    data = tmp_path / "d.json"
    data.write_text(dataset_json(small_dataset(2025)), encoding="utf-8")
    digests = []
    for n in (1, 2):
        out = tmp_path / f"{n}.{fmt}"
        assert main([argv[0], str(data), *argv[1:], "--out", str(out)]) == 0
        digests.append(hashlib.sha256(out.read_bytes()).hexdigest())
        with zipfile.ZipFile(out) as z:
            assert {i.date_time for i in z.infolist()} == {ZIP_EPOCH}
            core = z.read("docProps/core.xml").decode()
        assert time.strftime("%Y-%m-%dT", time.gmtime()) not in core  # dated by the data, not today
        # An hour later on the clock the writers read (no sleeping: the zip's clock has a
        # two-second grain, the properties' one second).
        later = time.time() + 3600
        monkeypatch.setattr(time, "time", lambda later=later: later)
    assert digests[0] == digests[1]
