"""The working days a late monthly report is late by are named (audit t4 finding 06): the
figure that decides 50 or 0 (``compliance.late_grace_workdays``) is checkable against the
calendar, a make-up weekend day (调休上班) marked, and a report late by 0 working days says
why. Each expected value is worked out by hand from chinesecalendar's 2025 arrangement."""

from datetime import date, datetime, time, timedelta

import attrs
from hypothesis import given
from hypothesis import strategies as st

from softenv_core import CITY_OFFICE, WorkCalendar, assess, get_plugin_manager
from softenv_core.model.periods import BEIJING, Month
from softenv_core.render.assessment import explain_county
from softenv_core.testing import beijing, small_dataset
from softenv_core.workdays.deadlines import LATE_DAYS_SHOWN, describe_lateness, lateness

CAL = WorkCalendar()
JIA = "379902"


def _due(day: date) -> datetime:
    return datetime.combine(day, time(23, 59, 59), BEIJING)


def test_the_days_counted_are_named_with_the_make_up_day():
    # September 2025 is due 2025-10-09 (10-05 falls in the National Day holiday). Sent 10-14:
    # 10-10 (Fri), 10-11 (Sat, 补班), 10-13 (Mon), 10-14 (Tue) = 4 > 3: 0 points; a
    # Monday–Friday count gives 3 (50 points), so 10-11 must be shown.
    text = describe_lateness(CAL, _due(date(2025, 10, 9)), beijing(2025, 10, 14, 9))
    assert text == "10-10、10-11（调休上班）、10-13、10-14"


def test_a_report_on_a_rest_day_after_the_deadline_says_why_it_is_zero_days_late():
    # Due Friday 2025-12-05, sent Saturday 12-06: no working day after the due date up to
    # the submission's date: late by 0.
    assert describe_lateness(CAL, _due(date(2025, 12, 5)), beijing(2025, 12, 6, 10)) == (
        "2025-12-06 星期六 休息日（非工作日），截止日后无工作日"
    )
    assert describe_lateness(CAL, _due(date(2025, 12, 5)), beijing(2025, 12, 7, 10)) == (
        "12-06 至 12-07 均非工作日，截止日后无工作日"
    )
    # A county deadline at 17:00, sent 20:00 the same day: late by 0, on the due day itself.
    due = datetime(2025, 12, 5, 17, tzinfo=BEIJING)
    assert describe_lateness(CAL, due, beijing(2025, 12, 5, 20)) == "截止当日逾时报送，不计工作日"


def test_a_long_delay_names_the_first_days_then_the_count():
    # Due Friday 2025-12-05, sent Wednesday 12-24: 12-08 … 12-12, 12-15 … 12-19, 12-22 …
    # 12-24 = 13 working days; the first five are named.
    text = describe_lateness(CAL, _due(date(2025, 12, 5)), beijing(2025, 12, 24, 9))
    assert text == "12-08、12-09、12-10、12-11、12-12 等13天"


@given(
    st.dates(date(2025, 1, 1), date(2025, 12, 20)),
    st.integers(0, 40),
)
def test_the_days_named_agree_with_the_count(due_day, after):
    """Whatever the dates, the text gives lateness()'s N: the days named are N working days
    (the first LATE_DAYS_SHOWN of them and 等N天 past that), and N = 0 says no working day."""
    due, sent = _due(due_day), datetime.combine(due_day + timedelta(days=after), time(10), BEIJING)
    state, n = lateness(sent, due, CAL)
    text = describe_lateness(CAL, due, sent)
    if state != "late":  # sent by the due second (only when after == 0 here, at 10:00)
        return
    if n == 0:
        assert "截止日后无工作日" in text or text == "截止当日逾时报送，不计工作日"
        return
    named, _, rest = text.partition(" 等")
    days = named.split("、")
    assert len(days) == min(n, LATE_DAYS_SHOWN)
    assert rest == (f"{n}天" if n > LATE_DAYS_SHOWN else "")
    for label in days:
        shown = label.removesuffix("（调休上班）")  # MM-DD in the due date's year, else the whole date
        day = date.fromisoformat(shown if len(shown) == 10 else f"{due_day.year}-{shown}")
        assert CAL.is_workday(day) and (shown != label) == (day.weekday() >= 5)


def _late_dataset():
    ds = small_dataset(2025)
    sent = {Month(2025, 9): beijing(2025, 10, 14, 9), Month(2025, 11): beijing(2025, 12, 6, 10)}
    reports = tuple(
        attrs.evolve(r, submitted_at=sent[r.month]) if r.county == JIA and r.month in sent else r for r in ds.reports
    )
    return attrs.evolve(ds, reports=reports)


def test_the_assessment_and_its_explanation_name_the_days():
    a = assess(_late_dataset(), 2025, get_plugin_manager(autoload=False, plugins=[]), audience=CITY_OFFICE)
    (county,) = [c for c in a.counties if c.code == JIA]
    months = {m.month: m for m in county.months}
    sept, nov = months[Month(2025, 9)], months[Month(2025, 11)]
    assert (sept.late_workdays, sept.score, sept.late_facts) == (4, 0, "10-10、10-11（调休上班）、10-13、10-14")
    assert (nov.late_workdays, nov.score) == (0, 50)
    assert nov.late_facts == "2025-12-06 星期六 休息日（非工作日），截止日后无工作日"
    assert months[Month(2025, 8)].late_facts is None  # on time: nothing to count
    text = explain_county(county)
    assert "迟报 4个工作日（10-10、10-11（调休上班）、10-13、10-14）" in text
    (on_time,) = [c for c in county.conditions if c.rule.id == "city.topten.on_time"]
    assert on_time.reason == (
        "2025-09 迟报4个工作日（10-10、10-11（调休上班）、10-13、10-14）；"
        "2025-11 迟报0个工作日（2025-12-06 星期六 休息日（非工作日），截止日后无工作日）"
    )
