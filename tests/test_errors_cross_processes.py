"""Every error of the one tree survives pickling, so that it crosses a process boundary
(integrator i36). A platform that runs analyses in a ProcessPoolExecutor or a task queue gets
the worker's exception pickled back; FieldInvalid, NotFound and the others whose __init__ takes
other arguments than their message could not be rebuilt (`TypeError: FieldInvalid.__init__()
missing 1 required positional argument: 'message'`), which broke the pool instead of telling the
caller which argument was wrong."""

import concurrent.futures
import pickle
from datetime import date, datetime

import pytest

import softenv_core as se
from softenv_core import errors
from softenv_core.engine.sla_answers import LimitsAsked
from softenv_core.model.complaints import ComplaintKind

SAMPLES = [
    se.SoftenvError("plain"),
    se.InputError(["$.points[0] (P1).county: unknown county '379999'"], "d.json"),
    se.FieldInvalid("month", "expected a month as YYYY-MM, got '2025-3'"),
    se.NaiveInstant("as_of", datetime(2025, 7, 1)),  # integrator i40: a FieldInvalid and an InputError
    se.NotFound("county", "379999", "the 2025 assessment"),
    se.CalendarDataMissing(2099, (2004, 2026)),
    se.ParameterMissing("report.due_day", date(2021, 1, 1)),
    se.ParameterUnknown("report.due_dya", date(2025, 1, 1), near="report.due_day"),
    se.PluginError("qingshan", "softenv_report_deadline", "bad"),
    # What it is about, given where raised (engine.sla_answers.about_limits), comes back too.
    se.PluginError(
        "qingshan",
        "softenv_complaint_sla",
        "bad",
        about=LimitsAsked("379911", ComplaintKind.COMPLAINT, date(2025, 1, 1)),
    ),
    se.PluginLoadError("qingshan", "softenv-county-qingshan", "1.0", "ImportError: x"),
    se.PluginRefused("q", "d", "1.0", se.PluginError("q", None, "refused")),
    se.RuleConflict(["a", "b"], "city.duty.contact", "both replace it"),
]


def test_the_samples_cover_the_whole_tree():
    import inspect

    tree = {c for _, c in inspect.getmembers(errors, inspect.isclass) if issubclass(c, se.SoftenvError)}
    assert tree == {type(e) for e in SAMPLES}


@pytest.mark.parametrize("error", SAMPLES, ids=lambda e: type(e).__name__)
def test_an_error_comes_back_whole_from_pickling(error):
    error.zh = "中文"
    back = pickle.loads(pickle.dumps(error))
    assert type(back) is type(error)
    assert str(back) == str(error) and back.args == error.args
    assert vars(back) == vars(error)


def _refused() -> None:
    se.monitoring_report(se.build_demo(2025, points_per_county=1, counties=1), "2025-3", audience="city")


@pytest.mark.slow  # starts a process
def test_a_workers_error_reaches_the_caller_as_itself():
    with concurrent.futures.ProcessPoolExecutor(1) as pool, pytest.raises(se.FieldInvalid) as info:
        pool.submit(_refused).result(timeout=120)
    assert info.value.name == "month"
