"""万人评议: department scores per round, insufficiency, ranking, bottom flags, participation.

Score of a department in a round, per rater group g with valid ratings (不了解 excluded):
s_g = (满意_g + credit × 基本满意_g) / valid_g, and score = 100 × Σ w_g s_g / Σ w_g over the
groups present (weights ``appraisal.group_weights``, credit ``appraisal.basically_credit``).
A department with fewer than ``appraisal.min_valid`` valid ratings is insufficient: scored as
far as possible but not ranked.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from attrs import field, frozen

from softenv_core._validators import to_tuple
from softenv_core.engine.parameters import ParameterSet
from softenv_core.engine.trace import ParamValue
from softenv_core.io.converter import dumps, make_converter
from softenv_core.model.appraisals import AppraisalRound, RaterGroup, RatingLevel
from softenv_core.model.dataset import Dataset

FOUR = Decimal("0.0001")


@frozen
class GroupTally:
    """One rater group's ratings of a department."""

    group: str
    weight: Decimal
    satisfied: int
    basically: int
    unsatisfied: int
    unknown: int

    @property
    def valid(self) -> int:
        return self.satisfied + self.basically + self.unsatisfied


@frozen
class DepartmentScore:
    """A department's result in a round; ``reason`` spells out the formula with its numbers."""

    department: str
    name: str
    groups: tuple[GroupTally, ...] = field(converter=to_tuple)
    valid: int
    score: Decimal | None
    sufficient: bool
    rank: int | None
    bottom: bool
    reason: str


@frozen
class RoundResult:
    """A round's department scores (ranked first, then the insufficient), and who took part."""

    round: str
    period: str
    departments: tuple[DepartmentScore, ...] = field(converter=to_tuple)
    points_taking_part: tuple[str, ...] = field(converter=to_tuple)
    points_not_taking_part: tuple[str, ...] = field(converter=to_tuple)
    params: tuple[ParamValue, ...] = field(converter=to_tuple)

    def department(self, dept: str) -> DepartmentScore:
        return next(d for d in self.departments if d.department == dept)

    def to_json(self) -> str:
        doc: dict[str, Any] = make_converter().unstructure(self)
        return dumps({"schema": "softenv.appraisal", "version": 1, **doc})


def appraise(dataset: Dataset, round_: AppraisalRound | str, params: ParameterSet) -> RoundResult:
    """Score, rank and flag the departments in one 万人评议 round."""
    if isinstance(round_, str):
        found = [r for r in dataset.appraisal_rounds if r.id == round_]
        if not found:
            from softenv_core.errors import SoftenvError

            raise SoftenvError(f"no appraisal round {round_!r} in the dataset")
        round_ = found[0]
    on = round_.closed
    weights_pv = params.get("appraisal.group_weights", on)
    credit_pv = params.get("appraisal.basically_credit", on)
    min_pv = params.get("appraisal.min_valid", on)
    bottom_pv = params.get("appraisal.bottom_n", on)
    weights = {k: Decimal(str(v)) for k, v in dict(weights_pv.value).items()}
    credit = Decimal(str(credit_pv.value))
    tallies: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0, 0, 0]))
    raters: set[str] = set()
    for r in dataset.ratings:
        if r.round != round_.id:
            continue
        idx = (RatingLevel.SATISFIED, RatingLevel.BASICALLY, RatingLevel.UNSATISFIED, RatingLevel.UNKNOWN).index(
            r.level
        )
        tallies[r.department][r.group.value][idx] += 1
        if r.group is RaterGroup.POINT:
            raters.add(r.rater)
    scores = []
    for dept in sorted(tallies):
        groups = tuple(GroupTally(g, weights.get(g, Decimal(0)), *tallies[dept][g]) for g in sorted(tallies[dept]))
        valid = sum(t.valid for t in groups)
        present = [t for t in groups if t.valid and t.weight]
        total_w = sum((t.weight for t in present), Decimal(0))
        score = None
        parts = []
        if total_w:
            acc = Decimal(0)
            for t in present:
                share = (Decimal(t.satisfied) + credit * t.basically) / t.valid
                acc += t.weight * share
                parts.append(f"{t.weight}×({t.satisfied}+{credit}×{t.basically})/{t.valid}")
            score = (acc / total_w * 100).quantize(Decimal("0.01"))
        sufficient = valid >= int(min_pv.value)
        reason = f"100 × [{' + '.join(parts)}] / {total_w}" if parts else "无有效评价"
        if not sufficient:
            reason += f"; 有效评价{valid}份, 少于{min_pv.value}份, 不排名"
        name = dataset.department_by_id[dept].name if dept in dataset.department_by_id else dept
        scores.append(DepartmentScore(dept, name, groups, valid, score, sufficient, None, False, reason))
    ranked = sorted((s for s in scores if s.sufficient and s.score is not None), key=lambda s: (-s.score, s.department))  # type: ignore[operator]
    bottom_n = int(bottom_pv.value)
    # Departments tied on a score share its flag: a tie group is flagged when any of its
    # places falls among the bottom n (never split by the departments' ids).
    last_place = {s.score: i for i, s in enumerate(ranked)}
    out = []
    rank = 0
    for i, s in enumerate(ranked):
        if i == 0 or s.score != ranked[i - 1].score:
            rank = i + 1
        bottom = last_place[s.score] >= len(ranked) - bottom_n
        out.append(DepartmentScore(s.department, s.name, s.groups, s.valid, s.score, True, rank, bottom, s.reason))
    out += [s for s in scores if not (s.sufficient and s.score is not None)]
    active = sorted(p.id for p in dataset.points if any(p.active_in(m) for m in round_.period.months))
    return RoundResult(
        round_.id,
        str(round_.period),
        tuple(out),
        tuple(p for p in active if p in raters),
        tuple(p for p in active if p not in raters),
        (weights_pv, credit_pv, min_pv, bottom_pv),
    )


__all__ = ["DepartmentScore", "GroupTally", "RoundResult", "appraise"]
