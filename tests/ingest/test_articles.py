"""Ingest on the real articles: metadata, sections, boilerplate, sentences and chunks."""

from __future__ import annotations

import re

import pytest

from ingest import chunk_sentences, load_paths, section_display, split_sentences
from tests.conftest import ARTICLES


@pytest.fixture(scope="module")
def docs():
    docs, warnings = load_paths([ARTICLES])
    assert warnings == []
    return {d.doc_id: d for d in docs}


def test_doc_ids_sources_and_text_are_the_files(docs):
    assert set(docs) == {"000_1e7ddc6cb9001c46", "002_8dbfed19f3c03168", "003_f034c80f6a2348e7"}
    for d in docs.values():
        assert d.text == open(ARTICLES / f"{d.doc_id}.txt", encoding="utf-8").read()
        assert d.source.endswith(f"data/articles/{d.doc_id}.txt")
        assert len(d.sha256) == 64


def test_metadata_from_the_articles(docs):
    a, b, c = (docs[k] for k in sorted(docs))
    assert (a.title, a.author, a.date) == ("My Boyfriend Doesn’t Trust Me (8 Sensible Tips)",
                                           "April Maccario", "2022-06-08")
    assert (b.title, b.author, b.date) == ("My boyfriend doesn't trust me", None, None)
    assert (c.title, c.author, c.date) == ("What Should I Do if My Partner Doesn’t Trust Me?",
                                           None, "2023-05-15")
    assert a.url is b.url is c.url is None


def test_sections(docs):
    heads = {k: [(section_display(s.heading), s.kind) for s in d.sections] for k, d in docs.items()}
    a = heads["000_1e7ddc6cb9001c46"]
    assert [h for h, k in a if k == "tip"] == [
        "1. Be trustworthy", "2. Be patient", "3. Reassure him", "4. Beware of abuse",
        "5. Talk about it", "6. Therapy"]
    assert ("Can a relationship survive without trust?", "question") in a
    assert ("Do cheaters feel guilt?", "question") in a
    assert heads["002_8dbfed19f3c03168"] == [("My boyfriend doesn't trust me", "title")]
    c = heads["003_f034c80f6a2348e7"]
    tips = [h for h, k in c if k == "tip"]
    assert tips[3] == "4. You Give In" and tips[-1] == "8. Attend Couples Therapy Together"
    assert len(tips) == 13
    for d in docs.values():
        for s in d.sections:
            assert d.text[s.start:s.heading_end] == s.heading


def test_boilerplate_is_marked_not_removed(docs):
    spans = {k: [d.text[a:b] for a, b in d.boilerplate] for k, d in docs.items()}
    assert "Last updated on June 8, 2022 by April Maccario" in spans["000_1e7ddc6cb9001c46"]
    assert any("comment section below" in s for s in spans["000_1e7ddc6cb9001c46"])
    assert "And that's' it for today’s post - see ya!" in spans["002_8dbfed19f3c03168"]
    c = spans["003_f034c80f6a2348e7"]
    assert any(s.startswith("Featured image for") for s in c) and "About the Author" in c
    # conservative: real advice next to boilerplate stays retrievable
    sents = split_sentences(docs["000_1e7ddc6cb9001c46"])
    keep = [s for s in sents if s.text.startswith("I hope you enjoyed this article")]
    assert keep and keep[0].retrievable
    joke = [s for s in split_sentences(docs["002_8dbfed19f3c03168"]) if s.text.startswith("Hahah")]
    assert joke and joke[0].retrievable


def test_sentences_are_exact_and_never_cross_breaks(docs):
    for d in docs.values():
        heads = [(s.start, s.heading_end) for s in d.sections if s.kind != "intro"]
        for s in split_sentences(d):
            assert d.text[s.start:s.end] == s.text and s.text == s.text.strip()
            assert not re.search(r"\n[ \t\u00a0]*\n", s.text)
            if not s.is_heading:
                assert not any(a < s.end and s.start < b for a, b in heads)


def test_bullets_start_sentences(docs):
    sents = [s.text for s in split_sentences(docs["003_f034c80f6a2348e7"])]
    assert ("They are convinced you have secret relationships by email, text, or via social media "
            "so you provide them with your passwords and access to your accounts.") in sents
    assert "Who you bumped into at the store?" in sents
    assert not any(s.startswith(("·", "•")) for s in sents)


def test_chunks_fit_the_model_and_stay_in_one_section(docs):
    def count(t):
        return len(t.split()) * 2 + 2  # a pessimistic stand-in for WordPiece

    for d in docs.values():
        sents = split_sentences(d)
        chunks = chunk_sentences(d, sents, count_tokens=count, max_tokens=200, overlap=1)
        assert chunks
        for c in chunks:
            assert d.text[c.start:c.end] == c.text
            assert count(c.text) <= 200
            sec = d.section_at(c.start)
            assert sec is not None and c.end <= sec.end
            assert not any(a < c.end and c.start < b for a, b in d.boilerplate)
        # consecutive chunks of a section share one sentence (unless boilerplate parts them)
        for x, y in zip(chunks, chunks[1:]):
            parted = any(x.start < a < y.end for a, _ in d.boilerplate)
            if x.section == y.section and not parted and len(x.sentences) > 1:
                assert x.sentences[-1] == y.sentences[0]
