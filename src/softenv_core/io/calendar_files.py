"""Reading a calendar file (日历文件): the official arrangements (State Council notices) a
deployment supplies for the years the calendar library does not know yet (docs/calendar.md).
Split from io/dataset_files.py, whose subject is the dataset document."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from softenv_core._validators import argument
from softenv_core.errors import InputError
from softenv_core.io.converter import parse_json, shared_converter
from softenv_core.io.structure_problems import structure_one
from softenv_core.workdays.calendar import YearArrangement

CALENDAR_SCHEMA = "softenv.calendar"


def load_arrangements(source: str | bytes | Path) -> tuple[YearArrangement, ...]:
    """Read supplied official arrangements (State Council notices) from a calendar file:
    ``{"schema": "softenv.calendar", "arrangements": [{"year", "reference", "holidays", "workdays"}]}``."""
    label = None
    argument(source, str | bytes | Path, "source", "the calendar file's text, bytes or Path")  # type: ignore[arg-type]
    if isinstance(source, Path):
        label = str(source)
        try:
            source = source.read_bytes()
        except OSError as exc:
            raise InputError([f"$: cannot read {label}: {exc.strerror}"], label) from None
    doc = parse_json(source, label)
    if not isinstance(doc, dict) or doc.get("schema") != CALENDAR_SCHEMA:
        raise InputError([f"$.schema: expected {CALENDAR_SCHEMA!r}"], label)
    raw = doc.get("arrangements")
    if not isinstance(raw, list):
        raise InputError(["$.arrangements: expected a list"], label)
    conv = shared_converter()
    out, problems = [], []
    for i, item in enumerate(raw):
        arr, errs = structure_one(conv, item, YearArrangement, f"$.arrangements[{i}]")
        problems += errs
        if arr is not None:
            out.append(arr)
    years = [a.year for a in out]
    problems += [f"$.arrangements: year {y} given twice" for y in sorted(set(years)) if years.count(y) > 1]
    if problems:
        raise InputError(problems, label)
    return tuple(out)


def calendar_text(arrangements: Iterable[YearArrangement]) -> str:
    """A calendar file's text holding ``arrangements`` (``softenv calendar new`` writes it), each
    year's days sorted, one a line, as a clerk checks them against the notice; read back with
    :func:`load_arrangements` before it is given, so it is a file ``--calendar`` takes as is."""
    doc = {
        "schema": CALENDAR_SCHEMA,
        "arrangements": [
            {
                "year": a.year,
                "reference": a.reference,
                "holidays": [d.isoformat() for d in sorted(a.holidays)],
                "workdays": [d.isoformat() for d in sorted(a.workdays)],
            }
            for a in arrangements
        ],
    }
    text = json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    load_arrangements(text)  # the same reader --calendar uses: what is written is what it reads
    return text


__all__ = ["CALENDAR_SCHEMA", "calendar_text", "load_arrangements"]
