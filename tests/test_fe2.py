"""fe2: English outputs say the library's own reasons in English (engine.phrases): the city
baseline's conditions and duty items, the adjustment's proposals and filings, a nominee's
failing conditions; records' and plugins' words stay as written."""

from __future__ import annotations

import contextlib
import io
import json
import re
from pathlib import Path

import openpyxl
import pytest

from softenv_core.cli.main import main
from softenv_core.render.notices_en import en_notice as said_en  # it loads every module's phrases
from softenv_core.rules.city import topten

#: Chinese characters and full-width punctuation.
_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]+")

#: The programme's own terms English outputs keep deliberately, beside their English or as names.
_TERMS = ("不合格", "合格", "优秀", "先进", "十佳", "万人评议", "县区", "市直", "市软建办", "市经贸委")

#: Lines whose Chinese is kept deliberately: a rule's or parameter's citation of its source
#: (the seed's words and the city decision's term, quoted beside their English) and the city
#: baseline's title, which says itself in both languages.
_QUOTED = re.compile(r"seed |city decision|Rule: |Parameter: |市级基线规则 \(city baseline")


#: A county plugin's own reason (望海's top-ten condition): shown as the plugin wrote it.
_PLUGIN_REASONS = re.compile(r"本市部门被投诉事项超期超过\d+个工作日：\S+ 本年超期\d+个工作日")


def _run(argv: list[str]) -> str:
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        main(argv)
    return buf.getvalue()


def _record_words(path: Path) -> list[str]:
    """Every string of the dataset (names, records' text), longest first."""
    out: set[str] = set()

    def walk(v: object) -> None:
        if isinstance(v, str):
            out.add(v)
        elif isinstance(v, dict):
            for x in v.values():
                walk(x)
        elif isinstance(v, list):
            for x in v:
                walk(x)

    walk(json.loads(path.read_text(encoding="utf-8")))
    return sorted((s for s in out if _CJK.search(s)), key=len, reverse=True)


def _plugin_lines(line: str) -> bool:
    """A line a county plugin wrote (its title, its document, its own reason)."""
    return any(k in line for k in ("wanghai", "qingshan", "baihe", "〔2024〕"))


@pytest.mark.parametrize("audience", ["city", "county:379911", "department:city-hr", "point:P379911-003", "public"])
def test_english_outputs_say_the_library_reasons_in_english(demo_file: Path, audience: str) -> None:
    d = str(demo_file)
    text = _run(["assess", d, "--year", "2025", "--lang", "en", "--audience", audience])
    text += _run(["yearend", d, "--year", "2025", "--lang", "en", "--audience", audience])
    for point in ("P379911-003", "P379921-001", "P379921-020", "P379924-020"):
        text += _run(["explain", d, "--year", "2025", "--lang", "en", "--point", point, "--audience", audience])
    for county in ("379911", "379922", "379923", "379924"):
        text += _run(["explain", d, "--year", "2025", "--lang", "en", "--county", county, "--audience", audience])
    for command in ("assess", "yearend"):  # the results workbooks, every cell a line
        out = demo_file.parent / f"{command}-{audience.replace(':', '-')}.xlsx"
        _run(
            [
                command,
                d,
                "--year",
                "2025",
                "--lang",
                "en",
                "--format",
                "xlsx",
                "--audience",
                audience,
                "--out",
                str(out),
            ]
        )
        assert out.exists(), command
        for sheet in openpyxl.load_workbook(out, read_only=True):
            text += "".join(f"{v}\n" for row in sheet.iter_rows(values_only=True) for v in row if isinstance(v, str))
    words = _record_words(demo_file)
    left = []
    for line in text.splitlines():
        if _plugin_lines(line) or _QUOTED.search(line):
            continue
        line = _PLUGIN_REASONS.sub("", line)
        for w in words:
            line = line.replace(w, "")
        for t in _TERMS:
            line = line.replace(t, "")
        left += _CJK.findall(line)
    assert left == []


def test_reasons_said_in_english_from_their_phrase() -> None:
    assert said_en("2025-09 迟报1个工作日（10-10）") == "2025-09 late 1 working day(s) (10-10)"
    assert said_en("2025-07 未报") == "2025-07 missing"
    assert said_en("考评等次为合格，须为优秀") == "rated pass (合格); must be excellent (优秀)"
    nominee = (
        "考评优秀：考评等次为合格，须为优秀；参加两次万人评议：参加万人评议1轮，应参加2轮（在册期间举行）；"
        "未参加：A-2025-H1"
    )
    assert said_en(nominee) == (
        "rated 优秀: rated pass (合格); must be excellent (优秀); took part in both appraisal rounds: "
        "took part in 1 appraisal round(s), owed 2 (held while designated); not taken part in: A-2025-H1"
    )
    assert said_en("应参加万人评议2轮，参加1轮：20 × 1/2；未参加：A-2025-H1") == (
        "took part in 1 of 2 appraisal round(s) owed: 20 × 1/2; not taken part in: A-2025-H1"
    )
    assert said_en("满足") == "met"
    # The Chinese is the phrase's own: the rule writes it, the English is read back from it.
    assert topten.LATE_MONTH(month="2025-09", days=1, dates="（10-10）") == "2025-09 迟报1个工作日（10-10）"


def test_a_plugin_reason_stays_as_written() -> None:
    reason = "本市部门被投诉事项超期超过10个工作日：Q-2025-0046 本年超期86个工作日"
    assert said_en(reason) == reason


def test_every_day_of_a_year_said_in_english() -> None:
    from datetime import date, timedelta

    from softenv_core.workdays.calendar import WorkCalendar
    from softenv_core.workdays.deadlines import describe_day

    cal = WorkCalendar()
    day = date(2025, 1, 1)
    while day.year == 2025:
        said = said_en(describe_day(cal, day))
        assert not _CJK.search(said), said
        day += timedelta(days=1)


@pytest.mark.parametrize(
    ("zh", "en"),
    [
        (
            "在册期间无万人评议轮次，按满分计；A-2025-H2属2025年度，不计入本年度",
            "no appraisal round while designated: full points; A-2025-H2 belongs to 2025, not counted this year",
        ),
        (
            "20 − 10 × 1件经查虚假或恶意的投诉；计入本年度：Q-1（2025-03收到，认定于2025-04-02 10:00）",
            "20 − 10 × 1 complaint(s) found false or malicious; counted this year: Q-1 (received 2025-03, found "
            "false 2025-04-02 10:00)",
        ),
        (
            "本年度无计入的经查虚假或恶意的投诉；Q-2 已重办（2025-05-06）后撤回（2025-05-20），"
            "不按虚假计（重办后撤回的，原虚假认定是否仍计，待市里明确）",
            "no complaint found false or malicious counted this year; Q-2 reopened (2025-05-06), then withdrawn "
            "(2025-05-20): not counted as false (whether the earlier finding still counts once withdrawn after "
            "reopening is for the city to decide)",
        ),
        ("扣分后总分-5低于0，按0计", "total -5 after deductions below the floor 0: 0 counted"),
        (
            "A-2022-H1在基线施行（2022-03-01）前结束，不计",
            "A-2022-H1 closed before the baseline took effect (2022-03-01), not counted",
        ),
    ],
)
def test_reasons_not_in_the_demo_said_in_english(zh: str, en: str) -> None:
    assert said_en(zh) == en
