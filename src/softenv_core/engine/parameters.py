"""Dated rule parameters (参数), each with the clause or policy it comes from.

Parameters are data, keyed by the date from which each value is in force (as in OpenFisca);
a parameter asked for at a date before its first value raises ParameterMissing rather than
guessing. Files are read through the one converter.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal
from difflib import get_close_matches
from functools import lru_cache
from importlib import resources
from types import MappingProxyType
from typing import Any

from attrs import evolve, field, frozen

from softenv_core._validators import argument, optional_text, text, to_tuple
from softenv_core.engine.frozen import deep_freeze
from softenv_core.engine.parameter_values import value_problem
from softenv_core.engine.trace import ParamValue, exact_number, json_value
from softenv_core.errors import (
    FieldInvalid,
    InputError,
    InputProblem,
    ParameterMissing,
    ParameterUnknown,
    PluginError,
    SoftenvError,
)
from softenv_core.io.converter import parse_json, shared_converter
from softenv_core.io.structure_problems import structure_one
from softenv_core.model.periods import require_day

PARAMETERS_SCHEMA = "softenv.parameters"
#: A parameter's name as a problem's path shows it beside the position (InputProblem's record id).
_SHOWN_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}")


@frozen
class DatedValue:
    """A parameter (参数) value in force from a date (until the next value's date).

    The value is frozen here, at construction, whatever its source (the city's files, a
    county's, Python): the parameter sets are shared by every analysis and plugin of the
    process, so a list or mapping edited in place would change the policy for all of them.
    """

    effective_from: date
    # Checked here, not only by the ParamValue each value becomes: a file's bad value is then
    # named at its own path, $.parameters[i].values[j].value (p36: it was $.parameters[i].value).
    value: Any = field(converter=deep_freeze, validator=json_value)
    #: The document this value comes from, when not the parameter's own (a later decision that
    #: changed the number: 市软建办〔2025〕12号). A figure worked out with this value cites it.
    reference: str | None = field(default=None, validator=optional_text(1000))
    #: That document in Chinese (依据), for documents to officials; only beside ``reference``
    #: (alone it would cite in Chinese a document the English does not name).
    reference_zh: str | None = field(default=None, validator=optional_text(1000))

    def __attrs_post_init__(self) -> None:
        if self.reference_zh is not None and self.reference is None:
            raise FieldInvalid(
                "reference_zh",
                f"the value from {self.effective_from} has a reference_zh but no reference: "
                "give the document it comes from as reference too, or neither (the parameter's own applies)",
            )


def _kind(value: object) -> str:
    """What a parameter value is, as a reader reads it (ParamValue.whole/number, text, …)."""
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    return "a mapping" if isinstance(value, Mapping) else "a list"


@frozen
class Parameter:
    """A named parameter with its dated values and its reference (the document its first value,
    and every later value without a reference of its own, comes from)."""

    name: str = field(validator=text(100))
    reference: str = field(validator=text(1000))
    description: str = ""
    unit: str = ""
    values: tuple[DatedValue, ...] = ()
    #: Its name in Chinese, for documents to officials (每月应履职的最少在册工作日数): they read
    #: the title, never the identifier (duty.min_workdays_in_month), which stays for the technical
    #: texts (explanations, JSON, --lang en). Every city parameter has one.
    title: str = ""
    #: ``reference`` in Chinese (依据): what documents to officials cite (every city parameter
    #: has one; without it they show ``reference``).
    reference_zh: str | None = field(default=None, validator=optional_text(1000))
    # Each value's trace and exact number, made once: an assessment asks the same few
    # questions for every point (270,000 times in a province). Immutable, so safe to share
    # between threads (no cache is filled while answering).
    _answers: tuple[tuple[date, ParamValue, Decimal | None], ...] = field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        dates = [v.effective_from for v in self.values]
        if not dates:
            raise FieldInvalid("values", f"parameter {self.name!r} has no values")
        if dates != sorted(set(dates)):
            raise FieldInvalid("values", f"parameter {self.name!r}: values must be in increasing date order, once each")
        for v in self.values:
            # JSON's values, as ParamData types them: a switch (true/false) too (plugin author
            # p32 6f: a county's boolean was refused though a rule's reader admits it). Not null:
            # a parameter in force has a value (a rule ends with its effective_until).
            if v.value is None:
                raise FieldInvalid(
                    "values",
                    f"parameter {self.name!r}: the value from {v.effective_from} is null; a parameter in force "
                    "has a value (to end a rule, give the rule an effective_until)",
                )
            if not isinstance(v.value, bool | int | float | str | dict | list):
                raise FieldInvalid("values", f"parameter {self.name!r}: unsupported value {v.value!r:.80}")
            problem = value_problem(self.name, v.value)
            if problem is not None:  # a value no reader could match (integrator i53 02)
                raise FieldInvalid("values", f"parameter {self.name!r}: the value from {v.effective_from} {problem}")
        # One kind for every dated value: a rule reads a parameter with one reader, and a switch
        # written `false` then `"true"` failed only on the day a rule read the later value
        # (plugin author p33). Whole numbers and fractions are one kind (a number).
        kinds = [(_kind(v.value), v.effective_from) for v in self.values]
        if len({k for k, _ in kinds}) > 1:
            shown = ", ".join(f"{k} from {d}" for k, d in kinds)
            raise FieldInvalid("values", f"parameter {self.name!r}: its values are of different kinds ({shown})")
        answers = tuple(
            (
                v.effective_from,
                # A value citing its own document cites its Chinese too (none: its reference).
                ParamValue(
                    self.name,
                    v.value,
                    v.effective_from,
                    v.reference or self.reference,
                    v.reference_zh if v.reference else self.reference_zh,
                ),
                exact_number(v.value),
            )
            for v in self.values
        )
        object.__setattr__(self, "_answers", answers)

    def _answer(self, day: date) -> tuple[date, ParamValue, Decimal | None]:
        found = None
        for answer in self._answers:
            if answer[0] > day:
                break
            found = answer
        if found is None:
            raise ParameterMissing(self.name, day, self._answers[0][0] if self._answers else None)
        return found

    def at(self, day: date) -> ParamValue:
        """The value in force on ``day``, traced; ParameterMissing before the first value."""
        return self._answer(day)[1]


@frozen
class ParameterSet:
    """Parameters by name; ``get(name, day)`` gives the value in force that day, traced."""

    parameters: tuple[Parameter, ...] = field(converter=to_tuple)
    #: A county's own set (``load_parameters``): every name asked is one its plugin wrote, so
    #: ``in_force`` of a name it lacks is a misspelt name (ParameterUnknown), never False.
    strict: bool = field(default=False, kw_only=True)
    _by_name: Mapping[str, Parameter] = field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        names = [p.name for p in self.parameters]
        dup = sorted({n for n in names if names.count(n) > 1})
        if dup:
            raise FieldInvalid("parameters", f"parameters defined twice: {', '.join(dup)}")
        # Read-only view: a plugin given the parameters cannot change them for other counties.
        object.__setattr__(self, "_by_name", MappingProxyType({p.name: p for p in self.parameters}))

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled (and deep-copied) as what made it, its read-only index built again: a set
        # passed to a process pool's analysis raised "cannot pickle 'mappingproxy' object" (i40).
        return (_parameter_set, (self.parameters, self.strict))

    def get(self, name: str, day: date) -> ParamValue:
        try:  # caught, not checked first: rules ask for parameters at every point and month
            param = self._by_name.get(name)
            if param is None:
                raise _unknown(name, day, self._by_name)
            return param.at(day)
        except SoftenvError:
            raise
        except (TypeError, AttributeError):
            _refuse_arguments(name, day)
            raise

    def title(self, name: str) -> str:
        """The parameter's Chinese title, or its name when it has none (a county's, say)."""
        param = self._named(name)
        return param.title if param is not None and param.title else name

    def has(self, name: str) -> bool:
        """Whether the set has a parameter named ``name`` (at any date)."""
        return self._named(name) is not None

    def in_force(self, name: str, day: date) -> bool:
        """Whether ``name`` has a value on ``day`` (the question "is the policy in force?"); in a
        county's own set (``strict``), ParameterUnknown for a name it lacks: a misspelt name
        answered False, and the county's policy silently never applied (plugin author p33)."""
        param = self._named(name)
        if param is None and self.strict:
            raise _unknown(name, day, self._by_name)
        try:
            return param is not None and param.values[0].effective_from <= day
        except TypeError:
            _refuse_arguments(name, day)
            raise

    def since(self, name: str) -> date:
        """The first day ``name`` is in force; ParameterMissing when there is no such parameter."""
        param = self._named(name)
        if param is None:
            raise _unknown(name, date.min, self._by_name)
        return param.values[0].effective_from

    def number(self, name: str, day: date) -> tuple[Decimal, ParamValue]:
        """A numeric parameter as an exact Decimal, with its trace; ParameterMissing when it has no
        value on ``day``, FieldInvalid when the value then is not a number (text, a list)."""
        try:  # not _named(): rules ask for numbers at every point (the name checked only on a miss)
            param = self._by_name.get(name)
        except TypeError:  # unhashable: no name
            param = None
        if param is None:
            _require_name(name)
            raise _unknown(name, day, self._by_name)
        try:
            _, pv, number = param._answer(day)
        except TypeError:
            _refuse_arguments(name, day)
            raise
        if number is None:  # it has a value: calling it missing blamed the data, not the caller
            raise FieldInvalid(
                name,
                f"the value in force on {day.isoformat()} ({pv.value!r:.80}, from {pv.effective_from}) is not a number",
            )
        return number, pv

    def merged(self, others: Iterable[Parameter]) -> ParameterSet:
        """This set with ``others`` replacing parameters of the same name."""
        if isinstance(others, ParameterSet | str | bytes) or not isinstance(others, Iterable):
            raise FieldInvalid("others", f"expected Parameter records, got {type(others).__name__} (.parameters)")
        extra = {argument(p, Parameter, "others", "Parameter records").name: p for p in others}
        kept = tuple(p for p in self.parameters if p.name not in extra)
        return ParameterSet(kept + tuple(extra.values()))

    def _named(self, name: str) -> Parameter | None:
        """The parameter ``name``, or None; FieldInvalid naming ``name`` for what is no name."""
        _require_name(name)
        return self._by_name.get(name)


def _require_name(name: object) -> None:
    if not isinstance(name, str):
        raise FieldInvalid("name", f"expected a parameter's name, got {type(name).__name__} {name!r:.40}")


def _refuse_arguments(name: object, day: object) -> None:
    """FieldInvalid naming ``name`` or ``day`` when it is no parameter's name or no date: a
    look-up that failed inside on a wrong argument (nothing when both are right)."""
    _require_name(name)
    require_day(day, "day")  # type: ignore[arg-type]


def parse_parameters(text: str | bytes, source: str = "parameters") -> tuple[Parameter, ...]:
    """Read a parameter file (``{"schema": "softenv.parameters", "parameters": [...]}``) given
    as its text or bytes; anything else (a parsed dict, a path) is FieldInvalid naming ``text``."""
    argument(text, str | bytes, "text", "the file's text or bytes (Path(...).read_bytes())")  # type: ignore[arg-type]
    argument(source, str, "source", "a name for the messages, e.g. the file's")
    doc = parse_json(text, source, exact_numbers=True)  # policy figures: none rounded unsaid
    if not isinstance(doc, dict) or doc.get("schema") != PARAMETERS_SCHEMA:
        raise InputError([f"$.schema: expected {PARAMETERS_SCHEMA!r}"], source)
    conv = shared_converter()
    out: list[Parameter] = []
    problems: list[InputProblem] = []
    for i, raw in enumerate(doc.get("parameters", [])):
        param, errs = structure_one(conv, raw, Parameter, f"$.parameters[{i}]")
        # Where and which: "$.parameters[3] (county.379903.extra.cap).values[0].effective_from",
        # as a dataset's problem names its record (p38: the position alone sent the author
        # counting entries in the file).
        name = raw.get("name") if isinstance(raw, dict) else None
        named = name if isinstance(name, str) and _SHOWN_NAME.fullmatch(name) else None
        problems += [evolve(found, record_id=named) for found in map(InputProblem.from_text, errs)]
        if param is not None:
            out.append(param)
    if problems:
        raise InputError(problems, source)
    return tuple(out)


def _parameter_set(parameters: tuple[Parameter, ...], strict: bool) -> ParameterSet:
    """A ParameterSet as pickled (ParameterSet.__reduce__): ``strict`` is keyword-only."""
    return ParameterSet(parameters, strict=strict)


def _unknown(name: str, day: date, names: Iterable[str]) -> ParameterUnknown:
    """The error for a name the set asked does not have (its own ``names``), saying whether
    the city baseline defines it (a caller's own set without it: missing data; else a misspelt
    name) and the nearest name the set or the city has, when one is near (plugin author p33:
    "a misspelt name?" left the author to find which)."""
    city = baseline_parameters()
    near = get_close_matches(name, sorted({*names, *city._by_name}), n=1, cutoff=0.8) if isinstance(name, str) else []
    return ParameterUnknown(name, day, city_defines=city.has(name), near=near[0] if near else None)


@lru_cache(maxsize=1)
def baseline_parameters() -> ParameterSet:
    """The city baseline's parameters (version 2022-03-01), from the files shipped in the package."""
    folder = resources.files("softenv_core.rules.city") / "parameters"
    params: list[Parameter] = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".json"):
            params += parse_parameters(entry.read_bytes(), f"softenv_core/rules/city/parameters/{entry.name}")
    return ParameterSet(tuple(params))


def check_file_prefixes(files: Mapping[str, Iterable[Parameter]]) -> list[str]:
    """Problems where a parameter sits in a file not named by its prefix (``compliance.*`` in compliance.json)."""
    problems = []
    for file_name, params in sorted(files.items()):
        stem = file_name.rsplit("/", 1)[-1].removesuffix(".json")
        for p in params:
            if p.name.split(".", 1)[0] != stem:
                problems.append(f"{file_name}: parameter {p.name!r} belongs in {p.name.split('.', 1)[0]}.json")
    return problems


# City figures that are a bound for a county: a county's own version (county.CODE.report.due_day)
# may be stricter (smaller), never laxer. A county's Nth working day (county.CODE.report.workdays,
# docs/writing-a-county-plugin.md §3) is bounded by the city's due day too: a 6th working day is
# after the city's 5th in every month, so the guide's hook returned None all year, silently (p47).
COUNTY_AT_MOST = {"report.due_day": "report.due_day", "report.workdays": "report.due_day"}


def _bound_problem(name: str, v: DatedValue, bound: str, city: ParameterSet) -> str | None:
    """Why a county's value of a city bound (a due day) is refused, or None.

    The kind first: text "3" is a type slip, not a relaxation, and 0 or 3.5 is no day of a
    month (3.5 would be cut to the 3rd by int() while the explanation cited 3.5). Then the
    bound: a county may only be stricter than the city's figure in force that day.
    """
    shown = f"{name!r} = {v.value!r} from {v.effective_from}"
    if isinstance(v.value, bool) or not isinstance(v.value, int):
        kind = "text" if isinstance(v.value, str) else type(v.value).__name__
        return f"{shown}: expected a whole number of days (e.g. 3), got {kind}"
    if v.value < 1:
        return f"{shown}: a day of the month is 1 or more"
    if not city.in_force(bound, v.effective_from):
        return None
    limit = city.get(bound, v.effective_from).value
    cap = exact_number(limit)
    if cap is None or v.value > cap:
        return f"{shown} relaxes the city's {bound} ({limit}): a county may only be stricter, {bound} ≤ {limit}"
    return None


def county_parameters(
    params: Iterable[Parameter], namespace: str, source: str = "parameters", city: ParameterSet | None = None
) -> ParameterSet:
    """A county plugin's own parameters, checked: each named under ``namespace`` (``county.379921``
    or the plugin's name) and none shadowing a city parameter (PluginError naming ``source``); a
    county's version of a city bound (``report.due_day``) a whole number from 1 up to the city's.

    A county figure lives beside the city's, never in place of it: a county's parameter named
    like the city's would change what every other county's explanation cites.
    """
    city = baseline_parameters() if city is None else city
    city_names = {p.name for p in city.parameters}
    prefix = namespace.rstrip(".") + "."
    problems = []
    out = tuple(params)
    names = [p.name for p in out]
    for twice in sorted({n for n in names if names.count(n) > 1}):  # a copied entry not renamed (p37)
        where = ", ".join(f"$.parameters[{i}]" for i, n in enumerate(names) if n == twice)
        problems.append(
            f"{twice!r} is defined twice ({where}): rename one, or give it one entry with several dated values"
        )
    # Each problem says where (the entry's position in the file) and which (its name): p38.
    for i, p in enumerate(out):
        at = f"$.parameters[{i}]"
        if p.name in city_names:
            problems.append(f"{at}: {p.name!r} is a city parameter: a county cannot shadow it; name it {prefix}…")
        elif not p.name.startswith(prefix):
            problems.append(f"{at}: {p.name!r} is outside the county's namespace: name it {prefix}{p.name}")
        elif (bound := COUNTY_AT_MOST.get(p.name.removeprefix(prefix))) is not None:
            problems += [
                f"{at}.values[{j}]: {x}"
                for j, v in enumerate(p.values)
                if (x := _bound_problem(p.name, v, bound, city)) is not None
            ]
    if problems:
        raise PluginError(source, None, "; ".join(problems))
    return ParameterSet(out, strict=True)


def load_parameters(package: str, file_name: str = "parameters.json", *, namespace: str) -> ParameterSet:
    """A plugin's dated parameters from the file ``file_name`` shipped in ``package``.

    The same dated machinery as the city's (values by effective date, each with its reference),
    so a county figure carries a ParamValue into its Award and Deadline and explains itself.
    Names must sit under ``namespace``; a clash with a city parameter is a PluginError.

        PARAMS = load_parameters(__name__, "parameters.json", namespace="county.379921")
    """
    source = f"{package}/{file_name}"
    data = (resources.files(package) / file_name).read_bytes()
    return county_parameters(parse_parameters(data, source), namespace, source)


__all__ = [
    "DatedValue",
    "Parameter",
    "ParameterSet",
    "baseline_parameters",
    "check_file_prefixes",
    "county_parameters",
    "load_parameters",
    "parse_parameters",
]
