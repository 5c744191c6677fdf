"""The two public surfaces: softenv_core (integrators) and softenv_core.plugin (plugin authors)."""

import ast
import importlib
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest

import softenv_core
import softenv_core.plugin
import softenv_core.testing

SRC = Path(softenv_core.__file__).resolve().parent
SURFACES = [softenv_core, softenv_core.plugin]


def _type_checking_imports(path: Path) -> dict[str, str]:
    """name -> submodule of the ``from softenv_core.x import N as N`` lines under TYPE_CHECKING."""
    found: dict[str, str] = {}
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for imp in node.body:
                assert isinstance(imp, ast.ImportFrom) and imp.module, ast.unparse(imp)
                for alias in imp.names:
                    # `N as N`: an explicit re-export, so that mypy --strict users may import it
                    assert alias.asname == alias.name, f"{path.name}: import {alias.name} as {alias.name}"
                    assert alias.name not in found, f"{path.name}: {alias.name} imported twice"
                    found[alias.name] = imp.module.removeprefix("softenv_core.")
    return found


@pytest.mark.parametrize("surface", SURFACES, ids=lambda m: m.__name__)
def test_the_table_and_the_type_checking_imports_agree(surface):
    """One table per surface (_WHERE); what type checkers see must be the same names, same modules."""
    imports = _type_checking_imports(Path(surface.__file__))
    assert imports == surface._WHERE


@pytest.mark.parametrize("surface", SURFACES, ids=lambda m: m.__name__)
def test_all_and_dir_come_from_the_table_and_show_no_helpers(surface):
    assert surface.__all__ == sorted(surface._WHERE)
    assert dir(surface) == sorted(surface._WHERE)
    for helper in ("lazy_exports", "annotations", "TYPE_CHECKING", "typing", "_WHERE", "importlib"):
        assert helper not in dir(surface)


@pytest.mark.parametrize("surface", SURFACES, ids=lambda m: m.__name__)
def test_every_public_name_resolves_to_the_object_of_its_module(surface):
    for name, module in surface._WHERE.items():
        assert getattr(surface, name) is getattr(importlib.import_module(f"softenv_core.{module}"), name), name
    with pytest.raises(AttributeError, match="no attribute 'nothing_here'"):
        _ = surface.nothing_here


def test_star_import_gives_exactly_the_public_names():
    namespace: dict[str, object] = {}
    exec("from softenv_core.plugin import *", namespace)
    assert sorted(n for n in namespace if n != "__builtins__") == softenv_core.plugin.__all__


def test_the_documented_v2_records_their_enums_and_the_complaint_types_are_public():
    # clerk finding 12: docs/data-format.md documents these records (a dataset built in code
    # needs them), and complaint_status takes Limits and answers with ComplaintStep.
    from softenv_core.analyses import complaint_handling
    from softenv_core.model import followups, guarantees, roster

    for name, module in (
        ("FollowUp", followups),
        ("FollowUpKind", followups),
        ("MatterSource", followups),
        ("WorkPlan", guarantees),
        ("PublicityActivity", guarantees),
        ("PublicityKind", guarantees),
        ("AdjustmentSuggestion", roster),
        ("TopicEvent", roster),
        ("TopicState", roster),
        ("Finding", roster),
        ("Measure", roster),
        ("Limits", complaint_handling),
        ("ComplaintStep", complaint_handling),
    ):
        assert name in softenv_core.__all__, name
        assert getattr(softenv_core, name) is getattr(module, name), name


def test_integrators_find_what_they_used_to_import_from_submodules():
    for name in (
        "monitoring_report",
        "monitoring_reports",
        "MonitoringReport",
        "Audience",
        "year_end",
        "YearEnd",
        "complaint_status",
        "ComplaintStatus",
        "render_markdown",
        "render_yearend",
        "city_plugin_manager",
        "get_plugin_manager",
        "build_demo",
    ):
        assert name in softenv_core.__all__, name


def test_plugin_authors_find_the_marker_values_and_typed_contexts():
    for name in (
        "hookimpl",
        "Rule",
        "Award",
        "Condition",
        "Failure",
        "Deadline",
        "ComplaintSla",
        "PluginInfo",
        "PointYear",
        "CountyYear",
        "ComplaintView",
        "monthly_deadline",
        "ParameterSet",
        "ParamValue",
    ):
        assert name in softenv_core.plugin.__all__, name
    assert softenv_core.plugin.hookimpl is softenv_core.hookimpl


def test_plugin_authors_find_beijing_date_beside_the_contexts():
    # A rule cuts ctx.dataset.followups at ctx.as_of's Beijing day (docs/hooks.md); the guide
    # says to import everything from softenv_core.plugin, which lacked it (plugin author p33).
    from softenv_core.plugin import beijing_date

    assert "beijing_date" in softenv_core.plugin.__all__
    assert beijing_date is softenv_core.beijing_date


def test_the_testing_kit_all_is_its_table():
    assert sorted(softenv_core.testing.__all__) == sorted(softenv_core.testing._WHERE)


def test_one_version_everywhere(capsys):
    from softenv_core.cli.main import main
    from softenv_core.engine.manager import core_version

    installed = metadata.version("softenv-core")
    assert softenv_core.__version__ == core_version() == installed
    with pytest.raises(SystemExit):
        main(["--version"])
    assert capsys.readouterr().out.strip() == f"softenv-core {installed}"
    assert softenv_core.city_plugin_manager().meta("city").version == installed
    # the only place the number is written is pyproject.toml
    written = [p for p in SRC.rglob("*.py") if "0.1.0" in p.read_text(encoding="utf-8")]
    assert written == []


@pytest.mark.slow  # starts a process (docs: the fast suite leaves these out)
def test_core_never_imports_the_testing_kit():
    code = (
        "import sys, softenv_core, softenv_core.cli.main; print('hypothesis' in sys.modules, 'pytest' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False False"


def test_every_type_a_result_carries_is_importable_from_the_public_surfaces():
    """An integrator annotating a backend (mypy strict) or mapping results to its own types
    imports every type reachable from Assessment, MonitoringReport and YearEnd from
    softenv_core or softenv_core.plugin, not from internal modules (platform developer 08).
    The two ``Cell`` types share a name and stay in their modules."""
    import typing

    import attrs

    import softenv_core as se
    import softenv_core.plugin as sp

    public = {id(getattr(se, n)) for n in se.__all__} | {id(getattr(sp, n)) for n in sp.__all__}
    seen: set[type] = set()
    missing: list[str] = []

    def walk(tp: object) -> None:
        for arg in typing.get_args(tp):
            walk(arg)
        if isinstance(tp, type) and tp not in seen and tp.__module__.startswith("softenv_core"):
            seen.add(tp)
            if id(tp) not in public and tp.__name__ != "Cell":
                missing.append(f"{tp.__module__}.{tp.__qualname__}")
            if attrs.has(tp):
                hints = typing.get_type_hints(tp)
                for f in attrs.fields(tp):
                    walk(hints.get(f.name, f.type))

    for root in (se.Assessment, se.MonitoringReport, se.YearEnd):
        walk(root)
    assert not missing, missing


def test_every_error_of_the_one_tree_is_on_the_integrators_surface():
    """docs/concepts.md's error tree names PluginRefused, which `softenv_core` lacked: an
    integrator catching the refusal had to import from a submodule."""
    import inspect

    from softenv_core import errors

    tree = [n for n, c in inspect.getmembers(errors, inspect.isclass) if issubclass(c, errors.SoftenvError)]
    assert "PluginRefused" in tree
    for name in tree:
        assert name in softenv_core.__all__, name
        assert getattr(softenv_core, name) is getattr(errors, name), name
