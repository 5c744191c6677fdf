"""The year's results workbook (考核结果 Excel) from a dataset: what `softenv assess --format
xlsx` and `softenv yearend --format xlsx` write, as one call for an integrator (i36).

The workbook needs more than the two results it shows: the city office's assessment redacted
with the county's declared plugin rules, the year's 三率 per handling unit that the reader may
see, and the departments' names. The command built these itself, so an integrator could only
rebuild them from private helpers; the command now calls this function, and the two cannot
drift apart. openpyxl (the ``office`` extra) is imported only when the file is written.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import datetime

import attrs

from softenv_core._decimal_context import in_analysis_context
from softenv_core._validators import argument
from softenv_core.analyses.arguments import calendar_or_official
from softenv_core.analyses.assessment import Assessment, declared_rules
from softenv_core.analyses.assessment_whole import city_assessment
from softenv_core.analyses.audiences import Audience, AudienceKind
from softenv_core.analyses.complaint_handling import unit_names, year_unit_rates
from softenv_core.analyses.complaint_limits import require_limits_sound
from softenv_core.analyses.redaction import checked_audience, redact_assessment
from softenv_core.analyses.year_end import YearEnd, year_end
from softenv_core.engine.manager import SoftenvPluginManager
from softenv_core.engine.parameters import baseline_parameters
from softenv_core.errors import office_missing
from softenv_core.io.atomic import writable_file
from softenv_core.model.dataset import Dataset
from softenv_core.render.report_format import checked_lang
from softenv_core.rules.city.compliance import year_in_force
from softenv_core.rules.registry import plugin_manager_or_city
from softenv_core.workdays.calendar import WorkCalendar


# The workbook's own sums (a rule's score over the year, the 三率 cells) under the analyses'
# context too: under the caller's they lost digits, or raised a bare decimal.Rounded (i48).
@in_analysis_context
def write_results_workbook(
    dataset: Dataset,
    year: int,
    path: str | os.PathLike[str],
    plugin_manager: SoftenvPluginManager | None = None,
    *,
    audience: Audience | str,
    with_year_end: bool | None = None,
    lang: str = "zh",
    calendar: WorkCalendar | None = None,
    as_of: datetime | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> tuple[Assessment, YearEnd | None]:
    """Write the results workbook (考核结果) of ``year`` as ``audience`` may see it at ``path`` (atomically)
    and give back the assessment and year end it shows (the year end None when it has none).

    ``with_year_end``: None (the default, `softenv assess --format xlsx`) adds the year end's
    sheets when the baseline is in force in the year; True (`softenv yearend --format xlsx`)
    requires them, refusing a year before the baseline as :func:`~softenv_core.year_end` does;
    False leaves them out. Without ``plugin_manager`` the city baseline alone applies, as in
    every analysis; the command passes the installed plugins."""
    pm = plugin_manager_or_city(plugin_manager)
    aud = checked_audience(dataset, audience)
    out = writable_file(path)  # before the year is assessed: a folder, a NUL, no permission (i48)
    lang = checked_lang(lang)
    if with_year_end is not None:
        argument(with_year_end, bool, "with_year_end", "True, False or None")
    try:  # the office extra, before the year is assessed for nothing
        import openpyxl  # noqa: F401
    except ImportError:
        raise office_missing() from None
    cal = calendar_or_official(calendar)
    params = baseline_parameters()
    # Every county plugin's limits are found sound first (x41 01; for every reader, p42 1).
    full = city_assessment(dataset, year, pm, calendar=cal, params=params, as_of=as_of, progress=progress)
    # A year before the baseline (no month owed) has an empty assessment with its notice and no
    # year end: `yearend` is refused by year_end in the clerk's words, `assess`'s workbook is
    # the assessment's alone.
    wanted = year_in_force(year, params) if with_year_end is None else with_year_end
    yearly = year_end(dataset, year, pm, audience=aud, assessment=full, calendar=cal, as_of=as_of) if wanted else None
    # The fingerprints tell data apart: the city office's alone, as assess gives them.
    told = full if aud.kind is AudienceKind.CITY else attrs.evolve(full, provenance=None)
    result = redact_assessment(told, dataset, aud, params, declared_rules(pm, dataset, year, params, aud))
    names = unit_names(dataset)
    # 三率 per handling unit as the monthly report decides them (Audience.sees_unit_rates).
    # A laxer county limit refuses whatever the complaints and whoever reads (x40 03, p42 1).
    require_limits_sound(pm, cal, params, full.as_of, year)
    rates = tuple(r for r in year_unit_rates(dataset, year, pm, cal, params, full.as_of) if aud.sees_unit_rates(r.unit))
    from softenv_core.render.xlsx_results import write_results_xlsx

    write_results_xlsx(result, yearly, out, lang, rates, names)
    return result, yearly


__all__ = ["write_results_workbook"]
