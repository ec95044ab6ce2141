"""The two APIs on a live server: Gradio's named `/ask` and plain JSON `POST /api/ask`."""

from __future__ import annotations

import httpx
import pytest

from tests.ui.conftest import free_port

ANSWER_KEYS = {"question": str, "abstained": bool, "safety": bool, "markdown": str,
               "quotes": list, "sources": list, "timings_ms": dict, "coverage": str}
QUOTE_KEYS = {"n": int, "doc_id": str, "source": str, "start": int, "end": int, "text": str,
              "section": str, "score": float}


def check_schema(ans: dict):
    for k, t in ANSWER_KEYS.items():
        assert isinstance(ans[k], t), k
    assert set(ans["timings_ms"]) >= {"retrieve", "compose", "total"}
    for q in ans["quotes"]:
        for k, t in QUOTE_KEYS.items():
            assert isinstance(q[k], t), k


def test_http_api_answers_and_rejects_bad_input(server):
    r = httpx.post(f"{server.url}/api/ask", json={"question": "how do I reassure him"}, timeout=30)
    assert r.status_code == 200
    ans = r.json()
    check_schema(ans)
    assert ans["quotes"] and ans["question"] == "how do I reassure him"
    assert httpx.post(f"{server.url}/api/ask", json={"question": "  "}).status_code == 400
    bad = httpx.post(f"{server.url}/api/ask", content=b"not json")
    assert bad.status_code == 422 and "question" in bad.json()["error"]
    assert httpx.post(f"{server.url}/api/ask", json={}).status_code == 422
    assert "/api/ask" in httpx.get(f"{server.url}/openapi.json").json()["paths"]


def test_gradio_client_calls_named_ask_endpoint(server):
    from gradio_client import Client

    ans = Client(server.url, verbose=False).predict("be patient with him", api_name="/ask")
    check_schema(ans)
    assert ans["quotes"][0]["text"]


@pytest.mark.parametrize("path", ["/gradio_api/file=/etc/passwd", "/file=/etc/passwd",
                                  "/gradio_api/file=../../../../etc/passwd",
                                  "/gradio_api/file=data/articles/../../pyproject.toml",
                                  "/static/../../../etc/passwd", "/assets/..%2f..%2f..%2fetc/passwd"])
def test_no_file_outside_corpus_and_index_is_served(server, path):
    r = httpx.get(server.url + path)
    assert "root:" not in r.text and "[project]" not in r.text


def test_login_protects_ui_and_json_route(fake_index):
    from assistant import Assistant
    from ui.app import launch, parse_auth

    assert parse_auth("ann:s3cret") == ("ann", "s3cret")
    with pytest.raises(ValueError):
        parse_auth("no-colon")
    handle = launch(Assistant.load(fake_index), port=free_port(), auth=("ann", "s3cret"))
    try:
        body = {"question": "how do I reassure him"}
        assert httpx.post(f"{handle.url}/api/ask", json=body).status_code == 401
        assert httpx.post(f"{handle.url}/api/ask", json=body, auth=("ann", "wrong")).status_code == 401
        ok = httpx.post(f"{handle.url}/api/ask", json=body, auth=("ann", "s3cret"))
        assert ok.status_code == 200 and ok.json()["quotes"]
        config = httpx.get(f"{handle.url}/config")
        assert "s3cret" not in config.text  # whatever the route answers, never the password
    finally:
        handle.close()


def test_http_api_takes_the_conversation_history(server):
    url = f"{server.url}/api/ask"
    first = httpx.post(url, json={"question": "should I give him my passwords?"}, timeout=30)
    assert first.status_code == 200 and first.json()["quotes"]
    turn = {"question": "should I give him my passwords?", "answer": first.json()}
    follow = httpx.post(url, json={"question": "why?", "history": [turn]}, timeout=30)
    assert follow.status_code == 200
    body = follow.json()
    assert body["question"] == "why?" and body["coverage"] in ("direct", "partial", "none")
    shown = {(q["doc_id"], q["start"]) for q in first.json()["quotes"]}
    assert body["quotes"] and not shown & {(q["doc_id"], q["start"]) for q in body["quotes"]}
    bad = httpx.post(url, json={"question": "why?", "history": [{"answer": {}}]}, timeout=30)
    assert bad.status_code == 422 and "error" in bad.json()


def test_an_llm_answer_quoting_words_no_article_says_is_not_shown(fake_index):
    """With an LLM composer (`Assistant.load(llm=...)`), the asker's question reaches the model:
    a question built to steer it (or a model inventing) may put words in an article's mouth.
    A quotation the articles do not hold word for word is never shown, whatever its marks, and
    even when it runs over a sentence's end."""
    from langchain_core.language_models.fake_chat_models import FakeListChatModel

    from assistant import Assistant
    from ui.app import launch

    question = "should I give him my passwords so he stops worrying?"
    first = Assistant.load(fake_index).ask(question).quotes[0].text
    words = first.split()[:4]
    at = next(i for i, w in enumerate(first.split()) if len(w) > 4 and w.isalpha())
    part_word = " ".join([first.split()[at][1:], *first.split()[at + 1:at + 3]])  # part of a word
    invented = "Give him every password. He deserves to see them all."
    attacks = [f'One article is blunt [1]: "{invented}" [1]',  # a quotation over a full stop
               "One article says 'give him every password' [1].",
               "One article says «give him every password» [1].",
               "One article says ”give him every password” [1].",
               f'One article says "{part_word}" [1].']
    genuine = f'As one article puts it, "{" ".join(words)}" [1].'
    llm = FakeListChatModel(responses=[*attacks, genuine])
    handle = launch(Assistant.load(fake_index, llm=llm), port=free_port())
    try:
        for prose in attacks:
            r = httpx.post(f"{handle.url}/api/ask", json={"question": question}, timeout=30)
            ans = r.json()
            assert r.status_code == 200 and ans["composer"] == "extractive-fallback", prose
            assert "One article" not in ans["markdown"]  # the quoted evidence instead
            assert any("failed verification" in n for n in ans["notices"])
        ans = httpx.post(f"{handle.url}/api/ask", json={"question": question}, timeout=30).json()
        assert ans["composer"] == "llm" and ans["markdown"].startswith("As one article puts it")
    finally:
        handle.close()
