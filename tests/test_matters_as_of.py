"""The follow-up matters (事项跟踪) as known at an instant (docs/rules.md "Adjustment window,
follow-up of matters"): a county report counts from the instant it was submitted, with the
amendment known then, in the monthly report's open matters (未办结事项) as in the year end's.

Contacts and follow-up steps carry a day only, and are read by the day asked about.
"""

from datetime import date, datetime, time, timedelta

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from softenv_core import CITY_OFFICE, FieldInvalid, Month, monitoring_report
from softenv_core.analyses.followup_status import (
    MatterBatch,
    matter_statuses,
    matters,
    open_matter_ages,
    open_matters,
)
from softenv_core.engine.parameters import baseline_parameters
from softenv_core.model.periods import BEIJING, beijing_date, since_epoch
from softenv_core.model.reports import Amendment, Item, ItemCategory
from softenv_core.testing import beijing_moments, datasets, items, small_dataset

from .weights import HEAVY

PARAMS = baseline_parameters()
MARCH = Month(2025, 3)
DAY = date(2025, 3, 3)
BEFORE = datetime(2025, 3, 3, 14, tzinfo=BEIJING)  # the report's instant
AFTER = datetime(2025, 3, 3, 16, tzinfo=BEIJING)
SUBMITTED = datetime(2025, 3, 3, 15, tzinfo=BEIJING)  # the same day, between the two


def _raised(text: str, point: str, county: str) -> Item:
    return Item(ItemCategory.DIFFICULTY, text, f"{county}-amr", point)


def _dataset():
    """The small dataset with two of February's county reports carrying a matter: 甲区's
    submitted on 3 March at 15:00; 乙区's on 2 March, amended on 3 March at 15:00."""
    ds = small_dataset(2025)
    late = _raised("用地审批迟迟未办", "P-379902-2", "379902")
    first = _raised("原反映:水电报装难", "P-379921-2", "379921")
    amended = Amendment(SUBMITTED, "经办人", (_raised("更正:水电报装已受理仍未通电", "P-379921-2", "379921"),))
    reports = []
    for r in ds.reports:
        if r.id == "R-379902-2025-02":
            r = attrs.evolve(r, submitted_at=SUBMITTED, items=(late,), nothing_to_report=False)
        elif r.id == "R-379921-2025-02":
            r = attrs.evolve(r, items=(first,), nothing_to_report=False, amendments=(amended,))
        reports.append(r)
    return attrs.evolve(ds, reports=tuple(reports))


DS = _dataset()


def _texts(rows) -> dict[str, str]:
    """Report record id → matter text, of the open matters that a county report raised."""
    return {r.record: r.text for r in rows if r.source == "report"}


def test_a_report_submitted_later_that_day_is_not_an_open_matter_of_the_report_yet():
    before = monitoring_report(DS, MARCH, audience=CITY_OFFICE, as_of=BEFORE)
    assert "R-379902-2025-02" not in _texts(before.open_matters)
    assert "R-379902-2025-02" not in {s.matter.record for s in open_matters(DS, DAY, PARAMS, as_of=BEFORE).open}
    # Known at a later instant of the same day, and in the report at its default instant.
    after = monitoring_report(DS, MARCH, audience=CITY_OFFICE, as_of=AFTER)
    assert _texts(after.open_matters)["R-379902-2025-02"] == "用地审批迟迟未办"
    assert "R-379902-2025-02" in _texts(monitoring_report(DS, MARCH, audience=CITY_OFFICE).open_matters)
    found = {s.matter.record: s for s in open_matters(DS, DAY, PARAMS, as_of=AFTER).open}
    assert found["R-379902-2025-02"].matter.raised_on == DAY and found["R-379902-2025-02"].age_days == 0


def test_an_amendment_after_the_instant_does_not_change_the_open_matters():
    before = monitoring_report(DS, MARCH, audience=CITY_OFFICE, as_of=BEFORE)
    assert _texts(before.open_matters)["R-379921-2025-02"] == "原反映:水电报装难"
    after = monitoring_report(DS, MARCH, audience=CITY_OFFICE, as_of=AFTER)
    assert _texts(after.open_matters)["R-379921-2025-02"] == "更正:水电报装已受理仍未通电"
    # Every matter function reads the same (a batch shared by both instants too).
    batch = MatterBatch(DS, PARAMS)
    for as_of, text in ((BEFORE, "原反映:水电报装难"), (AFTER, "更正:水电报装已受理仍未通电")):
        assert {m.text for m in matters(DS, PARAMS, DAY, as_of=as_of) if m.record == "R-379921-2025-02"} == {text}
        assert {s.matter.text for s in matter_statuses(DS, DAY, PARAMS, batch, as_of=as_of)} >= {text}
        assert {m.text for m, *_ in open_matter_ages(DS, DAY, PARAMS, batch, as_of=as_of)} >= {text}


def test_without_an_instant_a_day_reads_the_reports_by_its_end_as_before():
    assert open_matters(DS, DAY, PARAMS) == open_matters(DS, DAY, PARAMS, as_of=AFTER)
    # An instant after the day's end changes nothing: the day bounds what is read.
    later = datetime(2025, 3, 20, tzinfo=BEIJING)
    assert matter_statuses(DS, DAY, PARAMS, as_of=later) == matter_statuses(DS, DAY, PARAMS)


@pytest.mark.parametrize(
    ("call", "name", "words"),
    [
        (lambda: open_matters(DS, "2025-03-03", PARAMS), "on", "expected a date"),
        (lambda: open_matters(DS, BEFORE, PARAMS), "on", "give the instant as as_of"),
        (lambda: open_matter_ages(DS, DAY, PARAMS, as_of=DAY), "as_of", "aware datetime"),
        (lambda: matter_statuses(DS, DAY, PARAMS, as_of="2025-03-03T14:00:00+08:00"), "as_of", "aware datetime"),
        (lambda: matters(DS, PARAMS, DAY, as_of=date(2025, 3, 3)), "as_of", "aware datetime"),
        (lambda: open_matter_ages(DS, DAY, "x"), "params", "ParameterSet"),
        (lambda: open_matter_ages(DS, DAY, PARAMS, "x"), "batch", "MatterBatch"),
    ],
)
def test_a_wrong_argument_is_field_invalid_naming_it(call, name, words):
    with pytest.raises(FieldInvalid) as info:
        call()
    assert info.value.name == name and words in str(info.value)


# --- monotonic knowledge ------------------------------------------------------------------


def _after(draw, as_of: datetime) -> datetime:
    """An instant after ``as_of``: half the time later on its own Beijing day, when there is one."""
    end = datetime.combine(beijing_date(as_of), time.max, BEIJING)
    left = int((since_epoch(end) - since_epoch(as_of)).total_seconds())
    if left >= 1 and draw(st.booleans()):
        return as_of + timedelta(seconds=draw(st.integers(1, left)))
    return as_of + timedelta(seconds=draw(st.integers(1, 20 * 86400)))


@st.composite
def _late(draw):
    """(dataset with records submitted after as_of, the same without them, month, as_of):
    some county reports moved to after the instant, others amended after it."""
    ds = draw(datasets(max_counties=2, max_points=3))
    year = ds.reports[0].month.year if ds.reports else 2025
    month = Month(year, draw(st.integers(2, 12)))
    as_of = draw(beijing_moments(month.first_day, month.last_day))
    dept_ids = tuple(d.id for d in ds.departments)
    full, known = [], []
    for r in ds.reports:
        if r.month < month and draw(st.booleans()):  # a report of a month ended by as_of
            full.append(attrs.evolve(r, submitted_at=_after(draw, as_of)))  # not known yet: left out
            continue
        if since_epoch(r.submitted_at) > since_epoch(as_of):
            full.append(r)
            continue
        known.append(r)
        raised = tuple(draw(st.lists(items(dept_ids), max_size=2)))
        late = Amendment(_after(draw, as_of), "经办人", raised, not raised)
        full.append(attrs.evolve(r, amendments=(late,)) if draw(st.booleans()) else r)
    return attrs.evolve(ds, reports=tuple(full)), attrs.evolve(ds, reports=tuple(known)), month, as_of


@HEAVY  # each example: a generated dataset, two monthly reports and the matters of both
@given(_late())
def test_the_open_matters_at_an_instant_do_not_depend_on_records_submitted_after_it(case):
    full, known, month, as_of = case
    day = beijing_date(as_of)
    assert open_matter_ages(full, day, PARAMS, as_of=as_of) == open_matter_ages(known, day, PARAMS, as_of=as_of)
    assert matter_statuses(full, day, PARAMS, as_of=as_of) == matter_statuses(known, day, PARAMS, as_of=as_of)
    report = monitoring_report(full, month, audience=CITY_OFFICE, as_of=as_of)
    assert report.open_matters == monitoring_report(known, month, audience=CITY_OFFICE, as_of=as_of).open_matters
