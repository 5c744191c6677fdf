"""曾用名 (an enterprise's former names) as a clerk types them (clerk c54 02).

The privacy screen masks a former name only as a whole text: ``A、B`` masks neither ``A`` nor
``B`` in a text, and ``A（2025年6月更名前）`` does not mask ``A``. A clerk lists things with 、 or
；, as the workbook's other list columns ask, and adds a note of when the name changed; either way
the old name reached the department complained about in clear. So the workbook's 曾用名 cell is
split on line breaks, 、, ； and ; (an enterprise name practically never holds them), and a name
with a bracketed note is refused at its cell. A bracket alone is no note: enterprise names hold
them (XX（集团）有限公司, XX（青岛）有限公司), so only one that reads as a note (digits, 更名, 以前…)
is. A dataset given in JSON or built in Python is told the same as a warning (dataset_warnings).
"""

from __future__ import annotations

import re
from collections.abc import Collection

from softenv_core.io.workbook_text import unheld

#: What separates former names in a workbook cell: a line break (Alt+Enter), 、, ；, ;.
SEPARATORS = re.compile(r"[\n、；;]")
_BRACKETED = re.compile(r"[（(][^（）()]*[）)]")
#: What makes a bracket a note rather than part of a name: a digit (a date), Chinese numerals of
#: a year, or the words of a rename. A place or 集团 in brackets is none of these.
_NOTE_WORDS = re.compile(r"\d|[〇零一二三四五六七八九十]{2,}年|更名|改名|曾用|原名|旧名|现名|新名|以前|之前|此前|变更")


def split_names(text: str) -> list[str]:
    """The names a cell or a dataset's one former name holds, stripped, empty ones dropped."""
    return [name.strip() for name in SEPARATORS.split(text) if name.strip()]


def note_in(name: str) -> str | None:
    """The bracketed note a name carries (（2025年6月更名前）), or None: a bracket that reads as
    part of a name (（集团）, （青岛）) is none."""
    return next((m[0] for m in _BRACKETED.finditer(name) if _NOTE_WORDS.search(m[0])), None)


def cell_names(text: str, none_marks: Collection[str]) -> tuple[list[str], str | None]:
    """A 曾用名 cell's names and the Chinese problem that refuses it (None when it is read)."""
    if text.strip() in none_marks:  # 无 would be masked in every text as a name
        return [], f"{text.strip()!r} 不是名称：没有曾用名请留空，不要填写 无、/ 或 —"
    names = [unheld(name) for name in split_names(text)]
    for name in names:
        if (note := note_in(name)) is not None:
            bare = name.replace(note, "").strip()
            return names, (
                f"曾用名 {name!r} 中的“{note}”像是备注，不是名称的一部分：曾用名只写原名称本身（如 {bare!r}），"
                "更名日期等不要写进来：带备注的曾用名遮挡不住文字中的原名称；多个曾用名用、或换行分隔"
            )
    return names, None


def joined_warnings(index: int, point_id: str, former_names: tuple[str, ...]) -> list[str]:
    """A dataset's former names the screen cannot mask as meant: several joined in one entry, or
    one with a note. Worded for dataset_warnings (English; Chinese in ZH_RULES)."""
    out = []
    for k, name in enumerate(former_names):
        at = f"$.points[{index}] ({point_id}).enterprise.former_names[{k}]: {name!r}"
        if len(split_names(name)) > 1:
            out.append(
                f"{at} reads as several names joined by a separator (line break, 、, ；): the screen masks a "
                "former name only as a whole, so give each name as its own entry"
            )
        elif (note := note_in(name)) is not None:
            out.append(
                f"{at} holds the note {note!r}: the screen masks a former name only as a whole, so give the "
                "former name alone"
            )
    return out


ZH_RULES = (
    (
        re.compile(r"^'(.*)' reads as several names joined by a separator"),
        lambda m: f"“{m[1]}”像是用换行、“、”或“；”连在一起的几个名称：打码只遮挡完整的曾用名，请每个曾用名单独一项",
    ),
    (
        re.compile(r"^'(.*)' holds the note '(.*)': the screen masks"),
        lambda m: f"“{m[1]}”带有备注“{m[2]}”：打码只遮挡完整的曾用名，请只写原名称本身",
    ),
)

__all__ = ["SEPARATORS", "ZH_RULES", "cell_names", "joined_warnings", "note_in", "split_names"]
