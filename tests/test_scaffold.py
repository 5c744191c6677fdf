"""softenv plugin new: the scaffold writes a plugin that passes its own tests and mypy --strict."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from softenv_core.cli.main import main
from softenv_core.cli.scaffold import core_checkout, new_plugin, next_steps
from softenv_core.errors import InputError, PluginError
from softenv_core.plugin import load_parameters

REPO = Path(__file__).resolve().parents[1]


def test_writes_every_file_with_the_county_filled_in(tmp_path: Path) -> None:
    target, layout, written = new_plugin("379902", "linshui", tmp_path / "p", core=str(REPO))
    assert layout == "standalone"
    names = sorted(str(p.relative_to(target)) for p in written)
    assert "src/softenv_county_linshui/parameters.json" in names
    assert "tests/cases/linshui.json" in names
    for path in written:
        assert "{{" not in path.read_text(encoding="utf-8"), path
    pyproject = (target / "pyproject.toml").read_text(encoding="utf-8")
    assert f'softenv-core = {{ path = "{REPO.as_posix()}", editable = true }}' in pyproject
    assert 'linshui = "softenv_county_linshui"' in pyproject
    # the fixture typed as the guide types it (review p29: the scaffold said Any, the guide a Callable)
    test_module = (target / "tests" / "test_linshui.py").read_text(encoding="utf-8")
    assert "softenv_register: RegisterPlugin" in test_module and ": Any" not in test_module
    assert "softenv_register: RegisterPlugin" in (REPO / "docs" / "writing-a-county-plugin.md").read_text("utf-8")


def test_git_source_and_workspace_layout(tmp_path: Path) -> None:
    target, _, _ = new_plugin("379902", "a", tmp_path / "a", core="git+https://example.org/softenv-core.git")
    assert '{ git = "https://example.org/softenv-core.git" }' in (target / "pyproject.toml").read_text()
    target, _, _ = new_plugin("379902", "b", tmp_path / "b", layout="workspace")
    assert "softenv-core = { workspace = true }" in (target / "pyproject.toml").read_text()


def test_the_workspace_layout_is_the_default_under_plugins() -> None:
    assert core_checkout() == REPO
    from softenv_core.cli import scaffold

    assert scaffold._in_workspace(REPO / "plugins" / "softenv-county-x")
    assert not scaffold._in_workspace(REPO.parent / "softenv-county-x")


@pytest.mark.parametrize(
    ("code", "name", "expected"),
    [
        ("37990", "ok", "six-digit"),
        ("379902", "Bad-Name", "lower-case"),
        ("379902", "1x", "lower-case"),
        ("379902\n", "ok", "six-digit"),  # "$" let the newline into every template
        ("３７９９０２", "ok", "six-digit"),  # full-width digits matched "\d"
        ("379902", "ok\n", "lower-case"),
    ],
)
def test_refuses_a_bad_code_or_name(tmp_path: Path, code: str, name: str, expected: str) -> None:
    with pytest.raises(InputError, match=expected):
        new_plugin(code, name, tmp_path / "x", core=str(REPO))


def test_the_chinese_title_and_policy_carry_the_county_s_chinese_name_never_the_python_name(tmp_path: Path) -> None:
    """Review p29: the title read 'lakeside 监测点工作细则' and the 文号 'lakeside〔2025〕X号', an
    English word in a Chinese document's reference, which assess and yearend print."""
    import ast

    def info(folder: Path) -> tuple[str, str]:
        tree = ast.parse((folder / "src" / "softenv_county_lakeside" / "__init__.py").read_text(encoding="utf-8"))
        consts = {
            n.targets[0].id: n.value.value
            for n in tree.body
            if isinstance(n, ast.Assign) and isinstance(n.targets[0], ast.Name) and isinstance(n.value, ast.Constant)
        }
        title = next(
            k.value.value
            for n in ast.walk(tree)
            if isinstance(n, ast.Call) and getattr(n.func, "id", "") == "PluginInfo"
            for k in n.keywords
            if k.arg == "title" and isinstance(k.value, ast.Constant)
        )
        return title, consts["POLICY"]

    named, _, _ = new_plugin("379903", "lakeside", tmp_path / "a", core=str(REPO), county_name="青山县")
    assert info(named) == ("青山县监测点工作细则", "青山县〔2025〕X号《青山县软环境建设监测点工作细则》")
    unnamed, _, _ = new_plugin("379903", "lakeside", tmp_path / "b", core=str(REPO))
    title, policy = info(unnamed)
    assert "lakeside" not in title + policy and title.startswith("XX县") and policy.startswith("XX县〔2025〕")


@pytest.mark.parametrize("bad", ['青山"县', "Qingshan", "县", "青山县\n", "青" * 21])
def test_a_county_name_that_is_not_chinese_characters_is_refused(tmp_path: Path, bad: str) -> None:
    with pytest.raises(InputError, match="--county-name"):
        new_plugin("379903", "lakeside", tmp_path / "x", core=str(REPO), county_name=bad)
    assert not (tmp_path / "x").exists()


def test_refuses_a_folder_that_is_not_empty(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "keep.txt").write_text("mine")
    code = main(["plugin", "new", "--county", "379902", "--name", "x", "--dir", str(tmp_path / "x")])
    assert code == 1
    assert "not empty" in capsys.readouterr().err
    assert (tmp_path / "x" / "keep.txt").read_text() == "mine"


def _guide_section_2() -> str:
    text = GUIDE.read_text(encoding="utf-8")
    return text[text.index("## 2. Install it editable") : text.index("## 3.")]


def _guide_steps(layout: str) -> list[str]:
    """The sh block after "Workspace layout" or "Standalone layout" in the guide's §2, without comments."""
    import re

    section = _guide_section_2()
    after = section[section.index(f"{layout.capitalize()} layout") :]
    block = re.search(r"^```sh\n(.*?)^```$", after, re.MULTILINE | re.DOTALL)
    assert block is not None
    return [line.split("#")[0].strip() for line in block.group(1).splitlines() if line.strip()]


def _printed(capsys: pytest.CaptureFixture[str], args: list[str]) -> tuple[list[str], list[str]]:
    """The files listed and the steps printed by ``softenv plugin new``; checks the count said."""
    assert main(["plugin", "new", "--county", "379902", "--name", "lakeside", *args]) == 0
    lines = capsys.readouterr().out.splitlines()
    nxt = next(i for i, line in enumerate(lines) if line.startswith("next"))
    files = [line.strip() for line in lines[1:nxt]]
    assert lines[0].startswith(f"wrote {len(files)} files")
    return files, [line.strip() for line in lines[nxt + 1 :]]


def test_the_printed_steps_are_the_guides(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "softenv-county-lakeside"
    files, steps = _printed(capsys, ["--dir", str(target), "--core", str(REPO)])
    assert steps == _guide_steps("standalone")
    assert sorted(files) == sorted(str(p.relative_to(target)) for p in target.rglob("*") if p.is_file())
    # the workspace layout, as the guide's plugins/softenv-county-lakeside (relative to the root)
    where, steps = next_steps(REPO / "plugins" / "softenv-county-lakeside", "workspace")
    assert steps == _guide_steps("workspace") and str(REPO) in where


def _guide_tree() -> list[str]:
    """The files of the guide's §1 tree (``├── src/pkg/`` then ``│   ├── x.py``: four columns a level)."""
    text = GUIDE.read_text(encoding="utf-8")
    tree = text[text.index("softenv-county-lakeside/\n├") :].split("```")[0]
    stack: list[str] = []
    files = []
    for line in tree.splitlines()[1:]:
        at = max(line.find("├── "), line.find("└── "))
        depth, name = at // 4, line[at + 4 :].split()[0]
        stack[depth:] = [name]
        if not name.endswith("/"):
            files.append("".join(stack))
    return files


def test_the_guides_tree_is_what_is_written(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files, _ = _printed(capsys, ["--dir", str(tmp_path / "p"), "--core", str(REPO)])
    assert sorted(_guide_tree()) == sorted(files)
    assert "src/softenv_county_lakeside/py.typed" in files


def _write_params(folder: Path, names: list[str]) -> None:
    import json

    params = [{"name": n, "reference": "测试", "values": [{"effective_from": "2025-01-01", "value": 3}]} for n in names]
    (folder / "parameters.json").write_text(json.dumps({"schema": "softenv.parameters", "parameters": params}))


def test_county_parameters_stay_in_their_namespace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pkg = tmp_path / "countyparams"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    monkeypatch.syspath_prepend(str(tmp_path))
    _write_params(pkg, ["county.379902.report.due_day"])
    params = load_parameters("countyparams", "parameters.json", namespace="county.379902")
    from datetime import date

    assert params.get("county.379902.report.due_day", date(2025, 3, 1)).value == 3
    _write_params(pkg, ["report.due_day"])  # the city's own name: a county cannot shadow it
    with pytest.raises(PluginError, match="city parameter"):
        load_parameters("countyparams", "parameters.json", namespace="county.379902")
    _write_params(pkg, ["county.379903.report.due_day"])  # another county's namespace
    with pytest.raises(PluginError, match=r"outside the county's namespace"):
        load_parameters("countyparams", "parameters.json", namespace="county.379902")


def _run(cmd: list[str], cwd: Path, env: dict[str, str]) -> str:
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, f"{' '.join(cmd)} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("uv") is None, reason="needs uv")
def test_a_scaffolded_plugin_passes_its_tests_and_mypy_strict_in_a_fresh_venv(tmp_path: Path) -> None:
    """Outside the repository, a fresh venv: softenv-core (this checkout, editable) and the plugin
    (editable), then the plugin's own tests, mypy --strict, and softenv using it."""
    assert REPO not in tmp_path.resolve().parents
    target, _, _ = new_plugin("379902", "linshui", tmp_path / "softenv-county-linshui", core=str(REPO))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VIRTUAL_ENV", "UV_PROJECT", "PYTEST"))}
    env["SOFTENV_PLUGINS"] = "linshui"
    env["UV_PYTHON"] = sys.executable
    venv = target / ".venv"
    # the steps softenv plugin new prints, which are the guide's §2 (test_the_printed_steps_are_the_guides)
    _, steps = next_steps(target, "standalone")
    outs = [_run(step.split(), target, env) for step in steps]
    assert "passed" in outs[1] and "failed" not in outs[1]
    assert "no fault found" in outs[-1]
    # an edit to the editable install applies without reinstalling
    module = target / "src" / "softenv_county_linshui" / "__init__.py"
    text = module.read_text()
    assert 'title="XX县监测点工作细则"' in text  # the edit below must change something
    module.write_text(text.replace('title="XX县监测点工作细则"', 'title="edited"'))
    assert "edited" in _run([str(venv / "bin" / "softenv"), "plugins", "--format", "json"], target, env)


GUIDE = REPO / "docs" / "writing-a-county-plugin.md"


def _blocks(lang: str) -> list[str]:
    import re

    return re.findall(rf"^ *```{lang}\n(.*?)^ *```$", GUIDE.read_text(encoding="utf-8"), re.MULTILINE | re.DOTALL)


def test_every_softenv_command_in_the_guide_parses() -> None:
    import shlex
    import textwrap

    from softenv_core.cli.main import build_parser

    lines = [
        line.split("#")[0].strip()
        for block in _blocks("sh")
        for line in textwrap.dedent(block).splitlines()
        if line.strip().startswith(("softenv ", "uv run softenv "))
    ]
    assert any("plugin new" in line for line in lines) and any("--check" in line for line in lines)
    for line in lines:
        argv = shlex.split(line.removeprefix("uv run "))[1:]
        build_parser().parse_args(argv)  # a usage error exits 2 and fails the test


@pytest.mark.slow
def test_the_guides_module_test_and_case_run_as_a_plugin(tmp_path: Path) -> None:
    """The guide's blocks laid out as the scaffold lays them out, then its tests run."""
    import json

    (module,) = [b for b in _blocks("python") if "@hookimpl" in b]
    (test,) = [b for b in _blocks("python") if "def test_" in b]
    (params,) = [b for b in _blocks("json") if "softenv.parameters" in b]
    (cases,) = [b for b in _blocks("json") if '"cases"' in b]
    package = tmp_path / "src" / "softenv_county_lakeside"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text(module, encoding="utf-8")
    (package / "parameters.json").write_text(params, encoding="utf-8")
    (tmp_path / "tests" / "cases").mkdir(parents=True)
    (tmp_path / "tests" / "test_lakeside.py").write_text(test, encoding="utf-8")
    (tmp_path / "tests" / "cases" / "lakeside.json").write_text(json.dumps(json.loads(cases)), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "src"), "SOFTENV_DISABLE_PLUGIN_AUTOLOAD": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:xdist", "tests"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "2 passed" in done.stdout


def test_a_county_parameter_cannot_relax_a_city_bound(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    pkg = tmp_path / "laxcounty"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    monkeypatch.syspath_prepend(str(tmp_path))

    def write(value: int) -> None:
        values = [{"effective_from": "2025-01-01", "value": value}]
        params = [{"name": "county.379902.report.due_day", "reference": "测试", "values": values}]
        (pkg / "parameters.json").write_text(json.dumps({"schema": "softenv.parameters", "parameters": params}))

    write(10)  # the city's report.due_day is 5
    with pytest.raises(PluginError, match=r"relaxes the city's report.due_day \(5\).*report.due_day ≤ 5"):
        load_parameters("laxcounty", "parameters.json", namespace="county.379902")
    write(5)
    assert load_parameters("laxcounty", "parameters.json", namespace="county.379902").parameters


def test_the_scaffolds_condition_does_not_count_months_not_yet_due(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As of mid-year, a county that reported every month due so far stays eligible under the
    scaffold's example condition: months not yet due (未到期) have no report and are not missing."""
    import importlib
    from datetime import datetime

    from softenv_core import CITY_OFFICE, assess, get_plugin_manager
    from softenv_core.model.periods import BEIJING
    from softenv_core.testing import small_dataset

    target, _, _ = new_plugin("379902", "midyear", tmp_path / "p", core=str(REPO))
    monkeypatch.syspath_prepend(str(target / "src"))
    module = importlib.import_module("softenv_county_midyear")
    pm = get_plugin_manager(autoload=False, plugins=[("midyear", module)])
    ds = small_dataset(2025)
    as_of = datetime(2025, 7, 15, tzinfo=BEIJING)
    county = assess(ds, 2025, pm, audience=CITY_OFFICE, as_of=as_of).county("379902")
    (result,) = [c for c in county.conditions if c.rule.id == "county.379902.topten.every_month"]
    assert result.passed, result.reason
    # The city's own condition is not passed yet, for the months not yet due alone (暂不能判定:
    # 十佳 is decided on every month's report, auditor a21), never for a month missing.
    (city,) = county.failing_conditions
    assert city.rule.id == "city.topten.on_time"
    assert city.reason == "2025-07—2025-12 未到期（截至评估时点），暂不能判定（已到期月份均按时报送）"


@pytest.mark.parametrize(
    ("value", "fault"),
    [
        ("3", r"= '3' from 2025-01-01: expected a whole number of days \(e\.g\. 3\), got text"),
        (0, r"= 0 from 2025-01-01: a day of the month is 1 or more"),
        (-2, r"a day of the month is 1 or more"),
        (3.5, r"= 3\.5 from 2025-01-01: expected a whole number of days \(e\.g\. 3\), got float"),
    ],
)
def test_a_county_due_day_is_a_whole_number_of_days(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: object, fault: str
) -> None:
    """Finding t7/06: text "3" was blamed as relaxing the city's 5, 0 passed the loader and 3.5
    was cut to the 3rd by the scaffold's int(); each is refused at import, naming the plugin's
    file, the parameter and what is wrong (not "relaxes")."""
    import json

    name = f"daycounty_{abs(hash(repr(value)))}"  # one package per value: imports are cached
    pkg = tmp_path / name
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    monkeypatch.syspath_prepend(str(tmp_path))
    values = [{"effective_from": "2025-01-01", "value": value}]
    params = [{"name": "county.379902.report.due_day", "reference": "测试", "values": values}]
    (pkg / "parameters.json").write_text(json.dumps({"schema": "softenv.parameters", "parameters": params}))
    with pytest.raises(PluginError, match=rf"{name}/parameters\.json") as caught:
        load_parameters(name, "parameters.json", namespace="county.379902")
    assert "county.379902.report.due_day" in str(caught.value)
    assert "relaxes" not in str(caught.value)
    assert caught.match(fault)


def test_the_scaffold_does_not_cut_the_due_day_to_a_whole_number() -> None:
    template = (REPO / "src/softenv_core/cli/templates/plugin/module.py.tmpl").read_text(encoding="utf-8")
    assert "int(due_day.value)" not in template
    # ParamValue.value is typed ParamData: passed as it is, the scaffold failed its own mypy
    # --strict (the slow fresh-venv test); .whole() gives the int and refuses 3.5 by name.
    assert "due_day.whole()," in template and "due_day.value," not in template


def test_the_scaffolds_symposium_rule_counts_the_county_s_own_symposiums_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rule is 参加县座谈会加分 (the county's symposium), as in 青山县's and docs/hooks.md: a
    symposium held by the city's office (liaison "city") with a 县区 point is not the county's."""
    import importlib

    import attrs

    from softenv_core import CITY_OFFICE, assess, get_plugin_manager
    from softenv_core.model.reports import ContactMethod
    from softenv_core.testing import small_dataset

    target, _, _ = new_plugin("379902", "symposia", tmp_path / "p", core=str(REPO))
    monkeypatch.syspath_prepend(str(target / "src"))
    module = importlib.import_module("softenv_county_symposia")
    pm = get_plugin_manager(autoload=False, plugins=[("symposia", module)])
    ds = small_dataset(2025, ("379902",))

    def points(liaison: str) -> object:
        contacts = tuple(
            attrs.evolve(c, method=ContactMethod.SYMPOSIUM, liaison=liaison)
            if c.id in ("C-P-379902-2-2025-03", "C-P-379902-2-2025-06")
            else c
            for c in ds.contacts
        )
        point = assess(attrs.evolve(ds, contacts=contacts), 2025, pm, audience=CITY_OFFICE).point("P-379902-2")
        return {i.rule.id: i.points for i in point.items}.get("county.379902.extra.symposium")

    assert points("379902") == 4  # two months of the county's own symposium, 2 each
    assert points("city") is None


def test_the_scaffolds_rules_start_with_the_earliest_figure_whatever_the_files_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # IN_FORCE was the first entry's first date: a figure added above it, dated later, moved
    # every rule's start without a word (plugin author p43).
    import importlib
    import json
    from datetime import date

    target, _, _ = new_plugin("379902", "ordered", tmp_path / "p", core=str(REPO))
    src = target / "src"
    params_file = src / "softenv_county_ordered" / "parameters.json"
    doc = json.loads(params_file.read_text(encoding="utf-8"))
    first = doc["parameters"][0]["values"][0]["effective_from"]
    later = {
        "name": "county.379902.extra.new.points",
        "reference": "细则修订",
        "description": "a figure adopted later",
        "unit": "points",
        "values": [{"effective_from": "2030-07-01", "value": 1}],
    }
    doc["parameters"].insert(0, later)
    params_file.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    monkeypatch.syspath_prepend(str(src))
    module = importlib.import_module("softenv_county_ordered")
    try:
        assert date.fromisoformat(first) == module.IN_FORCE
    finally:
        sys.modules.pop("softenv_county_ordered", None)
