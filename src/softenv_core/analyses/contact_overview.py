"""The contacts overview (联系监测点): whether each point's responsible liaison office reached
it in a month, and how (三(二): 市直 points by 市经贸委, county points by 县区经贸委)."""

from __future__ import annotations

from attrs import frozen

from softenv_core.model.dataset import Dataset
from softenv_core.model.periods import Month
from softenv_core.model.reports import ContactMethod

#: A method's value by the member's id: the enum's .value is a descriptor call and an Enum's
#: hash a Python method, and a province's month reads 60,000 contacts (members are singletons).
_METHOD_VALUE = {id(m): m.value for m in ContactMethod}


@frozen
class PointContact:
    """Whether a point's responsible liaison office reached it in a month, and how."""

    point: str
    county: str
    liaison: str  # "city" (市经贸委) or the county code (县区经贸委)
    reached: bool
    # Built only by contact_overview, with tuples (no converters: 30,000 of these a month).
    methods: tuple[str, ...]  # methods of the contacts that reached it
    contacts: tuple[str, ...]  # contact ids by the responsible office
    wrong_office: tuple[str, ...]  # contacts logged by another office


class ContactTally:
    """A county's points in one month's contact overview, counted as they come."""

    __slots__ = ("active", "methods", "reached", "unreached", "wrong_office")

    def __init__(self) -> None:
        self.active = self.reached = 0
        self.methods: list[str] = []
        self.unreached: list[str] = []
        self.wrong_office: list[str] = []

    def add(self, o: PointContact) -> None:
        self.active += 1
        if o.reached:
            self.reached += 1
            self.methods.extend(o.methods)
        else:
            self.unreached.append(o.point)
        self.wrong_office.extend(o.wrong_office)


def contact_overview(dataset: Dataset, month: Month) -> tuple[PointContact, ...]:
    """Every point active in ``month``: reached by its responsible office or not, by which
    methods, and any contact logged by an office that is not responsible for it (flagged)."""
    by_point = dataset.contacts_by_month_and_point.get(month, {})
    out = []
    first, last = month.first_day, month.last_day
    for pid, county, liaison, since, until, _ in dataset.point_terms:
        if since > last or (until is not None and until < first):
            continue
        contacts = by_point.get(pid)
        if not contacts:
            out.append(PointContact(pid, county, liaison, False, (), (), ()))
            continue
        own: list[str] = []
        methods: list[str] = []
        wrong: list[str] = []
        for c in contacts:
            if c.liaison == liaison:
                own.append(c.id)
                if c.reached:
                    methods.append(c.method.value)
            else:
                wrong.append(c.id)
        out.append(PointContact(pid, county, liaison, bool(methods), tuple(methods), tuple(own), tuple(wrong)))
    return tuple(out)


def county_tallies(dataset: Dataset, month: Month) -> dict[str, ContactTally]:
    """The month's overview counted by the county of the point: what tallying
    :func:`contact_overview` gives, in one pass over the month's contacts and one over the
    points, without a row per point (a county's ``methods`` and ``wrong_office`` are in no
    particular order: the report counts the one and sorts the other)."""
    first, last = month.first_day, month.last_day
    active: dict[str, tuple[ContactTally, str]] = {}  # point id → (its county's tally, liaison office)
    tallies: dict[str, ContactTally] = {}
    for pid, county, liaison, since, until, _ in dataset.point_terms:
        if since <= last and (until is None or until >= first):
            tally = tallies.get(county)
            if tally is None:
                tally = tallies[county] = ContactTally()
            active[pid] = (tally, liaison)
            # Every active point for now, in id order; the reached are taken out at the end
            # in one comprehension a county rather than one step a point.
            tally.unreached.append(pid)
    # Reached by the responsible office: the dataset's index, shared with the month's trends
    # (only active points are read from it below).
    reached = dataset.points_reached_by_month.get(month, frozenset())
    value_of = _METHOD_VALUE
    for c in dataset.contacts_by_month.get(month, ()):
        found = active.get(c.point)
        if found is None:
            continue
        tally, liaison = found
        if c.liaison != liaison:
            tally.wrong_office.append(c.id)
        elif c.reached:
            tally.methods.append(value_of[id(c.method)])
    for tally in tallies.values():
        points = tally.unreached
        tally.unreached = [p for p in points if p not in reached]
        tally.active = len(points)
        tally.reached = len(points) - len(tally.unreached)
    return tallies


__all__ = ["ContactTally", "PointContact", "contact_overview", "county_tallies"]
