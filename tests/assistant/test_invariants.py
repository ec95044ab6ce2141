"""Every answer is either quotes or an abstention, and no quote outgrows the reading budget —
even on an article that is one 15 KB run-on with no full stops."""

from __future__ import annotations

import pytest

from tests.conftest import assistant_over

QUESTIONS = [
    "we talked about trust and honesty",
    "what should I do about money arguments",
    "how do I rebuild trust after lying",
    "is it normal to talk for hours",
    "asdf qwerty",
]


def _run_on_corpus() -> dict[str, str]:
    clauses = ["we talked about trust and honesty for hours", "then about money and the rent",
               "she said she needed time to think", "I promised to be open with her"]
    body = ", ".join(clauses[i % 4] + f" on day {i}" for i in range(300))
    return {"run-on.txt": "One long evening\n\n" + body + "\n",
            "short.txt": "Rebuilding trust\n\nTell the truth every time. Small lies undo months "
                         "of work.\n\nGive it time. Trust comes back slowly after lying.\n"}


def _check(qa, question):
    budget = qa.selector.config.max_chars
    ans = qa.ask(question)
    if not ans.abstained:
        assert ans.quotes, f"answered without a quote: {question!r}"
    assert sum(len(q.text) for q in ans.quotes) <= budget
    for q in ans.quotes + ans.closest:
        assert qa.document(q.doc_id).text[q.start:q.end] == q.text
        assert len(q.text) <= budget
    return ans


@pytest.mark.parametrize("question", QUESTIONS)
def test_run_on_article_gives_quotes_or_abstention(tmp_path, question):
    _check(assistant_over(tmp_path, _run_on_corpus()), question)


@pytest.mark.slow
def test_run_on_article_with_the_real_model(tmp_path, real_embedder):
    qa = assistant_over(tmp_path, _run_on_corpus(), embedder=real_embedder)
    answered = [_check(qa, q) for q in QUESTIONS]
    assert any(not a.abstained for a in answered)  # the run-on is quotable, in pieces
