"""Auditor a50: the year-end county assessment (县区考核) and 十佳, checked by hand.

The cases agreed with the library are listed in the auditor's report; what is tested here is
what was found missing. Case 1: `softenv explain --county` is the clerk's answer to "why is this
month not excused?", and it named neither a waiver of the county that the city did not decide
(ignored, said only among `softenv assess`'s notices) nor one decided after the instant (not yet
a decision): a month read 未报 with no word of the waiver on file, as a report submitted after
the instant already is named (docs/cli.md).
"""

from __future__ import annotations

import contextlib
import io
from datetime import date
from pathlib import Path

import attrs

import softenv_core as se
from softenv_core import Month
from softenv_core.model.roster import Waiver
from softenv_core.testing import small_dataset


def _dataset() -> se.Dataset:
    d = small_dataset(2025)
    gone = {("379902", Month(2025, 8)), ("379902", Month(2025, 12))}
    reports = tuple(r for r in d.reports if (r.county, r.month) not in gone)
    waivers = (
        # A county's office is not the city: ignored (docs/rules.md).
        Waiver("W1", "379902", Month(2025, 8), "防汛", date(2025, 9, 10), "甲区经贸委"),
        # The city's, but decided after the year's default instant (2026-01-06 00:00).
        Waiver("W2", "379902", Month(2025, 12), "系统故障", date(2026, 2, 1), "市经贸委"),
    )
    return attrs.evolve(d, reports=reports, waivers=waivers)


def _explain(tmp_path: Path, *extra: str) -> str:
    from softenv_core.cli.commands import cmd_explain
    from softenv_core.cli.main import build_parser

    data = tmp_path / "d.json"
    data.write_text(se.dataset_json(_dataset()), encoding="utf-8")
    argv = ["explain", str(data), "--year", "2025", "--county", "379902", *extra]
    args = build_parser().parse_args(argv)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert cmd_explain(args, se.get_plugin_manager()) == 0
    return out.getvalue()


def test_1_explain_county_names_the_waivers_that_excuse_nothing(tmp_path: Path) -> None:
    text = _explain(tmp_path)
    head = text[: text.index("县区 379902")]
    assert "  2025-08 豁免 W1：由 甲区经贸委 决定，不是市级单位" in head
    assert "  2025-12 豁免 W2：决定于 2026-02-01，在数据截至时点之后，未计入\n" in head
    # The months themselves read as before: the waivers excuse nothing.
    assert "2025-08 未报" in text and "2025-12 未报" in text
    english = _explain(tmp_path, "--lang", "en")
    assert "  2025-12 waiver W2: decided on 2026-02-01, after the instant; not counted\n" in english
    assert "  2025-08 waiver W1: decided by 甲区经贸委, not the city" in english
    # Decided by the time of a later instant: W2 excuses December, and is not named.
    later = _explain(tmp_path, "--as-of", "2026-02-02T00:00:00+08:00")
    assert "豁免 W2：" not in later and "已豁免（未报；豁免 W2）" in later
    # The city office's view alone lists them, as the reports after the instant.
    county = _explain(tmp_path, "--audience", "county:379902")
    assert "豁免 W1" not in county and "豁免 W2：" not in county
