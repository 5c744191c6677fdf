"""Content negotiation (RFC 9110 §12.5.1): which of an operation's representations the
request's ``Accept`` asks for, or the 406 problem when it accepts none of them.

The representations are the operation's 200 content types in the OpenAPI table (openapi.py),
in its order, the first the default: the document and the server agree, as on the query's
names. ``format=`` names one of them; when it is given, ``Accept`` must accept that one
(a request whose two statements disagree is refused, never settled by one silently winning:
docs/integration.md, "Content negotiation"). Written here rather than taken from a library:
neither Starlette nor uvicorn has a negotiation helper, and the rules fit in a page.

Read as RFC 9110 says: a missing (or empty) ``Accept`` accepts anything; ``*/*`` and
``type/*`` ranges; weights ``q`` from 0 to 1 (``q=0``: not acceptable), the most specific
range that matches a type deciding its weight; lists, in one field or several. A range with a
parameter other than ``q`` (or ``charset=utf-8``, what every answer here is in) matches none
of the types offered, which take none. An element that is no media range (``json``, a ``q``
of ``2``) matches nothing, and is named in the 406 problem if nothing else matched.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from starlette.requests import Request

from softenv_core.errors import InputProblem
from softenv_core.service.openapi import FORMAT_TYPES, query_choices, response_types
from softenv_core.service.problems import Problem

_TOKEN = r"[!#$%&'*+.^_`|~0-9A-Za-z-]+"
_RANGE = re.compile(rf"^({_TOKEN})/({_TOKEN})$")
_QVALUE = re.compile(r"0(\.[0-9]{0,3})?|1(\.0{0,3})?")  # matched whole
_QUOTED = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)


def _split(text: str, separator: str) -> list[str]:
    """``text`` cut at each ``separator`` outside a quoted string (a parameter's value may quote
    one), stripped, the empty pieces dropped. One pass: the header is the client's, read before
    any key, and a regular expression's search from each quote made hostile fields quadratic
    (an unterminated quote: 5 s for 16,000 characters). An unterminated quote runs to the end."""
    if '"' not in text:
        return [p for p in (p.strip() for p in text.split(separator)) if p]
    pieces, start, quoted, escaped = [], 0, False, False
    for i, c in enumerate(text):
        if escaped:
            escaped = False
        elif quoted:
            escaped, quoted = c == "\\", c != '"'
        elif c == '"':
            quoted = True
        elif c == separator:
            pieces.append(text[start:i])
            start = i + 1
    pieces.append(text[start:])
    return [p for p in (p.strip() for p in pieces) if p]


def _unquoted(value: str) -> str | None:
    """A parameter's value, a quoted string's content unescaped; None for an unterminated one."""
    if not value.startswith('"'):
        return value
    if len(value) < 2 or not value.endswith('"') or _QUOTED.fullmatch(value) is None:
        return None
    return re.sub(r"\\(.)", r"\1", value[1:-1])


@dataclass(frozen=True)
class _Range:
    kind: str
    sub: str
    plain: bool  # no parameter but q (and charset=utf-8)
    q: float

    def specificity(self, media: str) -> int | None:
        """How specifically this range names ``media`` (2 type/subtype, 1 type/*, 0 */*), or None."""
        kind, _, sub = media.partition("/")
        if not self.plain or self.kind not in ("*", kind):
            return None
        if self.sub == "*":
            return 1 if self.kind == kind else 0
        return 2 if self.sub == sub else None


def _parse(element: str) -> _Range | None:
    """One element of an Accept list, or None when it is no media range with a valid weight."""
    parts = _split(element, ";")
    found = _RANGE.match(parts[0]) if parts else None
    if found is None or (found[1] == "*" and found[2] != "*"):  # */json is no range
        return None
    q, plain = 1.0, True
    for parameter in parts[1:]:
        name, equals, raw = (s.strip() for s in parameter.partition("="))
        value = _unquoted(raw)
        if not equals or value is None:
            return None
        name, value = name.lower(), value.lower()
        if name == "q":
            if not _QVALUE.fullmatch(value):
                return None
            q = float(value)
            break  # what follows the weight are accept-ext, which no range here takes
        if (name, value) not in (("charset", "utf-8"), ("charset", "utf8")):
            plain = False
    return _Range(found[1].lower(), found[2].lower(), plain, q)


def accept_ranges(values: Sequence[str]) -> tuple[list[_Range], list[str]] | None:
    """The ranges of the request's Accept fields (several are one list) and the elements that
    are none; None when the request sets no Accept (or an empty one): anything is acceptable."""
    elements = [e for value in values for e in _split(value, ",")]
    if not elements:
        return None
    ranges, unreadable = [], []
    for element in elements:
        parsed = _parse(element)
        if parsed is None:
            unreadable.append(element)
        else:
            ranges.append(parsed)
    return ranges, unreadable


def weight(ranges: Sequence[_Range], media: str) -> float:
    """The weight the ranges give ``media``: the most specific matching range's (0 if none)."""
    best: tuple[int, float] = (-1, 0.0)
    for r in ranges:
        level = r.specificity(media)
        if level is not None and (level, r.q) > best:
            best = (level, r.q)
    return best[1]


def choose(values: Sequence[str], offered: Sequence[str]) -> str | None:
    """The offered type the Accept fields ``values`` weigh highest (the first offered on a
    tie, so the default wins when it is acceptable), or None when none is acceptable."""
    parsed = accept_ranges(values)
    if parsed is None:
        return offered[0] if offered else None
    ranges, _ = parsed
    weighed = [(weight(ranges, media), -i, media) for i, media in enumerate(offered)]
    q, _, media = max(weighed)
    return media if q > 0 else None


def negotiate(request: Request, path: str) -> str:
    """The media type to answer the request with, at route template ``path``: the type
    ``format=`` names, or, without it, the one ``Accept`` prefers; the 406 problem when
    ``Accept`` accepts none of those (``format=``'s value was checked against its enum first)."""
    operation_types = response_types(path, request.method)
    # Only an operation that takes format= reads it (/healthz and /openapi.json read no query).
    fmt = request.query_params.get("format") if "format" in query_choices(path, request.method) else None
    offered = (FORMAT_TYPES[fmt],) if fmt is not None else operation_types
    values = request.headers.getlist("accept")
    chosen = choose(values, offered)
    if chosen is not None:
        return chosen
    raise _not_acceptable(values, offered, operation_types, fmt)


def _not_acceptable(
    values: Sequence[str], offered: Sequence[str], operation_types: Sequence[str], fmt: str | None
) -> Problem:
    """406, naming the header (``header.accept``) and the types offered; with ``format=``, that
    parameter too, since dropping either would settle it."""
    shown = ", ".join(values)
    shown = repr(shown if len(shown) <= 120 else f"{shown[:120]}…")
    _, unread = accept_ranges(values) or ([], [])
    bad = "".join(f" ({e[:40]!r} is no media range type/subtype[;q=0-1])" for e in unread[:3])
    # The same note in the clerk's words: the Chinese said only "accepts none" (integrator i42).
    bad_zh = "".join(f"（{e[:40]!r} 不是媒体类型范围，应写作 类型/子类型[;q=0-1]）" for e in unread[:3])
    types = ", ".join(offered)
    # The Chinese lists with 、 and joins clauses with ，(GB/T 15834), as every problem's Chinese (i41).
    lines = [
        InputProblem(
            "header.accept",
            f"{shown} accepts none of {types}{bad}",
            None,
            f"{shown} 不接受 {'、'.join(offered)}{bad_zh}",
        )
    ]
    if fmt is None:
        detail = f"Accept: {shown}; this operation answers {' or '.join(offered)}: accept one, or send no Accept"
    else:
        everything, everything_zh = ", ".join(operation_types), "、".join(operation_types)
        detail = (
            f"format={fmt} asks for {offered[0]}, which Accept: {shown} does not accept: "
            f"drop one of them (without format=, Accept chooses among {everything})"
        )
        lines.append(
            InputProblem(
                "query.format",
                f"{fmt} is {offered[0]}, which the Accept header refuses; leave format= out to let Accept "
                f"choose among {everything}",
                None,
                f"{fmt} 即 {offered[0]}，Accept 请求头不接受；去掉 format= 则由 Accept 在 {everything_zh} 中选择",
            )
        )
    return Problem(406, "not-acceptable", "Not acceptable", detail, lines)


__all__ = ["accept_ranges", "choose", "negotiate", "weight"]
