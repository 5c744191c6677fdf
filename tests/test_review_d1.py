"""Review d1 of the day's merged branches (c41, i38, r37, x41, a43): where two of them meet,
each case failing before its fix."""

from __future__ import annotations

import re
from pathlib import Path

import attrs
import pytest

from softenv_core.analyses.redaction_plugin import UNDECLARED_REASON, WITHHELD_CONDITION, WITHHELD_REASON
from softenv_core.cli.output import problem_text
from softenv_core.io.dataset_files import dataset_json, dataset_warnings
from softenv_core.io.json_text import NOT_UTF8_GBK_ZH
from softenv_core.io.workbook_messages import zh_problem
from softenv_core.io.workbook_starter import starter_dataset
from softenv_core.model.divisions import County, CountyKind
from softenv_core.model.points import Designator

from . import test_service_problems_zh as service_walk
from .office_cli import run
from .test_roster_authority import _removed

ROOT = Path(__file__).resolve().parent.parent
#: i38's walk of every problem the service gives (the fixture is registered by its own name, walk).
walk = service_walk.walk


def _two_counties(tmp_path: Path, second_name: str) -> tuple[Path, County]:
    """The starter dataset with a second county 379903 named ``second_name`` (as c41's test)."""
    ds = starter_dataset()
    other = County("379903", second_name, CountyKind.COUNTY, f"{second_name}经贸委")
    ds = attrs.evolve(ds, counties=(*ds.counties, other))
    path = tmp_path / "d.json"
    path.write_text(dataset_json(ds), encoding="utf-8")
    return path, ds.counties[0]


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


@pytest.mark.parametrize("page", ["docs/hooks.md", "docs/privacy.md"])
def test_the_docs_quote_the_withheld_reasons_as_the_library_writes_them(page):
    """r37 made the withheld reasons templates, c41 their comma full-width; the merge wrote
    ``本规则的计分依据涉及直接反馈，明细由…掌握`` while docs/hooks.md and docs/privacy.md kept
    quoting it with the half-width comma a plugin author would compare with."""
    text = "".join(line.strip() for line in (ROOT / page).read_text(encoding="utf-8").splitlines())
    for reason in (WITHHELD_REASON, UNDECLARED_REASON, WITHHELD_CONDITION):
        assert reason in text, (page, reason)


def test_docs_rules_quotes_the_unrecorded_addition_warning_as_the_clerk_reads_it():
    """c41 rewrote the warning's Chinese (名册调整（增设）记录。确定日期是…); docs/rules.md kept
    quoting the old ``名册调整(增设)记录: …``."""
    text = " ".join(line.strip() for line in (ROOT / "docs/rules.md").read_text(encoding="utf-8").splitlines())
    quoted = re.search(r"`(确定日期 2025-09-15 在 2025 年内[^`]*)…`", text)
    assert quoted is not None
    english = (
        "$.points[1] (P-2).designated_from: 2025-09-15 falls in 2025, a year the reports cover, "
        "but no roster change (名册调整) adds P-2: designated_from is the day"
    )
    assert problem_text(english, "zh").partition(": ")[2].startswith(quoted[1])


def test_every_chinese_wording_the_service_walk_meets_is_full_width(walk):  # type: ignore[no-untyped-def]
    """i38 wrote the service's problems' zh full-width and checked the ones it listed; c41 made
    the year before the baseline's full-width but for ``无年终工作可编制: 可查询 …`` (yearend and
    explain). Every answer of i38's walk is read here, not a list of them."""
    half = [
        (name, d["zh"])
        for name, answer in walk["answers"].items()
        for d in service_walk._details(answer)
        if service_walk.HALF_WIDTH.search(d["zh"])
    ]
    assert not half, half


def test_explain_with_a_name_no_county_bears_still_lists_the_codes(tmp_path, capsys):
    """c33 made ``explain --county 东山县`` list every county's code, as ``--audience`` does; c41's
    names path refused a name near no county's with ``数据集中没有名为 '东山县' 的县区`` alone (the
    audience's refusal still lists them), and one two counties bear with the first's code."""
    path, county = _two_counties(tmp_path, "青山县")
    code, _, err = run(capsys, "explain", path, "--year", "2025", "--county", "东山县")
    assert code == 1 and "数据集中没有名为 '东山县' 的县区" in err, err
    assert f"（县区代码：{county.code} {county.name}、379903 青山县）" in err, err
    code, _, err = run(capsys, "explain", path, "--year", "2025", "--county", "东山县", "--lang", "en")
    assert code == 1 and f"(county codes: {county.code} {county.name}, 379903 青山县)" in err, err
    path, county = _two_counties(tmp_path, county.name)
    code, _, err = run(capsys, "explain", path, "--year", "2025", "--county", county.name)
    assert code == 1 and "数据集中有 2 个县区名为" in err and "县区代码：" in err, err
    assert "的代码是" not in err, err


def test_the_gbk_refusal_is_full_width_and_docs_reliability_quotes_it():
    """c41 made its commas full-width but left ``GBK (中文 Windows 记事本的“ANSI”)``;
    docs/reliability.md kept quoting the half-width text from before c41."""
    assert "GBK（中文 Windows 记事本的“ANSI”）" in NOT_UTF8_GBK_ZH, NOT_UTF8_GBK_ZH
    text = (ROOT / "docs/reliability.md").read_text(encoding="utf-8")
    quoted = re.search(r"`(\$: 文件不是 UTF-8 编码[^`]*)`", text)
    assert quoted is not None
    for part in quoted[1].split("…"):
        assert part in NOT_UTF8_GBK_ZH, (part, NOT_UTF8_GBK_ZH)


def test_the_roster_authority_warning_is_full_width_after_its_place():
    """c41 rewrote this warning's Chinese and left ``的确定方式为市($.points[1].designated_by): 按…``,
    a half-width bracket and colon inside the sentence (the place before the problem keeps its
    ``: ``)."""
    ds = _removed(1, Designator.COUNTY)  # P-379902-2: 县区 level, designated by the city
    (warning,) = [w for w in dataset_warnings(ds) if "roster_changes" in w]
    place, _, zh = zh_problem(warning).partition(": ")
    assert place == "$.roster_changes[0] (RC1).by"
    assert "的确定方式为市确定（$.points[1].designated_by）：按县区的调整" in zh, zh
    assert not service_walk.HALF_WIDTH.search(zh), zh
