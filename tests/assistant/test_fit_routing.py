"""A corpus fit answers questions about its own articles only: articles added beside a fitted
corpus (a user's folder, a Library upload) are ranked and quoted with the general settings,
as they would be in an index of their own (docs/BENCHMARKS.md: on the dev splits, two corpora
beside the shipped articles went from 0.632 / 0.591 to 0.737 / 0.682, their figures alone)."""

from __future__ import annotations

import json

import pytest

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
    fitted.mkdir(exist_ok=True)
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


GARDEN_SECTIONS = "Growing Tomatoes\n\n" + "\n\n".join(
    f"Tomatoes, part {i}\n\nWater and feed tomatoes {when}, and the tomatoes will thank you."
    for i, when in enumerate(["in the morning", "at the roots", "twice a week", "after rain",
                              "in July", "with compost", "in pots", "in the ground",
                              "when fruit sets", "in a heatwave", "before a trip",
                              "in the autumn"], 1)) + "\n"


def test_articles_beside_a_fit_take_no_second_voice_from_it(tmp_path):
    """A question about the added articles is answered from them as if they stood alone: the
    fitted articles are not brought in as "a second voice" past the leading chunks."""
    _index(tmp_path)  # writes the fitted folder and the garden folder
    (tmp_path / "garden" / "tomatoes.txt").write_text(GARDEN_SECTIONS, encoding="utf-8")
    build_index([str(tmp_path / "fitted"), str(tmp_path / "garden")], tmp_path / "index",
                embedder=FakeEmbedder(), progress=False)
    from assistant import Assistant

    qa = Assistant.load(tmp_path / "index")
    st = qa._state
    found = st.retriever.retrieve(st.retriever.prepare("how should I water and feed tomatoes"),
                                  k=st.selector.config.top_chunks)
    assert not found.fitted
    selector = st.selector_for(found)
    ranked = [st.data.chunks[p].doc_id for p in found.ranked(selector.config.second_voice_pool)]
    assert "promises" in ranked[selector.config.top_chunks:]  # a second voice it could lend
    docs = [st.data.chunks[p].doc_id for p in st.evidence_positions(found, selector)]
    assert "promises" not in docs


def test_the_fits_audience_does_not_judge_questions_routed_to_the_added_articles(tmp_path):
    """The fitted corpus's profile says whom its articles are written for. A question routed
    to the articles added beside it is judged as on any articles: a gardener is not told that
    the articles are written for someone else, nor what the fitted articles are about."""
    _index(tmp_path)  # writes the fitted folder and the garden folder
    from ingest.profile import PROFILE_FILE

    (tmp_path / "fitted" / PROFILE_FILE).write_text(
        'topic = "keeping promises"\n'
        'audience = "the partner who made the promise"\n'
        '[[not_for]]\n'
        'who = "gardeners"\n'
        'cues = ["\\\\bgarden"]\n', encoding="utf-8")
    build_index([str(tmp_path / "fitted"), str(tmp_path / "garden")], tmp_path / "index",
                embedder=FakeEmbedder(), progress=False)
    from assistant import Assistant

    qa = Assistant.load(tmp_path / "index")
    asked = "in my garden, how often should I water tomatoes and stake the stems?"
    assert not qa.retriever.retrieve(qa.retriever.prepare(asked), k=2).fitted
    answer = qa.ask(asked)
    assert not answer.abstained and {q.doc_id for q in answer.quotes} == {"tomatoes"}
    assert answer.coverage == "direct" and answer.scope_note is None
    own = qa.ask("in my garden, how do I keep small promises to build trust with my partner?")
    assert own.coverage == "partial" and "gardeners" in own.scope_note  # the fit's own, judged


JEALOUSY = """Feeling Jealous

When you feel jealous, name the feeling before you act on it. Jealousy often says more about
your fears than about your partner.

Talk about the jealous feeling calmly. Ask for the reassurance you need instead of checking up.
"""


def _index_with_scope(tmp_path):
    """The fitted corpus with a scope model that reads "jealous" as an asker its articles are
    not written for, beside an article written for that asker."""
    _index(tmp_path)  # writes the fitted folder and the garden folder
    tuning = json.loads((tmp_path / "fitted" / TUNING_FILE).read_text(encoding="utf-8"))
    tuning["scope"] = {"ngrams": 1, "terms": ["jealous"], "idf": [1.0], "coef": [-6.0],
                       "intercept": 2.0, "partial_below": 0.5, "min_chars": 200}
    (tmp_path / "fitted" / TUNING_FILE).write_text(json.dumps(tuning), encoding="utf-8")
    (tmp_path / "garden" / "jealousy.txt").write_text(JEALOUSY, encoding="utf-8")
    # enough example questions for a query adapter (`index.adapter`), as a real fit has
    answers = [s.strip() for para in FITTED.split("\n\n")[1:] for s in para.split(". ")]
    answers = [a if a.endswith(".") else a + "." for a in answers]
    asks = ("how do i", "why should i", "what helps me", "when do i", "is it worth it to",
            "should we", "can i", "do i need to")
    topics = ("keep promises", "call when i said", "be on time", "share plans",
              "build a record", "tell my partner", "show up every day")
    examples = [{"question": f"{a} {t}?", "quotes": [answers[i % len(answers)]]}
                for i, (a, t) in enumerate((a, t) for a in asks for t in topics)]
    (tmp_path / "fitted" / "promises.questions.jsonl").write_text(
        "".join(json.dumps(e) + "\n" for e in examples), encoding="utf-8")
    build_index([str(tmp_path / "fitted"), str(tmp_path / "garden")], tmp_path / "index",
                embedder=FakeEmbedder(), progress=False)
    from assistant import Assistant

    return Assistant.load(tmp_path / "index")


def test_a_question_the_fit_is_not_written_for_goes_to_the_articles_beside_it(tmp_path):
    """Articles on a topic next to the fit's keep their own askers: a question whose words
    lead to the fitted articles, but whose asker the fit's scope model says they don't speak
    to, is ranked and answered with the general settings, as on any articles."""
    qa = _index_with_scope(tmp_path)
    r = qa.retriever
    plain = r.retrieve(r.prepare("my partner keeps small promises to build trust"), k=2)
    assert plain.fitted and not plain.declined
    asked = "i feel jealous when my partner keeps small promises to others"
    found = r.retrieve(r.prepare(asked), k=2)
    top = r.fuse(found.signals)  # the fit's weights put the fitted article first: its words lead
    assert r.data.chunks[found.cand[top.argmax()]].doc_id == "promises"
    assert found.declined and not found.fitted
    # none of the fit applies, the query adapter included: the model's own cosine everywhere
    q = found.query
    fitted_rows = [i for i, s in enumerate(r.data.sentences) if s.doc_id == "promises"]
    assert fitted_rows and not (q.qsent == q.qvec).all()
    assert found.sentences.many(fitted_rows) == pytest.approx(
        r.data.sent_vecs[fitted_rows] @ q.qvec, abs=1e-5)
    answer = qa.ask(asked)
    assert not answer.abstained and "jealousy" in {q.doc_id for q in answer.quotes}
    assert len(answer.quotes) > 1  # the general settings, not the fit's one quote


def test_a_long_letter_the_fit_turned_away_is_still_answered_in_part(tmp_path):
    """The fit's reading of the asker still stands on the other side: the articles beside a
    fit need not speak to a long letter the fit's articles don't speak to either."""
    qa = _index_with_scope(tmp_path)
    letter = ("i feel jealous when my partner keeps small promises to others. " * 4).strip()
    assert len(letter) >= 200
    assert qa.retriever.retrieve(qa.retriever.prepare(letter), k=2).declined
    answer = qa.ask(letter)
    assert answer.coverage == "partial" and answer.scope_note


PROFILE = '''topic = "keeping promises to a partner"
description = "Advice on keeping promises, quoted word for word."
placeholder = "Ask about keeping promises…"
hint = "Try asking about promises."
examples = ["how do small promises build trust"]
'''


def test_a_library_holding_other_articles_is_not_described_as_the_profiles(tmp_path):
    """The corpus profile describes its own articles. Once others sit beside them (a Library
    upload, another folder), the page and an abstention describe the library neutrally, keeping
    the profile's title and example questions; alone, the profile's wording stays."""
    (tmp_path / "fitted").mkdir()
    (tmp_path / "fitted" / "quotewise.toml").write_text(PROFILE, encoding="utf-8")
    mixed = _index(tmp_path)
    assert mixed.profile.describe() == "the indexed articles"
    assert mixed.profile.placeholder == "Ask a question about the articles…"
    assert "promises" not in mixed.profile.description and mixed.profile.hint == ""
    assert mixed.profile.examples == ("how do small promises build trust",)

    from assistant import Assistant
    from assistant.abstain import AbstainConfig

    never = AbstainConfig(coef=None, min_evidence=9.0)  # every question declined
    answer = Assistant.load(tmp_path / "index", abstain=never).ask("how do I prune tomatoes?")
    assert answer.abstained and answer.coverage == "none"
    assert answer.scope_note == "The indexed articles don't address this question."
    # what no quote gives is said of the library too, whichever articles the quotes come from
    answer = mixed.ask("how much does it cost to keep small promises to build trust?")
    assert answer.coverage == "partial" and not answer.abstained
    assert answer.scope_note.startswith("The indexed articles don't say what it costs")

    build_index([str(tmp_path / "fitted")], tmp_path / "alone", embedder=FakeEmbedder(),
                progress=False)
    alone = Assistant.load(tmp_path / "alone")
    assert alone.profile.describe() == "the indexed articles on keeping promises to a partner"
    assert alone.profile.placeholder == "Ask about keeping promises…"
    answer = Assistant.load(tmp_path / "alone", abstain=never).ask("how do I keep promises?")
    assert answer.abstained
    assert "keeping promises to a partner" in answer.scope_note


def test_the_other_sides_chunks_do_not_change_how_a_side_is_ranked():
    """A question routed to one side of a mixed index is ranked on that side's scale: chunks of
    the articles on the other side (off-topic for it, with low cosines and no shared words)
    widen every signal's spread, each by a different amount, and so would reweigh the signals.
    With ``scale`` the side's order is exactly its order among its own chunks alone."""
    import numpy as np

    from assistant.retriever import fuse_scores

    rng = np.random.default_rng(3)
    side = {"chunk": rng.normal(0.5, 0.05, 12), "sent": rng.normal(0.6, 0.02, 12),
            "bm25": rng.gamma(2.0, 3.0, 12)}
    other = {"chunk": rng.normal(0.1, 0.05, 30), "sent": rng.normal(0.2, 0.1, 30),
             "bm25": np.zeros(30)}
    both = {k: np.concatenate([side[k], other[k]]) for k in side}
    mask = np.arange(42) < 12
    weights = {"chunk": 1.0, "sent": 2.0, "bm25": 1.0}
    alone = np.argsort(-fuse_scores(side, weights))
    scaled = np.argsort(-fuse_scores(both, weights, scale=mask)[mask])
    assert scaled.tolist() == alone.tolist()
    # ...which the whole set's scale does not keep (why the option exists)
    assert np.argsort(-fuse_scores(both, weights)[mask]).tolist() != alone.tolist()
