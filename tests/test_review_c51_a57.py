"""Review of auditor a57 (01, 02) and clerk c51 (07, 08): what the renderers, the city's
complaint-limits reference, the 白河县 example plugin and the redacted notices say."""

from __future__ import annotations

import json
from datetime import date, datetime

import attrs
import pytest

import softenv_core as se
from softenv_core import CITY_OFFICE, get_plugin_manager, monthly_deadline
from softenv_core.model.periods import BEIJING, Month
from softenv_core.plugin import PluginInfo, hookimpl
from softenv_core.render.assessment import summary
from softenv_core.render.document_words import due_and_sent
from softenv_core.testing import beijing, make_point, monthly_contacts, monthly_report, small_dataset

YI = "379921"


class _YiAt17:
    """A county deadline at a whole minute: the 3rd (顺延) at 17:00:00."""

    @hookimpl
    def softenv_plugin_info(self):
        return PluginInfo(county=YI, title="乙县月报细则", reference="乙县〔2025〕3号")

    @hookimpl
    def softenv_report_deadline(self, county, month, calendar, params):
        d = monthly_deadline(calendar, month, 3, rule_id="yi.deadline", reference="乙县：每月3日17时前")
        return attrs.evolve(d, due_at=d.due_at.replace(hour=17, minute=0, second=0))


@pytest.fixture(scope="module")
def at17():
    """September 2025, due Thu 2025-10-09 17:00:00 (10-03 in 国庆), sent 17:00:30: late."""
    pm = get_plugin_manager(autoload=False)
    pm.register(_YiAt17(), "yi")
    sent = beijing(2025, 10, 9, 17, 0, 30)
    ds = small_dataset(2025)
    reports = tuple(
        monthly_report(YI, Month(2025, 9), sent) if (r.county == YI and r.month == Month(2025, 9)) else r
        for r in ds.reports
    )
    return attrs.evolve(ds, reports=reports), pm


# --- auditor a57 01: seconds where the minute hides which came first ---------------------


def test_explain_county_shows_the_seconds_that_make_a_report_late(at17):
    ds, pm = at17
    county = se.assess(ds, 2025, pm, audience=CITY_OFFICE).county(YI)
    assert county.months[8].late_workdays == 0
    line = next(x for x in se.explain_county(county).splitlines() if x.startswith("2025-09"))
    assert "2025-10-09 17:00:00  2025-10-09 17:00:30  迟报" in line
    # A month in another minute than its deadline keeps the minute.
    august = next(x for x in se.explain_county(county).splitlines() if x.startswith("2025-08"))
    assert ":00:00" not in august and ":59:59" not in august


def test_the_monitoring_report_shows_the_seconds_too(at17):
    ds, pm = at17
    md = se.render_markdown(se.monitoring_report(ds, Month(2025, 9), pm, audience=CITY_OFFICE))
    assert "| 379921 乙县 | 2025-10-09 17:00:00 | 2025-10-09 17:00:30 | 迟报 0个工作日 |" in md


def test_the_word_report_shows_the_county_time_and_the_seconds(at17, tmp_path):
    docx = pytest.importorskip("docx")
    from softenv_core.render.docx_report import write_report_docx

    ds, pm = at17
    path = tmp_path / "r.docx"
    write_report_docx(se.monitoring_report(ds, Month(2025, 9), pm, audience=CITY_OFFICE), path)
    rows = [[c.text for c in row.cells] for t in docx.Document(str(path)).tables for row in t.rows]
    yi = next(r for r in rows if r[0] == "乙县")
    assert yi[1:4] == ["10-09\n17:00:00", "10-09\n17:00:30", "迟报0个工作日"]  # a line each (r54 01)
    # The city's deadline (23:59:59) is its day alone, as before.
    other = next(r for r in rows if r[0] not in ("乙县", "县区") and r[1][:2] == "10")
    assert len(other[1]) == len("10-10")


def _at(h: int, m: int, s: int, day: int = 6) -> datetime:
    return datetime(2025, 3, day, h, m, s, tzinfo=BEIJING)


def test_the_shared_rule_keeps_the_city_deadline_and_whole_minutes():
    # The city's deadline: any submission in its minute is in time, so the minute is kept.
    assert due_and_sent(_at(23, 59, 59), _at(23, 59, 0)) == ("2025-03-06 23:59", "2025-03-06 23:59")
    assert due_and_sent(_at(23, 59, 59), _at(9, 12, 37)) == ("2025-03-06 23:59", "2025-03-06 09:12")
    # Another minute orders the two by itself.
    assert due_and_sent(_at(17, 0, 0), _at(17, 1, 10)) == ("2025-03-06 17:00", "2025-03-06 17:01")
    # One minute, a deadline not at its last second: seconds on both.
    assert due_and_sent(_at(17, 0, 0), _at(17, 0, 0)) == ("2025-03-06 17:00:00", "2025-03-06 17:00:00")
    assert due_and_sent(None, _at(17, 0, 30)) == (None, "2025-03-06 17:00")
    assert due_and_sent(_at(23, 59, 59), None, short=True) == ("03-06", None)
    assert due_and_sent(_at(17, 0, 0), _at(17, 0, 30, 7), short=True) == ("03-06 17:00", "03-07 17:00")


# --- auditor a57 02: the 白河县 plugin counts owed months, and names the one it leaves out -----


def _baihe_reason(as_of: datetime | None = None) -> str:
    ds = small_dataset(2025, counties=("379902", "379922"))
    p = make_point("PB7", "379922", 70, designated_from=date(2025, 7, 28))
    ds = attrs.evolve(ds, points=(*ds.points, p), contacts=(*ds.contacts, *monthly_contacts(p, 2025)))
    res = se.assess(ds, 2025, get_plugin_manager(), audience=CITY_OFFICE, as_of=as_of)
    point = next(x for x in res.points if x.id == "PB7")
    return next(i for i in point.items if i.rule.id == "baihe.duty.contact_quality").reason


def test_baihe_says_owed_months_and_names_the_contact_it_does_not_count():
    reason = _baihe_reason()
    assert reason.startswith("应履职5个月：")
    assert "在册" not in reason
    assert reason.endswith("；应履职月份以外的联系不计：2025-07（C-PB7-2025-07）")


def test_baihe_says_a_running_month_is_not_counted_yet():
    reason = _baihe_reason(as_of=beijing(2025, 10, 20, 12))
    assert reason.startswith("应履职2个月：")  # August, September
    assert "；应履职月份以外的联系不计：2025-07（C-PB7-2025-07）" in reason
    assert reason.endswith("；评估时点尚未结束的月份的联系暂不计：2025-10（C-PB7-2025-10）")


# --- clerk c51 08: the city's complaint limits cited in Chinese ---------------------------


def test_explain_county_cites_the_complaint_limits_in_the_readers_language(tmp_path, capsys):
    from softenv_core.cli.main import main
    from softenv_core.io.dataset_files import dump_dataset

    path = tmp_path / "d.json"
    path.write_text(json.dumps(dump_dataset(small_dataset(2025)), ensure_ascii=False), encoding="utf-8")
    assert main(["explain", str(path), "--year", "2025", "--county", "379902"]) == 0
    zh = capsys.readouterr().out.split("投诉办理时限依据", 1)[1]
    assert "《市环境建设监测工作意见》三(三)：“纳入投拆机制,由市软建办派员承办、督办”；办理时限：市级实施决定" in zh
    assert "seed" not in zh and "city decision" not in zh
    assert main(["explain", str(path), "--year", "2025", "--county", "379902", "--lang", "en"]) == 0
    en = capsys.readouterr().out.split("Complaint limits set by", 1)[1]
    assert "seed 三(三): 纳入投拆机制, 由市软建办派员承办、督办; limits: city decision" in en


# --- clerk c51 07: notices a county's clerk can act on -------------------------------------


def test_plugin_installation_notices_stay_with_the_city_office():
    ds = small_dataset(2025)  # 379901-3: the demo plugins' counties are not in it
    pm = get_plugin_manager()
    city = se.assess(ds, 2025, pm, audience=CITY_OFFICE)
    assert any(n.startswith("plugin 'baihe' serves county 379922") for n in city.notices)
    county = se.assess(ds, 2025, pm, audience="county:379902")
    assert not [n for n in county.notices if "plugin" in n or "插件" in n]
    assert "不在本数据集中" not in summary(county)
    assert "不在本数据集中" in summary(city)


def test_the_feedback_items_notice_says_it_holds_without_complaints():
    ds = small_dataset(2025)
    assert not ds.complaints
    county = se.assess(ds, 2025, audience="county:379902")
    said = [n for n in county.notices if "直接反馈" in n]
    assert said == [
        "“反映情况”“监督质量”等可依据直接反馈计分的项目，不论有无直接反馈，一律只列分值，"
        "不列依据记录及分值所示以外的计数：2 处"  # its one county-level point's two items (not the 市直 one's: x54 01)
    ]


# --- clerk c51 08, continued: a county's limits cite their Chinese too -----------------------


class _LimitsWithChinese:
    """乙县's own complaint limits, the city's numbers, citing its rule in both languages."""

    def __init__(self, reference_zh: object) -> None:
        self.reference_zh = reference_zh

    @hookimpl
    def softenv_plugin_info(self):
        return PluginInfo(county=YI, title="乙县投诉办理细则", reference="乙县〔2025〕4号")

    @hookimpl
    def softenv_complaint_sla(self, kind, calendar, params, on):
        from softenv_core.rules.city.baseline import baseline_sla

        city = baseline_sla(kind, params, on=on)
        return attrs.evolve(city, reference="Yi county rule 4", reference_zh=self.reference_zh, params=())


def test_a_countys_complaint_limits_cite_their_chinese_reference_in_chinese_text():
    from softenv_core.engine.sla_answers import resolve_sla
    from softenv_core.model.complaints import ComplaintKind
    from softenv_core.render.limits_basis import limits_basis
    from softenv_core.workdays.calendar import WorkCalendar

    params, cal, day = se.baseline_parameters(), WorkCalendar(), date(2025, 3, 3)
    pm = get_plugin_manager(autoload=False, plugins=[("yi", _LimitsWithChinese("乙县〔2025〕4号 第三条"))])
    sla = resolve_sla(pm, YI, ComplaintKind.COMPLAINT, cal, params, day)
    assert sla.reference_zh == "乙县〔2025〕4号 第三条"
    rows = [(ComplaintKind.COMPLAINT, sla, "yi", "1.0")]
    assert "乙县〔2025〕4号 第三条" in "\n".join(limits_basis(rows, day, "zh"))
    assert "Yi county rule 4" in "\n".join(limits_basis(rows, day, "en"))
    bad = get_plugin_manager(autoload=False, plugins=[("yi", _LimitsWithChinese(4))])
    with pytest.raises(se.PluginError, match=r"field reference_zh: expected non-blank text, got int \(or None\)"):
        resolve_sla(bad, YI, ComplaintKind.COMPLAINT, cal, params, day)
