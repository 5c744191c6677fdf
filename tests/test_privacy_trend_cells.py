"""Section 四's suppression is not undone by the trends (tdiff finding 02).

Section 四 suppressed its breakdowns with secondary suppression and the trend suppressed its
own rows jointly over three months, but independently of section 四: the trend's 反映问题合计
less the cells shown by section 四, by the trend and by the next month's trend (上月) gave back a
cell of 1 (a county: one enterprise) or 2. The trend now hides every cell that the month's own
report hid in section 四, in each of its columns (trend_suppression.section_suppression)."""

from __future__ import annotations

from softenv_core import Month, get_plugin_manager
from softenv_core.analyses.monitoring_report import monitoring_reports
from softenv_core.analyses.trend_suppression import NO_DEPARTMENT

from .demo_city import demo

SECTION = {"category": "items_by_category", "department": "items_by_department", "county": "items_by_county"}


def _shown(view, dimension, column):
    out = {}
    for row in view.rows:
        cell = getattr(row, column)
        if row.dimension == dimension and cell is not None and cell.value is not None:
            out[row.key] = cell.value
    return out


def test_no_cell_section_four_hid_is_given_back_by_this_or_the_next_months_trend():
    months = [Month(2025, m) for m in range(1, 13)]
    reports = {r.month: r for r in monitoring_reports(demo(), months, get_plugin_manager(), audience="public")}
    recovered = []
    for month, report in reports.items():
        later = reports.get(month + 1)
        for dim, name in SECTION.items():
            keys = {row.key for row in report.trends.rows if row.dimension == dim}
            known = dict(getattr(report, name)) | _shown(report.trends, dim, "current")
            if dim == "department" and report.items_without_department is not None:
                # Section 四's row 无 (clerk c59 02): the departments' sum is the total less it.
                known[NO_DEPARTMENT] = report.items_without_department
            if later is not None:
                known |= _shown(later.trends, dim, "previous")
            total = report.trends.row("total").current
            hidden = keys - known.keys()
            if dim == "department" and report.items_without_department is None:
                hidden.add(NO_DEPARTMENT)  # 无 hidden: one more unknown of the total
            if total is not None and total.value is not None and len(hidden) == 1:
                value = total.value - sum(known.values())
                if 0 < value < 3:
                    recovered.append((str(month), dim, *hidden, value))
    assert recovered == []


def test_each_cell_section_four_hid_is_hidden_in_every_trend_column_of_its_month():
    """The invariant behind the test above: a key with items in the month that section 四 left
    out is hidden in the month's trend (本月), the next month's (上月) and, where made, next
    year's (去年同期)."""
    months = [Month(2025, m) for m in range(1, 13)]
    pm, ds = get_plugin_manager(), demo()
    city = {r.month: r for r in monitoring_reports(ds, months, pm, audience="city")}
    public = {r.month: r for r in monitoring_reports(ds, months, pm, audience="department:city-env")}
    for month, report in public.items():
        for dim, name in SECTION.items():
            section_hid = {k for k, n in getattr(city[month], name).items() if n} - getattr(report, name).keys()
            assert not section_hid & _shown(report.trends, dim, "current").keys(), (str(month), dim)
            if month + 1 in public:
                assert not section_hid & _shown(public[month + 1].trends, dim, "previous").keys(), (str(month), dim)
