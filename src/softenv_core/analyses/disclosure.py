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
  non-zero part is hidden too, so that the total minus the shown parts reveals nothing.
  Zeros are never hidden: "nobody" points at no one.
"""

from __future__ import annotations

import re
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
    given (public views). Build one per output and reuse it: the name pattern is compiled
    once.
    """

    def __init__(self, enterprises: Iterable[str] = (), persons: Iterable[str] = ()) -> None:
        self._names = _alternation(enterprises)
        self._persons = _alternation(persons)
        self._shapes = tuple((kind, re.compile(p), mask) for kind, p, mask in _PATTERNS)

    def screen(self, text: str) -> Screened:
        counts: Counter[str] = Counter()

        def sub(pattern: re.Pattern[str] | None, kind: str, mask: str, value: str) -> str:
            if pattern is None:
                return value
            new, n = pattern.subn(mask, value)
            if n:
                counts[kind] += n
            return new

        out = sub(self._names, "enterprise", MASK_ENTERPRISE, text)
        out = sub(self._persons, "person", MASK_PERSON, out)
        for kind, pattern, mask in self._shapes:
            out = sub(pattern, kind, mask, out)
        return Screened(out, dict(sorted(counts.items())))


@frozen
class Cell:
    """A count as shown to an audience: the number, or ``None`` when it is suppressed."""

    value: int | None
    min_cell: int

    @property
    def suppressed(self) -> bool:
        return self.value is None

    def __str__(self) -> str:
        return f"<{self.min_cell}" if self.value is None else str(self.value)


@frozen
class Table:
    """Parts of a total as shown to an audience, and the total itself."""

    cells: Mapping[Hashable, Cell]
    total: Cell


def suppress_cells(parts: Mapping[K, int], min_cell: int, forced: Iterable[K] = ()) -> Table:
    """Each part as a :class:`Cell`, counts in ``1 .. min_cell-1`` suppressed, and the total.

    The total is shown, so a lone suppressed part could be recomputed by subtraction: the
    smallest other non-zero part is suppressed as well (secondary suppression). Where there
    is none, or the total is itself small, the total is suppressed. ``forced``: non-zero
    parts hidden whatever their size, because another table beside this one would otherwise
    give a small cell by difference (joint suppression across a report's sections).
    """
    if min_cell < 1:
        raise ValueError("min_cell must be at least 1")
    must = set(forced)
    hidden = {k for k, n in parts.items() if 0 < n < min_cell or (n > 0 and k in must)}
    total = sum(parts.values())
    hide_total = 0 < total < min_cell
    if len(hidden) == 1:
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
    "MASK_CREDIT_CODE",
    "MASK_ENTERPRISE",
    "MASK_ID_NUMBER",
    "MASK_PERSON",
    "MASK_PHONE",
    "Cell",
    "Screened",
    "Table",
    "TextScreen",
    "suppress_cells",
    "suppress_count",
]
