"""The clerk's Chinese with full-width punctuation (全角标点), as the reports write it.

The messages of the CLI and of the workbook import were written with ASCII , ; : ( ) inside
their Chinese (`校验位错误:按前 17 位,第 18 位应为 K`), where the documents the clerk reads beside
them write `，；：（）` (clerk c40). Rather than rewrite several hundred messages by hand (and
every one added later), the CLI writes each Chinese line through :func:`full_width`, which
changes only the punctuation of the Chinese in it:

* a comma, semicolon or question mark after a Chinese character, or before one;
* a colon after a Chinese character or a full-width bracket, or between a quoted value or a
  number and Chinese (``'市人社局'：这是名称``); ``--month: 月份`` and ``county:县区代码`` keep
  theirs: what comes before is an option or a syntax to type;
* a pair of parentheses holding Chinese, or opened right after a Chinese character
  (``起步工作簿(softenv init)的``); an English tag ``… (not replaced without --force)`` stays.

Ids, paths, numbers and English are left as they are, and so is every quoted value
(``'人社局'``, ``“-”``) and every ``$.path``: what the clerk typed is shown as typed.
"""

from __future__ import annotations

import re

#: A Chinese character (CJK unified ideographs and extension A).
_HAN = "\u3400-\u4dbf\u4e00-\u9fff"
#: What a full-width colon or comma may follow: a Chinese character, or a full-width closer.
_BEFORE = f"[{_HAN}）」』》】”]"
#: A value as typed, shown quoted (``'x'`` as repr writes it, “x”), and a JSON path: never changed.
_PROTECTED = re.compile(r"(?<![A-Za-z])'(?:[^'\\\n]|\\.)*'|(?<![A-Za-z])\"(?:[^\"\\\n]|\\.)*\"|“[^”\n]*”|\$[.\[]\S*")
#: A protected span's stand-in while the punctuation is changed (private-use characters).
_HOLE = re.compile("\ue000([0-9]+)\ue001")
_PAIR = re.compile(r"\(([^()\n]*)\)")
_HAN_CHAR = re.compile(f"[{_HAN}]")
_AFTER_HAN = re.compile(f"(?<={_BEFORE}) ?([,;?]) ?")
_BEFORE_HAN = re.compile(f"(?<=[^\\s,;]) ?([,;]) ?(?=[{_HAN}])")
_COLON = re.compile(f"(?<={_BEFORE}) ?: ?|(?<=[\ue0010-9-]):(?=[{_HAN}\ue000])")
_WIDE = {",": "，", ";": "；", "?": "？"}


def full_width(text: str) -> str:
    """``text`` with the punctuation of its Chinese full-width (see the module's rules)."""
    if not _HAN_CHAR.search(text):
        return text  # English alone (--lang en, or a message without Chinese): as it is
    kept: list[str] = []

    def hole(m: re.Match[str]) -> str:
        kept.append(m[0])
        return f"\ue000{len(kept) - 1}\ue001"

    out = _PROTECTED.sub(hole, text)
    out = _pairs(out)
    out = _AFTER_HAN.sub(lambda m: _WIDE[m[1]], out)
    out = _BEFORE_HAN.sub(lambda m: _WIDE[m[1]], out)
    out = _COLON.sub("：", out)
    out = out.replace("?）", "？）")
    return _HOLE.sub(lambda m: kept[int(m[1])], out)


def _pairs(text: str) -> str:
    """The parentheses holding Chinese or opened after it, full-width, innermost first."""

    def pair(m: re.Match[str]) -> str:
        before = text_now[m.start() - 1] if m.start() else ""
        inner = _HOLE.sub("", m[1])
        if _HAN_CHAR.search(inner) or re.fullmatch(_BEFORE, before or " "):
            return f"\ue004{m[1].strip()}）"
        return f"\ue002{m[1]}\ue003"  # English: kept, out of the way of the pairs around it

    text_now = text
    while True:
        changed = _PAIR.sub(pair, text_now)
        if changed == text_now:
            break
        text_now = changed
    text_now = re.sub(" ?\ue004", "（", text_now)  # no space before a full-width bracket
    return text_now.replace("\ue002", "(").replace("\ue003", ")")


__all__ = ["full_width"]
