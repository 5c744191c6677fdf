"""Chinese wording of the checks on a complaint's events that name an event type or a field:
the event said by its 环节 label (撤回, not withdrawn) and the field by its 办理过程 column, as
the clerk typed them (auditor a60 05, 06: a 督办 after 撤回 was shown in English, a 延期工作日 on
a 撤回 row named the row's event by its English value). Spliced into io/workbook_messages.py's
one table of translations (as io/warning_words.py's)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime

from softenv_core.model import complaints as _c
from softenv_core.model.complaints import CITY_OFFICE_UNIT, EventType
from softenv_core.model.periods import BEIJING

#: A field one event type alone carries (model/complaints.CARRIED_BY), by its 办理过程 column.
FIELD_ZH = {"unit": "承办单位编号", "satisfaction": "回访评价", "verdict": "办理结论", "extension_days": "延期工作日"}


def step_zh(value: str) -> str:
    """An event type's Chinese label (收到, 受理, …), as the 办理过程 sheet shows it."""
    if value == "not yet received":
        return "尚未收到"
    if value == "nothing (it is finished)":
        return "无（已完结）"
    member = EventType._value2member_map_.get(value)
    return member.zh if isinstance(member, EventType) else value


def _misplaced(m: re.Match[str]) -> str:
    field, carrier, kind = FIELD_ZH.get(m[1], m[1]), step_zh(m[2]), step_zh(m[3])
    return f"{field}只能写在 {carrier} 环节，不能写在 {kind} 上：{kind} 环节不记{field}，请删去这一格，或改正环节"


def _not_supervisable(m: re.Match[str]) -> str:
    if m[1] == "not yet received":
        return "环节 督办 不能在收到之前：第一个环节应为 收到"
    return f"环节 督办 不能接在 {step_zh(m[1])} 之后：该反馈已完结，不能再督办"


def typed_moment(moment: str) -> str:
    """An instant of a message (ISO 8601) as the clerk types it: Beijing time, ``2025-03-14 13:00``
    (seconds only when not 0), not ``2025-03-14T13:00:00+08:00`` (clerk c58 02); a text that is no
    instant as it is."""
    try:
        at = datetime.fromisoformat(moment).astimezone(BEIJING)
    except ValueError:
        return moment
    return at.strftime("%Y-%m-%d %H:%M:%S" if at.second else "%Y-%m-%d %H:%M")


def _earlier(m: re.Match[str]) -> str:
    """A step stamped before the step listed before it (said at its 时间 cell): both steps and
    times, and where a forgotten step goes (clerk c58 02: said at the 反馈编号 with +08:00, and
    without the step before, and a step added last, out of time order, is how it comes)."""
    before = f"（{step_zh(m[3])}，{typed_moment(m[4])}）" if m[3] else ""
    return (
        f"{step_zh(m[1])}时间 {typed_moment(m[2])} 早于前一环节{before}：各环节按序号先后发生，时间不能倒退；"
        "请核对这两个时间；如是补录漏掉的环节，请按时间先后把它插在该在的位置（序号排在相应位置，"
        "其后各行的序号依次加 1），不要接在最后"
    )


#: The step checks' other refusals, by the model's constants (not a copy of their English), each
#: said at the cell to fill with what to write there (clerk c56 01, 02: said in English at the id
#: cell, and the answer to "what after two returns", city-office, dropped with the English bracket).
_STEP_ZH = {
    _c.NEEDS_UNIT: f"交办 须填写承办单位编号（部门编号；市软建办自行承办的写 {CITY_OFFICE_UNIT}）",
    _c.OFFICE_AFTER_TWO_RETURNS: (
        f"交办了两次都被退回的，由市软建办自行承办：承办单位编号写 {CITY_OFFICE_UNIT}（不再交办其他部门）"
    ),
    _c.NEEDS_EXTENSION_DAYS: "延期 须填写延期工作日（批准延期的工作日数，只写数字，如 10）",
    _c.NEEDS_RATING: "回访 须填写回访评价（满意、基本满意、不满意）",
    _c.REOPENED_TWICE: (
        "重办只能一次：重办后再次回访仍不满意的，不能再重办；怎样处理尚待市里决定，目前请接着结案，在备注中写明仍不满意"
    ),
    _c.REOPENED_NOT_UNSATISFIED: "重办须接在评价为“不满意”的回访之后：请核对前一行回访的评价，或改正环节",
    # auditor a65 02's rule, said in English until clerk c56 (fc56b): the 环节 cell is the one to change
    _c.THIRD_RETURN: (
        f"第三次退回：交办了两次都被退回的，由市软建办自行承办（承办单位编号 {CITY_OFFICE_UNIT}），"
        "不能再退回：请把这一行的环节改为 签收（市软建办签收后按时限办理）"
    ),
}

ZH_RULES: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    (re.compile(r"^(\w+) is given only on an? (\w+) event \(\S+\), not on (\S+)$"), _misplaced),
    (re.compile(r"^supervised cannot come when the complaint is (.+)$"), _not_supervisable),
    (re.compile(rf"^(\w+) at (\S+) {_c.EARLIER}(?:, (\w+) at (\S+))?$"), _earlier),
    *((re.compile(f"^{re.escape(english)}$"), lambda m, zh=zh: zh) for english, zh in _STEP_ZH.items()),
)
