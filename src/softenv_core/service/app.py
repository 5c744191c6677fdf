"""The Starlette application of ``softenv serve``.

Why Starlette + uvicorn rather than FastAPI or Litestar: the request and response bodies are
softenv documents whose JSON Schemas io/schema.py already generates from the models, and
whose loader already reports every problem as ``$.path: message``. A framework that derives
schemas and validation from its own type layer (pydantic for FastAPI, msgspec/attrs for
Litestar) would describe the same documents a second time, differently. Starlette only
routes; the OpenAPI document is the generated schemas (openapi.py). It and uvicorn are two
small pure-Python dependencies.

Concurrency: every request builds its own plugin manager, calendar and dataset; nothing an
analysis touches is shared. Analyses run in worker threads with the collector pauses of
_perf switched off (a pause is process-wide and not safe across threads). The only shared
state, the count of requests in flight, is touched on the event loop thread alone.
"""

from __future__ import annotations

import importlib
import importlib.util
import inspect
import logging
import tempfile
import time
from collections.abc import Awaitable, Callable, MutableMapping
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from softenv_core._perf import gc_pause_allowed
from softenv_core.analyses.assessment import assess
from softenv_core.analyses.monitoring_report import Audience, monitoring_report
from softenv_core.engine.manager import SoftenvPluginManager
from softenv_core.engine.parameters import baseline_parameters
from softenv_core.engine.resolution import resolve_deadline
from softenv_core.errors import InputError, SoftenvError
from softenv_core.io.converter import dumps, make_converter
from softenv_core.io.dataset_files import dataset_warnings, load_arrangements, loads_dataset
from softenv_core.model.dataset import Dataset
from softenv_core.model.divisions import County, CountyKind
from softenv_core.model.periods import Month
from softenv_core.render.monitoring_report import render_markdown
from softenv_core.rules.registry import get_plugin_manager
from softenv_core.service.config import ServiceConfig
from softenv_core.service.keys import CallerKey, KeyRing, load_keys
from softenv_core.service.openapi import JSON, PROBLEM, openapi_text
from softenv_core.workdays.calendar import CalendarMode, WorkCalendar, YearArrangement

access_log = logging.getLogger("softenv.service.access")

CITY = Audience("city")
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class Problem(Exception):
    """An RFC 9457 problem to answer with: status, a title, a detail and ``$.path`` problems."""

    def __init__(
        self, status: int, kind: str, title: str, detail: str, problems: tuple[str, ...] | list[str] = ()
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.kind = kind
        self.title = title
        self.detail = detail
        self.problems = tuple(problems)
        self.headers: dict[str, str] = {}

    def response(self, instance: str | None = None) -> Response:
        body: dict[str, Any] = {
            "type": f"urn:softenv:problem:{self.kind}",
            "title": self.title,
            "status": self.status,
            "detail": self.detail,
            "problems": list(self.problems),
        }
        if instance:
            body["instance"] = instance
        return Response(dumps(body), status_code=self.status, media_type=PROBLEM, headers=self.headers)


def _invalid(exc: InputError) -> Problem:
    return Problem(422, "invalid-input", "Invalid input", str(exc).splitlines()[0], exc.problems)


def _query(name: str, message: str) -> Problem:
    return Problem(422, "invalid-parameter", "Invalid parameter", f"{name}: {message}", [f"query.{name}: {message}"])


# --- who may ask for what -------------------------------------------------------------


def audience_arguments(analysis: Callable[..., Any], audience: Audience) -> dict[str, Any]:
    """The keyword arguments that give ``analysis`` its audience.

    Every analysis served (assess, hence explain, and the monitoring report) takes a required
    ``audience`` and returns the redacted result of docs/privacy.md, so every audience is
    served; the key still limits who may ask for which. An analysis without the keyword
    (none today) would write the city office's view, so any other audience is refused
    rather than shown the city's.
    """
    if "audience" in inspect.signature(analysis).parameters:
        return {"audience": audience}
    if audience != CITY:
        name = getattr(analysis, "__name__", "this analysis")
        raise Problem(
            422,
            "audience-not-served",
            "Audience not served",
            f"{name} writes only the city office's view so far; ask with audience=city",
            [f"query.audience: {name} does not yet distinguish audiences; only city is served"],
        )
    return {}


def _authorise(request: Request, ring: KeyRing | None) -> tuple[CallerKey | None, Audience]:
    """The caller's key and the audience it asks for; 401 / 403 / 422 problems otherwise."""
    text = request.query_params.get("audience")
    key: CallerKey | None = None
    if ring is not None:
        header = request.headers.get("authorization", "")
        scheme, _, presented = header.partition(" ")
        key = ring.find(presented.strip()) if scheme.lower() == "bearer" else None
        if key is None:
            problem = Problem(401, "unauthorized", "Unauthorized", "give a key as Authorization: Bearer ID.SECRET")
            problem.headers["WWW-Authenticate"] = 'Bearer realm="softenv"'
            raise problem
        request.scope["state"]["key"] = key.id
        if text is None and len(key.audiences) == 1:
            text = key.audiences[0]  # a key for one audience needs not name it
    try:
        audience = Audience.parse(text or "city")
    except SoftenvError as exc:
        raise _query("audience", str(exc)) from None
    request.scope["state"]["audience"] = str(audience)
    if key is not None and not key.may_request(audience):
        raise Problem(
            403,
            "forbidden-audience",
            "Forbidden",
            f"key {key.id!r} may request {', '.join(key.audiences)}, not {audience}",
            [f"query.audience: {audience} is not allowed for key {key.id}"],
        )
    return key, audience


# --- the analyses, run in a worker thread ---------------------------------------------


def _in_worker(fn: Callable[[], Any]) -> Awaitable[Any]:
    def run() -> Any:
        token = gc_pause_allowed.set(False)  # the collector is process-wide: never pause it here
        try:
            return fn()
        finally:
            gc_pause_allowed.reset(token)

    return run_in_threadpool(run)


class _Context:
    """What one request needs to run an analysis: built per request, never shared."""

    def __init__(self, config: ServiceConfig, arrangements: tuple[YearArrangement, ...]) -> None:
        self.pm: SoftenvPluginManager = get_plugin_manager()
        mode = CalendarMode.PROVISIONAL if config.provisional else CalendarMode.STRICT
        self.calendar = WorkCalendar(mode, arrangements)


def _load(body: bytes) -> Dataset:
    try:
        return loads_dataset(body)
    except InputError as exc:
        raise _invalid(exc) from None


def _year(request: Request, required: bool = True, default: int = 2025) -> int:
    text = request.query_params.get("year")
    if text is None:
        if required:
            raise _query("year", "required (e.g. year=2025)")
        return default
    # 2999's December report would be due in 3000, past the model's years.
    if not (text.isascii() and text.isdigit() and 1900 <= int(text) <= 2998):
        raise _query("year", f"expected a year 1900-2998, got {text!r}")
    return int(text)


def _month(text: str) -> Month:
    try:
        month = Month.parse(text)
        # A report looks at the month before (trends) and its deadline falls in the month
        # after; both must be within the model's years 1900-2999.
        if not (Month(1900, 2) <= month <= Month(2999, 11)):
            raise ValueError(f"{text}: expected a month from 1900-02 to 2999-11")
    except ValueError as exc:
        raise Problem(422, "invalid-parameter", "Invalid parameter", f"month: {exc}", [f"path.month: {exc}"]) from None
    return month


def _json(text: str) -> Response:
    return Response(text, media_type=JSON)


def create_app(config: ServiceConfig | None = None) -> Starlette:
    """The application for ``config`` (defaults: loopback, no keys, the city office's view)."""
    config = config or ServiceConfig()
    ring = load_keys(config.keys_path) if config.keys_path else None
    arrangements = load_arrangements(Path(config.calendar_file)) if config.calendar_file else ()
    version = _version()

    def context() -> _Context:
        return _Context(config, arrangements)

    async def validate(request: Request) -> Response:
        _authorise(request, ring)
        body = await request.body()

        def run() -> str:
            try:
                dataset = loads_dataset(body)
            except InputError as exc:
                return dumps({"valid": False, "problems": list(exc.problems), "warnings": []})
            return dumps({"valid": True, "problems": [], "warnings": dataset_warnings(dataset)})

        return _json(await _in_worker(run))

    async def assess_year(request: Request) -> Response:
        _, audience = _authorise(request, ring)
        year = _year(request)
        extra = audience_arguments(assess, audience)
        body = await request.body()

        def run() -> str:
            ctx = context()
            return assess(_load(body), year, ctx.pm, calendar=ctx.calendar, **extra).to_json()

        return _json(await _in_worker(run))

    async def report(request: Request) -> Response:
        _, audience = _authorise(request, ring)
        month = _month(request.path_params["month"])
        fmt = request.query_params.get("format", "json")
        lang = request.query_params.get("lang", "zh")
        if fmt not in ("json", "markdown", "docx"):
            raise _query("format", f"expected json, markdown or docx, got {fmt!r}")
        if lang not in ("zh", "en"):
            raise _query("lang", f"expected zh or en, got {lang!r}")
        writer = _docx_writer() if fmt == "docx" else None
        extra = audience_arguments(monitoring_report, audience)
        body = await request.body()

        def run() -> Response:
            ctx = context()
            result = monitoring_report(_load(body), month, ctx.pm, calendar=ctx.calendar, **extra)
            if fmt == "json":
                return _json(result.to_json())
            if fmt == "markdown":
                return Response(render_markdown(result, lang), media_type="text/markdown; charset=utf-8")
            assert writer is not None
            with tempfile.TemporaryDirectory(prefix="softenv-docx-") as tmp:
                path = Path(tmp) / "report.docx"
                try:
                    writer(result, path, lang)
                except SoftenvError as exc:
                    raise Problem(
                        422, "format-unavailable", "Format unavailable", str(exc), [f"query.lang: {exc}"]
                    ) from None
                data = path.read_bytes()
            return Response(
                data,
                media_type=DOCX,
                headers={"Content-Disposition": f'attachment; filename="monitoring-{month}.docx"'},
            )

        response: Response = await _in_worker(run)
        return response

    async def explain(request: Request) -> Response:
        _, audience = _authorise(request, ring)
        year = _year(request)
        point, county = request.query_params.get("point"), request.query_params.get("county")
        if (point is None) == (county is None):
            raise _query("point", "give exactly one of point=ID and county=CODE")
        extra = audience_arguments(assess, audience)
        body = await request.body()

        def run() -> str:
            ctx = context()
            doc = assess(_load(body), year, ctx.pm, calendar=ctx.calendar, **extra).to_document()
            key, wanted = ("points", "id") if point is not None else ("counties", "code")
            found = [entry for entry in doc[key] if entry[wanted] == (point or county)]
            if not found:
                what = f"no point {point!r} was active in {year}" if point else f"no county {county!r} in the dataset"
                raise Problem(404, "not-found", "Not found", what, [f"query.{'point' if point else 'county'}: {what}"])
            return dumps(found[0])

        return _json(await _in_worker(run))

    async def deadline(request: Request) -> Response:
        _authorise(request, ring)
        code = request.path_params["county"]
        month = _month(request.path_params["month"])
        if not (len(code) == 6 and code.isascii() and code.isdigit()):
            raise Problem(
                422,
                "invalid-parameter",
                "Invalid parameter",
                f"county: expected a six-digit GB/T 2260 code, got {code!r}",
                [f"path.county: expected a six-digit GB/T 2260 code, got {code!r}"],
            )

        def run() -> str:
            ctx = context()
            county = County(code, code, CountyKind.COUNTY, "县区经贸委")
            due = resolve_deadline(ctx.pm, county, month, ctx.calendar, baseline_parameters())
            doc = {
                "county": code,
                "month": str(month),
                "deadline": make_converter().unstructure(due),
                "provisional": due.provisional,
            }
            return dumps(doc)

        return _json(await _in_worker(run))

    async def plugins(request: Request) -> Response:
        _authorise(request, ring)
        year = _year(request, required=False)
        return _json(await _in_worker(lambda: dumps({"plugins": plugin_rows(context().pm, year)})))

    async def health(request: Request) -> Response:
        return JSONResponse({"status": "ok", "version": version})

    async def openapi(request: Request) -> Response:
        return _json(openapi_text(version))

    routes = [
        Route("/v1/validate", validate, methods=["POST"]),
        Route("/v1/assess", assess_year, methods=["POST"]),
        Route("/v1/reports/{month}", report, methods=["POST"]),
        Route("/v1/explain", explain, methods=["POST"]),
        Route("/v1/deadlines/{county}/{month}", deadline, methods=["GET"]),
        Route("/v1/plugins", plugins, methods=["GET"]),
        Route("/healthz", health, methods=["GET"]),
        Route("/openapi.json", openapi, methods=["GET"]),
    ]
    return Starlette(
        routes=routes,
        # Outermost first: the log sees every answer, then the in-flight and body limits.
        middleware=[Middleware(_AccessLog), Middleware(_Guard, config=config)],
        exception_handlers={
            Problem: _handled,
            SoftenvError: _handled,
            404: _not_found,
            405: _not_allowed,
            Exception: _unexpected,
        },
    )


def plugin_rows(pm: SoftenvPluginManager, year: int) -> list[dict[str, Any]]:
    """The loaded plugins as ``softenv plugins --format json`` lists them."""
    params = baseline_parameters()
    rows: list[dict[str, Any]] = []
    for meta in pm.plugins_meta():
        rule_ids = {
            r.id
            for hook in ("softenv_point_rules", "softenv_extra_point_rules")
            for m, value in pm.call_each(hook, year=year, params=params)
            if m.name == meta.name
            for r in (value or ())
        }
        rule_ids |= {
            c.id
            for m, value in pm.call_each("softenv_topten_conditions", year=year, params=params)
            if m.name == meta.name
            for c in (value or ())
        }
        rows.append(
            {
                "name": meta.name,
                "version": meta.version,
                "distribution": meta.distribution,
                "county": meta.county,
                "title": meta.title,
                "reference": meta.reference,
                "hooks": list(meta.hooks),
                "rules": sorted(rule_ids),
            }
        )
    return rows


def _docx_writer() -> Callable[..., None]:
    """The office extra's .docx writer, or a 422 problem when this installation lacks it."""
    name = "softenv_core.render.docx_report"
    problem = Problem(
        422,
        "format-unavailable",
        "Format unavailable",
        "format=docx needs the office extra's renderer (softenv_core.render.docx_report), "
        'which this installation lacks: install "softenv-core[office]" or ask for format=json or markdown',
        ["query.format: docx is not available in this installation"],
    )
    try:
        if importlib.util.find_spec(name) is None:
            raise problem
        writer = getattr(importlib.import_module(name), "write_report_docx", None)
    except ImportError:  # the module is there but python-docx is not
        raise problem from None
    if not callable(writer):
        raise problem
    return writer  # type: ignore[no-any-return]


async def _handled(request: Request, exc: Exception) -> Response:
    if isinstance(exc, Problem):
        return exc.response(request.url.path)
    if isinstance(exc, InputError):
        return _invalid(exc).response(request.url.path)
    # A rule error (a plugin's bad value, a year the calendar does not know): the input
    # cannot be answered as asked, and the message names the plugin, hook or year.
    return Problem(422, "cannot-answer", "Cannot answer", str(exc), [str(exc)]).response(request.url.path)


async def _unexpected(request: Request, exc: Exception) -> Response:
    # Starlette logs the traceback itself; the caller gets no internals.
    return Problem(500, "internal", "Internal error", "an unexpected error; the service log has it").response()


async def _not_found(request: Request, exc: Exception) -> Response:
    return Problem(404, "not-found", "Not found", f"no route {request.url.path}").response()


async def _not_allowed(request: Request, exc: Exception) -> Response:
    return Problem(405, "method-not-allowed", "Method not allowed", f"{request.method} {request.url.path}").response()


class _BodyTooLarge(Exception):
    pass


class _Guard:
    """Bounds memory: at most ``max_in_flight`` requests at once (503 + Retry-After past it)
    and bodies of at most ``max_body_bytes`` (413), counted as they arrive, not trusted
    from Content-Length alone. The health check is exempt: it costs nothing."""

    def __init__(self, app: ASGIApp, config: ServiceConfig) -> None:
        self.app = app
        self.config = config
        self.in_flight = 0  # touched only on the event loop's thread

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] == "/healthz":
            await self.app(scope, receive, send)
            return
        limit = self.config.max_body_bytes
        if self.in_flight >= self.config.max_in_flight:
            busy = Problem(503, "busy", "Service busy", f"{self.in_flight} requests in flight; retry shortly")
            busy.headers["Retry-After"] = str(self.config.retry_after_seconds)
            await _drain_and_answer(busy, scope, receive, send)
            return
        length = dict(scope["headers"]).get(b"content-length")
        if length is not None and length.isdigit() and int(length) > limit:
            await _drain_and_answer(_too_large(limit), scope, receive, send)
            return
        seen = 0
        started = False

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise _BodyTooLarge
            return message

        async def tracked(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        self.in_flight += 1
        try:
            await self.app(scope, counted, tracked)
        except _BodyTooLarge:
            if not started:
                await _answer(_too_large(limit), scope, send)
        finally:
            self.in_flight -= 1


def _too_large(limit: int) -> Problem:
    return Problem(
        413,
        "too-large",
        "Body too large",
        f"the body exceeds {limit} bytes; a province's year belongs to the softenv command",
        [f"$: larger than {limit} bytes"],
    )


async def _answer(problem: Problem, scope: Scope, send: Send) -> None:
    scope.setdefault("state", {})["status"] = problem.status

    async def no_body() -> Message:
        return {"type": "http.request", "body": b"", "more_body": False}

    await problem.response(scope["path"])(scope, no_body, send)


async def _drain_and_answer(problem: Problem, scope: Scope, receive: Receive, send: Send) -> None:
    # The answer goes out before the body is read; the server closes the connection if the
    # client keeps sending, so nothing is buffered.
    await _answer(problem, scope, send)


class _AccessLog:
    """One line per request: key id, audience, endpoint, status and time; never the body."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        state: MutableMapping[str, Any] = scope.setdefault("state", {})
        status = 500
        start = time.perf_counter()

        async def seen(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, seen)
        finally:
            access_log.info(
                "key=%s audience=%s endpoint=%s status=%d ms=%.0f",
                state.get("key", "-"),
                state.get("audience", "-"),
                f"{scope['method']} {_endpoint(scope)}",
                status,
                (time.perf_counter() - start) * 1000,
            )


def _endpoint(scope: Scope) -> str:
    """The route template, not the path: a county code or month is no one's business here."""
    path: str = scope["path"]
    for prefix, template in (
        ("/v1/reports/", "/v1/reports/{month}"),
        ("/v1/deadlines/", "/v1/deadlines/{county}/{month}"),
    ):
        if path.startswith(prefix):
            return template
    return path


def _version() -> str:
    from importlib import metadata

    try:
        return metadata.version("softenv-core")
    except metadata.PackageNotFoundError:  # a source tree
        return "0+unknown"


def app_from_env() -> Starlette:
    """The application for uvicorn's worker processes: settings from the environment."""
    return create_app(ServiceConfig.from_env())


__all__ = ["Problem", "app_from_env", "audience_arguments", "create_app", "plugin_rows"]
