"""softenv_core: the 软环境建设监测点 programme of a Chinese city as a library.

Points, contacts, zero reports, complaints, appraisals and the explained year-end
assessment, with pluggy hooks through which counties add their own rules.
"""

from .appraisals import AppraisalRound, RaterGroup, Rating, RatingLevel
from .assessment import Assessment, CountyAssessment, PointAssessment, assess
from .complaints import (
    CITY_OFFICE_UNIT,
    Complaint,
    ComplaintEvent,
    ComplaintKind,
    EventType,
    Satisfaction,
    Verdict,
)
from .dataset import Dataset
from .deadlines import describe_day, monthly_deadline
from .divisions import City, County, CountyKind, Department
from .enterprises import Enterprise, Ownership, Sector
from .errors import (
    CalendarDataMissing,
    InputError,
    ParameterMissing,
    PluginError,
    PluginLoadError,
    RuleConflict,
    SoftenvError,
)
from .hookspecs import hookimpl
from .loading import dataset_json, dataset_warnings, dump_dataset, load_dataset
from .parameters import Parameter, ParameterSet, baseline_parameters
from .periods import BEIJING, HalfYear, Month, Year
from .plugins import PluginMeta, SoftenvPluginManager, get_plugin_manager
from .points import Designator, MonitoringPoint, PointLevel
from .records import Amendment, Contact, ContactMethod, Item, ItemCategory, MonthlyReport
from .roster import (
    ChangeAction,
    ChangeReason,
    CommendationDecision,
    Filing,
    Nomination,
    ResearchTopic,
    RosterChange,
    Waiver,
)
from .rules.baseline import baseline_sla
from .ruletypes import (
    Award,
    ComplaintSla,
    Condition,
    CountyYear,
    Deadline,
    Failure,
    MonthStatus,
    PluginInfo,
    PointYear,
    Rule,
)
from .sizes import Size, SizeClassification, classify_size
from .trace import ConditionResult, ParamValue, RuleRef, ScoreItem
from .work_calendar import CalendarMode, CalendarSource, WorkCalendar, YearArrangement

__version__ = "0.1.0"

__all__ = [
    "BEIJING",
    "CITY_OFFICE_UNIT",
    "Amendment",
    "AppraisalRound",
    "Assessment",
    "Award",
    "CalendarDataMissing",
    "CalendarMode",
    "CalendarSource",
    "ChangeAction",
    "ChangeReason",
    "City",
    "CommendationDecision",
    "Complaint",
    "ComplaintEvent",
    "ComplaintKind",
    "ComplaintSla",
    "Condition",
    "ConditionResult",
    "Contact",
    "ContactMethod",
    "County",
    "CountyAssessment",
    "CountyKind",
    "CountyYear",
    "Dataset",
    "Deadline",
    "Department",
    "Designator",
    "Enterprise",
    "EventType",
    "Failure",
    "Filing",
    "HalfYear",
    "InputError",
    "Item",
    "ItemCategory",
    "MonitoringPoint",
    "Month",
    "MonthStatus",
    "MonthlyReport",
    "Nomination",
    "Ownership",
    "ParamValue",
    "Parameter",
    "ParameterMissing",
    "ParameterSet",
    "PluginError",
    "PluginInfo",
    "PluginLoadError",
    "PluginMeta",
    "PointAssessment",
    "PointLevel",
    "PointYear",
    "RaterGroup",
    "Rating",
    "RatingLevel",
    "ResearchTopic",
    "RosterChange",
    "Rule",
    "RuleConflict",
    "RuleRef",
    "Satisfaction",
    "ScoreItem",
    "Sector",
    "Size",
    "SizeClassification",
    "SoftenvError",
    "SoftenvPluginManager",
    "Verdict",
    "Waiver",
    "WorkCalendar",
    "Year",
    "YearArrangement",
    "__version__",
    "assess",
    "baseline_parameters",
    "baseline_sla",
    "classify_size",
    "dataset_json",
    "dataset_warnings",
    "describe_day",
    "dump_dataset",
    "get_plugin_manager",
    "hookimpl",
    "load_dataset",
    "monthly_deadline",
]
