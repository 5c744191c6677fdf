"""Attacker x59: the HTTP service, the CLI's new stderr notices and the forty-first session's new
fields, with two worlds differing only in who complained: every non-city key's answer the same
(held). One text found:

01. A county name holding a line break (validate accepts one) left the later-record notices
    (a later amendment, a late first report, a later nomination or decision) in English under
    ``--lang zh``: their Chinese patterns could not match a name across a line break. They read
    it now (``(?s)``, as attacker x46 02's notice already did); the CLI still shows it inert.
"""

from __future__ import annotations

import pytest

from softenv_core.render.notices import zh_notice

NOTICES = [
    "later: report R-1 of county 379903 西城\n区 was submitted at 2025-10-21 09:00 (Beijing time), after the "
    "instant: not read; to read it give as_of 2025-10-21T09:01+08:00",
    "later: amendment 1 of report R-1 of county 379903 西城\n区 was submitted at 2025-10-20 09:00 (Beijing time), "
    "after the instant: not read; to read it give as_of 2025-10-20T09:01+08:00",
    "later: nomination N-1 of county 379903 西城\n区 was submitted at 2026-01-10 09:00 (Beijing time), after "
    "the instant: not read; to read it give as_of 2026-01-10T09:01+08:00",
    "later: decision D-1 on nomination N-1 of county 379903 西城\n区 was made on 2026-01-12, after the "
    "instant: not read; to read it give as_of 2026-01-11T23:59+08:00",
]


@pytest.mark.parametrize("notice", NOTICES, ids=["report", "amendment", "nomination", "decision"])
def test_01_a_county_name_with_a_line_break_is_still_said_in_chinese(notice: str) -> None:
    said = zh_notice(notice, {})
    assert not said.startswith("later:") and "在数据截至时点之后" in said, said
    assert "西城\n区" in said  # the name as written; the CLI shows the break inert
