"""Clerk c52's year-end findings 03, 04 and 07: what the year end's 全年反映事项 leaves out, the
nominations and decisions on file after its instant, and the Word year end's annex, punctuation,
ids and quota words."""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from pathlib import Path

import attrs
import pytest

import softenv_core as se
from softenv_core.analyses.later_records import later_records_notices
from softenv_core.model.periods import BEIJING
from softenv_core.model.roster import CommendationDecision, Nomination
from softenv_core.render.xlsx_results import write_results_xlsx
from softenv_core.rules.registry import get_plugin_manager

from .cli_runs import run_cli
from .demo_city import demo

docx = pytest.importorskip("docx")
openpyxl = pytest.importorskip("openpyxl")

LATE = Nomination(
    "N-2025-379923-9", 2025, "379923", "P379923-004", submitted_at=datetime(2026, 1, 10, 9, 0, 30, tzinfo=BEIJING)
)
DECIDED = CommendationDecision("D-2025-9", "N-2025-379902-2", True, date(2026, 2, 10))


@pytest.fixture(scope="module")
def later() -> se.Dataset:
    """The demo city with a nomination submitted on 2026-01-10 and a decision of 2026-02-10: both
    after the default instant (2026-01-06 00:00), as counties and the city do them."""
    ds = demo()
    return attrs.evolve(ds, nominations=(*ds.nominations, LATE), decisions=(*ds.decisions, DECIDED))


def _paragraphs(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs]


# -- 03: the categories 全年反映事项 leaves out


def test_the_year_ends_matters_say_which_categories_they_leave_out(tmp_path: Path) -> None:
    ds = demo()
    y = se.year_end(ds, 2025, audience="city")
    said = "全年反映事项（不含经营状况）"
    assert said in se.render_yearend(y)
    assert "matters raised (not counting operations)," in se.render_yearend(y, "en")
    se.write_yearend_docx(y, tmp_path / "y.docx")
    assert any(p.startswith(said) for p in _paragraphs(tmp_path / "y.docx"))
    write_results_xlsx(se.assess(ds, 2025, audience="city"), y, tmp_path / "y.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "y.xlsx")["事项跟踪"]
    assert said in [row[0] for row in sheet.iter_rows(values_only=True)]
    # Worked out from the parameter in force, not written in: every category counted, none named.
    from softenv_core.analyses.matter_days import categories_left_out
    from softenv_core.render.yearend_parts import matters_label

    assert y.followups is not None
    assert y.followups.left_out == {"operations": "all"}
    pv = next(p for p in y.followups.params if p.name == "followup.matter_categories")
    every = attrs.evolve(pv, value=[c.value for c in se.ItemCategory])
    # (no matter of a category the parameter leaves out: one someone followed up is counted and
    # not said to be left out, reviewer r56 02, tests/test_review_r56.py)
    assert categories_left_out((every,), {}) == {}
    whole = attrs.evolve(y.followups, left_out={})
    assert matters_label(whole, True) == "全年反映事项" and matters_label(whole, False) == "matters raised"
    fewer = attrs.evolve(pv, value=["difficulty", "policy"])
    left = categories_left_out((fewer,), {})
    assert matters_label(attrs.evolve(y.followups, left_out=left), True) == (
        "全年反映事项（不含经营状况、部门服务、执法、收费、其他）"
    )


# -- 04: the records after the instant


def test_a_nomination_and_a_decision_after_the_instant_are_named_with_the_instant_that_counts_them(
    later: se.Dataset, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    y = se.year_end(later, 2025, audience="city")
    row = next(c for c in y.commendation.counties if c.county == "379923")
    assert row.nominated == 1  # P379923-003 of December; the January one not read
    data = tmp_path / "d.json"
    data.write_text(se.dataset_json(later), encoding="utf-8")
    code, md, err = run_cli(capsys, "yearend", data, "--year", 2025)
    assert code == 0, err
    assert (
        "推荐 N-2025-379923-9（379923 云岭县）于 2026-01-10 09:00（北京时间）提交，在数据截至时点之后，未计入；"
        "要计入，请以 2026-01-10T09:01+08:00 或更晚的时刻为数据截至时点重新编制（--as-of 2026-01-10T09:01+08:00）"
    ) in md
    assert (
        "表彰决定 D-2025-9（推荐 N-2025-379902-2，379902 东城区）于 2026-02-10 作出，在数据截至时点之后，未计入" in md
    )
    assert "--as-of 2026-02-10T00:00+08:00" in md
    code, en, err = run_cli(capsys, "yearend", data, "--year", 2025, "--lang", "en")
    assert "nomination N-2025-379923-9 of county 379923 云岭县 was submitted at 2026-01-10 09:00" in en
    # The Word document (and JSON): said on stderr.
    out = tmp_path / "y.docx"
    code, _out, err = run_cli(capsys, "yearend", data, "--year", 2025, "--format", "docx", "--out", out)
    assert code == 0, err
    assert "! 推荐 N-2025-379923-9（379923 云岭县）于 2026-01-10 09:00（北京时间）提交" in err
    assert "--as-of 2026-01-10T09:01+08:00" in err
    # The instant given counts them, and nothing is said any more.
    code, md, err = run_cli(capsys, "yearend", data, "--year", 2025, "--as-of", "2026-02-10T00:00+08:00")
    assert code == 0 and "未计入" not in md + err
    counted = se.year_end(later, 2025, audience="city", as_of=datetime(2026, 2, 10, tzinfo=BEIJING))
    assert next(c for c in counted.commendation.counties if c.county == "379923").nominated == 2


def test_each_reader_is_told_only_of_what_it_is_given(later: se.Dataset) -> None:
    at = se.year_end(later, 2025, audience="city").as_of
    told = {
        audience: later_records_notices(later, 2025, at, audience=se.Audience.parse(audience))
        for audience in ("county:379923", "county:379902", "county:379921", "public", "point:P379923-004")
    }
    assert [n.split(" was ")[0] for n in told["county:379923"]] == [
        "later: nomination N-2025-379923-9 of county 379923 云岭县"
    ]
    assert [n.split(" was ")[0] for n in told["county:379902"]] == [
        "later: decision D-2025-9 on nomination N-2025-379902-2 of county 379902 东城区"
    ]
    assert told["county:379921"] == told["public"] == told["point:P379923-004"] == []


# -- 07: the Word year end


@pytest.fixture(scope="module")
def word(tmp_path_factory: pytest.TempPathFactory) -> tuple[se.YearEnd, str, list[str], list[str]]:
    """The demo city's year end for the city office: the result, its Markdown, and its Word
    document's paragraphs and table cells."""
    y = se.year_end(demo(), 2025, get_plugin_manager(autoload=False), audience="city")
    path = tmp_path_factory.mktemp("c52") / "y.docx"
    se.write_yearend_docx(y, path)
    cells = [c.text for t in docx.Document(str(path)).tables for row in t.rows for c in row.cells]
    md = re.sub(r"\\(.)", r"\1", se.render_yearend(y))  # Markdown's escapes undone
    return y, md, _paragraphs(path), cells


def test_the_formulas_are_an_annex_after_the_signature(word) -> None:
    y, md, paragraphs, _cells = word
    formula = next(p for p in paragraphs if p.startswith("市消防救援支队（"))
    assert formula in md  # the Markdown keeps them under each round
    annex = paragraphs.index("附件")
    dated = paragraphs.index("2026年1月6日")
    assert paragraphs[dated - 1] == "市软建办" and dated < annex
    assert paragraphs[annex + 1] == "万人评议各部门得分计算式"
    assert "附件：万人评议各部门得分计算式" in paragraphs[:dated]
    body = paragraphs[:dated]
    assert body.count("各部门得分的计算式见附件。") == len(y.appraisal)
    assert not [p for p in body if "×(" in p]  # no formula left in the body
    names = {d.name for r in y.appraisal for d in r.departments}
    shown = [p for p in paragraphs[annex:] if p.partition("（")[0] in names]
    assert len(shown) == sum(len(r.departments) for r in y.appraisal)
    assert "（一）2025-H1（A-2025-H1）" in paragraphs[annex:]


def test_the_documents_own_chinese_takes_full_width_brackets(word) -> None:
    _y, md, paragraphs, _cells = word
    for text in (md, "\n".join(paragraphs)):
        assert "Σ 权重 ×（满意 + 0.6 × 基本满意）/ 有效评价" in text and "(满意" not in text
        assert "市消防救援支队（82.71）：100 × [" in text and "市消防救援支队(" not in text


def test_departments_and_counties_are_named_not_coded(word) -> None:
    _y, md, paragraphs, cells = word
    text = "\n".join(paragraphs)
    for said in (md, text):
        assert "市住建局 1项" in said and "（city-housing）" not in said
        assert "P379911-008（379911 新港区）：" in said
    assert "| 379903 西城区 | 有关部门建议 |" in md
    at = cells.index("有关部门建议")
    assert cells[at - 1] == "379903 西城区"


def test_a_shared_department_name_keeps_its_id(word) -> None:
    from softenv_core.render.year_end import _referred

    y = word[0]
    assert y.followups is not None
    f = attrs.evolve(y.followups, referred_names={"a-1": "市税务局", "a-2": "市税务局", "b": "市人社局"})
    assert _referred(f, "a-1", 2, True) == "市税务局（a-1） 2项"
    assert _referred(f, "b", 1, True) == "市人社局 1项"


def test_the_quota_problem_is_said_in_words_from_the_parameters(word) -> None:
    y, md, paragraphs, _cells = word
    words = "379902 东城区：推荐2个，名额1个，超出1个（名额 = 在册县区监测点18个 × 10%，向下取整，至少1个）"
    assert words in md and words in paragraphs
    assert "⌊" not in md and "⌊" not in "\n".join(paragraphs)
    # The result (its JSON) keeps the analysis's formula, as written.
    error = next(c.error for c in y.commendation.counties if c.county == "379902")
    assert error is not None and error.endswith("（max(1, ⌊0.1 × 18个在册县区监测点⌋)）")
    assert "⌊" in json.dumps(y.to_document(), ensure_ascii=False)
