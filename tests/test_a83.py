"""Auditor a83: the half-yearly 万人评议 of departments and the year-end point assessment and
commendation, computed by hand from the policy (DESIGN "万人评议", "Point duty score",
"Commendation"; docs/yearend.md, docs/rules.md, docs/privacy.md) on small hand-built datasets
(examples/small-dataset.json evolved, and the demo city). Each test asserts the correct behaviour
and fails on the library as found.

Hand computations that held (not recorded here): every department score of the demo's two rounds
(exact fractions, half up at two places), its valid totals, sufficiency (30), ranks and 末位 flags
(ties on the boundary flagged whole, rank 1 never); a 1-valid 行风监督员 group lowering 市市场监管局
from 74.59 to 67.13 and hiding the tallies for every reader but the city office; the duty score of
all 180 demo points item by item (contact 30 × reached/owed by the liaison office, feedback full at
6 × owed/12 months, e.g. 30 × 2/2.5 = 24.00 for five owed months, 20 × rounds taken/owed, 20 − 10 per
false finding) and their bands; a point transferred 379902 → 379921 on 2025-09-01 (H1 owed by the
old record, H2 by the new, both 20 × 1/1, both rejected on 全年在册, the new county's quota counting
the new record, the old county's 0 points → quota 1); every county quota of the demo
(max(1, ⌊0.1 × 县区 points on 12-31⌋)); decisions superseded by a later withdrawal, 市里表彰超过名额
and 所在县区推荐超过名额 flags; a nominee deregistered after the year and commended (also_proposed);
the round lists against the duty items on 150 generated datasets; suppressed group tallies and the
county's own-point lists for every reader on 100 generated datasets; the checks refusing a round
window before its half year, a second rating by one enterprise under another record or its credit
code, and a rating as 'point' outside the designation.
"""

from __future__ import annotations

import copy
import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

import softenv_core as se
from softenv_core import BEIJING

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "small-dataset.json"


def _doc() -> dict[str, Any]:
    return copy.deepcopy(json.loads(EXAMPLE.read_text(encoding="utf-8")))


def _load(doc: dict[str, Any], tmp_path: Path, name: str = "d.json") -> Any:
    path = tmp_path / name
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return se.load_dataset(path)


def _bj(y: int, m: int, d: int, h: int = 0) -> datetime:
    return datetime(y, m, d, h, tzinfo=BEIJING)


# --- 01 -----------------------------------------------------------------------------------------


def test_01_check_commendation_refuses_an_instant_other_than_the_assessments(tmp_path: Path) -> None:
    """check_commendation(…, as_of=…) reads an assessment made at one instant with the nominations,
    decisions and quota of another, and says nothing.

    Where: analyses/commendation.py check_commendation / _check_commendation (no
    ``require_same_instant``, which year_end, propose_adjustments and check_unqualified_removals
    all call: "its bands and conditions read the records known then"). Its own docstring calls
    ``as_of`` "the assessment's instant".

    Hand case (examples/small-dataset.json): 甲区 nominates P-379902-2 on 2025-12-10; the city
    commends it on 2026-01-20. With the assessment of 2025-12-20 (inside the year: 全年在册 and the
    open H2 round not yet decidable) and as_of 2026-02-01, the result reads the January decision
    against the December conditions and flags it ``D1：表彰了不符合条件的推荐 …（全年在册：2025年尚未结束…）``
    — a decision the year's own figures accept. Expected: a SoftenvError naming both instants, as
    year_end gives for the same mix. Actual: accepted, with the false flag. Severity: medium (a
    platform passing its stored assessment and today's instant gets wrong flags on the city's
    decisions, silently).
    """
    doc = _doc()
    doc["nominations"][0]["submitted_at"] = "2025-12-10T09:00:00+08:00"
    doc["decisions"] = [{"id": "D1", "nomination": "N-2025-379902-1", "commended": True, "decided_on": "2026-01-20"}]
    ds = _load(doc, tmp_path)
    in_year = se.assess(ds, 2025, audience="city", as_of=_bj(2025, 12, 20))
    # The same mix is refused by year_end:
    with pytest.raises(se.SoftenvError):
        se.year_end(ds, 2025, audience="city", assessment=in_year, as_of=_bj(2026, 2, 1))
    with pytest.raises(se.SoftenvError):
        se.check_commendation(ds, in_year, audience="city", as_of=_bj(2026, 2, 1))


# --- 02 -----------------------------------------------------------------------------------------


def test_02_results_workbook_marks_a_withheld_valid_total(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The results workbook's 部门评议 sheet leaves a withheld 有效评价数 (and an insufficient
    department's withheld score and rank) as empty cells, where the Markdown and Word year end
    print （不公开） / —, and the same workbook's 表彰推荐 sheet prints — for what it withholds.

    Where: render/xlsx_results.py _appraisal_rows (``d.valid``, ``d.score``, ``d.rank`` written as
    None). docs/yearend.md: an insufficient department's valid total is "withheld (valid null in
    JSON, （不公开） in the document), never shown as 0"; an empty Excel cell reads as no value and
    sums as 0 in a clerk's SUM over the column.

    Hand case: the demo city, read by the public: 市供电公司 in A-2025-H1 has 28 valid ratings
    (insufficient). Expected: its 有效评价数 cell says it is withheld (（不公开） or —), not empty.
    Actual: None. Severity: low.
    """
    import openpyxl

    from tests.cli_runs import run_cli

    code, _, _ = run_cli(capsys, "demo", "--out", str(tmp_path / "demo"))
    assert code == 0
    out = tmp_path / "pub.xlsx"
    code, _, err = run_cli(
        capsys, "yearend", str(tmp_path / "demo" / "dataset.json"), "--year", "2025",
        "--audience", "public", "--format", "xlsx", "--out", str(out),
    )  # fmt: skip
    assert code == 0, err
    ws = openpyxl.load_workbook(out)["部门评议"]
    rows = [r for r in ws.iter_rows(values_only=True) if r[0] == "A-2025-H1" and r[2] == "city-power"]
    assert len(rows) == 1
    valid = rows[0][4]
    assert valid not in (None, "", 0), f"withheld 有效评价数 written as {valid!r}"


# --- 03 -----------------------------------------------------------------------------------------


def test_03_decision_before_its_nominations_year_is_told(tmp_path: Path) -> None:
    """A city decision (表彰奖励) dated before the year its nomination is for began loads without a
    word and commends the point.

    Where: io/references.py _decision_checks (compares the decision only with the nomination's
    submitted_at, which an undated nomination lacks) and io/nomination_checks.py (which warns of a
    nomination submitted early in its year, clerk c60 03, but of no decision). DESIGN principle 3:
    impossible event orders are errors; a commendation is of the year's duty performance (seed
    四(三)), so one decided on 2024-01-20 for 2025 is a mistyped year (2026-01-20).

    Hand case: examples/small-dataset.json's undated nomination N-2025-379902-1 (year 2025), decided
    commended on 2024-01-20. Expected: an input problem or a dataset warning at
    ``$.decisions[0]``. Actual: no problem, no warning; 2025's commendation lists P-379902-2 as
    commended. Severity: low.
    """
    doc = _doc()
    doc["decisions"] = [{"id": "D1", "nomination": "N-2025-379902-1", "commended": True, "decided_on": "2024-01-20"}]
    told: list[str]
    try:
        told = se.dataset_warnings(_load(doc, tmp_path))
    except se.InputError as e:
        told = [str(e)]
    assert any("decisions[0]" in w for w in told), told


# --- 04 -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("audience", ["public", "department:city-amr"])
def test_04_assess_summary_does_not_print_withheld_point_figures_as_zero(
    audience: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """`softenv assess --audience public` (or a department) ends with
    ``监测点履职考评：0；等次分布：优秀 0，合格 0，不合格 0`` and ``符合表彰推荐条件的监测点：0``: the
    points are withheld from this reader (the notice above says ``其他监测点不列：4 处``), yet the
    summary states that no point was assessed and none is eligible for nomination.

    Where: render/assessment.py summary (counts ``a.points`` of the redacted assessment, empty for
    these readers, and prints the count as a figure). The library's rule for a withheld figure is
    "withheld, not none" (docs/privacy.md: "never 0"; the year end's ``本阅读范围不列（不是没有）``).

    Hand case: examples/small-dataset.json, 2025: 4 points assessed, all 优秀 and eligible (the city
    office's summary reads 4 / 优秀 4 / 4). Expected for a department or the public: the point
    figures said to be withheld (or left out), not ``0``. Actual: ``0`` three times and
    ``符合表彰推荐条件的监测点：0``. Severity: low (a misleading figure in what a department reads).
    """
    from tests.cli_runs import run_cli

    code, out, err = run_cli(capsys, "assess", str(EXAMPLE), "--year", "2025", "--audience", audience)
    assert code == 0, err
    assert "符合表彰推荐条件的监测点：0" not in out
    assert "监测点履职考评：0；" not in out


# --- 05 / 06: the appraisal and quota parameters -----------------------------------------------


def _changed(name: str, value: object) -> Any:
    """The baseline with ``name`` given ``value`` from 2025-01-01 (a city decision's file)."""
    from datetime import date

    from softenv_core.engine.parameters import DatedValue, Parameter

    old = se.baseline_parameters().get(name, date(2025, 1, 1))
    changed = Parameter(
        name,
        old.reference,
        values=(DatedValue(old.effective_from, old.value), DatedValue(date(2025, 1, 1), value, "市软建办〔2025〕1号")),
    )
    return se.baseline_parameters().merged([changed])


def _thirty_basically(tmp_path: Path) -> Any:
    """examples/small-dataset.json with A-2025-H1 rated by 30 群众, each 基本满意 (and nothing else)."""
    doc = _doc()
    doc["ratings"] = [r for r in doc["ratings"] if r["round"] != "A-2025-H1"]
    doc["ratings"] += [
        {"round": "A-2025-H1", "rater": f"C{i:03d}", "group": "citizen", "department": "city-amr", "level": "basically"}
        for i in range(30)
    ]
    return _load(doc, tmp_path)


@pytest.mark.parametrize("credit", [1.5, -0.6], ids=["above-1", "negative"])
def test_05_basically_credit_off_the_scale_is_refused(credit: float, tmp_path: Path) -> None:
    """A 基本满意 credit outside 0–1 is scored, and a department's 万人评议 score leaves the 0–100 scale.

    Where: engine/parameter_values.py VALUE_CHECKS (checks appraisal.group_weights — a negative
    weight, which "scored off the 0–100 scale", is refused since auditor a74 — but not
    appraisal.basically_credit); analyses/appraisal_scores.py _department_score reads it as given.
    DESIGN "万人评议": score = Σ w × (满意 + 0.6 × 基本满意) / valid × 100, a 基本满意 counting at most
    a 满意 and not below nothing.

    Hand case: 市市场监管局 rated 基本满意 by 30 群众 in A-2025-H1. Credit 1.5: 100 × 1.5 × 30/30 =
    150.00, ranked 1; credit −0.6: −60.00. Expected: the parameter refused where it is made or read
    (a SoftenvError naming appraisal.basically_credit), as a negative weight is. Actual: scored
    150.00 / −60.00. Severity: low (a city's parameter file's typo publishes an impossible score).
    """
    ds = _thirty_basically(tmp_path)

    def score() -> Any:
        return se.appraise(ds, "A-2025-H1", _changed("appraisal.basically_credit", credit), audience="city")

    with pytest.raises(se.SoftenvError, match=r"appraisal\.basically_credit"):
        score()


@pytest.mark.parametrize(
    ("name", "value"),
    [("commendation.quota_min", 0.5), ("commendation.quota_min", -1), ("commendation.quota_share", -0.1)],
    ids=["min-not-whole", "min-negative", "share-negative"],
)
def test_06_commendation_quota_parameters_are_checked(name: str, value: float, tmp_path: Path) -> None:
    """The nomination quota's parameters are read unchecked: a minimum of 0.5 is truncated to 0
    while the formula shown says ``max(0.5, …)``, a minimum of −1 gives quota 0, a negative share
    is taken as given.

    Where: rules/city/commendation.py nomination_quota (``params.number`` and ``int(least)``, where
    appraisal.min_valid is read with ``whole()`` and 2.5 is refused: ``expected a whole number``);
    engine/parameter_values.py VALUE_CHECKS names neither. DESIGN "Commendation": a county
    nominates at most max(1, ⌊10 % of its active points⌋) — a whole number of points, at least the
    minimum.

    Hand case: examples/small-dataset.json, 甲区 with 1 县区 point on 2025-12-31. With quota_min 0.5
    the result reads quota 0 beside the formula ``max(0.5, ⌊0.1 × 1个在册县区监测点⌋)`` (= 0.5), so its
    one nomination is "over the quota". Expected: each value refused (a SoftenvError naming the
    parameter), as min_valid 2.5 is. Actual: quota 0 (0.5 and −1), 1 (share −0.1), no word.
    Severity: low.
    """
    ds = _load(_doc(), tmp_path)

    def quotas() -> Any:
        params = _changed(name, value)
        return se.check_commendation(ds, se.assess(ds, 2025, params=params, audience="city"), params, audience="city")

    with pytest.raises(se.SoftenvError, match=name.replace(".", r"\.")):
        quotas()


# --- 07 -----------------------------------------------------------------------------------------


def test_07_nomination_submitted_before_its_year_is_told_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A nomination for 2025 submitted on 2024-12-20 (before its year began) is warned as
    "submitted in the first half of 2025" and the year suggested is 2023.

    Where: io/nomination_checks.py early_nomination_warnings (any submission before July of the
    nomination's year takes the branch meant for one in the first half of that year, and suggests
    ``day.year - 1``) and its ZH_RULES wording. The message is built on "the year typed is the year
    of submission", true only when the submission falls in the nomination's own year.

    Hand case: examples/small-dataset.json, N-2025-379902-1 (year 2025) submitted
    2024-12-20T09:00+08:00. The county most likely meant 2024 (a year-end nomination, submitted in
    that year's December). Expected: the warning says the submission is before 2025 began and does
    not suggest 2023. Actual (``softenv validate``): ``推荐时间 2024-12-20 在 2025 年度的上半年：…年度很可能误写成了
    推荐时间的年份（应为 2023？）…2023 年度的年终工作不读入``; English ``2025 is likely the year of
    submission typed for 2023``. Severity: low (a misleading message that sends the clerk to the wrong year).
    """
    from tests.cli_runs import run_cli

    doc = _doc()
    doc["nominations"][0]["submitted_at"] = "2024-12-20T09:00:00+08:00"
    path = tmp_path / "d.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    warnings = se.dataset_warnings(se.load_dataset(path))
    told = [w for w in warnings if "nominations[0]" in w]
    assert told, warnings
    assert not any("typed for 2023" in w for w in told), told
    code, out, err = run_cli(capsys, "validate", str(path))
    assert code == 0, err
    text = out + err
    assert "在 2025 年度的上半年" not in text, text
    assert "应为 2023" not in text, text
