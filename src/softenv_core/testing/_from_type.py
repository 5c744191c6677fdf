"""Which strategy ``st.from_type`` uses for each of softenv_core's types (a table only).

Kept apart from ``strategies`` so that the hypothesis entry point can read it without
importing the strategies module: hypothesis runs its entry points from inside
``import hypothesis``, and ``strategies`` imports hypothesis at its top (see
``hypothesis_entry``).
"""

from __future__ import annotations

from softenv_core.model.dataset import Dataset
from softenv_core.model.divisions import County
from softenv_core.model.enterprises import Enterprise
from softenv_core.model.guarantees import PublicityActivity, WorkPlan
from softenv_core.model.periods import HalfYear, Month
from softenv_core.model.points import MonitoringPoint
from softenv_core.model.reports import Item, MonthlyReport
from softenv_core.model.roster import Nomination, ResearchTopic

# each registered type and the name of its strategy in softenv_core.testing.strategies
STRATEGY_OF: dict[type, str] = {
    Month: "months",
    HalfYear: "half_years",
    Enterprise: "enterprises",
    County: "counties",
    Item: "items",
    MonitoringPoint: "points",
    MonthlyReport: "monthly_reports",
    Dataset: "datasets",
    ResearchTopic: "research_topics",
    WorkPlan: "work_plans",
    PublicityActivity: "publicity_activities",
    Nomination: "_any_nominations",
}
