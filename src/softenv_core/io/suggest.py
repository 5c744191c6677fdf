"""The closest allowed text to one mistyped: an enum's value or label, a field or sheet name.

Used on the error path only ("是否应为 县区增设?", "did you mean 'phone'?"). Two rules keep a
suggestion from pointing the wrong way (clerk c22 findings 01 and 02):

- The texts are compared folded: NFKC (full-width ``ｐｈｏｎｅ`` is ``phone``), case-folded
  (``PHONE``), without spaces (``县区 增设``). A folded text equal to an allowed one is that one.
- A candidate is not suggested merely because the typed text holds its ending. Chinese labels
  put what tells them apart first and a shared word last (市确定 / 县区增设, 大型 / 中型): ``县区确定``
  holds 市确定's ending 确定, yet means the county's value. So the candidate's longest ending found
  in the typed text is set aside, with its place there; what is left of the candidate must share
  a character with what is left of the typed text (a candidate held whole is kept: 很满意 →
  满意). The others are ranked by the characters they share, in any order (区县 for 县区), then
  by difflib's ratio; a tie is no suggestion (小中型: 小型 or 中型?).
"""

from __future__ import annotations

import difflib
import unicodedata
from collections import Counter
from collections.abc import Iterable

#: The lowest share of characters in common (Dice's coefficient) a suggestion needs: 县确定 and
#: 县区增设 share 县 (2 × 1 / 7 = 0.29) once 确定 is set aside as 市确定's ending.
CUTOFF = 0.25
#: The most of a typed text a message quotes (a cell may hold 32,767 characters).
ECHOED = 40


def echoed(text: str, unit: str = " characters") -> str:
    """``text`` as a message quotes it: ``repr`` (every control, bidi or zero-width character
    escaped), and past :data:`ECHOED` characters only its start and its length."""
    if len(text) <= ECHOED:
        return repr(text)
    return f"{text[:ECHOED]!r}… ({len(text)}{unit})"


def fold(text: str) -> str:
    """``text`` as compared for a suggestion: NFKC, case-folded, without white space."""
    return "".join(unicodedata.normalize("NFKC", text).casefold().split())


def _ending_set_aside(typed: str, candidate: str) -> tuple[str, str]:
    """``typed`` and ``candidate`` without the candidate's longest ending found in ``typed``."""
    for n in range(len(candidate), 0, -1):
        at = typed.rfind(candidate[-n:])
        if at >= 0:
            return typed[:at] + typed[at + n :], candidate[:-n]
    return typed, candidate


def _score(typed: str, candidate: str) -> tuple[float, float] | None:
    """How close ``candidate`` is to ``typed`` (both folded), or None when it shares nothing with
    it beyond an ending."""
    rest, stem = _ending_set_aside(typed, candidate)
    if stem and not set(rest) & set(stem):
        return None
    common = sum((Counter(typed) & Counter(candidate)).values())
    dice = 2 * common / (len(typed) + len(candidate))
    return dice, difflib.SequenceMatcher(None, typed, candidate).ratio()


def closest(typed: str, candidates: Iterable[str], cutoff: float = CUTOFF) -> str | None:
    """The candidate ``typed`` most likely meant, or None (nothing close, or two equally close).
    Only for the error path: it compares ``typed`` with every candidate."""
    key = fold(typed)
    if not key:
        return None
    scored: list[tuple[tuple[float, float], str]] = []
    for candidate in dict.fromkeys(candidates):
        folded = fold(candidate)
        if folded == key:
            return candidate
        # Dice's coefficient is at most 2·len(candidate) / (len(typed) + len(candidate)): a
        # typed text that long shares too little with any (and difflib's ratio on a cell of
        # 30,000 characters took 30 ms a candidate).
        near = folded and 2 * len(folded) >= cutoff * (len(key) + len(folded))
        score = _score(key, folded) if near else None
        if score is not None and score[0] >= cutoff:
            scored.append((score, candidate))
    if not scored:
        return None
    scored.sort(key=lambda s: s[0], reverse=True)
    if len(scored) > 1 and scored[0][0] == scored[1][0]:
        return None
    return scored[0][1]


__all__ = ["CUTOFF", "ECHOED", "closest", "echoed", "fold"]
