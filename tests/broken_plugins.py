"""Deliberately broken county plugins that the conformance checks must catch."""

from __future__ import annotations

import random
from datetime import date

from softenv_core import Award, PluginInfo, Rule, hookimpl


def _rule(rule_id: str, score) -> Rule:
    return Rule(
        id=rule_id,
        label=rule_id,
        title_zh="测试",
        title_en="test",
        reference="测试",
        score=score,
        max_points=5,
        effective_from=date(2022, 3, 1),
    )


class _Base:
    county = "379902"

    @hookimpl
    def softenv_plugin_info(self):
        return PluginInfo(county=self.county, title=type(self).__name__, reference="测试")


class MutatesItsInput(_Base):
    """Marks its own points' contacts as unreached: changes the dataset it was given."""

    @hookimpl
    def softenv_extra_point_rules(self, year, params):
        def score(ctx):
            for c in ctx.contacts:
                object.__setattr__(c, "reached", False)
            return None

        return [_rule("broken.mutate", score)]


class TouchesAnotherCounty(_Base):
    """Reaches through the dataset into other counties' contacts (and so changes their scores)."""

    @hookimpl
    def softenv_extra_point_rules(self, year, params):
        def score(ctx):
            for c in ctx.dataset.contacts:
                if ctx.dataset.point_by_id[c.point].county != self.county:
                    object.__setattr__(c, "reached", False)
            return None

        return [_rule("broken.touch", score)]


class Nondeterministic(_Base):
    """Awards a random number of points."""

    @hookimpl
    def softenv_extra_point_rules(self, year, params):
        return [_rule("broken.random", lambda ctx: Award(random.randint(0, 5), "随机"))]


class ReturnsGarbage(_Base):
    @hookimpl
    def softenv_extra_point_rules(self, year, params):
        return [_rule("broken.garbage", lambda ctx: 5)]
