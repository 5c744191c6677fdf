"""docs/office.md's own Chinese prose uses full-width punctuation (，。：；（）, GB/T 15834) as the
documents the program writes for officials do (review c43 item 3: its sentences were written with
``,`` ``;`` ``:`` ``()``). Code blocks, code spans (commands, ids, the program's own output,
quoted as it prints it), link targets and the English section keep theirs."""

from __future__ import annotations

import re
from pathlib import Path

OFFICE = Path(__file__).resolve().parents[1] / "docs" / "office.md"
CJK = "\u4e00-\u9fff"
#: A half-width comma, semicolon, colon or bracket beside a Chinese character.
HALF_WIDTH = re.compile(rf"[{CJK}][,;:()]|[,;:()][{CJK}]")


def _prose() -> str:
    text = OFFICE.read_text(encoding="utf-8").split("\n## In English")[0]
    text = re.sub(r"^```[\s\S]*?^```[^\n]*$", " ", text, flags=re.M)
    text = re.sub(r"(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)", " ", text)
    text = re.sub(r"\]\([^)\s]*\)", "]", text)
    # Quoted as printed: the old starter's header, and a bracketed month of the report.
    return text.replace("“事项序号(从0起)”", "").replace("“本月(2025-03)”", "")


def test_the_chinese_prose_of_office_md_is_full_width() -> None:
    found = [m.group(0) for m in HALF_WIDTH.finditer(_prose())]
    assert not found, found[:20]


def test_the_code_it_quotes_is_kept_as_the_program_prints_it() -> None:
    text = OFFICE.read_text(encoding="utf-8")
    assert "`是否应为 medium(中型)?`" in text  # the suggestion as io/suggest.py words it
    assert "“本月(2025-03)”" in text  # a bracketed date stays half-width in the report
    assert "`softenv init --empty`" in text
