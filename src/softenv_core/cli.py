"""The ``softenv`` command: a thin face over the Python API.

Exit codes: 0 success, 1 invalid input or a rule error (a clear message, no traceback),
2 usage error. Outputs are written atomically; input files are never modified.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from . import render
from .assessment import Assessment, assess
from .dataset import Dataset
from .divisions import County, CountyKind
from .engine import resolve_deadline
from .errors import InputError, SoftenvError
from .loading import dataset_json, dataset_warnings, load_arrangements, load_dataset
from .monitoring import Audience, monitoring_report, monitoring_reports
from .parameters import baseline_parameters
from .periods import Month, Year
from .plugins import SoftenvPluginManager, get_plugin_manager
from .render_monitoring import render_markdown
from .render_yearend import render_yearend
from .serialization import dumps
from .work_calendar import CalendarMode, WorkCalendar
from .yearend import year_end


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}\n")


def write_atomic(path: Path, text: str, encoding: str = "utf-8") -> None:
    """Write ``text`` to ``path`` through a temporary file and a rename: never half-written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


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
    sys.stdout.write(text)


def _assessment_output(a: Assessment, args: argparse.Namespace) -> str:
    if args.format == "json":
        return a.to_json()
    if args.format == "csv":
        # UTF-8 with BOM so that Excel and WPS open the Chinese text cleanly.
        return "\ufeff" + render.csv_text(*render.point_rows(a, args.lang))
    return render.summary(a, args.lang)


def cmd_demo(args: argparse.Namespace, pm: SoftenvPluginManager) -> int:
    from .demo import build_demo

    dataset = build_demo(year=args.year, seed=args.seed)
    text = dataset_json(dataset)
    dataset = load_dataset(text)  # the demo goes through the same validation as any file
    result = assess(dataset, args.year, pm, calendar=_calendar(args), progress=_progress())
    if args.out:
        out = Path(args.out)
        calendar = _calendar(args)
        reports = monitoring_reports(dataset, Year(args.year).months, pm, calendar=calendar)
        write_atomic(out / "dataset.json", text)
        write_atomic(out / "assessment.json", result.to_json())
        write_atomic(out / "summary.txt", render.summary(result, args.lang))
        for report in reports:
            write_atomic(out / "reports" / f"monitoring-{report.month}.md", render_markdown(report, args.lang))
        yearly = year_end(dataset, args.year, pm, assessment=result, calendar=calendar)
        write_atomic(out / "yearend.json", yearly.to_json())
        write_atomic(out / "yearend.md", render_yearend(yearly, args.lang))
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
                f"\n→ {args.out}: dataset.json, assessment.json, summary.txt, reports/monitoring-*.md, "
                "yearend.json, yearend.md\n"
            )
    return 0


def _month(text: str) -> Month:
    try:
        return Month.parse(text)
    except ValueError as exc:
        raise SoftenvError(f"--month: {exc}") from None


def cmd_report(args: argparse.Namespace, pm: SoftenvPluginManager) -> int:
    month = _month(args.month)
    dataset = _load(args.file)
    report = monitoring_report(dataset, month, pm, audience=Audience.parse(args.audience), calendar=_calendar(args))
    _emit(report.to_json() if args.format == "json" else render_markdown(report, args.lang), args)
    return 0


def cmd_yearend(args: argparse.Namespace, pm: SoftenvPluginManager) -> int:
    yearly = year_end(_load(args.file), args.year, pm, calendar=_calendar(args))
    _emit(yearly.to_json() if args.format == "json" else render_yearend(yearly, args.lang), args)
    return 0


def cmd_validate(args: argparse.Namespace, pm: SoftenvPluginManager) -> int:
    try:
        dataset = _load(args.file)
    except InputError as exc:
        # validate's job is to list every problem, not the first hundred.
        if args.format == "json":
            _emit(dumps({"valid": False, "problems": list(exc.problems), "warnings": []}), args)
        else:
            sys.stderr.write(f"softenv: error: {exc.source or args.file}: {len(exc.problems)} problem(s)\n")
            sys.stderr.writelines(f"  {p}\n" for p in exc.problems)
        return 1
    warnings = dataset_warnings(dataset)
    if args.format == "json":
        _emit(dumps({"valid": True, "problems": [], "warnings": warnings}), args)
    else:
        print(f"{args.file}: valid ({len(dataset.points)} points, {len(dataset.counties)} counties)")
        for w in warnings:
            print(f"warning: {w}")
    return 0


def cmd_assess(args: argparse.Namespace, pm: SoftenvPluginManager) -> int:
    result = assess(_load(args.file), args.year, pm, calendar=_calendar(args), progress=_progress())
    _emit(_assessment_output(result, args), args)
    return 0


def cmd_explain(args: argparse.Namespace, pm: SoftenvPluginManager) -> int:
    result = assess(_load(args.file), args.year, pm, calendar=_calendar(args))
    conv_doc = result.to_document() if args.format == "json" else {}
    if args.point:
        match = [p for p in result.points if p.id == args.point]
        if not match:
            raise SoftenvError(f"no point {args.point!r} was active in {args.year}")
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
    deadline = resolve_deadline(pm, county, month, _calendar(args), baseline_parameters())
    if args.format == "json":
        from .serialization import make_converter

        _emit(
            dumps(
                {
                    "county": args.county,
                    "month": str(month),
                    "deadline": make_converter().unstructure(deadline),
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


def cmd_plugins(args: argparse.Namespace, pm: SoftenvPluginManager) -> int:
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
                        r["county"] or "city",
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


def build_parser() -> argparse.ArgumentParser:
    common = _Parser(add_help=False)
    common.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    common.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of documents (default zh)")
    common.add_argument("--calendar", metavar="FILE", help="official arrangements for years chinesecalendar lacks")
    common.add_argument(
        "--provisional",
        action="store_true",
        help="allow a weekends-only calendar for unknown years (results marked provisional)",
    )
    parser = _Parser(prog="softenv", description="软环境建设监测点: validate, assess and explain a city's records.")
    parser.add_argument("--version", action="version", version=f"softenv-core {_version()}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    p = sub.add_parser("demo", parents=[common], help="build the demo city, validate it and assess its year")
    p.add_argument("--year", type=int, default=2025)
    p.add_argument("--seed", type=int, default=20220301)
    p.add_argument("--out", metavar="DIR", help="write dataset.json, assessment.json and summary.txt here")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("validate", parents=[common], help="check a dataset file; every problem as $.path: message")
    p.add_argument("file")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("assess", parents=[common], help="assess a year: counties and points")
    p.add_argument("file")
    p.add_argument("--year", type=int, required=True)
    p.set_defaults(func=cmd_assess)
    p._option_string_actions["--format"].choices = ("text", "json", "csv")

    p = sub.add_parser("report", parents=[common], help="the monthly monitoring report (监测报告) as Markdown or JSON")
    p.add_argument("file")
    p.add_argument("--month", required=True, metavar="YYYY-MM")
    p.add_argument(
        "--audience",
        default="city",
        metavar="WHO",
        help="city (default), county:CODE, department:ID or public; decides what is shown",
    )
    p.set_defaults(func=cmd_report)

    p = sub.add_parser(
        "yearend",
        parents=[common],
        help="year-end work: 万人评议 results, roster gaps, adjustment, filings, commendation, topics",
    )
    p.add_argument("file")
    p.add_argument("--year", type=int, required=True)
    p.set_defaults(func=cmd_yearend)

    p = sub.add_parser("explain", parents=[common], help="every item and condition behind a score or decision")
    p.add_argument("file")
    p.add_argument("--year", type=int, required=True)
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("--point", metavar="ID")
    who.add_argument("--county", metavar="CODE")
    p.set_defaults(func=cmd_explain)

    p = sub.add_parser("deadline", parents=[common], help="the due moment of a monthly report, and why")
    p.add_argument("--month", required=True, metavar="YYYY-MM")
    p.add_argument("--county", metavar="CODE", help="a county code (its plugin's deadline applies)")
    p.add_argument("--dataset", metavar="FILE", help="take the county from this dataset")
    p.set_defaults(func=cmd_deadline)

    p = sub.add_parser("plugins", parents=[common], help="the loaded plugins: name, version, county, hooks, rules")
    p.add_argument("--year", type=int, default=2025, help="the year whose rules to list")
    p.set_defaults(func=cmd_plugins)
    p._option_string_actions["--format"].choices = ("text", "json", "csv")
    return parser


def _version() -> str:
    from .plugins import core_version

    return core_version()


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        pm = get_plugin_manager()
        return int(args.func(args, pm))
    except SoftenvError as exc:
        print(f"softenv: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("softenv: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())


__all__ = ["build_parser", "main", "write_atomic"]
