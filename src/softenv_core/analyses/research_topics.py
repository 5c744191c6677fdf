"""专项调研 (三(四)): common problems over any period, as topics with their evidence items."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime

from attrs import field, frozen

from softenv_core._validators import library_year, to_tuple, yes_or_no
from softenv_core.analyses import redaction_parts as parts
from softenv_core.analyses.arguments import params_or_baseline
from softenv_core.analyses.audiences import Audience
from softenv_core.analyses.common_problems import common_problems
from softenv_core.analyses.redaction import part_redactor
from softenv_core.engine.decimal_context import in_analysis_context
from softenv_core.engine.parameters import ParameterSet
from softenv_core.engine.phrases import Phrase
from softenv_core.errors import FieldInvalid
from softenv_core.io.result_fields import keyed_by
from softenv_core.io.validation import require_valid
from softenv_core.model.dataset import Dataset
from softenv_core.model.periods import Month, as_month, beijing_date, require_aware
from softenv_core.model.points import liaison_office_name
from softenv_core.model.reports import ReportedItems
from softenv_core.model.roster import ResearchTopic, TopicEvent, TopicState


@frozen
class EvidenceItem:
    """One matter behind a topic: the record, the point, its county, the month and the text."""

    record: str
    point: str
    county: str
    month: Month
    text: str


@frozen
class TopicCandidate:
    """A proposed 专项调研 topic: a common problem with the matters that show it."""

    title: str
    category: str
    department: str | None  # None: the category's matters that name no department (涉及部门：无)
    points: int
    counties: tuple[str, ...] = field(converter=to_tuple)
    evidence: tuple[EvidenceItem, ...] = field(converter=to_tuple)
    already_open: str | None = None  # a ResearchTopic already opened on it


@in_analysis_context
def research_topics(
    dataset: Dataset,
    first: Month | str,
    last: Month | str,
    params: ParameterSet | None = None,
    *,
    audience: Audience | str,
    direct_feedback: bool = True,
    as_of: datetime | None = None,
) -> tuple[TopicCandidate, ...]:
    """Common problems raised from ``first`` to ``last`` (the whole span) as topic candidates.

    ``audience`` (阅读范围, required): the city office gets every candidate, with the
    complaints to 市软建办 unless ``direct_feedback=False``; any other reader the year end's
    view: worked out from contacts and county reports only, whatever ``direct_feedback`` says
    (a topic there only because of complaints would tell that they were made), candidates of
    fewer than ``privacy.min_cell`` points withheld, and a county the evidence of its county
    without record ids or points (docs/privacy.md).

    ``as_of`` (aware): only the records known then (contacts by their date, county reports as
    they stood then, complaints by their receipt) and the topics proposed by its day; a problem
    that the records known then do not raise often enough is not yet a candidate.

    ``first`` and ``last`` are Months or their text ``YYYY-MM``; ``last`` before ``first`` is
    refused (FieldInvalid), not answered with no topics."""
    start, end = as_month(first, "first"), as_month(last, "last")
    yes_or_no(direct_feedback, "direct_feedback")
    if end < start:
        raise FieldInvalid("last", f"{end} is before first {start}: give the span from first to last")
    require_aware(as_of)
    require_valid(dataset)
    params = params_or_baseline(params)
    r = part_redactor(dataset, audience, params, end.last_day)
    found = _research_topics(dataset, start, end, params, direct_feedback=r is None and direct_feedback, as_of=as_of)
    return found if r is None else parts.topics(found, r)


def _title(department: str | None, category: str) -> str:
    """``市住建局“收费”问题专项调研``; a category already named a problem (困难问题) is not
    followed by 问题 again (clerk c35: ``“困难问题”问题专项调研``). Without a department (the
    category's matters naming none): ``“困难问题”专项调研（涉及部门：无）``."""
    if department is None:
        return (TOPIC_NAMED_NONE if category.endswith("问题") else TOPIC_NONE)(category=category)
    return (TOPIC_NAMED if category.endswith("问题") else TOPIC)(department=department, category=category)


#: A candidate's title, in Chinese as the results hold it and in English (engine.phrases).
TOPIC = Phrase(
    "{department}“{category}”问题专项调研",
    "research topic: {department}, “{category}” problems",
    verbatim=("department",),
)
TOPIC_NAMED = Phrase(
    "{department}“{category}”专项调研", "research topic: {department}, “{category}”", verbatim=("department",)
)
TOPIC_NONE = Phrase(
    "“{category}”问题专项调研（涉及部门：无）", "research topic: “{category}” problems (no department named)"
)
TOPIC_NAMED_NONE = Phrase("“{category}”专项调研（涉及部门：无）", "research topic: “{category}” (no department named)")


def _research_topics(
    dataset: Dataset, first: Month, last: Month, params: ParameterSet, *, direct_feedback: bool, as_of: datetime | None
) -> tuple[TopicCandidate, ...]:
    """The candidates as the city office sees them (``direct_feedback`` as given)."""
    require_aware(as_of)
    out = []
    # The problems as known at as_of (common_problems reads each record as it stood then).
    for problem in common_problems(dataset, last, params, first=first, direct_feedback=direct_feedback, as_of=as_of):
        items = _evidence(dataset, problem.category, problem.department, set(problem.evidence), as_of)
        points, counties = len(problem.points), problem.counties
        day = date.max if as_of is None else beijing_date(as_of)
        # A topic recorded without a department is the one on the category's matters naming
        # none (ResearchTopic.department is optional), as the problem's department None is.
        opened = next(
            (
                t.id
                for t in sorted(dataset.research_topics, key=lambda t: t.id)
                if t.category == problem.category and t.department == problem.department and t.state_on(day)
            ),
            None,
        )
        out.append(
            TopicCandidate(
                title=_title(problem.department_name, problem.category_zh),
                category=problem.category,
                department=problem.department,
                points=points,
                counties=counties,
                evidence=tuple(sorted(items, key=lambda e: (e.month, e.record))),
                already_open=opened,
            )
        )
    return tuple(out)


def _evidence(
    dataset: Dataset, category: str, department: str | None, records: set[str], as_of: datetime | None
) -> list[EvidenceItem]:
    """The items of ``records`` of the category and department (None: the items naming none),
    each report as it reads (its latest amendment, known at ``as_of`` when given); ``as_of``:
    of the records known then. A contact's item that its month's report repeats (the same
    point, category, department and text: ReportedItems, as the monthly report's section 四
    and figures count) is one matter, given once by the report's item (clerk c63 01: office.md
    asks the counties to copy each contact item into the month's report, and the year end
    counted both)."""
    point_county = dataset.point_county
    day = date.max if as_of is None else beijing_date(as_of)
    items: list[EvidenceItem] = []
    reported: dict[Month, ReportedItems] = {}  # by the reports' month
    for r in dataset.reports:
        if r.id in records and (as_of is None or r.submitted_at <= as_of):
            said = r.version_at(as_of).items  # its latest amendment (known then), as common_problems reads it
            held = reported.setdefault(r.month, ReportedItems())
            for it in said:
                if it.point and it.category.value == category and it.department == department:
                    items.append(EvidenceItem(r.id, it.point, r.county, r.month, it.text))
                    held.add(it.point, category, department, it.text)
    for c in dataset.contacts:
        if c.id in records and c.date <= day:
            month = Month.of(c.date)
            repeated = reported.get(month)
            items += [
                EvidenceItem(c.id, c.point, point_county.get(c.point, ""), month, it.text)
                for it in c.items
                if it.category.value == category
                and it.department == department
                and (repeated is None or not repeated.holds(c.point, category, department, it.text))
            ]
    for q in dataset.complaints:
        received = q.received_at
        if q.id in records and received is not None and (as_of is None or received <= as_of):
            items.append(
                EvidenceItem(q.id, q.point, point_county.get(q.point, ""), Month.of(beijing_date(received)), q.text)
            )
    return items


def propose_topic(candidate: TopicCandidate, topic_id: str, proposed_on: date, owner: str = "city") -> ResearchTopic:
    """A ResearchTopic in the proposed state (拟立项) from a candidate, its evidence linked.

    ``owner`` is the office that will run it: ``"city"`` (市经贸委) or a county's code.
    """
    return ResearchTopic(
        topic_id,
        candidate.title,
        category=candidate.category,
        department=candidate.department,
        evidence=tuple(sorted({e.record for e in candidate.evidence})),
        owner=owner,
        events=(TopicEvent(TopicState.PROPOSED, proposed_on),),
    )


# --- the lifecycle of opened topics (proposed → opened → findings → measures → closed) ---


def _topic_state(_inst: object, _attr: object, value: str | None) -> None:
    """A topic's state: None or a TopicState value (a document's ``finished`` was read back)."""
    if value is not None and value not in {m.value for m in TopicState}:
        allowed = ", ".join(m.value for m in TopicState)
        raise FieldInvalid("state", f"expected one of {allowed} or null, got {value!r:.40}")


@frozen
class TopicProgress:
    """A 专项调研 topic on a day: its owner, state, dates reached, findings and measures so far."""

    topic: str
    title: str
    owner: str  # "city" or a county code
    owner_name: str  # the city's liaison office (市经贸委) or the county's (经贸委)
    state: str | None = field(validator=_topic_state)  # TopicState value on the day (None: not yet proposed)
    state_zh: str
    reached: Mapping[str, date] = field(metadata=keyed_by(TopicState))  # TopicState value → the day reached
    evidence: int
    findings: tuple[str, ...] = field(converter=to_tuple)  # "YYYY-MM-DD text", up to the day
    measures: tuple[str, ...] = field(converter=to_tuple)

    def __attrs_post_init__(self) -> None:
        # Its label the state's own: a document read back saying closed and 拟立项 showed the
        # Chinese year end one state and the English another (fix helper fe1 03).
        if self.state is not None and self.state_zh != TopicState.from_value(self.state).zh:
            said = TopicState.from_value(self.state).zh
            raise FieldInvalid(
                "state_zh", f"expected {said!r}, the label of state {self.state!r}, got {self.state_zh!r:.40}"
            )

    @property
    def closed(self) -> bool:
        return bool(self.state == TopicState.CLOSED.value)


@frozen
class TopicYear:
    """The year's 专项调研 (year end): each topic active in the year, and counts by state."""

    year: int = field(validator=library_year)
    topics: tuple[TopicProgress, ...] = field(converter=to_tuple)
    by_state: Mapping[str, int] = field(metadata=keyed_by(TopicState))
    with_measures: int


def topic_progress(dataset: Dataset, on: date) -> tuple[TopicProgress, ...]:
    """Every topic proposed by ``on``, as it stood that day, by id."""
    out = []
    for t in sorted(dataset.research_topics, key=lambda t: t.id):
        state = t.state_on(on)
        if state is None:
            continue
        if t.events:
            reached = {e.state.value: e.date for e in t.events if e.date <= on}
        else:  # a first-version topic: only its opening is known
            reached = {TopicState.OPENED.value: t.opened} if t.opened is not None else {}
        # The city names its own liaison office (City.liaison_office), as the monthly report's
        # compiler and the unreached runs read it: 市经贸委 is only its default. An owner the
        # dataset does not know is named by its code.
        named = liaison_office_name(t.owner, dataset.city, dataset.county_by_code)
        owner_name = t.owner if named is None else named
        out.append(
            TopicProgress(
                t.id,
                t.title,
                t.owner,
                owner_name,
                state.value,
                state.zh,
                reached,
                len(t.evidence),
                tuple(f"{f.date} {f.text}" for f in t.findings if f.date <= on),
                tuple(f"{m.date} {m.text}" for m in t.measures if m.date <= on),
            )
        )
    return tuple(out)


def topics_of_year(dataset: Dataset, year: int, *, on: date | None = None) -> TopicYear:
    """Topics active in ``year`` (proposed by its end, not closed before it began) and their
    outcomes; ``on`` (the year end's instant's day when earlier than the year's last): as they
    stood that day."""
    end, start = (date(year, 12, 31) if on is None else on), date(year, 1, 1)
    rows = []
    for p in topic_progress(dataset, end):
        closed_on = p.reached.get(TopicState.CLOSED.value)
        if closed_on is not None and closed_on < start:
            continue
        rows.append(p)
    by_state = {s.value: sum(r.state == s.value for r in rows) for s in TopicState}
    return TopicYear(year, tuple(rows), by_state, sum(bool(r.measures) for r in rows))


__all__ = [
    "EvidenceItem",
    "TopicCandidate",
    "TopicProgress",
    "TopicYear",
    "propose_topic",
    "research_topics",
    "topic_progress",
    "topics_of_year",
]
