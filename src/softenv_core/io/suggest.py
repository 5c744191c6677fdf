"""The closest allowed text to one mistyped: an enum's value or label, a field or sheet name.

Used on the error path only ("是否应为 县区增设?", "did you mean 'phone'?"). These rules keep a
suggestion from pointing the wrong way (clerk c22 findings 01 and 02, clerk c57 01):

- The texts are compared folded: NFKC (full-width ``ｐｈｏｎｅ`` is ``phone``), case-folded
  (``PHONE``), without spaces (``县区 增设``). A folded text equal to an allowed one is that one.
- A candidate is not suggested merely because the typed text holds its ending. Chinese labels
  put what tells them apart first and a shared word last (市确定 / 县区增设, 大型 / 中型): ``县区确定``
  holds 市确定's ending 确定, yet means the county's value. So the candidate's longest ending found
  in the typed text is set aside, with its place there; what is left of the candidate must share
  a character with what is left of the typed text (a candidate held whole is kept: 很满意 →
  满意). The others are ranked by the characters they share, in any order (区县 for 县区), then
  by difflib's ratio; a tie is no suggestion (小中型: 小型 or 中型?).
- A negation (不, 没, 非, 未; not 非常) in the typed text and none in the candidate, or the other
  way round, is the opposite meaning: ``基本不满意`` is not 基本满意, ``合格`` not 不合格. Nor is a
  shared negation (不, 不予, 没有 …) on its own something the two share: ``不予签收`` is not
  不予受理, ``部分不实`` not 不属实 (reviewer r61 01).
- A candidate held whole with words of the typed text's own beside it (比较满意, 满意度一般), where
  another candidate is that candidate qualified (基本满意, 不满意), may mean either: a tie. So is
  one where another candidate, whichever way its negation goes, holds those words: ``部分不属实``
  holds 不属实, yet its 部分 is 部分属实's (partly substantiated), and ``基本不满意`` may be 不满意
  or 基本满意 (reviewer r61 01). Only words that merely strengthen it (很, 非常, 十分 …) leave it
  held whole: 很满意 → 满意.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

#: The lowest share of characters in common (Dice's coefficient) a suggestion needs: 县确定 and
#: 县区增设 share 县 (2 × 1 / 7 = 0.29) once 确定 is set aside as 市确定's ending.
CUTOFF = 0.25
#: The characters that negate a Chinese word (``_negated``); 非常 (very) is no negation.
NEGATIONS = "不没非未"
#: A negation as two texts may share it (不予受理, 没有联系上), 非常 kept (``_bare``).
_NEGATION = re.compile(f"非常|(不予|未予|没有|[{NEGATIONS}])")
#: Words beside a candidate held whole that only strengthen it or end the sentence (很满意).
_STRENGTHENING = ("非常", "十分", "特别", "很", "挺", "真", "极", "最", "了", "的", "。", "!")
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
    # A stem beyond its negation shares more than the negation (不予签收 is not 不予受理, 部分不实
    # not 不属实); a stem that is only one shares it (不太满意 → 不满意, 没有满意 ↛ 不满意).
    if _bare(stem):
        rest, stem = _bare(rest), _bare(stem)
    if stem and not set(rest) & set(stem):
        return None
    common = sum((Counter(typed) & Counter(candidate)).values())
    dice = 2 * common / (len(typed) + len(candidate))
    return dice, difflib.SequenceMatcher(None, typed, candidate).ratio()


def _bare(text: str) -> str:
    """The folded ``text`` without its negations (不, 不予, 没有 …; 非常 kept): what two texts
    share beyond a negation."""
    return _NEGATION.sub(lambda m: m[0] if m[1] is None else "", text)


def _beside(typed: str, candidate: str) -> list[str]:
    """The words of ``typed`` before and after ``candidate`` held in it, without the words that
    only strengthen it (很满意) or end the sentence; the empty ones left out."""
    at = typed.find(candidate)
    words = []
    for word in (typed[:at], typed[at + len(candidate) :]):
        for strengthening in _STRENGTHENING:
            word = word.replace(strengthening, "")
        if word:
            words.append(word)
    return words


def _holds(other: str, word: str) -> bool:
    """Whether ``other`` holds ``word``, or two characters of it together (部分地 in 部分属实)."""
    return word in other or any(word[i : i + 2] in other for i in range(len(word) - 1))


def _qualified(typed: str, candidate: str, alike: Iterable[str], every: Iterable[str]) -> bool:
    """Whether ``candidate``, held whole in the longer Chinese ``typed`` with words of its own
    beside it (比较满意, 满意度一般, 部分不属实), may mean another candidate: one of ``alike`` (those
    negated as ``typed`` is) holding it too (基本满意), or one of ``every`` (whichever way its
    negation goes) holding the words beside it (部分属实). Then neither is suggested."""
    if typed.isascii() or candidate not in typed or typed == candidate:
        return False
    words = _beside(typed, candidate)
    if not words:
        return False
    return any(other != candidate and candidate in other for other in alike) or any(
        other != candidate and any(_holds(other, w) for w in map(_bare, words) if w) for other in every
    )


def closest(typed: str, candidates: Iterable[str], cutoff: float = CUTOFF) -> str | None:
    """The candidate ``typed`` most likely meant, or None (nothing close, or two equally close).
    Only for the error path: it compares ``typed`` with every candidate."""
    key = fold(typed)
    if not key:
        return None
    scored: list[tuple[tuple[float, float], str, str]] = []
    kept: list[str] = []  # the candidates folded that do not say the opposite of ``typed``
    every: list[str] = []  # every candidate folded, whichever way its negation goes
    negated = _bare(key) != key  # it says not (不满意, 未报, 没联系上), 非常 set aside
    for candidate in dict.fromkeys(candidates):
        folded = fold(candidate)
        if folded == key:
            return candidate
        every.append(folded)
        if (_bare(folded) != folded) != negated:
            continue
        kept.append(folded)
        # Dice's coefficient is at most 2·len(candidate) / (len(typed) + len(candidate)): a
        # typed text that long shares too little with any (and difflib's ratio on a cell of
        # 30,000 characters took 30 ms a candidate).
        near = folded and 2 * len(folded) >= cutoff * (len(key) + len(folded))
        score = _score(key, folded) if near else None
        if score is not None and score[0] >= cutoff:
            scored.append((score, candidate, folded))
    if not scored:
        return None
    scored.sort(key=lambda s: s[0], reverse=True)
    if len(scored) > 1 and scored[0][0] == scored[1][0]:
        return None
    _, best, best_folded = scored[0]
    return None if _qualified(key, best_folded, kept, every) else best


__all__ = ["CUTOFF", "ECHOED", "NEGATIONS", "closest", "echoed", "fold"]
