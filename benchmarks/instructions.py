"""The nine-plugin overhead at city scale in instructions, not seconds (valgrind's callgrind).

    uv run python benchmarks/instructions.py            # base, nine, and nine split by hook
    uv run python benchmarks/instructions.py --runs 5   # assessments per measured process

bench.py's ``plugins9`` target is a ratio of two times of about 10-30 ms each, which vary by
10-20 % from run to run on a shared machine. Callgrind counts the instructions a process
executes: the same for the same binary and input whatever else the machine does (up to the
hash seed's effect on dictionaries, a few tenths of a percent). Each variant is measured as
two processes, one that loads the city and assesses once (warming every cache) and one that
then assesses ``--runs`` more times; their difference over ``--runs`` is one assessment.

Variants: ``base`` (the city baseline alone), ``nine`` (bench.py's nine county plugins), and
``deadline``, ``extra``, ``condition`` (the nine plugins with that hook alone), which say
where the overhead lies. One JSON line per variant, then the ratio of nine to base. Needs
valgrind (Debian's package); says so and exits 2 without it. Takes a few minutes.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
YEAR = 2025
VARIANTS = ("base", "nine", "deadline", "extra", "condition")


def _child(variant: str, assessments: int, file: str) -> None:
    """Load ``file``, assess once, then ``assessments`` more times with ``variant``'s plugins."""
    import gc

    sys.path.insert(0, str(HERE))
    from bench import PLUGIN_HOOKS, _nine_plugins

    from softenv_core import CITY_OFFICE, assess, get_plugin_manager, load_dataset

    gc.disable()  # as bench.py and the CLI run the library
    dataset = load_dataset(Path(file))
    codes = sorted(c.code for c in dataset.counties)
    hooks = tuple(PLUGIN_HOOKS) if variant == "nine" else (variant,)
    plugins = [] if variant == "base" else _nine_plugins(codes, hooks)
    pm = get_plugin_manager(autoload=False, plugins=plugins)
    for _ in range(1 + assessments):
        assess(dataset, YEAR, pm, audience=CITY_OFFICE)


def _instructions(valgrind: str, variant: str, assessments: int, file: str) -> int:
    cmd = [valgrind, "--tool=callgrind", "--callgrind-out-file=/dev/null"]
    cmd += [sys.executable, __file__, "_child", variant, str(assessments), file]
    # Neither process writes bytecode: a module changed since its cache was written is then
    # compiled in both, and the difference does not count it (one run counted 7 million more).
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    out = subprocess.run(cmd, capture_output=True, text=True, check=True, env=env)
    found = re.search(r"Collected : (\d+)", out.stderr)
    if found is None:
        raise SystemExit(f"instructions: callgrind printed no count for {variant}:\n{out.stderr[-2000:]}")
    return int(found.group(1))


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "_child":
        _child(sys.argv[2], int(sys.argv[3]), sys.argv[4])
        return
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3, help="assessments per measured process (default 3)")
    ap.add_argument("--variants", default=",".join(VARIANTS))
    args = ap.parse_args()
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        print("instructions: valgrind is not installed (apt-get install valgrind)", file=sys.stderr)
        raise SystemExit(2)
    sys.path.insert(0, str(HERE))
    from bench import make_file

    variants = args.variants.split(",")
    with tempfile.TemporaryDirectory() as tmp:
        file = str(make_file("city", Path(tmp)))
        jobs = [(v, n) for v in variants for n in (0, args.runs)]
        with ThreadPoolExecutor(max_workers=2) as pool:  # two cores: two processes at once
            found = pool.map(lambda j: _instructions(valgrind, j[0], j[1], file), jobs)
            counts = dict(zip(jobs, found, strict=True))
    per = {v: (counts[(v, args.runs)] - counts[(v, 0)]) / args.runs for v in variants}
    base = per.get("base")
    for v in variants:
        line: dict[str, object] = {"scale": "city", "variant": v, "instructions_per_assessment": round(per[v])}
        if base and v != "base":
            line["over_base"] = round(per[v] - base)
            line["ratio"] = round(per[v] / base, 4)
        print(json.dumps(line), flush=True)
    if base and "nine" in per:
        ratio = per["nine"] / base
        name = "city: 9 county plugins overhead <= 1.10 (instructions)"
        print(json.dumps({"target": name, "value": round(ratio, 4), "limit": 1.1, "holds": ratio <= 1.1}))


if __name__ == "__main__":
    main()
