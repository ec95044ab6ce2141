"""BM25 (bm25s) over normalised text: case and curly/straight quotes never change a match.

Records keep their raw text; only the tokens are normalised.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Sequence

import numpy as np

_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "´": "'", "`": "'"})
# Contractions lose their tail so "doesn't" and "doesn’t" and "doesnt" all index as "doesn".
_CONTRACTION = re.compile(r"(\w)'(t|s|re|ve|ll|d|m)\b")


def normalize_text(text: str) -> str:
    """Lowercase, straighten quotes and drop contraction tails (for matching only)."""
    t = text.translate(_QUOTES).lower()
    return _CONTRACTION.sub(r"\1", t)


@lru_cache(maxsize=1)
def _stemmer():
    try:
        import Stemmer

        return Stemmer.Stemmer("english")
    except ImportError:  # pragma: no cover - PyStemmer is a declared dependency
        return None


def _stopwords(name: str) -> list[str]:
    from bm25s import stopwords

    # "en_plus" (179 words, pronouns included) suits questions like "why doesn't he trust me";
    # "en" is Lucene's 33-word list, the usual choice for benchmarks.
    return list(stopwords.STOPWORDS_EN_PLUS if name == "en_plus" else stopwords.STOPWORDS_EN)


def build_bm25(texts: Sequence[str], *, stopwords: str = "en_plus"):
    """A bm25s index (Lucene scoring, k1=1.2, b=0.75) over ``texts``."""
    import bm25s

    tokens = bm25s.tokenize(
        [normalize_text(t) for t in texts],
        stopwords=_stopwords(stopwords),
        stemmer=_stemmer(),
        show_progress=False,
    )
    model = bm25s.BM25(k1=1.2, b=0.75, method="lucene")
    model.index(tokens, show_progress=False)
    return model


def bm25_scores(model, query: str, *, stopwords: str = "en_plus") -> np.ndarray:
    """BM25 score of every document for ``query`` (zeros when no query term is indexed)."""
    import bm25s

    toks = bm25s.tokenize(
        [normalize_text(query)], stopwords=_stopwords(stopwords), stemmer=_stemmer(),
        show_progress=False, return_ids=False,
    )[0]
    vocab = model.vocab_dict
    ids = [vocab[t] for t in toks if t in vocab]
    if not ids:
        return np.zeros(model.scores["num_docs"], dtype=np.float32)
    return np.asarray(model.get_scores(ids), dtype=np.float32)
