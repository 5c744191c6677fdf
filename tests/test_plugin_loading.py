"""Loading plugins: what registration refuses (a county given as a number, a hook without
@hookimpl, a softenv_* typo, a malformed __version__), which version is traced, and what
``softenv plugins`` and ``--check`` say about a broken plugin or two claiming one county."""

from __future__ import annotations

import json
import sys
import textwrap
import time
from datetime import date
from pathlib import Path

import pytest

from softenv_core import PluginInfo, Rule, city_plugin_manager, hookimpl
from softenv_core.engine.manager import ENV_ALLOW, ENV_DISABLE_AUTOLOAD
from softenv_core.errors import FieldInvalid, PluginError

_INFO = """
from softenv_core import PluginInfo, Rule, hookimpl
@hookimpl
def softenv_plugin_info():
    return PluginInfo(county={county}, title="t", reference="doc")
"""
_RAISES = """
@hookimpl
def softenv_extra_point_rules(year, params):
    raise RuntimeError("boom in rules")
"""


def _install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, plugins: dict[str, tuple[str, str]]) -> None:
    """Installed distributions ``softenv-county-<name>`` (version, module source), one entry point each."""
    for name, (version, source) in plugins.items():
        module = f"f6_{name}_plugin"
        (tmp_path / f"{module}.py").write_text(textwrap.dedent(source), encoding="utf-8")
        info = tmp_path / f"softenv_county_{name}-{version}.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(
            f"Metadata-Version: 2.1\nName: softenv-county-{name}\nVersion: {version}\n", encoding="utf-8"
        )
        (info / "entry_points.txt").write_text(f"[softenv]\n{name} = {module}\n", encoding="utf-8")
        monkeypatch.delitem(sys.modules, module, raising=False)
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delenv(ENV_ALLOW, raising=False)
    monkeypatch.delenv(ENV_DISABLE_AUTOLOAD, raising=False)


def _plugins_json(capsys: pytest.CaptureFixture[str]) -> tuple[dict[str, dict[str, object]], str]:
    from softenv_core.cli.main import main

    assert main(["plugins", "--format", "json"]) == 0
    out, err = capsys.readouterr()
    return {r["name"]: r for r in json.loads(out)["plugins"]}, err


# --- finding 04: a county given as a number ---------------------------------------------------


def test_a_county_given_as_a_number_is_refused_with_the_fix_naming_the_plugin():
    with pytest.raises(FieldInvalid, match='give it as text, "379902"'):
        PluginInfo(county=379902, title="t", reference="r")  # type: ignore[arg-type]

    class IntCounty:
        @hookimpl
        def softenv_plugin_info(self):
            return PluginInfo(county=379902, title="t", reference="r")

    with pytest.raises(PluginError) as info:
        city_plugin_manager().register(IntCounty(), "dongcheng")
    assert (info.value.plugin, info.value.hook) == ("dongcheng", "softenv_plugin_info")
    assert "379902 is not a GB/T 2260 code" in str(info.value)


def test_softenv_plugins_lists_the_others_when_one_is_refused_or_its_rules_hook_raises(tmp_path, monkeypatch, capsys):
    _install(
        tmp_path,
        monkeypatch,
        {
            "good": ("1.0.0", _INFO.format(county='"379905"')),
            "intcounty": ("1.0.0", _INFO.format(county="379902")),
            "raiser": ("1.0.0", _INFO.format(county='"379906"') + _RAISES),
        },
    )
    rows, _err = _plugins_json(capsys)
    assert {"city", "good", "intcounty", "raiser"} <= set(rows)
    assert "broken" not in rows["good"] and "broken" not in rows["city"]
    assert "379902 is not a GB/T 2260 code" in str(rows["intcounty"]["broken"])
    assert "softenv-county-intcounty 1.0.0" in str(rows["intcounty"]["broken"])
    assert "hook softenv_extra_point_rules: raised RuntimeError: boom in rules" in str(rows["raiser"]["broken"])
    assert rows["raiser"]["county"] == "379906"


# --- finding 06: two installed plugins claiming one county ------------------------------------


@pytest.mark.slow  # starts a process (docs: the fast suite leaves these out)
def test_plugins_and_check_report_two_installed_plugins_claiming_one_county(tmp_path, monkeypatch, capsys):
    from softenv_core.cli.main import main

    same = _INFO.format(county='"379907"')
    _install(tmp_path, monkeypatch, {"old": ("1.0.0", same), "new": ("2.0.0", same)})
    rows, _err = _plugins_json(capsys)
    for name in ("old", "new"):
        assert "county 379907 is claimed by plugins 'new', 'old'" in str(rows[name]["broken"])
    assert main(["plugins", "--check", "--examples", "1"]) == 1
    out = capsys.readouterr().out
    assert "plugin 'new', check install" in out and "plugin 'old', check install" in out
    assert f"name both in {ENV_ALLOW}=new,old" in out
    # named both on purpose: as assess then loads them, neither listing nor check complains
    monkeypatch.setenv(ENV_ALLOW, "new,old")
    rows, _err = _plugins_json(capsys)
    assert "broken" not in rows["old"] and "broken" not in rows["new"]


# --- finding 09: a hook without @hookimpl, a softenv_* typo -----------------------------------


class _Unmarked:
    @hookimpl
    def softenv_plugin_info(self):
        return PluginInfo(county="379902", title="t", reference="r")

    def softenv_extra_point_rules(self, year, params):  # @hookimpl forgotten
        return []


class _Typo:
    @hookimpl
    def softenv_plugin_info(self):
        return PluginInfo(county="379902", title="t", reference="r")

    def softenv_extra_points_rules(self, year, params):  # a typo, unmarked
        return []


@pytest.mark.parametrize(
    ("plugin", "said"),
    [
        (_Unmarked(), "defines softenv_extra_point_rules without @hookimpl: it would never be called"),
        (_Typo(), "defines softenv_extra_points_rules, which is not a softenv hook (a typo?"),
    ],
)
def test_an_unmarked_softenv_function_is_refused_naming_plugin_and_method(plugin, said):
    pm = city_plugin_manager()
    with pytest.raises(PluginError) as info:
        pm.register(plugin, "dongcheng")
    assert info.value.plugin == "dongcheng" and said in str(info.value) and "add @hookimpl" in str(info.value)
    assert not pm.has_plugin("dongcheng")


def test_an_unmarked_hook_in_a_module_plugin_is_refused(tmp_path, monkeypatch):
    from softenv_core.rules.registry import get_plugin_manager

    source = _INFO.format(county='"379902"') + "\ndef softenv_topten_conditions(year, params):\n    return []\n"
    _install(tmp_path, monkeypatch, {"dongcheng": ("1.0.0", source)})
    with pytest.raises(PluginError, match="defines softenv_topten_conditions without @hookimpl"):
        get_plugin_manager(env={})


# --- finding 11: the code's __version__ is traced, not install-time metadata --------------------


def test_the_traced_version_is_the_codes___version___and_a_stale_install_is_warned(tmp_path, monkeypatch, capsys):
    from softenv_core.rules.registry import get_plugin_manager

    source = _INFO.format(county='"379905"') + '__version__ = "0.4.0"\n'
    _install(tmp_path, monkeypatch, {"xicheng": ("0.3.0", source)})
    assert get_plugin_manager(env={}).meta("xicheng").version == "0.4.0"
    rows, err = _plugins_json(capsys)
    assert (rows["xicheng"]["version"], rows["xicheng"]["distribution_version"]) == ("0.4.0", "0.3.0")
    assert "__version__ 0.4.0" in err and "installed distribution 0.3.0: reinstall it" in err


@pytest.mark.parametrize("version", ["", (1, 2), "1" * 100])
def test_a_version_that_is_not_short_text_is_refused(version):
    class Versioned:
        __version__ = version

        @hookimpl
        def softenv_plugin_info(self):
            return PluginInfo(county="379902", title="t", reference="r")

    with pytest.raises(PluginError, match=r"__version__ .* must be a version as text"):
        city_plugin_manager().register(Versioned(), "v")


# --- finding 18: --check reports each plugin's time per point --------------------------------


class _Slow:
    """A rule taking 3 ms a point (a rule scanning the whole dataset for each point does)."""

    @hookimpl
    def softenv_plugin_info(self):
        return PluginInfo(county="379902", title="t", reference="r")

    @hookimpl
    def softenv_extra_point_rules(self, year, params):
        def slow(ctx):
            time.sleep(0.003)

        return [
            Rule(id="slow.extra", label="slow.extra", title_zh="慢", title_en="slow", reference="r", score=slow,
                 max_points=1, effective_from=date(2024, 1, 1), reads_direct_feedback=False)
        ]  # fmt: skip


@pytest.mark.slow  # starts a process (docs: the fast suite leaves these out)
def test_check_reports_each_plugins_time_per_point_and_warns_above_the_bound(monkeypatch, capsys):
    from softenv_core.cli import commands
    from softenv_core.cli.main import main
    from softenv_core.rules.registry import get_plugin_manager
    from softenv_core.testing.plugin_check import SLOW_PER_POINT, RuleCost, check_installed

    pm = get_plugin_manager(autoload=False, plugins=[("slow", _Slow())])
    costs: list[RuleCost] = []
    assert check_installed(pm, 2025, costs=costs) == []
    ((cost),) = costs
    assert (cost.plugin, cost.rule) == ("slow", "slow.extra") and cost.points > 0
    assert cost.per_point >= 0.003 > SLOW_PER_POINT
    monkeypatch.setattr(commands, "plugins_tolerantly", lambda: (pm, []))
    assert main(["plugins", "--check", "--examples", "1"]) == 0  # a warning, not a fault
    out = capsys.readouterr().out
    assert "plugin 'slow': " in out and "ms per point (≈" in out and "for 30,000 points, a province" in out
    assert "warning: above 1 ms per point" in out


@pytest.mark.parametrize("allow", [["qinshan"], ["qingshan", "qinshan"]])
def test_a_misspelt_plugin_name_to_allow_is_refused_not_dropped(allow):
    """Platform round 3, finding 01: allow=["qinshan"] loaded the city's rules alone, and 青山县
    was assessed with the city's deadline, without a word."""
    from softenv_core import PluginError, get_plugin_manager

    with pytest.raises(PluginError, match=r"no installed plugin is named 'qinshan' \(installed: .*qingshan"):
        get_plugin_manager(allow=allow)


def test_the_allow_list_from_the_environment_is_checked_the_same_way():
    from softenv_core import PluginError, get_plugin_manager

    with pytest.raises(PluginError, match="no installed plugin is named 'qinshan'"):
        get_plugin_manager(env={"SOFTENV_PLUGINS": "qinshan"})


def test_allow_given_as_one_text_is_refused():
    from softenv_core import FieldInvalid, get_plugin_manager

    with pytest.raises(FieldInvalid, match=r"^allow: .*got str"):
        get_plugin_manager(allow="qingshan")  # type: ignore[arg-type]


def test_a_broken_plugin_leaves_the_citys_point_rules_listed():
    """Review t3/08: one county plugin whose point-rules hook raised emptied every plugin's
    point_rules, the city's included; the row of the broken one says BROKEN."""
    from softenv_core import baseline_parameters, get_plugin_manager

    class Broken:
        @hookimpl
        def softenv_plugin_info(self):
            return PluginInfo(county="379924", title="石桥县", reference="石桥县〔2025〕1号")

        @hookimpl
        def softenv_point_rules(self, year, params):
            raise RuntimeError("parameters file missing")

    rows = get_plugin_manager(autoload=False, plugins=[("brokenrules", Broken())]).plugin_rows(
        2025, baseline_parameters()
    )
    city = next(r for r in rows if r["name"] == "city")
    assert [r["id"] for r in city["point_rules"]][:1] == ["city.duty.contact"]
    assert next(r for r in rows if r["name"] == "brokenrules")["broken"]


def test_the_misspelt_plugin_name_is_said_in_chinese_by_the_cli(monkeypatch, capsys):
    """Review t3/05: the refusal stayed English under --lang zh (the default)."""
    from softenv_core.cli.main import main

    monkeypatch.setenv(ENV_ALLOW, "qinshan")
    assert main(["assess", str(Path(__file__).parents[1] / "examples" / "small-dataset.json"), "--year", "2025"]) == 1
    err = capsys.readouterr().err
    assert "没有安装名为 qinshan 的插件" in err and "no installed plugin" not in err
