"""Attacker x38: which point made a direct complaint (直接反馈) is the city office's alone.

A reader outside the city office may hold every output made for it, in every format — the
monthly report (Markdown, JSON, Word), the year end (Markdown, xlsx), the assessment JSON and
``softenv explain`` — and set them side by side or beside another audience's. Whatever it does
with them, it learns nothing of who complained if each of them reads the same whichever point
made the complaint: moving a complaint (made without consent) from one point to another, of the
same county or of another, must leave every output byte-identical for every reader but the city
office and the two points themselves. The per-audience reference ``R-…`` is keyed by a secret
derived from the complaint records but their complainant, so it is the same in the two datasets
and compared by its digits (it was compared as a reference before x51 01: a reference that
differed with the complainant let a reader who knew the rest of the record try each point). The
documented residual of the feedback item (a point without contact items in some months) is kept
out by giving every point contact items in every month (docs/privacy.md, *What is left*).

The fast suite runs both swaps (within a county, across counties) for the two counties' readers;
the department, the public and a point read them among the `slow` tests (as attacker x50's sweeps).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import attrs
import pytest

from softenv_core import dataset_json
from softenv_core.testing.builders import beijing, make_complaint, small_dataset

from .office_cli import run

MONTH = "2025-03"
READERS = ("county:379902", "county:379921", "department:city-amr", "public", "point:P-379921-1")
#: What the swap compares apart: nothing since x51 01. The R- references were compared as references
#: (their key was derived from the complaint records whole, the complainant among them, so each
#: world had its own); the key leaves the complainant out now, and a reference that differed with it
#: would be a commitment to the complainant (tests/test_attack_x51.py). Matches no text.
_REF = re.compile(r"(?!x)x")
_STAMP = re.compile(r"<dcterms:(created|modified)[^<]*</dcterms:\1>")


def _dataset(tmp: Path, complainant: str) -> Path:
    base = small_dataset(2025, counties=("379902", "379921"))
    complaint = make_complaint("Q-2025-0001", complainant, beijing(2025, 3, 3))
    path = tmp / f"{complainant}.json"
    path.write_text(dataset_json(attrs.evolve(base, complaints=(complaint,))), encoding="utf-8")
    return path


def _office(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        parts = [f"== {n}\n{z.read(n).decode('utf-8', 'replace')}" for n in sorted(z.namelist())]
    return _STAMP.sub("", "\n".join(parts))


#: What each reader was given of each complainant's dataset, by (complainant, reader): the two
#: cases share P-379902-2's dataset, whose outputs are the same whichever case asks (its file is
#: named by the complainant alone).
_SHOWN: dict[tuple[str, str], dict[str, str]] = {}


def _outputs(capsys: pytest.CaptureFixture[str], data: Path, reader: str) -> dict[str, str]:
    """Everything ``reader`` may be given of the year, by the command that gives it (once per
    process for each dataset and reader: see ``_SHOWN``)."""
    key = (data.stem, reader)
    if key not in _SHOWN:
        _SHOWN[key] = _given(capsys, data, reader)
    return _SHOWN[key]


def _given(capsys: pytest.CaptureFixture[str], data: Path, reader: str) -> dict[str, str]:
    shown: dict[str, str] = {}
    commands = {
        "report.md": ["report", data, "--month", MONTH],
        "report.json": ["report", data, "--month", MONTH, "--format", "json"],
        "yearend.md": ["yearend", data, "--year", 2025],
        "assess.json": ["assess", data, "--year", 2025, "--format", "json"],
        "explain.county": ["explain", data, "--year", 2025, "--county", "379902"],
        "explain.point": ["explain", data, "--year", 2025, "--point", "P-379902-2"],
    }
    for name, args in commands.items():
        code, out, err = run(capsys, *args, "--audience", reader)
        shown[name] = f"{code}\n{out}\n{err}"
    for name, args in {
        "report.docx": ["report", data, "--month", MONTH, "--format", "docx"],
        "yearend.xlsx": ["yearend", data, "--year", 2025, "--format", "xlsx"],
    }.items():
        target = data.parent / f"{data.stem}.{reader.replace(':', '_')}.{name}"
        code, out, err = run(capsys, *args, "--audience", reader, "--out", target)
        # The line saying the file was written names it, and this test names it by the dataset:
        # the reader's own choice of name, not the records', is kept out of the comparison.
        err = err.replace(str(target), "OUT")
        shown[name] = f"{code}\n{out}\n{err}\n" + (_office(target) if target.exists() else "")
    return {name: _REF.sub("R-…", text) for name, text in shown.items()}


# The counties of the points swapped in the fast suite, every other reader among the `slow` tests
# (each reader is 16 commands, some 0.3 s of CPU).
@pytest.mark.parametrize(
    "reader", [r if r.startswith("county:") else pytest.param(r, marks=pytest.mark.slow) for r in READERS]
)
@pytest.mark.parametrize(("one", "other"), [("P-379902-1", "P-379902-2"), ("P-379902-2", "P-379921-2")])
def test_no_reader_but_the_city_office_can_tell_which_point_complained(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], one: str, other: str, reader: str
) -> None:
    first, second = _dataset(tmp_path, one), _dataset(tmp_path, other)
    a, b = _outputs(capsys, first, reader), _outputs(capsys, second, reader)
    assert a.keys() == b.keys()
    assert a["report.md"].startswith("0\n") and a["yearend.xlsx"].startswith("0\n"), reader
    for name in a:
        assert a[name] == b[name], f"{reader} {name}: depends on which point complained ({one} or {other})"
    # The city office's own view does name the complainant (the comparison above is not vacuous).
    code, out, _ = run(capsys, "report", first, "--month", MONTH)
    assert code == 0 and one in out
