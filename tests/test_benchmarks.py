"""The benchmark's generator makes valid datasets (the benchmark itself is not a timed test)."""

import sys
from pathlib import Path

from softenv_core import CITY_OFFICE, assess, get_plugin_manager, loads_dataset

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from generate import province


def test_a_small_province_document_loads_and_assesses():
    doc = province(counties=3, points_per_county=4, complaints=30, raters=20, departments=5)
    dataset = loads_dataset(doc)
    assert dataset.city.code == "370000" and len(dataset.points) == 12
    assert len(dataset.contacts) == 12 * 12 * 2 and len(dataset.ratings) == 2 * 20 * 5
    result = assess(dataset, 2025, get_plugin_manager(autoload=False), audience=CITY_OFFICE)
    assert all(p.total == sum(i.points for i in p.items) for p in result.points)


def test_the_generator_is_deterministic():
    kwargs = {"counties": 2, "points_per_county": 2, "complaints": 5, "raters": 5, "departments": 3}
    assert province(**kwargs) == province(**kwargs)


def test_the_bench_plugins_implement_the_hooks_asked_for():
    # benchmarks/instructions.py splits the nine-plugin overhead by hook with these.
    from bench import PLUGIN_HOOKS, _nine_plugins

    codes = [f"3799{i:02d}" for i in range(1, 10)]  # 379900 is the city's own code (p50 01)
    for names in (tuple(PLUGIN_HOOKS), ("deadline",), ("extra", "condition")):
        pm = get_plugin_manager(autoload=False, plugins=_nine_plugins(codes, names))
        for name, hook in PLUGIN_HOOKS.items():
            plugins = {i.plugin_name for i in getattr(pm.hook, hook).get_hookimpls()} - {"city"}
            assert len(plugins) == (9 if name in names else 0), (names, hook)


def test_each_county_report_carries_what_its_own_points_raised_that_month_but_a_few():
    # The generated reports were all zero reports while contacts raised items: section 七 then
    # flagged every item, a province no county files. Now a report carries its month's items.
    doc = province(counties=2, points_per_county=40, complaints=5, raters=5, departments=3)
    raised: dict[tuple[str, str], list[tuple[object, ...]]] = {}
    level = {p["id"]: p["level"] for p in doc["points"]}
    for c in doc["contacts"]:
        if level[c["point"]] == "county":
            county, month = c["point"][1:7], c["date"][:7]
            raised.setdefault((county, month), []).extend(
                (c["point"], i["category"], i["department"]) for i in c["items"]
            )
    carried = left_out = 0
    for r in doc["reports"]:
        items = [(i["point"], i["category"], i["department"]) for i in r["items"]]
        source = raised.get((r["county"], r["month"]), [])
        assert all(items.count(i) <= source.count(i) for i in items), r["id"]
        assert r["nothing_to_report"] == (not items)
        carried, left_out = carried + len(items), left_out + len(source) - len(items)
    assert carried > 50 and 0 < left_out < carried / 5
    dataset = loads_dataset(doc)
    assert sum(len(r.items) for r in dataset.reports) == carried
