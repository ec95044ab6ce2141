"""Property tests: whatever Unicode an article holds, every span is an exact slice.

Arbitrary text (with \\r, \\u2028, emoji, right-to-left and CJK scripts, bullets, headings and
boilerplate-looking lines mixed in) goes through structure detection, sentence splitting and
chunking; offsets, paragraph and section boundaries and the token budget must always hold.
"""

from __future__ import annotations

import re
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from ingest import Document, chunk_sentences, estimate_tokens, split_sentences
from ingest.structure import detect_structure

BLANK_LINE = re.compile(r"\n\s*\n")

pieces = st.one_of(
    st.characters(exclude_categories=("Cs",), exclude_characters="\x00"),
    st.sampled_from(list("\n\n\r .!?…。•·-*:“”’\"')(\u2028\u00a0\t")),
    st.sampled_from(
        [
            "Trust me. ",
            "Can we talk?",
            "\n1. Be kind\n",
            "\n\n",
            "emoji 🙂👩‍❤️‍👨 ",
            "שלום עליכם. ",
            "مرحبا. ",
            "信任需要时间。",
            "Mr. Lee",
            "e.g. ",
            "...",
            "About the Author",
            "\n• item",
            "May 15, 2023\n",
            "By Jane Doe\n",
            "Featured image for “x”\n",
            "share this article. ",
            "4.   You Give In: Sometimes. ",
            "\r\n",
            "Title Case Line\n\n",
            "https://x.org\n",
        ]
    ),
)
texts = st.lists(pieces, max_size=120).map("".join)


def by_characters(text: str) -> int:
    """A counter unlike the default one: chunks must be checked with it, not assumed to add up."""
    return len(text) // 3 + 2


@settings(max_examples=200, deadline=None)
@given(
    texts,
    st.integers(min_value=6, max_value=120),
    st.integers(min_value=0, max_value=2),
    st.sampled_from([estimate_tokens, by_characters]),
)
def test_sentences_and_chunks_are_exact_slices_inside_their_sections(
    text, max_tokens, overlap, count
):
    sections, boilerplate = detect_structure(text)
    doc = Document("d", "d.txt", None, None, None, None, text, sections, "", boilerplate)

    for s in sections:
        assert text[s.start : s.heading_end] == s.heading and s.start <= s.heading_end <= s.end
    assert [(s.start, s.end) for s in sections] == sorted((s.start, s.end) for s in sections)
    for a, b in boilerplate:
        assert 0 <= a < b <= len(text)

    sents = split_sentences(doc)
    for s, nxt in pairwise(sents):
        assert s.end <= nxt.start
    for s in sents:
        assert text[s.start : s.end] == s.text == s.text.strip() != ""
        assert not BLANK_LINE.search(s.text)
        section = doc.section_at(s.start)
        assert section is not None and s.end <= section.end and s.section == section.display

    chunks = chunk_sentences(doc, sents, count_tokens=count, max_tokens=max_tokens, overlap=overlap)
    for c in chunks:
        assert text[c.start : c.end] == c.text
        assert count(c.text) <= max_tokens
        section = doc.section_at(c.start)
        assert section is not None and c.end <= section.end and c.section == section.display
        assert not any(a < c.end and c.start < b for a, b in boilerplate)
        assert all(c.start <= a < b <= c.end for a, b in c.sentences)


@settings(max_examples=200, deadline=None)
@given(texts, st.data())
def test_marked_headings_keep_every_span_exact(text, data):
    """Whatever spans a page's markup marks as headings (`detect_structure`'s ``headings``),
    sections stay exact, ordered and non-overlapping, and sentences stay inside them."""
    bound = st.integers(min_value=0, max_value=len(text))
    marked = data.draw(st.lists(st.tuples(bound, bound, st.integers(1, 6)), max_size=6))
    sections, boilerplate = detect_structure(text, marked)
    doc = Document("d", "d.md", None, None, None, None, text, sections, "", boilerplate)
    for s, nxt in pairwise(sections):
        assert s.end == nxt.start
    for s in sections:
        assert text[s.start : s.heading_end] == s.heading and s.start <= s.heading_end <= s.end
    for s in split_sentences(doc):
        assert text[s.start : s.end] == s.text == s.text.strip() != ""
        section = doc.section_at(s.start)
        assert section is not None and s.end <= section.end


@settings(max_examples=300, deadline=None)
@given(texts, st.data())
def test_min_sentences_never_counts_more_sentences_than_there_are(text, data):
    """Nineteenth audit: the Library refuses an upload surely over its row limit before parsing
    it (`ingest.sentences.min_sentences`), so the count must never exceed what the full parse
    splits, whatever headings (marked by the markup or read from the text) and boilerplate the
    article has: else an upload that fits would be refused."""
    from ingest.sentences import min_sentences

    bound = st.integers(min_value=0, max_value=len(text))
    marked = data.draw(st.one_of(st.none(),
                                 st.lists(st.tuples(bound, bound, st.integers(1, 6)), max_size=6)))
    sections, boilerplate = detect_structure(text, marked)
    doc = Document("d", "d.md", None, None, None, None, text, sections, "", boilerplate)
    n = len(split_sentences(doc))
    assert min_sentences(text) <= n
    enough = data.draw(st.integers(min_value=0, max_value=40))
    assert min_sentences(text, enough) <= n or min_sentences(text, enough) > enough


# pieces that make sentences dense, and every kind of heading that may hold a stop: "#" lines, a
# step's title under its bare number, Title Case lines teasing with "?" or "!", headlines, tips,
# brackets closing after stops, abbreviations, long lines
dense_pieces = st.one_of(
    pieces,
    st.sampled_from(["Go. ", "Go! ", "Go? ", "go. ", "Mr. ", "Prof. ", "etc. ", "St. ",
                     "Rev. ", "Dr. ", "(a. B. ", "(Go now. Go on. ", ") ", "] ", "[", "\n# ", "\n## Go. Go.\n",
                     "\n1\n", "\n7\n\n", "\n2\n\nGo now. Go on. Go up.\n\n", "\nIn The Red? Talk Debt! Now\n", "\nGo? Go! Go.\n",
                     "\n3. Say It: ", "**Go. Go.**", "\n\n**Go. Go.**\n\n",
                     "Go. " * 45, "x" * 160, " " * 30, "\t", "A. ", "U.S. ", "e.g. "]),
)
dense_texts = st.lists(dense_pieces, max_size=160).map("".join)


@settings(max_examples=600, deadline=None)
@given(dense_texts, st.data())
def test_min_sentences_with_the_markups_headings_never_counts_too_many(text, data):
    """Twentieth audit: with the headings the markup marks (any spans), `min_sentences` also
    counts the stops that surely end a sentence (`sure_stops`), so an upload of sentences inside
    few paragraphs is refused unparsed: the count must never exceed what the full parse splits,
    whatever headings the text rules read (a "#" line, a step's title, a Title Case line
    teasing with "?") and whatever boilerplate; else an upload that fits would be refused."""
    from ingest.markdown import emphasized_lines
    from ingest.sentences import min_sentences

    bound = st.integers(min_value=0, max_value=len(text))
    marked = data.draw(st.lists(st.tuples(bound, bound, st.integers(1, 6)), max_size=6))
    markdown = data.draw(st.booleans())
    emphasized = emphasized_lines(text) if markdown else []
    sections, boilerplate = detect_structure(text, marked, emphasized)
    doc = Document("d", "d.md", None, None, None, None, text, sections, "", boilerplate)
    n = len(split_sentences(doc))
    spans = [*((a, b) for a, b, _ in marked), *emphasized]
    assert min_sentences(text, None, spans) <= n
    enough = data.draw(st.integers(min_value=0, max_value=60))
    least = min_sentences(text, enough, spans)
    assert least <= n or least > enough
