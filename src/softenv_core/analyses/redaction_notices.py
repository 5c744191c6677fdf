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


def notice_label(key: str, office: str) -> str:
    """The notice of a redaction tally ``key`` (``withheld:point``, ``masked:phone``…);
    ``office`` is the dataset's name of the city office (市软建办 in the baseline)."""
    if key.startswith("masked:"):
        kind = key.removeprefix("masked:")
        return f"文字中已遮蔽的{MASKED_ZH.get(kind, kind)}"
    labels = {
        "references": "投诉以本阅读范围专用编号显示",
        "withheld:complaint": "直接反馈记录不列编号，仅计总数",
        # Every point's items of the rules that may read direct feedback are so shown, whether
        # or not any point complained (docs/privacy.md): said as such, so that a county with no
        # complaint does not read "涉及直接反馈" as feedback made (clerk c51 07).
        "aggregate:feedback": "“反映情况”“监督质量”等可依据直接反馈计分的项目，"
        "不论有无直接反馈，一律只列分值，不列依据记录及分值所示以外的计数",
        "withheld:point": "其他监测点不列",
        "withheld:reason": "未声明不读取直接反馈的插件规则不列计分说明",
        "withheld:condition": f"县区插件十佳条件未满足的说明由{office}掌握",
        "suppressed:cell": "数量较小或可据以推算的单元已隐去",
        "withheld:raters": "参评监测点名单不列",
        "withheld:county": "事项所在县区因单元过小不列",
        "unscored": "有效评议不足的部门不计分",
        "withheld:section": f"仅供{office}的部分不列",
    }
    return labels.get(key, key)


#: The end of the notice of an installed county plugin whose county the dataset lacks.
_ELSEWHERE = ", which the dataset does not have"


def plugin_elsewhere(name: str, county: str) -> str:
    """The assessment's notice of an installed county plugin serving ``county``, which the
    dataset does not have (render.notices words it in Chinese)."""
    return f"plugin {name!r} serves county {county}{_ELSEWHERE}"


def shown_outside(notice: str) -> bool:
    """Whether an assessment's ``notice`` is for readers outside the city office too. Not that
    of a plugin serving a county the dataset lacks: which county plugins are installed is the
    office's doing, and a county, a department or the public can do nothing about it (clerk
    c51 07: three such lines in a county's results, text and workbook)."""
    return not (notice.startswith("plugin '") and notice.endswith(_ELSEWHERE))


__all__ = ["MASKED_ZH", "notice_label", "plugin_elsewhere", "shown_outside"]
