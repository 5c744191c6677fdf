"""Section numbers of a Markdown document (一、二、… in Chinese, 1. 2. … in English), given in
the order the sections appear.

A reader is not given every section (the city office's 七 and 八 of the year end, the monitoring
report's 七 and the other units' 三率 of its 八): numbered as written, a county's year end went
from 六 to 九, which in a 公文 reads as a document cut short (clerk c30). The sections write their
headings with the city office's numbers; this numbers them again as the reader has them.
"""

from __future__ import annotations

from collections.abc import Iterable

#: Chinese section numbers up to twenty; no document here has more than ten sections.
_ZH = tuple("一二三四五六七八九十") + tuple("十" + n for n in "一二三四五六七八九") + ("二十",)


def numbered(lines: Iterable[str], zh: bool) -> list[str]:
    """``lines`` with each section heading (a line starting ``## ``: the sections' own, never a
    record's text, which the renderers escape) numbered in turn from 一 (1)."""
    out = []
    n = 0
    for line in lines:
        if line.startswith("## "):
            title = line[3:].split("、" if zh else ". ", 1)[-1]
            n += 1
            line = f"## {_ZH[n - 1]}、{title}" if zh else f"## {n}. {title}"
        out.append(line)
    return out


__all__ = ["numbered"]
