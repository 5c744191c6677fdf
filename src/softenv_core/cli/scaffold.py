"""``softenv plugin new``: a county plugin distribution from the templates in cli/templates/plugin.

Two layouts (docs/writing-a-county-plugin.md): ``workspace``, a member of the softenv-core
repository's uv workspace (plugins/softenv-county-NAME), and ``standalone``, a project of its
own depending on softenv-core by git URL or local path. The files are package data, so the
scaffold is the same from a checkout and from an installed wheel.
"""

from __future__ import annotations

import contextlib
import re
from importlib import resources
from pathlib import Path

from softenv_core.cli.output import write_atomic
from softenv_core.errors import InputError
from softenv_core.model.divisions import county_code_problem, is_division_code

# Matched whole (fullmatch): "$" let a trailing newline through.
_NAME = re.compile(r"[a-z][a-z0-9_]{0,39}")
_GIT = re.compile(r"^(git\+|https?://|ssh://|git@)")
#: A county's name as its documents write it (青山县, 临水区, 某某市): Chinese characters only,
#: since it goes into the plugin's Python source, JSON and the 文号 as written.
_COUNTY_NAME = re.compile(r"[\u4e00-\u9fff]{2,20}")
#: The name written when none is given: the placeholder a Chinese form leaves, like 〔2025〕X号's X.
UNNAMED_COUNTY = "XX县"

# template -> path in the new distribution ({module} replaced)
_FILES = {
    "module.py.tmpl": "src/{module}/__init__.py",
    "parameters.json.tmpl": "src/{module}/parameters.json",
    "README.md.tmpl": "README.md",
    "test_plugin.py.tmpl": "tests/test_{name}.py",
    "case.json.tmpl": "tests/cases/{name}.json",
}


def core_checkout() -> Path | None:
    """The softenv-core source checkout this softenv runs from (an editable install), if any."""
    root = Path(__file__).resolve().parents[3]
    pyproject = root / "pyproject.toml"
    if pyproject.is_file() and 'name = "softenv-core"' in pyproject.read_text(encoding="utf-8"):
        return root
    return None


def _in_workspace(target: Path) -> bool:
    core = core_checkout()
    return core is not None and target.resolve().parent == (core / "plugins").resolve()


def _core_source(core: str) -> str:
    """The ``[tool.uv.sources]`` entry for softenv-core in a standalone plugin."""
    if _GIT.match(core):
        return '{ git = "' + core.removeprefix("git+") + '" }'
    path = Path(core).expanduser().resolve()
    if not (path / "pyproject.toml").is_file():
        raise InputError([f"--core: {core} holds no pyproject.toml (expected a softenv-core checkout)"], "--core")
    return '{ path = "' + path.as_posix() + '", editable = true }'


def _check_names(code: str, name: str, county_name: str | None) -> None:
    """The county's code, the plugin's Python name and the county's Chinese name, or every
    problem with them at once."""
    problems = []
    if county_name is not None and not _COUNTY_NAME.fullmatch(county_name):
        problems.append(
            f"--county-name: {county_name!r} must be the county's name in Chinese characters (2-20), e.g. 青山县"
        )
    if not is_division_code(code):
        problems.append(f"--county: {code!r} is not a six-digit GB/T 2260 county code")
    elif (problem := county_code_problem(code)) is not None:  # the city's 379900, a province's 370000 (p50 01)
        problems.append(f"--county: {problem[0]} (a county plugin serves a county, not the city or a province)")
    if not _NAME.fullmatch(name):
        problems.append(f"--name: {name!r} must be lower-case letters, digits and _ (a Python name)")
    if problems:
        raise InputError(problems, "softenv plugin new")


def new_plugin(
    code: str,
    name: str,
    directory: Path | None = None,
    *,
    layout: str | None = None,
    core: str | None = None,
    policy: str | None = None,
    in_force: str = "2025-01-01",
    county_name: str | None = None,
) -> tuple[Path, str, list[Path]]:
    """Write the plugin's files; returns its folder, the layout chosen and the files written.
    ``county_name``: the county's Chinese name (青山县), written into the plugin's title and its
    policy's 文号; without it the placeholder XX县, never the Python ``name`` (an English word in
    a Chinese title, review p29)."""
    _check_names(code, name, county_name)
    dist = f"softenv-county-{name.replace('_', '-')}"
    module = f"softenv_county_{name}"
    target = Path(directory) if directory is not None else Path(dist)
    if target.exists() and any(target.iterdir()):
        raise InputError([f"{target}: the folder exists and is not empty; choose another --dir"], str(target))
    if layout is None:
        layout = "workspace" if _in_workspace(target) else "standalone"
    source = ""
    if layout == "standalone":
        where = core or (str(core_checkout()) if core_checkout() else None)
        if where is None:
            raise InputError(
                ["--core: say where softenv-core comes from: a git URL (git+https://…) or a checkout's path"],
                "softenv plugin new",
            )
        source = _core_source(where)
    zh_name = county_name or UNNAMED_COUNTY
    values = {
        "code": code,
        "county_name": zh_name,
        "name": name,
        "dist": dist,
        "module": module,
        "policy": policy or f"{zh_name}〔{in_force[:4]}〕X号《{zh_name}软环境建设监测点工作细则》",
        "in_force": in_force,
        "core_source": source,
    }
    folder = resources.files("softenv_core.cli") / "templates" / "plugin"
    files = {**_FILES, f"pyproject-{layout}.toml.tmpl": "pyproject.toml"}
    texts: dict[Path, str] = {}
    for template, where_to in files.items():
        text = (folder / template).read_text(encoding="utf-8")
        for key, value in values.items():
            text = text.replace("{{" + key + "}}", value)
        texts[target / where_to.format(module=module, name=name)] = text
    texts[target / "src" / module / "py.typed"] = ""  # the marker mypy --strict needs, counted like the rest
    return target, layout, _write_all(target, texts)


def _write_all(target: Path, texts: dict[Path, str]) -> list[Path]:
    """Write the scaffold's files, each whole (``write_atomic``: an error names the file). A
    failure (a full disk at the third file) removes the files and folders made so far: half a
    plugin in the folder refused the next ``plugin new`` there as "not empty" (x29)."""
    made = sorted(
        {
            d
            for path in texts
            for d in (path.parent, *path.parent.parents)
            if d.is_relative_to(target) and not d.exists()
        },
        key=lambda d: len(d.parts),
        reverse=True,  # the deepest first, so that each is empty when removed
    )
    written: list[Path] = []
    try:
        for path, text in texts.items():
            write_atomic(path, text)
            written.append(path)
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        for folder in made:
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise
    return written


def next_steps(target: Path, layout: str) -> tuple[str, list[str]]:
    """Where to run the install steps, and the steps: docs/writing-a-county-plugin.md §2's own
    (a test compares them with the guide's text, so the scaffold and the guide never differ)."""
    if layout == "workspace":
        core = core_checkout()
        where = target.resolve()
        if core is not None and where.is_relative_to(core.resolve()):
            where = where.relative_to(core.resolve())
        root = str(core) if core is not None else "the softenv-core repository"
        steps = ["uv sync --all-packages", f"uv run pytest {where.as_posix()}", "uv run softenv plugins --check"]
        return f"from the repository's root ({root})", steps
    steps = ["uv sync --extra test", "uv run pytest", "uv run mypy", "uv run softenv plugins --check"]
    return f"in the plugin's folder ({target})", steps


__all__ = ["core_checkout", "new_plugin", "next_steps"]
