"""Enterprise size (大中小微) by 统计上大中小微型企业划分办法(2017), 国统字〔2017〕213号.

The table lists, per industry, the lower bounds that a 大, 中 or 小 enterprise must *all*
meet; the size is the highest tier whose bounds are all met, else 微. Industries are keyed by
GB/T 4754-2017 section letter and, where the table splits a section, its two-digit division.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal

from attrs import frozen

from softenv_core._validators import NUMBER_WANTED, FieldInvalid, LabelledEnum, number_of

METHOD_VERSION = "NBS-2017"


class Size(LabelledEnum):
    """Enterprise size (企业规模)."""

    LARGE = ("large", "大型")
    MEDIUM = ("medium", "中型")
    SMALL = ("small", "小型")
    MICRO = ("micro", "微型")


# Figures: X employees (从业人员, people), Y revenue (营业收入, 万元), Z assets (资产总额, 万元).
# Rows: (label, {tier: {figure: lower bound}}); tiers in order large, medium, small.
_Bounds = Mapping[str, int]
_TABLE: dict[str, tuple[str, tuple[_Bounds, _Bounds, _Bounds]]] = {
    "agriculture": ("农、林、牧、渔业", ({"Y": 20000}, {"Y": 500}, {"Y": 50})),
    "industry": ("工业", ({"X": 1000, "Y": 40000}, {"X": 300, "Y": 2000}, {"X": 20, "Y": 300})),
    "construction": ("建筑业", ({"Y": 80000, "Z": 80000}, {"Y": 6000, "Z": 5000}, {"Y": 300, "Z": 300})),
    "wholesale": ("批发业", ({"X": 200, "Y": 40000}, {"X": 20, "Y": 5000}, {"X": 5, "Y": 1000})),
    "retail": ("零售业", ({"X": 300, "Y": 20000}, {"X": 50, "Y": 500}, {"X": 10, "Y": 100})),
    "transport": ("交通运输业", ({"X": 1000, "Y": 30000}, {"X": 300, "Y": 3000}, {"X": 20, "Y": 200})),
    "storage": ("仓储业", ({"X": 200, "Y": 30000}, {"X": 100, "Y": 1000}, {"X": 20, "Y": 100})),
    "postal": ("邮政业", ({"X": 1000, "Y": 30000}, {"X": 300, "Y": 2000}, {"X": 20, "Y": 100})),
    "hospitality": ("住宿和餐饮业", ({"X": 300, "Y": 10000}, {"X": 100, "Y": 2000}, {"X": 10, "Y": 100})),
    "telecom": ("信息传输业", ({"X": 2000, "Y": 100000}, {"X": 100, "Y": 1000}, {"X": 10, "Y": 100})),
    "software": ("软件和信息技术服务业", ({"X": 300, "Y": 10000}, {"X": 100, "Y": 1000}, {"X": 10, "Y": 50})),
    "real_estate": (
        "房地产开发经营",
        ({"Y": 200000, "Z": 10000}, {"Y": 1000, "Z": 5000}, {"Y": 100, "Z": 2000}),
    ),
    "property_mgmt": ("物业管理", ({"X": 1000, "Y": 5000}, {"X": 300, "Y": 1000}, {"X": 100, "Y": 500})),
    "leasing": ("租赁和商务服务业", ({"X": 300, "Z": 120000}, {"X": 100, "Z": 8000}, {"X": 10, "Z": 100})),
    "other": ("其他未列明行业", ({"X": 300}, {"X": 100}, {"X": 10})),
}

# GB/T 4754-2017 divisions that the table splits out of their section.
_DIVISIONS = {
    "51": "wholesale",
    "52": "retail",
    "53": "transport",
    "54": "transport",
    "55": "transport",
    "56": "transport",
    "57": "transport",
    "58": "transport",
    "59": "storage",
    "60": "postal",
    "63": "telecom",
    "64": "telecom",
    "65": "software",
}
_SECTIONS = {
    "A": "agriculture",
    "B": "industry",
    "C": "industry",
    "D": "industry",
    "E": "construction",
    "H": "hospitality",
    "L": "leasing",
}
# Sections the table splits, for which the section letter alone cannot classify.
_SPLIT = {"F", "G", "I", "K"}


@frozen
class SizeClassification:
    """The size (企业规模 大/中/小/微) that the figures give, with the rule used and why."""

    size: Size | None
    industry_row: str | None
    reason: str
    method_version: str = METHOD_VERSION


def industry_row(industry: str) -> str | None:
    """The table row for a GB/T 4754 code (``C``, ``C13``, ``F52``, ``K7010``), or None."""
    section, digits = industry[:1].upper(), industry[1:]
    if section == "K":
        special = {"701": "real_estate", "702": "property_mgmt"}
        return special.get(digits[:3], "other") if digits else None
    if section in _SECTIONS:
        return _SECTIONS[section]
    if section in _SPLIT:
        return _DIVISIONS.get(digits[:2]) or (None if not digits else "other")
    return "other" if section.isalpha() and section <= "T" else None


def classify_size(
    industry: str | None,
    employees: int | Decimal | None,
    revenue_wan: float | Decimal | None,
    assets_wan: float | Decimal | None,
) -> SizeClassification:
    """Classify by the 2017 method; ``size`` is None when the figures cannot decide. A wrong
    argument (an industry code that is no text, a figure that is no number) is FieldInvalid."""
    if industry is not None and not isinstance(industry, str):
        raise FieldInvalid(
            "industry", f"expected a GB/T 4754 code such as 'F52' or None, got {type(industry).__name__}"
        )
    # A Decimal (a database's Numeric column) counts as the number it is, as an Enterprise takes it.
    given = {"employees": employees, "revenue_wan": revenue_wan, "assets_wan": assets_wan}
    numbers = {name: number_of(value) for name, value in given.items()}
    for name, value in numbers.items():
        if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)):
            got = f"{type(value).__name__} {value!r:.40}"
            raise FieldInvalid(name, f"expected a number ({NUMBER_WANTED}) or None, got {got}")
        # As an Enterprise's figures are checked (_validators.non_negative): NaN, which fails
        # every bound, and a negative figure were classified 微型 "below the 小型 bounds" (i44).
        if value is not None and not 0 <= value < 1e300:
            raise FieldInvalid(name, f"must be a non-negative finite number of reasonable size, got {value!r:.40}")
    if industry is None:
        return SizeClassification(None, None, "no GB/T 4754 industry code given")
    row = industry_row(industry)
    if row is None:
        return SizeClassification(
            None, None, f"industry {industry!r} is too coarse for the table; give the division (e.g. F52)"
        )
    label, tiers = _TABLE[row]
    figures = {"X": numbers["employees"], "Y": numbers["revenue_wan"], "Z": numbers["assets_wan"]}
    needed = sorted({k for tier in tiers for k in tier})
    missing = [k for k in needed if figures[k] is None]
    if missing:
        names = {"X": "employees", "Y": "revenue_wan", "Z": "assets_wan"}
        return SizeClassification(None, row, f"{label}: needs {', '.join(names[k] for k in missing)}")
    for size, bounds in zip((Size.LARGE, Size.MEDIUM, Size.SMALL), tiers, strict=True):
        if all((figures[k] or 0) >= v for k, v in bounds.items()):
            shown = ", ".join(f"{k}≥{v}" for k, v in bounds.items())
            return SizeClassification(size, row, f"{label}: meets {size.zh} bounds {shown}")
    return SizeClassification(Size.MICRO, row, f"{label}: below the 小型 bounds")


#: The figures and reasons above (``工业: meets 小型 bounds X≥20, Y≥300; NBS-2017``) as the
#: clerk reads them: she typed 从业人员 and 营业收入, not X and Y (c21).
_SIZE_WORDS = (
    (re.compile(r"^([^:\s]+): "), r"\1："),
    (re.compile(r"meets (\S+) bounds "), r"达到\1标准 "),
    (re.compile(r"below the (\S+) bounds"), r"未达到\1标准"),
    (re.compile(r"\bX≥(\d+)"), r"从业人员≥\1人"),
    (re.compile(r"\bY≥(\d+)"), r"营业收入≥\1万元"),
    (re.compile(r"\bZ≥(\d+)"), r"资产总额≥\1万元"),
    (re.compile(r", "), "、"),
    (re.compile(r"; NBS-2017$"), "；统计上大中小微型企业划分办法（2017）"),
)


def zh_size_reason(reason: str) -> str:
    """A :class:`SizeClassification` reason in Chinese (``工业: 达到小型标准 从业人员≥20人、…``)."""
    for pattern, words in _SIZE_WORDS:
        reason = pattern.sub(words, reason)
    return reason


__all__ = ["METHOD_VERSION", "Size", "SizeClassification", "classify_size", "industry_row", "zh_size_reason"]
