"""Dataset warnings (提示): findings that are not errors, told by ``softenv validate``, the
workbook import (at their cells) and ``POST /v1/validate``. Split from io/dataset_files.py,
which loads a dataset and re-exports :func:`dataset_warnings`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from typing import Any

from softenv_core.io.checked import require_dataset
from softenv_core.io.copy_warnings import copy_warnings
from softenv_core.io.department_names import department_name_warnings
from softenv_core.io.designation_checks import unrecorded_warnings
from softenv_core.io.former_name_text import joined_warnings
from softenv_core.io.liaison_warnings import county_typed_warnings, liaison_term_warnings
from softenv_core.io.nomination_checks import early_nomination_warnings
from softenv_core.io.roster_authority import authority_warnings
from softenv_core.model.dataset import Dataset
from softenv_core.model.designations import county_record, designated_within
from softenv_core.model.enterprises import sector_of
from softenv_core.model.periods import beijing_date, require_day
from softenv_core.model.points import MonitoringPoint, PointLevel
from softenv_core.model.reports import Amendment, Item, MonthlyReport


def dataset_warnings(dataset: Dataset, *, since: date | None = None) -> list[str]:
    """Findings that are not errors: a declared size the figures contradict, a credit code registered in another
    county (the enterprise may have moved), a sector its industry contradicts, a credit code shared by points
    under different enterprise names (and one name under different credit codes), a designation beginning or
    ending in a year of the reports that no roster change records (its filing and adjustment window go
    unchecked), a former liaison person's last day outside the point's designation (or the same person named
    after it), a contact dated outside its point's designation (it counts for nothing), a complaint received
    outside it (it raises no matter and counts for no point's duty), an amendment that leaves out items of the
    version it amends (they no longer count), a report's item naming a point of another county or one not
    designated in the report's month, a report submitted after its county ended (auditor a66 01), a row copied
    and half edited (io/copy_warnings.py: a contact alike to another but for its id, a report id naming another
    month), a point's county its id and its contacts' 联系单位 both contradict (io/liaison_warnings.py), a
    former name (曾用名) holding several names or a note, which the screen cannot mask as meant
    (io/former_name_text.py), two departments of one name under two ids (io/department_names.py), a nomination
    submitted in the first half of its year, most likely its year typed as the submission's
    (io/nomination_checks.py). ``since``: the programme's first day (the baseline's, read by the caller:
    :func:`~softenv_core.io.designation_checks.unrecorded_warnings`)."""
    require_dataset(dataset)
    if since is not None:  # a text "2025-01-01" raised a TypeError deep in the checks (s21 02)
        require_day(since, "since")
    out = []
    for i, pt in enumerate(dataset.points):
        e = pt.enterprise
        check = e.size_check()
        if check.size is not None and check.size is not e.size:
            out.append(
                f"$.points[{i}] ({pt.id}).enterprise.size: declared {e.size.zh} but the figures give "
                f"{check.size.zh} ({check.reason}; {check.method_version})"
            )
        region = e.registration_region
        if region != pt.county and region[:4] == dataset.city.prefix:
            out.append(
                f"$.points[{i}] ({pt.id}).enterprise.uscc: registered in {region}, designated in {pt.county} (moved?)"
            )
        if e.industry is not None:
            derived = sector_of(e.industry)
            if derived is not None and derived is not e.sector:
                out.append(
                    f"$.points[{i}] ({pt.id}).enterprise.sector: declared {e.sector.zh} but industry "
                    f"{e.industry} gives {derived.zh}"
                )
        out += joined_warnings(i, pt.id, e.former_names)
    return (
        out
        + _codes_renamed(dataset)
        + _names_recoded(dataset)
        + unrecorded_warnings(dataset, since)
        + authority_warnings(dataset)
        + liaison_term_warnings(dataset)
        + county_typed_warnings(dataset)  # a point's county its id and contacts contradict (clerk c62 05)
        + _contacts_outside(dataset)
        + _complaints_outside(dataset)
        + _amendments_dropping(dataset)
        + _report_items_elsewhere(dataset)
        + _reports_after_end(dataset)
        + _nominations_elsewhere(dataset)
        + early_nomination_warnings(dataset)  # a nomination's year typed as its submission's (clerk c60 03)
        + copy_warnings(dataset)
        + department_name_warnings(dataset)
    )


def _codes_renamed(dataset: Dataset) -> list[str]:
    """Points of one credit code under different enterprise names. A 统一社会信用代码 is given
    to one body for life and never reused (GB 32100-2015), so the library reads such records as
    one enterprise re-designated (data-format.md): a 万人评议 rating under either is the
    enterprise's part in the round on both, and validation refuses their overlap. A code reused
    for a new enterprise, or typed wrong, thus credits one enterprise with another's rating
    without a word (auditor a38): told at each later record, naming the first."""
    return [
        f"$.points[{i}] ({pt.id}).enterprise.name: {name!r} has the credit code {code} of "
        f"$.points[{j}] ({first_id}), {first_name!r}: one credit code is one enterprise, so the two "
        "are read as one (a 万人评议 rating under either counts for both); if it is another "
        "enterprise, correct its credit code"
        for i, pt, code, name, (j, first_id, first_name) in _first_differs(dataset, by_code=True)
    ]


def _names_recoded(dataset: Dataset) -> list[str]:
    """Points of one enterprise name under different credit codes: the mirror of
    :func:`_codes_renamed`. The library knows an enterprise by its code, so the records are two
    enterprises: a 万人评议 rating under one is not the other's part in the round. A code corrected
    on a re-designated record only (the old one kept the mistyped code) thus scores the enterprise
    0 for a round it rated under the old record without a word (auditor a47): told at each later
    record of another code, naming the first."""
    return [
        f"$.points[{i}] ({pt.id}).enterprise.uscc: {code} differs from the credit code {first_code} of "
        f"$.points[{j}] ({first_id}) under the same enterprise name {name!r}: two credit codes are "
        "two enterprises, so the two are read apart (a 万人评议 rating under one does not count for "
        "the other); if the code was corrected, write the corrected code on both records"
        for i, pt, name, code, (j, first_id, first_code) in _first_differs(dataset, by_code=False)
    ]


def _first_differs(
    dataset: Dataset, *, by_code: bool
) -> Iterator[tuple[int, MonitoringPoint, str, str, tuple[int, str, str]]]:
    """The points whose enterprise's name (``by_code``) or credit code (else) differs from the
    first point's of the same credit code (or name): (index, point, its key, its value, and the
    first point's index, id and value)."""
    first: dict[str, tuple[int, str, str]] = {}
    for i, pt in enumerate(dataset.points):
        name, code = pt.enterprise.name.strip(), pt.enterprise.uscc
        key, value = (code, name) if by_code else (name, code)
        seen = first.setdefault(key, (i, pt.id, value))
        if seen[2] != value:
            yield i, pt, key, value, seen


def not_told(
    found: list[str], before: Dataset | None, warn: Callable[[Dataset], list[str]], told: list[str]
) -> list[str]:
    """``found``, a dataset's warnings, without those ``before`` (the dataset it was made from by
    appending: its records keep their ``$.path``) gives alone, which go to ``told``: told when it
    was imported, they were listed again on every monthly ``--into`` import (clerk c45). ``warn``
    is read of ``before`` only when there is a warning to weigh."""
    if before is None or not found:
        return found
    known = set(warn(before))
    told.extend(w for w in found if w in known)
    return [w for w in found if w not in known]


def _amendments_dropping(dataset: Dataset) -> list[str]:
    """An amendment (月报修改) is the whole report as amended, so the items it leaves out of the
    version it amends are dropped from what the report says (rules.md). A clerk who typed only
    the one matter she meant to add ("补报一项") dropped the others without a word (t5 08): told
    here. An item kept with its wording changed (same category, department and point) is not
    dropped; a zero-report amendment states plainly that nothing stands, and is not told."""
    out = []
    for i, r in enumerate(dataset.reports):
        before: MonthlyReport | Amendment = r
        for k, amendment in enumerate(r.amendments):
            left = _left_out(before.items, amendment.items)
            if left and not amendment.nothing_to_report:
                what = "the original report" if k == 0 else f"amendment {k}"
                out.append(
                    f"$.reports[{i}] ({r.id}).amendments[{k}]: amendment {k + 1} of report {r.id} leaves out "
                    f"{left} of the {len(before.items)} item(s) of {what}: an amendment is the whole report "
                    "as amended, so they no longer count; to add an item, repeat the items that still stand"
                )
            before = amendment
    return out


def _left_out(before: tuple[Item, ...], after: tuple[Item, ...]) -> int:
    """How many of ``before``'s items have no counterpart (category, department, point) in ``after``."""
    kept = Counter((a.category, a.department, a.point) for a in after)
    left = 0
    for item in before:
        key = (item.category, item.department, item.point)
        if kept[key]:
            kept[key] -= 1
        else:
            left += 1
    return left


#: Records outside their point's designation told one by one, up to this many; then a count.
_SHOWN_OUTSIDE = 20


def _contacts_outside(dataset: Dataset) -> list[str]:
    """A contact dated outside its point's designation interval (its effective one, roster
    changes applied) loads, and counts for nothing: no month is owed then and its items raise
    no matter (DESIGN "Who owes what, when"). A clerk who typed the wrong year or point sees
    the point 未联系上 in the month meant, without a word; so it is told here."""
    dated = ((i, c.id, c.point, c.date) for i, c in enumerate(dataset.contacts))
    found, more = _outside(dataset, dated)
    out = [
        f"$.contacts[{i}] ({cid}).date: {day.isoformat()} is outside point {pid}'s designation ({span}): not counted"
        for i, cid, pid, day, span in found
    ]
    if more:
        out.append(f"$.contacts: {more} more contact(s) dated outside their point's designation: not counted")
    return out


def _complaints_outside(dataset: Dataset) -> list[str]:
    """A complaint received (Beijing day) outside its point's designation interval is handled
    like any other, but raises no matter, counts for no point's duty and flags no county's
    report (Dataset.complaints_inside); it most likely names the wrong record of a re-designated
    enterprise (each complaint names the record designated on its date), so it is told here."""
    dated = ((i, q.id, q.point, beijing_date(q.events[0].at)) for i, q in enumerate(dataset.complaints) if q.events)
    found, more = _outside(dataset, dated)
    out = [
        f"$.complaints[{i}] ({qid}).events[0].at: received {day.isoformat()}, outside point {pid}'s designation "
        f"({span}): raises no matter and counts for no point's duty"
        for i, qid, pid, day, span in found
    ]
    if more:
        out.append(f"$.complaints: {more} more complaint(s) received outside their point's designation")
    return out


def _report_items_elsewhere(dataset: Dataset) -> list[str]:
    """An item of a county's report naming a 市直 point (a county report answers for its county
    points only: DESIGN), a point of another county, or a point not designated in the report's
    month, loads: a point moved between counties is a new record, and the item names the other
    one (auditor a53). It then clears no 可能漏报 flag of the point's record that month and counts
    the reporting county among a common problem's counties, without a word; so it is told here,
    the first ``_SHOWN_OUTSIDE`` and how many more. Only the version that counts is read (the
    latest amendment, else the report: DESIGN "Zero report"): an item corrected by an amendment
    is not told for ever after (review)."""
    terms = {term[0]: term for term in dataset.point_terms}
    out: list[str] = []
    more = 0
    for i, r in enumerate(dataset.reports):
        first, last = r.month.first_day, r.month.last_day
        k = len(r.amendments) - 1
        path = f"$.reports[{i}] ({r.id})" + (f".amendments[{k}].items" if r.amendments else ".items")
        for j, item in enumerate(r.latest_items):
            term = terms.get(item.point) if item.point is not None else None
            if term is None:
                continue  # no point named, or an unknown one (an error of its own)
            if term[5].level is PointLevel.CITY:
                why = "a city-level point (市直), not one of the reporting county's"
            elif term[1] != r.county:
                why = f"a point of county {term[1]}, not of the reporting county {r.county}"
            elif not designated_within(term, first, last):
                why = f"not designated in {r.month} ({_span(term)})"
            else:
                continue
            if len(out) == _SHOWN_OUTSIDE:
                more += 1
                continue
            meant = county_record(dataset.point_terms, term[5].enterprise.uscc, r.county, first, last)
            out.append(
                f"{path}[{j}].point: {item.point} is {why}: it clears no flag of that point's record"
                + (f" (the enterprise's record of {r.county} in {r.month} is {meant})" if meant else "")
            )
    if more:
        out.append(f"$.reports: {more} more item(s) naming a point of another county or outside its designation")
    return out


def _reports_after_end(dataset: Dataset) -> list[str]:
    """A report (or an amendment) submitted after its county's last day (``effective_until``)
    loads and counts as the county's, under its own code: the report on the month a county is
    abolished in always falls due after the county has ended, and who files it is a question for
    the city (auditor a66 01; docs/rules.md, "Open: the last report of an abolished county").
    A report filed by a county that no longer exists is told here, so that the reading is seen."""
    until = {c.code: c.effective_until for c in dataset.counties if c.effective_until is not None}
    out = []
    for i, r in enumerate(dataset.reports):
        end = until.get(r.county)
        if end is None:
            continue
        sent = [("", r.submitted_at), *((f".amendments[{k}]", a.submitted_at) for k, a in enumerate(r.amendments))]
        out += [
            f"$.reports[{i}] ({r.id}){where}.submitted_at: submitted {beijing_date(at).isoformat()}, after county "
            f"{r.county} ended ({end.isoformat()}): read as the county's report under its own code; who files an "
            f'abolished county\'s last report is open for the city (docs/rules.md, "{_OPEN}")'
            for where, at in sent
            if beijing_date(at) > end
        ]
    return out


#: The open question a report filed after its county's end names (docs/rules.md).
_OPEN = "Open: the last report of an abolished county"


def _nominations_elsewhere(dataset: Dataset) -> list[str]:
    """A nomination naming a 县区 point of another county: the year end rejects it (不属于) and
    counts it among the nominating county's nominations (docs/rules.md, "Nomination
    conditions"), which its quota bounds. It loads, as a report's item naming one does (a
    refusal would stop the city's year end for one county's slip: attacker x45 02), and most
    likely names the old record of an enterprise that moved into the county (auditor a64 03):
    told here, with the enterprise's record of the nominating county in the year where there is one."""
    terms = {term[0]: term for term in dataset.point_terms}
    out = []
    for i, n in enumerate(dataset.nominations):
        term = terms.get(n.point)
        if term is None or term[1] == n.county or term[5].level is PointLevel.CITY:
            continue  # an unknown point is an error of its own; a 市直 one the year end names as the city's
        first, last = date(n.year, 1, 1), date(n.year, 12, 31)
        meant = county_record(dataset.point_terms, term[5].enterprise.uscc, n.county, first, last)
        out.append(
            f"$.nominations[{i}] ({n.id}).point: {n.point} is a point of county {term[1]}, not of the nominating "
            f"county {n.county}: the year end rejects it and counts it among {n.county}'s nominations"
            + (f" (the enterprise's record of {n.county} in {n.year} is {meant})" if meant else "")
        )
    return out


def _span(term: tuple[Any, ...]) -> str:
    """A point's designation as the warnings write it: ``2020-01-01 to 2025-06-15`` (``to now``)."""
    return f"{term[3].isoformat()} to {term[4].isoformat() if term[4] else 'now'}"


def _outside(dataset: Dataset, dated: Iterable[tuple[int, str, str, date]]) -> tuple[list[tuple[Any, ...]], int]:
    """The first ``_SHOWN_OUTSIDE`` (position, id, point, day, designation span) of ``dated``
    records whose day lies outside their point's effective interval, and how many more."""
    terms = {term[0]: term for term in dataset.point_terms}
    found: list[tuple[Any, ...]] = []
    more = 0
    for i, rid, pid, day in dated:
        term = terms.get(pid)
        if term is None:
            continue  # an unknown point is an error of its own
        if designated_within(term, day, day):
            continue
        if len(found) == _SHOWN_OUTSIDE:
            more += 1
            continue
        found.append((i, rid, pid, day, _span(term)))
    return found, more


__all__ = ["dataset_warnings", "not_told"]
