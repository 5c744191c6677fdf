"""Reviewer r55: findings on the change fe5b2a48..4d1167af.

01. A second-half 万人评议 round opened in June (06-01 typed for 12-01) but closed in December
    loaded: its window reached back into the first half, so a point designated only until 06-30
    owed it. Refused by its ``$.opened`` (and its cell on import) as a June ``closed`` is.
03. The Word year end saved by its own way (``save_atomic``): a save that failed (a full disk)
    raised a bare OSError where the monthly report raised ``PathUnwritable``. Both Word writers
    now write through one function (docx_style.write_docx).
04. The Word year end's 发至 named a department by its id (发至：city-amr) where the monthly
    report names it: both headers are docx_style.audience_line, given the reader's name
    (``YearEnd.reader_name``).
05. The Word year end wrote an empty paragraph before the flagged-removal heading of section 三
    (``unqualified_lines`` begins each ground with a blank line, the Markdown's spacing).
06. The English year end said a removal for 连续三个月未联系上 the contacts contradict, and a
    nominee also proposed for removal, by the analyses' Chinese explanations where the 不合格
    lines are English: both now built from the fields; the Chinese lines are as they were.
07. ``UnqualifiedRemoval`` / ``check_unqualified_removals`` check removals for 连续三个月未联系上
    too: public names (integrators import them), so kept; their docstrings say both grounds.
08. The results workbook's 计入名额的监测点 cell read "—" (a count withheld to protect a
    complainant) for the city office given a year end written before ``active_point_ids``:
    now 无记录 / not recorded where the reader is given the ids, "—" where it is not.
"""

from __future__ import annotations

import errno
from datetime import date
from pathlib import Path
from typing import Any

import attrs
import pytest

import softenv_core as se
from softenv_core.model.appraisals import AppraisalRound
from softenv_core.model.periods import HalfYear
from softenv_core.testing import builders as b

from .demo_city import demo

R1 = AppraisalRound("A25H1", HalfYear(2025, 1), date(2025, 6, 1), date(2025, 6, 20))


def _rounds(*rounds: AppraisalRound) -> se.Dataset:
    return attrs.evolve(b.small_dataset(2025), appraisal_rounds=rounds)


# --- 01. a round opened before its half year ---------------------------------------------------


def test_01_a_second_half_round_opened_in_june_is_refused_by_its_opening() -> None:
    from softenv_core import InputError, loads_dataset
    from softenv_core.cli.output import problem_text
    from softenv_core.io.dataset_files import dataset_json

    typo = AppraisalRound("A25H2", HalfYear(2025, 2), date(2025, 6, 1), date(2025, 12, 15))
    with pytest.raises(InputError) as refused:
        loads_dataset(dataset_json(_rounds(R1, typo)))
    wanted = (
        "$.appraisal_rounds[1] (A25H2).opened: opens on 2025-06-01, before its half year 2025-H2 began on "
        "2025-07-01; a round is held in its half year or later"
    )
    assert list(refused.value.problems) == [wanted]
    assert problem_text(wanted, "zh").endswith(
        "开始日期 2025-06-01 早于所属期间 2025-H2 的开始日期 2025-07-01；万人评议轮次只能在其所属半年或之后举行"
    )
    with pytest.raises(InputError):  # a Dataset built in code is checked alike
        se.validate(_rounds(R1, typo))
    straddling = AppraisalRound("A25H2", HalfYear(2025, 2), date(2025, 6, 20), date(2025, 7, 1))
    with pytest.raises(InputError):
        se.validate(_rounds(R1, straddling))


def test_01_a_first_half_round_opened_the_year_before_is_refused_and_late_rounds_load() -> None:
    from softenv_core import InputError

    december = AppraisalRound("A25H1", HalfYear(2025, 1), date(2024, 12, 20), date(2025, 1, 10))
    with pytest.raises(InputError) as refused:
        se.validate(_rounds(december))
    assert [p.split(":")[0] for p in refused.value.problems] == ["$.appraisal_rounds[0] (A25H1).opened"]
    late_h1 = AppraisalRound("A25H1", HalfYear(2025, 1), date(2025, 7, 20), date(2025, 9, 1))
    h2_january = AppraisalRound("A25H2", HalfYear(2025, 2), date(2025, 12, 20), date(2026, 1, 15))
    se.validate(_rounds(late_h1, h2_january))


def test_01_a_workbook_import_names_the_opening_cell(tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")
    from softenv_core import InputError
    from softenv_core.io.workbook_read import read_workbooks
    from softenv_core.io.workbook_write import write_workbook

    typo = AppraisalRound("A25H2", HalfYear(2025, 2), date(2025, 6, 1), date(2025, 12, 15))
    write_workbook(_rounds(typo), tmp_path / "e.xlsx")
    with pytest.raises(InputError) as refused:
        read_workbooks([tmp_path / "e.xlsx"])
    (problem,) = refused.value.problems
    assert problem.startswith("评议轮次!C3 (A25H2 开始日期): 开始日期 2025-06-01 早于所属期间 2025-H2 的开始日期")
    assert problem.endswith("— $.appraisal_rounds[0].opened")


# --- 03. one writing path for both Word documents ----------------------------------------------


@pytest.mark.parametrize("document", ["report", "year end"])
def test_03_a_word_document_whose_save_fails_is_the_librarys_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, document: str
) -> None:
    pytest.importorskip("docx")
    from softenv_core.io import workbook_write
    from softenv_core.io.atomic import PathUnwritable
    from softenv_core.model.periods import Month
    from softenv_core.rules.registry import get_plugin_manager

    ds, pm = demo(2025, 20220301, 4, 3), get_plugin_manager(autoload=False)

    def full(doc: Any, path: Path, stamp: Any = None) -> None:  # a fault only the write meets
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    if document == "report":
        report = se.monitoring_report(ds, Month(2025, 3), pm, audience="city")
        write = lambda: se.write_report_docx(report, tmp_path / "r.docx")  # noqa: E731
    else:
        y = se.year_end(ds, 2025, pm, audience="city")
        write = lambda: se.write_yearend_docx(y, tmp_path / "y.docx")  # noqa: E731
    monkeypatch.setattr(workbook_write, "save_atomic", full)
    with pytest.raises(se.FieldInvalid, match="No space left") as refused:
        write()
    assert isinstance(refused.value, PathUnwritable) and refused.value.name == "path"
    assert refused.value.zh is not None and "磁盘已满" in refused.value.zh


# --- 04. the 发至 line names the reader as the monthly report does ------------------------------


def test_04_the_year_ends_header_names_a_department_and_a_county_as_the_monthly_reports_does() -> None:
    from softenv_core.model.periods import Month
    from softenv_core.render import docx_report, docx_yearend
    from softenv_core.rules.registry import get_plugin_manager

    ds, pm = demo(2025, 20220301, 4, 3), get_plugin_manager(autoload=False)
    dept, county = ds.departments[0], ds.counties[0]
    for audience, wanted in ((f"department:{dept.id}", dept.name), (f"county:{county.code}", f"{county.name}经贸委")):
        report = se.monitoring_report(ds, Month(2025, 3), pm, audience=audience)
        y = se.year_end(ds, 2025, pm, audience=audience)
        assert docx_report.audience_line(report) == docx_yearend.audience_line(y) == f"发至：{wanted}"
    y = se.year_end(ds, 2025, pm, audience="city")
    assert y.reader_name is None and docx_yearend.audience_line(y) == f"发至：{ds.city.office}"
    # A document written before the name was recorded reads as before: the county by its guarantees row.
    y = se.year_end(ds, 2025, pm, audience=f"county:{county.code}")
    old = se.YearEnd.from_json(y.to_json().replace(f'"reader_name": "{county.name}"', '"reader_name": null'))
    assert old.reader_name is None and docx_yearend.audience_line(old) == f"发至：{county.name}经贸委"


# --- 05. no empty paragraph before a flagged removal --------------------------------------------


def _section_three(y: se.YearEnd, path: Path) -> list[str]:
    docx = pytest.importorskip("docx")
    se.write_yearend_docx(y, path)
    paras = [p.text for p in docx.Document(str(path)).paragraphs]
    start = next(i for i, t in enumerate(paras) if t.startswith("三、"))
    end = next(i for i, t in enumerate(paras) if t.startswith("四、"))
    return paras[start:end]


def test_05_a_flagged_removal_in_word_has_no_blank_paragraph_before_its_heading(tmp_path: Path) -> None:
    from softenv_core.model.roster import ChangeReason

    from .test_audit_a59 import AFTER, _removals_year_end, _world

    flagged = _section_three(_removals_year_end(), tmp_path / "flagged.docx")
    plain = _section_three(
        se.year_end(_world({"PF": ChangeReason.UNREACHABLE}), 2025, audience="city", as_of=AFTER),
        tmp_path / "plain.docx",
    )
    heading = flagged.index("以“连续三个月未联系上”撤销、但当年联系记录并无此情形的：")
    assert flagged[heading + 1].startswith("RC-PX00：")
    # The flag adds its heading and its lines, and no empty paragraph.
    assert flagged.count("") == plain.count("")
    assert flagged[:heading] == plain


# --- 06. the English year end's removal flags in English -----------------------------------------


def _has_han(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def test_06_the_english_flags_are_english_but_for_the_grounds_name() -> None:
    from .test_audit_a59 import _commended, _removals_year_end

    en = se.render_yearend(_removals_year_end(), lang="en")
    flag = next(line for line in en.splitlines() if line.startswith("- ! RC-PX00"))
    assert flag == "- ! RC-PX00: PX00 removed as unreachable from 2026-01-01, but its contacts in 2025 show no such run"
    en = se.render_yearend(_commended(), lang="en")
    pair = next(line for line in en.splitlines() if line.startswith("- ! PF is also proposed"))
    assert not _has_han(pair.replace("（连续三个月未联系上）", "").replace("(连续三个月未联系上)", ""))
    zh = se.render_yearend(_commended())
    assert "- ! PF 同时在三、动态调整建议中被建议撤销（连续3个月未联系上：2025-03—2025-05）" in zh


# --- 07. the names kept, their docstrings saying both grounds -----------------------------------


def test_07_the_removal_check_keeps_its_public_names_and_says_it_covers_both_grounds() -> None:
    from softenv_core.analyses import unqualified_removals as module
    from softenv_core.analyses.year_end import YearEnd

    assert "UnqualifiedRemoval" in se.__all__ and se.UnqualifiedRemoval is module.UnqualifiedRemoval
    for doc in (module.__doc__, module.UnqualifiedRemoval.__doc__, module.check_unqualified_removals.__doc__):
        head = (doc or "").split("\n\n")[0]
        assert "考评不合格" in head and "连续三个月未联系上" in head, head
    assert "unqualified_removals" in attrs.fields_dict(YearEnd)


# --- 08. a field an older document lacks is not "hidden" ------------------------------------------


def _older(y: se.YearEnd) -> se.YearEnd:
    """``y`` as read back from a document written before ``active_point_ids`` was recorded."""
    import json

    doc = json.loads(y.to_json())
    for n in doc["commendation"]["counties"]:
        del n["active_point_ids"]
    return se.YearEnd.from_json(json.dumps(doc, ensure_ascii=False))


def _counted(y: se.YearEnd, lang: str) -> dict[str, object]:
    from softenv_core.render.yearend_parts import yearend_sheets

    title = "表彰推荐" if lang == "zh" else next(t for t, _, _ in yearend_sheets(y, "en") if "ommend" in t)
    _, rows = {name: sheet for name, sheet, _ in yearend_sheets(y, lang)}[title]
    return {str(r[0]): r[-1] for r in rows if str(r[0]).isdigit()}


def test_08_the_city_office_reads_not_recorded_where_an_older_document_has_no_ids() -> None:
    from softenv_core.rules.registry import get_plugin_manager

    ds, pm = demo(2025, 20220301, 4, 3), get_plugin_manager(autoload=False)
    city = se.year_end(ds, 2025, pm, audience="city")
    assert all(cell and cell != "—" for cell in _counted(city, "zh").values())  # the new document: the ids
    old = _older(city)
    assert set(_counted(old, "zh").values()) == {"无记录"}
    assert set(_counted(old, "en").values()) == {"not recorded"}
    county = ds.counties[0].code
    mine = _counted(_older(se.year_end(ds, 2025, pm, audience=f"county:{county}")), "zh")
    assert mine.pop(county) == "无记录" and set(mine.values()) == {"—"}  # another county's: withheld
    assert set(_counted(se.year_end(ds, 2025, pm, audience="public"), "zh").values()) == {"—"}
