"""Complaint limits (投诉办理时限) as the plugins answer ``softenv_complaint_sla``: the county's
own, never laxer than the city's, else the city's; each answer checked, not trusted."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

import attrs

from softenv_core.engine.answers import check_params, check_sla
from softenv_core.engine.frozen import FrozenDict, FrozenList
from softenv_core.engine.manager import CITY_PLUGIN, PluginMeta, SoftenvPluginManager
from softenv_core.engine.parameters import ParameterSet
from softenv_core.engine.ruletypes import ComplaintSla
from softenv_core.engine.single_answer import answers_of, chosen
from softenv_core.engine.trace import ParamValue, typed_snapshot
from softenv_core.errors import PluginError, RuleConflict, printable
from softenv_core.model.complaints import ComplaintKind
from softenv_core.workdays.calendar import WorkCalendar

HOOK = "softenv_complaint_sla"
#: A day's answers: each plugin's ComplaintSla (None answers left out), the city's among them.
SlaAnswers = list[tuple[PluginMeta, ComplaintSla]]


def resolve_sla(
    pm: SoftenvPluginManager,
    county: str,
    kind: ComplaintKind,
    calendar: WorkCalendar,
    params: ParameterSet,
    on: date = date.max,
) -> ComplaintSla:
    """The working-day limits for a complaint of ``kind`` concerning ``county`` in force on
    ``on``, the day a step opened (without it, the latest limits known).

    A county may set stricter limits, never laxer ones than the city's (as for deadlines):
    a laxer county limit is a RuleConflict naming both plugins and the hook."""
    return resolve_sla_by(pm, county, kind, calendar, params, on)[0]


def resolve_sla_by(
    pm: SoftenvPluginManager, county: str, kind: ComplaintKind, calendar: WorkCalendar, params: ParameterSet, on: date
) -> tuple[ComplaintSla, PluginMeta]:
    """:func:`resolve_sla`'s limits and the plugin that gave them (what an explanation names)."""
    return settle_sla(sla_answers(pm, county, kind, calendar, params, on), county, kind, params, on)


def sla_answers(
    pm: SoftenvPluginManager, county: str, kind: ComplaintKind, calendar: WorkCalendar, params: ParameterSet, on: date
) -> SlaAnswers:
    """What the plugins answer for ``county``, ``kind`` and ``on``, unchecked (:func:`settle_sla`)."""
    return answers_of(pm, HOOK, county, ComplaintSla, kind=kind, calendar=calendar, params=params, on=on)


def settle_sla(
    answers: SlaAnswers, county: str, kind: ComplaintKind, params: ParameterSet, on: date
) -> tuple[ComplaintSla, PluginMeta]:
    """The limits ``answers`` give and the plugin that gave them, every answer checked.

    A county's answer's ``params`` are checked as an award's are (each a ParamValue the output
    can write, a city parameter as the city's set gives it, never another county's): they went
    unread, so a county's limits could cite anything and say it in no output (plugin author p42)."""
    answers = [(meta, _read(meta, sla)) for meta, sla in answers]  # each field read once, then checked
    (sla, meta, _), city_answer = chosen(answers, HOOK, county, "complaint limits", check_sla)
    if meta.county is not None and city_answer is not None:
        laxer = _laxer_limits(sla, city_answer[0], kind.value)
        if laxer:
            raise RuleConflict(
                [meta.name, CITY_PLUGIN],
                str(LimitsAsked(county, kind, on)),
                f"county limits laxer than the city's: {'; '.join(laxer)}; a county may only be stricter",
                HOOK,
            )
    if meta.county is not None:
        # The cited values must be in force on ``on``, the day the step opened, as an award's on
        # its day: a county parameter dated 07-01 read on the year's last day put a March
        # suggestion under July's limit (plugin author p52 01). Without ``on`` (date.max, the
        # latest limits known) a city value is compared on its own effective_from.
        day = None if on == date.max else on
        try:
            check_params(meta.name, HOOK, "", sla.params, meta.county, params, day)
        except PluginError as exc:  # named as the every-day sweep names it (complaint_limits)
            raise about_limits(exc, LimitsAsked(county, kind, on)) from exc
    return sla, meta


@attrs.frozen
class LimitsAsked:
    """The limits a PluginError is about: the county, the kind and the day they were asked for.
    Its text is how the error's message names them; the record itself is the error's ``about``,
    which a caller compares (complaint_limits._sound_days), never the message (reviewer r60)."""

    county: str
    kind: ComplaintKind
    on: date

    def __str__(self) -> str:
        return f"complaint limits of county {self.county} for {self.kind.value} on {self.on}"


def about_limits(exc: PluginError, asked: LimitsAsked) -> PluginError:
    """``exc`` naming the limits ``asked``: in its message, after its detail, and as its ``about``."""
    return PluginError(exc.plugin, exc.hook, f"{exc.detail} ({asked})", about=asked)


def _read(meta: PluginMeta, sla: ComplaintSla) -> ComplaintSla:
    """:func:`detached`, or a PluginError naming the plugin when reading its answer raises (a
    ComplaintSla subclass's property): it escaped as the bare error, naming no plugin (r52 03)."""
    try:
        return detached(sla)
    except Exception as exc:
        why = f"reading its {type(sla).__name__} raised {type(exc).__name__}: {printable(exc)}"
        raise PluginError(meta.name, HOOK, why) from exc


def detached(sla: ComplaintSla) -> ComplaintSla:
    """A plain copy of ``sla``, each field read once, of which its plugin holds nothing: what
    settle_sla checks and hands on. The limits are remembered per day (complaint_limits.DatedLimits):
    a plugin handing one dict to every kind and day rewrote the limits of a day already checked
    when asked for another, and a ComplaintSla subclass whose ``resolve`` is a property answered
    the checks with the city's limits and a later read with laxer ones (plugin author p46 5, 10).
    A field of another type is kept as it is, for the checks to name; one that raises when read
    is settle_sla's PluginError."""
    return ComplaintSla(
        accept=sla.accept,
        sign=sla.sign,
        resolve=_copied(sla.resolve, 0),
        max_extension=sla.max_extension,
        follow_up=sla.follow_up,
        reference=sla.reference,
        params=_params_copied(sla.params),
        reference_zh=sla.reference_zh,
    )


def _params_copied(params: object) -> Any:
    # A subclass's own items (its storage, not its __iter__): passed through, it gave the checks
    # one iteration and the explanation another (review r52 04).
    if isinstance(params, tuple):
        items: Any = tuple.__getitem__(params, slice(None))
    elif isinstance(params, list):
        items = list.copy(params)
    else:
        return params  # check_params names it
    out = []
    for p in items:
        if isinstance(p, ParamValue):  # read once into a plain ParamValue; its fields are checked after
            copy = object.__new__(ParamValue)
            for name in _PARAM_FIELDS:
                value = getattr(p, name)
                object.__setattr__(copy, name, _copied(value, 0) if name == "value" else value)
            p = copy
        out.append(p)
    return tuple(out)


#: Every field, so that one added to ParamValue is not left unset in the copy (its slot empty).
_PARAM_FIELDS = tuple(f.name for f in attrs.fields(ParamValue))
_FROZEN = (FrozenDict, FrozenList)
_MAX_COPY_DEPTH = 10


def _copied(value: object, depth: int) -> Any:
    """``value`` (a parameter's value or a ComplaintSla's ``resolve``) as plain dicts and lists of
    its own, read once, the overrides of a subclass bypassed; anything else as it is."""
    if type(value) in _FROZEN or depth > _MAX_COPY_DEPTH:
        return value  # a parameter file's own, which nothing changes; or too deep (refused)
    if isinstance(value, dict):
        return {k: _copied(v, depth + 1) for k, v in dict.items(value)}
    if isinstance(value, list):
        return [_copied(v, depth + 1) for v in list.copy(value)]
    if isinstance(value, tuple):
        return tuple(_copied(v, depth + 1) for v in tuple.__getitem__(value, slice(None)))
    if depth == 0 and isinstance(value, Mapping):  # a resolve of another Mapping class
        return dict(value.items())  # one that raises is settle_sla's PluginError (check_sla read it again: r52 06)
    return value


def answers_key(answers: SlaAnswers) -> tuple[object, ...] | None:
    """``answers`` as compared with another day's: two days with equal keys pass or fail
    :func:`settle_sla` alike (the city's parameter set and the county the same), so a day like
    the day before is not checked again (require_limits_sound reads some 1,400 days a county and
    kind). The limits are compared with their types (1, 1.0 and True are equal, and only 1 is a
    number of working days); the parameters a county's answer cites (the city's are not checked)
    as the same objects with the same fields as then, each field's type and parts copied (a
    frozen value can be rewritten with ``object.__setattr__``, and a dict it holds changed in
    place). None, equal to nothing, for an answer not exactly a ComplaintSla with a dict of
    limits (and a county's, a tuple of ParamValue): another class's own ``__eq__`` could say
    anything. The caller keeps the answers while it keeps their key."""
    key: list[object] = []
    for meta, sla in answers:
        if type(sla) is not ComplaintSla:
            return None  # before any read: a subclass's property may raise (settle_sla names it)
        resolve, cited = sla.resolve, sla.params
        if type(resolve) is not dict:
            return None
        fields = (sla.accept, sla.sign, sla.max_extension, sla.follow_up, sla.reference)
        limits = tuple((type(k), k, type(v), v) for k, v in resolve.items())
        key += [meta, tuple(map(type, fields)), fields, limits]
        if meta.county is None:
            continue  # the city's parameters are not what settle_sla checks (check_params reads a county's)
        if type(cited) is not tuple or any(type(p) is not ParamValue for p in cited):
            return None
        # Each field copied with its type: a value rewritten in place, or a name swapped for a
        # str subclass equal to anything, differs from the day before's (plugin author p46 2).
        if not all(map(_plain_fields, cited)):
            return None
        shown = tuple((p.name, p.effective_from, p.reference, p.reference_zh, typed_snapshot(p.value)) for p in cited)
        key += [tuple(map(id, cited)), shown]
    return tuple(key)


class DaySettler:
    """:func:`settle_sla` for one county and kind asked day after day: a day's answers settled only
    where their :func:`answers_key` differs from the day before's, the day before's result given
    again else (the every-day sweep, an explanation's year of limits). One per county and kind and
    caller; it keeps the last answers with their key, whose ids the key holds."""

    __slots__ = ("_kept",)

    def __init__(self) -> None:
        self._kept: tuple[tuple[object, ...] | None, SlaAnswers, tuple[ComplaintSla, PluginMeta]] | None = None

    def settle(
        self, answers: SlaAnswers, county: str, kind: ComplaintKind, params: ParameterSet, on: date
    ) -> tuple[ComplaintSla, PluginMeta]:
        key, kept = answers_key(answers), self._kept
        if key is not None:  # a cited value passes from its first day in force on (p52 01)
            key = (*key, _in_force_on(answers, params, on))
        if key is None or kept is None or kept[0] != key:
            kept = self._kept = (key, answers, settle_sla(answers, county, kind, params, on))
        return kept[2]


def _in_force_on(answers: SlaAnswers, params: ParameterSet, on: date) -> tuple[object, ...]:
    """What of settle_sla's checks depends on ``on`` (answers_key compares the rest): whether each
    value a county's answer cites is in force then, and the city's values of those names then."""
    out: list[object] = []
    for meta, sla in answers:
        if meta.county is not None:
            for p in sla.params:
                out.append(p.effective_from <= on)
                if params.has(p.name):
                    out.append(params.get(p.name, on) if params.in_force(p.name, on) else None)
    return tuple(out)


def _plain_fields(p: ParamValue) -> bool:
    """Whether ``p``'s name, day and references are exactly text and a date (else ``==`` could
    be a subclass's: checked every day)."""
    zh = p.reference_zh
    return (
        type(p.name) is str
        and type(p.reference) is str
        and type(p.effective_from) is date
        and (zh is None or type(zh) is str)
    )


_SLA_STEPS = ("accept", "sign", "max_extension", "follow_up")


def _laxer_limits(county: ComplaintSla, city: ComplaintSla, kind: str) -> list[str]:
    """Each limit of ``county`` for a complaint of ``kind`` longer than the city's (both
    already checked by check_sla), as "name days > city days". A resolve limit left out where
    the city has one is laxer too: the step would have no due date at all."""
    out = [
        f"{name} {getattr(county, name)} > {getattr(city, name)}"
        for name in _SLA_STEPS
        if getattr(county, name) > getattr(city, name)
    ]
    days, mine = city.resolve.get(kind), county.resolve.get(kind)
    if days is not None and (mine is None or mine > days):
        out.append(f"resolve[{kind!r}] {'none' if mine is None else mine} > {days}")
    return out
