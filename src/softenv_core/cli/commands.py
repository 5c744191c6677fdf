"""The commands of ``softenv`` (see cli.py for the parser): each a thin face over the API.

Kept apart from the parser so that ``softenv --help`` imports none of the library.
"""

from __future__ import annotations

import argparse
import functools
import os
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from softenv_core._perf import paused_gc
from softenv_core.analyses.assessment import Assessment, assess
from softenv_core.analyses.audiences import CITY_OFFICE
from softenv_core.analyses.monitoring_report import Audience, monitoring_report, monitoring_reports
from softenv_core.analyses.year_end import year_end
from softenv_core.cli.output import problem_text, refuse_input, write_atomic, write_set
from softenv_core.engine.manager import ENV_ALLOW, ENV_DISABLE_AUTOLOAD, SoftenvPluginManager
from softenv_core.engine.parameters import baseline_parameters
from softenv_core.engine.resolution import resolve_deadline
from softenv_core.errors import InputError, PluginLoadError, SoftenvError
from softenv_core.io.converter import dumps
from softenv_core.io.dataset_files import dataset_json, dataset_warnings, load_arrangements, load_dataset, loads_dataset
from softenv_core.model.dataset import Dataset
from softenv_core.model.divisions import County, CountyKind
from softenv_core.model.periods import Month, Year
from softenv_core.render import assessment as render
from softenv_core.render.escape import terminal
from softenv_core.render.monitoring_report import render_markdown
from softenv_core.render.year_end import render_yearend
from softenv_core.rules.city.compliance import report_in_force
from softenv_core.workdays.calendar import CalendarMode, WorkCalendar

Command = Callable[[argparse.Namespace, SoftenvPluginManager], int]


def _batch(command: Command) -> Command:
    """Run ``command`` with the cyclic collector paused: a command is one batch in its own
    process (loading a province makes millions of acyclic objects that the collector would
    walk again and again). The library never pauses it itself: another thread may share
    the interpreter. The collector's state is restored afterwards, whatever happens."""

    @functools.wraps(command)
    def run(args: argparse.Namespace, pm: SoftenvPluginManager) -> int:
        with paused_gc():
            return command(args, pm)

    return run


def _calendar(args: argparse.Namespace) -> WorkCalendar:
    arrangements = load_arrangements(Path(args.calendar)) if args.calendar else ()
    mode = CalendarMode.PROVISIONAL if args.provisional else CalendarMode.STRICT
    return WorkCalendar(mode, arrangements)


def _progress() -> Callable[[str, int, int], None] | None:
    """A one-line progress display on stderr, only when it is a terminal."""
    if not sys.stderr.isatty():
        return None

    def show(stage: str, done: int, total: int) -> None:
        end = "\n" if stage == "points" and done == total else ""
        sys.stderr.write(f"\r  {stage}: {done}/{total}   {end}")
        sys.stderr.flush()

    return show


def _load(path: str) -> Dataset:
    return load_dataset(Path(path))


def _emit(text: str, args: argparse.Namespace) -> None:
    if getattr(args, "out_is_file", False) and args.out:
        inputs = [getattr(args, name, None) for name in ("file", "dataset", "calendar", "into")]
        refuse_input(Path(args.out), [Path(i) for i in inputs if isinstance(i, str)])
        write_atomic(Path(args.out), text)
        return
    sys.stdout.write(text)


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


@_batch
def cmd_demo(args: argparse.Namespace, pm: SoftenvPluginManager) -> int:
    from softenv_core.demo import build_demo

    dataset = build_demo(year=args.year, seed=args.seed)
    text = dataset_json(dataset)
    dataset = loads_dataset(text)  # the demo goes through the same validation as any file
    # The demo's files are the city office's complete view (its own made-up data).
    result = assess(dataset, args.year, pm, audience=CITY_OFFICE, calendar=_calendar(args), progress=_progress())
    if args.out:
        out = Path(args.out)
        calendar = _calendar(args)
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
        _emit(result.to_json(), args)
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
                f"示范市 {args.year} 年演示数据: {n[0]} 个县区, {n[1]} 个监测点, {n[2]} 次联系, "
                f"{n[3]} 份月报, {n[4]} 件直接反馈"
            )
        else:
            head = (
                f"Demo city {args.year}: {n[0]} counties, {n[1]} points, {n[2]} contacts, "
                f"{n[3]} reports, {n[4]} complaints"
            )
        _emit(head + "\n\n" + render.summary(result, args.lang), args)
        if args.out:
            sys.stdout.write(
                f"\n→ {terminal(args.out)}: dataset.json, assessment.json, summary.txt, reports/monitoring-*.md, "
                "yearend.json, yearend.md\n"
            )
    return 0


def _month(text: str) -> Month:
    try:
        return Month.parse(text)
    except ValueError as exc:
        raise SoftenvError(f"--month: {exc}") from None


@_batch
def cmd_report(args: argparse.Namespace, pm: SoftenvPluginManager) -> int:
    month = _month(args.month)
    if args.format == "docx":
        return _report_docx(args, pm, month)
    dataset = _load(args.file)
    report = monitoring_report(dataset, month, pm, audience=_audience(args), calendar=_calendar(args))
    _emit(report.to_json() if args.format == "json" else render_markdown(report, args.lang), args)
    return 0


@_batch
def cmd_yearend(args: argparse.Namespace, pm: SoftenvPluginManager) -> int:
    if args.format == "xlsx":
        return _results_xlsx(args, pm)
    yearly = year_end(_load(args.file), args.year, pm, audience=_audience(args), calendar=_calendar(args))
    _emit(yearly.to_json() if args.format == "json" else render_yearend(yearly, args.lang), args)
    return 0


@_batch
def cmd_validate(args: argparse.Namespace, pm: SoftenvPluginManager) -> int:
    try:
        dataset = _load(args.file)
    except InputError as exc:
        # validate's job is to list every problem, not the first hundred.
        if args.format == "json":
            _emit(dumps({"valid": False, "problems": list(exc.problems), "warnings": []}), args)
        else:
            where = terminal(exc.source or args.file)
            count = f"{len(exc.problems)} 个问题" if args.lang == "zh" else f"{len(exc.problems)} problem(s)"
            sys.stderr.write(f"softenv: error: {where}: {count}\n")
            lines = "".join(f"  {problem_text(p, args.lang)}\n" for p in exc.problems)  # they echo input
            if getattr(args, "out", None):
                _emit(lines, args)
            else:
                sys.stderr.write(lines)
        return 1
    warnings = dataset_warnings(dataset)
    if args.format == "json":
        _emit(dumps({"valid": True, "problems": [], "warnings": warnings}), args)
    else:
        n, c = len(dataset.points), len(dataset.counties)
        if args.lang == "zh":
            head = f"{terminal(args.file)}: 有效({n} 个监测点, {c} 个县区)\n"
            _emit(head + "".join(f"提示: {problem_text(w, 'zh')}\n" for w in warnings), args)
        else:
            head = f"{terminal(args.file)}: valid ({n} points, {c} counties)\n"
            _emit(head + "".join(f"warning: {terminal(w)}\n" for w in warnings), args)
    return 0


def _as_of(text: str | None) -> datetime | None:
    """``--as-of``: an aware ISO 8601 instant (the results never depend on the clock)."""
    if text is None:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise SoftenvError(f"--as-of: {text!r} is not an ISO 8601 date and time") from None
    if moment.utcoffset() is None:
        example = text if len(text) > 10 else f"{text}T00:00:00"  # a date alone needs a time too
        raise SoftenvError(f"--as-of: {text!r} has no UTC offset: add one, e.g. {example}+08:00")
    if not 1900 <= moment.year <= 2999:  # converting it to Beijing time could overflow
        raise SoftenvError(f"--as-of: {text!r} is out of the supported years 1900-2999")
    return moment


def _audience(args: argparse.Namespace) -> Audience:
    """``--audience``: who the output is for (the city office by default: the CLI's users)."""
    return Audience.parse(getattr(args, "audience", None) or "city")


@_batch
def cmd_assess(args: argparse.Namespace, pm: SoftenvPluginManager) -> int:
    if args.format == "xlsx":
        return _results_xlsx(args, pm)
    result = assess(
        _load(args.file),
        args.year,
        pm,
        audience=_audience(args),
        calendar=_calendar(args),
        as_of=_as_of(args.as_of),
        progress=_progress(),
    )
    _emit(_assessment_output(result, args), args)
    return 0


@_batch
def cmd_explain(args: argparse.Namespace, pm: SoftenvPluginManager) -> int:
    result = assess(_load(args.file), args.year, pm, audience=_audience(args), calendar=_calendar(args))
    conv_doc = result.to_document() if args.format == "json" else {}
    if args.point:
        match = [p for p in result.points if p.id == args.point]
        if not match:
            # Outside the city office, a point the audience may not see is "not shown", not absent.
            raise SoftenvError(f"no point {args.point!r} active in {args.year} is shown to audience {result.audience}")
        if args.format == "json":
            _emit(dumps(next(p for p in conv_doc["points"] if p["id"] == args.point)), args)
        else:
            _emit(render.explain_point(match[0], args.lang), args)
    else:
        found = [c for c in result.counties if c.code == args.county]
        if not found:
            raise SoftenvError(f"no county {args.county!r} in the dataset")
        if args.format == "json":
            _emit(dumps(next(c for c in conv_doc["counties"] if c["code"] == args.county)), args)
        else:
            _emit(render.explain_county(found[0], args.lang), args)
    return 0


@_batch
def cmd_deadline(args: argparse.Namespace, pm: SoftenvPluginManager) -> int:
    month = _month(args.month)
    code = args.county or "000000"
    county = None
    if args.dataset:
        county = _load(args.dataset).county_by_code.get(code)
        if county is None and args.county:
            raise SoftenvError(f"--county: no county {code} in {args.dataset}")
    if county is None:
        if args.county and not (len(code) == 6 and code.isdigit()):
            raise SoftenvError(f"--county: expected a six-digit GB/T 2260 code, got {code!r}")
        county = County(code, code, CountyKind.COUNTY, "县区经贸委")
    if not report_in_force(month, baseline_parameters()):
        raise SoftenvError(
            f"--month {month}: not in force — the city baseline (from 2022-03-01) first requires "
            "the report on 2022-02; for the calendar-only date see docs/rules.md (monthly_deadline)"
        )
    deadline = resolve_deadline(pm, county, month, _calendar(args), baseline_parameters())
    if args.format == "json":
        from softenv_core.io.converter import shared_converter

        _emit(
            dumps(
                {
                    "county": args.county,
                    "month": str(month),
                    "deadline": shared_converter().unstructure(deadline),
                    "provisional": deadline.provisional,
                }
            ),
            args,
        )
    else:
        _emit(
            render.explain_deadline(
                deadline,
                args.county or ("全市基线" if args.lang == "zh" else "city baseline"),
                str(month),
                args.lang,
            ),
            args,
        )
    return 0


@_batch
def cmd_plugins(args: argparse.Namespace, pm: SoftenvPluginManager) -> int:
    if getattr(args, "check", False):
        return cmd_plugins_check(args, pm)
    params = baseline_parameters()
    rows: list[dict[str, Any]] = []
    for meta in pm.plugins_meta():
        rule_ids = sorted(
            {
                r.id
                for hook in ("softenv_point_rules", "softenv_extra_point_rules")
                for m, value in pm.call_each(hook, year=args.year, params=params)
                if m.name == meta.name
                for r in (value or ())
            }
            | {
                c.id
                for m, value in pm.call_each("softenv_topten_conditions", year=args.year, params=params)
                if m.name == meta.name
                for c in (value or ())
            }
        )
        rows.append(
            {
                "name": meta.name,
                "version": meta.version,
                "distribution": meta.distribution,
                "county": meta.county,
                "title": meta.title,
                "reference": meta.reference,
                "hooks": list(meta.hooks),
                "rules": rule_ids,
            }
        )
    rows += _broken_rows(args)
    if args.format == "json":
        _emit(dumps({"plugins": rows}), args)
    elif args.format == "csv":
        _emit(
            "\ufeff"
            + render.csv_text(
                ["name", "version", "distribution", "county", "hooks", "rules"],
                [
                    [
                        r["name"],
                        r["version"],
                        r["distribution"] or "",
                        r["county"] or "city",
                        " ".join(r["hooks"]),
                        " ".join(r["rules"]),
                    ]
                    for r in rows
                ],
            ),
            args,
        )
    else:
        _emit(
            render.table(
                ["name", "version", "county", "hooks", "rules"],
                [
                    [
                        r["name"],
                        r["version"],
                        r["county"] or ("BROKEN" if r.get("broken") else "city"),
                        str(len(r["hooks"])),
                        ", ".join(r["rules"]),
                    ]
                    for r in rows
                ],
            )
            + "\n",
            args,
        )
    return 0


def schema_document(name: str) -> str:
    """The JSON Schema ``name`` as text: a document softenv reads (``dataset``, ``calendar``)
    or a result it writes (``assessment``, ``report``, ``yearend``), built from the classes."""
    # Imported here: only this command needs them, and the result classes live above io/.
    from softenv_core.analyses.assessment import ASSESSMENT_SCHEMA, ASSESSMENT_VERSION
    from softenv_core.analyses.monitoring_report import REPORT_SCHEMA, REPORT_VERSION, MonitoringReport
    from softenv_core.analyses.year_end import YEAREND_SCHEMA, YearEnd
    from softenv_core.io.schema import document_schema, schema_json, schema_text

    results: dict[str, tuple[type, str, int]] = {
        "assessment": (Assessment, ASSESSMENT_SCHEMA, ASSESSMENT_VERSION),
        "report": (MonitoringReport, REPORT_SCHEMA, REPORT_VERSION),
        "yearend": (YearEnd, YEAREND_SCHEMA, 1),  # YearEnd.to_json writes version 1
    }
    if name in results:
        cls, schema, version = results[name]
        return schema_json(document_schema(cls, schema=schema, version=version))
    return schema_text(name)


def cmd_schema(args: argparse.Namespace, pm: SoftenvPluginManager) -> int:
    _emit(schema_document(args.document), args)
    return 0


# The office's medium (issue 17): workbooks in, Word and workbooks out. The office modules are
# imported inside these functions only, so the core runs without the ``office`` extra.


def _binary_out(args: argparse.Namespace) -> Path | None:
    """The --out file a docx or xlsx result needs; a usage error (exit 2) without it."""
    if not getattr(args, "out", None):
        sys.stderr.write(f"softenv: error: --format {args.format} writes a file: give --out FILE\n")
        return None
    refuse_input(Path(args.out), [Path(args.file)])
    return Path(args.out)


def cmd_init(args: argparse.Namespace, pm: SoftenvPluginManager) -> int:
    from softenv_core.io.workbook_schema import STARTER_NAME
    from softenv_core.io.workbook_starter import STARTER_JSON_NAME, starter_dataset
    from softenv_core.io.workbook_write import write_workbook

    folder = Path(args.dir)
    book, doc = folder / STARTER_NAME, folder / STARTER_JSON_NAME
    existing = [str(p) for p in (book, doc) if p.exists()]
    if existing and not args.force:
        raise SoftenvError(f"{', '.join(existing)} already exist(s); use --force to replace")
    dataset = starter_dataset()
    write_workbook(dataset, book)
    write_atomic(doc, dataset_json(dataset))
    print(f"→ {book}: 每类记录一个工作表, 各有一条示例; 填写后用 softenv import 导入")
    print(f"→ {doc}: 同样内容的 JSON 数据集")
    return 0


def cmd_import(args: argparse.Namespace, pm: SoftenvPluginManager) -> int:
    from softenv_core.io.workbook_read import read_workbook_paths

    out = args.out or args.into
    if not out:
        sys.stderr.write("softenv: error: import needs --out FILE or --into FILE\n")
        return 2
    try:
        dataset = read_workbook_paths(args.books, args.into)
    except InputError as exc:
        # Every problem, not the first hundred: the clerk fixes them all in one pass.
        if args.format == "json":
            sys.stdout.write(dumps({"valid": False, "problems": list(exc.problems)}))
        else:
            count = f"{len(exc.problems)} 个问题" if args.lang == "zh" else f"{len(exc.problems)} problem(s)"
            sys.stderr.write(f"softenv: error: {exc.source}: {count}\n")
            sys.stderr.writelines(f"  {p}\n" for p in exc.problems)
        return 1
    write_atomic(Path(out), dataset_json(dataset))
    print(f"→ {out}: {len(dataset.points)} 个监测点, {len(dataset.counties)} 个县区")
    return 0


def cmd_export(args: argparse.Namespace, pm: SoftenvPluginManager) -> int:
    from softenv_core.io.workbook_write import write_workbook

    # The city office's whole dataset: an export is not an audience view (result workbooks are).
    refuse_input(Path(args.out), [Path(args.file)])
    write_workbook(_load(args.file), Path(args.out))
    return 0


def _report_docx(args: argparse.Namespace, pm: SoftenvPluginManager, month: Month) -> int:
    out = _binary_out(args)
    if out is None:
        return 2
    from softenv_core.render.docx_report import write_report_docx

    audience = Audience.parse(args.audience)
    report = monitoring_report(_load(args.file), month, pm, audience=audience, calendar=_calendar(args))
    write_report_docx(report, out, args.lang)
    return 0


def _results_xlsx(args: argparse.Namespace, pm: SoftenvPluginManager) -> int:
    out = _binary_out(args)
    if out is None:
        return 2
    from datetime import datetime

    from softenv_core.analyses.audiences import AudienceKind
    from softenv_core.analyses.complaint_handling import complaint_status, sla_for, unit_rates
    from softenv_core.analyses.redaction import redact_assessment
    from softenv_core.model.periods import BEIJING
    from softenv_core.render.xlsx_results import write_results_xlsx

    dataset = _load(args.file)
    calendar = _calendar(args)
    params = baseline_parameters()
    as_of = _as_of(getattr(args, "as_of", None))
    audience = _audience(args)
    full = assess(dataset, args.year, pm, audience=CITY_OFFICE, calendar=calendar, as_of=as_of, progress=_progress())
    yearly = year_end(dataset, args.year, pm, audience=audience, assessment=full, calendar=calendar)
    result = redact_assessment(full, dataset, audience, params)
    # 三率 of the year: each complaint's status at the year's end, its steps counted by year.
    at = datetime(args.year + 1, 1, 1, tzinfo=BEIJING)
    statuses = [
        (c, complaint_status(c, at, sla_for(pm, dataset, c, calendar, params), calendar))
        for c in dataset.complaints
        if c.events and c.events[0].at < at
    ]
    names = {d.id: d.name for d in dataset.departments} | {"city-office": dataset.city.office}
    rates = unit_rates(statuses, args.year, params)
    if audience.kind is not AudienceKind.CITY:
        # 三率 per handling unit: a department sees its own row, the others none (docs/privacy.md).
        mine = audience.key if audience.kind is AudienceKind.DEPARTMENT else None
        rates = tuple(r for r in rates if r.unit == mine)
    write_results_xlsx(result, yearly, out, args.lang, rates, names)
    return 0


_LOOPBACK = ("127.0.0.1", "::1", "localhost")


def cmd_serve(args: argparse.Namespace, pm: SoftenvPluginManager) -> int:
    try:
        import uvicorn

        from softenv_core.service.config import ENV, ServiceConfig
    except ImportError:
        raise SoftenvError('softenv serve needs the service extra: pip install "softenv-core[service]"') from None
    import os

    if not args.keys and args.host not in _LOOPBACK:
        raise SoftenvError(f"--host {args.host}: without --keys the service listens on loopback only")
    if args.max_in_flight < 1 or args.workers < 1 or args.max_body_mb <= 0:
        raise SoftenvError("--max-in-flight, --workers and --max-body-mb must be positive")
    config = ServiceConfig(
        host=args.host,
        port=args.port,
        max_body_bytes=int(args.max_body_mb * 1024 * 1024),
        max_in_flight=args.max_in_flight,
        keys_file=str(Path(args.keys).resolve()) if args.keys else None,
        calendar_file=str(Path(args.calendar).resolve()) if args.calendar else None,
        provisional=args.provisional,
        workers=args.workers,
    )
    if config.keys_path:
        from softenv_core.service.keys import load_keys

        ring = load_keys(config.keys_path)  # a bad file fails here, before the port is bound
        sys.stderr.write(f"softenv serve: {len(ring.keys)} key(s) from {args.keys}; each sees its own audiences\n")
    else:
        sys.stderr.write(
            "softenv serve: no --keys: serving the city office's view (市软建办) to anyone who can reach "
            f"{args.host}:{args.port}, which is loopback only\n"
        )
    # The workers are separate processes: they read the settings from the environment.
    os.environ[ENV] = config.to_env()
    log_config = {**uvicorn.config.LOGGING_CONFIG}
    log_config["loggers"] = {
        **log_config["loggers"],
        "softenv.service.access": {"handlers": ["default"], "level": "INFO", "propagate": False},
    }
    uvicorn.run(
        "softenv_core.service.app:app_from_env",
        factory=True,
        host=config.host,
        port=config.port,
        workers=config.workers,
        access_log=False,  # ours names the key and audience, and never the query's values
        log_config=log_config,
    )
    return 0


def cmd_keys_add(args: argparse.Namespace, pm: SoftenvPluginManager) -> int:
    from softenv_core.service.keys import add_key

    key = add_key(Path(args.keys), args.id, args.audience, args.note)
    sys.stderr.write(f"softenv keys: added {args.id!r} to {args.keys}; the key is shown once, keep it now:\n")
    print(key)
    return 0


def cmd_keys_revoke(args: argparse.Namespace, pm: SoftenvPluginManager) -> int:
    from softenv_core.service.keys import revoke_key

    revoke_key(Path(args.keys), args.id)
    sys.stderr.write(f"softenv keys: revoked {args.id!r} in {args.keys}; restart the service to apply\n")
    return 0


def _broken_rows(args: argparse.Namespace) -> list[dict[str, Any]]:
    """Rows for the plugins that failed to import (main loads them tolerantly for this command)."""
    rows = []
    for exc in getattr(args, "broken_plugins", ()):
        print(
            f"softenv: warning: {terminal(str(exc))}\n  skip it: {ENV_ALLOW}=<the others> "
            f"(or {ENV_DISABLE_AUTOLOAD}=1 for none), or repair or uninstall {exc.distribution}",
            file=sys.stderr,
        )
        rows.append(
            {
                "name": exc.plugin,
                "version": exc.version,
                "distribution": exc.distribution,
                "county": None,
                "title": "",
                "reference": "",
                "hooks": [],
                "rules": [f"BROKEN: {exc}"],
                "broken": str(exc),
            }
        )
    return rows


def cmd_plugins_check(args: argparse.Namespace, pm: SoftenvPluginManager) -> int:
    """``softenv plugins --check``: every installed plugin tried before any assessment; exit 1 on a fault."""
    from softenv_core.testing.plugin_check import Fault, check_installed

    faults = check_installed(pm, args.year)
    _broken_rows(args)  # the warnings; each broken plugin is also a fault
    faults += [
        Fault(
            e.plugin, "(import)", "-", str(e), f"repair or uninstall {e.distribution}, or leave it out with {ENV_ALLOW}"
        )
        for e in getattr(args, "broken_plugins", ())
    ]
    names = [m.name for m in pm.plugins_meta() if m.name != "city"]
    if args.format == "json":
        rows = [
            {"plugin": f.plugin, "hook": f.hook, "rule": f.rule, "problem": f.problem, "fix": f.fix} for f in faults
        ]
        _emit(dumps({"checked": names, "year": args.year, "faults": rows}), args)
    else:
        lines = ["\n".join(terminal(part) for part in f.text().split("\n")) for f in faults]
        verdict = f"{len(faults)} fault(s)" if faults else "no fault found"
        _emit("\n".join([*lines, f"checked {len(names)} plugin(s) for {args.year}: {verdict}"]) + "\n", args)
    return 1 if faults else 0


def cmd_plugin_new(args: argparse.Namespace, pm: SoftenvPluginManager) -> int:
    """``softenv plugin new``: a county plugin distribution to edit, test and install."""
    from softenv_core.cli.scaffold import new_plugin

    target, layout, written = new_plugin(
        args.county, args.name, Path(args.dir) if args.dir else None, layout=args.layout, core=args.core
    )
    print(f"wrote {len(written)} files to {terminal(str(target))} ({layout} layout):")
    for path in written:
        print(f"  {terminal(str(path.relative_to(target)))}")
    if layout == "workspace":
        steps = ["uv sync --all-packages", f"uv run pytest {target}", "uv run softenv plugins --check"]
    else:
        steps = [f"cd {target}", "uv venv && uv pip install -e '.[test]'", "uv run pytest && uv run mypy"]
        steps.append("uv run softenv plugins --check")
    print("next:\n" + "\n".join(f"  {terminal(s)}" for s in steps))
    return 0


def plugins_tolerantly() -> tuple[SoftenvPluginManager, list[PluginLoadError]]:
    """The installed plugins loaded one by one, for ``softenv plugins``: one that fails to
    import is kept aside (and listed as broken) instead of stopping the listing, so the person
    repairing it sees what else is installed. Every other command stops on it (the manager)."""
    from importlib import metadata

    from softenv_core.engine.manager import ENTRY_POINT_GROUP
    from softenv_core.rules.registry import _allow_from_env, get_plugin_manager

    pm = get_plugin_manager(autoload=False)
    broken: list[PluginLoadError] = []
    if os.environ.get(ENV_DISABLE_AUTOLOAD, "").strip().lower() not in ("", "0", "false", "no"):
        return pm, broken
    allow = _allow_from_env(os.environ)
    names = sorted({ep.name for ep in metadata.entry_points(group=ENTRY_POINT_GROUP)})
    for name in names:
        if allow is not None and name not in allow:
            continue
        try:
            pm.load_entry_points([name])
        except PluginLoadError as exc:
            broken.append(exc)
    return pm, broken
