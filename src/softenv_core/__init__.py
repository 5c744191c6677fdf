"""softenv_core: the 软环境建设监测点 programme of a Chinese city as a library.

Points, contacts, zero reports, complaints, appraisals and the explained year-end
assessment, with pluggy hooks through which counties add their own rules.

This is the surface for integrators: everything a program that loads, checks, assesses and
reports on a city's records needs is importable from here. Plugin authors import from
``softenv_core.plugin``. Analyses given no plugin manager apply the city baseline only;
pass ``get_plugin_manager()`` to apply the installed county plugins.
"""

from softenv_core._lazy import lazy_exports

#: typing.TYPE_CHECKING without importing typing (12 ms with re, most of this package's import):
#: the `softenv` command imports this package before it can tell Ctrl-C as one line (cli/entry.py;
#: clerk c51 03). Type checkers take a name TYPE_CHECKING as true, as typing's.
TYPE_CHECKING = False
if TYPE_CHECKING:  # what type checkers see; at run time each name loads on first use (_WHERE)
    from softenv_core._version import __version__ as __version__
    from softenv_core.analyses.adjustment import AdditionProposal as AdditionProposal
    from softenv_core.analyses.adjustment import FilingCheck as FilingCheck
    from softenv_core.analyses.adjustment import Proposal as Proposal
    from softenv_core.analyses.adjustment import WindowCheck as WindowCheck
    from softenv_core.analyses.adjustment import apply_changes as apply_changes
    from softenv_core.analyses.adjustment import check_filings as check_filings
    from softenv_core.analyses.adjustment import propose_adjustments as propose_adjustments
    from softenv_core.analyses.appraisal_scores import DepartmentScore as DepartmentScore
    from softenv_core.analyses.appraisal_scores import GroupTally as GroupTally
    from softenv_core.analyses.appraisal_scores import RoundResult as RoundResult
    from softenv_core.analyses.appraisal_scores import appraise as appraise
    from softenv_core.analyses.assessment import Assessment as Assessment
    from softenv_core.analyses.assessment import CountyAssessment as CountyAssessment
    from softenv_core.analyses.assessment import PointAssessment as PointAssessment
    from softenv_core.analyses.assessment import assess as assess
    from softenv_core.analyses.audiences import CITY_OFFICE as CITY_OFFICE
    from softenv_core.analyses.audiences import AudienceKind as AudienceKind
    from softenv_core.analyses.commendation import CommendationResult as CommendationResult
    from softenv_core.analyses.commendation import CountyNominations as CountyNominations
    from softenv_core.analyses.commendation import DecisionCheck as DecisionCheck
    from softenv_core.analyses.commendation import NomineeCheck as NomineeCheck
    from softenv_core.analyses.commendation import ProposedNominee as ProposedNominee
    from softenv_core.analyses.commendation import check_commendation as check_commendation
    from softenv_core.analyses.common_problems import CommonProblem as CommonProblem
    from softenv_core.analyses.complaint_handling import ComplaintState as ComplaintState
    from softenv_core.analyses.complaint_handling import ComplaintStatus as ComplaintStatus
    from softenv_core.analyses.complaint_handling import ComplaintStep as ComplaintStep
    from softenv_core.analyses.complaint_handling import Limits as Limits
    from softenv_core.analyses.complaint_handling import UnitRates as UnitRates
    from softenv_core.analyses.complaint_handling import complaint_status as complaint_status
    from softenv_core.analyses.complaint_handling import sla_for as sla_for
    from softenv_core.analyses.complaint_handling import unit_rates as unit_rates
    from softenv_core.analyses.complaint_limits import DatedLimits as DatedLimits
    from softenv_core.analyses.complaint_states import Step as Step
    from softenv_core.analyses.disclosure import ShownCount as ShownCount
    from softenv_core.analyses.fingerprint import Provenance as Provenance
    from softenv_core.analyses.followup_status import FollowUpYear as FollowUpYear
    from softenv_core.analyses.guarantees import CountyGuarantees as CountyGuarantees
    from softenv_core.analyses.guarantees import Guarantees as Guarantees
    from softenv_core.analyses.later_records import later_amendment_notices as later_amendment_notices
    from softenv_core.analyses.later_records import later_records_notices as later_records_notices
    from softenv_core.analyses.later_records import later_report_notices as later_report_notices
    from softenv_core.analyses.later_records import later_waiver_notices as later_waiver_notices
    from softenv_core.analyses.monitoring_report import Audience as Audience
    from softenv_core.analyses.monitoring_report import MonitoringReport as MonitoringReport
    from softenv_core.analyses.monitoring_report import PointContact as PointContact
    from softenv_core.analyses.monitoring_report import contact_overview as contact_overview
    from softenv_core.analyses.monitoring_report import monitoring_report as monitoring_report
    from softenv_core.analyses.monitoring_report import monitoring_reports as monitoring_reports
    from softenv_core.analyses.report_deadline import report_deadline as report_deadline
    from softenv_core.analyses.report_rows import ComplaintRow as ComplaintRow
    from softenv_core.analyses.report_rows import ContactRow as ContactRow
    from softenv_core.analyses.report_rows import CountyReportRow as CountyReportRow
    from softenv_core.analyses.report_rows import ItemRow as ItemRow
    from softenv_core.analyses.report_rows import OpenMatterRow as OpenMatterRow
    from softenv_core.analyses.report_rows import ReconciliationFlag as ReconciliationFlag
    from softenv_core.analyses.report_rows import WorkloadRow as WorkloadRow
    from softenv_core.analyses.representativeness import Gap as Gap
    from softenv_core.analyses.representativeness import ProfileCell as ProfileCell
    from softenv_core.analyses.representativeness import Representativeness as Representativeness
    from softenv_core.analyses.representativeness import representativeness as representativeness
    from softenv_core.analyses.research_topics import EvidenceItem as EvidenceItem
    from softenv_core.analyses.research_topics import TopicCandidate as TopicCandidate
    from softenv_core.analyses.research_topics import TopicProgress as TopicProgress
    from softenv_core.analyses.research_topics import TopicYear as TopicYear
    from softenv_core.analyses.research_topics import research_topics as research_topics
    from softenv_core.analyses.trends import TrendRow as TrendRow
    from softenv_core.analyses.trends import TrendView as TrendView
    from softenv_core.analyses.unqualified_removals import UnqualifiedRemoval as UnqualifiedRemoval
    from softenv_core.analyses.unrecorded_changes import UnrecordedChange as UnrecordedChange
    from softenv_core.analyses.year_end import YearEnd as YearEnd
    from softenv_core.analyses.year_end import year_end as year_end
    from softenv_core.demo import build_demo as build_demo
    from softenv_core.engine.deadlines import DeadlinePolicy as DeadlinePolicy
    from softenv_core.engine.deadlines import monthly_deadline as monthly_deadline
    from softenv_core.engine.deadlines import workday_deadline as workday_deadline
    from softenv_core.engine.hookspecs import hookimpl as hookimpl
    from softenv_core.engine.manager import PluginMeta as PluginMeta
    from softenv_core.engine.manager import SoftenvPluginManager as SoftenvPluginManager
    from softenv_core.engine.parameters import DatedValue as DatedValue
    from softenv_core.engine.parameters import Parameter as Parameter
    from softenv_core.engine.parameters import ParameterSet as ParameterSet
    from softenv_core.engine.parameters import baseline_parameters as baseline_parameters
    from softenv_core.engine.parameters import parse_parameters as parse_parameters
    from softenv_core.engine.ruletypes import Award as Award
    from softenv_core.engine.ruletypes import Band as Band
    from softenv_core.engine.ruletypes import ComplaintSla as ComplaintSla
    from softenv_core.engine.ruletypes import Condition as Condition
    from softenv_core.engine.ruletypes import CountyYear as CountyYear
    from softenv_core.engine.ruletypes import Deadline as Deadline
    from softenv_core.engine.ruletypes import Failure as Failure
    from softenv_core.engine.ruletypes import MonthState as MonthState
    from softenv_core.engine.ruletypes import MonthStatus as MonthStatus
    from softenv_core.engine.ruletypes import PluginInfo as PluginInfo
    from softenv_core.engine.ruletypes import PointYear as PointYear
    from softenv_core.engine.ruletypes import Rule as Rule
    from softenv_core.engine.trace import ConditionResult as ConditionResult
    from softenv_core.engine.trace import ParamValue as ParamValue
    from softenv_core.engine.trace import RuleRef as RuleRef
    from softenv_core.engine.trace import ScoreItem as ScoreItem
    from softenv_core.errors import CalendarDataMissing as CalendarDataMissing
    from softenv_core.errors import FieldInvalid as FieldInvalid
    from softenv_core.errors import InputError as InputError
    from softenv_core.errors import InputProblem as InputProblem
    from softenv_core.errors import NaiveInstant as NaiveInstant
    from softenv_core.errors import NotFound as NotFound
    from softenv_core.errors import ParameterMissing as ParameterMissing
    from softenv_core.errors import ParameterUnknown as ParameterUnknown
    from softenv_core.errors import PluginError as PluginError
    from softenv_core.errors import PluginLoadError as PluginLoadError
    from softenv_core.errors import PluginRefused as PluginRefused
    from softenv_core.errors import RuleConflict as RuleConflict
    from softenv_core.errors import SoftenvError as SoftenvError
    from softenv_core.io.calendar_files import load_arrangements as load_arrangements
    from softenv_core.io.converter import from_json as from_json
    from softenv_core.io.converter import to_document as to_document
    from softenv_core.io.converter import to_json as to_json
    from softenv_core.io.dataset_files import load_dataset as load_dataset
    from softenv_core.io.dataset_files import loads_dataset as loads_dataset
    from softenv_core.io.dataset_files import without_record_ids as without_record_ids
    from softenv_core.io.dataset_warnings import dataset_warnings as dataset_warnings
    from softenv_core.io.migrations import migrate_dataset as migrate_dataset
    from softenv_core.io.schema import calendar_schema as calendar_schema
    from softenv_core.io.schema import dataset_schema as dataset_schema
    from softenv_core.io.schema import draft7 as draft7
    from softenv_core.io.validation import dataset_json as dataset_json
    from softenv_core.io.validation import dump_dataset as dump_dataset
    from softenv_core.io.validation import validate as validate
    from softenv_core.model.appraisals import AppraisalRound as AppraisalRound
    from softenv_core.model.appraisals import RaterGroup as RaterGroup
    from softenv_core.model.appraisals import Rating as Rating
    from softenv_core.model.appraisals import RatingLevel as RatingLevel
    from softenv_core.model.complaints import CITY_OFFICE_UNIT as CITY_OFFICE_UNIT
    from softenv_core.model.complaints import Complaint as Complaint
    from softenv_core.model.complaints import ComplaintEvent as ComplaintEvent
    from softenv_core.model.complaints import ComplaintKind as ComplaintKind
    from softenv_core.model.complaints import EventType as EventType
    from softenv_core.model.complaints import Satisfaction as Satisfaction
    from softenv_core.model.complaints import Verdict as Verdict
    from softenv_core.model.dataset import Dataset as Dataset
    from softenv_core.model.divisions import City as City
    from softenv_core.model.divisions import County as County
    from softenv_core.model.divisions import CountyKind as CountyKind
    from softenv_core.model.divisions import Department as Department
    from softenv_core.model.enterprises import Enterprise as Enterprise
    from softenv_core.model.enterprises import Ownership as Ownership
    from softenv_core.model.enterprises import Sector as Sector
    from softenv_core.model.followups import FollowUp as FollowUp
    from softenv_core.model.followups import FollowUpKind as FollowUpKind
    from softenv_core.model.followups import MatterSource as MatterSource
    from softenv_core.model.guarantees import PublicityActivity as PublicityActivity
    from softenv_core.model.guarantees import PublicityKind as PublicityKind
    from softenv_core.model.guarantees import WorkPlan as WorkPlan
    from softenv_core.model.periods import BEIJING as BEIJING
    from softenv_core.model.periods import HalfYear as HalfYear
    from softenv_core.model.periods import Month as Month
    from softenv_core.model.periods import Year as Year
    from softenv_core.model.periods import beijing_date as beijing_date
    from softenv_core.model.points import Designator as Designator
    from softenv_core.model.points import LiaisonTerm as LiaisonTerm
    from softenv_core.model.points import MonitoringPoint as MonitoringPoint
    from softenv_core.model.points import PointLevel as PointLevel
    from softenv_core.model.reports import Amendment as Amendment
    from softenv_core.model.reports import Contact as Contact
    from softenv_core.model.reports import ContactMethod as ContactMethod
    from softenv_core.model.reports import Item as Item
    from softenv_core.model.reports import ItemCategory as ItemCategory
    from softenv_core.model.reports import MonthlyReport as MonthlyReport
    from softenv_core.model.roster import AdjustmentSuggestion as AdjustmentSuggestion
    from softenv_core.model.roster import ChangeAction as ChangeAction
    from softenv_core.model.roster import ChangeReason as ChangeReason
    from softenv_core.model.roster import CommendationDecision as CommendationDecision
    from softenv_core.model.roster import Filing as Filing
    from softenv_core.model.roster import Finding as Finding
    from softenv_core.model.roster import Measure as Measure
    from softenv_core.model.roster import Nomination as Nomination
    from softenv_core.model.roster import ResearchTopic as ResearchTopic
    from softenv_core.model.roster import RosterChange as RosterChange
    from softenv_core.model.roster import TopicEvent as TopicEvent
    from softenv_core.model.roster import TopicState as TopicState
    from softenv_core.model.roster import Waiver as Waiver
    from softenv_core.model.sizes import Size as Size
    from softenv_core.model.sizes import SizeClassification as SizeClassification
    from softenv_core.model.sizes import classify_size as classify_size
    from softenv_core.render.assessment import explain_county as explain_county
    from softenv_core.render.assessment import explain_point as explain_point
    from softenv_core.render.docx_report import write_report_docx as write_report_docx
    from softenv_core.render.docx_yearend import write_yearend_docx as write_yearend_docx
    from softenv_core.render.monitoring_report import render_markdown as render_markdown
    from softenv_core.render.results_workbook import write_results_workbook as write_results_workbook
    from softenv_core.render.year_end import render_yearend as render_yearend
    from softenv_core.rules.city.baseline import baseline_sla as baseline_sla
    from softenv_core.rules.registry import city_plugin_manager as city_plugin_manager
    from softenv_core.rules.registry import get_plugin_manager as get_plugin_manager
    from softenv_core.workdays.calendar import CalendarMode as CalendarMode
    from softenv_core.workdays.calendar import CalendarSource as CalendarSource
    from softenv_core.workdays.calendar import WorkCalendar as WorkCalendar
    from softenv_core.workdays.calendar import YearArrangement as YearArrangement
    from softenv_core.workdays.calendar import official_years as official_years
    from softenv_core.workdays.deadlines import describe_day as describe_day

# THE table of this surface: each public name and the submodule it lives in. __all__,
# __getattr__ and dir() come from it; tests/test_api.py checks it against the imports above.
# Importing softenv_core (and so `softenv --help`) stays cheap: a module is imported when
# one of its names is first used.
_WHERE: dict[str, str] = {
    "AdditionProposal": "analyses.adjustment",
    "WindowCheck": "analyses.adjustment",
    "UnrecordedChange": "analyses.unrecorded_changes",
    "UnqualifiedRemoval": "analyses.unqualified_removals",
    "DepartmentScore": "analyses.appraisal_scores",
    "GroupTally": "analyses.appraisal_scores",
    "CountyNominations": "analyses.commendation",
    "DecisionCheck": "analyses.commendation",
    "Provenance": "analyses.fingerprint",
    "NomineeCheck": "analyses.commendation",
    "ProposedNominee": "analyses.commendation",
    "CommonProblem": "analyses.common_problems",
    "DatedLimits": "analyses.complaint_limits",
    "Step": "analyses.complaint_states",
    "FollowUpYear": "analyses.followup_status",
    "CountyGuarantees": "analyses.guarantees",
    "Guarantees": "analyses.guarantees",
    "ComplaintRow": "analyses.report_rows",
    "ContactRow": "analyses.report_rows",
    "CountyReportRow": "analyses.report_rows",
    "ItemRow": "analyses.report_rows",
    "OpenMatterRow": "analyses.report_rows",
    "ReconciliationFlag": "analyses.report_rows",
    "WorkloadRow": "analyses.report_rows",
    "Gap": "analyses.representativeness",
    "ProfileCell": "analyses.representativeness",
    "ShownCount": "analyses.disclosure",
    "report_deadline": "analyses.report_deadline",
    "EvidenceItem": "analyses.research_topics",
    "TopicProgress": "analyses.research_topics",
    "TopicYear": "analyses.research_topics",
    "TrendRow": "analyses.trends",
    "TrendView": "analyses.trends",
    "explain_point": "render.assessment",
    "explain_county": "render.assessment",
    "__version__": "_version",
    "FilingCheck": "analyses.adjustment",
    "Proposal": "analyses.adjustment",
    "apply_changes": "analyses.adjustment",
    "check_filings": "analyses.adjustment",
    "propose_adjustments": "analyses.adjustment",
    "RoundResult": "analyses.appraisal_scores",
    "appraise": "analyses.appraisal_scores",
    "Assessment": "analyses.assessment",
    "CountyAssessment": "analyses.assessment",
    "PointAssessment": "analyses.assessment",
    "assess": "analyses.assessment",
    "CITY_OFFICE": "analyses.audiences",
    "AudienceKind": "analyses.audiences",
    "CommendationResult": "analyses.commendation",
    "check_commendation": "analyses.commendation",
    "ComplaintStatus": "analyses.complaint_handling",
    "ComplaintState": "analyses.complaint_handling",
    "ComplaintStep": "analyses.complaint_handling",
    "Limits": "analyses.complaint_handling",
    "UnitRates": "analyses.complaint_handling",
    "complaint_status": "analyses.complaint_handling",
    "sla_for": "analyses.complaint_handling",
    "unit_rates": "analyses.complaint_handling",
    "later_amendment_notices": "analyses.later_records",  # records after a report's instant (a79b 04)
    "later_records_notices": "analyses.later_records",
    "later_report_notices": "analyses.later_records",
    "later_waiver_notices": "analyses.later_records",
    "Audience": "analyses.monitoring_report",
    "MonitoringReport": "analyses.monitoring_report",
    "PointContact": "analyses.monitoring_report",
    "contact_overview": "analyses.monitoring_report",
    "monitoring_report": "analyses.monitoring_report",
    "monitoring_reports": "analyses.monitoring_report",
    "Representativeness": "analyses.representativeness",
    "representativeness": "analyses.representativeness",
    "TopicCandidate": "analyses.research_topics",
    "research_topics": "analyses.research_topics",
    "YearEnd": "analyses.year_end",
    "year_end": "analyses.year_end",
    "build_demo": "demo",
    "monthly_deadline": "engine.deadlines",
    "workday_deadline": "engine.deadlines",
    "DeadlinePolicy": "engine.deadlines",
    "hookimpl": "engine.hookspecs",
    "PluginMeta": "engine.manager",
    "SoftenvPluginManager": "engine.manager",
    "DatedValue": "engine.parameters",
    "Parameter": "engine.parameters",
    "ParameterSet": "engine.parameters",
    "baseline_parameters": "engine.parameters",
    "parse_parameters": "engine.parameters",
    "Award": "engine.ruletypes",
    "Band": "engine.ruletypes",
    "ComplaintSla": "engine.ruletypes",
    "Condition": "engine.ruletypes",
    "CountyYear": "engine.ruletypes",
    "Deadline": "engine.ruletypes",
    "Failure": "engine.ruletypes",
    "MonthStatus": "engine.ruletypes",
    "MonthState": "engine.ruletypes",
    "PluginInfo": "engine.ruletypes",
    "PointYear": "engine.ruletypes",
    "Rule": "engine.ruletypes",
    "ConditionResult": "engine.trace",
    "ParamValue": "engine.trace",
    "RuleRef": "engine.trace",
    "ScoreItem": "engine.trace",
    "CalendarDataMissing": "errors",
    "FieldInvalid": "errors",
    "InputError": "errors",
    "InputProblem": "errors",
    "NaiveInstant": "errors",
    "NotFound": "errors",
    "ParameterMissing": "errors",
    "ParameterUnknown": "errors",
    "PluginError": "errors",
    "PluginLoadError": "errors",
    "PluginRefused": "errors",
    "RuleConflict": "errors",
    "SoftenvError": "errors",
    "dataset_json": "io.validation",  # a field of the wrong type refused at its $.path (integrator i45)
    "from_json": "io.converter",  # every result's JSON, read back equal (integrator i37)
    "to_document": "io.converter",
    "to_json": "io.converter",
    "dataset_warnings": "io.dataset_warnings",
    "dump_dataset": "io.validation",
    "load_arrangements": "io.calendar_files",
    "load_dataset": "io.dataset_files",
    "loads_dataset": "io.dataset_files",
    "without_record_ids": "io.dataset_files",
    "migrate_dataset": "io.migrations",
    "calendar_schema": "io.schema",
    "dataset_schema": "io.schema",
    "draft7": "io.schema",
    "validate": "io.validation",
    "AppraisalRound": "model.appraisals",
    "RaterGroup": "model.appraisals",
    "Rating": "model.appraisals",
    "RatingLevel": "model.appraisals",
    "CITY_OFFICE_UNIT": "model.complaints",
    "Complaint": "model.complaints",
    "ComplaintEvent": "model.complaints",
    "ComplaintKind": "model.complaints",
    "EventType": "model.complaints",
    "Satisfaction": "model.complaints",
    "Verdict": "model.complaints",
    "Dataset": "model.dataset",
    "City": "model.divisions",
    "County": "model.divisions",
    "CountyKind": "model.divisions",
    "Department": "model.divisions",
    "Enterprise": "model.enterprises",
    "Ownership": "model.enterprises",
    "Sector": "model.enterprises",
    "FollowUp": "model.followups",
    "FollowUpKind": "model.followups",
    "MatterSource": "model.followups",
    "PublicityActivity": "model.guarantees",
    "PublicityKind": "model.guarantees",
    "WorkPlan": "model.guarantees",
    "BEIJING": "model.periods",
    "HalfYear": "model.periods",
    "Month": "model.periods",
    "Year": "model.periods",
    "beijing_date": "model.periods",
    "Designator": "model.points",
    "LiaisonTerm": "model.points",
    "MonitoringPoint": "model.points",
    "PointLevel": "model.points",
    "Amendment": "model.reports",
    "Contact": "model.reports",
    "ContactMethod": "model.reports",
    "Item": "model.reports",
    "ItemCategory": "model.reports",
    "MonthlyReport": "model.reports",
    "AdjustmentSuggestion": "model.roster",
    "ChangeAction": "model.roster",
    "ChangeReason": "model.roster",
    "CommendationDecision": "model.roster",
    "Filing": "model.roster",
    "Finding": "model.roster",
    "Measure": "model.roster",
    "Nomination": "model.roster",
    "ResearchTopic": "model.roster",
    "RosterChange": "model.roster",
    "TopicEvent": "model.roster",
    "TopicState": "model.roster",
    "Waiver": "model.roster",
    "Size": "model.sizes",
    "SizeClassification": "model.sizes",
    "classify_size": "model.sizes",
    "render_markdown": "render.monitoring_report",
    "render_yearend": "render.year_end",
    "write_report_docx": "render.docx_report",  # the office extra's, imported when a file is written
    "write_yearend_docx": "render.docx_yearend",
    "write_results_workbook": "render.results_workbook",
    "baseline_sla": "rules.city.baseline",
    "city_plugin_manager": "rules.registry",
    "get_plugin_manager": "rules.registry",
    "CalendarMode": "workdays.calendar",
    "CalendarSource": "workdays.calendar",
    "WorkCalendar": "workdays.calendar",
    "YearArrangement": "workdays.calendar",
    "official_years": "workdays.calendar",
    "describe_day": "workdays.deadlines",
}

del TYPE_CHECKING  # not a name of the surface (reviewer r54 11)
__getattr__, __dir__, __all__ = lazy_exports(__name__, globals(), _WHERE)
