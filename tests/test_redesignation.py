"""A re-designation (县区 → 市直) as docs/data-format.md records it: two point records of one
enterprise meeting without overlap, with the roster changes naming each other. It validates, and
it is read as two points (the documented limitation, auditor finding 05): the unreached run is
split at the change and the new record is not designated the whole year."""

from datetime import date

import attrs

from softenv_core import CITY_OFFICE, assess, baseline_parameters, get_plugin_manager
from softenv_core.analyses.adjustment import propose_adjustments
from softenv_core.io.validation import validate
from softenv_core.model.points import Designator, PointLevel
from softenv_core.model.reports import Contact, ContactMethod
from softenv_core.model.roster import ChangeAction, ChangeReason, RosterChange
from softenv_core.testing import make_point, small_dataset

JIA = "379902"
CHANGED = date(2025, 5, 27)


def _redesignated():
    old = make_point("E-old", JIA, 1101, designated_until=CHANGED.replace(day=26))
    new = make_point("E-new", JIA, 1101, level=PointLevel.CITY, designated_from=CHANGED)
    changes = (
        RosterChange("RC-old", "E-old", ChangeAction.REMOVE, ChangeReason.OTHER, CHANGED, Designator.CITY, JIA,
                     "转为市直, 新记录 E-new"),
        RosterChange("RC-new", "E-new", ChangeAction.ADD, ChangeReason.DESIGNATION, CHANGED, Designator.CITY, JIA,
                     "由县区监测点 E-old 转为市直"),
    )  # fmt: skip
    unreached = {3, 4, 5, 6, 7}  # March–May on the old record, June–July on the new
    contacts = [
        Contact(f"C-{m}", "E-old" if m <= 5 else "E-new", date(2025, m, 12), ContactMethod.PHONE,
                JIA if m <= 5 else "city", m not in unreached)
        for m in range(1, 13)
    ]  # fmt: skip
    base = small_dataset(2025)
    return attrs.evolve(
        base,
        points=(*base.points, old, new),
        contacts=(*base.contacts, *contacts),
        roster_changes=(*base.roster_changes, *changes),
    )


def test_a_redesignation_recorded_as_documented_is_read_as_two_points():
    ds = _redesignated()
    validate(ds)
    assert ds.points[-1].enterprise.uscc == ds.points[-2].enterprise.uscc
    a = assess(ds, 2025, get_plugin_manager(autoload=False), audience=CITY_OFFICE)
    old, new = a.point("E-old"), a.point("E-new")
    assert [str(m) for m in old.active_months] == [f"2025-{m:02}" for m in range(1, 6)]
    assert [str(m) for m in new.active_months] == [f"2025-{m:02}" for m in range(6, 13)]
    # Five months unreached across the change, but three and two on each record: no proposal,
    # and the old record has left the roster by year end.
    proposals = propose_adjustments(ds, a, baseline_parameters(), audience=CITY_OFFICE)
    assert {p.point for p in proposals} & {"E-old", "E-new"} == set()
    (whole_year,) = [c for c in new.nomination_conditions if c.rule.id == "city.nominate.whole_year"]
    assert not whole_year.passed
