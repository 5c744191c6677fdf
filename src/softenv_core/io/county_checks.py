"""The checks of a dataset that read its counties' own records, run with the reference checks
(platform round 3, findings 05 and 08):

- a roster change (名册调整) concerns its point's county: one naming another county showed that
  county another county's point, with a 备案 flag against itself, and hid the change from the
  point's own county; so does a department's suggestion (有关部门建议) to remove a point (auditor
  a71 04: one naming another county loaded silently, and the year end listed the removal under
  that county);
- a county files a monthly report (月报) only on a month it exists in (any day of it, as it
  owes the month: DESIGN "Who owes what, when"): a report on a month before the county was
  created, or after it was abolished, is a date or a county typed wrong, never silently
  ignored; so is a waiver (豁免) of such a month, which would excuse nothing;
- a county files (备案) only on a day it exists: a filing dated before the county was created,
  or after it was abolished, is a date or a county typed wrong (auditor a43: one dated before
  the county existed was accepted, and counted as filed before its first points took effect,
  the one filing the city could never have received; DESIGN principle 3 refuses an impossible
  order of events, as the report on a month before the county is refused);
- a complaint (直接反馈) about a county's department is received on a day the county exists or
  after (auditor a68 02: one received months before the county was created was accepted, and
  the county's 十佳 condition counted its overdue days from before it existed). After the county
  was abolished a complaint about its department may still come in (the successor's question,
  docs/rules.md), so only a day before it was created is refused;
- a county's liaison office (经贸委) is not named as one of the city's offices (市经贸委, 市软建办,
  the dataset's own names of them): the 十佳 baseline reads a waiver decided under such a name
  as the city's (only a city waiver excuses a month: DESIGN principle 5), and the county's own
  waiver, decided_by its office, could not be told from one (auditor a76 02: 丁区 recorded with
  liaison office 市经贸委 became 可评先进 on its own waiver, without a notice);
- a county's own code typed wrong (379920 for 379902, in the 县区 sheet) is told at that code,
  when no record names it and the records name a close code the counties lack: each record was
  told "unknown county '379902'" (38 to 90 in a county's year) and none the cell to fix (clerk
  c62 01).

Each problem is ``$.path: message`` with the record's position; the loader adds its id.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from typing import Any

from softenv_core._fold import name_key
from softenv_core._near import closest_codes
from softenv_core.model.divisions import City, County, city_office_names
from softenv_core.model.periods import Month, beijing_date

#: The records that name their point and its county, each with what it is in a problem's words:
#: a roster change and a department's suggestion (auditor a71 04) concern their point's county
#: alike.
_POINT_COUNTY = (("roster_changes", "a roster change"), ("adjustment_suggestions", "a suggestion about a point"))


def county_problems(ix: Mapping[str, Iterable[tuple[int, Any]]]) -> list[str]:
    """Roster changes and suggestions naming another county than their point's, and reports on
    months their county does not exist in, over the collections ``ix`` (records with their
    positions)."""
    counties: dict[str, County] = {c.code: c for _, c in ix["counties"]}
    point_county = {p.id: p.county for _, p in ix["points"]}
    out = []
    for name, what in _POINT_COUNTY:
        for i, record in ix.get(name, ()):
            own = point_county.get(record.point) if record.point is not None else None
            if own is not None and record.county != own:  # an unknown point is a reference problem
                out.append(
                    f"$.{name}[{i}].county: {record.county!r} but point {record.point} is of county {own}; "
                    f"{what} concerns its point's county"
                )
    for i, report in ix["reports"]:
        span = _outside(counties.get(report.county), report.month)
        if span is not None:
            out.append(
                f"$.reports[{i}].month: {report.month} but county {report.county} exists from {span}; "
                "a county reports only on a month it exists in"
            )
    for i, waiver in ix.get("waivers", ()):
        # A waiver excusing a month its county never owed excuses nothing: most likely one meant
        # for the successor county or another month (auditor t9 04), refused as its report twin.
        span = _outside(counties.get(waiver.county), waiver.month)
        if span is not None:
            out.append(
                f"$.waivers[{i}].month: {waiver.month} but county {waiver.county} exists from {span}; "
                "a waiver excuses only a month its county exists in: correct its month or county, or delete it"
            )
    for i, filing in ix.get("filings", ()):
        span = _outside_day(counties.get(filing.county), filing.filed_on)
        if span is not None:
            out.append(
                f"$.filings[{i}].filed_on: {filing.filed_on} but county {filing.county} exists from {span}; "
                "a county files only on a day it exists"
            )
    out += _complaint_problems(ix, counties)
    out += _mistyped_codes(ix)
    return out


#: The records that name a county, and the field that names it (a contact's 联系单位: city or a county).
_NAMING = (
    ("points", "county"),
    ("reports", "county"),
    ("departments", "county"),
    ("roster_changes", "county"),
    ("filings", "county"),
    ("waivers", "county"),
    ("nominations", "county"),
    ("work_plans", "county"),
    ("publicity", "county"),
    ("adjustment_suggestions", "county"),
    ("contacts", "liaison"),  # last: a province's 720,000 are read only when a county has no point
)


def _mistyped_codes(ix: Mapping[str, Iterable[tuple[int, Any]]]) -> list[str]:
    """A county whose code no record names, while records name a code close to it that no county
    has: the county's own code most likely typed wrong. The closest such code is named (by
    _near.closest_codes; the one named most when two are as close), each county and code once."""
    codes = {c.code: i for i, c in ix["counties"]}
    unused = set(codes)
    named: Counter[str] = Counter()
    for name, field in _NAMING:
        if not unused:  # the usual case: every county has points, found in the first collections
            return []
        values = [getattr(r, field) for _, r in ix.get(name, ())]
        unused.difference_update(values)
        named.update(v for v in values if v is not None and v not in codes and v.isdigit())
    out = []
    for typed, n in named.most_common():
        ranked = closest_codes(typed, unused)
        if not ranked or ranked[0][1] < _CLOSE or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
            continue
        best = ranked[0][0]
        unused.discard(best)
        out.append(
            f"$.counties[{codes[best]}].code: county {best} is named by no record, while {n} record(s) "
            f"name county {typed}, which no county has: is {best} mistyped for {typed}?"
        )
    return out


#: How close (_near.closest_codes' ratio) a code named must be to a county's for the county's to be taken as
#: it typed wrong: two digits swapped or one digit changed in six is 0.83.
_CLOSE = 0.8


def office_name_problems(path: str, county: County, city: City) -> Iterator[str]:
    """A county's liaison office written as one of the names the city decides waivers under
    (model.divisions.city_office_names, with the seed's generic names: one a parameter set adds
    is found by the assessment, analyses/county_months.city_waivers). Compared as the assessment
    compares a waiver's decider (_fold.name_key: ``市 经贸委`` is 市经贸委; clerk c64 01)."""
    names = city_office_names(city)
    if name_key(county.liaison_office) in {name_key(n) for n in names}:
        yield (
            f"{path}.liaison_office: {county.liaison_office.strip()!r} is a name of the city's offices "
            f"({', '.join(names)}), under which the city decides waivers; a county's own waiver decided "
            f"by its office would count as the city's: write the county's own office (such as {county.name}经贸委)"
        )


def _complaint_problems(ix: Mapping[str, Iterable[tuple[int, Any]]], counties: Mapping[str, County]) -> list[str]:
    """Complaints about a county's department received (Beijing day) before the county existed."""
    created = {d.id: counties[d.county] for _, d in ix.get("departments", ()) if d.county in counties}
    out = []
    for i, complaint in ix.get("complaints", ()):
        county = created.get(complaint.department)
        received = complaint.received_at
        if county is None or county.effective_from is None or received is None:
            continue
        day = beijing_date(received)
        if day < county.effective_from:
            out.append(
                f"$.complaints[{i}].department: {complaint.department} is of county {county.code}, created "
                f"{county.effective_from}, but the complaint was received {day}; a complaint about a county's "
                "department is received on a day the county exists: correct the department or the day"
            )
    return out


def _outside_day(c: County | None, day: date) -> str | None:
    """The county's span when ``day`` is outside it, else None (as :func:`_outside`)."""
    if c is None:
        return None
    if (c.effective_from is not None and day < c.effective_from) or (
        c.effective_until is not None and day > c.effective_until
    ):
        return f"{c.effective_from or '…'} to {c.effective_until or '…'}"
    return None


def _outside(c: County | None, month: Month) -> str | None:
    """The county's span (``2025-04-01 to …``) when no day of ``month`` is inside it, else None
    (an unknown county is a reference problem, not this one)."""
    if c is None:
        return None
    if (c.effective_from is not None and month.last_day < c.effective_from) or (
        c.effective_until is not None and month.first_day > c.effective_until
    ):
        return f"{c.effective_from or '…'} to {c.effective_until or '…'}"
    return None


__all__ = ["county_problems", "office_name_problems"]
