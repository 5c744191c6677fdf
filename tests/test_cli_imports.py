"""``softenv assess`` imports what the assessment needs and not the monthly report's or the year
end's analyses and renderers (benchmarks: `softenv assess` on the city file ≤ 1 s; importing them
was about a tenth of the run's instructions, measured with callgrind: 2.52 G → 2.29 G; issue 21
left out the checks' wording table and python-stdnum too)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from .demo_city import demo_json


@pytest.mark.slow
def test_assess_imports_no_report_or_year_end_module(tmp_path):
    data = tmp_path / "city.json"
    data.write_text(demo_json(), encoding="utf-8")
    code = (
        "import sys\nfrom softenv_core.cli.main import main\n"
        f"code = main(['assess', {str(data)!r}, '--year', '2025', '--format', 'json'])\n"
        "seen = ('softenv_core', 'stdnum', 'html')\n"
        "print(json.dumps([code, sorted(m for m in sys.modules if m.startswith(seen))]))\n"
    ).replace("import sys\n", "import sys, json\n", 1)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    code_, loaded = json.loads(proc.stdout.strip().splitlines()[-1])
    assert code_ == 0
    unwanted = [
        m
        for m in loaded
        if m.startswith(("softenv_core.analyses.monitoring", "softenv_core.render.monitoring"))
        or m.endswith(("year_end", "yearend_parts", "report_commands", "trends", "report_rows"))
        # issue 21: the checks' Chinese wording (a hundred patterns) is for problems, and
        # python-stdnum (ssl, pydoc) for a credit code in error; the city file has neither; the
        # monthly report's building blocks (render/document_words.py has what the assessment reads)
        or m.endswith(("workbook_messages", "warning_words", "moment_words", "uscc_words", "report_format"))
        or m in ("stdnum", "html")  # html: its entity table, for two escapes written out (io.workbook_text)
    ]
    assert unwanted == [], unwanted
    # the assessment itself ran: its modules are there
    assert "softenv_core.analyses.assessment" in loaded and "softenv_core.render.assessment" in loaded
