"""Property tests: whatever Unicode an article holds, every span is an exact slice."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ingest import chunk_sentences, section_display, split_sentences
from ingest.model import Document
from ingest.structure import detect_structure

alphabet = st.one_of(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    st.sampled_from(list("\n\n\r .!?…•·-1234567890:“”’\u2028\u00a0 ")),
    st.sampled_from(["Trust me.", "Can we talk?", "1. Be kind", "\n\n", "emoji 🙂 ", "שלום ", "信任。"]),
)
texts = st.lists(alphabet, min_size=0, max_size=200).map("".join)


def _doc(text: str) -> Document:
    sections, boiler = detect_structure(text)
    return Document("d", "d.txt", None, None, None, None, text, sections, "", boiler)


@settings(max_examples=200, deadline=None)
@given(texts, st.integers(min_value=8, max_value=120))
def test_sentences_and_chunks_are_exact_slices(text, max_tokens):
    doc = _doc(text)
    sents = split_sentences(doc)
    for s in sents:
        assert text[s.start:s.end] == s.text and s.text
    chunks = chunk_sentences(doc, sents, max_tokens=max_tokens, overlap=1)
    for c in chunks:
        assert text[c.start:c.end] == c.text
        sec = doc.section_at(c.start)
        assert sec is not None and c.end <= sec.end
        assert section_display(sec.heading) == c.section
    for s in doc.sections:
        assert text[s.start:s.heading_end] == s.heading
