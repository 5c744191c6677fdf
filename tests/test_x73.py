"""Attacker x73: systematic differencing of dataset pairs that differ by one fact about a
direct complaint (直接反馈 to 市软建办), for every reader but the city office.

No unexplained difference was found, so this file records no finding: it keeps, as a regression
sweep, the minimal pairs that held. Each pair differs by exactly one fact about complaint
Q-2025-0001 (the same complaint by another county-level point of the same county, by a point of
another county, by the 市直 point located in the county; received a month later; resolved vs
open; satisfied vs unsatisfied follow-up; consent given vs not), and every output a reader not
party to the fact is given (assessment JSON and summaries, ``explain_point`` and
``explain_county``, the monitoring reports of the complaint's month, the next and the same month
a year later in JSON and Markdown zh/en with their later-record notices, the year end in JSON
and Markdown zh/en, ``later_records_notices``) must be byte-identical. Every point has contact
items in every month, so the documented residual of the months-with-feedback item
(docs/privacy.md, *What is left*) does not apply.

What differed, and is documented (not recorded): the department handling the complaint (its
section 五 and 三率); the county of a county-level point found to have made a false complaint
(the supervision item, the 无虚假投诉 nomination condition, the withheld-ids notice, and the year
end's 不合格 proposal where the deduction fails the point); the county of a consenting
county-level point (section 五 lists it, never when about its own bureau nor for a 市直 point);
the complainant point itself; shown monthly counts of at least ``min_cell`` (月末超期 4 → 5); the
R- references of every other complaint when any keyed field of a complaint changes (a reference
holds for one version of the dataset only); a point's feedback points where it lacked contact
items in the complaint's month; a falsely declared plugin rule citing a complaint.
"""

from __future__ import annotations

import attrs
import pytest

from softenv_core import (
    assess,
    explain_county,
    explain_point,
    later_records_notices,
    monitoring_report,
    render_markdown,
    render_yearend,
    year_end,
)
from softenv_core.analyses.later_records import later_report_notices
from softenv_core.model.complaints import EventType, Satisfaction
from softenv_core.model.points import PointLevel
from softenv_core.render.assessment import summary
from softenv_core.testing.builders import (
    beijing,
    make_complaint,
    make_point,
    monthly_contacts,
    on_time_reports,
    small_dataset,
)

YEAR = 2025
CODES = ("379902", "379921", "379981")
MONTHS = ("2025-03", "2025-04", "2026-03")


def _base():
    """Three counties, each a 市直 point (-1) and two county-level points (-2, -3), contact items
    every month of 2025 and January to April 2026, zero reports on time."""
    b = small_dataset(YEAR, counties=CODES)
    extra = [make_point(f"P-{c}-3", c, 20 + i, level=PointLevel.COUNTY) for i, c in enumerate(CODES)]
    points = (*b.points, *extra)
    contacts = [*b.contacts, *(c for p in extra for c in monthly_contacts(p, YEAR, with_items=True))]
    contacts += [c for p in points for c in monthly_contacts(p, YEAR + 1, with_items=True) if c.date.month <= 4]
    reports = [*b.reports, *(r for c in CODES for r in on_time_reports(c, YEAR + 1) if r.month.month <= 4)]
    return attrs.evolve(b, points=points, contacts=tuple(contacts), reports=tuple(reports))


def _outputs(ds, reader):
    a = assess(ds, YEAR, audience=reader)
    out = {"assess.json": a.to_json(), "summary.zh": summary(a, "zh"), "summary.en": summary(a, "en")}
    out.update({f"explain.{p.id}": explain_point(p) for p in a.points})
    out.update({f"explain.{c.code}": explain_county(c) for c in a.counties})
    for m in MONTHS:
        r = monitoring_report(ds, m, audience=reader)
        out[f"{m}.json"] = r.to_json()
        out[f"{m}.zh"] = render_markdown(r, "zh")
        out[f"{m}.en"] = render_markdown(r, "en")
        out[f"{m}.later"] = "\n".join(later_report_notices(ds, r, audience=reader))
    y = year_end(ds, YEAR, audience=reader)
    out.update(
        {"yearend.json": y.to_json(), "yearend.zh": render_yearend(y, "zh"), "yearend.en": render_yearend(y, "en")}
    )
    out["later"] = "\n".join(later_records_notices(ds, YEAR, beijing(2026, 1, 6, 0), audience=reader))
    return out


def _c(point="P-379902-2", at=None, **kw):
    return make_complaint("Q-2025-0001", point, at or beijing(YEAR, 3, 3), **kw)


#: pair name: (complaint in one world, in the other, the readers party to the difference).
PAIRS = {
    "same_county": (_c(), _c("P-379902-3"), ()),
    "other_county": (_c(), _c("P-379921-2"), ()),
    "shizhi_point_in_county": (_c(), _c("P-379902-1"), ()),
    "a_month_later": (_c(), _c(at=beijing(YEAR, 4, 3)), ("department:city-amr",)),
    "resolved_or_open": (_c(), _c(until=EventType.SIGNED), ("department:city-amr",)),
    "satisfied_or_not": (
        _c(until=EventType.CLOSED),
        _c(until=EventType.CLOSED, satisfaction=Satisfaction.UNSATISFIED),
        ("department:city-amr",),
    ),
    "consent_to_own_bureau": (
        _c(department="379902-amr"),
        attrs.evolve(_c(department="379902-amr"), consent_to_disclose=True),
        (),
    ),
}
READERS = ("county:379902", "county:379921", "department:379902-amr", "public", "point:P-379921-2")


@pytest.mark.slow
@pytest.mark.parametrize("pair", sorted(PAIRS))
def test_one_fact_about_a_complaint_moves_no_output_of_a_reader_not_party_to_it(pair):
    one, other, party = PAIRS[pair]
    base = _base()
    first, second = attrs.evolve(base, complaints=(one,)), attrs.evolve(base, complaints=(other,))
    for reader in READERS:
        if reader in party or reader[len("point:") :] in (one.point, other.point):
            continue
        a, b = _outputs(first, reader), _outputs(second, reader)
        assert a.keys() == b.keys(), (pair, reader)
        for name in a:
            assert a[name] == b[name], f"{pair}: {reader} {name} differs"


@pytest.mark.slow
def test_the_sweep_is_not_vacuous():
    """The city office's outputs do tell the two complainants apart, and the department handling
    the complaint reads its month's move."""
    base = _base()
    one, other, _ = PAIRS["same_county"]
    a = _outputs(attrs.evolve(base, complaints=(one,)), "city")
    b = _outputs(attrs.evolve(base, complaints=(other,)), "city")
    assert a["2025-03.zh"] != b["2025-03.zh"]
    one, other, _ = PAIRS["a_month_later"]
    a = _outputs(attrs.evolve(base, complaints=(one,)), "department:city-amr")
    b = _outputs(attrs.evolve(base, complaints=(other,)), "department:city-amr")
    assert a["2025-03.json"] != b["2025-03.json"]
