"""The service's errors as RFC 9457 problems (application/problem+json), and the handlers that answer with them.

Every refusal names what was wrong as ``$.path``, ``query.NAME``, ``path.NAME`` or ``header.NAME``, as the
loader names a dataset's problems; an unexpected error says nothing of the internals.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from typing import Any, TypeVar
from urllib.parse import quote, quote_from_bytes

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Scope

from softenv_core.analyses.audiences import CITY_OFFICE
from softenv_core.errors import CalendarDataMissing, InputError, InputProblem, PluginError, SoftenvError
from softenv_core.io.converter import dumps
from softenv_core.render.escape import terminal
from softenv_core.service.openapi import PROBLEM

T = TypeVar("T")

#: The problems an answer lists (a dataset's, the query's...); past them one problem counts the
#: rest, and the dataset's check stops (loads_dataset's max_problems): 300,000 empty points were
#: answered with 1,800,000 problems, 391 MB, after 73 s (integrator i52 01).
PROBLEMS_LISTED = 100
#: A quoted value (a Python repr in a problem: ``got 'xxx…'``) is shown to this many characters,
#: then ``…`` and its length; a path or message still longer than TEXT_SHOWN is cut so too.
QUOTED_SHOWN = 100
TEXT_SHOWN = 1000
# A repr's quotes: not an apostrophe inside a word (``the point's``); a Chinese character may
# stand right before or after one (``现为'…'``), so the word is ASCII's.
_QUOTED = re.compile(
    rf"""(?<![A-Za-z0-9_'"])('(?:[^'\\\n]|\\.){{{QUOTED_SHOWN + 1},}}'|"(?:[^"\\\n]|\\.){{{QUOTED_SHOWN + 1},}}")"""
    r"(?![A-Za-z0-9_])"
)


#: About the most of a text the quoted-value pattern reads: a text longer than this is first
#: made shorter (:func:`_bounded`), so that its cost does not grow with the text (some 3 ms
#: here). Run over the whole text, the pattern cost 0.3 s a million characters: one
#: 20-million-character id in a body took 7 s of the worker's analysis slot to answer in 748
#: bytes (attacker x71 02). Ten times TEXT_SHOWN: what is shown of a text needs at most ten
#: cut values of about 1,000 characters (each shown in some 120).
SCANNED = 10 * TEXT_SHOWN
#: What a run of plain characters (none a quote, a backslash or a line break) keeps of itself
#: before it is scanned: more than any cut shows (TEXT_SHOWN outside a quoted value,
#: QUOTED_SHOWN inside one), and its last character, which decides whether a quote after it
#: opens a value; the characters left out are counted where they were.
_RUN_KEPT = TEXT_SHOWN + 1
_RUN = re.compile(rf"""(?<![^'"\\\n])[^'"\\\n]{{{_RUN_KEPT + 2},}}""")
_PLAIN = re.compile(r"""[^'"\\\n]*""")


def _bounded(text: str) -> tuple[str, list[tuple[int, int]], int]:
    """``text`` with each long run of plain characters cut to what any cut shows of it, read to
    about :data:`SCANNED` characters so cut; where each run lost characters (the index of its
    kept last character) and how many, and how many characters after them were not read. A run
    is measured to its end (at the speed of a character class: 20 million characters in some
    0.04 s); nothing else is read past what is kept."""
    parts: list[str] = []
    dropped: list[tuple[int, int]] = []
    at = kept = 0
    while kept < SCANNED:
        # A run that starts within what is still kept has its first _RUN_KEPT + 2 characters here.
        run = _RUN.search(text, at, at + SCANNED - kept + _RUN_KEPT + 2)
        if run is None:
            break
        rest_of_run = _PLAIN.match(text, run.end())  # the search stopped at its end: measured on
        end = rest_of_run.end() if rest_of_run else run.end()
        parts.append(text[at : run.start() + _RUN_KEPT])
        kept += len(parts[-1])
        dropped.append((kept, end - run.start() - _RUN_KEPT - 1))
        parts.append(text[end - 1])
        kept += 1
        at = end
    # To SCANNED, and two characters more: after a run, the quote that may close the value it is
    # in and the character that decides whether it does.
    tail = text[at : at + max(SCANNED - kept, 0) + 2]
    return "".join(parts) + tail, dropped, len(text) - at - len(tail)


def _cut(text: str, zh: bool = False, path: bool = False) -> str:
    """``text`` with each quoted value past :data:`QUOTED_SHOWN` characters cut, ``…`` and its
    length after it (in a ``path``, ``…`` inside the quotes alone: a path holds no space), and
    cut itself past :data:`TEXT_SHOWN`. A text past :data:`SCANNED` characters is read in a
    bounded part (:func:`_bounded`): what is shown is the same, each value's length too, unless
    it is still past SCANNED once its runs are cut (thousands of quotes or escapes): then what
    follows is counted, not read for quoted values."""
    dropped: list[tuple[int, int]] = []
    rest = 0
    if len(text) > SCANNED:
        text, dropped, rest = _bounded(text)
    left_out = sum(n for _, n in dropped) + rest  # the characters the text read no longer holds

    def quoted(m: re.Match[str]) -> str:
        nonlocal left_out
        mark, inner = m[1][0], m[1][1:-1]
        within = sum(n for where, n in dropped if m.start(1) <= where < m.end(1))
        left_out -= within  # counted in the value's length, and cut with it
        head = inner[:QUOTED_SHOWN].rstrip(chr(92))  # no escape left open before the quote
        if path:
            return f"{mark}{head}…{mark}"
        length = len(inner) + within
        return f"{mark}{head}{mark}…" + (f"（共 {length} 个字符）" if zh else f" ({length} characters)")

    text = _QUOTED.sub(quoted, text) if len(text) > QUOTED_SHOWN else text
    length = len(text) + left_out
    if length <= TEXT_SHOWN and not rest:  # a rest left unread is never shown as if there were none
        return text
    if path:
        return text[:TEXT_SHOWN] + "…"
    return text[:TEXT_SHOWN] + (f"…（共 {length} 个字符）" if zh else f"… ({length} characters)")


def shortened(problem: InputProblem) -> InputProblem:
    """``problem`` with each value it quotes past :data:`QUOTED_SHOWN` characters cut, and its
    path and message past :data:`TEXT_SHOWN`: a value is quoted in its problem, its line and its
    Chinese, so a 1 MB id made a 4 MB answer."""
    if max(len(problem.path), len(problem.message), len(problem.zh or "")) <= QUOTED_SHOWN:
        return problem
    zh = None if problem.zh is None else _cut(problem.zh, zh=True)
    return InputProblem(_cut(problem.path, path=True), _cut(problem.message), problem.record_id, zh)


def _capped(items: Sequence[T], shown: Callable[[T], T], rest: Callable[[int], T]) -> list[T]:
    """``items`` as an answer lists them: each ``shown``, at most :data:`PROBLEMS_LISTED`, then
    ``rest(n)`` counting the n left out; one item more than the cap is listed, not counted (the
    loader's own last problem counts the rest, or says it stopped)."""
    listed = [shown(x) for x in items[: PROBLEMS_LISTED + 1]]
    if len(items) <= PROBLEMS_LISTED + 1:
        return listed
    return [*listed[:PROBLEMS_LISTED], rest(len(items) - PROBLEMS_LISTED)]


def bounded(problems: Sequence[InputProblem]) -> list[InputProblem]:
    """``problems`` as an answer lists them: each :func:`shortened`, at most
    :data:`PROBLEMS_LISTED` and one counting the rest (the dataset's loader counts them itself,
    or says it stopped: its one problem more is kept as it is)."""

    def rest(more: int) -> InputProblem:
        en = f"{more} more problems not listed (the first {PROBLEMS_LISTED} are)"
        return InputProblem("", en, None, f"另有 {more} 个问题未列出（只列出前 {PROBLEMS_LISTED} 个）")

    return _capped(problems, shortened, rest)


def listed_warnings(warnings: Sequence[str]) -> list[str]:
    """A valid dataset's warnings as an answer lists them, as :func:`bounded` lists problems: each
    cut as a problem's message is, at most :data:`PROBLEMS_LISTED` and one line at ``$`` counting
    the rest. A warning is said once a record (17,000 points declaring the wrong size made an
    answer of 17,000 lines); ``softenv validate`` lists them all."""
    return _capped(
        warnings,
        lambda w: _cut(w) if len(w) > QUOTED_SHOWN else w,
        lambda more: (
            f"$: {more} more warnings not listed (the first {PROBLEMS_LISTED} are; `softenv validate` lists every one)"
        ),
    )


class Problem(Exception):
    """An RFC 9457 problem to answer with: status, a title, a detail and ``$.path`` problems,
    each also structured (the ``details`` extension member: path, record id, message, Chinese).

    The problems are :class:`InputProblem` values, never lines of text: a line carries no Chinese,
    and a platform that shows ``zh or message`` showed English for it (integrator i37). The
    service's own problems each give their ``zh`` (tests/test_service_problems_zh.py walks them)."""

    def __init__(
        self,
        status: int,
        kind: str,
        title: str,
        detail: str,
        problems: Sequence[InputProblem],
    ) -> None:
        if not problems:  # every answer says what was wrong, in a details entry with its zh (i40)
            raise ValueError(f"a {status} problem needs at least one InputProblem")
        super().__init__(detail)
        self.status = status
        self.kind = kind
        self.title = title
        self.detail = _cut(detail)
        self.details = tuple(bounded(problems))
        self.problems = tuple(p.text for p in self.details)
        self.headers: dict[str, str] = {}

    def response(self, scope: Scope | None = None) -> Response:
        """The problem+json answer; ``scope``, the request's, gives its ``instance``."""
        body: dict[str, Any] = {
            "type": f"urn:softenv:problem:{self.kind}",
            "title": self.title,
            "status": self.status,
            "detail": self.detail,
            "problems": list(self.problems),
            "details": [d.to_dict() for d in self.details],
        }
        if scope is not None:
            body["instance"] = request_instance(scope)
        return Response(dumps(body), status_code=self.status, media_type=PROBLEM, headers=self.headers)


#: What a path segment may hold unencoded (RFC 3986 pchar, without "%": a decoded path has none).
_PCHAR = "/-._~!$&'()*+,;=:@"
#: A "%" that starts no percent-encoding (two hex digits): written %25, so that the reference is one.
_LONE_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")


def request_instance(scope: Scope) -> str:
    """A problem's ``instance``, the request's path as the client wrote it (RFC 9457 §3.1.5), a URI
    reference.

    From the path as sent (``raw_path``), not as the server decoded it: ``/v1/a%2Fb`` decoded is
    ``/v1/a/b``, another path, and encoding it again cannot tell the two apart (integrator i37).
    What the client sent that no URI reference holds (a space, a control or non-ASCII byte, a
    ``%`` starting no escape) is percent-encoded; an escape it wrote stays as written. A server
    that gives no ``raw_path`` has the decoded path encoded again (:func:`instance_reference`)."""
    raw = scope.get("raw_path")
    if not isinstance(raw, bytes) or not raw:
        return instance_reference(str(scope["path"]))
    return _LONE_PERCENT.sub("%25", quote_from_bytes(raw, safe=_PCHAR + "%"))


def instance_reference(path: str) -> str:
    """A decoded path as a URI reference: ``/v1/a b`` and a line break (attacker x37) encoded
    again, as UTF-8; a route's path (``/v1/reports/2025-03``) reads as before."""
    return quote(path, safe=_PCHAR)


def invalid_input(exc: InputError) -> Problem:
    return Problem(422, "invalid-input", "Invalid input", str(exc).splitlines()[0], exc.details)


def query_detail(name: str, message: str, zh: str) -> InputProblem:
    """A problem with the query parameter ``name`` (``query.NAME``); ``zh``: in Chinese, for a
    platform that shows its users Chinese."""
    return InputProblem(f"query.{name}", message, None, zh)


def query_problem(name: str, message: str, zh: str) -> Problem:
    """A 422 naming ``query.NAME`` (:func:`query_detail`)."""
    detail = query_detail(name, message, zh)
    return Problem(422, "invalid-parameter", "Invalid parameter", f"{name}: {message}", [detail])


async def _handled(request: Request, exc: Exception) -> Response:
    if isinstance(exc, Problem):
        return exc.response(request.scope)
    if isinstance(exc, InputError):
        return invalid_input(exc).response(request.scope)
    # A rule error (a plugin's bad value, a year the calendar does not know): the input
    # cannot be answered as asked, and the message names the plugin, hook or year.
    if isinstance(exc, CalendarDataMissing):
        problem = _calendar_problem(request, exc)
    elif isinstance(exc, PluginError):
        problem = _plugin_problem(request, exc)
    else:
        # The raiser's Chinese where it wrote one; else the English said under a Chinese lead,
        # so that a platform showing zh still shows why (integrator i37).
        zh = getattr(exc, "zh", None) or f"无法按所问作答：{exc}"
        problem = InputProblem.from_text(str(exc), zh)
    return Problem(422, "cannot-answer", "Cannot answer", problem.message, [problem]).response(request.scope)


#: The service's own log (beside the access log): what a plugin said when its error was withheld.
service_log = logging.getLogger("softenv.service")


def _plugin_problem(request: Request, exc: PluginError) -> InputProblem:
    """A plugin's error as the caller may read it. Its message is the plugin's text (an
    exception's: ``KeyError: 'P-…'`` from a lookup by a complaint's point, a text quoting the
    complaint), which outside the city office is screened or withheld in every view
    (docs/privacy.md): such a caller is told whose error it is and where, not what it said;
    the city office's answer keeps it, and the service's log has it (attacker x31 01)."""
    audience = request.scope.get("state", {}).get("audience")
    if audience == str(CITY_OFFICE):  # only the city office's, known: a request of no audience is told less
        return InputProblem.from_text(str(exc), exc.zh or f"插件出错，无法作答：{exc}")
    service_log.warning("audience=%s withheld: %s", audience, terminal(str(exc)))
    where = f"plugin {exc.plugin!r}" + (f", hook {exc.hook}" if exc.hook else "")
    where_zh = f"插件 {exc.plugin!r}" + (f"（钩子 {exc.hook}）" if exc.hook else "")
    en = (
        f"{where}: failed; what it said is withheld from audience {audience or 'unknown'} (a plugin's text may "
        f"name a complainant: docs/privacy.md); the service's log has it"
    )
    zh = (
        f"{where_zh}出错；其原话不向阅读范围 {audience or '（未知）'} 显示（插件的文字可能指明投诉人，见 "
        "docs/privacy.md），服务日志中有记录"
    )
    return InputProblem.from_text(en, zh)


def _calendar_problem(request: Request, exc: CalendarDataMissing) -> InputProblem:
    """A year the installed calendar does not know, on the parameter that asked for it: the
    year (``query.year``) or month (``path.month``) whose own deadlines need it (its year, or
    the next, where its December report falls due). A year only the dataset's records reach
    (an earlier complaint's steps, say) names no parameter: the request did not ask for it."""
    # The way out is the service operator's (its --calendar, --provisional), not the Python call
    # or the command-line option the library's own message offers (integrator i36).
    message = (
        f"{exc.fact}: the service's operator can upgrade chinesecalendar "
        f"once the State Council notice for {exc.year} is out, or restart softenv serve with --calendar FILE (the "
        "year's arrangement) or --provisional (weekends only, every result marked provisional): docs/calendar.md"
    )
    zh = (
        f"{exc.zh}；服务的管理员可在国务院通知发布后升级 chinesecalendar，或以 --calendar 文件（该年的安排）或 "
        "--provisional（只按周末计，结果均标为暂定）重新启动 softenv serve（见 docs/calendar.md）"
    )
    asked = [("query.year", request.query_params.get("year", "")), ("path.month", request.path_params.get("month"))]
    for place, text in asked:
        year = str(text or "")[:4]
        # isascii: isdigit() also takes ² and ③, which int() refuses (attacker x60 01).
        if year.isascii() and year.isdigit() and int(year) <= exc.year <= int(year) + 1:
            return InputProblem(place, message, None, zh)
    return InputProblem("", message, None, zh)


def no_route(scope: Scope, encoded_slash: bool = False) -> Problem:
    """The 404 of a path that is no route, with its one problem and its Chinese, as every other
    problem has them (integrator i40: a platform showing ``details[i].zh`` showed nothing)."""
    where = request_instance(scope)
    why = "（路径段中编码的斜杠 %2F 不是分隔符）" if encoded_slash else "（/openapi.json 列出各路径；路径末尾不加斜杠）"
    problem = InputProblem("", f"no route {where}", None, f"没有这个路径：{where}{why}")
    return Problem(404, "not-found", "Not found", problem.message, [problem])


def busy(in_flight: int, retry_after: int) -> Problem:
    """The 503 of a worker past its in-flight limit; ``Retry-After`` says when to try again."""
    message = f"{in_flight} requests in flight; retry shortly"
    zh = f"服务繁忙：正在处理 {in_flight} 个请求；请在 {retry_after} 秒后重试（见 Retry-After 响应头）"
    problem = Problem(503, "busy", "Service busy", message, [InputProblem("", message, None, zh)])
    problem.headers["Retry-After"] = str(retry_after)
    return problem


def beyond_loopback(host: str) -> Problem:
    """The 401 of a service without keys to a client not on its own machine (``host``, its
    address as the ASGI server gives it): without keys the service answers loopback only, the
    city office's view, as ``softenv serve`` binds it (attacker x71 01); beyond it a caller needs
    a key, which the operator gives once the service has keys. The same type and challenge as a
    request without a key: what the client must do is the same."""
    shown = repr(host[:64])  # the server's text (a forwarded header's, behind a proxy): bounded
    message = (
        f"this service has no keys and answers its own machine (loopback) only, not {shown}: "
        "its operator gives other machines keys (softenv serve --keys FILE)"
    )
    zh = (
        f"本服务未配置密钥，只应答本机（环回地址）的请求，不应答 {shown}；"
        "其他机器须由服务的管理员配置密钥（softenv serve --keys 文件）后凭密钥访问"
    )
    detail = InputProblem("header.authorization", message, None, zh)
    problem = Problem(401, "unauthorized", "Unauthorized", message, [detail])
    problem.headers["WWW-Authenticate"] = 'Bearer realm="softenv"'
    return problem


def internal_error() -> Problem:
    """The 500 of a fault of the service's own: the caller gets no internals (no path, no
    reason), and the service's log has what happened."""
    message = "an unexpected error; the service log has it"
    zh = "服务出现意外错误，未能作答；详情在服务日志中，请告知服务的管理员"
    problem = InputProblem("", message, None, zh)
    return Problem(500, "internal", "Internal error", message, [problem])


async def _unexpected(request: Request, exc: Exception) -> Response:
    # Starlette logs the traceback itself; the caller gets no internals.
    return internal_error().response(request.scope)


async def _not_found(request: Request, exc: Exception) -> Response:
    return no_route(request.scope).response(request.scope)


async def _not_allowed(request: Request, exc: Exception) -> Response:
    where = request_instance(request.scope)
    # RFC 9110: a 405 lists the methods the route answers; Starlette's exception carries them,
    # in the order of a set (it varies between runs): sorted, so that the answer does not.
    allow = (getattr(exc, "headers", None) or {}).get("Allow")
    methods = ", ".join(sorted(m.strip() for m in allow.split(","))) if allow else ""
    message = f"{request.method} is not answered on {where}" + (f"; the route answers {methods}" if methods else "")
    listed = methods.replace(", ", "、")
    zh = f"路径 {where} 不接受 {request.method} 请求" + (f"；可用的方法：{listed}（见 Allow 响应头）" if listed else "")
    detail = InputProblem("", message, None, zh)
    problem = Problem(405, "method-not-allowed", "Method not allowed", f"{request.method} {where}", [detail])
    if methods:
        problem.headers["Allow"] = methods
    return problem.response(request.scope)


#: Starlette's exception handlers of the application: what each error is answered with.
EXCEPTION_HANDLERS: dict[Any, Any] = {
    Problem: _handled,
    SoftenvError: _handled,
    404: _not_found,
    405: _not_allowed,
    Exception: _unexpected,
}

__all__ = [
    "EXCEPTION_HANDLERS",
    "PROBLEMS_LISTED",
    "QUOTED_SHOWN",
    "TEXT_SHOWN",
    "Problem",
    "beyond_loopback",
    "bounded",
    "busy",
    "instance_reference",
    "internal_error",
    "invalid_input",
    "listed_warnings",
    "no_route",
    "query_detail",
    "query_problem",
    "request_instance",
]
