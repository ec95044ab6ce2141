"""Quotewise assistant: retrieval, evidence selection, composition; the Python API.

>>> from assistant import Assistant          # doctest: +SKIP
>>> Assistant.load().ask("he still doesn't trust me, what can I do?").markdown  # doctest: +SKIP
"""

from __future__ import annotations

__all__ = ["Answer", "Assistant", "Hit", "Quote"]


def __getattr__(name: str):
    # Lazy, so `import assistant` (and `quotewise --help`) stays instant.
    if name == "Assistant":
        from assistant.api import Assistant

        return Assistant
    if name in ("Answer", "Quote"):
        from assistant import answer

        return getattr(answer, name)
    if name == "Hit":
        from assistant.retriever import Hit

        return Hit
    raise AttributeError(name)
