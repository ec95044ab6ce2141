"""`quotewise serve` refuses a bad or busy port with one line, before anything slow starts."""

from __future__ import annotations

import socket

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
