"""``year_records`` compares moments and reads their Beijing day in one fixed +08:00 zone (a
speed-up): the same complaints, days and known states as comparing the instants and converting
each moment, whatever zone the moments and ``as_of`` were written in."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import attrs
import pytest

from softenv_core.analyses.point_records import year_records
from softenv_core.demo import build_demo
from softenv_core.model.periods import beijing_date

_WEST = timezone(timedelta(hours=-5))


def _plain(dataset, year, as_of):
    """The rule written plainly: instants compared as instants, each day converted."""
    out = []
    for comp in dataset.complaints:
        if comp.events and comp.events[0].at <= as_of:
            day = beijing_date(comp.events[0].at)
            if day.year == year:
                out.append((comp.point, day, comp.known_at(as_of)))
    return sorted((p, d, c.id, c.events) for p, d, c in out)


def _shown(records):
    return sorted((p, d, c.id, c.events) for p, pairs in records[1].items() for d, c in pairs)


def _rezoned(dataset, every):
    """Every ``every``-th complaint's moments written in UTC or UTC−5, the others as they were."""
    complaints = []
    for i, comp in enumerate(dataset.complaints):
        if (i + 1) % every == 0:
            zone = UTC if i % (2 * every) == 0 else _WEST
            events = tuple(attrs.evolve(e, at=e.at.astimezone(zone)) for e in comp.events)
            comp = attrs.evolve(comp, events=events)
        complaints.append(comp)
    return attrs.evolve(dataset, complaints=tuple(complaints))


@pytest.fixture(scope="module")
def demo():
    return build_demo(2025, points_per_county=4, counties=2)


@pytest.mark.parametrize("every", [1, 2, 3])
def test_the_complaints_of_the_year_are_those_of_the_plain_rule_in_any_zone(demo, every):
    dataset = _rezoned(demo, every)
    moments = sorted(e.at for c in dataset.complaints for e in c.events)
    # Instants on an event (a boundary), between events, and the default-like end of January.
    instants = [moments[len(moments) // 3], moments[len(moments) // 2] + timedelta(seconds=1)]
    instants.append(datetime(2026, 1, 6, tzinfo=timezone(timedelta(hours=8))))
    for as_of in instants:
        for written in (as_of, as_of.astimezone(UTC), as_of.astimezone(_WEST)):
            assert _shown(year_records(dataset, 2025, written)) == _plain(dataset, 2025, written)
