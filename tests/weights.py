"""Hypothesis example counts by test weight, under the profile tests/conftest.py loads.

Two profiles: ``ci`` (bounded and derandomized: the same examples on every run; chosen when
``CI`` is set, as .ci/run does) and ``dev`` (the default: half of ci's examples, fresh on each
run, so that a developer's runs stay quick and over time explore more than ci's fixed ones);
``hunt``, chosen only by name, gives ten times ci's examples, fresh on each run, to search for
a counterexample for a while (``SOFTENV_HYPOTHESIS_PROFILE=hunt uv run pytest tests/test_x.py``:
a dev run found a batch of reports disagreeing with a month worked out alone, which ci's fixed
examples had never met).
Within a profile a test takes the count of its weight:

- light (the profile itself): a property of one value or one small record;
- ``HEAVY``: every example is a generated dataset (``softenv_core.testing.datasets``),
  then assessed or reported on: generating one alone takes about 0.15 s, the analyses a
  tenth of that, so the example count is what sets the suite's time;
- ``FUZZ``: loader fuzzing, many cheap examples.

A test that sets its own count (a property of one record drawn many times, a dataset drawn a
few) gives ci's count through :func:`examples`, which halves it under dev.

``SOFTENV_HYPOTHESIS_PROFILE=ci|dev|hunt`` overrides the choice.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, Phase, settings

PROFILE = os.environ.get("SOFTENV_HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev")

# max_examples of each weight, per profile
_EXAMPLES = {
    "ci": {"light": 20, "heavy": 4, "fuzz": 30},
    "dev": {"light": 10, "heavy": 2, "fuzz": 15},
    "hunt": {"light": 200, "heavy": 40, "fuzz": 300},
}
_COMMON = {
    "deadline": None,  # a shared 2-core machine: timing varies, correctness does not
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
}
for _name, _counts in _EXAMPLES.items():
    for _weight, _n in _counts.items():
        suffix = "" if _weight == "light" else f"-{_weight}"
        settings.register_profile(f"{_name}{suffix}", max_examples=_n, derandomize=_name == "ci", **_COMMON)


def load() -> None:
    """Make the chosen profile the default (tests/conftest.py calls this before collection)."""
    settings.load_profile(PROFILE)


def examples(ci: int) -> int:
    """A test's own example count: ``ci`` under the ci profile, half of it (at least 2) under
    dev, ten times it under hunt."""
    if PROFILE == "hunt":
        return 10 * ci
    return ci if PROFILE == "ci" else max(2, ci // 2)


HEAVY = settings(settings.get_profile(f"{PROFILE}-heavy"))
FUZZ = settings(settings.get_profile(f"{PROFILE}-fuzz"), suppress_health_check=list(HealthCheck))

#: For ``hypothesis.find`` when a test needs an example, not the least one: generated only, never
#: shrunk, the same examples every run. Shrinking a drawn complaint to the least one with five
#: events held a fresh clone's CI worker for more than nine minutes (tests/test_complaint_withdrawn.py).
FIND = settings(
    max_examples=200,
    database=None,
    derandomize=True,
    deadline=None,
    phases=(Phase.generate,),
    suppress_health_check=list(HealthCheck),
)

__all__ = ["FIND", "FUZZ", "HEAVY", "PROFILE", "examples", "load"]
