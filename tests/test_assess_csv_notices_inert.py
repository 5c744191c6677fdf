"""``softenv assess --format csv`` says the assessment's notices on standard error (a table has
no room for them). A notice quotes records — a waiver's ``decided_by``, the city's office names —
so on the terminal it is record text like any other (DESIGN principle 8): an escape sequence or a
bidi override in a name is shown, never run. It was written as it was (attacker x39 01): a
waiver decided by ``\\x1b]0;…\\x07`` retitled the clerk's terminal window.
"""

from datetime import date
from pathlib import Path

import attrs
import pytest

from softenv_core import Month, Waiver, dataset_json
from softenv_core.testing import small_dataset

from .office_cli import run

HOSTILE = "甲区\x1b]0;pwned\x07经贸委\u202e\x1b[31m"


def test_the_csv_tables_notices_on_stderr_show_escape_sequences_inert(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = small_dataset(2025)
    waiver = Waiver("W1", "379902", Month(2025, 3), "不可抗力", date(2025, 4, 10), decided_by=HOSTILE)
    data = tmp_path / "d.json"
    data.write_text(dataset_json(attrs.evolve(base, waivers=(waiver,))), encoding="utf-8")
    for lang in ("zh", "en"):
        code, out, err = run(capsys, "assess", data, "--year", 2025, "--format", "csv", "--lang", lang)
        assert code == 0 and out.startswith("\ufeff")
        assert "W1" in err  # the notice is said
        for raw in ("\x1b", "\x07", "\u202e"):
            assert raw not in err, (lang, raw)
        assert "\\x1b" in err and "<U+202E>" in err  # shown, visibly
