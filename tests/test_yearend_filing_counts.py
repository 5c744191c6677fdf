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


def _section(audience: str, lang: str = "zh") -> str:
    md = render_yearend(year_end(_dataset(), 2025, audience=audience), lang)
    start = md.index("## 四" if lang == "zh" else "## 4.")
    return md[start : md.index("\n## ", start + 1)]


def test_the_city_office_reads_every_county_change():
    four = _section(CITY_OFFICE)
    assert "\n县区调整3项, 未按时备案2项。" in four
    assert "RC1" in four and "RC3" in four


def test_a_county_and_a_point_read_their_own_counts_said_as_their_own():
    four = _section("county:379902")
    assert "本县区调整1项, 未按时备案1项。" in four and "RC1" in four and "RC3" not in four
    assert "本县区调整1项, 未按时备案0项。" in _section("county:379921")
    assert "本监测点调整1项, 未按时备案1项。" in _section("point:P-379981-2")
    assert "1 changes of your county, 1 not filed" in _section("county:379902", "en")


def test_a_department_and_the_public_are_told_the_counts_are_withheld_not_zero():
    for audience in ("public", "department:city-amr"):
        for lang in ("zh", "en"):
            four = _section(audience, lang)
            assert "0项" not in four and " 0 " not in four and "RC" not in four
        assert "本阅读范围不列(不是没有)" in _section(audience)
        assert "withheld here (not none)" in _section(audience, "en")


def test_a_point_reads_section_nine_as_its_own_not_its_countys():
    """Section 九 gives a point its own window checks: its line said 本县区全年调整N项."""
    md = render_yearend(year_end(_dataset(), 2025, audience="point:P-379981-2"))
    nine = md[md.index("## 九") :]
    assert "本监测点全年调整1项" in nine and "本县区" not in nine
