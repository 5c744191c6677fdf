"""What an ``--out FILE`` may be, checked once before a command's work: not an input, not a
Word or Excel name for a result of another kind, and not an existing file unless ``--force``.

Every command that writes ``--out`` keeps an existing file unless ``--force`` (clerk c51 04:
``report --out`` replaced the county's copy with the city office's full version, the clerk having
forgotten ``--audience``; a Word report edited since, its 文号 and 签发人 typed in, was lost the
same way). ``import`` and ``export`` check their ``--out`` themselves, for their own inputs and
reasons, but refuse with :func:`refuse_replacing` too: one test of what is an existing file, one
wording, in the language asked (reviewer r54 02: three copies disagreed). A file replaced with
``--force`` is said so in the 已写入 line (cli/written.py). The writes stay atomic (cli/output.py).
"""

from __future__ import annotations

import argparse
import re
import shlex
from pathlib import Path

from softenv_core.cli.output import STDOUT, refuse_input, refuse_office_name, refuse_stdout
from softenv_core.errors import SoftenvError
from softenv_core.render.escape import terminal

#: The commands that check their --out themselves: import (its --into, the starter's examples)
#: and export (a workbook corrected by hand), each with its own words.
_OWN_CHECKS = frozenset({"cmd_import", "cmd_export"})

#: The arguments a command reads files from: an --out naming one is refused as the input.
_INPUTS = ("file", "dataset", "calendar", "into")

#: A result's forms other than Word and Excel, as (Chinese, English, options, suffix): what a
#: refused .docx/.xlsx name is told it can write instead (c51 05: `yearend --out 年终.docx` was
#: sent to a `--format docx` that yearend does not have). The office forms are the command's own.
_TEXT = ("文本", "text", "", ".txt")
_MARKDOWN = ("Markdown 文本", "Markdown text", "", ".md")
_JSON = ("JSON", "JSON", "--format json", ".json")
_CSV = ("CSV 表格", "CSV", "--format csv", ".csv")
_WORD = ("Word 文件", "a Word document", "--format docx", ".docx")
_EXCEL = ("Excel 工作簿", "an Excel workbook", "--format xlsx", ".xlsx")
_FORMS: dict[str, tuple[tuple[str, str, str, str], ...]] = {
    "cmd_report": (_MARKDOWN, _JSON, _WORD),
    "cmd_yearend": (_MARKDOWN, _JSON, _WORD, _EXCEL),
    "cmd_assess": (_TEXT, _JSON, _CSV, _EXCEL),
    "cmd_plugins": (_TEXT, _JSON, _CSV),
    "cmd_schema": (("JSON", "JSON", "", ".json"),),
}


#: What a shell reads as one word as typed: anything else (a space, a quote, ``$``) is quoted.
_PLAIN_WORD = re.compile(r"[\w@%+=:,./-]+")


def pasteable(path: Path) -> str:
    """``path`` as it can be pasted into a command: quoted only when the shell would split or
    read it (``'年 终.md'``); a Chinese name stays as the clerk typed it."""
    text = str(path)
    return text if _PLAIN_WORD.fullmatch(text) else shlex.quote(text)


def _forms(func: str, path: Path) -> tuple[str, str]:
    """The forms ``func`` writes, each with the options that give it and ``path`` with its suffix,
    in Chinese and in English: ``Markdown 文本（--out 年终/年终.md）、…或 Excel 工作簿（--format xlsx
    --out 年终/年终.xlsx）``. The folder is kept: the stem alone wrote elsewhere (reviewer r54 07)."""
    forms = _FORMS.get(func, (_TEXT, _JSON))
    said = [
        (zh, en, f"{options} --out {pasteable(path.with_suffix(suffix))}".strip()) for zh, en, options, suffix in forms
    ]
    zh = [f"{name}（{how}）" for name, _en, how in said]
    en = [f"{name} ({how})" for _zh, name, how in said]
    if len(said) == 1:
        return zh[0], en[0]
    return "、".join(zh[:-1]) + " 或 " + zh[-1], ", ".join(en[:-1]) + " or " + en[-1]


#: Why a command with ``--audience`` keeps the file, (Chinese, English).
READER = ("：它可能是写给另一阅读范围的、或已改过的文件", " (it may be another reader's copy, or edited since)")


def refuse_replacing(
    path: Path, force: bool, reason: tuple[str, str] = ("", ""), advice: tuple[str, str] = ("", "")
) -> bool:
    """Refuse an existing file at ``path`` without ``force``; True when one is to be replaced.
    A device or a pipe (``/dev/null``, a FIFO) is written through, never replaced: not refused.
    ``reason``: why the file may matter, (Chinese, English), said after 不会覆盖 (:data:`READER`);
    ``advice``: a way out of the command's own, said after the shared one (import's --into)."""
    if not path.is_file():
        return False
    if force:
        return True
    shown = terminal(str(path))
    raise SoftenvError(
        f"{shown} exists and is not replaced without --force{reason[1]}; give another name, or add --force to "
        f"replace it{advice[1]}",
        zh=f"{shown} 已经存在，不会覆盖{reason[0]}；请换一个文件名，或加 --force 覆盖{advice[0]}",
    )


def check_out(args: argparse.Namespace) -> None:
    """Every refusal of the command's ``--out`` file, once and before its work (the command's own
    writer asks again and is answered at once). ``args.replacing`` says an existing file is to be
    replaced (``--force``)."""
    out = getattr(args, "out", None)
    if not out or getattr(args, "out_checked", False):
        return
    func = getattr(args, "func", "")
    args.out_checked = True
    if func in _OWN_CHECKS:
        return
    fmt = getattr(args, "format", None)
    writes = f".{fmt}" if fmt in ("docx", "xlsx") else None
    if writes is not None:
        refuse_stdout(out, writes)
    if out == STDOUT:
        return
    path = Path(out)
    refuse_input(path, [Path(i) for i in (getattr(args, name, None) for name in _INPUTS) if isinstance(i, str)])
    if writes is None:
        # The office file of the name's kind the command writes with --format (yearend has both).
        suffix = path.suffix.lower()
        can = next((s for *_said, s in _FORMS.get(func, ()) if s == suffix and s in (".docx", ".xlsx")), None)
        refuse_office_name(path, None, can, _forms(func, path))
    else:
        refuse_office_name(path, writes)
    reason = READER if getattr(args, "audience", None) is not None else ("", "")
    args.replacing = refuse_replacing(path, bool(getattr(args, "force", False)), reason)


__all__ = ["READER", "check_out", "pasteable", "refuse_replacing"]
