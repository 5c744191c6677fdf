"""What every command shares: the collector pause, the calendar, progress, loading, printing
and the arguments that name an instant or an audience."""

from __future__ import annotations

import argparse
import functools
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from softenv_core._perf import paused_gc
from softenv_core.analyses.monitoring_report import Audience
from softenv_core.analyses.report_rows import PROVISIONAL_NOTICE
from softenv_core.cli.output import refuse_input, refuse_office_name, write_atomic
from softenv_core.engine.manager import SoftenvPluginManager
from softenv_core.errors import InputError, SoftenvError
from softenv_core.io.dataset_files import load_arrangements, load_dataset
from softenv_core.model.dataset import Dataset
from softenv_core.workdays.calendar import CalendarMode, WorkCalendar

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
    if getattr(args, "out_is_file", False) and args.out:
        inputs = [getattr(args, name, None) for name in ("file", "dataset", "calendar", "into")]
        refuse_input(Path(args.out), [Path(i) for i in inputs if isinstance(i, str)])
        refuse_office_name(Path(args.out), None)
        write_atomic(Path(args.out), text)
        return
    sys.stdout.write(text)


def warn_provisional(provisional: bool) -> None:
    """The ``! provisional: …`` line ``softenv assess`` prints in its summary, on stderr for a
    report or year end: their output (JSON, Markdown, a file) stays the document alone."""
    if provisional:
        sys.stderr.write(f"  ! {PROVISIONAL_NOTICE}\n")


def as_of_arg(text: str | None) -> datetime | None:
    """``--as-of``: an aware ISO 8601 instant (the results never depend on the clock)."""
    if text is None:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise SoftenvError(f"--as-of: {text!r} is not an ISO 8601 date and time") from None
    if moment.utcoffset() is None:
        example = text if len(text) > 10 else f"{text}T00:00:00"  # a date alone needs a time too
        raise SoftenvError(f"--as-of: {text!r} has no UTC offset: add one, e.g. {example}+08:00")
    if not 1900 <= moment.year <= 2999:  # converting it to Beijing time could overflow
        raise SoftenvError(f"--as-of: {text!r} is out of the supported years 1900-2999")
    return moment


def audience_arg(args: argparse.Namespace) -> Audience:
    """``--audience``: who the output is for (the city office by default: the CLI's users)."""
    return Audience.parse(getattr(args, "audience", None) or "city")


def binary_out(args: argparse.Namespace) -> Path | None:
    """The --out file a docx or xlsx result needs; a usage error (exit 2) without it."""
    if not getattr(args, "out", None):
        sys.stderr.write(f"softenv: error: --format {args.format} writes a file: give --out FILE\n")
        return None
    refuse_input(Path(args.out), [Path(args.file)])
    refuse_office_name(Path(args.out), f".{args.format}")
    return Path(args.out)
