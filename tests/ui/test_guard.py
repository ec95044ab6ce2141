"""The JSON API under hostile input: sizes, encodings, types and logins (a live server)."""

from __future__ import annotations

import base64
import json
import os
import time
from collections.abc import Callable
from contextlib import contextmanager

import httpx
import pytest

from tests.ui.conftest import free_port

QUESTION = {"question": "how do I reassure him"}


@pytest.fixture(scope="module")
def locked(fake_index):
    """A server with a login whose password is not ASCII."""
    from assistant import Assistant
    from ui.app import launch

    handle = launch(Assistant.load(fake_index), port=free_port(), auth=("alice", "sécret"))
    yield handle
    handle.close()


def basic(user: str, password: str) -> dict:
    token = base64.b64encode(f"{user}:{password}".encode()).decode()
    return {"Authorization": f"Basic {token}"}


def post(url: str, **kw) -> httpx.Response:
    return httpx.post(f"{url}/api/ask", timeout=30, **kw)


def test_basic_auth_compares_utf8_bytes():
    from ui.guard import basic_auth_ok

    auth = ("alice", "sécret")
    assert basic_auth_ok(basic("alice", "sécret")["Authorization"], auth)
    assert not basic_auth_ok(basic("alice", "secret")["Authorization"], auth)
    assert not basic_auth_ok(basic("ännä", "sécret")["Authorization"], ("ann", "s3cret"))
    assert not basic_auth_ok("Basic ä€", auth) and not basic_auth_ok("Bearer x", auth)


def test_non_ascii_login_is_401_or_200_never_500(locked):
    assert post(locked.url, json=QUESTION).status_code == 401
    assert post(locked.url, json=QUESTION, headers=basic("alice", "wrong")).status_code == 401
    assert post(locked.url, json=QUESTION, headers=basic("älice", "sécret")).status_code == 401
    ok = post(locked.url, json=QUESTION, headers=basic("alice", "sécret"))
    assert ok.status_code == 200 and ok.json()["quotes"]


def test_non_ascii_credentials_from_a_client_are_401(fake_index):
    from assistant import Assistant
    from ui.app import launch

    handle = launch(Assistant.load(fake_index), port=free_port(), auth=("ann", "s3cret"))
    try:
        r = post(handle.url, json=QUESTION, headers=basic("ännä", "sécret"))
        assert r.status_code == 401 and "error" in r.json()
    finally:
        handle.close()


def test_large_body_is_refused_quickly(server):
    t0 = time.time()
    r = post(server.url, content=b'{"question": "' + b"a" * (1024 * 1024) + b'"}',
             headers={"Content-Type": "application/json"})
    assert r.status_code == 413 and "error" in r.json()
    assert time.time() - t0 < 3


def test_large_chunked_body_is_refused(server):
    def chunks():
        yield b'{"question": "'
        for _ in range(64):
            yield b"a" * 16384
        yield b'"}'

    r = post(server.url, content=chunks(), headers={"Content-Type": "application/json"})
    assert r.status_code == 413 and "error" in r.json()


def test_body_just_under_the_limit_is_answered(server):
    from ui.guard import MAX_JSON_BYTES

    body = b'{"question": "how do I reassure him"}'
    body += b" " * (MAX_JSON_BYTES - len(body) - 10)
    r = post(server.url, content=body, headers={"Content-Type": "application/json"})
    assert r.status_code == 200 and r.json()["quotes"]


def test_login_is_checked_before_the_body_is_read(locked):
    junk = b"{" * (1024 * 1024)  # not JSON, and too big: a parser would say 422, a limit 413
    r = post(locked.url, content=junk, headers={"Content-Type": "application/json"})
    assert r.status_code == 401 and "error" in r.json()
    small = post(locked.url, content=b"{not json", headers={"Content-Type": "application/json"})
    assert small.status_code == 401


@pytest.mark.parametrize("body", [
    b'{"question": "\xff\xfe trust"}',  # not UTF-8
    b'{"question": "x", "h": ' + b"[" * 30000 + b"]" * 30000 + b"}",  # nested too deeply
    b"\xff",
])
def test_unparseable_bodies_answer_the_documented_error(server, body):
    r = post(server.url, content=body, headers={"Content-Type": "application/json"})
    assert r.status_code in (400, 422)
    assert set(r.json()) == {"error"} and isinstance(r.json()["error"], str)


@pytest.mark.parametrize("value", [True, "3", 2.0, 0, 11])
def test_max_quotes_must_be_a_whole_number(server, value):
    r = post(server.url, json={**QUESTION, "max_quotes": value})
    assert r.status_code == 422
    assert "max_quotes" in r.json()["error"] and "\n" not in r.json()["error"]


def test_max_quotes_null_or_absent_means_the_index_budget(server):
    absent = post(server.url, json=QUESTION)
    null = post(server.url, json={**QUESTION, "max_quotes": None})
    assert absent.status_code == null.status_code == 200
    assert absent.json()["quotes"] == null.json()["quotes"]


def test_max_quotes_as_an_int_is_honoured(server):
    r = post(server.url, json={**QUESTION, "max_quotes": 2})
    assert r.status_code == 200 and 1 <= len(r.json()["quotes"]) <= 2


# ~59 KB: every "follows me" matches a safety rule, and the parent rule at the end excludes
# each match again, so a check that rescans the sentence per match is quadratic (14 s here)
HOSTILE_QUESTION = "he follows me " * 4200 + "without asking my parents"


@pytest.mark.parametrize("history", [[], [{"question": "my boyfriend doesn't trust me"}]])
def test_a_question_built_against_the_safety_rules_is_answered_quickly(server, history):
    t0 = time.time()
    r = post(server.url, json={"question": HOSTILE_QUESTION, "history": history})
    assert r.status_code == 200 and r.json()["question"] == HOSTILE_QUESTION[:2000]
    assert time.time() - t0 < 3


def test_long_history_questions_are_read_only_as_far_as_a_question_is(server):
    # follow-ups ("and ..."): a turn leaning on them is read with all three
    history = [{"question": "and " + HOSTILE_QUESTION[-20000:]}] * 3
    t0 = time.time()
    r = post(server.url, json={"question": "why?", "history": history})
    assert r.status_code == 200
    assert time.time() - t0 < 3


def test_another_host_name_is_refused_on_loopback(server):
    """DNS rebinding: a web page whose name now points at 127.0.0.1 sends its own Host."""
    port = server.url.rsplit(":", 1)[1]
    r = post(server.url, json=QUESTION, headers={"Host": f"evil.example:{port}"})
    assert r.status_code == 421 and "error" in r.json()
    page = httpx.get(server.url + "/config", headers={"Host": f"evil.example:{port}"})
    assert page.status_code == 421
    assert post(server.url, json=QUESTION, headers={"Host": f"localhost:{port}"}).status_code == 200


@pytest.mark.parametrize("origin", ["http://evil.example", "null", "http://127.0.0.1.evil.example",
                                    "http://[evil"])
def test_requests_from_other_sites_are_refused_on_loopback(server, origin):
    r = post(server.url, json=QUESTION, headers={"Origin": origin})
    assert r.status_code == 403 and "error" in r.json()
    assert "\n" not in r.json()["error"]


def test_the_page_itself_and_clients_without_an_origin_are_answered(server):
    assert post(server.url, json=QUESTION, headers={"Origin": server.url}).status_code == 200
    assert post(server.url, json=QUESTION).status_code == 200


def test_other_hosts_are_answered_when_serving_the_network(fake_index):
    """--host 0.0.0.0: the operator chose to be reached under other names."""
    from assistant import Assistant
    from ui.app import launch

    handle = launch(Assistant.load(fake_index), host="0.0.0.0", port=free_port())
    try:
        port = handle.url.rsplit(":", 1)[1]
        r = post(f"http://127.0.0.1:{port}", json=QUESTION,
                 headers={"Host": f"quotewise.lan:{port}"})
        assert r.status_code == 200
    finally:
        handle.close()


DOC_ROUTES = ("/docs", "/redoc", "/openapi.json", "/docs/oauth2-redirect")


def own_routes(handle):
    """The routes a live server serves itself, beside the Gradio mount."""
    from starlette.routing import Mount

    return [r for r in handle.server.config.app.routes if not isinstance(r, Mount)]


def test_api_documentation_needs_the_login(locked):
    """/docs, /redoc and /openapi.json describe the API: behind the login like the API itself."""
    for path in DOC_ROUTES:
        r = httpx.get(locked.url + path, timeout=30)
        assert r.status_code == 401 and r.headers["WWW-Authenticate"] == "Basic", path
        assert set(r.json()) == {"error"} and "\n" not in r.json()["error"]
        assert httpx.get(locked.url + path, headers=basic("alice", "sécret"),
                         timeout=30).status_code == 200
    spec = httpx.get(locked.url + "/openapi.json", headers=basic("alice", "sécret"), timeout=30)
    assert "/api/ask" in spec.json()["paths"]


def test_every_route_but_gradios_needs_the_login(locked):
    """Read from the app itself, so a route added later is covered without being named."""
    routes = own_routes(locked)
    assert {r.path for r in routes} >= {"/api/ask", "/mcp", *DOC_ROUTES}
    for route in routes:
        for method in sorted(route.methods or {"GET", "POST"}):
            r = httpx.request(method, locked.url + route.path, timeout=30)
            assert r.status_code == 401, (method, route.path, r.status_code)
            assert r.headers["WWW-Authenticate"] == "Basic"


def test_gradio_keeps_its_own_login(locked):
    """Gradio's page shows its login form (no Basic prompt); its events still need that login."""
    page = httpx.get(locked.url + "/", timeout=30)
    assert page.status_code == 200 and "WWW-Authenticate" not in page.headers
    assert httpx.get(locked.url + "/config", timeout=30).status_code == 401


def test_api_documentation_is_open_without_a_login(server):
    for path in DOC_ROUTES:
        assert httpx.get(server.url + path, timeout=30).status_code == 200, path


@pytest.fixture(scope="module")
def network(fake_index):
    """--host 0.0.0.0 with a login: uploads are on, and the login rides along with requests."""
    from assistant import Assistant
    from ui.app import launch

    handle = launch(Assistant.load(fake_index), host="0.0.0.0", port=free_port(),
                    auth=("alice", "s3cret"))
    yield handle
    handle.close()


def network_post(handle, path: str, headers: dict, **kw) -> httpx.Response:
    port = handle.url.rsplit(":", 1)[1]
    return httpx.post(f"http://127.0.0.1:{port}{path}", timeout=30,
                      headers={"Host": f"quotewise.lan:{port}", **basic("alice", "s3cret"),
                               **headers}, **kw)


@pytest.mark.parametrize("headers", [
    {"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"},
    {"Sec-Fetch-Site": "same-site", "Origin": "https://other.quotewise.lan"},
    {"Origin": "https://evil.example"},  # a browser without Fetch Metadata
    {"Origin": "null"},  # a sandboxed page or a redirect
])
def test_a_logged_in_browser_cannot_be_made_to_post_from_another_site(network, headers):
    """Another page could otherwise add an article (or ask) with the user's login."""
    r = network_post(network, "/api/ask", headers, json=QUESTION)
    assert r.status_code == 403 and "other sites" in r.json()["error"]
    upload = network_post(network, "/gradio_api/upload", headers,
                          files={"files": ("x.txt", b"Title\n\nText.\n")})
    assert upload.status_code == 403 and "other sites" in upload.json()["error"]


@pytest.mark.parametrize("headers", [
    {"Sec-Fetch-Site": "same-origin", "Origin": "http://quotewise.lan"},
    {"Origin": "http://quotewise.lan"},
    {"Origin": "https://abc.example.live", "X-Forwarded-Host": "abc.example.live"},  # a tunnel
    {},  # not a browser: curl, scripts, MCP clients
])
def test_the_page_itself_and_other_clients_still_post(network, headers):
    r = network_post(network, "/api/ask", headers, json=QUESTION)
    assert r.status_code == 200 and r.json()["quotes"]


def test_a_link_from_another_site_still_opens_the_page(network):
    port = network.url.rsplit(":", 1)[1]
    page = httpx.get(f"http://127.0.0.1:{port}/", timeout=30,
                     headers={"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "navigate"})
    assert page.status_code == 200


def _name_a_file_in_events(url: str, path: str) -> tuple[httpx.Response, httpx.Response]:
    """A file object naming ``path`` as the question of `/gradio_api/call/ask` and as the first
    input of the page's own ask event: (the call's response, the event's)."""
    from tests.ui.conftest import event_fn_index

    named = {"path": path, "meta": {"_type": "gradio.FileData"}}
    ask = httpx.post(f"{url}/gradio_api/call/ask", json={"data": [named]}, timeout=30)
    page = httpx.post(f"{url}/gradio_api/queue/join", timeout=30, json={
        "data": [named, [], []], "session_hash": "named",
        "fn_index": event_fn_index(url, "qw-ask", "click")})
    return ask, page


def test_an_event_naming_a_web_address_as_a_file_downloads_nothing(server, monkeypatch):
    """Gradio downloads a file object's web address found in any event input, whole, before a
    handler runs, and answers with its /gradio_api/file= address: anyone who may ask could make
    the server fetch any public page or fill its memory and disk (uploads off, too)."""
    import gradio.processing_utils

    fetched = []

    async def download(url, cache_dir):  # stands in for the download (no internet here)
        fetched.append(url)
        raise OSError("not downloading in a test")

    monkeypatch.setattr(gradio.processing_utils, "async_ssrf_protected_download", download)
    web = {"path": "https://example.com/10GB.bin", "meta": {"_type": "gradio.FileData"}}
    ask, page = _name_a_file_in_events(server.url, web["path"])
    wide = httpx.post(f"{server.url}/gradio_api/call/ask", timeout=30,  # JSON may be UTF-16
                      content=json.dumps({"data": [web]}).encode("utf-16-be"),
                      headers={"Content-Type": "application/json"})
    for r in (ask, page, wide):
        assert r.status_code == 400 and "web address" in r.json()["error"]
    time.sleep(0.5)  # a queued event would run now
    assert fetched == []
    # questions and the page's own events are answered as before
    ok = httpx.post(f"{server.url}/gradio_api/call/ask", json={"data": ["https://example.com"]})
    assert ok.status_code == 200


def test_an_event_naming_a_relative_path_as_a_file_does_not_name_the_working_folder(server):
    """Gradio refuses a file object whose path it did not receive, and its refusal, shown to the
    client, gave a relative path as one in the server's working folder: anyone who can ask
    learnt where the server runs from (a home folder names its user)."""
    here = os.getcwd()
    for path in ("notes.txt", "./x", "~/x", ""):
        ask, page = _name_a_file_in_events(server.url, path)
        if ask.status_code == 200:  # what the caller reads next: the event's outcome
            ask_id = ask.json()["event_id"]
            outcome = httpx.get(f"{server.url}/gradio_api/call/ask/{ask_id}", timeout=30)
            assert here not in outcome.text, outcome.text
        for r in (ask, page):
            assert r.status_code == 400 and "relative path" in r.json()["error"], path
            assert here not in r.text
    # a question that merely looks like a path is answered as before
    ok = httpx.post(f"{server.url}/gradio_api/call/ask", json={"data": ["notes.txt"]})
    assert ok.status_code == 200


def test_an_event_naming_a_server_path_is_refused_in_one_line(server, caplog):
    """A file object naming an absolute path outside the page's uploads: Gradio refused it, but
    wrote a 25-line traceback into the server's log for every 60-byte request."""
    import logging

    caplog.set_level(logging.ERROR)
    for path in ("/x", "/etc/passwd", "/proc/self/cwd/notes.txt", "/tmp/a\u0000b"):
        for r in _name_a_file_in_events(server.url, path):
            assert r.status_code == 400, (path, r.text)
            assert r.json()["error"] == ("a file must be uploaded to this page, not named by a "
                                         "path outside its uploads")
    assert not [r for r in caplog.records if r.exc_info], "a traceback reached the log"


# -- logins: attempts limited per address, Gradio's routes behind its login -------------------

@contextmanager
def gradio_login(url: str, user: str, password: str):
    """A client logged in through Gradio's login form, as the page logs in (its cookie)."""
    with httpx.Client(timeout=30) as client:
        r = client.post(f"{url}/login", data={"username": user, "password": password})
        assert r.status_code == 200 and r.json() == {"success": True}, r.text
        yield client


def from_address(address: str) -> httpx.Client:
    """A client connecting from another loopback address (Linux answers all of 127/8)."""
    return httpx.Client(timeout=30, transport=httpx.HTTPTransport(local_address=address))


def assert_locked_out(r: httpx.Response) -> None:
    assert r.status_code == 429, (r.status_code, r.text)
    assert set(r.json()) == {"error"} and "\n" not in r.json()["error"]
    assert "too many failed logins" in r.json()["error"]
    assert 1 <= int(r.headers["Retry-After"]) <= 2


def short_login_window(monkeypatch) -> Callable[[float], None]:
    """Lock an address out after 3 failures for 2 seconds, on a clock that moves only when the
    test moves it (the returned function, by that many seconds): on a loaded machine the
    guesses alone could take 2 real seconds, and the window ran out before it was checked."""
    import functools

    from ui import guard

    now = [1000.0]
    monkeypatch.setattr(guard, "MAX_LOGIN_FAILURES", 3)
    monkeypatch.setattr(guard, "LOGIN_WINDOW", 2)
    monkeypatch.setattr(guard, "LoginLimiter",
                        functools.partial(guard.LoginLimiter, clock=lambda: now[0]))
    return lambda seconds: now.__setitem__(0, now[0] + seconds)


@pytest.fixture
def short_lockout(fake_index, monkeypatch):
    """A server with a login, locking an address out after 3 failures for 2 seconds;
    ``handle.wait(seconds)`` moves its login clock on."""
    from assistant import Assistant
    from ui.app import launch

    wait = short_login_window(monkeypatch)
    handle = launch(Assistant.load(fake_index), port=free_port(), auth=("alice", "s3cret"))
    handle.wait = wait
    yield handle
    handle.close()


@pytest.fixture
def behind_a_proxy(fake_index, monkeypatch):
    """As `short_lockout`, with loopback named as a trusted proxy."""
    from assistant import Assistant
    from ui.app import launch

    wait = short_login_window(monkeypatch)
    handle = launch(Assistant.load(fake_index), port=free_port(), auth=("alice", "s3cret"),
                    trusted_proxies=["127.0.0.1"])
    handle.wait = wait
    yield handle
    handle.close()


def test_failed_logins_lock_an_address_out_for_a_while(short_lockout):
    """Password guessing: after the limit, neither HTTP Basic nor Gradio's login form checks a
    password from that address until the window ends; other addresses and sessions already
    logged in are not affected."""
    url = short_lockout.url
    with gradio_login(url, "alice", "s3cret") as session:  # logged in before the guessing
        for _ in range(5):  # no credentials at all: not a guess
            assert post(url, json=QUESTION).status_code == 401
        for _ in range(3):
            assert post(url, json=QUESTION, auth=("alice", "guess")).status_code == 401
        assert_locked_out(post(url, json=QUESTION, auth=("alice", "s3cret")))  # not checked
        assert_locked_out(httpx.post(f"{url}/login",
                                     data={"username": "alice", "password": "s3cret"}))
        # a session of Gradio's login keeps working; another address logs in either way
        r = session.post(f"{url}/gradio_api/call/ask", json={"data": ["why"]})
        assert r.status_code == 200
    with from_address("127.0.0.2") as other:
        r = other.post(f"{url}/api/ask", json=QUESTION, auth=("alice", "s3cret"))
        assert r.status_code == 200
        r = other.post(f"{url}/login", data={"username": "alice", "password": "s3cret"})
        assert r.status_code == 200
    short_lockout.wait(2.2)  # the window ends: the address may try again
    assert post(url, json=QUESTION, auth=("alice", "s3cret")).status_code == 200


def test_failed_logins_on_gradios_login_form_count_too(short_lockout):
    url = short_lockout.url
    for _ in range(5):  # successful logins are not failures
        with gradio_login(url, "alice", "s3cret"):
            pass
    for _ in range(3):
        r = httpx.post(f"{url}/login", data={"username": "alice", "password": "guess"})
        assert r.status_code == 400  # Gradio's own answer to a wrong password
    assert_locked_out(httpx.post(f"{url}/login", data={"username": "alice", "password": "s3cret"}))
    assert_locked_out(post(url, json=QUESTION, auth=("alice", "s3cret")))
    short_lockout.wait(2.2)
    with gradio_login(url, "alice", "s3cret"):
        pass


def test_logins_sent_all_at_once_are_each_counted(short_lockout):
    """A form login counts as failed on arrival, before its body is read: guesses sent at once
    cannot all pass the check before any of them is counted."""
    from concurrent.futures import ThreadPoolExecutor

    def guess(i: int) -> int:
        return httpx.post(f"{short_lockout.url}/login", timeout=30,
                          data={"username": "alice", "password": f"guess{i}"}).status_code

    with ThreadPoolExecutor(12) as pool:
        statuses = sorted(pool.map(guess, range(12)))
    assert statuses == [400] * 3 + [429] * 9


def test_the_failed_login_count_stays_small_under_a_flood_of_addresses():
    from ui.guard import LoginLimiter

    now = [0.0]
    limiter = LoginLimiter(limit=2, window=60, capacity=100, clock=lambda: now[0])
    for i in range(10_000):
        limiter.failed(f"10.{i // 65536}.{i // 256 % 256}.{i % 256}")
    assert len(limiter) == 100
    limiter.failed("203.0.113.7")
    limiter.failed("203.0.113.7")
    assert limiter.retry_after("203.0.113.7") == 60 and len(limiter) == 100
    now[0] = 61.0  # every count has run out
    assert limiter.retry_after("203.0.113.7") == 0 and len(limiter) == 0


def test_ipv6_failures_are_counted_per_network():
    from ui.guard import client_address

    one = client_address({"client": ("2001:db8:1:2::1", 1)})
    assert one == client_address({"client": ("2001:db8:1:2:ffff::9", 1)}) == "2001:db8:1:2::/64"
    assert client_address({"client": ("::ffff:192.0.2.1", 1)}) == "192.0.2.1"
    assert client_address({"client": ("192.0.2.1", 1)}) == "192.0.2.1"


def raw_request(url: str, head: str) -> bytes:
    """Send only a request's head (its body announced, never sent) and read the answer."""
    import socket

    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(head.encode("latin-1"))
        answer = b""
        while b"\r\n\r\n" not in answer or not answer.rstrip().endswith(b"}"):
            chunk = sock.recv(65536)
            if not chunk:
                break
            answer += chunk
    return answer


@pytest.mark.parametrize("path", ["/gradio_api/queue/join", "/gradio_api/upload",
                                  "/gradio_api/call/ask"])
def test_gradio_refuses_a_stranger_before_reading_the_body(locked, path):
    """A client without Gradio's login is refused at once: the server does not wait for the
    1 MB it was promised (it read up to 1 MB, 2 MB on uploads, before Gradio refused)."""
    port = locked.url.rsplit(":", 1)[1]
    answer = raw_request(locked.url, f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                                     "Content-Type: application/json\r\n"
                                     "Content-Length: 1000000\r\n\r\n")
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 401"), answer[:200]
    assert json.loads(body) == {"error": "login required: log in on the page first"}


def test_gradios_page_logs_in_and_its_events_work_behind_the_login(locked):
    from tests.ui.conftest import event_fn_index

    for path in ("/", "/theme.css"):  # the login page and what it loads need no login
        assert httpx.get(locked.url + path, timeout=30).status_code == 200, path
    for r in (httpx.post(f"{locked.url}/gradio_api/call/ask", json={"data": ["why"]}),
              httpx.post(f"{locked.url}/gradio_api/upload", files={"files": ("x.txt", b"x")})):
        assert r.status_code == 401 and r.json()["error"].startswith("login required")
    with gradio_login(locked.url, "alice", "sécret") as session:
        assert session.post(f"{locked.url}/gradio_api/call/ask",
                            json={"data": ["why"]}).status_code == 200
        upload = session.post(f"{locked.url}/gradio_api/upload",
                              files={"files": ("x.txt", b"Title\n\nText.\n")})
        assert upload.status_code == 200 and len(upload.json()) == 1
        join = session.post(f"{locked.url}/gradio_api/queue/join", json={
            "data": ["how do I reassure him", [], []], "session_hash": "loggedin",
            "fn_index": event_fn_index(locked.url, "qw-ask", "click", session)})
        assert join.status_code == 200 and "event_id" in join.json()


def test_gradios_heartbeat_needs_the_login(locked):
    """Gradio serves its heartbeat stream to anyone: an anonymous client could hold it open."""
    r = httpx.get(f"{locked.url}/gradio_api/heartbeat/anyone", timeout=30)
    assert r.status_code == 401
    assert r.json() == {"error": "login required: log in on the page first"}
    with gradio_login(locked.url, "alice", "sécret") as session:
        with session.stream("GET", f"{locked.url}/gradio_api/heartbeat/mine") as stream:
            assert stream.status_code == 200
            assert stream.headers["content-type"].startswith("text/event-stream")


def test_no_route_acts_with_this_machines_hugging_face_token(locked, monkeypatch):
    """Gradio's run history (``/gradio_api/run-history/...``, no login of its own, GET so not
    the guard's) called the Hugging Face Hub with this machine's saved token for any client on
    loopback, or behind a proxy passing ``Host: localhost``: without the login, a stranger
    listed the operator's buckets and read runs from any bucket the token reads."""
    monkeypatch.setenv("HF_TOKEN", "hf_the_operators_own_token")  # as `huggingface-cli login`
    for path in ("/gradio_api/run-history/buckets",
                 "/gradio_api/run-history/records?bucket=alice/private", "/gradio_api/runs"):
        r = httpx.get(f"{locked.url}{path}", timeout=60)
        assert r.status_code == 404, (path, r.status_code, r.text[:200])
        assert "hub" not in r.text.lower()


def test_a_forwarded_address_is_not_believed_without_a_trusted_proxy(short_lockout):
    """``X-Forwarded-For`` is only a header any client can write: without
    ``QUOTEWISE_TRUSTED_PROXIES`` a guesser on this machine cannot take a fresh count per
    request by writing another address into it (uvicorn believes it from loopback by default)."""
    url = short_lockout.url
    for i in range(3):
        r = post(url, json=QUESTION, auth=("alice", "guess"),
                 headers={"X-Forwarded-For": f"198.51.100.{i}"})
        assert r.status_code == 401
    assert_locked_out(post(url, json=QUESTION, auth=("alice", "s3cret"),
                           headers={"X-Forwarded-For": "198.51.100.77"}))


def test_behind_a_trusted_proxy_each_forwarded_client_has_its_own_count(behind_a_proxy):
    """Behind a proxy named in ``QUOTEWISE_TRUSTED_PROXIES``, one guesser does not lock every
    client out; an address the guesser writes in front of the proxy's own does not count."""
    url = behind_a_proxy.url
    for i in range(3):  # the proxy appends the address it saw after whatever the client wrote
        r = post(url, json=QUESTION, auth=("alice", "guess"),
                 headers={"X-Forwarded-For": f"203.0.113.{i}, 198.51.100.1"})
        assert r.status_code == 401
    assert_locked_out(post(url, json=QUESTION, auth=("alice", "s3cret"),
                           headers={"X-Forwarded-For": "198.51.100.1"}))
    r = post(url, json=QUESTION, auth=("alice", "s3cret"),
             headers={"X-Forwarded-For": "198.51.100.2"})
    assert r.status_code == 200


def test_trusted_proxies_are_addresses_or_networks():
    from ui.app import parse_trusted_proxies

    assert parse_trusted_proxies(None) == parse_trusted_proxies(" ") == []
    assert parse_trusted_proxies("127.0.0.1, 10.0.0.0/8,::1") == ["127.0.0.1", "10.0.0.0/8", "::1"]
    with pytest.raises(ValueError, match="'proxy.example' is not an IP address or network"):
        parse_trusted_proxies("127.0.0.1,proxy.example")


def test_the_login_page_says_when_logins_pause(locked):
    """Gradio's login form shows nothing for a 429: its page says beforehand that logins from
    one address pause after too many failures, and for how long."""
    from ui import guard

    page = httpx.get(f"{locked.url}/", timeout=30)  # the login page, with its config inline
    assert page.status_code == 200
    assert f"After {guard.MAX_LOGIN_FAILURES} failed logins from one address" in page.text
    assert f"pause for {guard.LOGIN_WINDOW // 60} minutes" in page.text


def test_an_event_naming_a_very_long_path_or_many_files_is_refused_at_once(server):
    """Resolving a client's path took time quadratic in its length, on the server's event loop:
    one event naming a 1 MB path inside the upload cache held every other client for 24 s."""
    import tempfile

    # where Gradio keeps this server's uploads (`build_app`: GRADIO_TEMP_DIR, else <tmp>/gradio)
    cache = os.environ.get("GRADIO_TEMP_DIR") or os.path.join(tempfile.gettempdir(), "gradio")
    long_path = str(cache) + "/a" * 30_000  # under the 64 KB a page's event may carry
    many = [{"path": f"{cache}/f{i}.txt", "meta": {"_type": "gradio.FileData"}} for i in range(400)]
    start = time.perf_counter()
    ask, page = _name_a_file_in_events(server.url, long_path)
    crowd = httpx.post(f"{server.url}/gradio_api/call/ask", json={"data": [many]}, timeout=30)
    assert time.perf_counter() - start < 2.0
    for r in (ask, page, crowd):
        assert r.status_code == 400 and "path outside its uploads" in r.json()["error"], r.text


def test_a_like_with_a_strange_index_is_ignored_quietly(server, caplog):
    """The like event trusted the client's index: "abc" or 1e308 logged a traceback and showed
    the client the exception's text."""
    import logging

    from tests.ui.conftest import event_fn_index

    caplog.set_level(logging.ERROR)
    fn = event_fn_index(server.url, "qw-chat", "like")
    for index in ("abc", 1e308, None, [], True):
        r = httpx.post(f"{server.url}/gradio_api/queue/join", timeout=30, json={
            "data": [[]], "fn_index": fn, "session_hash": "like",
            "event_data": {"index": index, "value": "x", "liked": True}})
        assert r.status_code == 200, r.text
        with httpx.stream("GET", f"{server.url}/gradio_api/queue/data",
                          params={"session_hash": "like"}, timeout=30) as stream:
            done = [json.loads(line[5:]) for line in stream.iter_lines()
                    if line.startswith("data:") and "process_completed" in line]
        assert done and done[0]["success"], (index, done)
        assert "unsupported operand" not in json.dumps(done)
    assert not [rec for rec in caplog.records if rec.exc_info]


def test_a_like_without_its_event_data_is_ignored_quietly(server, capfd):
    """Seventeenth audit: a like event whose data is null, not an object, or lacks "index" or
    "value" made Gradio's LikeData raise before the handler ran: a traceback in the server's
    log per 100-byte request, and the exception's text shown to the client."""
    from tests.ui.conftest import event_fn_index

    capfd.readouterr()
    fn = event_fn_index(server.url, "qw-chat", "like")
    for event_data in (None, {}, "x", [1], {"index": 1}, {"liked": True}, {"value": "x"}):
        r = httpx.post(f"{server.url}/gradio_api/queue/join", timeout=30, json={
            "data": [[]], "fn_index": fn, "session_hash": "like0", "event_data": event_data})
        assert r.status_code == 200, r.text
        with httpx.stream("GET", f"{server.url}/gradio_api/queue/data",
                          params={"session_hash": "like0"}, timeout=30) as stream:
            done = [json.loads(line[5:]) for line in stream.iter_lines()
                    if line.startswith("data:") and "process_completed" in line]
        assert done and done[0]["success"], (event_data, done)
    logged = capfd.readouterr().err
    assert "Traceback" not in logged


def test_a_citation_choice_that_is_no_choice_selects_nothing_quietly(server, capfd):
    """Sixteenth audit: Gradio's Radio raised for a value outside its choices, and the server
    printed a traceback holding the value for every such event (a 60 KB value: 61 KB of log per
    request, with no login on a server without one)."""
    from tests.ui.conftest import event_fn_index

    fn = event_fn_index(server.url, "qw-cite", "change")
    for value in ("abc", "v" * 20_000, 5, 1e308, [1]):
        r = httpx.post(f"{server.url}/gradio_api/queue/join", timeout=30, json={
            "data": [[], value], "fn_index": fn, "session_hash": "cite", "event_data": None})
        assert r.status_code == 200, r.text
        with httpx.stream("GET", f"{server.url}/gradio_api/queue/data",
                          params={"session_hash": "cite"}, timeout=30) as stream:
            done = [json.loads(line[5:]) for line in stream.iter_lines()
                    if line.startswith("data:") and "process_completed" in line]
        assert done and done[0]["success"], (str(value)[:20], done)
        assert "Choose a citation" in json.dumps(done)
    logged = capfd.readouterr().err
    assert "Traceback" not in logged and "vvvvvvvvvv" not in logged


def test_an_event_with_too_few_values_is_refused_in_one_line(server, capfd):
    """Sixteenth audit, left open then: an event carrying fewer input values than its handler
    takes (``"data": []``) made Gradio print a 1.2 KB traceback per 11-byte request and show
    the client its message, which named components by their memory addresses."""
    from tests.ui.conftest import event_fn_index

    capfd.readouterr()
    for elem_id, trigger in (("qw-ask", "click"), ("qw-cite", "change"), ("qw-chat", "like")):
        fn = event_fn_index(server.url, elem_id, trigger)
        for data in ([], [None]):
            r = httpx.post(f"{server.url}/gradio_api/queue/join", timeout=30, json={
                "data": data, "fn_index": fn, "session_hash": "few",
                "event_data": {"index": 1, "value": "x"}})
            assert r.status_code == 200, r.text
            with httpx.stream("GET", f"{server.url}/gradio_api/queue/data",
                              params={"session_hash": "few"}, timeout=30) as stream:
                done = [json.loads(line[5:]) for line in stream.iter_lines()
                        if line.startswith("data:") and "process_completed" in line]
            if len(data) == 0 or elem_id == "qw-ask":  # the like and cite events take 1 and 2
                assert done and not done[0]["success"], (elem_id, data, done)
                error = done[0]["output"]["error"]
                assert "values, and" in error and " at 0x" not in error and "\n" not in error
    logged = capfd.readouterr().err
    assert "Traceback" not in logged and "didn't receive enough input" not in logged


def test_an_event_value_its_input_cannot_take_is_refused_in_one_line(server, capfd):
    """Seventeenth audit: an example clicked with a row that is none (null, 5, "x"), or a
    string or a number as an uploaded file, made Gradio print a traceback (1.4-2.5 KB of log
    per request of a few bytes) and show the client the exception's text."""
    config = httpx.get(f"{server.url}/config", timeout=30).json()
    datasets = {c["id"] for c in config["components"] if c.get("type") == "dataset"}
    examples = [dep.get("id", i) for i, dep in enumerate(config["dependencies"])
                if any(t[0] in datasets for t in dep["targets"])]
    assert examples, "the page has its example questions"
    from tests.ui.conftest import event_fn_index

    upload = event_fn_index(server.url, "qw-upload", "upload")  # uploads are on, on loopback
    capfd.readouterr()
    for fn, values in [(fn, (None, 5, "x", [], {"a": 1})) for fn in examples] + [
            (upload, (5, "x", [1], {"a": 1}, True))]:
        for value in values:
            r = httpx.post(f"{server.url}/gradio_api/queue/join", timeout=30, json={
                "data": [value], "fn_index": fn, "session_hash": "odd", "event_data": None})
            assert r.status_code == 200, r.text
            with httpx.stream("GET", f"{server.url}/gradio_api/queue/data",
                              params={"session_hash": "odd"}, timeout=30) as stream:
                done = [json.loads(line[5:]) for line in stream.iter_lines()
                        if line.startswith("data:") and "process_completed" in line]
            assert done and not done[0]["success"], (value, done)
            assert "\n" not in done[0]["output"]["error"]
    logged = capfd.readouterr().err
    assert "Traceback" not in logged
