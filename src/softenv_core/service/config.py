"""The service's settings (``softenv serve`` options), immutable once the service starts."""

from __future__ import annotations

import json
import math
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from attrs import Attribute, asdict, field, fields, frozen

from softenv_core._validators import FieldInvalid, yes_or_no

#: The environment variable that carries the settings to uvicorn's worker processes.
ENV = "SOFTENV_SERVICE_CONFIG"


def _whole(low: int, high: int | None = None) -> Any:
    """An int (not a bool, not a string from an environment variable) from ``low`` (to ``high``)."""

    def check(_inst: object, attr: Attribute[Any], value: object) -> None:
        if type(value) is not int or value < low or (high is not None and value > high):
            wanted = f"{low}-{high}" if high is not None else f"{low} or more"
            raise FieldInvalid(attr.name, f"expected a whole number {wanted}, got {type(value).__name__} {value!r:.40}")

    return check


def _seconds(_inst: object, attr: Attribute[Any], value: object) -> None:
    # NaN passed ``<= 0`` and then made every request a 500 (anyio refuses a NaN deadline); an
    # infinite one never cuts off a trickled body (integrator i51 01).
    if isinstance(value, bool) or not isinstance(value, int | float) or not (0 < value < math.inf):
        raise FieldInvalid(attr.name, f"expected a finite positive number of seconds, got {value!r:.40}")


def _text(_inst: object, attr: Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or not value:
        raise FieldInvalid(attr.name, f"expected a non-empty string, got {type(value).__name__} {value!r:.40}")


def _path_or_none(inst: object, attr: Attribute[Any], value: object) -> None:
    if value is not None:
        _text(inst, attr, value)


def _flag(_inst: object, attr: Attribute[Any], value: object) -> None:
    yes_or_no(value, attr.name)


@frozen
class ServiceConfig:
    """How the service runs: where it listens, what it accepts, who may call it."""

    # Each field is checked here, so that an embedding application's create_app(ServiceConfig(...))
    # is refused as `softenv serve` is (FieldInvalid naming the field), not answered with a 500 on
    # every request or a hang (analyses_at_once=0) later (integrator i51 01).
    host: str = field(default="127.0.0.1", validator=_text)
    port: int = field(default=8000, validator=_whole(1, 65535))
    #: A city's year is a few MB; a province's belongs to the CLI (default 50 MB). At least one byte.
    max_body_bytes: int = field(default=50 * 1024 * 1024, validator=_whole(1))
    #: Requests being answered at once; past it a 503 with Retry-After, so memory stays bounded.
    #: 0 is allowed and means "closed": every request but /healthz is a 503 with Retry-After (a
    #: service draining for maintenance, and how the tests provoke the 503); ``softenv serve``
    #: asks for 1 or more.
    max_in_flight: int = field(default=4, validator=_whole(0))
    retry_after_seconds: int = field(default=2, validator=_whole(0, 86400))
    #: Seconds from a request's headers for its body to arrive; past it a 408 and the connection
    #: closed, so that a body trickled in a byte at a time holds no slot (a city's 5 MB at 2 Mbit/s: 20 s).
    #: A finite positive number.
    body_timeout_seconds: float = field(default=30.0, validator=_seconds)
    #: Connections (and requests) one worker keeps at once (uvicorn's ``limit_concurrency``):
    #: past it uvicorn answers 503 itself, so a flood of sockets cannot exhaust the process's
    #: file descriptors (``ulimit -n``, often 1024).
    max_connections: int = field(default=256, validator=_whole(1))
    #: Analyses one worker runs at once; the other requests in flight wait their turn (see
    #: ``running.analysis_limiter``: more would share one interpreter lock and add memory).
    #: At least 1: with 0 no request would ever be answered.
    analyses_at_once: int = field(default=1, validator=_whole(1))
    keys_file: str | None = field(default=None, validator=_path_or_none)
    calendar_file: str | None = field(default=None, validator=_path_or_none)
    provisional: bool = field(default=False, validator=_flag)
    workers: int = field(default=1, validator=_whole(1))

    @classmethod
    def problems(cls, values: Mapping[str, object]) -> list[FieldInvalid]:
        """Each field of ``values`` that ``ServiceConfig(**values)`` refuses, as its own validator
        refuses it, in field order: the constructor raises the first alone, and a caller naming
        every fault at once (``softenv serve``, integrator i36) checks by these rules, not its own."""
        out = []
        for f in fields(cls):
            if f.name in values and f.validator is not None:
                try:
                    f.validator(None, f, values[f.name])
                except FieldInvalid as exc:
                    out.append(exc)
        return out

    def to_env(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_env(cls) -> ServiceConfig:
        text = os.environ.get(ENV)
        return cls(**json.loads(text)) if text else cls()

    @property
    def keys_path(self) -> Path | None:
        return Path(self.keys_file) if self.keys_file else None


__all__ = ["ENV", "ServiceConfig"]
