"""The month indexes and the matter batch give what the straightforward computations give.

Each reference below is the computation as it was before the indexes (whole-year passes,
every contact sorted, the matters of each day worked out alone): the fast paths must agree
with it on generated datasets, including report items that repeat a contact's item (aliases),
reports submitted inside their own month, follow-ups on either key and a matter category
parameter that changes during the year.
"""

from __future__ import annotations

import itertools
import json
from collections import Counter
from datetime import UTC, date, datetime, time, timedelta, timezone

import attrs
from hypothesis import given
from hypothesis import strategies as st

from softenv_core import CITY_OFFICE, Month, get_plugin_manager
from softenv_core.analyses.common_problems import common_problems
from softenv_core.analyses.contact_overview import ContactTally, contact_overview, county_tallies
from softenv_core.analyses.followup_status import (
    Matter,
    MatterBatch,
    MatterKey,
    MatterStatus,
    matter_statuses,
    matters,
    open_matter_ages,
    open_matters,
)
from softenv_core.analyses.liaison import liaison_check
from softenv_core.analyses.monitoring_report import monitoring_report, monitoring_reports
from softenv_core.analyses.trends import latest_items, trend_view, trends
from softenv_core.engine.parameters import DatedValue, Parameter, ParameterSet, baseline_parameters
from softenv_core.model.complaints import EventType
from softenv_core.model.dataset import Dataset
from softenv_core.model.followups import FollowUp, FollowUpKind, MatterSource
from softenv_core.model.periods import BEIJING, beijing_date, since_epoch
from softenv_core.model.reports import Amendment, Item, MonthlyReport, matter_key
from softenv_core.render.escape import _DOMAIN_DOT, _MD_INLINE, _SCHEME, _WWW, _one_line, md_cell
from softenv_core.testing import datasets

from .weights import HEAVY

# --- references: the computations as they were ---------------------------------------------


def _inside(dataset: Dataset, point: str, day: date) -> bool:
    """Whether ``point`` (with its effective interval) is designated on ``day``: its contacts
    and complaints raise matters only then (a point not on the roster: never)."""
    for p in dataset.designated_points:
        if p.id == point:
            return p.designated_from <= day and (p.designated_until is None or day <= p.designated_until)
    return False


def _reference_matters(
    dataset: Dataset, params: ParameterSet, on: date | None, as_of: datetime | None = None
) -> tuple[Matter, ...]:
    return _reference_matters_and_keys(dataset, params, on, as_of)[0]


def _reference_matters_and_keys(
    dataset: Dataset, params: ParameterSet, on: date | None, as_of: datetime | None = None
) -> tuple[tuple[Matter, ...], dict[MatterKey, list[MatterKey]]]:
    """The matters, and each one's keys as follow-ups name it (by its key): a report's item by
    its position in the report's latest version (auditor a81 01)."""
    followed = {f.matter for f in dataset.followups}
    named: dict[MatterKey, list[MatterKey]] = {}
    out: list[Matter] = []
    by_item: dict[tuple[str, str, str, Month], Matter] = {}
    for c in sorted(dataset.contacts, key=lambda c: (c.date, c.id)):
        if (on is not None and c.date > on) or not _inside(dataset, c.point, c.date):
            continue
        cats = params.get("followup.matter_categories", c.date).value
        for j, it in enumerate(c.items):
            key = (MatterSource.CONTACT.value, c.id, j)
            if it.category.value in cats or key in followed:
                county = dataset.point_county.get(c.point, "")
                m = Matter(*key, c.point, county, it.category.value, it.department, it.text, c.date)
                named[key] = [key]
                out.append(m)
                by_item[(c.point, it.category.value, it.text, Month.of(c.date))] = m
    aliases: dict[MatterKey, list[MatterKey]] = {}
    # Reports as known at as_of, and by the end of on: whichever comes first (None: all, as they read now).
    cut = min((t for t in (as_of, on and datetime.combine(on, time.max, BEIJING)) if t), default=None)
    for r in sorted(dataset.reports, key=lambda r: (r.submitted_at, r.id)):
        day = beijing_date(r.submitted_at)
        if (on is not None and day > on) or (cut is not None and r.submitted_at > cut):
            continue
        cats = params.get("followup.matter_categories", day).value
        version = r.version_at(cut)
        for j, it in enumerate(version.items):
            key = (MatterSource.REPORT.value, r.id, j)
            at = _latest_position(r, version, j)
            follow = [] if at is None else [(MatterSource.REPORT.value, r.id, at)]
            same = by_item.get((it.point or "", it.category.value, it.text, r.month))
            if same is not None:
                aliases.setdefault(same.key, []).append(key)
                named[same.key] += follow
            elif it.category.value in cats or any(k in followed for k in follow):
                out.append(Matter(*key, it.point, r.county, it.category.value, it.department, it.text, day))
                named[key] = follow
    out = [attrs.evolve(m, aliases=tuple(aliases[m.key])) if m.key in aliases else m for m in out]
    return tuple(sorted(out, key=lambda m: (m.raised_on, m.key))), named


def _latest_position(r: MonthlyReport, version: MonthlyReport | Amendment, j: int) -> int | None:
    """The position, in ``r``'s latest version, of item ``j`` of ``version``, as a follow-up
    names it: the k-th item of the same matter_key there, for the k-th here; None when the
    latest has no such item."""
    key = _item_key(version.items[j])
    k = sum(_item_key(it) == key for it in version.items[:j])
    same = [i for i, it in enumerate(r.latest_items) if _item_key(it) == key]
    return same[k] if k < len(same) else None


def _item_key(it: Item) -> tuple[str, str, str | None, str]:
    return matter_key(it.point or "", it.category.value, it.department, it.text)


def _reference_statuses(
    dataset: Dataset, on: date, params: ParameterSet, as_of: datetime | None = None
) -> list[MatterStatus]:
    steps: dict[MatterKey, list[FollowUp]] = {}
    for f in dataset.followups:
        if f.date <= on:
            steps.setdefault(f.matter, []).append(f)
    long_days = int(params.get("followup.long_open_days", on).value)
    out = []
    found, named = _reference_matters_and_keys(dataset, params, on, as_of)
    for m in found:
        done = sorted((f for k in named[m.key] for f in steps.get(k, ())), key=lambda f: (f.date, f.id))
        closed = next((f.date for f in done if f.kind.closes), None)
        age = ((closed or on) - m.raised_on).days
        out.append(MatterStatus(m, done, closed is None, closed, age, closed is None and age >= long_days))
    return out


def _reference_matters_by_month(dataset: Dataset) -> dict[Month, tuple[tuple[str, str, str, str], ...]]:
    out: dict[Month, list[tuple[str, str, str, str]]] = {}
    # A matter naming no department counts too, as "" (its own group by category: auditor a70 03).
    for c in dataset.contacts:
        for it in c.items if _inside(dataset, c.point, c.date) else ():
            out.setdefault(Month.of(c.date), []).append((it.category.value, it.department or "", c.point, c.id))
    for r in dataset.reports:
        for it in r.latest_items:
            if it.point is not None:
                out.setdefault(r.month, []).append((it.category.value, it.department or "", it.point, r.id))
    for q in dataset.complaints:
        at = q.events[0].at.astimezone(BEIJING) if q.events else None
        if at and not q.found_false and _inside(dataset, q.point, at.date()):
            out.setdefault(Month(at.year, at.month), []).append((q.category.value, q.department or "", q.point, q.id))
    return {m: tuple(v) for m, v in out.items()}


# --- generated datasets with the awkward cases ------------------------------------------------


@st.composite
def _programmes(draw: st.DrawFn) -> tuple[Dataset, ParameterSet]:
    """A generated dataset whose reports repeat some contact items (some reports submitted
    inside their month, some amended), with follow-ups on contact and report keys, and
    parameters whose matter categories change mid-year."""
    ds = draw(datasets(max_counties=2, max_points=3))
    raising = [c for c in ds.contacts if c.items]
    reports: list[MonthlyReport] = list(ds.reports)
    for n, c in enumerate(draw(st.lists(st.sampled_from(raising), max_size=6)) if raising else ()):
        m = Month.of(c.date)
        day = draw(st.dates(m.first_day, (m + 1).last_day))
        repeated = tuple(attrs.evolve(it, point=c.point) for it in c.items)
        at = datetime.combine(day, time(10), BEIJING)
        # Amended: reordered, or its first item dropped (a follow-up names the latest's items: a81 01).
        amended = draw(st.sampled_from([(), repeated[::-1], repeated[1:]]))
        amendments = (Amendment(at + timedelta(hours=1), "经办人", amended),) if amended else ()
        county = ds.point_county[c.point]
        reports.append(MonthlyReport(f"RX{n}", county, m, at, "经办人", repeated, False, amendments=amendments))
    steps = list(ds.followups)
    for n, r in enumerate(reports[-4:]):
        if latest_items(r) and draw(st.booleans()):
            kind = draw(st.sampled_from(FollowUpKind))
            dept = "city-amr" if kind is FollowUpKind.REFERRED else None
            day = beijing_date(r.submitted_at) + timedelta(days=draw(st.integers(0, 60)))
            steps.append(FollowUp(f"FX{n}", MatterSource.REPORT, r.id, 0, kind, day, "联络员", dept))
    base = baseline_parameters()
    cats = base.get("followup.matter_categories", date(2025, 1, 1))
    change = draw(st.dates(date(2020, 1, 2), date(2030, 12, 31)))
    fewer = draw(st.lists(st.sampled_from(cats.value), unique=True))
    dated = Parameter(
        cats.name, cats.reference, values=(DatedValue(date(1900, 1, 1), cats.value), DatedValue(change, fewer))
    )
    return attrs.evolve(ds, reports=tuple(reports), followups=tuple(steps)), base.merged([dated])


def _days(ds: Dataset) -> list[date]:
    year = ds.contacts[0].date.year if ds.contacts else 2025
    ends = [Month(year, m).last_day for m in range(1, 13)]
    return [*ends, *(d - timedelta(days=11) for d in ends[::3]), date(year + 1, 2, 1)]


@HEAVY
@given(_programmes())
def test_matters_of_a_batch_equal_each_days_matters_worked_out_alone(case):
    ds, params = case
    batch = MatterBatch(ds, params)  # shared by every day, as in a batch of reports
    days = _days(ds)
    for on in [*days, *days[::-1]]:
        assert batch.matters(on) == _reference_matters(ds, params, on)
        assert list(matter_statuses(ds, on, params, batch)) == _reference_statuses(ds, on, params)
        expected = sorted(
            (s for s in _reference_statuses(ds, on, params) if s.open), key=lambda s: (-s.age_days, s.matter.key)
        )
        assert open_matters(ds, on, params, batch).open == tuple(expected)
        assert open_matters(ds, on, params) == open_matters(ds, on, params, batch)
        assert open_matter_ages(ds, on, params, batch) == [
            (s.matter, s.age_days, s.last_kind, s.long_open) for s in expected
        ]
    assert matters(ds, params) == _reference_matters(ds, params, None)
    # As known at instants: the reports of the morning (submitted 10:00, amended 11:00) half read,
    # also on the days of the reports amended here (their follow-ups name the amendment's items).
    amended_on = sorted({beijing_date(r.submitted_at) for r in ds.reports if r.id.startswith("RX") and r.amendments})
    for on in [*days[:6], *amended_on]:
        for as_of in (datetime.combine(on, time(10, 30), BEIJING), datetime.combine(on, time(9), UTC)):
            assert batch.matters(on, as_of) == _reference_matters(ds, params, on, as_of)
            assert list(matter_statuses(ds, on, params, batch, as_of=as_of)) == _reference_statuses(
                ds, on, params, as_of
            )
            assert batch.matters(None, as_of) == _reference_matters(ds, params, None, as_of)


@HEAVY
@given(datasets())
def test_month_indexes_equal_the_whole_year_passes(ds):
    by_month: dict[Month, list] = {}
    for c in ds.contacts:
        by_month.setdefault(Month.of(c.date), []).append(c)
    assert ds.contacts_by_month == {m: tuple(cs) for m, cs in by_month.items()}
    assert dict(ds.matters_by_month) == _reference_matters_by_month(ds)
    for m, cs in by_month.items():
        per_point: dict[str, list] = {}
        for c in sorted(cs, key=lambda c: (c.date, c.id)):
            per_point.setdefault(c.point, []).append(c)
        # Tuples: the index is read-only all the way down (a plugin rule sees the dataset).
        assert ds.contacts_by_month_and_point[m] == {p: tuple(cs) for p, cs in per_point.items()}
        with_items = tuple(
            sorted((c for c in cs if c.items and _inside(ds, c.point, c.date)), key=lambda c: (c.date, c.id))
        )
        assert ds.contacts_with_items_by_month.get(m, ()) == with_items
        # Whether the month is recorded by a contact: one inside its point's designation.
        inside = [c for c in cs if _inside(ds, c.point, c.date)]
        assert list(ds.inside_designation(m, cs)) == inside
        assert ds.any_inside_designation(m, cs) is bool(inside)
    assert ds.matters_by_month.get(Month(1999, 1), ()) == ()
    assert Month(1999, 1) not in ds.contacts_by_month_and_point


@HEAVY
@given(datasets())
def test_county_tallies_count_the_contact_overview(ds):
    for month in (Month(y, m) for y in {c.date.year for c in ds.contacts} | {2025} for m in (1, 6, 12)):
        expected: dict[str, ContactTally] = {}
        for o in contact_overview(ds, month, audience=CITY_OFFICE):
            expected.setdefault(o.liaison, ContactTally()).add(o)
        found = county_tallies(ds, month)
        assert list(found) == list(expected)
        for county, t in expected.items():
            f = found[county]
            assert (f.active, f.reached, f.unreached) == (t.active, t.reached, t.unreached)
            assert Counter(f.methods) == Counter(t.methods)
            assert sorted(f.wrong_office) == sorted(t.wrong_office)


@HEAVY
@given(datasets())
def test_points_reached_are_those_a_contact_by_their_own_office_reached(ds):
    office = {p.id: p.liaison for p in ds.points}
    for m in {Month.of(c.date) for c in ds.contacts} | {Month(2025, 1)}:
        month = [c for c in ds.contacts if Month.of(c.date) == m]
        expected = {c.point for c in month if c.reached and office[c.point] == c.liaison}
        assert set(ds.points_reached_by_month.get(m, ())) == expected
        # The overview's reached points are the active ones among them.
        assert {o.point for o in contact_overview(ds, m, audience=CITY_OFFICE) if o.reached} == {
            o.point for o in contact_overview(ds, m, audience=CITY_OFFICE) if o.point in expected
        }


@HEAVY
@given(datasets())
def test_liaison_flags_come_by_date_then_id(ds):
    for m in {Month.of(c.date) for c in ds.contacts}:
        check = liaison_check(ds, m)
        contacts = sorted(ds.contacts_by_month[m], key=lambda c: (c.date, c.id))
        flagged = {f.contact for f in check.flagged}
        assert [f.contact for f in check.flagged] == [c.id for c in contacts if c.id in flagged]
        assert check.contacts == len(contacts)


def _reference_liaison(ds: Dataset, m: Month) -> tuple[int, int, list[tuple[str, str]], tuple[str, ...]]:
    """liaison_check as it was: each contact's made_by and its point's person of the contact's day
    (前任联系人: the datasets change every fifth point's person) stripped."""
    by_person = unrecorded = 0
    flagged, no_person = [], set()
    for c in ds.contacts_by_month.get(m, ()):
        p = ds.point_by_id.get(c.point)
        if p is None:
            continue
        person = p.liaison_person_on(c.date)
        if person is None:
            no_person.add(p.id)
        elif c.made_by is None:
            unrecorded += 1
        elif c.made_by.strip() == person:
            by_person += 1
        else:
            flagged.append((c.id, c.made_by))
    return by_person, unrecorded, sorted(flagged), tuple(sorted(no_person))


@HEAVY
@given(datasets(), st.sampled_from(["", " ", "\u3000", "\t"]), st.data())
def test_liaison_check_counts_as_the_reference(ds, pad, data):
    # Some contacts made by the point's own person typed with spaces around the name, some
    # by a near miss: only the spaces are forgiven.
    persons = {p.id: p.liaison_person for p in ds.points}
    contacts = []
    for c in ds.contacts:
        person = persons.get(c.point)
        if person is not None and data.draw(st.booleans()):
            c = attrs.evolve(c, made_by=data.draw(st.sampled_from([pad + person + pad, person + "x", person])))
        contacts.append(c)
    ds = attrs.evolve(ds, contacts=tuple(contacts))
    for m in {Month.of(c.date) for c in ds.contacts}:
        check = liaison_check(ds, m)
        found = sorted((f.contact, f.made_by) for f in check.flagged)
        assert (check.by_liaison_person, check.unrecorded, found, check.no_person) == _reference_liaison(ds, m)


@given(st.text())
def test_a_cell_without_markup_or_controls_is_its_own_escape(text):
    # the fast path (a printable text without markup is its own escape) gives what the whole
    # escape gives: markup, breaks and controls, then bare links (a scheme, www., a domain's dot)
    escaped = _MD_INLINE.sub(r"\\\1", _one_line(text))
    expected = _DOMAIN_DOT.sub(r"\\.", _WWW.sub(r"\1\\.", _SCHEME.sub(r"\\://", escaped)))
    assert md_cell(text) == expected
    assert md_cell("0.A") == "0\\.A" and md_cell("3.5") == "3.5"  # a domain's dot, not a decimal's


def test_a_cell_escapes_markup_controls_and_breaks():
    assert md_cell("a|b") == "a\\|b"
    assert md_cell("x\ny\u2028z\x1b") == "x y z\\\\x1b"
    assert md_cell(12) == "12"


@HEAVY
@given(datasets(max_counties=2, max_points=3))
def test_a_months_report_alone_equals_that_month_in_a_years_batch(ds):
    """For the city office and for a county (whose reports are redacted: reviewer r57 07, since
    clerk c51's every-county-reader test reads the batch)."""
    pm = get_plugin_manager(autoload=False)
    year = ds.reports[0].month.year if ds.reports else 2025
    months = [Month(year, m) for m in range(1, 13)]
    for audience in (CITY_OFFICE, f"county:{ds.counties[0].code}") if ds.counties else (CITY_OFFICE,):
        batch = monitoring_reports(ds, months, pm, audience=audience)
        for m, r in itertools.islice(zip(months, batch, strict=True), 2, None, 4):
            assert monitoring_report(ds, m, pm, audience=audience).to_json() == r.to_json()


def _reference_problem_groups(ds: Dataset, first: Month, last: Month) -> list[tuple]:
    groups: dict[tuple[str, str], tuple[set[str], set[str]]] = {}
    month = first
    while month <= last:
        for category, department, point, record in _reference_matters_by_month(ds).get(month, ()):
            g = groups.setdefault((category, department), (set(), set()))
            g[0].add(point)
            g[1].add(record)
        month = month + 1
    out = []
    unnamed = set(baseline_parameters().get("common.no_department_categories", last.last_day).texts())
    for (category, department), (points, records) in sorted(groups.items()):
        if not department and category not in unnamed:
            continue  # 经营状况 naming no department is no problem (common.no_department_categories)
        counties = sorted({ds.point_county[p] for p in points if p in ds.point_county})
        if len(points) >= 2 and len(counties) >= 2:
            # The group naming no department ("") is a problem whose department is None.
            out.append((category, department or None, tuple(sorted(points)), tuple(counties), tuple(sorted(records))))
    return out


@HEAVY
@given(datasets(max_counties=3, max_points=4))
def test_common_problems_of_a_window_are_its_months_matters_grouped(ds):
    params = baseline_parameters()
    params = params.merged(
        [
            Parameter(name, "test", values=(DatedValue(date(1900, 1, 1), 2),))
            for name in ("common.min_points", "common.min_counties")
        ]
    )
    year = ds.contacts[0].date.year if ds.contacts else 2025
    for first, last in (
        (Month(year, 1), Month(year, 3)),
        (Month(year, 2), Month(year, 12)),
        (Month(year, 7), Month(year, 7)),
    ):
        found = common_problems(ds, last, params, first=first)
        assert [(p.category, p.department, p.points, p.counties, p.evidence) for p in found] == (
            _reference_problem_groups(ds, first, last)
        )


@HEAVY
@given(datasets())
def test_complaint_indexes_equal_their_straightforward_passes(ds):
    ordered = sorted((c for c in ds.complaints if c.events), key=lambda c: (since_epoch(c.events[0].at), c.id))
    assert ds.complaints_by_received == tuple(ordered)
    for c in ordered:
        r = c.events[0].at.astimezone(BEIJING)
        resolved = {
            (b.year, b.month) for b in (e.at.astimezone(BEIJING) for e in c.events if e.type is EventType.RESOLVED)
        }
        assert ds.complaint_months[c.id] == ((r.year, r.month), frozenset(resolved))
    assert len(ds.complaint_months) == len(ordered)
    # By the Beijing month received, in the dataset's order.
    expected: dict[Month, list[str]] = {}
    for c in ds.complaints:
        if c.events:
            b = c.events[0].at.astimezone(BEIJING)
            expected.setdefault(Month(b.year, b.month), []).append(c.id)
    assert {m: [c.id for c in cs] for m, cs in ds.complaints_by_month.items()} == expected


def test_a_beijing_month_is_read_through_any_zone_object():
    """+08:00 as written (an unnamed zone), as Asia/Shanghai (zoneinfo) and as UTC: the
    month is Beijing's whatever object carries the offset, including across a month's end."""
    from .test_monitoring import _june

    ds = _june()
    first = next(c for c in ds.complaints if c.events)
    instant = datetime(2025, 6, 30, 16, 30, tzinfo=UTC)  # 2025-07-01 00:30 in Beijing
    zones = [timezone(timedelta(hours=8)), UTC, timezone(timedelta(hours=-5))]
    try:
        from zoneinfo import ZoneInfo

        zones.append(ZoneInfo("Asia/Shanghai"))
    except Exception:  # no tz database on this machine: the fixed offsets still say it
        pass
    copies = []
    for n, zone in enumerate(zones):
        events = tuple(
            attrs.evolve(e, at=(instant + (e.at - first.events[0].at)).astimezone(zone)) for e in first.events
        )
        copies.append(attrs.evolve(first, id=f"Q-zone-{n}", events=events))
    ds = attrs.evolve(ds, complaints=tuple(copies))
    assert [c.id for c in ds.complaints_by_month[Month(2025, 7)]] == [c.id for c in copies]
    assert Month(2025, 6) not in ds.complaints_by_month
    assert all(ds.complaint_months[c.id][0] == (2025, 7) for c in copies)


def test_complaint_months_is_worked_out_on_asking_and_knows_every_complaint():
    from .test_monitoring import _june

    ds = _june()
    with_events = [c.id for c in ds.complaints if c.events]
    months = ds.complaint_months
    assert list(months) == list(dict.fromkeys(with_events)) and len(months) == len(set(with_events))
    assert months[with_events[0]] is months[with_events[0]]  # kept once worked out
    try:
        months["no-such-complaint"]
    except KeyError:
        pass
    else:
        raise AssertionError("an unknown complaint id must be a KeyError")


def test_complaints_received_at_the_same_instant_come_by_id():
    from .test_monitoring import _june

    ds = _june()
    first = next(c for c in ds.complaints if c.events)
    twins = [attrs.evolve(first, id=f"Q-{n}") for n in ("b", "a", "c")]
    ds = attrs.evolve(ds, complaints=(*twins, *ds.complaints))
    same = [c.id for c in ds.complaints_by_received if c.events[0].at == first.events[0].at]
    assert len(same) >= 4 and same == sorted(same)


@HEAVY
@given(datasets(months_covered=4))
def test_a_batchs_trends_are_each_months_figures_worked_out_alone(ds):
    # A report at its default instant gives its own month's figures from its sections (items,
    # points reached, complaints) and keeps them for the next month's report; trends() works
    # all three months out afresh. Both must give the same figures (month_figures.figures_of).
    pm = get_plugin_manager(autoload=False)
    year = min((c.date.year for c in ds.contacts), default=2025)
    months = [Month(year, m) for m in range(1, 6)]
    for report in monitoring_reports(ds, months, pm, audience=CITY_OFFICE):
        assert report.trends == trend_view(trends(ds, report.month, pm, baseline_parameters()), 1), report.month


def _late_zero_report_beside_a_complaint() -> Dataset:
    # Found by the property above (2026-12-01): February 2024 holds one complaint and a zero
    # report filed late (6 March, after the deadline): at its own instant the month is known by
    # its direct feedback alone; to a report a year on the late report is known and the month
    # is one of data (0 items, 0 reached).
    from softenv_core import loads_dataset

    enterprise = {"name": "企业1有限公司", "uscc": "91379902MA00000153", "size": "large", "ownership": "state"}
    enterprise["sector"] = "industry"
    event = {"at": "2024-02-01T09:00:00+08:00", "actor": "办理人"}
    doc = {
        "schema": "softenv.dataset",
        "version": 2,
        "city": {"code": "379900", "name": "测试市", "office": "市软建办", "liaison_office": "市经贸委"},
        "counties": [{"code": "379902", "name": "县区02", "kind": "district", "liaison_office": "县区02经贸委"}],
        "points": [
            {
                "id": "P379902-0",
                "enterprise": enterprise,
                "county": "379902",
                "level": "county",
                "designated_by": "city",
                "designated_from": "2022-01-01",
                "liaison_person": "联络员1",
            }
        ],
        "reports": [
            {
                "id": "R379902-2024-02",
                "county": "379902",
                "month": "2024-02",
                "submitted_at": "2024-03-06T00:00:01+08:00",
                "submitted_by": "经办人",
                "nothing_to_report": True,
            }
        ],
        "complaints": [
            {
                "id": "Q0",
                "kind": "complaint",
                "point": "P379902-0",
                "department": None,
                "category": "operations",
                "text": "反映事项",
                "consent_to_disclose": False,
                "events": [{"type": "received", **event}, {"type": "accepted", **event}],
            }
        ],
    }
    return loads_dataset(json.dumps(doc))


def test_a_month_known_by_its_feedback_alone_is_read_again_when_a_later_report_knows_more():
    # The batch kept February 2024's figures as read at the report's sections' first look
    # (records begun as known at its own instant: a month of direct feedback alone) and gave
    # them to the trends, which read the records as known at February 2025's instant: its
    # 去年同月 read 无数据 for items and points reached where trends() alone read 0.
    ds = _late_zero_report_beside_a_complaint()
    pm = get_plugin_manager(autoload=False)
    for months in ([Month(2025, 2)], [Month(2024, 2), Month(2025, 2)], [Month(2025, m) for m in range(1, 6)]):
        for report in monitoring_reports(ds, months, pm, audience=CITY_OFFICE):
            alone = trend_view(trends(ds, report.month, pm, baseline_parameters()), 1)
            assert report.trends == alone, (months, report.month)
    (feb,) = monitoring_reports(ds, [Month(2025, 2)], pm, audience=CITY_OFFICE)
    assert feb.trends.row("total").last_year is not None and feb.trends.row("total").last_year.value == 0
    assert feb.trends.row("points_reached").last_year is not None


def test_a_compared_month_known_only_by_its_feedback_is_said_so_in_both_languages():
    # Without the late zero report February 2024 holds a complaint alone: the city office's
    # trend compares its complaint counts only, and left the matters and points reached out
    # without a word in Chinese, while the English said "no data" (auditor a49's question 3).
    from softenv_core.render.trend_text import sentences_en

    ds = attrs.evolve(_late_zero_report_beside_a_complaint(), reports=())
    pm = get_plugin_manager(autoload=False)
    (feb,) = monitoring_reports(ds, [Month(2025, 2)], pm, audience=CITY_OFFICE)
    said = "去年同月(2024-02)只有直接反馈的记录，反映问题和联系到监测点不作同比"
    assert said in feb.trends.sentences and not any("去年同月(2024-02)无数据" in s for s in feb.trends.sentences)
    assert feb.trends.row("complaints_received").last_year is not None
    english = sentences_en(feb.trends)
    assert any(s.startswith("only direct feedback was recorded in the same month last year (2024-02)") for s in english)
    assert not any("no data for the same month last year" in s for s in english)
    # every other reader: a month of direct feedback alone is a month without data, in both languages
    (county_feb,) = monitoring_reports(ds, [Month(2025, 2)], pm, audience="county:379902")
    county = county_feb.trends
    assert "去年同月(2024-02)无数据，不作同比" in county.sentences
    assert not any("直接反馈的记录" in s for s in county.sentences)
    assert any("no data for the same month last year (2024-02)" in s for s in sentences_en(county))
