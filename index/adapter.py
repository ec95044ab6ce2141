"""A linear query adapter fitted on the articles' example questions.

all-MiniLM-L6-v2 is a general model: "i yell at her when she accuses me" and "Angrily defending
yourself also sometimes works..." are far apart in its space. The example questions
(`ingest.examples`) say which sentences answer how people ask, so at ingest time a matrix ``A``
is fitted that moves a question's vector towards the sentences that answer it:

    adapt(q) = normalise(q + q @ A)

Only the query side moves: sentence vectors are left as they are, and ``A`` starts at zero and
is pulled back towards it (weight decay), so an adapted question stays close to what the model
said. The fit is a listwise softmax over the corpus's sentences (each example question should
rank its answering sentences above all others), full-batch Adam, in plain NumPy: deterministic,
a second or two for a few hundred examples, and no torch on the query path.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass

import numpy as np


@dataclass(frozen=True)
class AdapterSettings:
    """How the adapter is fitted (recorded in the index manifest)."""

    min_examples: int = 50  # below this, no adapter: too few to learn from
    epochs: int = 100
    learning_rate: float = 1e-2
    weight_decay: float = 1e-2  # on the squared entries of A: stay near the model's own space
    temperature: float = 20.0  # cosine scale inside the softmax
    max_negatives: int = 20000  # sentences scored per step (all of them in small corpora)

    def to_dict(self) -> dict:
        return asdict(self)


def adapt(vectors: np.ndarray, adapter: np.ndarray | None) -> np.ndarray:
    """Apply ``adapter`` to one query vector or a matrix of them (rows); L2-normalised."""
    if adapter is None:
        return vectors
    v = np.asarray(vectors, dtype=np.float32)
    u = v + v @ adapter
    norms = np.linalg.norm(u, axis=-1, keepdims=True)
    return (u / np.where(norms > 0, norms, 1.0)).astype(np.float32)


def fit_adapter(
    questions: np.ndarray,
    positives: Sequence[Sequence[int]],
    sentences: np.ndarray,
    settings: AdapterSettings | None = None,
) -> np.ndarray | None:
    """Fit ``A`` so that ``adapt(questions[i])`` ranks ``sentences[positives[i]]`` first.

    ``questions``: (n, d) normalised vectors of the example questions; ``positives[i]``: row
    numbers in ``sentences`` (m, d) that answer question i. Returns a (d, d) float32 matrix, or
    None when there are fewer than ``settings.min_examples`` usable questions.
    """
    cfg = settings or AdapterSettings()
    keep = [i for i, p in enumerate(positives) if len(p)]
    if len(keep) < cfg.min_examples or not len(sentences):
        return None
    q = np.asarray(questions, dtype=np.float32)[keep]
    rows = sorted({int(r) for i in keep for r in positives[i]})
    m = len(sentences)
    if m > cfg.max_negatives:  # every positive, plus a fixed sample of the rest
        rng = np.random.default_rng(0)
        others = np.setdiff1d(np.arange(m), rows)
        sample = rng.choice(others, size=max(cfg.max_negatives - len(rows), 0), replace=False)
        cols = np.concatenate([np.array(rows, dtype=np.int64), np.sort(sample)])
    else:
        cols = np.arange(m)
    col_of = {int(c): j for j, c in enumerate(cols)}
    s = np.asarray(sentences, dtype=np.float32)[cols]
    target = np.zeros((len(keep), len(cols)), np.float32)
    for k, i in enumerate(keep):
        for r in positives[i]:
            target[k, col_of[int(r)]] = 1.0

    d = q.shape[1]
    a = np.zeros((d, d), np.float32)
    m1, m2 = np.zeros_like(a), np.zeros_like(a)
    b1, b2, eps = 0.9, 0.999, 1e-8
    n = len(q)
    for t in range(1, cfg.epochs + 1):
        u = q + q @ a
        norm = np.linalg.norm(u, axis=1, keepdims=True)
        v = u / norm
        logits = cfg.temperature * (v @ s.T)
        logits -= logits.max(axis=1, keepdims=True)
        p_all = np.exp(logits)
        p_all /= p_all.sum(axis=1, keepdims=True)
        p_pos = p_all * target
        p_pos /= p_pos.sum(axis=1, keepdims=True)
        # loss_i = logsumexp(all) - logsumexp(positives); d loss / d logits = p_all - p_pos
        g_logits = (p_all - p_pos) / n
        g_v = cfg.temperature * (g_logits @ s)
        g_u = (g_v - v * np.sum(g_v * v, axis=1, keepdims=True)) / norm
        grad = q.T @ g_u + 2 * cfg.weight_decay * a
        m1 = b1 * m1 + (1 - b1) * grad
        m2 = b2 * m2 + (1 - b2) * grad * grad
        a -= cfg.learning_rate * (m1 / (1 - b1**t)) / (np.sqrt(m2 / (1 - b2**t)) + eps)
    return a.astype(np.float32)
