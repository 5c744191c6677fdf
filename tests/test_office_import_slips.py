"""Slips a county clerk makes with the workbook import, each told in plain Chinese rather than
misread (tester tclerk's findings 03, 04, 07, 08, 10, 13, 14, 15, 17)."""

from __future__ import annotations

from pathlib import Path

import pytest

openpyxl = pytest.importorskip("openpyxl")

from .office_cli import run  # noqa: E402


def _edited(starter: Path, tmp_path: Path, edit, name: str = "edited.xlsx") -> Path:
    wb = openpyxl.load_workbook(starter / "软环境监测点.xlsx")
    edit(wb)
    out = tmp_path / name
    wb.save(out)
    return out


# --- the file given is not a workbook to read ------------------------------------------------


def test_excel_lock_file_is_named_as_such(starter, tmp_path, capsys):
    lock = tmp_path / "~$软环境监测点.xlsx"
    lock.write_bytes(b"\x0cwangfang" + bytes(52))  # what Excel writes beside an open workbook
    code, _, err = run(capsys, "import", starter / "软环境监测点.xlsx", lock, "--out", tmp_path / "d.json")
    assert code == 1 and not (tmp_path / "d.json").exists()
    assert "~$软环境监测点.xlsx: 这是 Excel 打开工作簿时生成的临时锁定文件,请关闭 Excel 后重试或不要选择它" in err
    assert "另存为" not in err
