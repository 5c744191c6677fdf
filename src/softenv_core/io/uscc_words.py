"""What is wrong with a 统一社会信用代码 (unified social credit code), in the clerk's words: split
from io/workbook_messages.py, whose table translates the checks' messages with it."""

from __future__ import annotations

#: The characters of a 统一社会信用代码 (GB 32100-2015): digits and upper-case letters but I, O, Z, S, V.
_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def uscc_problem(code: str) -> str:
    """What is wrong with a 统一社会信用代码, in words the clerk can act on (where it is, what it
    should be) rather than "格式错误" (tclerk 04); the checks are python-stdnum's, in its order."""
    from stdnum.cn.uscc import calc_check_digit

    for i, ch in enumerate(code, 1):
        if ch.isspace() or ch == "-":
            what = "连字符 -" if ch == "-" else "空格" if ch in " \u3000\xa0" else "换行或制表符等空白"
            return f"格式错误：第 {i} 位是{what}，请删去（应为连续的 18 位数字和大写字母）"
        if ch.islower():
            return f"格式错误：第 {i} 位 {ch} 是小写字母，请改为大写 {ch.upper()}"
    if len(code) != 18:
        return f"长度错误：应为 18 位，现为 {len(code)} 位"
    for i, ch in enumerate(code, 1):
        if i <= 8 and not ch.isdigit():
            return f"格式错误：第 {i} 位 {ch} 应为数字（前 8 位是登记管理部门、机构类别和行政区划代码）"
        if ch not in _USCC_ALPHABET:
            return f"格式错误：第 {i} 位 {ch} 不允许（只能是数字和大写字母，不用 I、O、Z、S、V）"
    expected = calc_check_digit(code[:17])
    if code[17] != expected:
        return f"校验位错误：按前 17 位，第 18 位应为 {expected}，现为 {code[17]}（也可能是前 17 位抄错了）"
    return "统一社会信用代码无效"


__all__ = ["uscc_problem"]
