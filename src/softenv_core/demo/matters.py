"""The matters (反映问题) that points raise: the usual ones, and others by category."""

from __future__ import annotations

import random

from softenv_core.model.reports import Item, ItemCategory

ISSUES = (
    (ItemCategory.OPERATIONS, "订单较上月增长, 生产经营平稳", None),
    (ItemCategory.DIFFICULTY, "用工紧张, 熟练技工招聘难", "city-hr"),
    (ItemCategory.POLICY, "希望延续稳岗补贴政策", "city-hr"),
    (ItemCategory.SERVICE, "施工许可办理环节多、时间长", "city-approval"),
    (ItemCategory.ENFORCEMENT, "同一事项多头检查", "city-amr"),
    (ItemCategory.FEES, "供电接入收取不合理费用", "city-power"),
    (ItemCategory.SERVICE, "出口退税到账慢", "city-tax"),
)
# Further matters the liaison offices hear, by category: (text, department or None; "county"
# stands for the point's own county's department).
MORE_ISSUES: dict[ItemCategory, tuple[tuple[str, str | None], ...]] = {
    ItemCategory.OPERATIONS: (
        ("一季度产值同比增长, 新增两条生产线", None),
        ("原材料价格上涨, 利润空间收窄", None),
        ("外贸订单减少, 正在开拓国内市场", None),
        ("节后复工顺利, 员工返岗率较高", None),
        ("资金周转偏紧, 应收账款回款慢", None),
    ),
    ItemCategory.DIFFICULTY: (
        ("流动资金贷款续贷难", None),
        ("厂区周边道路破损, 货车通行困难", "city-housing"),
        ("扩建项目用地指标未落实", "city-nr"),
        ("员工子女入学咨询无门", None),
    ),
    ItemCategory.POLICY: (
        ("企业技术改造补助政策不清楚如何申报", None),
        ("希望了解高新技术企业认定条件", None),
        ("社保费阶段性降费政策执行口径不一", "city-hr"),
    ),
    ItemCategory.SERVICE: (
        ("不动产登记窗口排队时间长", "city-nr"),
        ("环评审批材料反复补正", "city-env"),
        ("消防验收预约周期长", "city-fire"),
        ("营业执照变更需多次往返", "county-approval"),
    ),
    ItemCategory.ENFORCEMENT: (
        ("执法检查前未出示证件", "county-amr"),
        ("环保检查标准前后不一", "city-env"),
        ("同一月内被多个部门重复检查", "city-amr"),
        ("行政处罚自由裁量幅度过大", "county-amr"),
    ),
    ItemCategory.FEES: (
        ("检测收费标准不公开", "city-amr"),
        ("中介评估费用偏高", "city-approval"),
        ("物业代收电费加价", "city-power"),
    ),
    ItemCategory.OTHER: (("希望组织银企对接活动", None), ("建议增加企业服务专员", None)),
}


def raise_matters(rng: random.Random, county: str) -> tuple[Item, ...]:
    """One matter (sometimes two) a reached point raises: the usual ones often, others besides."""
    out: list[Item] = []
    for _ in range(2 if rng.random() < 0.12 else 1):
        if rng.random() < 0.5:
            cat, text, dept = ISSUES[rng.randrange(len(ISSUES))]
        else:
            cat = rng.choice(list(MORE_ISSUES))
            text, dept = rng.choice(MORE_ISSUES[cat])
        if dept is not None and dept.startswith("county-"):
            dept = f"{county}-{dept.removeprefix('county-')}"
        if all(i.text != text for i in out):
            out.append(Item(cat, text, dept))
    return tuple(out)
