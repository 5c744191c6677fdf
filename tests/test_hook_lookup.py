"""The manager's quick look-up of hook implementations and specifications answers as pluggy's
own (engine/manager._no_hook_at): a name it skips is one pluggy would find no function at."""

from __future__ import annotations

import types

import pluggy

from softenv_core.engine import hookspecs
from softenv_core.engine.manager import SoftenvPluginManager
from softenv_core.plugin import PluginInfo, hookimpl
from softenv_core.rules.city import baseline


class _Hooks:
    x = 1

    @hookimpl
    def softenv_plugin_info(self):
        return PluginInfo(county="379902", title="t", reference="r")

    @hookimpl(specname="softenv_topten_conditions")
    def __call__(self, year, params):  # a dunder implementing a hook under specname
        return []

    @classmethod
    @hookimpl
    def softenv_extra_point_rules(cls, year, params):
        return []

    @staticmethod
    @hookimpl
    def softenv_point_rules(year, params):
        return []

    @property
    def softenv_report_deadline(self):  # a property is never read
        raise AssertionError("read")

    def helper(self):
        return None


class _Guarded(_Hooks):
    def __getattr__(self, name):  # the look-up never calls __getattr__
        raise AssertionError(f"__getattr__({name!r})")


class _Slots:
    __slots__ = ("other", "softenv_complaint_sla")

    def __init__(self):
        self.softenv_complaint_sla = hookimpl(lambda county, kind, calendar, params: None)
        self.other = 3

    @hookimpl
    def softenv_plugin_info(self):
        return PluginInfo(county="379903", title="t", reference="r")


def _holders():
    instance = _Guarded()
    instance.__dict__["softenv_topten_conditions"] = hookimpl(lambda year, params: [])
    instance.__dict__["__repr__"] = "not a function"
    module = types.ModuleType("fake_plugin")
    module.softenv_plugin_info = _Hooks.softenv_plugin_info
    module.__annotations__ = {"a": int}
    module.value = 3
    return [baseline, hookspecs, instance, _Hooks, _Guarded, _Slots(), module]


def _names(holder):
    return set(dir(holder)) | set(dir(type(holder))) | {"__dict__", "__class__", "__annotations__", "absent"}


def test_each_name_of_each_kind_of_plugin_is_parsed_as_pluggy_parses_it():
    ours, theirs = SoftenvPluginManager(), pluggy.PluginManager("softenv")
    for holder in _holders():
        for name in sorted(_names(holder)):
            expected = theirs.parse_hookimpl_opts(holder, name)
            assert ours.parse_hookimpl_opts(holder, name) == expected, (holder, name)
            expected = theirs.parse_hookspec_opts(holder, name)
            assert ours.parse_hookspec_opts(holder, name) == expected, (holder, name)


def test_the_hooks_found_are_the_marked_ones_and_the_dunder_under_specname():
    pm = SoftenvPluginManager()
    name = pm.register(_Hooks(), name="hooks")
    assert name == "hooks"
    found = sorted(h.name for h in pm.get_hookcallers(pm.get_plugin("hooks")) or ())
    assert found == [
        "softenv_extra_point_rules",
        "softenv_plugin_info",
        "softenv_point_rules",
        "softenv_topten_conditions",
    ]


def test_a_plugin_gets_the_half_year_a_month_gives_from_its_own_surface():
    # p31: a 十佳 condition per half year needed HalfYear (what Month.half returns), which only
    # the integrators' surface exported
    import softenv_core.plugin as surface
    from softenv_core.model.periods import HalfYear, Month

    assert "HalfYear" in surface.__all__ and surface.HalfYear is HalfYear
    assert isinstance(Month(2025, 8).half, surface.HalfYear)
