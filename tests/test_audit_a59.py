"""Auditor a59: year-end results worked out by hand (dates and membership).

01. A 2025-H2 万人评议 round closed on 2025-06-25 (December typed as June) loaded without a word:
    owed by the points designated in June instead of those of the second half. Refused by its
    ``$.path`` (and by its cell on a workbook import) as a 2025 round closed in 2024 is (a44
    case 14); a late round (H1 in September, H2 closing in January) still loads.
02. A removal recorded for 连续三个月未联系上 was neither named by the unreached proposal nor set
    against the contacts, while one for 考评不合格 is both: the proposal names it (已记录撤销 …),
    and a removal of a point with no such run is flagged in section 三 and the results workbook.
03. A point commended (or accepted) and proposed for removal in the same year end: the city has
    set no rule, so the pair is flagged beside the commendation's flags, to the city office only.
04. The quota's base (在册县区监测点) was a bare count: the result keeps the ids counted
    (``active_point_ids``; a county its own), and the results workbook's 表彰推荐 sheet lists them.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import attrs
import pytest

import softenv_core as se
from softenv_core.model.appraisals import AppraisalRound, RaterGroup, Rating, RatingLevel
from softenv_core.model.periods import HalfYear
from softenv_core.model.points import Designator
from softenv_core.model.roster import (
    ChangeAction,
    ChangeReason,
    CommendationDecision,
    Nomination,
    RosterChange,
)
from softenv_core.testing import builders as b

CITY = se.CITY_OFFICE
C = "379981"  # 丙市
R1 = AppraisalRound("A25H1", HalfYear(2025, 1), date(2025, 6, 1), date(2025, 6, 20))
R2 = AppraisalRound("A25H2", HalfYear(2025, 2), date(2025, 12, 1), date(2025, 12, 15))
AFTER = b.beijing(2026, 2, 1, 0)


def _removal(rid: str, point: str, reason: ChangeReason) -> RosterChange:
    return RosterChange(rid, point, ChangeAction.REMOVE, reason, date(2026, 1, 1), Designator.COUNTY, C)


def _world(removed: dict[str, ChangeReason] | None = None) -> se.Dataset:
    """丙市 with ten full-year county points: PF unreached in March–May, the others reached every
    month; each rates both rounds. ``removed``: point → the reason of its removal from 2026-01-01."""
    removed = removed or {}
    ds = b.small_dataset(2025)
    ids = ["PF", *(f"PX{k:02d}" for k in range(9))]
    points = [
        b.make_point(pid, C, 100 + k, designated_until=date(2025, 12, 31) if pid in removed else None)
        for k, pid in enumerate(ids)
    ]
    contacts = list(ds.contacts)
    for p in points:
        for c in b.monthly_contacts(p, 2025, with_items=True):
            unreached = p.id == "PF" and c.date.month in (3, 4, 5)
            contacts.append(attrs.evolve(c, reached=False, items=()) if unreached else c)
    every = [*ds.points, *points]
    ratings = tuple(
        Rating(r.id, p.id, RaterGroup.POINT, "city-amr", RatingLevel.SATISFIED) for p in every for r in (R1, R2)
    )
    changes = tuple(_removal(f"RC-{pid}", pid, why) for pid, why in removed.items())
    return attrs.evolve(
        ds,
        points=(*ds.points, *points),
        contacts=tuple(contacts),
        appraisal_rounds=(R1, R2),
        ratings=ratings,
        roster_changes=changes,
    )


# --- 01. a second-half round closed before its half began ------------------------------------


def _rounds(*rounds: AppraisalRound) -> se.Dataset:
    return attrs.evolve(b.small_dataset(2025), appraisal_rounds=rounds)


def test_01_a_second_half_round_closed_in_june_is_refused_by_its_path() -> None:
    from softenv_core import InputError, loads_dataset
    from softenv_core.cli.output import problem_text
    from softenv_core.io.dataset_files import dataset_json

    june = AppraisalRound("A25H2", HalfYear(2025, 2), date(2025, 6, 5), date(2025, 6, 25))
    with pytest.raises(InputError) as refused:
        loads_dataset(dataset_json(_rounds(R1, june)))
    wanted = (
        "$.appraisal_rounds[1] (A25H2).closed: 2025-06-25 is before its half year 2025-H2 began on "
        "2025-07-01; a round is held in its half year or later"
    )
    assert list(refused.value.problems) == [wanted]
    assert problem_text(wanted, "zh").endswith(
        "结束日期 2025-06-25 早于所属期间 2025-H2 的开始日期 2025-07-01；万人评议轮次只能在其所属半年或之后举行"
    )
    with pytest.raises(InputError):  # a Dataset built in code is checked alike
        se.validate(_rounds(R1, june))


def test_01_late_rounds_and_a_round_held_on_the_halfs_first_day_still_load() -> None:
    from softenv_core import loads_dataset
    from softenv_core.io.dataset_files import dataset_json

    late_h1 = AppraisalRound("A25H1", HalfYear(2025, 1), date(2025, 9, 1), date(2025, 9, 19))
    h2_january = AppraisalRound("A25H2", HalfYear(2025, 2), date(2025, 12, 20), date(2026, 1, 15))
    loads_dataset(dataset_json(_rounds(late_h1, h2_january)))
    first_day = AppraisalRound("A25H2", HalfYear(2025, 2), date(2025, 7, 1), date(2025, 7, 1))
    loads_dataset(dataset_json(_rounds(R1, first_day)))
    # A round opened in June and closed on 07-01 is refused by its opening (reviewer r55 01:
    # tests/test_review_r55.py): its window reached back into the first half.


def test_01_a_workbook_import_names_the_cell(tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")
    from softenv_core import InputError
    from softenv_core.io.workbook_read import read_workbooks
    from softenv_core.io.workbook_write import write_workbook

    june = AppraisalRound("A25H2", HalfYear(2025, 2), date(2025, 6, 5), date(2025, 6, 25))
    write_workbook(_rounds(june), tmp_path / "e.xlsx")
    with pytest.raises(InputError) as refused:
        read_workbooks([tmp_path / "e.xlsx"])
    (problem,) = refused.value.problems
    assert problem.startswith("评议轮次!D3 (A25H2 结束日期): 结束日期 2025-06-25 早于所属期间 2025-H2 的开始日期")
    assert problem.endswith("— $.appraisal_rounds[0].closed")


# --- 02. a removal recorded for 连续三个月未联系上 --------------------------------------------


def _removals_year_end(audience: str = CITY) -> se.YearEnd:
    ds = _world({"PF": ChangeReason.UNREACHABLE, "PX00": ChangeReason.UNREACHABLE})
    return se.year_end(ds, 2025, audience=audience, as_of=AFTER)


def test_02_the_unreached_proposal_names_the_removal_already_recorded() -> None:
    y = _removals_year_end()
    (pf,) = [p for p in y.proposals if p.point == "PF"]
    assert pf.explanation == ("连续3个月未联系上：2025-03—2025-05；已记录撤销 RC-PF，2026-01-01 起",)
    assert pf.evidence[0] == "RC-PF"
    assert "PX00" not in {p.point for p in y.proposals}


def test_02_a_removal_for_unreachable_the_contacts_contradict_is_flagged() -> None:
    y = _removals_year_end()
    checks = {u.point: u for u in y.unqualified_removals}
    assert checks["PF"].reason is ChangeReason.UNREACHABLE and not checks["PF"].flagged
    assert checks["PF"].explanation.endswith("；连续3个月未联系上：2025-03—2025-05，与撤销原因相符")
    px = checks["PX00"]
    assert px.flagged and px.reason is ChangeReason.UNREACHABLE
    assert px.explanation == (
        "RC-PX00：以“连续三个月未联系上”撤销监测点 PX00（2026-01-01起），"
        "但2025年度无连续3个月未联系上（无未联系上的月份），与撤销原因不符"
    )
    md = se.render_yearend(y)
    section = md[md.index("## 三") : md.index("## 四")]
    assert "以“连续三个月未联系上”撤销、但当年联系记录并无此情形的：\n\n- ! RC-PX00：" in section
    assert "RC-PF：" not in section  # agrees: listed in the workbook, not flagged
    en = se.render_yearend(y, lang="en")
    # In English from the fields, as the 不合格 lines (reviewer r55 06: tests/test_review_r55.py).
    assert "Removed as unreachable (连续三个月未联系上) though the contacts show no such run:" in en


def test_02_a_county_sees_its_own_flag_and_another_county_none() -> None:
    assert any(u.flagged for u in _removals_year_end(f"county:{C}").unqualified_removals)
    assert not _removals_year_end("county:379902").unqualified_removals


def _sheet(y: se.YearEnd, title: str) -> tuple[list[str], list[list[object]]]:
    from softenv_core.render.yearend_parts import yearend_sheets

    return {name: sheet for name, sheet, _ in yearend_sheets(y, "zh")}[title]


def test_02_the_results_workbook_shows_the_check() -> None:
    _, rows = _sheet(_removals_year_end(), "撤销核对")
    by_change = {r[0]: r[-1] for r in rows}
    assert by_change["RC-PX00"].startswith("! RC-PX00：以“连续三个月未联系上”撤销")
    assert not by_change["RC-PF"].startswith("!")


# --- 03. commended and proposed for removal ----------------------------------------------------


def _commended(audience: str = CITY) -> se.YearEnd:
    ds = attrs.evolve(
        _world(),
        nominations=(Nomination("N-PF", 2025, C, "PF", submitted_at=b.beijing(2025, 12, 20)),),
        decisions=(CommendationDecision("D-PF", "N-PF", True, date(2026, 1, 20)),),
    )
    return se.year_end(ds, 2025, audience=audience, as_of=AFTER)


def test_03_a_commended_point_proposed_for_removal_is_flagged_for_the_city() -> None:
    y = _commended()
    assert y.commendation.commended == ("PF",)
    (pair,) = y.commendation.also_proposed
    assert (pair.point, pair.nominations, pair.commended, pair.reasons) == ("PF", ("N-PF",), True, ("unreachable",))
    md = se.render_yearend(y)
    section = md[md.index("## 五") : md.index("## 六")]
    assert (
        "- ! PF 同时在三、动态调整建议中被建议撤销（连续3个月未联系上：2025-03—2025-05），市里已决定表彰（推荐 N-PF）；"
        "市里未规定被建议撤销的监测点能否表彰，仅作提示"
    ) in section
    en = se.render_yearend(y, lang="en")
    assert "- ! PF is also proposed for removal in section 3 as unreachable (连续三个月未联系上): nomination" in en


def test_03_no_reader_but_the_city_office_is_given_the_pair() -> None:
    for audience in (f"county:{C}", "county:379902", "public", "point:PF"):
        y = _commended(audience)
        assert y.commendation.also_proposed == ()
        assert "同时在三、动态调整建议中被建议撤销" not in se.render_yearend(y)


# --- 04. the quota's base with its evidence ------------------------------------------------------


def test_04_the_quota_counts_named_points_and_a_county_sees_only_its_own() -> None:
    y = se.year_end(_world(), 2025, audience=CITY, as_of=AFTER)
    by = {c.county: c for c in y.commendation.counties}
    pc = by[C]
    assert pc.active_points == len(pc.active_point_ids) == 11
    assert pc.active_point_ids == tuple(sorted(pc.active_point_ids))
    assert {"PF", "PX00"} <= set(pc.active_point_ids)
    assert '"active_point_ids"' in y.to_json()
    county = se.year_end(_world(), 2025, audience=f"county:{C}", as_of=AFTER)
    seen = {c.county: c.active_point_ids for c in county.commendation.counties}
    assert seen[C] == pc.active_point_ids
    assert all(not ids for code, ids in seen.items() if code != C)
    public = se.year_end(_world(), 2025, audience="public", as_of=AFTER)
    assert all(not c.active_point_ids for c in public.commendation.counties)


def test_04_the_results_workbook_lists_them_on_the_commendation_sheet() -> None:
    def counted(audience: str) -> dict[str, str]:
        y = se.year_end(_world(), 2025, audience=audience, as_of=AFTER)
        headers, rows = _sheet(y, "表彰推荐")
        assert headers[-1] == "计入名额的监测点"
        return {r[0]: r[-1] for r in rows if r[0] in {c.county for c in y.commendation.counties}}

    city = counted(CITY)
    assert {"PF", "PX00"} <= set(city[C].split("\n"))
    assert len(city[C].split("\n")) == 11
    own = counted(f"county:{C}")
    assert own[C] == city[C]
    assert all(v == "—" for k, v in own.items() if k != C)


def test_03_the_word_year_end_carries_the_pair_as_the_markdown_does(tmp_path) -> None:  # type: ignore[no-untyped-def]
    docx = pytest.importorskip("docx")
    from softenv_core.render.docx_yearend import write_yearend_docx

    y = _commended()
    write_yearend_docx(y, tmp_path / "y.docx")
    paragraphs = "\n".join(p.text for p in docx.Document(str(tmp_path / "y.docx")).paragraphs)
    assert "PF 同时在三、动态调整建议中被建议撤销（连续3个月未联系上：2025-03—2025-05）" in paragraphs
