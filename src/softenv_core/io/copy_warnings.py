"""Dataset warnings (提示, not errors) of a row copied and half edited (clerk c52 06): a contact
alike in every field but its id to another of the same point (the date left at the copied
row's: the point then reads 未联系上 in the month meant), and a report whose id names a month
other than the one it reports (``R-379923-2025-04`` for 2025-03).

Ids are free-form (data-format.md): nothing here refuses a record, and a report id is read for a
month only where it clearly carries one, a single ``YYYY-MM`` (the starter's ids do).
Each message is ``$.path: message``; the wording in Chinese is :data:`ZH_RULES`, which the one
table of translations (io/workbook_messages.py) splices in.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from operator import attrgetter

import attrs

from softenv_core.model.dataset import Dataset
from softenv_core.model.reports import Contact

#: Every field of a contact but its id: two contacts alike in all of them are one row copied.
_COMPARED = tuple(a.name for a in attrs.fields(Contact) if a.name != "id")
_POINT, _DAY = attrgetter("point"), attrgetter("date")
#: A month in an id: four digits from 2000, a hyphen, 01-12, not inside a longer number.
_ID_MONTH = re.compile(r"(?<![0-9])(20[0-9]{2})-(0[1-9]|1[0-2])(?![0-9])")


def copy_warnings(dataset: Dataset) -> list[str]:
    """The warnings of copied rows half edited: contacts, then reports."""
    return _contacts_copied(dataset) + _report_ids_months(dataset)


def _contacts_copied(dataset: Dataset) -> list[str]:
    """A contact alike in every field but the id to an earlier one of the same point and day.
    Keyed by (point, day) first: a province's 720,000 contacts hold a handful of such pairs,
    and only those are compared field by field."""
    contacts = dataset.contacts
    keys = list(zip(map(_POINT, contacts), map(_DAY, contacts), strict=True))
    if len(set(keys)) == len(keys):
        return []  # no point contacted twice on a day: the usual dataset, at C speed
    seen: dict[tuple[str, date], list[int]] = {}
    out = []
    for i, key in enumerate(keys):
        earlier = seen.setdefault(key, [])
        c = contacts[i]
        for j in earlier:
            other = contacts[j]
            if all(getattr(c, name) == getattr(other, name) for name in _COMPARED):
                out.append(
                    f"$.contacts[{i}] ({c.id}): alike in every field but the id to $.contacts[{j}] ({other.id}), "
                    f"point {c.point} on {c.date.isoformat()}: a copied row whose date was not changed?"
                )
                break
        earlier.append(i)
    return out


def _report_ids_months(dataset: Dataset) -> list[str]:
    """A report whose id carries one ``YYYY-MM`` other than its 所报月份."""
    out = []
    for i, r in enumerate(dataset.reports):
        found = _ID_MONTH.findall(r.id)
        if len(found) == 1 and f"{found[0][0]}-{found[0][1]}" != str(r.month):
            named = f"{found[0][0]}-{found[0][1]}"
            out.append(
                f"$.reports[{i}] ({r.id}).month: the id names {named} but the month reported is {r.month}: "
                "a copied row whose id or month was not changed?"
            )
    return out


ZH_RULES: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    (
        re.compile(r"^alike in every field but the id to (\S+) \((\S+)\), point (\S+) on (\S+): a copied row"),
        lambda m: (
            f"与 {m[1]}（{m[2]}）除编号外完全相同（监测点 {m[3]}，{m[4]}）：是否复制了一行而忘了改日期等？"
            "照常导入；如是另一次联系，请改正日期等，否则请删除其中一行"
        ),
    ),
    (
        re.compile(r"^the id names (\S+) but the month reported is (\S+): a copied row"),
        lambda m: (
            f"月报编号写的是 {m[1]}，所报月份是 {m[2]}：是否复制了一行而只改了其中一处？"
            f"照常按所报月份 {m[2]} 导入；如报的是 {m[1]}，请改正所报月份，否则请改正编号"
        ),
    ),
)


__all__ = ["ZH_RULES", "copy_warnings"]
