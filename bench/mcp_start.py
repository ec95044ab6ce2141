"""Start-up time of `quotewise mcp` (stdio), as a desktop client sees it.

    .venv/bin/python bench/mcp_start.py [--index DIR] [--runs 15] [--call] [--import MODULE ...]

Each run spawns a fresh ``python -m quotewise mcp --index DIR`` and speaks MCP's stdio framing
(one JSON-RPC message a line): the ``initialize`` request, then, once it is answered, the
``notifications/initialized`` notification and ``tools/list``. The time measured is wall time
from the spawn to the ``tools/list`` response. With ``--call``, the run then sends a
``tools/call`` of ``search`` and also times its response (the first call loads the index).

In the same run, interleaved with those, a bare ``python -c pass`` is spawned and timed the same
way (spawn to exit): the floor any Python server pays, reported beside the server's time and as
a ratio. On Linux the server's CPU time (user + system) at the ``tools/list`` response is also
reported: when it is close to the wall time, start-up is all the server's own work (imports),
not waiting. ``--import MODULE`` also times ``python -c "import MODULE"`` (e.g. ``mcp``), to see
what the SDK alone costs; that child leaves with ``os._exit`` right after the import, since the
server's time also stops before its interpreter tears its modules down. Prints median / p90 /
min of each; writes bench/results/mcp_start.json. The index must exist
(``quotewise ingest --index DIR``).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import ENV, PY, ROOT, median, percentile, save  # noqa: E402

PROTOCOL = "2025-06-18"


def _send(proc: subprocess.Popen, message: dict) -> None:
    proc.stdin.write((json.dumps(message) + "\n").encode())
    proc.stdin.flush()


def _reply(proc: subprocess.Popen, request_id: int) -> dict:
    """The response to ``request_id`` (notifications and log lines on stdout are skipped)."""
    while True:
        line = proc.stdout.readline()
        if not line:
            raise RuntimeError(f"quotewise mcp closed stdout before answering {request_id}")
        msg = json.loads(line)
        if msg.get("id") == request_id:
            if "error" in msg:
                raise RuntimeError(f"request {request_id} failed: {msg['error']}")
            return msg["result"]


def _cpu_seconds(pid: int) -> float | None:
    """CPU seconds (user + system) a running process has used so far, from /proc (Linux; in
    clock ticks, 10 ms), or None."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def time_server(index: str, call: bool, timeout: float) -> dict:
    """Seconds from spawn to the tools/list response (and to the first search response)."""
    errlog = tempfile.TemporaryFile()  # not a pipe: one could fill up and block the server
    t0 = time.perf_counter()
    proc = subprocess.Popen([PY, "-m", "quotewise", "mcp", "--index", index], cwd=ROOT, env=ENV,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=errlog)
    try:
        _send(proc, {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
            "protocolVersion": PROTOCOL, "capabilities": {},
            "clientInfo": {"name": "bench/mcp_start.py", "version": "1"}}})
        _reply(proc, 1)
        t_init = time.perf_counter() - t0
        _send(proc, {"jsonrpc": "2.0", "method": "notifications/initialized"})
        _send(proc, {"jsonrpc": "2.0", "id": 2, "method": "tools/list"})
        tools = _reply(proc, 2)["tools"]
        t_list = time.perf_counter() - t0
        cpu = _cpu_seconds(proc.pid)
        if {t["name"] for t in tools} != {"search", "ask"}:
            raise RuntimeError(f"unexpected tools: {[t['name'] for t in tools]}")
        out = {"initialize": t_init, "tools_list": t_list}
        if cpu is not None:
            out["tools_list_cpu"] = cpu
        if call:
            t1 = time.perf_counter()
            _send(proc, {"jsonrpc": "2.0", "id": 3, "method": "tools/call", "params": {
                "name": "search", "arguments": {"query": "how do I reassure him", "k": 4}}})
            result = _reply(proc, 3)
            if result.get("isError"):
                raise RuntimeError(f"search failed: {result['content']}")
            out["first_search"] = time.perf_counter() - t1
        return out
    except RuntimeError as err:
        proc.kill()
        proc.wait()
        errlog.seek(0)
        raise RuntimeError(f"{err}; its stderr: {errlog.read().decode(errors='replace')[-2000:]}") \
            from None
    finally:
        proc.stdin.close()  # end of input: the server exits
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        proc.stdout.close()
        errlog.close()


def time_python(code: str) -> float:
    """Seconds from spawn to exit of ``python -c CODE``."""
    t0 = time.perf_counter()
    subprocess.run([PY, "-c", code], cwd=ROOT, env=ENV, check=True,
                   stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t0


def summary(values: list[float]) -> dict:
    return {"median": median(values), "p90": percentile(values, 90), "min": min(values),
            "runs": len(values)}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--index", default=str(ROOT / ".quotewise" / "index"),
                    help="index directory (default .quotewise/index; it must exist)")
    ap.add_argument("--runs", type=int, default=15, help="spawns of each kind (default 15)")
    ap.add_argument("--call", action="store_true",
                    help="also time the first tools/call of search (it loads the index)")
    ap.add_argument("--import", dest="modules", action="append", default=[], metavar="MODULE",
                    help="also time `python -c 'import MODULE'` (repeatable)")
    ap.add_argument("--timeout", type=float, default=30, help="seconds a server may take to exit")
    args = ap.parse_args(argv)
    if not Path(args.index).is_dir():
        ap.error(f"no index at {args.index}: build one with "
                 f"`quotewise ingest --index {args.index}`")

    time_server(args.index, False, args.timeout)  # warm-up: page cache, .pyc files
    time_python("pass")
    series: dict[str, list[float]] = {"python -c pass": []}
    for _ in range(args.runs):  # interleaved, so that both kinds see the same noise
        series["python -c pass"].append(time_python("pass"))
        for k, v in time_server(args.index, args.call, args.timeout).items():
            name = {"initialize": "initialize", "tools_list": "tools/list",
                    "tools_list_cpu": "tools/list, CPU seconds", "first_search": "first search"}[k]
            series.setdefault(f"quotewise mcp: {name}", []).append(v)
        for m in args.modules:
            series.setdefault(f"python -c 'import {m}'", []).append(
                time_python(f"import os, {m}; os._exit(0)"))

    stats = {k: summary(v) for k, v in series.items()}
    base = stats["python -c pass"]["median"]
    start = stats["quotewise mcp: tools/list"]["median"]
    print(f"| {args.runs} runs, seconds (wall, but for CPU) | median | p90 | min |")
    print("|---|---|---|---|")
    for k, s in stats.items():
        print(f"| {k} | {s['median']:.3f} | {s['p90']:.3f} | {s['min']:.3f} |")
    print(f"\nspawn to tools/list: {start:.3f} s median, {start / base:.1f}x a bare "
          f"`python -c pass` ({base:.3f} s); {start - base:.3f} s above it")
    path = save("mcp_start", {"runs": args.runs, "python": PY, "index": args.index,
                              "seconds": stats, "raw": series,
                              "ratio_to_bare_python": start / base})
    print(f"→ {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
