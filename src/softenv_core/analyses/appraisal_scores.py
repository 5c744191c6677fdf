"""万人评议: department scores per round, insufficiency, ranking, bottom flags, participation.

Score of a department in a round, per rater group g with valid ratings (不了解 excluded):
s_g = (满意_g + credit × 基本满意_g) / valid_g, and score = 100 × Σ w_g s_g / Σ w_g over the
groups present (weights ``appraisal.group_weights``, credit ``appraisal.basically_credit``).
A department with fewer than ``appraisal.min_valid`` valid ratings (of the groups weighted above
0) is insufficient: scored as far as possible but not ranked. The score is worked out exactly
(fractions) and rounded once, half up at two places; departments are ranked on that shown score.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any, ClassVar

import attrs
from attrs import define, field, frozen

from softenv_core._validators import argument, to_tuple
from softenv_core.analyses.arguments import calendar_or_official, params_or_baseline
from softenv_core.analyses.audiences import Audience
from softenv_core.analyses.redaction import part_redactor, redact_round
from softenv_core.engine.decimal_context import in_analysis_context
from softenv_core.engine.parameters import ParameterSet
from softenv_core.engine.phrases import Phrase
from softenv_core.engine.trace import ParamValue, exact_cents
from softenv_core.errors import NotFound, not_found
from softenv_core.io import converter as _converter
from softenv_core.io.validation import require_valid
from softenv_core.model.appraisals import AppraisalRound, RaterGroup, RatingLevel
from softenv_core.model.dataset import Dataset
from softenv_core.model.designations import enterprise_records, owes_round
from softenv_core.model.periods import Year
from softenv_core.rules.city.owed_months import OwedMonths
from softenv_core.rules.city.rounds import rounds_held
from softenv_core.workdays.calendar import WorkCalendar


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
    """A department's result (部门得分) in a round; ``reason`` spells out the formula with its numbers."""

    department: str
    name: str
    groups: tuple[GroupTally, ...] = field(converter=to_tuple)
    #: The valid ratings of the groups weighted above 0, which the score reads and
    #: appraisal.min_valid counts (a group weighted 0 has its tally in ``groups``, not here;
    #: reviewer r63 03). None: withheld for this audience (a group's tally was suppressed).
    valid: int | None
    score: Decimal | None
    sufficient: bool
    rank: int | None
    bottom: bool
    reason: str


@frozen
class RoundResult:
    """A 万人评议 round's department scores (ranked first, then the insufficient), and who took part."""

    round: str
    period: str
    departments: tuple[DepartmentScore, ...] = field(converter=to_tuple)
    points_taking_part: tuple[str, ...] = field(converter=to_tuple)
    points_not_taking_part: tuple[str, ...] = field(converter=to_tuple)
    params: tuple[ParamValue, ...] = field(converter=to_tuple)
    #: The points designated on a day of the window that the round's year does not hold to it
    #: (designated only after that year, or owing no month of it), in neither list: a point
    #: reading it is told the year is why it owed no round (reviewer r63 08). Empty in documents
    #: written before it was recorded.
    points_not_held: tuple[str, ...] = field(default=(), converter=to_tuple)

    def department(self, dept: str) -> DepartmentScore:
        """The department ``dept``'s result; NotFound (a KeyError) if it was not rated in the
        round, as ``Assessment.county`` (a bare StopIteration before: integrator i36)."""
        found = next((d for d in self.departments if d.department == dept), None)
        if found is None:
            raise not_found("department", dept, f"round {self.round}", f"万人评议轮次 {self.round} ")
        return found

    SCHEMA: ClassVar[str] = "softenv.appraisal"
    SCHEMA_VERSION: ClassVar[int] = 1

    def to_document(self) -> dict[str, Any]:
        """The result as a JSON-ready document (io.converter.to_document)."""
        return _converter.to_document(self)

    def to_json(self) -> str:
        """Canonical JSON (io.converter.to_json)."""
        return _converter.to_json(self)

    @classmethod
    def from_json(cls, text: str | bytes) -> RoundResult:
        """The result that :meth:`to_json` wrote, equal to it (io.converter.from_json)."""
        return _converter.from_json(text, cls)


@in_analysis_context
def appraise(
    dataset: Dataset,
    round_: AppraisalRound | str,
    params: ParameterSet | None = None,
    *,
    audience: Audience | str,
    calendar: WorkCalendar | None = None,
) -> RoundResult:
    """Score, rank and flag the departments in one 万人评议 round; the points designated during
    its window (``opened``–``closed``) that rated in it, and those that did not. An invalid
    dataset is refused (InputError), as by every analysis.

    ``audience`` (阅读范围, required): the city office gets the whole round; any other reader
    the year end's view of it (``redact_round``): who took part only for a county's own points
    or the point itself, group tallies below ``privacy.min_cell`` suppressed, a department
    only its own score (docs/privacy.md).

    ``calendar`` (the strict official one when None): which months of the round's year a point
    owes (应履职月份), as the assessment reads them: the lists hold only points owing one."""
    require_valid(dataset)
    params = params_or_baseline(params)
    calendar = calendar_or_official(calendar)
    argument(round_, AppraisalRound | str, "round_", "an AppraisalRound of the dataset or its id")  # type: ignore[arg-type]
    round_ = _dataset_round(dataset, round_)
    # min_cell on the last day of the round's year, as the year end that holds the round reads it.
    r = part_redactor(dataset, audience, params, date(round_.period.year, 12, 31))
    result = _appraise(dataset, round_, params, calendar)
    return result if r is None else redact_round(result, dataset, r.aud, r.min_cell)


def _dataset_round(dataset: Dataset, round_: AppraisalRound | str) -> AppraisalRound:
    """The dataset's round ``round_`` (given as itself or its id); NotFound (a KeyError) when the
    dataset has none, as every look-up by id that finds nothing (integrator i40). A round object
    the dataset lacks is refused alike: it was scored with no rating, and one with the dataset's
    id but another window mixed the dataset's ratings with that window's points (auditor a74 04)."""
    key = round_ if isinstance(round_, str) else round_.id
    own = next((r for r in dataset.appraisal_rounds if r.id == key), None)
    if own is None:
        raise not_found("appraisal round", key, "the dataset", "数据集")
    if isinstance(round_, AppraisalRound) and round_ != own:
        # Said as two rounds that differ: "no appraisal round 'R1' in the dataset (whose R1
        # is …)" denied what it then named, and the Chinese read ", " (reviewer r63 04).
        given = f"{round_.opened}–{round_.closed}"
        given_zh = _window_zh(round_)
        if round_.period != own.period:
            given, given_zh = f"{round_.period}, {given}", f"{_half_zh(round_)}，{given_zh}"
        raise NotFound(
            "appraisal round",
            key,
            "the dataset",
            "数据集",
            said=f"the round given, {key} ({given}), is not the dataset's {key} "
            f"({own.period}, {own.opened}–{own.closed})",
            said_zh=f"所给轮次 {key}（{given_zh}）与数据集中的 {key}（{_half_zh(own)}，{_window_zh(own)}）不同",
        )
    return own


def _half_zh(round_: AppraisalRound) -> str:
    """``2025年上半年``: a round's half year as the clerk writes it."""
    return f"{round_.period.year}年{'上' if round_.period.half == 1 else '下'}半年"


def _window_zh(round_: AppraisalRound) -> str:
    """``2025-06-10—06-25``: a round's window, the closing day's year left out when the same."""
    closed = round_.closed
    end = f"{closed:%m-%d}" if closed.year == round_.opened.year else closed.isoformat()
    return f"{round_.opened}—{end}"


def _appraise(dataset: Dataset, round_: AppraisalRound, params: ParameterSet, calendar: WorkCalendar) -> RoundResult:
    """The whole round (the city office's view)."""
    on = round_.closed
    weights_pv = params.get("appraisal.group_weights", on)
    credit_pv = params.get("appraisal.basically_credit", on)
    min_pv = params.get("appraisal.min_valid", on)
    bottom_pv = params.get("appraisal.bottom_n", on)
    weights = weights_pv.number_by_key()
    credit = credit_pv.number()
    tallies, raters = _tally(dataset, round_)
    scores = [
        _department_score(dataset, dept, tallies[dept], weights, credit, min_pv.whole()) for dept in sorted(tallies)
    ]
    active, not_held = _held_points(dataset, round_, params, calendar)
    return RoundResult(
        round=round_.id,
        period=str(round_.period),
        departments=_ranked(scores, bottom_pv.whole()),
        points_taking_part=tuple(p for p in active if p in raters),
        points_not_taking_part=tuple(p for p in active if p not in raters),
        params=(weights_pv, credit_pv, min_pv, bottom_pv),
        points_not_held=not_held,
    )


def _held_points(
    dataset: Dataset, round_: AppraisalRound, params: ParameterSet, calendar: WorkCalendar
) -> tuple[list[str], list[str]]:
    """The ids of the points the round's year's assessment holds to the round, sorted, and of
    those owing its window that it does not (``points_not_held``). Held: those
    designated on a day of its window (DESIGN "Who owes what, when"), not merely in its half
    year; in its year (a point designated after it, rating in a round held into January, is held
    by no assessment: its rating counts for the scores; auditor a74 03); and owing a month of that
    year, as the assessment scores only such a point (one designated 2025-12-29, 3 working days
    of December, was listed 未参加 while no assessment held it; reviewer r63 02). The rule is
    the assessment's (rules/city/rounds.rounds_held); the months are looked at only for
    points designated during the round's window, the calendar only when there is one."""
    owing = [p for p in dataset.designated_points if owes_round(p, round_)]
    if not owing:
        return [], []
    owed = OwedMonths.of(Year(round_.period.year).months, calendar, params)
    held = {p.id for p in owing if rounds_held(p, (round_,), owed)}
    return sorted(held), sorted(p.id for p in owing if p.id not in held)


@define(kw_only=True)
class _LevelTally:
    """One rater group's ratings of one department, counted as they come."""

    satisfied: int = 0
    basically: int = 0
    unsatisfied: int = 0
    unknown: int = 0

    def add(self, level: RatingLevel) -> None:
        if level is RatingLevel.SATISFIED:
            self.satisfied += 1
        elif level is RatingLevel.BASICALLY:
            self.basically += 1
        elif level is RatingLevel.UNSATISFIED:
            self.unsatisfied += 1
        else:
            self.unknown += 1


def _tally(dataset: Dataset, round_: AppraisalRound) -> tuple[dict[str, dict[str, _LevelTally]], set[str]]:
    """The round's ratings by department and rater group, and the points that rated."""
    tallies: dict[str, dict[str, _LevelTally]] = defaultdict(lambda: defaultdict(_LevelTally))
    raters: set[str] = set()
    for r in dataset.ratings:
        if r.round != round_.id:
            continue
        tallies[r.department][r.group.value].add(r.level)
        if r.group is RaterGroup.POINT:
            raters.add(r.rater)
    # One enterprise rates a round once, under either of its records (a re-designation inside
    # the window): each of its records designated then took part (docs/data-format.md).
    raters |= {record for record, others in enterprise_records(dataset.points).items() if raters & set(others)}
    return tallies, raters


def _department_score(
    dataset: Dataset,
    dept: str,
    by_group: dict[str, _LevelTally],
    weights: dict[str, Decimal],
    credit: Decimal,
    min_valid: int,
) -> DepartmentScore:
    """A department's score (not yet ranked), with the formula spelt out in ``reason``."""
    groups = tuple(
        GroupTally(
            group=g,
            weight=weights.get(g, Decimal(0)),
            satisfied=t.satisfied,
            basically=t.basically,
            unsatisfied=t.unsatisfied,
            unknown=t.unknown,
        )
        for g, t in sorted(by_group.items())
    )
    # Only the groups the score counts (weight above 0) count toward min_valid: a group weighted
    # 0 made a department sufficient on ratings its score does not read (31 valid, scored 0.00
    # from one rating and ranked; reviewer r63 03).
    valid = sum(t.valid for t in groups if t.weight)
    uncounted = sum(t.valid for t in groups if not t.weight)
    present = [t for t in groups if t.valid and t.weight]
    total_w = sum((t.weight for t in present), Decimal(0))
    score = None
    parts = []
    if total_w:
        # Exact to the end (a Decimal quotient is cut at 28 digits, and a bare quantize rounds
        # half-even: 3.125 showed 3.12 and tied a better department into 末位, auditor 01).
        acc = Fraction(0)
        for t in present:
            acc += Fraction(t.weight) * (t.satisfied + Fraction(credit) * t.basically) / t.valid
            # Each term named by its rater group: two groups of the same weight (群众 and
            # 人大代表、政协委员, 0.15 each) read alike without it (auditor a37).
            label = RaterGroup.from_value(t.group).zh
            parts.append(GROUP_TERM(group=label, w=t.weight, s=t.satisfied, c=credit, b=t.basically, v=t.valid))
        score = exact_cents(acc / Fraction(total_w) * 100)
    sufficient = valid >= min_valid
    reason = FORMULA(parts=" + ".join(parts), total=total_w) if parts else NO_VALID()
    if not sufficient:
        besides = f"（{UNWEIGHTED(n=uncounted)}）" if uncounted else ""
        reason += "；" + TOO_FEW(valid=valid, besides=besides, least=min_valid)
    name = dataset.department_by_id[dept].name if dept in dataset.department_by_id else dept
    return DepartmentScore(
        department=dept,
        name=name,
        groups=groups,
        valid=valid,
        score=score,
        sufficient=sufficient,
        rank=None,
        bottom=False,
        reason=reason,
    )


def _ranked(scores: list[DepartmentScore], bottom_n: int) -> tuple[DepartmentScore, ...]:
    """The sufficient departments ranked on their shown score (equal scores share a rank),
    then the others; the last ``bottom_n`` places flagged 末位, never rank 1."""
    ranked = sorted(
        (s for s in scores if s.sufficient and s.score is not None),
        key=lambda s: (-s.score, s.department),  # type: ignore[operator]
    )
    # Departments tied on a score share its flag: a tie group is flagged when any of its
    # places falls among the bottom n (never split by the departments' ids).
    last_place = {s.score: i for i, s in enumerate(ranked)}
    out = []
    rank = 0
    for i, s in enumerate(ranked):
        if i == 0 or s.score != ranked[i - 1].score:
            rank = i + 1
        # 末位 marks the worst of a ranking, not its best: with bottom_n or fewer ranked (or
        # a tie reaching the top) the first place stays unflagged (auditor 04).
        bottom = rank > 1 and last_place[s.score] >= len(ranked) - bottom_n
        out.append(attrs.evolve(s, rank=rank, bottom=bottom))
    out += [s for s in scores if not (s.sufficient and s.score is not None)]
    return tuple(out)


#: A department's reason, in Chinese as the results hold it and in English (engine.phrases).
GROUP_TERM = Phrase("{group} {w}×({s}+{c}×{b})/{v}", "{group} {w}×({s}+{c}×{b})/{v}", known=("group",))
FORMULA = Phrase("100 × [{parts}] / {total}", "100 × [{parts}] / {total}", joins=(("parts", " + "),))
NO_VALID = Phrase("无有效评价", "no valid appraisal")
UNWEIGHTED = Phrase("另有权重为0的评议组的{n}份，不计", "besides {n} from groups of weight 0, not counted")
TOO_FEW = Phrase(
    "有效评价{valid}份{besides}，少于{least}份，不排名",
    "{valid} valid appraisal(s){besides}, fewer than {least}: not ranked",
)

__all__ = ["DepartmentScore", "GroupTally", "RoundResult", "appraise"]
