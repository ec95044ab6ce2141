"""QuotewiseRetriever passes langchain-tests' standard retriever suite, on the fake-model index."""

from __future__ import annotations

import pytest
from langchain_tests.integration_tests import RetrieversIntegrationTests

from assistant.langchain import QuotewiseRetriever


class TestQuotewiseRetrieverStandard(RetrieversIntegrationTests):
    @pytest.fixture(autouse=True)
    def _index(self, fake_index):
        type(self)._index_dir = str(fake_index)

    @property
    def retriever_constructor(self) -> type[QuotewiseRetriever]:
        return QuotewiseRetriever

    @property
    def retriever_constructor_params(self) -> dict:
        return {"index_dir": self._index_dir}

    @property
    def retriever_query_example(self) -> str:
        return "how can I reassure my partner"


def test_metadata_points_at_exact_article_offsets(fake_index, fake_assistant):
    docs = QuotewiseRetriever(index_dir=str(fake_index), k=4).invoke("be patient with him")
    assert len(docs) == 4
    for d in docs:
        m = d.metadata
        assert {"doc_id", "source", "start", "end", "section", "title", "score"} <= set(m)
        text = fake_assistant.document(m["doc_id"]).text
        assert text[m["start"]:m["end"]] == d.page_content


def test_loads_lazily(tmp_path):
    r = QuotewiseRetriever(index_dir=str(tmp_path / "not-built-yet"), k=2)
    assert r._assistant is None  # constructing never touches the disk


def test_wraps_a_loaded_assistant(fake_assistant):
    docs = QuotewiseRetriever.from_assistant(fake_assistant, k=2).invoke("talk about it")
    assert len(docs) == 2 and docs[0].metadata["score"] >= docs[1].metadata["score"]
