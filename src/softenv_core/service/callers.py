"""Who may ask for what: the caller's key (401), the query and the Accept header it sends
(422, 406), and the audience it asks for (403, 422), for the endpoints of app.py.

Without keys the service is the command on loopback, the city office's view; with keys, each
key names the audiences its caller may request (docs/integration.md, "Keys")."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qsl

from attrs import field, frozen
from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.types import Scope

from softenv_core.analyses.audiences import Audience, AudienceKind
from softenv_core.analyses.county_names import audience_county_name, county_named
from softenv_core.analyses.redaction import check_audience
from softenv_core.errors import FieldInvalid, InputProblem, SoftenvError
from softenv_core.model.dataset import Dataset
from softenv_core.service.inputs import audience_required, audience_zh, check_query, load_body, query_audience
from softenv_core.service.keys import CallerKey, KeyRing
from softenv_core.service.middleware import route_path, route_template
from softenv_core.service.negotiation import negotiate
from softenv_core.service.openapi import query_names
from softenv_core.service.problems import Problem, query_problem

CITY = Audience("city")


@frozen
class CountyNamed:
    """``audience=county:青山县``: a county (县区) named by its name, as the command's
    ``--audience`` takes it. Which county that is depends on the request's dataset, read after
    the query is checked, so it is resolved, and only then checked against the caller's key,
    by :func:`load_for` (review c43: the service took codes only)."""

    name: str
    key: CallerKey | None
    #: The request's state, whose ``audience`` (for the access log) is the code once resolved.
    state: dict[str, Any] = field(eq=False, repr=False)


def audience_arguments(analysis: Callable[..., Any], audience: Audience | CountyNamed) -> dict[str, Any]:
    """The keyword arguments that give ``analysis`` its audience.

    Every analysis served (assess, hence explain, the monitoring report and the year end) takes a required
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
            [
                InputProblem(
                    "query.audience",
                    f"{name} does not yet distinguish audiences; only city is served",
                    None,
                    f"{name} 尚不区分阅读范围，只提供市软建办的视图（audience=city）",
                )
            ],
        )
    return {}


def _caller_key(ring: KeyRing, headers: Headers) -> CallerKey:
    """The key the request presents, or the 401 problem."""
    given = headers.getlist("authorization")
    # Two Authorization lines (a proxy's and the client's) name no one caller: which one a hop
    # reads is its own choice, so neither is taken (RFC 9110 5.3: it is no list field; s21 03).
    scheme, _, presented = (given[0] if len(given) == 1 else "").partition(" ")
    key = ring.find(presented.strip()) if scheme.lower() == "bearer" else None
    if key is None:
        # One wording for no key, an unknown one and two: which it was is no caller's to learn.
        detail = InputProblem(
            "header.authorization",
            "no valid key: give one as Authorization: Bearer ID.SECRET",
            None,
            "没有有效的密钥：请在 Authorization 请求头中给出，写作 Bearer ID.SECRET",
        )
        said = "give a key as Authorization: Bearer ID.SECRET"
        problem = Problem(401, "unauthorized", "Unauthorized", said, [detail])
        problem.headers["WWW-Authenticate"] = 'Bearer realm="softenv"'
        raise problem
    return key


def key_check(ring: KeyRing | None) -> Callable[[Scope], Problem | None] | None:
    """For the Guard: the 401 problem of a request without a valid key, before its body is
    read or measured (an unknown caller learns nothing, not even the size limit). A valid
    key's id, and the audience asked for when it can be told from the URL alone, go to the
    access log, so that a 503 names whom it refused."""
    if ring is None:
        return None

    def check(scope: Scope) -> Problem | None:
        try:
            key = _caller_key(ring, Headers(scope=scope))
        except Problem as problem:
            return problem
        state = scope.setdefault("state", {})
        state["key"] = key.id
        audience = _audience_in_url(scope, key)
        if audience is not None:
            state["audience"] = audience
        return None

    return check


def _audience_in_url(scope: Scope, key: CallerKey) -> str | None:
    """The audience a request asks for as far as its URL and key tell it, for the log of an
    answer given before the endpoint runs: parsed, so that the log holds no caller's text. The
    route's path, below a prefix: with it a 503 named no audience (integrator i54 02)."""
    if "audience" not in (query_names(route_template(route_path(scope)), scope["method"]) or ()):
        return None
    asked = [v for k, v in parse_qsl(scope.get("query_string", b"").decode("latin-1")) if k == "audience"]
    if not asked:
        return key.audiences[0] if len(key.audiences) == 1 else None
    try:
        return str(Audience.parse(query_audience(asked[0]) or "")) if len(asked) == 1 else None
    except SoftenvError:
        return None


def admit(request: Request, ring: KeyRing | None) -> CallerKey | None:
    """The caller's key (401 otherwise), once the query names only what its operation takes
    (422 otherwise) and the Accept header accepts what it answers (406 otherwise). Every
    endpoint but /healthz starts here; those with an audience go on to authorise."""
    key = None
    if ring is not None:
        key = _caller_key(ring, request.headers)
        request.scope["state"]["key"] = key.id
    check_query(request, request.scope["route"].path, key)
    # The representation chosen, kept for the operation (_format_and_lang): Accept is read once.
    request.scope["state"]["media"] = negotiate(request, request.scope["route"].path)
    return key


def authorise(request: Request, ring: KeyRing | None) -> Audience | CountyNamed:
    """The audience the caller asks for, after admit; 403 / 422 problems otherwise.

    Without keys the service is the command on loopback: the city office's view, as
    ``softenv`` gives. A key allowed one audience gets it unnamed. A key allowed several must
    name one: the library has no default audience (docs/privacy.md), and falling back to the
    widest one would fail open on a client's forgotten parameter.
    """
    key = admit(request, ring)
    text = query_audience(request.query_params.get("audience"))
    if text is None and key is not None:
        if len(key.audiences) > 1:  # an empty audience= is told the same by check_query (i48)
            raise query_problem("audience", *audience_required(key))
        text = key.audiences[0]
    # Only a missing parameter is the keyless default; an empty ``audience=`` is no audience.
    text = "city" if text is None else text
    name = audience_county_name(text)
    if name is not None:  # resolved, then checked against the key, with the dataset (load_for)
        request.scope["state"]["audience"] = "county"  # no caller's text in the log
        return CountyNamed(name, key, request.scope["state"])
    try:
        audience = Audience.parse(text)
    except FieldInvalid as exc:
        raise query_problem("audience", exc.message, audience_zh(text)) from None
    request.scope["state"]["audience"] = str(audience)
    _check_key(key, audience)
    return audience


def _check_key(key: CallerKey | None, audience: Audience) -> None:
    """The 403 problem of an audience ``key`` may not request."""
    if key is not None and not key.may_request(audience):
        raise Problem(
            403,
            "forbidden-audience",
            "Forbidden",
            f"key {key.id!r} may request {', '.join(key.audiences)}, not {audience}",
            [
                InputProblem(
                    "query.audience",
                    f"{audience} is not allowed for key {key.id}",
                    None,
                    f"密钥 {key.id!r} 不可请求阅读范围 {audience}（可请求 {'、'.join(key.audiences)}）",
                )
            ],
        )


def load_for(body: bytes, asked: Audience | CountyNamed) -> tuple[Dataset, Audience]:
    """The request's dataset and the audience asked for, once it is known to name something in
    the dataset: a county named by its name is that county's code where the dataset gives the
    name to one county (then checked against the key), and a name it gives none or two, or a
    county, department or point it lacks, is the ``audience`` parameter's problem."""
    dataset = load_body(body, whole=asked == CITY)
    audience = asked if isinstance(asked, Audience) else _resolved(dataset, asked)
    try:
        check_audience(dataset, audience)
    except SoftenvError as exc:
        lacking = f"阅读范围 {audience}：数据集中没有{audience.kind.zh} {audience.key}"
        raise query_problem("audience", str(exc).removeprefix("audience "), lacking) from None
    return dataset, audience


def _resolved(dataset: Dataset, asked: CountyNamed) -> Audience:
    """The county audience ``asked`` names, as ``softenv --audience county:青山县`` resolves it:
    the refusal names the nearest names or both codes, and every county's code."""
    try:
        code = county_named(dataset, asked.name, "audience=county:")
    except SoftenvError as exc:
        raise query_problem("audience", str(exc), getattr(exc, "zh", None) or str(exc)) from None
    audience = Audience(AudienceKind.COUNTY, code)
    asked.state["audience"] = str(audience)
    _check_key(asked.key, audience)
    return audience


__all__ = ["CITY", "CountyNamed", "admit", "audience_arguments", "authorise", "key_check", "load_for"]
