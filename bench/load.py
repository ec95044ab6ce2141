"""Bounded load and soak test of `POST /api/ask` on loopback.

    .venv/bin/python bench/load.py --clients 16 --seconds 60          # load
    .venv/bin/python bench/load.py --clients 4 --seconds 600 --soak   # 10-minute soak

Starts its own server on 127.0.0.1 (nothing else is ever contacted), runs `--clients` threads
asking the labelled questions round-robin for `--seconds`, then stops. Reports throughput,
p50/p95/p99 latency and errors; with --soak, the server's RSS sampled every 10 s.
"""

from __future__ import annotations

import argparse
import itertools
import json
import socket
import sys
import threading
import time
from pathlib import Path

import httpx
import psutil

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import ROOT, percentile, save  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--clients", type=int, default=16)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--soak", action="store_true")
    ap.add_argument("--index", default=None)
    args = ap.parse_args(argv)
    from assistant import Assistant
    from ui.app import launch

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    qa = Assistant.load_or_build(args.index)
    server = launch(qa, host="127.0.0.1", port=port)
    questions = [json.loads(line)["question"] for line in open(ROOT / "eval" / "questions.jsonl")]
    cycle = itertools.cycle(questions)
    lock = threading.Lock()
    lat, errors = [], []
    deadline = time.monotonic() + args.seconds
    proc = psutil.Process()
    rss = [(0.0, proc.memory_info().rss / 2**20)]

    def client():
        with httpx.Client(base_url=server.url, timeout=30) as c:
            while time.monotonic() < deadline:
                with lock:
                    q = next(cycle)
                t = time.perf_counter()
                try:
                    r = c.post("/api/ask", json={"question": q})
                    ok = r.status_code == 200 and "quotes" in r.json()
                except httpx.HTTPError as e:
                    ok, r = False, e
                with lock:
                    (lat if ok else errors).append((time.perf_counter() - t) * 1e3 if ok else str(r))

    threads = [threading.Thread(target=client) for _ in range(args.clients)]
    t0 = time.monotonic()
    for t in threads:
        t.start()
    while any(t.is_alive() for t in threads):
        time.sleep(10 if args.soak else 1)
        if args.soak:
            rss.append((time.monotonic() - t0, proc.memory_info().rss / 2**20))
    elapsed = time.monotonic() - t0
    server.close()
    res = {"clients": args.clients, "seconds": elapsed, "requests": len(lat), "errors": len(errors),
           "throughput_rps": len(lat) / elapsed, "p50_ms": percentile(lat, 50),
           "p95_ms": percentile(lat, 95), "p99_ms": percentile(lat, 99), "rss_mib": rss}
    save("soak" if args.soak else "load", res)
    kind = "soak" if args.soak else "load"
    print(f"| {kind} | clients | seconds | requests | errors | req/s | p50 | p95 | p99 |")
    print("|---|---|---|---|---|---|---|---|---|")
    print(f"| POST /api/ask | {args.clients} | {elapsed:.0f} | {len(lat)} | {len(errors)} | "
          f"{res['throughput_rps']:.1f} | {res['p50_ms']:.0f} ms | {res['p95_ms']:.0f} ms | {res['p99_ms']:.0f} ms |")
    if args.soak:
        first, last = rss[1][1], rss[-1][1]
        print(f"\nServer RSS: {first:.0f} MiB after 10 s, {last:.0f} MiB at the end "
              f"({last - first:+.0f} MiB over {elapsed / 60:.0f} min); samples every 10 s in bench/results/soak.json")
    return 0 if not errors else 1


if __name__ == "__main__":
    sys.exit(main())
