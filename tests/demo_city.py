"""The demo city, built once per test process and shared by the tests that only read it.

``build_demo`` is deterministic (the same arguments give the same records, tests/test_demo.py)
and its records are frozen, so one Dataset of each set of arguments serves every test: about
forty test modules each built the same city (0.1-0.2 s each) again. The tests of build_demo
itself, and those whose plugins write into records past ``frozen``, still build their own.
"""

from __future__ import annotations

from functools import cache

from softenv_core.demo import build_demo
from softenv_core.io.dataset_files import dataset_json
from softenv_core.model.dataset import Dataset


def demo(year: int = 2025, seed: int = 20220301, points_per_county: int = 20, counties: int = 9) -> Dataset:
    """``build_demo(year, seed, points_per_county, counties)``, built once."""
    return _built(year, seed, points_per_county, counties)


def demo_json(year: int = 2025, seed: int = 20220301, points_per_county: int = 20, counties: int = 9) -> str:
    """``dataset_json`` of :func:`demo` (a str: immutable too), written once."""
    return _written(year, seed, points_per_county, counties)


# Cached by the arguments in full, in order: functools.cache keys demo() and demo(2025) apart.
@cache
def _built(year: int, seed: int, points_per_county: int, counties: int) -> Dataset:
    return build_demo(year, seed, points_per_county, counties)


@cache
def _written(year: int, seed: int, points_per_county: int, counties: int) -> str:
    return dataset_json(_built(year, seed, points_per_county, counties))
