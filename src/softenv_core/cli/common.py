"""What every command shares: the collector pause, the calendar, progress, loading, printing
and the arguments that name an instant or an audience."""

from __future__ import annotations

import argparse
import functools
import stat
import sys
import unicodedata
from collections.abc import Callable, Iterable
from datetime import date, datetime
from pathlib import Path

from softenv_core._perf import paused_gc
from softenv_core.analyses.audiences import Audience, AudienceKind
from softenv_core.analyses.county_names import audience_as_typed, audience_county_name, county_by_name
from softenv_core.analyses.records_end import is_records_end
from softenv_core.cli.data_out import data_out
from softenv_core.cli.out_file import check_out
from softenv_core.cli.output import STDOUT, write_atomic
from softenv_core.cli.written import say_written
from softenv_core.engine.manager import SoftenvPluginManager
from softenv_core.errors import FieldInvalid, InputError, SoftenvError
from softenv_core.io.calendar_files import load_arrangements
from softenv_core.io.cell_hints import CHINESE_DAY, day_problem
from softenv_core.io.dataset_files import load_dataset
from softenv_core.model.dataset import Dataset
from softenv_core.model.periods import Month, offset_past_59
from softenv_core.render.escape import terminal
from softenv_core.render.notices import zh_notice
from softenv_core.workdays.calendar import PROVISIONAL_NOTICE, CalendarMode, WorkCalendar

Command = Callable[[argparse.Namespace, SoftenvPluginManager], int]


def batch(command: Command) -> Command:
    """Run ``command`` with the cyclic collector paused: a command is one batch in its own
    process (loading a province makes millions of acyclic objects that the collector would
    walk again and again). The library never pauses it itself: another thread may share
    the interpreter. The collector's state is restored afterwards, whatever happens."""

    @functools.wraps(command)
    def run(args: argparse.Namespace, pm: SoftenvPluginManager) -> int:
        with paused_gc():
            return command(args, pm)

    return run


def calendar_of(args: argparse.Namespace) -> WorkCalendar:
    arrangements = load_arrangements(Path(args.calendar)) if args.calendar else ()
    mode = CalendarMode.PROVISIONAL if args.provisional else CalendarMode.STRICT
    return WorkCalendar(mode, arrangements)


def progress_of() -> Callable[[str, int, int], None] | None:
    """A one-line progress display on stderr, only when it is a terminal."""
    if not sys.stderr.isatty():
        return None

    def show(stage: str, done: int, total: int) -> None:
        end = "\n" if stage == "points" and done == total else ""
        sys.stderr.write(f"\r  {stage}: {done}/{total}   {end}")
        sys.stderr.flush()

    return show


#: The first bytes of an Office file: a zip (xlsx, docx) or, before 2007, an OLE file (xls, doc).
_ZIP, _OLE = b"PK\x03\x04", b"\xd0\xcf\x11\xe0"


def _refuse_office_file(path: Path) -> None:
    """A workbook (or Word file) given where a JSON dataset is read: say what to do with it,
    rather than "not UTF-8", which sends the clerk to re-save it as text (clerk finding 20)."""
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            return  # a pipe or FIFO (/dev/stdin) gives its bytes once: they are the loader's
        with path.open("rb") as fh:
            head = fh.read(4)
    except OSError:
        return  # load_dataset tells what is wrong with the path, in its words
    name = path.name
    if head == _ZIP and path.suffix.lower() == ".docx":
        problem = "$: a Word document, not a JSON dataset: give the dataset file (.json)"
    elif head == _ZIP:
        problem = f"$: an Excel workbook, not a JSON dataset: first run softenv import {name} --out dataset.json"
    elif head == _OLE:
        problem = "$: an old Excel or Word file (.xls/.doc), not a JSON dataset: save it as .xlsx, then import it"
    else:
        return
    raise InputError([problem], str(path))


def load_file(path: str) -> Dataset:
    _refuse_office_file(Path(path))
    return load_dataset(Path(path))


def emit(text: str, args: argparse.Namespace) -> None:
    """Print ``text``, or write it to the ``--out`` file (``--out -``: printed, as in other tools)
    and say on stderr what was written where. The file is checked first (cli/out_file.py: main
    has checked it before the work; a caller of the command function, here)."""
    if getattr(args, "out_is_file", False) and args.out and args.out != STDOUT:
        check_out(args)
        write_atomic(Path(args.out), text)
        say_written(args)
        return
    data_out().write(text)


def warn_provisional(provisional: bool, lang: str = "zh") -> None:
    """The ``! provisional: …`` line ``softenv assess`` prints in its summary, on stderr for a
    report or year end: their output (JSON, Markdown, a file) stays the document alone."""
    if provisional:
        sys.stderr.write(f"  ! {zh_notice(PROVISIONAL_NOTICE) if lang == 'zh' else PROVISIONAL_NOTICE}\n")


def warn_records_end(notices: Iterable[str], lang: str = "zh") -> None:
    """The year end's notice that its records end before the months it scores as 未报
    (analyses.records_end), on stderr too: a clerk reading only the command's hint, or a
    workbook's first sheet, is told the data may be partial (integrator i43)."""
    for notice in notices:
        if is_records_end(notice):
            sys.stderr.write(f"  ! {terminal(zh_notice(notice) if lang == 'zh' else notice)}\n")


def parsed_month(text: str) -> Month:
    """``--month``'s text as a Month. The parser has checked it (``arguments.month_arg``, which
    gives the text); a namespace built by a caller is refused naming the option, not parse's
    own argument."""
    try:
        return Month.parse(text)
    except FieldInvalid as exc:
        raise SoftenvError(f"--month: {exc.message}") from None


def as_of_arg(text: str | None) -> datetime | None:
    """``--as-of``: an aware ISO 8601 instant (the results never depend on the clock)."""
    if text is None:
        return None
    example = "2026-01-06T00:00:00+08:00"
    # A day as a clerk writes it (2025年3月20日): the example is that day's, as for 2025-03-20 (c50);
    # a day no calendar has (2025年2月30日) is told which part is wrong, not given as the example (r52 08).
    if day := CHINESE_DAY.match(unicodedata.normalize("NFKC", text).strip()):
        y, m, d = map(int, day.groups())
        try:
            example = f"{date(y, m, d).isoformat()}T00:00:00+08:00"
        except ValueError:
            zh = f"--as-of {text!r} 不是有效日期{day_problem(y, m, d)}"
            raise SoftenvError(f"--as-of: {text!r} is not a day the calendar has", zh=zh) from None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise SoftenvError(
            f"--as-of: {text!r} is not an ISO 8601 date and time",
            zh=f"--as-of {text!r} 不是有效的时刻，请写成 {example}（北京时间）",
        ) from None
    if offset_past_59(text) is not None:  # fromisoformat read +08:99 as +09:39 (i30)
        raise SoftenvError(
            f"--as-of: {text!r}: the offset's minutes are past 59; e.g. {example}",
            zh=f"--as-of {text!r} 的时区分钟超过 59，请写成 {example}（北京时间）",
        )
    if moment.utcoffset() is None:
        example = f"{text if len(text) > 10 else f'{text}T00:00:00'}+08:00"  # a date alone needs a time too
        raise SoftenvError(
            f"--as-of: {text!r} has no UTC offset: add one, e.g. {example}",
            zh=f"--as-of {text!r} 缺少时区，请写成 {example}（+08:00 即北京时间）",
        )
    if not 1900 <= moment.year <= 2999:  # converting it to Beijing time could overflow
        raise SoftenvError(
            f"--as-of: {text!r} is out of the supported years 1900-2999",
            zh=f"--as-of {text!r} 超出支持的年份 1900-2999",
        )
    return moment


def audience_arg(args: argparse.Namespace, dataset: Dataset | None = None) -> Audience:
    """``--audience``: who the output is for (the city office by default: the CLI's users).
    With the ``dataset``, a county it does not have is refused here, listing its codes with
    their names (t5 07); a county's name stands for its code (``county:青山县``) where the dataset
    gives that name to one county (clerk c41)."""
    text = audience_as_typed(getattr(args, "audience", None) or "city")
    name = audience_county_name(text)
    if dataset is not None and name is not None:
        # A county's name where its code belongs, as the dataset names it (clerk c41).
        try:
            text = f"county:{county_by_name(dataset, name, '--audience county:').code}"
        except SoftenvError as exc:
            raise _audience_error(str(exc), getattr(exc, "zh", None) or str(exc), text, dataset) from None
    try:
        aud = Audience.parse(text)
    except SoftenvError as exc:
        zh = (
            f"阅读范围 {text!r} 的写法不对：应为 city、public、county:县区代码或名称、"
            "department:部门编号 或 point:监测点编号"
        )
        raise _audience_error(str(exc), zh, text, dataset) from None
    if dataset is not None and aud.kind is AudienceKind.COUNTY and aud.key not in dataset.county_by_code:
        raise _audience_error(
            f"audience {aud}: no such county in the dataset", f"数据集中没有县区 {aud.key}", text, dataset
        )
    if dataset is not None:
        args.reach_name = reach_name(aud, dataset)  # for the 已写入 line (cli/written.py)
    return aud


def reach_name(aud: Audience, dataset: Dataset) -> str | None:
    """A county or department audience as the clerk knows it, its name with its code:
    青山县（379921）, 市人社局（city-hrss）; None for another audience or an id not in ``dataset``
    (the 已写入 line then names it by code, as before: clerk c40)."""
    if aud.kind is AudienceKind.COUNTY and (county := dataset.county_by_code.get(aud.key or "")):
        return f"{county.name}（{county.code}）"
    if aud.kind is AudienceKind.DEPARTMENT and (dept := dataset.department_by_id.get(aud.key or "")):
        return f"{dept.name}（{dept.id}）"
    return None


def _audience_error(en: str, zh: str, text: str, dataset: Dataset | None) -> SoftenvError:
    """The refusal, with the county the text names by name, and every county's code."""
    counties = dataset.counties if dataset is not None else ()
    name = text.rpartition(":")[2].strip()
    # A name two counties share is one's code no more than the other's (county_names lists both).
    same = [c for c in counties if c.name == name]
    named = same[0] if len(same) == 1 else None
    if named is not None:
        zh += f"；{name} 的代码是 {named.code}，请写 --audience county:{named.code}"
        en += f"; {name} is county:{named.code}"
    if counties:
        zh += "（县区代码：" + "、".join(f"{c.code} {c.name}" for c in counties) + "）"
        en += " (county codes: " + ", ".join(f"{c.code} {c.name}" for c in counties) + ")"
    return SoftenvError(en, zh=zh)


def binary_out(args: argparse.Namespace) -> Path | None:
    """The --out file a docx or xlsx result needs; a usage error (exit 2) without it."""
    if not getattr(args, "out", None):
        if getattr(args, "lang", "zh") == "zh":
            name = "报告.docx" if args.format == "docx" else "结果.xlsx"
            said = f"--format {args.format} 要写成文件，请用 --out 给出文件名，例如 --out {name}"
        else:
            said = f"--format {args.format} writes a file: give --out FILE"
        sys.stderr.write(f"softenv: error: {said}\n")
        return None
    check_out(args)  # as main checked it (cli/out_file.py): answered at once the second time
    return Path(args.out)
