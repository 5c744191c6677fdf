"""The duty items' reasons (city.duty.*, rules/city/duty.py and rounds.py), in Chinese as the
results hold them and in English as an English document says them (engine.phrases): one
template for each, so the two cannot drift apart."""

from __future__ import annotations

from softenv_core.engine.phrases import DAY, ID, Phrase

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
NO_CLOSED_ROUND = Phrase(
    "在册期间无已结束的万人评议轮次，按满分计", "no appraisal round closed while designated: full points"
)
NO_CLOSED_ROUND_THIS = Phrase(
    "在册期间无本年度已结束的万人评议轮次，按满分计",
    "no appraisal round of this year closed while designated: full points",
)
NO_ROUND_FULL = Phrase("在册期间无万人评议轮次，按满分计", "no appraisal round while designated: full points")
NO_ROUND_FULL_THIS = Phrase(
    "在册期间无本年度的万人评议轮次，按满分计", "no appraisal round of this year while designated: full points"
)
BEFORE_BASELINE = Phrase(
    "{rounds}在基线施行（{since}）前结束，不计",
    "{rounds} closed before the baseline took effect ({since}), not counted",
)
EARLIER_YEAR = Phrase(
    "{round}属{year}年度，不计入本年度",
    "{round} belongs to {year}, not counted this year",
    shapes=(("round", ID),),
    verbatim=("round",),
)
#: A finding's day and time (duty.py _finding).
_FOUND = (("found", rf"{DAY} \d{{2}}:\d{{2}}"), ("id", ID))
FINDING = Phrase(
    "{id}（{received}收到，认定于{found}）",
    "{id} (received {received}, found false {found})",
    shapes=_FOUND,
    verbatim=("id",),
)
FINDING_OTHER_YEAR = Phrase(
    "{id}（{received}收到，认定于{found}，计入{year}年）",
    "{id} (received {received}, found false {found}, counted in {year})",
    shapes=_FOUND,
    verbatim=("id",),
)
WITHDRAWN = Phrase(
    "{id} 已重办（{at}）后撤回（{withdrawn}）",
    "{id} reopened ({at}), then withdrawn ({withdrawn})",
    shapes=(("id", ID),),
    verbatim=("id",),
)
REOPENED = Phrase("{id} 已重办（{at}）", "{id} reopened ({at})", shapes=(("id", ID),), verbatim=("id",))
NOT_FALSE_YET = Phrase("{ids}，重新办结前不按虚假计", "{ids}: not counted as false until resolved again")
NOT_FALSE_WITHDRAWN = Phrase(
    "{ids}，不按虚假计（重办后撤回的，原虚假认定是否仍计，待市里明确）",
    "{ids}: not counted as false (whether the earlier finding still counts once withdrawn after reopening is for "
    "the city to decide)",
)
CAPPED = Phrase("加分合计{extra}超过上限{cap}，按{cap}计", "extra points {extra} above the cap {cap}: {cap} counted")
FLOORED = Phrase(
    "扣分后总分{total}低于{floor}，按{floor}计",
    "total {total} after deductions below the floor {floor}: {floor} counted",
)
NO_MONTH_OWED = Phrase("无应报月份", "no month owed")
OUTSIDE_CONTACTS = Phrase(
    "在册期间（{span}）以外的联系不计：{months}", "contacts outside the designation ({span}) are not counted: {months}"
)
ROUNDS_PENDING = Phrase("{rounds}尚未结束（未到期），不计", "{rounds} not yet closed, not counted")

__all__ = [
    "BEFORE_BASELINE",
    "CAPPED",
    "CONTACTS",
    "COUNTED_LATER",
    "COUNTED_THIS_YEAR",
    "EARLIER_YEAR",
    "FALSE_DEDUCTED",
    "FALSE_FEEDBACK",
    "FALSE_FLOORED",
    "FEEDBACK",
    "FEEDBACK_SATURATED",
    "FEEDBACK_SHORT",
    "FINDING",
    "FINDING_OTHER_YEAR",
    "FLOORED",
    "FULL_FACTOR",
    "MISSED_ROUNDS",
    "NOT_FALSE_WITHDRAWN",
    "NOT_FALSE_YET",
    "NOT_REACHED",
    "NO_CLOSED_ROUND",
    "NO_CLOSED_ROUND_THIS",
    "NO_FALSE",
    "NO_MONTH_OWED",
    "NO_ROUND_FULL",
    "NO_ROUND_FULL_THIS",
    "OUTSIDE_CONTACTS",
    "REOPENED",
    "ROUNDS",
    "ROUNDS_BY_OTHER",
    "ROUNDS_PENDING",
    "WITHDRAWN",
]
