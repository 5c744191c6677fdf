"""The year-end work in one call: 万人评议 results, representativeness before and after the
adjustment, adjustment proposals, filing checks, commendation and 专项调研 topics."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from attrs import field, frozen

from softenv_core._validators import to_tuple
from softenv_core.analyses.adjustment import (
    AdditionProposal,
    FilingCheck,
    Proposal,
    WindowCheck,
    apply_changes,
    check_filings,
    check_window,
    propose_additions,
    propose_adjustments,
    propose_from_suggestions,
)
from softenv_core.analyses.appraisal_scores import RoundResult, appraise
from softenv_core.analyses.assessment import Assessment, assess
from softenv_core.analyses.audiences import CITY, Audience
from softenv_core.analyses.commendation import CommendationResult, check_commendation
from softenv_core.analyses.followup_status import FollowUpYear, followup_year
from softenv_core.analyses.guarantees import Guarantees, guarantees
from softenv_core.analyses.redaction import as_audience, check_audience, redact_year_end
from softenv_core.analyses.redaction_instant import require_year_instant
from softenv_core.analyses.representativeness import Representativeness, representativeness
from softenv_core.analyses.research_topics import TopicCandidate, TopicYear, research_topics, topics_of_year
from softenv_core.engine.manager import SoftenvPluginManager
from softenv_core.engine.parameters import ParameterSet, baseline_parameters
from softenv_core.errors import SoftenvError
from softenv_core.io import converter as _converter
from softenv_core.io.validation import require_valid
from softenv_core.model.dataset import Dataset
from softenv_core.model.periods import Month
from softenv_core.rules.registry import city_plugin_manager
from softenv_core.workdays.calendar import WorkCalendar

YEAREND_SCHEMA = "softenv.yearend"


@frozen
class YearEnd:
    """Everything the city decides at year end, each part explained."""

    year: int
    appraisal: tuple[RoundResult, ...] = field(converter=to_tuple)
    roster_before: Representativeness
    roster_after: Representativeness
    proposals: tuple[Proposal, ...] = field(converter=to_tuple)
    filings: tuple[FilingCheck, ...] = field(converter=to_tuple)
    commendation: CommendationResult
    topics: tuple[TopicCandidate, ...] = field(converter=to_tuple)
    #: Who this result is for (阅读范围) and what was withheld for them (docs/privacy.md).
    audience: str = "city"
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

    SCHEMA: ClassVar[str] = YEAREND_SCHEMA
    SCHEMA_VERSION: ClassVar[int] = 1

    def to_json(self) -> str:
        """Canonical JSON (io.converter.to_json)."""
        return _converter.to_json(self)

    @classmethod
    def from_json(cls, text: str | bytes) -> YearEnd:
        """The year end that :meth:`to_json` wrote (io.converter.from_json)."""
        return _converter.from_json(text, cls)


def year_end(
    dataset: Dataset,
    year: int,
    plugin_manager: SoftenvPluginManager | None = None,
    *,
    audience: Audience | str,
    assessment: Assessment | None = None,
    calendar: WorkCalendar | None = None,
    params: ParameterSet | None = None,
) -> YearEnd:
    """The year-end work for ``year`` as ``audience`` may see it; reuses ``assessment`` when
    given (it must be the city office's: the year end is computed whole, then redacted)."""
    require_valid(dataset)  # a dataset built in Python is checked (once) as a file would be
    aud = as_audience(audience)
    check_audience(dataset, aud)
    params = params or baseline_parameters()
    pm = plugin_manager or city_plugin_manager()
    if assessment is not None and assessment.audience != str(CITY):
        raise SoftenvError(
            f"year_end: assessment is for audience {assessment.audience!r}; give the city office's "
            "(the year end is redacted for its own audience)"
        )
    assessment = assessment or assess(dataset, year, pm, audience=CITY, calendar=calendar, params=params)
    require_year_instant(assessment, aud)  # a given assessment as of an early instant: as assess refuses it
    rounds = sorted((r for r in dataset.appraisal_rounds if r.period.year == year), key=lambda r: r.period)
    # The roster after the adjustment: the changes recorded to take effect by the next year's start.
    cutoff = date(year + 1, 1, 1)
    adjusted = apply_changes(dataset, tuple(c for c in dataset.roster_changes if c.effective <= cutoff))
    full = YearEnd(
        year=year,
        appraisal=tuple(appraise(dataset, r, params) for r in rounds),
        roster_before=representativeness(dataset, date(year, 12, 31), params),
        roster_after=representativeness(adjusted, cutoff, params),
        proposals=propose_adjustments(dataset, assessment, params, calendar),
        filings=check_filings(dataset),
        commendation=check_commendation(dataset, assessment, params),
        # Outside the city office without complaints: a topic there only because of them
        # would tell that they were made (as the monthly report's common problems).
        topics=research_topics(dataset, Month(year, 1), Month(year, 12), params, direct_feedback=aud.kind is CITY.kind),
        followups=followup_year(dataset, year, params),
        research=topics_of_year(dataset, year),
        window=check_window(dataset, year, params),
        suggested_removals=propose_from_suggestions(dataset, year),
        additions=propose_additions(dataset, year, params),
        guarantees=guarantees(dataset, year),
    )
    return redact_year_end(full, dataset, aud, params)


__all__ = ["YEAREND_SCHEMA", "YearEnd", "year_end"]
