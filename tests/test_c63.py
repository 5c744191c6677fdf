"""Clerk c63: a month at the city's 软建办 — three counties' workbooks and the city's own
records imported together, the month's reports for each reader, the year end for the city and
each county, the roster adjustment. Each test builds its workbooks (``softenv init --empty``
filled with openpyxl as the county clerks fill them) and runs ``softenv`` in this process."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from softenv_core.cli.main import main
from softenv_core.model.enterprises import synthetic_uscc

CITY = {"code": "379900", "name": "示范市", "office": "市软建办", "liaison_office": "市经贸委"}
COUNTIES = {
    "379902": ("东城区", "市辖区", "东城区经贸委", "dc"),
    "379903": ("西城区", "市辖区", "西城区经贸委", "xc"),
    "379921": ("青山县", "县", "青山县经信局", "qs"),
}
CITY_DEPTS = [("city-amr", "市市场监管局"), ("city-tax", "市税务局"), ("city-hr", "市人社局")]


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def _starter(folder: Path) -> openpyxl.Workbook:
    assert main(["init", "--empty", str(folder)]) == 0
    return openpyxl.load_workbook(folder / "软环境监测点.xlsx")


def put(ws: Any, rows: list[dict[str, Any]], first: int = 3) -> None:
    fields = [c.value for c in ws[2]]
    for r, rec in enumerate(rows, first):
        for k, v in rec.items():
            ws.cell(r, fields.index(k) + 1, v)


def _weekday(d: dt.datetime) -> dt.datetime:
    while d.weekday() >= 5:
        d += dt.timedelta(days=1)
    return d


def points_of(code: str) -> list[dict[str, Any]]:
    name = COUNTIES[code][0]
    return [
        {
            "id": f"P{code}-00{i}",
            "enterprise.name": f"{name}第{i}机械有限公司",
            "county": code,
            "enterprise.uscc": synthetic_uscc(code, int(code[-2:]) * 10 + i),
            "enterprise.size": "小型",
            "enterprise.ownership": "民营",
            "enterprise.sector": "工业",
            "enterprise.industry": "C34",
            "enterprise.employees": 100 * i,
            "enterprise.revenue_wan": 1000 * i,
            "enterprise.assets_wan": 800 * i,
            "level": "县区",
            "designated_by": "市确定",
            "designated_from": dt.datetime(2023, 1, 1),
            "liaison_person": f"{name[:1]}联系人{i}",
        }
        for i in (1, 2, 3)
    ]


def county_book(root: Path, code: str, late: dict[int, dt.datetime] | None = None) -> Path:
    """A county's whole-year workbook: its points, a contact a month each, a report a month
    (a 收费 matter in March, June and September, raised in a contact and copied into the
    month's report as office.md asks: 已记入联系事项的事项，仍请列入当月县区月报的月报事项（照抄）)."""
    name, kind, office, short = COUNTIES[code]
    wb = _starter(root / short)
    put(wb["城市"], [CITY])
    put(wb["县区"], [{"code": code, "name": name, "kind": kind, "liaison_office": office}])
    put(wb["部门"], [{"id": i, "name": n} for i, n in CITY_DEPTS])
    pts = points_of(code)
    put(wb["监测点"], pts)
    contacts, items, reports, ritems = [], [], [], []
    for m in range(1, 13):
        for i, p in enumerate(pts, 1):
            cid = f"C-{code}-2025-{m:02d}-{i:03d}"
            contacts.append(
                {
                    "id": cid,
                    "point": p["id"],
                    "date": _weekday(dt.datetime(2025, m, 10 + i)),
                    "method": "电话",
                    "liaison": code,
                    "reached": "是",
                    "made_by": p["liaison_person"],
                }
            )
            if i == 1 and m in (3, 6, 9):
                text = f"{m}月反映检验收费偏高"
                items.append({"@parent": cid, "@seq": 1, "category": "收费", "text": text, "department": "city-amr"})
                ritems.append(
                    {
                        "@parent": f"R-{code}-2025-{m:02d}",
                        "@amendment": 0,
                        "@seq": 1,
                        "category": "收费",
                        "text": text,
                        "department": "city-amr",
                        "point": p["id"],
                    }
                )
        due = dt.datetime(2026 if m == 12 else 2025, 1 if m == 12 else m + 1, 2, 10, 0)
        reports.append(
            {
                "id": f"R-{code}-2025-{m:02d}",
                "county": code,
                "month": f"2025-{m:02d}",
                "submitted_at": (late or {}).get(m, due),
                "submitted_by": f"{office} 王",
                "nothing_to_report": "否" if m in (3, 6, 9) else "是",
            }
        )
    put(wb["联系记录"], contacts)
    put(wb["联系事项"], items)
    put(wb["月报"], reports)
    put(wb["月报事项"], ritems)
    out = root / f"{name}.xlsx"
    wb.save(out)
    return out


def city_book(root: Path, ratings: bool = True) -> Path:
    """The city office's own records: counties, departments, one complaint, the two rounds."""
    wb = _starter(root / "city")
    put(wb["城市"], [CITY])
    put(wb["县区"], [{"code": c, "name": v[0], "kind": v[1], "liaison_office": v[2]} for c, v in COUNTIES.items()])
    put(wb["部门"], [{"id": i, "name": n} for i, n in CITY_DEPTS])
    put(
        wb["直接反馈"],
        [
            {
                "id": "F-2025-001",
                "kind": "投诉",
                "point": "P379902-001",
                "department": "city-amr",
                "category": "收费",
                "text": "反映检测机构重复收费",
                "consent_to_disclose": "否",
            },
        ],
    )

    def ev(s: int, t: str, at: dt.datetime, actor: str, **kw: Any) -> dict[str, Any]:
        return {"@parent": "F-2025-001", "@seq": s, "type": t, "at": at, "actor": actor, **kw}

    put(
        wb["办理过程"],
        [
            ev(1, "收到", dt.datetime(2025, 3, 3, 9), "市软建办 李"),
            ev(2, "受理", dt.datetime(2025, 3, 4, 10), "市软建办 李"),
            ev(3, "交办", dt.datetime(2025, 3, 4, 11), "市软建办 李", unit="city-amr"),
            ev(4, "签收", dt.datetime(2025, 3, 5, 9), "市市场监管局"),
            ev(5, "办结", dt.datetime(2025, 3, 18, 16), "市市场监管局", verdict="属实"),
            ev(6, "回访", dt.datetime(2025, 3, 19, 10), "市软建办 李", satisfaction="满意"),
            ev(7, "结案", dt.datetime(2025, 3, 19, 11), "市软建办 李"),
        ],
    )
    put(
        wb["评议轮次"],
        [
            {
                "id": "A-2025-H1",
                "period": "2025-H1",
                "opened": dt.datetime(2025, 6, 10),
                "closed": dt.datetime(2025, 6, 25),
            },
            {
                "id": "A-2025-H2",
                "period": "2025-H2",
                "opened": dt.datetime(2025, 12, 5),
                "closed": dt.datetime(2025, 12, 20),
            },
        ],
    )
    if ratings:
        put(
            wb["评议"],
            [
                {"round": r, "rater": p["id"], "group": "监测点企业", "department": d, "level": "基本满意"}
                for r in ("A-2025-H1", "A-2025-H2")
                for c in COUNTIES
                for p in points_of(c)
                for d, _ in CITY_DEPTS
            ],
        )
    out = root / "市软建办.xlsx"
    wb.save(out)
    return out


@pytest.fixture(scope="module")
def month(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The four workbooks imported together into ds.json."""
    root = tmp_path_factory.mktemp("c63")
    books = [
        county_book(root, "379902", late={5: dt.datetime(2025, 6, 9, 10)}),
        county_book(root, "379903"),
        county_book(root, "379921"),
        city_book(root),
    ]
    assert main(["import", *map(str, books), "--out", str(root / "ds.json")]) == 0
    return root


def test_01_yearend_topic_evidence_counts_a_copied_matter_twice(
    month: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """What: the year end's 六、专项调研建议 table gives the candidate 市市场监管局“收费”问题专项调研
    ``依据事项 19`` for a year in which 10 matters were raised (9 contact items, each copied
    into its month's county report as docs/office.md asks — “两处都列的只计一次” — plus one
    complaint), and its 七、事项跟踪办理 says 全年反映事项 9项; the monthly reports count each
    of those matters once (September: 反映事项：3项). The same figure is in the results
    workbook's 专项调研 sheet and the Word document; a county reads ``本县区依据事项 6`` for its
    3 matters.
    Where: analyses/research_topics.py ``_research_topics``/``_evidence`` take
    ``CommonProblem.evidence`` (record ids: the contact C-… and the report R-… of one matter
    both) as the items, without the matter identity the monthly report uses (matter_keys).
    Expected: 依据事项 10 (9 matters + 1 complaint) for the city, 3 for 西城区.
    Actual: 19 and 6. Severity: medium (a figure of the year end disagrees with the reports)."""
    ds = month / "ds.json"
    code, out, _ = run(capsys, "yearend", ds, "--year", "2025", "--format", "json")
    assert code == 0
    topic = json.loads(out)["topics"][0]
    assert topic["title"] == "市市场监管局“收费”问题专项调研"
    code, md, _ = run(capsys, "yearend", ds, "--year", "2025")
    assert "全年反映事项（不含经营状况）9项" in md
    assert len(topic["evidence"]) == 10, [e["record"] for e in topic["evidence"]]
    assert "| 市市场监管局“收费”问题专项调研 | 3 | 3 | 10 | 未立项 |" in md
    code, md, _ = run(capsys, "yearend", ds, "--year", "2025", "--audience", "county:379903")
    assert "| 市市场监管局“收费”问题专项调研 | 3 | — | 3 | 未立项 |" in md


def test_02_rating_by_a_removed_point_is_told_in_english(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """What: a county removes a point mid-year (监测点 截止日期 2025-06-30 with its 名册调整) and the
    city's 评议 sheet still has that point rating in the December round as 监测点企业; the
    workbook import (default --lang zh) refuses it with an English sentence:
    ``评议!B… (P379902-003 评议人编号): point P379902-003 (designated 2023-01-01–2025-06-30) was
    not designated during round A-2025-H2's window 2025-12-05–2025-12-20, yet rates as group
    'point' (监测点企业)``, and says nothing of what to do (delete the row, or change 评议人群体).
    Where: io/designation_checks.py ``_ratings_outside`` (no Chinese wording in the workbook
    messages' translation). Expected: a Chinese message naming the cell (在册期间, 评议期间,
    删除该行或改评议人群体). Actual: English. Severity: medium (the clerk cannot read it)."""
    root = tmp_path
    books = [county_book(root, "379902"), city_book(root)]
    wb = openpyxl.load_workbook(books[0])
    ws = wb["监测点"]
    fields = [c.value for c in ws[2]]
    ws.cell(5, fields.index("designated_until") + 1, dt.datetime(2025, 6, 30))
    put(
        wb["名册调整"],
        [
            {
                "id": "RC-379902-2025-01",
                "point": "P379902-003",
                "action": "撤销",
                "reason": "企业自愿退出",
                "effective": dt.datetime(2025, 7, 1),
                "by": "市",
                "county": "379902",
            }
        ],
    )
    put(
        wb["备案"],
        [
            {
                "id": "FL-379902-2025-01",
                "county": "379902",
                "filed_on": dt.datetime(2025, 6, 20),
                "changes": "RC-379902-2025-01",
            }
        ],
    )
    wb.save(books[0])
    code, _, err = run(capsys, "import", *books, "--out", root / "ds.json")
    assert code == 1
    lines = [line for line in err.splitlines() if "P379902-003 评议人编号" in line]
    assert lines, err
    for line in lines:
        assert "was not designated" not in line and "yet rates as group" not in line, line
        assert "在册期间" in line and "评议期间" in line and "删除该行" in line and "评议人群体" in line, line


def _docx_text(path: Path) -> str:
    import docx

    d = docx.Document(str(path))
    lines = [p.text for p in d.paragraphs]
    for t in d.tables:
        lines += [" | ".join(c.text for c in row.cells) for row in t.rows]
    return "\n".join(lines)


def test_03_county_word_report_names_its_own_liaisons_as_the_busiest(
    month: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """What: November's Word report for 西城区 says
    ``定人联系：联系人9名，人均联系监测点1.0个，最多1个（西联系人1、西联系人2、西联系人3）。``:
    nine persons tie at the most (one point each), the city office's version says so
    (``（东联系人1、东联系人2、东联系人3等9人）``), but the county's lists its own three alone,
    without ``等9人``, so it reads as if 西城区's three were the busiest of the city — the
    wording clerk c46 had fixed for the city's version. Where: render/monitoring_workload.py
    ``busiest_named`` counts ``tied`` among the persons named to the reader only (another
    county's, withheld, have ``person`` None). Expected: the tie's size kept (``等9人``) or no
    names at all when some tied persons are withheld. Actual: three names, no 等9人.
    Severity: low (misleading sentence)."""
    out = month / "r11-xc.docx"
    code, _, _ = run(
        capsys,
        "report",
        month / "ds.json",
        "--month",
        "2025-11",
        "--format",
        "docx",
        "--audience",
        "county:379903",
        "--out",
        out,
        "--force",
    )
    assert code == 0
    line = next(x for x in _docx_text(out).splitlines() if x.startswith("定人联系"))
    assert "联系人9名" in line and "最多1个" in line, line
    assert "（西联系人1、西联系人2、西联系人3）" not in line, line


def test_04_trend_names_one_county_of_three_that_rose_alike(month: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """What: in March each of the three counties reported one matter (February: none). The
    city office's trend paragraph (Markdown and Word alike) says
    ``东城区本月反映问题 1 项，较上月增加 1 项`` and nothing of 西城区 and 青山县, which rose by
    the same 1: a reader takes 东城区 for the one county whose matters rose. The same fault
    the Word report's busiest liaison persons had (clerk c46: the first of a tie named as if
    alone). Where: analyses/trends.py ``moved_most``/``_sentences`` (a tie goes to the first
    row, named alone). Expected: a tie said as one (all tied counties named, or ``等3个县区``).
    Actual: 东城区 alone. Severity: low (misleading sentence; the table below has no rows by
    county to correct it)."""
    code, md, _ = run(capsys, "report", month / "ds.json", "--month", "2025-03")
    assert code == 0
    trend = next(line for line in md.splitlines() if line.startswith("本月反映问题"))
    assert "东城区本月反映问题 1 项" in trend or "等3个县区" in trend, trend
    assert "西城区" in trend or "等3个县区" in trend, trend


def test_05_next_years_holiday_arrangement_needs_hand_written_json(
    month: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """What: the year end of 2026 (this office's next one: December 2026's report falls due in
    January 2027, which the installed chinesecalendar does not know) is refused with
    ``尚无 2027 年的国务院节假日安排 … 用 --calendar 文件 提供该年的安排 … （见 docs/calendar.md）``.
    The only way to give the State Council's arrangement is a JSON file written by hand after
    docs/calendar.md (English; ``{"schema": "softenv.calendar", "arrangements": [...]}``): the
    starter workbook has no sheet for it, ``import`` reads none, and the clerk's guide
    docs/office.md (Chinese) never mentions ``--calendar`` (only ``--provisional`` and
    “安排公布后须重新生成”, not how). Where: docs/office.md 第 6 节; cli calendar loading
    (io/calendar_files.py reads JSON only). Expected: the office guide says, in Chinese, how to
    supply a year's arrangement, with a way that needs no hand-written JSON (a sheet of the
    workbook, or a command writing the file). Actual: none. Severity: medium (the year-end
    workflow of every December stops at a JSON file)."""
    code, _, err = run(capsys, "yearend", month / "ds.json", "--year", "2026")
    assert code == 1 and "--calendar" in err
    office = (Path(__file__).parents[1] / "docs" / "office.md").read_text(encoding="utf-8")
    assert "--calendar" in office, "docs/office.md never says how to give next year's arrangement"


def test_04_more_than_three_alike_are_said_as_one() -> None:
    """c63 04 (fix): up to three rows that moved alike are each named with their figures;
    more read as the first and how many, in Chinese and in English; moved_most still names the
    tie's first (auditor a49)."""
    from softenv_core.analyses.disclosure import Cell
    from softenv_core.analyses.trends import TrendRow, _moved_sentences, moved_alike, moved_most
    from softenv_core.render.trend_text import _moved

    def row(key: str, now: int, before: int) -> TrendRow:
        return TrendRow("county", key, f"{key}县", Cell(now, 1), Cell(before, 1), None)

    rows = [row(f"c{i}", 2 if i == 3 else 1, 1 if i == 3 else 0) for i in range(5)] + [row("c9", 0, 2)]
    rise, fall = moved_alike(rows, "county")
    assert [r.key for r in rise] == ["c3", "c0", "c1", "c2", "c4"]  # the larger figure first
    assert [r.key for r in fall] == ["c9"]
    assert moved_most(rows, "county")[0] is rise[0]
    assert _moved_sentences(rise) == ["c3县等5个县区本月反映问题较上月均增加 1 项"]
    assert _moved(rise) == ["matters raised this month in c3县 and 4 other counties: each up 1 on the previous month"]
    assert _moved_sentences(rise[:2]) == [
        "c3县本月反映问题 2 项，较上月增加 1 项",
        "c0县本月反映问题 1 项，较上月增加 1 项",
    ]


NOTICE_2027 = [
    "--holiday", "2027-01-01..2027-01-03",
    "--holiday", "2027-02-06..2027-02-12", "--workday", "2027-02-14",
    "--holiday", "2027-04-05,2027-06-09",
    "--holiday", "2027-10-01至2027-10-07", "--workday", "2027-09-26", "--workday", "2027-10-09",
]  # fmt: skip


def test_05_calendar_new_writes_the_file_the_year_end_reads(
    month: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """c63 05 (fix): ``softenv calendar new`` writes the notice's days as the calendar file, and
    the 2026 year end that stopped for want of 2027 runs with ``--calendar`` it; office.md says
    how, in Chinese, with the command."""
    from softenv_core.io.calendar_files import load_arrangements

    out = tmp_path / "2027年节假日安排.json"
    code, _, err = run(capsys, "calendar", "new", "--year", "2027", *NOTICE_2027, "--source", "国办发明电〔2026〕X号",
                       "--out", out)  # fmt: skip
    assert code == 0, err
    assert "已写入" in err and "放假 2027-01-01 至 2027-01-03、2027-02-06 至 2027-02-12" in err, err
    (arr,) = load_arrangements(out)
    assert arr.year == 2027 and arr.reference == "国办发明电〔2026〕X号"
    assert date_of("2027-10-07") in arr.holidays and arr.workdays == {
        date_of(d) for d in ("2027-02-14", "2027-09-26", "2027-10-09")
    }
    code, md, err = run(capsys, "yearend", month / "ds.json", "--year", "2026", "--calendar", out)
    assert code == 0, err
    assert md.startswith("# 2026年度")
    code, _, err = run(capsys, "yearend", month / "ds.json", "--year", "2026")
    assert code == 1 and "softenv calendar new --year 2027" in err, err
    office = (Path(__file__).parents[1] / "docs" / "office.md").read_text(encoding="utf-8")
    assert "softenv calendar new --year 2027" in office and "--calendar 2027年节假日安排.json" in office


def date_of(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


@pytest.mark.parametrize(
    ("days", "said"),
    [
        (["--holiday", "2027-02-30"], "--holiday 的 '2027-02-30' 不是日期"),
        (["--holiday", "2026-12-01"], "--holiday 的 2026-12-01 不在 2027 年"),
        (["--holiday", "2027-01-01", "--workday", "2027-02-05"], "2027-02-05（星期五）是工作日"),
        (["--holiday", "2027-02-06..2027-02-07", "--workday", "2027-02-07"], "一天不能既放假又补班"),
        (["--holiday", "2027-01-03..2027-01-01"], "2027-01-01 早于 2027-01-03"),
        (["--holiday", "2027-01-01..2027-10-03"], "共 276 天"),
        (["--workday", "2027-02-14"], "请用 --holiday 写出通知中的放假日期"),
    ],
)
def test_05_calendar_new_refuses_a_slip_in_chinese(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], days: list[str], said: str
) -> None:
    out = tmp_path / "2027.json"
    code, _, err = run(
        capsys, "calendar", "new", "--year", "2027", *days, "--source", "国办发明电〔2026〕X号", "--out", out
    )
    assert code == 1 and said in err, err
    assert not out.exists()


def test_05_calendar_new_keeps_an_existing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "2027.json"
    out.write_text("kept", encoding="utf-8")
    args = ["calendar", "new", "--year", "2027", "--holiday", "2027-01-01", "--source", "国办", "--out", out]
    code, _, err = run(capsys, *args)
    assert code == 1 and "不会覆盖" in err and out.read_text(encoding="utf-8") == "kept"
    code, _, err = run(capsys, *args, "--force")
    assert code == 0 and "已覆盖原有文件" in err and '"softenv.calendar"' in out.read_text(encoding="utf-8")
