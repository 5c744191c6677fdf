"""The commendation records on file that the year end's instant leaves out, as notices (clerk
c52 04).

By default the year end speaks for the moment after December's report deadline (2026-01-06
00:00 for 2025), and counties nominate in January after it: a nomination on file after the
instant read ``推荐 0`` with no word, and a clerk took it for none. ``assess`` names the reports
filed after its instant with the ``--as-of`` that counts them (cli/reports_after.py, clerk c48);
the year end names its nominations submitted after its instant, and the city's decisions made
after its day, one notice each, with the instant that counts it (the next whole minute, Beijing
time). Told as the year end's commendation part is redacted (redaction_parts.commendation): the
city office of every county's, a county of its own nominations and the decisions on them, a
point, a department and the public of none (they are given no nominee).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import datetime, time, timedelta

from softenv_core._validators import argument
from softenv_core.analyses.arguments import params_or_baseline
from softenv_core.analyses.audiences import Audience, AudienceKind
from softenv_core.analyses.redaction import checked_audience, part_redactor
from softenv_core.analyses.report_rows import MonitoringReport
from softenv_core.analyses.waiver_selection import unexcused_waivers
from softenv_core.engine.parameters import ParameterSet
from softenv_core.errors import FieldInvalid
from softenv_core.io.validation import require_valid
from softenv_core.model.dataset import Dataset
from softenv_core.model.periods import BEIJING, Month, as_month, beijing_date, require_aware, require_year
from softenv_core.model.roster import CommendationDecision, Nomination
from softenv_core.model.shown_moments import due_and_sent
from softenv_core.rules.city.topten import city_deciders, decided_by_city

#: Each notice's start: the CLI repeats these on stderr (cli.common.warn_records_end).
LATER_HEAD = "later: "


def _minute(at: datetime) -> str:
    """The instant a clerk can type that counts ``at``: the next whole minute, Beijing time."""
    moment = at.astimezone(BEIJING).replace(second=0, microsecond=0) + timedelta(minutes=1)
    return moment.isoformat(timespec="minutes")


def _submitted(at: datetime, as_of: datetime) -> str:
    """A later record's moment and the instant that reads it, as each of the notices says them:
    the moment to the second where it falls in ``as_of``'s minute, as section 二 shows a report
    sent in its due moment's minute (``11:00`` as of 11:00:00 read as not after it: auditor a79 02)."""
    _, day = due_and_sent(as_of, at)
    return f"was submitted at {day} (Beijing time), after the instant: not read; to read it give as_of {_minute(at)}"


def later_records_notices(
    dataset: Dataset, year: int, as_of: datetime | None, *, audience: Audience | str
) -> list[str]:
    """A notice for each nomination of ``year`` submitted after ``as_of``, then for each decision
    on a nomination of the year made after ``as_of``'s Beijing day, that ``audience`` is given; none
    without an instant. English, worded in Chinese by render.notices. On the library's surface
    (``softenv_core.later_records_notices``: docs/yearend.md told integrators to call it), its
    arguments checked as an analysis's: give it the year end's ``as_of`` and reader."""
    require_year(year)
    require_aware(as_of)
    aud = checked_audience(dataset, audience)  # the dataset checked first, then the reader against it
    if as_of is None or aud.kind not in (AudienceKind.CITY, AudienceKind.COUNTY):
        return []
    county = aud.key if aud.kind is AudienceKind.COUNTY else None
    names = {c.code: c.name for c in dataset.counties}
    mine = {n.id: n for n in dataset.nominations if n.year == year and county in (None, n.county)}
    out = []
    for n in sorted(mine.values(), key=lambda n: (n.submitted_at or as_of, n.id)):
        if n.submitted_at is not None and n.submitted_at > as_of:
            out.append(
                f"{LATER_HEAD}nomination {n.id} of {_named(n.county, names)} {_submitted(n.submitted_at, as_of)}"
            )
    day = beijing_date(as_of)
    for d in sorted(_decisions(dataset, mine), key=lambda d: (d.decided_on, d.id)):
        if d.decided_on > day:
            n = mine[d.nomination]
            start = datetime.combine(d.decided_on, time(), BEIJING) - timedelta(minutes=1)
            counted = max(start, n.submitted_at) if n.submitted_at is not None else start
            out.append(
                f"{LATER_HEAD}decision {d.id} on nomination {n.id} of {_named(n.county, names)} was made on "
                f"{d.decided_on}, after the instant: not read; to read it give as_of {_minute(counted)}"
            )
    return out


def later_amendment_notices(
    dataset: Dataset, month: Month | str, as_of: datetime | None, missing: Collection[str] = ()
) -> list[str]:
    """A notice for each amendment (月报修改) of ``month``'s county reports submitted after
    ``as_of``, of a report first submitted by then (clerk c54 01: by default the report showed the
    original, and nothing said the 补报 was on file), and for each report itself first submitted
    after ``as_of`` by a county in ``missing`` (the counties whose month the report shows as 未报
    or waived: a late report; reviewer r58 05, auditor a63 01). Every reader of the report is given section
    二's rows whole, so every reader is told; English, worded in Chinese by render.notices.
    On the library's surface (``softenv_core.later_amendment_notices``, fix helper a79b 04): give
    it ``report.month``, ``report.as_of`` and the counties whose row's ``status`` is ``missing``
    or ``waived``, as `softenv report` does."""
    month = as_month(month)
    require_aware(as_of)
    require_valid(dataset)
    if isinstance(missing, (str, bytes)) or not isinstance(missing, Collection):
        raise FieldInvalid("missing", f"expected county codes (a list of str), got {type(missing).__name__}")
    if not all(isinstance(code, str) for code in missing):
        raise FieldInvalid("missing", f"expected county codes (str), got {sorted(map(repr, missing))[:3]}")
    if as_of is None:
        return []
    names = {c.code: c.name for c in dataset.counties}
    out = []
    for r in sorted(dataset.reports, key=lambda r: (r.county, r.id)):
        if r.month != month:
            continue
        if r.submitted_at > as_of:
            # A late report (补报) itself, named only where the report shows the county's month as
            # 未报 (``missing``: reviewer r58 05); a month not yet due (未到期) at the instant owes
            # nothing yet, and the notice sent the clerk to redo a report with nothing wrong (a63 01).
            if r.county not in missing:
                continue
            out.append(f"{LATER_HEAD}report {r.id} of {_named(r.county, names)} {_submitted(r.submitted_at, as_of)}")
            continue
        for seq, a in enumerate(r.amendments, 1):
            if a.submitted_at > as_of:
                named = _named(r.county, names)
                out.append(
                    f"{LATER_HEAD}amendment {seq} of report {r.id} of {named} {_submitted(a.submitted_at, as_of)}"
                )
    return out


def later_waiver_notices(
    dataset: Dataset, report: MonitoringReport, params: ParameterSet | None = None, *, audience: Audience | str
) -> list[str]:
    """A notice for each waiver (豁免) of ``report``'s month decided after its instant's Beijing
    day, of a county whose month the report shows 迟报 or 未报 (``late``, ``missing``): as of the
    instant it is not yet a decision and rightly excuses nothing, but the report said no word of
    it where `softenv explain --county` names it, and a clerk took the month for unexcused
    (auditor a79 03). A month already waived, on time or not yet due needs no word of it (as
    explain's). A waiver the city decided (``topten.decided_by_city``, read with ``params``, the
    city baseline's by default, as the report's) is told with the instant that reads it (the
    decision's day, 00:00), as a report submitted after the instant is
    (:func:`later_amendment_notices`); one the city did not decide relaxes nothing at any instant
    (DESIGN: only the city relaxes its baseline), so it is told as ignored, naming the city's
    offices as the assessment's notice of such a waiver does, with no instant to give (fix helper
    a79b 02: the instant given read the waiver and ignored it). Section 二's rows, their waivers
    among them, are every reader's, so every reader is told; its ``decided_by``, free text a clerk
    typed, screened for ``audience`` (the report's reader) as the report's notice of a waiver known
    at the instant is (redaction_report; reviewer r65 01: the public read an enterprise's name and
    credit code there). English, worded in Chinese by render.notices. On the library's surface
    (``softenv_core.later_waiver_notices``, a79b 04)."""
    report = argument(report, MonitoringReport, "report", "a MonitoringReport (monitoring_report)")
    params = params_or_baseline(params)
    # The dataset checked first, then the reader against it; None for the city office (unscreened).
    screen = part_redactor(dataset, audience, params, report.month.last_day)
    as_of = report.as_of
    if as_of is None:
        return []
    names = {c.code: c.name for c in dataset.counties}
    day = beijing_date(as_of)
    out = []
    unexcused = {(r.county, report.month) for r in report.county_reports if r.status in ("late", "missing")}
    for w in unexcused_waivers(dataset, unexcused):
        if w.decided_on <= day:  # known at the instant: the report's own notice names it if ignored
            continue
        head = f"{LATER_HEAD}waiver {w.id} of {_named(w.county, names)} for {w.month} was decided on {w.decided_on}"
        if not decided_by_city(w, params, dataset.city):
            offices = ", ".join(city_deciders(dataset.city, params, w))
            by = w.decided_by if screen is None else screen.text(w.decided_by)
            out.append(
                f"{head}, after the instant, by {by}, not the city (its offices: {offices}): ignored at any instant"
            )
            continue
        # A day's decision is known from the day's start (county_months.city_waivers).
        counted = datetime.combine(w.decided_on, time(), BEIJING).isoformat(timespec="minutes")
        out.append(f"{head}, after the instant: not read; to read it give as_of {counted}")
    return out


def later_report_notices(dataset: Dataset, report: MonitoringReport, *, audience: Audience | str) -> list[str]:
    """The notices of the records of ``report``'s month on file after its instant, as `softenv
    report` says them on stderr and the service's report ends its JSON ``notices`` with them (fix
    helper a79b 04), for ``audience``, the report's reader: its county reports and amendments
    (:func:`later_amendment_notices`, for the counties whose row reads 未报, missing or waived),
    then its waivers (:func:`later_waiver_notices`, their free text screened for the reader). On
    the library's surface (``softenv_core.later_report_notices``): the notices of a report in one
    call, as the command and the service ask them."""
    waivers = later_waiver_notices(dataset, report, audience=audience)  # the arguments checked first
    missing = {r.county for r in report.county_reports if r.status in ("missing", "waived")}
    return later_amendment_notices(dataset, report.month, report.as_of, missing) + waivers


def _decisions(dataset: Dataset, mine: dict[str, Nomination]) -> Iterable[CommendationDecision]:
    return (d for d in dataset.decisions if d.nomination in mine)


def _named(code: str, names: dict[str, str]) -> str:
    name = names.get(code)
    return f"county {code} {name}" if name else f"county {code}"


def is_later_record(notice: str) -> bool:
    """Whether ``notice`` is one of :func:`later_records_notices` (the CLI repeats it on stderr)."""
    return notice.startswith(LATER_HEAD)


__all__ = [
    "LATER_HEAD",
    "is_later_record",
    "later_amendment_notices",
    "later_records_notices",
    "later_report_notices",
    "later_waiver_notices",
    "unexcused_waivers",
]
