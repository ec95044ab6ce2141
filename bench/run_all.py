"""`make bench`: every benchmark, one after another, tables written into docs/BENCHMARKS.md.

    .venv/bin/python bench/run_all.py [--quick]

Each table in docs/BENCHMARKS.md sits between <!-- name:start --> and <!-- name:end --> markers
and is replaced with the new run's output; the rest of the file is left alone.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "BENCHMARKS.md"
PY = sys.executable


def run(name: str, args: list[str]) -> str:
    cmd = [PY, f"bench/{name}.py", *args]
    print("$", " ".join(cmd[1:]), file=sys.stderr, flush=True)
    out = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"{name} failed:\n{out.stderr[-3000:]}")
    return out.stdout.strip()


def put(doc: str, key: str, table: str, command: str) -> str:
    block = (f"<!-- {key}:start -->\nMeasured {time.strftime('%Y-%m-%d')} with `{command}`:\n\n"
             f"{table}\n<!-- {key}:end -->")
    pattern = re.compile(rf"<!-- {key}:start -->.*?<!-- {key}:end -->", re.S)
    return pattern.sub(lambda _: block, doc) if pattern.search(doc) else doc + "\n\n" + block + "\n"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="fewer repeats and no 1M-chunk corpus")
    ap.add_argument("--soak", action="store_true", help="also run the 10-minute soak")
    args = ap.parse_args(argv)
    jobs = [
        ("quality", []),
        ("generalization", ["--split", "test"]),
        ("latency", ["--repeats", "3"]),
        ("calibrate_abstention", []),
        ("baseline", ["--repeats", "2" if args.quick else "5"]),
        ("beir", ["--data", "../shared/benchmarks/scifact"]),
        ("scale", ["--sizes", "10000,100000" if args.quick else "10000,100000,1000000"]),
        ("load", ["--clients", "16", "--seconds", "60"]),
        ("mcp_start", ["--call", "--import", "mcp"]),
    ]
    if args.soak:
        jobs.append(("load", ["--clients", "4", "--seconds", "600", "--soak"]))
    doc = DOC.read_text(encoding="utf-8") if DOC.exists() else "# Benchmarks\n"
    for name, a in jobs:
        table = run(name, a)
        key = "soak" if "--soak" in a else name
        doc = put(doc, key, table, " ".join([".venv/bin/python", f"bench/{name}.py", *a]))
        DOC.write_text(doc, encoding="utf-8")
    print(f"updated {DOC}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
