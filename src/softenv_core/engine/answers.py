"""The checks of plugin answers (插件答复的检查): what a plugin returns is checked, never trusted.

Each failure is a PluginError naming the plugin, the hook and the field. The report deadlines of
one assessment are checked once per answer by engine/deadline_answers.DeadlineAnswers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any, TypeVar

import attrs

from softenv_core._validators import invisible, invisible_problem, may_be_invisible, surrogate_problem
from softenv_core.engine.deadline_month import check_deadline_month
from softenv_core.engine.deadline_offsets import offset_note
from softenv_core.engine.deadlines import DeadlinePolicy
from softenv_core.engine.exact import subclass_problem
from softenv_core.engine.param_sources import COUNTY_ID_PREFIX as _COUNTY_ID_PREFIX
from softenv_core.engine.param_sources import own_params, param_source_problem
from softenv_core.engine.parameters import ParameterSet
from softenv_core.engine.ruletypes import Award, ComplaintSla, Deadline, Failure
from softenv_core.engine.trace import MAX_AWARD_POINTS, ParamValue, date_problem, json_problem, text_evidence_problem
from softenv_core.errors import PluginError, printable
from softenv_core.model.complaints import ComplaintKind
from softenv_core.model.dataset import Dataset, RecordScope
from softenv_core.workdays.calendar import CalendarSource

# Limits beyond these are absurd answers, not policy: a complaint step of more than a year of
# working days, or an award of a million points (MAX_AWARD_POINTS), can only be a plugin's bug.
MAX_LIMIT_WORKDAYS = 250
MAX_REASON = 5000
#: The most facts a deadline may give: each describes a day between its 规定日 and its due day
#: (workday_deadline: every day of the next month up to it), so two months' days are ample.
MAX_FACTS = 62
#: The most record ids an award's or a failure's evidence may cite, each once: more records than
#: a county of a province's size holds in a year (its points' contacts among them). A rule that
#: gathered its evidence inside a month loop cited each contact 12 times, and one citing a contact
#: 200,000 times made 7 MB of assessment JSON for one point (plugin author p50 05).
MAX_EVIDENCE = 10_000
_POLICIES = frozenset(p.value for p in DeadlinePolicy)
#: The keys a ComplaintSla's resolve limits take: a ComplaintKind's value (``"complaint"``).
_KINDS = tuple(k.value for k in ComplaintKind)
#: What a plugin may give as a list: a tuple of types, not ``tuple | list``, which builds a
#: UnionType at every isinstance call (these checks run for every plugin award).
_LIST_TYPES = (tuple, list)
#: Whose records a plugin's evidence may name: (point id, its county) for an award to a point,
#: (None, county code) for a 十佳 condition's failure.
Owner = tuple[str | None, str]
#: An Award or a Failure, as plain_outcome gives it back.
Outcome = TypeVar("Outcome", Award, Failure)


def _field(meta: str, hook: str, name: str, message: str) -> PluginError:
    return PluginError(meta, hook, f"field {name}: {message}")


def _is_text(value: object) -> bool:
    # isspace() is False for "" and allocates nothing: this runs for every award of every point.
    # A text of invisible characters only (zero-width spaces: a reason that shows as nothing) or
    # holding a lone surrogate (no character: the JSON answer carries "\ud800", the CSV a "?")
    # is refused as a record's text and a rule's title are (_validators.text); both looks are
    # cheap on the usual reason (may_be_invisible reads its first character, the search runs
    # only on non-ASCII text).
    return type(value) is str and 0 < len(value) <= MAX_REASON and not value.isspace() and shows(value)


def shows(value: str) -> bool:
    """Whether a non-blank text shows something: not invisible characters only (zero-width,
    bidi, controls: _validators.invisible) and no lone surrogate. The usual reason costs a C
    call or two (an ASCII one) or a first-character look and a search (any other)."""
    if value.isascii():
        return value.isprintable() or not invisible(value)
    return not (may_be_invisible(value) and invisible(value)) and surrogate_problem(value) is None


def _text_problem(value: object) -> str:
    """Why ``value`` is not the text _is_text takes (called only once it is not)."""
    subclass = subclass_problem(value, str)  # a StrEnum member: visible text, of the wrong class (p59 01)
    if subclass is not None:
        return f"expected {subclass}"
    if type(value) is not str:
        return f"expected non-blank text, got {type(value).__name__}"
    if len(value) > MAX_REASON:
        return f"longer than {MAX_REASON} characters ({len(value)})"
    if value and not value.isspace() and invisible(value):
        return invisible_problem(value)
    surrogate = surrogate_problem(value)
    if surrogate is not None:
        return surrogate
    return "expected non-blank text, got blank text"


def _param_problem(p: object) -> str | None:
    """Why ``p`` is not a ParamValue the trace can carry and write as JSON, or None.

    ParamValue checks its fields when made; they are read again here, since a frozen value can
    still be rewritten (object.__setattr__), and this runs only off the fast path."""
    if not isinstance(p, ParamValue):
        return f"expected a ParamValue, got {type(p).__name__}"
    for name, size in (("name", 200), ("reference", 1000), ("reference_zh", 1000)):
        value = getattr(p, name)
        if name == "reference_zh" and value is None:
            continue
        if type(value) is not str or not value.strip() or len(value) > size:
            return f"{name}: expected non-blank text of at most {size} characters, got {type(value).__name__}"
    dated = date_problem(p.effective_from)
    if dated is not None:
        return f"effective_from: {dated}"
    problem = json_problem(p.value)
    return None if problem is None else f"value: {problem}"


def check_params(
    plugin: str,
    hook: str,
    where: str,
    params: object,
    county: str | None = None,
    city: ParameterSet | None = None,
    day: date | None = None,
    since: date | None = None,
) -> None:
    """A list of ParamValue (:func:`_param_problem`); ``where`` names the rule, as "rule X: ".

    Given the plugin's ``county`` and the assessment's (city) parameters ``city``, each must
    also be one the county may cite on ``day``, the day the figure is for
    (:func:`param_source_problem`)."""
    if not isinstance(params, _LIST_TYPES):
        raise _field(plugin, hook, "params", f"{where}expected a list of ParamValue")
    for i, p in enumerate(params):
        problem = _param_problem(p)
        if problem is None and county is not None and city is not None:
            problem = param_source_problem(county, p, city, day, since)
        if problem is not None:
            raise _field(plugin, hook, f"params[{i}]", f"{where}{problem}")


def check_deadline(plugin: str, hook: str, d: Deadline) -> None:
    """A Deadline answer: an aware ``due_at``, a ``nominal`` date, text fields, text facts."""
    # Exactly a datetime, refused otherwise rather than copied: monthly_deadline and every
    # Deadline built from datetime(...) give one, and a subclass answers ``>`` as it likes, so a
    # county deadline 20 days after the city's passed the city's bound (x74 02); as a
    # ComplaintSla's limits must be exactly int.
    if type(d.due_at) is not datetime:
        said = subclass_problem(d.due_at, datetime) or f"a datetime, got {type(d.due_at).__name__}"
        raise _field(plugin, hook, "due_at", f"expected {said}")
    if d.due_at.tzinfo is None or d.due_at.utcoffset() is None:
        rule = f"rule {d.rule_id}: " if _is_text(d.rule_id) else ""  # checked below, named if it can be
        # The hour it means in Beijing time (p52 05: "give a UTC offset" named no rule nor how)
        why = f"{rule}naive datetime {d.due_at.isoformat()}: give a UTC offset{offset_note(d.due_at)}"
        raise _field(plugin, hook, "due_at", why)
    nominal = date_problem(d.nominal)  # a datetime too, which would end in a TypeError (p49 02)
    if nominal is not None:
        rule = f"rule {d.rule_id}: " if _is_text(d.rule_id) else ""  # checked below, named if it can be
        raise _field(plugin, hook, "nominal", rule + nominal)
    for name in ("rule_id", "reference"):
        if not _is_text(getattr(d, name)):
            raise _field(plugin, hook, name, _text_problem(getattr(d, name)))
    # Optional, but text when given: a Deadline built by hand is not validated when made, and
    # Chinese output cites it instead of reference (the screen read a number: AttributeError).
    if d.reference_zh is not None and not _is_text(d.reference_zh):
        raise _field(plugin, hook, "reference_zh", _text_problem(d.reference_zh) + " (or None)")
    # A DeadlinePolicy member (a str enum), or the old string of one; exactly either, as a str
    # subclass may hash and compare as any policy.
    if type(d.policy) not in (DeadlinePolicy, str) or d.policy not in _POLICIES:
        allowed = ", ".join(sorted(_POLICIES))
        got = printable(d.policy, quoted=True)
        raise _field(plugin, hook, "policy", f"expected a DeadlinePolicy ({allowed}), got {got}")
    if not isinstance(d.facts, _LIST_TYPES):
        raise _field(plugin, hook, "facts", "expected a sequence of text")
    # Held to what a reason is held to: one fact of a megabyte was copied into every month of
    # the county (12 MB of assessment JSON) where a reason or a reference past 5 000 characters
    # was refused (integrator i47 05). A fact says why one day counts or moves: a month's days.
    if len(d.facts) > MAX_FACTS:
        raise _field(plugin, hook, "facts", f"{len(d.facts)} facts: at most {MAX_FACTS} (a fact describes a day)")
    for i, fact in enumerate(d.facts):  # a loop, not all(generator): every county-month's deadline
        if type(fact) is not str:  # exactly: a subclass is shown through its own __str__/__format__
            said = subclass_problem(fact, str) or f"text, got {type(fact).__name__}"  # named as its fellows (p59 07)
            raise _field(plugin, hook, f"facts[{i}]", f"expected {said}")
        if len(fact) > MAX_REASON:
            raise _field(plugin, hook, f"facts[{i}]", f"longer than {MAX_REASON} characters ({len(fact)})")
        if (surrogate := surrogate_problem(fact)) is not None:
            raise _field(plugin, hook, f"facts[{i}]", surrogate)
    check_params(plugin, hook, f"rule {d.rule_id}: ", d.params)
    if not isinstance(d.calendar_sources, _LIST_TYPES):
        raise _field(plugin, hook, "calendar_sources", "expected a sequence of CalendarSource")
    for i, source in enumerate(d.calendar_sources):
        if not isinstance(source, CalendarSource):
            got = type(source).__name__
            raise _field(plugin, hook, f"calendar_sources[{i}]", f"expected a CalendarSource, got {got}")


#: The namespace of the city baseline's rule and condition ids; no county's may sit in it.
CITY_ID_PREFIX = "city."


def id_namespace_problem(county: str | None, item_id: str) -> str | None:
    """Why a plugin of ``county`` may not use the rule id ``item_id``, or None (the city: None).

    The one rule for every id a county gives (extra and replacement rules, 十佳 conditions, its
    report deadline): not in the city's namespace (``city.report.deadline`` from a county would
    read as the city's rule) and not in another county's (``county.379921.x`` from 379923 would
    read as 青山县's). Ids of no namespace (``qingshan.extra.symposium``) stay the plugin's own.
    """
    if county is None or not isinstance(item_id, str):
        return None
    # Checked as its text whatever its class (str.__str__: an exact copy, whatever the subclass's
    # own __str__, lower or startswith say): a str subclass overriding nothing was let through
    # as ``city.duty.bonus`` (x74 07). A non-text id is the validators' to refuse.
    item_id = str.__str__(item_id)
    # In any case: ``City.duty.contact`` or ``COUNTY.379921.x`` reads as the city's, or 青山县's,
    # to a reader as much as the lower-case id does.
    lowered = item_id.lower()
    if lowered.startswith(CITY_ID_PREFIX):
        return (
            f"ids starting {CITY_ID_PREFIX!r} (in any case) are the city baseline's; "
            f"give the county's own (e.g. county.{county}.…)"
        )
    own = f"{_COUNTY_ID_PREFIX}{county}."
    if lowered.startswith(_COUNTY_ID_PREFIX) and not lowered.startswith(own):
        other = item_id[len(_COUNTY_ID_PREFIX) :].split(".", 1)[0]
        return f"ids starting '{_COUNTY_ID_PREFIX}{other}.' are county {other}'s; give the county's own ({own}…)"
    return None


def _limit(plugin: str, hook: str, name: str, value: object) -> None:
    # Exactly an int: a subclass may answer == and > as it likes, so that a limit of 99 compared
    # equal to the day before's 2 (sla_answers.answers_key) or never greater than the city's
    # (plugin author p46 1); True and 1.0 are no number of working days either.
    if type(value) is not int:
        # An IntEnum member is an int to mypy and isinstance: said so, not "no whole number" (p59 05).
        said = (None if type(value) is bool else subclass_problem(value, int)) or f"got {type(value).__name__}"
        raise _field(plugin, hook, name, f"expected a whole number of working days, {said}")
    if not 0 <= value <= MAX_LIMIT_WORKDAYS:
        raise _field(plugin, hook, name, f"{value} working days is outside 0-{MAX_LIMIT_WORKDAYS}")


def check_sla(plugin: str, hook: str, sla: ComplaintSla) -> None:
    """A ComplaintSla answer: every limit a whole number of working days within a year."""
    for name in ("accept", "sign", "max_extension", "follow_up"):
        _limit(plugin, hook, name, getattr(sla, name))
    if not isinstance(sla.resolve, Mapping) or not sla.resolve:
        raise _field(plugin, hook, "resolve", "expected a mapping of complaint kind to working days")
    for kind, days in sla.resolve.items():
        # A misspelt kind ("sugestion") would be a limit nothing reads, silently: the kind it
        # meant would have none, reported only when asked for as laxer than the city's.
        if isinstance(kind, ComplaintKind):  # the kind itself: right in meaning, read by its value
            raise _field(
                plugin,
                hook,
                "resolve",
                f"key ComplaintKind.{kind.name} is the kind, not its value: key the limits by "
                f"ComplaintKind.{kind.name}.value ({kind.value!r})",
            )
        # Exactly text: a str subclass equal to everything was "in" the kinds whatever it said,
        # a limit nothing reads (plugin author p46 9).
        if type(kind) is not str or kind not in _KINDS:
            raise _field(plugin, hook, "resolve", f"key {kind!r:.40} is not a complaint kind ({', '.join(_KINDS)})")
        _limit(plugin, hook, f"resolve[{kind!r}]", days)
    if not _is_text(sla.reference):
        raise _field(plugin, hook, "reference", _text_problem(sla.reference))
    if sla.reference_zh is not None and not _is_text(sla.reference_zh):  # shown in Chinese documents
        raise _field(plugin, hook, "reference_zh", _text_problem(sla.reference_zh) + " (or None)")


def check_outcome(
    plugin: str,
    hook: str,
    rule_id: str,
    outcome: Award | Failure,
    dataset: Dataset,
    owner: Owner,
    city: ParameterSet | None = None,
    day: date | None = None,
) -> None:
    """The fields an Award and a Failure share: a text reason, evidence naming records of
    ``owner`` (see :func:`own_evidence`), params (given the assessment's parameters ``city``,
    only those the owner's county may cite for a figure of ``day``: :func:`param_source_problem`).

    This runs for every award of every point: the usual case costs a few C calls.
    """
    reason, evidence, params = outcome.reason, outcome.evidence, outcome.params
    if not _is_text(reason):
        raise _field(plugin, hook, "reason", f"rule {rule_id}: {_text_problem(reason)}")
    if isinstance(evidence, (set, frozenset)):
        raise _field(plugin, hook, "evidence", f"rule {rule_id}: a set has no order; give a tuple or list (sorted)")
    if not isinstance(evidence, _LIST_TYPES):
        said = text_evidence_problem(evidence) or "expected a list of record ids"
        raise _field(plugin, hook, "evidence", f"rule {rule_id}: {said}")
    if len(evidence) > MAX_EVIDENCE:
        why = f"rule {rule_id}: {len(evidence)} record ids: at most {MAX_EVIDENCE}, each record cited once"
        raise _field(plugin, hook, "evidence", why)
    for i, rid in enumerate(evidence):
        # Exactly a str, refused otherwise rather than copied: a record's id is one, and a
        # subclass hashing and comparing as the point's own id passed every look-up below while
        # its own text, naming a complainant, was shown to the county and the point (x74 01).
        # Not quoted: its text may say who complained, and this error reaches any caller.
        if isinstance(rid, str) and type(rid) is not str:
            why = f"rule {rule_id}: a record id must be {subclass_problem(rid, str)}"
            raise _field(plugin, hook, f"evidence[{i}]", why)
    try:
        known = dataset.record_ids.issuperset(evidence)  # a non-string id is simply not among them
    except TypeError:  # an unhashable item
        known = False
    if not known:
        _bad_evidence(plugin, hook, f"rule {rule_id}: ", evidence, dataset.record_ids)
    if len(set(evidence)) != len(evidence):  # every id is a record's text now: hashable
        _repeated_evidence(plugin, hook, rule_id, evidence)
    if not own_evidence(dataset, evidence, owner):
        _foreign_evidence(plugin, hook, rule_id, evidence, dataset, owner)
    # An award or a failure is a figure of the year ``day`` ends.
    check_params(
        plugin, hook, f"rule {rule_id}: ", params, owner[1], city, day, None if day is None else date(day.year, 1, 1)
    )


def _in_scope(scope: RecordScope | None, point: str | None, county: str) -> bool:
    if scope is None:
        return False
    if point is not None:  # an award to one point: its own records, its county's, city-wide ones
        return scope[0] == point or (scope[0] is None and (scope[1] is None or scope[1] == county))
    # A 十佳 condition of one county: its and its points' records, complaints about its departments,
    # city-wide records.
    return scope[1] == county or scope[2] == county or (scope[0] is None and scope[1] is None)


def own_evidence(dataset: Dataset, evidence: Sequence[Any], owner: Owner) -> bool:
    """Whether every id of ``evidence`` names a record ``owner`` may cite (an unknown id: no).

    An award to point P of county C may cite P and its contacts, complaints, roster changes,
    nominations and decisions, adjustment suggestions, follow-ups of its contacts; C, its
    reports, waivers, filings, work plans, publicity, departments (and follow-ups of its
    reports); and city-wide records (appraisal rounds, city departments, research topics).
    A 十佳 condition of C may cite C's records, those of every point of C, complaints about
    C's departments, and city-wide records. Anything else would carry another point's or
    county's records into this one's explanation and its county's view (attacker 06).
    """
    point, county = owner
    get = dataset.record_scopes.get
    try:
        for rid in evidence:  # a loop, not all(generator): a few ids an award
            # Exactly a str (check_outcome's reason): a subclass's hash and == answer the look-up.
            if type(rid) is not str or not _in_scope(get(rid), point, county):
                return False
    except TypeError:  # an unhashable id: the full checks name it
        return False
    return True


def _bad_evidence(plugin: str, hook: str, where: str, evidence: Sequence[Any], known: frozenset[str]) -> None:
    for i, rid in enumerate(evidence):
        if not isinstance(rid, str) or rid not in known:
            shown = printable(rid, quoted=True) if isinstance(rid, str) else type(rid).__name__
            raise _field(plugin, hook, f"evidence[{i}]", f"{where}{shown[:80]} is not a record id of the dataset")


def _repeated_evidence(plugin: str, hook: str, rule_id: str, evidence: Sequence[str]) -> None:
    # A repeat is a rule's slip (evidence gathered inside a loop), not a record cited twice on
    # purpose: the explanation listed 144 ids for 12 contacts (plugin author p50 05).
    first: dict[str, int] = {}
    for i, rid in enumerate(evidence):
        if rid in first:
            shown = printable(rid, quoted=True)
            why = f"rule {rule_id}: {shown:.80} is cited again (first as evidence[{first[rid]}]): cite each record once"
            raise _field(plugin, hook, f"evidence[{i}]", why)
        first[rid] = i


def _foreign_evidence(
    plugin: str, hook: str, rule_id: str, evidence: Sequence[Any], dataset: Dataset, owner: Owner
) -> None:
    point, county = owner
    whose = f"point {point} (county {county})" if point is not None else f"county {county}"
    for i, rid in enumerate(evidence):
        if not own_evidence(dataset, (rid,), owner):
            shown = printable(rid, quoted=True)
            raise _field(plugin, hook, f"evidence[{i}]", f"rule {rule_id}: {shown:.80} is not a record of {whose}")


def check_award(
    plugin: str,
    hook: str,
    rule_id: str,
    award: Award,
    dataset: Dataset,
    owner: Owner,
    city: ParameterSet | None = None,
    day: date | None = None,
) -> None:
    """An Award: finite points of sane size (a rule's own cap is checked where it is applied)."""
    points = award.points
    # Exactly a Decimal, refused otherwise rather than copied: Award's converter makes one (an
    # int or a float given is converted), so anything else was written into the Award after, and
    # a subclass answers abs() and > as it likes (__abs__ 0 passed 500 points for a 30-point
    # rule: x74 03).
    if isinstance(points, Decimal) and type(points) is not Decimal:
        why = f"rule {rule_id}: expected a finite number, {subclass_problem(points, Decimal)}"
        raise _field(plugin, hook, "points", why)
    if not isinstance(points, Decimal) or not points.is_finite():
        raise _field(plugin, hook, "points", f"rule {rule_id}: expected a finite number, got {points!r:.80}")
    if abs(points) > MAX_AWARD_POINTS:
        raise _field(plugin, hook, "points", f"rule {rule_id}: {points:.3E} points is absurd")
    check_outcome(plugin, hook, rule_id, award, dataset, owner, city, day)


def plain_outcome(plugin: str, hook: str, rule_id: str, outcome: Outcome) -> Outcome:
    """``outcome`` (an Award or a Failure) as exactly that class, each field read once from the
    plugin's object (past the converters: the checks judge what was given). A subclass may answer
    each read otherwise (a property): the checks read one value and the engine, after, another.
    The usual answer, exactly an Award or a Failure, is returned as it is (a slotted frozen
    value: nothing of the plugin's runs between its check and its use)."""
    cls = Award if isinstance(outcome, Award) else Failure
    if type(outcome) is cls:
        return outcome
    copy = object.__new__(cls)
    try:
        for a in attrs.fields(cls):
            object.__setattr__(copy, a.name, getattr(outcome, a.name))
    except Exception as exc:  # a property of the plugin's that raises
        why = f"rule {rule_id}: reading its {type(outcome).__name__} raised {type(exc).__name__}: {printable(exc)}"
        raise PluginError(plugin, hook, why) from exc
    return copy  # type: ignore[return-value]  # exactly the class of outcome's


def plugin_exit(plugin: str, hook: str, rule_id: str, exc: BaseException, kind: str = "rule") -> PluginError:
    # SystemExit and the like from a rule must not end the run as if it had succeeded.
    return PluginError(plugin, hook, f"{kind} {rule_id} raised {type(exc).__name__}: {printable(exc)}")


__all__ = [
    "CITY_ID_PREFIX",
    "MAX_AWARD_POINTS",
    "MAX_EVIDENCE",
    "MAX_FACTS",
    "MAX_LIMIT_WORKDAYS",
    "MAX_REASON",
    "Owner",
    "check_award",
    "check_deadline",
    "check_deadline_month",
    "check_outcome",
    "check_params",
    "check_sla",
    "id_namespace_problem",
    "own_evidence",
    "own_params",
    "param_source_problem",
    "plain_outcome",
    "plugin_exit",
    "shows",
]
