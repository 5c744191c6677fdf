"""The line that says an ``--out`` file was written (已写入): what it holds and where.

Without it a command writing to ``--out`` printed nothing, and the clerk could not tell a
written report from a run that did nothing (clerk c36). The line goes to stderr: stdout stays
the document alone when it is the output (``--out -``), and empty otherwise, for scripts.
"""

from __future__ import annotations

import argparse
import sys

from softenv_core.analyses.audiences import Audience
from softenv_core.errors import SoftenvError
from softenv_core.render.escape import terminal

#: What each command writes, in Chinese and in English (a command not named: 输出).
_DOCUMENTS = {
    "assess": ("考核结果", "the assessment"),
    "report": ("监测报告", "the monitoring report"),
    "yearend": ("年终工作结果", "the year-end results"),
    "validate": ("数据校验结果", "the validation result"),
    "explain": ("得分说明", "the explanation"),
    "deadline": ("月报截止时间", "the report deadline"),
    "plugins": ("插件清单", "the plugin list"),
    "schema": ("JSON Schema", "the JSON Schema"),
    "calendar": ("节假日安排文件", "the calendar file"),
}

#: Each --format as the clerk knows the file.
_FORMATS = {
    "json": ("JSON", "JSON"),
    "csv": ("CSV 表格", "CSV"),
    "docx": ("Word 文件", "Word"),
    "xlsx": ("Excel 文件", "Excel"),
}
#: What a command's default (text) output is: Markdown for the documents, plain text otherwise.
_TEXT = {
    "report": ("Markdown", "Markdown"),
    "yearend": ("Markdown", "Markdown"),
    "schema": ("JSON", "JSON"),
    "calendar": ("JSON", "JSON"),
}


def _period(args: argparse.Namespace, zh: bool) -> str:
    """The month or year the file speaks for, as the document names it (2025年3月, 2025年)."""
    month = getattr(args, "month", None)
    if isinstance(month, str) and len(month) == 7:
        return f"{month[:4]}年{int(month[5:])}月" if zh else month
    year = getattr(args, "year", None)
    if isinstance(year, int) and args.command != "plugins":
        return f"{year}年" if zh else str(year)
    return ""


def _reach_zh(text: str) -> str:
    """Who may read the file, as the documents name it (市软建办（全文）, 县区 379902)."""
    try:
        aud = Audience.parse(text)
    except SoftenvError:  # refused before anything is written; kept as typed should it get here
        return text
    return aud.zh


def written_line(args: argparse.Namespace) -> str:
    """One line naming the ``--out`` file and what it holds, in the command's language
    (``--lang``; Chinese by default, as the documents are)."""
    zh = getattr(args, "lang", "zh") == "zh"
    command = getattr(args, "command", "")
    noun_zh, noun_en = _DOCUMENTS.get(command, ("输出", "the output"))
    if command == "plugins" and getattr(args, "check", False):
        noun_zh, noun_en = "插件检查结果", "the plugin check"
    fmt = getattr(args, "format", None) or "text"
    kind_zh, kind_en = _FORMATS.get(fmt) or _TEXT.get(command, ("文本", "text"))
    if command == "schema":  # which document's schema, not "JSON Schema，JSON"
        document = terminal(str(getattr(args, "document", "")))
        noun_zh, noun_en, kind_zh, kind_en = f"{document} 的 JSON Schema", f"the {document} JSON Schema", "JSON", "JSON"
    audience = getattr(args, "audience", None)
    period = _period(args, zh)
    path = terminal(str(args.out))
    if zh:  # full-width punctuation, as Chinese text is written (clerk c36)
        # A county by its name as well as its code (青山县（379921）: clerk c40), when the command
        # read the dataset that names it (cli.common.audience_arg).
        named = getattr(args, "reach_name", None) or _reach_zh(audience or "")
        reach = f"，阅读范围：{terminal(named)}" if audience else ""
        kind = "" if command == "schema" else f"，{kind_zh}"
        return line_of(args, path, f"{period}{noun_zh}{kind}{reach}", "")
    reach = f", audience {terminal(audience)}" if audience else ""
    return line_of(args, path, "", f"{noun_en}{f' for {period}' if period else ''} ({kind_en}{reach})")


def line_of(args: argparse.Namespace, where: str, zh: str, en: str) -> str:
    """The written line in the command's language: ``→ 已写入 WHERE：ZH`` or ``→ wrote WHERE: EN``,
    with :func:`replaced_note`. ``where`` is shown as given (made inert by the caller). import and
    export word what they wrote themselves and end their line here too: under ``--lang en`` it was
    Chinese with the English note (reviewer r54 02)."""
    if getattr(args, "lang", "zh") == "zh":
        return f"→ 已写入 {where}：{zh}{replaced_note(args)}"
    return f"→ wrote {where}: {en}{replaced_note(args)}"


def replaced_note(args: argparse.Namespace) -> str:
    """``；已覆盖原有文件`` when ``--force`` replaced a file that was there (cli/out_file.py), so
    that the clerk knows the old one is gone (clerk c51 04); empty otherwise."""
    if not getattr(args, "replacing", False):
        return ""
    return "；已覆盖原有文件" if getattr(args, "lang", "zh") == "zh" else "; the existing file was replaced"


def say_written(args: argparse.Namespace) -> None:
    """Tell the clerk on stderr that ``args.out`` was written (stdout is left to the output)."""
    sys.stderr.write(written_line(args) + "\n")


__all__ = ["line_of", "replaced_note", "say_written", "written_line"]
