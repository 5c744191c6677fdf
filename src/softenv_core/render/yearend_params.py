"""The 参数 lines of the year end's sections that printed none (reviewer r59 04): 五、表彰推荐
(the quota: ``commendation.quota_share``, ``commendation.quota_min``) and 三、动态调整建议 (the
proposals' ``roster.unreached_months``, ``roster.removal_band``, …), worded as section 一's
万人评议 parameters. With ``commendation.quota_share`` 0.1 → 0.15 every county's 名额 changed
and the new share appeared only inside an over-quota county's cell, with no date or document;
the JSON carried them all.
"""

from __future__ import annotations

from collections.abc import Callable

from softenv_core.analyses.year_end import YearEnd
from softenv_core.engine.states import Band
from softenv_core.engine.trace import ParamValue
from softenv_core.render.escape import md_inline
from softenv_core.render.parameter_lines import cited_lines


def _band_zh(pv: ParamValue) -> str | None:
    """A band parameter's value by its Chinese label (不合格), where the file writes ``fail``."""
    if not pv.name.endswith("_band") or not isinstance(pv.value, str):
        return None
    try:
        return Band.from_value(pv.value).zh
    except ValueError:  # not a band's value: as the file writes it
        return None


def quota_param_lines(y: YearEnd, zh: bool, esc: Callable[[object], str] = md_inline) -> list[str]:
    """The quota's parameters as read for the counties (each value once), after a blank line
    (``esc=str``: the Word year end's, which drops the blank and the list mark)."""
    lines = cited_lines((pv for c in y.commendation.counties for pv in c.params), zh, esc)
    return ["", *lines] if lines else []


def proposal_param_lines(y: YearEnd, zh: bool, esc: Callable[[object], str] = md_inline) -> list[str]:
    """The parameters the proposals listed were made with (each value once), after a blank line."""
    made_with = (pv for p in y.proposals for pv in p.params)
    lines = cited_lines(made_with, zh, esc, value=_band_zh if zh else lambda pv: None)
    return ["", *lines] if lines else []


__all__ = ["proposal_param_lines", "quota_param_lines"]
