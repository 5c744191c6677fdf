"""The year-end work in one call: 万人评议 results, representativeness before and after the
adjustment, adjustment proposals, filing checks, commendation and 专项调研 topics, as of an
instant (DESIGN "An explicit instant"): the records dated after it are not yet known."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar

import attrs
from attrs import field, frozen

from softenv_core._validators import audience_name, library_year, to_tuple
from softenv_core.analyses.adjustment import (
    AdditionProposal,
    FilingCheck,
    Proposal,
    WindowCheck,
    adjustment_window,
    check_filings,
    check_window,
    propose_additions,
    propose_from_suggestions,
    whole_proposals,
)
from softenv_core.analyses.after_adjustment import after_adjustment_day
from softenv_core.analyses.after_end import AFTER_END
from softenv_core.analyses.appraisal_scores import RoundResult, appraise
from softenv_core.analyses.arguments import calendar_or_official, params_or_baseline
from softenv_core.analyses.assessment import Assessment
from softenv_core.analyses.assessment_whole import city_assessment
from softenv_core.analyses.audiences import CITY, Audience, AudienceKind, reader_office
from softenv_core.analyses.commendation import CommendationResult, also_proposed, check_commendation
from softenv_core.analyses.complaint_limits import require_limits_sound
from softenv_core.analyses.fingerprint import require_same_provenance
from softenv_core.analyses.followup_status import FollowUpYear, followup_year
from softenv_core.analyses.guarantees import Guarantees, guarantees
from softenv_core.analyses.point_records import before_baseline_rounds_notice, rounds_before_baseline, rounds_closed_by
from softenv_core.analyses.records_end import records_end_notice
from softenv_core.analyses.redaction import checked_audience, redact_year_end
from softenv_core.analyses.redaction_instant import (
    assessment_instant,
    require_same_instant,
    require_whole_assessment,
    require_year_instant,
)
from softenv_core.analyses.representativeness import Representativeness, representativeness
from softenv_core.analyses.research_topics import TopicCandidate, TopicYear, research_topics, topics_of_year
from softenv_core.analyses.silent_months import shown_to, silent_months_notices
from softenv_core.analyses.unqualified_removals import UnqualifiedRemoval, check_unqualified_removals
from softenv_core.analyses.unrecorded_changes import UnrecordedChange, find_unrecorded
from softenv_core.engine.decimal_context import in_analysis_context
from softenv_core.engine.manager import PluginMeta, SoftenvPluginManager, core_version
from softenv_core.engine.parameters import ParameterSet
from softenv_core.errors import CalendarDataMissing, FieldInvalid, ParameterMissing, SoftenvError
from softenv_core.io import converter as _converter
from softenv_core.io.validation import require_valid
from softenv_core.model.dataset import Dataset
from softenv_core.model.divisions import DEFAULT_OFFICE
from softenv_core.model.periods import Month, beijing_date, in_beijing, require_aware, require_year
from softenv_core.rules.city.compliance import year_in_force
from softenv_core.rules.registry import plugin_manager_or_city
from softenv_core.workdays.calendar import PROVISIONAL_NOTICE, CalendarMode, WorkCalendar

YEAREND_SCHEMA = "softenv.yearend"
YEAREND_VERSION = 1


@frozen
class YearEnd:
    """Everything the city decides at year end (年终工作), each part explained."""

    year: int = field(validator=library_year)
    appraisal: tuple[RoundResult, ...] = field(converter=to_tuple)
    roster_before: Representativeness
    roster_after: Representativeness
    proposals: tuple[Proposal, ...] = field(converter=to_tuple)
    filings: tuple[FilingCheck, ...] = field(converter=to_tuple)
    commendation: CommendationResult
    topics: tuple[TopicCandidate, ...] = field(converter=to_tuple)
    #: Who this result is for (阅读范围) and what was withheld for them (docs/privacy.md).
    audience: str = field(default="city", validator=audience_name)
    notices: tuple[str, ...] = field(default=(), converter=to_tuple)
    # The programme's year (issue 20): matters helped and how (二(三)), the 专项调研 topics
    # and their outcomes (三(四)), the adjustment window and the new proposals (三(五)), and
    # which counties have a work plan and publicity (四(一)(二); no score unless a rule adds one).
    followups: FollowUpYear | None = None
    research: TopicYear | None = None
    window: tuple[WindowCheck, ...] = field(default=(), converter=to_tuple)
    suggested_removals: tuple[Proposal, ...] = field(default=(), converter=to_tuple)
    additions: tuple[AdditionProposal, ...] = field(default=(), converter=to_tuple)
    guarantees: Guarantees | None = None
    #: The additions and removals effective in the year that only a point's record shows, no
    #: roster change recording them (t11 11): counted in sections 四 (a county's) and 九.
    unrecorded: tuple[UnrecordedChange, ...] = field(default=(), converter=to_tuple)
    #: The instant the year end speaks for (as ``Assessment.as_of``): records dated after it are
    #: not read. None only in documents written before the year end took an instant.
    as_of: datetime | None = field(default=None, converter=in_beijing)
    #: Provenance, as the assessment's: the plugins that made the assessment and the year end
    #: (``PluginManager.plugins_meta()``), and the softenv_core version that made the year end
    #: (None in documents written before the year end recorded it).
    plugins: tuple[PluginMeta, ...] = field(default=(), converter=to_tuple)
    core_version: str | None = None
    #: Whether a deadline or working-day figure behind it touched a year the calendar knows only
    #: as weekends (暂定): the assessment's, or the year's own; ``notices`` then holds
    #: PROVISIONAL_NOTICE. Re-run it when the official arrangement is out (docs/calendar.md).
    provisional: bool = False
    #: The recorded removals effective in the year (after its January window, which holds the
    #: previous year's adjustment) or the next, on either ground despite the name (kept for the
    #: JSON and integrators): for 考评不合格 beside the point's band in the year's assessment,
    #: flagged when it was rated 优秀 or 合格 (auditor a39); for 连续三个月未联系上 beside its
    #: unreached runs, flagged when it had no such run (auditor a59; section 三).
    unqualified_removals: tuple[UnqualifiedRemoval, ...] = field(default=(), converter=to_tuple)
    #: The city office by the name the dataset gives it (``City.office``, 软建办): the renderers
    #: say who holds what a reader is not given by it (review c42: 市软建办 whatever the city's
    #: name). 市软建办 in documents written before it was recorded.
    office: str = DEFAULT_OFFICE
    #: The reader's name as the dataset gives it (a county's, a department's), which the Word
    #: header's 发至 names it by as the monthly report's does (reviewer r55: 发至：city-amr);
    #: None for another reader and in documents written before it was recorded.
    reader_name: str | None = None
    #: A county reader's liaison office as the dataset records it (County.liaison_office), the
    #: Word header's 发至 (clerk c55 01: 发至：柳河县经贸委 for 柳河县经信局); None for another
    #: reader and in documents written before it was recorded (发至 then says 县名 + 经贸委).
    reader_office: str | None = None
    schema: str = YEAREND_SCHEMA
    version: int = YEAREND_VERSION

    # The names the year end had before it took ``schema`` / ``version`` fields, as the other
    # results have them; kept for the callers that read them.
    SCHEMA: ClassVar[str] = YEAREND_SCHEMA
    SCHEMA_VERSION: ClassVar[int] = YEAREND_VERSION

    def to_document(self) -> dict[str, Any]:
        """The year end as a JSON-ready document (io.converter.to_document)."""
        return _converter.to_document(self)

    def to_json(self) -> str:
        """Canonical JSON (io.converter.to_json)."""
        return _converter.to_json(self)

    @classmethod
    def from_json(cls, text: str | bytes) -> YearEnd:
        """The year end that :meth:`to_json` wrote (io.converter.from_json)."""
        return _converter.from_json(text, cls)


@in_analysis_context
def year_end(
    dataset: Dataset,
    year: int,
    plugin_manager: SoftenvPluginManager | None = None,
    *,
    audience: Audience | str,
    assessment: Assessment | None = None,
    calendar: WorkCalendar | None = None,
    params: ParameterSet | None = None,
    as_of: datetime | None = None,
) -> YearEnd:
    """The year-end work for ``year`` as ``audience`` may see it; reuses ``assessment`` when
    given (it must be the city office's: the year end is computed whole, then redacted).

    ``as_of`` (aware) is the instant the year end speaks for, as ``assess``'s: by default the
    year's instant (the moment after its last report deadline), or the given assessment's.
    Every part reads only the records known then (docs/yearend.md, "As of an instant"): the
    万人评议 rounds closed by then, the roster on its day (the year's last at the latest), the
    roster changes, filings, suggestions, nominations (an undated one whatever the instant,
    listed in ``commendation.undated``) and commendation decisions made by then. Outside the
    city office only the year's instant or a later one is given (as ``assess`` refuses it).
    Raises FieldInvalid naming ``as_of`` for a naive one (NaiveInstant, also an InputError),
    SoftenvError for an assessment of another instant,
    or made from another dataset or other parameters (``Assessment.provenance``; one without
    it, from a document written before it was recorded, is refused as unverifiable).
    """
    require_year(year)
    require_aware(as_of)
    require_valid(dataset)  # a dataset built in Python is checked (once) as a file would be
    aud = checked_audience(dataset, audience)
    params = params_or_baseline(params)
    _require_baseline(year, params)
    pm = plugin_manager_or_city(plugin_manager)
    if calendar is not None:
        calendar = calendar_or_official(calendar)  # checked; None stays the default of assess
    assessment = _at_instant(_given_or_made(dataset, year, pm, assessment, calendar, params, as_of), as_of)
    # A laxer county limit refuses whatever the complaints and whoever reads (x40 03, p42 1).
    require_limits_sound(pm, calendar_or_official(calendar), params, assessment.as_of, year)
    # An early instant outside the city office: as assess refuses it.
    require_year_instant(assessment, aud, dataset.city.office)
    full = _whole(dataset, assessment, aud, params, calendar)
    redacted = redact_year_end(full, dataset, aud, params)
    early = rounds_before_baseline(dataset, year, params)  # records of rounds the year end leaves out
    # Months after the last record scored 未报: said, the scores kept (integrator i43).
    said = [before_baseline_rounds_notice(early, params)] if early else []
    said += records_end_notice(dataset, assessment.counties, assessment.as_of)
    said += [n for n in assessment.notices if n.startswith(AFTER_END)]  # for every reader (a66 01)
    # Months nobody contacted an office's points in: scored 未联系上, yet ending a run (a62 02).
    said += shown_to(silent_months_notices(dataset, assessment.points, assessment.as_of), aud)
    if said:
        redacted = attrs.evolve(redacted, notices=(*redacted.notices, *said))
    if not full.provisional:
        return redacted
    # Said after redaction, which writes the notices of what it withheld.
    return attrs.evolve(redacted, notices=(PROVISIONAL_NOTICE, *redacted.notices))


def _given_or_made(
    dataset: Dataset,
    year: int,
    pm: SoftenvPluginManager,
    assessment: Assessment | None,
    calendar: WorkCalendar | None,
    params: ParameterSet,
    as_of: datetime | None,
) -> Assessment:
    """The city office's assessment the year end reads: the one given, checked to be of this
    year, plugin set, dataset and parameters, else one made for ``as_of``."""
    if assessment is not None and not isinstance(assessment, Assessment):
        raise FieldInvalid(
            "assessment", f"expected the city office's Assessment or None, got {type(assessment).__name__}"
        )
    if assessment is not None:
        _check_assessment(assessment, year, pm, calendar)
        require_same_provenance(assessment.provenance, dataset, params, "year_end")
        return assessment
    # Every county plugin's limits are found sound first (x41 01; for every reader, p42 1).
    return city_assessment(dataset, year, pm, calendar=calendar, params=params, as_of=as_of)


def _whole(
    dataset: Dataset, assessment: Assessment, aud: Audience, params: ParameterSet, calendar: WorkCalendar | None
) -> YearEnd:
    """The year end computed whole (the city office's), before redaction; an instant before its
    parameters are in force is a FieldInvalid naming ``as_of`` (_before_parameters)."""
    try:
        return _year_end(dataset, assessment, aud, params, calendar)
    except ParameterMissing as exc:
        too_early = _before_parameters(exc, assessment.as_of)
        if too_early is None:
            raise
        raise too_early from exc


def _require_baseline(year: int, params: ParameterSet) -> None:
    """SoftenvError, in the clerk's words too, for a year no month of which is owed (基线施行前):
    its assessment is empty with a notice (docs/rules.md "Counties"), but a year end reads the
    roster, commendation and appraisal parameters on days they are not in force, which stopped
    it with a bare ``ParameterMissing`` naming one of them."""
    if year_in_force(year, params):
        return
    since = params.since("report.due_day")  # ParameterMissing itself in a set without it
    raise SoftenvError(
        f"year_end: no month of {year} is owed: the programme's baseline is not in force in it "
        f"(from {since}); there is no year end to make",
        zh=f"{year} 年没有应报月份：该年不在基线施行期内（基线自 {since} 施行），无年终工作可编制",
    )


def _before_parameters(exc: ParameterMissing, as_of: datetime | None) -> FieldInvalid | None:
    """FieldInvalid naming ``as_of`` when ``exc`` is a parameter asked for on its Beijing day,
    before its first value (as_of 2020: the roster's ``roster.county_sectors``, from 2022-03-01),
    as the other analyses name an instant they cannot speak for (integrator i42: a bare
    ParameterMissing); None otherwise (a caller's own set that lacks a parameter: ``exc`` stands)."""
    if as_of is None or exc.first is None or exc.at != beijing_date(as_of) or exc.first <= exc.at:
        return None
    first = exc.first.isoformat()
    return FieldInvalid(
        "as_of",
        f"{as_of.isoformat()} is before the year end's parameters are in force ({exc.name!r} from {first}); "
        f"give an instant from {first} (Beijing) or later",
        # The Chinese is the clerk's (the CLI prints it): the flag, as redaction_instant's words do.
        zh=f"--as-of {as_of.isoformat()} 早于年终工作所用参数的施行日（{exc.name} 自 {first} 施行），"
        f"请给出 {first}（北京时间）或更晚的时刻",
    )


def _check_assessment(
    assessment: Assessment, year: int, pm: SoftenvPluginManager, calendar: WorkCalendar | None
) -> None:
    """SoftenvError unless ``assessment`` is the one this year end would make: the city office's
    (the year end is redacted for its own audience), of ``year``, made with the plugins of
    ``pm``, and not provisional when the calendar given is strict (it could not have made it)."""
    require_whole_assessment(assessment, "year_end")
    if assessment.year != year:
        raise SoftenvError(f"year_end: the assessment is of {assessment.year}, the year end of {year}")
    if assessment.plugins != pm.plugins_meta():
        raise SoftenvError(
            f"year_end: the assessment was made with plugins {_plugin_names(assessment.plugins)}, "
            f"the year end's plugin manager has {_plugin_names(pm.plugins_meta())}; "
            "give the plugin manager that made it, or leave the assessment out"
        )
    if assessment.provisional and (calendar is None or calendar.mode is not CalendarMode.PROVISIONAL):
        raise SoftenvError(
            "year_end: the assessment is provisional (a weekends-only calendar), the year end's calendar "
            "is strict; give the provisional calendar that made it, or leave the assessment out"
        )
    _check_calendar(assessment, calendar or WorkCalendar())


def _check_calendar(assessment: Assessment, calendar: WorkCalendar) -> None:
    """SoftenvError unless each deadline of ``assessment`` took its working days from where
    ``calendar`` takes them (official, supplied or weekends only): an assessment made with a
    supplied arrangement given with a weekends-only calendar, or the other way round, rests on
    other deadlines than the year end would work out (auditor 02)."""
    for county in assessment.counties:
        for m in county.months:
            d = m.deadline
            if d is None:
                continue
            try:
                here = ", ".join(str(x) for x in calendar.sources([d.nominal, d.due_at.date()]))
            except CalendarDataMissing as exc:
                here = f"no data for {exc.year}"
            said = ", ".join(str(x) for x in d.calendar_sources)
            if said != here:
                raise SoftenvError(
                    f"year_end: the assessment's deadline of {county.code} for {m.month} took its working days "
                    f"from {said}, the year end's calendar from {here}; "
                    "give the calendar that made it, or leave the assessment out"
                )


def _plugin_names(metas: tuple[PluginMeta, ...]) -> str:
    """The plugins as a message names them: name and version, e.g. ``city 1.0, county-x 0.2``."""
    return ", ".join(f"{m.name} {m.version}" for m in metas) or "(none)"


def _provisional(assessment: Assessment, calendar: WorkCalendar | None) -> bool:
    """Whether a deadline or working-day figure behind the year end touched a year the calendar
    knows only as weekends: the assessment's deadlines, or the year's own days (the contacts
    owed in its months, read by the adjustment proposals)."""
    if assessment.provisional:
        return True
    if calendar is None or calendar.mode is not CalendarMode.PROVISIONAL:
        return False  # a strict calendar answers only for the years it knows (it raised otherwise)
    # The year's days to its last, whose late December reads the next year's notice (a75 01).
    return calendar.provisional_in([date(assessment.year, 12, 31)])


def _at_instant(assessment: Assessment, as_of: datetime | None) -> Assessment:
    """The assessment, speaking for ``as_of`` (its own instant when None); SoftenvError when it
    speaks for another: its bands and nomination conditions would read other records."""
    require_same_instant(
        assessment,
        as_of,
        "year_end",
        "give assess(..., as_of=as_of)'s or leave as_of out (its own instant is then the year end's)",
    )
    if assessment.as_of is not None:
        return assessment
    # A document written before assessments named their instant: it was complete, as of the
    # year's instant (the default then as now).
    instant = assessment_instant(assessment)
    if instant is None:
        raise SoftenvError(f"year_end: the {assessment.year} assessment names no instant; give as_of")
    return attrs.evolve(assessment, as_of=instant)


def _year_end(
    dataset: Dataset, assessment: Assessment, aud: Audience, params: ParameterSet, calendar: WorkCalendar | None
) -> YearEnd:
    """The whole year end (before redaction) as of the assessment's instant."""
    year, as_of = assessment.year, assessment.as_of
    assert as_of is not None  # _at_instant gave it one
    # The roster on the year's last day, or on as_of's day if earlier, and after the adjustment
    # (the next January window's last day), each as known at as_of (a roster change not yet
    # known ends or starts nothing).
    on = min(date(year, 12, 31), beijing_date(as_of))
    closed = {r.id for r in rounds_closed_by(dataset, year, as_of, params)}  # a round still open is pending
    rounds = sorted((r for r in dataset.appraisal_rounds if r.id in closed), key=lambda r: r.period)
    # A 不合格 proposal names the evidence of the score items the reader is shown (x72 03).
    proposals = whole_proposals(dataset, assessment, params, calendar, as_of, aud)
    # A nominee also proposed for removal is flagged beside the commendation (a59 03: no rule).
    commendation = check_commendation(dataset, assessment, params, audience=CITY, as_of=as_of)
    return YearEnd(
        year=year,
        appraisal=tuple(appraise(dataset, r, params, audience=CITY, calendar=calendar) for r in rounds),
        roster_before=representativeness(dataset, on, params, audience=CITY, as_of=as_of),
        roster_after=representativeness(
            dataset, after_adjustment_day(adjustment_window(params, year)[1]), params, audience=CITY, as_of=as_of
        ),
        proposals=proposals,
        filings=check_filings(dataset, audience=CITY, as_of=as_of, year=year),
        commendation=also_proposed(commendation, proposals),
        # Outside the city office without complaints: a topic there only because of them
        # would tell that they were made (as the monthly report's common problems).
        topics=research_topics(
            dataset,
            Month(year, 1),
            Month(year, 12),
            params,
            audience=CITY,
            direct_feedback=aud.kind is CITY.kind,
            as_of=as_of,
        ),
        followups=followup_year(dataset, year, params, on=on, as_of=as_of),
        research=topics_of_year(dataset, year, on=on),
        window=check_window(dataset, year, params, as_of=as_of),
        suggested_removals=propose_from_suggestions(dataset, year, as_of=as_of),
        additions=propose_additions(dataset, year, params, as_of=as_of),
        guarantees=guarantees(dataset, year, on=beijing_date(as_of)),
        unrecorded=find_unrecorded(dataset, year, params, as_of=as_of),
        unqualified_removals=check_unqualified_removals(
            dataset, assessment, params, audience=CITY, as_of=as_of, calendar=calendar
        ),
        as_of=as_of,
        plugins=assessment.plugins,
        core_version=core_version(),
        provisional=_provisional(assessment, calendar),
        office=dataset.city.office,
        reader_name=_reader_name(dataset, aud),
        reader_office=reader_office(dataset, aud),
    )


def _reader_name(dataset: Dataset, aud: Audience) -> str | None:
    """A county's or a department's name, by its code or id; None for any other reader."""
    key = aud.key or ""
    if aud.kind is AudienceKind.COUNTY and key in dataset.county_by_code:
        return dataset.county_by_code[key].name
    if aud.kind is AudienceKind.DEPARTMENT and key in dataset.department_by_id:
        return dataset.department_by_id[key].name
    return None


__all__ = ["YEAREND_SCHEMA", "YEAREND_VERSION", "YearEnd", "year_end"]
