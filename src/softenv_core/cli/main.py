"""The ``softenv`` command: a thin face over the Python API.

Exit codes: 0 success, 1 invalid input or a rule error (a clear message, no traceback),
2 usage error. Outputs are written atomically; input files are never modified. This module
holds the parser and imports nothing of the library until a command runs (commands.py).
"""

from __future__ import annotations

import argparse
import functools
import re
import sys
import unicodedata
from collections.abc import Callable, Sequence
from typing import NoReturn

from softenv_core._version import core_version
from softenv_core.errors import SoftenvError


def _typed(text: str) -> str:
    """A number or month as typed at the terminal: NFKC, so that the full-width digits a Chinese
    input method gives (２０２５) read as ASCII for --year and --month alike (platform t8 07)."""
    return unicodedata.normalize("NFKC", text).strip()


def _whole(text: str, low: int, high: int, what: str, example: int) -> int:
    """A whole number from ``low`` to ``high``, else a usage error saying what was expected."""
    try:
        if not (typed := _typed(text)).isascii():  # int() took Arabic-Indic or other digits too
            raise ValueError(text)
        n = int(typed)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected a {what} such as {example}, got {text!r} (应为整数, 如 {example})"
        ) from None
    if not low <= n <= high:
        raise argparse.ArgumentTypeError(f"{what} {n} is out of range ({low}-{high}) (应在 {low}-{high} 之间)")
    return n


def _named(what: str, zh: str) -> Callable[[str], str]:
    """An id argument that names something: an empty one (``--point ""``) is a usage error,
    not a search for no one (platform t8 02: it explained county None)."""

    def named(text: str) -> str:
        if not text.strip():
            raise argparse.ArgumentTypeError(f"expected a {what}, got an empty text ({zh}不能为空)")
        return text

    return named


def _year(text: str) -> int:
    """``--year``: a year the programme's records can hold (1900-2999), else a usage error."""
    return _whole(text, 1900, 2999, "year", 2025)


def _examples(text: str) -> int:
    """``--examples``: how many generated datasets the conformance kit tries per plugin (1-1000):
    the bound on ``plugins --check``'s time (default testing.plugin_check.KIT_EXAMPLES)."""
    return _whole(text, 1, 1000, "number of datasets", 10)


#: The months a --month argument may name: a report looks at the month before and the
#: deadline at the month after, and both must be within the years the records can hold.
MONTHS = ("1900-02", "2999-11")


def _month(text: str) -> str:
    """``--month``: YYYY-MM within :data:`MONTHS`, else a usage error (exit 2) in one line."""
    # Parsed before --lang is known: each message carries its Chinese too (clerk finding 07).
    # 2025年3月 is how a clerk writes a month (and how a workbook cell may hold it): taken as is.
    typed = _typed(text)
    zh_month = re.fullmatch(r"([0-9]{4})年([0-9]{1,2})月", typed)
    m = zh_month or re.fullmatch(r"([0-9]{4})-([0-9]{1,2})", typed)  # [0-9]: \d takes any digits
    # Chinese first, the English after it (docs/cli.md; tester t11 09): see _Parser.error.
    if m is None:
        raise argparse.ArgumentTypeError(
            f"月份请写成 2025-03 或 2025年3月,而不是 {text!r}"
            f" (expected a month as YYYY-MM such as 2025-03, got {text!r})"
        )
    year, month = int(m[1]), int(m[2])
    if len(m[2]) == 1 and zh_month is None:
        raise argparse.ArgumentTypeError(
            f"月份写两位:{year:04d}-{month:02d},而不是 {text!r}"
            f" (write the month with two digits: {year:04d}-{month:02d}, not {text!r})"
        )
    if not 1 <= month <= 12:
        raise argparse.ArgumentTypeError(
            f"没有第 {month} 月,月份为 01 至 12 ({text!r}: there is no month {month} (01-12))"
        )
    if not MONTHS[0] <= f"{year:04d}-{month:02d}" <= MONTHS[1]:
        raise argparse.ArgumentTypeError(
            f"月份应在 {MONTHS[0]} 至 {MONTHS[1]} 之间"
            f" (month {text} is out of the supported range {MONTHS[0]} to {MONTHS[1]})"
        )
    return f"{year:04d}-{month:02d}"


#: argparse's own errors in Chinese, the English kept after them (a clerk reads the first,
#: a script or a search engine the second).
_ARGPARSE_ZH = (
    (re.compile(r"^the following arguments are required: (.*)$"), "缺少必需的参数 {0}"),
    (re.compile(r"^unrecognized arguments: (.*)$"), "无法识别的参数 {0}"),
    (
        re.compile(r"^argument (\S+): invalid choice: (.*) \(choose from (.*)\)$"),
        "参数 {0} 的值 {1} 不在可选范围内(可选: {2})",
    ),
    (re.compile(r"^argument (\S+): expected one argument$"), "参数 {0} 后面要给一个值"),
    (re.compile(r"^argument (\S+): invalid (\S+) value: (.*)$"), "参数 {0} 的值 {2} 无效"),
)


#: An argument's own message said Chinese first (``中文 (English)``, as _month raises them):
#: argparse's English "argument --month:" goes with the English, after the Chinese.
_ZH_FIRST = re.compile(r"^argument (\S+): ([^\x00-\x7f][^(]*?) \((.*)\)$", re.DOTALL)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        if m := _ZH_FIRST.match(message):
            message = f"参数 {m[1]}: {m[2]} (argument {m[1]}: {m[3]})"
        for pattern, zh in _ARGPARSE_ZH:
            m = pattern.match(message)
            if m:
                message = f"{zh.format(*m.groups())} ({message})"
                break
        self.exit(2, f"{self.prog}: error: {message}\n")


def _common() -> _Parser:
    """The options every command shares, as a new parser each time: a command that narrows or
    widens --format changes its own copy, never the other commands' (argparse shares a parent's
    actions among its children)."""
    common = _Parser(add_help=False)
    common.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    common.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of documents (default zh)")
    common.add_argument("--calendar", metavar="FILE", help="official arrangements for years chinesecalendar lacks")
    common.add_argument(
        "--provisional",
        action="store_true",
        help="allow a weekends-only calendar for unknown years (results marked provisional)",
    )
    return common


def build_parser() -> argparse.ArgumentParser:
    common = _common()
    parser = _Parser(prog="softenv", description="软环境建设监测点: validate, assess and explain a city's records.")
    parser.add_argument("--version", action="version", version=f"softenv-core {core_version()}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    _add_data_commands(sub, common)
    _add_result_commands(sub)
    _add_office_commands(sub, common)
    _add_plugin_commands(sub)
    _add_service_commands(sub)
    return parser


def _add_data_commands(sub: argparse._SubParsersAction[_Parser], common: _Parser) -> None:
    """demo, init, import, export and validate: making and checking dataset files."""
    p = sub.add_parser("demo", parents=[common], help="演示: build the demo city, validate it and assess its year")
    p.add_argument("--year", type=_year, default=2025)
    p.add_argument("--seed", type=int, default=20220301)
    p.add_argument(
        "--out", metavar="DIR", help="write dataset.json, assessment.json, summary.txt, reports/, yearend.* here"
    )
    p.set_defaults(func="cmd_demo")

    p = sub.add_parser(
        "init", help="新建: a starter workbook 软环境监测点.xlsx and 示例数据.json, one example of every record"
    )
    p.add_argument("dir", nargs="?", default=".", metavar="DIR")
    p.add_argument("--force", action="store_true", help="replace the files if they exist")
    p.set_defaults(func="cmd_init")

    p = sub.add_parser(
        "import", parents=[common], help="导入工作簿: office workbooks (one per county) into one dataset file"
    )
    p.add_argument("books", nargs="+", metavar="BOOK.xlsx")
    p.add_argument("--into", metavar="FILE", help="add the workbooks' records to this existing dataset")
    _add_out(p, "the dataset file to write (default: the --into file)")
    p.add_argument("--force", action="store_true", help="replace the --out file if it exists")
    p.set_defaults(func="cmd_import")

    p = sub.add_parser(
        "export", parents=[common], help="导出工作簿: a dataset as the office workbook (the city office's whole data)"
    )
    p.add_argument("file")
    _add_out(p, "the workbook to write", required=True)
    p.set_defaults(func="cmd_export")

    p = sub.add_parser(
        "validate", parents=[common], help="检查数据: check a dataset file; every problem as $.path: message"
    )
    p.add_argument("file")
    p.set_defaults(func="cmd_validate")
    _add_out(p)


def _add_as_of(p: argparse.ArgumentParser) -> None:
    """``--as-of`` of assess and explain (parsed by cli.common.as_of_arg when the command runs)."""
    p.add_argument("--as-of", help="the instant assessed, ISO 8601 with offset (default: after the last deadline)")


def _add_result_commands(sub: argparse._SubParsersAction[_Parser]) -> None:
    """assess, report and yearend: the results, each with its own --format choices."""
    p = sub.add_parser("assess", parents=[_common()], help="年度考核: assess a year: counties and points")
    p.add_argument("file")
    p.add_argument("--year", type=_year, required=True)
    _add_as_of(p)
    _add_audience(p)
    p.set_defaults(func="cmd_assess")
    p._option_string_actions["--format"].choices = ("text", "json", "csv", "xlsx")
    p.add_argument("--table", choices=("points", "counties"), default="points", help="the table of --format csv")
    _add_out(p)

    p = sub.add_parser(
        "report",
        parents=[_common()],
        help="月度监测报告: the monthly monitoring report as Markdown, JSON or Word (docx)",
    )
    p.add_argument("file")
    p.add_argument("--month", type=_month, required=True, metavar="YYYY-MM")
    _add_audience(p)
    p.set_defaults(func="cmd_report")
    p._option_string_actions["--format"].choices = ("text", "json", "docx")
    _add_out(p)

    p = sub.add_parser(
        "yearend",
        parents=[_common()],
        help="年终工作: 万人评议 results, roster gaps, adjustment, filings, commendation, topics",
    )
    p.add_argument("file")
    p.add_argument("--year", type=_year, required=True)
    p.add_argument(
        "--as-of",
        help="the instant the year end speaks for, ISO 8601 with offset (default: after the last deadline); "
        "records dated later are not read",
    )
    _add_audience(p)
    p.set_defaults(func="cmd_yearend")
    p._option_string_actions["--format"].choices = ("text", "json", "xlsx")
    _add_out(p)


def _add_office_commands(sub: argparse._SubParsersAction[_Parser], common: _Parser) -> None:
    """explain and deadline: the office's questions about one score or one report."""
    p = sub.add_parser(
        "explain", parents=[common], help="得分说明: every item and condition behind a score or decision"
    )
    p.add_argument("file")
    p.add_argument("--year", type=_year, required=True)
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("--point", metavar="ID", type=_named("point id", "监测点编号"))
    who.add_argument("--county", metavar="CODE", type=_named("county code", "县区代码"))
    _add_as_of(p)  # assess's: a figure of `assess --as-of` is explained at the same instant
    _add_audience(p)
    p.set_defaults(func="cmd_explain")
    _add_out(p)

    p = sub.add_parser("deadline", parents=[common], help="月报截止: the due moment of a monthly report, and why")
    p.add_argument("--month", type=_month, required=True, metavar="YYYY-MM")
    p.add_argument("--county", metavar="CODE", help="a county code (its plugin's deadline applies)")
    p.add_argument("--dataset", metavar="FILE", help="take the county from this dataset")
    p.set_defaults(func="cmd_deadline")
    _add_out(p)


def _add_plugin_commands(sub: argparse._SubParsersAction[_Parser]) -> None:
    """plugins and plugin new: the loaded plugins, and a new one's scaffold."""
    p = sub.add_parser(
        "plugins", parents=[_common()], help="县区插件: the loaded plugins: name, version, county, hooks, rules"
    )
    p.add_argument("--year", type=_year, default=2025, help="the year whose rules to list")
    p.set_defaults(func="cmd_plugins")
    _add_out(p)
    p._option_string_actions["--format"].choices = ("text", "json", "csv")
    p.add_argument(
        "--check",
        action="store_true",
        help="try every plugin's hooks against the city, then every check of the conformance kit; exit 1 on a fault",
    )
    p.add_argument(
        "--examples",
        type=_examples,
        default=10,  # plugin_check.KIT_EXAMPLES, not imported: the parser loads no library (a test checks)
        metavar="N",
        help="--check: generated datasets per plugin for the conformance kit (default 10, about 2 s a plugin)",
    )

    p = sub.add_parser("plugin", help="编写插件: write a county plugin: softenv plugin new --county CODE --name NAME")
    plugin = p.add_subparsers(dest="plugin_command", required=True, parser_class=_Parser)
    k = plugin.add_parser("new", help="scaffold a county plugin distribution (docs/writing-a-county-plugin.md)")
    k.add_argument("--county", required=True, metavar="CODE", help="the county's six-digit code")
    k.add_argument("--name", required=True, help="the plugin's name (a Python name: softenv_county_NAME)")
    k.add_argument(
        "--county-name", metavar="中文名", help="the county's name in its documents (青山县; default XX县 to fill in)"
    )
    k.add_argument("--dir", metavar="DIR", help="the folder to write (default ./softenv-county-NAME)")
    k.add_argument(
        "--layout", choices=("workspace", "standalone"), help="default: workspace under this repo's plugins/"
    )
    k.add_argument("--core", metavar="PATH|URL", help="standalone: softenv-core's checkout path or git URL")
    k.set_defaults(func="cmd_plugin_new")


def _add_service_commands(sub: argparse._SubParsersAction[_Parser]) -> None:
    """schema, serve and keys: what an integrator calls."""
    p = sub.add_parser("schema", help="the JSON Schema (draft 2020-12) of a document softenv reads or writes")
    p.add_argument("document", choices=("dataset", "calendar", "assessment", "report", "yearend"))
    p.set_defaults(func="cmd_schema")
    _add_out(p, "write the schema here instead of printing it")

    p = sub.add_parser("serve", help="the HTTP API (needs the [service] extra); see docs/integration.md")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1; others need --keys)")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--keys", metavar="FILE", help="callers' keys (softenv keys add); without it only the city's view")
    p.add_argument("--max-body-mb", type=float, default=50.0, help="largest request body accepted (default 50)")
    p.add_argument("--max-in-flight", type=int, default=4, help="requests answered at once; past it 503")
    p.add_argument(
        "--body-timeout", type=float, help="seconds a request body may take to arrive; past it 408 (default 30)"
    )
    p.add_argument("--max-connections", type=int, help="connections a worker keeps open; past it 503 (default 256)")
    p.add_argument("--workers", type=int, default=1, help="worker processes (one per core for throughput)")
    p.add_argument(
        "--analyses-at-once", type=int, default=1, help="analyses a worker runs at once; the rest wait (default 1)"
    )
    p.add_argument("--calendar", metavar="FILE", help="official arrangements for years chinesecalendar lacks")
    p.add_argument("--provisional", action="store_true", help="allow a weekends-only calendar for unknown years")
    p.set_defaults(func="cmd_serve")

    p = sub.add_parser("keys", help="manage the callers' keys of softenv serve --keys FILE")
    keys = p.add_subparsers(dest="keys_command", required=True, parser_class=_Parser)
    k = keys.add_parser("add", help="add a caller's key and print it (once: only its hash is kept)")
    k.add_argument("--keys", metavar="FILE", required=True)
    k.add_argument("id", help="the caller's id, named in the access log (a-z, 0-9, _ and -)")
    k.add_argument("--audience", action="append", required=True, metavar="WHO", help="city, county:CODE, …")
    k.add_argument("--note", help="who the caller is")
    k.set_defaults(func="cmd_keys_add")
    k = keys.add_parser("revoke", help="remove a caller's key (a running service reads the file at start)")
    k.add_argument("--keys", metavar="FILE", required=True)
    k.add_argument("id")
    k.set_defaults(func="cmd_keys_revoke")


def _add_audience(p: argparse.ArgumentParser) -> None:
    # The CLI's users are the city office: its complete view is the default (docs/privacy.md).
    p.add_argument(
        "--audience",
        default="city",
        metavar="WHO",
        help="city (default: complete, names complainants), county:CODE, department:ID, point:ID or public; "
        "decides what is shown in every format",
    )


def _add_out(p: argparse.ArgumentParser, text: str = "write the output to FILE (atomically)", **kw: bool) -> None:
    # Another change may give every command --out: add it only where it is not there yet.
    if "--out" not in p._option_string_actions:
        p.add_argument("--out", metavar="FILE", help=text, **kw)  # type: ignore[arg-type]
    p.set_defaults(out_is_file=True)


@functools.cache
def _parser() -> argparse.ArgumentParser:
    """The parser ``main`` reads arguments with, built once per process (5 ms): parsing reads it
    and changes nothing in it, and a program calling ``main`` many times (the test suite: 450
    times) need not build it each time. ``build_parser`` gives a caller a fresh one to change."""
    return build_parser()


#: A command typed as another's: (its first words, what to say). `softenv plugins new` is the
#: listing command's name with the writer's verb (plugin author p37 typed it from a brief).
_MISTYPED = (
    (
        ("plugins", "new"),
        "没有 softenv plugins new 命令: 编写插件用 softenv plugin new --county CODE --name NAME "
        "(no command `softenv plugins new`: `softenv plugin new` writes a plugin, `softenv plugins` lists them)",
    ),
)


def main(argv: Sequence[str] | None = None) -> int:
    given = tuple(sys.argv[1:] if argv is None else argv)
    for words, said in _MISTYPED:
        if given[: len(words)] == words:
            _parser().error(said)
    args = _parser().parse_args(argv)
    from softenv_core.cli.output import Terminated, error_text, sigterm_as_interrupt, silence_stdout, write_error_text

    try:
        with sigterm_as_interrupt():
            from softenv_core.cli import commands  # the library is imported only once a command runs
            from softenv_core.rules.registry import get_plugin_manager

            if args.func == "cmd_plugins":  # lists the others even when one fails to import
                pm, args.broken_plugins = commands.plugins_tolerantly()
            else:
                pm = get_plugin_manager()
            code = int(getattr(commands, args.func)(args, pm))
            sys.stdout.flush()  # a full disk shows here, while we can still say so
            return code
    except SoftenvError as exc:
        text = error_text(exc, getattr(args, "lang", "zh"), options=frozenset(vars(args)))  # advice: its own flags
        print(f"softenv: error: {text}", file=sys.stderr)
        return 1
    except KeyboardInterrupt as exc:
        print("softenv: terminated" if isinstance(exc, Terminated) else "softenv: interrupted", file=sys.stderr)
        return 128 + exc.signum if isinstance(exc, Terminated) else 130  # as the shell reports a signal
    except BrokenPipeError:
        silence_stdout()
        return 0
    except OSError as exc:  # stdout itself failed (a full disk, `> /dev/full`): one line, no traceback
        silence_stdout()
        print(f"softenv: error: {write_error_text(exc, getattr(args, 'lang', 'zh'))}", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())


__all__ = ["build_parser", "main"]
