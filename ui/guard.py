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
- with a login configured, Gradio's routes that change something (its events and uploads:
  any method but GET, HEAD and OPTIONS, but its login form ``POST /login``) and its heartbeat
  stream (``/gradio_api/heartbeat/...``, which Gradio serves to anyone): 401 unless the
  request carries a session of Gradio's own login (its cookie, checked against Gradio's
  sessions by ``logged_in``) or HTTP Basic matches. Checked before the body is read, so a
  stranger can no longer make the server read a 1 MB event (2 MB upload) only for Gradio to
  refuse it. The login page itself, its assets and ``/config`` are untouched;
- failed logins, per client address (`LoginLimiter`): after `MAX_LOGIN_FAILURES` within
  `LOGIN_WINDOW` seconds, 429 with ``Retry-After`` for the rest of the window, and no password
  that address sends is checked, HTTP Basic or Gradio's login form. A session already logged
  in keeps working, and so do other addresses;
- Gradio's upload routes when uploads are not allowed: 403; when they are, 507 while Gradio's
  upload cache already holds `MAX_PENDING_UPLOAD_BYTES` (an upload waits there until the
  Library adds it, and a client could post files and never add them: the app also sweeps
  uploads older than an hour, `ui.app.UPLOAD_SWEEP`);
- a body over the route's limit: 413, by ``Content-Length`` and again while reading (chunked
  bodies have no length). Accepted bodies are at most a few MB, so they are read here and
  replayed to the app;
- a JSON route's body that is not text in a JSON encoding, or nested more than
  `MAX_JSON_DEPTH` arrays and objects deep: 400. The MCP SDK's parser raised on both, which
  was a 500 and a traceback in the server log (Python's parser gives up near 1,000 levels);
- a Gradio event naming a web address as a file (``{"path": "https://...", "meta": ...}`` as
  the value of any input, the question included): 400. Gradio downloads such a file into its
  cache before any handler runs, whole and in memory, with no size limit, and answers with its
  ``/gradio_api/file=`` address: anyone who can ask could fill the server's memory and disk
  and read any public web page through it. Files reach this app only through its upload route.
  A relative path is refused too: Gradio's refusal of it named the server's working folder.
"""

from __future__ import annotations

import base64
import binascii
import ipaddress
import json
import math
import os
import re
import secrets
import sys
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import BaseRoute, Match

from ui.library import MAX_UPLOAD_BYTES, in_cache

LOOPBACK = ("127.0.0.1", "localhost", "::1")  # the names a loopback server answers to
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")  # requests that change nothing
MAX_JSON_BYTES = 64 * 1024  # POST /api/ask (a question and its options), and MCP messages
# Gradio's own events: a question (read up to 2,000 characters), a radio's value, states kept on
# the server; a 1 MB event made the server log a 1 MB traceback and keep a 1 MB chat message
MAX_FORM_BYTES = 64 * 1024
MAX_PATH_CHARS = 4096  # PATH_MAX: resolving a longer path named in an event took seconds
MAX_NAMED_FILES = 16  # an event names one file at most; a body naming thousands took seconds
MAX_PENDING_UPLOADS = 200  # files waiting in the upload cache, empty ones too
UPLOAD_ROUTES = ("/gradio_api/upload", "/gradio_api/process_recording")
MULTIPART_OVERHEAD = 64 * 1024  # boundaries and part headers around one upload
# Uploads waiting in Gradio's cache to be added (the Library deletes each once handled): room
# for a dozen at the largest size at once, not for a client that posts and never adds
MAX_PENDING_UPLOAD_BYTES = 12 * MAX_UPLOAD_BYTES
# Arrays and objects inside each other in a JSON route's body. An Answer JSON in a history is a
# few levels deep, an MCP message around it a few more; Python's parser raises near 1,000.
MAX_JSON_DEPTH = 64
LOGIN_ROUTE = "/login"  # Gradio's login form (POST), open to anyone: it is how one logs in
HEARTBEAT_ROUTE = "/gradio_api/heartbeat/"  # Gradio's stream per page, served without a login
# Password guesses from one client address: after this many failed logins within LOGIN_WINDOW
# seconds (counted from the first), the address is refused until the window ends. Enough for
# typing mistakes; it holds a guesser to about 3,000 passwords a day per address.
MAX_LOGIN_FAILURES = 10
LOGIN_WINDOW = 300
# Addresses whose failures are counted at once (about 200 bytes each): past it, the oldest
# count is forgotten first, so a flood of addresses cannot grow the server's memory.
MAX_LOGIN_CLIENTS = 10_000


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


class LoginLimiter:
    """Failed logins counted per client address, in memory, for one server.

    An address's count starts at its first failure and lasts `LOGIN_WINDOW` seconds; with
    `MAX_LOGIN_FAILURES` in it, `retry_after` says how long the address must wait. At most
    `MAX_LOGIN_CLIENTS` counts are kept, the oldest forgotten first.

    >>> now = [0.0]
    >>> limiter = LoginLimiter(limit=2, window=60, clock=lambda: now[0])
    >>> limiter.failed("203.0.113.7"); limiter.failed("203.0.113.7")
    >>> limiter.retry_after("203.0.113.7"), limiter.retry_after("198.51.100.1")
    (60, 0)
    >>> now[0] = 60.0
    >>> limiter.retry_after("203.0.113.7")
    0
    """

    def __init__(self, *, limit: int | None = None, window: float | None = None,
                 capacity: int | None = None, clock: Callable[[], float] = time.monotonic):
        """Defaults: the module's constants, read when the limiter is made."""
        self.limit = MAX_LOGIN_FAILURES if limit is None else limit
        self.window = LOGIN_WINDOW if window is None else window
        self.capacity = MAX_LOGIN_CLIENTS if capacity is None else capacity
        self.clock = clock
        # address -> [start of its window, failures in it]; oldest window first
        self._counts: OrderedDict[str, list] = OrderedDict()

    def __len__(self) -> int:
        """Addresses whose failures are counted now."""
        return len(self._counts)

    def retry_after(self, address: str) -> int:
        """Seconds until ``address`` may send a password again (0: now)."""
        now = self.clock()
        self._expire(now)
        count = self._counts.get(address)
        if count is None or count[1] < self.limit:
            return 0
        return max(1, math.ceil(count[0] + self.window - now))

    def failed(self, address: str) -> None:
        """Count a failed login from ``address``."""
        now = self.clock()
        self._expire(now)
        count = self._counts.get(address)
        if count is not None:
            count[1] += 1
            return
        while len(self._counts) >= self.capacity:
            self._counts.popitem(last=False)
        self._counts[address] = [now, 1]

    def forgive(self, address: str) -> None:
        """Take back one failure: a login counted before its outcome was known succeeded."""
        count = self._counts.get(address)
        if count is not None and count[1] > 0:
            count[1] -= 1

    def _expire(self, now: float) -> None:
        while self._counts:
            start, _ = next(iter(self._counts.values()))
            if start + self.window > now:
                break
            self._counts.popitem(last=False)


def client_address(scope) -> str:
    """The address a client's failed logins are counted under: its IP address, or for IPv6 its
    /64 network (one host usually has a whole /64 to pick addresses from).

    The peer address as the server gives it: a client's own ``X-Forwarded-For`` only when the
    peer is a proxy named in ``QUOTEWISE_TRUSTED_PROXIES`` (`ui.app.parse_trusted_proxies`),
    never otherwise, since any client can write it. Behind a proxy not named there, or
    Gradio's share tunnel, every client has the proxy's address and shares one count.
    """
    host = (scope.get("client") or ("",))[0] or ""
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:  # a Unix socket, or no client given
        return host
    if ip.version == 6 and ip.ipv4_mapped is not None:
        return str(ip.ipv4_mapped)
    if ip.version == 6:
        return str(ipaddress.IPv6Network((int(ip) >> 64 << 64, 64)))
    return str(ip)


class RequestGuard:
    """Pure ASGI middleware; see the module docstring."""

    def __init__(self, app, *, auth: tuple[str, str] | None = None, allow_upload: bool = False,
                 local_only: bool = False, own_routes: Sequence[BaseRoute] = (),
                 upload_cache: str | os.PathLike | None = None,
                 logged_in: Callable[[Mapping[str, str]], bool] | None = None):
        """``own_routes``: the app's routes beside the Gradio mount, matched as its router
        matches them (path parameters, any method), so none has to be named here.
        ``logged_in``: whether a request's cookies hold a session of Gradio's own login (see
        `ui.app.gradio_logged_in`); without it, Gradio's routes are left to Gradio."""
        self.app = app
        self.auth = auth
        self.allow_upload = allow_upload
        self.local_only = local_only
        self.own_routes = tuple(own_routes)
        self.upload_cache = upload_cache  # Gradio's cache folder, where uploads wait
        self.logged_in = logged_in
        self.logins = LoginLimiter()

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
                if gradio_event and (named := named_file(body, self.upload_cache)):
                    refusal = _error(400, f"a file must be uploaded to this page, not named by a "
                                          f"{named}")
                elif json_route(path) and (problem := json_problem(body)):
                    refusal = _error(400, problem)
        if refusal is not None:
            await refusal(scope, receive, send)
            return
        if self._login_form(path, scope):  # counted as failed in `_login_refusal`
            send = self._forgiving(send, client_address(scope))
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
        if self.auth is not None:
            refusal = self._login_refusal(path, scope)
            if refusal is not None:
                return refusal
        if path in UPLOAD_ROUTES and not self.allow_upload:
            return _error(403, "uploads are off: serve on loopback or set QUOTEWISE_AUTH")
        if (path in UPLOAD_ROUTES and self.upload_cache is not None
                and _pending_uploads_full(self.upload_cache)):
            return _error(507, "too many uploads are waiting to be added; add them in the "
                               "Library, or try again in an hour")
        return None

    def _own(self, path: str, scope) -> bool:
        """Whether the request is for the server's own routes, not Gradio's."""
        return json_route(path) or any(r.matches(scope)[0] != Match.NONE for r in self.own_routes)

    def _login_refusal(self, path: str, scope) -> JSONResponse | None:
        """401 or 429 for a request that needs the login and lacks it (a login is configured)."""
        if self._own(path, scope):
            return self._basic_refusal(scope, {"WWW-Authenticate": "Basic"})
        if self._login_form(path, scope):  # see `_forgiving`
            address = client_address(scope)
            if wait := self.logins.retry_after(address):
                return _too_many_logins(wait)
            self.logins.failed(address)
            return None
        changes = scope.get("method", "GET").upper() not in SAFE_METHODS
        if (self.logged_in is None or not (changes or path.startswith(HEARTBEAT_ROUTE))
                or self.logged_in(Request(scope).cookies)):
            return None
        if not _header(scope, b"authorization"):
            return _error(401, "login required: log in on the page first")
        return self._basic_refusal(scope, {})  # no Basic prompt over the page's own requests

    def _basic_refusal(self, scope, headers: dict) -> JSONResponse | None:
        """401 unless HTTP Basic matches; 429, with no password checked, for an address past
        its failed logins. A request with no credentials at all is not a failed login."""
        header = _header(scope, b"authorization")
        address = client_address(scope)
        if header and (wait := self.logins.retry_after(address)):
            return _too_many_logins(wait)
        if basic_auth_ok(header, self.auth):
            return None
        if header:
            self.logins.failed(address)
        return _error(401, "login required (HTTP Basic, the QUOTEWISE_AUTH user)", headers)

    def _login_form(self, path: str, scope) -> bool:
        """Whether the request is Gradio's login form being sent, with a login configured."""
        return (self.auth is not None and path == LOGIN_ROUTE
                and scope.get("method", "GET").upper() == "POST" and not self._own(path, scope))

    def _forgiving(self, send, address: str):
        """``send`` for Gradio's login form, which counted as a failed login when it arrived:
        forgiven when Gradio accepts it (any status below 400; a wrong password is its 400).

        Read from the answer Gradio sends, not by parsing the form and comparing the password
        here: Gradio alone decides what its form holds and when it logs someone in, so the count
        cannot drift from it. Counted on arrival, in the same step as the check and before the
        body is read, so logins sent all at once cannot all pass the check before any is
        counted."""

        async def forgiving(message):
            if message["type"] == "http.response.start" and message["status"] < 400:
                self.logins.forgive(address)
            await send(message)

        return forgiving


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


def named_file(body: bytes, upload_cache: str | os.PathLike | None = None) -> str | None:
    """How a JSON body names a file it did not upload, or None: a file object (``{"path": ...}``,
    as Gradio reads one anywhere in an event's inputs) whose path is a "web address", which
    Gradio would download, a "relative path", which Gradio's refusal answers as a path in the
    server's working folder, naming that folder, or a "path outside its uploads" (outside
    ``upload_cache``, or any path when uploads are off), which Gradio refuses with a traceback
    in the server's log for each 60-byte request. An upload's path is absolute, in the cache.
    Read as Starlette reads a JSON body (``json.loads`` of the bytes: UTF-8, -16 or -32)."""
    if not body:
        return None
    try:
        todo = [json.loads(body)]
    except (ValueError, RecursionError):  # not JSON, or too deep: Gradio refuses it itself
        return None
    named = 0
    while todo:
        item = todo.pop()
        if isinstance(item, dict):
            path = item.get("path")
            if isinstance(path, str):
                named += 1
                if named > MAX_NAMED_FILES or len(path) > MAX_PATH_CHARS:
                    return "path outside its uploads"  # never resolved: that took seconds
            if isinstance(path, str) and path.strip().lower().startswith(("http://", "https://")):
                return "web address"
            if isinstance(path, str) and not os.path.isabs(path):
                return "relative path"
            if isinstance(path, str) and (upload_cache is None
                                          or not in_cache(path, upload_cache)):
                return "path outside its uploads"
            todo.extend(item.values())
        elif isinstance(item, list):
            todo.extend(item)
    return None


def _pending_uploads_full(folder) -> bool:
    """Whether the uploads waiting under ``folder`` reach `MAX_PENDING_UPLOAD_BYTES` or
    `MAX_PENDING_UPLOADS` files (300 empty uploads cost no byte; counted, they are refused)."""
    total = count = 0
    for root, _dirs, files in os.walk(folder):
        for name in files:
            count += 1
            try:
                total += os.lstat(os.path.join(root, name)).st_size
            except OSError:  # removed meanwhile
                pass
            if total >= MAX_PENDING_UPLOAD_BYTES or count >= MAX_PENDING_UPLOADS:
                return True
    return False


def _error(status: int, message: str, headers: dict | None = None) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status, headers=headers)


def login_notice() -> str:
    """The line Gradio's login page shows above its form. The form reacts only to Gradio's own
    answers (a wrong password, a login), so a browser locked out by `LoginLimiter` sees its
    button do nothing: this says beforehand why that can happen."""
    return (f"After {MAX_LOGIN_FAILURES} failed logins from one address, logins from it pause for "
            f"{math.ceil(LOGIN_WINDOW / 60)} minutes; the button then does nothing until they "
            "resume.")


def _too_many_logins(wait: int) -> JSONResponse:
    return _error(429, f"too many failed logins from this address; try again in {wait} seconds",
                  {"Retry-After": str(wait)})


_JSON_TOKEN = re.compile(r'\\.|["\[\]{}]|\d+', re.S)  # an escape, a quote, a bracket or digits


def json_problem(body: bytes) -> str | None:
    """Why a JSON route's body would make a parser raise rather than answer, or None.

    Read as ``json.loads`` reads bytes (UTF-8, -16 or -32). Nesting is counted by brackets
    outside strings, in one pass, stopping past `MAX_JSON_DEPTH`; a number outside strings
    longer than Python turns into an int (``sys.get_int_max_str_digits``, 4,300 digits) is
    refused too (sixteenth audit: the MCP SDK's parser raised on it, a 500 and a 5 KB traceback
    in the log per request); anything else that is not JSON is left to the route's own parser,
    which answers 400 for it.
    """
    if not body:
        return None
    try:
        text = body.decode(json.detect_encoding(body), "surrogatepass")
    except UnicodeDecodeError:
        return "the request body is not UTF-8 text"
    depth, in_string = 0, False
    digits = sys.get_int_max_str_digits()  # 0: no limit
    for match in _JSON_TOKEN.finditer(text):
        token = match.group()
        if token[0].isdigit():
            if digits and not in_string and len(token) > digits:
                return f"a number in the JSON has more than {digits} digits"
            continue
        if token == '"':
            in_string = not in_string
        elif in_string or len(token) == 2:  # a bracket inside a string, or an escape
            continue
        elif token in "[{":
            depth += 1
            if depth > MAX_JSON_DEPTH:
                return f"the JSON is nested more than {MAX_JSON_DEPTH} levels deep"
        else:
            depth -= 1
    return None


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
