"""Disclosure control (保密): masking free text and suppressing small cells outside the city office.

Principle 7 of the design: outside the city office's view no output may point at one
enterprise. Two tools do the work, both pure functions applied to an analysis result before
any renderer sees it:

- :class:`TextScreen` masks, in a free text, the names and credit codes of the programme's
  enterprises, anything shaped like a credit code (统一社会信用代码), a resident ID number
  (身份证号), a mobile or landline number, the monitoring point ids (监测点编号) and the
  liaison persons' names, in look-alike spellings too. Each kind is
  replaced by a fixed mask (``某企业``, ``[信用代码]``...) and counted, so the output's
  notices can say what was masked.
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

# What is dropped inside a name, a code or an id: in the foundation layer, where the dataset checks
# read a rater's credit code as this screen does (attacker x61 01).
from softenv_core._fold import INNER as _INNER
from softenv_core._fold import SEPARATORS as _SEPARATORS
from softenv_core.analyses.text_fold import UPPER as _UPPER
from softenv_core.analyses.text_fold import fold_table as _fold_table
from softenv_core.analyses.text_fold import normalised

K = TypeVar("K", bound=Hashable)

MASK_ENTERPRISE = "某企业"
MASK_PERSON = "某联系人"
MASK_CREDIT_CODE = "[信用代码]"
MASK_ID_NUMBER = "[身份证号]"
MASK_PHONE = "[电话]"
#: A monitoring point id (监测点编号) in any text shown outside the city office: record texts
#: here, a plugin's text in analyses.redaction_plugin (which re-exports it as ``POINT_MASK``).
MASK_POINT = "[监测点]"

# Shapes, not checks: a mistyped code or number identifies an enterprise just as well.
# 统一社会信用代码 (GB 32100-2015): 18 characters of 0-9 and the capitals without I O Z S V
# (the copy matched on has no I or O: they are folded to 1 and 0, see _CONFUSABLES).
_CODE_CHARS = "0-9A-HJ-NPQRTUWXY"
_CREDIT_CODE = rf"(?<![{_CODE_CHARS}a-z])[{_CODE_CHARS}]{{18}}(?![{_CODE_CHARS}a-z])"
# 身份证号 (GB 11643-1999): 17 digits and a digit or X.
_ID_NUMBER = r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])"
# Mobile numbers (1[3-9] and 9 digits, optionally +86, separated by spaces or dashes) and
# landlines (a 0-prefixed area code and 7-8 digits, optionally an extension; the copy is in
# upper case, so the extension's mark is matched as EXT or X).
_MOBILE = r"(?<!\d)(?:\+?86[\s-]?)?1[3-9]\d(?:[\s-]?\d){8}(?!\d)"
# The extension's digits are not those of a number written next (``…EXT0531-86666666``: the
# next number's area code; review r2/06), which is then masked as a number of its own.
_LANDLINE = r"(?<!\d)(?:\(0\d{2,3}\)|0\d{2,3})[\s-]?\d{7,8}(?:[\s-]?(?:转|EXT\.?|X)\s?\d{1,5}(?![\s-]?\d))?(?!\d)"

_PATTERNS: tuple[tuple[str, str, str], ...] = (
    # Order matters: an 18-digit ID number is also credit-code shaped; name it by what it is.
    ("id_number", _ID_NUMBER, MASK_ID_NUMBER),
    ("credit_code", _CREDIT_CODE, MASK_CREDIT_CODE),
    ("phone", _MOBILE, MASK_PHONE),
    ("phone", _LANDLINE, MASK_PHONE),
)

#: A point id is also masked without its leading letters (``P379902-013`` written
#: ``379902-013``) when at least this many characters are left (separators not counted):
#: shorter digit runs are ordinary numbers (a year, an amount), and the programme's ids
#: (county code and number) leave nine.
MIN_BARE_POINT = 6


class _Words:
    """A set of (folded) words found in a (folded) text, leftmost first and, at one place, the
    longest: what a regular expression alternation of them, longest first, finds. A set and
    the words' lengths by first character, so that a province's screen (150,000 names and
    codes, 60,000 point id forms) is built in a fraction of a second where compiling the
    alternation took seconds, and a text is scanned once whatever the number of words."""

    def __init__(self, words: Iterable[str]) -> None:
        self._words = {w for w in words if w and w.strip()}
        lengths: dict[str, set[int]] = {}
        for w in self._words:
            lengths.setdefault(w[0], set()).add(len(w))
        self._lengths = {c: sorted(ls, reverse=True) for c, ls in lengths.items()}

    def __bool__(self) -> bool:
        return bool(self._words)

    def find(self, text: str) -> list[tuple[int, int]]:
        found: list[tuple[int, int]] = []
        at, lengths, words = 0, self._lengths, self._words
        while at < len(text):
            for n in lengths.get(text[at], ()):
                # Near the end a slice may be shorter than n: it is then a shorter word.
                if (piece := text[at : at + n]) in words:
                    found.append((at, at + len(piece)))
                    at += len(piece)
                    break
            else:
                at += 1
        return found


@frozen
class Screened:
    """A screened text and what was masked in it (kind → number of masks)."""

    text: str
    masked: Mapping[str, int] = field(factory=dict)


class TextScreen:
    """Masks identifying details in free texts shown outside the city office.

    ``enterprises`` are the names (and any other identifying strings, such as credit codes)
    of the programme's enterprises; ``persons`` the liaison persons' names, masked too when
    given (every view outside the city office: attacker t10 01); ``prefixes`` the place names
    an enterprise's name may begin with (the counties' and the city's, e.g. 东城), so that the
    name without it is masked too;
    ``points`` the monitoring point ids (监测点编号), masked as :data:`MASK_POINT`, also without
    their leading letters when :data:`MIN_BARE_POINT` characters are left (attacker t6 02).
    Build one per output and reuse it: the words are folded and indexed once.

    Names, codes and ids are matched as a clerk may write them (finding 05): in full-width or
    lower case, with whitespace (line breaks too: attacker t10 02), dashes or the other
    separators of :data:`_SEPARATORS` inside (a person and an id without its letters: those of
    :data:`_INNER` only, review r3/03), without the place prefix or the legal form
    (有限公司...), with invisible format characters inside (attacker 08: a zero-width space
    or soft hyphen pasted into a name), with Cyrillic or Greek letters that look like Latin
    ones and with the traditional or variant form of a character of the programme's names
    (attacker t6 03: ``91379902MА00001384`` with a Cyrillic А, 東城潤澤, 林海濤). The match is
    made on a normalised copy of the text (:func:`~softenv_core.analyses.text_fold.normalised`)
    and the span it covers is masked in the text as written.
    """

    def __init__(
        self,
        enterprises: Iterable[str] = (),
        persons: Iterable[str] = (),
        prefixes: Iterable[str] = (),
        points: Iterable[str] = (),
        *,
        separators: frozenset[str] | None = None,
    ) -> None:
        enterprises, persons = list(enterprises), list(persons)
        # What is dropped inside names, codes and ids (``None``: :data:`_SEPARATORS`), and inside a
        # liaison person or an id without its letters (``None``: :data:`_INNER`, not the marks
        # that end a word: 孙国、平安路 is no 孙国平, 379902.001万元 no id; review r3/03); given
        # only by tests, to compare this screen with one of an earlier, smaller set (both alike).
        self._drop = _SEPARATORS if separators is None else separators
        self._inner = _INNER if separators is None else separators
        self._table = _fold_table(enterprises + persons)
        # The shapes are looked for twice: on the copy in upper case only, as before the
        # look-alike folds ("Li13800138000" is a name beside a number, where folded
        # "L113800138000" it was no number at all; review r2/01), then on the full fold (a code
        # typed with an O for a 0 or a Cyrillic А): every shape the first finds is masked.
        self._shape_tables = (_UPPER, self._table)
        # The same fold, separators deleted: a word folded at C speed (most are plain).
        self._word_table = self._table | dict.fromkeys(map(ord, self._drop))
        self._inner_table = self._table | dict.fromkeys(map(ord, self._inner))
        stems = [p for p in prefixes if p]
        fold = self._fold
        # A short form is judged by what is matched: ``(商务)`` is four characters, ``商务`` two.
        self._names = _Words(
            f
            for name in enterprises
            for v in name_variants(name, stems)
            if len(f := fold(v)) >= _MIN_VARIANT or v == name
        )
        self._persons = _Words(self._fold(p, inner=True) for p in persons)
        forms = [_point_forms(fold(p), self._fold(p, inner=True)) for p in points]
        self._points, self._bare_points = _Words(f[0] for f in forms), _Words(f[1] for f in forms)
        self._shapes = tuple((kind, re.compile(p), mask) for kind, p, mask in _PATTERNS)

    def _fold(self, text: str, inner: bool = False) -> str:
        """A name, code or id as matched: normalised with this screen's table, no separators
        (``inner``: only those of :data:`_INNER`, as a person or an id without its letters)."""
        if text.isprintable() and unicodedata.is_normalized("NFKC", text):
            # as normalised's first case, one call
            return text.translate(self._inner_table if inner else self._word_table)
        return normalised(text, self._inner if inner else self._drop, self._table)[0]

    def screen(self, text: str) -> Screened:
        counts: Counter[str] = Counter()
        out = self._mask_words(text, self._names, MASK_ENTERPRISE, "enterprise", counts)
        out = self._mask_words(out, self._persons, MASK_PERSON, "person", counts, self._inner)
        # Shapes are found in a normalised copy (see text_fold.normalised), made again only after a mask
        # changed the text, and masked in the text itself (its ，。 are left as written).
        for table in self._shape_tables:
            norm, origin = normalised(out, table=table)
            for kind, pattern, mask in self._shapes:
                if found := [(m.start(), m.end()) for m in pattern.finditer(norm)]:
                    out = _splice(out, _spans(found, origin), mask, kind, counts)
                    norm, origin = normalised(out, table=table)
        # Point ids last: a phone number or code holding an id's digits is masked whole first.
        out = self._mask_words(out, self._points, MASK_POINT, "point", counts, digit_bounded=True)
        out = self._mask_words(out, self._bare_points, MASK_POINT, "point", counts, self._inner, digit_bounded=True)
        return Screened(out, dict(sorted(counts.items())))

    def _mask_words(
        self,
        text: str,
        words: _Words,
        mask: str,
        kind: str,
        counts: Counter[str],
        drop: frozenset[str] | None = None,
        digit_bounded: bool = False,
    ) -> str:
        """``text`` with every word found in its folded copy (separators removed too) masked;
        ``digit_bounded``: not where a digit is written right before or after it (a point id
        inside a contract number or a longer id is part of that number: review r2/03), but for
        a digit before an id that begins with its letters."""
        if not words:
            return text
        folded, origin = normalised(text, self._drop if drop is None else drop, self._table)
        spans = _spans(words.find(folded), origin)
        if digit_bounded:
            # An id written with its letters begins there, whatever is before it (012P379902-004).
            spans = [
                (a, b)
                for a, b in spans
                if not (a and text[a].isdigit() and text[a - 1].isdigit()) and not text[b : b + 1].isdigit()
            ]
        return _splice(text, spans, mask, kind, counts)


def _point_forms(folded: str, inner: str) -> tuple[str, str]:
    """A point id as matched with its leading letters (``folded``: every separator dropped;
    ``""`` when it has none) and without them (from ``inner``, the id folded without only the
    :data:`_INNER` separators: ``379902.001`` is an amount, ``379902/001`` a file number, where
    ``P379902/001`` is the id), the latter when at least :data:`MIN_BARE_POINT` characters are
    left (``P379902013`` → ``379902013``) or the id has no letters (``""`` else)."""
    letters = "ABCDEFGHJKLMNPQRSTUVWXYZ"
    bare = folded.lstrip(letters)
    if bare == folded:
        return "", inner
    return folded, inner.lstrip(letters) if len(bare) >= MIN_BARE_POINT else ""


def _spans(found: Iterable[tuple[int, int]], origin: list[int]) -> list[tuple[int, int]]:
    """The text's spans of matches (start, end) in a normalised copy, ``origin`` mapping one to
    the other.

    One character of the text may become several in the copy (NFKC: ㈱ → (株)), so two matches
    may end and begin in the same character: such spans are merged, keeping them disjoint."""
    spans: list[tuple[int, int]] = []
    for m_start, m_end in found:
        if m_end == m_start:
            continue
        start, end = origin[m_start], origin[m_end - 1] + 1
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
_LEGAL_FORMS = ("股份有限公司", "有限责任公司", "有限公司", "集团公司", "公司", "厂")
# A branch (分公司, 分厂, …) registered under its company's name: the company's name, up to its
# legal form, is how a clerk writes it (宏图建材有限公司东城分公司, 永丰建材有限公司(东城分公司)).
# These three patterns are text, compiled (and cached) by ``re`` when a name is masked: compiled
# at import, every `softenv assess` paid for them, the city's own view masking no name (issue 21).
_BRANCH = rf"(.+?(?:{'|'.join(_LEGAL_FORMS)}))\s*[(（]?[^()（）]*(?:分公司|分厂|分店|分行|分部|办事处|营业部)[)）]?"
# A town (镇, 乡, 街道) written after the county's name in a registered name.
_TOWN = r"[\u4e00-\u9fff]{2,3}?(?:镇|乡|街道)"
# An English name's legal form at its end (Acme Trading Co., Ltd. is written ACME TRADING),
# matched with re.IGNORECASE.
_ENGLISH_FORM = r"[\s,.]*\b(?:co\.?,?\s*ltd|company\s+limited|limited|ltd|inc|corp(?:oration)?|company|llc)\.?$"
#: Shorter variants mask ordinary words; a name is masked in forms of at least this length.
_MIN_VARIANT = 4


def place_stems(names: Iterable[str]) -> tuple[str, ...]:
    """Place names as an enterprise's name begins with them: in full and without the suffix
    (东城区 → 东城区, 东城; 临江市 → 临江市, 临江): 青林县宏达建材有限公司 is written 宏达建材, which the
    stem alone left as 县宏达建材, unmasked (clerk c34)."""
    stems = {n[:-1] for n in names if n and len(n) > 2 and n[-1] in "区县市州旗"}
    return tuple(sorted(stems | {n for n in names if n}))


def name_variants(name: str, prefixes: Iterable[str] = ()) -> tuple[str, ...]:
    """``name`` and the forms it is written in: a branch's company (宏图建材有限公司东城分公司 →
    宏图建材有限公司), without its place prefixes (one or more: 示范市东城区宏达建材有限公司 →
    宏达建材有限公司), without its legal form (简称; 厂 and an English ``Co., Ltd.`` too), without
    both; forms shorter than four characters are left out (attacker x36)."""
    forms = {name}
    if branch := re.fullmatch(_BRANCH, name):
        forms.add(branch.group(1))
    stems = tuple(p for p in prefixes if p)
    todo = list(forms)
    while todo:  # 示范市 then 东城区: each form without every place in front of it
        f = todo.pop()
        for p in stems:
            if f.startswith(p) and len(f) > len(p) and (g := f[len(p) :]) not in forms:
                forms.add(g)
                todo.append(g)
                if (town := re.match(_TOWN, g)) and (h := g[town.end() :]) not in forms:
                    forms.add(h)  # 东城区马集镇宏达建材厂: the town after its county
                    todo.append(h)
    for f in list(forms):
        if short := re.sub(_ENGLISH_FORM, "", f, flags=re.IGNORECASE):
            forms.add(short)
        for legal in _LEGAL_FORMS:
            if f.endswith(legal):
                forms.add(f.removesuffix(legal))
                break
    return tuple(sorted(f for f in forms if len(f) >= _MIN_VARIANT or f == name))


#: The one mark of a hidden count in every table and notice (docs/privacy.md, *Suppressed
#: cells*). It claims nothing about the value: a count hidden for being small and one hidden with
#: its partner (secondary or joint suppression, of any size) read alike. "<3" read as "fewer than
#: 3" for counts of 16 (findings 10 of the attacker).
HIDDEN_MARK = "—"
#: The same mark in running Chinese text, in place of the figure and its unit ("本月收到（已隐去）").
HIDDEN_ZH = "（已隐去）"
#: What the mark means, said in every monthly report outside the city office.
HIDDEN_NOTICE = "表中“—”、文中“（已隐去）”：数量较小或可据以推算的数已隐去，以保护反映人"


@frozen
class Cell:
    """A count as shown to an audience: the number, or ``None`` when it is suppressed."""

    #: Its document's name, the surface's (``ShownCount``): representativeness has a Cell too, and
    #: both were written ``softenv.cell``, which a union of the two could not tell apart (integrator i49).
    PART_SCHEMA = "softenv.shown_count"
    FORMER_SCHEMAS = ("softenv.cell",)

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


def recoverable(hidden: Mapping[K, int], known: Iterable[K]) -> bool:
    """Whether a reader could work out a hidden part from the total and the shown parts.

    A reader outside the city office may know one part of a margin already: a county its own
    county's matters (it wrote its report), a department the matters about it (they are listed
    to it). To that reader its own hidden part is as good as shown, so the other hidden parts
    must still be at least two, else the total less the shown parts less its own gives the one
    left (standard disclosure control: a respondent knows its own contribution; attacker t6
    finding 01). ``hidden``: the hidden non-zero parts and their values; ``known``: the parts
    some reader knows; the reader who knows none needs two, not all 1 (:func:`_exposed`).
    The same pattern is shown to every reader (the public report is read by every county), so
    it must hold against each of them at once, not only the one the output is made for."""
    values, insiders = dict(hidden), set(known)
    views = [values] + [{k: n for k, n in values.items() if k != own} for own in values if own in insiders]
    return any(_exposed(view) for view in views)


def _exposed(hidden: Mapping[K, int]) -> bool:
    """Whether the hidden parts a reader does not know give one away: a lone one (the total
    less the rest), or parts that add up to their number (a part shown is never 0, so hidden
    ones are at least 1 each: summing to their number they are each 1; review r2/02)."""
    return len(hidden) == 1 or (len(hidden) > 1 and sum(hidden.values()) == len(hidden))


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
    while not hide_total and recoverable({k: parts[k] for k in hidden if parts[k] > 0}, insiders):
        # The smallest shown part: the least information given up (ties by key, deterministic).
        others = sorted(((n, repr(k)), k) for k, n in parts.items() if k not in hidden and n > 0)
        if others:
            hidden.add(others[0][1])
        else:
            hide_total = True
    cells: dict[Hashable, Cell] = {k: Cell(None if k in hidden else n, min_cell) for k, n in parts.items()}
    return Table(cells, Cell(None if hide_total else total, min_cell))


def total_derivable(hidden: Mapping[K, int], known: Iterable[K]) -> bool:
    """Whether some reader could work out a *hidden* total from a breakdown of it: the one who
    knows every hidden non-zero part, so no other reader where none is hidden (the shown parts add
    up to the total), the one whose own part it is where one is (``known``: the parts some reader
    knows, as in :func:`recoverable`). Two hidden parts leave every reader one it does not know.
    A month's total hidden for its breakdown by county was given back by its category table, all
    shown: 6, less the reader's own 5, left the other county's 1 (attacker x67 01)."""
    values = [k for k, n in hidden.items() if n > 0]
    return not values or (len(values) == 1 and values[0] in set(known))


def conceal_total(parts: Mapping[K, int], hidden: Iterable[K], known: Iterable[K] = ()) -> frozenset[K]:
    """``hidden`` and the parts of ``parts`` to hide with it where their total is hidden, so that no
    reader works it out from them (:func:`total_derivable`): the smallest shown non-zero parts (ties
    by key), as :func:`suppress_cells` picks a partner. Where every non-zero part is hidden and the
    one there is a reader's own, that reader knows the total already: nothing more is hidden."""
    out, insiders = set(hidden), frozenset(known)
    while total_derivable({k: parts[k] for k in out if k in parts}, insiders):
        others = sorted(((n, repr(k)), k) for k, n in parts.items() if k not in out and n > 0)
        if not others:
            break
        out.add(others[0][1])
    return frozenset(out)


def suppress_count(n: int, min_cell: int) -> Cell:
    """One count on its own (no total beside it)."""
    if min_cell < 1:
        raise ValueError("min_cell must be at least 1")
    return Cell(None if 0 < n < min_cell else n, min_cell)


#: Cell's name on the public surface (``softenv_core.ShownCount``): the trends' cells are of this
#: type, and ``softenv_core.analyses.representativeness.Cell`` is another class (integrator i40:
#: a field's type could not be named in an annotation from ``softenv_core``).
ShownCount = Cell

__all__ = [
    "HIDDEN_MARK",
    "HIDDEN_NOTICE",
    "HIDDEN_ZH",
    "MASK_CREDIT_CODE",
    "MASK_ENTERPRISE",
    "MASK_ID_NUMBER",
    "MASK_PERSON",
    "MASK_PHONE",
    "MASK_POINT",
    "MIN_BARE_POINT",
    "Cell",
    "Screened",
    "ShownCount",
    "Table",
    "TextScreen",
    "conceal_total",
    "recoverable",
    "suppress_cells",
    "suppress_count",
    "total_derivable",
]
