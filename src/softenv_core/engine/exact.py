"""The words a plugin's value is refused with when it is a subclass of the builtin type asked for.

The engine takes a value that decides a check only as exactly the builtin type (docs/hooks.md,
*Exactly the builtin types*): a subclass may answer ``==``, ``hash``, ``<`` or ``str()`` as it
likes. An honest plugin gives one too (a StrEnum reason, an IntEnum limit, a pendulum DateTime),
and was told "expected non-blank text" of a visible reason, or "expected a date" of a date
(plugin author p59): the refusal says the value must be exactly the type, and how to make one.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

#: By builtin type: its name in a refusal, and how a plugin makes one of its value (a StrEnum's
#: str() is its value; a (str, Enum) member's str() is "Class.NAME", its .value the text).
_EXACT: dict[type, tuple[str, str]] = {
    str: ("text, a str", "str(value), or an enum member's .value"),
    int: ("an int", "int(value)"),
    datetime: (
        "a datetime",
        "datetime.combine(day, time(h, m), BEIJING), or datetime.fromisoformat(value.isoformat())",
    ),
    date: ("a date", "date(value.year, value.month, value.day)"),
    Decimal: ("a Decimal", "Decimal(str(value))"),
}


def subclass_problem(value: object, builtin: type) -> str | None:
    """Why ``value``, an instance of a subclass of ``builtin`` (one of str, int, datetime, date,
    Decimal), is refused: ``exactly a date (not a subclass such as PlainDay): give date(…)``; None
    for exactly the type or anything that is none of it (the caller's own words name that)."""
    if type(value) is builtin or not isinstance(value, builtin):
        return None
    if builtin is date and isinstance(value, datetime):
        return None  # a datetime given for a date: a fault of its own, in date_problem's words
    noun, give = _EXACT[builtin]
    return f"exactly {noun} (not a subclass such as {type(value).__name__:.80}): give {give}"


__all__ = ["subclass_problem"]
