"""Section 七 of the monthly monitoring report (核对提示, 可能漏报): what a county's report on
the month leaves out. Split from analyses.monitoring_report.

Two kinds of flag, each for the city office and the county itself only (``ReportInputs.owns``):

- direct feedback (投诉) received in the month from one of the county's own points that the
  county's report does not carry (a zero report, or items without that point); outside the city
  office such a flag names the point only with the complainant's consent (redaction_report);
- a **zero report** (零报告) for a month in which the county's own liaison office (县区经贸委)
  recorded items in a contact with one of the county's points (t11 07): the county said
  "nothing to report" of a month its own office logged a problem in. A contact item is not a
  complaint: the county is shown its own contacts and their items (section 四), so the flag
  names the contact and the point to it; nobody else is shown such a flag.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from softenv_core.analyses.audiences import complained_county
from softenv_core.analyses.report_inputs import ReportInputs, report_content
from softenv_core.analyses.report_rows import ReconciliationFlag
from softenv_core.model.complaints import Complaint
from softenv_core.model.divisions import DEFAULT_OFFICE
from softenv_core.model.points import PointLevel, liaison_office_name

#: Section 七's reasons, the wording the Markdown, the Word document and the JSON carry alike:
#: Chinese text, so full-width punctuation (clerk c36 found ", " inside them).
LEFT_OUT = "月报未列入该县区监测点本月直接反馈的事项"
_ZERO_BUT_COMPLAINT = "零报告，但该县区监测点本月直接向{office}反馈"


def zero_but_complaint(office: str) -> str:
    """The reason of a zero report beside direct feedback to ``office``, the city office by the
    name its city gives it (City.office)."""
    return _ZERO_BUT_COMPLAINT.format(office=office)


#: The same for a city that gives its office no name of its own (市软建办).
ZERO_BUT_COMPLAINT = zero_but_complaint(DEFAULT_OFFICE)
#: It says what to do (newcomer n01 01): the county lists the matter in the month's report too,
#: copied, which section 四 counts once, and files the report as not a zero report.
#: ``{office}``: the county's liaison office by the name it records (County.liaison_office, 白河县经信局),
#: as the Word documents' 发至 (newcomer n01 06: it said 该县区经贸委 of every county).
ZERO_BUT_CONTACT = (
    "零报告，但{office}本月联系该监测点时记录了事项{items}项："
    "请修改该月月报，在月报事项中照抄列出这些事项（与联系事项只计一次），零报告写“否”"
)

#: The same reasons in English, for the ``--lang en`` report (the result carries the Chinese).
_REASONS_EN = {
    LEFT_OUT: "the county's report does not carry the direct feedback its point gave this month",
}
_ZERO_BUT_COMPLAINT_RE = re.compile(re.escape(_ZERO_BUT_COMPLAINT).replace(re.escape("{office}"), ".+"))
# The advice after "：" is optional: a report read back from older JSON carries the reason without it.
_ZERO_BUT_CONTACT = re.compile(
    re.escape(ZERO_BUT_CONTACT.split("：")[0])
    .replace(re.escape("{office}"), ".+")
    .replace(re.escape("{items}"), "([0-9]+)")
    + "(：.*)?"
)


def reason_en(reason: str) -> str:
    """A flag's reason in English; one this library did not write (a report read back from older
    JSON) as it is."""
    found = _REASONS_EN.get(reason)
    if found is not None:
        return found
    if _ZERO_BUT_COMPLAINT_RE.fullmatch(reason) is not None:
        return "zero report, but a point of the county gave direct feedback to the city office this month"
    m = _ZERO_BUT_CONTACT.fullmatch(reason)
    if m is not None:
        said = f"zero report, but the county's liaison office recorded {m[1]} item(s) contacting this point this month"
        if m[2] is None:
            return said
        return f"{said}: amend the month's report to list them (copied from the contact, counted once), not zero"
    return reason


#: Each county report's points and whether it is a zero report, read once per county.
_Content = dict[str, tuple[set[str | None], bool]]


def reconciliation(inputs: ReportInputs, received: Sequence[Complaint]) -> tuple[ReconciliationFlag, ...]:
    """Section 七: the flags the reader may see, the complaints' first, then the contacts'."""
    content: _Content = {}
    return (*_complaint_flags(inputs, received, content), *_contact_flags(inputs, content))


def _content(inputs: ReportInputs, code: str, content: _Content) -> tuple[set[str | None], bool] | None:
    """The points a county's report names and whether it is a zero report, as the latest
    amendment known at the report's instant says (not the first version); None: no report known."""
    r = inputs.reports.get(code)
    if r is None:
        return None
    found = content.get(code)
    if found is None:
        items, zero = report_content(inputs, r)
        found = content[code] = ({it.point for it in items}, zero)
    return found


def _complaint_flags(
    inputs: ReportInputs, received: Sequence[Complaint], content: _Content
) -> list[ReconciliationFlag]:
    """Direct feedback from a county's point that the county's report left out."""
    flags = []
    aud = inputs.audience
    # A county owes its reports only for its points' designation intervals (DESIGN "Who owes
    # what, when"): feedback from a record that was not designated that day flags no county.
    inside = {q.id for q in inputs.dataset.complaints_inside(inputs.month)}
    for comp in received:
        if comp.id not in inside:
            continue
        point = inputs.dataset.point_by_id.get(comp.point)
        if point is None or point.level is PointLevel.CITY:
            continue  # a 市直 point is the city's to contact: county reports answer for county points only
        code = point.county
        found = _content(inputs, code, content)
        if found is None:
            continue
        points, zero = found
        if comp.point in points:
            continue
        if inputs.owns(code):
            reason = zero_but_complaint(inputs.dataset.city.office) if zero else LEFT_OUT
            named = comp.point if aud.sees_identity(comp, code, complained_county(inputs.dataset, comp)) else None
            flags.append(ReconciliationFlag(code, comp.id, reason, named))
    return flags


def _contact_flags(inputs: ReportInputs, content: _Content) -> list[ReconciliationFlag]:
    """A county's zero report for a month in which its own liaison office's contact with one of
    its county points recorded items (contacts known at the report's instant, inside the point's
    designation interval, as section 四 reads them), one flag per contact."""
    dataset = inputs.dataset
    # The reader's counties whose report known at the instant is a zero report: usually none or
    # a few, so the month's contacts with items (6,000 at province scale) are read only then. A
    # county without a report known has none (section 二 says 未报); one with items is not
    # flagged (section 四 counts what it left out).
    zero = {
        code for code in inputs.reports if inputs.owns(code) and (_content(inputs, code, content) or (None, False))[1]
    }
    if not zero:
        return []
    flags = []
    for c in dataset.contacts_with_items_known_in(inputs.month, inputs.as_of):
        point = dataset.point_by_id.get(c.point)
        if point is None or point.level is PointLevel.CITY or c.liaison != point.county:
            continue  # a 市直 point, or another office's contact: not the county's own record
        if point.county in zero:
            named = liaison_office_name(point.county, dataset.city, dataset.county_by_code)
            office = "该县区经贸委" if named is None else named  # a county the dataset does not know
            reason = ZERO_BUT_CONTACT.format(office=office, items=len(c.items))
            flags.append(ReconciliationFlag(point.county, "", reason, c.point, contact=c.id))
    flags.sort(key=lambda f: f.contact or "")  # by contact id, as before
    return flags


__all__ = ["LEFT_OUT", "ZERO_BUT_COMPLAINT", "ZERO_BUT_CONTACT", "reconciliation", "zero_but_complaint"]
