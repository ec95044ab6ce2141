"""A live server over the fake-embedder index, shared by the HTTP tests of a module."""

from __future__ import annotations

import socket

import httpx
import pytest


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def event_fn_index(url: str, elem_id: str, trigger: str, client=httpx) -> int:
    """The fn_index of the page's ``trigger`` event on the component ``elem_id`` ("qw-ask",
    "click"), read from the page's config as a browser would (behind a login: by a ``client``
    logged in)."""
    config = client.get(f"{url}/config").json()
    ids = [c["id"] for c in config["components"] if c.get("props", {}).get("elem_id") == elem_id]
    for i, dep in enumerate(config["dependencies"]):
        if any(t[0] in ids and t[1] == trigger for t in dep["targets"]):
            return dep.get("id", i)
    raise AssertionError(f"no {trigger} event on #{elem_id} in the config")


@pytest.fixture(scope="module")
def server(fake_index):
    from assistant import Assistant
    from ui.app import launch

    handle = launch(Assistant.load(fake_index), port=free_port())
    yield handle
    handle.close()
