"""The commands of ``softenv`` (cli/main.py holds the parser): each a thin face over the API.

The office, service and plugin authors' commands live in modules of their own and are named
here, so that the parser finds them in one place; the commands that write the programme's
documents (demo, report, yearend) live in report_commands.py, which main.py imports only when
one of them runs (cli/main.py ``_HOME``).

Kept apart from the parser so that ``softenv --help`` imports none of the library.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date
from typing import Any

from softenv_core.analyses.assessment import Assessment, assess
from softenv_core.analyses.audiences import CITY_OFFICE
from softenv_core.analyses.complaint_limits import earlier_limits, limits_in_force
from softenv_core.analyses.county_months import month_deadline
from softenv_core.analyses.county_names import county_codes_hint, county_named, typed_code
from softenv_core.cli.common import (
    as_of_arg,
    audience_arg,
    batch,
    calendar_of,
    emit,
    load_file,
    parsed_month,
    progress_of,
)
from softenv_core.cli.explain_waivers import waivers_not_counted

# The commands of their own modules, named here for the parser's dispatch (main.py).
from softenv_core.cli.office_commands import cmd_export as cmd_export
from softenv_core.cli.office_commands import cmd_import as cmd_import
from softenv_core.cli.office_commands import cmd_init as cmd_init
from softenv_core.cli.office_commands import results_xlsx
from softenv_core.cli.output import problem_text
from softenv_core.cli.plugin_commands import broken_rows, cmd_plugins_check, county_clashes, replacement_lines
from softenv_core.cli.plugin_commands import cmd_plugin_new as cmd_plugin_new
from softenv_core.cli.plugin_commands import plugins_tolerantly as plugins_tolerantly
from softenv_core.cli.reports_after import reports_after_note
from softenv_core.cli.schema_documents import schema_document as schema_document
from softenv_core.cli.service_commands import cmd_keys_add as cmd_keys_add
from softenv_core.cli.service_commands import cmd_keys_revoke as cmd_keys_revoke
from softenv_core.cli.service_commands import cmd_serve as cmd_serve
from softenv_core.engine.deadline_answers import county_plugins_without_deadline
from softenv_core.engine.manager import SoftenvPluginManager
from softenv_core.engine.parameters import baseline_parameters
from softenv_core.engine.ruletypes import MonthState, MonthStatus
from softenv_core.errors import InputError, ParameterMissing, SoftenvError
from softenv_core.io.converter import dumps
from softenv_core.model.dataset import Dataset
from softenv_core.model.divisions import CITY_BASELINE, County, CountyKind, county_code_problem
from softenv_core.model.periods import Month, beijing_date
from softenv_core.model.reports import MonthlyReport
from softenv_core.model.shown_moments import due_and_sent
from softenv_core.render import assessment as render
from softenv_core.render.document_words import beijing
from softenv_core.render.escape import terminal
from softenv_core.render.explain_notes import county_not_assessed, point_not_assessed
from softenv_core.render.limits_basis import earlier_limits_basis, limits_basis
from softenv_core.render.notices import zh_notice
from softenv_core.render.notices_en import en_notice
from softenv_core.rules.city.compliance import baseline_warnings, not_in_force_problem, report_in_force
from softenv_core.workdays.calendar import WorkCalendar


def _assessment_output(a: Assessment, args: argparse.Namespace) -> str:
    if args.format == "json":
        return a.to_json()
    if args.format == "csv" and getattr(args, "table", "points") == "counties":
        from softenv_core.render.xlsx_results import county_table

        return "\ufeff" + render.csv_text(*county_table(a, args.lang))
    if args.format == "csv":
        # UTF-8 with BOM so that Excel and WPS open the Chinese text cleanly.
        return "\ufeff" + render.csv_text(*render.point_rows(a, args.lang))
    return render.summary(a, args.lang)


@batch
def cmd_validate(args: argparse.Namespace, pm: SoftenvPluginManager) -> int:
    try:
        dataset = load_file(args.file)
    except InputError as exc:
        # validate's job is to list every problem, not the first hundred.
        if args.format == "json":
            details = [d.to_dict() for d in exc.details]
            emit(dumps({"valid": False, "problems": list(exc.problems), "details": details, "warnings": []}), args)
        else:
            where = terminal(exc.source or args.file)
            count = f"{len(exc.problems)} 个问题" if args.lang == "zh" else f"{len(exc.problems)} problem(s)"
            sys.stderr.write(f"softenv: error: {where}: {count}\n")
            lines = "".join(f"  {problem_text(p, args.lang)}\n" for p in exc.problems)  # they echo input
            if getattr(args, "out", None):
                emit(lines, args)
            else:
                sys.stderr.write(lines)
        return 1
    warnings = baseline_warnings(dataset, baseline_parameters())
    if args.format == "json":
        emit(dumps({"valid": True, "problems": [], "details": [], "warnings": warnings}), args)
    else:
        n, c = len(dataset.points), len(dataset.counties)
        if args.lang == "zh":
            head = f"{terminal(args.file)}: 有效（{n} 个监测点，{c} 个县区）\n"
            emit(head + "".join(f"提示：{problem_text(w, 'zh')}\n" for w in warnings), args)
        else:
            head = f"{terminal(args.file)}: valid ({n} points, {c} counties)\n"
            emit(head + "".join(f"warning: {terminal(w)}\n" for w in warnings), args)
    return 0


@batch
def cmd_assess(args: argparse.Namespace, pm: SoftenvPluginManager) -> int:
    if args.format == "xlsx":
        return results_xlsx(args, pm)
    dataset = load_file(args.file)
    result = assess(
        dataset,
        args.year,
        pm,
        audience=audience_arg(args, dataset),
        calendar=calendar_of(args),
        as_of=as_of_arg(args.as_of),
        progress=progress_of(),
    )
    text = _assessment_output(result, args)
    if args.format == "text":  # the reports on file the instant leaves out (clerk c48)
        text += reports_after_note(dataset, result, args.lang)
    emit(text, args)
    if args.format == "csv":
        # A table has no room for the notices the summary, JSON and workbook carry (a year
        # before the baseline, counties that do not exist in it, a provisional calendar): said
        # on stderr, so an empty or short table does not read as missing data. A notice quotes
        # records (a waiver's decider, the city's office names): shown inert (attacker x39 01).
        for notice in result.notices:
            sys.stderr.write(f"  ! {terminal(zh_notice(notice) if args.lang == 'zh' else en_notice(notice))}\n")
    return 0


@batch
def cmd_explain(args: argparse.Namespace, pm: SoftenvPluginManager) -> int:
    dataset = load_file(args.file)
    as_of = as_of_arg(args.as_of)
    calendar = calendar_of(args)
    result = assess(dataset, args.year, pm, audience=audience_arg(args, dataset), calendar=calendar, as_of=as_of)
    conv_doc = result.to_document() if args.format == "json" else {}
    if args.point:
        match = [p for p in result.points if p.id == args.point]
        if not match:  # why, in the reader's language: e.g. designated but owing no month
            raise SoftenvError(point_not_assessed(dataset, result, args.point, calendar, args.lang))
        if args.format == "json":
            emit(dumps(next(p for p in conv_doc["points"] if p["id"] == args.point)), args)
        else:
            text = render.explain_point(match[0], args.lang, provisional=result.provisional)
            emit(_instant_head(result, (), args.lang) + text, args)
    else:
        code = typed_code(args.county)  # full-width digits and spaces around read as the code
        # A county's name for its code (clerk c41).
        args.county = code if code is not None else county_named(dataset, args.county, "--county ")
        found = [c for c in result.counties if c.code == args.county]
        if not found:  # in the dataset but owing no month of the year, or not in it
            said = county_not_assessed(dataset, args.county, args.year, args.lang)
            raise SoftenvError(said + county_codes_hint(dataset, args.county, "--county ", args.lang))
        if args.format == "json":
            emit(dumps(next(c for c in conv_doc["counties"] if c["code"] == args.county)), args)
        else:
            later = _reports_after_instant(dataset, result, found[0].code, found[0].months)
            text = render.explain_county(found[0], args.lang, provisional=result.provisional)
            text += _limits_text(pm, result, found[0].code, calendar, args.lang)  # whose limits (p42 4)
            waivers = waivers_not_counted(dataset, result, found[0], args.lang)  # auditor a50
            emit(_instant_head(result, later, args.lang, waivers) + text, args)
    return 0


def _limits_text(pm: SoftenvPluginManager, result: Assessment, county: str, calendar: WorkCalendar, lang: str) -> str:
    """The complaint limits in force at the instant (the year's last day at the latest) for
    complaints about the county's departments, with whose answer set them (render.limits_basis)."""
    last = date(result.year, 12, 31)
    on = last if result.as_of is None else min(last, beijing_date(result.as_of))
    params = baseline_parameters()
    limits = limits_in_force(pm, county, calendar, params, on)
    lines = limits_basis(limits, on, lang)  # its first line blank, as every block of the text
    # and those that governed a step opened earlier in the year, where they differ (p44 1)
    lines += earlier_limits_basis(earlier_limits(pm, county, calendar, params, on), lang) if lines else []
    return "\n".join(lines) + "\n" if lines else ""


def _reports_after_instant(
    dataset: Dataset, result: Assessment, county: str, months: Sequence[MonthStatus]
) -> tuple[MonthlyReport, ...]:
    """The county's reports on file for months shown without a submission because they came
    after the instant: a clerk sees them in the data, so the explanation names them. Only the
    city office's view lists them, as it alone reads the dataset whole."""
    if result.as_of is None or result.audience != str(CITY_OFFICE):
        return ()
    unsubmitted = {m.month for m in months if m.report is None}
    as_of = result.as_of
    later = (r for r in dataset.reports if r.county == county and r.month in unsubmitted and r.submitted_at > as_of)
    return tuple(sorted(later, key=lambda r: (r.month, r.id)))


def _instant_head(result: Assessment, later: Sequence[MonthlyReport], lang: str, waivers: Sequence[str] = ()) -> str:
    """The instant the figures speak for, the reports submitted after it (not counted), and the
    county's waivers that excuse nothing then (cli/explain_waivers.py)."""
    if result.as_of is None:
        return ""
    zh = lang == "zh"
    # In Beijing time, as assess's summary says it: the day in another offset may be another.
    at = beijing(result.as_of)
    lines = [f"数据截至：{at}（北京时间）" if zh else f"as of: {at} (Beijing time)"]
    for r in later:
        # To the second in the instant's minute, as section 二 shows it (due_and_sent; a79b 01).
        _, sent = due_and_sent(result.as_of, r.submitted_at)
        lines.append(
            terminal(
                f"  {r.month} 月报 {r.id}：提交于 {sent}，在数据截至时点之后，未计入"
                if zh
                else f"  {r.month} report {r.id}: submitted after the instant, at {sent}; not counted"
            )
        )
    lines.extend(waivers)
    return "\n".join(lines) + "\n\n"


@batch
def cmd_deadline(args: argparse.Namespace, pm: SoftenvPluginManager) -> int:
    month = parsed_month(args.month)
    if args.county == CITY_BASELINE:  # the code the HTTP API takes for "no county": the same answer
        args.county = None
    county = _county_asked(args, pm)
    if not report_in_force(month, baseline_parameters()):
        english, chinese = not_in_force_problem(month, baseline_parameters())
        raise SoftenvError(
            f"--month {english}",
            zh=f"--month {chinese}",
        )
    # Whether the county owes the month is the assessment's one rule (county_months.month_deadline).
    deadline = month_deadline(pm, county, month, calendar_of(args), baseline_parameters())
    if isinstance(deadline, MonthState):  # the county did not exist in the month: no deadline
        return _not_owed(args, county, month)
    silent = county_plugins_without_deadline(pm, args.county, deadline)
    if args.format == "json":
        from softenv_core.io.converter import shared_converter

        emit(
            dumps(
                {
                    "county": args.county,
                    "month": str(month),
                    "deadline": shared_converter().unstructure(deadline),
                    "provisional": deadline.provisional,
                    "county_plugins_without_deadline": [f"{m.name} {m.version}" for m in silent],
                }
            ),
            args,
        )
    else:
        text = render.explain_deadline(
            deadline,
            args.county or ("全市基线" if args.lang == "zh" else "city baseline"),
            str(month),
            args.lang,
        )
        for m in silent:  # plugin names are installed code's text: shown inert
            line = (
                f"  县区插件 {m.name} {m.version} 对 {month} 未给出本县区的截止规则，按全市规定"
                if args.lang == "zh"
                else f"  county plugin {m.name} {m.version} gave no deadline for {month}: the city's applies"
            )
            text += terminal(line) + "\n"
        emit(text, args)
    return 0


def _county_asked(args: argparse.Namespace, pm: SoftenvPluginManager) -> County:
    """The county ``softenv deadline`` is asked about: the dataset's record when one is given,
    else a stand-in for a code that can be one of the city's (the city baseline's without one)."""
    code = args.county or CITY_BASELINE
    if args.dataset:
        dataset = load_file(args.dataset)
        if args.county:  # a code in full-width digits, or a name, as explain takes them (clerk c50)
            code = args.county = typed_code(args.county) or county_named(dataset, args.county, "--county ")
        county = dataset.county_by_code.get(code)
        if county is not None:
            return county
        if args.county:
            raise SoftenvError(
                f"--county: no county {code} in {args.dataset}",
                zh=f"--county：数据集 {args.dataset} 中没有县区 {code}",
            )
    # Without the records, refuse what cannot be one of the city's counties: a typo would
    # otherwise get the city's deadline as if it were that county's.
    served = frozenset(m.county for m in pm.plugins_meta() if m.county)
    problem = county_code_problem(code, served) if args.county else None
    if problem is not None:
        raise SoftenvError(
            f"--county: {problem[0]} (give --dataset FILE to check it against the city's counties)",
            zh=f"--county：{problem[1]}（加 --dataset FILE 可按本市的县区核对）",
        )
    return County(code, code, CountyKind.COUNTY, "县区经贸委")


def _not_owed(args: argparse.Namespace, county: County, month: Month) -> int:
    """``softenv deadline`` for a month the county does not owe: say so, with its dates."""
    since = county.effective_from.isoformat() if county.effective_from else "—"
    until = county.effective_until.isoformat() if county.effective_until else "—"
    if args.format == "json":
        emit(
            dumps(
                {
                    "county": args.county,
                    "month": str(month),
                    "deadline": None,
                    "owed": False,
                    "status": MonthState.NOT_OWED.value,
                    "effective_from": county.effective_from.isoformat() if county.effective_from else None,
                    "effective_until": county.effective_until.isoformat() if county.effective_until else None,
                }
            ),
            args,
        )
    elif args.lang == "zh":  # the county's name is record text: shown inert
        name = terminal(county.name)
        emit(f"{county.code} {name} {month}: 无需报送 — 本月该县区不存在（设立 {since}，撤销 {until}）\n", args)
    else:
        emit(
            f"{county.code} {terminal(county.name)} {month}: not owed — the county did not exist that month "
            f"(from {since}, until {until}): no report is due\n",
            args,
        )
    return 0


def _plugins_csv(rows: list[dict[str, Any]]) -> str:
    return "\ufeff" + render.csv_text(
        ["name", "version", "distribution", "county", "hooks", "rules", "replaces"],
        [
            [
                r["name"],
                r["version"],
                r["distribution"] or "",
                _county_cell(r),
                " ".join(r["hooks"]),
                " ".join(r["rules"]),
                # rule>label of a county rule replacing the city rule of that label
                " ".join(f"{p['id']}>{p['replaces']}" for p in r.get("point_rules", ()) if p["replaces"]),
            ]
            for r in rows
        ],
    )


def _county_cell(row: dict[str, Any]) -> str:
    """A plugin row's county: REFUSED (imported, refused at registration) or BROKEN (failed to
    import) for a plugin not loaded, which has none; ``city`` only for the baseline's."""
    return row["county"] or ("REFUSED" if row.get("refused") else "BROKEN" if row.get("broken") else "city")


def _plugins_table(rows: list[dict[str, Any]], lang: str) -> str:
    return (
        render.table(
            ["name", "version", "county", "hooks", "rules"],
            [
                [
                    r["name"],
                    r["version"],
                    _county_cell(r),
                    str(len(r["hooks"])),
                    ", ".join(r["rules"]),
                ]
                for r in rows
            ],
        )
        + "\n"
        + replacement_lines(rows, lang)
    )


@batch
def cmd_plugins(args: argparse.Namespace, pm: SoftenvPluginManager) -> int:
    if getattr(args, "check", False):
        return cmd_plugins_check(args, pm)
    try:
        rows = pm.plugin_rows(args.year, baseline_parameters())
        clashes = county_clashes(pm)
    except ParameterMissing as exc:  # a year before the rules' parameters: GET /v1/plugins says the same
        since = baseline_parameters().since("report.due_day")
        raise SoftenvError(
            f"--year {args.year}: no rules in force to list ({exc})",
            zh=f"--year {args.year}: 该年不在基线施行期内，没有施行中的规则可列出（基线自 {since} 施行）",
        ) from None
    for row in rows:  # two plugins for one county: listed, and marked as assess refuses them
        if (clash := clashes.get(row["name"])) is not None:
            text = "; ".join(clash)
            row |= {"rules": [f"CLASH: {text}", *row["rules"]], "broken": row.get("broken", text)}
        if row.get("distribution_version") not in (None, row["version"]):
            print(
                f"softenv: warning: plugin {terminal(row['name'])!r}: its code says __version__ "
                f"{terminal(row['version'])} (shown and traced), its installed distribution "
                f"{terminal(str(row['distribution_version']))}: reinstall it (uv sync in its folder, "
                "or pip install -e .) so the two agree",
                file=sys.stderr,
            )
    rows += broken_rows(args)
    if args.format == "json":
        emit(dumps({"plugins": rows}), args)
    elif args.format == "csv":
        emit(_plugins_csv(rows), args)
    else:
        emit(_plugins_table(rows, args.lang), args)
    return 0


def cmd_schema(args: argparse.Namespace, pm: SoftenvPluginManager) -> int:
    emit(schema_document(args.document), args)
    return 0
