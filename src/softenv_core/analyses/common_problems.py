"""Common problems (共性问题) across points: candidates for a 专项调研 (三(四)).

The baseline rule: the same category and department raised by at least ``common.min_points``
points in at least ``common.min_counties`` counties within ``common.window_months`` months; the
matters of a category that name no department are a group of their own (model/matters.py).
Matters count from contacts, from county reports (where an item names its point) and from
direct feedback (complaints); a contact or complaint counts only inside its point's designation
interval (``Dataset.contacts_with_items_by_month``, ``Dataset.complaints_inside``), and a month
before ``common.min_points`` is in force contributes none (docs/rules.md "Common problems").
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime

from attrs import field, frozen

from softenv_core._validators import to_tuple
from softenv_core.engine.parameters import ParameterSet
from softenv_core.engine.trace import ParamValue
from softenv_core.model.complaints import Complaint, EventType
from softenv_core.model.dataset import Dataset
from softenv_core.model.matters import (
    NO_DEPARTMENT,
    MatterGroup,
    MatterRef,
    complaint_matters,
    contact_matters,
    department_of_key,
    group_matters,
    report_matters,
)
from softenv_core.model.periods import Month
from softenv_core.model.reports import ItemCategory, month_contacts_cut


@frozen
class CommonProblem:
    """One category × department raised by enough points in enough counties, with evidence.

    ``department`` and ``department_name`` are None for the matters of the category that name
    no department, a group of their own (涉及部门：无; docs/rules.md "Common problems (三(四))")."""

    category: str
    category_zh: str
    department: str | None
    department_name: str | None
    first_month: Month
    last_month: Month
    points: tuple[str, ...] = field(converter=to_tuple)
    counties: tuple[str, ...] = field(converter=to_tuple)
    evidence: tuple[str, ...] = field(converter=to_tuple)  # contact, report and complaint ids
    params: tuple[ParamValue, ...] = field(converter=to_tuple)


def common_problems(
    dataset: Dataset,
    last: Month,
    params: ParameterSet,
    *,
    first: Month | None = None,
    direct_feedback: bool = True,
    as_of: datetime | None = None,
) -> tuple[CommonProblem, ...]:
    """Common problems among matters raised up to ``last``.

    Without ``first``, over the baseline's window of ``common.window_months`` months ending
    with ``last`` (the monthly report's use); with ``first``, over ``first``..``last`` (a
    专项调研 over any period). Empty when ``last`` ends before the rule is in force; a month
    of the window that ends before it contributes no matters.
    ``direct_feedback=False``: without the complaints to 市软建办, for readers outside the
    city office (a problem there only because of complaints would tell that they were made).
    ``as_of``: from what was known at that instant only (contacts dated by its Beijing day,
    reports submitted by then as they read then, complaints received by then with the verdicts
    reached by then), as the monthly report's other sections read it; None: everything.
    """
    return window_problems(dataset, last, params, first, direct_feedback, as_of, ReportGroups())


def window_problems(
    dataset: Dataset,
    last: Month,
    params: ParameterSet,
    first: Month | None,
    direct_feedback: bool,
    as_of: datetime | None,
    groups: ReportGroups,
) -> tuple[CommonProblem, ...]:
    """:func:`common_problems`, with the groups a batch of monthly reports shares (``groups``:
    a month is in three reports' windows)."""
    on = last.last_day
    if not params.in_force("common.min_points", on):
        return ()  # a month before the baseline (February 2022's report): the rule is not in force
    min_points = params.get("common.min_points", on)
    min_counties = params.get("common.min_counties", on)
    window_pv = params.get("common.window_months", on)
    used: tuple[ParamValue, ...] = (min_points, min_counties)
    if first is None:
        first = last - (window_pv.whole() - 1)
        used += (window_pv,)
    # A month before the rule is in force contributes nothing, and the window shown starts
    # after it (March 2022's three months would start in January): its matters are not
    # tracked either (followup_status), city decision. ``last`` is in force, so this stops.
    while not params.in_force("common.min_points", first.last_day):
        first = first + 1
    start = first
    window = _window_groups(dataset, start, last, direct_feedback, as_of, groups)
    unnamed = _no_department_categories(params, on)
    out = []
    for (category, department), parts in sorted(window.items()):
        if department == NO_DEPARTMENT and (unnamed is None or category not in unnamed[0]):
            continue  # 经营状况 with no department is the 晴雨表's information, not a problem
        points = frozenset().union(*(p for p, _, _ in parts))
        counties = sorted(frozenset().union(*(c for _, c, _ in parts)))
        if len(points) >= min_points.whole() and len(counties) >= min_counties.whole():
            named = department_of_key(department)
            dept = None if named is None else dataset.department_by_id.get(named)
            out.append(
                CommonProblem(
                    category=category,
                    category_zh=ItemCategory.from_value(category).zh,
                    department=named,
                    department_name=dept.name if dept else named,
                    first_month=start,
                    last_month=last,
                    points=tuple(sorted(points)),
                    counties=tuple(counties),
                    evidence=tuple(sorted(frozenset().union(*(e for _, _, e in parts)))),
                    params=used if named is not None or unnamed is None else (*used, unnamed[1]),
                )
            )
    return tuple(out)


def _no_department_categories(params: ParameterSet, on: date) -> tuple[frozenset[str], ParamValue] | None:
    """The categories whose items naming no department make common problems of their own
    (``common.no_department_categories``, read on the window's last day as the thresholds are),
    with the value read; None where not in force (no such group counts then). Without the
    list, every category's did: 经营状况's "生产经营平稳" made a 共性问题 most months."""
    if not params.in_force(NO_DEPARTMENT_CATEGORIES, on):
        return None
    value = params.get(NO_DEPARTMENT_CATEGORIES, on)
    return frozenset(value.texts()), value


#: The parameter of :func:`_no_department_categories`.
NO_DEPARTMENT_CATEGORIES = "common.no_department_categories"


def _window_groups(
    dataset: Dataset, start: Month, last: Month, feedback: bool, as_of: datetime | None, groups: ReportGroups
) -> dict[tuple[str, str], list[MatterGroup]]:
    """Each month's matters come grouped by (category, department): the window is their union."""
    window: dict[tuple[str, str], list[MatterGroup]] = {}
    month = start
    while month <= last:
        for key, group in _month_groups(dataset, month, feedback, as_of, groups):
            window.setdefault(key, []).append(group)
        month = month + 1
    return window


#: (category, department) → the points, their counties and the records behind those matters.
Groups = Mapping[tuple[str, str], MatterGroup]


class ReportGroups:
    """Groups of a month's matters kept for one batch of monthly reports (internal to one call,
    never shared between threads): its county reports' matters by the report versions known (a
    month is in three reports' windows, and its reports mostly read the same at each report's
    instant), and its contacts' matters alone (the reports outside the city office)."""

    __slots__ = ("_contacts", "_reported")

    def __init__(self) -> None:
        self._reported: dict[tuple[Month, tuple[int, ...]], Groups] = {}
        self._contacts: dict[Month, Groups] = {}

    def reported(self, dataset: Dataset, month: Month, as_of: datetime | None) -> Groups:
        """``month``'s county reports' matters known at ``as_of`` (report_matters), grouped."""
        reports = dataset.reports_by_month.get(month, ())
        # Which version of each report is read then (-1: not yet submitted). The versions are
        # the dataset's own objects, alive while it is: their ids name them within the batch.
        known = tuple(-1 if as_of is not None and r.submitted_at > as_of else id(r.version_at(as_of)) for r in reports)
        found = self._reported.get((month, known))
        if found is None:
            found = self._reported[(month, known)] = group_matters(report_matters(reports, as_of), dataset.point_county)
        return found

    def contacts(self, dataset: Dataset, month: Month) -> Groups:
        """``month``'s contacts' matters (inside their points' intervals), grouped."""
        found = self._contacts.get(month)
        if found is None:
            contacts = dataset.contacts_with_items_by_month.get(month, ())
            found = self._contacts[month] = group_matters(contact_matters(contacts), dataset.point_county)
        return found


def _month_groups(
    dataset: Dataset, month: Month, feedback: bool, as_of: datetime | None, groups: ReportGroups
) -> Iterable[tuple[tuple[str, str], MatterGroup]]:
    """``month``'s matters grouped by (category, department), each record as it stood at
    ``as_of``: the month's contacts and complaints from the dataset's month index when they
    all say then what they say now (the usual case), joined with the month's county reports
    as known then (submitted by ``as_of``, their amendment known then); else the whole month
    worked out from its records as they stood then (a mid-month instant, a verdict reached
    after it)."""
    if as_of is not None and not _all_known(dataset, month, as_of, feedback):
        return group_matters(_known_matters(dataset, month, as_of, feedback), dataset.point_county).items()
    if feedback:
        base: Groups = dataset.unreported_groups_by_month.get(month, {})
    else:  # without the complaints: the month's contacts grouped again (the index joins them in)
        base = groups.contacts(dataset, month)
    return itertools.chain(base.items(), groups.reported(dataset, month, as_of).items())


def _all_known(dataset: Dataset, month: Month, as_of: datetime, feedback: bool) -> bool:
    """Whether each contact (and complaint, with ``feedback``) behind ``month``'s matters says
    at ``as_of`` what it says now (the reports are read as known then in any case)."""
    if month_contacts_cut(month, as_of) is not None:
        return False  # some of the month's contacts are dated after the instant's day
    for q in dataset.complaints_by_month.get(month, ()) if feedback else ():
        # Received later, or found false (or no longer) only after the instant; a complaint
        # still being handled then, with the same verdict, raises the same matter.
        if q.events[-1].at > as_of and (q.events[0].at > as_of or _verdict_moved(q, as_of)):
            return False
    return True


def _verdict_moved(complaint: Complaint, as_of: datetime) -> bool:
    """Whether a resolution or reopening after ``as_of`` changed whether ``complaint`` stands
    found false (most complaints still being handled at an instant have neither: no copy made).
    A resolution without a verdict or a reopening can withdraw a finding too (auditor r3 01)."""
    for e in reversed(complaint.events):
        if e.at <= as_of:
            return False
        if e.type in (EventType.RESOLVED, EventType.REOPENED):
            return complaint.found_false_at(as_of) != complaint.found_false
    return False


def _known_matters(dataset: Dataset, month: Month, as_of: datetime, feedback: bool) -> Iterator[MatterRef]:
    """``month``'s matters as known at ``as_of``: what the dataset's month indexes hold for it,
    each record read as it stood then."""
    yield from contact_matters(dataset.contacts_with_items_known_in(month, as_of))
    yield from report_matters(dataset.reports_by_month.get(month, ()), as_of)
    if feedback:
        yield from complaint_matters(dataset.complaints_inside(month), as_of)


__all__ = ["CommonProblem", "ReportGroups", "common_problems", "window_problems"]
