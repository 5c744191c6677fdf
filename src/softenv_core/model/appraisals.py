"""万人评议: twice-yearly appraisal rounds in which raters rate departments."""

from __future__ import annotations

from datetime import date

from attrs import field, frozen

from softenv_core._validators import LabelledEnum, identifier, member_of
from softenv_core.model.periods import HalfYear


class RaterGroup(LabelledEnum):
    """Rater group (评议人群体); each group's weight is a published parameter."""

    POINT = ("point", "监测点企业")
    ENTERPRISE = ("enterprise", "其他企业")
    DEPUTY = ("deputy", "人大代表、政协委员")
    CITIZEN = ("citizen", "群众")
    SUPERVISOR = ("supervisor", "行风监督员")


class RatingLevel(LabelledEnum):
    """A rating (评价); 不了解 is not a valid rating for the score."""

    SATISFIED = ("satisfied", "满意")
    BASICALLY = ("basically", "基本满意")
    UNSATISFIED = ("unsatisfied", "不满意")
    UNKNOWN = ("unknown", "不了解")


@frozen
class AppraisalRound:
    """A 万人评议 round: a year's first or second half."""

    id: str = field(validator=identifier)
    period: HalfYear
    opened: date
    closed: date


@frozen
class Rating:
    """One rater's rating (万人评议 评价) of one department in a round; a point rates as group ``point``."""

    round: str = field(validator=identifier)
    rater: str = field(validator=identifier)
    group: RaterGroup = field(validator=member_of(RaterGroup))
    department: str = field(validator=identifier)
    level: RatingLevel = field(validator=member_of(RatingLevel))


__all__ = ["AppraisalRound", "RaterGroup", "Rating", "RatingLevel"]
