"""The ``softenv`` command: a thin face over the Python API.

Exit codes: 0 success, 1 invalid input or a rule error (a clear message, no traceback),
2 usage error. Outputs are written atomically; input files are never modified. This module
builds the parser (its pieces: arguments.py, parser_commands.py, parser_more.py) and imports
nothing of the library until a command runs (commands.py).
"""

from __future__ import annotations

import argparse
import functools
import importlib
import sys
from collections.abc import Sequence

from softenv_core._version import core_version
from softenv_core.cli.arguments import MONTHS, Parser, common_options
from softenv_core.cli.help_format import EPILOG
from softenv_core.cli.parser_commands import add_data_commands, add_office_commands, add_result_commands
from softenv_core.cli.parser_more import add_plugin_commands, add_service_commands
from softenv_core.cli.signals import said_interrupted, sigterm_as_interrupt
from softenv_core.errors import SoftenvError

#: Kept under their former names (the parser's pieces moved to arguments.py, parser_*.py).
_Parser = Parser


def build_parser() -> argparse.ArgumentParser:
    common = common_options()
    parser = _Parser(
        prog="softenv",
        description="软环境建设监测点：校验、考核和说明全市的监测点记录\n"
        "(validate, assess and explain a city's records)",
        epilog=EPILOG,
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"softenv-core {core_version()}",
        help="显示版本号并退出 (show the version and exit)",
    )
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser, title="命令 (commands)")
    add_data_commands(sub, common)
    add_result_commands(sub)
    add_office_commands(sub, common)
    add_plugin_commands(sub)
    add_service_commands(sub)
    return parser


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
        "没有 softenv plugins new 命令：编写插件用 softenv plugin new --county CODE --name NAME "
        "(no command `softenv plugins new`: `softenv plugin new` writes a plugin, `softenv plugins` lists them)",
    ),
)


#: The commands whose module is not commands.py, by the name the parser gives (``args.func``):
#: ``softenv assess`` then does not import the report and year-end renderers it never uses.
_HOME = {
    "cmd_demo": "report_commands",
    "cmd_report": "report_commands",
    "cmd_yearend": "report_commands",
    "cmd_calendar_new": "calendar_commands",
}


def main(argv: Sequence[str] | None = None) -> int:
    """``softenv ARGS`` in this process (the tests' and a program's way): its exit code. A
    signal while the arguments are parsed is told as one at work (clerk c51 03); the installed
    command (cli/entry.py) covers the imports of this module too."""
    try:
        with sigterm_as_interrupt():
            return _run(argv)
    except KeyboardInterrupt as exc:
        return said_interrupted(exc)


def _run(argv: Sequence[str] | None) -> int:
    given = tuple(sys.argv[1:] if argv is None else argv)
    for words, said in _MISTYPED:
        if given[: len(words)] == words:
            _parser().error(said)
    args = _parser().parse_args(argv)
    from softenv_core.cli.data_out import stray_prints_to_stderr
    from softenv_core.cli.output import error_text, silence_stdout, write_error_text

    try:
        # The library is imported only once a command runs, and only the module of that command.
        commands = importlib.import_module(f"softenv_core.cli.{_HOME.get(args.func, 'commands')}")
        from softenv_core.rules.registry import get_plugin_manager

        if getattr(args, "out_is_file", False):  # refused before the work: an existing file (c51 04)
            from softenv_core.cli.out_file import check_out

            check_out(args)
        if args.func == "cmd_plugins":  # lists the others even when one fails to import
            pm, args.broken_plugins = commands.plugins_tolerantly()
        else:
            pm = get_plugin_manager()
        if args.func == "cmd_serve":  # the server's access log is its output
            code = int(commands.cmd_serve(args, pm))
        else:
            with stray_prints_to_stderr():  # a plugin's print kept off the data (cli/data_out.py)
                code = int(getattr(commands, args.func)(args, pm))
        sys.stdout.flush()  # a full disk shows here, while we can still say so
        return code
    except SoftenvError as exc:
        lang = getattr(args, "lang", "zh")
        text = error_text(exc, lang, options=frozenset(vars(args)))  # advice: its own flags
        print(f"softenv: error: {text}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        silence_stdout()
        return 0
    except OSError as exc:  # stdout itself failed (a full disk, `> /dev/full`): one line, no traceback
        silence_stdout()
        lang = getattr(args, "lang", "zh")
        said = write_error_text(exc, lang)
        print(f"softenv: error: {said}", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())


__all__ = ["MONTHS", "build_parser", "main"]
