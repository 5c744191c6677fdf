"""The one error tree of softenv_core.

Every error the library raises on purpose derives from :class:`SoftenvError`, which is a
``ValueError`` (as in python-stdnum) so that callers that only know "bad value" still catch
it. Each error carries the data it speaks of as attributes, not only in its message.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date


class SoftenvError(ValueError):
    """Base of every error that softenv_core raises on purpose.

    ``zh``: the message as a clerk reads it in Chinese, where the raiser wrote one (the CLI
    prints it under ``--lang zh``, cli/output.error_text); None: the message as it is."""

    zh: str | None = None


class InputError(SoftenvError):
    """Input data is invalid; ``problems`` holds every problem as ``$.path: message``."""

    def __init__(self, problems: Iterable[str], source: str | None = None) -> None:
        self.problems: tuple[str, ...] = tuple(problems)
        self.source = source
        head = f"{source}: " if source else ""
        count = len(self.problems)
        # The message shows the first SHOWN problems; ``problems`` always holds them all.
        lines = "\n".join(f"  {p}" for p in self.problems[: self.SHOWN])
        more = f"\n  … and {count - self.SHOWN} more" if count > self.SHOWN else ""
        super().__init__(f"{head}{count} problem(s) in the input:\n{lines}{more}")

    SHOWN = 100


class FieldInvalid(SoftenvError, TypeError):
    """A record's field was given a value it cannot hold; ``name`` is the attribute.

    Raised by the models' field validators when a record is built in Python. Also a TypeError
    (and, as every SoftenvError, a ValueError) for callers that catch those.
    """

    def __init__(self, name: str, message: str) -> None:
        self.name = name
        self.message = message
        super().__init__(f"{name}: {message}")


class NotFound(SoftenvError, KeyError):
    """A look-up by id or code found nothing, e.g. ``Assessment.county("379999")``.

    Also a KeyError, as a mapping's look-up would raise; ``kind`` and ``key`` say what was sought.
    """

    def __init__(self, kind: str, key: object, where: str) -> None:
        self.kind = kind
        self.key = key
        self.where = where
        super().__init__(f"no {kind} {key!r} in {where}")

    def __str__(self) -> str:  # KeyError would quote the whole message
        return str(self.args[0])


class CalendarDataMissing(SoftenvError):
    """The official work arrangement of ``year`` is not known, so no deadline can be computed."""

    def __init__(self, year: int, covered: tuple[int, int] | None = None) -> None:
        self.year = year
        self.covered = covered
        span = f" (the installed chinesecalendar covers {covered[0]}-{covered[1]})" if covered else ""
        super().__init__(
            f"no official work arrangement for {year}{span}. Upgrade chinesecalendar once the "
            f"State Council notice for {year} is out, or supply the year's arrangement with "
            f"WorkCalendar.with_arrangement(...) / --calendar FILE (see docs/calendar.md); "
            f"a provisional weekends-only mode exists but marks every result it touches."
        )


class ParameterMissing(SoftenvError):
    """A rule parameter has no value in force at the date asked for."""

    def __init__(self, name: str, at: date) -> None:
        self.name = name
        self.at = at
        super().__init__(f"parameter {name!r} has no value in force on {at.isoformat()}")


class PluginError(SoftenvError):
    """A plugin misbehaved: it raised, returned the wrong type, or declared something invalid."""

    def __init__(self, plugin: str, hook: str | None, message: str) -> None:
        self.plugin = plugin
        self.hook = hook
        where = f"plugin {plugin!r}" + (f", hook {hook}" if hook else "")
        super().__init__(f"{where}: {message}")


class PluginLoadError(PluginError):
    """A plugin's entry point could not be loaded; names the distribution and its version."""

    def __init__(self, plugin: str, distribution: str, version: str, message: str) -> None:
        self.distribution = distribution
        self.version = version
        super().__init__(plugin, None, f"distribution {distribution} {version} failed to load: {message}")


class RuleConflict(PluginError):
    """Two rules (or a rule and the city baseline) cannot both apply; names both sides."""

    def __init__(self, plugins: Sequence[str], subject: str, message: str) -> None:
        self.plugins = tuple(plugins)
        self.subject = subject
        self.plugin = self.plugins[0] if self.plugins else ""
        self.hook = None
        names = " and ".join(repr(p) for p in self.plugins)
        SoftenvError.__init__(self, f"rule conflict on {subject} between {names}: {message}")


__all__ = [
    "CalendarDataMissing",
    "FieldInvalid",
    "InputError",
    "NotFound",
    "ParameterMissing",
    "PluginError",
    "PluginLoadError",
    "RuleConflict",
    "SoftenvError",
]
