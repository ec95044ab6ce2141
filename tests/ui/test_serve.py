"""`quotewise serve` refuses a bad or busy port with one line, before anything slow starts."""

from __future__ import annotations

import os
import shutil
import socket
from pathlib import Path

import pytest

from ingest.errors import InputError


@pytest.fixture
def busy_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        yield s.getsockname()[1]


def test_serve_on_a_busy_port_is_a_one_line_error(busy_port, fake_index, capsys):
    from ui.app import serve

    with pytest.raises(InputError, match=f"port {busy_port} on 127.0.0.1 is in use"):
        serve(port=busy_port, index_dir=fake_index)
    assert "running" not in capsys.readouterr().out


@pytest.mark.parametrize("port", [99999, 0, -1, 65536])
def test_serve_refuses_a_port_out_of_range(port, fake_index):
    from ui.app import serve

    with pytest.raises(InputError, match="between 1 and 65535"):
        serve(port=port, index_dir=fake_index)


def test_cli_prints_one_line_and_exits_2(busy_port, fake_index, capsys):
    from quotewise.cli import main

    for port in (busy_port, 99999):
        assert main(["serve", "--port", str(port), "--index", str(fake_index)]) == 2
        err = capsys.readouterr().err.strip()
        assert err.startswith("quotewise: error: port") and "\n" not in err
        assert "Traceback" not in err


def test_the_server_keeps_uploads_in_a_private_folder_of_its_own(fake_index, monkeypatch):
    """Uploads wait in a folder only this user can read, not in the `<tmp>/gradio` every
    Gradio app on the machine shares (whose files would count towards the pending-upload
    limit, and whose other users could read them)."""
    import stat
    import tempfile

    from gradio.utils import get_upload_folder

    from assistant import Assistant
    from ui.app import build_app, private_upload_cache

    monkeypatch.setenv("GRADIO_TEMP_DIR", "unset at teardown")  # restored whatever it was
    monkeypatch.delenv("GRADIO_TEMP_DIR")
    shared = get_upload_folder()
    folder = private_upload_cache()
    try:
        demo = build_app(Assistant.load(fake_index), allow_upload=True)
        assert demo.GRADIO_CACHE == get_upload_folder() == str(folder) != shared
        assert folder.parent == Path(tempfile.gettempdir())
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
        assert private_upload_cache() == folder  # once per process: the same folder again
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_a_server_stopped_by_sigterm_removes_its_upload_folder(fake_index, tmp_path):
    """systemd, docker and `kill` stop a server with SIGTERM: its private upload folder (and
    any uploads waiting in it) stayed behind; Ctrl-C removed it."""
    import signal
    import subprocess
    import sys
    import time

    import httpx

    from tests.ui.conftest import free_port

    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "GRADIO_TEMP_DIR"}
    env["TMPDIR"] = str(tmp_path)
    proc = subprocess.Popen([sys.executable, "-m", "quotewise", "serve", "--index",
                             str(fake_index), "--port", str(port)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 240  # Gradio's import alone took over 60 s at a load of 10
        up = False
        while not up and time.monotonic() < deadline and proc.poll() is None:
            try:
                up = httpx.get(f"http://127.0.0.1:{port}/", timeout=2).status_code == 200
            except httpx.HTTPError:
                time.sleep(0.3)
        assert up, "the server did not start"
        assert list(tmp_path.glob("quotewise-uploads-*")), "the server made no upload folder"
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=30) == 128 + signal.SIGTERM
    finally:
        proc.kill()
    assert not list(tmp_path.glob("quotewise-uploads-*"))
    assert b"Traceback" not in proc.stderr.read()


def test_an_upload_folder_the_operator_chose_is_kept(tmp_path, monkeypatch):
    from ui.app import private_upload_cache

    monkeypatch.setenv("GRADIO_TEMP_DIR", str(tmp_path / "mine"))
    assert private_upload_cache() == tmp_path / "mine"


def test_a_server_out_of_file_descriptors_answers_again_once_they_are_free(fake_index, tmp_path):
    """Twenty-first audit: a client holding more idle connections than the server's descriptor
    limit (about 1,000 under the usual 1,024) made asyncio log "accept failed" through rich's
    log handler, whose own import then failed inside the event loop: the server stopped
    answering for good and hung, holding its port, even after the connections closed. Now it
    refuses while the descriptors are gone, and answers again once they are free."""
    import resource
    import subprocess
    import sys
    import time

    import httpx

    from tests.ui.conftest import free_port

    limit = 160  # the server's own files (the index, Gradio's) take about 20

    def low_limit():
        resource.setrlimit(resource.RLIMIT_NOFILE, (limit, limit))

    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "GRADIO_TEMP_DIR"}
    env["TMPDIR"] = str(tmp_path)
    proc = subprocess.Popen([sys.executable, "-m", "quotewise", "serve", "--index",
                             str(fake_index), "--port", str(port)], env=env, preexec_fn=low_limit,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def answers() -> bool:
        try:
            return httpx.post(f"http://127.0.0.1:{port}/api/ask", json={"question": "trust"},
                              timeout=5).status_code == 200
        except httpx.HTTPError:
            return False

    held: list[socket.socket] = []
    try:
        deadline = time.monotonic() + 240  # Gradio's import alone took over 60 s at a load of 10
        while not answers() and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.3)
        assert answers(), "the server did not start"
        for _ in range(limit + 40):  # idle connections: an unfinished request head each
            s = socket.create_connection(("127.0.0.1", port))
            s.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            held.append(s)
        time.sleep(3)  # the server tries to accept past its limit
        for s in held:
            s.close()
        held.clear()
        deadline = time.monotonic() + 30
        while not answers() and time.monotonic() < deadline:
            time.sleep(0.5)
        assert answers(), "the server never answered again"
        assert proc.poll() is None
    finally:
        for s in held:
            s.close()
        proc.kill()
        proc.wait()
    assert b"rich/traceback" not in proc.stderr.read()


def test_serve_asks_for_more_file_descriptors_within_the_hard_limit(monkeypatch):
    import resource

    from ui.app import more_open_files

    calls = []
    monkeypatch.setattr(resource, "getrlimit", lambda _: (1024, 4096))
    monkeypatch.setattr(resource, "setrlimit", lambda _, value: calls.append(value))
    more_open_files()
    assert calls == [(4096, 4096)]
    calls.clear()
    monkeypatch.setattr(resource, "getrlimit", lambda _: (1024, resource.RLIM_INFINITY))
    more_open_files()
    assert calls == [(65536, resource.RLIM_INFINITY)]
