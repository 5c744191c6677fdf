"""Auditor a27: the year end's 万人评议, commendation and annual adjustment, computed by hand.

Policy read: DESIGN "万人评议", "Commendation", "Annual adjustment", "Who owes what, when",
"Reading a parameter", "An explicit instant"; docs/yearend.md; docs/rules.md ("Nomination
conditions", "Adjustment window"). Baseline: weights 监测点企业 0.4, 其他企业 0.2, 人大代表政协委员 0.15,
群众 0.15, 行风监督员 0.1; 基本满意 0.6; 30 valid; bottom 3; quota max(1, ⌊0.1 × points designated
on 12-31⌋); 3 consecutive owed months unreached; window January. Default instant of 2025:
2026-01-06 00:00 Beijing (December's report due Mon 2026-01-05).

The dataset ``data/yearend-parts-audit-a27.json`` (甲区 379902, 乙县 379921; points designated
since 2024-01-01 unless said; every point reached monthly by its county office with one item,
unless said). 甲: A01…A11; A_LATE from 06-25 (added, filed 06-20); A_ADD from 12-31 (filed
12-30); A_U1 unreached 2024-11, 2024-12, 2025-01; A_U3 from 03-27 (filed 03-01), unreached
03, 04, 05; A_U4 unreached 10, 11, 12 (a removal effective 2026-01-15 filed 2026-01-10);
A_U5 unreached 07, 08 and in 09 reached only by 市经贸委; A_U6 no contact in 02, 03, 04; A_F
reached monthly, no item, no rating; A_W removed 2026-01-01 own wish (filed 12-15); A_GONE
until 06-09 (removed 06-10, filed 06-01), rating in H1 as 其他企业 under its id; A_MID until
06-15 (removed 06-16 own wish, filed 06-01), no rating in H1; A_REM until 12-30 (removed
12-31 own wish, filed 12-01). 乙: B01…B17; B_ADD_JAN from 01-15 (filed 01-10); B_NR rates H1
only; B_REM2 until 12-30 (removed 12-31 不合格, never filed).

Rounds: H1 06-10…06-25, H2 12-05…12-20. A round is owed by the points designated on a day of
its window. H1: 甲 21 (A01…A11, A_LATE (06-25 is the last day), A_U1, A_U3, A_U4, A_U5, A_U6,
A_F, A_W, A_MID (06-10…06-15), A_REM; not A_GONE (ended 06-09), not A_ADD), 乙 20 → 41, of
which A_F and A_MID did not rate → 39 took part (甲 19). H2: 甲 20 (A_MID gone; A_REM until
12-30 still in), 乙 20 → 40; A_F and B_NR did not rate → 38 (甲 19, not taking part 1).

H1 tallies (满意, 基本满意, 不满意, 不了解) and scores, s_g = (满 + 0.6 基) / valid_g:

- d1: point (20, 10, 5, 4), 其他企业 (5, 3, 2, 0), 群众 (0, 0, 0, 3) (no valid: weight dropped).
  100 × [0.4 × 26/35 + 0.2 × 6.8/10] / 0.6 = 100 × (52/175 + 17/125) / 0.6 = 100 × 379/525
  = 72.190… → 72.19; valid 35 + 10 = 45.
- d2: point (30, 9, 0, 0): 100 × 35.4/39 = 90.769… → 90.77.
- d3: point (24, 3, 5, 7): 100 × 25.8/32 = 80.625 exactly → 80.63 (half up; half-even 80.62).
- d4: point (20, 6, 2, 11), 其他企业 (1, 2, 0, 0): 100 × [0.4 × 23.6/28 + 0.2 × 2.2/3] / 0.6
  = 80.634… → 80.63, valid 31: tied with d3 on the shown score, though not on the exact one.
- d5: point (28, 8, 3, 0): 100 × 32.8/39 = 84.102… → 84.10.
- d6: point (17, 7, 3, 12), 人大政协 (0, 1, 2, 0), 行风监督员 (0, 0, 0, 2) (dropped):
  100 × [0.4 × 21.2/27 + 0.15 × 0.6/3] / 0.55 = 100 × 0.344074…/0.55 = 62.558… → 62.56; valid
  27 + 3 = 30: exactly enough, ranked.
- d7: point (20, 5, 4, 10), 群众 (0, 0, 0, 5): valid 29 < 30 → insufficient (79.31, unranked).
Ranks by the shown score: d2 1, d5 2, d3 3, d4 3, d1 5, d6 6. The last 3 places are positions
4–6 (d4, d1, d6); d3 shares d4's rank → flagged too: d3, d4, d1, d6 are 末位.

H2: d1 (30, 8, 0, 0) 34.8/38 → 91.58; d2 (20, 10, 8, 0) 26/38 → 68.42; d3 (25, 5, 8, 0) 28/38 →
73.68. Three ranked: all but rank 1 flagged: d3 (2), d2 (3).

Commendation: on 12-31 甲 holds A01…A11, A_LATE, A_ADD (from that day), A_U1, A_U3, A_U4, A_U5,
A_U6, A_F, A_W = 20 (not A_REM, ended 12-30) → quota ⌊0.1 × 20⌋ = 2; 乙 B01…B17, B_ADD_JAN, B_NR
= 19 (not B_REM2) → quota max(1, 1) = 1, nominated 2 → 超出1个. N-A1 A01 accepted (100, both
rounds, all year); N-A2 A_LATE fails 全年在册 (2025-01-01 至 2025-06-24 未在册); N-B1 B01
accepted; N-B2 B_NR fails 参加两次万人评议 (1 of 2; its duty 30 + 30 + 20×1/2 + 20 = 90, 优秀).
Decisions D-1 (N-A1), D-2 (N-A2) 2026-01-20, D-3 (N-B1) 2026-01-21: none known at the default
instant; as of 2026-02-01 A01, A_LATE, B01 are commended, D-2 flagged (a rejected nominee), D-3
flagged (乙 over its quota).

Adjustment proposals (points designated on 12-31): A_F 不合格 (30 + 0 + 0 + 20 = 50); A_U1
2024-11—2025-01 (a run across the year boundary); A_U4 2025-10—2025-12; A_U5 2025-07—2025-09
(September reached by another office only); A_U6 2025-02—2025-04 (no contact of it at all);
A_W own wish (filed 12-15, so known at the instant). Not proposed: A_U3 (March has 3 working
days inside its designation, 27, 28, 31: not owed, so the run is April–May, 2 months); A_REM,
B_REM2 (not designated on 12-31); A_U4's recorded removal (neither in effect nor filed at
2026-01-06). Filings: 9 county changes effective in 2025 or later known then, RC-B_REM2 not
filed; as of 2026-02-01, 10 (RC-A_U4 filed 01-10). Window: 8 changes effective in 2025; outside
January and not exempt: RC-A_U3, RC-A_GONE, RC-A_LATE, RC-A_ADD, RC-B_REM2 (RC-A_MID and RC-A_REM
are own wish, RC-B_ADD_JAN in January).

Every expected figure is the hand computation written next to it, never the library's.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from softenv_core import CITY_OFFICE, assess, baseline_parameters, year_end
from softenv_core.analyses.appraisal_scores import appraise
from softenv_core.cli.main import main
from softenv_core.engine.parameters import DatedValue, Parameter

DATA = Path(__file__).parent / "data" / "yearend-parts-audit-a27.json"
A, B = "379902", "379921"
LATER = "2026-02-01T00:00:00+08:00"


@pytest.fixture(scope="module")
def ye(ds, pm):
    return year_end(ds, 2025, pm, audience=CITY_OFFICE)


def _rows(rnd):
    return {
        d.department: (str(d.score) if d.score is not None else None, d.valid, d.sufficient, d.rank, d.bottom)
        for d in rnd.departments
    }


def test_first_round_scores_ranks_and_flags(ye):
    h1 = next(r for r in ye.appraisal if r.round == "A-2025-H1")
    assert _rows(h1) == {
        "d2": ("90.77", 39, True, 1, False),
        "d5": ("84.10", 39, True, 2, False),
        "d3": ("80.63", 32, True, 3, True),  # 80.625 exactly, half up
        "d4": ("80.63", 31, True, 3, True),  # 80.634…: tied on the shown score, shares the flag
        "d1": ("72.19", 45, True, 5, True),  # 群众 only 不了解: weight renormalised over 0.6
        "d6": ("62.56", 30, True, 6, True),  # exactly 30 valid: ranked
        "d7": ("79.31", 29, False, None, False),  # 29 valid: insufficient, not ranked
    }


def test_first_round_raters_are_the_points_designated_in_its_window(ye):
    h1 = next(r for r in ye.appraisal if r.round == "A-2025-H1")
    assert list(h1.points_not_taking_part) == ["A_F", "A_MID"]
    assert len(h1.points_taking_part) == 39
    assert "A_LATE" in h1.points_taking_part  # designated on the window's last day
    owed = set(h1.points_taking_part) | set(h1.points_not_taking_part)
    assert not owed & {"A_GONE", "A_ADD"}  # ended the day before it opened; designated after


def test_second_round_with_three_ranked(ye):
    h2 = next(r for r in ye.appraisal if r.round == "A-2025-H2")
    assert _rows(h2) == {
        "d1": ("91.58", 38, True, 1, False),
        "d3": ("73.68", 38, True, 2, True),
        "d2": ("68.42", 38, True, 3, True),
    }
    assert list(h2.points_not_taking_part) == ["A_F", "B_NR"]
    assert len(h2.points_taking_part) == 38


def test_commendation_quotas_and_nominees(ye):
    c = ye.commendation
    counties = {x.county: (x.active_points, x.quota, x.nominated, x.error) for x in c.counties}
    assert counties == {
        A: (20, 2, 2, None),
        B: (19, 1, 2, "379921 乙县：推荐2个，名额1个，超出1个（max(1, ⌊0.1 × 19个在册县区监测点⌋)）"),
    }
    checks = {n.nomination: (n.point, n.accepted, n.reason) for x in c.counties for n in x.nominees}
    assert checks == {
        "N-A1": ("A01", True, "符合条件"),
        "N-A2": (
            "A_LATE",
            False,
            "全年在册：在册 2025-06-25 至今，未覆盖2025年全年（2025-01-01 至 2025-06-24 未在册）",
        ),
        "N-B1": ("B01", True, "符合条件"),
        "N-B2": ("B_NR", False, "参加两次万人评议：参加万人评议1轮，应参加2轮（在册期间举行）；未参加：A-2025-H2"),
    }
    assert (c.commended, c.flags, c.decisions) == ((), (), ())  # decided after 2026-01-06


def test_city_decisions_read_at_a_later_instant(ds, pm):
    c = year_end(ds, 2025, pm, audience=CITY_OFFICE, as_of=datetime.fromisoformat(LATER)).commendation
    assert c.commended == ("A01", "A_LATE", "B01")
    assert [f.split("：")[0] for f in c.flags] == ["D-2", "D-3"]


def test_duty_figures_behind_the_proposals_and_nominations(ds, pm):
    a = assess(ds, 2025, pm, audience=CITY_OFFICE)
    got = {p.id: str(p.total) for p in a.points}
    assert {k: got[k] for k in ("A_F", "A_U1", "A_U3", "A_U4", "A_MID", "B_NR", "A_LATE")} == {
        "A_F": "50.00",  # 30 + 0 + 0 + 20
        "A_U1": "97.50",  # 30 × 11/12 + 30 + 20 + 20
        "A_U3": "93.33",  # 30 × 7/9 + 30 + 20 + 20 (April–December owed)
        "A_U4": "92.50",  # 30 × 9/12 + 30 + 20 + 20
        "A_MID": "80.00",  # owed H1, did not rate: 30 + 30 + 0 + 20
        "B_NR": "90.00",  # 30 + 30 + 20 × 1/2 + 20
        "A_LATE": "100.00",  # July–December, both rounds owed and rated
    }
    assert "A_ADD" not in got  # designated on 12-31 only: owes no month
    assert Decimal(got["A_U3"]) == Decimal("93.33")


def test_adjustment_proposals(ye):
    got = {p.point: (tuple(p.reasons), tuple(p.explanation)) for p in ye.proposals}
    assert got == {
        "A_F": (("unqualified",), ("2025年度考评50.00分，不合格",)),
        "A_U1": (("unreachable",), ("连续3个月未联系上：2024-11—2025-01",)),
        "A_U4": (("unreachable",), ("连续3个月未联系上：2025-10—2025-12",)),
        "A_U5": (
            ("unreachable",),
            (
                "连续3个月未联系上：2025-07—2025-09（非负责联系单位的联系不计：2025-09 C-A_U5-2025-09 "
                "由市经贸委记录，应由甲区经贸委联系）",
            ),
        ),
        "A_U6": (("unreachable",), ("连续3个月未联系上：2025-02—2025-04（无联系记录：2025-02、2025-03、2025-04）",)),
        "A_W": (("own_wish",), ("企业自愿退出（记录 RC-A_W，2026-01-01 起）",)),
    }


def test_filings_and_window(ds, pm, ye):
    assert len(ye.filings) == 9
    assert [(f.change, f.reason) for f in ye.filings if not f.ok] == [("RC-B_REM2", "未报市经贸委备案")]
    later = year_end(ds, 2025, pm, audience=CITY_OFFICE, as_of=datetime.fromisoformat(LATER))
    assert len(later.filings) == 10 and "RC-A_U4" in {f.change for f in later.filings}
    assert len(ye.window) == 8
    assert sorted(w.change for w in ye.window if w.flagged) == [
        "RC-A_ADD",
        "RC-A_GONE",
        "RC-A_LATE",
        "RC-A_U3",
        "RC-B_REM2",
    ]
    assert [w.change for w in ye.window if w.inside] == ["RC-B_ADD_JAN"]


def test_cli_markdown_and_json(capsys):
    assert main(["yearend", str(DATA), "--year", "2025"]) == 0
    text = capsys.readouterr().out
    assert "| 3 | 市部门3 | 80.63 | 32 | 末位 |" in text
    assert "| — | 市部门7 | 79.31 | 29 | 样本不足，不排名 |" in text
    assert "参加评议的监测点39个，未参加2个。" in text
    assert "参加评议的监测点38个，未参加2个。" in text
    assert "- 调整前（2025-12-31）：39个监测点" in text
    # After the adjustment: the window's last day, 2026-01-31 (auditor a43; it was 01-01). A_W
    # leaves on 01-01; A_U4's removal (01-15, filed 01-10) is not yet known at 01-06: still 38.
    assert "- 调整后（2026-01-31）：38个监测点" in text
    assert "县区调整9项，未按时备案1项。" in text
    # By hand: RC-B_ADD_JAN (01-15) inside the January window; A_MID and A_REM own wish, exempt;
    # A_LATE, A_GONE (other), A_U3, A_ADD, B_REM2 flagged: 1 + 2 + 5 = 8 (A_U4, A_W: 2026).
    assert "全年调整8项：调整期内1项，调整期外7项，其中因正当原因2项，不受调整期限制；无正当原因5项。" in text
    assert main(["yearend", str(DATA), "--year", "2025", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    h1 = doc["appraisal"][0]
    assert [(d["department"], d["score"], d["rank"], d["bottom"]) for d in h1["departments"]][:6] == [
        ("d2", 90.77, 1, False),
        ("d5", 84.1, 2, False),
        ("d3", 80.63, 3, True),
        ("d4", 80.63, 3, True),
        ("d1", 72.19, 5, True),
        ("d6", 62.56, 6, True),
    ]
    assert [(c["county"], c["quota"]) for c in doc["commendation"]["counties"]] == [(A, 2), (B, 1)]


def test_county_view(capsys):
    assert main(["yearend", str(DATA), "--year", "2025", "--audience", f"county:{A}"]) == 0
    text = capsys.readouterr().out
    assert "本县区监测点参加评议19个，未参加2个。" in text  # H1: A_F, A_MID
    assert "本县区监测点参加评议19个，未参加1个。" in text  # H2: A_F
    assert "| — | 市部门7 | — | （不公开） | 样本不足，不排名 |" in text
    # d6's 行风监督员 group holds 2 ratings (< min_cell 3): its score alone, with rank and flag.
    assert "| 6 | 市部门6 | 62.56 | （不公开） | 末位 |" in text
    assert "本县区决定的调整7项，未按时备案0项。" in text  # 甲's 7 changes known at 01-06
    assert main(["yearend", str(DATA), "--year", "2025", "--audience", f"county:{A}", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert {p["point"] for p in doc["proposals"]} == {"A_F", "A_U1", "A_U4", "A_U5", "A_U6", "A_W"}
    h1 = doc["appraisal"][0]
    assert h1["points_not_taking_part"] == ["A_F", "A_MID"]
    assert len(h1["points_taking_part"]) == 19


def test_a_rounds_parameters_are_read_on_its_closing_day(ds):
    """A round's figures concern the round (DESIGN "Reading a parameter": at the date the question
    concerns): a city decision raising ``appraisal.min_valid`` to 40 from 2025-09-01 leaves H1
    (closed 06-25; d6 with exactly 30 valid still ranked 6th) as published and makes H2 (closed
    12-20; 38 valid each) all insufficient."""
    params = baseline_parameters().merged(
        [
            Parameter(
                "appraisal.min_valid",
                "test",
                values=(DatedValue(date(2022, 3, 1), 30), DatedValue(date(2025, 9, 1), 40)),
            )
        ]
    )
    h1 = appraise(ds, "A-2025-H1", params, audience=CITY_OFFICE)
    assert (h1.department("d6").rank, h1.department("d6").sufficient) == (6, True)
    h2 = appraise(ds, "A-2025-H2", params, audience=CITY_OFFICE)
    assert [(d.department, d.sufficient, d.rank) for d in h2.departments] == [
        ("d1", False, None),
        ("d2", False, None),
        ("d3", False, None),
    ]
