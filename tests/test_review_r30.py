"""Review r30: plugin registration and loading gaps found by reading the engine against pluggy.

Each test names the behaviour it pins; each failed on the code before the fix.
"""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pytest

from softenv_core.engine.manager import ENV_ALLOW, ENV_DISABLE_AUTOLOAD
from softenv_core.errors import PluginError
from softenv_core.plugin import PluginInfo, hookimpl
from softenv_core.rules.registry import city_plugin_manager, get_plugin_manager


class _OptionalTypo:
    """A county plugin whose rules hook is misspelt and marked optionalhook=True."""

    @hookimpl
    def softenv_plugin_info(self) -> PluginInfo:
        return PluginInfo(county="379902", title="t", reference="doc")

    @hookimpl(optionalhook=True)
    def softenv_extra_point_rulez(self, year: int, params: object) -> list[object]:
        return []


def test_an_unknown_hook_marked_optionalhook_is_refused_naming_plugin_and_hook() -> None:
    pm = city_plugin_manager()
    with pytest.raises(PluginError) as info:
        pm.register(_OptionalTypo(), name="typo")
    assert info.value.plugin == "typo"
    assert "softenv_extra_point_rulez" in str(info.value)
    assert not pm.has_plugin("typo")  # nothing of it stays registered


def _install_same_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two distributions, each with a ``softenv`` entry point named ``same``, for two counties."""
    for dist, county in (("a", "379902"), ("b", "379903")):
        module = f"r30_same_{dist}"
        source = f"""
            from softenv_core.plugin import PluginInfo, hookimpl
            @hookimpl
            def softenv_plugin_info():
                return PluginInfo(county="{county}", title="{dist}", reference="doc")
        """
        (tmp_path / f"{module}.py").write_text(textwrap.dedent(source), encoding="utf-8")
        info = tmp_path / f"softenv_county_r30{dist}-1.0.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(
            f"Metadata-Version: 2.1\nName: softenv-county-r30{dist}\nVersion: 1.0\n", encoding="utf-8"
        )
        (info / "entry_points.txt").write_text(f"[softenv]\nsame = {module}\n", encoding="utf-8")
        monkeypatch.delitem(sys.modules, module, raising=False)
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delenv(ENV_ALLOW, raising=False)
    monkeypatch.delenv(ENV_DISABLE_AUTOLOAD, raising=False)


def test_two_distributions_giving_one_entry_point_name_are_refused_naming_both(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Before: the first loaded and the second was skipped, its county assessed by the city's
    # rules alone without a word.
    _install_same_name(tmp_path, monkeypatch)
    with pytest.raises(PluginError) as info:
        get_plugin_manager(allow=["same"])
    assert info.value.plugin == "same"
    assert "softenv-county-r30a" in str(info.value) and "softenv-county-r30b" in str(info.value)


def test_a_shared_entry_point_name_left_out_of_the_allow_list_does_not_stop_loading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _install_same_name(tmp_path, monkeypatch)
    pm = get_plugin_manager(allow=["qingshan"])
    assert not pm.has_plugin("same")


_DOCS = Path(__file__).resolve().parent.parent / "docs"
_SURFACES = ("softenv_core", "softenv_core.plugin", "softenv_core.testing")


def test_the_docs_import_only_from_the_public_surfaces() -> None:
    """docs/architecture.md promises two surfaces (integrators, plugin authors) and the testing
    kit; a snippet importing an internal module teaches a path that may move."""
    import re

    found = []
    for page in sorted([*_DOCS.glob("*.md"), _DOCS.parent / "README.md"]):
        for module in re.findall(r"^\s*(?:from|import) (softenv_core[\w.]*)", page.read_text("utf-8"), re.M):
            if not module.startswith(_SURFACES) or module.split(".")[1:2] not in ([], ["plugin"], ["testing"]):
                found.append(f"{page.name}: {module}")
    assert found == []


def _refusals() -> dict[str, object]:
    """Values a plugin author builds in Python that their classes refuse."""
    from datetime import date

    from softenv_core.engine.parameters import DatedValue, Parameter, ParameterSet
    from softenv_core.plugin import Rule

    one = (DatedValue(date(2024, 1, 1), 3),)
    good = Parameter("county.379902.a", "doc", values=one)
    return {
        "a parameter without values": lambda: Parameter("county.379902.a", "doc", values=()),
        "values out of date order": lambda: Parameter("county.379902.a", "doc", values=one * 2),
        # A boolean is a county's switch (ParamValue.boolean), admitted since p32 6f; null is not.
        "a null value": lambda: Parameter("county.379902.a", "doc", values=(DatedValue(date(2024, 1, 1), None),)),
        "a parameter twice in a set": lambda: ParameterSet((good, good)),
        "a rule ending before it starts": lambda: Rule(
            id="x.extra",
            label="x.extra",
            title_zh="加分",
            title_en="extra",
            reference="doc",
            score=lambda ctx: None,
            max_points=1,
            effective_from=date(2024, 1, 1),
            effective_until=date(2023, 12, 31),
        ),
    }


@pytest.mark.parametrize("case", sorted(_refusals()))
def test_a_refused_parameter_or_rule_is_a_softenv_error_naming_the_field(case: str) -> None:
    """One error tree (STYLE 5): FieldInvalid, a SoftenvError and still a ValueError."""
    from softenv_core.errors import FieldInvalid, SoftenvError

    build = _refusals()[case]
    with pytest.raises(SoftenvError) as info:
        build()  # type: ignore[operator]
    assert isinstance(info.value, FieldInvalid) and isinstance(info.value, ValueError)
    assert info.value.name in ("values", "parameters", "effective_until")


def test_number_of_a_text_parameter_says_it_is_not_a_number_not_that_it_is_missing() -> None:
    """ParameterMissing means "no value in force that day", which the engine reports as missing
    data rather than the plugin's fault; a text value read as a number is the caller's slip."""
    from datetime import date

    from softenv_core.engine.parameters import DatedValue, Parameter, ParameterSet
    from softenv_core.errors import FieldInvalid, ParameterMissing

    params = ParameterSet((Parameter("county.379902.a", "doc", values=(DatedValue(date(2024, 1, 1), "3"),)),))
    with pytest.raises(FieldInvalid, match="not a number") as info:
        params.number("county.379902.a", date(2025, 1, 1))
    assert not isinstance(info.value, ParameterMissing)
    assert info.value.name == "county.379902.a"
    with pytest.raises(ParameterMissing):  # before its first value: missing, as before
        params.number("county.379902.a", date(2023, 1, 1))


def test_an_entry_point_blocked_with_set_blocked_is_skipped_not_a_key_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """pluggy's way to keep a plugin out (pytest's ``-p no:name``): registering a blocked name
    returns None, after which the loader looked up its metadata and raised KeyError."""
    monkeypatch.delenv(ENV_ALLOW, raising=False)
    installed = {m.name for m in get_plugin_manager(autoload=True).plugins_meta()}
    assert "qingshan" in installed  # the example plugins are installed in the test environment
    pm = city_plugin_manager()
    pm.set_blocked("qingshan")
    pm.load_entry_points()
    names = {m.name for m in pm.plugins_meta()}
    assert "qingshan" not in names
    assert names == installed - {"qingshan"}


class _Unnamed:
    @hookimpl
    def softenv_plugin_info(self) -> PluginInfo:
        return PluginInfo(county="379902", title="t", reference="doc")


def test_a_plugin_object_registered_without_a_name_is_refused_not_named_by_its_id() -> None:
    """pluggy names such a plugin str(id(plugin)): traced in every item and ordering the calls,
    it made the output change from run to run (DESIGN principle 4). A module keeps its __name__."""
    pm = city_plugin_manager()
    with pytest.raises(PluginError, match="needs a name"):
        pm.register(_Unnamed())
    assert [m.name for m in pm.plugins_meta()] == ["city"]
    assert pm.register(_Unnamed(), name="softenv-county-jia") == "softenv-county-jia"


@pytest.mark.parametrize("raw", ["", " ", ","])
def test_softenv_plugins_set_but_naming_none_is_refused_not_loading_none(raw: str) -> None:
    """An empty SOFTENV_PLUGINS (a script's unset variable) loaded no county plugin, so every
    county was assessed by the city's rules alone without a word; loading none is said with
    SOFTENV_DISABLE_PLUGIN_AUTOLOAD=1."""
    from softenv_core.errors import FieldInvalid

    with pytest.raises(FieldInvalid, match="names no plugin") as info:
        get_plugin_manager(env={ENV_ALLOW: raw})
    assert info.value.name == "env"
    assert [m.name for m in get_plugin_manager(env={ENV_DISABLE_AUTOLOAD: "1"}).plugins_meta()] == ["city"]
