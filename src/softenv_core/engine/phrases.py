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

import attrs

from softenv_core.engine.states import Band, MonthState
from softenv_core.model.appraisals import RaterGroup
from softenv_core.model.reports import ItemCategory

#: Every phrase made, in the order made (a module's phrases are known once it is imported).
_ALL: list[Phrase] = []

#: A Chinese character or full-width punctuation: a text without one needs no English.
_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”]")


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
    #: Fields matched by a pattern of their own (a day: ``\d{4}-\d{2}-\d{2}``), where two
    #: fields meet with nothing between them.
    shapes: tuple[tuple[str, str], ...] = ()

    def __attrs_post_init__(self) -> None:
        _ALL.append(self)

    def __call__(self, **fields: object) -> str:
        """The Chinese, as a result holds it."""
        return self.zh.format(**fields)

    def english(self, text: str) -> str | None:
        """``text`` in English when this phrase wrote it, else None."""
        found = _pattern(self.zh, self.shapes).fullmatch(text)
        if found is None or any(found[k] not in _TERMS for k in self.known):
            return None
        joins = dict(self.joins)
        said = {
            k: joins[k].join(_value_en(x) for x in v.split(joins[k])) if k in joins else _value_en(v)
            for k, v in found.groupdict().items()
        }
        return self.en.format(**said)


@cache
def _pattern(zh: str, shapes: tuple[tuple[str, str], ...] = ()) -> re.Pattern[str]:
    """The Chinese template as a pattern, a group per field (a repeated field must repeat)."""
    out, seen = [], set()
    for literal, field, _, _ in string.Formatter().parse(zh):
        out.append(re.escape(literal))
        if field is None:
            continue
        out.append(f"(?P={field})" if field in seen else f"(?P<{field}>{dict(shapes).get(field, '.*?')})")
        seen.add(field)
    return re.compile("".join(out), re.S)


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


def _terms() -> dict[str, str]:
    return _TERMS


def _top_parts(text: str, sep: str) -> list[str]:
    """``text`` split at ``sep`` outside full-width brackets."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        depth += {"（": 1, "）": -1}.get(ch, 0)
        if ch == sep and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    return [*parts, text[start:]]


def _value_en(value: str) -> str:
    """A field's value in English: bracketed, a term, a list, a phrase, else as written."""
    if not _CJK.search(value):
        return value
    if value.startswith("（") and value.endswith("）"):
        return f" ({said_en(value[1:-1])})"
    return said_en(value)


def _part_en(part: str) -> str:
    """One part of a reason (no top-level ``；``) in English, or as written."""
    if part in _terms():
        return _terms()[part]
    for phrase in sorted(_ALL, key=lambda p: p.loose):
        if (en := phrase.english(part)) is not None:
            return en
    items = _top_parts(part, "、")
    if len(items) > 1:
        return ", ".join(_value_en(i) for i in items)
    bracketed = re.fullmatch(r"(.*?)（(.*)）", part, re.S)  # a fact and its details: 2025-04（C-1 由 … 记录）
    if bracketed is not None and (said := f"{_value_en(bracketed[1])} ({said_en(bracketed[2])})") != part:
        return said
    return part


def said_en(text: str) -> str:
    """``text``, written by a :class:`Phrase` (or several joined by ``；``), in English; a part
    no phrase wrote stays as written."""
    if not _CJK.search(text):
        return text
    parts = _top_parts(text, "；")
    said = [_part_en(p) for p in parts]
    return "; ".join(said) if said != parts else text


#: A span of days as model.periods.span_zh writes it (the model sits below this layer).
SPAN_OPEN = Phrase("{since} 至今", "{since} to date", loose=True)
SPAN = Phrase("{since} 至 {until}", "{since} to {until}", loose=True)

__all__ = ["SPAN", "SPAN_OPEN", "Phrase", "said_en", "term"]
