"""`softenv explain --as-of`: a figure of `assess --as-of` explained at the same instant, and the
reports on file that came after the instant named instead of hidden (auditor finding 02)."""

import json

import attrs
import pytest

from softenv_core.io.dataset_files import dataset_json
from softenv_core.model.periods import Month
from softenv_core.testing import beijing, on_time_reports, small_dataset

from .test_cli import run

JIA = "379902"
LATER = "2026-03-01T00:00:00+08:00"


@pytest.fixture(scope="module")
def late_december(tmp_path_factory):
    """County 379902's December 2025 report submitted 2026-01-06 09:00: after the default instant
    (the moment after the last deadline, 2026-01-06 00:00), one working day late."""
    base = small_dataset(2025)
    reports = [
        attrs.evolve(r, submitted_at=beijing(2026, 1, 6, 9)) if r.month == Month(2025, 12) else r
        for r in on_time_reports(JIA, 2025)
    ]
    dataset = attrs.evolve(base, reports=(*reports, *(r for r in base.reports if r.county != JIA)))
    path = tmp_path_factory.mktemp("explain") / "d.json"
    path.write_text(dataset_json(dataset), encoding="utf-8")
    return str(path)


def test_explain_as_of_explains_the_figure_assess_as_of_gives(late_december, capsys):
    code, out, err = run(capsys, "assess", late_december, "--year", "2025", "--as-of", LATER, "--format", "json")
    assert code == 0, err
    assessed = next(c for c in json.loads(out)["counties"] if c["code"] == JIA)
    code, out, err = run(
        capsys, "explain", late_december, "--year", "2025", "--county", JIA, "--as-of", LATER, "--format", "json"
    )
    assert code == 0, err
    assert json.loads(out) == assessed
    code, out, _ = run(capsys, "explain", late_december, "--year", "2025", "--county", JIA, "--as-of", LATER)
    assert out.startswith("数据截至：2026-03-01 00:00（北京时间）\n")
    assert "迟报 1个工作日" in out and "95.83" in out
    assert "未计入" not in out  # the report is counted at this instant


def test_explain_names_the_report_submitted_after_the_instant(late_december, capsys):
    code, out, _ = run(capsys, "explain", late_december, "--year", "2025", "--county", JIA, "--lang", "en")
    assert code == 0
    assert out.startswith("as of: 2026-01-06 00:00 (Beijing time)\n")
    assert ("  2025-12 report R-379902-2025-12: submitted after the instant, at 2026-01-06 09:00; not counted") in out
    # A reader other than the city office reads the redacted result alone.
    code, out, _ = run(
        capsys, "explain", late_december, "--year", "2025", "--county", JIA, "--audience", f"county:{JIA}"
    )
    assert code == 0 and "R-379902-2025-12" not in out.split("\n\n")[0]


def test_explain_point_states_its_instant(late_december, capsys):
    code, out, _ = run(capsys, "explain", late_december, "--year", "2025", "--point", "P-379902-1", "--as-of", LATER)
    assert code == 0 and out.startswith("数据截至：2026-03-01 00:00（北京时间）\n")


@pytest.mark.parametrize("instant", ["2026-03-01", "yesterday", "0900-01-01T00:00:00+08:00"])
def test_explain_refuses_an_as_of_as_assess_does(late_december, capsys, instant):
    refusals = [
        run(capsys, command, late_december, "--year", "2025", *who, "--as-of", instant)
        for command, who in (("assess", ()), ("explain", ("--county", JIA)))
    ]
    assert refusals[0][0] == refusals[1][0] == 1
    assert refusals[0][2] == refusals[1][2] and refusals[0][2].startswith("softenv: error: --as-of ")


def test_explain_says_its_instant_in_beijing_time_whatever_offset_it_was_given(late_december, capsys):
    """Review finding 02: `--as-of 2026-02-28T16:00:00Z` printed that, while assess said 03-01."""
    code, out, _ = run(
        capsys, "explain", late_december, "--year", "2025", "--county", JIA, "--as-of", "2026-02-28T16:00:00Z"
    )
    assert code == 0 and out.startswith("数据截至：2026-03-01 00:00（北京时间）\n")


def test_explain_a_county_not_assessed_that_year_says_so(tmp_path, capsys):
    """Review finding 03: a county created after the year is in the dataset; it owes no month."""
    from datetime import date

    from softenv_core.testing import small_dataset

    ds = small_dataset(2025)
    newer = attrs.evolve(ds.counties[0], code="379925", name="新区", effective_from=date(2026, 3, 1))
    data = tmp_path / "d.json"
    data.write_text(dataset_json(attrs.evolve(ds, counties=(*ds.counties, newer))), encoding="utf-8")
    code, _, err = run(capsys, "explain", str(data), "--year", "2025", "--county", "379925", "--lang", "en")
    assert code == 1 and "owes no month of 2025" in err and "no county" not in err
    code, _, err = run(capsys, "explain", str(data), "--year", "2025", "--county", "379925")  # zh, the default
    assert code == 1 and "在 2025 年没有应报月份" in err and "owes" not in err  # review t3/05
