"""The year end tells every reader outside the city office that its city-only parts are withheld
(fix helper fc60b, after clerk c60): 事项跟踪办理 (section 七, ``followups``), 专项调研开展情况
(section 八, ``research``) and the additions (增设监测点建议, ``additions``: a department's
suggestion to add a point in a county among them) are reset for them (``_city_only_reset``), but
the notices were worked out before the reset counted them, so no reader was told that anything
was withheld (docs/privacy.md: each redacted result's notices say what was withheld).

The notice is one fixed sentence, said to every reader outside the city office whatever the
city-only parts hold, never a count: a count, or a notice said only when something was withheld,
would tell a county whether a department suggested a point be added (the additions vary, the
other two parts are always there), as the fixed sentence about reconciliation flags is said
whether or not a flag was withheld (docs/privacy.md, "one line, the same with or without any").
"""

from __future__ import annotations

import json
from datetime import date

import attrs
import pytest

import softenv_core as se
from softenv_core import CITY_OFFICE
from softenv_core.model.roster import AdjustmentSuggestion, ChangeAction
from softenv_core.rules.registry import get_plugin_manager

from .demo_city import demo

WITHHELD = "事项跟踪办理、专项调研开展情况和增设监测点建议仅供市软建办，本阅读范围不列（不是没有）"
COUNTY = "379902"


def _with_addition():
    """The small demo with a department's suggestion to add a point in county 379902."""
    ds = demo(points_per_county=4, counties=2)
    sg = AdjustmentSuggestion(
        "S-FC60B-ADD", "city-amr", ChangeAction.ADD, COUNTY, date(2025, 11, 20), "建议将一家外资商贸企业纳入监测点"
    )
    return attrs.evolve(ds, adjustment_suggestions=(*ds.adjustment_suggestions, sg))


def _bare():
    """The small demo without suggestions, research topics or follow-ups."""
    ds = demo(points_per_county=4, counties=2)
    return attrs.evolve(ds, adjustment_suggestions=(), research_topics=(), followups=())


@pytest.fixture(scope="module")
def years():
    pm = get_plugin_manager(autoload=False)
    out = {}
    for name, ds in (("full", _with_addition()), ("bare", _bare())):
        point = next(p.id for p in ds.points if p.county == COUNTY)
        others = (f"county:{COUNTY}", "county:379903", "department:city-amr", "public", f"point:{point}")
        audiences = (CITY_OFFICE, *others)
        out[name] = {str(a): se.year_end(ds, 2025, pm, audience=a) for a in audiences}
    return out


def test_the_datasets_hold_and_lack_the_city_only_parts(years):
    full, bare = years["full"]["city"], years["bare"]["city"]
    assert any(a.source == "department_suggestion" and a.scope == COUNTY for a in full.additions)
    assert full.research is not None and full.research.topics
    assert full.followups is not None
    assert bare.additions == ()
    assert bare.research is not None and not bare.research.topics


def test_every_reader_outside_the_city_office_is_told_what_is_withheld(years):
    for name in ("full", "bare"):
        for audience, y in years[name].items():
            if audience == "city":
                assert WITHHELD not in y.notices
                continue
            assert y.followups is None and y.research is None and y.additions == ()
            assert WITHHELD in y.notices, (name, audience, y.notices)
            assert not [n for n in y.notices if n.startswith("仅供") and n.endswith("处")], y.notices


def test_the_notice_is_the_same_whatever_the_city_only_parts_hold(years):
    """No count and no notice that comes and goes: the notices of a reader are the same with a
    department's suggestion to add a point, topics and follow-ups as without any of them, beside
    the notices of what else the two datasets differ in (screened texts)."""
    for audience in years["full"]:
        if audience == "city":
            continue
        full = [n for n in years["full"][audience].notices if "仅供" in n]
        bare = [n for n in years["bare"][audience].notices if "仅供" in n]
        assert full == bare == [WITHHELD], (audience, full, bare)


def test_the_notice_is_printed_in_markdown_json_and_word(years, tmp_path):
    pytest.importorskip("docx")
    import docx

    y = years["full"][f"county:{COUNTY}"]
    md = se.render_yearend(y)
    head = md.split("\n## ", 1)[0]  # the 提示 under the title, before section 一
    assert WITHHELD in head
    assert WITHHELD in json.loads(y.to_json())["notices"]
    path = tmp_path / "county.docx"
    se.write_yearend_docx(y, path)
    assert any(WITHHELD in p.text for p in docx.Document(str(path)).paragraphs)
    city = years["full"]["city"]
    assert WITHHELD not in se.render_yearend(city)


def test_every_city_only_part_of_the_year_end_is_named_in_chinese():
    """A part ruled ``city`` later is named in the notice by its Chinese name, not its field's."""
    from softenv_core.analyses.redaction_notices import CITY_PARTS_ZH
    from softenv_core.analyses.redaction_rules import FIELD_RULES

    city = {f for f, rule in FIELD_RULES["YearEnd"].items() if rule == "city"}
    assert city == set(CITY_PARTS_ZH)
