"""Attacker x46: the surfaces new this session, tried for leaks and for text that acts (DESIGN
principles 7 and 8; docs/privacy.md).

01. Former liaison persons (前任联系人, ``former_liaison_persons``): a county, a department, the public
and a point read the same monthly report (JSON, Markdown, Word), assessment and year end whether
another county's point had a former person, and whoever it was; the name is shown only to the
city office and the point's own office (定人联系工作量), inert there in every medium, and a dataset
workbook holds it as text. Every free text of the records naming a former person, in any
look-alike spelling the screen reads for the current ones, is masked for every reader but the
city office. Held.

02. A county plugin's own complaint limits: the monthly report's notice and ``softenv explain
--county``'s 投诉办理时限依据 show a hostile reference or parameter name inert in every medium; the
notice reads the same whether or not a complaint concerns the county (the hook is given no record,
so its text cannot quote one). Held; fixed: a reference holding a line break made the Chinese
report print the notice in English (render.notices matched it with ``.``, which stops at a break).

03. The year end's 记录止于 notice reads every office's records, so it tells every reader the last
month with any record, of any office (a contact that reached no one, which no monthly report
counts): documented in docs/privacy.md "What is left". Whose record it was, a county does not
learn: its view reads the same whichever office made it.

The fast suite runs 01's library views for every reader outside, and the service's (the same views
through the HTTP service) for a county; the department and the public through the service are
`slow` tests.
"""

from __future__ import annotations

import json
import unicodedata
from datetime import date
from pathlib import Path
from typing import Any

import attrs
import pytest

from softenv_core import (
    CITY_OFFICE,
    ComplaintSla,
    LiaisonTerm,
    Month,
    PluginInfo,
    assess,
    get_plugin_manager,
    hookimpl,
    monitoring_report,
    year_end,
)
from softenv_core.analyses.audiences import Audience
from softenv_core.analyses.redaction import redact_assessment, redact_year_end, text_screen
from softenv_core.engine.parameters import baseline_parameters
from softenv_core.io.converter import to_json
from softenv_core.io.dataset_files import dataset_json, load_dataset
from softenv_core.model.dataset import Dataset
from softenv_core.plugin import ParamValue
from softenv_core.render.monitoring_report import render_markdown
from softenv_core.render.year_end import render_yearend
from softenv_core.testing import make_complaint, small_dataset
from softenv_core.testing.builders import beijing

from .demo_city import demo
from .test_privacy_free_text import _free_text

JUNE = Month(2025, 6)
POINT = "P-379921-2"  # 乙县's 县区 point: 379921's office looks after it
HOSTILE = '=HYPERLINK("h")\u202e王\u200b五\x1b[31m\n## 伪造 <b>x</b>|a|'
OUTSIDE = ["county:379902", "department:city-amr", "public", "point:P-379902-2"]
_ACTING = ("Cc", "Cf", "Zl", "Zp")


def _acting(text: str) -> list[str]:
    return [ch for ch in text if ch not in "\n\t" and unicodedata.category(ch) in _ACTING]


def _world(former: str | None, person: str = "赵六") -> Dataset:
    """small_dataset with POINT looked after by ``person``, by ``former`` until 2025-07-01 (so
    that June's report day is the former person's), or by ``person`` all along (None)."""
    ds = small_dataset(2025)
    terms = () if former is None else (LiaisonTerm(former, date(2025, 7, 1)),)
    points = tuple(
        attrs.evolve(p, liaison_person=person, former_liaison_persons=terms) if p.id == POINT else p for p in ds.points
    )
    return attrs.evolve(ds, points=points)


def _docx_text(report: Any, tmp_path: Path) -> str:
    docx = pytest.importorskip("docx")
    from softenv_core.render.docx_report import write_report_docx

    path = tmp_path / "r.docx"
    write_report_docx(report, path)
    doc = docx.Document(str(path))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def _view(ds: Dataset, audience: str, tmp_path: Path) -> str:
    """Every output of ``audience`` that could show a liaison person: June's report in JSON,
    Markdown and Word, the assessment and the year end in JSON and Markdown."""
    report = monitoring_report(ds, JUNE, audience=audience)
    yearly = year_end(ds, 2025, audience=audience)
    parts = [report.to_json(), render_markdown(report, "zh"), render_markdown(report, "en")]
    parts += [_docx_text(report, tmp_path), assess(ds, 2025, audience=audience).to_json()]
    parts += [to_json(yearly), render_yearend(yearly, "zh")]
    return "\n\x00\n".join(parts)


# --- 01 ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("audience", OUTSIDE)
def test_01_a_reader_outside_reads_the_same_whoever_was_another_countys_former_person(
    audience: str, tmp_path: Path
) -> None:
    worlds = [_world("张三"), _world("李四"), _world(None), _world(HOSTILE)]
    views = {_view(ds, audience, tmp_path) for ds in worlds}
    assert len(views) == 1
    (view,) = views
    assert "赵六" not in view and "HYPERLINK" not in view


def test_01_the_city_office_and_the_points_own_office_are_shown_the_former_person_of_the_day(
    tmp_path: Path,
) -> None:
    for audience in ("city", "county:379921"):
        report = monitoring_report(_world("张三"), JUNE, audience=audience)
        assert [w.person for w in report.liaison_workload if w.office == "379921"] == ["张三"]
        july = monitoring_report(_world("张三"), Month(2025, 7), audience=audience)
        assert [w.person for w in july.liaison_workload if w.office == "379921"] == ["赵六"]


@pytest.mark.parametrize("audience", ["city", "county:379921"])
def test_01_a_hostile_former_name_is_inert_in_markdown_word_and_json(audience: str, tmp_path: Path) -> None:
    markdown_it = pytest.importorskip("markdown_it")
    report = monitoring_report(_world(HOSTILE), JUNE, audience=audience)
    plain = monitoring_report(_world("张三"), JUNE, audience=audience)
    md = markdown_it.MarkdownIt("commonmark").enable("table")
    for lang in ("zh", "en"):
        text = render_markdown(report, lang)
        assert "HYPERLINK" in text and _acting(text) == []
        # the name adds no heading, row, column or HTML: the same tokens as a plain name's
        kinds = [t.type for t in md.parse(text)]
        assert kinds == [t.type for t in md.parse(render_markdown(plain, lang))]
        assert "html_inline" not in kinds and "html_block" not in kinds
    word = _docx_text(report, tmp_path)
    assert "HYPERLINK" in word and _acting(word) == []
    doc = report.to_json()
    assert _acting(doc) == []
    assert [w["person"] for w in json.loads(doc)["liaison_workload"] if w["office"] == "379921"] == [HOSTILE]


def test_01_a_hostile_former_name_is_a_text_cell_of_the_dataset_workbook_and_reads_back(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    from softenv_core.cli.main import main

    src = tmp_path / "d.json"
    src.write_text(dataset_json(_world(HOSTILE)), encoding="utf-8")
    assert main(["export", str(src), "--out", str(tmp_path / "e.xlsx")]) == 0
    cells = [c for ws in openpyxl.load_workbook(tmp_path / "e.xlsx") for row in ws.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    former = [c for c in cells if isinstance(c.value, str) and "HYPERLINK" in c.value]
    assert former and all(c.data_type == "s" and c.quotePrefix for c in former)
    assert main(["import", str(tmp_path / "e.xlsx"), "--out", str(tmp_path / "back.json")]) == 0
    assert load_dataset(tmp_path / "back.json") == load_dataset(src)


# Each spelling of the name a clerk may write, as the screen reads the current persons'.
SPELLINGS = {
    "林海涛": ["林海涛", "林海濤", "林\u200b海涛", "林 海-涛", "林\n海涛", "林＿海涛"],
    "Anna Li": ["Anna Li", "ANNA LI", "Аnna Li", "Ａｎｎａ Ｌｉ", "Anna\u00a0Li", "An\u00adna Li"],
}


@pytest.mark.parametrize("name", sorted(SPELLINGS))
def test_01_the_screen_masks_a_former_person_in_every_spelling_it_masks_a_current_one(name: str) -> None:
    reader = Audience.parse("county:379902")
    as_current = text_screen(_world(None, person=name), reader)
    as_former = text_screen(_world(name), reader)
    for spelt in SPELLINGS[name]:
        text = f"走访时{spelt}说审批拖延"
        current, former = as_current.screen(text), as_former.screen(text)
        assert former == current and "某联系人" in former.text, spelt


def _named(obj: Any, name: str) -> Any:
    """``obj`` with every free text of its records (found by validator) naming ``name``."""
    if isinstance(obj, tuple):
        return tuple(_named(x, name) for x in obj)
    if not attrs.has(type(obj)):
        return obj
    texts, changes = _free_text(type(obj)), {}
    for f in attrs.fields(type(obj)):
        value = getattr(obj, f.name)
        if f.name in texts and type(obj).__name__ not in ("MonitoringPoint", "LiaisonTerm"):
            changes[f.name] = (*value, f"走访{name}") if isinstance(value, tuple) else f"{value or ''}{name}"
        elif isinstance(value, tuple) or attrs.has(type(value)):
            changes[f.name] = _named(value, name)
    return attrs.evolve(obj, **changes)


def test_01_no_free_text_naming_a_former_person_reaches_a_reader_outside_unscreened() -> None:
    """Every free text of the demo city (report items, complaints, contacts, work plans, topics,
    waivers…) names a former person of one point, traditional-spelt; the city office reads it, no
    other reader does (the county whose office the person was in included: free text is
    screened for every reader but the city office)."""
    ds = demo()
    first = ds.points[0]
    former = (LiaisonTerm("陈涛", date(2025, 2, 14)),)
    points = tuple(attrs.evolve(p, former_liaison_persons=former) if p is first else p for p in ds.points)
    ds = _named(attrs.evolve(ds, points=points), "陳濤")
    pm = get_plugin_manager(autoload=False)
    full = assess(ds, 2025, pm, audience=CITY_OFFICE)
    ye = year_end(ds, 2025, pm, audience=CITY_OFFICE, assessment=full)
    params = baseline_parameters()
    readers = (f"county:{first.county}", f"county:{ds.counties[-1].code}", "public", "department:city-amr")
    for who in (CITY_OFFICE, *readers):
        outputs = [redact_assessment(full, ds, who, params).to_json(), redact_year_end(ye, ds, who, params).to_json()]
        outputs += [monitoring_report(ds, m, pm, audience=who).to_json() for m in (Month(2025, 3), Month(2025, 6))]
        view = "\n".join(outputs)
        if who is CITY_OFFICE:
            assert "陳濤" in view
        else:
            assert "陳濤" not in view and "陈涛" not in view and "某联系人" in view, who


# --- 02 ---------------------------------------------------------------------------------------

REF = '乙经贸\u202e〔2025〕\x1b[31m2号\n## 伪造标题\n| a | b |\n<script>x</script>=HYPERLINK("h")' + "长" * 300


class _Own:
    """379921's own, stricter, complaint limits, citing a hostile reference and parameter name."""

    @hookimpl
    def softenv_plugin_info(self):  # type: ignore[no-untyped-def]
        return PluginInfo(county="379921", title="乙县", reference="乙")

    @hookimpl
    def softenv_complaint_sla(self, kind, calendar, params, on):  # type: ignore[no-untyped-def]
        cited = (ParamValue("county.379921.re\u202esolve\u200b", 10, date(2022, 1, 1), REF),)
        return ComplaintSla(1, 1, {"complaint": 10, "report": 15, "suggestion": 5}, 15, 2, REF, params=cited)


def _own_pm() -> Any:
    return get_plugin_manager(autoload=False, plugins=[("yi", _Own())])


@pytest.mark.parametrize("audience", ["city", "county:379902", "public"])
def test_02_the_own_limits_note_is_inert_and_chinese_whatever_the_reference(audience: str, tmp_path: Path) -> None:
    markdown_it = pytest.importorskip("markdown_it")
    report = monitoring_report(small_dataset(2025), JUNE, _own_pm(), audience=audience)
    plain = monitoring_report(small_dataset(2025), JUNE, audience=audience)
    md = markdown_it.MarkdownIt("commonmark").enable("table")
    for lang in ("zh", "en"):
        text = render_markdown(report, lang)
        assert _acting(text) == [] and "伪造标题" in text
        headings = [t.content for t in md.parse(text) if t.type == "inline" and "伪造" in t.content]
        assert len(headings) == 1  # one paragraph, the note: no heading, row or block of its own
        kinds = [t.type for t in md.parse(text)]
        assert "html_inline" not in kinds and "html_block" not in kinds
        assert kinds.count("heading_open") == [t.type for t in md.parse(render_markdown(plain, lang))].count(
            "heading_open"
        )
    # the Chinese report words it in Chinese though the reference holds a line break (was English)
    zh = render_markdown(report, "zh")
    assert "注：县区 379921 所属部门被投诉的事项按其插件 'yi' 的办理时限（乙经贸" in zh
    assert "complaint limits from county" not in zh
    word = _docx_text(report, tmp_path)
    assert "注：县区 379921 所属部门被投诉的事项" in word and _acting(word) == []
    assert _acting(report.to_json()) == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_02_explain_county_shows_a_hostile_limits_basis_inert(
    lang: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from softenv_core.cli.commands import cmd_explain
    from softenv_core.cli.main import build_parser

    data = tmp_path / "d.json"
    data.write_text(dataset_json(small_dataset(2025)), encoding="utf-8")
    args = build_parser().parse_args(["explain", str(data), "--year", "2025", "--county", "379921", "--lang", lang])
    assert cmd_explain(args, _own_pm()) == 0
    out = capsys.readouterr().out
    block = out[out.index("投诉办理时限依据" if lang == "zh" else "Complaint limits set by") :]
    assert _acting(block) == [] and "<U+202E>" in block
    assert "\n## " not in block and "\n| a" not in block  # the reference's breaks shown, not made
    assert "re<U+202E>solve<U+200B>" in block


def test_02_the_note_reads_the_same_whether_or_not_a_complaint_concerns_the_county() -> None:
    ds = small_dataset(2025)
    complaint = make_complaint("Q-1", "P-379921-2", beijing(2025, 6, 3), department="379921-amr")
    with_one = attrs.evolve(ds, complaints=(complaint,))

    def notes(d: Dataset, audience: str) -> list[str]:
        r = monitoring_report(d, JUNE, _own_pm(), audience=audience)
        return [n for n in r.notices if n.startswith("complaint limits")]

    for audience in ("county:379902", "department:city-amr", "public"):
        assert notes(ds, audience) == notes(with_one, audience) != []


# --- 03 ---------------------------------------------------------------------------------------


def _records_until_march(extra_office: str | None) -> Dataset:
    """small_dataset cut after March, but one contact of May that reached nobody, logged by
    ``extra_office``'s liaison office with one of its points (None: no such contact)."""
    ds = small_dataset(2025)
    cut = attrs.evolve(
        ds,
        reports=tuple(r for r in ds.reports if r.month <= Month(2025, 3)),
        contacts=tuple(c for c in ds.contacts if c.date < date(2025, 4, 1)),
    )
    if extra_office is None:
        return cut
    point = next(p for p in ds.points if p.liaison == extra_office)
    template = next(c for c in ds.contacts if c.point == point.id and c.date.month == 5)
    return attrs.evolve(cut, contacts=(*cut.contacts, attrs.evolve(template, reached=False, items=())))


@pytest.mark.parametrize("audience", ["county:379902", "public"])
def test_03_the_records_end_notice_tells_no_reader_whose_record_it_was(audience: str) -> None:
    views = set()
    for office in ("379921", "379981", "city"):
        yearly = year_end(_records_until_march(office), 2025, audience=audience)
        assert any(n.startswith("records end in 2025-05") for n in yearly.notices)
        views.add((to_json(yearly), render_yearend(yearly, "zh")))
    assert len(views) == 1
    # What is left (docs/privacy.md): that a record of May exists at all, which no monthly report shows
    none = year_end(_records_until_march(None), 2025, audience=audience)
    assert any(n.startswith("records end in 2025-03") for n in none.notices)
    may = (monitoring_report(_records_until_march(o), Month(2025, 5), audience=audience) for o in ("379921", None))
    assert len({r.to_json() for r in may}) == 1


# A county in the fast suite, the department and the public among the `slow` tests (each reader is
# twenty requests, 0.5 s of CPU; the library's views of every reader are compared above).
@pytest.mark.parametrize(
    "audience",
    [
        "county:379902",
        pytest.param("department:city-amr", marks=pytest.mark.slow),
        pytest.param("public", marks=pytest.mark.slow),
    ],
)
def test_01_the_service_reads_the_same_to_a_reader_outside_whoever_the_former_person(audience: str) -> None:
    """``POST /v1/reports/2025-06`` and ``/v1/yearend`` (keyless: the audience named) answer a
    reader outside the same bytes in every format, whoever was 379921's former person."""
    import warnings

    with warnings.catch_warnings():  # Starlette's test client warns about httpx on import
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient

    from softenv_core.service.app import create_app

    worlds = [dataset_json(_world(n)).encode() for n in ("张三", "李四", None, HOSTILE)]
    paths = [f"/v1/reports/2025-06?audience={audience}&format={f}" for f in ("json", "markdown", "docx")]
    paths += [f"/v1/yearend?year=2025&audience={audience}&format={f}" for f in ("json", "markdown")]
    with TestClient(create_app()) as client:
        for path in paths:
            answers = [client.post(path, content=body) for body in worlds]
            assert [a.status_code for a in answers] == [200] * 4, path
            assert len({a.content for a in answers}) == 1, path
        # the city office's report tells the four worlds apart: each shows its person of June 30
        city = [client.post("/v1/reports/2025-06?audience=city&format=json", content=b).content for b in worlds]
        assert len(set(city)) == 4
