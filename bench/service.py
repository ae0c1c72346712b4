"""Latency and throughput of `verify serve` on this machine, run by hand:

    python bench/service.py [--workers 1] [--processes N] [--seconds 10] [--concurrency 8]

Starts `verify serve` on a free port of 127.0.0.1 and waits for /healthz. Then, with ~4 KB articles
generated as in bench/throughput.py: the median and p99 latency of sequential requests on one
keep-alive connection; then `--concurrency` client threads, each with its own connection, posting
for `--seconds` seconds: requests/s, p50, p99 and any non-200 answers. The client runs on the same
machine and takes some of its CPU; the in-process check time of the same articles is printed for
comparison.
"""

from __future__ import annotations

import argparse
import http.client
import json
import random
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from throughput import article  # noqa: E402

import verify  # noqa: E402

HEADERS = {"Content-Type": "application/json"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(port: int, workers: int, processes: int | None) -> subprocess.Popen:
    args = [sys.executable, "-m", "verify", "serve", "--port", str(port), "--workers", str(workers)]
    if processes:
        args += ["--processes", str(processes)]
    server = subprocess.Popen(args, stderr=subprocess.DEVNULL)  # no access log on the terminal
    end = time.monotonic() + 120
    while time.monotonic() < end:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/healthz")
            ready = json.loads(conn.getresponse().read())["processes"]
            conn.close()
            if ready["ready"] == ready["total"]:
                return server
        except (OSError, ValueError):
            pass
        time.sleep(0.1)
    server.kill()
    sys.exit("the server did not become ready in 120 s")


def post(conn: http.client.HTTPConnection, body: bytes) -> tuple[int, float]:
    t0 = time.perf_counter()
    conn.request("POST", "/v1/check", body=body, headers=HEADERS)
    response = conn.getresponse()
    response.read()
    return response.status, time.perf_counter() - t0


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p))]


def sequential(port: int, bodies: list[bytes], n: int) -> list[float]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    latencies = []
    for i in range(n):
        status, seconds = post(conn, bodies[i % len(bodies)])
        assert status == 200, status
        latencies.append(seconds)
    conn.close()
    return latencies


def concurrent(port: int, bodies: list[bytes], threads: int, seconds: float) -> tuple[list[float], int, float]:
    latencies: list[float] = []
    failures = [0]
    lock = threading.Lock()
    start = time.perf_counter()
    stop = start + seconds

    def client(k: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        i = k
        mine, bad = [], 0
        while time.perf_counter() < stop:
            status, took = post(conn, bodies[i % len(bodies)])
            mine.append(took)
            bad += status != 200
            i += threads
        conn.close()
        with lock:
            latencies.extend(mine)
            failures[0] += bad

    pool = [threading.Thread(target=client, args=(k,)) for k in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    return latencies, failures[0], time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--processes", type=int, help="check processes per worker (default: the server's)")
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--requests", type=int, default=300, help="sequential requests")
    args = parser.parse_args()
    rng = random.Random(7)
    texts = [article(rng) for _ in range(100)]
    bodies = [json.dumps({"text": t, "published": "2016-10-08"}).encode("utf-8") for t in texts]
    verify.check_text(texts[0])
    inproc = []
    for t in texts:
        t0 = time.perf_counter()
        json.dumps(verify.check_text(t, date="2016-10-08").to_dict())
        inproc.append(time.perf_counter() - t0)
    print(f"articles: {len(texts)}, mean {statistics.mean(map(len, texts)):,.0f} chars; in-process check + JSON: "
          f"median {statistics.median(inproc) * 1e3:.2f} ms")

    port = free_port()
    t0 = time.perf_counter()
    server = start_server(port, args.workers, args.processes)
    print(f"server: {args.workers} worker(s); ready in {time.perf_counter() - t0:.1f} s")
    try:
        sequential(port, bodies, 20)  # warm the connection and the processes
        lat = sequential(port, bodies, args.requests)
        print(f"sequential, one connection: median {statistics.median(lat) * 1e3:.2f} ms, "
              f"p99 {percentile(lat, 0.99) * 1e3:.2f} ms over {len(lat)} requests")
        lat, failures, elapsed = concurrent(port, bodies, args.concurrency, args.seconds)
        print(f"concurrent, {args.concurrency} connections for {elapsed:.1f} s: {len(lat) / elapsed:,.0f} requests/s, "
              f"p50 {percentile(lat, 0.5) * 1e3:.2f} ms, p99 {percentile(lat, 0.99) * 1e3:.2f} ms, "
              f"{failures} not 200")
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(60)


if __name__ == "__main__":
    main()
