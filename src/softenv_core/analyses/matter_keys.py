"""The keys a matter (事项跟踪) is known and followed up by, and a county report's items across its
versions. Split from analyses/followup_status.py.

A matter is keyed by (source, record id, item position), as it was raised: a report's item by
its position in the version of the report read (docs/rules.md "What is known when": what the
report said then does not depend on what was submitted later). A follow-up names a report's
item by its position in the report's *latest* amendment (docs/data-format.md, checked on load):
read at an earlier instant, an amendment made after it that dropped or reordered items moved
every follow-up onto another matter (auditor a81 01). So each item of the version read is found
in the latest version by ``matter_key`` (point, category, department and text by
``matter_text``: a trailing space or a zero-width character is no other item), the k-th of
equal items in one version being the k-th in the other, and followed up under that position
(``Matter.followed_as``); an item the latest version no longer carries has no position there,
and no follow-up names it. Compared the same way, an item is raised on the day of the first
version that carries it, so an amendment that only tidies its text does not re-date it
(auditor a81 02).
"""

from __future__ import annotations

from datetime import date

from attrs import field, frozen

from softenv_core._validators import to_tuple
from softenv_core.model.periods import beijing_date
from softenv_core.model.reports import Amendment, ItemMatchKey, MonthlyReport, matter_key

MatterKey = tuple[str, str, int]  # (source, record id, item position: a report's in the version read)


@frozen
class Matter:
    """A matter raised (反映事项) that the liaison office follows up."""

    source: str  # MatterSource value
    record: str
    item: int
    point: str | None
    county: str
    category: str
    department: str | None
    text: str
    raised_on: date
    aliases: tuple[MatterKey, ...] = field(default=(), converter=to_tuple)  # the same item in a report
    #: The keys follow-ups name it by, where they are not ``key`` and ``aliases``: a report read as
    #: it stood before an amendment that dropped or reordered items (module docstring); not
    #: part of the matter as read, so not compared.
    followed_as: tuple[MatterKey, ...] | None = field(default=None, eq=False)

    @property
    def key(self) -> MatterKey:
        return (self.source, self.record, self.item)

    @property
    def follow_keys(self) -> tuple[MatterKey, ...]:
        """The keys of its follow-ups (``FollowUp.matter``): its own and its aliases'."""
        return (self.key, *self.aliases) if self.followed_as is None else self.followed_as


def followed_up(m: Matter, followed: set[MatterKey]) -> bool:
    """Whether someone followed ``m`` up under one of its keys, its own or an alias's (a report
    item repeating it); most matters are not, and need no look-up of their steps."""
    if m.followed_as is not None:
        return not followed.isdisjoint(m.followed_as)
    return (m.source, m.record, m.item) in followed or bool(m.aliases and not followed.isdisjoint(m.aliases))


def with_aliases(m: Matter, aliases: list[MatterKey], follows: list[MatterKey | None] | None) -> Matter:
    """Contact matter ``m`` with the report items repeating it, and the keys follow-ups name
    those by (followup_status._Read; None: their own), built directly: attrs.evolve reads the
    class's fields on every call (a tenth of a year's reports once they carried their points' items)."""
    followed_as = None if follows is None else (m.key, *(f for f in follows if f is not None))
    return Matter(
        m.source,
        m.record,
        m.item,
        m.point,
        m.county,
        m.category,
        m.department,
        m.text,
        m.raised_on,
        tuple(aliases),
        followed_as,
    )


class ReportVersions:
    """The items of reports with amendments across their versions, each report's worked out once
    for the batch (such a report is read again on every day asked about): where each item of a
    version is in the latest version, and the day it was first reported."""

    __slots__ = ("_read",)

    def __init__(self) -> None:
        #: Report id → for each version (the report, then its amendments), each item's position
        #: in the latest version (None: it has none; the latest's own: None) and its day raised.
        self._read: dict[str, list[tuple[list[int | None] | None, list[date]]]] = {}

    def read(self, r: MonthlyReport, version: MonthlyReport | Amendment) -> tuple[list[int | None] | None, list[date]]:
        """Each item of ``version`` (``r`` itself or one of its amendments, as ``version_at``
        gives it): the same item's position in ``r``'s latest version (None where the latest has
        no such item; None for the latest version itself, every item its own), and the Beijing
        day of the first version that carries it (items compared by ``matter_key``, the k-th of
        equal ones as the k-th: an amendment only tidying an item's text does not re-date it,
        auditor a81 02; one a county added by an amendment, 补报, is raised that day, t10)."""
        found = self._read.get(r.id)
        if found is None:
            found = self._read[r.id] = _read(r)
        if version is r:
            return found[0]
        return next(found[n] for n, a in enumerate(r.amendments, 1) if a is version)


def _read(r: MonthlyReport) -> list[tuple[list[int | None] | None, list[date]]]:
    versions: list[MonthlyReport | Amendment] = [r, *r.amendments]
    keyed = [
        [matter_key(it.point or "", it.category.value, it.department, it.text) for it in v.items] for v in versions
    ]
    latest: dict[ItemMatchKey, list[int]] = {}
    for j, key in enumerate(keyed[-1]):
        latest.setdefault(key, []).append(j)
    first: dict[ItemMatchKey, list[date]] = {}  # key → the day its first, second … equal item was raised
    out: list[tuple[list[int | None] | None, list[date]]] = []
    for n, (version, keys) in enumerate(zip(versions, keyed, strict=True)):
        day = beijing_date(version.submitted_at)
        seen: dict[ItemMatchKey, int] = {}  # key → how many equal items came before it in this version
        at: list[int | None] = []
        raised: list[date] = []
        for key in keys:
            k = seen.get(key, 0)
            seen[key] = k + 1
            same = latest.get(key, ())
            at.append(same[k] if k < len(same) else None)
            days = first.setdefault(key, [])
            if k == len(days):  # the first version with this many such items
                days.append(day)
            raised.append(days[k])
        out.append((None if n == len(versions) - 1 else at, raised))
    return out


__all__ = ["Matter", "MatterKey", "ReportVersions", "followed_up", "with_aliases"]
