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
