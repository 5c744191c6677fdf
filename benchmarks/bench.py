"""Benchmark softenv_core stage by stage, at city and province scale.

    uv run python benchmarks/bench.py                    # city, half province, province
    uv run python benchmarks/bench.py --scales city      # just the city

    uv run --group bench python benchmarks/bench.py      # with the fastest decoder as the floor

Each stage runs in its own process so that its peak memory (max RSS) is its own; one JSON
line per stage: {"scale", "stage", "seconds", "peak_mb"} (with ``--runs N``, the median of
N runs, each run's figure listed; the runs go round by round, every stage once a round, so
that the stages a target compares met the same machine); then one line per target with
whether it holds.

Stages: parse (``json.loads`` with the cyclic collector running, the old baseline), parse_nogc
(``json.loads`` with the collector paused, as the CLI runs the library: the honest baseline),
floor (the fastest decoder installed, msgspec or orjson, collector paused: what no pure-Python
library can beat), load (parse + structure + validate; with msgspec installed, as the ``bench``
group and the ``fast`` extra install it, the library decodes with it: io/json_text.fast_parse),
load_stdlib (the same with the stdlib's decoder, ``SOFTENV_JSON_DECODER=stdlib``: what an
installation without the extra gets; a document is read with the strict parse only when its
counts differ, as with msgspec), validate (checking a dataset built
in Python, ``--stages validate``), assess, reports (the 12 monthly
monitoring reports, rendered), report1 (one month's report after loading, rendered),
pipeline (load + assessment + 12 reports), plugins9 (assess with nine county plugins
active), cli (a whole ``softenv assess --format json`` run), help.

The library's stages run as the CLI runs them: inside one pause of the collector
(``softenv_core._perf.paused_gc``); so the honest baseline pauses it too.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from softenv_core import CITY_OFFICE

HERE = Path(__file__).resolve().parent
YEAR = 2025


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


#: The hooks each bench plugin implements (besides its info), by the names ``hooks`` takes.
PLUGIN_HOOKS = {
    "deadline": "softenv_report_deadline",
    "extra": "softenv_extra_point_rules",
    "condition": "softenv_topten_conditions",
}


def _nine_plugins(codes: list[str], hooks: tuple[str, ...] = tuple(PLUGIN_HOOKS)) -> list[tuple[str, object]]:
    """Nine county plugins of the kinds the demo uses: deadline, extra points, condition
    (``hooks``: those of PLUGIN_HOOKS they implement; benchmarks/instructions.py splits them)."""
    from datetime import date

    from softenv_core import Award, Condition, ContactMethod, PluginInfo, Rule, hookimpl, monthly_deadline

    plugins = []
    for i, code in enumerate(codes[:9]):

        class P:
            county = code

            @hookimpl
            def softenv_plugin_info(self):  # type: ignore[no-untyped-def]
                return PluginInfo(county=self.county, title="bench", reference="bench")

            @hookimpl
            def softenv_report_deadline(self, county, month, calendar, params):  # type: ignore[no-untyped-def]
                return monthly_deadline(calendar, month, 4, rule_id="bench.deadline", reference="bench")

            @hookimpl
            def softenv_extra_point_rules(self, year, params):  # type: ignore[no-untyped-def]
                def score(ctx):  # type: ignore[no-untyped-def]
                    n = sum(1 for c in ctx.contacts if c.method is ContactMethod.SYMPOSIUM)
                    return Award(min(5, n), "bench", ()) if n else None

                # Each county's ids in its own namespace: two counties' plugins giving one id are
                # a RuleConflict (plugin author p57 03; reviewer r65 04: the stage stopped on it).
                return [
                    Rule(
                        id=f"county.{self.county}.bench.extra",
                        label=f"county.{self.county}.bench.extra",
                        title_zh="x",
                        title_en="x",
                        reference="bench",
                        score=score,
                        max_points=5,
                        effective_from=date(2024, 1, 1),
                    )
                ]

            @hookimpl
            def softenv_topten_conditions(self, year, params):  # type: ignore[no-untyped-def]
                return [
                    Condition(
                        id=f"county.{self.county}.bench.cond",
                        title_zh="x",
                        title_en="x",
                        reference="bench",
                        check=lambda ctx: None,
                        effective_from=date(2024, 1, 1),
                    )
                ]

        for name, hook in PLUGIN_HOOKS.items():
            if name not in hooks:
                delattr(P, hook)
        plugins.append((f"bench{i}", P()))
    return plugins


def run_stage(stage: str, file: str) -> dict[str, float]:
    """Run one stage in this process; returns seconds and peak MB."""
    from softenv_core import Month, assess, get_plugin_manager, load_dataset
    from softenv_core.analyses.monitoring_report import monitoring_reports
    from softenv_core.render.monitoring_report import render_markdown

    path = Path(file)
    if stage == "parse":
        t = time.perf_counter()
        json.loads(path.read_bytes())
        return {"seconds": time.perf_counter() - t, "peak_mb": _peak_mb()}
    # Every other stage runs with the collector paused, as the CLI runs the library.
    gc.disable()
    if stage == "parse_nogc":
        t = time.perf_counter()
        json.loads(path.read_bytes())
        return {"seconds": time.perf_counter() - t, "peak_mb": _peak_mb()}
    if stage == "floor":
        decode, name = _fastest_decoder()
        if decode is None:
            return {"seconds": float("nan"), "peak_mb": 0.0, "decoder": "none installed"}  # type: ignore[dict-item]
        t = time.perf_counter()
        decode(path.read_bytes())
        return {"seconds": time.perf_counter() - t, "peak_mb": _peak_mb(), "decoder": name}  # type: ignore[dict-item]
    if stage == "load_stdlib":
        os.environ["SOFTENV_JSON_DECODER"] = "stdlib"
    from softenv_core.io.json_text import decoder_name

    decoder = decoder_name()
    t = time.perf_counter()
    dataset = load_dataset(path)
    loaded = time.perf_counter() - t
    if stage in ("load", "load_stdlib"):
        return {"seconds": loaded, "peak_mb": _peak_mb(), "decoder": decoder}  # type: ignore[dict-item]
    if stage == "validate":  # what checking a dataset built in Python adds (a loaded one is not checked again)
        import attrs

        from softenv_core import validate

        built = attrs.evolve(dataset)  # the same records in a new Dataset, as code would build one
        t = time.perf_counter()
        validate(built)
        return {"seconds": time.perf_counter() - t, "peak_mb": _peak_mb()}
    pm = get_plugin_manager(autoload=False)
    # Take the best of several runs so that the plugin-overhead ratio measures the plugins,
    # not the machine's jitter (10-20 % from run to run here): a small dataset assesses in
    # milliseconds, a province in seconds.
    repeat = 15 if len(dataset.points) < 1000 else 3
    if stage in ("assess", "plugins9"):
        if stage == "plugins9":
            codes = sorted(c.code for c in dataset.counties)
            pm = get_plugin_manager(autoload=False, plugins=_nine_plugins(codes))
        best = float("inf")
        for _ in range(repeat):
            t = time.perf_counter()
            assess(dataset, YEAR, pm, audience=CITY_OFFICE)
            best = min(best, time.perf_counter() - t)
        return {"seconds": best, "peak_mb": _peak_mb()}
    elif stage == "report1":  # a clerk asks for one month, not twelve
        t = time.perf_counter()
        for report in monitoring_reports(dataset, [Month(YEAR, 3)], pm, audience=CITY_OFFICE):
            render_markdown(report)
    elif stage == "reports":
        t = time.perf_counter()
        for report in monitoring_reports(dataset, [Month(YEAR, m) for m in range(1, 13)], pm, audience=CITY_OFFICE):
            render_markdown(report)
    elif stage == "pipeline":  # load + assessment + 12 reports, one process
        t0 = time.perf_counter() - loaded
        assess(dataset, YEAR, pm, audience=CITY_OFFICE)
        for report in monitoring_reports(dataset, [Month(YEAR, m) for m in range(1, 13)], pm, audience=CITY_OFFICE):
            render_markdown(report)
        return {"seconds": time.perf_counter() - t0, "peak_mb": _peak_mb(), "decoder": decoder}  # type: ignore[dict-item]
    else:
        raise SystemExit(f"unknown stage {stage}")
    return {"seconds": time.perf_counter() - t, "peak_mb": _peak_mb()}


def _fastest_decoder() -> tuple[object, str] | tuple[None, str]:
    """msgspec's or orjson's decoder when installed (benchmark-only: the ``bench`` group)."""
    try:
        import msgspec

        return msgspec.json.decode, "msgspec"
    except ImportError:
        pass
    try:
        import orjson

        return orjson.loads, "orjson"
    except ImportError:
        return None, "none"


def _child(stage: str, file: str) -> dict[str, float]:
    out = subprocess.run([sys.executable, __file__, "_stage", stage, file], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _timed(cmd: list[str]) -> dict[str, float]:
    t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)
    return {"seconds": time.perf_counter() - t, "peak_mb": 0.0}


def _median(runs: list[dict[str, float]]) -> dict[str, float]:
    """The median of the runs' seconds and peaks (single runs vary by up to 50 % here)."""
    out: dict[str, float] = dict(runs[0])
    out["seconds"] = statistics.median(r["seconds"] for r in runs)
    out["peak_mb"] = statistics.median(r["peak_mb"] for r in runs)
    return out


def make_file(scale: str, folder: Path) -> Path:
    sys.path.insert(0, str(HERE))
    from generate import scaled

    from softenv_core.demo import build_demo
    from softenv_core.io.dataset_files import dataset_json

    path = folder / f"{scale}.json"
    if scale == "city":
        path.write_text(dataset_json(build_demo(YEAR)), encoding="utf-8")
    else:
        factor = {"half": 0.5, "province": 1.0, "double": 2.0}[scale]
        path.write_text(json.dumps(scaled(factor), ensure_ascii=False), encoding="utf-8")
    return path


def _compile_package() -> None:
    """The package's bytecode, written once before any run, as an installation has it (pip
    compiles a package's modules when it installs them). A `softenv` started from a checkout
    where PYTHONDONTWRITEBYTECODE is set (this machine) finds none and compiles every module
    before it starts (0.6 s of a 1.3 s ``softenv assess`` on the city), and again on the next
    run: the cli and help stages timed the compiler. py_compile writes whatever that setting.
    The installed packages too (attrs, cattrs, pluggy...): uv installs them without bytecode
    unless asked, and there the same ``softenv assess`` counted 3.01 G instructions against
    2.30 G compiled (q2). Not ``compile-bytecode`` in pyproject: every ``uv run`` would then
    spend half a second checking three thousand files."""
    import compileall
    import sysconfig

    import softenv_core

    compileall.compile_dir(Path(softenv_core.__file__).parent, quiet=1)
    compileall.compile_dir(sysconfig.get_paths()["purelib"], quiet=1)


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "_stage":
        print(json.dumps(run_stage(sys.argv[2], sys.argv[3])))
        return
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scales", default="city,half,province")
    ap.add_argument(
        "--stages", default="parse,parse_nogc,floor,load,load_stdlib,assess,report1,reports,pipeline,plugins9,cli"
    )
    ap.add_argument("--runs", type=int, default=1, help="runs per stage; each figure is their median (default 1)")
    args = ap.parse_args()
    results: dict[tuple[str, str], dict[str, float]] = {}
    softenv = str(Path(sys.executable).with_name("softenv"))
    _compile_package()
    with tempfile.TemporaryDirectory() as tmp:
        for scale in args.scales.split(","):
            file = make_file(scale, Path(tmp))
            print(json.dumps({"scale": scale, "stage": "file", "mb": round(file.stat().st_size / 1e6, 1)}), flush=True)
            stages = args.stages.split(",")
            # Round by round, every stage once a round: the machine's speed drifts over minutes
            # (by half on this shared 2-core machine), and a target is a ratio of two stages, so
            # each stage's runs are spread over the same stretch of time as the others'.
            by_stage: dict[str, list[dict[str, float]]] = {stage: [] for stage in stages}
            for _ in range(args.runs):
                for stage in stages:
                    if stage == "cli":
                        by_stage[stage].append(
                            _timed([softenv, "assess", str(file), "--year", str(YEAR), "--format", "json"])
                        )
                    else:
                        by_stage[stage].append(_child(stage, str(file)))
            for stage in stages:
                runs = by_stage[stage]
                r = _median(runs)
                results[(scale, stage)] = r
                line: dict[str, object] = {
                    "scale": scale,
                    "stage": stage,
                    "seconds": round(r["seconds"], 3),
                    "peak_mb": round(r["peak_mb"], 1),
                }
                if "decoder" in r:
                    line["decoder"] = r["decoder"]
                if args.runs > 1:
                    line["runs"] = [round(x["seconds"], 3) for x in runs]
                print(json.dumps(line), flush=True)
        results[("-", "help")] = _timed([softenv, "--help"])
        print(json.dumps({"scale": "-", "stage": "help", "seconds": round(results[("-", "help")]["seconds"], 3)}))

    def sec(scale: str, stage: str) -> float | None:
        r = results.get((scale, stage))
        return None if r is None else r["seconds"]

    def target(name: str, value: float | None, limit: float | None) -> None:
        if value is None or limit is None:
            return
        print(json.dumps({"target": name, "value": round(value, 3), "limit": round(limit, 3), "holds": value <= limit}))

    def ratio(name: str, value: float | None, base: float | None, factor: float) -> None:
        target(name, value, None if base is None else factor * base)

    # Against the honest baseline: json.loads with the collector paused, as the library runs.
    honest = sec("province", "parse_nogc")
    ratio("province: load + assessment + 12 reports <= 6 x honest parse", sec("province", "pipeline"), honest, 6)
    ratio("province: load <= 3 x honest parse", sec("province", "load"), honest, 3)
    # Without the fast extra (the stdlib's decoder): the pipeline as such an installation runs it.
    strict = sec("province", "load_stdlib")
    if strict is not None and sec("province", "load") is not None and sec("province", "pipeline") is not None:
        without = sec("province", "pipeline") - sec("province", "load") + strict  # type: ignore[operator]
        ratio("province: the same pipeline without the fast extra <= 6 x honest parse", without, honest, 6)
    ratio("province: load without the fast extra <= 3 x honest parse", strict, honest, 3)
    target("province: one month's report after loading (s) <= 0.5", sec("province", "report1"), 0.5)
    # The earlier targets (against the old baseline, the collector running) still hold.
    ratio(
        "province: load + assessment + 12 reports <= 5 x parse (old baseline)",
        sec("province", "pipeline"),
        sec("province", "parse"),
        5,
    )
    target("province: assessment <= load", sec("province", "assess"), sec("province", "load"))
    peak, parse_peak = results.get(("province", "pipeline")), results.get(("province", "parse_nogc"))
    target("province: peak memory (MB) < 3000", None if peak is None else peak["peak_mb"], 3000)
    target(
        "province: pipeline peak memory <= 1.10 x json.loads peak",
        None if peak is None else peak["peak_mb"],
        None if parse_peak is None else 1.10 * parse_peak["peak_mb"],
    )
    for stage in ("parse", "load", "assess", "reports"):
        half, full = sec("half", stage), sec("province", stage)
        target(
            f"doubling half -> province: {stage} ratio <= 2.2", None if not half or full is None else full / half, 2.2
        )
    for scale in ("city", "province"):
        base, nine = sec(scale, "assess"), sec(scale, "plugins9")
        target(f"{scale}: 9 county plugins overhead <= 1.10", None if not base or nine is None else nine / base, 1.10)
    target("softenv --help (s) <= 0.3", sec("-", "help"), 0.3)
    target("softenv assess on the city file (s) <= 1", sec("city", "cli"), 1.0)


if __name__ == "__main__":
    main()
