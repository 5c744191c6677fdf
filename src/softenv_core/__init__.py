"""softenv_core: the 软环境建设监测点 programme of a Chinese city as a library.

Points, contacts, zero reports, complaints, appraisals and the explained year-end
assessment, with pluggy hooks through which counties add their own rules.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._lazy import lazy_exports

if TYPE_CHECKING:  # what type checkers see; at run time each name loads on first use
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

# Where each public name lives. Importing softenv_core (and so `softenv --help`) stays cheap:
# a module is imported when one of its names is first used.
_WHERE: dict[str, str] = {
    "Amendment": "records",
    "AppraisalRound": "appraisals",
    "Assessment": "assessment",
    "Award": "ruletypes",
    "BEIJING": "periods",
    "CITY_OFFICE_UNIT": "complaints",
    "CalendarDataMissing": "errors",
    "CalendarMode": "work_calendar",
    "CalendarSource": "work_calendar",
    "ChangeAction": "roster",
    "ChangeReason": "roster",
    "City": "divisions",
    "CommendationDecision": "roster",
    "Complaint": "complaints",
    "ComplaintEvent": "complaints",
    "ComplaintKind": "complaints",
    "ComplaintSla": "ruletypes",
    "Condition": "ruletypes",
    "ConditionResult": "trace",
    "Contact": "records",
    "ContactMethod": "records",
    "County": "divisions",
    "CountyAssessment": "assessment",
    "CountyKind": "divisions",
    "CountyYear": "ruletypes",
    "Dataset": "dataset",
    "Deadline": "ruletypes",
    "Department": "divisions",
    "Designator": "points",
    "Enterprise": "enterprises",
    "EventType": "complaints",
    "Failure": "ruletypes",
    "Filing": "roster",
    "HalfYear": "periods",
    "InputError": "errors",
    "Item": "records",
    "ItemCategory": "records",
    "MonitoringPoint": "points",
    "Month": "periods",
    "MonthStatus": "ruletypes",
    "MonthlyReport": "records",
    "Nomination": "roster",
    "Ownership": "enterprises",
    "ParamValue": "trace",
    "Parameter": "parameters",
    "ParameterMissing": "errors",
    "ParameterSet": "parameters",
    "PluginError": "errors",
    "PluginInfo": "ruletypes",
    "PluginLoadError": "errors",
    "PluginMeta": "plugins",
    "PointAssessment": "assessment",
    "PointLevel": "points",
    "PointYear": "ruletypes",
    "RaterGroup": "appraisals",
    "Rating": "appraisals",
    "RatingLevel": "appraisals",
    "ResearchTopic": "roster",
    "RosterChange": "roster",
    "Rule": "ruletypes",
    "RuleConflict": "errors",
    "RuleRef": "trace",
    "Satisfaction": "complaints",
    "ScoreItem": "trace",
    "Sector": "enterprises",
    "Size": "sizes",
    "SizeClassification": "sizes",
    "SoftenvError": "errors",
    "SoftenvPluginManager": "plugins",
    "Verdict": "complaints",
    "Waiver": "roster",
    "WorkCalendar": "work_calendar",
    "Year": "periods",
    "YearArrangement": "work_calendar",
    "assess": "assessment",
    "baseline_parameters": "parameters",
    "baseline_sla": "rules.baseline",
    "classify_size": "sizes",
    "dataset_json": "loading",
    "dataset_warnings": "loading",
    "describe_day": "deadlines",
    "dump_dataset": "loading",
    "get_plugin_manager": "plugins",
    "hookimpl": "hookspecs",
    "load_dataset": "loading",
    "monthly_deadline": "deadlines",
}


__getattr__, __dir__ = lazy_exports(__name__, globals(), _WHERE)


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
