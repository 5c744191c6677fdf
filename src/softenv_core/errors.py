"""The one error tree of softenv_core.

Every error the library raises on purpose derives from :class:`SoftenvError`, which is a
``ValueError`` (as in python-stdnum) so that callers that only know "bad value" still catch
it. Each error carries the data it speaks of as attributes, not only in its message.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime

from attrs import frozen


class SoftenvError(ValueError):
    """Base of every error that softenv_core raises on purpose.

    ``zh``: the message as a clerk reads it in Chinese, where the raiser wrote one (the CLI
    prints it under ``--lang zh``, cli/output.error_text); None: the message as it is."""

    zh: str | None = None

    def __init__(self, *args: object, zh: str | None = None) -> None:
        super().__init__(*args)
        if zh is not None:  # given where raised: ``SoftenvError(en, zh=…)``
            self.zh = zh

    def __reduce__(self) -> tuple[object, ...]:
        # Pickled as its message's args and its attributes, not by calling __init__ again:
        # most errors' __init__ takes other arguments than args holds (FieldInvalid's name and
        # message), and could not be rebuilt across a process pool or a task queue (i36).
        return (_restored, (type(self), self.args, dict(vars(self))))


def _restored(cls: type[SoftenvError], args: tuple[object, ...], state: dict[str, object]) -> SoftenvError:
    """An error as it was pickled (SoftenvError.__reduce__): its args, then its attributes."""
    error = cls.__new__(cls, *args)
    error.args = args
    vars(error).update(state)
    return error


#: A problem's text: its ``$.path`` (``query.NAME``, ``path.NAME``, ``header.NAME``; a record's
#: id, if shown, in parentheses after the collection index), then ``": "`` and the message.
#: Outside a quoted key a path holds no space and no colon; a key that is not a plain name is
#: shown quoted as Python's repr writes it (``$.'foo: bar'``, io.structure_problems.shown_key), spaces and colons inside
#: (review r1/03). So the path ends at the first ``": "`` outside quotes (docs/integration.md).
_SEGMENTS = r"""(?:[^\s:'"]|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")*"""
_TEXT = re.compile(
    rf"^((?:\$|query\.|path\.|header\.){_SEGMENTS})(?: \(([A-Za-z0-9][A-Za-z0-9_.:-]{{0,63}})\)({_SEGMENTS}))?: (.*)$",
    re.DOTALL,
)
_RECORD = re.compile(r"^\$\.[a-z_]+\[\d+\]")


@frozen
class InputProblem:
    """One problem of an input (输入问题), as a program reads it: ``path`` the ``$.path`` of the
    value (``$.points[3].enterprise.uscc``; ``query.NAME`` or ``path.NAME`` for a request's
    parameter, ``header.NAME`` for one of its headers; empty when the problem is about no one
    place, e.g. a file that cannot be read),
    ``record_id`` the id (a county's code) of the record the path is in, when it has a valid
    one, ``message`` the English message, ``zh`` its Chinese wording where the checks' table
    has one (None otherwise). ``text`` is the line ``InputError.problems`` holds for it."""

    path: str
    message: str
    record_id: str | None = None
    zh: str | None = None

    @property
    def text(self) -> str:
        """``$.points[3] (P379902-004).enterprise.uscc: message``, as ``problems`` lists it."""
        if not self.path:
            return self.message
        shown = self.path
        m = _RECORD.match(shown) if self.record_id else None
        if m is not None:
            shown = f"{m[0]} ({self.record_id}){shown[m.end() :]}"
        return f"{shown}: {self.message}"

    def to_dict(self) -> dict[str, str | None]:
        """The problem as the JSON answers give it (``details``: the service, ``validate --format json``)."""
        return {"path": self.path, "record_id": self.record_id, "message": self.message, "zh": self.zh}

    @classmethod
    def from_text(cls, text: str, zh: str | None = None) -> InputProblem:
        """The problem a line says, for a check that wrote its problem as one line: the path is
        everything before the first ``": "`` (no path: the whole line is the message)."""
        m = _TEXT.match(text)
        found = None if m is None else cls(m[1] + (m[3] or ""), m[4], m[2], zh)
        # Read so that ``text`` gives the line back exactly; a line it would not is all message.
        return found if found is not None and found.text == text else cls("", text, None, zh)


class InputError(SoftenvError):
    """Input data is invalid; ``problems`` holds every problem as ``$.path: message``, and
    ``details`` the same problems one to one as :class:`InputProblem` (path, record id, message,
    Chinese wording), in the same order (a dataset's in document order: docs/integration.md)."""

    def __init__(self, problems: Iterable[str | InputProblem], source: str | None = None) -> None:
        self.details: tuple[InputProblem, ...] = tuple(
            p if isinstance(p, InputProblem) else InputProblem.from_text(p) for p in problems
        )
        # A problem given as text keeps its text exactly; one given structured is shown by it.
        self.problems: tuple[str, ...] = tuple(p.text for p in self.details)
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

    def __init__(self, name: str, message: str, *, zh: str | None = None) -> None:
        self.name = name
        self.message = message
        super().__init__(f"{name}: {message}", zh=zh)

    @classmethod
    def worded(cls, name: str, message: str, zh: str) -> FieldInvalid:
        """A FieldInvalid naming ``name`` whose text is ``name message``, without the colon: the
        words of a refusal that was a plain SoftenvError until it named its argument (integrator
        i41: ``audience county:379999: no such county …``, ``as_of 2025-03-01T00:00:00+08:00: …``),
        which callers and the service quote; ``zh`` its Chinese."""
        error = cls(name, message, zh=zh)
        error.args = (f"{name} {message}",)
        return error

    @classmethod
    def said_once(cls, name: str, message: str, zh: str | None = None) -> FieldInvalid:
        """A FieldInvalid naming ``name`` whose text is ``message`` alone: a message that already
        begins with what it is about (``month 13 out of range 1-12``, as the loader writes it
        after ``$.reports[0].month``; ``contact_overview: 仅供…``), which read ``month: month 13
        …`` with the name put before it (integrator i43)."""
        error = cls(name, message, zh=zh)
        error.args = (message,)
        return error


class NaiveInstant(FieldInvalid, InputError):
    """An instant argument (``as_of``, ``at``) given without a UTC offset (无时区的时刻): a
    FieldInvalid naming the argument, as every other wrong argument of an analysis is, and still
    an InputError (its one problem ``as_of: … has no UTC offset; …``, with its Chinese), as it was
    raised before integrator i40, so that a caller catching either catches it. ``str`` is the
    FieldInvalid's: ``as_of: 2025-07-01T00:00:00 has no UTC offset; give an aware instant``."""

    def __init__(self, name: str, moment: datetime) -> None:
        message = f"{moment.isoformat()} has no UTC offset; give an aware instant"
        zh = f"{name}：{moment.isoformat()} 没有 UTC 偏移（时区），请给出带时区的时刻，如 2026-01-06T00:00:00+08:00"
        InputError.__init__(self, [InputProblem("", f"{name}: {message}", None, zh)])
        self.name = name
        self.message = message
        self.zh = zh
        self.args = (f"{name}: {message}",)


class NotFound(SoftenvError, KeyError):
    """A look-up by id or code found nothing, e.g. ``Assessment.county("379999")``.

    Also a KeyError, as a mapping's look-up would raise; ``kind`` and ``key`` say what was sought.
    ``zh``: the message in the clerk's words, as every other error the docs describe carries it
    (``where_zh``: where it was sought, in Chinese; integrator i42: it had none). ``said`` and
    ``said_zh``: the whole message, where "no … in …" would misstate it (a round given that is
    not the dataset's round of its id, which the dataset has; reviewer r63 04).
    """

    def __init__(
        self,
        kind: str,
        key: object,
        where: str,
        where_zh: str | None = None,
        *,
        said: str | None = None,
        said_zh: str | None = None,
    ) -> None:
        self.kind = kind
        self.key = key
        self.where = where
        super().__init__(said or f"no {kind} {key!r} in {where}")
        self.zh = said_zh or f"{where_zh or where}中没有{_KINDS_ZH.get(kind, kind)} {key!r}"

    def __str__(self) -> str:  # KeyError would quote the whole message
        return str(self.args[0])


#: The kinds of record a look-up seeks, in the clerk's words (NotFound.zh).
_KINDS_ZH = {
    "county": "县区",
    "point": "监测点",
    "department": "部门",
    "appraisal round": "万人评议轮次",
    "plugin": "插件",
}


def not_found(kind: str, key: object, where: str, where_zh: str | None = None) -> SoftenvError:
    """The error of a look-up by id or code that found nothing: NotFound for a key given as text,
    FieldInvalid for one that is not (ids and codes are text: an ``int`` 379902, as a platform
    reading codes as numbers passes it, used to be "no county 379902", which it has; i38)."""
    if isinstance(key, str):
        return NotFound(kind, key, where, where_zh)
    # The key written as text for a whole number only ('379902' for 379902): None (a NULL column)
    # or a float is no code, and ('None') offered it as the value to pass (integrator i55 09).
    example = f" ('{key}')" if type(key) is int else ""
    return FieldInvalid(
        kind, f"expected the {kind}'s id or code as text{example}, got {type(key).__name__} {key!r:.40}"
    )


class CalendarDataMissing(SoftenvError):
    """The official work arrangement of ``year`` is not known, so no deadline can be computed."""

    def __init__(self, year: int, covered: tuple[int, int] | None = None, *, day: date | None = None) -> None:
        self.year = year
        self.covered = covered
        #: The day asked for when it lies in the year before ``year``: a day of late December
        #: waits for the next year's notice, which sets 元旦 and may move it (auditor a75 01).
        self.day = day
        #: Whether the year is needed whatever the instant asked for (``as_of``): set by an analysis
        #: whose period itself reaches the year (a month's report: its due days, and outside the
        #: city office its complaint reach), where an earlier instant is no way out (auditor a64 01),
        #: and by a complaint step's due day, needed at every instant after the step opened (a82 01).
        self.any_instant = False
        span = f" (the installed chinesecalendar covers {covered[0]}-{covered[1]})" if covered else ""
        # The fact in the clerk's words; each face adds its own way out (cli/output, service/problems).
        covers = f"（已安装的 chinesecalendar 收录 {covered[0]}–{covered[1]} 年）" if covered else ""
        waits = ""
        if day is not None:
            waits = f"，{day.isoformat()} 须待 {year} 年的安排（其元旦放假可调整 {day.year} 年 12 月下旬的工作日）"
        self.zh = f"尚无 {year} 年的国务院节假日安排{covers}{waits}，无法计算到那时为止的期限"
        #: The fact in English, without the way out (the service gives its operator's).
        self.fact = f"no official work arrangement for {year}{span}"
        if day is not None:
            self.fact += (
                f": {day.isoformat()} waits for the notice for {year}, which sets 元旦 and may move "
                f"the last days of December {day.year}"
            )
        super().__init__(
            f"{self.fact}. Upgrade chinesecalendar once the "
            f"State Council notice for {year} is out, or supply the year's arrangement with "
            f"WorkCalendar.with_arrangement(...) / --calendar FILE (see docs/calendar.md); "
            f"a provisional weekends-only mode exists but marks every result it touches."
        )


class ParameterMissing(SoftenvError):
    """A rule parameter has no value in force at the date asked for."""

    def __init__(self, name: str, at: date, first: date | None = None) -> None:
        self.name = name
        self.at = at
        #: The day its first value comes into force, when it has one: a date asked before it is
        #: either a year before the policy or a wrong effective_from in a parameter file.
        self.first = first
        since = "" if first is None else f" (its first value is in force from {first.isoformat()})"
        super().__init__(f"parameter {name!r} has no value in force on {at.isoformat()}{since}")


class ParameterUnknown(ParameterMissing):
    """No parameter of that name at all (a ParameterMissing, as every caller that catches one
    expects): a misspelt name, not a date before the first value. ``city_defines``: whether the
    city baseline's parameters define the name (so that only the set asked lacks it: a caller's
    own set, missing data). Asked for by a county's plugin, a name in its own namespace
    (``county.CODE.``) or one that not even the city defines is the plugin's fault, and the
    engine reports it as a PluginError naming the plugin, the hook and the rule
    (:func:`own_parameter_fault`)."""

    def __init__(self, name: str, at: date, city_defines: bool = False, near: str | None = None) -> None:
        self.name = name
        self.at = at
        self.city_defines = city_defines
        #: The nearest name defined (the set's or the city's), when one is near: the likely fix.
        self.near = near
        asked = "" if at == date.min else f"; asked for on {at.isoformat()}"
        meant = "" if near is None else f": did you mean {near!r}?"
        SoftenvError.__init__(self, f"parameter {name!r} is not defined (a misspelt name?){meant}{asked}")


class PluginError(SoftenvError):
    """A plugin misbehaved: it raised, returned the wrong type, or declared something invalid."""

    #: What the error is about, as data, where the raiser named it in the message as well (the
    #: complaint limits of one county, kind and day: engine.sla_answers.LimitsAsked), so that a
    #: caller deciding whether to name it again compares data, never the message's text; None:
    #: not recorded. Given where raised (``PluginError(plugin, hook, message, about=asked)``);
    #: typed ``object`` because errors, the lowest layer, names no engine record. Pickled with
    #: the error (SoftenvError.__reduce__ keeps its attributes).
    about: object = None

    def __init__(self, plugin: str, hook: str | None, message: str, *, about: object = None) -> None:
        self.plugin = plugin
        self.hook = hook
        self.about = about
        super().__init__(f"{_where(plugin, hook)}: {message}")

    @property
    def detail(self) -> str:
        """The message without the plugin and hook it starts with (a report that names both
        itself: ``plugins --check``'s faults, a refusal at registration)."""
        return str(self).removeprefix(f"{_where(self.plugin, self.hook)}: ")


def _where(plugin: str, hook: str | None) -> str:
    return f"plugin {plugin!r}" + (f", hook {hook}" if hook else "")


def own_parameter_fault(exc: BaseException, plugin: str, hook: str, subject: str = "") -> PluginError | None:
    """The PluginError for ``exc`` when it is a parameter name that ``plugin``, answering
    ``hook`` (``subject``: its rule or condition, ``"rule county.…"``), misspelt: one unknown in
    a county's own namespace, or one the city baseline does not define either (reviewer r32:
    ``compliance.on_time_scor`` read as missing data and named no plugin). None for any other
    error, which is missing data, reported as itself: a date before a parameter's first value,
    or a city parameter that the caller's own set lacks. Every county parameter is named
    ``county.CODE.…`` (load_parameters refuses any other), the city's never; so a county
    parameter asked for on a day before its first value is the plugin's fault too. The engine's one
    wording for it, which ``plugins --check`` reads its fix from."""
    if not isinstance(exc, ParameterMissing):
        return None
    if not isinstance(exc, ParameterUnknown):
        # A day before the first value of a county's own parameter (plugin author p37: a wrong
        # effective_from in its parameters.json): the county's figures come from the plugin's
        # file alone, so this is the plugin's, never missing data. The city's stays the caller's.
        if not exc.name.startswith("county."):
            return None
        return PluginError(plugin, hook, f"{subject} raised ParameterMissing: {exc}".lstrip())
    if not exc.name.startswith("county.") and exc.city_defines:
        return None
    return PluginError(plugin, hook, f"{subject} raised ParameterUnknown: {exc}".lstrip())


def raised_by(exc: PluginError, plugin: str, hook: str) -> PluginError:
    """``exc``, raised by ``plugin``'s own code answering ``hook``, as the engine reports it: as
    it is (its class kept: a RuleConflict stays one) when it names ``plugin`` (a conflict, among
    its sides) and ``hook`` or no hook; else a PluginError named after ``plugin`` and ``hook``,
    with the class, the names it gave and what it said kept in the message (review r52 07: a
    plugin raising ``PluginError("city", …)`` was taken at its word, and the city blamed for a
    county's code)."""
    if type(exc).__module__ != __name__:
        # A class of the plugin's own (a subclass): its fields and __str__ are the plugin's code,
        # which may answer anything or raise when the CLI says the error (noted by fix helper
        # fx74a after attacker x74 08); named after plugin and hook, its words read once, safely.
        name = printable(type(exc).__name__)
        return PluginError(plugin, hook, f"raised {name} (a PluginError subclass of its own): {printable(exc)}")
    sides = exc.plugins if isinstance(exc, RuleConflict) else (exc.plugin,)
    if plugin in sides and exc.hook in (hook, None):
        return exc
    named = f"plugin{'s' if len(sides) > 1 else ''} " + " and ".join(map(repr, sides)) if sides else "no plugin"
    where = f" (hook {exc.hook})" if exc.hook else ""
    detail = printable(exc) if isinstance(exc, RuleConflict) else printable(exc.detail)
    return PluginError(plugin, hook, f"raised {type(exc).__name__} naming {named}{where}: {detail}")


def printable(value: object, quoted: bool = False) -> str:
    """``str(value)`` (``repr`` when ``quoted``) as exactly a str, or ``<unprintable T>`` when that
    raises: a plugin's exception or evidence id whose ``__str__``/``__repr__`` raises made the
    engine's own message-building raise, so that a bare RuntimeError named neither the plugin nor
    the hook (attacker x74 08). The result is copied to a plain str (str.__str__): a str subclass
    returned by ``__str__`` would be formatted through its own methods again."""
    try:
        said = repr(value) if quoted else str(value)
        return str.__str__(said)
    except KeyboardInterrupt:
        raise
    except BaseException:  # SystemExit from a plugin's __str__ too: the message is still built
        return f"<unprintable {type(value).__name__}>"


def hook_fault(exc: BaseException, plugin: str, hook: str) -> BaseException:
    """What the engine raises for ``exc``, raised while ``plugin`` answered ``hook`` (the one
    wording for every place that asks a plugin's hook): Ctrl-C as itself (and SIGTERM, raised as
    one by the CLI); a PluginError as :func:`raised_by` names it; missing data as itself, with a
    note naming the plugin and hook (not the plugin's fault), unless it is a name the plugin
    misspelt (:func:`own_parameter_fault`); anything else (SystemExit, GeneratorExit too: never a
    silent exit 0 mid-run) a PluginError naming plugin and hook."""
    if isinstance(exc, KeyboardInterrupt):
        return exc
    if isinstance(exc, PluginError):
        return raised_by(exc, plugin, hook)
    if isinstance(exc, (CalendarDataMissing, ParameterMissing)):
        if (fault := own_parameter_fault(exc, plugin, hook)) is not None:
            return fault
        exc.add_note(f"while plugin {plugin!r} answered {hook}")
        return exc
    return PluginError(plugin, hook, f"raised {type(exc).__name__}: {printable(exc)}")


class PluginLoadError(PluginError):
    """A plugin's entry point could not be loaded; names the distribution and its version."""

    def __init__(self, plugin: str, distribution: str, version: str, message: str) -> None:
        self.distribution = distribution
        self.version = version
        super().__init__(plugin, None, f"distribution {distribution} {version} failed to load: {message}")


class PluginRefused(PluginLoadError):
    """A plugin imported, then refused at registration (拒绝注册): its ``PluginInfo`` (a county
    given as a number), a ``softenv_*`` function without @hookimpl, an unknown hook, the name
    ``city``. Not an import failure: the code is there and loads; ``reason`` is the refusal's own
    message (the PluginError), which says what to change."""

    def __init__(self, plugin: str, distribution: str, version: str, refusal: PluginError) -> None:
        self.distribution = distribution
        self.version = version
        self.reason = refusal.detail
        PluginError.__init__(
            self, plugin, refusal.hook, f"distribution {distribution} {version} refused at registration: {self.reason}"
        )


class RuleConflict(PluginError):
    """Two rules (or a rule and the city baseline) cannot both apply; names both sides and
    ``hook``, the hook whose answers conflict, also named after ``subject`` in the text
    (``label duty.feedback (softenv_point_rules)``; docs/hooks.md says every conflict names it)."""

    def __init__(self, plugins: Sequence[str], subject: str, message: str, hook: str | None = None) -> None:
        # Each plugin once: one plugin's two answers read "between 'x' and 'x'" (plugin author p42).
        self.plugins = tuple(dict.fromkeys(plugins))
        self.subject = subject = f"{subject} ({hook})" if hook else subject
        self.plugin = self.plugins[0] if self.plugins else ""
        self.hook = hook
        names = " and ".join(repr(p) for p in self.plugins)
        within = f"within plugin {names}" if len(self.plugins) == 1 else f"between {names}"
        SoftenvError.__init__(self, f"rule conflict on {subject} {within}: {message}")


#: Where the office extra is missing (openpyxl, python-docx…): how to install it from this
#: project, never by a bare name from a registry, where softenv_core is not published and a
#: name someone else registered would be installed instead (newcomer n01 04).
OFFICE_HINT = (
    "the office extra is not installed: in a clone of softenv_core run `uv sync --extra office` "
    "(then `uv run softenv` has it); elsewhere install softenv_core with it from this project, "
    '`pip install "/path/to/softenv_core[office]"` or the wheel '
    '`pip install "softenv_core-VERSION-py3-none-any.whl[office]"` (softenv_core is on no package registry: '
    "never install it by name)"
)
OFFICE_HINT_ZH = (
    "没有安装 office 组件：在 softenv_core 的仓库目录中运行 `uv sync --extra office`（之后用 `uv run softenv`）；"
    '其他环境从本项目安装：`pip install "softenv_core所在目录[office]"`，或用 wheel 文件 '
    '`pip install "softenv_core-版本号-py3-none-any.whl[office]"`。softenv_core 不在任何软件包仓库（PyPI 等）上，'
    "不要按名称安装"
)


def office_missing() -> SoftenvError:
    """The error of a command or function that needs the office extra, in English and Chinese."""
    return SoftenvError(OFFICE_HINT, zh=OFFICE_HINT_ZH)


__all__ = [
    "OFFICE_HINT",
    "OFFICE_HINT_ZH",
    "CalendarDataMissing",
    "FieldInvalid",
    "InputError",
    "InputProblem",
    "NaiveInstant",
    "NotFound",
    "ParameterMissing",
    "ParameterUnknown",
    "PluginError",
    "PluginLoadError",
    "PluginRefused",
    "RuleConflict",
    "SoftenvError",
    "hook_fault",
    "not_found",
    "office_missing",
    "own_parameter_fault",
    "printable",
    "raised_by",
]
