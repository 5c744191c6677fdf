"""The library's own words name the city's offices as its dataset names them (City.office for
市软建办, City.liaison_office for 市经贸委; review r37): a city whose liaison office is its
工业和信息化局 read 未报市经贸委备案, 发至：市软建办, 说明由市软建办掌握 whatever it had written.
Where a text quotes the seed (a reference, 三(三)'s 直接反馈到市软建办) the seed's words stay."""

from __future__ import annotations

from datetime import date

import attrs
import pytest

from softenv_core import CITY_OFFICE, assess, get_plugin_manager
from softenv_core.analyses.adjustment import check_filings
from softenv_core.analyses.contact_overview import contact_overview
from softenv_core.analyses.monitoring_report import monitoring_report
from softenv_core.analyses.redaction_plugin import WITHHELD_CONDITION, withheld_condition
from softenv_core.analyses.report_reconciliation import reason_en
from softenv_core.errors import SoftenvError
from softenv_core.model.periods import Month
from softenv_core.model.points import Designator
from softenv_core.model.roster import ChangeAction, ChangeReason, CommendationDecision, Nomination, RosterChange
from softenv_core.render.docx_report import audience_line
from softenv_core.testing import beijing, small_dataset

from .test_commendation_city_points import JIA, _check, _jia
from .test_monitoring import _amended
from .test_privacy_plugin_failures import _Echoing

OFFICE, LIAISON = "临江市优化营商环境办公室", "临江市工业和信息化局"


def _renamed(ds):
    return attrs.evolve(ds, city=attrs.evolve(ds.city, office=OFFICE, liaison_office=LIAISON))


def test_a_county_change_not_filed_names_the_citys_liaison_office():
    ds = small_dataset(2025)
    change = RosterChange(
        "RC1", "P-379902-2", ChangeAction.REMOVE, ChangeReason.OWN_WISH, date(2025, 6, 1), Designator.COUNTY, JIA
    )
    ds = _renamed(attrs.evolve(ds, roster_changes=(change,)))
    (check,) = check_filings(ds, audience=CITY_OFFICE)
    assert (check.ok, check.reason) == (False, f"未报{LIAISON}备案")


def test_a_countys_nomination_of_a_city_level_point_names_who_contacts_it():
    ds = _renamed(
        _jia([Nomination("N1", 2025, JIA, "P-379902-1")], [CommendationDecision("D1", "N1", True, date(2026, 1, 20))])
    )
    (nominee,) = _check(ds)[0].nominees
    assert nominee.reason == f"P-379902-1 为市直监测点（市确定、{LIAISON}联系），由市里自行表彰，不由县区推荐"


def test_the_monthly_report_goes_to_and_withholds_for_the_city_office_by_its_name():
    ds = _renamed(small_dataset(2025))
    pm = get_plugin_manager(autoload=False)
    city = monitoring_report(ds, Month(2025, 3), pm, audience=CITY_OFFICE)
    assert audience_line(city) == f"发至：{OFFICE}"
    county = monitoring_report(ds, Month(2025, 3), pm, audience=f"county:{JIA}")
    assert f"承办单位“三率”仅供{OFFICE}与承办单位本身" in county.notices
    assert not [n for n in county.notices if "市软建办" in n]


def test_a_zero_report_flag_names_the_office_the_feedback_went_to_and_reads_in_english():
    from .test_programme import programme

    ds = _renamed(attrs.evolve(programme(), reports=(_amended(zero=True),)))
    r = monitoring_report(
        ds, Month(2025, 3), get_plugin_manager(autoload=False), audience=CITY_OFFICE, as_of=beijing(2025, 4, 30, 12)
    )
    reason = r.reconciliation[0].reason
    assert reason == f"零报告，但该县区监测点本月直接向{OFFICE}反馈"
    assert (
        reason_en(reason) == "zero report, but a point of the county gave direct feedback to the city office this month"
    )


def test_a_failed_plugin_condition_is_held_by_the_city_office_by_its_name():
    ds = _renamed(small_dataset(2025))
    pm = get_plugin_manager(autoload=False)
    pm.register(_Echoing(JIA), name="softenv-county-echo")
    public = assess(ds, 2025, pm, audience="public")
    shown = next(c for c in public.county(JIA).conditions if c.rule.id == "echo.condition")
    assert shown.reason == withheld_condition(OFFICE) == f"县区插件所设十佳条件未满足，说明由{OFFICE}掌握"
    assert shown.reason != WITHHELD_CONDITION  # the default office's, 市软建办
    assert f"县区插件十佳条件未满足的说明由{OFFICE}掌握：1 处" in public.notices


def test_what_only_the_city_office_reads_is_refused_naming_it():
    ds = _renamed(small_dataset(2025))
    with pytest.raises(SoftenvError, match=f"contact_overview: 仅供{OFFICE} "):
        contact_overview(ds, "2025-03", audience="public")
