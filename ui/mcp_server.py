"""Quotewise as an MCP (Model Context Protocol) server: tools ``search`` and ``ask``, and every
indexed article as a resource ``quotewise://articles/{doc_id}``.

Two transports, one server definition (`build_mcp`):

- stdio, for desktop AI clients: ``quotewise mcp [--index DIR]`` (`run_stdio`). Startup imports
  only the ``mcp`` SDK (nothing of ``ingest`` or ``assistant``, not even via the CLI); the index
  is loaded on the first tool call or resource listing (the light query path: ONNX encoder, no
  torch, no Gradio), so ``initialize`` and ``tools/list`` answer as soon as the SDK is
  imported. That import is nearly all of the start-up (bench/mcp_start.py) and has no cheaper
  path: importing any ``mcp.*`` module runs ``mcp/__init__``, which loads the client, FastMCP
  and their starlette, uvicorn, httpx and jsonschema, so the low-level ``Server`` would start
  no faster than FastMCP, and deferring this module's imports from the SDK would save nothing;
- streamable HTTP at ``/mcp`` of ``quotewise serve`` (`ui.app.build_server` mounts
  `streamable_http_route` and runs `session_manager` in its lifespan), behind the same
  `RequestGuard` login and body limit as ``/api/...``.

Any failure inside a tool (a blank question, a missing index: `QuotewiseError`; an argument out
of range) comes back as an MCP tool error whose text is one line, never a traceback.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import traceback
from typing import Annotated, Any
from urllib.parse import quote, unquote

import anyio
from mcp.server.fastmcp import FastMCP
from mcp.server.fastmcp.exceptions import ResourceError, ToolError
from mcp.server.lowlevel.helper_types import ReadResourceContents
from mcp.types import Resource, ToolAnnotations
from pydantic import Field, ValidationError

ARTICLE_URI = "quotewise://articles/"
INSTRUCTIONS = (
    "Quotewise answers questions from an index of advice articles with verbatim, cited quotes. "
    "Use `ask` for an answer made only of exact quotes (each with doc_id and character offsets "
    "start/end into the article's text), or an honest statement that the articles do not cover "
    "the question (`abstained: true`); never present an abstained answer's passages as advice. "
    "Use `search` for the best raw passages. Articles are resources "
    f"`{ARTICLE_URI}{{doc_id}}` holding each article's full canonical text."
)
SEARCH_DESCRIPTION = (
    "Hybrid search (dense + BM25) over the indexed articles: the k best passages for a query, "
    "best first. Each passage is an exact slice of its article: doc_id, source (file), "
    "start/end (character offsets, article_text[start:end] == text), text, section heading and "
    "fused relevance score. Passages are retrieval results, not vetted answers; prefer `ask` to "
    "answer a question."
)
ASK_DESCRIPTION = (
    "Answer a question with verbatim, cited quotes from the articles. Returns the Answer JSON: "
    "question, abstained (true when the articles don't cover it: then quote nothing as advice), "
    "safety (true when the question describes danger or abuse: a safety notice comes first), "
    "coverage (direct | partial | none), scope_note, markdown (the answer with citations [n]), "
    "quotes (n, doc_id, source, start, end, text, section, score; article_text[start:end] == "
    "text, [n] in markdown maps to quotes[n-1]), sources (title, author, date, url per article) "
    "and timings_ms. Quote the quotes exactly; do not paraphrase them as quotes."
)


class AssistantSlot:
    """The `Assistant` the tools answer with: given, or loaded from ``index_dir`` on first use
    (once, even under concurrent first calls). A failed load is retried on the next call."""

    def __init__(self, qa=None, *, index_dir=None):
        self._qa = qa
        self._index_dir = index_dir
        self._lock = threading.Lock()

    def get(self):
        if self._qa is None:
            with self._lock:
                if self._qa is None:
                    from assistant.api import Assistant  # the light query path: no torch, no Gradio

                    qa = Assistant.load(self._index_dir)
                    if qa.warning:
                        print(f"quotewise mcp: warning: {qa.warning}", file=sys.stderr, flush=True)
                    self._qa = qa
        return self._qa

    async def aget(self):
        if self._qa is not None:
            return self._qa
        return await anyio.to_thread.run_sync(self.get)


def one_line(err: BaseException) -> str:
    """The message a client sees for a failed call: one line, never a traceback."""
    from ingest.errors import QuotewiseError

    cause = err
    while isinstance(cause, ToolError) and cause.__cause__ is not None:
        cause = cause.__cause__  # FastMCP wraps the tool's own exception in a ToolError
    if isinstance(cause, QuotewiseError):
        message = str(cause)
    elif isinstance(cause, ValidationError):
        first = cause.errors()[0] if cause.errors() else {}
        field = ".".join(str(x) for x in first.get("loc", ()))
        message = (f"invalid argument {field}: {first.get('msg', 'invalid')}" if field
                   else str(cause))
    elif isinstance(cause, ToolError):
        message = str(cause)
    else:
        message = f"unexpected error: {type(cause).__name__}: {cause}"
        if os.environ.get("QUOTEWISE_DEBUG"):  # as the CLI: a traceback only on request
            traceback.print_exception(cause, file=sys.stderr)
    return cut(" ".join(message.split()) or type(cause).__name__)


MAX_MESSAGE = 300  # characters of a one-line error


def cut(message: str) -> str:
    """``message`` at most `MAX_MESSAGE` characters: what a client sent is echoed back in it,
    and a 50 KB resource address made a 50 KB error (twenty-second audit)."""
    return message if len(message) <= MAX_MESSAGE else message[:MAX_MESSAGE - 1] + "…"


class QuotewiseMCP(FastMCP):
    """FastMCP with one-line tool errors and the articles listed as resources on demand (the
    index, loaded lazily, decides which exist)."""

    def __init__(self, slot: AssistantSlot, **kwargs):
        self.slot = slot
        super().__init__(**kwargs)

    async def call_tool(self, name: str, arguments: dict[str, Any]):
        try:
            return await super().call_tool(name, arguments)
        except ToolError as err:
            raise ToolError(one_line(err)) from None

    async def list_resources(self) -> list[Resource]:
        qa = await self.slot.aget()
        docs = await anyio.to_thread.run_sync(qa.documents)
        return [_article_resource(d) for d in sorted(docs, key=lambda d: d.doc_id)]

    async def read_resource(self, uri) -> list[ReadResourceContents]:
        text = str(uri)
        if not text.startswith(ARTICLE_URI):
            raise ResourceError(cut(f"unknown resource {text!r}: articles are "
                                    f"{ARTICLE_URI}{{doc_id}}"))
        qa = await self.slot.aget()
        try:
            doc = qa.document(unquote(text[len(ARTICLE_URI):]))
        except Exception as err:  # noqa: BLE001 - InputError: no such article
            raise ResourceError(one_line(err)) from None
        return [ReadResourceContents(content=doc.text, mime_type="text/plain")]


def _article_resource(doc) -> Resource:
    from ingest.model import title_label  # not at start: `quotewise mcp` starts light

    title = title_label(doc.title, doc.doc_id)
    byline = ", ".join(x for x in (doc.author, doc.date) if x)
    description = f"{title}" + (f" — {byline}" if byline else "") + f" ({doc.source})"
    return Resource(uri=ARTICLE_URI + quote(doc.doc_id, safe="/"), name=doc.doc_id, title=title,
                    description=description + ". The article's full canonical text; quote "
                    "offsets (start, end) index into it.", mimeType="text/plain")


def _passage(qa, hit) -> dict:
    d = qa.hit_dict(hit)
    return {k: d[k] for k in ("doc_id", "source", "start", "end", "text", "section", "score")}


MAX_LOGGED_CHARS = 200  # of a warning the MCP SDK writes about a client's request


class OneLineWarnings(logging.Filter):
    """The MCP SDK's warnings about a client's request, as one short line: a request that fits
    no MCP request type (``tools/call`` with ``{}`` as its params, a ``uri`` that is a number)
    was logged with every pydantic error of every request type it was tried as, 18 KB of log
    per 65-byte request, and a call of an unknown tool with the tool's name as sent (a 60 KB
    name: 131 KB of log per request; seventeenth audit). What the client is told is unchanged.

    The SDK logs the first through the root logger (``logging.warning``), where only that
    message is touched (``sdk_only``); the second through its server's own logger."""

    def __init__(self, *, sdk_only: bool = False):
        super().__init__()
        self.sdk_only = sdk_only

    def filter(self, record: logging.LogRecord) -> bool:
        invalid = isinstance(record.msg, str) and record.msg.startswith("Failed to validate")
        if record.levelno != logging.WARNING or (self.sdk_only and not invalid):
            return True
        line = ("Failed to validate request: it fits no MCP request type" if invalid
                else " ".join(record.getMessage().split()))
        if len(line) > MAX_LOGGED_CHARS:
            line = line[:MAX_LOGGED_CHARS] + "…"
        record.msg, record.args = line, ()
        return True


def _quiet_sdk_warnings() -> None:
    """Install `OneLineWarnings` (once) where the MCP SDK logs a client's bad request."""
    for name, sdk_only in (("mcp.server.lowlevel.server", False), ("", True)):
        logger = logging.getLogger(name)
        if not any(isinstance(f, OneLineWarnings) for f in logger.filters):
            logger.addFilter(OneLineWarnings(sdk_only=sdk_only))


def _plain_root_logging() -> None:
    """A plain stderr handler on the root logger, unless it has one, before FastMCP installs
    its own (``logging.basicConfig`` with rich's ``RichHandler``, which then does nothing).

    RichHandler imports ``rich.traceback`` the first time it logs an exception, and lets that
    import's error escape: when the server ran out of file descriptors (a client holding about
    1,000 idle connections under the usual limit of 1,024), asyncio's "accept failed" log raised
    inside the event loop, the server stopped answering, and the process hung on exit, holding
    its port, until killed (twenty-first audit). A plain handler's errors stay in the handler,
    and asyncio accepts again once descriptors are free."""
    root = logging.getLogger()
    if not root.handlers:
        handler = logging.StreamHandler()  # stderr, as FastMCP's
        handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)


def build_mcp(qa=None, *, index_dir=None, host: str = "127.0.0.1") -> QuotewiseMCP:
    """The MCP server over ``qa`` (or the index at ``index_dir``, loaded on first use).

    ``host`` is where the HTTP transport listens: on loopback the SDK's DNS-rebinding
    protection (Host/Origin must be loopback) is on, as FastMCP sets it by default.

    Over HTTP every request stands alone (``stateless_http``): the tools keep nothing between
    calls, and a session kept per ``initialize`` (about 60 KB each, up to the SDK's 10,000, for
    30 minutes after its last request) let anyone who may ask fill memory and then lock every
    other client out of ``/mcp`` ("Too many open sessions").
    """
    slot = AssistantSlot(qa, index_dir=index_dir)
    _plain_root_logging()
    _quiet_sdk_warnings()
    server = QuotewiseMCP(slot, name="quotewise", instructions=INSTRUCTIONS, host=host,
                          streamable_http_path="/mcp", stateless_http=True, log_level="WARNING")
    read_only = ToolAnnotations(readOnlyHint=True, idempotentHint=True, openWorldHint=False)

    @server.tool(name="search", title="Search the articles", description=SEARCH_DESCRIPTION,
                 annotations=read_only, structured_output=True)
    async def search(
        query: Annotated[str, Field(description="what to look for, in plain words")],
        # strict: "5", 5.0 or true are refused as /api/ask refuses them (twenty-first audit)
        k: Annotated[int, Field(strict=True, ge=1, le=20,
                                description="number of passages (1-20)")] = 4,
    ) -> dict[str, Any]:
        qa = await slot.aget()
        hits = await anyio.to_thread.run_sync(lambda: qa.search(query, k=k))
        return {"passages": [_passage(qa, h) for h in hits]}

    @server.tool(name="ask", title="Ask the articles", description=ASK_DESCRIPTION,
                 annotations=read_only, structured_output=True)
    async def ask(
        question: Annotated[str, Field(description="the question, in the asker's own words")],
        max_quotes: Annotated[int | None, Field(strict=True, ge=1, le=10, description=(
            "at most this many quotes (1-10); default: the index's own reading budget"))] = None,
        history: Annotated[list[dict[str, Any]] | None, Field(
            description="the conversation so far, oldest first: [{\"question\": ..., "
                        "\"answer\": <that turn's ask result>}, ...]; a follow-up is "
                        "understood in its light and does not repeat its quotes")] = None,
    ) -> dict[str, Any]:
        qa = await slot.aget()
        answer = await anyio.to_thread.run_sync(
            lambda: qa.ask(question, max_quotes=max_quotes, history=history))
        return answer.to_dict()

    return server


def streamable_http_route(server: QuotewiseMCP):
    """A Starlette ``Route("/mcp")`` serving ``server`` over streamable HTTP, for mounting in
    another app. The host app must run ``server.session_manager.run()`` in its lifespan (a
    route's app gets no lifespan of its own)."""
    from starlette.routing import Route

    return Route("/mcp", endpoint=_NoStandaloneStream(server.streamable_http_app()))


class _NoStandaloneStream:
    """``GET /mcp`` answered 405, as the transport allows a server without a stream of its own
    to: every request stands alone (``stateless_http``), so nothing is ever sent on that
    stream. The SDK held each one open without end, about 100 KB of server memory apiece
    (2,000 held: +200 MB), as many as the process may open connections (twenty-first audit).
    The SDK's client takes the 405 in its stride."""

    def __init__(self, app):
        self.app = app  # the SDK's streamable HTTP app (creating it made its session manager)

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and scope["method"] == "GET":
            from starlette.responses import JSONResponse

            await JSONResponse({"error": "this server sends no stream: POST each request"},
                               status_code=405, headers={"Allow": "POST, DELETE"})(
                scope, receive, send)
            return
        await self.app(scope, receive, send)


def run_stdio(index_dir=None) -> int:
    """`quotewise mcp`: serve over stdin/stdout until the client closes them."""
    build_mcp(index_dir=index_dir).run("stdio")
    return 0
