"""A county clerk's findings (clerk c40), part 2: full_width, the clerk's Chinese with full-width
punctuation (，；：（）) as the reports write it, ids, paths, numbers, English and typed values
left as they are (not yet wired into the CLI's messages: docs/cli.md); and a part of a
department's or an enterprise's name told the nearest names."""

from __future__ import annotations

import pytest

from softenv_core.cli.zh_punct import full_width

from .office_cli import run
from .starter_book import edited_starter

openpyxl = pytest.importorskip("openpyxl")


@pytest.mark.parametrize(
    ("said", "shown"),
    [
        (
            "校验位错误:按前 17 位,第 18 位应为 K,现为 3(也可能是前 17 位抄错了) — $.points[0].enterprise.uscc",
            "校验位错误：按前 17 位，第 18 位应为 K，现为 3（也可能是前 17 位抄错了） — $.points[0].enterprise.uscc",
        ),
        (  # the location's record header is Chinese too; the sheet!cell stays as typed
            "监测点!D3 (P379921-001 统一社会信用代码): 校验位错误",
            "监测点!D3（P379921-001 统一社会信用代码）：校验位错误",
        ),
        (  # the English tag after the Chinese stays English
            "d.json 已经存在,不会覆盖;要重建请加 --force (not replaced without --force)",
            "d.json 已经存在，不会覆盖；要重建请加 --force (not replaced without --force)",
        ),
        (  # an option's colon and a syntax to type (county:县区代码) are kept
            "参数 --month: 月份写两位:2025-03,而不是 '2025-3' (argument --month: two digits: 2025-03, not '2025-3')",
            "参数 --month: 月份写两位：2025-03，而不是 '2025-3' (argument --month: two digits: 2025-03, not '2025-3')",
        ),
        ("应为 city、county:县区代码、point:监测点编号", "应为 city、county:县区代码、point:监测点编号"),
        (  # a typed value is shown as typed, its commas and colons too
            "未知的部门 '人社局,劳动:科':这是名称,请写部门编号 city-hrss",
            "未知的部门 '人社局,劳动:科'：这是名称，请写部门编号 city-hrss",
        ),
        ("其中有起步工作簿(softenv init)的示例记录", "其中有起步工作簿（softenv init）的示例记录"),
        ("'p1'(是否应为 'P1'?)", "'p1'（是否应为 'P1'？）"),
        ("不能写入 -:“-”(标准输出)只用于文本", "不能写入 -：“-”（标准输出）只用于文本"),
        (
            "数据集中没有县区 379999(县区代码: 379902 东城区、379903 西城区)",
            "数据集中没有县区 379999（县区代码：379902 东城区、379903 西城区）",
        ),
        ("1,234 个, 共 5.5 万元", "1,234 个，共 5.5 万元"),  # a number's comma and point are the number's
        ("no Chinese here: (x), y; z", "no Chinese here: (x), y; z"),
    ],
)
def test_full_width_changes_the_chinese_punctuation_only(said, shown):
    assert full_width(said) == shown
    assert full_width(shown) == shown  # said twice (an error's problem lines) is said the same


def test_a_part_of_a_departments_name_is_told_the_nearest_names(starter, tmp_path, capsys):
    """Before: `未知的部门 '市场监管局'` and nothing more, where the department is 市市场监管局
    (city-amr): the clerk typed the name she says aloud."""
    book = edited_starter(starter, tmp_path / "b.xlsx", {"联系事项": {"department": "市场监管局"}})
    code, _, err = run(capsys, "import", book, "--out", tmp_path / "d.json")
    assert code == 1
    assert (
        "未知的部门 '市场监管局'：没有这个名称的部门，名称相近的有 city-amr（市市场监管局）；请写其中一个的部门编号"
    ) in err


def test_a_short_name_is_told_every_department_it_is_a_part_of(starter, tmp_path, capsys):
    """人社局 is a part of 市人社局 and of 青山县人社局: both are named, each with its id."""
    wb = openpyxl.load_workbook(starter / "软环境监测点.xlsx")
    ws = wb["部门"]
    ws.append(["city-hrss", "市人社局", None, None])
    ws.append(["qs-hrss", "示范区人社局", "379902", None])
    wb["联系事项"]["E3"] = "人社局"
    wb.save(tmp_path / "b.xlsx")
    code, _, err = run(capsys, "import", tmp_path / "b.xlsx", "--out", tmp_path / "d.json")
    assert code == 1
    assert "名称相近的有 city-hrss（市人社局）、qs-hrss（示范区人社局）；请写其中一个的部门编号" in err


def test_a_name_typed_a_little_wrong_is_told_the_nearest(starter, tmp_path, capsys):
    book = edited_starter(starter, tmp_path / "b.xlsx", {"联系事项": {"department": "市市场监督局"}})
    code, _, err = run(capsys, "import", book, "--out", tmp_path / "d.json")
    assert code == 1 and "名称相近的有 city-amr（市市场监管局）" in err


def test_a_part_of_an_enterprises_name_in_a_point_cell_is_told_its_id(starter, tmp_path, capsys):
    book = edited_starter(starter, tmp_path / "b.xlsx", {"联系记录": {"point": "示范精密机械"}})
    code, _, err = run(capsys, "import", book, "--out", tmp_path / "d.json")
    assert code == 1
    assert "'示范精密机械' 无效：没有这个名称的监测点，名称相近的有 P379902-001（示范精密机械有限公司）" in err


def test_one_character_is_no_hint(starter, tmp_path, capsys):
    """A single character is a part of too many names: no list of guesses."""
    book = edited_starter(starter, tmp_path / "b.xlsx", {"联系事项": {"department": "局"}})
    code, _, err = run(capsys, "import", book, "--out", tmp_path / "d.json")
    assert code == 1 and "未知的部门 '局'" in err and "名称相近" not in err
