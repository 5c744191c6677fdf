"""The words of the notices (说明) a redacted result carries for a reader outside the city
office: what was withheld, suppressed or masked, each with its count (split from
analyses/redaction.py, which counts them)."""

from __future__ import annotations

#: What a text screen (analyses.disclosure.TextScreen) masked in record text, named in Chinese:
#: the notice read ``文字中已遮蔽 point 3 处``, the screen's own English word among the Chinese
#: (attacker x42).
MASKED_ZH = {
    "enterprise": "企业名称",
    "person": "联系人姓名",
    "id_number": "身份证号",
    "credit_code": "信用代码",
    "phone": "电话号码",
    "point": "监测点编号",
    "complaint": "直接反馈编号",
}


#: In English, for the English documents (render.notices_en): what a screen masked.
MASKED_EN = {
    "enterprise": "enterprise names",
    "person": "contact persons' names",
    "id_number": "ID card numbers",
    "credit_code": "credit codes",
    "phone": "phone numbers",
    "point": "monitoring point ids",
    "complaint": "direct feedback ids",
}

#: The notice of each redaction tally but the masks, ``{office}`` the city office's name: the
#: words the results hold (Chinese, for officials).
LABELS_ZH = {
    "references": "投诉以本阅读范围专用编号显示",
    "withheld:complaint": "直接反馈记录不列编号，仅计总数",
    # Every point's items of the rules that may read direct feedback are so shown, whether
    # or not any point complained (docs/privacy.md): said as such, so that a county with no
    # complaint does not read "涉及直接反馈" as feedback made (clerk c51 07).
    "aggregate:feedback": "“反映情况”“监督质量”等可依据直接反馈计分的项目，"
    "不论有无直接反馈，一律只列分值，不列依据记录及分值所示以外的计数",
    "withheld:point": "其他监测点不列",
    "withheld:reason": "未声明不读取直接反馈的插件规则不列计分说明",
    "withheld:condition": "县区插件十佳条件未满足的说明由{office}掌握",
    "suppressed:cell": "数量较小或可据以推算的单元已隐去",
    "withheld:raters": "参评监测点名单不列",
    "withheld:county": "事项所在县区因单元过小不列",
    "unscored": "有效评议不足的部门不计分",
}

#: The same notices in English, for an English document's reader (render.notices_en): every key
#: of LABELS_ZH has one (a test holds them together).
LABELS_EN = {
    "references": "complaints shown by references for this audience only",
    "withheld:complaint": "direct feedback records not listed by id, counted in the total only",
    "aggregate:feedback": "items that may be scored on direct feedback (such as reporting and supervision "
    "quality) show only their points, whether or not there was any direct feedback: no records "
    "behind them and no counts beyond what the points show",
    "withheld:point": "other monitoring points not listed",
    "withheld:reason": "no scoring explanation for plugin rules that do not declare they read no direct feedback",
    "withheld:condition": "why a county plugin's top-ten condition is not met is held by {office}",
    "suppressed:cell": "cells small or that could be worked out from others withheld",
    "withheld:raters": "the list of points taking part in the appraisal not given",
    "withheld:county": "the county of a matter not given, its cell being too small",
    "unscored": "departments with too few valid appraisals not scored",
}


def notice_label(key: str, office: str) -> str:
    """The notice of a redaction tally ``key`` (``withheld:point``, ``masked:phone``…);
    ``office`` is the dataset's name of the city office (市软建办 in the baseline)."""
    if key.startswith("masked:"):
        kind = key.removeprefix("masked:")
        return f"文字中已遮蔽的{MASKED_ZH.get(kind, kind)}"
    label = LABELS_ZH.get(key)
    # str.replace, not format: the office is a record's text, and a brace in it is no field.
    return key if label is None else label.replace("{office}", office)


#: The year end's parts given to the city office only (their rule ``city`` in FIELD_RULES), by
#: the names the city office's year end gives them (sections 七, 八 and 九's additions).
CITY_PARTS_ZH = {"followups": "事项跟踪办理", "research": "专项调研开展情况", "additions": "增设监测点建议"}
#: The same parts by the English year end's names.
CITY_PARTS_EN = {
    "followups": "follow-up of matters",
    "research": "research topics of the year",
    "additions": "proposals to add points",
}


def city_parts_notice(fields: list[str], office: str) -> str:
    """The one notice of the city-only ``fields`` withheld (at least one): said to every reader
    outside the city office whatever they hold, and counting nothing (fix helper fc60b: a count
    of the parts withheld, or a notice said only over one that held something, would tell a
    county whether a department suggested a point be added in it). A field without a name here
    is named by its own."""
    names = [CITY_PARTS_ZH.get(f, f) for f in fields]
    listed = "、".join(names[:-1]) + "和" + names[-1] if len(names) > 1 else names[0]
    return f"{listed}仅供{office}，本阅读范围不列（不是没有）"


#: The notice of an installed county plugin whose county the dataset lacks, its name as ``repr``
#: quotes it; PLUGIN_ELSEWHERE matches it (render.notices words it in Chinese by this pattern).
_ELSEWHERE = "plugin {name!r} serves county {county}, which the dataset does not have"
PLUGIN_ELSEWHERE = r"(?s)^plugin (.+) serves county (\d{6}), which the dataset does not have$"


def plugin_elsewhere(name: str, county: str) -> str:
    """The assessment's notice of an installed county plugin serving ``county``, which the
    dataset does not have (render.notices words it in Chinese)."""
    return _ELSEWHERE.format(name=name, county=county)


def shown_outside(notice: str) -> bool:
    """Whether an assessment's ``notice`` is for readers outside the city office too. Not that
    of a plugin serving a county the dataset lacks: which county plugins are installed is the
    office's doing, and a county, a department or the public can do nothing about it (clerk
    c51 07: three such lines in a county's results, text and workbook).

    Known as :func:`plugin_elsewhere` makes it: the quoted name read back as a Python string and
    the notice made again from it. Matched by its opening ``plugin '``, a name holding a ``'``
    (which repr quotes in ``"``) reached a county's results (reviewer r54 04)."""
    import re

    found = re.match(PLUGIN_ELSEWHERE, notice)
    return found is None or plugin_elsewhere(_quoted(found[1]), found[2]) != notice


def _quoted(text: str) -> str:
    """The string a repr ``text`` quotes, or ``""`` when it is none (a notice no repr made)."""
    if text[:1] not in ("'", '"'):  # nothing else is a string literal: literal_eval reads it alone
        return ""
    from ast import literal_eval

    try:
        value = literal_eval(text)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return ""
    return value if isinstance(value, str) else ""


__all__ = [
    "CITY_PARTS_EN",
    "CITY_PARTS_ZH",
    "LABELS_EN",
    "LABELS_ZH",
    "MASKED_EN",
    "MASKED_ZH",
    "PLUGIN_ELSEWHERE",
    "city_parts_notice",
    "notice_label",
    "plugin_elsewhere",
    "shown_outside",
]
