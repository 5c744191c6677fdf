"""The JSON Schemas ``softenv schema NAME`` prints: the documents softenv reads (``dataset``,
``calendar``), the three result documents (``assessment``, ``report``, ``yearend``), the two part
results with a document of their own (``appraisal``, ``representativeness``), and every other
public result as the part document ``to_json`` writes (``softenv.<snake>``, its fields under
``result``: ``complaint_status``, ``deadline``, ``month_state`` …; integrator i37 found these had
none). Built from the classes when asked for."""

from __future__ import annotations

from typing import Any

#: The names ``softenv schema`` takes for the part documents, each the document's ``schema``
#: without ``softenv.``; the parser lists them without importing the classes (cli/main.py).
PART_NAMES = (
    "commendation_result",
    "complaint_sla",
    "complaint_status",
    "deadline",
    "filing_check",
    "month_state",
    "parameter",
    "point_contact",
    "proposal",
    "size_classification",
    "topic_candidate",
    "unit_rates",
    "year_arrangement",
)
#: Every name ``softenv schema`` takes, in the order its help lists them.
NAMES = ("dataset", "calendar", "assessment", "report", "yearend", "appraisal", "representativeness", *PART_NAMES)


def _classes() -> dict[str, Any]:
    """The result classes by name (imported here: only this command needs them, above io/)."""
    from softenv_core.analyses.adjustment import FilingCheck, Proposal
    from softenv_core.analyses.appraisal_scores import RoundResult
    from softenv_core.analyses.assessment import Assessment
    from softenv_core.analyses.commendation import CommendationResult
    from softenv_core.analyses.complaint_handling import UnitRates
    from softenv_core.analyses.complaint_states import ComplaintStatus
    from softenv_core.analyses.contact_overview import PointContact
    from softenv_core.analyses.monitoring_report import MonitoringReport
    from softenv_core.analyses.representativeness import Representativeness
    from softenv_core.analyses.research_topics import TopicCandidate
    from softenv_core.analyses.year_end import YearEnd
    from softenv_core.engine.deadline_types import Deadline
    from softenv_core.engine.parameters import Parameter
    from softenv_core.engine.ruletypes import ComplaintSla, MonthState
    from softenv_core.model.sizes import SizeClassification
    from softenv_core.workdays.calendar import YearArrangement

    return {
        "assessment": Assessment,
        "report": MonitoringReport,
        "yearend": YearEnd,
        "appraisal": RoundResult,
        "representativeness": Representativeness,
        **{
            c.__name__: c
            for c in (
                *(CommendationResult, ComplaintSla, ComplaintStatus, Deadline, FilingCheck, MonthState, Parameter),
                *(PointContact, Proposal, SizeClassification, TopicCandidate, UnitRates, YearArrangement),
            )
        },
    }


def result_classes() -> dict[str, type]:
    """The class of each result document ``softenv schema`` names (all but dataset and calendar)."""
    from softenv_core.io.result_schemas import schema_of

    found = _classes()
    by_name = {k: v for k, v in found.items() if k in NAMES}
    for cls in found.values():
        name = schema_of(cls)[0].removeprefix("softenv.")
        if name in PART_NAMES:
            by_name[name] = cls
    return by_name


def schema_document(name: str) -> str:
    """The JSON Schema ``name`` as text: a document softenv reads (``dataset``, ``calendar``)
    or a result it writes, built from its class."""
    from softenv_core.io.result_schemas import schema_of
    from softenv_core.io.schema import document_schema, part_schema, schema_json, schema_text

    cls = result_classes().get(name)
    if cls is None:
        return schema_text(name)
    schema, version, body = schema_of(cls)
    if body is None:
        return schema_json(document_schema(cls, schema=schema, version=version))
    return schema_json(part_schema(cls, schema=schema, version=version, body=body))


__all__ = ["NAMES", "PART_NAMES", "result_classes", "schema_document"]
