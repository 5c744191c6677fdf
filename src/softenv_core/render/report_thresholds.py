"""The monthly report's thresholds (参数) under the figures they decide, as the year end prints
its parameters: ``- 参数：事项长期未办结的天数 = 60（自 2022-03-01；市级实施决定）``.

Reviewer r59 03: ``followup.long_open_days`` (达到跟踪时限, the ⚠ rows) and the 共性问题
thresholds appeared in no line of the report, so a city changing them moved March's figures
against February's with no word of why. The values are the report's (``threshold_params``,
read by the analysis); this module only words them.
"""

from __future__ import annotations

from softenv_core.analyses.report_rows import MonitoringReport
from softenv_core.engine.trace import ParamValue
from softenv_core.model.reports import ItemCategory
from softenv_core.render.monitoring_sections import common_problems_section, open_matters_section
from softenv_core.render.parameter_lines import cited_lines
from softenv_core.render.report_format import _Doc


def _named(report: MonitoringReport, prefix: str) -> tuple[ParamValue, ...]:
    return tuple(pv for pv in report.threshold_params if pv.name.startswith(prefix))


def open_matters_cited(d: _Doc) -> list[str]:
    """Section 四's open matters, then the tracking limit their 达到跟踪时限 count and ⚠ read."""
    out = open_matters_section(d)
    cited = _named(d.report, "followup.")
    if not d.report.open_matters or not cited:
        return out
    return [*out, *cited_lines(cited, d.zh), ""]  # the section ends in a blank line, as before


def common_problems_cited(d: _Doc) -> list[str]:
    """Section 六's common problems, then the thresholds that made them (or made none)."""
    out = common_problems_section(d)
    cited = _named(d.report, "common.")
    if not cited:
        return out
    return [*out, "", *(cited_lines(cited, True, value=_categories_zh) if d.zh else cited_lines(cited, False))]


def _categories_zh(pv: ParamValue) -> str | None:
    """A list of item categories as an official reads them (困难问题、政策诉求、…), in the
    workbook's order; any other value as the file writes it (None)."""
    if pv.name != "common.no_department_categories":
        return None
    named = set(pv.texts())
    return "、".join(c.zh for c in ItemCategory if c.value in named)


__all__ = ["common_problems_cited", "open_matters_cited"]
