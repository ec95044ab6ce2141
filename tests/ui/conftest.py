"""A live server over the fake-embedder index, shared by the HTTP tests of a module."""

from __future__ import annotations

import socket

import pytest


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(fake_index):
    from assistant import Assistant
    from ui.app import launch

    handle = launch(Assistant.load(fake_index), port=free_port())
    yield handle
    handle.close()
