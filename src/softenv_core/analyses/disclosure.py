"""Disclosure control (保密): masking free text and suppressing small cells outside the city office.

Principle 7 of the design: outside the city office's view no output may point at one
enterprise. Two tools do the work, both pure functions applied to an analysis result before
any renderer sees it:

- :class:`TextScreen` masks, in a free text, the names and credit codes of the programme's
  enterprises, anything shaped like a credit code (统一社会信用代码), a resident ID number
  (身份证号), a mobile or landline number, and (for public views) the liaison persons' names.
  Each kind is replaced by a fixed mask (``某企业``, ``[信用代码]``...) and counted, so the
  output's notices can say what was masked.
- :func:`suppress_cells` hides counts below ``privacy.min_cell`` and closes differencing
  (secondary suppression): when exactly one part of a total is hidden, the next smallest
  non-zero part is hidden too, so that the total minus the shown parts reveals nothing; and
  a third where a reader knows one of two hidden parts (its own county's or department's).
  Zeros are never hidden: "nobody" points at no one.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping
from typing import TypeVar

from attrs import field, frozen

K = TypeVar("K", bound=Hashable)

MASK_ENTERPRISE = "某企业"
MASK_PERSON = "某联系人"
MASK_CREDIT_CODE = "[信用代码]"
MASK_ID_NUMBER = "[身份证号]"
MASK_PHONE = "[电话]"

# Shapes, not checks: a mistyped code or number identifies an enterprise just as well.
# 统一社会信用代码 (GB 32100-2015): 18 characters of 0-9 and the capitals without I O Z S V.
_CODE_CHARS = "0-9A-HJ-NPQRTUWXY"
_CREDIT_CODE = rf"(?<![{_CODE_CHARS}a-z])[{_CODE_CHARS}]{{18}}(?![{_CODE_CHARS}a-z])"
# 身份证号 (GB 11643-1999): 17 digits and a digit or X.
_ID_NUMBER = r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])"
# Mobile numbers (1[3-9] and 9 digits, optionally +86, separated by spaces or dashes) and
# landlines (a 0-prefixed area code and 7-8 digits, optionally an extension).
_MOBILE = r"(?<!\d)(?:\+?86[\s-]?)?1[3-9]\d(?:[\s-]?\d){8}(?!\d)"
_LANDLINE = r"(?<!\d)(?:\(0\d{2,3}\)|0\d{2,3})[\s-]?\d{7,8}(?:[\s-]?(?:转|ext\.?|x)\s?\d{1,5})?(?!\d)"

_PATTERNS: tuple[tuple[str, str, str], ...] = (
    # Order matters: an 18-digit ID number is also credit-code shaped; name it by what it is.
    ("id_number", _ID_NUMBER, MASK_ID_NUMBER),
    ("credit_code", _CREDIT_CODE, MASK_CREDIT_CODE),
    ("phone", _MOBILE, MASK_PHONE),
    ("phone", _LANDLINE, MASK_PHONE),
)


def _alternation(words: Iterable[str]) -> re.Pattern[str] | None:
    # Longest first, so that "甲公司分公司" is masked whole rather than leaving "分公司".
    unique = sorted({w for w in words if w and w.strip()}, key=lambda w: (-len(w), w))
    return re.compile("|".join(re.escape(w) for w in unique)) if unique else None


@frozen
class Screened:
    """A screened text and what was masked in it (kind → number of masks)."""

    text: str
    masked: Mapping[str, int] = field(factory=dict)


class TextScreen:
    """Masks identifying details in free texts shown outside the city office.

    ``enterprises`` are the names (and any other identifying strings, such as credit codes)
    of the programme's enterprises; ``persons`` the liaison persons' names, masked too when
    given (public views); ``prefixes`` the place names an enterprise's name may begin with
    (the counties' and the city's, e.g. 东城), so that the name without it is masked too.
    Build one per output and reuse it: the name pattern is compiled once.

    Names and codes are matched as a clerk may write them (finding 05): in full-width or
    lower case, with spaces or dashes inside, without the place prefix or the legal form
    (有限公司...), and with invisible format characters inside (attacker 08: a zero-width
    space or soft hyphen pasted into a name). The match is made on a normalised copy of the
    text (:func:`_normalised`) and the span it covers is masked in the text as written.
    """

    def __init__(
        self, enterprises: Iterable[str] = (), persons: Iterable[str] = (), prefixes: Iterable[str] = ()
    ) -> None:
        stems = [p for p in prefixes if p]
        self._names = _alternation(_fold(v) for name in enterprises for v in name_variants(name, stems))
        self._persons = _alternation(_fold(p) for p in persons)
        self._shapes = tuple((kind, re.compile(p), mask) for kind, p, mask in _PATTERNS)

    def screen(self, text: str) -> Screened:
        counts: Counter[str] = Counter()
        out = self._mask_words(text, self._names, MASK_ENTERPRISE, "enterprise", counts)
        out = self._mask_words(out, self._persons, MASK_PERSON, "person", counts)
        # Shapes are found in a normalised copy (see _normalised) and masked in the text
        # itself: its other full-width characters (，。) are left as written.
        for kind, pattern, mask in self._shapes:
            norm, origin = _normalised(out)
            out = _splice(out, _spans(pattern.finditer(norm), origin), mask, kind, counts)
        return Screened(out, dict(sorted(counts.items())))

    @staticmethod
    def _mask_words(text: str, pattern: re.Pattern[str] | None, mask: str, kind: str, counts: Counter[str]) -> str:
        """``text`` with every name found in its folded copy (separators removed too) masked."""
        if pattern is None:
            return text
        folded, origin = _normalised(text, _SEPARATORS)
        return _splice(text, _spans(pattern.finditer(folded), origin), mask, kind, counts)


def _spans(found: Iterable[re.Match[str]], origin: list[int]) -> list[tuple[int, int]]:
    """The text's spans of matches in a normalised copy, ``origin`` mapping one to the other.

    One character of the text may become several in the copy (NFKC: ㈱ → (株)), so two matches
    may end and begin in the same character: such spans are merged, keeping them disjoint."""
    spans: list[tuple[int, int]] = []
    for m in found:
        if m.end() == m.start():
            continue
        start, end = origin[m.start()], origin[m.end() - 1] + 1
        if spans and start < spans[-1][1]:
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        else:
            spans.append((start, end))
    return spans


def _splice(text: str, spans: list[tuple[int, int]], mask: str, kind: str, counts: Counter[str]) -> str:
    """``text`` with each of the (ordered, disjoint) ``spans`` replaced by ``mask``, counted."""
    if not spans:
        return text
    counts[kind] += len(spans)
    out, at = [], 0
    for start, end in spans:
        out += [text[at:start], mask]
        at = end
    return "".join(out) + text[at:]


# Legal forms an enterprise's short name leaves out (longest first).
_LEGAL_FORMS = ("股份有限公司", "有限责任公司", "有限公司", "集团公司", "公司")
#: Shorter variants mask ordinary words; a name is masked in forms of at least this length.
_MIN_VARIANT = 4
# Separators a clerk puts inside a name or a grouped code; removed before matching.
_SEPARATORS = frozenset(" \t\u3000-‐‑‒–—－_·・")


def place_stems(names: Iterable[str]) -> tuple[str, ...]:
    """Place names as an enterprise's name begins with them: 东城区 → 东城, 临江市 → 临江."""
    return tuple(sorted({n[:-1] if len(n) > 2 and n[-1] in "区县市州旗" else n for n in names if n}))


def name_variants(name: str, prefixes: Iterable[str] = ()) -> tuple[str, ...]:
    """``name`` and the forms it is written in: without a place prefix, without its legal
    form (简称), without both; forms shorter than four characters are left out."""
    forms = {name}
    for p in prefixes:
        if name.startswith(p) and len(name) > len(p):
            forms.add(name[len(p) :])
    for f in list(forms):
        for legal in _LEGAL_FORMS:
            if f.endswith(legal):
                forms.add(f.removesuffix(legal))
                break
    return tuple(sorted(f for f in forms if len(f) >= _MIN_VARIANT or f == name))


# ASCII lower case to upper, after NFKC has made full-width ASCII half-width: one character
# for one (a lower-case code is the same code).
_FOLD = {c: c - 32 for c in range(ord("a"), ord("z") + 1)}


def _fold(text: str) -> str:
    """A name or code as matched: normalised (see :func:`_normalised`), without separators."""
    return _normalised(text, _SEPARATORS)[0]


def _normalised(text: str, drop: frozenset[str] = frozenset()) -> tuple[str, list[int]]:
    """The copy of ``text`` the screen matches on and, for each of its characters, its index
    in ``text`` (so that a match is masked in the text as written).

    The copy is NFKC (full-width letters and digits half-width, ① → 1), in upper case, without
    the format characters (Unicode category Cf: zero-width spaces and joiners, the soft
    hyphen, bidi marks, BOM, TAG characters) that text pasted from a web page, WeChat or a PDF
    carries invisibly inside a name or a code (attacker 08), and without the characters in
    ``drop``. NFKC is applied a character at a time, to keep the map.
    """
    if text.isprintable() and unicodedata.is_normalized("NFKC", text):
        # The usual case, checked at C speed: no Cf character (none is printable), nothing
        # NFKC changes; the copy is the text in upper case, one character for one.
        folded = text.translate(_FOLD)
        if not drop:
            return folded, list(range(len(text)))
        keep = [i for i, ch in enumerate(folded) if ch not in drop]
        return "".join(folded[i] for i in keep), keep
    chars: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        if unicodedata.category(ch) == "Cf":
            continue
        for out in unicodedata.normalize("NFKC", ch).translate(_FOLD):
            if out not in drop and unicodedata.category(out) != "Cf":
                chars.append(out)
                origin.append(i)
    return "".join(chars), origin


#: The one mark of a hidden count in every table and notice (docs/privacy.md, *Suppressed
#: cells*). It claims nothing about the value: a count hidden for being small and one hidden with
#: its partner (secondary or joint suppression, of any size) read alike. "<3" read as "fewer than
#: 3" for counts of 16 (findings 10 of the attacker).
HIDDEN_MARK = "—"
#: The same mark in running Chinese text, in place of the figure and its unit ("本月收到（已隐去）").
HIDDEN_ZH = "（已隐去）"
#: What the mark means, said in every monthly report outside the city office.
HIDDEN_NOTICE = "表中“—”、文中“（已隐去）”: 数量较小或可据以推算的数已隐去, 以保护反映人"


@frozen
class Cell:
    """A count as shown to an audience: the number, or ``None`` when it is suppressed."""

    value: int | None
    min_cell: int

    @property
    def suppressed(self) -> bool:
        return self.value is None

    def __str__(self) -> str:
        return HIDDEN_MARK if self.value is None else str(self.value)


@frozen
class Table:
    """Parts of a total as shown to an audience, and the total itself."""

    cells: Mapping[Hashable, Cell]
    total: Cell


def recoverable(hidden: Iterable[K], known: Iterable[K]) -> bool:
    """Whether a reader could work out a hidden part from the total and the shown parts.

    A reader outside the city office may know one part of a margin already: a county its own
    county's matters (it wrote its report), a department the matters about it (they are listed
    to it). To that reader its own hidden part is as good as shown, so the other hidden parts
    must still be at least two, else the total less the shown parts less its own gives the one
    left (standard disclosure control: a respondent knows its own contribution; attacker t6
    finding 01). ``known``: the parts some reader knows; the reader who knows none needs two.
    The same pattern is shown to every reader (the public report is read by every county), so
    it must hold against each of them at once, not only the one the output is made for."""
    parts = set(hidden)
    return len(parts) == 1 or (len(parts) == 2 and not parts.isdisjoint(known))


def suppress_cells(parts: Mapping[K, int], min_cell: int, forced: Iterable[K] = (), known: Iterable[K] = ()) -> Table:
    """Each part as a :class:`Cell`, counts in ``1 .. min_cell-1`` suppressed, and the total.

    The total is shown, so a lone suppressed part could be recomputed by subtraction: the
    smallest other non-zero part is suppressed as well (secondary suppression), and again
    while a reader who knows one hidden part (``known``: the parts some reader knows, e.g.
    every county of a breakdown by county) would be left with one other (:func:`recoverable`).
    Where there is no part left to hide, or the total is itself small, the total is suppressed.
    ``forced``: non-zero parts hidden whatever their size, because another table beside this
    one would otherwise give a small cell by difference (joint suppression across a report's
    sections).
    """
    if min_cell < 1:
        raise ValueError("min_cell must be at least 1")
    must, insiders = set(forced), frozenset(known)
    hidden = {k for k, n in parts.items() if 0 < n < min_cell or (n > 0 and k in must)}
    total = sum(parts.values())
    hide_total = 0 < total < min_cell
    while not hide_total and recoverable(hidden, insiders):
        # The smallest shown part: the least information given up (ties by key, deterministic).
        others = sorted(((n, repr(k)), k) for k, n in parts.items() if k not in hidden and n > 0)
        if others:
            hidden.add(others[0][1])
        else:
            hide_total = True
    cells: dict[Hashable, Cell] = {k: Cell(None if k in hidden else n, min_cell) for k, n in parts.items()}
    return Table(cells, Cell(None if hide_total else total, min_cell))


def suppress_count(n: int, min_cell: int) -> Cell:
    """One count on its own (no total beside it)."""
    if min_cell < 1:
        raise ValueError("min_cell must be at least 1")
    return Cell(None if 0 < n < min_cell else n, min_cell)


__all__ = [
    "HIDDEN_MARK",
    "HIDDEN_NOTICE",
    "HIDDEN_ZH",
    "MASK_CREDIT_CODE",
    "MASK_ENTERPRISE",
    "MASK_ID_NUMBER",
    "MASK_PERSON",
    "MASK_PHONE",
    "Cell",
    "Screened",
    "Table",
    "TextScreen",
    "recoverable",
    "suppress_cells",
    "suppress_count",
]
