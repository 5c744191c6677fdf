"""Plugin author p42: what earlier plugin authors found the engine accepting or wording wrongly,
each with a test that failed before the fix.

1. A county's complaint limits laxer than the city's (``ComplaintSla``) passed ``assess`` and the
   monthly report for the city office when no condition read a complaint's status, though
   ``softenv plugins --check`` and the testing kit refused them: the limits were found sound only
   for readers outside the city office. Every reader's assessment, report and year end now reads
   every county plugin's limits first (a RuleConflict, a PluginError, naming the plugin, the hook,
   the county and the limit against the city's).
2. A ``Rule`` (or ``Condition``) made without ``effective_from`` was refused by Python's
   ``TypeError`` (``Rule.__init__() missing 1 required positional argument``): the hook runner's
   error named the plugin and the hook, not the rule. It is now a FieldInvalid naming the id.
3. One plugin giving two replacements of one city rule (or two rules of one id) was a
   RuleConflict "between 'x' and 'x'": it now names the plugin once (``within plugin 'x'``) and
   says the plugin gave two replacements for the rule.
4. A ``ComplaintSla``'s ``params`` were never checked, as an award's or a failure's are: a county's
   limits could cite another county's parameter, a city one it had changed, or no ParamValue.
   Nor did its ``reference`` and ``params`` reach any output: ``softenv explain --county`` now
   lists the limits in force for complaints about the county's departments, whose answer set
   them (plugin, version, reference) and their parameters, once (not on each complaint status);
   a monthly report notes each county whose plugin sets its own (a notice, and a note under the
   title of its Markdown and Word document).
"""

from __future__ import annotations

import copy
import pickle
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from softenv_core import ComplaintSla, PluginInfo, RuleConflict, get_plugin_manager, hookimpl
from softenv_core.errors import FieldInvalid, PluginError
from softenv_core.plugin import Condition, ParamValue, Rule
from softenv_core.testing import small_dataset

CODE = "379921"


class _Lax:
    """County 379921 resolves 投诉 in 16 working days (the city: 15); no condition of its own."""

    @hookimpl
    def softenv_plugin_info(self):  # type: ignore[no-untyped-def]
        return PluginInfo(county=CODE, title="乙县", reference="乙经贸〔2025〕2号")

    @hookimpl
    def softenv_complaint_sla(self, kind, calendar, params, on):  # type: ignore[no-untyped-def]
        days = {"complaint": 16, "report": 15, "suggestion": 5}
        return ComplaintSla(accept=1, sign=1, resolve=days, max_extension=15, follow_up=2, reference="乙")


def _lax_pm():  # type: ignore[no-untyped-def]
    return get_plugin_manager(autoload=False, plugins=[("yi", _Lax())])


@pytest.mark.parametrize("what", ["assess", "report", "year_end", "workbook"])
def test_1_laxer_limits_are_refused_for_the_city_office_with_no_complaint_read(what: str, tmp_path: Path) -> None:
    from softenv_core import Month, assess, monitoring_report, year_end
    from softenv_core.render.results_workbook import write_results_workbook

    if what == "workbook":
        pytest.importorskip("openpyxl")
    ds, pm = small_dataset(2025), _lax_pm()
    calls = {
        "assess": lambda: assess(ds, 2025, pm, audience="city"),
        "report": lambda: monitoring_report(ds, Month(2025, 3), pm, audience="city"),
        "year_end": lambda: year_end(ds, 2025, pm, audience="city"),
        "workbook": lambda: write_results_workbook(ds, 2025, tmp_path / "r.xlsx", pm, audience="city"),
    }
    with pytest.raises(RuleConflict) as e:
        calls[what]()
    assert e.value.plugin == "yi" and e.value.hook == "softenv_complaint_sla"
    assert f"county {CODE}" in str(e.value)
    assert "resolve['complaint'] 16 > 15" in str(e.value)
    assert "on 2022-03-01" in str(e.value)  # the first day the city's limits are in force


# --- 2 ----------------------------------------------------------------------------------------


def test_2_a_rule_without_effective_from_is_refused_naming_its_id() -> None:
    kwargs: dict[str, Any] = {"id": "county.379921.visit", "label": "visit", "title_zh": "走访", "title_en": "visit"}
    with pytest.raises(FieldInvalid, match=r"^effective_from of county\.379921\.visit: missing: give Rule\("):
        Rule(**kwargs, reference="r", score=lambda ctx: None, max_points=1)
    by_position: tuple[Any, ...] = ("county.379921.pos", "pos", "t", "t", "r", lambda ctx: None, 1)
    with pytest.raises(FieldInvalid, match=r"^effective_from of county\.379921\.pos: missing"):
        Rule(*by_position)
    made: tuple[Any, ...] = ("county.379921.c", "c", "c", "r", lambda ctx: None)
    with pytest.raises(FieldInvalid, match=r"^effective_from of county\.379921\.c: missing: give Condition\("):
        Condition(*made)


def test_2_a_dated_rule_is_still_made_copied_and_pickled() -> None:
    import attrs

    rule = Rule("county.379921.x", "x", "x", "x", "r", None, 1, date(2025, 1, 1))  # type: ignore[arg-type]
    assert attrs.evolve(rule, id="county.379921.y").effective_from == date(2025, 1, 1)
    assert copy.deepcopy(rule) == rule == pickle.loads(pickle.dumps(rule))


class _Undated:
    @hookimpl
    def softenv_plugin_info(self):  # type: ignore[no-untyped-def]
        return PluginInfo(county=CODE, title="乙县", reference="乙经贸〔2025〕2号")

    @hookimpl
    def softenv_extra_point_rules(self, year, params):  # type: ignore[no-untyped-def]
        kwargs: dict[str, Any] = {"title_zh": "走访", "title_en": "visit", "reference": "r"}
        return [Rule(id=f"county.{CODE}.visit", label="visit", score=lambda ctx: None, max_points=1, **kwargs)]


def test_2_the_assessment_names_the_rule_the_hook_built_without_a_date() -> None:
    from softenv_core import assess

    pm = get_plugin_manager(autoload=False, plugins=[("yi", _Undated())])
    with pytest.raises(PluginError) as e:
        assess(small_dataset(2025), 2025, pm, audience="city")
    assert e.value.plugin == "yi" and e.value.hook == "softenv_extra_point_rules"
    assert f"effective_from of county.{CODE}.visit: missing" in str(e.value)


# --- 3 ----------------------------------------------------------------------------------------


def _rule(rule_id: str, **kw: Any) -> Rule:
    return Rule(rule_id, "yi.x", "x", "x", "r", lambda ctx: None, 5, date(2025, 1, 1), **kw)


class _Twice(_Lax):
    """Two replacements of the city's duty.feedback, or two extra rules of one id."""

    def __init__(self, hook: str) -> None:
        self.hook = hook

    @hookimpl
    def softenv_complaint_sla(self, kind, calendar, params, on):  # type: ignore[no-untyped-def]
        return None

    @hookimpl
    def softenv_point_rules(self, year, params):  # type: ignore[no-untyped-def]
        if self.hook != "softenv_point_rules":
            return []
        return [_rule(f"county.{CODE}.{n}", replaces="duty.feedback") for n in ("a", "b")]

    @hookimpl
    def softenv_extra_point_rules(self, year, params):  # type: ignore[no-untyped-def]
        return [_rule(f"county.{CODE}.a"), _rule(f"county.{CODE}.a")] if self.hook != "softenv_point_rules" else []


@pytest.mark.parametrize(
    ("hook", "says"),
    [
        (
            "softenv_point_rules",
            f"within plugin 'yi': the plugin gave 2 replacements for city rule city.duty.feedback: "
            f"county.{CODE}.a, county.{CODE}.b apply at once; keep one rule with replaces='duty.feedback'",
        ),
        ("softenv_extra_point_rules", "within plugin 'yi': the plugin gave two extra rules this id"),
    ],
)
def test_3_one_plugins_two_answers_name_it_once(hook: str, says: str) -> None:
    from softenv_core import assess

    pm = get_plugin_manager(autoload=False, plugins=[("yi", _Twice(hook))])
    with pytest.raises(RuleConflict) as e:
        assess(small_dataset(2025), 2025, pm, audience="city")
    assert says in str(e.value) and e.value.plugins == ("yi",) and e.value.hook == hook
    assert "'yi' and 'yi'" not in str(e.value)


# --- 4 ----------------------------------------------------------------------------------------


class _Citing(_Lax):
    """The city's limits (not laxer), citing ``cited``."""

    def __init__(self, cited: Any) -> None:
        self.cited = cited

    @hookimpl
    def softenv_complaint_sla(self, kind, calendar, params, on):  # type: ignore[no-untyped-def]
        days = {"complaint": 15, "report": 15, "suggestion": 5}
        return ComplaintSla(1, 1, days, 15, 2, "乙经贸〔2025〕2号", params=self.cited)


@pytest.mark.parametrize(
    ("cited", "says"),
    [
        ((ParamValue("county.379902.resolve", 15, date(2022, 1, 1), "丙"),), "is a parameter of county 379902"),
        ((ParamValue("complaint.accept_workdays", 9, date(2022, 1, 1), "x"),), "is not the city's parameter"),
        (("complaint.accept_workdays",), "expected a ParamValue, got str"),
    ],
)
def test_4_a_county_limits_params_are_checked_as_an_awards(cited: Any, says: str) -> None:
    from softenv_core import Month, assess, monitoring_report

    pm = get_plugin_manager(autoload=False, plugins=[("yi", _Citing(cited))])
    for call in (
        lambda: assess(small_dataset(2025), 2025, pm, audience="city"),
        lambda: monitoring_report(small_dataset(2025), Month(2025, 3), pm, audience="city"),
    ):
        with pytest.raises(PluginError, match=r"^plugin 'yi', hook softenv_complaint_sla: field params\[0\]: ") as e:
            call()
        assert says in str(e.value)


def test_4_a_county_citing_its_own_parameter_passes() -> None:
    from softenv_core import assess

    own = (ParamValue(f"county.{CODE}.resolve", 15, date(2022, 1, 1), "乙经贸〔2025〕2号"),)
    assess(
        small_dataset(2025), 2025, get_plugin_manager(autoload=False, plugins=[("yi", _Citing(own))]), audience="city"
    )


def _explained(pm: Any, lang: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    from softenv_core import dataset_json
    from softenv_core.cli.commands import cmd_explain
    from softenv_core.cli.main import build_parser

    data = tmp_path / "d.json"
    data.write_text(dataset_json(small_dataset(2025)), encoding="utf-8")
    args = build_parser().parse_args(["explain", str(data), "--year", "2025", "--county", CODE, "--lang", lang])
    assert cmd_explain(args, pm) == 0
    return capsys.readouterr().out


def test_4_explain_county_says_whose_complaint_limits_set_the_due_days(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    own = (ParamValue(f"county.{CODE}.resolve", 10, date(2022, 1, 1), "乙经贸〔2025〕2号 第三条"),)

    class Stricter(_Citing):
        @hookimpl
        def softenv_complaint_sla(self, kind, calendar, params, on):  # type: ignore[no-untyped-def]
            days = {"complaint": 10, "report": 15, "suggestion": 5}
            return ComplaintSla(1, 1, days, 15, 2, "乙经贸〔2025〕2号", params=self.cited)

    text = _explained(get_plugin_manager(autoload=False, plugins=[("yi", Stricter(own))]), "zh", tmp_path, capsys)
    block = text[text.index("投诉办理时限依据（2025-12-31 有效，适用于投诉本县区所属部门的事项）：") :]
    assert "  [yi " in block and "] — 乙经贸〔2025〕2号\n" in block
    assert "    投诉：受理1、签收1、办结10、延期至多15、回访2个工作日\n" in block
    assert "    意见建议：受理1、签收1、办结5、" in block
    assert f"参数：county.{CODE}.resolve = 10（自 2022-01-01；乙经贸〔2025〕2号 第三条）" in block
    assert block.count("[yi ") == 1  # one answer, said once for its three kinds

    city = _explained(get_plugin_manager(autoload=False), "en", tmp_path, capsys)
    block = city[city.index("Complaint limits set by (in force 2025-12-31") :]
    assert "  [city " in block and "complaint: accept 1, sign 1, resolve 15, extension up to 15, follow-up 2" in block
    assert "Parameter: complaint.resolve_workdays = " in block


def _stricter_pm():  # type: ignore[no-untyped-def]
    class Stricter(_Lax):
        @hookimpl
        def softenv_complaint_sla(self, kind, calendar, params, on):  # type: ignore[no-untyped-def]
            days = {"complaint": 10, "report": 15, "suggestion": 5}
            return ComplaintSla(1, 1, days, 15, 2, "乙经贸〔2025〕2号")

    return get_plugin_manager(autoload=False, plugins=[("yi", Stricter())])


@pytest.mark.parametrize("audience", ["city", "county:379902", "public"])
def test_4_a_monthly_report_notes_a_county_whose_own_limits_set_the_due_days(audience: str) -> None:
    from softenv_core import Month, monitoring_report
    from softenv_core.render.monitoring_report import render_markdown

    report = monitoring_report(small_dataset(2025), Month(2025, 6), _stricter_pm(), audience=audience)
    notice = (
        f"complaint limits from county {CODE}'s plugin 'yi' (乙经贸〔2025〕2号) on 2025-06-30: "
        "complaints about its departments are due by them, every other by the city's"
    )
    assert notice in report.notices
    zh = render_markdown(report, "zh")
    assert (
        f"注：县区 {CODE} 所属部门被投诉的事项按其插件 'yi' 的办理时限（乙经贸〔2025〕2号；2025-06-30 有效）"
        "计算到期日，其余事项按市级时限。" in zh
    )
    assert f"Note: {notice}." in render_markdown(report, "en")
    city = monitoring_report(small_dataset(2025), Month(2025, 6), audience=audience)
    assert not [n for n in city.notices if n.startswith("complaint limits")]


def test_4_the_word_report_carries_the_note_too(tmp_path: Path) -> None:
    pytest.importorskip("docx")
    import docx

    from softenv_core import Month, monitoring_report
    from softenv_core.render.docx_report import write_report_docx

    report = monitoring_report(small_dataset(2025), Month(2025, 6), _stricter_pm(), audience="city")
    write_report_docx(report, tmp_path / "r.docx")
    texts = [p.text for p in docx.Document(str(tmp_path / "r.docx")).paragraphs]
    assert any(t.startswith(f"注：县区 {CODE} 所属部门被投诉的事项按其插件 'yi' 的办理时限") for t in texts)
