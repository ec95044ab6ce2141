"""Run the assistant over an eval set and write results.jsonl, metrics.json, report.md/html."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from eval.loader import EvalQuestion
from eval.metrics import aggregate, by_kind, question_metrics, worst
from eval.report import render_html, render_markdown


def run_eval(assistant, questions: list[EvalQuestion], out_dir: str | Path, *,
             progress: bool | None = None, k: int = 10) -> dict:
    """Ask every question; returns the aggregate metrics (also written to ``out_dir``)."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    texts = {d.doc_id: d.text for d in assistant.documents()}
    if progress is None:
        progress = sys.stderr.isatty()
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=len(questions), desc="evaluating", unit="q", file=sys.stderr)
    rows = []
    try:
        for q in questions:
            t0 = time.perf_counter()
            answer = assistant.ask(q.question).to_dict()
            wall = (time.perf_counter() - t0) * 1e3
            hits = [assistant.hit_dict(h) for h in assistant.search(q.question, k=k)]
            rows.append({
                "id": q.id, "question": q.question, "kind": q.kind, "answerable": q.answerable,
                "gold": [{"doc_id": g.doc_id, "quote": g.quote} for g in q.gold],
                "answer": answer,
                "hits": [h["chunk_id"] for h in hits],
                "metrics": question_metrics(q, answer, hits, texts, wall),
            })
            if bar:
                bar.update(1)
    finally:
        if bar:
            bar.close()
    metrics = aggregate(rows)
    kinds = by_kind(rows)
    with open(out / "results.jsonl", "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    (out / "metrics.json").write_text(json.dumps({"metrics": metrics, "by_kind": kinds}, indent=2))
    (out / "report.md").write_text(render_markdown(metrics, kinds, worst(rows)), encoding="utf-8")
    (out / "report.html").write_text(render_html(metrics, kinds, rows), encoding="utf-8")
    return metrics
