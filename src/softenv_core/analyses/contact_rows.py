"""Section 三's rows of the monthly report: contacts with the points each liaison office owes
in the month, counted by the point's responsible office. Split from analyses.monitoring_report."""

from __future__ import annotations

from collections import Counter

from softenv_core.analyses.contact_overview import ContactTally, owing_ids
from softenv_core.analyses.county_months import exists_in
from softenv_core.analyses.liaison import liaison_check
from softenv_core.analyses.report_inputs import ReportInputs
from softenv_core.analyses.report_rows import ContactRow
from softenv_core.model.points import CITY_LIAISON
from softenv_core.model.reports import ContactMethod


def contact_rows(
    inputs: ReportInputs, tallies: dict[str, ContactTally], short: dict[str, list[str]]
) -> tuple[ContactRow, ...]:
    """Section 三: contacts, counted by the point's responsible office in one pass over the
    month (``tallies``: the points that owe the month's contact, as the assessment decides it).
    The 市直 points are 市经贸委's to contact (三(二)): their row is ``"city"``, first, when
    there are any, so that a county's row counts only the contacts it owed (auditor t4 02).
    ``short``: the points too few days on the roster to owe the month, by office (clerk c53 03).
    A row's 非定人联系 counts the contacts of the points it counts, those owing the month, as its
    非责任单位联系 does: a point too few days on the roster is not in the table (不计入本表), its
    contact by another person than its liaison person was counted all the same (auditor a71 02)."""
    owing = owing_ids(inputs.dataset, inputs.month, inputs.calendar, inputs.params, inputs.as_of)
    not_liaison: dict[str, list[str]] = {}
    for f in liaison_check(inputs.dataset, inputs.month, inputs.as_of).flagged:
        if f.point in owing:
            not_liaison.setdefault(f.office, []).append(f.contact)
    # A county that does not exist on any day of the month (abolished before it, created after)
    # has no row: it has no points then, and 0 应联系 read as a county with nothing to do.
    offices = [
        c.code
        for c in sorted(inputs.dataset.counties, key=lambda c: c.code)
        if exists_in(c, inputs.month) or c.code in tallies or c.code in not_liaison
    ]
    if CITY_LIAISON in tallies or CITY_LIAISON in not_liaison:
        offices.insert(0, CITY_LIAISON)
    rows = []
    for office in offices:
        tally = tallies.get(office) or ContactTally()
        methods = Counter(tally.methods)
        wrong = sorted(tally.wrong_office)
        rows.append(
            ContactRow(
                county=office,
                active_points=tally.active,
                reached=tally.reached,
                # The city row's list is the city office's (owns: a county is never "city").
                unreached=tuple(tally.unreached) if inputs.owns(office) else (),
                by_method={m.value: methods.get(m.value, 0) for m in ContactMethod},
                wrong_office=tuple(wrong) if inputs.city_view else (),
                wrong_office_count=len(wrong),
                not_liaison=tuple(sorted(not_liaison.get(office, ()))) if inputs.city_view else (),
                not_liaison_count=len(not_liaison.get(office, ())),
                short_of_days=tuple(short.get(office, ())) if inputs.owns(office) else (),
            )
        )
    return tuple(rows)


__all__ = ["contact_rows"]
