"""Gradio's queue under a flood of events: each waiting event holds its body in memory."""

from __future__ import annotations

import threading
import time
import uuid

import httpx

from tests.ui.conftest import event_fn_index, free_port


def test_a_flood_of_events_is_refused_once_the_queue_is_full(fake_index, monkeypatch):
    import ui.app
    from assistant import Assistant
    from ui.app import launch

    monkeypatch.setattr(ui.app, "MAX_QUEUED_EVENTS", 2, raising=False)
    qa = Assistant.load(fake_index)
    real_ask, release = qa.ask, threading.Event()

    def slow_ask(*args, **kwargs):  # every answer waits, so events pile up in the queue
        release.wait(30)
        return real_ask(*args, **kwargs)

    qa.ask = slow_ask
    handle = launch(qa, port=free_port())
    try:
        fn = event_fn_index(handle.url, "qw-ask", "click")
        statuses = []
        for _ in range(6):
            r = httpx.post(f"{handle.url}/gradio_api/queue/join", timeout=10,
                           json={"data": ["can a relationship survive without trust", [], []],
                                 "fn_index": fn, "session_hash": uuid.uuid4().hex,
                                 "event_data": None, "trigger_id": None})
            statuses.append(r.status_code)
            time.sleep(0.2)  # let the first event start, so the rest wait behind it
        assert statuses.count(200) <= 3 and statuses[-1] == 503, statuses
        assert "Queue is full" in r.text
    finally:
        release.set()
        handle.close()


def test_a_session_keeps_at_most_its_chat_limit(fake_index, monkeypatch):
    """One page asking in a loop: the chat kept on the server stops at MAX_CHAT_TURNS turns
    (it grew by about 100 KB a question, without end)."""
    import json

    import ui.app
    from assistant import Assistant
    from ui.app import launch

    monkeypatch.setattr(ui.app, "MAX_CHAT_TURNS", 2, raising=False)
    handle = launch(Assistant.load(fake_index), port=free_port())
    try:
        fn, session = event_fn_index(handle.url, "qw-ask", "click"), uuid.uuid4().hex
        for i in range(4):
            r = httpx.post(f"{handle.url}/gradio_api/queue/join", timeout=10,
                           json={"data": [f"how do I rebuild trust {i}", [], []], "fn_index": fn,
                                 "session_hash": session, "event_data": None,
                                 "trigger_id": None})
            assert r.status_code == 200, r.text
            with httpx.stream("GET", f"{handle.url}/gradio_api/queue/data",
                              params={"session_hash": session}, timeout=60) as stream:
                done = [json.loads(line[5:]) for line in stream.iter_lines()
                        if line.startswith("data:") and "process_completed" in line]
            chat = done[0]["output"]["data"][1]
        assert len(chat) == 4  # the last two turns: a question and its answer each
        assert "rebuild trust 3" in json.dumps(chat) and "rebuild trust 1" not in json.dumps(chat)
    finally:
        handle.close()


def _page_ask(url: str, question: str, session: str) -> tuple[httpx.Response, list]:
    """The page's own ask event: (the join's response, the chat it drew, when it ran)."""
    import json

    fn = event_fn_index(url, "qw-ask", "click")
    r = httpx.post(f"{url}/gradio_api/queue/join", timeout=30,
                   json={"data": [question, [], []], "fn_index": fn, "session_hash": session,
                         "event_data": None, "trigger_id": None})
    if r.status_code != 200:
        return r, []
    with httpx.stream("GET", f"{url}/gradio_api/queue/data", params={"session_hash": session},
                      timeout=60) as stream:
        done = [json.loads(line[5:]) for line in stream.iter_lines()
                if line.startswith("data:") and "process_completed" in line]
    return r, done[0]["output"]["data"][1]


def test_a_long_question_is_shown_as_far_as_it_is_read(server):
    """A 1 MB question was kept whole in the page's chat and sent back with every later answer
    (150 MB replies by the 50th turn); it is read up to 2,000 characters, and shown so."""
    from assistant.query import MAX_QUERY_CHARS

    question = "How do I rebuild trust? " + "!" * 50_000
    r, chat = _page_ask(server.url, question, uuid.uuid4().hex)
    assert r.status_code == 200, r.text
    content = chat[0]["content"]  # Gradio sends a message's content as a list of parts
    shown = content if isinstance(content, str) else "".join(p.get("text", "") for p in content)
    assert len(shown) <= 2 * MAX_QUERY_CHARS + 10 and shown.endswith("…")
    assert shown.startswith("How do I rebuild trust\\?")  # escaped: shown as typed, not Markdown
    # an event body of 200 KB is no page's: refused before it is read
    big, _ = _page_ask(server.url, "x" * 200_000, uuid.uuid4().hex)
    assert big.status_code == 413
