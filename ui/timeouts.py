"""Time limits on a client sending its request, for `quotewise serve`'s uvicorn.

uvicorn sets none: its only timer is keep-alive's (`timeout_keep_alive`), armed after a
response and cancelled by any byte the client sends. A connection that sent nothing, or a
request head one header line at a time, or a body one byte at a time, was held for as long as
the client liked, and so was the rest of a body the guard had refused before reading it (a
421, 401 or 413: uvicorn reads on and drops what comes, each byte cancelling that timer)
(twenty-second audit). No ASGI middleware can time out a request head (the app is called only
once it is whole) nor a body after the response; the protocol can, so it does:

- a request head must be whole within `HEAD_SECONDS` of the connection, or of the answer to
  the request before it on the connection;
- a body must be whole within `BODY_SECONDS` and a second more for every `MIN_BODY_RATE`
  bytes its ``Content-Length`` gives (a chunked body: the largest the guard accepts), 46 s for
  an API or MCP call of 64 KB, some 9 minutes for a 2 MB upload: 32 kbit/s is slower than any
  working connection;
- once the server has answered, what the client is still sending of the request answered is
  given no more time than a head.

Past its time the connection is closed. The time the app takes to answer, and a stream it
sends (Gradio's queue and heartbeat), are not limited.
"""

from __future__ import annotations

import asyncio

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

from ui.guard import MULTIPART_OVERHEAD
from ui.library import MAX_UPLOAD_BYTES

HEAD_SECONDS = 30.0  # a request head, from the connection or from the answer before it
BODY_SECONDS = 30.0  # a body, however short...
MIN_BODY_RATE = 4096  # ...and a second more per this many bytes of it
LARGEST_BODY = MAX_UPLOAD_BYTES + MULTIPART_OVERHEAD  # no route accepts more (`ui.guard`)


class SlowClientTimeouts(H11Protocol):
    """uvicorn's h11 protocol with the time limits above (``uvicorn.run(..., http=...)``)."""

    head_seconds = HEAD_SECONDS
    body_seconds = BODY_SECONDS
    min_body_rate = MIN_BODY_RATE
    largest_body = LARGEST_BODY

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._deadline: asyncio.TimerHandle | None = None
        self._timed = None  # the request cycle whose head has come (None: none yet)
        self._upgraded = False

    def _arm(self, seconds: float) -> None:
        self._disarm()
        self._deadline = self.loop.call_later(seconds, self._expired)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _expired(self) -> None:
        self._deadline = None
        if self._upgraded or self.transport.is_closing():
            return
        answered = self.cycle is None or self.cycle.response_complete  # waiting for a request
        if answered or self.conn.their_state is h11.SEND_BODY:
            self.transport.close()

    def connection_made(self, transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm(self.head_seconds)

    def connection_lost(self, exc) -> None:
        self._disarm()
        super().connection_lost(exc)

    def handle_events(self) -> None:
        super().handle_events()
        if self._upgraded or self.cycle is None or self.cycle is self._timed:
            return
        # a request head has come: the body, if one is on its way, has its own time
        self._timed = self.cycle
        if self.conn.their_state is h11.SEND_BODY and not self.transport.is_closing():
            length = _content_length(self.headers)
            size = self.largest_body if length is None else min(length, self.largest_body)
            self._arm(self.body_seconds + size / self.min_body_rate)
        else:
            self._disarm()

    def on_response_complete(self) -> None:
        # armed first: a request already waiting on the connection is read by the call below,
        # and its own time replaces this one
        self._arm(self.head_seconds)
        super().on_response_complete()

    def handle_websocket_upgrade(self, event) -> None:
        self._disarm()
        self._upgraded = True
        super().handle_websocket_upgrade(event)


def _content_length(headers) -> int | None:
    for name, value in headers or ():
        if name == b"content-length":
            return int(value) if value.strip().isdigit() else None
    return None
