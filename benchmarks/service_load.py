"""Load test of the HTTP service: bursts of concurrent /v1/scan and /v1/documents requests.

    python benchmarks/service_load.py [--concurrency 200] [--rounds 3] [--chars 5000]
                                      [--article FILE]

Starts ``wording_guard.service.create_app()`` under uvicorn in a subprocess on 127.0.0.1
(a free port, loopback only), waits for /healthz, then for each endpoint sends ``--rounds``
bursts of ``--concurrency`` simultaneous POSTs of the same article (the first ``--chars``
characters of ``--article``, by default the 2024 government work report shipped in
benchmarks/corpus/gwr_2024.txt) with httpx.AsyncClient, and stops the server itself. Before the
bursts, serial requests give the unloaded latency. Reported: errors (non-200 or transport
errors, target 0), wall time and requests/s per burst (median over rounds), p50/p99 latency
over all requests of all bursts. The machine is shared and noisy: read the ratios.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import socket
import statistics
import subprocess
import sys
import time
from html import escape
from pathlib import Path

import httpx

import wording_guard

ROOT = Path(__file__).resolve().parents[1]
# the 2024 government work report, shipped in benchmarks/corpus/ (see its SOURCES.md)
DEFAULT_ARTICLE = ROOT / "benchmarks" / "corpus" / "gwr_2024.txt"
SERVER = """
import sys, uvicorn
from wording_guard.scanner import default_scanner
from wording_guard.service import create_app
default_scanner()
uvicorn.run(create_app(), host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
"""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def start_server(port: int, wait_s: float = 120.0) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen(
        [sys.executable, "-c", SERVER, str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
            raise RuntimeError(f"server exited with {proc.returncode}:\n{err[-2000:]}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200:
                return proc
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    stop_server(proc)
    raise RuntimeError(f"server did not answer /healthz within {wait_s:.0f} s")


def stop_server(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


async def one(
    client: httpx.AsyncClient,
    path: str,
    payload: dict[str, object],
    latencies: list[float],
    errors: list[str],
) -> None:
    t0 = time.perf_counter()
    try:
        resp = await client.post(path, json=payload)
        if resp.status_code != 200:
            errors.append(f"{path}: HTTP {resp.status_code} {resp.text[:200]}")
    except httpx.HTTPError as exc:
        errors.append(f"{path}: {type(exc).__name__}: {exc}")
    latencies.append(time.perf_counter() - t0)


async def run_endpoint(
    base: str, path: str, payload: dict[str, object], concurrency: int, rounds: int, serial: int
) -> dict[str, object]:
    serial_lat: list[float] = []
    errors: list[str] = []
    async with httpx.AsyncClient(base_url=base, timeout=120) as client:
        for _ in range(serial):
            await one(client, path, payload, serial_lat, errors)
    serial_lat = serial_lat[min(3, serial - 1) :]  # drop the warm-up requests
    walls: list[float] = []
    latencies: list[float] = []
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    for _ in range(rounds):
        # a fresh client per burst: connections left idle between bursts would outlive
        # uvicorn's 5 s keep-alive and race with its close (a client-side artefact)
        async with httpx.AsyncClient(base_url=base, limits=limits, timeout=120) as client:
            t0 = time.perf_counter()
            await asyncio.gather(
                *(one(client, path, payload, latencies, errors) for _ in range(concurrency))
            )
            walls.append(time.perf_counter() - t0)
    return {"errors": errors, "walls": walls, "latencies": latencies, "serial": serial_lat}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--article",
        type=Path,
        default=DEFAULT_ARTICLE,
        metavar="FILE",
        help="UTF-8 text whose first --chars characters are sent (default: %(default)s)",
    )
    parser.add_argument("--chars", type=int, default=5000)
    parser.add_argument("--concurrency", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--serial",
        type=int,
        default=43,
        help="serial requests before the bursts (first 3 are warm-up)",
    )
    args = parser.parse_args(argv)
    if args.article.resolve() == DEFAULT_ARTICLE:  # the default, however it was spelled
        args.article = DEFAULT_ARTICLE
    if not 1 <= args.concurrency <= 1000 or not 1 <= args.rounds <= 20:
        parser.error("keep the load bounded: concurrency 1..1000, rounds 1..20")

    article = args.article.read_text(encoding="utf-8")[: args.chars]
    html = "".join(f"<p>{escape(p)}</p>\n" for p in article.splitlines() if p.strip())
    payloads = {
        "/v1/scan": {"text": article, "date": "2024-03-05"},
        "/v1/documents": {
            "title": "政府工作报告",
            "body": html,
            "body_format": "html",
            "written_date": "2024-03-05",
            "publish_date": "2024-03-13",
        },
    }
    port = free_port()
    t0 = time.perf_counter()
    proc = start_server(port)
    startup = time.perf_counter() - t0
    results = {}
    try:
        for path, payload in payloads.items():
            results[path] = asyncio.run(
                run_endpoint(
                    f"http://127.0.0.1:{port}",
                    path,
                    payload,
                    args.concurrency,
                    args.rounds,
                    max(4, args.serial),
                )
            )
    finally:
        stop_server(proc)

    cmd = "python benchmarks/service_load.py" + "".join(
        f" --{k} {v}"
        for k, v, d in (
            ("concurrency", args.concurrency, 200),
            ("rounds", args.rounds, 3),
            ("chars", args.chars, 5000),
            ("article", args.article, DEFAULT_ARTICLE),
        )
        if v != d
    )
    lines = [
        "## HTTP service under concurrent load",
        "",
        f"Command: `{cmd}`",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, load average {os.getloadavg()[0]:.1f} at the end; "
        f"wording_guard {wording_guard.__version__}; uvicorn in a "
        f"subprocess on 127.0.0.1 (default settings, one worker), ready in {startup:.1f} s "
        "(includes loading the scanner).",
        f"Payload: first {len(article)} characters of {args.article.name} "
        f"({len(article.encode('utf-8')) / 1024:.1f} KB UTF-8); /v1/scan as plain text, "
        f"/v1/documents as title + HTML body ({len(html)} chars, paragraphs in <p>) + dates, "
        "no attachments.",
        f"Each endpoint: {args.rounds} bursts of {args.concurrency} simultaneous requests "
        f"(httpx.AsyncClient, up to {args.concurrency} connections); serial = one request at "
        "a time before the bursts.",
        "",
        "| endpoint | requests | errors | burst wall time (median) | requests/s (median) "
        "| p50 latency | p99 latency | serial p50 | serial req/s | burst p50 / serial p50 |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    failed = 0
    for path, r in results.items():
        walls, lat, serial = r["walls"], r["latencies"], r["serial"]  # type: ignore[misc]
        wall = statistics.median(walls)
        s50 = statistics.median(serial)
        failed += len(r["errors"])  # type: ignore[arg-type]
        lines.append(
            f"| {path} | {len(lat)} | {len(r['errors'])} | {wall:.2f} s | "  # type: ignore[arg-type]
            f"{args.concurrency / wall:.0f} | {statistics.median(lat) * 1e3:.0f} ms | "
            f"{percentile(lat, 0.99) * 1e3:.0f} ms | {s50 * 1e3:.1f} ms | {1 / s50:.0f} | "
            f"{statistics.median(lat) / s50:.0f}× |"
        )
    scan_rps = args.concurrency / statistics.median(results["/v1/scan"]["walls"])  # type: ignore[arg-type]
    scan_serial = 1 / statistics.median(results["/v1/scan"]["serial"])  # type: ignore[arg-type]
    lines += [
        "",
        f"Errors: {failed} (target 0: {'met' if failed == 0 else 'NOT met'}). Under a burst "
        "every request queues behind the others (one server process; the GIL serializes "
        "the scans), so latency grows with the burst size and is mostly waiting time; "
        f"/v1/scan burst throughput is {scan_rps / scan_serial:.2f}× its serial rate (the "
        "client shares the cores and handles all connections at once). More throughput "
        "needs more server processes (uvicorn --workers), not more threads.",
        "",
    ]
    print("\n".join(lines))
    for r in results.values():
        for e in r["errors"][:10]:  # type: ignore[index]
            print(f"error: {e}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
