"""Review d1 of the day's merged branches (c41, i38, r37, x41, a43): where two of them meet,
each case failing before its fix."""

from __future__ import annotations

import pytest

from softenv_core.io.workbook_starter import starter_dataset

from .office_cli import run
from .test_clerk_c41 import _two_counties

pytest.importorskip("openpyxl")


def test_a_name_two_counties_share_is_not_then_said_to_be_the_first_ones(tmp_path, capsys):
    """c41's refusal of ``county:示范区`` when two counties bear the name lists both codes and
    asks for one; the older hint after it (t5 07's, for a name typed where a code belongs) then
    said ``示范区 的代码是 379902，请写 --audience county:379902``, as if the name were the first
    county's alone: the guess county_names refuses to make."""
    path, county = _two_counties(tmp_path, starter_dataset().counties[0].name)
    code, _, err = run(capsys, "assess", path, "--year", "2025", "--audience", f"county:{county.name}")
    assert code == 1 and "数据集中有 2 个县区名为" in err, err
    assert "的代码是" not in err, err
    code, _, err = run(capsys, "assess", path, "--year", "2025", "--audience", f"county:{county.name}", "--lang", "en")
    assert code == 1 and "names 2 counties" in err, err
    assert f"{county.name} is county:" not in err, err
