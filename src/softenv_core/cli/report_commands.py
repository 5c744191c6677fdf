"""The commands that write the programme's documents (``softenv demo``, ``report``, ``yearend``):
apart from commands.py so that ``softenv assess`` and the other commands do not import the
monthly report's and the year end's renderers (cli/main.py imports a command's module when it
runs; about a twentieth of a ``softenv assess`` run's instructions on the demo city went to them)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from softenv_core.analyses.assessment import assess
from softenv_core.analyses.audiences import CITY_OFFICE
from softenv_core.analyses.later_records import later_records_notices, later_report_notices
from softenv_core.analyses.monitoring_report import MonitoringReport, monitoring_report, monitoring_reports
from softenv_core.analyses.year_end import year_end
from softenv_core.cli.common import (
    as_of_arg,
    audience_arg,
    batch,
    binary_out,
    calendar_of,
    emit,
    load_file,
    parsed_month,
    progress_of,
    warn_provisional,
    warn_records_end,
)
from softenv_core.cli.office_commands import results_xlsx
from softenv_core.cli.output import check_set_folder, refuse_stdout, write_set
from softenv_core.cli.written import say_written
from softenv_core.engine.manager import SoftenvPluginManager
from softenv_core.errors import SoftenvError
from softenv_core.io.dataset_files import dataset_json, loads_dataset
from softenv_core.model.periods import Month, Year
from softenv_core.render import assessment as render
from softenv_core.render.escape import md_inline, terminal
from softenv_core.render.monitoring_report import render_markdown
from softenv_core.render.notices import zh_notice
from softenv_core.render.year_end import render_yearend


def _month_report(args: argparse.Namespace, pm: SoftenvPluginManager, month: Month) -> MonitoringReport:
    """`softenv report`'s month, for its reader and instant, whatever the format; the
    reports and amendments on file after its instant, and the waivers decided after it, named on
    stderr (warn_later_amendments)."""
    dataset = load_file(args.file)
    audience = audience_arg(args, dataset)
    as_of = as_of_arg(args.as_of)  # a month's report at an instant inside it: the city office's (docs/privacy.md)
    report = monitoring_report(dataset, month, pm, audience=audience, calendar=calendar_of(args), as_of=as_of)
    args.later_amendments = later_report_notices(
        dataset, report, audience=audience
    )  # its waivers with them (auditor a79 03)
    return report


def warn_later_amendments(args: argparse.Namespace) -> None:
    """The amendments of the month's county reports on file after the report's instant, with the
    ``--as-of`` that reads them, on stderr in the reader's language, after the document (clerk
    c54 01): the default report showed the original and the clerk took her 补报 for failed, as
    assess names its reports filed after its instant and yearend its nominations; the waivers
    decided after the instant with them (auditor a79 03)."""
    for n in getattr(args, "later_amendments", ()):
        sys.stderr.write(f"  ! {terminal(zh_notice(n) if args.lang == 'zh' else n)}\n")


def report_docx(args: argparse.Namespace, pm: SoftenvPluginManager, month: Month) -> int:
    out = binary_out(args)
    if out is None:
        return 2
    if args.lang != "zh":  # before the report is made; the library's words name its argument
        raise SoftenvError("--format docx is the Chinese official document; use --lang zh")
    from softenv_core.render.docx_report import write_report_docx

    report = _month_report(args, pm, month)
    write_report_docx(report, out, args.lang)
    say_written(args)
    warn_provisional(report.provisional, args.lang)
    warn_later_amendments(args)
    return 0


@batch
def cmd_demo(args: argparse.Namespace, pm: SoftenvPluginManager) -> int:
    from softenv_core.demo import build_demo

    if args.out:
        refuse_stdout(args.out, "folder")
        check_set_folder(Path(args.out))  # refused before the work, not after it
    calendar = calendar_of(args)  # the demo's records are dated by it too (a year without official data)
    dataset = build_demo(year=args.year, seed=args.seed, calendar=calendar)
    text = dataset_json(dataset)
    dataset = loads_dataset(text)  # the demo goes through the same validation as any file
    # The demo's files are the city office's complete view (its own made-up data).
    result = assess(dataset, args.year, pm, audience=CITY_OFFICE, calendar=calendar, progress=progress_of())
    if args.out:
        out = Path(args.out)
        reports = monitoring_reports(dataset, Year(args.year).months, pm, audience=CITY_OFFICE, calendar=calendar)
        yearly = year_end(dataset, args.year, pm, audience=CITY_OFFICE, assessment=result, calendar=calendar)
        files = {"dataset.json": text, "assessment.json": result.to_json()}
        files["summary.txt"] = render.summary(result, args.lang)
        for report in reports:
            files[f"reports/monitoring-{report.month}.md"] = render_markdown(report, args.lang)
        files["yearend.json"] = yearly.to_json()
        files["yearend.md"] = render_yearend(yearly, args.lang)
        write_set(out, files)  # the set as a whole: a kill never leaves new data beside old reports
    if args.format == "json":
        emit(result.to_json(), args)
    else:
        n = (
            len(dataset.counties),
            len(dataset.points),
            len(dataset.contacts),
            len(dataset.reports),
            len(dataset.complaints),
        )
        if args.lang == "zh":
            head = (
                f"示范市 {args.year} 年演示数据：{n[0]} 个县区，{n[1]} 个监测点，{n[2]} 次联系，"
                f"{n[3]} 份月报，{n[4]} 件直接反馈"
            )
        else:
            head = (
                f"Demo city {args.year}: {n[0]} counties, {n[1]} points, {n[2]} contacts, "
                f"{n[3]} reports, {n[4]} complaints"
            )
        emit(head + "\n\n" + render.summary(result, args.lang), args)
        if args.out:
            # On stderr, as every written line: stdout is the summary alone (clerk c40).
            said = "→ 已写入 {}：" if args.lang == "zh" else "→ wrote {}: "
            sys.stderr.write(
                said.format(terminal(args.out)) + "dataset.json, assessment.json, summary.txt, "
                "reports/monitoring-*.md, yearend.json, yearend.md\n"
            )
    return 0


@batch
def cmd_report(args: argparse.Namespace, pm: SoftenvPluginManager) -> int:
    month = parsed_month(args.month)
    if args.format == "docx":
        return report_docx(args, pm, month)
    report = _month_report(args, pm, month)
    emit(report.to_json() if args.format == "json" else render_markdown(report, args.lang), args)
    warn_provisional(report.provisional, args.lang)
    warn_later_amendments(args)
    return 0


@batch
def cmd_yearend(args: argparse.Namespace, pm: SoftenvPluginManager) -> int:
    if args.format == "xlsx":
        return results_xlsx(args, pm, yearend=True)
    out = binary_out(args) if args.format == "docx" else None
    if args.format == "docx":
        if out is None:
            return 2
        if args.lang != "zh":  # before the year end is made, as `report --format docx`
            raise SoftenvError("--format docx is the Chinese official document; use --lang zh")
    dataset = load_file(args.file)
    aud = audience_arg(args, dataset)
    yearly = year_end(dataset, args.year, pm, audience=aud, calendar=calendar_of(args), as_of=as_of_arg(args.as_of))
    # The nominations and decisions on file after the instant (clerk c52 04), as assess names
    # its reports filed after its instant: under the Markdown, else on stderr. Not in the result,
    # which records dated after its instant never change (docs/yearend.md).
    later = [
        terminal(zh_notice(n) if args.lang == "zh" else n)
        for n in later_records_notices(dataset, args.year, yearly.as_of, audience=aud)
    ]
    if out is not None:  # the Word year end of the result the Markdown renders (clerk c51 05)
        from softenv_core.render.docx_yearend import write_yearend_docx

        write_yearend_docx(yearly, out, args.lang)
        say_written(args)
    elif args.format == "json":
        emit(yearly.to_json(), args)
    else:
        emit(render_yearend(yearly, args.lang) + "".join(f"\n- {md_inline(line)}\n" for line in later), args)
        later = []
    warn_provisional(yearly.provisional, args.lang)
    warn_records_end(yearly.notices, args.lang)
    for line in later:
        sys.stderr.write(f"  ! {line}\n")
    return 0


__all__ = ["cmd_demo", "cmd_report", "cmd_yearend"]
