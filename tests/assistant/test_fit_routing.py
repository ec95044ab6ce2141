"""A corpus fit answers questions about its own articles only: articles added beside a fitted
corpus (a user's folder, a Library upload) are ranked and quoted with the general settings,
as they would be in an index of their own (docs/BENCHMARKS.md: on the dev splits, two corpora
beside the shipped articles went from 0.632 / 0.591 to 0.737 / 0.682, their figures alone)."""

from __future__ import annotations

import json

from index import FakeEmbedder, build_index
from ingest.profile import TUNING_FILE

FITTED = """Keeping Promises

Trust grows when you keep small promises. Call when you said you would call.

Be on time for the dinner you planned. Small promises kept every day build a record.

Tell your partner about the plans you make. Share your calendar so nothing surprises them.
"""
GARDEN = """Growing Tomatoes

Tomatoes need six hours of sun. Plant them after the last frost.

Water tomatoes deeply twice a week. Mulch keeps the soil moist.

Stake tomatoes early so the stems do not break. Prune the suckers below the first flower.
"""


def _index(tmp_path):
    fitted = tmp_path / "fitted"
    fitted.mkdir()
    (fitted / "promises.txt").write_text(FITTED, encoding="utf-8")
    (fitted / "promises.questions.jsonl").write_text(json.dumps(
        {"question": "how do small promises build trust",
         "quotes": ["Trust grows when you keep small promises."]}) + "\n", encoding="utf-8")
    # the fit: one quote per answer, and thresholds suited to the fake embedder's cosines
    (fitted / TUNING_FILE).write_text(json.dumps({
        "model": FakeEmbedder.model_id, "evidence": {"max_quotes": 1},
        "abstain": {"coef": None, "min_evidence": 0.05, "min_sentence": 0.05},
        "provenance": {"note": "a test fit"}}), encoding="utf-8")
    garden = tmp_path / "garden"
    garden.mkdir()
    (garden / "tomatoes.txt").write_text(GARDEN, encoding="utf-8")
    build_index([str(fitted), str(garden)], tmp_path / "index", embedder=FakeEmbedder(),
                progress=False)
    from assistant import Assistant

    return Assistant.load(tmp_path / "index")


def test_the_fit_answers_its_own_articles_and_the_general_settings_the_others(tmp_path):
    qa = _index(tmp_path)
    assert qa.tuning.fitted
    own = qa.ask("how do I keep small promises to build trust with my partner?")
    assert not own.abstained and len(own.quotes) == 1  # the fit's one quote
    assert own.quotes[0].doc_id == "promises"
    other = qa.ask("how often should I water tomatoes and stake the stems?")
    assert not other.abstained and len(other.quotes) > 1  # general settings: several quotes
    assert {q.doc_id for q in other.quotes} == {"tomatoes"}


def test_search_ranks_the_added_articles_as_it_would_alone(tmp_path):
    qa = _index(tmp_path)
    hits = qa.search("when should tomatoes be planted and watered", k=2)
    assert hits[0].chunk.doc_id == "tomatoes"
    found = qa.retriever.retrieve(qa.retriever.prepare("water the tomatoes deeply"), k=2)
    assert not found.fitted
    found = qa.retriever.retrieve(qa.retriever.prepare("keep small promises"), k=2)
    assert found.fitted


def test_a_question_clearly_about_one_side_is_answered_from_that_side_alone(tmp_path):
    """Beside a fitted corpus, added articles are searched as if indexed on their own (and the
    fitted corpus's questions as before): no candidate from the other side, fusion standardised
    over the side's own (docs/BENCHMARKS.md: four corpora beside the shipped articles)."""
    qa = _index(tmp_path)
    r = qa.retriever
    found = r.retrieve(r.prepare("water the tomatoes deeply and stake them"), k=4)
    assert not found.fitted
    assert {r.data.chunks[c].doc_id for c in found.cand} == {"tomatoes"}
    found = r.retrieve(r.prepare("keep small promises to build trust"), k=4)
    assert found.fitted
    assert {r.data.chunks[c].doc_id for c in found.cand} == {"promises"}


def test_a_close_call_keeps_every_article(tmp_path):
    """Two sides equally close to a question (two corpora of one topic): nothing is hidden."""
    from dataclasses import replace

    import numpy as np

    from assistant.retriever import ROUTE_MARGIN

    qa = _index(tmp_path)
    r = qa.retriever
    docs = [c.doc_id for c in r.data.chunks]
    a, b = docs.index("promises"), docs.index("tomatoes")
    between = r.data.chunk_vecs[a] + r.data.chunk_vecs[b]
    query = replace(r.prepare("promises and tomatoes"),
                    qvec=(between / np.linalg.norm(between)).astype(np.float32))
    cand = np.arange(len(docs))
    cos = r.data.chunk_vecs @ query.qvec
    mine = r._fitted_chunk
    assert abs(cos[mine].max() - cos[~mine].max()) < ROUTE_MARGIN  # a close call indeed
    _, alone = r.route(query, cand, np.argsort(-cos))
    assert not alone
