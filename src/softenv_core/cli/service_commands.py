"""``softenv serve`` and ``softenv keys``: the HTTP face and the keys that limit who may ask for
what (the ``service`` extra is imported only when a command runs)."""

from __future__ import annotations

import argparse
import math
import os
import sys
from pathlib import Path
from typing import Any

from softenv_core.cli.data_out import data_out
from softenv_core.engine.manager import SoftenvPluginManager
from softenv_core.errors import FieldInvalid, SoftenvError

_LOOPBACK = ("127.0.0.1", "::1", "localhost")


#: ServiceConfig's fields that ``softenv serve`` sets from an option: the option, and how the
#: command says a value ServiceConfig refuses (its validators are the one set of rules).
_OPTIONS = {
    "port": ("--port", "must be a port number 1-65535"),
    "max_body_bytes": ("--max-body-mb", "must be a finite positive number"),
    "max_in_flight": ("--max-in-flight", "must be positive"),
    "body_timeout_seconds": ("--body-timeout", "must be a finite positive number"),
    "max_connections": ("--max-connections", "must be positive"),
    "analyses_at_once": ("--analyses-at-once", "must be positive"),
    "workers": ("--workers", "must be positive"),
}
_FROM_ARGS = {"max_body_bytes": "max_body_mb", "body_timeout_seconds": "body_timeout"}
_MB = 1024 * 1024


def _values(args: argparse.Namespace) -> dict[str, Any]:
    """ServiceConfig's fields from the command line; an option not given (None) is left to the
    default ServiceConfig documents. A body limit in MB that is no finite number is passed as it
    is (a float), for ServiceConfig to refuse: ``int()`` of NaN or infinity raised."""
    mb = args.max_body_mb
    values = {
        "host": args.host,
        "port": args.port,
        "max_body_bytes": int(mb * _MB) if math.isfinite(mb) else mb,
        "max_in_flight": args.max_in_flight,
        "keys_file": str(Path(args.keys).resolve()) if args.keys else None,
        "calendar_file": str(Path(args.calendar).resolve()) if args.calendar else None,
        "provisional": args.provisional,
        "workers": args.workers,
        "analyses_at_once": args.analyses_at_once,
        "body_timeout_seconds": getattr(args, "body_timeout", None),
        "max_connections": getattr(args, "max_connections", None),
    }
    return {name: value for name, value in values.items() if value is not None}


def _said(args: argparse.Namespace, exc: FieldInvalid) -> str:
    """A field ServiceConfig refused, said as the command's option with the value typed (all were
    named for one fault: i36). NaN and infinity passed ``<= 0`` and then crashed or answered 500
    to every request; a port outside 1-65535 reached uvicorn's traceback; a body limit under one
    byte refused every body (i51 01)."""
    if exc.name not in _OPTIONS:
        return str(exc)
    option, wording = _OPTIONS[exc.name]
    typed = getattr(args, _FROM_ARGS.get(exc.name, exc.name))
    if exc.name == "max_body_bytes" and 0 < typed < math.inf:
        wording = "is less than one byte"
    return f"{option} {typed:g}: {wording}" if isinstance(typed, float) else f"{option} {typed}: {wording}"


def _config(args: argparse.Namespace, config_class: Any) -> Any:
    """The service's settings from the command line, checked by ServiceConfig's own rules, every
    fault named in one line (SoftenvError naming each option), and the command's own: a host
    beyond loopback needs keys; at least one request in flight (the config's 0, "closed", serves
    nothing) and fewer than the connections a worker keeps."""
    if not args.keys and args.host not in _LOOPBACK:
        raise SoftenvError(f"--host {args.host}: without --keys the service listens on loopback only")
    values = _values(args)
    wrong = [_said(args, exc) for exc in config_class.problems(values)]
    if args.max_in_flight == 0:
        wrong.insert(0, "--max-in-flight 0: must be positive")
    if wrong:
        raise SoftenvError("; ".join(wrong))
    config = config_class(**values)
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
        print(key, file=data_out(), flush=True)
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
