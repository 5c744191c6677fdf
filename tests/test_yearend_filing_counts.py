"""Year end section 四 never tells a reader "县区调整0项, 未按时备案0项" over filings it withholds
(as section 九 once did, r3 05): the city office reads every county change, a county (a
point) its own under words that say so, a department and the public that the counts are
withheld, not none (docs/yearend.md, docs/privacy.md)."""

from datetime import date

import attrs

from softenv_core import CITY_OFFICE, year_end
from softenv_core.model.points import Designator
from softenv_core.model.roster import ChangeAction, ChangeReason, Filing, RosterChange
from softenv_core.render.year_end import render_yearend
from softenv_core.testing import small_dataset


def _change(cid: str, point: str) -> RosterChange:
    county = point.split("-")[1]
    return RosterChange(
        cid, point, ChangeAction.REMOVE, ChangeReason.OWN_WISH, date(2025, 7, 1), Designator.COUNTY, county
    )


def _dataset():
    ds = small_dataset(2025)
    changes = (_change("RC1", "P-379902-2"), _change("RC2", "P-379921-2"), _change("RC3", "P-379981-2"))
    filings = (Filing("F1", "379902", date(2025, 7, 10), ("RC1",)), Filing("F2", "379921", date(2025, 6, 20), ("RC2",)))
    return attrs.evolve(ds, roster_changes=changes, filings=filings)


#: The sections read here by the city office's numbers; a reader not given 七 and 八 has them
#: numbered on (render.section_numbers), so they are found by their titles.
_TITLES = {4: ("、县区调整备案", ". Filing of county changes"), 9: ("、年度调整期与新增建议", ". Adjustment window")}


def _section(audience: str, lang: str = "zh", number: int = 4, dataset=None) -> str:
    """Section ``number`` (四 by default) of the year end of ``dataset`` (else ``_dataset()``)."""
    ds = _dataset() if dataset is None else dataset
    md = render_yearend(year_end(ds, 2025, audience=audience), lang)
    start = md.index(_TITLES[number][0 if lang == "zh" else 1]) - len("## 四")
    return md[start : md.index("\n## ", start + 1)]


def test_the_city_office_reads_every_county_change():
    four = _section(CITY_OFFICE)
    assert "\n县区调整3项，未按时备案2项。" in four
    assert "RC1" in four and "RC3" in four


def test_a_county_and_a_point_read_their_own_counts_said_as_their_own():
    four = _section("county:379902")
    assert "本县区决定的调整1项，未按时备案1项。" in four and "RC1" in four and "RC3" not in four
    assert "本县区决定的调整1项，未按时备案0项。" in _section("county:379921")
    assert "本监测点由县区决定的调整1项，未按时备案1项。" in _section("point:P-379981-2")
    assert "1 changes decided by your county, 1 not filed" in _section("county:379902", "en")


def test_a_department_and_the_public_are_told_the_counts_are_withheld_not_zero():
    for audience in ("public", "department:city-amr"):
        for lang in ("zh", "en"):
            four = _section(audience, lang)
            assert "0项" not in four and " 0 " not in four and "RC" not in four
        assert "本阅读范围不列（不是没有）" in _section(audience)
        assert "withheld here (not none)" in _section(audience, "en")


def test_a_point_reads_section_nine_as_its_own_not_its_countys():
    """Section 九 gives a point its own window checks: its line said 本县区全年调整N项."""
    nine = _section("point:P-379981-2", number=9)
    assert "本监测点全年调整1项" in nine and "本县区" not in nine


def _unrecorded_dataset():
    """small_dataset with P-379902-2 ended 2025-06-30 by its own record alone (no 撤销 roster
    change): an unrecorded change, the year's only change. Its later records go with it."""
    ds = small_dataset(2025)
    end = date(2025, 6, 30)
    pid = "P-379902-2"
    points = tuple(attrs.evolve(p, designated_until=end) if p.id == pid else p for p in ds.points)
    contacts = tuple(c for c in ds.contacts if c.point != pid or c.date <= end)
    complaints = tuple(q for q in ds.complaints if q.point != pid or q.events[0].at.date() <= end)
    ratings = tuple(r for r in ds.ratings if r.rater != pid)
    return attrs.evolve(ds, points=points, contacts=contacts, complaints=complaints, ratings=ratings)


def _nine(audience: str, lang: str = "zh") -> str:
    return _section(audience, lang, 9, _unrecorded_dataset())


def test_section_nine_counts_an_unrecorded_change_for_every_reader_and_names_it_to_its_own_only():
    # t13 01: a department and the public read "全年调整0项" and nothing more while the city
    # office read 0 and "另有未记入名册调整的调整1项".
    city = _nine(CITY_OFFICE)
    assert "另有未记入名册调整的调整1项" in city and "P-379902-2" in city
    for reader in ("public", "department:city-amr"):
        nine = _nine(reader)
        assert "另有未记入名册调整的调整1项（监测点记录的日期在年内），其中调整期外1项。" in nine, nine
        assert "P-379902-2" not in nine and "379902" not in nine and "06-30" not in nine and "07-01" not in nine
        assert "1 more change(s) recorded by no roster change" in _nine(reader, "en")
        ye = year_end(_unrecorded_dataset(), 2025, audience=reader)
        assert [(u.point, u.county, u.explanation, u.effective) for u in ye.unrecorded] == [
            ("", "", "", date(2025, 1, 1))
        ]
    own = _nine("county:379902")
    assert "P-379902-2" in own
    assert "另有未记入名册调整" not in _nine("county:379921")  # another county's change: not its own


def test_a_bare_unrecorded_change_is_listed_nowhere_for_a_department_or_the_public():
    md = render_yearend(year_end(_unrecorded_dataset(), 2025, audience="public"), "zh")
    four = md[md.index("## 四") : md.index("\n## ", md.index("## 四") + 1)]
    assert "未记入名册调整" not in four  # section 四's filings, and these with them, are withheld


def test_the_results_workbook_lists_no_bare_unrecorded_change():
    from softenv_core.render.yearend_parts import yearend_sheets

    for reader, shown in (("public", False), ("department:city-amr", False), (CITY_OFFICE, True)):
        sheets = yearend_sheets(year_end(_unrecorded_dataset(), 2025, audience=reader), "zh")
        rows = [row for _, (_, body), _ in sheets for row in body]
        unrecorded = [r for r in rows if r and r[0] in ("未记录", "未记录的调整")]
        assert bool(unrecorded) is shown, (reader, unrecorded)
        assert all("P-379902-2" in r for r in unrecorded)
