"""Building the plugin manager and calling plugins one by one.

The manager knows each plugin's version, distribution and county; the function that builds
one with the city baseline registered, ``softenv_core.rules.registry.get_plugin_manager``,
sits in the rules layer, above this one.
"""

from __future__ import annotations

import inspect
import sys
from collections.abc import Iterable
from decimal import localcontext
from importlib import metadata
from types import FunctionType, GeneratorType, MethodType, ModuleType
from typing import TYPE_CHECKING, Any

import pluggy
from attrs import frozen

from softenv_core._version import core_version
from softenv_core.engine import hookspecs
from softenv_core.engine.parameters import baseline_parameters
from softenv_core.engine.ruletypes import PluginInfo
from softenv_core.engine.worker_built import BuiltInTheWorker
from softenv_core.errors import (
    FieldInvalid,
    NotFound,
    PluginError,
    PluginLoadError,
    hook_fault,
    printable,
)
from softenv_core.model.divisions import county_code_problem, is_division_code

if TYPE_CHECKING:
    from softenv_core.engine.parameters import ParameterSet

ENTRY_POINT_GROUP = "softenv"
ENV_DISABLE_AUTOLOAD = "SOFTENV_DISABLE_PLUGIN_AUTOLOAD"
ENV_ALLOW = "SOFTENV_PLUGINS"
#: What to do about a plugin that fails to load (the library's message and the CLI's alike).
LOAD_ADVICE = (
    f"Repair or uninstall it, or name the plugins to load with {ENV_ALLOW}=a,b ({ENV_DISABLE_AUTOLOAD}=1 "
    "loads none). softenv stops rather than assess its county by the city's rules alone"
)
CITY_PLUGIN = "city"
#: What a hook that yields is told: pluggy's hook wrappers, and a hook written as a generator.
_GENERATOR = (
    "returned a generator: a hook returns its answer (a list, a tuple or a value), it does not "
    "yield it; hook wrappers (hookwrapper=True, wrapper=True) are not supported: each plugin answers on its own"
)


#: What pluggy can take a hook implementation or specification from: nothing else is one.
_HOOKABLE = (FunctionType, MethodType, staticmethod, classmethod)
_ABSENT = object()


def _no_hook_at(holder: Any, name: str) -> bool:
    """True when pluggy's look-up of ``name`` on ``holder`` would find no function, known
    without it. pluggy reads each name of a plugin through ``inspect.getattr_static`` (about
    15 µs a name, 74 names for a manager: two thirds of building one, which every analysis
    given no manager and every CLI run does). Two cases are certain and cheap: a module's own
    value that is not a function, and a name only ``object`` defines (its slot wrappers);
    any other name takes pluggy's way."""
    if type(holder) is ModuleType:
        value = holder.__dict__.get(name, _ABSENT)
        return value is not _ABSENT and not isinstance(value, _HOOKABLE)
    try:
        own = object.__getattribute__(holder, "__dict__")  # no __getattr__ of the plugin's run
    except AttributeError:
        own = {}
    if type(type(holder)) is type and name not in own:
        owner = next((k for k in type(holder).__mro__ if name in k.__dict__), None)
        return owner is object
    return False


@frozen
class PluginMeta:
    """A loaded plugin: name, version, distribution, the county it serves, and its hooks."""

    name: str
    version: str
    distribution: str | None
    county: str | None
    title: str
    reference: str
    hooks: tuple[str, ...]


def _code_version(name: str, plugin: Any) -> str | None:
    """The ``__version__`` of the plugin (a module), or of the module defining its class; None
    without one. Checked as short text: it is copied into every traced item."""
    value = getattr(plugin, "__version__", None)
    if value is None and not inspect.ismodule(plugin):
        value = getattr(sys.modules.get(type(plugin).__module__), "__version__", None)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip() or len(value) > 64 or not value.isprintable():
        raise PluginError(name, None, f'__version__ {value!r:.80} must be a version as text (e.g. "1.0.0")')
    return value


def _check_unmarked(pm: pluggy.PluginManager, plugin: Any, name: str) -> None:
    """Refuse a plugin with a ``softenv_*`` function that pluggy would silently skip: a hook
    without ``@hookimpl`` is never called, so its county would be assessed by the city's
    rules alone without a word; an unmarked ``softenv_*`` that is no hook is most likely a typo."""
    for attr in sorted(dir(plugin)):
        if not attr.startswith("softenv_"):
            continue
        try:
            value = getattr(plugin, attr)
        except Exception:  # a property that raises is no hook
            continue
        if not inspect.isroutine(value) or pm.parse_hookimpl_opts(plugin, attr) is not None:
            continue
        if attr in hookspecs.HOOKS:
            problem = f"defines {attr} without @hookimpl: it would never be called"
        else:
            problem = f"defines {attr}, which is not a softenv hook (a typo? the hooks: {', '.join(hookspecs.HOOKS)})"
        raise PluginError(
            name,
            None,
            f"{problem}; add @hookimpl (from softenv_core.plugin import hookimpl) "
            "to a hook, or rename a helper so it does not start with softenv_",
        )


def unknown_plugins(wanted: Iterable[str], installed: Iterable[str]) -> list[str]:
    """The names asked for (an allow list) that match no installed plugin, the city baseline's
    own name aside, in order: the county each was meant for would be assessed by the city's
    rules alone, without a word (platform round 3, finding 01)."""
    return sorted(set(wanted) - set(installed) - {CITY_PLUGIN})


def _refuse_unknown(wanted: set[str], installed: list[str]) -> None:
    """A PluginError naming the unknown_plugins of ``wanted``, if any."""
    unknown = unknown_plugins(wanted, installed)
    if unknown:
        names = ", ".join(sorted(installed)) or "none"
        error = PluginError(
            unknown[0],
            None,
            f"no installed plugin is named {', '.join(map(repr, unknown))} (installed: {names}); "
            f"a county named in {ENV_ALLOW} or allow= would otherwise be assessed by the city's rules alone",
        )
        error.zh = (  # the CLI's Chinese wording (SoftenvError.zh)
            f"没有安装名为 {'、'.join(unknown)} 的插件（已安装：{names}）；"
            f"{ENV_ALLOW} 或 allow= 所指县区否则会只按全市规则考核，请改正插件名"
        )
        raise error


def _refuse_shared_names(eps: list[metadata.EntryPoint]) -> None:
    """A PluginError when two installed distributions give an entry point the same name: only
    the first would load (a plugin is registered by that name), and the county the other
    serves would be assessed by the city's rules alone, without a word."""
    by_name: dict[str, list[metadata.EntryPoint]] = {}
    for ep in eps:
        by_name.setdefault(ep.name, []).append(ep)
    for name, given in sorted(by_name.items()):
        if len(given) > 1:  # only then are the distributions' METADATA read
            sources = [" ".join(_dist_of(ep)) if ep.dist else ep.value for ep in given]
            raise PluginError(
                name,
                None,
                f"the entry point name {name!r} is given by {len(sources)} distributions "
                f"({'; '.join(sorted(sources))}): only one could load; uninstall or rename the others",
            )


def _dist_of(ep: metadata.EntryPoint) -> tuple[str, str]:
    """The name and version of ``ep``'s distribution, its METADATA parsed once (``dist.name`` and
    ``dist.version`` parse it each: four times an entry point for every ``get_plugin_manager()``)."""
    found = None if ep.dist is None else ep.dist.metadata  # a header left out reads None: "unknown" (r52 02)
    return ("unknown", "unknown") if found is None else (found["Name"] or "unknown", found["Version"] or "unknown")


class SoftenvPluginManager(BuiltInTheWorker, pluggy.PluginManager):
    """A pluggy manager that knows each plugin's version, distribution and county."""

    #: Why io.converter.to_json refuses it (integrator i38): it runs the plugins, it holds no figures.
    NO_RESULT = "it runs the plugins; write what an analysis gives with it, or `softenv plugins --format json`"

    def __init__(self) -> None:
        super().__init__(hookspecs.PROJECT)
        self.add_hookspecs(hookspecs)
        self._dists: dict[str, tuple[str, str]] = {}
        self._meta: dict[str, PluginMeta] = {}
        # (hook, county) -> the implementations call_each calls, in order: an assessment asks
        # the same few questions for every county and month. Cleared when plugins change.
        self._calls: dict[tuple[str, str | None], list[tuple[Any, PluginMeta]]] = {}

    def parse_hookimpl_opts(self, plugin: Any, name: str) -> Any:
        return None if _no_hook_at(plugin, name) else super().parse_hookimpl_opts(plugin, name)

    def parse_hookspec_opts(self, module_or_class: Any, name: str) -> Any:
        return None if _no_hook_at(module_or_class, name) else super().parse_hookspec_opts(module_or_class, name)

    def register(self, plugin: Any, name: str | None = None) -> str | None:
        """Register ``plugin``; unknown hooks and a bad ``softenv_plugin_info`` raise PluginError."""
        try:
            return self._register(plugin, name)
        finally:
            self._calls.clear()

    def _register(self, plugin: Any, name: str | None) -> str | None:
        if name is None and not inspect.ismodule(plugin):
            # pluggy would name it str(id(plugin)): a name that changes from run to run, traced
            # in every item it scores and ordering the calls, so the output would too.
            raise PluginError(
                type(plugin).__name__,
                None,
                "a plugin that is not a module needs a name: register(plugin, name='softenv-county-…')",
            )
        if self.is_registered(plugin):  # one object under two names would answer twice for its county
            raise PluginError(
                name or str(plugin), None, f"the same plugin is already registered as {self.get_name(plugin)!r}"
            )
        _check_unmarked(self, plugin, name or str(plugin))
        try:
            registered = super().register(plugin, name)
        except pluggy.PluginValidationError as exc:
            raise PluginError(name or str(plugin), None, str(exc)) from None
        except ValueError as exc:  # pluggy: the name is taken
            raise PluginError(name or str(plugin), None, str(exc)) from None
        if registered is None:
            return None
        try:
            self.check_pending()
        except pluggy.PluginValidationError as exc:
            self.unregister(name=registered)
            raise PluginError(registered, None, f"implements an unknown hook: {exc}") from None
        # check_pending lets an unknown hook marked optionalhook=True through: a typo'd hook
        # name would never be called and its county assessed by the city's rules alone.
        unknown = sorted(h.name for h in self.get_hookcallers(plugin) or () if not h.has_spec())
        if unknown:
            self.unregister(name=registered)
            raise PluginError(
                registered,
                None,
                f"implements an unknown hook: {', '.join(unknown)} (optionalhook=True does not make "
                f"a hook known; the hooks: {', '.join(hookspecs.HOOKS)})",
            )
        try:
            self._meta[registered] = self._describe(registered, plugin)
        except PluginError:
            self.unregister(name=registered)
            raise
        return registered

    def unregister(self, plugin: Any = None, name: str | None = None) -> Any:
        self._calls.clear()
        name = name or self.get_name(plugin)
        result = super().unregister(plugin, name)
        self._meta.pop(name or "", None)
        return result

    def _describe(self, name: str, plugin: Any) -> PluginMeta:
        dist, dist_version = self._dists.get(name, (None, None))
        # The code's own __version__ names what ran: an editable install's metadata keeps the
        # version it had when installed, whatever the author raised since.
        version = _code_version(name, plugin) or dist_version or "0+unversioned"
        if name == CITY_PLUGIN and dist is None:
            version = core_version()
        hooks = tuple(sorted(h.name for h in self.get_hookcallers(plugin) or ()))
        info: Any = None
        impl = next((i for i in self.hook.softenv_plugin_info.get_hookimpls() if i.plugin_name == name), None)
        if impl is None:
            raise PluginError(name, "softenv_plugin_info", "every plugin must implement softenv_plugin_info")
        try:
            # Under a copy of the caller's decimal context, as every other hook call (call_each):
            # a plugin setting prec here changed the integrator's own arithmetic (x74 10).
            with localcontext():
                info = impl.function()
        except (KeyboardInterrupt, GeneratorExit):
            raise
        except FieldInvalid as exc:  # PluginInfo refused a field: say which, not "raised"
            raise PluginError(name, "softenv_plugin_info", f"PluginInfo {exc}") from None
        except BaseException as exc:  # SystemExit too: a plugin must not end the run
            raise PluginError(name, "softenv_plugin_info", f"raised {type(exc).__name__}: {printable(exc)}") from exc
        if not isinstance(info, PluginInfo):
            raise PluginError(name, "softenv_plugin_info", f"returned {type(info).__name__}, expected PluginInfo")
        # Read again, exactly a str (a frozen PluginInfo can be rewritten): plugin_county_code's
        # reason, a subclass equal to every county's code (x74 06).
        if info.county is not None and type(info.county) is not str:
            got = type(info.county).__name__
            raise PluginError(
                name, "softenv_plugin_info", f"county: expected a GB/T 2260 code as text (exactly a str), got {got}"
            )
        if info.county is not None and not is_division_code(info.county):
            raise PluginError(name, "softenv_plugin_info", f"county {info.county!r} is not a GB/T 2260 code")
        # Read again (a frozen PluginInfo can be rewritten): a county-level code, as PluginInfo takes.
        if info.county is not None and (problem := county_code_problem(info.county)) is not None:
            raise PluginError(name, "softenv_plugin_info", f"county {problem[0]}")
        if name != CITY_PLUGIN and info.county is None:
            raise PluginError(name, "softenv_plugin_info", "a county plugin must name its county")
        return PluginMeta(name, version, dist, info.county, info.title, info.reference, hooks)

    def meta(self, name: str) -> PluginMeta:
        """The registered plugin ``name``'s metadata; NotFound (a KeyError) when none is."""
        try:
            return self._meta[name]
        except (KeyError, TypeError):
            raise NotFound("plugin", name, "the plugin manager", "插件管理器") from None

    def plugins_meta(self) -> tuple[PluginMeta, ...]:
        """Every registered plugin, the city first, then by name."""
        return tuple(sorted(self._meta.values(), key=lambda m: (m.name != CITY_PLUGIN, m.name)))

    def plugin_rows(self, year: int, params: ParameterSet) -> list[dict[str, Any]]:
        """Every plugin as ``softenv plugins`` and ``GET /v1/plugins`` list it: name, version,
        distribution, county, title, reference, hooks, and the ids of the point rules and
        十佳 conditions it adds in ``year``, and its base point rules (``point_rules``: id, label,
        whether replaceable, the label it replaces, and for a city rule who replaces it). A
        plugin whose rule hooks raise is listed with ``broken`` (the error) and the others as
        usual: the listing is how a clerk finds it."""
        rows: list[dict[str, Any]] = []
        base = self._point_rules(year, params)  # a plugin whose hook raises is left out there
        for meta in self.plugins_meta():
            row: dict[str, Any] = {
                "name": meta.name,
                "version": meta.version,
                "distribution": meta.distribution,
                # the metadata written at install: differs from version (the code's) when stale
                "distribution_version": self._dists.get(meta.name, (None, None))[1],
                "county": meta.county,
                "title": meta.title,
                "reference": meta.reference,
                "hooks": list(meta.hooks),
                "rules": [],
            }
            try:
                row["rules"] = sorted(self._rule_ids(meta, year, params))
            except PluginError as exc:
                if meta.name == CITY_PLUGIN:  # the city's own rules failing is the core's fault
                    raise
                row |= {"rules": [f"BROKEN: {exc}"], "broken": str(exc)}
            row["point_rules"] = base.get(meta.name, [])
            rows.append(row)
        return rows

    def _point_rules(self, year: int, params: ParameterSet) -> dict[str, list[dict[str, Any]]]:
        """Each plugin's base point rules (softenv_point_rules) in ``year``: the label that
        ``replaces=`` takes, whether the city allows a county to replace it and, for a city
        rule, the county rules that do (plugin, county, rule id), so that a replacement is
        visible before any assessment (DESIGN 2)."""
        out: dict[str, list[dict[str, Any]]] = {}
        by_label: dict[str, dict[str, Any]] = {}
        county_rules: list[tuple[PluginMeta, Any]] = []
        for impl, meta in self._implementations("softenv_point_rules", None):
            try:  # one plugin at a time: a broken one's row says BROKEN, the others (the city's) stay
                value = impl.function(*[{"year": year, "params": params}[a] for a in impl.argnames])
            except KeyboardInterrupt:
                raise
            except BaseException:  # GeneratorExit too; _rule_ids names the error in the row
                if meta.name == CITY_PLUGIN:
                    raise
                continue
            for r in value or ():
                row = {"id": r.id, "label": r.label, "replaceable": bool(r.replaceable), "replaces": r.replaces}
                if meta.county is None:
                    row["replaced_by"] = []
                    by_label[r.label] = row
                elif r.replaces is not None:
                    county_rules.append((meta, r))
                out.setdefault(meta.name, []).append(row)
        for meta, r in county_rules:
            target = by_label.get(r.replaces)
            if target is not None:
                target["replaced_by"].append({"plugin": meta.name, "county": meta.county, "rule": r.id})
        return out

    def _rule_ids(self, meta: PluginMeta, year: int, params: ParameterSet) -> set[str]:
        """The ids of the rules and conditions ``meta``'s plugin adds in ``year``, asking that
        plugin alone (one plugin's failure must not hide the others' rows)."""
        ids: set[str] = set()
        for hook in hookspecs.RULE_HOOKS:
            for impl, _meta in self._implementations(hook, meta.county):
                if impl.plugin_name != meta.name:
                    continue
                try:
                    value = impl.function(*[{"year": year, "params": params}[a] for a in impl.argnames])
                    ids |= {str(item.id) for item in (value or ())}
                except BaseException as exc:  # worded as call_each words it (errors.hook_fault)
                    if (fault := hook_fault(exc, meta.name, hook)) is exc:
                        raise
                    raise fault from exc
        return ids

    def load_entry_points(self, allow: Iterable[str] | None = None) -> None:
        """Load the ``softenv`` entry points one by one, by name; ``allow`` limits which.

        An installed package must not change results by being installed: an entry point named
        ``city`` (the baseline's name) is refused, and two entry points claiming one county are
        an error unless the allow-list names both. One that fails to import stops the run. A name
        blocked with ``set_blocked`` (pluggy's way) is neither imported nor registered.
        """
        if isinstance(allow, str):  # a str is an iterable of its characters: "qingshan" allowed none
            raise FieldInvalid("allow", f"the text {allow!r}: give a list of plugin names, e.g. [{allow!r}]")
        wanted = set(allow) if allow is not None else None
        # The city's own parameter files are read before any plugin: a mistake in them is the
        # core's, not that of the first plugin that happens to read them while it loads.
        baseline_parameters()
        eps = sorted(metadata.entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name)
        if wanted is not None:
            _refuse_unknown(wanted, [ep.name for ep in eps])
        _refuse_shared_names([e for e in eps if (wanted is None or e.name in wanted) and not self.is_blocked(e.name)])
        claims: dict[str, str] = {}
        for ep in eps:
            if wanted is not None and ep.name not in wanted:
                continue
            dist_name, dist_version = _dist_of(ep)
            if ep.name == CITY_PLUGIN:
                raise PluginError(
                    ep.name, None, f"distribution {dist_name} {dist_version}: the name 'city' is the city baseline's"
                )
            if self.has_plugin(ep.name) or self.is_blocked(ep.name):  # set_blocked: as pluggy's own loader
                continue
            try:
                plugin = ep.load()
            except (KeyboardInterrupt, GeneratorExit):
                raise
            except BaseException as exc:
                why = f"{type(exc).__name__}: {exc}. {LOAD_ADVICE}"
                raise PluginLoadError(ep.name, dist_name, dist_version, why) from exc
            self._dists[ep.name] = (dist_name, dist_version)
            self.register(plugin, name=ep.name)
            county = self._meta[ep.name].county
            if county is not None and county in claims and wanted is None:
                raise PluginError(
                    ep.name,
                    None,
                    f"county {county} is already served by plugin {claims[county]!r}; name both in "
                    f"{ENV_ALLOW} if both are meant to load",
                )
            if county is not None:
                claims.setdefault(county, ep.name)

    def call_each(self, hook: str, only: str | None = None, **kwargs: Any) -> list[tuple[PluginMeta, Any]]:
        """Call ``hook`` on each plugin separately, in name order (the city first).

        ``only`` restricts the call to the city and the plugins serving that county. A plugin
        that raises (any BaseException but Ctrl-C and missing data; a PluginError naming another
        plugin or hook too: errors.hook_fault) or yields gives PluginError naming it and the hook.
        Each call has a decimal context of its own: a plugin changing it changes neither the
        caller's arithmetic nor another plugin's."""
        out: list[tuple[PluginMeta, Any]] = []
        for impl, meta in self._implementations(hook, only):
            args = map(kwargs.__getitem__, impl.argnames)  # no comprehension frame per call
            try:
                with localcontext():
                    result = impl.function(*args)
            except BaseException as exc:  # errors.hook_fault: Ctrl-C and missing data as themselves
                if (fault := hook_fault(exc, meta.name, hook)) is exc:
                    raise
                raise fault from exc
            if isinstance(result, GeneratorType):
                result.close()
                raise PluginError(meta.name, hook, _GENERATOR)
            out.append((meta, result))
        return out

    def counties_with(self, hook: str) -> frozenset[str]:
        """The counties whose own plugin implements ``hook``: every other county gets the
        city's answer (a plugin without a county is refused, unless it is the city's)."""
        return frozenset(meta.county for _impl, meta in self._implementations(hook, None) if meta.county is not None)

    def _implementations(self, hook: str, only: str | None) -> list[tuple[Any, PluginMeta]]:
        found = self._calls.get((hook, only))
        if found is None:
            impls = sorted(
                getattr(self.hook, hook).get_hookimpls(),
                key=lambda i: (i.plugin_name != CITY_PLUGIN, i.plugin_name),
            )
            found = []
            for impl in impls:
                meta = self._meta[impl.plugin_name]
                if only is None or meta.county in (None, only):
                    found.append((impl, meta))
            self._calls[(hook, only)] = found
        return found


__all__ = [
    "CITY_PLUGIN",
    "ENTRY_POINT_GROUP",
    "ENV_ALLOW",
    "ENV_DISABLE_AUTOLOAD",
    "PluginMeta",
    "SoftenvPluginManager",
    "core_version",
    "unknown_plugins",
]
