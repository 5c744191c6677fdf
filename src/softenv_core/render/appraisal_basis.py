"""How a 万人评议 round's department scores were worked out, as the year-end document prints it
under the round's table (section 一): the method with the published group weights (DESIGN:
"group weights are a city decision, published with the result"), the round's parameters with
their dates and sources, then each department's formula with its numbers.

The table alone gave a score, a rank and 末位 with nothing to recompute them from (auditor
a37): the weights, the 基本满意 credit, ``appraisal.min_valid`` and ``appraisal.bottom_n`` were
in the JSON only, and each department's ``reason`` only in the workbook. The reasons are the
result's, already redacted for the document's reader (a department whose group tally is
below ``privacy.min_cell`` reads its score alone), so nothing here adds to what they show.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal

from softenv_core.analyses.appraisal_scores import RoundResult
from softenv_core.analyses.year_end import YearEnd
from softenv_core.engine.parameters import baseline_parameters
from softenv_core.engine.trace import ParamValue
from softenv_core.model.appraisals import RaterGroup
from softenv_core.render.escape import md_inline
from softenv_core.render.notices_en import en_notice
from softenv_core.render.parameter_lines import parameter_text, shown


def _group(key: str, zh: bool) -> str:
    try:
        member = RaterGroup.from_value(key)
    except ValueError:  # a group the enum does not know (a parameter file's typo): as written
        return key
    return member.zh if zh else member.value


def _method(by_name: dict[str, ParamValue], zh: bool) -> str:
    weights = by_name["appraisal.group_weights"].number_by_key()
    credit = by_name["appraisal.basically_credit"].number()
    min_valid = by_name["appraisal.min_valid"].whole()
    bottom_n = by_name["appraisal.bottom_n"].whole()
    listed = ("，" if zh else ", ").join(f"{_group(k, zh)} {Decimal(v).normalize():f}" for k, v in weights.items())
    # A group weighted 0 counts neither in the score nor toward min_valid (reviewer r63 03).
    zero = any(not v for v in weights.values())
    if zh:  # full-width brackets around the document's own Chinese words (GB/T 15834; clerk c52 07)
        return (
            f"计算方法：得分 = 100 × Σ 权重 ×（满意 + {credit} × 基本满意）/ 有效评价 ÷ Σ 权重，"
            f"只计给出有效评价的评议组（不了解不计入有效评价）；评议组权重 {listed}；"
            f"有效评价{'（权重为0的评议组不计）' if zero else ''}少于{min_valid}份的不排名；"
            f"按得分（保留两位小数）排名，后{bottom_n}名标记末位（并列同标，第1名不标）。"
        )
    return (
        f"Method: score = 100 × Σ weight × (satisfied + {credit} × basically) / valid ÷ Σ weight, "
        f"over the rater groups with valid ratings (unknown is not valid); weights {listed}; "
        f"fewer than {min_valid} valid ratings{' (a group weighted 0 not counted)' if zero else ''}: "
        f"not ranked; ranked on the shown score, the last {bottom_n} "
        "places flagged bottom (ties alike, never rank 1)."
    )


def _value(pv: ParamValue, zh: bool) -> str:
    """A parameter's value as the reader reads it: the group weights by each group's Chinese name
    in a Chinese document (``监测点企业 0.4, …``), where JSON keys (``"point": 0.4``) were English."""
    if zh and isinstance(pv.value, Mapping):
        return "，".join(f"{_group(str(k), zh)} {shown(v)}" for k, v in pv.value.items())
    return shown(pv.value)


def round_basis_lines(
    r: RoundResult, zh: bool, esc: Callable[[object], str] = md_inline, *, departments: bool = True
) -> list[str]:
    """The method, the parameters and each department's formula (``departments``), as Markdown
    lines (escaped by ``esc``: the Word year end passes ``str`` and screens the text itself)."""
    by_name = {pv.name: pv for pv in r.params}
    out: list[str] = []
    if {"appraisal.group_weights", "appraisal.basically_credit", "appraisal.min_valid", "appraisal.bottom_n"} <= set(
        by_name
    ):
        out += [esc(_method(by_name, zh)), ""]
    lang = "zh" if zh else "en"
    # Officials read a parameter's title and its Chinese reference, never its identifier.
    titles = baseline_parameters()
    out += [
        "- " + esc(parameter_text(pv, lang, name=titles.title(pv.name) if zh else None, value=_value(pv, zh)))
        for pv in r.params
    ]
    return out + (department_lines(r, zh, esc) if departments else [])


def department_lines(r: RoundResult, zh: bool, esc: Callable[[object], str] = md_inline) -> list[str]:
    """Each department's formula with its numbers, as Markdown list lines (the Word year end
    sets them in its annex: several pages of body text, clerk c52 07)."""
    out = []
    for d in r.departments:
        if zh:  # the score in full-width brackets after the Chinese name (GB/T 15834; c52 07)
            score = f"（{d.score}）" if d.score is not None else ""
            out.append(f"- {esc(d.name)}{score}：{esc(d.reason)}")
        else:
            score = f" ({d.score})" if d.score is not None else ""
            out.append(f"- {esc(d.name)}{score}: {esc(en_notice(d.reason))}")
    return out


def unrated_line(audience: str, zh: bool) -> str:
    """What a round with no department row says in place of its table (auditor a65 04: a header
    row alone read as a ranking). A department reads only its own row, so for it none means it
    was not rated in the round; for every other reader, that the round has no rating at all.
    Nothing of the raters: only that there is no rating."""
    if audience.startswith("department:"):
        return (
            "本轮没有对本部门的评议记录，本部门未列入本轮评议结果。"
            if zh
            else "This round has no rating of your department: it is not in the round's results."
        )
    return "本轮没有评议记录，无评议结果。" if zh else "No rating is recorded in this round: it has no results."


def taking_part_line(y: YearEnd, r: RoundResult, zh: bool, esc: Callable[[object], str] = md_inline) -> str:
    """Who took part, as true for the reader (x21 03), the one wording of the Markdown and Word
    year ends: the city office's counts; a county's (a point's) own points, said so; a department
    and the public are given no list (docs/privacy.md) and are told so, not "0个, 未参加0个" beside
    a round of many ratings, naming the city office as the dataset does (``YearEnd.office``)."""
    audience = y.audience
    took, missed = len(r.points_taking_part), len(r.points_not_taking_part)
    if audience == "city":
        return f"参加评议的监测点{took}个，未参加{missed}个。" if zh else f"Points taking part: {took}; not: {missed}."
    if audience.startswith("county:"):
        return (
            f"本县区监测点参加评议{took}个，未参加{missed}个。"
            if zh
            else f"Your county's points that took part: {took}; not: {missed}."
        )
    if audience.startswith("point:"):
        if not took and not missed:
            # In neither list, so it did not owe the round (docs/yearend.md), and was told it had
            # not taken part (auditor a74 02): the year named only when it is why (reviewer r63
            # 08): designated during the window but after the round's year or owing no month of
            # it (points_not_held; rules/city/rounds.rounds_held, a74 03, r63 02).
            if r.points_not_held:
                year = r.period[:4]
                return (
                    f"本轮评议属{year}年度，本监测点在该年度内无应履职月份，不需参加本轮评议。"
                    if zh
                    else f"This round belongs to {year}, in which your point owed no month: it did not owe this round."
                )
            return (
                "本监测点在本轮评议期间未在册，不需参加本轮评议。"
                if zh
                else "Your point was not on the roster during this round's window: it did not owe this round."
            )
        if zh:
            return "本监测点参加了本轮评议。" if took else "本监测点未参加本轮评议。"
        return "Your point took part in this round." if took else "Your point did not take part in this round."
    if zh:
        return f"参加评议的监测点名单仅向{esc(y.office)}和有关县区提供，本阅读范围不列（不是没有）。"
    return "Which points took part is given to the city office and each county only: withheld here (not none)."


__all__ = ["department_lines", "round_basis_lines", "taking_part_line", "unrated_line"]
