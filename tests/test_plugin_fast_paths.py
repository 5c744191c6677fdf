"""The engine's shortcuts for plugin answers give the answers (and errors) of the full path.

- check_scored passes the usual Award in one test: whatever it is given, it must return
  the award or raise the PluginError that check_award then Rule.bounded (the oracle) give.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from softenv_core.engine.resolution import MAX_AWARD_POINTS, BoundRule, check_award, check_scored
from softenv_core.engine.ruletypes import Award, Rule
from softenv_core.engine.trace import ParamValue
from softenv_core.errors import PluginError

HOOK = "softenv_extra_point_rules"
KNOWN = frozenset({"c-1", "c-2", "p-1"})
PV = ParamValue("duty.x", 1, date(2024, 1, 1), "ref")


class _Dataset:
    """What the checks read of a dataset: its record ids."""

    record_ids = KNOWN


class _SubParam(ParamValue):
    pass


def _rule(max_points: Any) -> Rule:
    return Rule(
        id="x.extra",
        label="x.extra",
        title_zh="x",
        title_en="x",
        reference="x",
        score=lambda ctx: None,
        max_points=max_points,
        effective_from=date(2024, 1, 1),
    )


def _award(points: Any, reason: Any, evidence: Any, params: Any) -> Award:
    """An Award holding exactly these fields, past its converters (as a hostile plugin may)."""
    award = Award(1, "r")
    for name, value in (("points", points), ("reason", reason), ("evidence", evidence), ("params", params)):
        object.__setattr__(award, name, value)
    return award


def _outcome(f: Any) -> tuple[str, Any]:
    try:
        return "ok", f()
    except PluginError as exc:
        return "error", str(exc)


def _oracle(bound: BoundRule, award: Award) -> tuple[str, Any]:
    def full() -> Award:
        check_award(bound.plugin, HOOK, bound.rule.id, award, _Dataset())  # type: ignore[arg-type]
        return bound.rule.bounded(award, bound.plugin, HOOK)

    return _outcome(full)


POINTS = st.one_of(
    st.decimals(allow_nan=False, allow_infinity=False, places=2, min_value=-10, max_value=10),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.sampled_from([Decimal("5.00"), Decimal("5.01"), Decimal("-5.01"), MAX_AWARD_POINTS + 1, Decimal("NaN")]),
    st.integers(-10, 10),
    st.floats(-10, 10),
    st.none(),
)
REASONS = st.one_of(st.text(max_size=8), st.sampled_from(["", "  ", "\n", "x" * 5000, "x" * 5001]), st.integers())
IDS = st.one_of(st.sampled_from(sorted(KNOWN)), st.text(max_size=3), st.integers(), st.just(["unhashable"]))
EVIDENCE = st.one_of(st.lists(IDS, max_size=3).map(tuple), st.lists(IDS, max_size=3), st.just("c-1"), st.none())
PARAMS = st.one_of(
    st.lists(st.sampled_from([PV, _SubParam("y", 2, date(2024, 1, 1), "r"), "duty.x", None]), max_size=3).map(tuple),
    st.just([PV]),
    st.none(),
)


@given(st.sampled_from([5, 0, 2_000_000]), POINTS, REASONS, EVIDENCE, PARAMS)
def test_check_scored_answers_as_check_award_then_bounded(
    max_points: int, points: Any, reason: Any, evidence: Any, params: Any
) -> None:
    bound = BoundRule(_rule(max_points), "p", "1", checked=True)
    award = _award(points, reason, evidence, params)
    assert _outcome(lambda: check_scored(bound, HOOK, award, _Dataset())) == _oracle(bound, award)  # type: ignore[arg-type]


_VALID = {"points": Decimal("2.00"), "reason": "ok", "evidence": ("c-1",), "params": (PV,)}
#: One field at a time off the valid award: each must be judged as the full checks judge it.
_ONE_OFF = [
    {"points": Decimal("5.00")},
    {"points": Decimal("-5.00")},
    {"points": Decimal("5.01")},
    {"points": Decimal("NaN")},
    {"points": Decimal("Infinity")},
    {"points": 2},
    {"points": 2.0},
    {"reason": ""},
    {"reason": "   "},
    {"reason": "\n"},
    {"reason": "x" * 5000},
    {"reason": "x" * 5001},
    {"reason": 7},
    {"evidence": ()},
    {"evidence": ("c-1", "p-1")},
    {"evidence": ("nope",)},
    {"evidence": (["unhashable"],)},
    {"evidence": ["c-1"]},
    {"evidence": "c-1"},
    {"params": ()},
    {"params": [PV]},
    {"params": (_SubParam("y", 2, date(2024, 1, 1), "r"),)},
    {"params": (PV, "duty.x")},
    {"params": None},
]


@pytest.mark.parametrize("change", _ONE_OFF, ids=repr)
def test_check_scored_judges_each_field_as_the_full_checks(change: dict[str, Any]) -> None:
    bound = BoundRule(_rule(5), "p", "1", checked=True)
    award = _award(**(_VALID | change))
    assert _outcome(lambda: check_scored(bound, HOOK, award, _Dataset())) == _oracle(bound, award)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("points", "message"),
    [
        (Decimal("5.01"), "awarded 5.01, beyond its max_points 5.00"),
        (Decimal("-5.01"), "awarded -5.01, beyond its max_points 5.00"),
        (MAX_AWARD_POINTS + 1, "points is absurd"),
    ],
)
def test_check_scored_still_refuses_an_award_beyond_its_bound(points: Decimal, message: str) -> None:
    bound = BoundRule(_rule(5 if points < MAX_AWARD_POINTS else 2_000_000), "p", "1", checked=True)
    with pytest.raises(PluginError, match=message) as err:
        check_scored(bound, HOOK, _award(points, "r", (), ()), _Dataset())  # type: ignore[arg-type]
    assert "x.extra" in str(err.value) and err.value.plugin == "p"
