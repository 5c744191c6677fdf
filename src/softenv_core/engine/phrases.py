"""A reason or label the library writes in Chinese, with its English beside it, so an English
document can say it (``softenv assess --lang en`` printed ``2025-07 未报``).

Results hold the Chinese (their JSON is the same in every language), so a rule writes
``LATE_MONTH(month=…, days=…)`` and an English document reads the Chinese back with the very
template that wrote it (:func:`said_en`): the two wordings live side by side, on one
:class:`Phrase`, and cannot drift apart. A field's value is said in English in turn (a nested
phrase, a band or month state, a ``、`` list, a full-width bracket); a text no phrase knows is
left as written (a plugin's reason, a record's words).

A phrase holds no top-level ``；``: a reason of several parts joins phrases with ``；``, and
:func:`said_en` reads it part by part (``; `` between them in English)."""

from __future__ import annotations

import re
import string
from functools import cache
from typing import Any

import attrs

from softenv_core.engine.states import Band, MonthState
from softenv_core.model.appraisals import RaterGroup
from softenv_core.model.reports import ItemCategory

#: Every phrase made, in the order made (a module's phrases are known once it is imported).
_ALL: list[Phrase] = []

#: A Chinese character or full-width punctuation: a text without one needs no English.
_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”]")


#: A field's shapes (:attr:`Phrase.shapes`): a value the library writes from a number, a month,
#: a day or a record's id. A shaped field reads only such a value, so that one phrase does not
#: read another's text (a finding's time, then the year it counts in) and matching stays linear:
#: lazy ``.*?`` fields with literals between them backtrack polynomially on a text that repeats
#: the literals (x75 07: 962 characters took 3 s).
NUMBER = r"-?\d+(?:\.\d+)?"
MONTH = r"\d{4}-\d{2}"
DAY = r"\d{4}-\d{2}-\d{2}"
#: A record's id as the library names it (Q-2025-0031, RC-P-379921-2): no space or separator.
ID = r"[^\s（）、，；：]+"

#: A field's shape when its phrase gives none, by its name: these names hold the same kind of
#: value in every phrase (``first``, ``last`` and ``days`` do not: a phrase shapes them itself).
_SHAPE_OF: dict[str, str] = dict.fromkeys(
    (
        "n", "n_active", "n_reached", "taken", "owed", "expected", "valid", "least", "year", "shown",
        "w", "s", "c", "b", "v", "points", "full", "deduction", "raw", "floor", "cap", "extra", "total",
    ),
    NUMBER,
) | {"month": MONTH, "received": MONTH} | dict.fromkeys(
    ("on", "effective", "start", "end", "at", "withdrawn", "since", "until"), DAY
)  # fmt: skip

#: How deep a field's value is read as phrases in turn (a finding in a count in a reason is 3):
#: a value nested deeper is shown as written, not read without bound (x75 01: RecursionError).
_DEPTH = 8


@attrs.frozen
class Phrase:
    """A sentence in Chinese (``zh``) and English (``en``), both :meth:`str.format` templates
    over the same named fields (English may leave one out)."""

    zh: str
    en: str
    #: Fields whose value must be a known term (:func:`term`) for the phrase to read a text:
    #: so that a phrase as loose as ``{title}：{reason}`` reads only what it wrote.
    known: tuple[str, ...] = ()
    #: Tried after every other phrase: one that would read another's text too (a span's ``至``).
    loose: bool = False
    #: Fields whose value is a list joined by a separator (``" + "``): each item said in turn.
    joins: tuple[tuple[str, str], ...] = ()
    #: Fields matched by a pattern of their own (:data:`DAY`), over the default by name
    #: (``_SHAPE_OF``); a field of neither reads any text, as little as it can.
    shapes: tuple[tuple[str, str], ...] = ()
    #: Fields holding a record's words (a department's name, a suggestion's text): shown as
    #: written in English, never read as phrases (docs/assessment-format.md).
    verbatim: tuple[str, ...] = ()
    #: Fields a caller may leave out: empty then (words the library adds after a record's).
    optional: tuple[str, ...] = ()
    #: The Chinese's format_map, bound once: a province's assessment says 240,000 phrases (eight a
    #: point), and the call's own cost came to a tenth of the assessment.
    _format: Any = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        _ALL.append(self)
        object.__setattr__(self, "_format", self.zh.format_map)

    def __call__(self, **fields: object) -> str:
        """The Chinese, as a result holds it."""
        if self.optional:
            fields = dict.fromkeys(self.optional, "") | fields
        return self._format(fields)  # type: ignore[no-any-return]

    def pattern(self) -> str:
        """The Chinese as a pattern without groups (each field its shape), to shape a field of
        another phrase that holds this one's text."""
        shaped = _SHAPE_OF | dict(self.shapes)
        return "".join(
            re.escape(literal) + ("" if field is None else f"(?:{shaped.get(field, '.*?')})")
            for literal, field, _, _ in string.Formatter().parse(self.zh)
        )

    def english(self, text: str) -> str | None:
        """``text`` in English when this phrase wrote it, else None."""
        return self._english(text, 0)

    def _english(self, text: str, depth: int) -> str | None:
        pattern, literals = _pattern(self.zh, self.shapes)
        at = 0
        for literal in literals:  # cheap: most phrases are not the text's, and a literal says so
            at = text.find(literal, at)
            if at < 0:
                return None
            at += len(literal)
        found = pattern.fullmatch(text)
        if found is None or any(found[k] not in _TERMS for k in self.known):
            return None
        joins = dict(self.joins)
        said = {
            k: v
            if k in self.verbatim
            else joins[k].join(_value_en(x, depth) for x in v.split(joins[k]))
            if k in joins
            else _value_en(v, depth)
            for k, v in found.groupdict().items()
        }
        return self.en.format(**said)


@cache
def _pattern(zh: str, shapes: tuple[tuple[str, str], ...] = ()) -> tuple[re.Pattern[str], tuple[str, ...]]:
    """The Chinese template as a pattern, a group per field (a repeated field must repeat), and
    its literals in order."""
    out, seen, literals = [], set(), []
    shaped = _SHAPE_OF | dict(shapes)
    for literal, field, _, _ in string.Formatter().parse(zh):
        out.append(re.escape(literal))
        literals += [literal] if literal else []
        if field is None:
            continue
        out.append(f"(?P={field})" if field in seen else f"(?P<{field}>{shaped.get(field, '.*?')})")
        seen.add(field)
    return re.compile("".join(out), re.S), tuple(literals)


def _literal_length(phrase: Phrase) -> int:
    return sum(len(x) for x in _pattern(phrase.zh, phrase.shapes)[1])


@cache
def _ordered(made: int) -> tuple[Phrase, ...]:
    """The ``made`` phrases known, in the order tried: the one with more words of its own first,
    so that a phrase is tried before a shorter one that reads its text too (FINDING before
    FINDING_OTHER_YEAR read ``…，计入2026年`` as its time, x75 04), a loose one last."""
    return tuple(sorted(_ALL[:made], key=lambda p: (p.loose, -_literal_length(p))))


#: A field's whole value that is a programme term, in English: a band beside its Chinese, as
#: the documents print it (``pass (合格)``), a month's state, a condition's title (:func:`term`).
_TERMS: dict[str, str] = {b.zh: f"{b.value} ({b.zh})" for b in Band} | {
    m.zh: str(m.value).replace("_", " ") for m in MonthState
}
_TERMS |= {"无": "none", "满足": "met"}
#: A matter's category as a research topic's title names it (analyses.research_topics).
_TERMS |= {c.zh: c.value for c in ItemCategory} | {
    ItemCategory.DIFFICULTY.zh: "difficulties",
    ItemCategory.POLICY.zh: "policy requests",
    ItemCategory.SERVICE.zh: "department service",
}
#: A rater group as the appraisal's formula names it (analyses.appraisal_scores).
_TERMS |= {
    RaterGroup.POINT.zh: "point enterprises",
    RaterGroup.ENTERPRISE.zh: "other enterprises",
    RaterGroup.DEPUTY.zh: "deputies and CPPCC members",
    RaterGroup.CITIZEN.zh: "the public",
    RaterGroup.SUPERVISOR.zh: "conduct supervisors",
}


def term(zh: str, en: str) -> None:
    """Say ``zh`` (a whole value, e.g. a condition's title) as ``en`` in English documents."""
    _TERMS.setdefault(zh, en)


def _top_parts(text: str, sep: str) -> list[str]:
    """``text`` split at ``sep`` outside full-width brackets."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        depth += {"（": 1, "）": -1}.get(ch, 0)
        if ch == sep and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    return [*parts, text[start:]]


def _value_en(value: str, depth: int) -> str:
    """A field's value in English: bracketed, a term, a phrase, a list, else as written."""
    if depth >= _DEPTH or not _CJK.search(value):
        return value
    if value.startswith("（") and value.endswith("）"):
        return f" ({_said(value[1:-1], depth + 1, within=True)})"
    return _said(value, depth + 1, within=True)


def _part_en(part: str, depth: int, within: bool) -> str:
    """One part of a text (no top-level ``；``) in English, or as written. ``within`` a field a
    phrase wrote, a part may be a list (``、``) or a fact and its details in brackets; a text no
    phrase wrote (a plugin's reason) is shown as written, not split (x75 06, r66 02)."""
    if part in _TERMS:
        return _TERMS[part]
    for phrase in _ordered(len(_ALL)):
        if (en := phrase._english(part, depth)) is not None:
            return en
    if not within:
        return part
    items = _top_parts(part, "、")
    if len(items) > 1:
        return ", ".join(_value_en(i, depth) for i in items)
    bracketed = re.fullmatch(r"(.*?)（(.*)）", part, re.S)  # a fact and its details: 2025-04（C-1 由 … 记录）
    if bracketed is not None and depth < _DEPTH:
        said = f"{_value_en(bracketed[1], depth)} ({_said(bracketed[2], depth + 1, within=True)})"
        return said if said != part else part
    return part


def _said(text: str, depth: int, within: bool) -> str:
    if not _CJK.search(text):
        return text
    parts = _top_parts(text, "；")
    said = []
    for i, part in enumerate(parts):
        # A record's words may hold a ``；`` (a suggestion's text, last in its phrase): a phrase
        # with such a field reads the rest whole before it is split (x75 02).
        rest = "；".join(parts[i:]) if i < len(parts) - 1 else None
        if rest is not None and (en := _verbatim_en(rest, depth)) is not None:
            said.append(en)
            break
        said.append(_part_en(part, depth, within))
    return "; ".join(said) if said != parts else text


def _verbatim_en(text: str, depth: int) -> str | None:
    for phrase in _ordered(len(_ALL)):
        if phrase.verbatim and (en := phrase._english(text, depth)) is not None:
            return en
    return None


def said_en(text: str) -> str:
    """``text``, written by a :class:`Phrase` (or several joined by ``；``), in English; a part
    no phrase wrote stays as written (a plugin's reason, a record's words)."""
    return _said(text, 0, within=False)


def facts_en(text: str) -> str:
    """``text``, which the library wrote whole from its facts (a late report's working days,
    ``10-10、10-11（调休上班）``), in English: read as a phrase's field is, a ``、`` list and a
    bracket too."""
    return _said(text, 0, within=True)


#: A span of days as model.periods.span_zh writes it (the model sits below this layer).
SPAN_OPEN = Phrase("{since} 至今", "{since} to date", loose=True)
SPAN = Phrase("{since} 至 {until}", "{since} to {until}", loose=True)

__all__ = ["DAY", "ID", "MONTH", "NUMBER", "SPAN", "SPAN_OPEN", "Phrase", "facts_en", "said_en", "term"]
