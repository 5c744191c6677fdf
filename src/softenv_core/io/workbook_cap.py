"""How many problems `softenv import` lists: past :data:`LISTED` the first found, listed in sheet
order, and one line saying that the check stopped there, so that bad input is refused in bounded time
and memory. A 7.7 MB workbook of 1,000,000 rows holding only an id each was 5,000,000 problems,
every one built and placed at its cell though the clerk's terminal shows three alike: 314 s and
4.4 GB to refuse it (attacker x65 01). As the loader's ``max_problems`` (io/problem_cap.py, the
service's cap): a cell that does not read past the cap is only counted, and the dataset's own
checks are not run; when they run, they stop a little past the cap.

The cells' problems past the cap are counted, not made; the dataset's checks then run as far
as their own cap (loads_dataset's ``max_problems``). The cap keeps the problems found first,
then lists them in sheet order: the sheets are read in the workbook's tab order, a sheet's cell
problems before its columns' 必填, the record checks last (in the document's order), so an
earlier row may hold a problem not listed, shown once the listed ones are fixed (reviewer r62
01; docs/office.md §8 says so). Keeping the 5,000 first in sheet order would need every
problem's place worked out, which is what the cap avoids.

A county's workbooks with a column typed wrong in every row (a date as 5月24日) have some
hundreds to a few thousand problems: under the cap, every one is listed as before."""

from __future__ import annotations

from collections.abc import Sequence

from softenv_core.errors import InputError
from softenv_core.io.workbook_places import in_sheet_order

#: At most this many problems are listed (docs/office.md §8).
LISTED = 5000


class TooManyProblems(InputError):
    """More than :data:`LISTED` problems: the first of them, then the line saying the check stopped
    (``problems[-1]``); ``found`` how many the cells gave while read (None when not counted)."""

    def __init__(self, problems: Sequence[str], source: str, found: int | None) -> None:
        self.found = found
        super().__init__(problems, source)


def loader_limit(told: int, reported: int) -> int:
    """The dataset check's ``max_problems`` after ``told`` problems of the cells, ``reported`` cells
    already told (their problems in the check are left out: room is left for as many, at most
    :data:`LISTED`)."""
    return max(1, LISTED - told) + min(reported, LISTED)


def refuse(problems: Sequence[str], names: Sequence[str], *, found: int | None = None, stopped: bool = False) -> None:
    """Raise the import's InputError for ``problems`` (in sheet order), if any; past :data:`LISTED`
    of them, or with ``found`` (the cells' problems counted, past those made), or when the dataset
    check ``stopped``, a TooManyProblems listing the first and saying the check stopped there."""
    if not (problems or stopped):
        return
    source = ", ".join(names)
    ordered = in_sheet_order(problems, names)
    if found is None and not stopped and len(ordered) <= LISTED:
        raise InputError(ordered, source)
    raise TooManyProblems([*ordered[:LISTED], stop_line(found)], source, found)


def stop_line(found: int | None) -> str:
    """The last line of a capped list: the check stopped, how many the cells gave if counted."""
    seen = f"（读取单元格时已发现 {found} 个）" if found else ""
    seen_en = f", {found} found in the cells read" if found else ""
    return (
        f"问题超过 {LISTED} 个{seen}：只列出前 {LISTED} 个，检查到此为止（其余的单元格和记录之间的引用未检查）；"
        f"请改正后再导入 (more than {LISTED} problems{seen_en}: the first {LISTED} are listed and the "
        "check stopped there; fix them and import again)"
    )


__all__ = ["LISTED", "TooManyProblems", "loader_limit", "refuse", "stop_line"]
