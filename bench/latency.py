"""Warm latency of `Assistant.ask` and `Assistant.search` over the labelled questions.

    .venv/bin/python bench/latency.py [--index DIR] [--repeats 3]

Each repeat times every question once (after one warm-up pass); the table shows the median
over repeats of each percentile. Besides the 128 questions of eval/questions.jsonl, `ask` is
timed on the real people's letters of eval/real/ that run to 1,000 characters or more.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import ROOT, median, percentile, save  # noqa: E402


LETTER_CHARS = 1000


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--index", default=None)
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args(argv)
    from assistant import Assistant

    qa = Assistant.load_or_build(args.index)
    qs = [json.loads(line)["question"] for line in open(ROOT / "eval" / "questions.jsonl") if line.strip()]
    for q in qs:  # warm-up
        qa.ask(q)
    letters = [json.loads(line)["question"] for split in ("dev", "test")
               for line in open(ROOT / "eval" / "real" / f"{split}.jsonl") if line.strip()]
    letters = [q for q in letters if len(q) >= LETTER_CHARS]
    for q in letters:  # warm-up
        qa.ask(q)
    stats = {n: {"p50": [], "p95": []} for n in ("ask", "search", "letters")}
    for _ in range(args.repeats):
        for name, fn, questions in (("ask", lambda q: qa.ask(q), qs),
                                    ("search", lambda q: qa.search(q, k=4), qs),
                                    ("letters", lambda q: qa.ask(q), letters)):
            times = []
            for q in questions:
                t = time.perf_counter()
                fn(q)
                times.append((time.perf_counter() - t) * 1e3)
            stats[name]["p50"].append(percentile(times, 50))
            stats[name]["p95"].append(percentile(times, 95))
    res = {k: {p: median(v) for p, v in d.items()} for k, d in stats.items()}
    save("latency", {"median_of_repeats": res, "questions": len(qs), "letters": len(letters),
                     "repeats": args.repeats})
    print(f"| call (warm, {len(qs)} questions, median of {args.repeats} repeats) | p50 | p95 | goal |")
    print("|---|---|---|---|")
    print(f"| `Assistant.ask` | {res['ask']['p50']:.1f} ms | {res['ask']['p95']:.1f} ms | p50 < 30 ms, p95 ≤ 20 ms |")
    print(f"| `Assistant.search` (k=4) | {res['search']['p50']:.1f} ms | {res['search']['p95']:.1f} ms | p95 ≤ 15 ms |")
    print(f"| `Assistant.ask`, {len(letters)} letters of {LETTER_CHARS:,}+ characters "
          f"| {res['letters']['p50']:.1f} ms | {res['letters']['p95']:.1f} ms | p95 ≤ 20 ms |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
