"""Plugin author p30 (临水区 379903): what the library and the kit told a county plugin author."""

from __future__ import annotations

from datetime import date

import attrs

from softenv_core.plugin import Award, PluginInfo, PointYear, Rule, hookimpl
from softenv_core.testing import check_plugin


class QuickFixToday:
    """+2 once for a problem raised in a contact and resolved (已解决) within 10 working days,
    the follow-ups read up to ``date.today()`` instead of ``ctx.as_of``: the kit's data had no
    follow-up, so its clock check passed the rule."""

    @hookimpl
    def softenv_plugin_info(self) -> PluginInfo:
        return PluginInfo(county="379903", title="临水区", reference="临水区〔2025〕9号")

    @hookimpl
    def softenv_extra_point_rules(self, year: int, params: object) -> list[Rule]:
        def score(ctx: PointYear) -> Award | None:
            mine = {c.id: c for c in ctx.contacts if c.items}
            done = [
                (mine[f.record], f)
                for f in sorted(ctx.dataset.followups, key=lambda f: f.id)
                if f.record in mine and f.kind.value == "resolved" and f.date <= date.today()
            ]
            quick = [(c, f) for c, f in done if ctx.calendar.workdays_between(c.date, f.date) <= 10]
            return Award(2, "问题10个工作日内解决", [quick[0][0].id, quick[0][1].id]) if quick else None

        rule = Rule(
            id="county.379903.extra.quick_fix",
            label="quick_fix",
            title_zh="问题快速解决",
            title_en="quick fix",
            reference="临水区〔2025〕9号 第九条",
            score=score,
            max_points=2,
            effective_from=date(2025, 1, 1),
        )
        return [attrs.evolve(rule, reads_direct_feedback=False)]


def test_the_clock_check_sees_a_rule_reading_follow_ups_against_the_clock() -> None:
    report = check_plugin(QuickFixToday(), "linshui", max_examples=1)
    problem = report.failures.get("deterministic", "")
    assert "rule county.379903.extra.quick_fix" in problem and "reads the clock" in problem
    assert "date.today()" in problem  # the line of the source that calls it
