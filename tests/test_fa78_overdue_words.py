"""Fix of auditor a78 01: a monthly report names its overdue complaint count by the instant the
complaints were read at (analyses/overdue_words.py): 月末超期 at the month's end, 截至7月25日超期
before it, in the summary, section 五, the trend sentence and table, Markdown and Word alike."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

import softenv_core as se
from softenv_core import BEIJING

from .test_a78 import _dataset

MID = datetime(2025, 7, 25, 12, tzinfo=BEIJING)


def _report(as_of: datetime | None) -> se.MonitoringReport:
    return se.monitoring_report(_dataset(), "2025-07", audience="city", as_of=as_of)


def test_mid_month_names_the_day_in_every_place() -> None:
    zh = se.render_markdown(_report(MID), "zh")
    assert "- 直接反馈（投诉、举报、意见建议）：本月收到1件，办结0件，截至7月25日超期1件。" in zh
    assert "\n本月收到1件，办结0件，截至7月25日超期1件。\n" in zh  # section 五
    # The months compared with are read at their own ends: said so beside this month's day.
    assert "本月截至7月25日超期直接反馈 1 件，较上月末增加 1 件" in zh
    assert "| 超期直接反馈（本月截至7月25日，上月和去年同月为月末） | 1 | 0 | +1 | 无数据 | — |" in zh
    en = se.render_markdown(_report(MID), "en")
    assert "1 received, 0 resolved, 1 overdue as of 2025-07-25." in en
    assert "Received 1, resolved 0, overdue as of 2025-07-25 1." in en
    assert "direct feedback overdue as of 2025-07-25: 1, up 1 on the end of the previous month" in en
    assert "| direct feedback overdue (this month as of 2025-07-25, the others at their end) | 1 |" in en


@pytest.mark.parametrize("as_of", [None, datetime(2025, 8, 1, tzinfo=BEIJING)])
def test_at_the_month_end_it_stays_month_end(as_of: datetime | None) -> None:
    """The default instant, and an as_of at the month's very end (00:00 on 08-01), read the
    complaints at the month's end: 月末超期, compared with 上月 (not 上月末)."""
    zh = se.render_markdown(_report(as_of), "zh")
    assert "本月收到1件，办结0件，月末超期1件。" in zh
    assert "本月月末超期直接反馈 1 件，较上月增加 1 件" in zh
    assert "| 月末超期直接反馈 | 1 | 0 | +1 |" in zh
    assert "截至7月" not in zh
    en = se.render_markdown(_report(as_of), "en")
    assert "| direct feedback overdue at month end | 1 |" in en


def test_the_last_day_is_not_the_month_end() -> None:
    """07-31 18:00 is still inside July: the count is of that instant."""
    zh = se.render_markdown(_report(datetime(2025, 7, 31, 18, tzinfo=BEIJING)), "zh")
    assert "截至7月31日超期" in zh and "月末超期" not in zh


def test_word_report_says_it_alike(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    out = tmp_path / "r.docx"
    se.write_report_docx(_report(MID), out)
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "月末超期" not in text
    assert "直接反馈（投诉、举报、意见建议）本月收到1件，办结0件，截至7月25日超期1件。" in text
    assert "\n本月收到1件，办结0件，截至7月25日超期1件。\n" in text
    assert "本月截至7月25日超期直接反馈1件，较上月末增加1件" in text
