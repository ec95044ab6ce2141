"""Adding articles through the Library tab, attacked the way a client can: the upload event is
called straight through Gradio's queue with any path it likes."""

from __future__ import annotations

import json
import threading
import time
import uuid
from pathlib import Path

import httpx
import pytest

from tests.ui.conftest import event_fn_index, free_port

SHIPPED = "000_1e7ddc6cb9001c46"


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    """Gradio's upload cache for servers built in this test (read when the app is built)."""
    folder = tmp_path / "gradio-cache"
    folder.mkdir()
    monkeypatch.setenv("GRADIO_TEMP_DIR", str(folder))
    return folder


@pytest.fixture
def qa(tmp_path, articles_fake_index):
    """A fresh, writable index of the shipped articles."""
    from assistant import Assistant
    from tests.conftest import copy_index

    return Assistant.load(copy_index(articles_fake_index, tmp_path / "ix"))


@pytest.fixture
def server(qa, cache):
    from ui.app import launch

    handle = launch(qa, port=free_port())  # loopback: uploads allowed
    yield handle
    handle.close()


def upload_fn_index(url: str) -> int:
    """The fn_index of the Library upload event."""
    return event_fn_index(url, "qw-upload", "upload")


def run_event(url: str, fn_index: int, data: list, on_message=None, timeout: float = 60) -> list:
    """Call a Gradio event through the queue, as the page does; every message it streams back."""
    session = uuid.uuid4().hex
    r = httpx.post(f"{url}/gradio_api/queue/join", timeout=10,
                   json={"data": data, "fn_index": fn_index, "session_hash": session,
                         "event_data": None, "trigger_id": None})
    assert r.status_code == 200, r.text
    messages = []
    with httpx.stream("GET", f"{url}/gradio_api/queue/data", params={"session_hash": session},
                      timeout=timeout) as stream:
        for line in stream.iter_lines():
            if not line.startswith("data:"):
                continue
            msg = json.loads(line[5:])
            messages.append(msg)
            if on_message:
                on_message(msg)
            if msg.get("msg") in ("process_completed", "close_stream", "unexpected_error"):
                break
    return messages


def outputs(messages: list) -> str:
    """All text the event sent back, status lines and errors alike."""
    return json.dumps([m.get("output") or m.get("message") for m in messages], ensure_ascii=False)


def upload(url: str, name: str, data: bytes) -> httpx.Response:
    return httpx.post(f"{url}/gradio_api/upload", files={"files": (name, data)}, timeout=30)


def add(url: str, name: str, text: str, **kw) -> list:
    """Upload a file the way the page does, then run the Library's upload event on it."""
    r = upload(url, name, text.encode())
    assert r.status_code == 200, r.text
    path = r.json()[0]
    payload = {"path": path, "orig_name": name, "meta": {"_type": "gradio.FileData"}}
    return run_event(url, upload_fn_index(url), [payload], **kw)


def file_payload(path) -> dict:
    return {"path": str(path), "meta": {"_type": "gradio.FileData"}}


def indexed_text(qa) -> str:
    return "\n".join(d.text for d in qa.documents())


def test_a_server_file_named_in_the_event_is_not_indexed(server, qa, tmp_path, cache):
    secret = tmp_path / "secret.txt"
    secret.write_text("Secret Title\n\nThe launch code is swordfish. Keep promises.\n")
    before = {d.doc_id for d in qa.documents()}
    fn = upload_fn_index(server.url)
    (cache / "abc").mkdir()
    (cache / "abc" / "notes.txt").symlink_to(secret)  # inside Gradio's cache, pointing out
    for path in (secret, cache / "abc" / "notes.txt"):
        # refused before Gradio reads it: the path (or where the link leads) is outside the cache
        r = httpx.post(f"{server.url}/gradio_api/queue/join", timeout=10, json={
            "data": [file_payload(path)], "fn_index": fn, "session_hash": "named"})
        assert r.status_code == 400 and "path outside its uploads" in r.json()["error"]
    assert "swordfish" not in indexed_text(qa) and {d.doc_id for d in qa.documents()} == before
    assert not any("swordfish" in p.read_text(errors="replace")
                   for p in cache.rglob("*") if p.is_file() and not p.is_symlink())
    assert secret.exists()  # never deleted either


def test_library_refuses_paths_outside_the_cache_and_symlinks(qa, tmp_path, cache):
    from ui.library import Library

    secret = tmp_path / "secret.txt"
    secret.write_text("Secret Title\n\nThe launch code is swordfish.\n")
    inside = cache / "h1"
    inside.mkdir()
    (inside / "link.txt").symlink_to(secret)
    (inside / "good.txt").symlink_to(inside / "target.txt")
    (inside / "target.txt").write_text("Fine\n\nA fine article.\n")
    lib = Library(qa, cache)
    for path in (secret, inside / "link.txt", inside / "good.txt", "/etc/os-release"):
        (message,) = list(lib.add(str(path)))
        assert message.startswith("Not added: ") and "\n" not in message
    assert "swordfish" not in indexed_text(qa) and secret.exists()


@pytest.mark.parametrize("name", [".hidden.txt", "a\nb.txt", "x.exe", "-rf.txt", "..txt"])
def test_library_refuses_names_that_are_not_plain(qa, cache, name):
    from ui.library import Library

    folder = cache / "h2"
    folder.mkdir()
    (folder / name).write_text("Title\n\nSome text.\n")
    (message,) = list(Library(qa, cache).add(str(folder / name)))
    assert message.startswith("Not added: ") and "\n" not in message.strip()


def test_upload_named_like_a_shipped_article_gets_its_own_id(server, qa):
    shipped = qa.document(SHIPPED).text
    add(server.url, f"{SHIPPED}.txt", "Impostor\n\nTrust nobody, ever. Keep secrets.\n")
    assert qa.document(SHIPPED).text == shipped
    assert "Impostor" in qa.document(f"uploads/{SHIPPED}").text
    add(server.url, "patience.md", "Patience Wins\n\nGive trust time to grow.\n")
    assert qa.document(SHIPPED).text == shipped
    assert qa.document("uploads/patience").title == "Patience Wins"
    assert (qa.index_root / "library" / "uploads" / "patience.md").exists()


def test_handled_uploads_leave_gradio_cache(server, qa, cache):
    add(server.url, "calm.txt", "Calm Talk\n\nSpeak calmly about trust.\n")
    assert qa.document("uploads/calm")
    assert not list(cache.rglob("calm.txt"))
    assert not [p for p in cache.rglob("*") if p.is_file() and p.stat().st_size]


def test_oversize_upload_is_refused_and_not_kept(server, cache):
    before = sorted(cache.rglob("*"))
    r = upload(server.url, "big.txt", b"a" * (3 * 1024 * 1024))
    assert r.status_code == 413
    assert sorted(cache.rglob("*")) == before


def test_upload_route_is_closed_when_uploads_are_not_allowed(qa, cache):
    from ui.app import launch

    handle = launch(qa, port=free_port(), allow_upload=False)
    try:
        r = upload(handle.url, "x.txt", b"Title\n\nText.\n")
        assert r.status_code == 403 and "error" in r.json()
        assert not [p for p in cache.rglob("*") if p.is_file()]
    finally:
        handle.close()


def test_ingest_runs_off_the_request_and_reports_progress(server, qa):
    """While an upload is being indexed the page sees a progress line and questions answered."""
    release, started = threading.Event(), threading.Event()
    real_ingest = qa.ingest

    def slow_ingest(*args, **kwargs):
        started.set()
        assert release.wait(30)
        return real_ingest(*args, **kwargs)

    qa.ingest = slow_ingest
    seen = []

    def watch(msg):
        if msg.get("msg") == "process_generating":
            seen.append(outputs([msg]))

    worker = threading.Thread(target=lambda: seen.append(
        add(server.url, "slow.txt", "Slow Article\n\nTrust takes time.\n", on_message=watch)))
    worker.start()
    try:
        assert started.wait(20)
        deadline = time.time() + 10
        while not any("indexing" in s for s in seen if isinstance(s, str)):
            assert time.time() < deadline, "no progress line while indexing"
            time.sleep(0.05)
        t0 = time.time()
        r = httpx.post(f"{server.url}/api/ask", json={"question": "how do I reassure him"},
                       timeout=30)
        assert r.status_code == 200 and time.time() - t0 < 10
    finally:
        release.set()
        worker.join(60)
    assert "Added slow.txt" in outputs(seen[-1])
    assert qa.document("uploads/slow")


def test_library_lock_serialises_ingests(qa, cache):
    """Two uploads at once are ingested one after the other, never concurrently."""
    from ui.library import Library

    active, overlap = [], []
    real_ingest = qa.ingest

    def ingest(*args, **kwargs):
        active.append(1)
        overlap.append(len(active))
        time.sleep(0.2)
        try:
            return real_ingest(*args, **kwargs)
        finally:
            active.pop()

    qa.ingest = ingest
    lib = Library(qa, cache)
    paths = []
    for i in range(2):
        folder = cache / f"h{i}"
        folder.mkdir()
        (folder / f"a{i}.txt").write_text(f"Article {i}\n\nTrust text number {i}.\n")
        paths.append(str(folder / f"a{i}.txt"))
    threads = [threading.Thread(target=lambda p=p: list(lib.add(p))) for p in paths]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert max(overlap) == 1
    assert {"uploads/a0", "uploads/a1"} <= {d.doc_id for d in qa.documents()}



def test_a_refused_upload_is_not_kept_and_never_haunts_later_ones(qa, cache):
    """A file that can't be an article, or repeats another upload, is refused with one line;
    nothing of it stays in the library, an earlier upload of its name keeps its text, and the
    next upload's report says nothing about it (nor any server path)."""
    from ui.library import Library

    lib = Library(qa, cache)

    def add(name: str, data: bytes) -> str:
        f = Path(cache) / name
        f.write_bytes(data)
        return list(lib.add(str(f)))[-1]

    good = "Patience helps.\n\nA partner who worries needs time, and trust grows with it.\n"
    assert add("good.txt", good.encode()).startswith("Added good.txt. The index now holds 4 articles")
    for name, data, why in [("bad.txt", b"\xff\xfe\x00garbage\x00", "binary file"),
                            ("empty.txt", b"", "empty file"),
                            ("good.txt", b"\x00\x01", "binary file"),
                            ("copy.txt", good.encode(), "the same text as good.txt")]:
        message = add(name, data)
        assert message.startswith(f"Not added: {name}: {why}") and "\n" not in message, message
    assert sorted(p.name for p in lib.uploads.iterdir()) == ["good.txt"]
    assert (lib.uploads / "good.txt").read_text() == good
    report = add("other.txt", b"Another article.\n\nKind words every day reassure a partner.\n")
    assert report.startswith("Added other.txt.") and "⚠️" not in report and str(lib.root) not in report
    assert {"uploads/good", "uploads/other"} <= set(qa._state.data.documents)
    assert add("good.txt", good.encode()).startswith("Already in the library, unchanged: good.txt")
    assert add("good.txt", (good + "Keep your promises.\n").encode()).startswith("Updated good.txt.")


def test_an_upload_whose_ingest_fails_is_one_line_and_leaves_the_library_as_it_was(
        qa, cache, monkeypatch):
    """Twenty-fourth audit: an ingest that failed after the upload was written (a full disk
    while the index was written) reached the page as Gradio's bare "Error" with a traceback in
    the log; the file stayed in the library, to be indexed with the next upload ("Added
    third.txt. The index now holds 6 articles"), and an update that failed left its new text in
    the folder while answers quoted the old."""
    import faiss

    from ui.library import Library

    lib = Library(qa, cache)

    def add(name: str, data: str) -> str:
        f = Path(cache) / name
        f.write_text(data, encoding="utf-8")
        return list(lib.add(str(f)))[-1]

    good = "Patience helps.\n\nA partner who worries needs time, and trust grows with it.\n"
    assert add("good.txt", good).startswith("Added good.txt.")
    live = (qa.index_root / "CURRENT").read_bytes()

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(faiss, "write_index", full)
    for name, text in (("full.txt", "Another article.\n\nKind words every day reassure.\n"),
                       ("good.txt", good + "Keep your promises.\n")):
        message = add(name, text)
        assert message == (f"Not added: {name}: the index could not be written (No space left "
                           "on device); it answers as before"), message
    monkeypatch.undo()
    assert (qa.index_root / "CURRENT").read_bytes() == live
    assert sorted(p.name for p in lib.uploads.iterdir()) == ["good.txt"]
    assert (lib.uploads / "good.txt").read_text(encoding="utf-8") == good
    report = add("third.txt", "A third one.\n\nListen before you answer, every single time.\n")
    assert report.startswith("Added third.txt. The index now holds 5 articles"), report
    assert {d for d in qa.data.documents if d.startswith("uploads/")} == {"uploads/good",
                                                                          "uploads/third"}


def test_an_upload_with_nothing_to_quote_never_replaces_an_earlier_one(qa, cache):
    """Sixteenth audit: a file of only a heading (or a page's clutter) passed the loader's
    checks, was written over the earlier upload of its name, and the ingest skipped it: "Already
    in the library, unchanged", and the earlier upload's file was gone from the library."""
    from ui.library import Library

    lib = Library(qa, cache)

    def add(name: str, data: str) -> str:
        f = Path(cache) / name
        f.write_text(data, encoding="utf-8")
        return list(lib.add(str(f)))[-1]

    good = "# My notes\n\nKeep promises so trust grows between you two, every day.\n"
    assert add("notes.md", good).startswith("Added notes.md.")
    for bad in ("# Only a heading\n", "Print this Article\n\nShare this article\n"):
        message = add("notes.md", bad)
        assert message == ("Not added: notes.md: no text to quote in it (only a title, "
                           "headings or a page's clutter)"), message
        assert (lib.uploads / "notes.md").read_text(encoding="utf-8") == good
    assert add("fresh.md", "# Only a heading\n").startswith("Not added: fresh.md: no text")
    assert sorted(p.name for p in lib.uploads.iterdir()) == ["notes.md"]


def test_an_upload_never_replaces_an_ingested_article_with_its_id(tmp_path, articles, cache):
    """Sixteenth audit: a corpus folder named ``uploads`` (``data/uploads/faq.txt``) gives
    doc_id ``uploads/faq``, and an upload named faq.txt replaced that article in the index."""
    import shutil

    from assistant import Assistant
    from index import FakeEmbedder, build_index
    from tests.conftest import fake_tuning_folder
    from ui.library import Library

    data = tmp_path / "data"
    shutil.copytree(articles, data / "articles")
    (data / "uploads").mkdir()
    faq = "Operator FAQ\n\nCall the helpline at any hour if you feel unsafe at home.\n"
    (data / "uploads" / "faq.txt").write_text(faq, encoding="utf-8")
    build_index([str(fake_tuning_folder(tmp_path / "settings")), str(data)], tmp_path / "ix",
                embedder=FakeEmbedder(), progress=False)
    qa = Assistant.load(tmp_path / "ix")
    f = Path(cache) / "faq.txt"
    f.write_text("Other FAQ\n\nNever call anyone at all, whatever happens at home.\n",
                 encoding="utf-8")
    message = list(Library(qa, cache).add(str(f)))[-1]
    assert message.startswith("Not added: faq.txt: uploads/faq is an article of the index"), message
    assert qa.document("uploads/faq").text == faq
    f.write_text("My own notes\n\nKeep promises so trust grows, every day.\n", encoding="utf-8")
    ok = Path(cache) / "notes.txt"
    f.rename(ok)
    assert list(Library(qa, cache).add(str(ok)))[-1].startswith("Added notes.txt.")


def test_a_page_on_another_site_cannot_upload(server, cache):
    """A cross-site form post is a "simple" request: the browser sends it without asking."""
    r = httpx.post(f"{server.url}/gradio_api/upload", files={"files": ("x.txt", b"Title\n\nText.\n")},
                   headers={"Origin": "http://evil.example"}, timeout=30)
    assert r.status_code == 403 and "error" in r.json()
    assert not [p for p in cache.rglob("*") if p.is_file()]


def test_dns_rebinding_cannot_add_articles(server, qa, cache):
    """A page on evil.example, its name rebound to 127.0.0.1, is same-origin to the browser:
    only the Host header tells the server it is not its own page."""
    port = server.url.rsplit(":", 1)[1]
    rebound = {"Host": f"evil.example:{port}", "Origin": f"http://evil.example:{port}"}
    before = sorted(d.doc_id for d in qa.documents())
    r = httpx.post(f"{server.url}/gradio_api/upload", headers=rebound, timeout=30,
                   files={"files": ("planted.txt", b"Planted\n\nTrust nobody, ever.\n")})
    assert r.status_code == 421 and "error" in r.json()
    assert not [p for p in cache.rglob("*") if p.is_file()]
    join = httpx.post(f"{server.url}/gradio_api/queue/join", headers=rebound, timeout=10,
                      json={"data": [None], "fn_index": upload_fn_index(server.url),
                            "session_hash": uuid.uuid4().hex})
    assert join.status_code == 421
    assert sorted(d.doc_id for d in qa.documents()) == before


def library_state(qa, lib) -> tuple[dict, dict]:
    """The uploads folder (name -> bytes) and the index (doc_id -> text)."""
    files = {p.name: p.read_bytes() for p in lib.uploads.iterdir()}
    return files, {d.doc_id: d.text for d in qa.documents()}


def adder(lib, cache):
    """Add a file to ``lib`` as if Gradio had received it; the last line it answers."""
    def add(name: str, text: str) -> str:
        f = Path(cache) / name
        f.write_text(text)
        return list(lib.add(str(f)))[-1]
    return add


def test_the_library_refuses_a_file_past_its_file_limit(qa, cache, monkeypatch):
    import ui.library
    from ui.library import Library

    monkeypatch.setattr(ui.library, "MAX_LIBRARY_FILES", 2, raising=False)
    lib = Library(qa, cache)
    add = adder(lib, cache)
    assert add("one.txt", "One\n\nTrust grows slowly.\n").startswith("Added one.txt.")
    assert add("two.txt", "Two\n\nKeep your promises.\n").startswith("Added two.txt.")
    before = library_state(qa, lib)
    message = add("three.txt", "Three\n\nSpeak calmly.\n")
    assert message == "Not added: three.txt: the library is full (2 uploaded files)"
    assert library_state(qa, lib) == before
    # a new version of an upload takes no new place
    assert add("two.txt", "Two\n\nKeep every promise.\n").startswith("Updated two.txt.")


def test_the_library_refuses_a_file_past_its_size_limit(qa, cache, monkeypatch):
    import ui.library
    from ui.library import Library

    one, two = "One\n\nTrust grows slowly.\n", "Two\n\nKeep your promises.\n"
    longer = two + "Say what you will do, then do it.\n"
    # room for one and the longer two, not for one, two and the longer two together
    monkeypatch.setattr(ui.library, "MAX_LIBRARY_BYTES", len(one) + len(longer), raising=False)
    lib = Library(qa, cache)
    add = adder(lib, cache)
    assert add("one.txt", one).startswith("Added one.txt.")
    assert add("two.txt", two).startswith("Added two.txt.")
    assert add("two.txt", longer).startswith("Updated two.txt.")  # counted once, at its new size
    before = library_state(qa, lib)
    three = "Three\n\nSpeak calmly.\n"
    message = add("three.txt", three)
    assert message == (f"Not added: three.txt: uploaded articles may take {len(one + longer)} "
                       f"bytes in all, and 0 bytes is left (this file is {len(three)} bytes)")
    assert add("two.txt", longer + "More.\n").startswith("Not added: two.txt: ")
    assert library_state(qa, lib) == before


def test_two_uploads_at_once_cannot_both_take_the_last_place(qa, cache, monkeypatch):
    import ui.library
    from ui.library import Library

    monkeypatch.setattr(ui.library, "MAX_LIBRARY_FILES", 1, raising=False)
    real_ingest = qa.ingest

    def slow_ingest(*args, **kwargs):
        time.sleep(0.2)
        return real_ingest(*args, **kwargs)

    qa.ingest = slow_ingest
    lib = Library(qa, cache)
    paths, results = [], []
    for i in range(2):
        folder = cache / f"h{i}"
        folder.mkdir()
        (folder / f"a{i}.txt").write_text(f"Article {i}\n\nTrust text number {i}.\n")
        paths.append(str(folder / f"a{i}.txt"))
    threads = [threading.Thread(target=lambda p=p: results.append(list(lib.add(p))[-1]))
               for p in paths]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sorted(m.split(" ", 1)[0] for m in results) == ["Added", "Not"], results
    assert len(list(lib.uploads.iterdir())) == 1


def test_an_upload_over_the_quota_shows_why_on_the_page(server, qa, monkeypatch):
    import ui.library

    add(server.url, "first.txt", "First\n\nTrust grows slowly.\n")
    monkeypatch.setattr(ui.library, "MAX_LIBRARY_FILES", 1, raising=False)
    uploads = qa.index_root / "library" / "uploads"
    before = sorted(p.name for p in uploads.iterdir()), sorted(d.doc_id for d in qa.documents())
    messages = add(server.url, "second.txt", "Second\n\nKeep your promises.\n")
    assert "Not added: second.txt: the library is full (1 uploaded files)" in outputs(messages)
    assert (sorted(p.name for p in uploads.iterdir()),
            sorted(d.doc_id for d in qa.documents())) == before


def test_uploads_never_added_cannot_fill_the_disk(server, cache, monkeypatch):
    """A client allowed to upload may post files and never run the Library's event: they wait
    in Gradio's cache, so past a limit further uploads are refused until some are added (or
    swept after an hour)."""
    import ui.guard

    monkeypatch.setattr(ui.guard, "MAX_PENDING_UPLOAD_BYTES", 3000, raising=False)
    sizes = []
    for i in range(6):
        r = upload(server.url, f"f{i}.txt", b"Title\n\n" + b"x" * 1000 + b"\n")
        sizes.append(r.status_code)
    assert sizes[:3] == [200, 200, 200] and set(sizes[3:]) == {507}, sizes
    assert "waiting to be added" in r.json()["error"] and "\n" not in r.json()["error"]
    kept = sum(p.stat().st_size for p in cache.rglob("*") if p.is_file())
    assert kept <= 3000 + 1100  # the limit, and at most the upload that reached it


def test_empty_uploads_never_added_count_too(server, cache, monkeypatch):
    """Three hundred empty uploads cost no byte of the pending limit: they left 300 files (and
    as many folders) in the cache. Files are counted too."""
    import ui.guard

    monkeypatch.setattr(ui.guard, "MAX_PENDING_UPLOADS", 3, raising=False)
    codes = [upload(server.url, f"e{i}.txt", b"").status_code for i in range(6)]
    assert codes[:3] == [200, 200, 200] and set(codes[3:]) == {507}, codes
    assert sum(1 for p in cache.rglob("*") if p.is_file()) <= 3 + 1


def test_a_chat_history_sent_by_the_client_reads_no_server_file(server, cache, tmp_path):
    """The page's chat is not an input: a client naming a server file in it (a "file"
    component message) made Gradio copy that file into its cache (any file under the working
    or temporary folder: 30 MB copied for one small event, and the upload route then answered
    507) and answer with messages naming server paths."""
    secret = tmp_path / "secret.txt"  # under the system's temporary folder, which Gradio allows
    secret.write_bytes(b"launch code swordfish\n" + b"x" * 4096)
    fn = event_fn_index(server.url, "qw-ask", "click")
    for path in (secret, "/etc/passwd", "/no/such/file.txt"):
        history = [{"role": "user", "content": [{"type": "component", "component": "file",
                                                 "value": {"path": str(path)},
                                                 "constructor_args": {}, "props": {}}]}]
        # refused in one line before Gradio reads the event: the path is no upload of the page
        r = httpx.post(f"{server.url}/gradio_api/queue/join", timeout=10, json={
            "data": ["how do I build trust", history, []], "fn_index": fn,
            "session_hash": "history"})
        assert r.status_code == 400 and "path outside its uploads" in r.json()["error"]
        assert "/etc" not in r.text and "/no/such" not in r.text and str(tmp_path) not in r.text
    assert not any(b"swordfish" in p.read_bytes() for p in cache.rglob("*") if p.is_file())
    # the page's own chat (kept on the server) still answers
    assert run_event(server.url, fn, ["how do I build trust", [], []])[-1].get("success")


def test_an_upload_with_another_uploads_id_is_refused(qa, cache):
    """notes.txt and notes.md are both uploads/notes: the second replaced the first article
    (by file order) and stayed in the library, warned about on every later upload."""
    from ui.library import Library

    lib = Library(qa, cache)

    def add(name: str, text: str) -> str:
        folder = Path(cache) / name.replace(".", "_")
        folder.mkdir()
        (folder / name).write_text(text)
        return list(lib.add(str(folder / name)))[-1]

    assert add("notes.txt", "Honest Notes\n\nTell your partner the truth every day.\n"
               ).startswith("Added notes.txt.")
    message = add("notes.MD", "# Garden Notes\n\nTomatoes need sun and water.\n")
    assert message.startswith("Not added: notes.MD: notes.txt is already uploads/notes") \
        and "\n" not in message, message
    assert qa.document("uploads/notes").title == "Honest Notes"
    assert sorted(p.name for p in lib.uploads.iterdir()) == ["notes.txt"]
    report = add("other.txt", "Other\n\nListen well to each other.\n")
    assert report.startswith("Added other.txt.") and "⚠️" not in report, report


def test_after_an_upload_the_page_no_longer_describes_only_the_shipped_articles(tmp_path, cache):
    """The header and the question box's prompt come from the corpus profile while it describes
    every article; an upload beside a fitted corpus turns them neutral (the profile's title
    stays), in the upload's own reply and on the next page load."""
    from assistant import Assistant
    from index import FakeEmbedder, build_index
    from tests.conftest import ARTICLES, fake_tuning_folder
    from ui.app import launch

    root = tmp_path / "fitted-ix"
    build_index([str(fake_tuning_folder(tmp_path / "settings")), str(ARTICLES)], root,
                embedder=FakeEmbedder(), progress=False)
    qa = Assistant.load(root)
    shipped = qa.profile.description.split(",")[0]  # "Advice on a partner's trust"
    assert qa.tuning.fitted and "trust" in shipped
    shipped = shipped.replace("'", "\\\\'")  # as the page's Markdown escapes it, in JSON
    handle = launch(qa, port=free_port())
    try:
        assert shipped in httpx.get(f"{handle.url}/config", timeout=30).text
        messages = add(handle.url, "budget.md", "Budget Together\n\nAgree on a monthly budget.\n")
        reply = outputs(messages[-1:])  # the outcome (a progress line came first)
        assert qa.document("uploads/budget")
        assert shipped not in reply
        assert "Advice quoted word for word from the articles" in reply
        assert "Ask a question about the articles" in reply
        # the next page load draws the header and prompt afresh (the config holds the first)
        config = httpx.get(f"{handle.url}/config", timeout=30).json()
        header = next(c["id"] for c in config["components"]
                      if c.get("props", {}).get("elem_id") == "qw-header")
        load = next(d.get("id", i) for i, d in enumerate(config["dependencies"])
                    if header in d["outputs"] and any(t[1] == "load" for t in d["targets"]))
        reloaded = outputs(run_event(handle.url, load, []))
        assert shipped not in reloaded and "Advice quoted word for word" in reloaded
    finally:
        handle.close()


def test_an_upload_cut_into_tiny_pieces_is_refused(qa, cache, monkeypatch):
    """Seventeenth audit: a 2 MB upload of "Go. " (or "## a" / "b" lines) is 500,000 sentences,
    each a row of vectors in the index: 8 minutes to add with the test embedder, 2 GB of memory
    and 0.5 GB of index, where 2 MB of prose is about 28,000 rows. An upload of more rows than
    MAX_UPLOAD_ROWS is refused before anything is written (limit patched)."""
    from ui import library
    from ui.library import Library

    monkeypatch.setattr(library, "MAX_UPLOAD_ROWS", 2_000, raising=False)
    lib = Library(qa, cache)

    def add(name: str, data: str) -> str:
        f = Path(cache) / name
        f.write_text(data, encoding="utf-8")
        return list(lib.add(str(f)))[-1]

    before = len(qa.data.sentences)
    for name, text in (("go.txt", "Go. " * 2_500), ("steps.md", "## a\nGo on.\n" * 1_000)):
        message = add(name, text)
        assert message.startswith(f"Not added: {name}: cut into too many pieces to index ("), \
            message
        assert "an upload may have 2,000" in message
    assert not (lib.uploads / "go.txt").exists() and len(qa.data.sentences) == before
    # prose of the same size is added
    prose = " ".join(f"Keep promise number {i} so that trust between you grows."
                     for i in range(700))
    assert add("prose.txt", prose).startswith("Added prose.txt.")


def test_an_upload_of_many_short_lines_is_refused_before_it_is_parsed(qa, cache, monkeypatch):
    """Nineteenth audit (left open by the seventeenth and eighteenth): an upload of short lines
    ("A", "a?") was parsed in full before the row cap refused it, 40 µs a byte on the Library's
    worker (2 MB: some 80 s of CPU). Its paragraphs are counted first (one pass); more than
    MAX_UPLOAD_ROWS of them is the same refusal at once, "at least" that many (limit patched:
    100 KB of lines took 4 s, now a few ms)."""
    from tests.timing import cpu_seconds
    from ui import library
    from ui.library import Library

    monkeypatch.setattr(library, "MAX_UPLOAD_ROWS", 2_000, raising=False)
    lib = Library(qa, cache)
    messages = {}

    def add(name: str, data: str) -> None:
        f = Path(cache) / name
        f.write_text(data, encoding="utf-8")
        messages[name] = list(lib.add(str(f)))[-1]

    before = len(qa.data.sentences)
    for name, text in (("lines.txt", "A\n" * 50_000), ("asks.md", "a?\n" * 33_000),
                       ("page.html", "<p>A</p>\n" * 5_000)):
        took = cpu_seconds(lambda: add(name, text))
        assert messages[name].startswith(
            f"Not added: {name}: cut into too many pieces to index (at least "), messages[name]
        assert "an upload may have 2,000" in messages[name]
        if not name.endswith(".html"):  # (a page's markup is read first: linear, 8 µs a byte)
            assert took < 1.5, f"{name}: {took:.2f} CPU seconds to refuse"
    assert not list(lib.uploads.iterdir()) and len(qa.data.sentences) == before
    # lines wrapped in a letter are not counted one a line: 4,000 lines of prose are added
    wrapped = ("keep one promise to your partner every day this week, however small it\n"
               "seems to you, and say out loud that you kept it so they hear it from you\n"
               "\n") * 400
    add("wrapped.txt", wrapped)
    assert messages["wrapped.txt"].startswith("Added wrapped.txt."), messages["wrapped.txt"]


def test_an_upload_of_sentences_in_few_paragraphs_is_refused_before_it_is_parsed(
        qa, cache, monkeypatch):
    """Twentieth audit (left open by the nineteenth): an upload whose pieces are sentences
    inside few paragraphs ("Go. " on one line, on lines of 200 characters, on wrapped lines) was
    parsed in full before the row cap refused it, 9 µs a byte on the Library's worker (2 MB:
    18 s); the stops that surely end a sentence are counted first. A page of short paragraphs is
    read once, not twice, when no class or id made any of it chrome (2 MB of ``<p>A</p>``: 17 s,
    now about 5). Limit patched: 100-200 KB uploads took 1-2 s each, now a few hundredths; the
    same one-line refusal, and a text that fits is added as before."""
    from tests.timing import cpu_seconds
    from ui import library
    from ui.library import Library

    monkeypatch.setattr(library, "MAX_UPLOAD_ROWS", 2_000, raising=False)
    lib = Library(qa, cache)
    messages = {}

    def add(name: str, data: str) -> None:
        f = Path(cache) / name
        f.write_text(data, encoding="utf-8")
        messages[name] = list(lib.add(str(f)))[-1]

    before = len(qa.data.sentences)
    for name, text in (("oneline.txt", "Go. " * 25_000), ("lines.md", ("Go. " * 49 + "Go.\n") * 500),
                       ("wrapped.txt", ("Go. " * 15 + "go\n") * 1_600)):
        took = cpu_seconds(lambda: add(name, text))
        assert messages[name].startswith(
            f"Not added: {name}: cut into too many pieces to index (at least "), messages[name]
        assert "an upload may have 2,000" in messages[name]
        assert took < 0.5, f"{name}: {took:.2f} CPU seconds to refuse"
    assert not list(lib.uploads.iterdir()) and len(qa.data.sentences) == before
    add("fits.txt", "Keep one promise to your partner every day this week. Say it out loud. " * 300)
    assert messages["fits.txt"].startswith("Added fits.txt."), messages["fits.txt"]


def test_a_citation_of_an_article_changed_since_its_answer_marks_nothing(qa, cache, server):
    """Seventeenth audit: an answer quoting an upload, then the upload replaced with other text:
    opening the answer's citation marked the new text at the old offsets as the quote ("Never
    forgive a partner who lies…" as the source of "Rebuild trust by keeping…"). The card now
    says the article changed; a citation of an unchanged article opens as before."""
    import re

    from ui.library import Library

    lib = Library(qa, cache)

    def add(text: str) -> str:
        folder = Path(cache) / uuid.uuid4().hex
        folder.mkdir()
        (folder / "notes.txt").write_text(text, encoding="utf-8")
        return list(lib.add(str(folder / "notes.txt")))[-1]

    assert add("Trust\n\nRebuild trust by keeping every small promise you make to your "
               "partner.\n").startswith("Added")
    session = uuid.uuid4().hex

    def event(elem_id: str, trigger: str, data: list) -> list:
        fn = event_fn_index(server.url, elem_id, trigger)
        r = httpx.post(f"{server.url}/gradio_api/queue/join", timeout=10, json={
            "data": data, "fn_index": fn, "session_hash": session, "event_data": None})
        assert r.status_code == 200, r.text
        with httpx.stream("GET", f"{server.url}/gradio_api/queue/data",
                          params={"session_hash": session}, timeout=60) as stream:
            done = [json.loads(line[5:]) for line in stream.iter_lines()
                    if line.startswith("data:") and "process_completed" in line]
        assert done and done[0]["success"], done
        return done[0]["output"]["data"]

    first = event("qw-ask", "click", ["rebuild trust by keeping every small promise to my "
                                      "partner", None, None])
    marked = re.search(r'<mark id="qw-quote">(.*?)</mark>', first[5]).group(1)
    assert marked.startswith("Rebuild trust by keeping every small promise")
    assert event("qw-cite", "change", [None, 0])[0].count(marked) == 1  # unchanged: as before
    assert add("Trust\n\nNever forgive a partner who lies; leave at once and do not look back "
               "ever again.\n").startswith("Updated")
    card, article = event("qw-cite", "change", [None, 0])
    assert "Never forgive" not in card and "<mark" not in card and article == ""
    assert "This article has changed since this answer was given" in card


def test_an_upload_of_another_type_is_refused_in_one_line_without_a_traceback(server, cache,
                                                                              capfd):
    """A file of a type the Library does not take (``notes.questions.jsonl``, ``quotewise.toml``)
    uploaded and sent to its event: Gradio's File refused it in one line to the client, and
    printed a 2.5 KB traceback in the server's log for each request (twenty-fifth audit)."""
    capfd.readouterr()
    for name in ("notes.questions.jsonl", "quotewise.toml"):
        messages = add(server.url, name, "Keep a regular bedtime.")
        done = [m for m in messages if m.get("msg") == "process_completed"]
        assert done and not done[0]["success"], messages
        assert "Invalid file type" in done[0]["output"]["error"]
        assert "\n" not in done[0]["output"]["error"]
    assert "Traceback" not in capfd.readouterr().err
