"""The documentation stays true: every hook and every baseline parameter is documented."""

import re
from pathlib import Path

import pytest

from softenv_core import baseline_parameters
from softenv_core.engine import hookspecs
from softenv_core.engine.hookspecs import HOOKS

DOCS = Path(__file__).resolve().parent.parent / "docs"


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
