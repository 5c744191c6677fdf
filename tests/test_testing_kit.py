import importlib
import json
import os
import shlex
import subprocess
import sys
from datetime import date
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from softenv_core import Dataset, MonitoringPoint, Month, hookimpl, loads_dataset
from softenv_core.io.dataset_files import dump_dataset
from softenv_core.model.complaints import ComplaintKind, EventType, Verdict
from softenv_core.model.points import PointLevel
from softenv_core.plugin import Award
from softenv_core.testing import (
    ConformanceError,
    assert_case,
    assert_conforms,
    beijing,
    check_plugin,
    load_cases,
    make_complaint,
    run_case,
    small_dataset,
)
from softenv_core.testing.builders import STEPS
from softenv_core.testing.strategies import datasets

from . import broken_plugins
from .broken_plugins import (
    AnswersByCall,
    Cached,
    CachedCount,
    CountsAdopted,
    CountsFollowUps,
    CountsFollowUpsOfTheYear,
    CountsLastYear,
    CountsReports,
    IgnoresAsOf,
    Leaky,
    MutatesItsInput,
    Nondeterministic,
    ReadsTheClock,
    ReadsTheClockAtImport,
    ReadsTheClockInACondition,
    ReturnsGarbage,
    SetOfLabels,
    SetOrdered,
    TouchesAnotherCounty,
)
from .plugin_examples import (
    ExtraPointPlugin,
    ReplaceContactPlugin,
    StricterDeadlinePlugin,
    TopTenConditionPlugin,
)
from .weights import HEAVY, examples

CASES = Path(__file__).parent / "cases"


@pytest.mark.parametrize(
    "plugin",
    [
        ExtraPointPlugin(),
        ReplaceContactPlugin(),
        StricterDeadlinePlugin(day=5),
        TopTenConditionPlugin(fail=False),
    ],
    ids=["extra", "replace", "deadline", "topten"],
)
def test_well_behaved_plugins_pass_every_check(plugin):
    # Another hash seed (a subprocess, about a third of a second of CPU each) on sound plugins is
    # asked by the county plugins' own conformance tests and `softenv plugins check`'s: not here.
    report = assert_conforms(plugin, "good", others=[], max_examples=examples(4), hash_seed=False)
    assert report.passed and report.examples >= 1 and report.county == "379902"


#: The deterministic check runs the plugin again in fresh interpreters (other hash seeds, another
#: day): such cases are left out of the fast suite (README "Development"), as every test starting a process.
STARTS_A_PROCESS = pytest.mark.slow


@pytest.mark.parametrize(
    ("plugin", "check", "not_reported"),
    [
        # mutating its own county's records is a mutation, not a reach into another county
        (MutatesItsInput(), "no_mutation", "own_county_only"),
        (TouchesAnotherCounty(), "own_county_only", None),
        (Nondeterministic(), "deterministic", None),
        # its rules differ from call to call: the assessment asks once per county (fn1), two differ
        (AnswersByCall(), "deterministic", None),
        (ReturnsGarbage(), "valid_types", None),
        # wrong inside, right by type (tester findings 02, 04, 05): each caught by its own check only
        (IgnoresAsOf(), "known_at", "no_state"),
        # follow-ups and reports dated after as_of, which the check once never added (p31)
        (CountsFollowUps(), "known_at", "no_state"),
        # ... and 已解决 within the year, after the instant: the check once added it only the next year (p33)
        (CountsFollowUpsOfTheYear(), "known_at", "no_state"),
        (CountsReports(), "known_at", "no_state"),
        (Cached(), "no_state", "known_at"),
        (Leaky(), "direct_feedback", "known_at"),
        # direct feedback the kit once never sent (finding t7 05): suggestions adopted, last year's
        (CountsAdopted(), "direct_feedback", "known_at"),
        (CountsLastYear(), "direct_feedback", None),
        # a cache keyed by (point id, year), citing no record (finding t7 07)
        (CachedCount(), "no_state", None),
        # a set's order in its evidence and reason: the same in one process (finding t7 01)
        pytest.param(SetOrdered(), "deterministic", "no_state", marks=STARTS_A_PROCESS),
        # a set of enum labels in its reason: small_dataset's records had one label each
        pytest.param(SetOfLabels(), "deterministic", "no_state", marks=STARTS_A_PROCESS),
        # the day of the run in a rule, or at import: every run of one test is on one day (review p22)
        pytest.param(ReadsTheClock(), "deterministic", "known_at", marks=STARTS_A_PROCESS),
        pytest.param(ReadsTheClockAtImport(), "deterministic", "known_at", marks=STARTS_A_PROCESS),
        # a 十佳 condition asking complaint statuses "now": the varied dataset's were all closed (p35)
        pytest.param(ReadsTheClockInACondition(), "deterministic", "no_state", marks=STARTS_A_PROCESS),
    ],
    ids=[
        "mutates",
        "touches-another-county",
        "nondeterministic",
        "answers-by-call",
        "garbage",
        "ignores-as-of",
        "counts-follow-ups",
        "counts-follow-ups-of-the-year",
        "counts-reports",
        "cached",
        "leaky",
        "adopted",
        "last-year",
        "cached-count",
        "set-order",
        "set-of-labels",
        "reads-the-clock",
        "reads-the-clock-at-import",
        "reads-the-clock-in-a-condition",
    ],
)
def test_broken_plugins_are_caught_by_the_named_check(plugin, check, not_reported, tmp_path, monkeypatch, capsys):
    # One derandomized run per plugin: each check is found within 3 examples (the suite's time
    # is the budget: 3, the number that finds it, for these; 4 for the checks that compare
    # answers: each is found by the 2nd example, and every example also runs the other checks,
    # so 4 still show each is not reported where it should not be).
    from softenv_core.testing import conformance

    monkeypatch.setenv(conformance.ENV_DIR, str(tmp_path))
    compares_answers = check in ("known_at", "no_state", "direct_feedback")
    examples = 4 if compares_answers else 3
    broken_plugins._CACHE.clear()  # Cached's memory: what another test asked must not decide this one
    # another hash seed is a subprocess (about half a second): asked only where it is the point
    clocks = (ReadsTheClock, ReadsTheClockAtImport, ReadsTheClockInACondition)
    hash_seed = isinstance(plugin, (SetOrdered, SetOfLabels, *clocks))
    report = check_plugin(plugin, "broken", others=[], max_examples=examples, hash_seed=hash_seed)
    assert check in report.failures, report.failures
    assert not_reported not in report.failures, report.failures
    assert report.examples == examples
    if hash_seed:  # the replay asks a subprocess under another seed again
        from softenv_core.testing import hash_seeds

        assert hash_seeds.main(shlex.split(report.replay[check])[3:]) == 1
        assert "deterministic: " in capsys.readouterr().out
    if isinstance(plugin, clocks):  # named as the clock, with its fix
        message = report.failures[check]
        assert "reads the clock" in message and "order of a set" not in message
        assert "fix: take every date from the context" in message and "ctx.as_of" in message
        assert "broken_plugins.py:" in message  # the line that calls the clock
    if compares_answers:
        # the message says what the plugin did and how to fix it; the dataset written replays it
        assert "fix: " in report.failures[check]
        broken_plugins._CACHE.clear()  # as in the fresh process the replay command starts
        assert conformance.main(shlex.split(report.replay[check])[3:]) == 1
        assert f"{check}: " in capsys.readouterr().out


def test_the_scaffolds_plugin_passes_every_check(tmp_path, monkeypatch):
    from softenv_core.cli.scaffold import new_plugin

    target, _, _ = new_plugin("379902", "kitcheck", tmp_path / "kitcheck", core=str(Path(__file__).parents[1]))
    monkeypatch.syspath_prepend(str(target / "src"))
    plugin = importlib.import_module("softenv_county_kitcheck")
    monkeypatch.delitem(sys.modules, "softenv_county_kitcheck")
    assert assert_conforms(plugin, "kitcheck", others=[], max_examples=3).passed


def test_a_renamed_dataset_renames_every_id_and_reference_and_the_city_answers_the_same():
    # no_state blames the plugin for any difference: the city baseline must show none
    from softenv_core import CITY_OFFICE, assess
    from softenv_core.testing.conformance_variants import renamed

    dataset = small_dataset(2025)
    (other,) = renamed(dataset, "zq1.") or ()
    assert [p.id for p in other.points] == ["zq1." + p.id for p in dataset.points]
    assert {c.point for c in other.contacts} == {"zq1." + c.point for c in dataset.contacts}
    assert [c.code for c in other.counties] == [c.code for c in dataset.counties]  # codes are not ids
    # The provenance fingerprints the ids, so it differs by construction: the rest is the same.
    before, after = (
        attrs.evolve(assess(d, 2025, audience=CITY_OFFICE), provenance=None).to_json() for d in (dataset, other)
    )
    assert "zq1." not in before and after.replace("zq1.", "") == before


def test_assert_conforms_raises_naming_the_failed_check():
    with pytest.raises(ConformanceError, match="valid_types"):
        assert_conforms(ReturnsGarbage(), "broken", others=[], max_examples=3, hash_seed=False)


def test_conflict_with_another_installed_plugin_is_found():
    report = check_plugin(
        ReplaceContactPlugin(rule_id="mine.contact"),
        "mine",
        others=[("theirs", ReplaceContactPlugin(rule_id="theirs.contact"))],
        max_examples=5,
        hash_seed=False,
    )
    assert "no_conflict" in report.failures and "'theirs'" in report.failures["no_conflict"]


def test_data_driven_cases_pass_and_report_mismatches(softenv_register):
    pm = softenv_register(ExtraPointPlugin(), "jia")
    cases = load_cases(CASES)
    assert len(cases) >= 3
    for case in cases:
        assert_case(case, pm)
    wrong = cases[0]
    wrong = type(wrong)(wrong.name, wrong.year, wrong.input, {"counties": {"379902": {"topten_eligible": False}}})
    assert run_case(wrong, pm) == ["county 379902.topten_eligible: expected False, got True"]


def test_pytest_fixtures(softenv_plugin_manager, softenv_register, softenv_small_dataset):
    assert [m.name for m in softenv_plugin_manager.plugins_meta()] == ["city"]
    pm = softenv_register(ExtraPointPlugin(), "jia")
    assert pm is softenv_plugin_manager and pm.has_plugin("jia")
    assert isinstance(softenv_small_dataset, Dataset) and len(softenv_small_dataset.points) == 6


@given(st.from_type(Month), st.from_type(MonitoringPoint))
def test_strategies_are_registered_for_from_type(month, point):
    assert isinstance(month, Month) and isinstance(point, MonitoringPoint)


FRESH_IMPORTS = (
    "from softenv_core.testing import datasets",
    "from softenv_core.testing.strategies import datasets",
    "from softenv_core.testing import *",
)


@pytest.mark.slow  # starts a process (docs: the fast suite leaves these out)
def test_the_kit_imports_in_a_fresh_interpreter_before_hypothesis():
    """Finding 09: hypothesis runs its entry points while it imports, and the strategies module is
    what imports it first here; the entry point must not import the half-built module back."""
    env = {k: v for k, v in os.environ.items() if k != "HYPOTHESIS_NO_PLUGINS"}
    runs = [
        subprocess.Popen([sys.executable, "-c", code], stderr=subprocess.PIPE, text=True, env=env)
        for code in FRESH_IMPORTS
    ]  # in parallel: each is a fresh interpreter, about a second to start
    failures = {code: run.communicate()[1] for code, run in zip(FRESH_IMPORTS, runs, strict=True) if run.wait()}
    assert failures == {}


def test_small_dataset_is_valid_json_through_the_loader():
    doc = dump_dataset(small_dataset(2025))
    assert loads_dataset(json.dumps(doc)) == small_dataset(2025)


# --- cases address records by id; the format has a JSON Schema -----------------------------


def _case_file(tmp_path, changes):
    doc = {
        "name": "by id",
        "year": 2025,
        "input": {"small_dataset": {"year": 2025, "counties": ["379921"]}},
        "changes": changes,
    }
    path = tmp_path / "case.json"
    path.write_text(json.dumps(doc))
    return path


def test_a_change_addresses_a_record_by_id_whatever_its_position(tmp_path):
    from softenv_core.testing import load_cases

    by_id = [{"path": "$.contacts[id=C-P-379921-1-2025-03].method", "value": "symposium"}]
    (case,) = load_cases(_case_file(tmp_path, by_id))
    changed = [c for c in case.input["contacts"] if c["method"] == "symposium"]
    assert [c["id"] for c in changed] == ["C-P-379921-1-2025-03"]
    by_position = [{"path": "$.contacts[2].method", "value": "symposium"}]  # still accepted
    (case,) = load_cases(_case_file(tmp_path, by_position))
    assert [c["id"] for c in case.input["contacts"] if c["method"] == "symposium"] == ["C-P-379921-1-2025-03"]


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("$.contacts[id=C-NONE].method", "no record with id 'C-NONE' in \\$.contacts"),
        ("$.contacts[999].method", "\\$.contacts has \\d+ records, no \\[999\\]"),
        ("$.contacts[id=C-P-379921-1-2025-03", "unsupported path"),
        ("$.nothing[0].x", "has no field 'nothing'"),
    ],
)
def test_a_change_that_addresses_nothing_names_the_case_and_the_path(tmp_path, path, message):
    from softenv_core.errors import InputError
    from softenv_core.testing import load_cases

    with pytest.raises(InputError, match=r"\$\.cases\[0\]\.changes\[0\]: .*" + message):
        load_cases(_case_file(tmp_path, [{"path": path, "value": 1}]))


def test_every_shipped_case_file_and_the_scaffolds_follow_the_case_schema(tmp_path):
    import jsonschema

    from softenv_core.cli.scaffold import new_plugin
    from softenv_core.testing.cases import CASES_SCHEMA

    jsonschema.Draft202012Validator.check_schema(CASES_SCHEMA)
    repo = Path(__file__).resolve().parents[1]
    target, _, _ = new_plugin("379902", "x", tmp_path / "x", core=str(repo))
    files = [
        *repo.glob("tests/cases/*.json"),
        *repo.glob("plugins/*/tests/cases/*.json"),
        *repo.glob("tests/p*_*/cases/*.json"),  # the cases of the plugins written by plugin authors
        target / "tests/cases/x.json",
    ]
    assert len(files) >= 4
    for file in files:
        jsonschema.validate(json.loads(file.read_text()), CASES_SCHEMA)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(
            {"name": "x", "year": 2025, "input": "f.json", "changes": [{"path": "contacts"}]}, CASES_SCHEMA
        )


def test_a_failed_check_writes_its_dataset_and_the_command_that_replays_it(tmp_path, monkeypatch, capsys):
    import shlex

    from softenv_core.testing import conformance

    monkeypatch.setenv(conformance.ENV_DIR, str(tmp_path))
    report = check_plugin(ReturnsGarbage(), "garbage", others=[], max_examples=3, hash_seed=False)
    command = report.replay["valid_types"]
    assert command.startswith("python -m softenv_core.testing.conformance tests.broken_plugins.ReturnsGarbage:garbage ")
    argv = shlex.split(command)[3:]
    file = Path(argv[1])
    assert file.parent == tmp_path and loads_dataset(file.read_text()).points
    with pytest.raises(ConformanceError, match=r"replay: python -m softenv_core\.testing\.conformance"):
        assert_conforms(ReturnsGarbage(), "garbage", others=[], max_examples=3, hash_seed=False)
    assert conformance.main(argv) == 1  # the written dataset alone reproduces the failure
    assert "valid_types: plugin 'garbage'" in capsys.readouterr().out
    assert conformance.main(["tests.plugin_examples.ExtraPointPlugin:jia", str(file), "--year", argv[3]]) == 0


# --- make_complaint: one complaint builder for tests and plugin authors ----------------------


@pytest.mark.parametrize("until", [EventType.RECEIVED, *STEPS], ids=lambda e: e.value)
@pytest.mark.parametrize("kind", list(ComplaintKind), ids=lambda k: k.value)
def test_make_complaint_steps_are_in_order_and_pass_the_dataset_validation(until, kind):
    from softenv_core import validate
    from softenv_core.model.complaints import event_order_problems

    dataset = small_dataset(2025)
    point = dataset.points[1].id
    built = [
        make_complaint("Q1", point, beijing(2025, 3, 10), until=until, kind=kind),
        make_complaint("Q2", point, beijing(2025, 4, 1), until=until, kind=kind, department=None),
        make_complaint("Q3", point, beijing(2025, 5, 6), until=until, kind=kind, resolved_at=beijing(2025, 6, 2)),
    ]
    for q in built:
        types = [e.type for e in q.events]
        assert types == [EventType.RECEIVED, *STEPS][: len(types)] and types[-1] is until
        assert [e.at for e in q.events] == sorted({e.at for e in q.events})  # strictly later each step
        assert event_order_problems(q) == []
    validate(attrs.evolve(dataset, complaints=tuple(built)))  # raises InputError on any problem
    assert built[1].events[2:3] == () or built[1].events[2].unit == "city-office"  # 市软建办 handles it itself


def test_make_complaint_places_the_resolution_and_refuses_too_few_times():
    import doctest
    from datetime import timedelta

    from softenv_core.testing import builders

    assert doctest.testmod(builders).failed == 0  # the docstring's example is true
    q = make_complaint("Q1", "P-1", beijing(2025, 12, 10), resolved_at=beijing(2026, 2, 2), verdict=Verdict.FALSE)
    assert (q.false_found_at, q.events[3].at) == (beijing(2026, 2, 2), beijing(2025, 12, 10) + timedelta(hours=3))
    with pytest.raises(ValueError, match="6 steps up to closed, 2 times"):
        make_complaint("Q1", "P-1", beijing(2025, 3, 10), until=EventType.CLOSED, after=(timedelta(hours=1),) * 2)


@HEAVY
@given(datasets())
def test_each_county_of_a_generated_dataset_has_its_first_point_county_level_unless_it_has_none(dataset):
    # a county's rules score 县区 points only: a county of 市直 points alone let a rule that reads
    # adopted suggestions or keeps a cache go unseen by every check (findings t7 05, 07), so a
    # county's first point is 县区; yet now and then a county has 市直 points alone, or no point,
    # which a condition dividing by the county's 县区 points must survive (p57 02: this test said
    # every county had one, and such a condition passed the kit)
    for c in dataset.counties:
        mine = sorted((p for p in dataset.points if p.county == c.code), key=lambda p: int(p.id.rsplit("-", 1)[1]))
        if any(p.level is PointLevel.COUNTY for p in mine):
            assert mine[0].level is PointLevel.COUNTY


def _guide_plugin(tmp_path, monkeypatch):
    """The plugin guide's module and parameter file (§3, §4), importable as its author lays it out."""
    import re

    guide = (Path(__file__).parents[1] / "docs" / "writing-a-county-plugin.md").read_text(encoding="utf-8")
    module = next(b for b in re.findall(r"^```python\n(.*?)^```$", guide, re.M | re.S) if "@hookimpl" in b)
    params = next(b for b in re.findall(r"^```json\n(.*?)^```$", guide, re.M | re.S) if "softenv.parameters" in b)
    package = tmp_path / "softenv_county_guide"
    package.mkdir()
    (package / "__init__.py").write_text(module, encoding="utf-8")
    (package / "parameters.json").write_text(params, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    plugin = importlib.import_module("softenv_county_guide")
    monkeypatch.delitem(sys.modules, "softenv_county_guide")
    return plugin


def test_the_guides_rule_is_direct_feedback_and_declared_so(tmp_path, monkeypatch):
    # §4 counts adopted suggestions (意见建议 found 属实): direct feedback. It leaves
    # reads_direct_feedback at None; declared False, the direct_feedback check finds it (t7 05).
    plugin = _guide_plugin(tmp_path, monkeypatch)
    (rule,) = plugin.softenv_extra_point_rules(2025, None)
    assert rule.reads_direct_feedback is None

    class DeclaredFalse:
        softenv_plugin_info = staticmethod(plugin.softenv_plugin_info)

        @staticmethod
        @hookimpl
        def softenv_extra_point_rules(year, params):
            return [
                attrs.evolve(r, reads_direct_feedback=False) for r in plugin.softenv_extra_point_rules(year, params)
            ]

    report = check_plugin(DeclaredFalse(), "guide", others=[], max_examples=4, hash_seed=False)
    assert "direct_feedback" in report.failures and "意见建议被采纳" in report.failures["direct_feedback"]


def test_the_kit_draws_the_years_in_which_the_plugins_rules_are_in_force():
    # a rule in force from 2025 alone was asked in a third of the examples, and a cache or a read
    # of direct feedback in it went unseen (findings t7 05, 07)
    from softenv_core.engine.parameters import baseline_parameters
    from softenv_core.testing.conformance import _years_in_force
    from softenv_core.testing.strategies import SAFE_YEARS

    class From2025(CountsAdopted):
        @hookimpl
        def softenv_extra_point_rules(self, year, params):
            rules = CountsAdopted.softenv_extra_point_rules(self, year, params)
            return [attrs.evolve(r, effective_from=date(2025, 1, 1)) for r in rules]

    assert _years_in_force(From2025(), "from2025", baseline_parameters()) == (2025,)
    assert _years_in_force(CountsAdopted(), "adopted", baseline_parameters()) == SAFE_YEARS
    assert _years_in_force(ReturnsGarbage(), "garbage", baseline_parameters()) == SAFE_YEARS


class _TouchesAndCounts(TouchesAnotherCounty):
    """Rewrites other counties' contacts (their results change) and scores its own points by how
    many contacts the other counties' points have: both halves of own_county_only fail."""

    @hookimpl
    def softenv_extra_point_rules(self, year, params):  # type: ignore[no-untyped-def]
        def score(ctx):  # type: ignore[no-untyped-def]
            others = [c for c in ctx.dataset.contacts if ctx.dataset.point_by_id[c.point].county != self.county]
            for c in others:
                object.__setattr__(c, "reached", False)
            return Award(min(5, len(others) % 6), "别县联系数") if others else None

        return [broken_plugins._rule("broken.touch_count", score)]


def test_a_plugin_changing_another_countys_results_is_told_so_whatever_else_it_reads() -> None:
    """A plugin that both changes other counties' results and reads their records: own_county_only's
    reading half (other_counties.py) answered last and its message replaced the graver one
    (reviewer d3); the first failure of a check is kept."""
    report = check_plugin(_TouchesAndCounts(), "broken", others=[], max_examples=3, hash_seed=False)
    assert report.failures["own_county_only"].startswith("results of another county change"), report.failures
