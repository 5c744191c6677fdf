"""The year-end assessment (考核评议): counties' report compliance and 十佳 eligibility, and
points' duty scores with every item explained (the points' in analyses/point_assessment.py).

``assess`` is a pure function of (dataset, year, plugin manager, calendar, parameters); its
result is immutable and serializes to versioned JSON (schema ``softenv.assessment``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from attrs import evolve, field, frozen

from softenv_core._validators import audience_name, library_year
from softenv_core.analyses.after_end import after_end_notices
from softenv_core.analyses.arguments import calendar_or_official, params_or_baseline, require_year_arguments
from softenv_core.analyses.audiences import Audience, AudienceKind, point_county
from softenv_core.analyses.complaint_handling import complaint_status, sla_for
from softenv_core.analyses.complaint_limits import require_limits_sound
from softenv_core.analyses.county_months import (
    CountyAssessment,
    city_waivers,
    counties_owing,
    county_deadlines,
    default_as_of,
    month_provisional,
    month_status,
    open_months_notice,
    pending_months_notice,
)
from softenv_core.analyses.fingerprint import Provenance, provenance
from softenv_core.analyses.point_assessment import PointAssessment, assess_points
from softenv_core.analyses.point_records import round_notices
from softenv_core.analyses.records_end import records_end_notice
from softenv_core.analyses.redaction import checked_audience, redact_assessment
from softenv_core.analyses.redaction_notices import plugin_elsewhere
from softenv_core.analyses.roster_changes import known_roster
from softenv_core.analyses.silent_months import silent_months_notices
from softenv_core.engine.decimal_context import in_analysis_context
from softenv_core.engine.manager import CITY_PLUGIN, PluginMeta, SoftenvPluginManager, core_version
from softenv_core.engine.parameters import ParameterSet
from softenv_core.engine.resolution import (
    DeadlineAnswers,
    RuleAnswers,
    plugin_exit,
    require_ids_apart,
    resolve_conditions,
    resolve_extra_rules,
    resolve_point_rules,
)
from softenv_core.engine.ruletypes import CountyYear, Deadline, MonthState
from softenv_core.errors import CalendarDataMissing, ParameterMissing, PluginError, not_found, own_parameter_fault
from softenv_core.io import converter as _converter
from softenv_core.model.complaints import Complaint
from softenv_core.model.dataset import Dataset
from softenv_core.model.divisions import County
from softenv_core.model.periods import Month, in_beijing, within_the_years
from softenv_core.model.reports import MonthlyReport
from softenv_core.rules.city.compliance import compliance, compliance_params, year_in_force
from softenv_core.rules.city.topten import with_waivers
from softenv_core.rules.registry import plugin_manager_or_city
from softenv_core.workdays.calendar import PROVISIONAL_NOTICE, WorkCalendar

ASSESSMENT_SCHEMA = "softenv.assessment"
ASSESSMENT_VERSION = 1


@frozen
class Assessment:
    """The result of :func:`assess` (考核评议): counties and points, with the plugins that made it."""

    year: int = field(validator=library_year)
    core_version: str
    plugins: tuple[PluginMeta, ...]
    notices: tuple[str, ...]
    provisional: bool
    counties: tuple[CountyAssessment, ...]
    points: tuple[PointAssessment, ...]
    #: The instant the assessment speaks for: what was not yet due then is pending. In Beijing
    #: time whatever offset it was given in, as every moment the analyses work out.
    as_of: datetime | None = field(default=None, converter=in_beijing)
    schema: str = ASSESSMENT_SCHEMA
    version: int = ASSESSMENT_VERSION
    #: Who this result is for (阅读范围), e.g. ``"department:city-amr"``; see docs/privacy.md.
    #: The default keeps documents written before audiences existed readable: they were complete.
    audience: str = field(default="city", validator=audience_name)
    #: The dataset and parameters it was made from (fingerprints: analyses.fingerprint), checked
    #: by the analyses that take an assessment; None in documents written before it was recorded.
    provenance: Provenance | None = None

    def county(self, code: str) -> CountyAssessment:
        """The county ``code``; NotFound (a KeyError) if it was not assessed."""
        found = next((c for c in self.counties if c.code == code), None)
        if found is None:
            raise not_found("county", code, f"the {self.year} assessment", f"{self.year} 年考核结果")
        return found

    def point(self, point_id: str) -> PointAssessment:
        """The point ``point_id``; NotFound (a KeyError) if it was not assessed."""
        found = next((p for p in self.points if p.id == point_id), None)
        if found is None:
            raise not_found("point", point_id, f"the {self.year} assessment", f"{self.year} 年考核结果")
        return found

    def to_document(self) -> dict[str, Any]:
        """The result as a JSON-ready document (documented in docs/assessment-format.md)."""
        return _converter.to_document(self)

    def to_json(self) -> str:
        """Canonical JSON: byte-identical for the same data and plugins (io.converter.to_json)."""
        return _converter.to_json(self)

    @classmethod
    def from_json(cls, text: str | bytes) -> Assessment:
        """The assessment that :meth:`to_json` wrote (io.converter.from_json)."""
        return _converter.from_json(text, cls)


def _assess_county(
    pm: SoftenvPluginManager,
    dataset: Dataset,
    county: County,
    year: int,
    calendar: WorkCalendar,
    params: ParameterSet,
    dues: dict[Month, Deadline | MonthState],
    reports: dict[tuple[str, Month], MonthlyReport],
    waivers: dict[tuple[str, Month], str],
    as_of: datetime,
    rules: RuleAnswers,
) -> CountyAssessment:
    months = tuple(
        month_status(m, due, reports.get((county.code, m)), waivers.get((county.code, m)), as_of, calendar, params)
        for m, due in dues.items()
    )
    owed = [m for m in months if m.status.owed]
    # Every value that scored an owed month (each read on the first day of the month after, as
    # month_score reads it), once, in the order first used: one reading for the whole year named
    # only the last month's value when a compliance.* parameter changed during it.
    pvs = tuple(dict.fromkeys(pv for m in owed for pv in compliance_params(params, (m.month + 1).first_day)))
    score, reason = compliance(months)

    def status_of(complaint: Complaint, at: datetime) -> Any:
        return complaint_status(complaint, at, sla_for(pm, dataset, complaint, calendar, params), calendar)

    ctx = CountyYear(county, year, months, dataset, calendar, params, status_of, as_of)
    results = []
    for bound in resolve_conditions(pm, county.code, year, params, rules):
        try:
            results.append(with_waivers(bound.result(ctx), ctx))  # a pass a city waiver made names it
        except (PluginError, CalendarDataMissing, ParameterMissing) as exc:
            subject = f"condition {bound.condition.id}"
            fault = (
                None
                if bound.plugin == CITY_PLUGIN
                else own_parameter_fault(exc, bound.plugin, "softenv_topten_conditions", subject)
            )
            if fault is not None:  # a misspelt name in its own file
                raise fault from exc
            raise
        except Exception as exc:
            raise plugin_exit(bound.plugin, "softenv_topten_conditions", bound.condition.id, exc, "condition") from exc
    return CountyAssessment(
        county.code,
        county.name,
        months,
        score,
        reason,
        pvs,
        all(r.passed for r in results),
        tuple(results),
    )


@in_analysis_context
def assess(
    dataset: Dataset,
    year: int,
    plugin_manager: SoftenvPluginManager | None = None,
    *,
    audience: Audience | str,
    calendar: WorkCalendar | None = None,
    params: ParameterSet | None = None,
    as_of: datetime | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> Assessment:
    """Assess ``year``: every county's months and 十佳 eligibility, every designated point's score.

    ``audience`` (required: an integrator must say who the output is for) is who will read
    the result: ``CITY_OFFICE`` sees everything; any other audience gets the redacted result
    of docs/privacy.md (analyses.redaction.redact_assessment).

    ``as_of`` is the instant the assessment speaks for (default: the moment after the year's
    last report deadline, so results never depend on when they are run): a month or round not
    yet due then is pending and counts neither for nor against; records dated after it are
    not yet known. Outside the city office only the default instant or a later one is given
    (an earlier one is refused: views of successive instants would date direct complaints,
    docs/privacy.md). Without a plugin manager, the city baseline alone applies.

    ``progress(stage, done, total)``, if given, is called as counties and points are done
    (the CLI shows it on a terminal); it never changes the result.

    Raises InputError when a point's record and its roster changes disagree, CalendarDataMissing
    when a deadline falls in a year without official data (the December report is due in
    January of the next year), PluginError / RuleConflict when a plugin misbehaves,
    ParameterMissing when a parameter has no value at a date.
    """
    require_year_arguments(dataset, year, as_of, progress)
    # The collector is not paused here: another thread may share the interpreter. The CLI
    # pauses it around a whole command (softenv_core._perf.paused_gc).
    aud = checked_audience(dataset, audience)
    params = params_or_baseline(params)
    pm = plugin_manager_or_city(plugin_manager)
    rules = RuleAnswers()  # the rule hooks' answers, read by the assessment and declared_rules
    full = assess_whole(dataset, year, pm, calendar_or_official(calendar), params, as_of, progress, rules)
    full = evolve(full, provenance=provenance(dataset, params) if aud.kind is AudienceKind.CITY else None)
    return redact_assessment(full, dataset, aud, params, declared_rules(pm, dataset, year, params, aud, rules))


def declared_rules(
    pm: SoftenvPluginManager,
    dataset: Dataset,
    year: int,
    params: ParameterSet,
    audience: Audience,
    rules: RuleAnswers | None = None,
) -> frozenset[tuple[str, str]]:
    """The (plugin, rule id) of the point rules of ``audience``'s county (a point's, the county of
    a 县区 point; a 市直 point is scored by no county's rules) that declare they read no direct
    feedback (``Rule.reads_direct_feedback=False``): the plugin rules whose reasons the county or
    the point may read (analyses.redaction; fix helper fx72b). Empty for any other audience."""
    point = audience.kind is AudienceKind.POINT
    key = point_county(dataset.point_by_id.get(audience.key or "")) if point else audience.key
    if audience.kind not in (AudienceKind.COUNTY, AudienceKind.POINT) or key is None or not year_in_force(year, params):
        return frozenset()  # a year before the baseline assesses no point: its rules are not read
    bound = (*resolve_point_rules(pm, key, year, params, rules), *resolve_extra_rules(pm, key, year, params, rules))
    return frozenset((b.plugin, b.rule.id) for b in bound if b.rule.reads_direct_feedback is False)


def assess_whole(
    dataset: Dataset,
    year: int,
    pm: SoftenvPluginManager,
    calendar: WorkCalendar,
    params: ParameterSet,
    as_of: datetime | None,
    progress: Callable[[str, int, int], None] | None,
    rules: RuleAnswers | None = None,
) -> Assessment:
    """The city office's whole assessment (``assess``'s before redaction), every county plugin's
    complaint limits read first, complaint or none (x40 03; for every reader since p42 1).
    ``rules``: the rule hooks' answers of this assessment (a new one if not given)."""
    rules = RuleAnswers() if rules is None else rules
    metas = pm.plugins_meta()
    notices = [
        plugin_elsewhere(m.name, m.county)  # for the city office alone (redaction: shown_outside)
        for m in metas
        if m.county is not None and m.county not in dataset.county_by_code
    ]
    reports = {(r.county, r.month): r for r in dataset.reports}
    ordered_counties = sorted(dataset.counties, key=lambda c: c.code)
    answers = DeadlineAnswers()  # this assessment's alone
    # Given an instant, the months still running then need no deadline (county_deadlines); the
    # default instant is the moment after the year's last deadline, so it needs them all.
    with within_the_years("year", year):  # 2999's December report falls due in 3000: name the year
        dues = {c.code: county_deadlines(pm, c, year, calendar, params, answers, as_of) for c in ordered_counties}
    if as_of is None:
        as_of = default_as_of((d for by_month in dues.values() for d in by_month.values()), year)
    # Before a plugin condition reads a complaint's limits, and for every reader: a laxer limit
    # passed the city office's assessment when no condition read one (plugin author p42 1).
    require_limits_sound(pm, calendar, params, as_of, year)
    waivers, waiver_notices = city_waivers(dataset, params, as_of)
    notices += waiver_notices
    assessed, absent = counties_owing(ordered_counties, dues, year)
    require_ids_apart(pm, year, params, [c.code for c in assessed], rules)  # of those assessed: p57 03, r65 05
    notices += absent
    county_results = []
    for i, county in enumerate(assessed):
        county_results.append(
            _assess_county(
                pm, dataset, county, year, calendar, params, dues[county.code], reports, waivers, as_of, rules
            )
        )
        if progress:
            progress("counties", i + 1, len(assessed))
    counties = tuple(county_results)
    notices += open_months_notice(counties)
    notices += pending_months_notice(counties)
    notices += records_end_notice(dataset, counties, as_of)  # months after the records scored 未报 (i43)
    notices += after_end_notices(assessed, dues)  # a last month due after the county ended (a66 01)
    # Designations as the roster changes known at as_of give them: a removal not yet known ends none.
    roster = known_roster(dataset, as_of)
    points = assess_points(dataset, roster, year, pm, calendar, params, as_of, progress, rules)
    notices += round_notices(dataset, year, as_of, params)
    notices += silent_months_notices(dataset, points, as_of)  # scored 未联系上, yet ending a run (a62 02)
    provisional = any(month_provisional(m, calendar) for c in counties for m in c.months)
    if provisional:
        notices.append(PROVISIONAL_NOTICE)
    return Assessment(year, core_version(), metas, tuple(notices), provisional, counties, points, as_of=as_of)


__all__ = [
    "ASSESSMENT_SCHEMA",
    "ASSESSMENT_VERSION",
    "Assessment",
    "CountyAssessment",
    "PointAssessment",
    "assess",
]
