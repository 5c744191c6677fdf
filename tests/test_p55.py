"""Plugin author p55 (新港区 379911): a county plugin written from the guide, then the mistakes a
careless or hostile author makes. Each test asserts the behaviour the docs promise and fails now.

01 the kit (``check_plugin``) crashes with a bare TypeError when a rule leaves the dataset it was
   given unwritable (a report's ``submitted_at`` set to None through ``object.__setattr__``),
   where testing-rules.md says ``no_mutation`` reports it naming the hook and the rule.
02 ``deterministic`` blames a set's order (fix: ``sorted(...)``) for a rule reading
   ``date.today()`` at run time whose answer is the same on the subprocess's two days but not on
   the real day: the plugin has no set; it reads the clock.
03 docs/hooks.md's ``softenv_point_rules`` example (``_visits``) is refused by the engine in an
   assessment as of a day inside a month the point was visited (award 60 beyond max_points 30).
04 docs/hooks.md's ``softenv_extra_point_rules`` example (symposium) is refused as soon as a point
   attends a 4th county symposium in the year (8 points, beyond max_points 6).
05 a hand-made ``ParamValue`` cited by an award may hold a text value of any length (its
   reference is held to 1 000 characters, a reason to 5 000): 2 MB copied into the item of every
   point scored.
"""

from __future__ import annotations

import re
import sys
import textwrap
from datetime import date, datetime
from pathlib import Path
from typing import Any

import attrs
import pytest

from softenv_core import CITY_OFFICE, assess, get_plugin_manager
from softenv_core.errors import FieldInvalid, PluginError
from softenv_core.plugin import (
    Award,
    ContactMethod,
    ParamValue,
    PluginInfo,
    Rule,
    hookimpl,
)
from softenv_core.testing import beijing, small_dataset
from softenv_core.testing.conformance import check_plugin

COUNTY = "379911"
DOCS = Path(__file__).resolve().parent.parent / "docs"


def _module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, body: str) -> Any:
    """A module plugin written to a folder on sys.path (the kit's subprocess imports it by name)."""
    (tmp_path / f"{name}.py").write_text(textwrap.dedent(body), encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    __import__(name)
    return sys.modules[name]


_HEAD = """
from datetime import date
from softenv_core.plugin import Award, PluginInfo, Rule, hookimpl

@hookimpl
def softenv_plugin_info():
    return PluginInfo(county="379911", title="t", reference="r")

@hookimpl
def softenv_extra_point_rules(year, params):
    return [Rule(id="county.379911.extra.h", label="h", title_zh="测", title_en="t", reference="r",
                 score=_score, max_points=10, effective_from=date(2023, 1, 1), reads_direct_feedback=False)]
"""


def test_01_kit_reports_a_rule_that_leaves_the_dataset_unwritable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mod = _module(
        tmp_path,
        monkeypatch,
        "p55_mutates",
        _HEAD
        + """
def _score(ctx):
    for r in ctx.dataset.reports:
        if r.county != "379911" and r.submitted_at is not None:
            object.__setattr__(r, "submitted_at", None)
            break
    return None
""",
    )
    # testing-rules.md, no_mutation: "(also where what it wrote leaves a dataset the later checks
    # assess invalid: reported here, never raised as the data's InputError); a changed dataset is
    # named with the hook and the rule or condition that changed it"
    report = check_plugin(mod, "p55_mutates", max_examples=3, hash_seed=False)
    assert "no_mutation" in report.failures, report.failures
    assert "county.379911.extra.h" in report.failures["no_mutation"]


@pytest.mark.slow
def test_02_deterministic_names_a_clock_read_not_a_set(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    time_machine = pytest.importorskip("time_machine")
    mod = _module(
        tmp_path,
        monkeypatch,
        "p55_quarter",
        _HEAD
        + """
def _score(ctx):
    # "first-quarter bonus": reads the clock (wrong), no set anywhere
    return Award(1 if date.today().month <= 3 else 2, "季度加分")
""",
    )
    # This process on 1 July (any day outside January-March); the kit's subprocess on its own
    # two days (testing/clock.DAY_A, DAY_B), which now differ in their quarter too: the rule is
    # named a clock read either way. The case of two days answering alike, told by this
    # process's instant, is tests/test_kit_clock_days.py's (reviewer r63 09).
    with time_machine.travel(datetime(2025, 7, 1, 10, 0), tick=True):
        report = check_plugin(mod, "p55_quarter", max_examples=2)
    problem = report.failures.get("deterministic", "")
    assert "reads the clock" in problem, problem
    assert "order of a set" not in problem, problem


def _block_after(doc: str, heading: str) -> str:
    text = (DOCS / doc).read_text(encoding="utf-8")
    part = text.split(heading, 1)[1]
    found = re.search(r"```python\n(.*?)```", part, re.S)
    assert found is not None
    return found.group(1)


def _namespace() -> dict[str, Any]:
    import collections.abc
    import datetime as dt

    import softenv_core.plugin as surface

    ns: dict[str, Any] = {name: getattr(surface, name) for name in surface.__all__}
    ns.update(date=dt.date, Sequence=collections.abc.Sequence)
    return ns


class _Info:
    def __init__(self, county: str) -> None:
        self.county = county

    @hookimpl
    def softenv_plugin_info(self) -> PluginInfo:
        return PluginInfo(county=self.county, title="t", reference="r")


def test_03_hooks_md_point_rules_example_runs_mid_month() -> None:
    ns = _namespace()
    exec(_block_after("hooks.md", "## softenv_point_rules"), ns)  # the doc's own example
    plugin = _Info("379922")
    plugin.softenv_point_rules = ns["softenv_point_rules"]  # type: ignore[attr-defined]
    ds = small_dataset(2025, ("379922",))
    # every contact of the county point a visit (上门), as the rule is about
    ds = attrs.evolve(
        ds,
        contacts=tuple(
            attrs.evolve(c, method=ContactMethod.VISIT) if c.point == "P-379922-2" else c for c in ds.contacts
        ),
    )
    pm = get_plugin_manager(autoload=False, plugins=[("baihe_doc", plugin)])
    # as of 20 February: January is owed, February's visit (the 5th) is known, February not over
    result = assess(ds, 2025, pm, audience=CITY_OFFICE, as_of=beijing(2025, 2, 20, 12))
    point = next(p for p in result.points if p.id == "P-379922-2")
    item = next(i for i in point.items if i.rule.id == "baihe.contact.visit")
    assert item.points <= 30


def test_04_hooks_md_extra_rules_example_runs_on_four_symposiums() -> None:
    ns = _namespace()
    exec(_block_after("hooks.md", "## softenv_extra_point_rules"), ns)  # the doc's own example
    plugin = _Info("379921")
    plugin.softenv_extra_point_rules = ns["softenv_extra_point_rules"]  # type: ignore[attr-defined]
    ds = small_dataset(2025, ("379921",))
    # the county point attends the county's symposium in January to April
    ds = attrs.evolve(
        ds,
        contacts=tuple(
            attrs.evolve(c, method=ContactMethod.SYMPOSIUM, liaison="379921")
            if c.point == "P-379921-2" and c.date.month <= 4
            else c
            for c in ds.contacts
        ),
    )
    pm = get_plugin_manager(autoload=False, plugins=[("qingshan_doc", plugin)])
    result = assess(ds, 2025, pm, audience=CITY_OFFICE)  # PluginError now: awarded 8.00, beyond 6.00
    point = next(p for p in result.points if p.id == "P-379921-2")
    item = next(i for i in point.items if i.rule.id == "qingshan.extra.symposium")
    assert item.points <= 6


def test_05_a_cited_parameter_value_is_bounded_like_a_reason() -> None:
    # ParamValue's reference is held to 1 000 characters, an Award's reason to 5 000, a
    # deadline's facts to 62 x 5 000, evidence to 10 000 ids: its value is not, and is copied
    # into every point's item (docs/hooks.md "Points of sane size", "Each record cited once").
    huge = "A" * 2_000_000
    try:
        pv = ParamValue(name="county.379911.x", value=huge, effective_from=date(2025, 1, 1), reference="r")
    except FieldInvalid:
        return  # refused when made: fine

    class Big:
        @hookimpl
        def softenv_plugin_info(self) -> PluginInfo:
            return PluginInfo(county=COUNTY, title="t", reference="r")

        @hookimpl
        def softenv_extra_point_rules(self, year: int, params: Any) -> list[Rule]:
            return [
                Rule(
                    id="county.379911.extra.big",
                    label="big",
                    title_zh="测",
                    title_en="t",
                    reference="r",
                    score=lambda ctx: Award(1, "x", [], [pv]),
                    max_points=10,
                    effective_from=date(2023, 1, 1),
                    reads_direct_feedback=False,
                )
            ]

    pm = get_plugin_manager(autoload=False, plugins=[("big", Big())])
    with pytest.raises(PluginError, match="big"):
        assess(small_dataset(2025, (COUNTY,)), 2025, pm, audience=CITY_OFFICE)
