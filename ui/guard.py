"""Refusing a request before its body is parsed: login, upload permission, body size.

`RequestGuard` is a pure ASGI middleware in front of both the JSON API and the mounted Gradio
app. It answers ``{"error": ...}`` itself, so a refused request never reaches a parser:

- served on loopback (``local_only``): 421 for a ``Host`` that is not a loopback name, 403
  for an ``Origin`` that is not one. A page on another site may otherwise post an upload
  (a form post needs no permission), or rebind its own name to 127.0.0.1 and use the whole
  app, uploads included, as if it were the local user;
- served to the network or shared (not ``local_only``): 403 for a request that changes
  something (any method but GET, HEAD and OPTIONS) sent by a page on another site, by the
  browser's ``Sec-Fetch-Site`` or, when a browser sends none, by an ``Origin`` whose host is
  not the one the request is addressed to. A login travels with such requests (Gradio's
  cookie is ``SameSite=None``, and browsers resend HTTP Basic credentials), so another page
  could otherwise add an article through a logged-in user's browser. Links from other sites
  still open the page, and clients that are not browsers send neither header;
- with a login configured, every route the server serves itself rather than through Gradio
  (whose pages and events check its own login): 401 unless HTTP Basic matches. That is
  ``/api/...``, ``/mcp`` (the MCP tools) and FastAPI's ``/docs``, ``/redoc`` and
  ``/openapi.json``, which describe the API. Checked first, so a stranger cannot make the
  server read a large body;
- Gradio's upload routes when uploads are not allowed: 403; when they are, 507 while Gradio's
  upload cache already holds `MAX_PENDING_UPLOAD_BYTES` (an upload waits there until the
  Library adds it, and a client could post files and never add them: the app also sweeps
  uploads older than an hour, `ui.app.UPLOAD_SWEEP`);
- a body over the route's limit: 413, by ``Content-Length`` and again while reading (chunked
  bodies have no length). Accepted bodies are at most a few MB, so they are read here and
  replayed to the app;
- a Gradio event naming a web address as a file (``{"path": "https://...", "meta": ...}`` as
  the value of any input, the question included): 400. Gradio downloads such a file into its
  cache before any handler runs, whole and in memory, with no size limit, and answers with its
  ``/gradio_api/file=`` address: anyone who can ask could fill the server's memory and disk
  and read any public web page through it. Files reach this app only through its upload route.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import secrets
from collections.abc import Sequence
from urllib.parse import urlsplit

from starlette.responses import JSONResponse
from starlette.routing import BaseRoute, Match

from ui.library import MAX_UPLOAD_BYTES

LOOPBACK = ("127.0.0.1", "localhost", "::1")  # the names a loopback server answers to
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")  # requests that change nothing
MAX_JSON_BYTES = 64 * 1024  # POST /api/ask (a question and its options), and MCP messages
MAX_FORM_BYTES = 1024 * 1024  # Gradio's own events carry the chat history with each question
UPLOAD_ROUTES = ("/gradio_api/upload", "/gradio_api/process_recording")
MULTIPART_OVERHEAD = 64 * 1024  # boundaries and part headers around one upload
# Uploads waiting in Gradio's cache to be added (the Library deletes each once handled): room
# for a dozen at the largest size at once, not for a client that posts and never adds
MAX_PENDING_UPLOAD_BYTES = 12 * MAX_UPLOAD_BYTES


def basic_auth_ok(header: str, auth: tuple[str, str]) -> bool:
    """Whether an ``Authorization`` header carries ``auth`` as HTTP Basic.

    Compared as UTF-8 bytes in constant time: ``secrets.compare_digest`` refuses non-ASCII
    ``str``, which made a non-ASCII password (configured or sent) a 500.
    """
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "basic":
        return False
    try:
        raw = base64.b64decode(token.strip(), validate=True)
    except (ValueError, binascii.Error):  # also a non-ASCII token
        return False
    user, sep, password = raw.partition(b":")
    user_ok = secrets.compare_digest(user, auth[0].encode("utf-8"))
    password_ok = secrets.compare_digest(password, auth[1].encode("utf-8"))
    return bool(sep) and user_ok and password_ok


def json_route(path: str) -> bool:
    """Whether ``path`` (without a trailing slash) is a JSON route: the API or the MCP endpoint."""
    return path.startswith("/api/") or path == "/mcp" or path.startswith("/mcp/")


def body_limit(path: str) -> int:
    """The largest request body, in bytes, accepted on ``path``."""
    if json_route(path):
        return MAX_JSON_BYTES
    if path in UPLOAD_ROUTES:
        return MAX_UPLOAD_BYTES + MULTIPART_OVERHEAD
    return MAX_FORM_BYTES


class _TooLarge(Exception):
    pass


class RequestGuard:
    """Pure ASGI middleware; see the module docstring."""

    def __init__(self, app, *, auth: tuple[str, str] | None = None, allow_upload: bool = False,
                 local_only: bool = False, own_routes: Sequence[BaseRoute] = (),
                 upload_cache: str | os.PathLike | None = None):
        """``own_routes``: the app's routes beside the Gradio mount, matched as its router
        matches them (path parameters, any method), so none has to be named here."""
        self.app = app
        self.auth = auth
        self.allow_upload = allow_upload
        self.local_only = local_only
        self.own_routes = tuple(own_routes)
        self.upload_cache = upload_cache  # Gradio's cache folder, where uploads wait

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope["path"].rstrip("/") or "/"
        refusal = self._refusal(path, scope)
        if refusal is None:
            try:
                receive, body = await _buffered(receive, body_limit(path), _content_length(scope))
            except _TooLarge:
                refusal = _error(413, f"the request body is larger than {body_limit(path)} bytes")
            else:
                gradio_event = path not in UPLOAD_ROUTES and not self._own(path, scope)
                if gradio_event and names_web_file(body):
                    refusal = _error(400, "a file must be uploaded to this page, not named by a "
                                          "web address")
        if refusal is not None:
            await refusal(scope, receive, send)
            return
        await self.app(scope, receive, send)

    def _refusal(self, path: str, scope) -> JSONResponse | None:
        """A response refusing the request from its path and headers alone, or None."""
        if self.local_only:
            host = _header(scope, b"host").strip().lower()
            if host and _host_name(host) not in LOOPBACK:
                return _error(421, "this server answers only to 127.0.0.1 and localhost")
            origin = _header(scope, b"origin").strip()
            if origin and _origin_name(origin) not in LOOPBACK:
                return _error(403, "requests from other sites are refused; open the page itself")
        elif scope.get("method", "GET").upper() not in SAFE_METHODS and _cross_site(scope):
            return _error(403, "requests from other sites are refused; open the page itself")
        if self.auth is not None and self._own(path, scope):
            header = _header(scope, b"authorization")
            if not basic_auth_ok(header, self.auth):
                return _error(401, "login required (HTTP Basic, the QUOTEWISE_AUTH user)",
                              {"WWW-Authenticate": "Basic"})
        if path in UPLOAD_ROUTES and not self.allow_upload:
            return _error(403, "uploads are off: serve on loopback or set QUOTEWISE_AUTH")
        if (path in UPLOAD_ROUTES and self.upload_cache is not None
                and _folder_bytes(self.upload_cache) >= MAX_PENDING_UPLOAD_BYTES):
            return _error(507, "too many uploads are waiting to be added; add them in the "
                               "Library, or try again in an hour")
        return None

    def _own(self, path: str, scope) -> bool:
        """Whether the request is for the server's own routes, not Gradio's."""
        return json_route(path) or any(r.matches(scope)[0] != Match.NONE for r in self.own_routes)


def _cross_site(scope) -> bool:
    """Whether a browser sent the request from a page on another site (see the module
    docstring). ``X-Forwarded-Host`` counts as the addressed host behind a proxy or tunnel."""
    fetch_site = _header(scope, b"sec-fetch-site").strip().lower()
    if fetch_site:
        return fetch_site not in ("same-origin", "none")  # "none": typed or bookmarked
    origin = _header(scope, b"origin").strip()
    if not origin:
        return False
    addressed = {_host_name(_header(scope, name).split(",")[0].strip().lower())
                 for name in (b"host", b"x-forwarded-host")} - {""}
    return _origin_name(origin) not in addressed


def names_web_file(body: bytes) -> bool:
    """Whether a JSON body holds a file object (``{"path": ...}``, as Gradio reads one anywhere
    in an event's inputs) whose path is a web address, which Gradio would download. Read as
    Starlette reads a JSON body (``json.loads`` of the bytes: UTF-8, -16 or -32)."""
    if not body:
        return False
    try:
        todo = [json.loads(body)]
    except (ValueError, RecursionError):  # not JSON, or too deep: Gradio refuses it itself
        return False
    while todo:
        item = todo.pop()
        if isinstance(item, dict):
            path = item.get("path")
            if isinstance(path, str) and path.strip().lower().startswith(("http://", "https://")):
                return True
            todo.extend(item.values())
        elif isinstance(item, list):
            todo.extend(item)
    return False


def _folder_bytes(folder) -> int:
    """Bytes of the files under ``folder`` (0 when it does not exist yet)."""
    total = 0
    for root, _dirs, files in os.walk(folder):
        for name in files:
            try:
                total += os.lstat(os.path.join(root, name)).st_size
            except OSError:  # removed meanwhile
                pass
    return total


def _error(status: int, message: str, headers: dict | None = None) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status, headers=headers)


def _header(scope, name: bytes) -> str:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return value.decode("latin-1")
    return ""


def _host_name(host: str) -> str:
    """The name in a ``Host`` header: ``localhost:7860`` -> ``localhost``, ``[::1]:7860`` ->
    ``::1``."""
    if host.startswith("["):
        return host[1:].partition("]")[0]
    return host.rpartition(":")[0] if host.count(":") == 1 else host


def _origin_name(origin: str) -> str | None:
    """The host name in an ``Origin`` header (None for ``null`` or a malformed one)."""
    try:
        return urlsplit(origin).hostname
    except ValueError:  # e.g. "http://[evil": not a URL
        return None


def _content_length(scope) -> int | None:
    value = _header(scope, b"content-length").strip()
    if not value:
        return None
    return int(value) if value.isdigit() else None  # malformed: the server refuses it anyway


async def _buffered(receive, limit: int, length: int | None):
    """Read the whole body (at most ``limit`` bytes): a ``receive`` that replays it, and the
    body (empty when the client went away)."""
    if length is not None and not 0 <= length <= limit:
        raise _TooLarge
    chunks, size = [], 0
    while True:
        message = await receive()
        if message["type"] != "http.request":  # the client went away: let the app see it
            chunks = None
            break
        size += len(message.get("body", b""))
        if size > limit:
            raise _TooLarge
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            break
    replay = [message if chunks is None else
              {"type": "http.request", "body": b"".join(chunks), "more_body": False}]

    async def replayed():
        return replay.pop() if replay else await receive()

    return replayed, b"" if chunks is None else replay[0]["body"]
