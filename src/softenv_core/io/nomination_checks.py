"""The checks of a dataset's nominations (推荐, 四(三)) across records, run with the reference checks
and the dataset warnings (clerk c60 01, 03):

- a county nominates a point once a year: a second nomination of the same point by the same county
  for the same year is an input error, refused when the dataset is checked, at the repeat's
  ``point`` and naming the first (docs/yearend.md: such a dataset "is wrong at any instant"). It
  was found only by the year end's commendation check, so import and ``validate`` said the
  dataset was valid and then every year end of the year was refused, in English. Two counties
  nominating one point are not refused: one of them is not the point's county, and the year end
  rejects its nomination as such (``不属于``; attacker x45 02);
- a nomination submitted in the first half of its own year is a warning: a nomination is of a
  year's duty performance, so the year typed is most likely the year of submission, meant for the
  year just ended (2026 typed on one submitted 2026-01-10 for 2025). It loads: 2025's year end
  then leaves it out and 2026's counts it against the county's quota, without a word but this.
  A nomination submitted in its year's last months (the demo's, in December) is in order. One
  submitted before its year began has its own message, naming the year its submission suggests
  (auditor a83 07: it was told as one in the first half of its year, the wrong year suggested).

The checks of one nomination or decision record (a nomination submitted after the instant, a
decision made before its nomination was submitted, or before the year it is for began: an
impossible order, refused, auditor a83 03) are here too, called from io/references.py's
table (split from it, a module at 500 lines).

Each problem is ``$.path: message`` (the reference checks': the loader adds the record's id);
the wording in Chinese is :data:`ZH_RULES`, spliced into io/workbook_messages.py's one table.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date, datetime
from typing import Any

from softenv_core.model.dataset import Dataset
from softenv_core.model.periods import BEIJING, beijing_date
from softenv_core.model.roster import CommendationDecision, Nomination


def nomination_problems(ix: Mapping[str, Iterable[tuple[int, Any]]]) -> list[str]:
    """A point nominated again by the same county for the same year, at the repeat's ``point``,
    naming the first nomination (its path and id), over the records ``ix`` holds with their
    positions."""
    first: dict[tuple[int, str, str], tuple[int, str]] = {}
    out = []
    for j, n in ix["nominations"]:
        key = (n.year, n.county, n.point)
        i, first_id = first.setdefault(key, (j, n.id))
        if i != j and n.id != first_id:  # one record written twice is the duplicate id's, told once
            out.append(
                f"$.nominations[{j}].point: {n.point} is nominated again by county {n.county} for {n.year} "
                f"(already by $.nominations[{i}] ({first_id})): a county nominates a point once a year"
            )
    return out


def submission_problems(path: str, n: Nomination, as_of: datetime | None) -> Iterator[str]:
    """A nomination at ``path`` submitted after the instant ``as_of`` the dataset is checked at."""
    if as_of is not None and n.submitted_at is not None and n.submitted_at > as_of:
        yield f"{path}.submitted_at: {n.submitted_at.isoformat()} is in the future"


def decision_problems(path: str, d: CommendationDecision, n: Nomination | None) -> Iterator[str]:
    """The decision at ``path`` against its nomination ``n`` (None: unknown, told as a reference)."""
    # Decided before the city had the nomination: a wrong date, which would also make the
    # decision known at an instant its nomination is not. Compared on the Beijing day, the
    # decision's only precision (one the same day as the submission is in order).
    if n is not None and n.submitted_at is not None and d.decided_on < beijing_date(n.submitted_at):
        # Both named on the Beijing clock the rule reads: the instant as written (17:00Z) would
        # show the same calendar day as the decision and read as self-contradictory.
        at = n.submitted_at.astimezone(BEIJING)
        written = "" if at.utcoffset() == n.submitted_at.utcoffset() else f", written {n.submitted_at.isoformat()}"
        yield (
            f"{path}.decided_on: {d.decided_on} is before nomination {n.id!r} was submitted on "
            f"{at.date()}, Beijing time (submitted_at {at.isoformat()}{written})"
        )
    elif n is not None and d.decided_on < date(n.year, 1, 1):
        # A commendation is of the year's duty performance (四(三)): one decided before the year
        # began is an impossible order (DESIGN principle 3), most likely a year typed wrong
        # (2024-01-20 for 2026-01-20), and refused as the decision before its submission is:
        # an undated nomination gave no day to compare, and it loaded and commended (a83 03).
        yield (
            f"{path}.decided_on: {d.decided_on} is before the year {n.year} of nomination {n.id!r} began: "
            "a commendation is of a year's duty performance"
        )


def early_nomination_warnings(dataset: Dataset) -> list[str]:
    """A nomination submitted (its Beijing day) before the second half of its year began: most
    likely the year of submission typed for the year before (clerk c60 03); one submitted before
    its year began, its own message naming the year its submission suggests (auditor a83 07).
    An undated one says nothing of its year."""
    out = []
    for i, n in enumerate(dataset.nominations):
        if n.submitted_at is None:
            continue
        day = beijing_date(n.submitted_at)
        if day.year < n.year:
            # Before its year began, the year typed is not the submission's: it was told as one
            # submitted in the first half of its year, with the year before the submission's
            # suggested (2023 for one submitted 2024-12-20 for 2025; auditor a83 07). A year-end
            # nomination is submitted late in the year it is for, or early in the next.
            meant = day.year if day.month >= 7 else day.year - 1
            out.append(
                f"$.nominations[{i}] ({n.id}).year: submitted {day.isoformat()}, before its year {n.year} began: "
                f"a nomination is of a year's duty, so {n.year} is likely typed for {meant}; {n.year}'s year end "
                f"counts it against county {n.county}'s quota, and {meant}'s does not read it"
            )
        elif (day.year, day.month) < (n.year, 7):
            out.append(
                f"$.nominations[{i}] ({n.id}).year: submitted {day.isoformat()}, before the second half of its "
                f"year {n.year}: a nomination is of a year's duty, so {n.year} is likely the year of submission "
                f"typed for {day.year - 1}; {n.year}'s year end counts it against county {n.county}'s quota, and "
                f"{day.year - 1}'s does not read it"
            )
    return out


ZH_RULES: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    (
        re.compile(
            r"^(\S+) is nominated again by county (\S+) for (\d+) \(already by (\S+) \((\S+)\)\): "
            r"a county nominates a point once a year$"
        ),
        lambda m: (
            f"{m[1]} 已由县区 {m[2]} 的推荐 {m[5]}（{m[4]}）推荐为 {m[3]} 年度的表彰对象："
            "同一县区每年对一个监测点只推荐一次；请删除重复的一行，本想推荐另一个监测点的请改正监测点编号"
        ),
    ),
    (
        re.compile(
            r"^submitted (\S+), before the second half of its year (\d+): a nomination is of a year's duty, so "
            r"\d+ is likely the year of submission typed for (\d+); \d+'s year end counts it against county "
            r"(\S+)'s quota, and \d+'s does not read it$"
        ),
        lambda m: (
            f"推荐时间 {m[1]} 在 {m[2]} 年度的上半年：推荐的是一年的履职表现，年度很可能误写成了推荐时间的年份"
            f"（应为 {m[3]}？）；现计入 {m[2]} 年度的年终工作，占县区 {m[4]} 该年度的名额，"
            f"{m[3]} 年度的年终工作不读入；确为 {m[2]} 年度的推荐可不理会此提示"
        ),
    ),
    (
        re.compile(
            r"^submitted (\S+), before its year (\d+) began: a nomination is of a year's duty, so \d+ is likely "
            r"typed for (\d+); \d+'s year end counts it against county (\S+)'s quota, and \d+'s does not read it$"
        ),
        lambda m: (
            f"推荐时间 {m[1]} 早于 {m[2]} 年度开始：推荐的是一年的履职表现，年度很可能写错了"
            f"（应为 {m[3]}？）；现计入 {m[2]} 年度的年终工作，占县区 {m[4]} 该年度的名额，"
            f"{m[3]} 年度的年终工作不读入；确为 {m[2]} 年度的推荐请核对推荐时间"
        ),
    ),
    (
        re.compile(
            r"^(\S+) is before nomination '([^']*)' was submitted on (\S+), Beijing time "
            r"\(submitted_at (\S+?)(?:, written (\S+))?\)$"
        ),
        lambda m: (
            f"决定日期 {m[1]} 早于推荐 {m[2]} 的报送日 {m[3]}（北京时间 {m[4].replace('T', ' ').removesuffix('+08:00')}"
            + (f"；原文 {m[5]}" if m[5] else "")
            + "）：决定不能早于收到推荐，请核对决定日期或报送时间"
        ),
    ),
    (
        re.compile(
            r"^(\S+) is before the year (\d+) of nomination '([^']*)' began: "
            r"a commendation is of a year's duty performance$"
        ),
        lambda m: (
            f"决定日期 {m[1]} 早于推荐 {m[3]} 所属的 {m[2]} 年度开始：表彰的是一年的履职表现，"
            "决定不能早于该年度；请核对决定日期或推荐的年度"
        ),
    ),
)


__all__ = ["ZH_RULES", "decision_problems", "early_nomination_warnings", "nomination_problems", "submission_problems"]
