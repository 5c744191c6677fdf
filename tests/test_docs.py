"""The documentation stays true: every hook and every baseline parameter is documented."""

import inspect
import os
import re
from pathlib import Path

import pytest

from softenv_core import baseline_parameters
from softenv_core.engine import hookspecs
from softenv_core.engine.hookspecs import HOOKS

from .strict_mypy import STRICT_MYPY

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


def test_hook_list_matches_the_hookspecs():
    declared = sorted(n for n in dir(hookspecs) if n.startswith("softenv_"))
    assert sorted(HOOKS) == declared


@pytest.mark.parametrize("hook", HOOKS)
def test_every_hook_has_a_docstring_and_a_section_in_docs_hooks(hook):
    assert getattr(hookspecs, hook).__doc__
    text = (DOCS / "hooks.md").read_text(encoding="utf-8")
    assert re.search(rf"^## {hook}$", text, re.MULTILINE), f"docs/hooks.md lacks a section for {hook}"


def test_every_baseline_parameter_is_in_the_rules_reference():
    text = (DOCS / "rules.md").read_text(encoding="utf-8")
    for param in baseline_parameters().parameters:
        assert f"`{param.name}`" in text, param.name


def test_readme_quickstart_is_the_two_commands():
    readme = (DOCS.parent / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Quickstart", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    commands = [line.split("#")[0].strip() for line in block.strip().splitlines()]
    assert commands == ["uv run softenv demo", "uv run pytest"]


def test_docs_links_resolve():
    for page in [*DOCS.glob("*.md"), DOCS.parent / "README.md"]:
        for target in re.findall(r"\]\(([^)#]+\.(?:md|json))\)", page.read_text(encoding="utf-8")):
            assert (page.parent / target).exists(), f"{page.name} links to missing {target}"


SRC = DOCS.parent / "src"
_PARAM = re.compile(
    r"`((?:duty|report|compliance|topten|common|appraisal|commendation|roster|complaint|privacy|adjustment|followup)\.[a-z_.]+)`"
)


def _pages():
    return [*DOCS.glob("*.md"), DOCS.parent / "README.md"]


def test_module_paths_and_dotted_modules_named_in_the_docs_exist():
    """After a move, a page naming the old flat module (`loading.py`, `softenv_core.plugins`) fails here."""
    import importlib

    for page in _pages():
        text = page.read_text(encoding="utf-8")
        for path in re.findall(r"`softenv_core/([\w/]+\.(?:py|json))`", text):
            assert (SRC / "softenv_core" / path).exists(), f"{page.name} names missing softenv_core/{path}"
        for dotted in re.findall(r"\bsoftenv_core((?:\.\w+)+)", text):
            parts = ["softenv_core", *dotted.strip(".").split(".")]
            # the longest importable prefix is the module; the rest must be its attributes
            for cut in range(len(parts), 0, -1):
                try:
                    obj = importlib.import_module(".".join(parts[:cut]))
                except ModuleNotFoundError:
                    continue
                for attr in parts[cut:]:
                    assert hasattr(obj, attr), f"{page.name} names softenv_core{dotted}: no {attr}"
                    obj = getattr(obj, attr)
                break


def test_architecture_names_only_modules_rule_ids_and_parameters_that_exist():
    text = (DOCS / "architecture.md").read_text(encoding="utf-8")
    for path in re.findall(r"`([\w/]+/\w+\.py)`", text):
        assert (SRC / "softenv_core" / path).exists(), f"architecture.md names missing {path}"
    source = "\n".join(p.read_text(encoding="utf-8") for p in (SRC / "softenv_core").rglob("*.py"))
    rule_ids = re.findall(r"`(city\.[a-z_]+\.[a-z_.]+)`", text)
    assert "city.topten.on_time" in rule_ids
    for rule_id in rule_ids:
        assert f'"{rule_id}"' in source, f"architecture.md names unknown rule id {rule_id}"
    known = {p.name for p in baseline_parameters().parameters}
    for name in _PARAM.findall(text):
        if not name.endswith((".py", ".json")):
            assert name in known, f"architecture.md names unknown parameter {name}"


def _python_blocks(page: Path) -> list[str]:
    return re.findall(r"^```python\n(.*?)^```$", page.read_text(encoding="utf-8"), re.MULTILINE | re.DOTALL)


@pytest.mark.slow  # runs mypy (several seconds): `uv run pytest -m slow`, a step of .ci/run
def test_the_plugin_guide_passes_mypy_strict(tmp_path):
    """The guide's module, its test and its snippets, laid out as a plugin author would."""
    import subprocess

    blocks = _python_blocks(DOCS / "writing-a-county-plugin.md")
    module = [b for b in blocks if "@hookimpl" in b]
    tests = [b for b in blocks if "def test_" in b]
    assert len(module) == 1 and len(tests) == 1, "the guide should show one plugin module and one test file"
    package = tmp_path / "src" / "softenv_county_lakeside"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text(module[0], encoding="utf-8")
    (package / "py.typed").write_text("", encoding="utf-8")
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_county_lakeside.py").write_text(tests[0], encoding="utf-8")
    snippets = [b for b in blocks if b not in module and b not in tests]
    for i, block in enumerate(snippets):
        (tmp_path / f"snippet_{i}.py").write_text(block, encoding="utf-8")
    # No config file: --strict alone, as a plugin author without this repository's settings.
    mypy = STRICT_MYPY
    proc = subprocess.run(
        [*mypy, "src", "tests", *(f"snippet_{i}.py" for i in range(len(snippets)))],
        cwd=tmp_path,
        env={**os.environ, "MYPYPATH": str(tmp_path / "src")},
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_the_plugin_guide_compares_enum_members_by_identity():
    code = "\n".join(_python_blocks(DOCS / "writing-a-county-plugin.md"))
    assert ".value ==" not in code and ".value !=" not in code
    assert " is ComplaintKind." in code


def _signature(hook: str) -> str:
    sig = inspect.signature(getattr(hookspecs, hook))
    params = ", ".join(f"{p.name}: {p.annotation}" for p in sig.parameters.values())
    return f"`{hook}({params}) -> {sig.return_annotation}`"


@pytest.mark.parametrize("hook", HOOKS)
def test_docs_hooks_shows_each_hook_with_its_typed_signature(hook):
    text = " ".join((DOCS / "hooks.md").read_text(encoding="utf-8").split())
    assert _signature(hook) in text, f"docs/hooks.md should show {_signature(hook)}"


@pytest.mark.parametrize("hook", HOOKS)
def test_hooks_receive_and_return_no_any(hook):
    """A plugin's hook sees typed values only, and every type it names is on the plugin surface."""
    import softenv_core.plugin

    sig = inspect.signature(getattr(hookspecs, hook))
    annotations = [p.annotation for p in sig.parameters.values()] + [sig.return_annotation]
    for ann in annotations:
        assert "Any" not in ann and ann is not inspect.Parameter.empty, (hook, ann)
        for name in re.findall(r"[A-Z]\w+", ann):
            assert name in ("Sequence", "None") or name in softenv_core.plugin.__all__, (hook, name)


def test_the_contexts_a_plugin_is_given_hold_no_any():
    import attrs

    from softenv_core.plugin import ComplaintSla, CountyYear, Deadline, MonthStatus, PluginInfo, PointYear

    for cls in (PointYear, CountyYear, MonthStatus, Deadline, ComplaintSla, PluginInfo):
        for f in attrs.fields(cls):
            assert "Any" not in str(f.type), f"{cls.__name__}.{f.name}: {f.type}"


@pytest.mark.slow  # runs mypy (several seconds)
def test_mypy_strict_checks_the_values_a_plugin_builds(tmp_path):
    """Finding t7/04: Award, Failure and Rule.max_points took Any, so a text point, a set of
    evidence and a list of text as params passed mypy --strict though docs/hooks.md says the
    surface has no Any. What plugins write (whole, decimal and float points; lists and tuples)
    still passes."""
    import subprocess

    (tmp_path / "bad.py").write_text(
        "from softenv_core.plugin import Award, Failure\n"
        "def a() -> Award:\n"
        '    return Award("3 points", "r", {"C-1"}, params=["not a ParamValue"])\n'
        "def f() -> Failure:\n"
        '    return Failure("x", evidence=42)\n',
        encoding="utf-8",
    )
    (tmp_path / "good.py").write_text(
        "from datetime import date\nfrom decimal import Decimal\n"
        "from softenv_core.plugin import Award, Failure, ParamValue, PointYear, Rule\n"
        "PV = ParamValue('county.379903.x', 1, date(2025, 1, 1), 'r')\n"
        "def s(ctx: PointYear) -> Award | None:\n"
        "    return Award(30 * 1 / 3, 'r', ['C-1'], (PV,)) if ctx.year else Award(Decimal(1), 'r')\n"
        "F = Failure('x', ('C-1',), [PV])\n"
        "R = Rule(id='a.b', label='a.b', title_zh='t', title_en='t', reference='r', score=s,\n"
        "         max_points=Decimal('2.5'), effective_from=date(2025, 1, 1))\n"
        "R2 = Rule(id='a.c', label='a.c', title_zh='t', title_en='t', reference='r', score=s,\n"
        "          max_points=3, effective_from=date(2025, 1, 1))\n",
        encoding="utf-8",
    )
    mypy = STRICT_MYPY
    run = lambda name: subprocess.run([*mypy, name], cwd=tmp_path, capture_output=True, text=True, check=False)  # noqa: E731
    good = run("good.py")
    assert good.returncode == 0, good.stdout + good.stderr
    bad = run("bad.py").stdout
    for fault in (
        'Argument 1 to "Award" has incompatible type "str"',
        'Argument 3 to "Award" has incompatible type "set[str]"; expected "Sequence[str]"',
        'List item 0 has incompatible type "str"; expected "ParamValue"',
        'Argument "evidence" to "Failure" has incompatible type "int"',
    ):
        assert fault in bad, bad


@pytest.mark.slow  # runs mypy (several seconds)
def test_the_testing_kits_test_examples_pass_mypy_strict(tmp_path):
    """Finding p29: the `@given` example of docs/testing-rules.md had an unannotated test, which
    the scaffold's own `mypy --strict` over tests/ refuses (Function is missing a type annotation).
    Every test block of the page is checked: the conformance and the cases examples were not,
    and failed it (plugin author p50 04: unannotated, and `plugin` never imported)."""
    import subprocess

    blocks = [b for b in _python_blocks(DOCS / "testing-rules.md") if "def test_" in b]
    assert len(blocks) >= 3, "docs/testing-rules.md should show a hypothesis, a conformance and a cases test"
    assert any("@given" in b for b in blocks) and any("load_cases(" in b for b in blocks)
    for i, block in enumerate(blocks):
        (tmp_path / f"test_given_{i}.py").write_text(block, encoding="utf-8")
    # The plugin the examples test, as a typed package (the workspace's qingshan ships no
    # py.typed): what is checked is the examples' own code, not the plugin's.
    stand_in = tmp_path / "src" / "softenv_county_qingshan"
    stand_in.mkdir(parents=True)
    (stand_in / "__init__.py").write_text('"""A stand-in for the plugin the examples test."""\n', encoding="utf-8")
    (stand_in / "py.typed").write_text("", encoding="utf-8")
    mypy = STRICT_MYPY
    proc = subprocess.run(
        [*mypy, *(f"test_given_{i}.py" for i in range(len(blocks)))],
        cwd=tmp_path,
        env={**os.environ, "MYPYPATH": str(tmp_path / "src")},
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.slow  # runs pytest in a process of its own
def test_the_testing_kits_cases_example_runs_as_written(tmp_path):
    """docs/testing-rules.md's "Run them with:" block, as a plugin's tests/test_cases.py beside
    tests/cases/, run by pytest from another folder: it never imported `plugin` (NameError in
    every case) and read "tests/cases" from the current directory (plugin author p50 04)."""
    import shutil
    import subprocess
    import sys

    block = next(b for b in _python_blocks(DOCS / "testing-rules.md") if "load_cases(" in b and "def test_" in b)
    cases = tmp_path / "plugin" / "tests" / "cases"
    cases.mkdir(parents=True)
    shutil.copy(ROOT / "plugins" / "softenv-county-qingshan" / "tests" / "cases" / "qingshan.json", cases)
    (cases.parent / "test_cases.py").write_text(block, encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:xdist", str(cases.parent)],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0 and " passed" in proc.stdout, proc.stdout + proc.stderr
