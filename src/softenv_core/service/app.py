"""The Starlette application of ``softenv serve``.

Why Starlette + uvicorn rather than FastAPI or Litestar: the request and response bodies are
softenv documents whose JSON Schemas io/schema.py already generates from the models, and
whose loader already reports every problem as ``$.path: message``. A framework that derives
schemas and validation from its own type layer (pydantic for FastAPI, msgspec/attrs for
Litestar) would describe the same documents a second time, differently. Starlette only
routes; the OpenAPI document is the generated schemas (openapi.py). It and uvicorn are two
small pure-Python dependencies.

Here: the endpoints and the route table. Who may ask for what (keys and audiences), the
problems, the request inputs, running an analysis and the middleware have modules of their
own (callers.py, problems.py, inputs.py, running.py, middleware.py).

Concurrency: every request builds its own plugin manager, calendar and dataset; nothing an
analysis touches is shared. Analyses run in worker threads with the collector pauses of
_perf switched off (a pause is process-wide and not safe across threads). The only shared
state, the count of requests in flight, is touched on the event loop thread alone.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

import attrs
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from softenv_core.analyses.assessment import assess
from softenv_core.analyses.later_records import later_report_notices
from softenv_core.analyses.monitoring_report import MonitoringReport, monitoring_report
from softenv_core.analyses.year_end import YearEnd, year_end
from softenv_core.engine.deadline_answers import county_plugins_without_deadline
from softenv_core.engine.parameters import baseline_parameters
from softenv_core.engine.resolution import resolve_deadline
from softenv_core.errors import InputError, InputProblem, ParameterMissing, SoftenvError
from softenv_core.io.atomic import PathUnwritable
from softenv_core.io.calendar_files import load_arrangements
from softenv_core.io.converter import dumps, shared_converter
from softenv_core.model.divisions import CITY_BASELINE, County, CountyKind, county_code_problem
from softenv_core.render.explain_notes import county_not_assessed, point_not_assessed
from softenv_core.render.monitoring_report import render_markdown
from softenv_core.render.year_end import render_yearend
from softenv_core.rules.city.compliance import baseline_warnings, not_in_force_problem, report_in_force
from softenv_core.service.callers import CITY, admit, audience_arguments, authorise, key_check, load_for
from softenv_core.service.config import ServiceConfig
from softenv_core.service.inputs import (
    REPORT_FIRST_MONTH,
    assessed_year,
    county_param,
    explained,
    held_by,
    month_param,
    no_rules_problem,
    outside_city,
    outside_city_lines,
    owed_year,
    read_dataset,
    year_param,
)
from softenv_core.service.keys import load_keys
from softenv_core.service.middleware import AccessLog, Guard
from softenv_core.service.negotiation import negotiate
from softenv_core.service.openapi import DOCX, FORMAT_TYPES, JSON, openapi_text
from softenv_core.service.problems import (
    EXCEPTION_HANDLERS,
    Problem,
    bounded,
    internal_error,
    listed_warnings,
    service_log,
)
from softenv_core.service.running import RequestContext, analysis_limiter, docx_writer, in_worker, plugin_rows

MARKDOWN = "text/markdown; charset=utf-8"
# tests/test_service.py drives the guard on its own under this name.
_Guard = Guard


# --- the endpoints --------------------------------------------------------------------


#: On /v1/explain: whether the assessment behind the entry used a weekends-only calendar (暂定).
PROVISIONAL_HEADER = "Softenv-Provisional"


def _json(text: str) -> Response:
    return Response(text, media_type=JSON)


class _Endpoints:
    """The route handlers of one application, sharing its keys, calendar and version."""

    def __init__(self, config: ServiceConfig) -> None:
        self.config = config
        self.ring = load_keys(config.keys_path) if config.keys_path else None
        self.arrangements = load_arrangements(Path(config.calendar_file)) if config.calendar_file else ()
        self.version = _version()
        self.limiter = analysis_limiter(config)  # used on the event loop's thread only

    def context(self) -> RequestContext:
        return RequestContext(self.config, self.arrangements)

    async def validate(self, request: Request) -> Response:
        key = admit(request, self.ring)
        whole = key is None or key.may_request(CITY)  # else without the complaints' (x51 06)
        body = await request.body()

        def run() -> str:
            try:
                dataset = read_dataset(body)
            except InputError as exc:
                found = bounded(list(exc.details) if whole else outside_city(list(exc.details)))
                problems, details = [d.text for d in found], [d.to_dict() for d in found]
                return dumps({"valid": False, "problems": problems, "details": details, "warnings": []})
            warnings = baseline_warnings(dataset, baseline_parameters())
            if not whole:
                warnings = outside_city_lines(warnings, held_by(dataset))
            return dumps({"valid": True, "problems": [], "details": [], "warnings": listed_warnings(warnings)})

        return _json(await in_worker(run, self.limiter))

    async def assess_year(self, request: Request) -> Response:
        asked = authorise(request, self.ring)
        year = assessed_year(request)
        audience_arguments(assess, asked)  # refused before the body is read
        body = await request.body()

        def run() -> str:
            ctx = self.context()
            dataset, audience = load_for(body, asked)
            return assess(
                dataset, year, ctx.pm, calendar=ctx.calendar, **audience_arguments(assess, audience)
            ).to_json()

        return _json(await in_worker(run, self.limiter))

    async def report(self, request: Request) -> Response:
        asked = authorise(request, self.ring)
        month = month_param(request.path_params["month"], REPORT_FIRST_MONTH)
        fmt, lang = _format_and_lang(request)
        asked_by = "query.format" if "format" in request.query_params else "header.accept"
        writer = docx_writer(lang, asked_by) if fmt == "docx" else None
        audience_arguments(monitoring_report, asked)  # refused before the body is read
        body = await request.body()

        def run() -> Response:
            ctx = self.context()
            dataset, audience = load_for(body, asked)
            extra = audience_arguments(monitoring_report, audience)
            result = monitoring_report(dataset, month, ctx.pm, calendar=ctx.calendar, **extra)
            if fmt == "json":
                # The records on file after its instant, which `softenv report` says on stderr: the
                # service takes no as_of and said no word of them (fix helper a79b 04).
                later = later_report_notices(dataset, result, audience=audience)
                return _json(attrs.evolve(result, notices=(*result.notices, *later)).to_json())
            if fmt == "markdown":
                return Response(render_markdown(result, lang), media_type=MARKDOWN)
            assert writer is not None
            return _docx_response(writer, result, f"monitoring-{month}.docx", lang)

        response: Response = await in_worker(run, self.limiter)
        return _varies(response)

    async def yearend(self, request: Request) -> Response:
        """The year end (年终工作) for the audience, as ``softenv yearend``: computed whole, then
        redacted by the library for that audience (a county's key gets the county's view)."""
        asked = authorise(request, self.ring)
        # The year end assesses the year: its bounds are assess's, and before the baseline there is
        # none (year_end refuses such a year; said here on query.year, before the body is read).
        year = owed_year(request, ("there is no year end to make", "无年终工作可编制"))
        fmt, lang = _format_and_lang(request)
        asked_by = "query.format" if "format" in request.query_params else "header.accept"
        writer = docx_writer(lang, asked_by, "yearend") if fmt == "docx" else None
        audience_arguments(year_end, asked)  # refused before the body is read
        body = await request.body()

        def run() -> Response:
            ctx = self.context()
            dataset, audience = load_for(body, asked)
            result = year_end(dataset, year, ctx.pm, calendar=ctx.calendar, **audience_arguments(year_end, audience))
            if fmt == "json":
                return _json(result.to_json())
            if fmt == "markdown":
                return Response(render_yearend(result, lang), media_type=MARKDOWN)
            assert writer is not None
            return _docx_response(writer, result, f"yearend-{year}.docx", lang)

        response: Response = await in_worker(run, self.limiter)
        return _varies(response)

    async def explain(self, request: Request) -> Response:
        asked = authorise(request, self.ring)
        # Before the baseline the assessment is empty (its notice says why): no entry to explain,
        # whichever point or county is asked for, so the year is what is refused. The detail is
        # in Chinese, as explain's 404s are (softenv explain's words).
        year = owed_year(request, ("nothing is assessed to explain", "无考核结果可解释"), detail_in_chinese=True)
        point, county = explained(request.query_params.get("point"), request.query_params.get("county"))
        audience_arguments(assess, asked)  # refused before the body is read
        body = await request.body()

        provisional = False

        def run() -> str:
            nonlocal provisional
            ctx = self.context()
            dataset, audience = load_for(body, asked)
            result = assess(dataset, year, ctx.pm, calendar=ctx.calendar, **audience_arguments(assess, audience))
            doc = result.to_document()
            provisional = bool(doc["provisional"])
            key, wanted = ("points", "id") if point is not None else ("counties", "code")
            found = [entry for entry in doc[key] if entry[wanted] == (point or county)]
            if not found:
                # The CLI's words (softenv explain), in Chinese: outside the city office a point
                # the audience may not see is "not shown to" it, whether or not it exists.
                def said(lang: str) -> str:
                    if point is not None:
                        return point_not_assessed(dataset, result, point, ctx.calendar, lang)
                    return county_not_assessed(dataset, str(county), year, lang)

                # The detail in Chinese as before; the structured problem gives the English
                # message and the Chinese beside it, as every other problem does (platform t8 06).
                what, name = said("zh"), "point" if point is not None else "county"
                detail = InputProblem(f"query.{name}", said("en"), None, what)
                raise Problem(404, "not-found", "Not found", what, [detail])
            return dumps(found[0])

        answer = _json(await in_worker(run, self.limiter))
        # The entry is the assessment's, unchanged; whether the assessment was provisional (a
        # weekends-only calendar) is said beside it, as `assess`'s document says it at its top.
        answer.headers[PROVISIONAL_HEADER] = "true" if provisional else "false"
        return answer

    async def deadline(self, request: Request) -> Response:
        admit(request, self.ring)
        code = request.path_params["county"]
        month = month_param(request.path_params["month"])
        county_param(code)
        if not report_in_force(month, baseline_parameters()):  # as softenv deadline says it
            message, zh = not_in_force_problem(month, baseline_parameters())
            # A month the schema admits but the rules do not answer for: cannot-answer, as a year
            # without an official calendar is, with the parameter named.
            raise Problem(
                422, "cannot-answer", "Cannot answer", message, [InputProblem("path.month", message, None, zh)]
            )

        def run() -> str:
            ctx = self.context()
            if code != CITY_BASELINE:
                served = frozenset(m.county for m in ctx.pm.plugins_meta() if m.county)
                problem = county_code_problem(code, served)
                if problem is not None:  # a well-formed code that is no county of the city
                    en, zh = problem
                    raise Problem(404, "not-found", "Not found", en, [InputProblem("path.county", en, None, zh)])
            county = County(code, code, CountyKind.COUNTY, "县区经贸委")
            due = resolve_deadline(ctx.pm, county, month, ctx.calendar, baseline_parameters())
            doc_county = None if code == CITY_BASELINE else code
            doc = {
                "county": doc_county,  # as the CLI prints without --county
                "month": str(month),
                "deadline": shared_converter().unstructure(due),
                "provisional": due.provisional,
                "county_plugins_without_deadline": [
                    f"{m.name} {m.version}" for m in county_plugins_without_deadline(ctx.pm, doc_county, due)
                ],
            }
            return dumps(doc)

        return _json(await in_worker(run, self.limiter))

    async def plugins(self, request: Request) -> Response:
        admit(request, self.ring)
        year = year_param(request, required=False)

        def run() -> str:
            try:
                return dumps({"plugins": plugin_rows(self.context().pm, year)})
            except ParameterMissing as exc:  # a year before the rules' parameters: as softenv plugins says
                raise no_rules_problem(year, exc) from None

        return _json(await in_worker(run, self.limiter))

    async def health(self, request: Request) -> Response:
        negotiate(request, "/healthz")  # no key and no query: only what it answers in
        return JSONResponse({"status": "ok", "version": self.version})

    async def openapi(self, request: Request) -> Response:
        negotiate(request, "/openapi.json")  # its key was checked by the Guard
        return _json(openapi_text(self.version, request.scope.get("root_path", "")))


def _format_and_lang(request: Request) -> tuple[str, str]:
    """The ``format`` and ``lang`` (default zh) asked for. A value not among the operation's
    (the OpenAPI table's enums) was refused by check_query, with the query's other problems,
    before the operation began: a misspelt value is never answered in JSON. Without
    ``format=`` the Accept header chooses (JSON when it does not say: negotiation.py)."""
    media = request.scope["state"]["media"]  # chosen by admit, which every such operation passes
    fmt = next(name for name, kind in FORMAT_TYPES.items() if kind == media)
    return fmt, request.query_params.get("lang", "zh")


def _varies(response: Response) -> Response:
    """An answer whose representation the Accept header chose (reports, yearend): RFC 9110
    §12.5.5 asks it to say so (every answer is no-store, so no cache keeps it anyway)."""
    response.headers["Vary"] = "Accept"
    return response


def _docx_response(writer: Callable[..., None], result: MonitoringReport | YearEnd, name: str, lang: str) -> Response:
    """The report or the year end as a .docx attachment named ``name``, written in a temporary
    directory.

    What makes the format unavailable (no office extra, a lang other than zh) was refused on the
    query before the body was read (docx_writer). A .docx the service cannot write in its own
    temporary directory (a full disk, a file-size limit) is the service's fault: it was answered
    422 format-unavailable on query.format, quoting the server's temporary path (integrator
    i54 03). Now the 500 that gives no internals; the service's log says what happened (the
    file's name holds only the month or year, no record's text)."""
    try:
        with tempfile.TemporaryDirectory(prefix="softenv-docx-") as tmp:
            path = Path(tmp) / name
            writer(result, path, lang)
            data = path.read_bytes()
    except (PathUnwritable, OSError) as exc:  # the server's disk, not the caller's request
        reason = exc.message if isinstance(exc, PathUnwritable) else str(exc)  # the path and the system's words
        service_log.error("%s could not be written in the temporary directory: %s", name, reason)
        raise internal_error() from None
    except SoftenvError as exc:  # any other refusal of the writer's is a fault of the service's too:
        # the 500 of every unexpected error, its traceback in the log (not the 422 of a rule error).
        raise RuntimeError(f"the Word writer refused {name}") from exc
    return Response(
        data,
        media_type=DOCX,
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


#: The routes: path, the _Endpoints method that answers, the HTTP methods it answers.
ROUTES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("/v1/validate", "validate", ("POST",)),
    ("/v1/assess", "assess_year", ("POST",)),
    ("/v1/reports/{month}", "report", ("POST",)),
    ("/v1/yearend", "yearend", ("POST",)),
    ("/v1/explain", "explain", ("POST",)),
    ("/v1/deadlines/{county}/{month}", "deadline", ("GET",)),
    ("/v1/plugins", "plugins", ("GET",)),
    ("/healthz", "health", ("GET",)),
    ("/openapi.json", "openapi", ("GET",)),
)


def create_app(config: ServiceConfig | None = None) -> Starlette:
    """The application for ``config`` (defaults: loopback, no keys, the city office's view)."""
    config = config or ServiceConfig()
    endpoints = _Endpoints(config)
    app = Starlette(
        routes=[Route(path, getattr(endpoints, name), methods=list(methods)) for path, name, methods in ROUTES],
        # Outermost first: the log sees every answer, then the in-flight and body limits.
        middleware=[Middleware(AccessLog), Middleware(Guard, config=config, key_check=key_check(endpoints.ring))],
        exception_handlers=EXCEPTION_HANDLERS,
    )
    # A trailing slash is the 404 problem the docs promise, not Starlette's 307 to a Location
    # built from the Host header (which names the internal address behind a proxy) that makes
    # the client send its body again.
    app.router.redirect_slashes = False
    return app


def _version() -> str:
    from importlib import metadata

    try:
        return metadata.version("softenv-core")
    except metadata.PackageNotFoundError:  # a source tree
        return "0+unknown"


def app_from_env() -> Starlette:
    """The application for uvicorn's worker processes: settings from the environment."""
    return create_app(ServiceConfig.from_env())


__all__ = ["ROUTES", "Problem", "app_from_env", "audience_arguments", "create_app", "plugin_rows"]
