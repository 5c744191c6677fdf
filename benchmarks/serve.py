"""Benchmark ``softenv serve`` as its callers see it: city-scale assessments over loopback.

    uv run python benchmarks/serve.py                       # 2 workers, 10 clients, 1,000 requests (after 100)
    uv run python benchmarks/serve.py --requests 200 --workers 1

Starts the server (uvicorn, ``softenv serve --workers N``) in a subprocess on a free port,
posts the demo city's dataset (``softenv_core.demo.build_demo``, 180 points, 1.9 MB) to
``POST /v1/assess?year=2025`` and measures:

- one client, one request at a time: p50 / p95 latency;
- ``--clients`` clients (threads, one connection each) sharing ``--requests`` requests:
  p50 / p95, errors (any status but 200), throughput;
- the server's resident memory (all its processes): idle, after a concurrent warm-up
  (``--warmup`` requests, so that the allocators hold their arenas), after the run, and
  every 100 requests of it.

One JSON line of figures, then one line per target with whether it holds: one client p95
<= 200 ms; concurrent throughput >= 80 % of (2 / the one-client median), i.e. both cores
busy; 0 errors; memory growth < 10 %. The load average is printed too: on a shared machine
the figures are only as good as the cores the benchmark got.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import httpx

from softenv_core.demo import build_demo
from softenv_core.io.dataset_files import dataset_json


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _tree(pid: int) -> list[int]:
    """``pid`` and its descendants (uvicorn's supervisor and its worker processes)."""
    out = [pid]
    for task in Path(f"/proc/{pid}/task").glob("*"):
        children = (task / "children").read_text().split() if (task / "children").exists() else []
        for child in children:
            out += _tree(int(child))
    return out


def _rss_mb(pid: int) -> float:
    total = 0
    for p in _tree(pid):
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except FileNotFoundError:
            pass
    return total / 1024


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _run(clients: int, target: Callable[[], None]) -> None:
    threads = [threading.Thread(target=target) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--clients", type=int, default=10)
    ap.add_argument("--requests", type=int, default=1000)
    ap.add_argument("--single", type=int, default=40, help="requests of the one-client run")
    ap.add_argument("--warmup", type=int, default=100, help="concurrent requests before memory is measured")
    args = ap.parse_args()

    body = dataset_json(build_demo(year=2025, seed=20220301)).encode("utf-8")
    port = _free_port()
    url = f"http://127.0.0.1:{port}/v1/assess?year=2025"
    cmd = [sys.executable, "-m", "softenv_core.cli.main", "serve", "--port", str(port)]
    cmd += ["--workers", str(args.workers), "--max-in-flight", str(args.clients + 2)]
    server = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(300):
            try:
                if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.2)
        else:
            raise SystemExit("the server did not start")

        with httpx.Client(timeout=120) as c:
            for _ in range(2 * args.workers + 2):  # warm every worker's imports and caches
                c.post(url, content=body).raise_for_status()
            single: list[float] = []
            for _ in range(args.single):
                t0 = time.perf_counter()
                c.post(url, content=body).raise_for_status()
                single.append(time.perf_counter() - t0)

        rss_idle = _rss_mb(server.pid)
        latencies: list[float] = []
        errors: list[str] = []
        lock = threading.Lock()
        remaining = [0]
        samples: list[tuple[int, int]] = []  # (requests done, server RSS MB) every 100 requests

        def client() -> None:
            with httpx.Client(timeout=120) as c:
                while True:
                    with lock:
                        if remaining[0] == 0:
                            return
                        remaining[0] -= 1
                    t0 = time.perf_counter()
                    try:
                        r = c.post(url, content=body)
                        status = r.status_code
                    except httpx.HTTPError as exc:
                        status, r = 0, None
                        errors.append(type(exc).__name__)
                    elapsed = time.perf_counter() - t0
                    with lock:
                        latencies.append(elapsed)
                        if status != 200 and r is not None:
                            errors.append(str(status))
                        if len(latencies) % 100 == 0:
                            samples.append((len(latencies), round(_rss_mb(server.pid))))

        # A concurrent warm-up first: memory with every client's request in flight, once the
        # allocators have their arenas, is the steady state whose growth over the run is
        # measured; a leak shows as growth past it, and the samples show the curve.
        remaining[0] = args.warmup
        _run(args.clients, client)
        rss_before = _rss_mb(server.pid)
        latencies.clear()  # errors of the warm-up still count
        samples.clear()
        remaining[0] = args.requests
        start = time.perf_counter()
        _run(args.clients, client)
        wall = time.perf_counter() - start
        rss_after = _rss_mb(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)

    median1 = statistics.median(single)
    throughput = len(latencies) / wall
    figures = {
        "dataset_mb": round(len(body) / 1e6, 2),
        "workers": args.workers,
        "one_client": {
            "requests": len(single),
            "p50_ms": round(median1 * 1000),
            "p95_ms": round(_pct(single, 0.95) * 1000),
        },
        "concurrent": {
            "clients": args.clients,
            "requests": len(latencies),
            "p50_ms": round(_pct(latencies, 0.5) * 1000),
            "p95_ms": round(_pct(latencies, 0.95) * 1000),
            "errors": len(errors),
            "throughput_rps": round(throughput, 2),
            "seconds": round(wall, 1),
        },
        "server_rss_mb": {
            "idle": round(rss_idle),
            "after_warmup": round(rss_before),
            "after": round(rss_after),
            "every_100": [mb for _, mb in samples],
        },
        "loadavg": [round(x, 2) for x in os.getloadavg()],
        "cpus": os.cpu_count(),
    }
    print(json.dumps(figures, ensure_ascii=False))
    goal = 0.8 * 2 / median1
    targets = [
        ("one client p95 <= 200 ms", _pct(single, 0.95) <= 0.2, f"{_pct(single, 0.95) * 1000:.0f} ms"),
        (
            "throughput >= 80 % of 2 / one-client median",
            throughput >= goal,
            f"{throughput:.2f} req/s vs {goal:.2f} req/s",
        ),
        ("0 errors", not errors, f"{len(errors)} ({', '.join(sorted(set(errors))) or 'none'})"),
        ("memory growth < 10 %", rss_after < 1.1 * rss_before, f"{rss_before:.0f} MB -> {rss_after:.0f} MB"),
    ]
    for name, ok, detail in targets:
        print(json.dumps({"target": name, "holds": ok, "measured": detail}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
