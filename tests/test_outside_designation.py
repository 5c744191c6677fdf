"""Direct feedback recorded against a point record on a day it was not designated (after its
designation ended, before it began: the wrong record of a re-designated enterprise) flags no
county in section 七 and is told as a dataset warning, as a contact outside it is (t9 06)."""

from datetime import date

import attrs

from softenv_core import CITY_OFFICE, monitoring_report
from softenv_core.io.dataset_files import dataset_warnings
from softenv_core.io.warning_words import ZH_RULES
from softenv_core.testing import beijing, make_complaint, small_dataset

JIA, YI = "379902", "379921"
ENDED, BEGUN = f"P-{JIA}-2", f"P-{YI}-2"  # county points: 甲区's until 06-15, 乙县's from 06-16


def _dataset():
    ds = small_dataset(2025, (JIA, YI))
    points = tuple(
        attrs.evolve(p, designated_until=date(2025, 6, 15))
        if p.id == ENDED
        else attrs.evolve(p, designated_from=date(2025, 6, 16))
        if p.id == BEGUN
        else p
        for p in ds.points
    )
    complaints = (
        make_complaint("Q-IN", ENDED, beijing(2025, 6, 12)),  # inside: 甲区's zero report left it out
        make_complaint("Q-AFTER", ENDED, beijing(2025, 6, 20)),
        make_complaint("Q-LATER", ENDED, beijing(2025, 7, 20)),
        make_complaint("Q-BEFORE", BEGUN, beijing(2025, 5, 20)),
    )
    return attrs.evolve(ds, points=points, complaints=complaints)


def test_feedback_outside_its_points_designation_flags_no_county():
    ds = _dataset()

    def flags(month):
        # The direct-feedback flags (a zero report beside a contact's items is flagged by its
        # contact, complaint empty: not what this test is about).
        report = monitoring_report(ds, month, audience=CITY_OFFICE)
        return [(f.county, f.complaint) for f in report.reconciliation if f.complaint]

    assert flags("2025-06") == [(JIA, "Q-IN")]
    assert flags("2025-07") == []
    assert flags("2025-05") == []
    # Still handled like any other: section 五 receives all of June's.
    assert monitoring_report(ds, "2025-06", audience=CITY_OFFICE).complaints_received == 2


def test_a_complaint_received_outside_its_points_designation_is_a_warning_in_both_languages():
    from softenv_core.cli.output import problem_text

    ds = _dataset()
    told = [w for w in dataset_warnings(ds) if w.startswith("$.complaints")]
    assert told == [
        f"$.complaints[1] (Q-AFTER).events[0].at: received 2025-06-20, outside point {ENDED}'s designation "
        "(2020-01-01 to 2025-06-15): raises no matter and counts for no point's duty",
        f"$.complaints[2] (Q-LATER).events[0].at: received 2025-07-20, outside point {ENDED}'s designation "
        "(2020-01-01 to 2025-06-15): raises no matter and counts for no point's duty",
        f"$.complaints[3] (Q-BEFORE).events[0].at: received 2025-05-20, outside point {BEGUN}'s designation "
        "(2025-06-16 to now): raises no matter and counts for no point's duty",
    ]
    assert problem_text(told[2], "zh") == (
        f"$.complaints[3] (Q-BEFORE).events[0].at: 收到日期 2025-05-20 不在监测点 {BEGUN} 的确定期间"
        "（2025-06-16 至今）内，照常办理，但不计为反映事项，也不计入监测点履职"
    )


def test_the_designation_period_is_named_as_every_other_message_names_it():
    """确定期间 (the workbook's 确定日期 to 截止日期), as the loader's other messages say it: the
    outside-designation warnings alone said 认定期 (review c42)."""
    english = (
        "2025-05-20 is outside point P-1's designation (2025-06-16 to now): not counted",
        "3 more contact(s) dated outside their point's designation: not counted",
        "received 2025-05-20, outside point P-1's designation (2025-06-16 to 2025-12-31): "
        "raises no matter and counts for no point's duty",
        "2 more complaint(s) received outside their point's designation",
    )
    for message in english:
        (said,) = [zh(m) for pattern, zh in ZH_RULES if (m := pattern.match(message))]
        assert "确定期间" in said and "认定期" not in said, said
