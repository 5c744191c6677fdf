"""The rules behind a county's deadlines in `softenv explain --county` (截止时间依据).

The month table shows each month's due moment; the rule that set it was printed only for a
month late or missing. A county whose plugin sets its own deadline (临水区: the 3rd working
day, the city's 5th where that is earlier) saw dates that differ from the city's with no word
of whose rule, article or parameter made them (finding p30 3). So every deadline rule of the
year is listed once, with the months it set, its plugin and version, reference and parameters.
"""

from __future__ import annotations

from collections.abc import Sequence

from softenv_core.engine.ruletypes import Deadline, MonthStatus
from softenv_core.render.escape import terminal
from softenv_core.render.parameter_lines import cited, parameter_lines

_HEAD = {"zh": "截止时间依据", "en": "Deadlines set by"}


def deadline_basis(months: Sequence[MonthStatus], lang: str) -> list[str]:
    """One block per deadline rule (in the order of the first month it set), each with its
    months, then its parameters; nothing when no month has a deadline worked out."""
    groups: dict[tuple[object, ...], tuple[Deadline, list[str]]] = {}
    for m in months:
        d = m.deadline
        if d is not None:
            # Its Chinese too: each block cites one (a county that changed only its Chinese wording).
            key = (d.rule_id, d.plugin, d.version, d.reference, d.reference_zh, d.params)
            groups.setdefault(key, (d, []))[1].append(str(m.month))
    if not groups:
        return []
    colon = "：" if lang == "zh" else ": "
    # The months with the enumeration comma in Chinese text (GB/T 15834), as the owed months
    # of `explain --point`; a half-width ``, `` sat inside Chinese sentences (review c43 item 1).
    comma = "、" if lang == "zh" else ", "
    out = ["", f"{_HEAD[lang]}{colon.strip()}"]
    for d, shown in groups.values():
        out.append(terminal(f"  {d.rule_id} [{d.plugin} {d.version}] — {cited(d, lang)}{colon}{comma.join(shown)}"))
        out += parameter_lines(d.params, "      ", lang)
    return out


__all__ = ["deadline_basis"]
