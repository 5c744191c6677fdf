"""The assessment's own notices (English, for integrators) as a clerk reads them in a Chinese
document: the text summary and the results workbook (clerk findings 08 and 09). The redaction
notices are Chinese already; a notice no rule knows is shown as it is. The Chinese is in full-width
punctuation (GB/T 15834), as the documents around it."""

from __future__ import annotations

import re
from collections.abc import Container, Mapping

from softenv_core.analyses.redaction_notices import PLUGIN_ELSEWHERE

#: The patterns are text, compiled (and cached) by ``re`` when a notice is worded: compiled at
#: import, the JSON and CSV of `softenv assess`, which word none, paid for them (issue 21).
_ZH_NOTICES = (
    (  # the redaction's own line, its configuration key in words (t5 06)
        # ``: `` as the redaction wrote it before its Chinese took full-width punctuation (older JSON)
        r"^阅读范围 (.+?)(?:: |：)按保密规则 \(privacy\.min_cell = (\d+)\) 编制$",
        r"阅读范围 \1：按保密规则编制（少于 \2 的数及可据以推算的数已隐去）",
        (1,),
    ),
    (  # the name as the notice quotes it (repr: "o'baihe" in double quotes; reviewer r54 04)
        PLUGIN_ELSEWHERE,
        r"插件 \1 所对应的县区 \2 不在本数据集中",
        (2,),
    ),
    (  # the city's offices (\5) a list joined by 、, the waiver's decided_by (\4) as written (clerk c60 04)
        r"^waiver (\S+) \((\S+) (\S+)\) was decided by (.*), not the city \(its offices: (.*)\): ignored$",
        r"豁免 \1（\2 \3）由 \4 决定，不是市级单位（\5）决定：不予采用",
        (2,),
        (5,),
    ),
    (
        r"^waiver (\S+) \((\S+) (\S+)\) was decided by (.*), not the city: ignored$",
        r"豁免 \1（\2 \3）由 \4 决定，不是市级决定：不予采用",
        (2,),
    ),
    (
        r"^provisional: some working days \(deadlines, days late or overdue\) are counted by a weekends-only"
        r" calendar; re-run when .*$",
        "暂定：部分工作日（截止日、迟报或超期天数）按仅双休日的日历计算；正式放假安排公布后请重新计算",
        (),
    ),
    (
        r"^no month of (\d+) is owed: the programme's baseline is not in force in it; nothing assessed$",
        r"\1 年没有应报月份：该年不在基线施行期内，无可考核",
        (),
    ),
    (
        r"^no report is owed for (\d{4})-(\d\d): the programme's baseline is not in force in it$",
        r"\1-\2 不在基线施行期内：各县区无需报送该月月报，监测点无需联系；本报告只汇总所记录的情况",
        (),
    ),
    (
        r"^county (\d+) owes no month of (\d+) \(.*\): not assessed$",
        r"县区 \1 在 \2 年没有应报月份（该年不存在或不在基线施行期内），不参加考核",
        (1,),
    ),
    (
        r"^open: no report known at as_of, but .*?: (.*); re-assess after it for the month's final status$",
        r"尚可补报：截至评估时点未收到月报，在所列时刻前补报仍按迟报计（不按未报）：\1；过后请重新评估",
        (1,),
    ),
    (
        r"^pending: monthly reports not yet due at as_of: (.*); city\.topten\.on_time is not .*$",
        r"月报截至评估时点尚未到期：\1；到期前这些县区暂不能判定“按时报送月报”，不可评先进",
        (1,),
    ),
    (
        r"^appraisal round\(s\) (.*) closed before the baseline was in force \(from (\S+)\): .*$",
        r"万人评议轮次 \1 在基线施行（\2）前结束：监测点无需参加，不计入履职考评，也不评分",
        (),
    ),
    (
        r"^no appraisal round recorded for (.*): .*$",
        r"\1 没有万人评议轮次的记录：评议得分和“参加全部评议”的推荐条件只按已记录的轮次计",
        (),
    ),
    (  # analyses.records_end (integrator i43)
        r"^records end in (\d{4}-\d\d): no county report or contact is recorded after it at as_of, and the "
        r"months after it \((.*)\) are scored as missing \(未报\); .*$",
        r"记录止于 \1：截至数据截至时刻，此后没有任何县区月报或联系记录，其后的 \2 均按未报计分；"
        "如数据不完整，请补齐后重新运行",
        (),
    ),
    (
        r"^no records: no county report or contact is recorded at as_of, and every owed month \((.*)\) .*$",
        r"截至数据截至时刻没有任何县区月报或联系记录，应报的 \1 均按未报计分；如数据不完整，请补齐后重新运行",
        (),
    ),
    (  # a county plugin's own complaint limits (analyses.complaint_limits.own_limits_notices, p42);
        # (?s): a plugin's reference may hold a line break, and the Chinese report then printed the
        # English notice (attacker x46 02)
        r"(?s)^complaint limits from county (\d+)'s plugin '(.*)' \((.*)\) on (\S+): complaints about its "
        r"departments are due by them, every other by the city's$",
        r"县区 \1 所属部门被投诉的事项按其插件 '\2' 的办理时限（\3；\4 有效）计算到期日，其余事项按市级时限",
        (1,),
    ),
    (  # analyses.later_records (clerk c52 04): a nomination, then a decision, after the instant
        r"(?s)^later: nomination (\S+) of county (\d+)(.*) was submitted at (\S+ \S+) \(Beijing time\), after "
        r"the instant: not read; to read it give as_of (\S+)$",
        r"推荐 \1（\2\3）于 \4（北京时间）提交，在数据截至时点之后，未计入；"
        r"要计入，请以 \5 或更晚的时刻为数据截至时点重新编制（--as-of \5）",
        (),
    ),
    (
        r"(?s)^later: decision (\S+) on nomination (\S+) of county (\d+)(.*) was made on (\S+), after the "
        r"instant: not read; to read it give as_of (\S+)$",
        r"表彰决定 \1（推荐 \2，\3\4）于 \5 作出，在数据截至时点之后，未计入；"
        r"要计入，请以 \6 或更晚的时刻为数据截至时点重新编制（--as-of \6）",
        (),
    ),
    (  # analyses.later_records (clerk c54 01): a county report's amendment after the instant; (?s) in
        # these four: a county name may hold a line break (attacker x59 01, as x46 02 above)
        r"(?s)^later: report (\S+) of county (\d+)(.*) was submitted at (\S+ \S+) \(Beijing time\), "
        r"after the instant: not read; to read it give as_of (\S+)$",
        r"月报 \1（\2\3）于 \4（北京时间）报送，在数据截至时点之后，未计入（本报告按截至时点未收到计）；"
        r"要计入，请以 \5 或更晚的时刻为数据截至时点重新编制（--as-of \5）",
        (),
    ),
    (
        r"(?s)^later: amendment (\d+) of report (\S+) of county (\d+)(.*) was submitted at (\S+ \S+) \(Beijing time\), "
        r"after the instant: not read; to read it give as_of (\S+)$",
        r"月报 \2 的修改\1（\3\4）于 \5（北京时间）提交，在数据截至时点之后，未计入"
        r"（本报告的零报告、事项数按此前的内容）；"
        r"要计入，请以 \6 或更晚的时刻为数据截至时点重新编制（--as-of \6）",
        (),
    ),
    (  # analyses.later_records (fix helper a79b 02): one the city did not decide, ignored at any
        # instant; its offices (\7) a list, its decided_by (\6) as written, as the assessment's notice
        r"(?s)^later: waiver (\S+) of county (\d+)(.*) for (\S+) was decided on (\S+), after the instant, by (.*), "
        r"not the city \(its offices: (.*)\): ignored at any instant$",
        r"豁免 \1（\2\3，\4 月报）于 \5 由 \6 决定，在数据截至时点之后；不是市级单位（\7）决定，任何时点均不予采用",
        (),
        (7,),
    ),
    (  # analyses.later_records (auditor a79 03): a city waiver of the month decided after the instant
        r"(?s)^later: waiver (\S+) of county (\d+)(.*) for (\S+) was decided on (\S+), after the instant: "
        r"not read; to read it give as_of (\S+)$",
        r"豁免 \1（\2\3，\4 月报）于 \5 作出，在数据截至时点之后，未计入（本报告按截至时点未豁免计）；"
        r"要计入，请以 \6 或更晚的时刻为数据截至时点重新编制（--as-of \6）",
        (),
    ),
    (  # analyses.silent_months (auditor a62 02): months no contact was recorded in
        # Said of what was checked, the dataset: a county's own holds no other office (全市 was
        # said of it, clerk c54 04); what the clerk can do last, as the sister notice's.
        r"^no contacts: liaison office (\d{6}), (.*?): no contact is recorded in the whole dataset; .*$",
        r"无联系记录：\1 负责联系的监测点在 \2 都没有联系记录（本数据集中当月没有任何单位的联系记录）；"
        r"履职考评的“按月联系”把该月应履职的监测点都按未联系上计，"
        r"年度动态调整的“连续未联系上”却在该月中断（记录缺失不作为未联系上的依据）；以哪种读法为准，有待市里决定；"
        r"如记录不全，请补齐后重新运行",
        (1,),
    ),
    (
        r"^no contacts: liaison office city, (.*?): no contact is recorded in the whole dataset; .*$",
        r"无联系记录：市直监测点在 \1 都没有联系记录（本数据集中当月没有任何单位的联系记录）；"
        r"履职考评的“按月联系”把该月应履职的监测点都按未联系上计，"
        r"年度动态调整的“连续未联系上”却在该月中断（记录缺失不作为未联系上的依据）；以哪种读法为准，有待市里决定；"
        r"如记录不全，请补齐后重新运行",
        (),
    ),
    (
        r"^no contacts: liaison office (\d{6}), (.*?): no contact by the office itself is recorded .*$",
        r"无联系记录：\1 负责联系的监测点在 \2 都没有本单位的联系记录（其他单位记录的联系不计入履职）；"
        r"履职考评和“连续未联系上”都按未联系上计；如记录不全或记在了其他联系单位名下，请补齐或改正后重新运行",
        (1,),
    ),
    (
        r"^no contacts: liaison office city, (.*?): no contact by the office itself is recorded .*$",
        r"无联系记录：市直监测点在 \1 都没有本单位的联系记录（其他单位记录的联系不计入履职）；"
        r"履职考评和“连续未联系上”都按未联系上计；如记录不全或记在了其他联系单位名下，请补齐或改正后重新运行",
        (),
    ),
    (  # analyses.after_end (auditor a66 01): an abolished county's last report, due after its end
        r"^after end: the report of county (\d{6}) on (\S+) falls due at (\d{4}-\d\d-\d\d)T(\d\d:\d\d)\S*, after the "
        r"county ended on (\S+); .*$",
        r"县区撤销后到期：\1 的 \2 月报截止于 \3 \4，在该县区撤销（存续至 \5）之后；现按该县区以原代码应报计"
        r"（撤销后报送的月报，校验时提示）；由撤销的县区报送、由承接的县区报送，还是不再应报，有待市里决定"
        r"（见 rules.md“Open: the last report of an abolished county”）",
        (1,),
    ),
    (
        r"^pending: appraisal round\(s\) (.*) not closed at as_of; .*$",
        r"万人评议轮次 \1 截至评估时点尚未结束；结束前任何监测点都不满足“参加全部评议”的推荐条件",
        (),
    ),
)


#: The Chinese of the notices whose texts are lists the library joined with ``", "`` (counties'
#: months, rounds): written with 、 as the documents around them (clerk c49: ``2025-H1, 2025-H2``).
_LISTING = ("尚可补报", "月报截至评估时点尚未到期", "万人评议轮次", "\\1 没有万人评议轮次的记录", "无联系记录")
#: Every group of such a notice. A rule may name its list groups itself instead, as a fourth
#: element (the waiver notice: its offices are a list, its ``decided_by`` a record's text).
_ALL_GROUPS = range(1, 10)


#: ``(until 2026-01-08T23:59:59+08:00)`` in a month's entry, as the Chinese documents write instants.
_UNTIL = r" ?\(until (\d{4}-\d\d-\d\d)T(\d\d:\d\d):\d\d\+08:00\)"


#: A county code standing alone, with the space after it: not part of a longer number nor of
#: an id or a word (``P379902-001``, ``W-379923-2025-06``, ``379923号``), which are left as written.
_CODE = r"(?<![\w-])(\d{6})(?![\w-]) ?"

#: A backreference of a notice's Chinese wording (``\1``).
_GROUP = r"\\(\d)"


def zh_notice(notice: str, names: Mapping[str, str] | None = None) -> str:
    """``notice`` in Chinese where a rule knows it, else as it is. With ``names`` (county code →
    name), each county of the dataset is named, its code after it: ``东城区（379902）``, since a
    clerk reads names where the notice had ``379902`` (c39); a code not among them stays as it is.

    Only the parts of a notice that name counties are so rewritten: a record's id, a waiver's
    ``decided_by`` or a plugin's name is shown as written (attacker x42 01: the whole notice was
    rewritten, and ``W-379923-2025-06`` read ``W-云岭县（379923）-2025-06`` in the results
    workbook, the point audience's ``P379902-001`` ``P东城区（379902）-001``)."""
    for pattern, zh, counties, *lists in _ZH_NOTICES:
        found = re.match(pattern, notice)
        if found is not None:
            listed = lists[0] if lists else _ALL_GROUPS if zh.startswith(_LISTING) else ()
            said = _worded(found, zh, counties, names or {}, listed=listed)
            return re.sub(_UNTIL, r"（\1 \2 前）", said)
    return notice


def _worded(
    found: re.Match[str], zh: str, counties: tuple[int, ...], names: Mapping[str, str], *, listed: Container[int]
) -> str:
    """``zh`` with each ``\\N`` the text ``found`` matched, the counties of those in ``counties``
    named: a code takes the space after it, in the notice or the wording (``云岭县（379923）2025-06``).
    ``listed``: the groups whose texts are lists of the library's own (months, rounds, offices),
    joined by 、."""
    pieces = re.split(_GROUP, zh)
    said = pieces[0]
    for ref, literal in zip(pieces[1::2], pieces[2::2], strict=True):
        text = found[int(ref)].replace(", ", "、") if int(ref) in listed else found[int(ref)]
        if names and int(ref) in counties:
            spaced = literal.startswith(" ")
            text = re.sub(_CODE, lambda m: f"{names[m[1]]}（{m[1]}）" if m[1] in names else m[0], text + " " * spaced)
            if spaced and not text.endswith(" "):
                literal = literal[1:]
            elif spaced:
                text = text[:-1]
        said += text + literal
    return said


__all__ = ["zh_notice"]
