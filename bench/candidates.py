"""Where the gold stands among the sentences an answer is chosen from (dev splits only).

    .venv/bin/python bench/candidates.py [--work DIR] [--sets NAME ...]

For every graded question of each dev set (`bench/sweep.py`'s sets, same indexes in
``--work``), the candidate sentences `Assistant.ask` scores are ranked by their score, and the
best-ranked sentence that lies in a gold quote (at least half of the sentence inside it, same
article) is found. Prints, per set, the share of graded questions whose gold is among the
candidates at all and how the rank of the best gold sentence falls (1-3, 4-7, 8-12, 13-20,
21+). A hit rate well under the candidates' share means ranking and selection lose answers;
a low share means retrieval never brings them.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections import Counter
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.generalization import all_sets, choose_sets  # noqa: E402
from bench.sweep import index_for  # noqa: E402

BANDS = ((3, "1-3"), (7, "4-7"), (12, "8-12"), (20, "13-20"))


def band(rank: int | None) -> str:
    if rank is None:
        return "not a candidate"
    return next((name for top, name in BANDS if rank < top), "21+")


def gold_ranks(qa, questions) -> list[int | None]:
    """For each graded question, the 0-based rank of its best gold sentence among the scored
    candidates (None when no candidate lies in a gold quote)."""
    from eval.metrics import gold_spans

    st = qa._state
    ranks = []
    for q in questions:
        if not q.gold:
            continue
        spans = [(g.doc_id, a, b) for g in q.gold if g.doc_id in st.data.documents
                 for a, b in gold_spans(st.data.documents[g.doc_id].text, g.quote)]
        scored = qa._assess(st, q.question).scored
        order = sorted(scored.scores, key=scored.scores.__getitem__, reverse=True) if scored else []
        rank = None
        for i, r in enumerate(order):
            s = st.data.sentences[r]
            if any(s.doc_id == d and min(s.end, e) - max(s.start, b) >= (s.end - s.start) / 2
                   for d, b, e in spans):
                rank = i
                break
        ranks.append(rank)
    return ranks


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "quotewise-sweep")
    ap.add_argument("--sets", nargs="+", default=None)
    args = ap.parse_args(argv)
    from assistant import Assistant
    from eval.loader import load_eval_set

    sets = {n: spec for n, spec in all_sets().items() if "dev" in spec["questions"]}
    names = choose_sets(args.sets, sets)
    columns = ["gold among candidates", *(name for _, name in BANDS), "21+", "not a candidate"]
    print("| dev set | graded | " + " | ".join(columns) + " |")
    print("|---" * (len(columns) + 2) + "|")
    for name in names:
        spec = sets[name]
        qa = Assistant.load(index_for(spec["folders"], args.work))
        ranks = gold_ranks(qa, load_eval_set(spec["questions"]["dev"]))
        counts = Counter(band(r) for r in ranks)
        found = sum(r is not None for r in ranks) / max(len(ranks), 1)
        print(f"| {name} | {len(ranks)} | {found:.3f} | "
              + " | ".join(str(counts.get(c, 0)) for c in columns[1:]) + " |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
