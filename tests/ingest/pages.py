"""Small articles written to a folder and read back, for the ingest tests."""

from __future__ import annotations

from ingest import Document, load_paths, split_sentences


def load_page(tmp_path, text: str, name: str = "page.txt") -> Document:
    """``text`` saved as ``name`` and read as a user's file is, with no warning."""
    (tmp_path / name).write_text(text, encoding="utf-8")
    docs, warnings = load_paths([tmp_path / name])
    assert warnings == []
    return docs[0]


def quotable_texts(doc: Document) -> list[str]:
    """The sentences of ``doc`` an answer may quote."""
    return [s.text for s in split_sentences(doc) if s.quotable]


def read_markdown_page(text: str):
    """How a Markdown page's text is read: its sections and its metadata (what the linear-time
    checks of the page forms time)."""
    from ingest.markdown import emphasized_lines, headings
    from ingest.metadata import extract_metadata
    from ingest.structure import detect_structure

    sections, _ = detect_structure(text, headings(text), emphasized_lines(text))
    return sections, extract_metadata(text)
