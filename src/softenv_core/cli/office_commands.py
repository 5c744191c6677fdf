"""The office's commands (issue 17): workbooks in (``init``, ``import``), the whole dataset out
(``export``), and the Word report and results workbooks behind ``--format docx|xlsx``. The office
modules are imported inside these functions only, so the core runs without the ``office`` extra."""

from __future__ import annotations

import argparse
import contextlib
import functools
import os
import re
import sys
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from softenv_core.cli.common import (
    as_of_arg,
    audience_arg,
    binary_out,
    calendar_of,
    load_file,
    progress_of,
    warn_provisional,
    warn_records_end,
)
from softenv_core.cli.data_out import data_out
from softenv_core.cli.out_file import refuse_replacing
from softenv_core.cli.output import STDOUT, refuse_input, refuse_office_name, refuse_stdout, write_atomic
from softenv_core.cli.written import line_of, say_written
from softenv_core.engine.manager import SoftenvPluginManager
from softenv_core.engine.parameters import baseline_parameters
from softenv_core.errors import InputError, SoftenvError
from softenv_core.io.converter import dumps
from softenv_core.io.dataset_files import dataset_json
from softenv_core.model.periods import BEIJING
from softenv_core.render.escape import terminal
from softenv_core.rules.city.compliance import baseline_warnings

if TYPE_CHECKING:
    from softenv_core.model.dataset import Dataset

# The office's medium (issue 17): workbooks in, Word and workbooks out. The office modules are
# imported inside these functions only, so the core runs without the ``office`` extra.


def cmd_init(args: argparse.Namespace, pm: SoftenvPluginManager) -> int:
    from softenv_core.io.workbook_schema import STARTER_NAME
    from softenv_core.io.workbook_starter import STARTER_JSON_NAME, starter_dataset
    from softenv_core.io.workbook_write import write_workbook

    folder = Path(args.dir)
    book, doc = folder / STARTER_NAME, folder / STARTER_JSON_NAME
    existing = [str(p) for p in (book, doc) if p.exists()]
    if existing and not args.force:
        # init has no --lang: the clerk's first command speaks Chinese, with the English after it.
        shown = terminal(", ".join(existing))
        raise SoftenvError(f"{shown} 已经存在，不会覆盖；要重建请加 --force (not replaced without --force)")
    dataset = starter_dataset()
    made_folder = not folder.exists()
    try:
        write_workbook(dataset, book, records=not args.empty)
        write_atomic(doc, dataset_json(dataset))
    except BaseException:
        # The two files are one starter: a failure (a full disk at the second) leaves neither new
        # one, nor the folder init made, so that running init again is not refused as "exists".
        for new_file in (book, doc):
            if str(new_file) not in existing:
                new_file.unlink(missing_ok=True)
        if made_folder:
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise
    # On stderr, as every command says what it wrote (cli/written.py): stdout carries data only
    # (docs/cli.md; clerk c40: init, import, export and demo --out said it on stdout).
    say = sys.stderr.write
    if args.empty:
        say(f"→ 已写入 {terminal(str(book))}：空白工作簿，每类记录一个工作表，从第3行起填写；")
        say("填写后用 softenv import 导入\n")
    else:
        say(
            f"→ 已写入 {terminal(str(book))}：起步工作簿，每类记录一个工作表，各有一条示例（第3行，"
            "填写时改写或删除；不要示例用 softenv init --empty）；填写后用 softenv import 导入\n"
        )
    # The examples' JSON is named as such and the clerk is told where her data goes: imported
    # --into it, its example records counted as hers (tester t11 06).
    say(f"→ 已写入 {terminal(str(doc))}：示例记录的 JSON 数据集，只供对照，不要导入到其中\n")
    say(f"  导入：softenv import {terminal(str(book))} --out {terminal(str(folder / 'dataset.json'))}\n")
    return 0


def cmd_import(args: argparse.Namespace, pm: SoftenvPluginManager) -> int:
    from softenv_core.io.workbook_cap import LISTED, TooManyProblems
    from softenv_core.io.workbook_read import read_workbooks

    out = args.out or args.into
    if not out:
        return _needs_out(args.lang)
    to_stdout = args.out == STDOUT  # the dataset JSON printed, the summary on stderr
    if not to_stdout:
        # The clerk's workbooks are inputs: never replaced by the JSON written (clerk 04).
        refuse_input(Path(out), [Path(b) for b in args.books])
        refuse_office_name(Path(out), None)
        args.replacing = _refuse_replacing(Path(out), args.into, args.force)
    _tell_open_books([Path(b) for b in args.books], args.lang)
    warnings: list[str] = []
    dates: list[str] = []
    hints: list[str] = []  # as `softenv validate` tells them, at their cells: loaded, but worth a look
    today = datetime.now(BEIJING).date()  # for a warning about a typed year only: analyses never read the clock
    params = baseline_parameters()  # the baseline's warnings, as `softenv validate` tells them
    told: list[str] = []  # the --into dataset's own hints, told when it was imported (clerk c45)
    city: list[str] = []  # the city office's records in a county's workbook (attacker x68 01)
    try:
        books, into = [Path(b) for b in args.books], Path(args.into) if args.into else None
        warn = functools.partial(baseline_warnings, params=params)
        dataset = read_workbooks(books, into, warnings, today, dates, hints, warn, told, city)
    except InputError as exc:
        # Every problem, not the first hundred: the clerk fixes them all in one pass; past
        # io/workbook_cap.LISTED the first of them, the last line saying the check stopped (x65 01).
        if args.format == "json":
            data_out().write(dumps({"valid": False, "problems": list(exc.problems)}))
        else:
            n, over = len(exc.problems), isinstance(exc, TooManyProblems)
            count = f"{n} 个问题" if args.lang == "zh" else f"{n} problem(s)"
            if over:
                count = f"超过 {LISTED} 个问题" if args.lang == "zh" else f"more than {LISTED} problems"
            # The workbook's name as a county sent it: shown, never run (attacker x41 04).
            sys.stderr.write(f"softenv: error: {terminal(exc.source or '')}: {count}\n")
            shown = grouped([_said(p, args.lang) for p in exc.problems])
            sys.stderr.writelines(f"  {terminal(p)}\n" for p in shown)  # sheet names are text too
        return 1
    if to_stdout:
        data_out().write(dataset_json(dataset))
    else:
        write_atomic(Path(out), dataset_json(dataset))
    _tell_notes(args, warnings, dates, hints, told)
    _tell_city_rows(city, args.lang)
    checks = f"；另有 {len(dates)} 个日期请核对（见上方“注意”）" if dates else ""
    checks_en = f"; {len(dates)} date(s) to check (see above)" if dates else ""
    # On stderr whether or not the dataset went to stdout: stdout carries data only (clerk c40).
    zh = args.lang == "zh"
    where = terminal(out) if not to_stdout else "标准输出" if zh else "standard output"
    held = f"数据集，{_held_zh(dataset)}{checks}"
    held_en = f"the dataset, {_held_en(dataset)}{checks_en}"
    sys.stderr.write(line_of(args, where, held, held_en) + "\n")
    return 0


def _needs_out(lang: str) -> int:
    """The usage error of an import without --out or --into: Chinese first, the English after it,
    as the other usage errors (attacker x65 06)."""
    said = "import needs --out FILE or --into FILE"
    if lang == "zh":
        said = (
            f"导入要写出数据集：请用 --out 给出文件名（如 --out dataset.json），或用 --into 加进已有的数据集 ({said})"
        )
    sys.stderr.write(f"softenv: error: {said}\n")
    return 2


def _tell_open_books(books: Sequence[Path], lang: str) -> None:
    """A workbook open in Excel or WPS (its lock file ``~$BOOK.xlsx`` beside it) is read as last
    saved: said on stderr, the import goes on (clerk c57 04). The lock file itself, given as a
    book, is refused (io/workbook_layout.book_file_problem)."""
    for book in books:
        # A path with no name ("/", ".", ""): a folder, refused by the book check after this (x64 01).
        if not book.name or book.name.startswith("~$"):
            continue
        lock = book.with_name(f"~${book.name}")
        if not os.path.isfile(lock):  # an unreadable folder: no word
            continue
        name, lock_name = terminal(str(book)), terminal(lock.name)
        sys.stderr.write(
            f"softenv: 注意：{name} 似乎正在 Excel/WPS 中打开（旁边有锁定文件 {lock_name}）：只读入已保存的内容，"
            "打开后未保存的修改不会导入；请先保存并关闭它再导入\n"
            if lang == "zh"
            else f"softenv: warning: {name} appears to be open in Excel/WPS (its lock file {lock_name} is beside "
            "it): only what was saved is read, edits not yet saved are not imported; save and close it first\n"
        )


def _tell_notes(
    args: argparse.Namespace, warnings: list[str], dates: list[str], hints: list[str], told: list[str]
) -> None:
    """What the import noticed but loaded all the same, on stderr: rows like the starter's
    examples, dates to check, hints at their cells, and how many of the --into dataset's own
    hints were told at an earlier import."""
    if warnings:  # loaded, but likely a slip: said on stderr, the dataset is written all the same
        sys.stderr.write(
            f"softenv: 注意：{len(warnings)} 条记录与起步工作簿的示例相同"
            "（不要示例行时，可用 softenv init --empty 新建空白工作簿）\n"
        )
        sys.stderr.writelines(f"  {terminal(_said(w, args.lang))}\n" for w in warnings)
    if dates:
        sys.stderr.write(f"softenv: 注意：{len(dates)} 个日期晚于今天或与本表其余记录不在同一年，请核对\n")
        sys.stderr.writelines(f"  {terminal(_said(w, args.lang))}\n" for w in dates)
    if hints:
        sys.stderr.write(f"softenv: 提示：{len(hints)} 条记录请核对（导入照常）\n")
        sys.stderr.writelines(f"  {terminal(_said(w, args.lang))}\n" for w in hints)
    if told:
        into = terminal(str(args.into))
        sys.stderr.write(
            f"softenv: 提示：{into} 中已有记录的 {len(told)} 条提示在以前的导入中已列出，这次不再重复"
            f"（softenv validate {into} 列出全部）\n"
        )


def _tell_city_rows(city: list[str], lang: str) -> None:
    """The city office's records (豁免, 直接反馈…) a county's workbook carries, each at its row:
    loaded, as the city office may import a workbook of one county itself, but told, for it to
    check that the city made them (attacker x68 01: a county's own 豁免, 决定单位 市经贸委, waived
    its late month for 十佳 without a word). A warning, not a refusal: nothing tells who typed a row."""
    if not city:
        return
    sys.stderr.write(
        f"softenv: 注意：{len(city)} 行是市软建办的记录"
        "（直接反馈、办理过程、评议轮次、评议、豁免、表彰决定，县区不填），"
        "却在县区的工作簿中（县区 表只有一个县区），照常导入了；"
        "请市软建办逐行核实是否市里作出的（县区写的豁免决定单位若是市里的名称，"
        "就按市里的豁免计，该月迟报不影响评“十佳”），不是的请在工作簿中删除后再导入\n"
        if lang == "zh"
        else f"softenv: warning: {len(city)} row(s) of the city office's own records (complaints, their steps, "
        "appraisal rounds, ratings, waivers, commendation decisions: a county fills none) are in a county's "
        "workbook (its 县区 sheet holds one county), imported all the same; check that the city made each one "
        "(a county's waiver naming a city body as its decider counts as the city's), and delete those it did not\n"
    )
    sys.stderr.writelines(f"  {terminal(_said(w, lang))}\n" for w in city)


#: The English tag after a workbook message's Chinese (`… 不在 dataset.json 中 (unknown parent
#: record)`), before its `— $.path` if any: kept for --lang en and the JSON list, left out of the
#: clerk's Chinese lines, as docs/office.md quotes them (clerk c35: `请写 379902 (a county's name
#: for its code)`). Only ASCII without parentheses, starting with a small letter: never a quoted value.
#: This module's patterns are text, compiled (and cached) by ``re`` when `softenv import` uses
#: them: compiled at import, `softenv assess`, which imports the module, paid for them (issue 21).
_ENGLISH_TAG = r" \([a-z][\x20-\x27\x2a-\x7e]*\)(?=(?: — \$\S*)?$)"


def _said(line: str, lang: str) -> str:
    """A line of the import's output in the language asked for: under zh without the English tag.
    A line at a ``$.path`` is the ``--into`` dataset's own (missing, not JSON, a record it holds
    refused): in Chinese as ``softenv validate`` says it (it was English: 找不到文件 read
    ``cannot read dataset.json: No such file or directory``; clerk c46)."""
    if lang != "zh":
        return line
    if line.startswith("$"):
        from softenv_core.io.workbook_messages import zh_problem  # on a problem only, as output.problem_text

        return zh_problem(line)
    return re.sub(_ENGLISH_TAG, "", line)


#: A problem at a cell: (workbook) sheet!C12 (record header): message — $.path.
#: The sheet's name starts a run of characters (the lookbehind), and the record header is
#: short: tried from every character of a long run, a 30,000-character line took 8 s.
_AT_CELL = (
    r"^(?P<book>.*?)(?<![^\s!])(?P<sheet>[^\s!]+)!(?P<col>[A-Z]+)(?P<row>\d+) (?:\([^)]{0,200}\))?: ?(?P<msg>.*)$"
)
_QUOTED = r"'(?:[^'\\]|\\.)*'|— \$\S*"
#: The value typed, echoed again outside the quotes: the day or moment a date without its year is
#: written out as (缺少年份，请写出年份，如 2025年5月3日 或 2025-05-03, 如 2025-04-03 10:30; clerk
#: c45), else each day typed is a problem of its own and none is counted alike.
_ECHOED = _QUOTED + r"|如 \d{4}年\d{1,2}月\d{1,2}日 或 \d{4}-\d{2}-\d{2}|如 \d{4}-\d{2}-\d{2} \d{2}:\d{2}"
#: How many problems alike are listed before the rest are counted (the import lists every one
#: otherwise: a date typed 5月24日 in 10,000 rows gave 10,001 lines, the terminal kept the last).
SHOWN_ALIKE = 3


def grouped(problems: Sequence[str]) -> list[str]:
    """The import's problems as listed: of those alike (the same message in one column of one
    sheet, the value typed aside), the first few, then a line counting the others and naming
    where the last is (tester t5 10). ``--format json`` keeps every one."""

    def key(problem: str) -> tuple[str, ...] | None:
        m = re.match(_AT_CELL, problem)
        return None if m is None else (m["book"], m["sheet"], m["col"], re.sub(_ECHOED, "…", m["msg"]))

    keys = [key(p) for p in problems]
    total: dict[tuple[str, ...], int] = {}
    last: dict[tuple[str, ...], str] = {}
    for k, p in zip(keys, problems, strict=True):
        if k is not None:
            total[k] = total.get(k, 0) + 1
            last[k] = p
    out, seen = [], dict.fromkeys(total, 0)
    for k, p in zip(keys, problems, strict=True):
        if k is None or total[k] <= SHOWN_ALIKE:
            out.append(p)
            continue
        seen[k] += 1
        if seen[k] <= SHOWN_ALIKE:
            out.append(p)
        if seen[k] == SHOWN_ALIKE:
            m = re.match(_AT_CELL, last[k])
            assert m is not None
            out.append(
                f"… 同样的问题还有 {total[k] - SHOWN_ALIKE} 处（{k[1]}!{k[2]} 列，最后一处在 {k[2]}{m['row']}）；"
                "改正一处的写法后，请同样改正其余各处"
            )
    return out


def _refuse_replacing(out: Path, into: str | None, force: bool) -> bool:
    """An existing ``--out`` (other than the ``--into`` file) is not replaced without --force, as
    every ``--out`` (cli/out_file.py): it may hold a month's workbooks added with --into since
    (tclerk 08). True when --force replaces one (the written line says so: clerk c51 04)."""
    if into is not None and out.is_file() and Path(into).exists() and out.samefile(into):
        return False
    if not out.is_file() or force:  # a device or FIFO is written through, as every --out's
        return refuse_replacing(out, force)
    if examples := _examples_in(out):
        # Not "use --into" there: its example records would join the clerk's (tester t11 06).
        named = terminal("、".join(examples[:3]) + (f" 等 {len(examples)} 条" if len(examples) > 3 else ""))
        reason = (
            f"：其中有起步工作簿（softenv init）的示例记录（{named}），是示例数据，不要把工作簿加进去",
            f" (it holds the starter workbook's example records ({named}): add no workbooks to it)",
        )
        return refuse_replacing(out, force, reason)
    shown = terminal(str(out))
    into_it = (f"；要把工作簿加进已有数据集请用 --into {shown}", f"; to add the workbooks to it, use --into {shown}")
    return refuse_replacing(out, force, advice=into_it)


def _examples_in(path: Path) -> list[str]:
    """The starter's example records a dataset file holds (a file ``init`` wrote), named."""
    from softenv_core.io.dataset_files import load_dataset
    from softenv_core.io.workbook_layout import example_records

    try:
        return example_records(load_dataset(path))
    except SoftenvError:  # not a dataset (or not one that loads): the plain refusal
        return []


def cmd_export(args: argparse.Namespace, pm: SoftenvPluginManager) -> int:
    from softenv_core.io.workbook_write import write_workbook

    # The city office's whole dataset: an export is not an audience view (result workbooks are).
    refuse_stdout(args.out, ".xlsx")
    refuse_input(Path(args.out), [Path(args.file)])
    refuse_office_name(Path(args.out), ".xlsx")
    # A workbook there may be one typed or corrected by hand since (office.md 第 2 节: export,
    # correct in the export, import): replaced, the clerk's work was lost without a word (c50).
    # True with --force: said in the written line (c51 04).
    args.replacing = refuse_replacing(Path(args.out), args.force, _HAND_EDITED)
    dataset = load_file(args.file)
    write_workbook(dataset, Path(args.out))
    # Said as init and import say what they wrote (clerk c33: export alone printed nothing),
    # with what the file is: the whole of the city office's records, complainants included.
    # On stderr, as every written line (init's, import's, --out's): stdout carries data only.
    whose = terminal(dataset.city.office)  # the city office, by the name the city gives it
    zh = f"{_held_zh(dataset)}的全部记录（{whose}的完整数据，含投诉人，不得外发）"
    en = f"every record of {_held_en(dataset)} (the whole data of {whose}, complainants included: not to be passed on)"
    sys.stderr.write(line_of(args, terminal(args.out), zh, en) + "\n")
    return 0


def _held_zh(dataset: Dataset) -> str:
    """``180 个监测点，9 个县区``: what an imported or exported dataset holds."""
    return f"{len(dataset.points)} 个监测点，{len(dataset.counties)} 个县区"


def _held_en(dataset: Dataset) -> str:
    """``180 monitoring points, 9 counties``: what an imported or exported dataset holds."""
    points, counties = len(dataset.points), len(dataset.counties)
    return f"{points} monitoring point{'' if points == 1 else 's'}, {counties} count{'y' if counties == 1 else 'ies'}"


#: Why export keeps an existing workbook, (Chinese, English).
_HAND_EDITED = (
    "：它可能是填写或改过的工作簿，覆盖后其中的内容就没有了",
    " (it may be a workbook filled in or corrected since: replaced, what was typed in it is lost)",
)


def results_xlsx(args: argparse.Namespace, pm: SoftenvPluginManager, *, yearend: bool = False) -> int:
    """The results workbook of `assess --format xlsx` (``yearend``: of `softenv yearend`)."""
    out = binary_out(args)
    if out is None:
        return 2

    from softenv_core.render.results_workbook import write_results_workbook

    dataset = load_file(args.file)
    calendar = calendar_of(args)
    as_of = as_of_arg(getattr(args, "as_of", None))
    audience = audience_arg(args, dataset)
    # One call, the integrators' too (i36): `yearend` requires the year end, `assess` adds it
    # when the baseline is in force in the year.
    result, yearly = write_results_workbook(
        dataset,
        args.year,
        out,
        pm,
        audience=audience,
        with_year_end=True if yearend else None,
        lang=args.lang,
        calendar=calendar,
        as_of=as_of,
        progress=progress_of(),
    )
    say_written(args)
    warn_provisional(result.provisional if yearly is None else yearly.provisional, args.lang)
    warn_records_end(yearly.notices if yearly is not None else (), args.lang)
    return 0
