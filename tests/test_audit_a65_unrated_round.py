"""Auditor a65 04: a department not rated in a round read, in its year end, that round's heading
and a table of headers only (名次 | 部门 | 得分 | 有效评价 | 标记), as if it had been ranked; the city
office read the same bare table for a round recorded with no ratings yet. Now a sentence says
so, in Markdown (Chinese and English) and in the Word year end, and nothing of the raters."""

from __future__ import annotations

from datetime import date

import attrs
import pytest

import softenv_core as se
from softenv_core.model.appraisals import AppraisalRound, RaterGroup, Rating, RatingLevel
from softenv_core.model.divisions import Department
from softenv_core.model.periods import HalfYear
from softenv_core.testing import small_dataset

H1 = AppraisalRound("A25H1", HalfYear(2025, 1), date(2025, 6, 10), date(2025, 6, 25))
H2 = AppraisalRound("A25H2", HalfYear(2025, 2), date(2025, 12, 1), date(2025, 12, 20))
BARE = "| 名次 | 部门 | 得分 | 有效评价 | 标记 |\n|---|---|---|---|---|\n\n"
DEPARTMENT_ZH = "本轮没有对本部门的评议记录，本部门未列入本轮评议结果。"
NONE_ZH = "本轮没有评议记录，无评议结果。"


def _dataset(h2_ratings: bool = True):
    """city-gs (市工商局) rated in H1 only; city-amr in H2 (or H2 recorded with no rating)."""
    ds = small_dataset(2025, counties=("379902", "379921", "379982"))
    ratings = [Rating(H1.id, f"C{i:02d}", RaterGroup.CITIZEN, "city-gs", RatingLevel.SATISFIED) for i in range(30)]
    if h2_ratings:
        ratings += [
            Rating(H2.id, f"C{i:02d}", RaterGroup.CITIZEN, "city-amr", RatingLevel.SATISFIED) for i in range(30)
        ]
    return attrs.evolve(
        ds,
        departments=(*ds.departments, Department("city-gs", "市工商局")),
        appraisal_rounds=(H1, H2),
        ratings=tuple(ratings),
    )


def _round_text(md: str, heading: str) -> str:
    return md.split(heading)[1].split("###")[0].split("## ")[0]


def test_a_department_not_rated_in_a_round_is_told_so_not_shown_a_bare_table():
    y = se.year_end(_dataset(), 2025, audience="department:city-gs")
    h1, h2 = (_round_text(se.render_yearend(y), f"### 2025-{h}（A25{h}）") for h in ("H1", "H2"))
    assert "| 名次 | 部门 |" in h1 and DEPARTMENT_ZH not in h1  # rated in H1: its row
    assert BARE not in h2 and DEPARTMENT_ZH in h2
    assert "C0" not in h2  # nothing of the raters
    english = _round_text(se.render_yearend(y, lang="en"), "### 2025-H2 (A25H2)")
    assert "| Rank |" not in english
    assert "This round has no rating of your department: it is not in the round's results." in english


def test_the_city_office_is_told_a_round_has_no_ratings():
    y = se.year_end(_dataset(h2_ratings=False), 2025, audience="city")
    h2 = _round_text(se.render_yearend(y), "### 2025-H2（A25H2）")
    assert BARE not in h2 and NONE_ZH in h2
    english = _round_text(se.render_yearend(y, lang="en"), "### 2025-H2 (A25H2)")
    assert "No rating is recorded in this round: it has no results." in english


@pytest.mark.parametrize(
    ("audience", "h2_ratings", "said"), [("department:city-gs", True, DEPARTMENT_ZH), ("city", False, NONE_ZH)]
)
def test_the_word_year_end_says_it_too(tmp_path, audience, h2_ratings, said):
    docx = pytest.importorskip("docx")
    y = se.year_end(_dataset(h2_ratings), 2025, audience=audience)
    path = tmp_path / "ye.docx"
    se.write_yearend_docx(y, path)
    d = docx.Document(str(path))
    texts = [p.text for p in d.paragraphs]
    h2 = next(i for i, t in enumerate(texts) if "A25H2" in t)
    assert said in texts[h2 + 1 : h2 + 3]
    # one ranking table, H1's: none for H2
    assert sum(t.rows[0].cells[0].text == "名次" for t in d.tables) == 1
