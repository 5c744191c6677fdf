"""Plugins used by the engine tests (each a small class with hook implementations)."""

from __future__ import annotations

from datetime import date

import attrs

from softenv_core import Award, Condition, ContactMethod, Failure, Month, PluginInfo, Rule, hookimpl, monthly_deadline
from softenv_core.model.periods import BEIJING
from softenv_core.plugin import DeadlinePolicy


class ExtraPointPlugin:
    """甲区: +5 for a point that attended a symposium (座谈) during the year."""

    __version__ = "1.2.0"

    def __init__(self, county: str = "379902") -> None:
        self.county = county

    @hookimpl
    def softenv_plugin_info(self):
        return PluginInfo(county=self.county, title="甲区加分规则", reference="甲区经贸委〔2024〕1号")

    @hookimpl
    def softenv_extra_point_rules(self, year, params):
        def symposium(ctx):
            ids = [c.id for c in ctx.contacts if c.method.value == "symposium"]
            return Award(5, "参加座谈会", ids) if ids else None

        return [
            Rule(
                id="jia.extra.symposium",
                label="jia.symposium",
                title_zh="参加座谈会加分",
                title_en="symposium attendance",
                reference="甲区经贸委〔2024〕1号 第三条",
                score=symposium,
                max_points=5,
                effective_from=date(2024, 1, 1),
            )
        ]


class ConstantExtraPlugin:
    """Adds a fixed number of points to every point of its county."""

    def __init__(self, county: str, points: float, rule_id: str = "const.extra") -> None:
        self.county, self.points, self.rule_id = county, points, rule_id

    @hookimpl
    def softenv_plugin_info(self):
        return PluginInfo(county=self.county, title="固定加分", reference="测试")

    @hookimpl
    def softenv_extra_point_rules(self, year, params):
        return [
            Rule(
                id=self.rule_id,
                label=self.rule_id,
                title_zh="固定加分",
                title_en="constant",
                reference="测试",
                score=lambda ctx: Award(self.points, "固定"),
                max_points=abs(self.points),
                effective_from=date(2022, 3, 1),
            )
        ]


class ReplaceContactPlugin:
    """Replaces the city's contact rule for its county: contacts count only when by visit."""

    def __init__(self, county: str = "379902", rule_id: str = "rep.contact", label: str = "duty.contact") -> None:
        self.county, self.rule_id, self.label = county, rule_id, label

    @hookimpl
    def softenv_plugin_info(self):
        return PluginInfo(county=self.county, title="替换联系规则", reference="测试")

    @hookimpl
    def softenv_point_rules(self, year, params):
        def visits(ctx):
            # Only the months the point owes count (a contact in a month it was designated for
            # too few working days to owe is inside its interval, but earns nothing).
            owed = set(ctx.active_months)
            months = {
                c.date.month
                for c in ctx.contacts
                if c.reached and c.method is ContactMethod.VISIT and Month(c.date.year, c.date.month) in owed
            }
            return Award(30 * len(months) / max(1, len(owed)), f"上门联系{len(months)}个月")

        return [
            Rule(
                id=self.rule_id,
                label=self.rule_id.replace(".", "-"),
                title_zh="上门联系",
                title_en="visits",
                reference="测试",
                score=visits,
                max_points=30,
                effective_from=date(2022, 3, 1),
                replaces=self.label,
            )
        ]


class StricterDeadlinePlugin:
    """Its county's report is due on the 3rd (moved to the next working day)."""

    def __init__(self, county: str = "379902", day: int = 3) -> None:
        self.county, self.day = county, day

    @hookimpl
    def softenv_plugin_info(self):
        return PluginInfo(county=self.county, title="提前报送", reference="测试")

    @hookimpl
    def softenv_report_deadline(self, county, month, calendar, params):
        return monthly_deadline(calendar, month, self.day, rule_id="strict.deadline", reference="测试")


class TopTenConditionPlugin:
    """Disqualifies its county from 十佳 whenever ``fail`` is set."""

    def __init__(self, county: str = "379902", fail: bool = True) -> None:
        self.county, self.fail = county, fail

    @hookimpl
    def softenv_plugin_info(self):
        return PluginInfo(county=self.county, title="十佳附加条件", reference="测试")

    @hookimpl
    def softenv_topten_conditions(self, year, params):
        fail = self.fail
        return [
            Condition(
                id="extra.topten",
                title_zh="附加条件",
                title_en="extra condition",
                reference="测试",
                check=lambda ctx: Failure("未满足附加条件") if fail else None,
                effective_from=date(2022, 3, 1),
            )
        ]


class RaisingPlugin:
    @hookimpl
    def softenv_plugin_info(self):
        return PluginInfo(county="379902", title="出错", reference="测试")

    @hookimpl
    def softenv_extra_point_rules(self, year, params):
        raise RuntimeError("boom")


class GarbagePlugin:
    @hookimpl
    def softenv_plugin_info(self):
        return PluginInfo(county="379902", title="返回错误类型", reference="测试")

    @hookimpl
    def softenv_extra_point_rules(self, year, params):
        return ["not a rule"]


class UnknownHookPlugin:
    @hookimpl
    def softenv_plugin_info(self):
        return PluginInfo(county="379902", title="未知钩子", reference="测试")

    @hookimpl
    def softenv_no_such_hook(self):
        return 1


class ShiftedDeadlinePlugin:
    """Answers for its county a deadline ``shift`` (a timedelta) away from the city's moment:
    with a negative shift of more than a month's days, one before the month has ended."""

    def __init__(self, county: str, shift) -> None:
        self.county, self.shift = county, shift

    @hookimpl
    def softenv_plugin_info(self):
        return PluginInfo(county=self.county, title="平移期限", reference="测试")

    @hookimpl
    def softenv_report_deadline(self, county, month, calendar, params):
        d = monthly_deadline(calendar, month, 5, rule_id="shift.deadline", reference="测试")
        due = d.due_at + self.shift
        # The day named moves with the moment (不顺延), as the engine requires of a 规定日.
        return attrs.evolve(d, due_at=due, nominal=due.astimezone(BEIJING).date(), policy=DeadlinePolicy.NO_MOVE)


class OffByOneDeadlinePlugin:
    """Gives the deadline of the month before: January's report due 6 January (audit 4, finding 01)."""

    def __init__(self, county: str = "379902") -> None:
        self.county = county

    @hookimpl
    def softenv_plugin_info(self):
        return PluginInfo(county=self.county, title="甲区细则", reference="甲区〔2025〕1号")

    @hookimpl
    def softenv_report_deadline(self, county, month, calendar, params):
        return monthly_deadline(calendar, month - 1, 5, rule_id="jia.deadline", reference="甲区: 5日前")
