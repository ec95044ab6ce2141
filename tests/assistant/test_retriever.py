"""Hybrid search as a user sees it: normalised matching, k results, optional MMR."""

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
