"""The service's ASGI middleware: the limits that bound its memory, and the access log.

``Guard`` answers 401 to a request without a valid key (with ``--keys``), or, without keys, to
a client not on the service's own machine (loopback only, as ``softenv serve`` binds it; nor one a
proxy's forwarding headers name elsewhere), then 503 past
``max_in_flight`` requests, 413 past ``max_body_bytes`` (counted as the body arrives) and 408
past ``body_timeout_seconds`` for the body to arrive. An answer decided before the endpoint
runs reads and discards at most ``DRAIN_BYTES`` of the body in ``DRAIN_SECONDS`` and closes
the connection; one the endpoint gives before reading the body (403, 422) reads the rest
within the body's limit and time: either way a small upload without ``Expect: 100-continue``
gets its answer, not a connection reset, and nothing holds a connection or a slot for long.
``AccessLog`` writes one line per request that names the key, the audience and the route
template (an unknown path quoted and escaped), never the body or the query's values; a client
gone before its body was in is logged 499 and answered nothing.
"""

from __future__ import annotations

import json
import logging
import math
import time
from collections.abc import Callable, MutableMapping
from typing import Any

import anyio
from starlette.requests import ClientDisconnect
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from softenv_core.errors import InputProblem
from softenv_core.service.config import ServiceConfig
from softenv_core.service.forwarded import forwarded_beyond, loopback_address
from softenv_core.service.problems import Problem, beyond_loopback, busy, no_route

access_log = logging.getLogger("softenv.service.access")


class _BodyCut(Exception):
    """The body stopped being read: past the size limit (413) or its time (408)."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.detail)
        self.problem = problem


#: What an answer decided before the endpoint runs (401, 503, a declared 413) reads of the body
#: before it is sent and the connection closed: enough for a small upload to get its problem
#: document, too little to hold a connection open (finding 02) or to time the body limit with.
DRAIN_BYTES = 256 * 1024
DRAIN_SECONDS = 2.0
_CLOSE = (b"connection", b"close")


class Guard:
    """Bounds memory and time: at most ``max_in_flight`` requests at once (503 + Retry-After
    past it), bodies of at most ``max_body_bytes`` (413), counted as they arrive, not trusted
    from Content-Length alone, and sent within ``body_timeout_seconds`` (408), so that no slot
    is held by a body trickling in. The health check is exempt: it costs nothing."""

    def __init__(
        self, app: ASGIApp, config: ServiceConfig, key_check: Callable[[Scope], Problem | None] | None = None
    ) -> None:
        self.app = app
        self.config = config
        # With --keys: the 401 of a request without a valid key; without, the 401 of a client
        # beyond loopback (on_loopback), whoever built the app (attacker x71 01).
        self.key_check = key_check
        self.in_flight = 0  # touched only on the event loop's thread

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        # The route's path, below a prefix the service is mounted at: compared with the full
        # path, /softenv/healthz needed a key and a slot (integrator i54 01).
        if scope["type"] != "http" or route_path(scope) == "/healthz":
            await self.app(scope, receive, send)
            return
        body = _Body(receive, self.config, scope)
        refusal = self._refusal(scope, body)
        if refusal is not None:
            # Read a little of the body (never up to the limit: a caller without a key would
            # learn it from when the 401 comes), then answer and close: nothing is held.
            await body.drain(DRAIN_BYTES, DRAIN_SECONDS)
            await _answer(refusal, scope, send, close=True)
            return
        started = False

        async def drained_first(message: Message) -> None:
            # An answer decided before the body was read (a 403, a 422 on the query) waits
            # until the client has sent it all, within the body's time and size; short of its
            # end the connection closes after the answer.
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                if not await body.drain():
                    message = {**message, "headers": [*message.get("headers", []), _CLOSE]}
            await send(message)

        self.in_flight += 1
        try:
            await self.app(scope, body.receive, drained_first)
        except _BodyCut as cut:
            if not started:
                await _answer(cut.problem, scope, send, close=True)
        finally:
            self.in_flight -= 1

    def _refusal(self, scope: Scope, body: _Body) -> Problem | None:
        # The key first: a caller without one gets 401 whatever it sends (not the 413 or 503
        # that would tell it the limits), and every path but /healthz, /openapi.json too, needs it.
        # Without keys the service is the city office's command on loopback: the application
        # keeps to it itself, mounted in a platform's app or run by uvicorn on 0.0.0.0, not only
        # `softenv serve`'s check of --host (attacker x71 01).
        if self.key_check is not None:
            refusal = self.key_check(scope)
        else:
            client = scope.get("client") or ("",)
            # Behind a proxy on the machine, a server that does not take the forwarded client
            # gives the proxy's loopback address: the request's own forwarding headers name the
            # caller (reviewer r65 03: a remote client got the city office's view).
            elsewhere = str(client[0]) if not on_loopback(scope) else forwarded_beyond(scope)
            refusal = None if elsewhere is None else beyond_loopback(elsewhere)
        if refusal is None and b"%2f" in (scope.get("raw_path") or b"").lower():
            # An encoded slash is data inside a segment: no route has a segment holding one, and
            # routed on the decoded path, /v1/deadlines/379902%2F2025-03 was answered as another
            # path's resource (integrator i38).
            refusal = no_route(scope, encoded_slash=True)
        if refusal is None and self.in_flight >= self.config.max_in_flight:
            refusal = busy(self.in_flight, self.config.retry_after_seconds)
        headers = dict(scope["headers"])
        length = headers.get(b"content-length")
        if refusal is None and length is not None and length.isdigit() and int(length) > body.limit:
            refusal = _too_large(body.limit)
        if refusal is None and scope["method"] == "POST":
            refusal = _unsupported(headers.get(b"content-type"), headers.get(b"content-encoding"))
        return refusal


def on_loopback(scope: Scope) -> bool:
    """Whether the request's client is on the service's own machine: its address (the ASGI
    ``client``) is a loopback one, 127.0.0.0/8 or ::1 (an IPv4 one as a dual-stack socket gives
    it, ``::ffff:127.0.0.1``, too). A client the server names by no address (Starlette's test
    client says ``testclient``) is not. No ``client`` at all is loopback: an ASGI server gives
    none where the connection has no network peer, a Unix socket (uvicorn ``--uds``), which
    only processes of the machine with the right to open the socket file reach. Behind a
    reverse proxy it is the address the server took from the proxy's ``X-Forwarded-For``
    (uvicorn does for a proxy on loopback), else the proxy's own, loopback: the Guard then reads
    the forwarding headers too (service.forwarded): docs/integration.md, "Keys"."""
    client = scope.get("client")
    if client is None:
        return True
    try:
        return loopback_address(str(client[0]))
    except (IndexError, TypeError):
        return False


class _Body:
    """A request's body as it arrives: counted against the limit and the time, and drained
    unread when the answer comes first. Without a drain the server would close the connection
    while the client is still sending (an h11 connection cannot serve a next request until the
    last one is read), and a client that sends the whole body before reading (urllib, httpx,
    Java's HttpClient: no ``Expect: 100-continue``) sees a reset, not the answer."""

    def __init__(self, receive: Receive, config: ServiceConfig, scope: Scope) -> None:
        self._receive = receive
        self.limit = config.max_body_bytes
        self.seconds = config.body_timeout_seconds
        # From the headers on: a body trickled a byte at a time is cut at the same instant.
        self.deadline = anyio.current_time() + self.seconds
        self.seen = 0
        self.done = False
        self.cut = False  # past the limit or the time: what is left of it is never read
        # A client that sent Expect: 100-continue sends nothing until told to: reading would
        # tell it to, only to discard what it sends.
        self.waiting = dict(scope["headers"]).get(b"expect", b"").lower() == b"100-continue"

    async def receive(self) -> Message:
        if self.done:  # the body is in; what follows is the wait for a disconnect, untimed
            return await self._receive()
        if self.cut:
            raise _BodyCut(_too_slow(self.seconds))
        with anyio.move_on_after(self.deadline - anyio.current_time()) as timer:
            message = await self._receive()
        if timer.cancelled_caught:
            self.cut = True
            raise _BodyCut(_too_slow(self.seconds))
        if message["type"] == "http.disconnect" or not message.get("more_body", False):
            self.done = True
        if message["type"] == "http.request":
            self.waiting = False
            self.seen += len(message.get("body", b""))
            if self.seen > self.limit:
                self.cut = True
                raise _BodyCut(_too_large(self.limit))
        return message

    async def drain(self, budget: int | None = None, seconds: float | None = None) -> bool:
        """Read and discard the rest of the body, never past the limit, its time, nor
        ``budget`` bytes and ``seconds`` more when given; whether it was all read."""
        if self.waiting:
            return True
        stop_at = None if budget is None else self.seen + budget
        with anyio.move_on_after(seconds if seconds is not None else math.inf):
            try:
                while not self.done and (stop_at is None or self.seen <= stop_at):
                    await self.receive()
            except _BodyCut:
                pass
        return self.done


def _unsupported(content_type: bytes | None, encoding: bytes | None) -> Problem | None:
    """415 for a body the service would misread: a declared type other than JSON (a form, plain
    text), or a content coding (gzip), which used to be parsed as JSON and refused as
    'not UTF-8 text'. No Content-Type is read as JSON, as before."""
    if encoding is not None and encoding.strip().lower() not in (b"", b"identity"):
        coding = encoding.decode("latin-1")[:40]
        return _media(
            f"Content-Encoding {coding!r}: send the dataset uncompressed",
            InputProblem(
                "header.content-encoding",
                f"{coding!r} is not accepted; send the JSON body uncompressed",
                None,
                f"不接受 {coding!r} 编码；请发送未压缩的 JSON 请求体",
            ),
        )
    if content_type is not None:
        kind, *parameters = content_type.split(b";")
        kind = kind.strip().lower()
        shown = content_type.decode("latin-1")[:60]
        if kind not in (b"application/json", b"") and not kind.endswith(b"+json"):
            return _media(
                f"Content-Type {shown!r}: the body is a dataset document, application/json",
                InputProblem(
                    "header.content-type",
                    f"{shown!r}; send application/json",
                    None,
                    f"请求体应为数据集文档（application/json），现为 {shown!r}",
                ),
            )
        # JSON is UTF-8 (RFC 8259 §8.1): a body declared in another charset would be read as
        # UTF-8 regardless, its text garbled or refused as not UTF-8 (integrator s21).
        for parameter in parameters:
            name, _, value = parameter.partition(b"=")
            if name.strip().lower() == b"charset" and value.strip().strip(b'"').lower() not in (b"utf-8", b"utf8"):
                return _media(
                    f"Content-Type {shown!r}: the body is read as UTF-8, the only charset of JSON",
                    InputProblem(
                        "header.content-type",
                        f"{shown!r}; send the JSON body in UTF-8 (charset=utf-8 or none)",
                        None,
                        f"{shown!r}：JSON 只用 UTF-8 编码，请以 UTF-8 发送请求体（charset=utf-8 或不写 charset）",
                    ),
                )
    return None


def _media(detail: str, problem: InputProblem) -> Problem:
    return Problem(415, "unsupported-media-type", "Unsupported media type", detail, [problem])


def _too_slow(seconds: float) -> Problem:
    return Problem(
        408,
        "body-timeout",
        "Body too slow",
        f"the body did not arrive within {seconds:g} s of the request; send it at once (a city's year is a few MB)",
        [InputProblem("$", f"not received within {seconds:g} s", None, f"请求体未在 {seconds:g} 秒内送达；请一次发送")],
    )


def _too_large(limit: int) -> Problem:
    return Problem(
        413,
        "too-large",
        "Body too large",
        f"the body exceeds {limit} bytes; a province's year belongs to the softenv command",
        [
            InputProblem(
                "$",
                f"larger than {limit} bytes",
                None,
                f"请求体超过 {limit} 字节；全省一年的数据请用 softenv 命令处理",
            )
        ],
    )


async def _answer(problem: Problem, scope: Scope, send: Send, close: bool = False) -> None:
    scope.setdefault("state", {})["status"] = problem.status
    if close:  # what is left of the body is not read: the server closes after the answer
        problem.headers["Connection"] = "close"

    async def no_body() -> Message:
        return {"type": "http.request", "body": b"", "more_body": False}

    await problem.response(scope)(scope, no_body, send)


#: The status logged for a request whose client went away before its body was in (nginx's 499,
#: "client closed request"): nothing is answered.
CLIENT_CLOSED = 499

_NO_STORE = (b"cache-control", b"no-store")
# Every answer is the media type it says: a client (a browser an official opens a link in)
# must not guess HTML from a Markdown report or a problem quoting a record's text (principle 8).
_NO_SNIFF = (b"x-content-type-options", b"nosniff")


class AccessLog:
    """One line per request: key id, audience, endpoint, status and time; never the body.
    Every answer leaves with ``Cache-Control: no-store`` and ``X-Content-Type-Options: nosniff``."""

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
                # No answer is for a cache: the city office's views name complainants, and a
                # proxy between government networks must not keep any view (principle 7).
                message["headers"] = [*message.get("headers", ()), _NO_STORE, _NO_SNIFF]
            await send(message)

        try:
            await self.app(scope, receive, seen)
        except ClientDisconnect:
            # The client went away before its body was in (a timeout, a user cancelling, a
            # crash): no one to answer and no fault of the service's. It escaped as a 500 with
            # a 40-line traceback in the log (integrator i52 02); logged 499 as nginx logs a
            # client that closed its request, and nothing else.
            status = CLIENT_CLOSED
        finally:
            access_log.info(
                "key=%s audience=%s endpoint=%s status=%d ms=%.0f",
                state.get("key", "-"),
                state.get("audience", "-"),
                f"{_method(scope['method'])} {_logged_route(route_path(scope))}",
                status,
                (time.perf_counter() - start) * 1000,
            )


def route_path(scope: Scope) -> str:
    """The request's path below the application's root, the path its routes are matched on.

    Under a prefix (Starlette's ``Mount("/softenv", ...)``, an ASGI server's ``root_path``) the
    ASGI ``path`` holds the prefix and ``root_path`` names it: read whole, ``/softenv/healthz``
    was no health check and every route was logged as an unknown path with its values
    (integrator i54 01, 02). As Starlette's router reads it (``starlette._utils.get_route_path``,
    private, hence repeated here), so that the Guard exempts exactly what the router answers as
    /healthz; a ``path`` without the prefix (an older server's way) is read as it is."""
    path = str(scope["path"])
    root = str(scope.get("root_path") or "")
    if not root or not path.startswith(root):
        return path
    if path == root:
        return ""
    return path[len(root) :] if path[len(root)] == "/" else path


def route_template(path: str) -> str:
    """The route template, not the path: a county code or month is no one's business here."""
    for prefix, template in (
        ("/v1/reports/", "/v1/reports/{month}"),
        ("/v1/deadlines/", "/v1/deadlines/{county}/{month}"),
    ):
        if path.startswith(prefix):
            return template
    return path


#: The paths of app.ROUTES (a test holds them equal): logged as they are, every other quoted.
ROUTE_PATHS = frozenset(
    (
        "/v1/validate",
        "/v1/assess",
        "/v1/reports/{month}",
        "/v1/yearend",
        "/v1/explain",
        "/v1/deadlines/{county}/{month}",
        "/v1/plugins",
        "/healthz",
        "/openapi.json",
    )
)


def _logged_route(path: str) -> str:
    """The route's template, or an unknown path quoted: as the server decoded it, a caller's
    path may hold a line break or an escape sequence (finding 07), which would forge a line
    or act on the terminal of whoever reads the log."""
    template = route_template(path)
    return template if template in ROUTE_PATHS else _inert(path)


def _method(method: str) -> str:
    # h11 lets only a token through; another server might not.
    return method if method.isascii() and method.isalpha() else _inert(method)


def _inert(text: str) -> str:
    """``text`` as a quoted JSON string in ASCII: no control, space or quote of it survives
    to end the field or the line, and non-ASCII shows as \\uXXXX (bidi overrides too)."""
    return json.dumps(text)


__all__ = [
    "CLIENT_CLOSED",
    "DRAIN_BYTES",
    "DRAIN_SECONDS",
    "ROUTE_PATHS",
    "AccessLog",
    "Guard",
    "access_log",
    "on_loopback",
    "route_path",
    "route_template",
]
