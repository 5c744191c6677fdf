"""白河县 (379922): replaces the city's replaceable contact rule (label ``duty.contact``).

Policy: 白河县经贸委〔2024〕3号《关于提高监测点联系质量的通知》 (fictional), 第二条: a month
in which the county office reached the point on site (上门) or at a symposium (座谈) counts
in full; a month reached by telephone only counts 0.8; a month reached only online or by another
method, of which 第二条 says nothing, counts in full, as the city's rule counts it (README). The
points (duty.contact.points, 30 in the baseline: the award's figure and the rule's max_points
alike) and the pro-rating over active months are the city's. The 0.8 is the dated county parameter
county.379922.contact.phone_weight (parameters.json), cited in every award it weighs.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from softenv_core.plugin import (
    Award,
    ContactMethod,
    Month,
    ParameterSet,
    PluginInfo,
    PointYear,
    Rule,
    beijing_date,
    hookimpl,
    load_parameters,
    owes_month,
)

__version__ = "1.0.0"

COUNTY = "379922"
POLICY = "白河县经贸委〔2024〕3号《关于提高监测点联系质量的通知》"
IN_FORCE = date(2024, 1, 1)
PARAMS = load_parameters(__name__, "parameters.json", namespace=f"county.{COUNTY}")


#: How a month reached is labelled in the reason, by its best method (第二条): on site or at a
#: symposium, online or by another method, telephone only. A month reached by several methods
#: is labelled by the first of these three (in this order) it was reached by.
ON_SITE, ONLINE_OR_OTHER, PHONE_ONLY = "上门或座谈", "网络或其他", "仅电话"
_KIND = {
    ContactMethod.VISIT: ON_SITE,
    ContactMethod.SYMPOSIUM: ON_SITE,
    ContactMethod.ONLINE: ONLINE_OR_OTHER,
    ContactMethod.OTHER: ONLINE_OR_OTHER,
    ContactMethod.PHONE: PHONE_ONLY,
}
_RANK = {ON_SITE: 0, ONLINE_OR_OTHER: 1, PHONE_ONLY: 2}


def _contact_quality(ctx: PointYear) -> Award:
    points, pv = ctx.params.number("duty.contact.points", ctx.on)
    phone_weight, weight_pv = PARAMS.number("county.379922.contact.phone_weight", ctx.on)
    # 第二条 weighs on site and symposium months in full and telephone-only months by the
    # parameter; it says nothing of a month reached only online or by another method, which
    # counts in full, as the city's contact rule counts a month reached by any method (README).
    weights = {ON_SITE: Decimal(1), ONLINE_OR_OTHER: Decimal(1), PHONE_ONLY: phone_weight}
    best: dict[Month, str] = {}
    evidence: list[str] = []
    unowed: dict[Month, list[str]] = {}  # reached in a month the point does not owe: named, not counted
    for c in ctx.contacts:
        if not (c.reached and c.liaison == ctx.point.liaison):
            continue
        m = Month.of(c.date)
        if m not in ctx.active_months:
            unowed.setdefault(m, []).append(c.id)
            continue
        kind = _KIND.get(c.method, ONLINE_OR_OTHER)  # a method added later: another method
        if m not in best or _RANK[kind] < _RANK[best[m]]:
            best[m] = kind
        evidence.append(c.id)
    counts = {kind: sum(1 for k in best.values() if k == kind) for kind in weights}
    # The months the point owes (应履职), not the months it was designated (在册): a point
    # designated from 28 July is 在册 in July but owes it not (docs/rules.md; auditor a57 02).
    n = len(ctx.active_months)
    credit = sum((weights[k] for k in best.values()), Decimal(0))
    reason = f"应履职{n}个月：" + "，".join(f"{k}联系{counts[k]}个月 × {weights[k]}" for k in weights)
    reason += f"；{points} × {credit}/{n}"
    missed = [m for m in ctx.active_months if m not in best]
    if missed:  # in the city contact rule's words
        reason += f"；未联系上：{'、'.join(str(m) for m in missed)}"
    reason += _not_counted(ctx, unowed)
    return Award(points * credit / n if n else points, reason, evidence, (pv, weight_pv))


def _not_counted(ctx: PointYear, unowed: dict[Month, list[str]]) -> str:
    """The reached contacts of months not owed, in the city contact rule's words: those of
    the month still running at the assessment's instant (or later) 暂不计, as it may yet be
    owed, when the point's designation can still make it owed; all others 应履职月份以外 (a
    point removed on 10-03 never owes October: reviewer r54 05)."""
    running = Month.of(beijing_date(ctx.as_of)) if ctx.as_of is not None else None
    # Whether the point owes it once over: the city's own test (owes_month), which
    # ctx.active_months answers for the months already over.
    pending = {
        m: ids
        for m, ids in unowed.items()
        if running is not None and m >= running and owes_month(ctx.point, m, ctx.calendar, ctx.params)
    }
    over = {m: ids for m, ids in unowed.items() if m not in pending}
    text = "；应履职月份以外的联系不计：" + _by_month(over) if over else ""
    if pending:
        text += "；评估时点尚未结束的月份的联系暂不计：" + _by_month(pending)
    return text


def _by_month(ids: dict[Month, list[str]]) -> str:
    """``2025-07（C7）、2025-09（C9、C10）``, as the city's rules list records by month."""
    return "、".join(f"{m}（{'、'.join(ids[m])}）" for m in sorted(ids))


@hookimpl
def softenv_plugin_info() -> PluginInfo:
    return PluginInfo(county=COUNTY, title="白河县监测点联系质量", reference=POLICY)


@hookimpl
def softenv_point_rules(year: int, params: ParameterSet) -> Sequence[Rule]:
    return [
        Rule(
            id="baihe.duty.contact_quality",
            label="baihe.contact_quality",
            title_zh="联系质量",
            title_en="contact quality",
            reference=f"{POLICY} 第二条",
            score=_contact_quality,
            # The city's points, the same dated parameter the award reads (ctx.on, the year's
            # end) and the city's own contact rule is bounded by (docs/rules.md): a city raising
            # duty.contact.points raises this bound too, rather than every award at the new
            # figure stopping the city's assessment on a PluginError (auditor a76 01).
            max_points=params.number("duty.contact.points", date(year, 12, 31))[0],
            effective_from=IN_FORCE,
            replaces="duty.contact",
            # reads the point's contacts only: its reason may reach the county (docs/privacy.md)
            reads_direct_feedback=False,
        )
    ]
