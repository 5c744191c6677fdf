"""softenv_core.plugin: what a county plugin (县区插件) imports.

The hook marker, the values a plugin hands to the engine (Rule, Award, Condition, Failure,
Deadline, ComplaintSla, PluginInfo), the typed contexts it is given (PointYear for a point's
year, CountyYear for a county's; ComplaintView for a complaint's status), the deadline
helpers (monthly_deadline: a day of the next month, the city's rule; workday_deadline: the
Nth working day of the next month), the city's complaint limits to start from (baseline_sla,
its day required), a plugin's own dated parameters (load_parameters) and their errors, and the
model (the roster's RosterChange and Filing among it), period (Month; HalfYear, what
``Month.half`` gives; beijing_date, a moment's Beijing day, to cut ``ctx.dataset.followups``
at ``ctx.as_of``) and trace types those carry. Every
hook and its typed signature: docs/hooks.md; a worked plugin: docs/writing-a-county-plugin.md
(``softenv plugin new`` writes one).

    from softenv_core.plugin import Award, PluginInfo, PointYear, Rule, hookimpl
"""

import typing

from softenv_core._lazy import lazy_exports

if typing.TYPE_CHECKING:  # what type checkers see; at run time each name loads on first use (_WHERE)
    from softenv_core.engine.deadlines import DeadlinePolicy as DeadlinePolicy
    from softenv_core.engine.deadlines import monthly_deadline as monthly_deadline
    from softenv_core.engine.deadlines import workday_deadline as workday_deadline
    from softenv_core.engine.hookspecs import hookimpl as hookimpl
    from softenv_core.engine.parameters import ParameterSet as ParameterSet
    from softenv_core.engine.parameters import load_parameters as load_parameters
    from softenv_core.engine.ruletypes import Award as Award
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
    from softenv_core.engine.trace import ParamData as ParamData
    from softenv_core.engine.trace import ParamValue as ParamValue
    from softenv_core.engine.views import ComplaintView as ComplaintView
    from softenv_core.engine.views import StepView as StepView
    from softenv_core.errors import FieldInvalid as FieldInvalid
    from softenv_core.errors import ParameterMissing as ParameterMissing
    from softenv_core.errors import ParameterUnknown as ParameterUnknown
    from softenv_core.errors import PluginError as PluginError
    from softenv_core.model.appraisals import AppraisalRound as AppraisalRound
    from softenv_core.model.appraisals import RaterGroup as RaterGroup
    from softenv_core.model.appraisals import Rating as Rating
    from softenv_core.model.appraisals import RatingLevel as RatingLevel
    from softenv_core.model.complaints import Complaint as Complaint
    from softenv_core.model.complaints import ComplaintEvent as ComplaintEvent
    from softenv_core.model.complaints import ComplaintKind as ComplaintKind
    from softenv_core.model.complaints import EventType as EventType
    from softenv_core.model.complaints import Satisfaction as Satisfaction
    from softenv_core.model.complaints import Verdict as Verdict
    from softenv_core.model.dataset import Dataset as Dataset
    from softenv_core.model.divisions import County as County
    from softenv_core.model.divisions import CountyKind as CountyKind
    from softenv_core.model.divisions import Department as Department
    from softenv_core.model.followups import FollowUp as FollowUp
    from softenv_core.model.followups import FollowUpKind as FollowUpKind
    from softenv_core.model.followups import MatterSource as MatterSource
    from softenv_core.model.periods import BEIJING as BEIJING
    from softenv_core.model.periods import HalfYear as HalfYear
    from softenv_core.model.periods import Month as Month
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
    from softenv_core.model.roster import ChangeAction as ChangeAction
    from softenv_core.model.roster import ChangeReason as ChangeReason
    from softenv_core.model.roster import Filing as Filing
    from softenv_core.model.roster import RosterChange as RosterChange
    from softenv_core.model.roster import Waiver as Waiver
    from softenv_core.rules.city.baseline import baseline_sla as baseline_sla
    from softenv_core.rules.city.owed_months import owes_month as owes_month
    from softenv_core.workdays.calendar import CalendarSource as CalendarSource
    from softenv_core.workdays.calendar import WorkCalendar as WorkCalendar

# THE table of this surface (see softenv_core._lazy); tests/test_api.py checks it against
# the imports above.
_WHERE: dict[str, str] = {
    "monthly_deadline": "engine.deadlines",
    "workday_deadline": "engine.deadlines",
    "DeadlinePolicy": "engine.deadlines",
    "hookimpl": "engine.hookspecs",
    "ParameterSet": "engine.parameters",
    "load_parameters": "engine.parameters",
    "Award": "engine.ruletypes",
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
    "ParamData": "engine.trace",
    "ParamValue": "engine.trace",
    "ComplaintView": "engine.views",
    "StepView": "engine.views",
    "FieldInvalid": "errors",
    "ParameterMissing": "errors",
    "ParameterUnknown": "errors",
    "PluginError": "errors",
    "AppraisalRound": "model.appraisals",
    "RaterGroup": "model.appraisals",
    "Rating": "model.appraisals",
    "RatingLevel": "model.appraisals",
    "Complaint": "model.complaints",
    "ComplaintEvent": "model.complaints",
    "ComplaintKind": "model.complaints",
    "EventType": "model.complaints",
    "Satisfaction": "model.complaints",
    "Verdict": "model.complaints",
    "Dataset": "model.dataset",
    "County": "model.divisions",
    "CountyKind": "model.divisions",
    "Department": "model.divisions",
    "FollowUp": "model.followups",
    "FollowUpKind": "model.followups",
    "MatterSource": "model.followups",
    "BEIJING": "model.periods",
    "HalfYear": "model.periods",
    "Month": "model.periods",
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
    "ChangeAction": "model.roster",
    "ChangeReason": "model.roster",
    "Filing": "model.roster",
    "RosterChange": "model.roster",
    "Waiver": "model.roster",
    # The city's complaint limits as an object, for a plugin's own (docs/hooks.md; reviewer r59 05).
    "baseline_sla": "rules.city.baseline",
    "owes_month": "rules.city.owed_months",
    "CalendarSource": "workdays.calendar",
    "WorkCalendar": "workdays.calendar",
}

__getattr__, __dir__, __all__ = lazy_exports(__name__, globals(), _WHERE, root="softenv_core")
