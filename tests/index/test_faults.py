"""Faults lose nothing: a killed ingest leaves the previous index live, and the next ingest
cleans up after it."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from index import FakeEmbedder, build_index, load_index

ROOT = Path(__file__).resolve().parents[2]


def test_sigkill_mid_write_keeps_previous_index(tmp_path, articles):
    corpus = tmp_path / "c"
    shutil.copytree(articles, corpus)
    ix = tmp_path / "ix"
    build_index([corpus], ix, embedder=FakeEmbedder(), progress=False)
    live = load_index(ix).path
    (corpus / "extra.txt").write_text("Extra advice.\n\nListen before you answer.\n")

    # an ingest that stalls after writing its files but before switching CURRENT
    script = textwrap.dedent(f"""
        import sys, time
        sys.path.insert(0, {str(ROOT)!r})
        import index.store as st
        from index import FakeEmbedder, build_index
        def stall(path):
            print("WRITING", flush=True)
            time.sleep(60)
        st._fsync_tree = stall
        build_index([{str(corpus)!r}], {str(ix)!r}, embedder=FakeEmbedder(), progress=False)
    """)
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "WRITING"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)

    data = load_index(ix)
    assert data.path == live and "extra" not in data.documents
    assert list(ix.glob("tmp-*"))  # the half-written build is there, but never loaded

    t = time.perf_counter()
    rep = build_index([corpus], ix, embedder=FakeEmbedder(), progress=False)  # lock was released
    assert time.perf_counter() - t < 30
    assert rep.added == ["extra"]
    assert not list(ix.glob("tmp-*"))
    assert "extra" in load_index(ix).documents
