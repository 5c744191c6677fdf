"""A point rule's context carries the assessment's instant, ``PointYear.as_of`` (review p22).

It carried none: ``active_months``, ``contacts`` and ``complaints`` were cut at ``as_of``, but a
rule reading other records of ``ctx.dataset`` (reports, ratings, waivers) could not cut them
itself, and a rule needing "now" was left with the clock.
"""

from datetime import date

from softenv_core import CITY_OFFICE, Award, PluginInfo, Rule, assess, get_plugin_manager, hookimpl
from softenv_core.testing import beijing, small_dataset


class _SeesTheInstant:
    """Names in its reason the county's reports on file at ``ctx.as_of``, as the guide says."""

    @hookimpl
    def softenv_plugin_info(self):
        return PluginInfo(county="379902", title="时点", reference="测试")

    @hookimpl
    def softenv_extra_point_rules(self, year, params):
        def score(ctx):
            on_file = [
                r.id
                for r in ctx.dataset.reports
                if r.county == ctx.point.county and r.submitted_at is not None and r.submitted_at <= ctx.as_of
            ]
            return Award(0, f"截至{ctx.as_of.isoformat()}已报{len(on_file)}份", sorted(on_file))

        rule = Rule(
            id="asof.reports",
            label="asof.reports",
            title_zh="时点",
            title_en="instant",
            reference="测试",
            score=score,
            max_points=1,
            effective_from=date(2022, 3, 1),
        )
        return [rule]


def _reason(result):
    (point,) = [p for p in result.points if p.county == "379902" and any(i.rule.id == "asof.reports" for i in p.items)]
    return next(i.reason for i in point.items if i.rule.id == "asof.reports")


def test_a_point_rule_sees_the_instant_asked_and_reads_the_dataset_as_known_then():
    pm = get_plugin_manager(autoload=False, plugins=[("asof", _SeesTheInstant())])
    dataset = small_dataset(2025)
    mid_year = beijing(2025, 7, 15, 12, 0)
    result = assess(dataset, 2025, pm, audience=CITY_OFFICE, as_of=mid_year)
    # June's report is due by 7 July, so six reports (Jan–Jun) are on file on 15 July
    assert _reason(result) == f"截至{mid_year.isoformat()}已报6份"
    default = assess(dataset, 2025, pm, audience=CITY_OFFICE)
    assert default.as_of is not None and _reason(default) == f"截至{default.as_of.isoformat()}已报12份"


def test_a_point_year_built_outside_an_assessment_has_no_instant():
    from softenv_core.engine.parameters import baseline_parameters
    from softenv_core.plugin import PointYear
    from softenv_core.workdays.calendar import WorkCalendar

    dataset = small_dataset(2025)
    ctx = PointYear(dataset.points[0], 2025, (), (), (), (), (), dataset, WorkCalendar(), baseline_parameters())
    assert ctx.as_of is None
