"""LangChain retriever over a Quotewise index.

>>> from assistant.langchain import QuotewiseRetriever     # doctest: +SKIP
>>> docs = QuotewiseRetriever(index_dir=".quotewise/index", k=4).invoke("he reads my texts")  # doctest: +SKIP
>>> docs[0].metadata["start"], docs[0].metadata["section"]  # doctest: +SKIP

Each `Document` is one retrieved chunk; its metadata holds doc_id, source, start, end (offsets
into the article), section, title and the fused score. The index loads on first use.
"""

from __future__ import annotations

from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict, PrivateAttr


class QuotewiseRetriever(BaseRetriever):
    """Hybrid (dense + BM25) Quotewise retrieval as a LangChain `BaseRetriever`."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    index_dir: str | None = None
    """Index directory (default: $QUOTEWISE_INDEX or .quotewise/index)."""
    k: int = 4
    """Number of documents to return (fewer only if the index has fewer chunks)."""
    mmr: bool = False
    """Diversify results with maximal marginal relevance."""

    _assistant: Any = PrivateAttr(default=None)

    @classmethod
    def from_assistant(cls, assistant, **kwargs) -> "QuotewiseRetriever":
        """Wrap an already loaded `Assistant` (no second copy of the index in memory)."""
        r = cls(**kwargs)
        r._assistant = assistant
        return r

    @property
    def assistant(self):
        if self._assistant is None:
            from assistant.api import Assistant

            self._assistant = Assistant.load(self.index_dir)
        return self._assistant

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun, k: int | None = None
    ) -> list[Document]:
        qa = self.assistant
        hits = qa.search(query, k=k or self.k, mmr=self.mmr)
        out = []
        for h in hits:
            doc = qa.document(h.chunk.doc_id)
            out.append(
                Document(
                    page_content=h.chunk.text,
                    id=h.chunk.chunk_id,
                    metadata={
                        "chunk_id": h.chunk.chunk_id,
                        "doc_id": h.chunk.doc_id,
                        "source": doc.source,
                        "start": h.chunk.start,
                        "end": h.chunk.end,
                        "section": h.chunk.section,
                        "title": doc.title,
                        "score": h.score,
                        "dense": h.dense,
                        "lexical": h.lexical,
                    },
                )
            )
        return out
