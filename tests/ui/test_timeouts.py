"""Twenty-second audit: uvicorn gave a client all the time it liked to send its request. A
connection that sent nothing, a request head sent one line at a time, a body one byte at a
time, or the rest of a body the guard refused before reading it, was held without end (45 s
of a test, 20 of each: all held). `ui.timeouts.SlowClientTimeouts` closes each once its time
is up, and leaves normal use alone: a slow answer, a long stream, a second request on the
same connection."""

from __future__ import annotations

import asyncio
import socket
import threading
import time

import pytest
import uvicorn

from tests.ui.conftest import free_port
from ui.timeouts import SlowClientTimeouts


class Quick(SlowClientTimeouts):
    head_seconds = 1.0
    body_seconds = 1.0
    min_body_rate = 1_000_000  # a second more per MB


async def app(scope, receive, send):
    """``/refuse`` answers at once, unread body and all; ``/slow`` reads its body, then takes
    2.5 s to answer; ``/stream`` sends a part every 0.5 s for 3 s; anything else echoes the
    body's length."""
    if scope["type"] != "http":
        return
    path = scope["path"]
    body = b""
    if path != "/refuse":
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
    if path == "/slow":
        await asyncio.sleep(2.5)
    await send({"type": "http.response.start", "status": 200,
                "headers": [(b"content-type", b"text/plain")]})
    if path == "/stream":
        for k in range(6):
            await send({"type": "http.response.body", "body": b"part%d\n" % k, "more_body": True})
            await asyncio.sleep(0.5)
    await send({"type": "http.response.body", "body": b"%d" % len(body)})


@pytest.fixture(scope="module")
def port():
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, http=Quick,
                                           log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started
    yield port
    server.should_exit = True
    thread.join(10)


def closed_after(sock: socket.socket, trickle: bytes = b"", every: float = 0.25,
                 limit: float = 8.0) -> float | None:
    """Seconds until the server closes ``sock``, sending ``trickle`` every ``every`` seconds
    meanwhile (whatever the server answers is read and dropped); None if still open after
    ``limit``."""
    start = time.monotonic()
    sock.settimeout(every)
    while time.monotonic() - start < limit:
        try:
            if sock.recv(65536) == b"":
                return time.monotonic() - start
        except socket.timeout:
            pass
        except OSError:
            return time.monotonic() - start
        try:
            if trickle:
                sock.sendall(trickle)
        except OSError:
            return time.monotonic() - start
    return None


def connect(port: int, first: bytes = b"") -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", port))
    if first:
        sock.sendall(first)
    return sock


def test_a_connection_that_sends_nothing_is_closed(port):
    with connect(port) as sock:
        took = closed_after(sock)
    assert took is not None and took < 3, "held"


def test_a_request_head_sent_line_by_line_is_closed(port):
    with connect(port, b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n") as sock:
        took = closed_after(sock, b"X-A: b\r\n")
    assert took is not None and took < 3, "held"


def test_a_body_sent_byte_by_byte_is_closed(port):
    head = b"POST /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 60000\r\n\r\n"
    with connect(port, head) as sock:
        took = closed_after(sock, b"a")
    assert took is not None and took < 4, "held"


def test_the_rest_of_a_refused_body_gets_no_more_time_than_a_head(port):
    head = b"POST /refuse HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 60000\r\n\r\n"
    with connect(port, head) as sock:
        took = closed_after(sock, b"a")
    assert took is not None and took < 4, "held"


def test_normal_use_is_not_cut(port):
    import httpx

    with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10) as client:
        # an answer slower than both limits, then a second request on the same connection
        assert client.post("/slow", content=b"x" * 1000).text == "1000"
        time.sleep(0.5)
        assert client.post("/echo", content=b"y" * 200_000).text == "200000"
        # a stream longer than both limits, whole
        with client.stream("GET", "/stream") as r:
            assert r.read().count(b"part") == 6
        # a large body sent in parts, within its time
        def parts():
            for _ in range(4):
                yield b"z" * 100_000
                time.sleep(0.3)
        assert client.post("/echo", content=parts()).text == "400000"


def test_serve_runs_uvicorn_with_the_time_limits(fake_index, monkeypatch):
    from ui.app import serve

    seen = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(kw))
    monkeypatch.setattr("signal.signal", lambda *a: None)
    serve(port=free_port(), index_dir=fake_index)
    assert seen["http"] is SlowClientTimeouts
