"""Where the city baseline's rules come from: the seed's clauses, or the city's decisions.

Principle 6 of the design: a rule or parameter cites the seed (``seed 三(二)``) only for what
the seed's text says; numbers the seed does not state are the city's implementing decision
(``city decision``) and say so.
"""

from __future__ import annotations

from datetime import date

#: The baseline's version: the date the seed carries (its adoption date is not stated).
VERSION = date(2022, 3, 1)
#: The seed document, by its own title (its text says 软环境 throughout, its title does not):
#: 市环境建设监测工作意见 (2022-03-01).
SEED_TITLE = "市环境建设监测工作意见(2022-03-01)"
CITY_DECISION = "city decision"
#: The same in Chinese, for documents to officials (each reference has a ``reference_zh``).
CITY_DECISION_ZH = "市级实施决定"
#: The seed's title as a Chinese document cites it.
SEED_TITLE_ZH = "《市环境建设监测工作意见》"


def seed(clause: str, quote: str = "") -> str:
    """A reference to a clause of the seed, with the words it says (``seed 三(二): …``)."""
    return f"seed {clause}" + (f": {quote}" if quote else "")


def seed_zh(clause: str, quote: str = "") -> str:
    """The same reference in Chinese: ``《市环境建设监测工作意见》三(二)：“…”`` (a quotation
    inside the quoted words in single marks, as Chinese documents nest them). ``quote`` is the
    seed's words exactly, its full-width punctuation (,) included: :func:`seed` writes them
    for developers with ``, ``, which a quotation in Chinese may not."""
    inner = quote.replace("“", "‘").replace("”", "’")
    return f"{SEED_TITLE_ZH}{clause}" + (f"：“{inner}”" if quote else "")


def seed_and_decision(clause: str, quote: str, en: str, zh: str, quote_zh: str | None = None) -> tuple[str, str]:
    """A clause of the seed and what the city decided beside it, as ``(reference,
    reference_zh)``: ``seed 三(二): …; points: city decision`` and ``《…》三(二)：“…”；分值：市级实施决定``.
    ``quote_zh``: the seed's words exactly as it writes them, where ``quote`` writes them for
    developers (``, `` for its ,); the same words when None."""
    zh_words = quote if quote_zh is None else quote_zh
    return seed(clause, quote) + f"; {en}: {CITY_DECISION}", seed_zh(clause, zh_words) + "；" + city_decision_zh(zh)


def city_decision_zh(what: str = "") -> str:
    """``市级实施决定``, with what the city decided (``…：市级实施决定``) when given."""
    return f"{what}：{CITY_DECISION_ZH}" if what else CITY_DECISION_ZH


__all__ = [
    "CITY_DECISION",
    "CITY_DECISION_ZH",
    "SEED_TITLE",
    "SEED_TITLE_ZH",
    "VERSION",
    "city_decision_zh",
    "seed",
    "seed_zh",
]
