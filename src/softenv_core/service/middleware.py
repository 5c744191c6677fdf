"""The service's ASGI middleware: the limits that bound its memory, and the access log.

``Guard`` answers 401 to a request without a valid key (with ``--keys``), then 503 past
``max_in_flight`` requests and 413 past ``max_body_bytes`` (counted as the body arrives);
whatever answers before the body is read, it reads and discards the rest first (up to the
limit), so that a client uploading without ``Expect: 100-continue`` gets the answer, not a
connection reset. ``AccessLog`` writes one line per request that names the key, the audience
and the route template, never the body or the query's values.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, MutableMapping
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from softenv_core.service.config import ServiceConfig
from softenv_core.service.problems import Problem

access_log = logging.getLogger("softenv.service.access")


class _BodyTooLarge(Exception):
    pass


class Guard:
    """Bounds memory: at most ``max_in_flight`` requests at once (503 + Retry-After past it)
    and bodies of at most ``max_body_bytes`` (413), counted as they arrive, not trusted
    from Content-Length alone. The health check is exempt: it costs nothing."""

    def __init__(
        self, app: ASGIApp, config: ServiceConfig, key_check: Callable[[Scope], Problem | None] | None = None
    ) -> None:
        self.app = app
        self.config = config
        self.key_check = key_check  # with --keys: the 401 of a request without a valid key
        self.in_flight = 0  # touched only on the event loop's thread

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] == "/healthz":
            await self.app(scope, receive, send)
            return
        body = _Body(receive, self.config.max_body_bytes, scope)
        # The key first: a caller without one gets 401 whatever it sends (not the 413 or 503
        # that would tell it the limits), and every path but /healthz, /openapi.json too, needs it.
        refusal = self.key_check(scope) if self.key_check is not None else None
        if refusal is None and self.in_flight >= self.config.max_in_flight:
            refusal = Problem(503, "busy", "Service busy", f"{self.in_flight} requests in flight; retry shortly")
            refusal.headers["Retry-After"] = str(self.config.retry_after_seconds)
        length = dict(scope["headers"]).get(b"content-length")
        if refusal is None and length is not None and length.isdigit() and int(length) > body.limit:
            refusal = _too_large(body.limit)
        if refusal is not None:
            await body.drain()
            await _answer(refusal, scope, send)
            return
        started = False

        async def drained_first(message: Message) -> None:
            # An answer decided before the body was read (a 403, a 422 on the query) waits
            # until the client has sent it all.
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                await body.drain()
            await send(message)

        self.in_flight += 1
        try:
            await self.app(scope, body.receive, drained_first)
        except _BodyTooLarge:
            if not started:
                await _answer(_too_large(body.limit), scope, send)
        finally:
            self.in_flight -= 1


class _Body:
    """A request's body as it arrives: counted against the limit, and drained unread when the
    answer comes first. Without a drain the server would close the connection while the
    client is still sending (an h11 connection cannot serve a next request until the last
    one is read), and a client that sends the whole body before reading (urllib, httpx,
    Java's HttpClient: no ``Expect: 100-continue``) sees a reset, not the answer."""

    def __init__(self, receive: Receive, limit: int, scope: Scope) -> None:
        self._receive = receive
        self.limit = limit
        self.seen = 0
        self.done = False
        # A client that sent Expect: 100-continue sends nothing until told to: reading would
        # tell it to, only to discard what it sends.
        self.waiting = dict(scope["headers"]).get(b"expect", b"").lower() == b"100-continue"

    async def receive(self) -> Message:
        message = await self._receive()
        if message["type"] == "http.disconnect" or not message.get("more_body", False):
            self.done = True
        if message["type"] == "http.request":
            self.waiting = False
            self.seen += len(message.get("body", b""))
            if self.seen > self.limit:
                raise _BodyTooLarge
        return message

    async def drain(self) -> None:
        """Read and discard the rest of the body, never past the limit (past it the server
        closes the connection, which is then all a larger body can get)."""
        if self.waiting:
            return
        try:
            while not self.done:
                await self.receive()
        except _BodyTooLarge:
            pass


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


class AccessLog:
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
                f"{scope['method']} {route_template(scope['path'])}",
                status,
                (time.perf_counter() - start) * 1000,
            )


def route_template(path: str) -> str:
    """The route template, not the path: a county code or month is no one's business here."""
    for prefix, template in (
        ("/v1/reports/", "/v1/reports/{month}"),
        ("/v1/deadlines/", "/v1/deadlines/{county}/{month}"),
    ):
        if path.startswith(prefix):
            return template
    return path


__all__ = ["AccessLog", "Guard", "access_log", "route_template"]
