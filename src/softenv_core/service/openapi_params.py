"""The OpenAPI description's shared parts (service/openapi.py): the query and path parameters
several operations take, and the response headers a client acts on, each with the server's own
pattern, so that a generated client refuses what the server refuses."""

from __future__ import annotations

from typing import Any

from softenv_core._validators import AUDIENCE_PATTERN, ID_PATTERN
from softenv_core.analyses.county_names import COUNTY_NAME_PATTERN
from softenv_core.analyses.trends import FIRST_REPORT_MONTH

#: A county's code with spaces around it, dropped as around a name (integrator i51 04).
SPACED_CODE_PATTERN = r"county:[ \t]*[0-9]{6}[ \t]*"


def header(description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"description": description, "schema": schema}


# The headers a client acts on, described where they are sent (integrator i36: a generated
# client had no field for them).
PROBLEM_HEADERS = {
    401: {"WWW-Authenticate": header('the scheme to use: `Bearer realm="softenv"`', {"type": "string"})},
    503: {"Retry-After": header("seconds to wait before retrying", {"type": "integer", "minimum": 0})},
}
VARY = header("`Accept`: the representation follows it when `format=` is not given", {"type": "string"})
REPORT_HEADERS = {
    "Vary": VARY,
    "Content-Disposition": header(
        'with the .docx only: `attachment; filename="monitoring-YYYY-MM.docx"`, the month\'s report',
        {"type": "string", "pattern": r'^attachment; filename="monitoring-[0-9]{4}-[0-9]{2}\.docx"$'},
    ),
}
YEAREND_HEADERS = {
    "Vary": VARY,
    "Content-Disposition": header(
        'with the .docx only: `attachment; filename="yearend-YYYY.docx"`, the year\'s year end',
        {"type": "string", "pattern": r'^attachment; filename="yearend-[0-9]{4}\.docx"$'},
    ),
}


AUDIENCE_PARAM = {
    "name": "audience",
    "in": "query",
    "required": False,
    "description": "city (市软建办), county:CODE, department:ID, point:ID or public; limited by the key. "
    "county:NAME (county:青山县) names a county by its name in the request's dataset, as softenv --audience "
    "does: a name no county or two counties bear is a 422 problem on query.audience naming the nearest names "
    "or both codes, and every county's code; the key is checked against the county the name resolves to. "
    "Required with a key allowed several audiences (a 422 problem on query.audience lists them); a key allowed "
    "one gets it unnamed; spaces around a county's code are dropped, as around its name; "
    "without keys the default is city. A county, department or point the dataset lacks "
    "is a 422 problem on query.audience",
    # The server's own patterns (analyses/audiences.py, county_names.py), with ASCII digits.
    "schema": {"type": "string", "pattern": f"^({AUDIENCE_PATTERN}|{COUNTY_NAME_PATTERN}|{SPACED_CODE_PATTERN})$"},
}
# explain's point= and county=: a record id and a county code as the dataset schema writes them.
# The server refuses an empty or blank value (422); a schema of any string told a client it was
# valid (schemathesis: explain?point= "schema-valid, rejected"). One of the two, not both.
POINT_PARAM = {
    "name": "point",
    "in": "query",
    "required": False,
    "description": "a monitoring point's id (give this or county, not both); one the audience is not shown is 404",
    "schema": {"type": "string", "pattern": f"^{ID_PATTERN}$"},
}
COUNTY_PARAM = {
    "name": "county",
    "in": "query",
    "required": False,
    "description": "a county's six-digit code (give this or point, not both); one with no entry is 404",
    "schema": {"type": "string", "pattern": "^[0-9]{6}$"},
}
YEAR_PARAM = {
    "name": "year",
    "in": "query",
    "required": True,
    "description": "1900-2999, the years the library's records hold; assess, explain and yearend answer 2999 "
    "with a 422 problem (its December report falls due in 3000)",
    "schema": {"type": "integer", "minimum": 1900, "maximum": 2999},
}
MONTH_PARAM = {
    "name": "month",
    "in": "path",
    "required": True,
    "description": "YYYY-MM, from 1900-02 to 2999-11 (the month before and after must exist)",
    # Exactly the server's bounds (service/inputs.py month_param): 1900-02 to 2999-11.
    "schema": {
        "type": "string",
        "pattern": r"^(1900-(0[2-9]|1[0-2])"
        r"|(190[1-9]|19[1-9][0-9]|2[0-8][0-9]{2}|29[0-8][0-9]|299[0-8])-(0[1-9]|1[0-2])"
        r"|2999-(0[1-9]|1[01]))$",
    },
}


#: The monthly report's month: from analyses/trends.FIRST_REPORT_MONTH (its trends reach a year and
#: a month back) to 2999-11; the pattern is written for 1901-02 (tests/test_integrator_i51_query.py
#: checks it against the constant).
REPORT_MONTH_PARAM = {
    **MONTH_PARAM,
    "description": f"YYYY-MM, from {FIRST_REPORT_MONTH} to 2999-11 (the report compares with the same month a year "
    "earlier and that with the month before it; its deadline falls in the month after)",
    "schema": {
        "type": "string",
        "pattern": r"^(1901-(0[2-9]|1[0-2])"
        r"|(190[2-9]|19[1-9][0-9]|2[0-8][0-9]{2}|29[0-8][0-9]|299[0-8])-(0[1-9]|1[0-2])"
        r"|2999-(0[1-9]|1[01]))$",
    },
}


def format_param(formats: tuple[str, ...]) -> dict[str, Any]:
    """The ``format`` query parameter of an operation answering in ``formats`` (the first is
    JSON). Described, as integrator i45 asked: a generated client showed a bare enum."""
    said = {
        "json": "json: the JSON document",
        "markdown": "markdown: the text as `softenv` prints it",
        "docx": "docx: the Word document (the office extra; Chinese only)",
    }
    return {
        "name": "format",
        "in": "query",
        "required": False,
        "description": "; ".join(said[f] for f in formats) + ". Without it the `Accept` header chooses, JSON first",
        "schema": {"enum": list(formats)},
    }


LANG_PARAM = {
    "name": "lang",
    "in": "query",
    "required": False,
    "description": "zh (the default) or en: the language of the Markdown text. A JSON document is the same in "
    "either (its labels and the records' text are data, not rendered), and the Word document is Chinese only "
    "(lang=en with it is a 422 problem on query.lang)",
    "schema": {"enum": ["zh", "en"]},
}


__all__ = [
    "AUDIENCE_PARAM",
    "COUNTY_PARAM",
    "LANG_PARAM",
    "MONTH_PARAM",
    "POINT_PARAM",
    "PROBLEM_HEADERS",
    "REPORT_HEADERS",
    "REPORT_MONTH_PARAM",
    "VARY",
    "YEAREND_HEADERS",
    "YEAR_PARAM",
    "format_param",
    "header",
]
