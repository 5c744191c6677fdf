"""A dated parameter (参数) as explanations print it, one line each, wherever a figure cites it:
``参数: compliance.late_score = 50 (自 2022-03-01; 文号)``, ``Parameter: … (from …; …)``.

One wording for the point and county explanations, the deadline behind a month and the rules
behind a county's deadlines, which had three of their own.
"""

from __future__ import annotations

from collections.abc import Sequence

from softenv_core.engine.trace import ParamValue
from softenv_core.render.escape import terminal

_WORDS = {"zh": ("参数", "自"), "en": ("Parameter", "from")}


def parameter_lines(params: Sequence[ParamValue], indent: str, lang: str) -> list[str]:
    """Each of ``params`` on its line, indented by ``indent``, escaped for a terminal."""
    label, since = _WORDS[lang]
    return [
        terminal(f"{indent}{label}: {pv.name} = {pv.value} ({since} {pv.effective_from}; {pv.reference})")
        for pv in params
    ]


__all__ = ["parameter_lines"]
