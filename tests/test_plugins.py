import sys
import textwrap

import pytest

from softenv_core import CITY_OFFICE, PluginError, PluginLoadError, get_plugin_manager
from softenv_core.engine.manager import ENV_ALLOW, ENV_DISABLE_AUTOLOAD

from .plugin_examples import ExtraPointPlugin, GarbagePlugin, RaisingPlugin, UnknownHookPlugin


def test_each_call_builds_a_fresh_manager_with_the_city_baseline():
    a, b = get_plugin_manager(autoload=False), get_plugin_manager(autoload=False)
    assert a is not b
    a.register(ExtraPointPlugin(), name="jia")
    assert not b.has_plugin("jia")
    (city,) = [m for m in b.plugins_meta() if m.name == "city"]
    assert city.county is None and "softenv_report_deadline" in city.hooks


def test_registered_plugin_is_described_with_version_and_county():
    pm = get_plugin_manager(autoload=False, plugins=[("jia", ExtraPointPlugin())])
    meta = pm.meta("jia")
    assert (meta.version, meta.county) == ("1.2.0", "379902")
    assert "softenv_extra_point_rules" in meta.hooks


def test_unknown_hook_is_rejected_naming_the_plugin():
    with pytest.raises(PluginError, match=r"'odd'.*unknown hook"):
        get_plugin_manager(autoload=False, plugins=[("odd", UnknownHookPlugin())])


def test_plugin_without_info_is_rejected():
    class Nameless:
        pass

    with pytest.raises(PluginError, match="must implement softenv_plugin_info"):
        get_plugin_manager(autoload=False, plugins=[("nameless", Nameless())])


@pytest.fixture
def fake_distributions(tmp_path, monkeypatch):
    """Two installed distributions with ``softenv`` entry points: one good, one broken."""
    (tmp_path / "good_plugin.py").write_text(
        textwrap.dedent("""
        from softenv_core import PluginInfo, hookimpl
        @hookimpl
        def softenv_plugin_info():
            return PluginInfo(county="379921", title="good", reference="doc")
    """),
        encoding="utf-8",
    )
    for dist, version, target in (
        ("softenv-county-good", "0.3.1", "good_plugin"),
        ("softenv-county-broken", "2.0.0", "missing_module_xyz"),
    ):
        info = tmp_path / f"{dist.replace('-', '_')}-{version}.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: {version}\n", encoding="utf-8")
        (info / "entry_points.txt").write_text(f"[softenv]\n{dist.split('-')[-1]} = {target}\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    yield
    sys.modules.pop("good_plugin", None)


def test_broken_entry_point_names_distribution_and_version(fake_distributions):
    with pytest.raises(PluginLoadError) as info:
        get_plugin_manager(env={})
    err = info.value
    assert (err.plugin, err.distribution, err.version) == ("broken", "softenv-county-broken", "2.0.0")
    assert "softenv-county-broken 2.0.0" in str(err)


def test_allow_list_and_disable_variable(fake_distributions):
    pm = get_plugin_manager(env={ENV_ALLOW: "good"})
    meta = pm.meta("good")
    assert (meta.distribution, meta.version, meta.county) == ("softenv-county-good", "0.3.1", "379921")
    pm = get_plugin_manager(env={ENV_DISABLE_AUTOLOAD: "1"})
    assert [m.name for m in pm.plugins_meta()] == ["city"]


def test_raising_and_garbage_plugins_name_plugin_and_hook():
    from softenv_core import assess
    from softenv_core.testing import small_dataset

    for name, plugin, message in (
        ("raiser", RaisingPlugin(), "raised RuntimeError: boom"),
        ("garbage", GarbagePlugin(), "item 0 is str, expected Rule"),
    ):
        pm = get_plugin_manager(autoload=False, plugins=[(name, plugin)])
        with pytest.raises(PluginError) as info:
            assess(small_dataset(2025), 2025, pm, audience=CITY_OFFICE)
        assert info.value.plugin == name
        assert info.value.hook == "softenv_extra_point_rules"
        assert message in str(info.value)


def test_analyses_apply_installed_plugins_only_when_the_caller_asks():
    """The workspace's 白河县 plugin (379922) is installed in this environment; by default an
    analysis ignores it (the city baseline only), with get_plugin_manager() it applies."""
    from softenv_core import assess, city_plugin_manager
    from softenv_core.testing import small_dataset

    installed = get_plugin_manager(autoload=True, env={})
    assert installed.has_plugin("baihe") and installed.meta("baihe").county == "379922"
    assert [m.name for m in city_plugin_manager().plugins_meta()] == ["city"]

    ds = small_dataset(2025, counties=("379922", "379902"))
    default = assess(ds, 2025, audience=CITY_OFFICE)
    assert default.to_json() == assess(ds, 2025, city_plugin_manager(), audience=CITY_OFFICE).to_json()
    asked = assess(ds, 2025, installed, audience=CITY_OFFICE)
    # 白河县 replaces the contact rule for its own points: phone-only months count 0.8.
    mine = "P-379922-1"
    assert "baihe.duty.contact_quality" not in {i.rule.id for i in default.point(mine).items}
    assert "baihe.duty.contact_quality" in {i.rule.id for i in asked.point(mine).items}
    assert asked.point(mine).total != default.point(mine).total
    other = "P-379902-1"  # another county's point is the same either way
    assert asked.point(other) == default.point(other)


def test_no_analysis_loads_entry_points_unless_given_a_manager_that_did(monkeypatch):
    from softenv_core import Month, SoftenvPluginManager, assess, monitoring_report, monitoring_reports, year_end
    from softenv_core.testing import small_dataset

    def refuse(self, allow=None):
        raise AssertionError("an analysis loaded the installed plugins by itself")

    monkeypatch.setattr(SoftenvPluginManager, "load_entry_points", refuse)
    ds = small_dataset(2025)
    assess(ds, 2025, audience=CITY_OFFICE)
    monitoring_report(ds, Month(2025, 6), audience=CITY_OFFICE)
    monitoring_reports(ds, [Month(2025, 5), Month(2025, 6)], audience=CITY_OFFICE)
    year_end(ds, 2025, audience=CITY_OFFICE)
    with pytest.raises(AssertionError, match="by itself"):
        get_plugin_manager(autoload=True, env={})  # the caller asking is what loads them
