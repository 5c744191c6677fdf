"""The ``softenv`` parser's pieces: the argument types (a year, a month typed as a clerk types
it), the parser class that says argparse's errors in Chinese first, and the options every
command shares. Imports nothing of the library (``softenv --help`` stays fast)."""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections.abc import Callable
from typing import Any, NoReturn

from softenv_core.cli.help_format import ClerkHelpFormatter, clerk_titles


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
        # Chinese first, as --month's (docs/cli.md); it read `argument --year: expected a year …` (c50).
        raise argparse.ArgumentTypeError(
            f"应为整数，如 {example}，而不是 {text!r} (expected a {what} such as {example}, got {text!r})"
        ) from None
    if not low <= n <= high:
        raise argparse.ArgumentTypeError(
            f"应在 {low}-{high} 之间，而不是 {n} ({what} {n} is out of range {low}-{high})"
        )
    return n


def named_arg(what: str, zh: str) -> Callable[[str], str]:
    """An id argument that names something: an empty one (``--point ""``) is a usage error,
    not a search for no one (platform t8 02: it explained county None)."""

    def named(text: str) -> str:
        if not text.strip():
            raise argparse.ArgumentTypeError(f"expected a {what}, got an empty text ({zh}不能为空)")
        return text

    return named


def year_arg(text: str) -> int:
    """``--year``: a year the programme's records can hold (1900-2999), else a usage error."""
    return _whole(_typed(text).removesuffix("年"), 1900, 2999, "year", 2025)  # 2025年 as a clerk writes it


def examples_arg(text: str) -> int:
    """``--examples``: how many generated datasets the conformance kit tries per plugin (1-1000):
    the bound on ``plugins --check``'s time (default testing.plugin_check.KIT_EXAMPLES)."""
    return _whole(text, 1, 1000, "number of datasets", 10)


#: The months a --month argument may name: a report looks at the month before and the
#: deadline at the month after, and both must be within the years the records can hold.
MONTHS = ("1900-02", "2999-11")


def month_arg(text: str) -> str:
    """``--month``: YYYY-MM within :data:`MONTHS`, else a usage error (exit 2) in one line."""
    # Parsed before --lang is known: each message carries its Chinese too (clerk finding 07).
    # 2025年3月 is how a clerk writes a month (and how a workbook cell may hold it): taken as is.
    typed = _typed(text)
    zh_month = re.fullmatch(r"([0-9]{4})年([0-9]{1,2})月", typed)
    m = zh_month or re.fullmatch(r"([0-9]{4})-([0-9]{1,2})", typed)  # [0-9]: \d takes any digits
    # Chinese first, the English after it (docs/cli.md; tester t11 09): see _Parser.error.
    if m is None:
        raise argparse.ArgumentTypeError(
            f"月份请写成 2025-03 或 2025年3月，而不是 {text!r}"
            f" (expected a month as YYYY-MM such as 2025-03, got {text!r})"
        )
    year, month = int(m[1]), int(m[2])
    if len(m[2]) == 1 and zh_month is None:
        raise argparse.ArgumentTypeError(
            f"月份写两位：{year:04d}-{month:02d}，而不是 {text!r}"
            f" (write the month with two digits: {year:04d}-{month:02d}, not {text!r})"
        )
    if not 1 <= month <= 12:
        raise argparse.ArgumentTypeError(
            f"没有第 {month} 月，月份为 01 至 12 ({text!r}: there is no month {month} (01-12))"
        )
    if not MONTHS[0] <= f"{year:04d}-{month:02d}" <= MONTHS[1]:
        raise argparse.ArgumentTypeError(
            f"月份应在 {MONTHS[0]} 至 {MONTHS[1]} 之间"
            f" (month {text} is out of the supported range {MONTHS[0]} to {MONTHS[1]})"
        )
    return f"{year:04d}-{month:02d}"


#: argparse's own errors in Chinese, the English kept after them (a clerk reads the first,
#: a script or a search engine the second). Patterns as text, compiled (and cached) by ``re``
#: at the first error: compiled at import, every command paid for them (issue 21).
_ARGPARSE_ZH = (
    (r"^the following arguments are required: (.*)$", "缺少必需的参数 {0}"),
    (r"^unrecognized arguments: (.*)$", "无法识别的参数 {0}"),
    (
        r"^argument (\S+): invalid choice: (.*) \(choose from (.*)\)$",
        "参数 {0} 的值 {1} 不在可选范围内（可选：{2}）",
    ),
    (r"^argument (\S+): expected one argument$", "参数 {0} 后面要给一个值"),
    (r"^argument (\S+): invalid (\S+) value: (.*)$", "参数 {0} 的值 {2} 无效"),
)


#: An argument's own message said Chinese first (``中文 (English)``, as _month raises them):
#: argparse's English "argument --month:" goes with the English, after the Chinese.
_ZH_FIRST = r"^argument (\S+): ([^\x00-\x7f][^(]*?) \((.*)\)$"  # matched with re.DOTALL


class Parser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kw: Any) -> None:
        # Help in Chinese first, the English after it (cli/help_format.py says why).
        kw.setdefault("formatter_class", ClerkHelpFormatter)
        add_help = bool(kw.pop("add_help", True))
        kw["add_help"] = False  # the help option is added in both languages (clerk_titles)
        parents = kw.pop("parents", ())  # taken once the groups have their names (clerk_titles)
        super().__init__(*args, **kw)
        clerk_titles(self, add_help, parents)

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        if m := re.match(_ZH_FIRST, message, re.DOTALL):
            message = f"参数 {m[1]}: {m[2]} (argument {m[1]}: {m[3]})"
        for pattern, zh in _ARGPARSE_ZH:
            m = re.match(pattern, message)
            if m:
                message = f"{zh.format(*m.groups())} ({message})"
                break
        self.exit(2, f"{self.prog}: error: {message}\n")


def common_options() -> Parser:
    """The options every command shares, as a new parser each time: a command that narrows or
    widens --format changes its own copy, never the other commands' (argparse shares a parent's
    actions among its children)."""
    common = Parser(add_help=False)
    common.add_argument("--format", choices=("text", "json"), default="text", help="输出格式 (output format)")
    common.add_argument(
        "--lang", choices=("zh", "en"), default="zh", help="输出的语言，默认中文 zh (language of documents, default zh)"
    )
    common.add_argument(
        "--calendar",
        metavar="FILE",
        help="节假日调休安排文件，用于 chinesecalendar 尚未收录的年份 "
        "(official arrangements for years chinesecalendar lacks)",
    )
    common.add_argument(
        "--provisional",
        action="store_true",
        help="未收录的年份只按周末计算工作日，结果标为“暂定” "
        "(allow a weekends-only calendar for unknown years, results marked provisional)",
    )
    return common


__all__ = ["MONTHS", "Parser", "common_options", "examples_arg", "month_arg", "named_arg", "year_arg"]
