"""Documents name their reader and the counties they list, not by code alone (clerk c30): the
monthly report's header said 阅读范围: 县区: 379906, and the year end's sections 三 and 五 the code
alone, while its section 十 said 379906 青林县. (The xlsx results' code columns are kept as they
are: a key to filter and join by.)"""

from __future__ import annotations

from softenv_core import Month, monitoring_report, render_markdown, render_yearend, year_end

from .demo_city import demo


def test_the_monthly_report_names_its_reader_and_the_year_end_its_counties() -> None:
    """c30 left: the report's header said 阅读范围: 县区: 379906 and the year end's sections 三
    and 五 the code alone, while its section 十 said 379906 青林县."""
    ds = demo()
    name = {c.code: c.name for c in ds.counties}["379902"]
    header = render_markdown(monitoring_report(ds, Month(2025, 3), audience="county:379902")).splitlines()[2]
    assert header.endswith(f"**阅读范围**：县区 379902 {name}"), header
    dept = {d.id: d.name for d in ds.departments}["city-tax"]
    header = render_markdown(monitoring_report(ds, Month(2025, 3), audience="department:city-tax")).splitlines()[2]
    assert header.endswith(f"**阅读范围**：部门 city-tax {dept}"), header
    for reader in ("city", "county:379902"):
        md = render_yearend(year_end(ds, 2025, audience=reader))
        commendation = md[md.index("、表彰推荐") : md.index("\n## ", md.index("、表彰推荐"))]
        assert f"| 379902 {name} |" in commendation, reader
        proposals = md[md.index("、动态调整建议") : md.index("\n## ", md.index("、动态调整建议"))]
        rows = [line for line in proposals.splitlines() if line.startswith("| P")]
        assert rows and all(f" {name} |" in line or "379902" not in line for line in rows), reader
