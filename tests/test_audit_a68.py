"""Auditor a68 01: 青山县's symposium bonus (qingshan.extra.symposium) counted months the point did
not owe — June for a point designated on 06-25 (four working days), October after a removal
effective 10-03 — while the city's contact rule beside it listed those very symposiums as not
counted. It now counts the months the point owes (PointYear.active_months), as 白河县's does."""

from __future__ import annotations

from datetime import date

import softenv_core as se
from softenv_core.model.divisions import City, County, CountyKind, Department
from softenv_core.model.points import Designator
from softenv_core.model.reports import Contact, ContactMethod
from softenv_core.model.roster import ChangeAction, ChangeReason, Filing, RosterChange
from softenv_core.testing import builders as b

QS = "379921"
S = ContactMethod.SYMPOSIUM


def _world() -> se.Dataset:
    q1 = b.make_point("Q1", QS, 2, designated_from=date(2020, 1, 1))
    q3 = b.make_point("Q3", QS, 8, designated_from=date(2025, 6, 25))  # June: 4 working days, not owed
    q4 = b.make_point("Q4", QS, 9, designated_until=date(2025, 10, 2))  # removed effective 10-03
    points = (b.make_point("A1", "379902", 1), q1, q3, q4)
    contacts = [c for p in points for c in b.monthly_contacts(p, 2025)]
    contacts += [
        Contact("S-Q3-06", "Q3", date(2025, 6, 27), S, QS),
        Contact("S-Q3-07", "Q3", date(2025, 7, 20), S, QS),
        Contact("S-Q4-10", "Q4", date(2025, 10, 2), S, QS),
    ]
    changes = (
        RosterChange(
            "RC-Q3", "Q3", ChangeAction.ADD, ChangeReason.DESIGNATION, date(2025, 6, 25), Designator.COUNTY, QS
        ),
        RosterChange(
            "RC-Q4", "Q4", ChangeAction.REMOVE, ChangeReason.OWN_WISH, date(2025, 10, 3), Designator.COUNTY, QS
        ),
    )
    return se.Dataset(
        city=City("379900", "示范市"),
        counties=(
            County("379902", "甲区", CountyKind.DISTRICT, "甲区经贸委"),
            County(QS, "青山县", CountyKind.COUNTY, "青山县经贸委"),
        ),
        departments=(Department("city-amr", "市市场监管局"),),
        points=points,
        contacts=tuple(contacts),
        reports=(*b.on_time_reports("379902", 2025), *b.on_time_reports(QS, 2025)),
        roster_changes=changes,
        filings=(Filing("F1", QS, date(2025, 6, 25), ("RC-Q3",)), Filing("F2", QS, date(2025, 10, 3), ("RC-Q4",))),
    )


def _symposium_points(result: se.Assessment, point: str) -> object:
    (row,) = [p for p in result.points if p.id == point]
    return next((i.points for i in row.items if i.rule.id == "qingshan.extra.symposium"), 0)


def test_01_the_symposium_bonus_counts_the_months_the_point_owes() -> None:
    result = se.assess(_world(), 2025, se.get_plugin_manager(), audience=se.CITY_OFFICE)
    assert _symposium_points(result, "Q3") == 2  # July only: June was not owed
    assert _symposium_points(result, "Q4") == 0  # October, after its removal, is not owed
