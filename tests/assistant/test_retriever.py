"""Hybrid search as a user sees it: normalised matching, k results, optional MMR."""

from assistant.retriever import expand_shorthand
from ingest.errors import InputError

import pytest


def test_curly_and_straight_quotes_match_alike(fake_assistant):
    a = fake_assistant.search("he doesn’t trust me", k=5)
    b = fake_assistant.search("HE DOESN'T TRUST ME", k=5)
    assert [h.chunk.chunk_id for h in a] == [h.chunk.chunk_id for h in b]


def test_hits_carry_fused_and_component_scores(fake_assistant):
    hits = fake_assistant.search("passwords and access to your accounts", k=4)
    assert len(hits) == 4
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert hits[0].lexical > 0 and -1 <= hits[0].dense <= 1
    assert "passwords" in hits[0].chunk.text


def test_mmr_returns_k_and_spreads_results(fake_assistant):
    plain = fake_assistant.search("be patient with your partner", k=5)
    diverse = fake_assistant.search("be patient with your partner", k=5, mmr=True)
    assert len(diverse) == 5 and diverse[0].chunk == plain[0].chunk
    assert len({h.chunk.section for h in diverse}) >= len({h.chunk.section for h in plain})


def test_bad_k_is_an_input_error(fake_assistant):
    with pytest.raises(InputError):
        fake_assistant.search("trust", k=0)


def test_an_example_question_points_at_the_sentences_it_was_answered_with(fake_assistant):
    data = fake_assistant.data
    doc = data.documents["003_f034c80f6a2348e7"]
    example = next(e for e in doc.examples if "read" in e.question and "text" in e.question)
    rows = data.example_rows()[sum(len(d.examples) for d in data.documents.values()
                                   if d.doc_id < doc.doc_id) + doc.examples.index(example)]
    r = fake_assistant.retriever
    matched = r.match_examples(r.encode(expand_shorthand(example.question)))
    assert rows and all(matched[x] == pytest.approx(1.0, abs=1e-5) for x in rows)
    answer = fake_assistant.ask(example.question)
    quoted = [(q.doc_id, q.start, q.end) for q in answer.quotes]
    assert any(d == doc.doc_id and s <= data.sentences[x].start < e
               for x in rows for d, s, e in quoted), (example, answer.markdown)
    hits = fake_assistant.search(example.question, k=3)
    assert any(h.signals["example"] == pytest.approx(1.0, abs=1e-5) for h in hits)


def test_the_adapter_scores_only_the_articles_it_was_fitted_on(fake_assistant):
    import numpy as np

    from assistant.query import SentenceScores

    qa = fake_assistant
    query = qa.retriever.prepare("he reads all my messages")
    adapted = np.zeros(len(qa.data.sentences), dtype=bool)
    adapted[:5] = True
    scores = SentenceScores(qa.data.sent_vecs, query.qsent, query.qvec, adapted)
    assert scores[3] == pytest.approx(float(qa.data.sent_vecs[3] @ query.qsent))
    assert scores[9] == pytest.approx(float(qa.data.sent_vecs[9] @ query.qvec))
    view = qa.retriever.view
    fitted = {d.doc_id for d in qa.documents() if d.examples}
    assert all(view.adapted[i] == (s.doc_id in fitted) for i, s in enumerate(qa.data.sentences))


def test_beside_other_articles_the_adapted_cosines_share_the_models_scale():
    """In an index holding a fitted corpus beside other articles, the fitted articles'
    sentences must not lose (or win) merely because the adapted question sits at another
    distance from every sentence: their scores take the model's own scale, and the adapter
    still decides their order. An index of one kind scores as before."""
    import numpy as np

    from assistant.query import SentenceScores

    rng = np.random.default_rng(3)
    vecs = rng.normal(size=(40, 16)).astype(np.float32)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    plain = vecs[:20].mean(axis=0)
    plain /= np.linalg.norm(plain)
    adapted_q = rng.normal(size=16).astype(np.float32)
    adapted_q = 0.3 * adapted_q / np.linalg.norm(adapted_q) + plain
    adapted_q /= np.linalg.norm(adapted_q)
    fitted = np.zeros(40, dtype=bool)
    fitted[:20] = True

    mixed = SentenceScores.aligned(vecs, adapted_q, plain, fitted,
                                   SentenceScores.align_rows(fitted))
    own = mixed.many(np.arange(20))
    model = vecs[:20] @ plain
    assert own.mean() == pytest.approx(model.mean(), abs=1e-5)
    assert own.std() == pytest.approx(model.std(), abs=1e-5)
    assert list(np.argsort(own)) == list(np.argsort(vecs[:20] @ adapted_q))  # the adapter's order
    assert mixed[25] == pytest.approx(float(vecs[25] @ plain))  # the others: the model's own
    assert mixed[3] == pytest.approx(float(own[3]))
    assert mixed.cosine(vecs[3], 3) == pytest.approx(float(own[3]))

    for alone in (np.ones(40, dtype=bool), np.zeros(40, dtype=bool)):
        same = SentenceScores.aligned(vecs, adapted_q, plain, alone,
                                      SentenceScores.align_rows(alone))
        expected = vecs[5] @ (adapted_q if alone[5] else plain)
        assert same[5] == pytest.approx(float(expected))


def test_a_long_message_leads_with_its_question():
    from index.queries import lead_with_the_ask

    story = "We have been together three years and moved in last spring. " * 8
    text = lead_with_the_ask(story + "He reads my messages every night. Should I let him? Thanks.")
    assert text.startswith("Should I let him?")
    assert sorted(text.split()) == sorted((story + "He reads my messages every night. "
                                           "Should I let him? Thanks.").split())
    assert lead_with_the_ask("Should I let him read my texts?") == "Should I let him read my texts?"
