"""How ``softenv --help`` reads: Chinese first, the English after it in brackets (clerk c40).

The help is printed before any option is read, so a language switch (``--lang``) could not
choose it: the clerk who does not know the options yet is the one who needs the help, and a
switch is one more option to find. Each line therefore says both, the Chinese first, as the
CLI's errors do (``缺少必需的参数 --month (the following arguments are required: --month)``):
the clerk reads the first half, a script author or a search engine the second. argparse's own
words (``usage:``, ``options:``, ``show this help message and exit``) are said the same way.

Imports nothing of the library: ``softenv --help`` stays fast (benchmarks: ≤ 0.3 s).
"""

from __future__ import annotations

import argparse
import re
import unicodedata
from collections.abc import Iterable

#: argparse's own headings and the help option, Chinese first.
USAGE = "用法 (usage): "
POSITIONALS = "参数 (positional arguments)"
OPTIONALS = "选项 (options)"
HELP = "显示本帮助并退出 (show this help message and exit)"

#: The clerk's month at a glance, under ``softenv --help`` (docs/quickstart.md says it at length;
#: a test parses each command here).
EPILOG = """\
一个月的工作 (a clerk's month)：
  1. 新建起步工作簿 (a starter workbook)：
       softenv init 工作簿
  2. 导入填好的工作簿 (the filled workbooks into a dataset)：
       softenv import 工作簿/软环境监测点.xlsx --out dataset.json
  3. 写月度监测报告 (the monthly report)：
       softenv report dataset.json --month 2025-03 --format docx --out 报告.docx
  4. 年终工作 (the year end)：
       softenv yearend dataset.json --year 2025 --format xlsx --out 年终.xlsx
每个命令的说明 (each command's options)：
  softenv 命令 --help，如 softenv report --help"""

#: Where a run of text without spaces may break: between two Chinese characters, not before the
#: punctuation that may not start a line nor after an opening bracket (软环境监测点.xlsx breaks
#: only inside 软环境监测点, never before .xlsx).
_BREAK = re.compile(r"(?<=[^\x00-\x7f（“])(?=[^\x00-\x7f，；：、。）”])")


def display_width(text: str) -> int:
    """Columns ``text`` takes at a terminal: a Chinese character two, as the terminal draws it."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


class ClerkHelpFormatter(argparse.RawDescriptionHelpFormatter):
    """argparse's help with its headings in Chinese and English; the description and epilog
    kept as written (the epilog's commands line up)."""

    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, USAGE if prefix is None else prefix)

    def _split_lines(self, text: str, width: int) -> list[str]:
        """Help wrapped by the columns it takes, not its characters: argparse counts a Chinese
        character as one column, and the Chinese-first lines ran past the terminal's edge."""
        lines, line = [], ""
        for word in self._whitespace_matcher.sub(" ", text).strip().split(" "):
            for k, piece in enumerate(_BREAK.split(word)):
                glued = line + (" " if k == 0 and line else "") + piece
                if line and display_width(glued) > width:
                    lines.append(line)
                    line = piece
                else:
                    line = glued
        return [*lines, line] if line else lines


def clerk_titles(parser: argparse.ArgumentParser, add_help: bool, parents: Iterable[argparse.ArgumentParser]) -> None:
    """Name ``parser``'s argument groups in both languages, then take its ``parents``' options
    (as argparse would have, but into the groups so named: else the shared options came under a
    second 选项 heading) and give it a bilingual ``-h``."""
    parser._positionals.title = POSITIONALS
    parser._optionals.title = OPTIONALS
    if add_help:
        parser.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help=HELP)
    for parent in parents:
        parser._add_container_actions(parent)
        parser._defaults.update(parent._defaults)


__all__ = ["EPILOG", "ClerkHelpFormatter", "clerk_titles", "display_width"]
