"""The duty items' reasons (city.duty.*, rules/city/duty.py and rounds.py), in Chinese as the
results hold them and in English as an English document says them (engine.phrases): one
template for each, so the two cannot drift apart."""

from __future__ import annotations

from softenv_core.engine.phrases import Phrase

CONTACTS = Phrase(
    "应履职{n_active}个月中{n_reached}个月被联系上：{points} × {n_reached}/{n_active}",
    "reached in {n_reached} of {n_active} owed month(s): {points} × {n_reached}/{n_active}",
)
NOT_REACHED = Phrase("未联系上：{months}", "not reached: {months}")
FEEDBACK = Phrase(
    "有反馈的月份{n}个，满分需{shown}个（{full}×{n_active}/12）：{points} × {factor}",
    "{n} month(s) with feedback, {shown} needed for full points ({full}×{n_active}/12): {points} × {factor}",
)
FULL_FACTOR = Phrase("1（已达满分）", "1 (full points)")
FEEDBACK_SATURATED = Phrase(
    "有反馈的月份达到满分所需的{shown}个（≥{shown}；{full}×{n_active}/12）：{points} × {factor}",
    "months with feedback reach the {shown} needed for full points (≥{shown}; {full}×{n_active}/12): "
    "{points} × {factor}",
)
FEEDBACK_SHORT = Phrase(
    "有反馈的月份未达到满分所需，满分需{shown}个（{full}×{n_active}/12）：得{got}分",
    "months with feedback fall short of full points, {shown} needed ({full}×{n_active}/12): {got} points",
)
FALSE_FEEDBACK = Phrase(
    "经查虚假或恶意的直接反馈不计：{found}", "direct feedback found false or malicious, not counted: {found}"
)
NO_FALSE = Phrase("本年度无计入的经查虚假或恶意的投诉", "no complaint found false or malicious counted this year")
FALSE_FLOORED = Phrase(
    "max(0, {points} − {deduction} × {n}件经查虚假或恶意的投诉) = max(0, {raw})：不低于0，按0计",
    "max(0, {points} − {deduction} × {n} complaint(s) found false or malicious) = max(0, {raw}): not below 0",
)
FALSE_DEDUCTED = Phrase(
    "{points} − {deduction} × {n}件经查虚假或恶意的投诉",
    "{points} − {deduction} × {n} complaint(s) found false or malicious",
)
COUNTED_THIS_YEAR = Phrase("计入本年度：{found}", "counted this year: {found}")
COUNTED_LATER = Phrase(
    "年度结束后认定，计入认定年度：{found}", "found after the year end, counted in the year found: {found}"
)
ROUNDS = Phrase(
    "应参加万人评议{expected}轮，参加{taken}轮：{full} × {taken}/{expected}",
    "took part in {taken} of {expected} appraisal round(s) owed: {full} × {taken}/{expected}",
)
MISSED_ROUNDS = Phrase("未参加：{rounds}", "not taken part in: {rounds}")
ROUNDS_BY_OTHER = Phrase(
    "其中{rounds}由同一企业（统一社会信用代码相同）的另一监测点记录参加，计入本记录",
    "of these, {rounds} taken part in under another point record of the same enterprise (same USCC), counted here",
)
ROUNDS_PENDING = Phrase("{rounds}尚未结束（未到期），不计", "{rounds} not yet closed, not counted")

__all__ = [
    "CONTACTS",
    "COUNTED_LATER",
    "COUNTED_THIS_YEAR",
    "FALSE_DEDUCTED",
    "FALSE_FEEDBACK",
    "FALSE_FLOORED",
    "FEEDBACK",
    "FEEDBACK_SATURATED",
    "FEEDBACK_SHORT",
    "FULL_FACTOR",
    "MISSED_ROUNDS",
    "NOT_REACHED",
    "NO_FALSE",
    "ROUNDS",
    "ROUNDS_BY_OTHER",
    "ROUNDS_PENDING",
]
