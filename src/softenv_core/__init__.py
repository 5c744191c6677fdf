"""softenv_core: the 软环境建设监测点 programme of a Chinese city as a library.

Points, contacts, zero reports, complaints, appraisals and the explained year-end
assessment, with pluggy hooks through which counties add their own rules.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from softenv_core._lazy import lazy_exports

if TYPE_CHECKING:  # what type checkers see; at run time each name loads on first use
    from softenv_core.analyses.assessment import Assessment, CountyAssessment, PointAssessment, assess
    from softenv_core.engine.deadlines import monthly_deadline
    from softenv_core.engine.hookspecs import hookimpl
    from softenv_core.engine.manager import PluginMeta, SoftenvPluginManager
    from softenv_core.engine.parameters import Parameter, ParameterSet, baseline_parameters
    from softenv_core.engine.ruletypes import (
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
    from softenv_core.engine.trace import ConditionResult, ParamValue, RuleRef, ScoreItem
    from softenv_core.errors import (
        CalendarDataMissing,
        InputError,
        ParameterMissing,
        PluginError,
        PluginLoadError,
        RuleConflict,
        SoftenvError,
    )
    from softenv_core.io.dataset_files import dataset_json, dataset_warnings, dump_dataset, load_dataset
    from softenv_core.model.appraisals import AppraisalRound, RaterGroup, Rating, RatingLevel
    from softenv_core.model.complaints import (
        CITY_OFFICE_UNIT,
        Complaint,
        ComplaintEvent,
        ComplaintKind,
        EventType,
        Satisfaction,
        Verdict,
    )
    from softenv_core.model.dataset import Dataset
    from softenv_core.model.divisions import City, County, CountyKind, Department
    from softenv_core.model.enterprises import Enterprise, Ownership, Sector
    from softenv_core.model.periods import BEIJING, HalfYear, Month, Year
    from softenv_core.model.points import Designator, MonitoringPoint, PointLevel
    from softenv_core.model.reports import Amendment, Contact, ContactMethod, Item, ItemCategory, MonthlyReport
    from softenv_core.model.roster import (
        ChangeAction,
        ChangeReason,
        CommendationDecision,
        Filing,
        Nomination,
        ResearchTopic,
        RosterChange,
        Waiver,
    )
    from softenv_core.model.sizes import Size, SizeClassification, classify_size
    from softenv_core.rules.city.baseline import baseline_sla
    from softenv_core.rules.registry import get_plugin_manager
    from softenv_core.workdays.calendar import CalendarMode, CalendarSource, WorkCalendar, YearArrangement
    from softenv_core.workdays.deadlines import describe_day

__version__ = "0.1.0"

# Where each public name lives. Importing softenv_core (and so `softenv --help`) stays cheap:
# a module is imported when one of its names is first used.
_WHERE: dict[str, str] = {
    "Amendment": "model.reports",
    "AppraisalRound": "model.appraisals",
    "Assessment": "analyses.assessment",
    "Award": "engine.ruletypes",
    "BEIJING": "model.periods",
    "CITY_OFFICE_UNIT": "model.complaints",
    "CalendarDataMissing": "errors",
    "CalendarMode": "workdays.calendar",
    "CalendarSource": "workdays.calendar",
    "ChangeAction": "model.roster",
    "ChangeReason": "model.roster",
    "City": "model.divisions",
    "CommendationDecision": "model.roster",
    "Complaint": "model.complaints",
    "ComplaintEvent": "model.complaints",
    "ComplaintKind": "model.complaints",
    "ComplaintSla": "engine.ruletypes",
    "Condition": "engine.ruletypes",
    "ConditionResult": "engine.trace",
    "Contact": "model.reports",
    "ContactMethod": "model.reports",
    "County": "model.divisions",
    "CountyAssessment": "analyses.assessment",
    "CountyKind": "model.divisions",
    "CountyYear": "engine.ruletypes",
    "Dataset": "model.dataset",
    "Deadline": "engine.ruletypes",
    "Department": "model.divisions",
    "Designator": "model.points",
    "Enterprise": "model.enterprises",
    "EventType": "model.complaints",
    "Failure": "engine.ruletypes",
    "Filing": "model.roster",
    "HalfYear": "model.periods",
    "InputError": "errors",
    "Item": "model.reports",
    "ItemCategory": "model.reports",
    "MonitoringPoint": "model.points",
    "Month": "model.periods",
    "MonthStatus": "engine.ruletypes",
    "MonthlyReport": "model.reports",
    "Nomination": "model.roster",
    "Ownership": "model.enterprises",
    "ParamValue": "engine.trace",
    "Parameter": "engine.parameters",
    "ParameterMissing": "errors",
    "ParameterSet": "engine.parameters",
    "PluginError": "errors",
    "PluginInfo": "engine.ruletypes",
    "PluginLoadError": "errors",
    "PluginMeta": "engine.manager",
    "PointAssessment": "analyses.assessment",
    "PointLevel": "model.points",
    "PointYear": "engine.ruletypes",
    "RaterGroup": "model.appraisals",
    "Rating": "model.appraisals",
    "RatingLevel": "model.appraisals",
    "ResearchTopic": "model.roster",
    "RosterChange": "model.roster",
    "Rule": "engine.ruletypes",
    "RuleConflict": "errors",
    "RuleRef": "engine.trace",
    "Satisfaction": "model.complaints",
    "ScoreItem": "engine.trace",
    "Sector": "model.enterprises",
    "Size": "model.sizes",
    "SizeClassification": "model.sizes",
    "SoftenvError": "errors",
    "SoftenvPluginManager": "engine.manager",
    "Verdict": "model.complaints",
    "Waiver": "model.roster",
    "WorkCalendar": "workdays.calendar",
    "Year": "model.periods",
    "YearArrangement": "workdays.calendar",
    "assess": "analyses.assessment",
    "baseline_parameters": "engine.parameters",
    "baseline_sla": "rules.city.baseline",
    "classify_size": "model.sizes",
    "dataset_json": "io.dataset_files",
    "dataset_warnings": "io.dataset_files",
    "describe_day": "workdays.deadlines",
    "dump_dataset": "io.dataset_files",
    "get_plugin_manager": "rules.registry",
    "hookimpl": "engine.hookspecs",
    "load_dataset": "io.dataset_files",
    "monthly_deadline": "engine.deadlines",
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
