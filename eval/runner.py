"""Run an assistant over an eval set and write results.jsonl, metrics.json, report.md, report.html.

The assistant is anything with the `assistant.Assistant` surface the runner uses:
``ask(question) -> Answer`` (with ``to_dict()``), ``search(question, k=...) -> list[Hit]`` and
``document(doc_id) -> Document``; tests pass a fake with canned answers.
"""

from __future__ import annotations

import json
import math
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from tqdm import tqdm

from eval.loader import EvalQuestion
from eval.metrics import PRIMARY_METRIC, aggregate, by_kind, question_metrics, recall_ks
from eval.report import render_html, render_markdown
from eval.results import QuestionResult
from ingest.errors import InputError, QuotewiseError

OUTPUTS = ("results.jsonl", "metrics.json", "report.md", "report.html")
PROGRESS_EVERY = 25  # questions between progress lines when stderr is not a terminal


def run_eval(
    assistant,
    questions: Sequence[EvalQuestion],
    out_dir: str | Path,
    *,
    progress: bool = True,
    k: int = 10,
) -> dict[str, float]:
    """Ask every question, score it, write the four `OUTPUTS` into ``out_dir`` (created if
    missing) and return the aggregate metrics. ``k`` is the search depth for recall@k and MRR;
    the progress bar shows only when asked for and stderr is a terminal."""
    if k < 1:
        raise InputError(f"--k must be at least 1, got {k}")
    if not questions:
        raise InputError("no questions to evaluate")
    out = _prepare(out_dir)
    texts: dict[str, str] = {}
    _check_gold(assistant, questions, texts)
    results = []
    show = progress and sys.stderr.isatty()
    every = PROGRESS_EVERY if progress and not show else 0  # piped: a plain line now and then
    for i, q in enumerate(tqdm(questions, desc="eval", unit="q", file=sys.stderr,
                               disable=not show), 1):
        t0 = time.perf_counter()
        answer = assistant.ask(q.question).to_dict()
        wall_ms = (time.perf_counter() - t0) * 1e3
        hits = [_hit_dict(h) for h in assistant.search(q.question, k=k)]
        quoted = answer.get("quotes", []) + answer.get("closest", [])
        _fetch_texts(assistant, {x.get("doc_id") for x in quoted}, texts)
        metrics = question_metrics(q, answer, hits, texts, wall_ms=wall_ms)
        results.append(QuestionResult(q, answer, hits, metrics))
        if every and (i % every == 0 or i == len(questions)):
            print(f"eval: {i}/{len(questions)} questions", file=sys.stderr, flush=True)
    ks = recall_ks(k)
    scored = [(r.question, r.metrics) for r in results]
    metrics, kinds = aggregate(scored, ks=ks), by_kind(scored, ks=ks)
    _write(out, results, metrics, kinds, ks, k)
    return metrics


def _prepare(out_dir: str | Path) -> Path:
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise InputError(f"cannot write eval results to {out}: not a folder") from None
    except PermissionError:
        raise InputError(f"cannot write eval results to {out}: permission denied") from None
    return out


def _check_gold(assistant, questions: Sequence[EvalQuestion], texts: dict[str, str]) -> None:
    """Fail before asking anything when a gold quote cannot be found: scoring against a gold
    that no longer exists would silently count as a miss."""
    _fetch_texts(assistant, {g.doc_id for q in questions for g in q.gold}, texts)
    for q in questions:
        for g in q.gold:
            if g.doc_id not in texts:
                raise InputError(f"question {q.id}: gold article {g.doc_id!r} is not in the index")
            if g.quote not in texts[g.doc_id]:
                raise InputError(
                    f"question {q.id}: gold quote not found in {g.doc_id} "
                    f"(was the article edited?): {g.quote[:60]!r}"
                )


def _fetch_texts(assistant, doc_ids: set, texts: dict[str, str]) -> None:
    """Add the canonical text of each article not fetched yet; unknown ids stay absent, so their
    quotes count as unfaithful."""
    for doc_id in doc_ids - texts.keys():
        try:
            texts[doc_id] = assistant.document(doc_id).text
        except QuotewiseError:
            continue


def _hit_dict(hit) -> dict:
    c = hit.chunk
    return {
        "chunk_id": c.chunk_id,
        "doc_id": c.doc_id,
        "start": c.start,
        "end": c.end,
        "score": round(float(hit.score), 6),
    }


def _write(
    out: Path, results: list[QuestionResult], metrics: dict, kinds: dict, ks: Sequence[int], k: int
) -> None:
    with open(out / "results.jsonl", "w", encoding="utf-8") as f:
        f.writelines(json.dumps(r.to_dict(ks), ensure_ascii=False) + "\n" for r in results)
    summary = {
        "primary_metric": PRIMARY_METRIC,
        "k": k,
        "metrics": _finite(metrics),
        "by_kind": {kind: _finite(d) for kind, d in kinds.items()},
    }
    (out / "metrics.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    (out / "report.md").write_text(render_markdown(metrics, kinds, results), encoding="utf-8")
    (out / "report.html").write_text(render_html(metrics, kinds, results), encoding="utf-8")


def _finite(d: dict[str, float]) -> dict[str, float | None]:
    """JSON has no NaN: undefined metrics are written as null."""
    return {name: None if math.isnan(v) else v for name, v in d.items()}
