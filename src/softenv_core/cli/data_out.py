"""Where a command writes its data (JSON, CSV, a report, the dataset): the standard output as it
was when the command began. While the command runs, ``sys.stdout`` is the standard error, so that
a county plugin's ``print`` (a debug line left in a rule, which runs inside ``assess``) goes to
stderr with the other messages and never into the JSON or the report on stdout, which a program
reads whole (`softenv assess … --format json | jq`): stdout carries data only (docs/cli.md).

The command's own writes go through :func:`data_out`. ``softenv serve`` is left as it is: the
server's access log is its output.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

_DATA: list[TextIO] = []


def data_out() -> TextIO:
    """The command's standard output (``sys.stdout`` outside a command: a program calling the
    command functions itself)."""
    return _DATA[-1] if _DATA else sys.stdout


@contextmanager
def stray_prints_to_stderr() -> Iterator[None]:
    """Run a command with ``sys.stdout`` set to ``sys.stderr``, its data written to
    :func:`data_out`; the standard output put back after, whatever ran in between did to it."""
    saved = sys.stdout
    _DATA.append(saved)
    sys.stdout = sys.stderr
    try:
        yield
    finally:
        sys.stdout = saved
        _DATA.pop()


__all__ = ["data_out", "stray_prints_to_stderr"]
