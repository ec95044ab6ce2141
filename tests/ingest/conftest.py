"""The project's three articles, loaded once for the ingest tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest import Document, load_paths

ROOT = Path(__file__).parents[2]
ARTICLES = ROOT / "data" / "articles"
A000, A002, A003 = "000_1e7ddc6cb9001c46", "002_8dbfed19f3c03168", "003_f034c80f6a2348e7"


@pytest.fixture(scope="session")
def docs() -> dict[str, Document]:
    """The real articles by doc_id, as ingested from their folder."""
    loaded, warnings = load_paths([ARTICLES])
    assert warnings == []
    return {d.doc_id: d for d in loaded}
