"""Chinese wording of the text checks that are about characters, not about what the text says.

A text field (any of them: the rule matches the message, not the field) is refused when no
character of it shows (_validators.invisible_problem) or when it holds a lone surrogate, a
U+D800-U+DFFF half of a pair that is no character (_validators.surrogate_problem: a broken
``\\u`` escape in a JSON file, or a text cut inside an emoji). Each message is
``$.path: message``; the Chinese is :data:`ZH_RULES`, which io/workbook_messages.py takes in
(attacker x63: the surrogate's was English under ``--lang zh``).
"""

from __future__ import annotations

import re
from collections.abc import Callable

ZH_RULES: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    (
        re.compile(r"^holds no visible character, only invisible ones \((.*)\): write the text$"),
        lambda m: f"不能为空：只有不可见字符（{m[1]}），请填写内容",
    ),
    (
        re.compile(r"^holds a lone surrogate (U\+[0-9A-F]{4}) at character (\d+), which is not a character "),
        lambda m: (
            f"含有无法显示的孤立代理字符 {m[1]}（第 {m[2]} 个字符），不是有效字符"
            "（\\u 转义不完整，或文字在表情符号中间被截断）：请重新输入该字符"
        ),
    ),
)

__all__ = ["ZH_RULES"]
