"""Chinese wording of the dataset checks' messages, for a clerk reading workbook problems.

The checks themselves speak English (``$.path: message``); the workbook reader shows each
problem by its cell and in Chinese, keeping the English where no wording is known yet.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from softenv_core.model.complaints import EventType

_WHAT = {
    "point": "监测点",
    "department": "部门",
    "county": "县区",
    "round": "评议轮次",
    "nomination": "推荐",
    "roster change": "名册调整",
    "handling unit": "承办单位",
}


def _step(value: str) -> str:
    """An event type's Chinese label (收到, 受理, …), as the 办理过程 sheet shows it."""
    if value == "not yet received":
        return "尚未收到"
    if value == "nothing (it is finished)":
        return "无(已完结)"
    member = EventType._value2member_map_.get(value)
    return member.zh if isinstance(member, EventType) else value


_RULES: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    (re.compile(r"invalid 统一社会信用代码 .*checksum or check digit is invalid"), lambda m: "校验位错误"),
    (re.compile(r"invalid 统一社会信用代码 .*invalid length"), lambda m: "长度错误(应为18位)"),
    (re.compile(r"invalid 统一社会信用代码 .*invalid format"), lambda m: "格式错误"),
    (re.compile(r"invalid 统一社会信用代码 .*"), lambda m: "统一社会信用代码无效"),
    (re.compile(r"^required field missing$"), lambda m: "必填,不能为空"),
    (re.compile(r"^must be a non-blank string$"), lambda m: "不能为空"),
    (re.compile(r"^longer than (\d+) characters \((\d+)\)$"), lambda m: f"超过 {m[1]} 字({m[2]} 字)"),
    (
        re.compile(r"^unknown (point|department|county|round|nomination|roster change|handling unit) (.*)$"),
        lambda m: f"未知的{_WHAT[m[1]]} {m[2]}",
    ),
    (re.compile(r"^duplicate (\w+) (.*) \(first at (.*)\)$"), lambda m: f"{m[2]} 重复(首次出现在 {m[3]})"),
    (re.compile(r"^expected a six-digit GB/T 2260 code, got (.*)$"), lambda m: f"应为6位行政区划代码,而不是 {m[1]}"),
    (re.compile(r"^invalid id (.*): use .*$"), lambda m: f"编号 {m[1]} 无效:只能用1-64个英文字母、数字和 _ . : -"),
    (re.compile(r"^(\S+) is not a county of city (\S+)$"), lambda m: f"{m[1]} 不是本市({m[2]})的县区"),
    (re.compile(r"^.* is before month (\S+) has ended$"), lambda m: f"报送时间早于所报月份 {m[1]} 结束"),
    (re.compile(r"^.* is in the future$"), lambda m: "报送时间晚于当前时刻"),
    (re.compile(r"a report must list items or state nothing_to_report"), lambda m: "月报须列出事项或注明零报告"),
    (re.compile(r"a report cannot both list items and state"), lambda m: "零报告不能同时列出事项"),
    (re.compile(r"^(\S+) is before designated_from (\S+)$"), lambda m: f"{m[1]} 早于确定日期 {m[2]}"),
    (re.compile(r"^closed: before opened$|^before opened$"), lambda m: "结束日期早于开始日期"),
    (re.compile(r"^expected 'city' or a county code, got (.*)$"), lambda m: f"应为 city 或县区代码,而不是 {m[1]}"),
    (
        re.compile(r"^(\S+) cannot follow (.+?); allowed: (.*)$"),
        lambda m: f"环节 {_step(m[1])} 不能接在 {_step(m[2])} 之后(可接:{'、'.join(map(_step, m[3].split(', ')))})",
    ),
    (re.compile(r"^must be a non-negative number, got (.*)$"), lambda m: f"不能为负数:{m[1]}"),
)


def zh_message(message: str) -> str:
    """The Chinese wording of a check's message, or the message itself where none is known."""
    for pattern, wording in _RULES:
        m = pattern.search(message)
        if m:
            return wording(m)
    return message


__all__ = ["zh_message"]
