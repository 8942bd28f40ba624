"""Load test of the HTTP service: concurrent bursts, then ordinary and hostile requests mixed.

    python benchmarks/service_load.py [--concurrency 200] [--rounds 3] [--chars 5000]
                                      [--article FILE] [--hostile 20] [--src DIR]
                                      [--workers N] [--queue N] [--large-chars N]

Starts ``wording_guard.service.create_app()`` under uvicorn in a subprocess on 127.0.0.1
(a free port, loopback only), waits for /healthz, then for each endpoint sends ``--rounds``
bursts of ``--concurrency`` simultaneous POSTs of the same article (the first ``--chars``
characters of ``--article``, by default the 2024 government work report shipped in
benchmarks/corpus/gwr_2024.txt) with httpx.AsyncClient, and stops the server itself. Before the
bursts, serial requests give the unloaded latency. Reported: errors (non-200 or transport
errors, target 0), wall time and requests/s per burst (median over rounds), p50/p99 latency
over all requests of all bursts. The machine is shared and noisy: read the ratios.

Then the mixed run: ``--concurrency`` ordinary /v1/scan requests (the same article) and
``--hostile`` hostile ones, all sent at once: half 570 KB of HTML with deeply nested,
unclosed markup dense with findings, half 250 KB of plain text with a finding every few
characters (astral characters among them). Reported: errors on the ordinary ones (target
0), what the hostile ones got, /healthz latency polled every 100 ms by a separate process
during the run (target: max under 1 s), and the time from the last response until the CPU
of the server's process tree (the server and every process under it, from /proc) is idle
again (target 2 s or less). ``--src`` serves another source tree (e.g. an older revision
unpacked with git archive) for comparisons; ``--workers``, ``--queue`` and ``--large-chars``
are passed to create_app when given.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import time
from collections import Counter
from html import escape
from pathlib import Path

import httpx

import wording_guard

ROOT = Path(__file__).resolve().parents[1]
# the 2024 government work report, shipped in benchmarks/corpus/ (see its SOURCES.md)
DEFAULT_ARTICLE = ROOT / "benchmarks" / "corpus" / "gwr_2024.txt"
SERVER = """
import json, sys, uvicorn
from wording_guard.scanner import default_scanner
from wording_guard.service import create_app
default_scanner()
app = create_app(**json.loads(sys.argv[2]))
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
"""
# polls /healthz every 100 ms until its stdin closes, then prints the latencies (JSON): a
# process of its own, so that the load client's event loop does not delay the polls
POLLER = """
import json, select, sys, time, httpx
lat = []
with httpx.Client(timeout=30) as client:
    while not select.select([sys.stdin], [], [], 0)[0]:
        t0 = time.perf_counter()
        try:
            client.get(sys.argv[1]).raise_for_status()
            lat.append(time.perf_counter() - t0)
        except httpx.HTTPError:
            lat.append(float("inf"))
        time.sleep(max(0.0, 0.1 - (time.perf_counter() - t0)))
print(json.dumps(lat))
"""
IDLE_WINDOW_S = 0.5
IDLE_SHARE = 0.05  # of one core: "idle" is under this for IDLE_WINDOW_S


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def start_server(
    port: int, app_args: dict[str, object], src: Path | None = None, wait_s: float = 120.0
) -> subprocess.Popen[bytes]:
    env = dict(os.environ)
    if src is not None:
        env["PYTHONPATH"] = str(src)
    proc = subprocess.Popen(
        [sys.executable, "-c", SERVER, str(port), json.dumps(app_args)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
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


def stop_server(proc: subprocess.Popen[bytes]) -> list[int]:
    """Stop the server; the processes of its tree still there 2 s later (target: none)."""
    tree = descendants(proc.pid)
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    deadline = time.monotonic() + 2
    while time.monotonic() < deadline and any(Path(f"/proc/{p}").exists() for p in tree):
        time.sleep(0.05)
    return [p for p in tree if Path(f"/proc/{p}").exists()]


def descendants(pid: int) -> list[int]:
    """The processes under ``pid`` (Linux /proc; empty elsewhere)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def tree_cpu_s(pid: int) -> float:
    """CPU seconds (user + system) used so far by ``pid`` and the processes under it."""
    total = 0
    for p in [pid, *descendants(pid)]:
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / os.sysconf("SC_CLK_TCK")


def seconds_until_idle(pid: int, since: float, limit_s: float = 30.0) -> float:
    """Seconds from ``since`` (a perf_counter time) to the start of the first window of
    IDLE_WINDOW_S in which the process tree used under IDLE_SHARE of a core."""
    samples = [(time.perf_counter(), tree_cpu_s(pid))]
    while samples[-1][0] - since < limit_s:
        time.sleep(0.05)
        now, cpu = time.perf_counter(), tree_cpu_s(pid)
        samples.append((now, cpu))
        start = next((x for x in reversed(samples) if now - x[0] >= IDLE_WINDOW_S), None)
        if start is not None and cpu - start[1] < IDLE_SHARE * (now - start[0]):
            return max(0.0, start[0] - since)
    return float("inf")


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


# never closed, so the nesting deepens to the end of the page; a finding in every piece
HOSTILE_HTML_PIECE = "<div><p><span>要认真布署党的２０大"
# a finding every few characters, an astral character (two UTF-16 units) in every piece
HOSTILE_TEXT_PIECE = "𠀀党的２０大要认真布署。"


def hostile_payloads(count: int) -> list[bytes]:
    html = HOSTILE_HTML_PIECE * (570_000 // len(HOSTILE_HTML_PIECE.encode()))
    text = (HOSTILE_TEXT_PIECE * (80_000 // len(HOSTILE_TEXT_PIECE) + 1))[:80_000]
    bodies = [{"text": html, "format": "html"}, {"text": text}]
    return [json.dumps(bodies[i % 2], ensure_ascii=False).encode() for i in range(count)]


async def run_mixed(
    base: str, normal: bytes, concurrency: int, hostile: list[bytes]
) -> list[tuple[str, str, float, float]]:
    """All requests at once, the hostile ones first; (kind, outcome, latency, end time)."""
    results: list[tuple[str, str, float, float]] = []
    total = concurrency + len(hostile)
    limits = httpx.Limits(max_connections=total, max_keepalive_connections=total)
    headers = {"content-type": "application/json"}
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=120) as client:

        async def send(kind: str, body: bytes) -> None:
            t0 = time.perf_counter()
            try:
                resp = await client.post("/v1/scan", content=body, headers=headers)
                outcome = str(resp.status_code)
            except httpx.HTTPError as exc:
                outcome = type(exc).__name__
            end = time.perf_counter()
            results.append((kind, outcome, end - t0, end))

        await asyncio.gather(
            *(send("hostile", body) for body in hostile),
            *(send("normal", normal) for _ in range(concurrency)),
        )
    return results


def mixed_run(
    base: str, server_pid: int, normal: bytes, concurrency: int, hostile: list[bytes]
) -> dict[str, object]:
    poller = subprocess.Popen(
        [sys.executable, "-c", POLLER, f"{base}/healthz"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    time.sleep(0.5)  # a few polls of the idle server first
    t0 = time.perf_counter()
    results = asyncio.run(run_mixed(base, normal, concurrency, hostile))
    last = max(end for *_, end in results)
    assert poller.stdin is not None
    poller.stdin.close()
    idle = seconds_until_idle(server_pid, last)
    assert poller.stdout is not None
    health = json.loads(poller.stdout.read())
    poller.wait()
    return {"results": results, "wall": last - t0, "idle": idle, "health": health}


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
    parser.add_argument(
        "--hostile", type=int, default=20, help="hostile requests in the mixed run (0: none)"
    )
    parser.add_argument(
        "--src", type=Path, help="serve this source tree (PYTHONPATH) instead of the installed one"
    )
    parser.add_argument("--workers", type=int, help="create_app(workers=...)")
    parser.add_argument("--queue", type=int, help="create_app(queue=...)")
    parser.add_argument("--large-chars", type=int, help="create_app(large_chars=...)")
    parser.add_argument(
        "--bursts", action=argparse.BooleanOptionalAction, default=True, help="run the bursts"
    )
    args = parser.parse_args(argv)
    if args.article.resolve() == DEFAULT_ARTICLE:  # the default, however it was spelled
        args.article = DEFAULT_ARTICLE
    if not 1 <= args.concurrency <= 1000 or not 1 <= args.rounds <= 20:
        parser.error("keep the load bounded: concurrency 1..1000, rounds 1..20")
    if not 0 <= args.hostile <= 100:
        parser.error("keep the load bounded: hostile 0..100")
    app_args = {
        name: value
        for name, value in (
            ("workers", args.workers),
            ("queue", args.queue),
            ("large_chars", args.large_chars),
        )
        if value is not None
    }

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
    base = f"http://127.0.0.1:{port}"
    t0 = time.perf_counter()
    proc = start_server(port, app_args, args.src)
    startup = time.perf_counter() - t0
    results = {}
    mixed: dict[str, object] = {}
    left: list[int] = []
    try:
        for path, payload in payloads.items() if args.bursts else ():
            results[path] = asyncio.run(
                run_endpoint(
                    base, path, payload, args.concurrency, args.rounds, max(4, args.serial)
                )
            )
        if args.hostile:
            normal = json.dumps(payloads["/v1/scan"], ensure_ascii=False).encode()
            mixed = mixed_run(
                base, proc.pid, normal, args.concurrency, hostile_payloads(args.hostile)
            )
        workers = len(descendants(proc.pid))
    finally:
        left = stop_server(proc)

    cmd = "python benchmarks/service_load.py" + "".join(
        f" --{k} {v}"
        for k, v, d in (
            ("concurrency", args.concurrency, 200),
            ("rounds", args.rounds, 3),
            ("chars", args.chars, 5000),
            ("article", args.article, DEFAULT_ARTICLE),
            ("hostile", args.hostile, 20),
            ("src", args.src, None),
            ("workers", args.workers, None),
            ("queue", args.queue, None),
            ("large-chars", args.large_chars, None),
        )
        if v != d
    )
    if not args.bursts:
        cmd += " --no-bursts"
    settings = ", ".join(f"{k}={v}" for k, v in app_args.items()) or "default settings"
    lines = [
        "## HTTP service under concurrent load",
        "",
        f"Command: `{cmd}`",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, load average {os.getloadavg()[0]:.1f} at the end; "
        f"wording_guard {wording_guard.__version__}"
        f"{f' (served from {args.src})' if args.src else ''}; uvicorn in a "
        f"subprocess on 127.0.0.1 (create_app with {settings}; {workers} processes under "
        f"the server), ready in {startup:.1f} s (includes loading the scanner).",
        f"Payload: first {len(article)} characters of {args.article.name} "
        f"({len(article.encode('utf-8')) / 1024:.1f} KB UTF-8); /v1/scan as plain text, "
        f"/v1/documents as title + HTML body ({len(html)} chars, paragraphs in <p>) + dates, "
        "no attachments.",
    ]
    failed = 0
    if results:
        lines += [
            f"Each endpoint: {args.rounds} bursts of {args.concurrency} simultaneous requests "
            f"(httpx.AsyncClient, up to {args.concurrency} connections); serial = one request "
            "at a time before the bursts.",
            "",
            "| endpoint | requests | errors | burst wall time (median) | requests/s (median) "
            "| p50 latency | p99 latency | serial p50 | serial req/s | burst p50 / serial p50 |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
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
            f"Errors: {failed} (target 0: {'met' if failed == 0 else 'NOT met'}). Under a "
            "burst the requests wait for the server's worker processes (one per core by "
            "default), so latency grows with the burst size and is mostly waiting time; "
            f"/v1/scan burst throughput is {scan_rps / scan_serial:.2f}× its serial rate (the "
            "client shares the cores and handles all connections at once).",
            "",
        ]
    if mixed:
        failed += mixed_lines(lines, mixed, args.concurrency, args.hostile)
    lines += [
        f"Processes of the server's tree left 2 s after it was stopped: {len(left)} "
        f"(target 0: {'met' if not left else 'NOT met'}).",
        "",
    ]
    failed += len(left)
    print("\n".join(lines))
    for r in results.values():
        for e in r["errors"][:10]:  # type: ignore[index]
            print(f"error: {e}", file=sys.stderr)
    return 1 if failed else 0


def mixed_lines(lines: list[str], mixed: dict[str, object], concurrency: int, hostile: int) -> int:
    """Add the mixed run's report to ``lines``; the number of targets missed."""
    results: list[tuple[str, str, float, float]] = mixed["results"]  # type: ignore[assignment]
    health: list[float] = mixed["health"]  # type: ignore[assignment]
    idle: float = mixed["idle"]  # type: ignore[assignment]
    normal = [(outcome, lat) for kind, outcome, lat, _ in results if kind == "normal"]
    normal_errors = [o for o, _ in normal if o != "200"]
    hostile_outcomes = Counter(outcome for kind, outcome, _, _ in results if kind == "hostile")
    normal_lat = [lat for _, lat in normal]
    hostile_lat = [lat for kind, _, lat, _ in results if kind == "hostile"]
    worst_health = max(health) if health else float("inf")
    targets = [
        ("errors on the ordinary requests", f"{len(normal_errors)}", "0", not normal_errors),
        ("/healthz latency, max", f"{worst_health * 1e3:.0f} ms", "< 1 s", worst_health < 1),
        (
            "CPU of the server's tree idle again after the last response",
            f"{idle:.2f} s",
            "≤ 2 s",
            idle <= 2,
        ),
    ]
    lines += [
        f"Mixed run: {concurrency} ordinary /v1/scan requests (the payload above) and "
        f"{hostile} hostile ones sent at once, the hostile ones first: half 570 KB of HTML "
        "whose never-closed tags nest ever deeper, with a finding in every piece, half 250 KB "
        "of plain text with a finding every few characters (an astral character in each "
        f"piece). Wall time {mixed['wall']:.2f} s. /healthz polled every 100 ms by a separate "
        f"process ({len(health)} polls); the server's CPU read from /proc (utime + stime of "
        f"the server and every process under it), idle = under {IDLE_SHARE:.0%} of a core "
        f"for {IDLE_WINDOW_S} s.",
        "",
        "| requests | count | outcomes | p50 latency | p99 latency |",
        "|---|---:|---|---:|---:|",
        f"| ordinary | {len(normal)} | "
        + ", ".join(f"{n}× {o}" for o, n in sorted(Counter(o for o, _ in normal).items()))
        + f" | {statistics.median(normal_lat) * 1e3:.0f} ms | "
        f"{percentile(normal_lat, 0.99) * 1e3:.0f} ms |",
        f"| hostile | {sum(hostile_outcomes.values())} | "
        + ", ".join(f"{n}× {o}" for o, n in sorted(hostile_outcomes.items()))
        + f" | {statistics.median(hostile_lat) * 1e3:.0f} ms | "
        f"{percentile(hostile_lat, 0.99) * 1e3:.0f} ms |",
        "",
        f"/healthz during the run: p50 {statistics.median(health) * 1e3:.0f} ms, "
        f"p99 {percentile(health, 0.99) * 1e3:.0f} ms, max {worst_health * 1e3:.0f} ms.",
        "",
        "| target | value | goal | met |",
        "|---|---:|---:|:-:|",
        *(
            f"| {name} | {value} | {goal} | {'yes' if ok else 'NO'} |"
            for name, value, goal, ok in targets
        ),
        "",
    ]
    return sum(not ok for *_, ok in targets)


if __name__ == "__main__":
    raise SystemExit(main())
