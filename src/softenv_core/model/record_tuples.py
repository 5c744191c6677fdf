"""Typed converters of a Dataset's collections, one per record kind, so that mypy's attrs
plugin types each ``Dataset.__init__`` parameter as the iterable of its record
(``counties: Iterable[County]``): with one converter for all (``to``, ``Iterable[Any]``)
``mypy --strict`` passed ``Dataset(counties=[Department(…)])``, a mistake ``validate`` found only
at run time (integrator i52 04).

Each is a plain ``tuple(value)`` for the type checker; at run time :func:`dataset_fields`, the
Dataset's field transformer, puts ``records_tuple`` in their place, as ``name_tuple_errors``
does for ``to``: a tuple passes as it is (the loader's), and what is no sequence is a
FieldInvalid naming the field. The runtime checks are those of before: a record of the wrong
kind is still refused by ``validate`` (``$.counties[0]: expected County, got Department``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs

from softenv_core._validators import records_tuple
from softenv_core.model.appraisals import AppraisalRound, Rating
from softenv_core.model.complaints import Complaint
from softenv_core.model.divisions import County, Department
from softenv_core.model.followups import FollowUp
from softenv_core.model.guarantees import PublicityActivity, WorkPlan
from softenv_core.model.points import MonitoringPoint
from softenv_core.model.reports import Contact, MonthlyReport
from softenv_core.model.roster import (
    AdjustmentSuggestion,
    CommendationDecision,
    Filing,
    Nomination,
    ResearchTopic,
    RosterChange,
    Waiver,
)


def counties(value: Iterable[County]) -> tuple[County, ...]:
    return tuple(value)


def departments(value: Iterable[Department]) -> tuple[Department, ...]:
    return tuple(value)


def points(value: Iterable[MonitoringPoint]) -> tuple[MonitoringPoint, ...]:
    return tuple(value)


def contacts(value: Iterable[Contact]) -> tuple[Contact, ...]:
    return tuple(value)


def reports(value: Iterable[MonthlyReport]) -> tuple[MonthlyReport, ...]:
    return tuple(value)


def complaints(value: Iterable[Complaint]) -> tuple[Complaint, ...]:
    return tuple(value)


def appraisal_rounds(value: Iterable[AppraisalRound]) -> tuple[AppraisalRound, ...]:
    return tuple(value)


def ratings(value: Iterable[Rating]) -> tuple[Rating, ...]:
    return tuple(value)


def roster_changes(value: Iterable[RosterChange]) -> tuple[RosterChange, ...]:
    return tuple(value)


def filings(value: Iterable[Filing]) -> tuple[Filing, ...]:
    return tuple(value)


def waivers(value: Iterable[Waiver]) -> tuple[Waiver, ...]:
    return tuple(value)


def nominations(value: Iterable[Nomination]) -> tuple[Nomination, ...]:
    return tuple(value)


def decisions(value: Iterable[CommendationDecision]) -> tuple[CommendationDecision, ...]:
    return tuple(value)


def research_topics(value: Iterable[ResearchTopic]) -> tuple[ResearchTopic, ...]:
    return tuple(value)


def followups(value: Iterable[FollowUp]) -> tuple[FollowUp, ...]:
    return tuple(value)


def adjustment_suggestions(value: Iterable[AdjustmentSuggestion]) -> tuple[AdjustmentSuggestion, ...]:
    return tuple(value)


def work_plans(value: Iterable[WorkPlan]) -> tuple[WorkPlan, ...]:
    return tuple(value)


def publicity(value: Iterable[PublicityActivity]) -> tuple[PublicityActivity, ...]:
    return tuple(value)


#: The typed converters above: each is replaced by ``records_tuple`` when the class is made.
TYPED: frozenset[object] = frozenset(
    (
        counties,
        departments,
        points,
        contacts,
        reports,
        complaints,
        appraisal_rounds,
        ratings,
        roster_changes,
        filings,
        waivers,
        nominations,
        decisions,
        research_topics,
        followups,
        adjustment_suggestions,
        work_plans,
        publicity,
    )
)


def dataset_fields(_cls: type, fields: list[attrs.Attribute[Any]]) -> list[attrs.Attribute[Any]]:
    """attrs field_transformer of Dataset: each field converted by a typed converter of
    :data:`TYPED` gets ``records_tuple`` instead (the class keeps the typed one in its source,
    which mypy's attrs plugin reads)."""
    return [f.evolve(converter=records_tuple) if f.converter in TYPED else f for f in fields]


__all__ = [
    "TYPED",
    "adjustment_suggestions",
    "appraisal_rounds",
    "complaints",
    "contacts",
    "counties",
    "dataset_fields",
    "decisions",
    "departments",
    "filings",
    "followups",
    "nominations",
    "points",
    "publicity",
    "ratings",
    "reports",
    "research_topics",
    "roster_changes",
    "waivers",
    "work_plans",
]
