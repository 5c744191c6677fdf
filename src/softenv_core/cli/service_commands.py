"""``softenv serve`` and ``softenv keys``: the HTTP face and the keys that limit who may ask for
what (the ``service`` extra is imported only when a command runs)."""

from __future__ import annotations

import argparse
import math
import os
import sys
from pathlib import Path
from typing import Any

from softenv_core.engine.manager import SoftenvPluginManager
from softenv_core.errors import SoftenvError

_LOOPBACK = ("127.0.0.1", "::1", "localhost")


def _wrong_options(args: argparse.Namespace) -> list[str]:
    """Each option at fault, with its value (all four were named for one: i36). NaN and infinity
    passed ``<= 0`` and then crashed or answered 500 to every request; a port outside 1-65535
    reached uvicorn's traceback; a body limit under one byte refused every body (i51 01)."""
    counts = {"--max-in-flight": args.max_in_flight, "--workers": args.workers}
    counts |= {"--analyses-at-once": args.analyses_at_once, "--max-connections": getattr(args, "max_connections", None)}
    wrong = [f"{option} {n}: must be positive" for option, n in counts.items() if n is not None and n <= 0]
    numbers = {"--max-body-mb": args.max_body_mb, "--body-timeout": getattr(args, "body_timeout", None)}
    for option, number in numbers.items():
        if number is not None and not 0 < number < math.inf:
            wrong.append(f"{option} {number:g}: must be a finite positive number")
    if 0 < args.max_body_mb < math.inf and int(args.max_body_mb * 1024 * 1024) < 1:
        wrong.append(f"--max-body-mb {args.max_body_mb:g}: is less than one byte")
    if not 1 <= args.port <= 65535:
        wrong.append(f"--port {args.port}: must be a port number 1-65535")
    return wrong


def _config(args: argparse.Namespace, config_class: Any) -> Any:
    """The service's settings from the command line, each checked (SoftenvError naming the option)."""
    if not args.keys and args.host not in _LOOPBACK:
        raise SoftenvError(f"--host {args.host}: without --keys the service listens on loopback only")
    wrong = _wrong_options(args)
    if wrong:
        raise SoftenvError("; ".join(wrong))
    config = config_class(
        host=args.host,
        port=args.port,
        max_body_bytes=int(args.max_body_mb * 1024 * 1024),
        max_in_flight=args.max_in_flight,
        keys_file=str(Path(args.keys).resolve()) if args.keys else None,
        calendar_file=str(Path(args.calendar).resolve()) if args.calendar else None,
        provisional=args.provisional,
        workers=args.workers,
        analyses_at_once=args.analyses_at_once,
        # Not given: the defaults ServiceConfig documents (which checks each field again).
        **{
            field: value
            for field, option in (("body_timeout_seconds", "body_timeout"), ("max_connections", "max_connections"))
            if (value := getattr(args, option, None)) is not None
        },
    )
    if config.max_connections <= config.max_in_flight:
        raise SoftenvError(
            f"--max-in-flight {config.max_in_flight}: must stay below the {config.max_connections} connections "
            "a worker keeps (uvicorn's limit_concurrency answers 503 past them)"
        )
    return config


def cmd_serve(args: argparse.Namespace, pm: SoftenvPluginManager) -> int:
    try:
        import uvicorn

        from softenv_core.service.config import ENV, ServiceConfig
    except ImportError:
        raise SoftenvError('softenv serve needs the service extra: pip install "softenv-core[service]"') from None

    config = _config(args, ServiceConfig)
    if config.keys_path:
        from softenv_core.service.keys import load_keys

        ring = load_keys(config.keys_path)  # a bad file fails here, before the port is bound
        sys.stderr.write(f"softenv serve: {len(ring.keys)} key(s) from {args.keys}; each sees its own audiences\n")
    else:
        sys.stderr.write(
            "softenv serve: no --keys: serving the city office's view (市软建办) to anyone who can reach "
            f"{args.host}:{args.port}, which is loopback only\n"
        )
    # The workers are separate processes: they read the settings from the environment.
    os.environ[ENV] = config.to_env()
    log_config = {**uvicorn.config.LOGGING_CONFIG}
    log_config["loggers"] = {
        **log_config["loggers"],
        "softenv.service.access": {"handlers": ["default"], "level": "INFO", "propagate": False},
    }
    uvicorn.run(
        "softenv_core.service.app:app_from_env",
        factory=True,
        host=config.host,
        port=config.port,
        workers=config.workers,
        access_log=False,  # ours names the key and audience, and never the query's values
        # Sockets a worker keeps: past it uvicorn answers 503 itself, before any fd runs out.
        limit_concurrency=config.max_connections,
        log_config=log_config,
    )
    return 0


def cmd_keys_add(args: argparse.Namespace, pm: SoftenvPluginManager) -> int:
    from softenv_core.service.keys import add_key, revoke_key

    key = add_key(Path(args.keys), args.id, args.audience, args.note)
    try:
        print(key, flush=True)
    except OSError:  # `> /dev/full`: a key whose secret nobody saw would only block its id (x29)
        revoke_key(Path(args.keys), args.id)
        raise
    sys.stderr.write(f"softenv keys: added {args.id!r} to {args.keys}; the key printed is shown once, keep it now\n")
    return 0


def cmd_keys_revoke(args: argparse.Namespace, pm: SoftenvPluginManager) -> int:
    from softenv_core.service.keys import revoke_key

    revoke_key(Path(args.keys), args.id)
    sys.stderr.write(f"softenv keys: revoked {args.id!r} in {args.keys}; restart the service to apply\n")
    return 0
