"""Workbook import and export at scale (issue 17; results in docs/performance.md).

    uv run python benchmarks/office.py --factor 1 --runs 3     # the province: ≈ 13 million cells

Times, for the same data: loading it from JSON (parse + structure + validate), writing it as
the office workbook (XlsxWriter, constant_memory), reading the workbook's cells with python-calamine
and with openpyxl's read-only mode, and the whole import (calamine + cell conversion +
the same checks as JSON). Medians of ``--runs`` runs.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from generate import scaled

from softenv_core.io.dataset_files import loads_dataset
from softenv_core.io.workbook_read import read_workbooks
from softenv_core.io.workbook_write import write_workbook

CPU: list[float] = []  # the CPU time of the last _median, beside its wall time


def _median(fn: Callable[[], Any], runs: int) -> tuple[float, Any]:
    """Median wall time of ``runs`` calls (and their median CPU time in CPU[-1]): the machine is
    shared, and a single-threaded stage's CPU time is its wall time on a quiet machine."""
    times, cpu, result = [], [], None
    for _ in range(runs):
        t, c = time.perf_counter(), time.process_time()
        result = fn()
        times.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    CPU.append(statistics.median(cpu))
    return statistics.median(times), result


def _calamine_cells(path: Path) -> int:
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path))
    return sum(len(r) for name in book.sheet_names for r in book.get_sheet_by_name(name).to_python())


def _openpyxl_cells(path: Path) -> int:
    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=True)
    n = sum(len(r) for ws in wb.worksheets for r in ws.iter_rows(values_only=True))
    wb.close()
    return n


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--factor", type=float, default=0.1)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--skip-openpyxl", action="store_true", help="openpyxl's reader takes minutes at province scale")
    args = ap.parse_args()
    text = json.dumps(scaled(args.factor), ensure_ascii=False)
    with tempfile.TemporaryDirectory() as tmp:
        book = Path(tmp) / "province.xlsx"
        t_load, dataset = _median(lambda: loads_dataset(text), args.runs)
        print(f"factor {args.factor}: {len(dataset.points)} points", flush=True)
        print(f"  JSON load          {t_load:7.2f} s  (CPU {CPU[-1]:.2f} s)", flush=True)
        t_write, _ = _median(lambda: write_workbook(dataset, book), args.runs)
        size = book.stat().st_size / 1e6
        print(f"  export (write)     {t_write:7.2f} s  (CPU {CPU[-1]:.2f} s; {size:.0f} MB xlsx)", flush=True)
        t_cal, cells = _median(lambda: _calamine_cells(book), args.runs)
        print(f"  calamine cells     {t_cal:7.2f} s  (CPU {CPU[-1]:.2f} s; {cells:,} cells)", flush=True)
        if not args.skip_openpyxl:
            t_opx = _median(lambda: _openpyxl_cells(book), 1)[0]
            print(f"  openpyxl read-only {t_opx:7.2f} s  (CPU {CPU[-1]:.2f} s; one run)", flush=True)
        t_import, back = _median(lambda: read_workbooks([book]), args.runs)
        print(
            f"  import             {t_import:7.2f} s  (CPU {CPU[-1]:.2f} s; {t_import / t_load:.2f} x JSON load)",
            flush=True,
        )
        assert back == dataset


if __name__ == "__main__":
    main()
