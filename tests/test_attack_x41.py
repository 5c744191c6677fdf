"""Attacker x41: what a reader outside the city office can tell by differencing outputs, and record
text in every output (DESIGN principles 7 and 8).

01. ``year_end`` and the results workbook assess the year for the city office first, then checked
    that every county plugin's complaint limits are sound (``require_limits_sound``, x40 03). A
    county plugin's 十佳 condition reading complaint statuses met a laxer limit inside that
    assessment first: the RuleConflict a county reader got named the kind and the day the step of
    a complaint about that county's departments opened, and came only when such a complaint
    existed. The check now runs before the assessment, wherever a reader outside the city office
    is known.
02. A point rated 不合格 is proposed for removal in the year end with its score items' evidence,
    from which outside the city office the complaint ids were dropped and counted: the county's
    view read 直接反馈记录不列编号，仅计总数：— 处 only when its failed point had complained
    directly to 市软建办, in a month its contacts already counted, so its score said nothing. The
    ids are now left out without a count, as the assessment leaves out those items' evidence.
03. The results workbook wrote a cell of any length: a county's work plan may hold any number of
    targets of up to 500 characters, joined into one cell of 组织保障, and an invisible character
    is shown as ``<U+200B>``, eight characters. Past Excel's 32,767 characters a cell makes Excel
    report the file damaged and cut the text when it repairs it. The workbook is now refused with
    the sheet and cell named, as the dataset workbook's export refuses such a text.
04. ``softenv import``'s first error line printed the workbook's file name as it came: a county's
    file named with an escape sequence or a bidi override (``东城区\x1b]0;…\x07.xlsx``) reached the
    city clerk's terminal and acted, where every other line of the command shows such a
    character. The name is now shown as ``softenv validate`` shows it (render.escape.terminal).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import attrs
import pytest

from softenv_core import ComplaintSla, Condition, Failure, PluginInfo, get_plugin_manager, hookimpl
from softenv_core.testing.builders import beijing, make_complaint, small_dataset

# --- 01 -------------------------------------------------------------------------------------


class _LaxWithCondition:
    """County 379921 resolves 投诉 in 16 working days from 2025-06-01 (the city: 15), and its 十佳
    condition reads the status of every complaint about its own departments."""

    @hookimpl
    def softenv_plugin_info(self):  # type: ignore[no-untyped-def]
        return PluginInfo(county="379921", title="乙县", reference="乙经贸〔2025〕2号")

    @hookimpl
    def softenv_complaint_sla(self, kind, calendar, params, on):  # type: ignore[no-untyped-def]
        days = {"complaint": 16 if on >= date(2025, 6, 1) else 15, "report": 15, "suggestion": 5}
        return ComplaintSla(accept=1, sign=1, resolve=days, max_extension=15, follow_up=2, reference="乙")

    @hookimpl
    def softenv_topten_conditions(self, year, params):  # type: ignore[no-untyped-def]
        def check(ctx):  # type: ignore[no-untyped-def]
            if ctx.complaint_status is None:
                return None
            own = {d.id for d in ctx.dataset.departments if d.county == "379921"}
            at = beijing(year, 12, 31, 23)
            late = [c.id for c in ctx.dataset.complaints if c.department in own and ctx.complaint_status(c, at).overdue]
            return Failure("超期", late) if late else None

        return [
            Condition(
                id="yi.overdue",
                title_zh="无超期",
                title_en="none overdue",
                reference="乙",
                check=check,
                effective_from=date(2024, 1, 1),
            )
        ]


def _lax_pm():  # type: ignore[no-untyped-def]
    return get_plugin_manager(autoload=False, plugins=[("yi", _LaxWithCondition())])


def _outcome(call):  # type: ignore[no-untyped-def]
    try:
        call()
    except Exception as exc:
        return f"{type(exc).__name__}: {exc}"
    return "ok"


@pytest.mark.parametrize("audience", ["county:379902", "department:city-amr", "public"])
@pytest.mark.parametrize("what", ["year_end", "workbook"])
def test_01_a_lax_county_condition_refuses_a_reader_the_same_with_or_without_a_complaint(
    what: str, audience: str, tmp_path: Path
) -> None:
    from softenv_core import year_end
    from softenv_core.render.results_workbook import write_results_workbook

    pytest.importorskip("openpyxl")
    base = small_dataset(2025)
    about = make_complaint("Q-9", "P-379902-2", beijing(2025, 7, 1, 9), department="379921-amr")
    pm = _lax_pm()
    calls = {
        "year_end": lambda ds: year_end(ds, 2025, pm, audience=audience),
        "workbook": lambda ds: write_results_workbook(ds, 2025, tmp_path / "r.xlsx", pm, audience=audience),
    }
    without = _outcome(lambda: calls[what](base))
    with_one = _outcome(lambda: calls[what](attrs.evolve(base, complaints=(about,))))
    assert with_one == without
    assert "2025-07" not in with_one  # no day a step of the complaint opened on
    assert "on 2025-06-01" in with_one  # the plugin's first laxer day, whatever the complaints


# --- 02 -------------------------------------------------------------------------------------


def _failing():  # type: ignore[no-untyped-def]
    """The small city with P-379921-2 contacted only in January and February (不合格, 55 points)."""
    ds = small_dataset(2025)
    return attrs.evolve(ds, contacts=tuple(c for c in ds.contacts if c.point != "P-379921-2" or c.date.month <= 2))


@pytest.mark.parametrize("audience", ["county:379921", "county:379902", "department:city-amr", "public"])
def test_02_a_failed_points_proposal_does_not_say_that_it_complained(audience: str) -> None:
    from softenv_core import propose_adjustments, year_end
    from softenv_core.render.year_end import render_yearend

    base = _failing()
    # In February, a month its contact items already count: the score is the same either way.
    complained = attrs.evolve(
        base, complaints=(make_complaint("Q-1", "P-379921-2", beijing(2025, 2, 10, 9), department="city-amr"),)
    )
    pm = get_plugin_manager(autoload=False)
    views = []
    for ds in (base, complained):
        ye = year_end(ds, 2025, pm, audience=audience)
        views.append((ye.to_json(), render_yearend(ye, "zh")))
    assert views[0] == views[1]
    if audience == "county:379921":  # its failed point's proposal is listed, without the complaint
        whole = year_end(complained, 2025, pm, audience="city")
        (shown,) = [p for p in year_end(complained, 2025, pm, audience=audience).proposals if p.point == "P-379921-2"]
        assert "Q-1" in next(p for p in whole.proposals if p.point == "P-379921-2").evidence
        assert "Q-1" not in shown.evidence
        from softenv_core import assess

        alone = propose_adjustments(
            complained, assess(complained, 2025, pm, audience="city"), audience=audience, calendar=None
        )
        assert "Q-1" not in next(p for p in alone if p.point == "P-379921-2").evidence


def test_02_the_point_itself_still_reads_its_own_complaint_in_its_proposal() -> None:
    from softenv_core import year_end

    complained = attrs.evolve(
        _failing(), complaints=(make_complaint("Q-1", "P-379921-2", beijing(2025, 2, 10, 9), department="city-amr"),)
    )
    ye = year_end(complained, 2025, get_plugin_manager(autoload=False), audience="point:P-379921-2")
    (shown,) = [p for p in ye.proposals if p.point == "P-379921-2"]
    assert "Q-1" in shown.evidence


# --- 03 -------------------------------------------------------------------------------------


@pytest.mark.parametrize("target", ["监测点走访全覆盖" * 62, "\u200b" * 498])
def test_03_a_text_longer_than_an_excel_cell_refuses_the_results_workbook(target: str, tmp_path: Path) -> None:
    from softenv_core import SoftenvError, WorkPlan
    from softenv_core.render.results_workbook import write_results_workbook

    pytest.importorskip("openpyxl")
    plan = WorkPlan("WP-1", "379902", 2025, date(2025, 2, 1), "计划", tuple(f"{n}{target}" for n in range(70)))
    ds = attrs.evolve(small_dataset(2025), work_plans=(plan,))
    out = tmp_path / "r.xlsx"
    with pytest.raises(SoftenvError) as caught:
        write_results_workbook(ds, 2025, out, get_plugin_manager(autoload=False), audience="city")
    assert "组织保障!D2" in str(caught.value) and "32,767" in str(caught.value)
    assert "组织保障!D2" in str(caught.value.zh) and "32,767" in str(caught.value.zh)
    assert not out.exists()


def test_03_a_text_within_an_excel_cell_is_written_whole(tmp_path: Path) -> None:
    from softenv_core import WorkPlan
    from softenv_core.render.results_workbook import write_results_workbook

    openpyxl = pytest.importorskip("openpyxl")
    targets = tuple(f"{n:02d}" + "目" * 498 for n in range(65))  # 65 × 500 + 64 breaks = 32,564
    ds = attrs.evolve(
        small_dataset(2025), work_plans=(WorkPlan("WP-1", "379902", 2025, date(2025, 2, 1), "计划", targets),)
    )
    write_results_workbook(ds, 2025, tmp_path / "r.xlsx", get_plugin_manager(autoload=False), audience="city")
    assert openpyxl.load_workbook(tmp_path / "r.xlsx")["组织保障"]["D2"].value == "\n".join(targets)


# --- 04 -------------------------------------------------------------------------------------

ACTING_NAME = "东城区\x1b]0;伪造标题\x07\u202e.xlsx"


def test_04_the_import_shows_a_workbooks_name_inert(starter: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    import shutil

    from softenv_core.cli.main import main
    from softenv_core.render.escape import terminal

    openpyxl = pytest.importorskip("openpyxl")
    book = tmp_path / ACTING_NAME
    shutil.copy(starter / "软环境监测点.xlsx", book)
    wb = openpyxl.load_workbook(book)
    wb["部门"]["C3"] = "3799"  # no county code: the import fails, naming the workbook
    wb.save(book)
    assert main(["import", str(book), "--out", str(tmp_path / "d.json")]) == 1
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\x07" not in err and "\u202e" not in err
    assert terminal(ACTING_NAME) in err.splitlines()[0]
