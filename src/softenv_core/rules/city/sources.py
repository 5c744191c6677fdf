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


def seed(clause: str, quote: str = "") -> str:
    """A reference to a clause of the seed, with the words it says (``seed 三(二): …``)."""
    return f"seed {clause}" + (f": {quote}" if quote else "")


__all__ = ["CITY_DECISION", "SEED_TITLE", "VERSION", "seed"]
