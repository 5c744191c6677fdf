"""A request's inputs: the dataset body, the query's names and the year, month and county
parameters, or a 422 problem naming them."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection

import attrs
from starlette.requests import Request

from softenv_core._validators import ID_PATTERN
from softenv_core.analyses.audiences import Audience
from softenv_core.analyses.county_names import audience_county_name
from softenv_core.analyses.trends import FIRST_REPORT_MONTH
from softenv_core.engine.parameters import baseline_parameters
from softenv_core.errors import FieldInvalid, InputError, InputProblem, ParameterMissing
from softenv_core.io.dataset_files import loads_dataset
from softenv_core.model.dataset import Dataset
from softenv_core.model.periods import Month
from softenv_core.rules.city.compliance import first_year_in_force, year_in_force
from softenv_core.service.keys import CallerKey
from softenv_core.service.openapi import query_choices, query_names
from softenv_core.service.openapi_params import SPACED_CODE_PATTERN
from softenv_core.service.problems import PROBLEMS_LISTED, Problem, invalid_input, query_detail, query_problem

#: The library's years (model.periods: Month and the dates a dataset holds), as the CLI's --year.
YEARS = (1900, 2999)


#: An empty body is the request's, not a file's (the loader says "the file is empty": i36).
EMPTY_BODY = InputProblem(
    "$",
    "the request body is empty: send the dataset document (JSON) as the body",
    None,
    "请求体为空：请把数据集文档（JSON）作为请求体发送",
)


def read_dataset(body: bytes) -> Dataset:
    """The dataset a request's body holds, else InputError (``$``: an empty body said so) with
    the first :data:`PROBLEMS_LISTED` problems and one more counting the rest, the check stopped
    past them (a 900 KB body of empty points took 73 s and was answered with 391 MB: i52 01)."""
    if not body or body.isspace():  # isspace stops at the first other byte: no copy of the body
        raise InputError([EMPTY_BODY])
    return loads_dataset(body, max_problems=PROBLEMS_LISTED)


def load_body(body: bytes, whole: bool = True) -> Dataset:
    """The dataset of ``body``, else the 422 problem listing what is wrong with it: for a caller
    not allowed the city office's view (``whole`` false), without the complaints' (x51 06)."""
    try:
        return read_dataset(body)
    except InputError as exc:
        raise invalid_input(exc if whole else InputError(outside_city(list(exc.details)))) from None


#: Where a dataset's problems and warnings name what only the city office may read: a complaint
#: with its point (who complained, 直接反馈), a rating with its rater (who rated whom, 万人评议).
WITHHELD = {
    "$.complaints": ("direct feedback (直接反馈)", "they name who complained", "直接反馈", "指明反映人"),
    "$.ratings": ("the ratings (万人评议)", "they name who rated", "万人评议评分", "指明评议人"),
}


def _under(path: str) -> str | None:
    return next((p for p in WITHHELD if path.startswith(p)), None)


def outside_city(found: list[InputProblem]) -> list[InputProblem]:
    """``found`` (an invalid dataset's problems) as a caller not allowed the city office's view is
    told them: those under :data:`WITHHELD`'s paths counted, not shown (none of them depends on
    which of the roster's points complained; warnings are not even counted: outside_city_lines).
    ``POST /v1/validate`` answered any key with every warning: a complaint received outside its
    point's designation, with its id and that point (x51 06). The count stands where the first of them stood, so the
    answer keeps the document order it promises (it came last, after ``$.appraisal_rounds``' and
    ``$.roster_changes``' problems: integrator i46 02)."""
    under = [_under(p.path) for p in found]
    counted = _withheld(Counter(path for path in under if path is not None))
    out: list[InputProblem] = []
    for problem, path in zip(found, under, strict=True):
        if path is None:
            out.append(problem)
        elif path in counted:  # the count, at the first withheld problem's place
            out.append(counted.pop(path))
    return out


def outside_city_lines(lines: list[str], present: Collection[str]) -> list[str]:
    """A dataset's warnings (``$.path: message`` lines) as a caller not allowed the city office's
    view is told them: those under :data:`WITHHELD`'s paths left out, not counted. A count told
    who complained: a complaint is warned of when it falls outside *its point's* designation, so
    with one point's designation ended in the month, ``$.complaints: 1 more`` said that point had
    complained, and nothing said another point had (attacker x52 01). In their place, for each
    such path whose collection the dataset holds (``present``: ``$.complaints``, ``$.ratings``),
    one line that says the same whether or not any warning was withheld, at one place: before the
    first warning about a later collection of the document (integrator i46 02's order)."""
    kept = [line for line in lines if _under(line) is None]
    for path in (p for p in WITHHELD if p in present):
        what, why = WITHHELD[path][:2]
        rank = _ORDER.index(path.removeprefix("$."))
        at = next((i for i, line in enumerate(kept) if _rank(line) > rank), len(kept))
        kept.insert(at, f"{path}: any warnings about {what} are withheld, and so is how many: {why}; {_CITY_READS}")
    return kept


def held_by(dataset: Dataset) -> set[str]:
    """The :data:`WITHHELD` paths whose collection ``dataset`` holds records in."""
    return {p for p in WITHHELD if getattr(dataset, p.removeprefix("$."))}


_CITY_READS = "a key allowed audience city reads them"
#: The dataset's collections in document order, for where a withheld path's line stands.
_ORDER = [f.name for f in attrs.fields(Dataset)]


def _rank(line: str) -> int:
    found = re.match(r"\$\.([a-z_]+)", line)
    return _ORDER.index(found[1]) if found and found[1] in _ORDER else len(_ORDER)  # none: last


def _withheld(sizes: Counter[str]) -> dict[str, InputProblem]:
    out: dict[str, InputProblem] = {}
    for path, (what, why, what_zh, why_zh) in WITHHELD.items():
        if n := sizes.get(path, 0):
            en = f"{n} more about {what}, withheld: {why}; a key allowed audience city reads them"
            zh = f"另有{n}条关于{what_zh}的内容不列出（其中{why_zh}），请用可请求市软建办阅读范围（city）的密钥查看"
            out[path] = InputProblem(path, en, None, zh)
    return out


def audience_required(key: CallerKey) -> tuple[str, str]:
    """What a key allowed several audiences that names none (``audience`` missing or empty) is
    told, (English, Chinese): the audiences it may request, never the widest by default
    (docs/privacy.md)."""
    return (
        f"required: key {key.id!r} may request {', '.join(key.audiences)}; name one",
        f"必须给出：密钥 {key.id!r} 可请求 {'、'.join(key.audiences)}，请用 audience= 指定其一",
    )


#: ``county:`` and a code with spaces around it (a form field's trailing space), as ASCII.
_SPACED_CODE = re.compile(SPACED_CODE_PATTERN.replace("[0-9]{6}", "([0-9]{6})"))


def query_audience(text: str | None) -> str | None:
    """The ``audience`` query value with spaces around a county code dropped, as spaces around
    a county's name are (``county:379902 `` was refused, ``county:青山县 `` resolved: integrator
    i51 04); any other value as given."""
    if text is not None and (m := _SPACED_CODE.fullmatch(text)) is not None:
        return f"county:{m[1]}"
    return text


#: Unknown query parameters listed one problem each; past them one problem counts the rest.
UNKNOWN_LISTED = 20


def _unknown(method: str, path: str, name: str, allowed: Collection[str]) -> InputProblem:
    takes = ", ".join(sorted(allowed)) or "no query parameters"
    takes_zh = "、".join(sorted(allowed)) or "无查询参数"
    en = f"unknown parameter; {method} {path} takes {takes}"
    return query_detail(name, en, f"未知的参数；{method} {path} 可用：{takes_zh}")


def check_query(request: Request, path: str, key: CallerKey | None = None) -> None:
    """Refuse a query parameter the operation at route ``path`` does not take, or one given twice.
    ``key``: the caller's, whose audiences an empty ``audience=`` is told (:func:`audience_required`).

    Silently ignored names fail open: a misspelt ``audiences=`` or an ``audience=`` appended to a
    URL that had one would give another view than the caller meant. The names come from the
    OpenAPI table, so the document and the server agree.
    """
    allowed = query_names(path, request.method) or frozenset()
    problems: list[InputProblem] = []
    seen: set[str] = set()
    unknown = 0
    for name, _ in request.query_params.multi_items():
        if name in seen:
            if name in allowed:
                problems.append(query_detail(name, "given twice; give it once", "重复给出；只给一次"))
        elif name == "as_of":
            en = (
                "not supported: the service answers as of the year's assessment instant "
                "(docs/privacy.md); the softenv command takes --as-of"
            )
            zh = "不支持：服务按该年度的考核时点作答（docs/privacy.md）；softenv 命令可用 --as-of"
            problems.append(query_detail(name, en, zh))
        elif name not in allowed:
            unknown += 1
            if unknown <= UNKNOWN_LISTED:
                problems.append(_unknown(request.method, path, name, allowed))
        seen.add(name)
    if unknown > UNKNOWN_LISTED:  # 3,000 unknown names made 781 KB of problems (integrator i51 04)
        more = unknown - UNKNOWN_LISTED
        en = f"{more} more unknown parameters not listed (the first {UNKNOWN_LISTED} are)"
        problems.append(
            InputProblem("query", en, None, f"另有 {more} 个未知的参数未列出（只列出前 {UNKNOWN_LISTED} 个）")
        )
    # The values the query's own syntax settles come in the same answer: every problem at once,
    # not one per round trip (the operations check them again, with the dataset, afterwards).
    year = request.query_params.get("year")
    if "year" in allowed and year is not None and (wrong := _year_problem(year)) is not None:
        problems.append(query_detail("year", *wrong))
    for name, choices in query_choices(path, request.method).items():  # format, lang (platform t8 08)
        value = request.query_params.get(name)
        if value is not None and value not in choices:
            en = f"expected {', '.join(choices[:-1])} or {choices[-1]}, got {value!r:.40}"
            problems.append(query_detail(name, en, f"应为 {'、'.join(choices)} 之一，现为 {value!r:.40}"))
    audience = query_audience(request.query_params.get("audience"))
    # A county's name (county:青山县) is resolved with the dataset, after the body is read. An
    # empty one from a key allowed several is told as a missing one (i48: it got the parser's words).
    if "audience" in allowed and audience == "" and key is not None and len(key.audiences) > 1:
        problems.append(query_detail("audience", *audience_required(key)))
    elif "audience" in allowed and audience is not None and audience_county_name(audience) is None:
        try:
            Audience.parse(audience)
        except FieldInvalid as exc:  # its message, without the field: the path names it
            problems.append(query_detail("audience", exc.message, audience_zh(audience)))
    if problems:
        first = problems[0].text.removeprefix("query.")
        raise Problem(422, "invalid-parameter", "Invalid parameter", first, problems)


def audience_zh(text: str) -> str:
    """The Chinese of an ``audience=`` the parser refuses (the CLI's --audience words, full-width)."""
    return (
        f"阅读范围 {_shown(text)} 的写法不对；应为 city、public、county:CODE（县区代码）、"
        f"department:ID（部门编号）或 point:ID（监测点编号）"
    )


def _year_problem(text: str) -> tuple[str, str] | None:
    """Why ``text`` is no year the library holds, in English and in Chinese; None when it is one."""
    low, high = YEARS
    # Four digits are read: a longer run is no year (and past 4,300 digits int() itself
    # refuses, which escaped as a 500; platform t8 05). The value is quoted shortened.
    if len(text) == 4 and text.isascii() and text.isdigit() and low <= int(text) <= high:
        return None
    shown = _shown(text)
    return f"expected a year {low}-{high}, got {shown}", f"应为 {low}–{high} 之间的年份，现为 {shown}"


def _shown(text: str) -> str:
    """A typed value quoted, shortened past 20 characters."""
    return repr(text) if len(text) <= 20 else f"{text[:20]!r}… ({len(text)} characters)"


def year_param(request: Request, required: bool = True, default: int = 2025) -> int:
    text = request.query_params.get("year")
    if text is None:
        if required:
            raise query_problem("year", "required (e.g. year=2025)", "必须给出（如 year=2025）")
        return default
    wrong = _year_problem(text)
    if wrong is not None:
        raise query_problem("year", *wrong)
    return int(text)


def assessed_year(request: Request) -> int:
    """The year of an assessment: the library's years but the last, whose December report
    falls due in the year after it, which no record can hold."""
    year = year_param(request)
    if year == YEARS[1]:
        message = f"{year}: its December report falls due in {year + 1}, past the years the records hold"
        zh = f"{year} 年 12 月的月报在 {year + 1} 年截止，超出记录所能容纳的年份（1900–2999 年）"
        raise Problem(422, "cannot-answer", "Cannot answer", message, [InputProblem("query.year", message, None, zh)])
    return year


def owed_year(request: Request, nothing: tuple[str, str], detail_in_chinese: bool = False) -> int:
    """:func:`assessed_year`, and one the city baseline owes a month of, else a 422
    ``cannot-answer`` problem on ``query.year`` naming the years answered: before the baseline
    there is ``nothing`` (English, Chinese) to give, e.g. no year end (``year_end`` refuses the
    year, which the service used to pass on with no parameter named). Decided before the body
    is read: it depends on the year and the baseline alone."""
    year = assessed_year(request)
    params = baseline_parameters()
    if year_in_force(year, params):
        return year
    since, first, last = params.since("report.due_day"), first_year_in_force(params), YEARS[1] - 1
    en = (
        f"{year}: no month of {year} is owed: the programme's baseline is not in force in it (from {since}); "
        f"{nothing[0]}: give a year from {first} to {last}"
    )
    zh = f"{year} 年不在基线施行期内（基线自 {since} 施行），没有应报月份，{nothing[1]}：可查询 {first}–{last} 年"
    problem = InputProblem("query.year", en, None, zh)
    raise Problem(422, "cannot-answer", "Cannot answer", zh if detail_in_chinese else en, [problem])


def no_rules_problem(year: int, exc: ParameterMissing) -> Problem:
    """The 422 on ``query.year`` of a plugin listing for a year before the rules are in force,
    with the years that have them, in the words of ``softenv plugins``."""
    params = baseline_parameters()
    since, first, last = params.since("report.due_day"), first_year_in_force(params), YEARS[1]
    en = f"{year}: no rules in force to list ({exc}); give a year from {first} to {last}"
    zh = f"{year}: 该年不在基线施行期内，没有施行中的规则可列出（基线自 {since} 施行）：可查询 {first}–{last} 年"
    return Problem(
        422, "invalid-parameter", "Invalid parameter", f"year: {en}", [InputProblem("query.year", en, None, zh)]
    )


#: The first month a monthly report answers for (analyses/trends.FIRST_REPORT_MONTH): 1900-02 to
#: 1901-01 were promised by the pattern and refused with a 422 at no path (integrator i51 02). A
#: deadline needs only the month after.
REPORT_FIRST_MONTH = FIRST_REPORT_MONTH
#: The first month any other path month may be: its month before must exist.
FIRST_MONTH = Month(1900, 2)


def month_param(text: str, first: Month = FIRST_MONTH) -> Month:
    """``text`` as the path's month, from ``first`` to 2999-11 (its deadline falls in the month
    after), else the 422 on ``path.month`` saying the range in English and Chinese."""
    try:
        month = Month.parse(text)
        # A report looks at the month before (trends) and its deadline falls in the month
        # after; both must be within the model's years 1900-2999.
        if not (first <= month <= Month(2999, 11)):
            raise ValueError(f"{text}: expected a month from {first} to 2999-11")
    except ValueError as exc:
        said = exc.message if isinstance(exc, FieldInvalid) else str(exc)  # not parse's argument name
        zh = f"应为 {first} 至 2999-11 之间的月份，写作 YYYY-MM（如 2025-03），现为 {_shown(text)}"
        problem = InputProblem("path.month", said, None, zh)
        raise Problem(422, "invalid-parameter", "Invalid parameter", f"month: {said}", [problem]) from None
    return month


def explained(point: str | None, county: str | None) -> tuple[str | None, str | None]:
    """``explain``'s ``point`` and ``county``, exactly one given, each of the form /openapi.json
    gives it (an id, six digits), else a 422 problem on ``query.NAME``, before the body is read.
    A malformed one was read with the body, assessed and answered 404 ``no county '37990' in
    the dataset`` (integrator i44), where ``deadlines`` refuses the same code on ``path.county``."""
    if (point is None) == (county is None):
        raise query_problem(
            "point", "give exactly one of point=ID and county=CODE", "point=监测点编号 与 county=县区代码 只给其一"
        )
    for name, value in (("point", point), ("county", county)):
        if value is not None and not value.strip():  # point= explained county None (platform t8 02)
            raise query_problem(name, "must not be empty", "不能为空")
    if county is not None and (wrong := _not_a_county_code(county)) is not None:
        raise query_problem("county", *wrong)
    if point is not None and re.fullmatch(ID_PATTERN, point, re.ASCII) is None:
        raise query_problem(
            "point",
            # Shortened as every other value of the query is (_shown); it was repeated whole (x71).
            f"expected a point id (1-64 of A-Z a-z 0-9 _ . : -, starting with a letter or digit), got {_shown(point)}",
            f"应为监测点编号（1–64 个字母、数字或 _ . : -，以字母或数字开头），现为 {_shown(point)}",
        )
    return point, county


def county_param(code: str) -> str:
    """A county code from the path: six digits (GB/T 2260), or a 422 problem."""
    wrong = _not_a_county_code(code)
    if wrong is not None:
        en, zh = wrong
        detail = InputProblem("path.county", en, None, zh)
        raise Problem(422, "invalid-parameter", "Invalid parameter", f"county: {en}", [detail])
    return code


def _not_a_county_code(code: str) -> tuple[str, str] | None:
    """Why ``code`` is no county code (six ASCII digits, GB/T 2260), in English and Chinese, for
    the path's ``county`` and explain's ``county=`` alike; None when it is one."""
    if len(code) == 6 and code.isascii() and code.isdigit():
        return None
    return (
        f"expected a six-digit GB/T 2260 code, got {_shown(code)}",
        f"应为六位数字的县区代码（GB/T 2260），现为 {_shown(code)}",
    )


__all__ = [
    "REPORT_FIRST_MONTH",
    "YEARS",
    "assessed_year",
    "audience_required",
    "audience_zh",
    "check_query",
    "county_param",
    "explained",
    "held_by",
    "load_body",
    "month_param",
    "no_rules_problem",
    "owed_year",
    "read_dataset",
    "year_param",
]
