"""Chinese wording of the dataset checks' messages: the one table of their translations.

The checks themselves speak English (``$.path: message``), for integrators. A clerk reads them
in Chinese: the workbook reader shows each problem by its cell with :func:`zh_message`, and the
CLI under ``--lang zh`` prints each JSON problem with :func:`zh_problem` (the ``$.path`` kept as
it is, only the message translated). A message no rule knows stays English; tests/test_clerk.py
checks that every message the loader gives has a rule."""

from __future__ import annotations

import ast
import re
from collections.abc import Callable

from softenv_core.io.character_words import ZH_RULES as _CHARACTERS
from softenv_core.io.copy_warnings import ZH_RULES as _COPIES
from softenv_core.io.county_words import ZH_RULES as _COUNTY_DAYS
from softenv_core.io.department_names import ZH_RULES as _DEPARTMENT_NAMES
from softenv_core.io.designation_checks import OVERLAP, RATED_OUTSIDE, overlap_zh, rated_outside_zh
from softenv_core.io.event_words import ZH_RULES as _EVENTS
from softenv_core.io.event_words import step_zh
from softenv_core.io.former_name_text import ZH_RULES as _FORMER_NAMES
from softenv_core.io.item_checks import ZH_RULES as _REPORT_TIMES
from softenv_core.io.json_text import NOT_UTF8_GBK_ZH
from softenv_core.io.moment_words import MOMENT_RULES
from softenv_core.io.nomination_checks import ZH_RULES as _NOMINATIONS
from softenv_core.io.readded_words import ZH_RULES as _READDED
from softenv_core.io.reference_hints import zh_hint
from softenv_core.io.roster_authority import ZH_RULES as _ROSTER_AUTHORITY
from softenv_core.io.round_checks import ZH_RULES as _ROUNDS
from softenv_core.io.uscc_words import uscc_problem
from softenv_core.io.warning_words import ZH_RULES as _WARNINGS
from softenv_core.model.periods import span_zh

#: The kinds of record a check's message names, in Chinese (also what a reference names:
#: io/workbook_refused.py).
KIND_ZH = {
    "point": "监测点",
    "department": "部门",
    "county": "县区",
    "round": "评议轮次",
    "nomination": "推荐",
    "roster change": "名册调整",
    "handling unit": "承办单位",
    "contact": "联系记录",
    "report": "月报",
    "complaint": "直接反馈",
    "contact, report or complaint": "联系记录、月报或直接反馈",
}

#: How a rating's check names its rater: a point's id, or another id (a credit code).
_RATER = {"point": "监测点", "rater": "评议人"}

_KIND = {
    "an integer": "整数",
    "true or false": "true 或 false",
    "a number": "数字",
    "a string": "文本",
    "a finite number": "有限的数",
    "an object": "对象 {…}",
    "a list": "列表 […]",
}

#: What validate(dataset) expects of a field of a record built in Python (io/validation._leaf).
_PYTHON_KIND = {
    "a date": "日期（datetime.date）",
    "a date and time": "带时区的时刻（datetime）",
    "a decimal number": "数（Decimal 或整数）",
    "a tuple": "元组（tuple）",
}

_TYPE = {"int": "整数", "float": "数字", "str": "文本", "bool": "true/false", "list": "列表", "dict": "对象"}
_TYPE.update({"NoneType": "null", "a boolean": "true/false"})


def _got(text: str) -> str:
    """``int 5`` / ``NoneType None`` / ``a boolean`` as the clerk reads it: ``整数 5``; a type
    without a Chinese name keeps its own, set apart from the Chinese before it by a space, as a
    quoted value is (``而不是 datetime 2025-03-05 …``, not ``而不是datetime``)."""
    kind, _, rest = text.partition(" ")
    if text in _TYPE:
        return _TYPE[text]
    if kind not in _TYPE:
        return f" {text}".rstrip()
    return f"{_TYPE[kind]} {rest}".strip()


def _json_error(detail: str) -> str:
    m = re.search(r"line (\d+) column (\d+)", detail)
    where = f"第 {m[1]} 行第 {m[2]} 列附近" if m else ""
    if detail.startswith("duplicate key "):
        return f"不是有效的 JSON：键 {detail[len('duplicate key ') :]} 重复"
    if "is not valid JSON" in detail:
        return f"不是有效的 JSON：{detail.split(' ')[0]} 不是 JSON 的值"
    return f"不是有效的 JSON：{where}有语法错误（{detail}）"


def _one_of(m: re.Match[str]) -> str:
    text = f"{m[1]} 不是允许的值（可选：{'、'.join(m[2].split(', '))}）"
    if m[3]:
        text += f"；是否应为 {m[3]}" + (f"（{m[4]}）" if m[4] else "") + "？"
    return text


_step = step_zh  # an event type's Chinese label (收到, 受理, …), as the 办理过程 sheet shows it


def _key(shown: str) -> str:
    """A duplicate's key as the clerk reads it: ``379902 2025-01``, not a Python tuple."""
    if shown.startswith("("):
        try:
            key = ast.literal_eval(shown)
        except (ValueError, SyntaxError):
            return shown
        if isinstance(key, tuple):
            return " ".join(str(k) for k in key)
    return shown


def _span(shown: str) -> str:
    """A designation ``2025-01-01–…`` (designation_checks._shown) as officials write it: ``2025-01-01 至今``."""
    since, _, until = shown.partition("–")
    return span_zh(since, None if until == "…" else until)


def _uscc(shown: str) -> str:
    try:
        code = ast.literal_eval(shown)  # the code as the check's message quoted it (repr)
    except (ValueError, SyntaxError):
        return "统一社会信用代码无效"
    return uscc_problem(code) if isinstance(code, str) else "统一社会信用代码无效"


def _one_of_members(m: re.Match[str]) -> str:
    """An enum field given a value it cannot hold; given its member's text in code, the member."""
    return f"不是允许的值（可选：{m[1]}）" + (f"；应给出 {m[2]}，而不是文字" if m[2] else "")


_RULES: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    (re.compile(r"invalid 统一社会信用代码 ('(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"): "), lambda m: _uscc(m[1])),
    (re.compile(r"invalid 统一社会信用代码 .*"), lambda m: "统一社会信用代码无效"),
    (re.compile(r"^required field missing$"), lambda m: "必填，不能为空"),
    (re.compile(r"^must be a non-blank string$"), lambda m: "不能为空"),
    *_CHARACTERS,  # a text of invisible characters, or with a lone surrogate (io/character_words.py)
    (re.compile(r"^longer than (\d+) characters \((\d+)\)$"), lambda m: f"超过 {m[1]} 字（{m[2]} 字）"),
    (
        re.compile(r"^unknown (point|department|county|round|nomination|roster change|handling unit) (.*)$"),
        lambda m: f"未知的{KIND_ZH[m[1]]} {zh_hint(m[2])}",
    ),
    (re.compile(r"^duplicate (\w+) (.*) \(first at (.*)\)$"), lambda m: f"{_key(m[2])} 重复（首次出现在 {m[3]}）"),
    (
        re.compile(r"^(.*) is also the id of (\S+): an id names one record in the whole dataset .*$"),
        lambda m: (
            f"{_key(m[1])} 也是 {m[2]} 的编号：整个数据集中一个编号只指一条记录（依据和说明按编号引用记录），"
            "请改用另一个编号"
        ),
    ),
    (re.compile(OVERLAP), lambda m: overlap_zh(m, _span)),  # a move, a rename (c54 03) or a copy slip
    (re.compile(RATED_OUTSIDE), lambda m: rated_outside_zh(m, _span)),  # a former point rating (c63 02)
    (
        re.compile(
            r"^(point|rater) (\S+) is the same enterprise \(credit code (\S+)\) as (point|rater) (\S+), which rated "
            r"department (\S+) in round (\S+) at (\S+): an enterprise rates a department once a round"
        ),
        lambda m: (
            f"{_RATER[m[1]]} {m[2]} 与{_RATER[m[4]]} {m[5]} 是同一企业（统一社会信用代码 {m[3]}），"
            f"{m[5]} 已在 {m[8]} 评议过部门 {m[6]}（评议轮次 {m[7]}）：一家企业每轮对同一部门只评议一次；"
            "请保留其中一条评议、删除另一条（评议人写错、其实是另一家企业的，请改正评议人）"
        ),
    ),
    (
        re.compile(
            r"^(\S+) \((.+?)\) but rater (\S+) is a point designated during round (\S+)'s window (\S+)–(\S+): "
            r"a point rates as group 'point'"
        ),
        lambda m: (
            f"评议人 {m[3]} 是评议轮次 {m[4]} 期间（{m[5]} 至 {m[6]}）在册的监测点，"
            f"却按“{m[2]}”评议：监测点按“监测点企业”"
            "评议；请把评议人群体改为“监测点企业”，评议人不是该监测点的请改用其他编号"
        ),
    ),
    (  # a point's credit code rating as another group (auditor a65 01)
        re.compile(
            r"^(\S+) \((.+?)\) but rater (\S+) is the credit code of point (\S+), designated during round (\S+)'s "
            r"window (\S+)–(\S+): a point rates under its id"
        ),
        lambda m: (
            f"评议人 {m[3]} 是监测点 {m[4]} 的统一社会信用代码，该监测点在评议轮次 {m[5]} 期间"
            f"（{m[6]} 至 {m[7]}）在册，却按“{m[2]}”评议：监测点以监测点编号按“监测点企业”评议，"
            f"按“{m[2]}”计将按该群体的权重计分、该监测点显示为未参加；请把评议人改为 {m[4]}、"
            "评议人群体改为“监测点企业”，评议人其实是另一家企业的请改正评议人"
        ),
    ),
    (
        re.compile(
            r"^(\S+) is before county (\S+) \((.*)\) exists \(effective_from (\S+)\): record the days before "
            r".*, or designate it from (\S+)$"
        ),
        lambda m: (
            f"确定日期 {m[1]} 早于县区 {m[2]}（{m[3]}）设立（{m[4]}）：请将此前的期间记在原所属县区，"
            f"以名册调整（生效 {m[4]}）转入本县区；或将确定日期改为 {m[5]} 或以后"
        ),
    ),
    (
        re.compile(
            r"^(no end|\S+) is after county (\S+) \((.*)\) was abolished \(effective_until (\S+)\): record a "
            r"transfer to the successor county \(a roster change removing it effective (\S+) and a new point "
            r"record there\), or end the designation by (\S+)$"
        ),
        lambda m: (
            f"确定期间截至{'今（未写截止日期）' if m[1] == 'no end' else f' {m[1]}'}，晚于县区 {m[2]}（{m[3]}）"
            f"撤销（{m[4]}）："
            f"请转入承继县区（名册调整撤销，生效 {m[5]}，并在承继县区新建监测点记录）；或将确定期间截止于 {m[6]} 或以前"
        ),
    ),
    # A roster change (名册调整) against its point's dates (model/designations.py).
    *_READDED,  # a point removed and added again on its one record (io/readded_words.py)
    *_COUNTY_DAYS,  # a complaint about a department received before its county existed (io/county_words.py)
    # a point nominated twice, a nomination's year typed wrong, a decision before its nomination
    *_NOMINATIONS,  # (io/nomination_checks.py)
    (
        re.compile(r"^(\S+) disagrees with (\S+) \((.*?)\): added effective (\S+)$"),
        lambda m: f"确定日期 {m[1]} 与名册调整 {m[3]}（{m[2]}）的增设生效日期 {m[4]} 不一致：两者应为同一天",
    ),
    (
        re.compile(r"^(\S+) disagrees with (\S+) \((.*?)\): removed effective (\S+), so designated until (\S+)$"),
        lambda m: (
            f"确定期间截止日期 {m[1]} 与名册调整 {m[3]}（{m[2]}）的撤销生效日期 {m[4]} 不一致："
            f"按撤销应截止于 {m[5]}（生效日期的前一天）"
        ),
    ),
    (
        re.compile(r"^removes (\S+) effective (\S+), the day (\S+) begins it: it would end on (\S+)$"),
        lambda m: f"撤销 {m[1]} 的生效日期 {m[2]} 即确定日期（{m[3]}）：应截止于 {m[4]}，在册期间为空：请核对生效日期",
    ),
    (
        re.compile(r"^removes (\S+) effective (\S+), before (\S+) (\S+)$"),
        lambda m: f"撤销 {m[1]} 的生效日期 {m[2]} 早于该监测点的确定日期 {m[4]}（{m[3]}）：请核对生效日期",
    ),
    (
        re.compile(r"^(\S+) is removed again \(also by (\S+)\)$"),
        lambda m: f"{m[1]} 已由另一条名册调整（{m[2]}）撤销，不能再次撤销",
    ),
    (re.compile(r"^expected a six-digit GB/T 2260 code, got (.*)$"), lambda m: f"应为6位行政区划代码，而不是 {m[1]}"),
    (re.compile(r"^invalid id (.*): use .*$"), lambda m: f"编号 {m[1]} 无效：只能用1-64个英文字母、数字和 _ . : -"),
    (re.compile(r"^(\S+) is not a county of city (\S+)$"), lambda m: f"{m[1]} 不是本市（{m[2]}）的县区"),
    (
        re.compile(r"^'(\S+)' is the city office's own handling unit, not a department id$"),
        lambda m: f"{m[1]} 是市软建办自行承办时的承办单位编号，不能用作部门编号",
    ),
    *_REPORT_TIMES,  # a report before its month ended, an amendment before the one it follows (io/item_checks.py)
    (re.compile(r"^.* is in the future$"), lambda m: "报送时间晚于当前时刻"),
    # Each says what to change (clerk c35: "零报告不能同时列出事项" left her to guess which side).
    (
        re.compile(r"a report must list items or state nothing_to_report"),
        lambda m: (
            "月报须列出事项或注明零报告：有事项的请列出事项（工作簿中在 月报事项 表），没有事项的请把零报告写为“是”"
        ),
    ),
    (
        re.compile(r"a report cannot both list items and state"),
        lambda m: (
            "零报告不能同时列出事项：有事项的请把零报告改为“否”；确无事项的请删去所列事项（工作簿中在 月报事项 表）"
        ),
    ),
    (
        re.compile(r"^a contact not reached \(reached: false\) has no items"),
        lambda m: (
            "未联系上的联系不能有联系事项：未联系上的监测点没有反映情况；确已联系上的，请把“是否联系上”改为“是”；"
            "否则请把这些事项记在联系上的那次联系中（或删除）"
        ),
    ),
    (re.compile(r"^(\S+) is before designated_from (\S+)$"), lambda m: f"{m[1]} 早于确定日期 {m[2]}"),
    (
        re.compile(r"^(\S+) is not after the earlier person's last day (\S+): list former liaison persons oldest"),
        # In the sheet's words (最后负责日期, not 最后联系日) and what to do (clerk c46).
        lambda m: (
            f"最后负责日期 {m[1]} 不晚于前一位前任联系人的最后负责日期 {m[2]}：前任联系人按先后顺序填写，"
            "序号 1 是最早的一位；请调换两行的序号，或改正日期"
        ),
    ),
    *_ROUNDS,  # a round over before its period began (io/round_checks.py)
    (re.compile(r"^expected 'city' or a county code, got (.*)$"), lambda m: f"应为 city 或县区代码，而不是 {m[1]}"),
    (
        re.compile(r"^(\S+) cannot follow (.+?); allowed: (.*)$"),
        lambda m: f"环节 {_step(m[1])} 不能接在 {_step(m[2])} 之后（可接：{'、'.join(map(_step, m[3].split(', ')))}）",
    ),
    (re.compile(r"^must be a non-negative number, got (.*)$"), lambda m: f"不能为负数：{m[1]}"),
    (
        re.compile(r"^a complaint has no events: "),
        lambda m: (
            "没有办理环节：至少填写市软建办收到的时间（收到）；否则该反馈不属于任何月份，任何报告、三率和得分都不计入"
        ),
    ),
    # The loader's and the converter's own messages (a JSON dataset), most specific first.
    (
        re.compile(r"^expected 'softenv\.dataset', got '(softenv\.[a-z_]+)': .*, not a dataset: "),
        lambda m: f"这是另一种 softenv 文档（{m[1]}），不是数据集：请给出数据集文件",
    ),
    (re.compile(r"^the file is empty$"), lambda m: "文件是空的（0 字节或只有空白）：请选择填好的数据集文件"),
    (re.compile(r"^cannot read (.*): Is a directory$"), lambda m: f"无法读取 {m[1]}：这是文件夹，请给出数据集文件"),
    (re.compile(r"^cannot read (.*): No such file or directory$"), lambda m: f"找不到文件 {m[1]}"),
    (re.compile(r"^cannot read (.*): Permission denied$"), lambda m: f"无权读取 {m[1]}"),
    (re.compile(r"^cannot read (.*): (.*)$"), lambda m: f"无法读取 {m[1]}:{m[2]}"),
    (
        re.compile(r"^an Excel workbook, not a JSON dataset: first run softenv import (.*) --out dataset\.json$"),
        lambda m: f"这是 Excel 工作簿，不是 JSON 数据集；请先导入：softenv import {m[1]} --out dataset.json",
    ),
    (
        re.compile(r"^a Word document, not a JSON dataset"),
        lambda m: "这是 Word 文档，不是数据集；请给出数据集文件（.json）",
    ),
    (
        re.compile(r"^an old Excel or Word file"),
        lambda m: "这是旧版 Excel/Word 文件（.xls/.doc）；请在 Excel 中“另存为”.xlsx，再用 softenv import 导入",
    ),
    (re.compile(r"^not UTF-8 text: it looks like GBK"), lambda m: NOT_UTF8_GBK_ZH.removeprefix("$: ")),
    (
        re.compile(r"^not UTF-8 text \(byte (\d+): .*\)$"),
        lambda m: f"文件不是 UTF-8 编码（第 {m[1]} 字节）；请“另存为”UTF-8",
    ),
    (re.compile(r"^not valid JSON: (.*)$", re.DOTALL), lambda m: _json_error(m[1])),
    (re.compile(r"^nested too deeply$"), lambda m: "嵌套层次过深"),
    (
        re.compile(r"^load_dataset takes a file path"),
        lambda m: "load_dataset 需要文件路径；JSON 文本请用 loads_dataset",
    ),
    (re.compile(r"^unknown field$"), lambda m: "未知字段（请检查拼写）"),
    (re.compile(r"^unknown field\(s\) (.*)$"), lambda m: f"未知字段 {m[1]}（请检查拼写）"),
    (
        re.compile(r"^unknown (contact, report or complaint|contact|report|complaint) (.*)$"),
        lambda m: f"未知的{KIND_ZH[m[1]]} {m[2]}",
    ),
    (
        re.compile(r"^(contact|report) (.*) has (\d+) item\(s\), no item (.*)$"),
        lambda m: f"{KIND_ZH[m[1]]} {m[2]} 只有 {m[3]} 个事项，没有事项 {m[4]}",
    ),
    (re.compile(r"^change (.*) belongs to county (.*)$"), lambda m: f"名册调整 {m[1]} 属于县区 {m[2]}"),
    (
        re.compile(r"^expected (an integer|true or false|a number|a string), got (.*)$"),
        lambda m: f"应为{_KIND[m[1]]}，而不是{_got(m[2])}",
    ),
    (re.compile(r"^expected a finite number, got (.*)$"), lambda m: f"应为有限的数，而不是 {m[1]}"),
    (re.compile(r"^number too large \((\d+) digits\)$"), lambda m: f"数字过大（{m[1]} 位）"),
    (re.compile(r"^expected (an object|a list), got (.*)$"), lambda m: f"应为{_KIND[m[1]]}，而不是{_got(m[2])}"),
    (re.compile(r"^expected an object$"), lambda m: "应为对象 {…}"),
    (re.compile(r"^wrong structure: (.*)$"), lambda m: f"结构错误：{m[1]}"),
    *MOMENT_RULES,
    (re.compile(r"^expected a string$"), lambda m: "应为文本"),
    (re.compile(r"^(.*) is out of range \(years (\d+)-(\d+)\)$"), lambda m: f"{m[1]} 超出支持的年份 {m[2]}-{m[3]}"),
    (re.compile(r"^(.*) is not one of: (.*?)(?:; did you mean ('[^']*')(?: \((.*)\))?\?)?$"), _one_of),
    (re.compile(r"^expected one of \[(.*)\](?:, got .*: give (\S+), not the text .*)?$"), _one_of_members),
    (
        re.compile(r"^expected a month as YYYY-MM, got (.*)$"),
        lambda m: f"应为月份 YYYY-MM（如 2025-03），而不是 {m[1]}",
    ),
    (re.compile(r"^expected a half year as .*, got (.*)$"), lambda m: f"应为半年 YYYY-H1 或 YYYY-H2，而不是 {m[1]}"),
    (re.compile(r"^expected a year as YYYY, got (.*)$"), lambda m: f"应为年份 YYYY，而不是 {m[1]}"),
    (
        re.compile(r"^expected a (Month|HalfYear|Year) string, got (.*)$"),
        lambda m: f"应为文本形式的期间，而不是 {m[2]}",
    ),
    # A dataset built in Python and checked by validate(dataset) (integrator i40: zh was None).
    (
        re.compile(r"^expected (a date|a date and time|a decimal number|a tuple), got (.*)$"),
        lambda m: f"应为{_PYTHON_KIND[m[1]]}，而不是{_got(m[2])}",
    ),
    (
        re.compile(r"^expected ([A-Z]\w*(?: or [A-Z]\w*)*(?: or null)?), got (.*)$"),
        lambda m: f"应为 {m[1]} 类型的值，而不是{_got(m[2])}",
    ),
    (re.compile(r"^month (\S+) out of range 1-12$"), lambda m: f"月份 {m[1]} 不存在（应为 01-12）"),
    (re.compile(r"^expected 1 or 2, got \S+ (.*)$"), lambda m: f"半年应为 H1 或 H2，而不是 {m[1]}"),
    (re.compile(r"^year (\S+) out of range (\d+)-(\d+)$"), lambda m: f"年份 {m[1]} 超出 {m[2]}-{m[3]}"),
    (
        re.compile(r"^expected a year between (\d+) and (\d+), got (.*)$"),
        lambda m: f"年份应在 {m[1]}-{m[2]} 之间，而不是 {m[3]}",
    ),
    (re.compile(r"^must be a non-negative integer, got (.*)$"), lambda m: f"应为非负整数，而不是 {m[1]}"),
    (  # a result's audience read back (_validators.audience_name; integrator i43)
        re.compile(r"^expected city, public, county:CODE, department:ID or point:ID, got (.*)$"),
        lambda m: (
            "阅读范围应为 city、public、county:CODE（县区代码）、department:ID（部门编号）"
            f"或 point:ID（监测点编号），而不是 {m[1]}"
        ),
    ),
    (re.compile(r"^must be a finite number of reasonable size$"), lambda m: "应为大小合理的有限数"),
    (
        re.compile(r"^expected a GB/T 4754 code such as C or C13, got (.*)$"),
        lambda m: f"应为国民经济行业代码（GB/T 4754，如 C 或 C13），而不是 {m[1]}",
    ),
    (re.compile(r"^a city code has the form"), lambda m: "市代码应为 PPCC00 形式（省为 PP0000）"),
    (re.compile(r"^expected '(.*)', got (.*)$"), lambda m: f"应为 '{m[1]}'，而不是 {m[2]}"),
    (re.compile(r"^expected (\d+), got (.*)$"), lambda m: f"应为 {m[1]}，而不是 {m[2]}"),
    (
        re.compile(r"^(\S+) cannot follow (\S+): states only move on$"),
        lambda m: f"状态 {m[1]} 不能接在 {m[2]} 之后（状态只能向前）",
    ),
    (re.compile(r"^(\S+) on (\S+) is before (\S+) on (\S+)$"), lambda m: f"{m[1]}（{m[2]}）早于 {m[3]}（{m[4]}）"),
    (re.compile(r"^a topic needs its opening date or its lifecycle events$"), lambda m: "课题须有立项日期或过程记录"),
    (
        re.compile(r"^(\S+) differs from the opened event's date (\S+)$"),
        lambda m: f"{m[1]} 与立项记录的日期 {m[2]} 不同",
    ),
    (
        re.compile(r"^dated (\S+), before the topic was opened \((.*)\)$"),
        lambda m: f"日期 {m[1]} 早于课题立项（{m[2]}）",
    ),
    (
        re.compile(r"^a referral \(提请有关部门研究\) names the department"),
        lambda m: "提请有关部门研究须写明所提请的部门",
    ),
    (
        re.compile(r"^'(\S+)' but point (\S+) is of county (\S+); a roster change concerns its point's county$"),
        lambda m: f"名册调整写的县区是 {m[1]}，但监测点 {m[2]} 属于 {m[3]}；名册调整应写该监测点所在县区",
    ),
    (
        re.compile(
            r"^(\S+) but county (\S+) exists from (\S+) to (\S+); a county reports only on a month it exists in$"
        ),
        lambda m: f"月份 {m[1]} 不在县区 {m[2]} 的存续期（{m[3]} 至 {m[4]}）内；县区只报送其存在的月份",
    ),
    (
        re.compile(
            r"^(\S+) but county (\S+) exists from (\S+) to (\S+); a waiver excuses only a month its county exists in"
        ),
        lambda m: (
            f"月份 {m[1]} 不在县区 {m[2]} 的存续期（{m[3]} 至 {m[4]}）内；豁免只能针对县区存在的月份："
            "请改正所豁免的月份或县区（给承继县区的豁免写承继县区的代码），或删除这条豁免"
        ),
    ),
    (
        re.compile(r"^(\S+) but county (\S+) exists from (\S+) to (\S+); a county files only on a day it exists$"),
        lambda m: f"备案日期 {m[1]} 不在县区 {m[2]} 的存续期（{m[3]} 至 {m[4]}）内；县区只能在其存续期内备案",
    ),
    (
        re.compile(
            r"^(\S+) but the city baseline \(from (\S+)\) first requires the report on (\S+); "
            r"a waiver excuses only a month its county owes$"
        ),
        lambda m: (
            f"月份 {m[1]} 不在基线施行期内（基线自 {m[2]} 施行，最早要求报送 {m[3]} 的月报）；"
            "豁免只能针对县区应报的月份"
        ),
    ),
    (re.compile(r"^(\S+) is before effective_from (\S+)$"), lambda m: f"{m[1]} 早于 effective_from {m[2]}"),
    (re.compile(r"^expected a year 1900-2999, got (.*)$"), lambda m: f"应为 1900-2999 之间的年份，而不是 {m[1]}"),
    (re.compile(r"^a filing \(备案\) lists at least one roster change$"), lambda m: "备案应至少列出一项名册调整"),
    *_EVENTS,  # a field its event does not carry, a 督办 after the end (io/event_words.py)
    (re.compile(r"^expected one of ([^\[].*), got (.*)$"), lambda m: f"应为以下之一：{m[1]}；而不是 {m[2]}"),
    *_WARNINGS,  # the dataset warnings (not errors): io/warning_words.py
    *_FORMER_NAMES,  # a former name joined or noted (io/former_name_text.py)
    *_ROSTER_AUTHORITY,  # who may change a point (io/roster_authority.py)
    *_COPIES,  # rows copied and half edited (io/copy_warnings.py)
    *_DEPARTMENT_NAMES,  # two departments of one name (io/department_names.py)
)


def zh_message(message: str) -> str:
    """The Chinese wording of a check's message, or the message itself where none is known."""
    for pattern, wording in _RULES:
        m = pattern.search(message)
        if m:
            return wording(m)
    return message


#: A problem: its ``$.path`` (with the record id after the collection index, if any), then the message.
_PROBLEM = re.compile(r"^(\$[^\s:]*(?: \([A-Za-z0-9_.:-]{1,64}\)[^\s:]*)?): (.*)$", re.DOTALL)


def zh_problem(problem: str) -> str:
    """``$.path: message`` with the message in Chinese and the ``$.path`` as it was: a program
    that splits the line at the first ``": "`` gets the same path in either language."""
    m = _PROBLEM.match(problem)
    if m is None:
        return zh_message(problem)
    return f"{m[1]}: {zh_message(m[2])}"


def translated(message: str) -> bool:
    """Whether some rule of the table knows ``message`` (the tests' check of completeness)."""
    return any(pattern.search(message) for pattern, _ in _RULES)


__all__ = ["KIND_ZH", "translated", "uscc_problem", "zh_message", "zh_problem"]
