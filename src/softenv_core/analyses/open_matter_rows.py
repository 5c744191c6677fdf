"""Section 四(二) of the monthly monitoring report (监测报告): the matters still open at the
report's day (未办结事项), as the reader may see them. Split from analyses.monitoring_report."""

from __future__ import annotations

from softenv_core.analyses.audiences import AudienceKind
from softenv_core.analyses.disclosure import TextScreen
from softenv_core.analyses.followup_status import open_matter_ages
from softenv_core.analyses.redaction import screen_prefixes
from softenv_core.analyses.report_inputs import ReportInputs, report_day
from softenv_core.analyses.report_rows import OpenMatterRow
from softenv_core.model.dataset import Dataset


def open_matter_rows(inputs: ReportInputs) -> tuple[OpenMatterRow, ...]:
    """Section 四(二): matters still open at the report's day, oldest first (none for the public):
    county reports as known at the report's instant (one submitted later that day, or an
    amendment submitted after it, is not known yet); contacts and follow-ups by the day."""
    aud = inputs.audience
    if aud.kind is AudienceKind.PUBLIC:
        return ()
    found = open_matter_ages(inputs.dataset, report_day(inputs), inputs.params, inputs.matters, as_of=inputs.as_of)
    if inputs.city_view:
        # Everything as it is: the usual batch (a year's province reports list 400,000 rows).
        return tuple(
            OpenMatterRow(
                m.source,
                m.record,
                m.county,
                m.category,
                m.department,
                m.text,
                m.point,
                m.raised_on,
                age,
                last.value if last is not None else None,
                long_open,
            )
            for m, age, last, long_open in found
        )
    screen = report_screen(inputs.dataset)
    rows = []
    for m, age, last, long_open in found:
        if not aud.sees_item(m.county, m.department, m.point):
            continue
        own = inputs.owns(m.county)
        rows.append(
            OpenMatterRow(
                source=m.source,
                record=m.record if own else "",
                county=m.county,
                category=m.category,
                department=m.department,
                text=screen.screen(m.text).text,
                point=m.point if own else None,
                raised_on=m.raised_on,
                age_days=age,
                last_step=last.value if last is not None else None,
                long_open=long_open,
            )
        )
    return tuple(rows)


def report_screen(dataset: Dataset) -> TextScreen:
    # Enterprise names and credit codes of the programme's points, the liaison persons, and
    # the point ids (a matter's text naming its point would give back the withheld field).
    names = [p.enterprise.name for p in dataset.points] + [p.enterprise.uscc for p in dataset.points]
    persons = [p.liaison_person for p in dataset.points if p.liaison_person]
    return TextScreen(names, persons, screen_prefixes(dataset), [p.id for p in dataset.points])


__all__ = ["open_matter_rows", "report_screen"]
