"""The service's settings (``softenv serve`` options), immutable once the service starts."""

from __future__ import annotations

import json
import os
from pathlib import Path

from attrs import asdict, frozen

#: The environment variable that carries the settings to uvicorn's worker processes.
ENV = "SOFTENV_SERVICE_CONFIG"


@frozen
class ServiceConfig:
    """How the service runs: where it listens, what it accepts, who may call it."""

    host: str = "127.0.0.1"
    port: int = 8000
    #: A city's year is a few MB; a province's belongs to the CLI (default 50 MB).
    max_body_bytes: int = 50 * 1024 * 1024
    #: Requests being answered at once; past it a 503 with Retry-After, so memory stays bounded.
    max_in_flight: int = 4
    retry_after_seconds: int = 2
    #: Seconds from a request's headers for its body to arrive; past it a 408 and the connection
    #: closed, so that a body trickled in a byte at a time holds no slot (a city's 5 MB at 2 Mbit/s: 20 s).
    body_timeout_seconds: float = 30.0
    #: Connections (and requests) one worker keeps at once (uvicorn's ``limit_concurrency``):
    #: past it uvicorn answers 503 itself, so a flood of sockets cannot exhaust the process's
    #: file descriptors (``ulimit -n``, often 1024).
    max_connections: int = 256
    #: Analyses one worker runs at once; the other requests in flight wait their turn (see
    #: ``running.analysis_limiter``: more would share one interpreter lock and add memory).
    analyses_at_once: int = 1
    keys_file: str | None = None
    calendar_file: str | None = None
    provisional: bool = False
    workers: int = 1

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
