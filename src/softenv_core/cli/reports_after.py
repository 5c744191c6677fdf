"""Reports on file that the assessment's instant leaves out, named under ``softenv assess``'s
text summary (clerk c48).

December's report filed on 8 January, within the days it still counts as 迟报, read 未报 in
``assess``: by default the instant is the moment after the year's last deadline (5 January),
never the clock, and the summary's notice said only that a report sent before the 8th would
count as late, "过后请重新评估" — run again, the same instant gave the same 未报 for good. The
report was in the clerk's own file; ``explain --county`` named it, the summary she hands on did
not. It is named here with the ``--as-of`` that counts it. The city office's view alone, as
``explain``'s (it alone reads the dataset whole).

Only a month read as 未报 is named (missing, or waived with no report known): a month still
pending at the instant (未到期: still running, or its deadline ahead) counts neither for nor
against (DESIGN "An explicit instant"), so its report sent later is not "read as 未报" (auditor
a53: the December reports of an assessment as of 2 December were named so, with an ``--as-of``
in January that needs the next year's arrangement).
"""

from __future__ import annotations

from datetime import timedelta

from softenv_core.analyses.assessment import Assessment
from softenv_core.analyses.audiences import CITY_OFFICE
from softenv_core.engine.ruletypes import MonthState
from softenv_core.model.dataset import Dataset
from softenv_core.model.periods import BEIJING
from softenv_core.model.shown_moments import due_and_sent
from softenv_core.render.escape import terminal


def reports_after_note(dataset: Dataset, result: Assessment, lang: str) -> str:
    """Lines naming each report on file for a month read as 未报 (no report known), submitted
    after the instant, and the ``--as-of`` that counts them all; "" when there is none."""
    if result.as_of is None or result.audience != str(CITY_OFFICE):
        return ""
    unsubmitted = {
        (c.code, m.month)
        for c in result.counties
        for m in c.months
        if m.report is None and m.reported is MonthState.MISSING
    }
    names = {c.code: f"{c.code} {c.name}" if c.name else c.code for c in result.counties}
    later = sorted(
        (r for r in dataset.reports if (r.county, r.month) in unsubmitted and r.submitted_at > result.as_of),
        key=lambda r: (r.county, r.month, r.id),
    )
    if not later:
        return ""
    last = max(r.submitted_at for r in later).astimezone(BEIJING)
    # The next whole minute after the last of them, in Beijing time: an instant the clerk can type.
    counted = (last.replace(second=0, microsecond=0) + timedelta(minutes=1)).isoformat(timespec="minutes")
    zh = lang == "zh"
    head = (
        f"另有 {len(later)} 份月报在数据截至时点之后提交，上表按未报计"
        "（默认的数据截至时点不随日期改变，重新运行结果相同）；"
        f"要按其提交时间计（迟报或未报），请加 --as-of {counted} 重新评估："
        if zh
        else f"{len(later)} report(s) on file were submitted after the instant and are read as missing above "
        f"(the default instant does not move with the clock); to count them, run again with --as-of {counted}:"
    )
    lines = [head]
    for r in later:
        # Set against the instant, as section 二 sets a submission against its due moment: to the
        # second in the instant's minute (11:00 as of 11:00:00 read as not after it; a79b 01).
        _, sent = due_and_sent(result.as_of, r.submitted_at)
        lines.append(
            f"  {names[r.county]} {r.month} 月报 {r.id}：提交于 {sent}（北京时间）"
            if zh
            else f"  {names[r.county]} {r.month} report {r.id}: submitted at {sent} (Beijing time)"
        )
    return "\n" + "\n".join(terminal(line) for line in lines) + "\n"
