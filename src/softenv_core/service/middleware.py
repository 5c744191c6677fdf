"""The service's ASGI middleware: the limits that bound its memory, and the access log.

``Guard`` answers 401 to a request without a valid key (with ``--keys``), then 503 past
``max_in_flight`` requests and 413 past ``max_body_bytes`` (counted as the body arrives);
``AccessLog`` writes one line per request that names the key, the audience and the route
template, never the body or the query's values.
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
        # The key first: a caller without one gets 401 whatever it sends (not the 413 or 503
        # that would tell it the limits), and every path but /healthz, /openapi.json too, needs it.
        unauthorised = self.key_check(scope) if self.key_check is not None else None
        if unauthorised is not None:
            await _drain_and_answer(unauthorised, scope, receive, send)
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


__all__ = ["AccessLog", "Guard", "access_log"]
