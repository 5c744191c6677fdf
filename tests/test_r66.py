"""Reviewer r66: findings on the session d3c349c8..HEAD (exact-type checks, phrases, the
check's bounded time limit)."""

from __future__ import annotations

import contextlib
import time
from types import SimpleNamespace

from softenv_core.analyses import adjustment_words as AW
from softenv_core.render.notices_en import en_notice, shown_notice
from softenv_core.testing import plugin_check
from softenv_core.testing.time_limit import GRACE


def test_01_abandoned_kit_search_prints_into_the_commands_stdout() -> None:
    """What: `plugins --check` runs the conformance kit's search under testing.time_limit.bounded
    in a thread of its own; a search that catches the limit's exception is abandoned, left
    running. plugin_check._kit_within redirects stdout only while it waits (the redirect was
    moved out of _search, "not in the search's own thread"), so once it gives up and restores
    sys.stdout, everything the abandoned plugin code prints lands in the command's real stdout:
    in `plugins --check --format json` that breaks the JSON document. Before the change the
    search ran in the calling thread, under the redirect, until it ended.
    Where: src/softenv_core/testing/plugin_check.py _kit_within (+ time_limit.bounded).
    Expected: nothing the abandoned search prints reaches stdout after _kit_within returns.
    Actual: its prints appear on stdout.
    Severity: medium (a hostile or badly written county plugin corrupts the check's JSON
    output; the very case x74 09 was about)."""
    import io
    import sys

    real = io.StringIO()
    meta = SimpleNamespace(name="evil", county="379902")

    def search() -> object:
        end = time.monotonic() + 0.2 + GRACE + 1.5
        while time.monotonic() < end:
            with contextlib.suppress(BaseException):
                print("LEAKED-BY-ABANDONED-SEARCH")
                time.sleep(0.05)
        return [], None

    old = sys.stdout
    sys.stdout = real
    try:
        faults, _ = plugin_check._kit_within(0.2, meta, search)
        time.sleep(2.0)  # the abandoned search goes on printing
    finally:
        sys.stdout = old
    assert faults and "abandoned" in faults[0].problem  # it was abandoned, as documented
    assert "LEAKED-BY-ABANDONED-SEARCH" not in real.getvalue()


def test_02_a_plugins_reason_is_rewritten_in_english_documents() -> None:
    """What: an English document (summary, explain, year end, results workbook) shows a county
    plugin's reason through render.notices_en.en_notice -> engine.phrases.said_en. When no
    phrase wrote it, _part_en still splits it at 、 and at a full-width bracket and joins it again
    as ``, `` and `` (…)``, so the plugin's own words are changed (and a part that happens to
    read as a library phrase is translated as if the library had written it).
    Where: src/softenv_core/engine/phrases.py _part_en (the 、 and bracket fallbacks), reached
    from render/assessment.py _item_lines / render/reasons.py failed_conditions.
    Expected: as docs/assessment-format.md, docs/quickstart.md and the docstrings of
    notices_en/phrases say, "a county plugin's reason ... shown as written".
    Actual: '需整改、复查（已完成）' is shown as '需整改, 复查 (已完成)'.
    Severity: low (a county's words altered in the city's English documents; doc says otherwise)."""
    reason = "需整改、复查（已完成）"
    assert shown_notice(reason, "en") == reason


def test_03_a_suggestions_text_is_read_as_library_phrases() -> None:
    """What: the adjustment's SUGGESTED phrase ``{department}{on}建议：{text}`` puts a department's
    own suggestion text (a record's words) in a field, and Phrase.english says every field
    through _value_en -> said_en: the record's text is split at ；/、, its brackets rewritten,
    and any part that matches a library phrase translated (a suggestion quoting '2025-07 未报'
    reads '2025-07 missing').
    Where: src/softenv_core/analyses/adjustment_words.py SUGGESTED / SUGGESTED_ADD and
    engine/phrases.py Phrase.english (no way to mark a field verbatim).
    Expected: docs/assessment-format.md: "a record's words (names, a suggestion's text) are
    shown as written": '市税务局 suggested on 2025-05-01: 该企业已搬迁、停产；2025-07 未报'.
    Actual: '市税务局 suggested on 2025-05-01: 该企业已搬迁, 停产; 2025-07 missing'.
    Severity: low (a record's words changed in English documents: the year end's proposals)."""
    text = "该企业已搬迁、停产；2025-07 未报"
    said = en_notice(AW.SUGGESTED(department="市税务局", on="2025-05-01", text=text))
    assert said == f"市税务局 suggested on 2025-05-01: {text}"
