"""A dataset's problems capped (``loads_dataset(…, max_problems=N)``): the first N in document
order, then one problem at ``$`` counting the rest, or saying that the check stopped once past
N (no record read, no reference checked after that: how many more there are is not known).

300,000 empty ``{}`` points (a 900 KB body) were 1,800,000 problems: 73 s of a worker and a
391 MB answer from ``POST /v1/validate`` (integrator i52 01). A caller that shows a clerk the
problems (the service, a platform's upload form) needs the first ones and how many more, not
every one; ``softenv validate`` still lists every problem of a local file.
"""

from __future__ import annotations

import re

from softenv_core.errors import InputProblem

#: The document's members in the order the schema lists them (model.dataset's collections
#: after schema, version and city): dataset_files gives them, so this module needs no model.
_MEMBER_AT = re.compile(r"^\$(?:\.([A-Za-z_][A-Za-z0-9_]*)(?:\[(\d+)\])?)?")


def place(path: str, ranks: dict[str, int]) -> tuple[int, int]:
    """Where ``path`` (a ``$.path``, or a problem's line, which starts with it) stands in the
    document: the document itself first, its members by ``ranks`` (an unknown one after them),
    each collection's records by index; no ``$.path`` last."""
    m = _MEMBER_AT.match(path)
    if m is None:
        return len(ranks) + 2, 0
    if m[1] is None:
        return -1, 0
    return ranks.get(m[1], len(ranks)), -1 if m[2] is None else int(m[2])


def first_lines(problems: list[str], limit: int, ranks: dict[str, int]) -> list[str]:
    """The first ``limit`` of ``problems`` (``$.path: message`` lines) in document order, found
    before each is made an InputProblem (the cost of a problem is there: 1,800,000 took most
    of the 73 s)."""
    return sorted(problems, key=lambda line: place(line, ranks))[:limit]


def more_problems(more: int, limit: int, stopped: bool) -> InputProblem:
    """The problem at ``$`` past the first ``limit``: counting the ``more`` not listed, or, when
    the check ``stopped`` there (the rest of the document, its references too, not read), saying
    so: how many more it holds is not known."""
    if not stopped:
        return InputProblem(
            "$",
            f"{more} more problems not listed (the first {limit} are)",
            None,
            f"另有 {more} 个问题未列出（只列出前 {limit} 个）",
        )
    return InputProblem(
        "$",
        f"more than {limit} problems: the first {limit} are listed and the check stopped there (the rest of the "
        "document, its references included, is not checked); fix these and check it again",
        None,
        f"问题超过 {limit} 个：只列出前 {limit} 个，检查到此为止（文档其余部分，包括引用，未检查）；请改正后再检查",
    )


__all__ = ["first_lines", "more_problems", "place"]
