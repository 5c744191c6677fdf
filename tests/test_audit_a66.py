"""Auditor a66 02: a county that nominated beyond its quota had every commendation of its nominees
flagged `所在县区推荐超过名额`, whether the city then kept within the quota or itself commended
beyond it. 甲区 (quota 1: 19 县区 points on 31 December) nominates 3 and the city commends 2; 乙县
(quota 1) nominates 2 and the city commends 1. The commendations are now counted against the
quota: beyond it they read 市里表彰超过名额 with the figures, within it the nominations flag says
that the city kept within, in every face (Markdown, Word, workbook, JSON)."""

from __future__ import annotations

from datetime import date

import attrs
import pytest

import softenv_core as se
from softenv_core.model.roster import CommendationDecision, Nomination
from softenv_core.render.yearend_parts import yearend_sheets
from softenv_core.testing import builders as b
from tests.audit_a66_world import world

CITY = se.CITY_OFFICE
AS_OF = b.beijing(2026, 2, 1, 0)
SUBMITTED = b.beijing(2026, 1, 10, 9)
BEYOND = "市里表彰超过名额（379902 表彰2个，名额1个，超出1个）"
WITHIN = "所在县区推荐超过名额（推荐2个；市里表彰1个，未超过名额1个）"


def _dataset(*extra: CommendationDecision) -> se.Dataset:
    noms = tuple(
        Nomination(f"N-{p}", 2025, county, p, submitted_at=SUBMITTED)
        for county, p in (("379902", "A00"), ("379902", "A01"), ("379902", "A19"), ("379921", "B0"), ("379921", "B1"))
    )
    decs = tuple(CommendationDecision(f"D-{p}", f"N-{p}", True, date(2026, 1, 20)) for p in ("A00", "A01", "B0"))
    return attrs.evolve(world(), nominations=noms, decisions=decs + extra)


def _year_end(ds: se.Dataset, audience: str = CITY) -> se.YearEnd:
    return se.year_end(ds, 2025, audience=audience, as_of=AS_OF)


def test_a_commendation_beyond_the_quota_reads_apart_from_one_within_it() -> None:
    c = _year_end(_dataset()).commendation
    quotas = {n.county: (n.quota, n.nominated) for n in c.counties}
    assert quotas["379902"] == (1, 3) and quotas["379921"] == (1, 2)
    assert c.flags == (f"D-A00：{BEYOND}", f"D-A01：{BEYOND}", f"D-B0：{WITHIN}")


def test_a_withdrawal_bringing_the_county_back_within_its_quota_is_read() -> None:
    withdrawn = CommendationDecision("D-A01-2", "N-A01", False, date(2026, 1, 25))
    c = _year_end(_dataset(withdrawn)).commendation
    assert c.flags == (
        "D-A00：所在县区推荐超过名额（推荐3个；市里表彰1个，未超过名额1个）",
        f"D-B0：{WITHIN}",
    )


def test_a_rejected_nominee_commended_beyond_the_quota_carries_both_flags() -> None:
    # A19 left on 12-15 (fails the whole year) and is the county's own point: it takes a place.
    c = _year_end(_dataset(CommendationDecision("D-A19", "N-A19", True, date(2026, 1, 20)))).commendation
    over = "市里表彰超过名额（379902 表彰3个，名额1个，超出2个）"
    assert f"D-A00：{over}" in c.flags and f"D-A19：{over}" in c.flags
    assert any(f.startswith("D-A19：表彰了不符合条件的推荐 N-A19") for f in c.flags)


def test_every_face_says_which(tmp_path) -> None:  # type: ignore[no-untyped-def]
    y = _year_end(_dataset())
    for lang in ("zh", "en"):
        md = se.render_yearend(y, lang=lang)
        assert f"- ! D-A00：{BEYOND}" in md and f"- ! D-B0：{WITHIN}" in md
    assert f"D-A01：{BEYOND}" in y.to_json() and f"D-B0：{WITHIN}" in y.to_json()
    _, rows = {name: sheet for name, sheet, _ in yearend_sheets(y, "zh")}["表彰推荐"]
    cells = [str(cell) for row in rows for cell in row]
    assert f"D-A00：{BEYOND}" in cells and f"D-B0：{WITHIN}" in cells
    docx = pytest.importorskip("docx")
    from softenv_core.render.docx_yearend import write_yearend_docx

    write_yearend_docx(y, tmp_path / "y.docx")
    text = "\n".join(p.text for p in docx.Document(str(tmp_path / "y.docx")).paragraphs)
    assert f"D-A00：{BEYOND}" in text and f"D-B0：{WITHIN}" in text


def test_no_reader_but_the_city_office_is_given_the_flags() -> None:
    for audience in ("county:379902", "public"):
        y = _year_end(_dataset(), audience)
        assert y.commendation.flags == ()
        assert "超过名额（" not in se.render_yearend(y)
