"""The fix ``softenv plugins --check`` prints beside a fault, read from the engine's message."""

from __future__ import annotations

import re

from softenv_core.engine.trace import EVIDENCE_TEXT

#: The engine's words for a rule or condition that raised (plugin_exit and the assessment's
#: wrapping): "rule x.y raised TypeError: …". A bare "raised" would match a rule named
#: county.379923.extra.raised, and give every fault of that rule the wrong fix.
_RAISED = re.compile(r"\b(?:rule|condition) \S+ raised \w+: ")
#: A rule that tried to change what it was given: an attrs record (frozen) or a dataset index or
#: parameter value (the library's ReadOnlyError), by the exception's class in the engine's words.
_EDITED = re.compile(r"\braised (?:FrozenInstanceError|ReadOnlyError): ")
#: A hook itself that raised (PluginError's "plugin 'x', hook softenv_…: raised KeyError: …").
_HOOK_RAISED = re.compile(r", hook softenv_\w+: raised \w+: ")


#: A parameter read as what it does not hold (ParamValue's readers, ParameterSet.number) or
#: asked for where it has no value: the library's own words, after "raised ParameterMissing" or
#: "raised FieldInvalid: NAME: ".
_PARAMETER = re.compile(
    r"(?:\braised |stopped: |^)(?:Parameter(?:Missing|Unknown): parameter '(\S+)'|FieldInvalid: (\S+): "
    r"(?:expected .* \(in force from \d{4}-\d\d-\d\d\)|the value in force on \d{4}-\d\d-\d\d ))"
)


#: The engine's words that end a message about a rule id in another's namespace (answers.
#: id_namespace_problem: "…; give the county's own (county.379921.…)"), at the message's end, after
#: any id the plugin gave: an id holds no space, so the plugin's words cannot end so.
_NAMESPACE = re.compile(r"; give the county's own \((?:e\.g\. )?county\.\d{6}\.…\)$")
#: Evidence naming a record of the dataset that is another point's or county's (answers.
#: _foreign_evidence), read at the message's end, after the id the plugin gave.
_FOREIGN = re.compile(r" is not a record of (?:point \S+ \(county \d{6}\)|county \d{6})$")
#: Evidence naming no record of the dataset: an id (quoted, its repr) or an object, by its type.
_UNKNOWN_ID = re.compile(r"field evidence\[\d+\]: (?:rule|condition) \S+: '.*' is not a record id of the dataset$")
#: A reason the engine refused (answers._text_problem), in the engine's words after the rule's id.
_REASON = re.compile(r"(?:^|: )field reason: (?:rule|condition) \S+: ")
#: A field of a Deadline answer the engine refused (answers.check_deadline, check_deadline_month).
_DEADLINE_FIELD = re.compile(
    r", hook softenv_report_deadline: field (?:due_at|nominal|policy|facts|reference|reference_zh)\b"
)
#: Complaint limits keyed by ComplaintKind's members, not their values (answers.check_sla).
_SLA_MEMBER = re.compile(
    r", hook softenv_complaint_sla: field resolve: key ComplaintKind\.[A-Z_]+ is the kind, not its value"
)
#: The fix for limits keyed by ComplaintKind's members (plugin author p44: told "never a name typed
#: by hand", of a key that was the kind itself).
SLA_MEMBER_FIX = (
    "key the resolve limits by each kind's value, {ComplaintKind.COMPLAINT.value: 10, …} or "
    "{k.value: days for k, days in limits.items()}: ComplaintSla.resolve maps text to working days"
)
#: Complaint limits keyed by no complaint kind (answers.check_sla: a misspelt "sugestion").
_SLA_KIND = re.compile(r", hook softenv_complaint_sla: field resolve: key .* is not a complaint kind \(")
#: A rule's max_points that is no finite number of points: refused when the Rule is made
#: (FieldInvalid "max_points of ID: …"), or when resolved after it was rewritten ("max_points: …").
_MAX_POINTS = re.compile(r"\bmax_points(?: of \S+)?: (?:points must|max_points must)")

#: An Award whose points are no finite number of sane size (Award's converter: FieldInvalid
#: "points: must be finite, got NaN"), as the engine reports the rule that made it.
_AWARD_POINTS = re.compile(r"\braised FieldInvalid: points: must be ")

#: Two county plugins answering a hook of one answer (the deadline, the complaint limits) for one
#: county, in the engine's words (resolution: "… of county 379921 (softenv_report_deadline) between
#: 'a' and 'b': two plugins answer at once"): most often a county's new plugin installed beside its
#: old one (plugin author p43: the demo's qingshan serves 379921), told to "return the type …".
TWO_ANSWERS = re.compile(r"\bof county \d{6} \((softenv_\w+)\) between '.+' and '.+': two plugins answer at once\b")
TWO_ANSWERS_FIX = (
    "one plugin per county: two installed plugins serve this county and both answer this hook, of which "
    "one answer applies; uninstall the one not meant to serve it (softenv plugins marks both CLASH) or "
    "leave it out of SOFTENV_PLUGINS, or, if both are meant to load, answer the hook in one of them only"
)

#: The fix for a hook, rule or condition that ran past ``softenv plugins --check``'s time limit.
TIME_LIMIT_FIX = (
    "a hook, rule or condition must return, quickly: look for a loop that never ends (a while whose "
    "condition the body never changes, a retry without a bound) or a call that waits (a file, a "
    "network, a lock); work out what it needs from ctx alone. softenv plugins --check gives each try "
    "30 s (docs/writing-a-county-plugin.md §8)"
)
#: The engine's words for a rule, condition or hook stopped by the check's time limit.
_TIMED_OUT = re.compile(r"(?:^|\braised )TimeLimitExceeded: ")

#: The fix for a Deadline answer's fields, as plugin_check's deadline probe says it.
DEADLINE_FIX = (
    "build it with monthly_deadline(calendar, month, due_day, …) for the month asked "
    "(its day in the next month): Beijing time, end of the day"
)
#: A 遇节假日提前 deadline whose 规定日 moves back into the reported month (deadline_month._early_advice):
#: monthly_deadline gave it as it should, so DEADLINE_FIX named what the plugin had done (p51 01).
_MOVED_BACK = re.compile(
    r", hook softenv_report_deadline: field due_at: rule \S+: .* moved to the working day before it "
    r"\(遇节假日提前\) falls inside \d{4}-\d\d: "
)
MOVED_BACK_FIX = (
    "in the months named, the 规定日 moved to the working day before it (遇节假日提前) falls inside the "
    "reported month, before the report can be sent: return None for those months (the city's deadline "
    "applies there), or name another day there (docs/writing-a-county-plugin.md §4, A day off moved "
    "earlier); monthly_deadline itself is right"
)


#: A due moment written in another offset than +08:00, or in none (engine/deadline_offsets): a
#: 17:00 in UTC is 01:00 Beijing the next day, refused for its day; DEADLINE_FIX's "end of the day"
#: told a county that set 17:00 to use 23:59:59 (plugin author p52 05).
_OFFSET = re.compile(r"\(due_at (?:is \d\d:\d\d Beijing time on \S+, \+08:00: |\S+ has no offset; )")
OFFSET_FIX = (
    "write the moment in Beijing time, the hour the county set kept (17:00: datetime.combine(day, time(17), BEIJING)) "
    "(+08:00; BEIJING from softenv_core.plugin), the day being the due day monthly_deadline gives "
    "(beijing_date(d.due_at)), never timezone.utc nor a naive datetime"
)


#: A value of a subclass of the builtin type asked for (engine/exact.subclass_problem), after the
#: field's name (and the rule's): the fix is to give the plain value, whatever the field (p59 02).
_SUBCLASS = re.compile(
    r"\bfield [\w\[\]']+: (?:(?:rule|condition) \S+: )?(?:[^:]* )?"
    r"exactly (text, a str|an int|a datetime|a date|a Decimal) \(not a subclass such as [^()]+\): give "
)
#: By the type named: how to give exactly it. A subclass may compare, hash and print as it likes,
#: so it is refused, not converted (docs/hooks.md, Exactly the builtin types).
SUBCLASS_FIXES = {
    "text, a str": (
        "give plain text, exactly a str: str(member) of a StrEnum, member.value of a (str, Enum) "
        "(whose str() is 'Class.NAME'), str(value) of a typed-id class; never the subclass itself"
    ),
    "an int": (
        "give exactly an int: int(member) of an IntEnum (ComplaintSla(sign=int(Limit.SIGN), …)), or "
        "the figure as its parameter's .whole() reads it; never an int subclass (nor a bool)"
    ),
    "a datetime": (
        "give exactly a datetime: datetime.combine(day, time(17), BEIJING) (BEIJING from softenv_core.plugin), "
        "or a date library's DateTime as datetime.fromisoformat(value.isoformat()); never its subclass"
    ),
    "a date": (
        "give exactly a date: date(d.year, d.month, d.day) of a date library's Date (pendulum, arrow) "
        "or of any date subclass, as workday_deadline and monthly_deadline give it"
    ),
    "a Decimal": "give Award exactly a Decimal, an int or a float: Decimal(str(value)) of a Decimal subclass",
}


def subclass_fix(message: str) -> str | None:
    """The fix for a value refused as a subclass of the builtin type asked for, or None."""
    found = _SUBCLASS.search(engine_words(message))
    return None if found is None else SUBCLASS_FIXES[found.group(1)]


def deadline_fix(message: str) -> str:
    """The fix for the engine's refusal of a Deadline answer's fields (``message``: its words)."""
    words = engine_words(message)
    subclass = subclass_fix(words)
    if subclass is not None:
        return subclass
    if _OFFSET.search(words):
        return OFFSET_FIX
    return MOVED_BACK_FIX if _MOVED_BACK.search(words) else DEADLINE_FIX


#: Where the engine's words end and an exception's own begin: "rule x.y raised KeyError: …".
_RAISED_ANY = re.compile(r"\braised (\w+): ")
#: The library's errors, whose text is the library's words (a parameter's name and kind).
_LIBRARY_ERRORS = frozenset({"ParameterMissing", "ParameterUnknown", "FieldInvalid"})
#: A TypeError whose whole text is Python's or the library's own words, read as such (p38): a set
#: given as evidence (ruletypes.ordered) and arithmetic mixing a Decimal (what PARAMS.number
#: gives) with a float, and a Rule or Condition made with fields missing or unknown (Python lists
#: three or more missing as 'a', 'b', and 'c'). Matched to the message's end, so no text of the
#: plugin's rides on it.
_LIBRARY_TYPE_ERRORS = re.compile(
    r"TypeError: (?:a (?:set|frozenset) has no order, so the output would change from run to run: "
    r"give a tuple or list \(e\.g\. sorted\(\.\.\.\)\)"
    r"|unsupported operand type\(s\) for \S{1,3}: '(?:decimal\.Decimal|float)' and '(?:decimal\.Decimal|float)'"
    r"|(?:Rule|Condition)\.__init__\(\) (?:missing \d+ required positional arguments?: '\w+'(?:(?:,|,? and) '\w+')*"
    r"|got an unexpected keyword argument '\w+'))$"
)
#: A Rule or Condition made without its effective_from (refused naming its id, trace.require_dated,
#: plugin author p42), or given a field it has not (Python's words, read as the library's by
#: _LIBRARY_TYPE_ERRORS: the names are the class's or identifiers; plugin author p41: the hook's
#: generic fix said to answer every county, month and year).
_NO_DATES = re.compile(r"\bFieldInvalid: effective_from(?: of \S+)?: missing: give (?:Rule|Condition)\(")
_CONDITION_REPLACES = re.compile(r"\bCondition\.__init__\(\) got an unexpected keyword argument 'replaces'$")
_VALUE_FIELDS = re.compile(r"\b(?:Rule|Condition)\.__init__\(\) (?:missing \d+ required|got an unexpected keyword)")
#: A rule's score that returned something else than an Award or None (resolution's check).
_NOT_AWARD = re.compile(r"\brule \S+ returned \w+, expected Award or None$")
#: A hook that returned one value where it answers a sequence (resolution.check_sequence).
_NOT_SEQUENCE = re.compile(r", hook softenv_\w+: returned \w+, expected a sequence of (?:Rule|Condition)$")
#: A county's rule or condition in force for part of the year asked (engine.rule_years): the
#: engine's words after the hook, the id holding no space.
_PART_YEAR = re.compile(
    r", hook softenv_\w+: (?:rule|extra rule|condition) \S+ is in force [^:]*, part of \d{4} only: a "
)
PART_YEAR_FIX = (
    "a rule or condition applies to whole years: give it effective_from=date(Y, 1, 1) and "
    "effective_until=date(Y, 12, 31) or None; to change the policy inside a year, keep one rule in "
    "force all year and give the figure that changes a new dated value in parameters.json, read on "
    "the day (or month) it is for (docs/writing-a-county-plugin.md §3, Changing the policy)"
)
#: An award the engine's answer check found absurd (answers: beyond MAX_AWARD_POINTS).
_ABSURD = re.compile(r"field points: rule \S+: \S+ points is absurd$")


def engine_words(message: str) -> str:
    """``message`` up to the exception a rule or hook raised, when that exception is not the
    library's own: its text is the plugin's (a KeyError of a record's value, a message quoting a
    complaint), and ``RuntimeError: has no order`` or ``…: raised ParameterUnknown: parameter
    'county.…'`` chose the fix for evidence in a set or a misspelt parameter (attacker x33)."""
    raised = _RAISED_ANY.search(message)
    if raised is None or raised.group(1) in _LIBRARY_ERRORS:
        return message
    if _LIBRARY_TYPE_ERRORS.fullmatch(message[raised.start() + len("raised ") :]):
        return message
    return message[: raised.end()]


def _words(text: str) -> re.Pattern[str]:
    """The engine's own phrase, found anywhere in its message."""
    return re.compile(re.escape(text))


#: The fix for each kind of engine message, the first that matches (in this order: a message
#: about a field of a raised rule reads as the field's fault, not as the raise).
_FIXES: tuple[tuple[re.Pattern[str], str], ...] = (
    (_TIMED_OUT, TIME_LIMIT_FIX),
    (TWO_ANSWERS, TWO_ANSWERS_FIX),
    (_PART_YEAR, PART_YEAR_FIX),
    (
        _NAMESPACE,
        "name every rule, condition and deadline rule_id in the county's own namespace, county.CODE.… "
        "(or one of no namespace): never city.… nor another county's county.OTHER.…",
    ),
    (
        _MAX_POINTS,
        "give max_points a finite number of points, not below 0 (a Decimal, an int or a float; never "
        "NaN, a bool or text): the most the rule may award, e.g. read with PARAMS.number(name, day)",
    ),
    (
        _NOT_AWARD,
        "a rule's score returns Award(points, reason, evidence, params) or None (no item): never a bool, "
        "a number or a tuple on its own, e.g. return Award(3, '参加座谈会3次', ids) (docs/hooks.md)",
    ),
    (
        _NOT_SEQUENCE,
        "return a list of them, even of one ([Rule(...)]), or [] for none (docs/hooks.md)",
    ),
    (
        re.compile(r"\bunsupported operand type\(s\) for \S+: '(?:decimal\.Decimal|float)'"),
        "keep points exact: PARAMS.number(name, day) gives a Decimal, which does not mix with a float; "
        "compute with Decimal and int (Decimal('0.5'), not 0.5; Decimal(str(x)) for a float you were given), "
        "and pass Award a Decimal or an int",
    ),
    (
        _ABSURD,
        "give Award a finite number of points (a Decimal, an int or a float; never NaN, a bool or text), "
        "at most 1000000 either way, e.g. Decimal(n) or PARAMS.number(name, day) * n",
    ),
    (
        _AWARD_POINTS,
        "give Award a finite number of points (a Decimal, an int or a float; never NaN, a bool or text), "
        "at most 1000000 either way, e.g. Decimal(n) or PARAMS.number(name, day) * n",
    ),
    (
        _FOREIGN,
        "cite only records of the point scored (its own contacts, complaints …), of its county or "
        "city-wide ones (a condition: of its county and its points): never another point's or county's "
        "(docs/hooks.md, softenv_extra_point_rules)",
    ),
    (
        _UNKNOWN_ID,
        "cite the ids of records of the dataset the rule was given (c.id for c in ctx.contacts …): "
        "an id it lacks names nothing a reader can look up; an id of another dataset is most often an "
        "answer kept between calls (a module-level cache keyed on point ids): keep none, work it out "
        "from ctx on each call",
    ),
    (
        _REASON,
        "give a reason: visible text of at most 5000 characters saying why (for a Failure too), "
        "never empty, invisible characters only, or text with a broken \\u escape",
    ),
    (_OFFSET, OFFSET_FIX),
    (_MOVED_BACK, MOVED_BACK_FIX),
    (_DEADLINE_FIELD, DEADLINE_FIX),
    (_SLA_MEMBER, SLA_MEMBER_FIX),
    (
        _SLA_KIND,
        "key the resolve limits by a complaint kind's value, as ComplaintKind gives them (complaint, "
        "report, suggestion): {ComplaintKind.SUGGESTION.value: 5, …}, never a name typed by hand",
    ),
    (
        _words(EVIDENCE_TEXT),
        "give evidence as a list or tuple of record ids, one record's as [c.id]: Award(1, reason, [c.id]), "
        "Failure(reason, [c.id]); text given alone would be read as its characters",
    ),
    (_words("has no order"), "give evidence and params as a tuple or list in a fixed order: sorted(ids), not a set"),
    (
        _words("field params["),
        "cite the county's own figures (load_parameters, county.CODE.…) and the city's as "
        "ctx.params.get(name, day) gives them; never a ParamValue made by hand under a city "
        "parameter's name or another county's",
    ),
    (
        re.compile(r"beyond its max_points|max_points:"),
        "cap the award at the rule's max_points (min(points, cap)), or raise max_points if the policy allows",
    ),
    (
        re.compile(r"field evidence(?:\[\d+\])?: \S+ \S+: (?:.* is cited again|\d+ record ids: at most)"),
        "cite each record once, gathered outside any loop over months: sorted({c.id for c in ctx.contacts if …})",
    ),
    (_words("field evidence"), "put record ids in evidence ([c.id for c in contacts]), never the records themselves"),
    (
        _words("expected Failure"),
        "a condition returns Failure(reason, evidence) to disqualify, or None; never a bool or text",
    ),
    (
        _EDITED,
        "never change what the plugin is given (records, parameters, the dataset's indexes): build new "
        "values of your own (attrs.evolve(record, ...), dict(value), list(value))",
    ),
    (
        _NO_DATES,
        "give every Rule and Condition effective_from=date(…), the day the county's policy is in force "
        "from (effective_until= the last day, when it ends): a rule applies to the years its period "
        "overlaps (docs/hooks.md, Values plugins use)",
    ),
    (
        _CONDITION_REPLACES,
        "a 十佳 condition cannot replace or relax the city's: a county's conditions are added to the city's "
        "and can only disqualify (docs/hooks.md, softenv_topten_conditions); only a point rule replaces a "
        "replaceable city rule (Rule(replaces=label))",
    ),
    (
        _VALUE_FIELDS,
        "make Rule and Condition with the fields docs/hooks.md lists (Values plugins use): Rule(id, label, "
        "title_zh, title_en, reference, score, max_points, effective_from, …), Condition(id, title_zh, "
        "title_en, reference, check, effective_from, …)",
    ),
    (_RAISED, "the rule raised: handle the case it tripped on (an empty month, a point without contacts)"),
    (
        _HOOK_RAISED,
        "the hook raised: it must answer every county, month and year it is asked (None to leave it to the city)",
    ),
)


def _parameter_fix(name: str, message: str) -> str:
    """The fix for a parameter named ``name`` the plugin read wrongly or could not find."""
    if "ParameterUnknown" in message and not name.startswith("county."):
        return (  # a name not even the city defines (errors.own_parameter_fault)
            f"no city parameter is named {name}: correct the name (the city's parameters are listed in "
            "docs/rules.md, All parameters), or define the county's own figure under county.CODE.… in the "
            "plugin's parameters.json"
        )
    if "ParameterUnknown" in message:  # a name its own file lacks
        return (
            f"no parameter is named {name}: correct the name the plugin reads, or define it in the "
            "plugin's parameters.json"
        )
    if "ParameterMissing" in message and name.startswith("county."):  # a day before its first value
        return (
            f"parameter {name} does not hold what the plugin reads: no value in force on the day it "
            "reads it; correct the effective_from of its values in the plugin's parameters.json (the "
            "day the county's policy took effect), or read it only from that day (return None before "
            "it, as the rule's effective_from says)"
        )
    return (
        f"parameter {name} does not hold what the plugin reads: correct its value (or its name) in the "
        "plugin's parameters.json, or read it with the reader for its kind (.whole(), .number(), .text(), "
        ".texts(), .boolean(), .mapping(), .whole_by_key(), .number_by_key(): docs/hooks.md, Values plugins use)"
    )


def fix_for(message: str) -> str:
    """The fix for an engine message, read from its words (field names, the engine's phrases),
    never from words a rule's id or a plugin's text may hold."""
    message = engine_words(message)
    parameter = _PARAMETER.search(message)
    if parameter is not None:
        return _parameter_fix(parameter.group(1) or parameter.group(2), message)
    subclass = subclass_fix(message)
    if subclass is not None:  # before the fixes by field: the field's value was right but for its class
        return subclass
    for pattern, fix in _FIXES:
        if pattern.search(message):
            return fix
    return "return the type the hook's signature names (docs/hooks.md)"


__all__ = [
    "DEADLINE_FIX",
    "MOVED_BACK_FIX",
    "OFFSET_FIX",
    "PART_YEAR_FIX",
    "SLA_MEMBER_FIX",
    "SUBCLASS_FIXES",
    "TIME_LIMIT_FIX",
    "TWO_ANSWERS",
    "TWO_ANSWERS_FIX",
    "deadline_fix",
    "engine_words",
    "fix_for",
    "subclass_fix",
]
