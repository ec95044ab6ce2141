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
