"""Chunks: sentence-aligned, inside one section, within the token budget, nothing dropped."""

from __future__ import annotations

from itertools import pairwise

import pytest

from ingest import Document, chunk_sentences, estimate_tokens, split_sentences
from ingest.structure import detect_structure


def pessimistic(text: str) -> int:
    """Twice the words plus [CLS]/[SEP]: a stand-in tokenizer that is easy to check by hand."""
    return len(text.split()) * 2 + 2


def _doc(text: str) -> Document:
    sections, boiler = detect_structure(text)
    return Document("d", "d.txt", None, None, None, None, text, sections, "", boiler)


def _chunks(doc: Document, **kw):
    return chunk_sentences(doc, split_sentences(doc), **kw)


@pytest.mark.parametrize("max_tokens", [60, 200])
def test_chunks_of_the_articles(docs, max_tokens):
    for doc in docs.values():
        sents = split_sentences(doc)
        chunks = chunk_sentences(doc, sents, count_tokens=pessimistic, max_tokens=max_tokens)
        bodies = {(s.start, s.end): s for s in sents if s.retrievable and not s.is_heading}
        covered = set()
        for c in chunks:
            assert doc.text[c.start : c.end] == c.text
            assert c.chunk_id == f"{doc.doc_id}#c{c.start}-{c.end}" and c.doc_id == doc.doc_id
            assert pessimistic(c.text) <= max_tokens
            section = doc.section_at(c.start)
            assert c.end <= section.end and c.section == section.display
            assert (c.start, c.end) == (c.sentences[0][0], c.sentences[-1][1])
            for a, b in c.sentences:  # whole body sentences, or pieces of one too long
                owner = [span for span in bodies if span[0] <= a < b <= span[1]]
                assert len(owner) == 1  # so never a heading or boilerplate
                covered.add(owner[0])
            assert not any(a < c.end and c.start < b for a, b in doc.boilerplate)
        assert covered == set(bodies)  # every retrievable sentence is in some chunk


def test_consecutive_chunks_of_a_section_share_one_sentence(docs):
    shared = 0
    for doc in docs.values():
        chunks = _chunks(doc, count_tokens=pessimistic, max_tokens=120, overlap=1)
        for x, y in pairwise(chunks):
            if doc.section_at(x.start) is not doc.section_at(y.start) or any(
                x.start < a < y.end for a, _ in doc.boilerplate
            ):
                continue
            last, first = x.sentences[-1], y.sentences[0]
            if first == last:
                shared += 1
                continue
            # not shared only when y would then hold all of x, or would not fit
            assert len(x.sentences) == 1 or pessimistic(doc.text[last[0] : first[1]]) > 120
            assert not any(ch.isalnum() for ch in doc.text[last[1] : first[0]])  # none skipped
    assert shared > 10


def test_no_overlap_partitions_the_sentences():
    doc = _doc("Title\n\n" + " ".join(f"Sentence number {i} is here." for i in range(40)))
    chunks = _chunks(doc, count_tokens=pessimistic, max_tokens=50, overlap=0)
    spans = [s for c in chunks for s in c.sentences]
    assert len(spans) == len(set(spans)) == 40


def test_a_half_full_chunk_ends_at_a_paragraph_break():
    para = "One two three four five six seven eight. Nine ten eleven twelve thirteen."
    doc = _doc(f"Title\n\n{para}\n\n{para}\n\n{para}")
    # one paragraph is 28 tokens, two would fit in 56, but 28 is already half the window
    chunks = _chunks(doc, count_tokens=pessimistic, max_tokens=56, overlap=0)
    assert [c.text for c in chunks] == [para, para, para]
    # below half full, a chunk runs on into the next paragraph
    chunks = _chunks(doc, count_tokens=pessimistic, max_tokens=60, overlap=0)
    assert [c.text for c in chunks] == [f"{para}\n\n{para}", para]


def test_a_sentence_longer_than_the_window_is_cut_at_words_never_truncated():
    words = [f"word{i}" for i in range(300)]
    doc = _doc("Title\n\n" + " ".join(words) + ".")
    chunks = _chunks(doc, count_tokens=pessimistic, max_tokens=50, overlap=0)
    assert len(chunks) > 1
    assert all(pessimistic(c.text) <= 50 for c in chunks)
    pieces = [w for c in chunks for w in c.text.split()]
    assert pieces == words[:-1] + [words[-1] + "."]


def test_a_single_giant_word_is_cut_between_characters():
    doc = _doc("Title\n\n" + "x" * 500)
    chunks = _chunks(doc, count_tokens=lambda t: len(t) // 10 + 2, max_tokens=20, overlap=0)
    assert "".join(c.text for c in chunks) == "x" * 500
    assert all(len(c.text) // 10 + 2 <= 20 for c in chunks)


def test_too_small_a_window_is_an_error_not_a_truncation():
    with pytest.raises(ValueError, match="max_tokens"):
        _chunks(_doc("Title\n\nSome words here."), count_tokens=pessimistic, max_tokens=3)


def test_default_counter_is_the_documented_estimate(docs):
    doc = next(iter(docs.values()))
    assert estimate_tokens("one two three") == 7  # ceil(3 * 1.6) + 2
    default = _chunks(doc, max_tokens=100)
    explicit = _chunks(doc, count_tokens=estimate_tokens, max_tokens=100)
    assert default == explicit and all(estimate_tokens(c.text) <= 100 for c in default)


def test_a_heading_alone_makes_no_chunk():
    doc = _doc("Title\n\n1. Be kind\n\n2. Be patient\n\nPatience pays.")
    assert [(c.text, c.section) for c in _chunks(doc)] == [("Patience pays.", "2. Be patient")]


def test_chunks_never_span_boilerplate():
    doc = _doc("Title\n\nTalk often. Leave a comment below. Listen well.")
    assert [c.text for c in _chunks(doc)] == ["Talk often.", "Listen well."]
