"""The client a proxy says it forwarded a request for: the keyless service's second look at
who is asking (service.middleware.Guard; reviewer r65 03).

Without keys the service answers its own machine only, by the ASGI ``client``. Behind a reverse
proxy on the same machine, under a server that does not take the client from the proxy's headers
(hypercorn, daphne, uvicorn ``--no-proxy-headers`` or a ``--forwarded-allow-ips`` not naming the
proxy), every remote caller arrives as 127.0.0.1, and the request itself names it: ``Forwarded:
for=203.0.113.7``, ``X-Forwarded-For: 203.0.113.7``, ``X-Real-IP: 203.0.113.7``. A keyless service
has no setting meant to serve other machines, so any name there that is not a loopback address
(an address elsewhere, RFC 7239's ``unknown`` or an obfuscated ``_hidden``, a text that is no
address) means a caller it must not answer.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Iterator

from starlette.types import Scope

#: The headers a proxy names the client it forwards for in (lower case, as ASGI gives them).
FORWARDING_HEADERS = (b"forwarded", b"x-forwarded-for", b"x-real-ip")


def loopback_address(text: str) -> bool:
    """Whether ``text`` is a loopback address, 127.0.0.0/8 or ::1 (an IPv4 one as a dual-stack
    socket gives it, ``::ffff:127.0.0.1``, too); anything that is no address is not."""
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return False
    mapped = getattr(address, "ipv4_mapped", None)
    return bool((mapped or address).is_loopback)


def forwarded_beyond(scope: Scope) -> str | None:
    """The first client the request's forwarding headers name that is not a loopback address
    (as the header wrote it, for the 401's text), or None when they name none or only the
    machine's own. Every line of each header is read, each hop of a list."""
    for name, value in scope.get("headers") or ():
        if name.lower() not in FORWARDING_HEADERS:
            continue
        text = value.decode("latin-1")
        named = _forwarded_for(text) if name.lower() == b"forwarded" else _listed(text)
        for client in named:
            if not loopback_address(_host(client)):
                return client
    return None


def _listed(text: str) -> Iterator[str]:
    """The hops of ``X-Forwarded-For`` (``client, proxy1, …``) or the one of ``X-Real-IP``."""
    return (hop.strip() for hop in text.split(",") if hop.strip())


def _forwarded_for(text: str) -> Iterable[str]:
    """The ``for=`` values of an RFC 7239 ``Forwarded`` header (``for=192.0.2.60;proto=http,
    for="[2001:db8::1]:4711"``), unquoted; ``for`` in any case, as the RFC's names are."""
    out = []
    for element in text.split(","):
        for pair in element.split(";"):
            key, _, value = pair.partition("=")
            if key.strip().lower() == "for":
                out.append(value.strip().strip('"'))
    return out


def _host(client: str) -> str:
    """An address without its port or brackets: ``[::1]:4711`` → ``::1``, ``127.0.0.1:80`` →
    ``127.0.0.1``; a bare IPv6 address (``::1``, as X-Forwarded-For writes one) as it is."""
    if client.startswith("["):
        return client[1:].partition("]")[0]
    if client.count(":") == 1:  # an IPv4 address and port; an IPv6 address has two or more
        return client.partition(":")[0]
    return client


__all__ = ["FORWARDING_HEADERS", "forwarded_beyond", "loopback_address"]
