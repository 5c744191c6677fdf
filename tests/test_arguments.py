"""Wrong arguments at the public boundary are the library's own errors, naming the argument
(platform developer 05: a backend's ``except SoftenvError`` must catch them, and the message
must say what to give), never a bare TypeError or AttributeError from deep inside."""

from datetime import date, datetime

import pytest

from softenv_core import (
    CITY_OFFICE,
    FieldInvalid,
    Month,
    SoftenvError,
    assess,
    dump_dataset,
    monitoring_report,
    monitoring_reports,
    year_end,
)
from softenv_core.model.periods import BEIJING
from softenv_core.testing import small_dataset

DS = small_dataset(2025)


@pytest.mark.parametrize(
    ("call", "name", "words"),
    [
        (lambda: assess(DS, "2025", audience=CITY_OFFICE), "year", "whole number"),
        (lambda: assess(DS, 2025.0, audience=CITY_OFFICE), "year", "whole number"),
        (lambda: assess(DS, True, audience=CITY_OFFICE), "year", "whole number"),
        (lambda: assess(DS, 1800, audience=CITY_OFFICE), "year", "out of range 1900-2999"),
        (lambda: year_end(DS, "2025", audience=CITY_OFFICE), "year", "whole number"),
        (lambda: Month("2025", 3), "year", "whole number"),
        (lambda: monitoring_report(DS, 202503, audience=CITY_OFFICE), "month", "a Month or 'YYYY-MM'"),
        (lambda: monitoring_report(DS, "2025-3", audience=CITY_OFFICE), "month", "YYYY-MM"),
        (lambda: monitoring_reports(DS, [2025], audience=CITY_OFFICE), "months[0]", "a Month or 'YYYY-MM'"),
        (lambda: assess(DS, 2025, audience=CITY_OFFICE, as_of="2025-12-31T00:00:00+08:00"), "as_of", "datetime"),
        (lambda: assess(DS, 2025, audience=CITY_OFFICE, as_of=date(2025, 12, 31)), "as_of", "datetime"),
        (lambda: monitoring_report(DS, Month(2025, 3), audience=CITY_OFFICE, as_of="x"), "as_of", "datetime"),
        (lambda: assess(dump_dataset(DS), 2025, audience=CITY_OFFICE), "dataset", "expected a Dataset"),
        (lambda: monitoring_report(dump_dataset(DS), Month(2025, 3), audience=CITY_OFFICE), "dataset", "a Dataset"),
        (lambda: assess(DS, 2025, "city", audience=CITY_OFFICE), "plugin_manager", "keyword arguments"),
        (lambda: year_end(DS, 2025, "city", audience=CITY_OFFICE), "plugin_manager", "get_plugin_manager"),
        # attacker 06: the optional arguments too
        (lambda: assess(DS, 2025, audience=CITY_OFFICE, params="x"), "params", "ParameterSet"),
        (lambda: assess(DS, 2025, audience=CITY_OFFICE, calendar="x"), "calendar", "WorkCalendar"),
        (lambda: monitoring_report(DS, "2025-03", audience=CITY_OFFICE, params={}), "params", "ParameterSet"),
        (lambda: monitoring_report(DS, "2025-03", audience=CITY_OFFICE, calendar=1), "calendar", "WorkCalendar"),
        (lambda: year_end(DS, 2025, audience=CITY_OFFICE, assessment="x"), "assessment", "Assessment"),
        (lambda: year_end(DS, 2025, audience=CITY_OFFICE, calendar="x"), "calendar", "WorkCalendar"),
        (lambda: year_end(DS, 2025, audience=CITY_OFFICE, params="x"), "params", "ParameterSet"),
        (lambda: monitoring_reports(DS, Month(2025, 3), audience=CITY_OFFICE), "months", "several months"),
        (lambda: monitoring_reports(DS, None, audience=CITY_OFFICE), "months", "several months"),
        (
            lambda: assess(DS, 2025, audience=CITY_OFFICE, as_of=datetime.max.replace(tzinfo=BEIJING)),
            "as_of",
            "1900-2999",
        ),
        (lambda: assess(DS, 2025, audience=CITY_OFFICE, as_of=datetime(1, 1, 1, tzinfo=BEIJING)), "as_of", "1900-2999"),
    ],
)
def test_a_wrong_argument_is_field_invalid_naming_it(call, name, words):
    with pytest.raises(FieldInvalid) as info:
        call()
    assert isinstance(info.value, SoftenvError)
    assert info.value.name == name
    assert words in str(info.value)


def test_a_month_or_year_out_of_range_is_the_librarys_error():
    for build, words in ((lambda: Month(2025, 13), "month 13 out of range 1-12"), (lambda: Month(1800, 1), "1800")):
        with pytest.raises(SoftenvError, match=words):
            build()


def test_a_month_may_be_given_as_its_text():
    as_text = monitoring_report(DS, "2025-03", audience=CITY_OFFICE)
    assert as_text == monitoring_report(DS, Month(2025, 3), audience=CITY_OFFICE)
    both = monitoring_reports(DS, ["2025-03", Month(2025, 4)], audience=CITY_OFFICE)
    assert [r.month for r in both] == [Month(2025, 3), Month(2025, 4)]


def test_a_batch_of_reports_takes_one_instant_for_every_month():
    at = datetime(2025, 4, 3, 12, tzinfo=BEIJING)
    (batch,) = monitoring_reports(DS, [Month(2025, 3)], audience=CITY_OFFICE, as_of=at)
    assert batch == monitoring_report(DS, Month(2025, 3), audience=CITY_OFFICE, as_of=at)
    assert batch.as_of == at


# platform developer 09: one form per notion; ``params`` is optional wherever an analysis takes it
def _lang_cases():
    from softenv_core import explain_county, explain_point, render_markdown, render_yearend

    a = assess(DS, 2025, audience=CITY_OFFICE)
    return [
        lambda: render_markdown(monitoring_report(DS, "2025-03", audience=CITY_OFFICE), "fr"),
        lambda: render_yearend(year_end(DS, 2025, audience=CITY_OFFICE), "ZH"),
        lambda: explain_point(a.points[0], "english"),
        lambda: explain_county(a.counties[0], None),
    ]


@pytest.mark.parametrize("case", range(4))
def test_a_language_the_renderers_do_not_have_is_refused_not_rendered_in_english(case):
    with pytest.raises(FieldInvalid) as info:
        _lang_cases()[case]()
    assert info.value.name == "lang"
    assert "zh, en" in str(info.value)


def test_params_left_out_means_the_city_baseline_in_every_analysis_that_takes_them():
    from softenv_core import (
        appraise,
        baseline_parameters,
        propose_adjustments,
        representativeness,
        research_topics,
        unit_rates,
    )

    from .demo_city import demo

    base = baseline_parameters()
    ds = demo(points_per_county=4)  # with appraisal rounds and complaints
    a = assess(ds, 2025, audience=CITY_OFFICE)
    rnd = ds.appraisal_rounds[0]
    first, last = Month(2025, 1), Month(2025, 12)
    pairs = [
        (appraise(ds, rnd, audience=CITY_OFFICE), appraise(ds, rnd, base, audience=CITY_OFFICE)),
        (
            representativeness(ds, date(2025, 12, 31), audience=CITY_OFFICE),
            representativeness(ds, date(2025, 12, 31), base, audience=CITY_OFFICE),
        ),
        (propose_adjustments(ds, a, audience=CITY_OFFICE), propose_adjustments(ds, a, base, audience=CITY_OFFICE)),
        (
            research_topics(ds, first, last, audience=CITY_OFFICE),
            research_topics(ds, first, last, base, audience=CITY_OFFICE),
        ),
    ]
    for left_out, given in pairs:
        assert left_out == given
    statuses = monitoring_report(ds, "2025-03", audience=CITY_OFFICE).unit_rates
    assert statuses  # the small dataset has rates in March: the comparison below is not of two empties
    with pytest.raises(FieldInvalid) as info:
        unit_rates((), Month(2025, 3), "baseline")
    assert info.value.name == "params"
