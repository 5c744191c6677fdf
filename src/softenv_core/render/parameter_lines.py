"""A dated parameter (参数) as explanations print it, one line each, wherever a figure cites it:
``参数：compliance.late_score = 50（自 2022-03-01；文号）``, ``Parameter: … (from …; …)``
(full-width punctuation in Chinese, GB/T 15834).

One wording for the point and county explanations, the deadline behind a month and the rules
behind a county's deadlines, which had three of their own.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence

from softenv_core.engine.deadline_types import Deadline
from softenv_core.engine.parameters import baseline_parameters
from softenv_core.engine.trace import ParamData, ParamValue, RuleRef
from softenv_core.render.escape import md_inline, terminal

_WORDS = {"zh": ("参数", "自"), "en": ("Parameter", "from")}


def parameter_lines(params: Sequence[ParamValue], indent: str, lang: str) -> list[str]:
    """Each of ``params`` on its line, indented by ``indent``, escaped for a terminal."""
    return [terminal(indent + parameter_text(pv, lang)) for pv in params]


def parameter_text(pv: ParamValue, lang: str, *, name: str | None = None, value: str | None = None) -> str:
    """One parameter as every explanation words it, not yet escaped (the caller escapes it for
    its medium): ``参数：name = value（自 date；reference）``. ``name`` and ``value``: as a document
    for officials shows them (a title, group names) instead of the identifier and the file's value."""
    label, since = _WORDS[lang]
    shown_value = shown(pv.value) if value is None else value
    named = pv.name if name is None else name
    if lang == "zh":
        return f"{label}：{named} = {shown_value}（{since} {pv.effective_from}；{cited(pv, lang)}）"
    return f"{label}: {named} = {shown_value} ({since} {pv.effective_from}; {cited(pv, lang)})"


def cited_lines(
    params: Iterable[ParamValue],
    zh: bool,
    esc: Callable[[object], str] = md_inline,
    value: Callable[[ParamValue], str | None] = lambda pv: None,
) -> list[str]:
    """Each of ``params`` once (the first of equal values), as a document's Markdown list line:
    its Chinese title for officials in Chinese (the year end's 万人评议 wording), its identifier in
    English: ``- 参数：事项长期未办结的天数 = 60（自 2022-03-01；市级实施决定）``. ``value``: a
    value as the reader reads it (None: as the file writes it)."""
    titles = baseline_parameters()
    lang = "zh" if zh else "en"
    once: list[ParamValue] = []
    for pv in params:
        if pv not in once:  # compared, in the order first cited (a set would lose it)
            once.append(pv)
    return [
        "- " + esc(parameter_text(pv, lang, name=titles.title(pv.name) if zh else None, value=value(pv))) for pv in once
    ]


def cited(source: ParamValue | RuleRef | Deadline, lang: str) -> str:
    """The reference (依据) of a parameter, rule or deadline as a reader in ``lang`` reads it: in
    Chinese its ``reference_zh`` when it has one (every city rule and parameter does; a county's
    may), else its ``reference`` as written."""
    if lang == "zh" and source.reference_zh is not None:
        return source.reference_zh
    return source.reference


def shown(value: ParamData, inner: bool = False) -> str:
    """A value as its parameter file writes it: text as it is (quoted inside a list or mapping),
    a switch ``true``/``false`` (never Python's ``True``), numbers digit for digit, lists and
    mappings as JSON, Chinese unescaped."""
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False) if inner else value
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, Mapping):
        pairs = (f"{json.dumps(k, ensure_ascii=False)}: {shown(v, True)}" for k, v in value.items())
        return "{" + ", ".join(pairs) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(shown(v, True) for v in value) + "]"
    return str(value)  # int, Decimal, float


__all__ = ["cited", "cited_lines", "parameter_lines", "parameter_text", "shown"]
