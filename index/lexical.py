"""BM25 (bm25s) over normalised text: case and curly/straight quotes never change a match.

Records keep their raw text; only the tokens are normalised.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Sequence

import numpy as np

# Curly quotes, acute accents and backticks as straight quotes. Replaced one mark at a time:
# a translation table took 30 times as long (55 µs on a letter of 1,500 characters, and a
# question is normalised three times).
_QUOTES = (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"'), ("´", "'"), ("`", "'"))
# Contractions lose their tail so "doesn't" and "doesn’t" and "doesnt" all index as "doesn".
_CONTRACTION = re.compile(r"(\w)'(t|s|re|ve|ll|d|m)\b")


def normalize_text(text: str) -> str:
    """Lowercase, straighten quotes and drop contraction tails (for matching only)."""
    for mark, straight in _QUOTES:
        text = text.replace(mark, straight)
    return _CONTRACTION.sub(r"\1", text.lower())


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


BM25_SETTINGS = {"engine": "bm25s", "method": "lucene", "k1": 1.2, "b": 0.75,
                 "stopwords": "en_plus"}  # recorded in the manifest as built


def build_bm25(texts: Sequence[str], *, stopwords: str = BM25_SETTINGS["stopwords"]):
    """A bm25s index (`BM25_SETTINGS`) over ``texts``."""
    import bm25s

    tokens = bm25s.tokenize(
        [normalize_text(t) for t in texts],
        stopwords=_stopwords(stopwords),
        stemmer=_stemmer(),
        show_progress=False,
    )
    if not tokens.vocab:  # bm25s fails on it with "max() arg is an empty sequence"
        from ingest.errors import InputError

        raise InputError("nothing to index: the articles hold no searchable word, only "
                         "common ones such as \"a\" or \"my\"")
    model = bm25s.BM25(k1=BM25_SETTINGS["k1"], b=BM25_SETTINGS["b"],
                       method=BM25_SETTINGS["method"])
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


_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset(
    "a an the and or but if of to in on at for with about from by as is are was were be been "
    "being am do does did doing have has had having i me my mine myself you your yours he him his "
    "she her hers they them their we us our it its this that these those what which who whom "
    "why how when where can could should would will shall may might must not no so too very "
    "just than then there here all any some more most such own same only also into out up down "
    "over under again once doesn don didn isn wasn won ll ve re s t m d get got keep keeps "
    "really always ever even still much many lot lots thing things".split()
)


def content_terms(text: str) -> set[str]:
    """Crude stems of the content words of ``text`` (for a lexical-overlap signal)."""
    out = set()
    for w in _WORD.findall(normalize_text(text)):
        if w in _STOP or len(w) < 3:
            continue
        for suf in ("ing", "ed", "es", "s", "ly"):
            if w.endswith(suf) and len(w) - len(suf) >= 4:
                w = w[: -len(suf)]
                break
        out.add(w)
    return out
