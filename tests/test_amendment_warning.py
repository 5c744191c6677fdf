"""An amendment (月报修改) is the whole report as amended: one that leaves out items of the version
it amends drops them, and ``validate`` and ``import`` say so (t5 08: a clerk who "补报一项" through
月报修改, as office.md once told her, dropped the report's six other matters without a word)."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from softenv_core.cli.output import problem_text
from softenv_core.io.dataset_files import dataset_json, dataset_warnings
from softenv_core.io.workbook_starter import starter_dataset
from softenv_core.model.reports import Item, ItemCategory

from .office_cli import run
from .starter_book import load_workbook

openpyxl = pytest.importorskip("openpyxl")


def _two_matters():
    """The starter dataset, its report (R-379902-2025-03) listing a second matter of another
    category in the original; its amendment keeps the first matter (reworded) only."""
    ds = starter_dataset()
    report = ds.reports[0]
    other = Item(ItemCategory.OTHER, "反映办事指南不清楚", None, report.items[0].point)
    report = attrs.evolve(report, items=(*report.items, other))
    return attrs.evolve(ds, reports=(report,))


def _dropping(ds):
    return [w for w in dataset_warnings(ds) if "leaves out" in w]


def test_an_amendment_leaving_out_a_matter_is_a_warning_in_both_languages():
    (warning,) = _dropping(_two_matters())
    assert warning.startswith(
        "$.reports[0] (R-379902-2025-03).amendments[0]: amendment 1 of report R-379902-2025-03 "
        "leaves out 1 of the 2 item(s) of the original report"
    )
    assert problem_text(warning, "zh") == (
        "$.reports[0] (R-379902-2025-03).amendments[0]: 月报 R-379902-2025-03 的修改 1 不再包含原报的 2 项"
        "事项中的 1 项，这些事项视为删除（月报修改是修改后的完整月报）；如只是补报一项，请把原有事项一并填入修改"
    )


def test_a_reworded_matter_a_zero_report_amendment_and_the_starter_are_not_told():
    assert _dropping(starter_dataset()) == []  # the starter's amendment rewords its one matter
    ds = _two_matters()
    report = ds.reports[0]
    zero = attrs.evolve(report.amendments[0], items=(), nothing_to_report=True)
    assert _dropping(attrs.evolve(ds, reports=(attrs.evolve(report, amendments=(zero,)),))) == []
    whole = attrs.evolve(report.amendments[0], items=report.items)
    assert _dropping(attrs.evolve(ds, reports=(attrs.evolve(report, amendments=(whole,)),))) == []


def test_a_second_amendment_is_compared_with_the_first():
    ds = _two_matters()
    report = ds.reports[0]
    first = attrs.evolve(report.amendments[0], items=report.items)  # both matters stand
    added = Item(ItemCategory.FEES, "补报:检测收费偏高", "city-dept", None)
    second = attrs.evolve(first, submitted_at=first.submitted_at.replace(day=9), items=(added,))
    (warning,) = _dropping(attrs.evolve(ds, reports=(attrs.evolve(report, amendments=(first, second)),)))
    assert "amendment 2 of report R-379902-2025-03 leaves out 2 of the 2 item(s) of amendment 1:" in warning
    assert "月报 R-379902-2025-03 的修改 2 不再包含修改 1 的全部 2 项事项，" in problem_text(warning, "zh")


def _kept(title: str, row: tuple[object, ...]) -> bool:
    """The starter's 月报修改 row and its amendment's 月报事项 row (修改序号 1), nothing else."""
    return title == "月报修改" or (title == "月报事项" and str(row[1]) == "1")


def _amendment_only(starter: Path, out: Path) -> Path:
    """A month's workbook holding only the starter's amendment of its report."""
    wb = load_workbook(starter / "软环境监测点.xlsx")
    for ws in wb.worksheets:
        if ws.title in ("说明", "选项"):
            continue
        drop = [r for r in range(3, ws.max_row + 1) if not _kept(ws.title, tuple(c.value for c in ws[r]))]
        for r in reversed(drop):
            ws.delete_rows(r)
    wb.save(out)
    return out


def test_validate_and_import_tell_the_clerk(starter, tmp_path, capsys):
    ds = _two_matters()
    bare = attrs.evolve(ds, reports=(attrs.evolve(ds.reports[0], amendments=()),))
    into = tmp_path / "d.json"
    into.write_text(dataset_json(bare), encoding="utf-8")
    said = "月报 R-379902-2025-03 的修改 1 不再包含原报的 2 项事项中的 1 项"
    code, out, err = run(capsys, "validate", into)
    assert code == 0 and said not in out  # before the amendment: nothing to tell
    code, out, err = run(capsys, "import", _amendment_only(starter, tmp_path / "4月.xlsx"), "--into", into)
    assert code == 0 and said in err, err
    code, out, err = run(capsys, "validate", into)
    assert code == 0 and f"提示：$.reports[0] (R-379902-2025-03).amendments[0]: {said}" in out
