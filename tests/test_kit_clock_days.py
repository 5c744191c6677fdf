"""The ``deterministic`` check's clock days (testing/clock.py): a rule reading the clock is named
so, not blamed on a set's order, also where the kit's two fixed days answer alike (plugin author
p55 02: ``date.today().month <= 3`` on 2025-03-14 and 2027-01-18, both in a first quarter, was
told "the order of a set reached the answer")."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from softenv_core.plugin import Award, PluginInfo, Rule, hookimpl
from softenv_core.testing import clock, hash_seeds


def test_the_two_days_differ_in_what_a_rule_asks_of_the_clock() -> None:
    a, b = clock.DAY_A, clock.DAY_B
    asked = {
        "year": lambda d: d.year,
        "month": lambda d: d.month,
        "odd month": lambda d: d.month % 2,
        "quarter": lambda d: (d.month - 1) // 3,
        "half": lambda d: d.month <= 6,
        "day": lambda d: d.day,
        "first half of the month": lambda d: d.day <= 15,
        "odd day": lambda d: d.day % 2,
        "weekday": lambda d: d.weekday(),
        "weekend": lambda d: d.weekday() >= 5,
        "ISO week's parity": lambda d: d.isocalendar().week % 2,
        "morning": lambda d: d.hour < 12,
    }
    alike = [what for what, ask in asked.items() if ask(a) == ask(b)]
    assert not alike, alike
    assert a.year == hash_seeds.YEAR < b.year  # inside the year assessed, then after it


class EvenYearsOff:
    """A bonus switched by the clock's year, on in 2025 and 2027 (both of the kit's days), off in
    2026: no set anywhere."""

    @hookimpl
    def softenv_plugin_info(self) -> PluginInfo:
        return PluginInfo(county="379911", title="t", reference="r")

    @hookimpl
    def softenv_extra_point_rules(self, year: int, params: object) -> list[Rule]:
        return [
            Rule(
                id="county.379911.extra.odd_years",
                label="odd_years",
                title_zh="测",
                title_en="t",
                reference="r",
                score=_odd_years,
                max_points=10,
                effective_from=date(2023, 1, 1),
                reads_direct_feedback=False,
            )
        ]


def _odd_years(ctx: object) -> Award:
    return Award(1 if date.today().year in (2025, 2027) else 2, "年度加分")


@pytest.mark.slow  # starts processes
def test_a_clock_read_both_fixed_days_answer_alike_is_named_a_clock_read() -> None:
    time_machine = pytest.importorskip("time_machine")
    plugin = EvenYearsOff()
    with time_machine.travel(datetime(2026, 7, 1, 10, 0, tzinfo=clock.BEIJING), tick=True):
        problem = hash_seeds.finish(hash_seeds.start(plugin, "odd", "379911"), plugin, "odd", "379911") or ""
    assert "reads the clock" in problem and "order of a set" not in problem, problem
    assert "then 2026-07-01T10:00" in problem, problem  # the second instant: this process's
    assert "date.today()" in problem, problem  # the source's line
