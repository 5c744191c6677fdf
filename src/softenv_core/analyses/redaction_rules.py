"""The redaction rule of every field of every result class (see analyses.redaction).

tests/test_privacy.py walks the result classes (Assessment, MonitoringReport, YearEnd and what
they hold) and fails when a field has no rule here: a field added later cannot leak silently.
Classify it, then handle it in the matching function of analyses/redaction.py.
"""

from __future__ import annotations

#: The rules a field may have. ``keep``: shown to every audience (published facts, metadata);
#: ``audience``: the audience and notices themselves; ``scope``: rows filtered to what the
#: audience may see (its county, its department, its point); ``ref``: complaint references
#: rewritten per audience or withheld; ``text``: free text screened; ``cell``: a count or
#: tally suppressed below ``privacy.min_cell``; ``identity``: who made or rated something,
#: withheld unless the audience may know; ``city``: the city office only.
RULE_NAMES = frozenset({"keep", "audience", "scope", "ref", "text", "cell", "identity", "city"})

_K = "keep"
FIELD_RULES: dict[str, dict[str, str]] = {
    # analyses.assessment
    "Assessment": {
        "year": _K, "core_version": _K, "plugins": _K, "notices": "audience", "provisional": _K,
        "counties": _K, "points": "scope", "as_of": _K, "schema": _K, "version": _K, "audience": "audience",
        "provenance": "city",
    },
    "Provenance": {"dataset": _K, "parameters": _K},
    "PointAssessment": {
        "id": "scope", "county": "scope", "enterprise": "scope", "level": _K, "active_months": _K,
        "items": "ref", "total": _K, "band": _K, "band_params": _K, "nominable": _K,
        "nomination_conditions": "ref", "band_zh": _K, "designated_from": _K, "designated_until": _K,
        "owed_facts": _K, "owed_params": _K,
    },
    "ScoreItem": {"rule": _K, "points": _K, "reason": "ref", "evidence": "ref", "params": "ref"},
    "ConditionResult": {"rule": _K, "passed": _K, "reason": "ref", "evidence": "ref", "params": "ref"},
    # analyses.county_months: counties' month statuses, compliance and 十佳 decisions are published
    "CountyAssessment": {
        "code": _K, "name": _K, "months": _K, "compliance": _K, "compliance_reason": _K,
        "compliance_params": _K, "topten_eligible": _K, "conditions": "ref",
    },
    "MonthStatus": {
        "month": _K, "due_at": _K, "deadline": _K, "report": _K, "submitted_at": _K, "status": _K,
        "late_workdays": _K, "waiver": _K, "score": _K, "zero_report": _K, "open_until": _K, "late_facts": _K,
        "beyond_grace": _K,
    },
    # analyses.year_end
    "YearEnd": {
        "year": _K, "appraisal": "cell", "roster_before": _K, "roster_after": _K, "proposals": "scope",
        "filings": "scope", "commendation": "scope", "topics": "text", "audience": "audience",
        "notices": "audience", "followups": "city", "research": "city", "window": "scope",
        # A department's suggestion to remove a point is an adjustment proposal (三(五)): a county
        # reads its county-level points' as section 三's, a point its own (privacy.md's table,
        # office.md §6; clerk c60 02: ruled city-only by a bulk classification, with no reason).
        "suggested_removals": "scope", "additions": "city", "guarantees": _K, "unrecorded": "scope", "as_of": _K,
        "plugins": _K, "core_version": _K, "provisional": _K, "schema": _K, "version": _K,
        "unqualified_removals": "scope", "office": _K,
        "reader_name": _K, "reader_office": _K,
    },
    "RoundResult": {
        "round": _K, "period": _K, "departments": "scope", "points_taking_part": "identity",
        "points_not_taking_part": "identity", "params": _K, "points_not_held": "identity",
    },
    "DepartmentScore": {
        "department": _K, "name": _K, "groups": "cell", "valid": "cell", "score": "cell",
        "sufficient": _K, "rank": "cell", "bottom": _K, "reason": "cell",
    },
    "GroupTally": {
        "group": _K, "weight": _K, "satisfied": "cell", "basically": "cell", "unsatisfied": "cell",
        "unknown": "cell",
    },
    # Point attributes (size, ownership, sector) of the roster: not about complaints or ratings.
    "Representativeness": {"on": _K, "points": _K, "cells": _K, "by_county": _K, "gaps": _K, "params": _K},
    "Proposal": {
        "point": "scope", "county": "scope", "action": _K, "reasons": "ref", "explanation": "ref",
        "evidence": "ref", "params": _K,
    },
    "FilingCheck": {
        "change": "scope", "county": "scope", "point": "scope", "effective": _K, "filed_on": _K,
        "filing": _K, "ok": _K, "reason": _K,
    },
    "UnrecordedChange": {
        "point": "scope", "county": "scope", "action": _K, "effective": _K, "by": _K, "outside_window": _K,
        "explanation": "scope", "forced": _K,
    },
    "UnqualifiedRemoval": {
        "change": "scope", "point": "scope", "county": "scope", "effective": _K, "year": _K, "band": _K,
        "total": _K, "flagged": _K, "explanation": "scope", "removal_band": _K, "reason": _K,
    },
    "CommendationResult": {"year": _K, "counties": "scope", "commended": _K, "flags": "city", "undated": "scope",
                           "decisions": "scope", "also_proposed": "city"},
    "ProposedNominee": {"point": _K, "nominations": _K, "commended": _K, "reasons": _K, "explanation": _K},
    "DecisionCheck": {"decision": _K, "nomination": _K, "point": _K, "commended": _K, "decided_on": _K,
                      "superseded_by": _K},
    "CountyNominations": {
        "county": _K, "active_points": _K, "quota": _K, "nominated": _K, "error": _K, "nominees": "scope",
        "params": _K, "active_point_ids": "scope",
    },
    "NomineeCheck": {"nomination": _K, "point": _K, "accepted": _K, "failing": "ref", "reason": "ref"},
    "TopicCandidate": {
        "title": "text", "category": _K, "department": _K, "points": "cell", "counties": "cell",
        "evidence": "scope", "already_open": _K,
    },
    "EvidenceItem": {"record": "ref", "point": "identity", "county": "scope", "month": _K, "text": "text"},
    # analyses.monitoring_report
    "MonitoringReport": {
        "month": _K, "audience": "audience", "city": _K, "plugins": _K, "county_reports": _K,
        "contacts": "scope", "items_by_category": "cell", "items_by_department": "cell",
        "items_by_county": "cell", "notable_items": "text", "complaints_received": _K,
        "complaints_resolved": _K, "complaints_overdue": _K, "complaints": "ref",
        "common_problems": "scope", "reconciliation": "ref", "unit_rates": "scope",
        "department_names": _K, "schema": _K, "version": _K, "notices": "audience",
        "trends": "cell", "open_matters": "text", "open_matters_long": _K, "liaison_workload": "identity",
        "liaison_unassigned": _K, "compiled_by": _K, "feedback_by": _K, "as_of": _K, "provisional": _K,
        "owed_workdays": _K, "reader_office": _K, "threshold_params": _K, "items_without_department": "cell",
    },
    "ItemRow": {"source": "identity", "county": "cell", "category": _K, "department": _K, "text": "text",
                "point": "identity"},
    "ComplaintRow": {
        "id": "ref", "kind": _K, "category": _K, "department": _K, "unit": _K, "state": _K, "open_step": _K,
        "due_at": _K, "overdue_workdays": _K, "supervision_due": _K, "received_in_month": _K,
        "resolved_in_month": _K, "complainant": "identity", "enterprise": "identity", "uscc": "identity",
        "problems": _K, "reminded_at": _K,
    },
    "ReconciliationFlag": {"county": _K, "complaint": "ref", "reason": _K, "point": "identity", "contact": "scope"},
    # The monitoring report's trend, open-matter and workload sections (branch programme2): the
    # trends are jointly suppressed by analyses.trends, open matters screened where they are made;
    # redact_report withholds an open matter's county in a small cell.
    "TrendView": {"month": _K, "previous_month": _K, "last_year_month": _K, "min_cell": _K, "rows": "cell",
                  "sentences": "cell"},
    "TrendRow": {"dimension": _K, "key": _K, "label": _K, "current": "cell", "previous": "cell",
                 "last_year": "cell"},
    "OpenMatterRow": {"source": _K, "record": "identity", "county": "cell", "category": _K, "department": _K,
                      "text": "text", "point": "identity", "raised_on": _K, "age_days": _K, "last_step": _K,
                      "long_open": _K},
    "WorkloadRow": {"office": _K, "person": "identity", "points": _K},
    # The year end's later sections (branch programme2): withheld outside the city office (rule
    # "city": reset to the field's default) until a finer rule is written; the guarantees are
    # the counties' own work (plans, publicity), not about complaints or ratings, but a plan's
    # targets are typed by county clerks ("走访XX公司"): screened (attacker 07).
    "FollowUpYear": {"year": "city", "matters": "city", "helped": "city", "by_kind": "city", "resolved": "city",
                     "no_action": "city", "open_at_year_end": "city", "referred_to": "city", "params": "city",
                     "referred_names": "city", "by_category": "city", "left_out": "city"},
    "TopicYear": {"year": "city", "topics": "city", "by_state": "city", "with_measures": "city"},
    "TopicProgress": {"topic": "city", "title": "city", "owner": "city", "owner_name": "city", "state": "city",
                      "state_zh": "city", "reached": "city", "evidence": "city", "findings": "city",
                      "measures": "city"},
    # The reader's own checks whole; a department and the public unnamed ones (parts.window).
    "WindowCheck": {"change": "scope", "point": "scope", "county": "scope", "effective": _K, "reason": _K,
                    "window_start": _K, "window_end": _K, "inside": _K, "exempt": _K,
                    "flagged": _K, "explanation": "scope", "params": _K, "forced": _K},
    "AdditionProposal": {"scope": "city", "source": "city", "dimension": "city", "wanted": "city",
                         "explanation": "city", "evidence": "city", "params": "city"},
    "Guarantees": {"year": _K, "counties": _K},
    "CountyGuarantees": {"county": _K, "name": _K, "work_plan": _K, "targets": "text", "publicity": _K,
                         "publicity_by_city": _K, "publicity_by_county": _K},
}  # fmt: skip

__all__ = ["FIELD_RULES", "RULE_NAMES"]
