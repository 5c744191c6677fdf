"""The summary's and the explanations' words (render/assessment.py), in Chinese and English:
labels, month states, and the scope a county's or a point's counts are said under. Apart from
the rendering so that the module stays short."""

from __future__ import annotations

from softenv_core.engine.ruletypes import MonthState

LABELS = {
    "zh": {
        "title": "{year}年度 软环境建设监测点 考核评议",
        "as_of": "数据截至 {at}（北京时间）：此后提交或记录的不计入，尚未到期的月份不计",
        "plugins": "已加载插件",
        "counties": "县区零报告执行情况与“十佳”资格",
        "county": "县区",
        "compliance": "合规得分",
        "eligible": "可评先进",
        "yes": "是",
        "no": "否",
        "none": "无",
        "why": "原因",
        "points": "监测点履职考评",
        "bands": "等次分布",
        "nominable": "符合表彰推荐条件的监测点",
        "points_withheld": "监测点履职考评、等次分布和符合表彰推荐条件的监测点仅向市软建办、有关县区和监测点本身提供，"
        "本阅读范围不列（不是没有）",
        "point": "监测点",
        "enterprise": "企业",
        "total": "得分",
        "band": "等次",
        "month": "月份",
        "due": "截止时间",
        "submitted": "首次报送",
        "status": "状态",
        "waiver": "豁免",
        "items": "得分明细",
        "rule": "规则",
        "reason": "计算",
        "evidence": "依据记录",
        "conditions": "条件",
        "sum": "合计（各项之和）",
        "notices": "提示",
        "zero": "零报告",
        "passed": "满足",
        "failed": "不满足",
        "active": "应履职月份",
        "months_n": "{n}个月",
        "designated": "在册期间",
        "deadline_for": "{county} {month} 月报截止时间",
        "calendar": "日历依据",
        "policy": "顺延规则",
        "nominal": "规定日",
        "replaces": "代替全市规则",
        # 暂定, as every other result and the refusal ("加 --provisional(结果标明“暂定”)") call it
        "provisional": "（暂定：按仅计周末的临时日历计算）",
        # the punctuation between a label and what follows, and between parts (GB/T 15834)
        ":": "：",
        ";": "；",
        ",": "，",
    },
    "en": {
        "title": "Soft-environment monitoring points: assessment of {year}",
        "as_of": "As of {at} (Beijing time): what was submitted or recorded later does not count; "
        "months not yet due are pending",
        "plugins": "Plugins loaded",
        "counties": "Counties: zero-report compliance and 十佳 eligibility",
        "county": "County",
        "compliance": "Compliance",
        "eligible": "May be rated 先进",
        "yes": "yes",
        "no": "no",
        "none": "none",
        "why": "why not",
        "points": "Points: duty scores",
        "bands": "Bands",
        "nominable": "Points eligible for nomination",
        "points_withheld": "Points' duty scores, bands and eligibility for nomination are given to the city office, "
        "each county and the point itself only: withheld here (not none)",
        "point": "Point",
        "enterprise": "Enterprise",
        "total": "Score",
        "band": "Band",
        "month": "Month",
        "due": "Due",
        "submitted": "First submitted",
        "status": "Status",
        "waiver": "Waiver",
        "items": "Score items",
        "rule": "Rule",
        "reason": "Computation",
        "evidence": "Evidence",
        "conditions": "Conditions",
        "sum": "Total (sum of items)",
        "notices": "Notices",
        "zero": "zero report",
        "passed": "met",
        "failed": "not met",
        "active": "Owed months",
        "months_n": "{n} month(s)",
        "designated": "Designated",
        "open_end": "open",
        "deadline_for": "Report deadline of {county} for {month}",
        "calendar": "Calendar",
        "policy": "Policy",
        "nominal": "nominal",
        "replaces": "replaces city rule",
        "provisional": "(provisional: weekends-only calendar)",
        ":": ": ",
        ";": "; ",
        ",": ", ",
    },
}
#: English month states; the Chinese label is the enum's own (``MonthState.zh``).
STATE_EN = {
    MonthState.ON_TIME: "on time",
    MonthState.LATE: "late",
    MonthState.MISSING: "missing",
    MonthState.WAIVED: "waived",
    MonthState.NOT_OWED: "not owed",
    MonthState.NOT_IN_FORCE: "not in force",
    MonthState.PENDING: "pending",
}

#: A county's or a point's count said as its own (fix helper fa83): (duty scores, eligible).
SCOPED = {
    "zh": {
        "county": ("本县区监测点履职考评", "本县区符合表彰推荐条件的监测点"),
        "point": ("本监测点履职考评", "本监测点符合表彰推荐条件"),
    },
    "en": {
        "county": ("Your county's points: duty scores", "Your county's points eligible for nomination"),
        "point": ("Your point: duty score", "Your point eligible for nomination"),
    },
}

__all__ = ["LABELS", "SCOPED", "STATE_EN"]
