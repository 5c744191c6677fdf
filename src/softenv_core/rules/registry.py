"""The plugin managers the library uses: the city baseline, and the installed county plugins.

``city_plugin_manager()`` is what an analysis uses when its caller gives no manager: the
city baseline alone, so that ``assess(dataset, year)`` gives the same answer whatever
happens to be installed in the environment (a pure function of its arguments).

``get_plugin_manager()`` is how a caller asks for the installed county plugins (the CLI
does): it registers the city baseline as the plugin ``city`` and loads the entry points of
group ``softenv``. ``SOFTENV_DISABLE_PLUGIN_AUTOLOAD=1`` skips entry points;
``SOFTENV_PLUGINS=a,b`` loads only those named. Both build a fresh manager on every call (no
global built at import time, nothing shared between threads).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from typing import Any

from softenv_core._validators import FieldInvalid, argument, yes_or_no
from softenv_core.engine.manager import CITY_PLUGIN, ENV_ALLOW, ENV_DISABLE_AUTOLOAD, SoftenvPluginManager
from softenv_core.rules.city import baseline


def _allow_from_env(env: Mapping[str, str]) -> list[str] | None:
    """The names ``SOFTENV_PLUGINS`` lists, None when it is unset. Set but naming none (``""``,
    ``","``: a script's empty variable) is FieldInvalid: it would load no county plugin and
    assess every county by the city's rules alone, without a word."""
    raw = env.get(ENV_ALLOW)
    if raw is None:
        return None
    names = [n.strip() for n in raw.split(",") if n.strip()]
    if not names:
        raise FieldInvalid(
            "env",
            f"{ENV_ALLOW}={raw!r:.40} names no plugin: name them ({ENV_ALLOW}=a,b), unset it to load "
            f"every installed plugin, or set {ENV_DISABLE_AUTOLOAD}=1 to load none",
            # the CLI's Chinese wording (SoftenvError.zh)
            zh=f"{ENV_ALLOW} 已设置但未列出任何插件，否则各县区会只按全市规则考核：请写明插件名（{ENV_ALLOW}=a,b），"
            f"或取消该变量以加载全部已安装插件，或设 {ENV_DISABLE_AUTOLOAD}=1 不加载插件",
        )
    return names


def get_plugin_manager(
    *,
    autoload: bool | None = None,
    allow: Iterable[str] | None = None,
    plugins: Iterable[tuple[str, Any]] = (),
    env: Mapping[str, str] | None = None,
) -> SoftenvPluginManager:
    """A fresh plugin manager: the city baseline, the installed county plugins, and ``plugins``.

    ``autoload`` defaults to true unless ``SOFTENV_DISABLE_PLUGIN_AUTOLOAD`` is set;
    ``allow`` (or ``SOFTENV_PLUGINS``) names the entry points to load.
    """
    env = os.environ if env is None else argument(env, Mapping, "env", "a mapping of environment variables or None")  # type: ignore[type-abstract]
    for name in (ENV_ALLOW, ENV_DISABLE_AUTOLOAD):  # {"SOFTENV_PLUGINS": 5}: AttributeError below (s21 02)
        if not isinstance(env.get(name, ""), str):
            raise FieldInvalid("env", f"{name}: expected a text, got {type(env[name]).__name__}")
    plugins = _pairs(plugins)
    if allow is not None and (isinstance(allow, str) or not isinstance(allow, Iterable)):  # "a,b" would allow a, ",", b
        raise FieldInvalid("allow", f"expected entry point names (a list of str) or None, got {type(allow).__name__}")
    pm = SoftenvPluginManager()
    pm.register(baseline, name=CITY_PLUGIN)
    if autoload is None:
        autoload = env.get(ENV_DISABLE_AUTOLOAD, "").strip().lower() in ("", "0", "false", "no")
    else:  # autoload="no" was true, and loaded every installed plugin (integrator i40)
        autoload = yes_or_no(autoload, "autoload")
    if autoload:
        pm.load_entry_points(allow if allow is not None else _allow_from_env(env))
    for name, plugin in plugins:
        pm.register(plugin, name=name)
    return pm


def _pairs(plugins: object) -> list[tuple[str, Any]]:
    """``plugins`` as (name, plugin) pairs, else FieldInvalid naming ``plugins``."""
    expected = "(name, plugin) pairs, e.g. [('softenv_county_x', module)]"
    if isinstance(plugins, str | bytes) or not isinstance(plugins, Iterable):
        raise FieldInvalid("plugins", f"expected {expected}, got {type(plugins).__name__}")
    pairs = list(plugins)
    if not all(type(p) is tuple and len(p) == 2 and isinstance(p[0], str) for p in pairs):
        raise FieldInvalid("plugins", f"expected {expected}, got {pairs!r:.60}")
    return pairs


def city_plugin_manager() -> SoftenvPluginManager:
    """A fresh manager with the city baseline only (plugin ``city``): no entry point is loaded.

    The default of every analysis: installed county plugins apply only when the caller asks
    for them with ``get_plugin_manager()``.
    """
    return get_plugin_manager(autoload=False)


def plugin_manager_or_city(plugin_manager: SoftenvPluginManager | None) -> SoftenvPluginManager:
    """The manager an analysis was given, else the city baseline's (:func:`city_plugin_manager`);
    anything else is FieldInvalid naming ``plugin_manager`` (e.g. an audience given by position)."""
    if plugin_manager is None:
        return city_plugin_manager()
    expected = "a plugin manager (get_plugin_manager()) or None; audience= and the other options are keyword arguments"
    return argument(plugin_manager, SoftenvPluginManager, "plugin_manager", expected)


__all__ = ["city_plugin_manager", "get_plugin_manager", "plugin_manager_or_city"]
