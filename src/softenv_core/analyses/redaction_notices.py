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
        "aggregate:feedback": "涉及直接反馈的计分项仅列分值，不列依据记录及分值所示以外的计数",
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


__all__ = ["MASKED_ZH", "notice_label"]
