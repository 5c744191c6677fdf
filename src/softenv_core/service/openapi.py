"""The OpenAPI 3.1 description of the service, carrying the JSON Schemas of io/schema.py.

Each document schema's ``$defs`` become ``components/schemas`` named ``DOCUMENT.Name``
(``dataset.City``, ``assessment.PointAssessment``), so that tools that resolve ``$ref``
against the OpenAPI document (code generators, schemathesis) find them.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from softenv_core.analyses.assessment import ASSESSMENT_SCHEMA, ASSESSMENT_VERSION, Assessment
from softenv_core.analyses.monitoring_report import REPORT_SCHEMA, REPORT_VERSION, MonitoringReport
from softenv_core.analyses.year_end import YEAREND_SCHEMA, YearEnd
from softenv_core.io.converter import dumps
from softenv_core.io.schema import dataset_schema, document_schema
from softenv_core.service.openapi_params import (
    AUDIENCE_PARAM,
    COUNTY_PARAM,
    LANG_PARAM,
    MONTH_PARAM,
    POINT_PARAM,
    PROBLEM_HEADERS,
    REPORT_HEADERS,
    REPORT_MONTH_PARAM,
    YEAR_PARAM,
    YEAREND_HEADERS,
    format_param,
)

JSON = "application/json"
PROBLEM = "application/problem+json"
MARKDOWN = "text/markdown"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
#: The media type each value of a ``format`` parameter names (the Accept it must meet: negotiation.py).
FORMAT_TYPES = {"json": JSON, "markdown": MARKDOWN, "docx": DOCX}


def _lift(name: str, schema: dict[str, Any], components: dict[str, Any]) -> None:
    """Put ``schema`` and its ``$defs`` into ``components`` under ``name`` / ``name.Def``."""
    prefix = f"#/components/schemas/{name}."

    def rewrite(node: Any) -> Any:
        if isinstance(node, dict):
            return {
                k: (prefix + v.removeprefix("#/$defs/") if k == "$ref" and isinstance(v, str) else rewrite(v))
                for k, v in node.items()
            }
        if isinstance(node, list):
            return [rewrite(v) for v in node]
        return node

    body = {k: v for k, v in schema.items() if k not in ("$schema", "$id", "$defs")}
    components[name] = rewrite(body)
    for def_name, sub in schema.get("$defs", {}).items():
        components[f"{name}.{def_name}"] = rewrite(sub)


_DETAIL_SCHEMA: dict[str, Any] = {
    "description": "One problem: `path` ($.path, query.NAME, path.NAME or header.NAME; empty when none), the "
    "record's id (null when none), the English message and its Chinese wording (the service's own problems "
    "always give it; null only for a dataset's problem the loader has no wording for).",
    "type": "object",
    "properties": {
        "path": {"type": "string"},
        "record_id": {"type": ["string", "null"]},
        "message": {"type": "string"},
        "zh": {"type": ["string", "null"]},
    },
    "required": ["path", "record_id", "message", "zh"],
    "additionalProperties": False,
}

#: The problems an answer lists at most: service.problems.PROBLEMS_LISTED, and one counting the
#: rest (or saying the dataset's check stopped there); a test holds the two equal.
LISTED_AT_MOST = 101
_CAPPED = (
    " At most the first 100 problems are listed, then one at `$` counting the rest or saying the check "
    "stopped there; a value quoted in a problem is cut past 100 characters, with its length (integrator i52)."
)

_PROBLEM_SCHEMA: dict[str, Any] = {
    "description": (
        "An RFC 9457 problem; `problems` lists every problem as `$.path: message` (at least one), and the "
        "extension member `details` the same problems one to one, structured (errors.InputProblem), each with "
        "its Chinese `zh`. An invalid dataset's problems under `$.complaints` and `$.ratings` are, to a key not "
        "allowed audience `city`, one line each counting them, as `POST /v1/validate` tells them." + _CAPPED
    ),
    "type": "object",
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "instance": {"type": "string"},
        # At least one each: every error answer says what was wrong, 401, 404, 405, 500 and 503
        # too, with its Chinese (integrator i40: those listed none, and a platform showed nothing).
        "problems": {"type": "array", "items": {"type": "string"}, "minItems": 1, "maxItems": LISTED_AT_MOST},
        "details": {"type": "array", "items": _DETAIL_SCHEMA, "minItems": 1, "maxItems": LISTED_AT_MOST},
    },
    # instance too: every problem names the request's path (docs/integration.md), so a client
    # generated from this document need not treat it as optional (i30).
    "required": ["type", "title", "status", "detail", "instance", "problems", "details"],
}

_VALIDATION_SCHEMA: dict[str, Any] = {
    "description": (
        "What `softenv validate --format json` prints: every problem as `$.path: message`, and `details` "
        "the same problems one to one, structured (errors.InputProblem), in document order. To a key not "
        "allowed audience `city`, the problems under `$.complaints` (they name who complained) and `$.ratings` "
        "(who rated whom) are one line each counting them (`$.complaints: 2 more about …, withheld: …`), where "
        "the first of them stood, never their text; their warnings are neither shown nor counted (a count "
        "told whose point had complained): one line each where the dataset holds such records "
        "(`$.complaints: any warnings about … are withheld, and so is how many …`), warnings or none. The "
        "warnings are listed as the problems are: the first 100, then one line at `$` counting the rest." + _CAPPED
    ),
    "type": "object",
    "properties": {
        "valid": {"type": "boolean"},
        "problems": {"type": "array", "items": {"type": "string"}, "maxItems": LISTED_AT_MOST},
        "details": {"type": "array", "items": _DETAIL_SCHEMA, "maxItems": LISTED_AT_MOST},
        "warnings": {"type": "array", "items": {"type": "string"}, "maxItems": LISTED_AT_MOST},
    },
    "required": ["valid", "problems", "details", "warnings"],
    "additionalProperties": False,
}

_PLUGINS_SCHEMA: dict[str, Any] = {
    "description": "The loaded plugins, as `softenv plugins --format json` prints them.",
    "type": "object",
    "properties": {
        "plugins": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "name": {"type": "string"},
                    "version": {"type": "string"},
                    "distribution": {"type": ["string", "null"]},
                    "county": {"type": ["string", "null"]},
                    "title": {"type": ["string", "null"]},
                    "reference": {"type": ["string", "null"]},
                    "hooks": {"type": "array", "items": {"type": "string"}},
                    "rules": {"type": "array", "items": {"type": "string"}},
                },
                "required": ["name", "version", "hooks", "rules"],
            },
        }
    },
    "required": ["plugins"],
}

_DEADLINE_SCHEMA: dict[str, Any] = {
    "description": "The due moment of a county's monthly report, with the rule and calendar behind it.",
    "type": "object",
    "properties": {
        "county": {"type": ["string", "null"], "description": "null for the city baseline (000000)"},
        "month": {"type": "string"},
        "deadline": {"$ref": "#/components/schemas/assessment.Deadline"},
        "provisional": {"type": "boolean"},
        "county_plugins_without_deadline": {
            "type": "array",
            "items": {"type": "string"},
            "description": "the county's own plugins ('name version') when the city's rule set the "
            "deadline (a month before the county's rule is in force, or one it gives none for); "
            "empty for the city baseline and when the county's rule set it",
        },
    },
    "required": ["county", "month", "deadline", "provisional", "county_plugins_without_deadline"],
}

_HEALTH_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {"status": {"const": "ok"}, "version": {"type": "string"}},
    "required": ["status", "version"],
}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def ok(schema: dict[str, Any]) -> dict[str, Any]:
    return {"description": "OK", "content": {JSON: {"schema": schema}}}


def _problems(*codes: int) -> dict[str, Any]:
    texts = {
        408: "the body did not arrive within the service's time (`body-timeout`)",
        415: "the body is not application/json in UTF-8, or is compressed (`Content-Encoding`)",
        401: "no key, or an unknown one",
        403: "the key may not request this audience",
        404: "no such point, county or route",
        # Also on a GET, which reads no body: the limit is the middleware's, before any route (i42).
        413: "the body is larger than the service accepts (a GET sent with one too)",
        406: "the `Accept` header accepts none of the operation's representations (the 200 answer's types; "
        "with `format=`, the one it names): `problems` names `header.accept` and the types offered",
        422: "the input is invalid: `problems` lists each as `$.path: message` or `query.NAME: message` "
        "(a query parameter the operation does not list, or one given twice, is refused too)",
        503: "too many requests in flight: retry after `Retry-After` seconds",
    }
    return {
        str(c): {"description": texts[c], "content": {PROBLEM: {"schema": _ref("Problem")}}}
        | ({"headers": PROBLEM_HEADERS[c]} if c in PROBLEM_HEADERS else {})
        for c in codes
    }


_DATASET_BODY = {"required": True, "content": {JSON: {"schema": _ref("dataset")}}}
# 400 is not listed: the application never sends one (a request malformed at the HTTP level is
# answered by the server, uvicorn, in plain text before the application sees it: docs/integration.md).
_COMMON = (401, 403, 406, 408, 413, 415, 503)  # the operations that read a dataset body

#: The operations, path by path: a data table, in the order the document lists them.
_PATHS: dict[str, Any] = {
    "/v1/validate": {
        "post": {
            "summary": "Check a dataset document: every problem as $.path: message",
            "operationId": "validate",
            "requestBody": _DATASET_BODY,
            # No 403: validate takes no audience, so no key is refused it (s21 04).
            "responses": {"200": ok(_ref("Validation")), **_problems(*(c for c in _COMMON if c != 403), 422)},
        }
    },
    "/v1/assess": {
        "post": {
            "summary": "Assess a year: the softenv.assessment document, as `softenv assess --format json`",
            "operationId": "assess",
            "parameters": [YEAR_PARAM, AUDIENCE_PARAM],
            "requestBody": _DATASET_BODY,
            "responses": {"200": ok(_ref("assessment")), **_problems(*_COMMON, 422)},
        }
    },
    "/v1/reports/{month}": {
        "post": {
            "summary": "The monthly monitoring report (监测报告) as the audience may see it",
            "operationId": "report",
            "parameters": [
                REPORT_MONTH_PARAM,
                AUDIENCE_PARAM,
                format_param(("json", "markdown", "docx")),
                LANG_PARAM,
            ],
            "requestBody": _DATASET_BODY,
            "responses": {
                "200": {
                    "description": "OK",
                    "content": {
                        JSON: {"schema": _ref("report")},
                        MARKDOWN: {"schema": {"type": "string"}},
                        DOCX: {"schema": {"type": "string", "contentEncoding": "binary"}},
                    },
                    "headers": REPORT_HEADERS,
                },
                **_problems(*_COMMON, 422),
            },
        }
    },
    "/v1/yearend": {
        "post": {
            "summary": "The year end (年终工作): 万人评议 results, roster and adjustment, filings, commendation, "
            "topics, as the audience may see it; the softenv.yearend document, as `softenv yearend --format json`",
            "operationId": "yearend",
            "parameters": [
                YEAR_PARAM,
                AUDIENCE_PARAM,
                format_param(("json", "markdown", "docx")),
                LANG_PARAM,
            ],
            "requestBody": _DATASET_BODY,
            "responses": {
                "200": {
                    "description": "OK",
                    "content": {
                        JSON: {"schema": _ref("yearend")},
                        MARKDOWN: {"schema": {"type": "string"}},
                        DOCX: {"schema": {"type": "string", "contentEncoding": "binary"}},
                    },
                    "headers": YEAREND_HEADERS,
                },
                **_problems(*_COMMON, 422),
            },
        }
    },
    "/v1/explain": {
        "post": {
            "summary": "Every item and condition behind a point's score or a county's decision",
            "operationId": "explain",
            "parameters": [
                YEAR_PARAM,
                AUDIENCE_PARAM,
                POINT_PARAM,
                COUNTY_PARAM,
            ],
            "requestBody": _DATASET_BODY,
            "responses": {
                "200": {
                    **ok(_ref("Explanation")),
                    "headers": {
                        "Softenv-Provisional": {
                            "description": "true when the assessment behind the entry used a weekends-only "
                            "calendar (暂定; the assessment document's `provisional`)",
                            "schema": {"type": "string", "enum": ["true", "false"]},
                        }
                    },
                },
                **_problems(*_COMMON, 404, 422),
            },
        }
    },
    "/v1/deadlines/{county}/{month}": {
        "get": {
            "summary": "The due moment of a county's monthly report, and why",
            "operationId": "deadline",
            "parameters": [
                {
                    "name": "county",
                    "in": "path",
                    "required": True,
                    "description": "a county's six-digit GB/T 2260 code, or 000000 for the city baseline; "
                    "a code that cannot be a county of the city (999999, a city's own ...00, another "
                    "province than the installed county plugins') is 404",
                    "schema": {"type": "string", "pattern": r"^[0-9]{6}$"},
                },
                MONTH_PARAM,
            ],
            "responses": {"200": ok(_ref("Deadline")), **_problems(401, 404, 406, 413, 422, 503)},
        }
    },
    "/v1/plugins": {
        "get": {
            "summary": "The loaded plugins: name, version, county, hooks, rules",
            "operationId": "plugins",
            "parameters": [
                {
                    "name": "year",
                    "in": "query",
                    "required": False,
                    "description": "the year whose rules to list; a year before the rules' parameters are in "
                    "force (the city baseline: before 2022) is a 422 problem saying so",
                    "schema": {"type": "integer", "minimum": 1900, "maximum": 2999},
                }
            ],
            "responses": {"200": ok(_ref("Plugins")), **_problems(401, 406, 413, 422, 503)},
        }
    },
    "/healthz": {
        "get": {
            "summary": "Whether the service is up (no key needed)",
            "operationId": "health",
            "security": [],
            "responses": {"200": ok(_ref("Health")), **_problems(406)},
        }
    },
    "/openapi.json": {  # behind the Guard as every path but /healthz: its 401, 413 and 503 (i43)
        "get": {
            "summary": "This document (OpenAPI 3.1)",
            "operationId": "openapi",
            "responses": {"200": ok({"type": "object"}), **_problems(401, 406, 413, 503)},
        }
    },
}


def query_names(path: str, method: str) -> frozenset[str] | None:
    """The query parameters the operation at route template ``path`` takes (the server refuses
    any other, so this table is what it accepts), or None for a route it does not describe.
    HEAD is GET's (Starlette answers it on every GET route)."""
    operation = _PATHS.get(path, {}).get("get" if method.upper() == "HEAD" else method.lower())
    if operation is None:
        return None
    return frozenset(p["name"] for p in operation.get("parameters", ()) if p["in"] == "query")


def query_choices(path: str, method: str) -> dict[str, tuple[str, ...]]:
    """The query parameters of the operation at ``path`` whose values are a fixed list (an
    enum: ``format``, ``lang``), with the list: checked with the others, all at once."""
    operation = _PATHS.get(path, {}).get("get" if method.upper() == "HEAD" else method.lower()) or {}
    return {
        p["name"]: tuple(p["schema"]["enum"])
        for p in operation.get("parameters", ())
        if p["in"] == "query" and "enum" in p.get("schema", {})
    }


def response_types(path: str, method: str) -> tuple[str, ...]:
    """The media types of the 200 answer of the operation at route template ``path``, the
    default first (what Accept chooses among); JSON for a route the table does not describe
    (/openapi.json)."""
    operation = _PATHS.get(path, {}).get("get" if method.upper() == "HEAD" else method.lower()) or {}
    content = operation.get("responses", {}).get("200", {}).get("content", {JSON: {}})
    return tuple(content)


@cache
def openapi_text(version: str, root_path: str = "") -> str:
    """The OpenAPI 3.1 document as text (immutable, so it can be cached and shared); ``servers``
    the ``root_path`` an embedding application mounted the service at (``Mount("/softenv", …)``):
    without it a client read the paths from the host's root, ``/v1/assess`` (integrator i44)."""
    components: dict[str, Any] = {}
    _lift("dataset", dataset_schema(), components)
    _lift("assessment", document_schema(Assessment, schema=ASSESSMENT_SCHEMA, version=ASSESSMENT_VERSION), components)
    _lift("report", document_schema(MonitoringReport, schema=REPORT_SCHEMA, version=REPORT_VERSION), components)
    _lift("yearend", document_schema(YearEnd, schema=YEAREND_SCHEMA, version=YearEnd.SCHEMA_VERSION), components)
    components.update(
        Problem=_PROBLEM_SCHEMA,
        Validation=_VALIDATION_SCHEMA,
        Plugins=_PLUGINS_SCHEMA,
        Deadline=_DEADLINE_SCHEMA,
        Health=_HEALTH_SCHEMA,
        Explanation={
            "description": "A point's or a county's entry of the assessment, as `softenv explain --format json`.",
            "oneOf": [_ref("assessment.PointAssessment"), _ref("assessment.CountyAssessment")],
        },
    )
    doc: dict[str, Any] = {
        "openapi": "3.1.0",
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "info": {
            "title": "softenv_core",
            "version": version,
            "description": "软环境建设监测点: validate, assess, report, explain and close the year (年终工作) on a "
            "city's records over HTTP. "
            "Errors are RFC 9457 problems (application/problem+json) whose `problems` name each `$.path`. "
            "An operation takes only the query parameters it lists, each once: any other is a 422 problem.",
        },
        **({"servers": [{"url": root_path}]} if root_path else {}),
        "paths": _PATHS,
        "components": {
            "schemas": dict(sorted(components.items())),
            "securitySchemes": {
                "key": {"type": "http", "scheme": "bearer", "description": "ID.SECRET from `softenv keys add`"}
            },
        },
        "security": [{"key": []}, {}],
    }
    return dumps(doc)


def openapi_document(version: str) -> dict[str, Any]:
    """The OpenAPI document as a new dict."""
    result: dict[str, Any] = json.loads(openapi_text(version))
    return result


__all__ = [
    "DOCX",
    "FORMAT_TYPES",
    "MARKDOWN",
    "openapi_document",
    "openapi_text",
    "query_choices",
    "query_names",
    "response_types",
]
