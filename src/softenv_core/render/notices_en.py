"""The redaction's notices and withheld-content sentences (Chinese, as the redacted results hold
them) as an English document shows them: the summary, the year end, the results workbook and
``softenv explain`` in ``--lang en``. A redacted result keeps its Chinese (its JSON is the same
in every language); the English is said here, from the very functions that write the Chinese,
so the two cannot drift apart. A text no rule here knows is shown as it is (a record's own
words, a rule's reason)."""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from functools import cache

from softenv_core.analyses.audiences import AudienceKind
from softenv_core.analyses.disclosure import HIDDEN_NOTICE
from softenv_core.analyses.redaction import INSUFFICIENT_ZH, scored_alone
from softenv_core.analyses.redaction_notices import (
    CITY_PARTS_EN,
    CITY_PARTS_ZH,
    LABELS_EN,
    MASKED_EN,
    MASKED_ZH,
    city_parts_notice,
    notice_label,
)
from softenv_core.analyses.redaction_plugin import undeclared_reason, withheld_condition, withheld_reason
from softenv_core.analyses.redaction_report import (
    UNCOUNTED_FLAGS,
    WITHHELD_COMPLAINTS,
    no_flags_given,
    unit_rates_withheld,
)
from softenv_core.engine.phrases import said_en

#: The modules whose phrases write the reasons a document may show, imported for their phrases
#: (engine.phrases knows a phrase once its module is loaded: a result read back from JSON has not
#: run the rules and analyses that write them) when English is first asked: a Chinese command
#: never reads them, and `assess` would load the monthly report's and the year end's modules
#: with them (tests/test_cli_imports.py).
_PHRASE_MODULES = (
    "softenv_core.analyses.adjustment_words",
    "softenv_core.analyses.appraisal_scores",
    "softenv_core.analyses.commendation",
    "softenv_core.analyses.removal_words",
    "softenv_core.analyses.research_topics",
    "softenv_core.engine.day_words",
    "softenv_core.rules.city.commendation",
    "softenv_core.rules.city.duty_words",
    "softenv_core.rules.city.topten",
    "softenv_core.rules.city.uncounted",
)


@cache
def english_phrases() -> None:
    """Load every phrase a document may show (once), before saying a reason in English."""
    for name in _PHRASE_MODULES:
        importlib.import_module(name)


#: The redaction's own line, as render.notices reads it (``: `` in older JSON).
_AUDIENCE_LINE = r"^阅读范围 (.+?)(?:: |：)按保密规则 \(privacy\.min_cell = (\d+)\) 编制$"

#: A stand-in for the office while a Chinese sentence is made into a pattern: no office holds it.
_HOLE = "\x00"

#: Each sentence made from the city office's name: its Chinese maker and its English ({office}
#: the name as the dataset writes it).
_OFFICE_SENTENCES: tuple[tuple[Callable[[str], str], str], ...] = (
    (withheld_reason, "the basis of this rule's score involves direct feedback; the details are held by {office}"),
    (
        undeclared_reason,
        "this rule does not declare that it reads no direct feedback; its scoring is explained by {office}",
    ),
    (withheld_condition, "a top-ten condition set by a county plugin is not met; why is held by {office}"),
    (
        no_flags_given,
        "section 7's flags (possible omissions) go to {office} and the county concerned only and are not "
        "given here; none given does not mean none left out",
    ),
    (unit_rates_withheld, "departments' three rates go only to {office} and the department itself"),
)

#: Sentences said whatever the dataset.
_FIXED = {
    WITHHELD_COMPLAINTS: "direct feedback records not listed are given no id and not counted",
    HIDDEN_NOTICE: "a “—” in a table marks a count withheld because it is small or could be worked out from "
    "others, to protect those who report",
    UNCOUNTED_FLAGS: "a flag for a complaint is listed only where the complainant consented to disclosure; one not "
    "listed is not counted",
    INSUFFICIENT_ZH: "too few valid appraisals: not scored",
}


@cache
def _office_patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    """Each office sentence as a pattern whose one group is the office (compiled once, when an
    English document first says one)."""
    out = []
    for make, en in _OFFICE_SENTENCES:
        before, _, after = make(_HOLE).partition(_HOLE)
        out.append((re.compile(f"^{re.escape(before)}(.+){re.escape(after)}$", re.S), en))
    return tuple(out)


@cache
def _labels() -> dict[str, str]:
    """A count notice's Chinese label (office as :data:`_HOLE`) → its English (``{office}``)."""
    out = {f"文字中已遮蔽的{MASKED_ZH[k]}": f"{MASKED_EN[k]} masked in text" for k in MASKED_ZH}
    out |= {notice_label(k, _HOLE): en for k, en in LABELS_EN.items()}
    return out


def _audience_en(zh: str) -> str:
    """An audience as the Chinese line names it (``县区 379902``) as ``softenv`` writes it."""
    for kind in AudienceKind:
        if zh == kind.zh:
            return str(kind.value)
        if zh.startswith(f"{kind.zh} "):
            return f"{kind.value}:{zh.removeprefix(kind.zh + ' ')}"
    return zh


def _label_en(label: str) -> str | None:
    """A count notice's label in English, the office kept as written; None when unknown."""
    labels = _labels()
    if label in labels:
        return labels[label]
    for zh, en in labels.items():
        before, hole, after = zh.partition(_HOLE)
        if hole and label.startswith(before) and label.endswith(after) and len(label) > len(before + after):
            return en.replace("{office}", label[len(before) : len(label) - len(after)])
    return None


def _parts_en(notice: str) -> str | None:
    """The year end's notice of its city-only parts in English (city_parts_notice), else None."""
    found = re.match(r"^(.+?)仅供(.+)，本阅读范围不列（不是没有）$", notice, re.S)
    if found is None:
        return None
    names = {zh: CITY_PARTS_EN[k] for k, zh in CITY_PARTS_ZH.items()}
    for fields in _subsets(list(CITY_PARTS_ZH)):
        if city_parts_notice(fields, found[2]) == notice:
            listed = [names[CITY_PARTS_ZH[f]] for f in fields]
            said = ", ".join(listed[:-1]) + " and " + listed[-1] if len(listed) > 1 else listed[0]
            return f"{said}: for {found[2]} only, not given to this audience (which does not mean there are none)"
    return None


def _subsets(keys: list[str]) -> list[list[str]]:
    """The non-empty ordered subsets of ``keys`` (the parts come in their fields' order)."""
    out: list[list[str]] = [[]]
    for k in keys:
        out += [[*s, k] for s in out]
    return out[1:]


def en_notice(text: str) -> str:
    """A redaction notice, withheld-content sentence or library-written reason ``text`` in
    English (engine.phrases); any other text as it is (a plugin's reason, a record's words, a
    notice already in English)."""
    if text in _FIXED:
        return _FIXED[text]
    found = re.match(_AUDIENCE_LINE, text)
    if found is not None:
        return (
            f"audience {_audience_en(found[1])}: prepared under the privacy rules (privacy.min_cell = {found[2]}; "
            "smaller counts and those that could be worked out from others are withheld)"
        )
    label, colon, count = text.rpartition("：")
    if colon and count.endswith(" 处") and (en := _label_en(label)) is not None:
        return f"{en}: {count.removesuffix(' 处')}"
    for pattern, en in _office_patterns():
        if (office := pattern.match(text)) is not None:
            return en.replace("{office}", office[1])
    if (parts := _parts_en(text)) is not None:
        return parts
    alone = re.match(r"^综合得分 (\S+)；部分评议组人数少于 (\d+)，各组明细与有效评议总数已隐去$", text)
    if alone is not None and scored_alone(alone[1], int(alone[2])) == text:
        return (
            f"score {alone[1]}; a group had fewer than {alone[2]} raters, so the groups' tallies and the "
            "valid total are withheld"
        )
    english_phrases()
    return said_en(text)  # a rule's or an analysis's reason, from the phrase that wrote it


def shown_notice(text: str, lang: str) -> str:
    """``text`` (a redaction notice or sentence) as a document in ``lang`` shows it: the Chinese
    as written, else :func:`en_notice`."""
    return text if lang == "zh" else en_notice(text)


__all__ = ["en_notice", "english_phrases", "shown_notice"]
