"""The Gradio web UI, thin over `assistant`: chat, citations you can open, feedback, library,
and two APIs (the named Gradio endpoint ``/ask`` and plain JSON ``POST /api/ask``)."""

from __future__ import annotations

import atexit
import errno
import fcntl
import json
import logging
import os
import shutil
import signal
import socket
import sys
import tempfile
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import gradio as gr
from fastapi import FastAPI
from gradio.component_meta import ComponentMeta
from pydantic import BaseModel, Field, StrictInt, StrictStr

from assistant.query import MAX_QUERY_CHARS
from ingest.model import section_label
from ui.guard import LOOPBACK, RequestGuard, login_notice
from ui.library import MAX_UPLOAD_BYTES, UPLOAD_TYPES, Library
from ui.render import CSS, article_html, citation_html, library_html, notice_html, plain_markdown


def parse_auth(value: str | None) -> tuple[str, str] | None:
    """``QUOTEWISE_AUTH=user:password`` -> (user, password)."""
    if not value:
        return None
    user, sep, password = value.partition(":")
    if not sep or not user or not password:
        raise ValueError("QUOTEWISE_AUTH must look like user:password")
    return user, password


def parse_trusted_proxies(value: str | None) -> list[str]:
    """``QUOTEWISE_TRUSTED_PROXIES=127.0.0.1,10.0.0.0/8`` -> the proxies (addresses or networks)
    whose ``X-Forwarded-For`` names the client; none by default.

    Failed logins are counted per client address (`ui.guard.LoginLimiter`). Behind a reverse
    proxy every client has the proxy's address, so name the proxy here to count each client
    apart. A client's own ``X-Forwarded-For`` is believed from nowhere else: uvicorn would
    otherwise believe it from loopback, and a guesser on this machine could write a new address
    into each request and never be locked out. Read by uvicorn, which takes the right-most
    address not itself a trusted proxy.
    """
    import ipaddress

    proxies = [part.strip() for part in (value or "").split(",") if part.strip()]
    for proxy in proxies:
        try:
            ipaddress.ip_network(proxy, strict=False)
        except ValueError:
            raise ValueError(f"QUOTEWISE_TRUSTED_PROXIES: {proxy!r} is not an IP address or "
                             "network (e.g. 127.0.0.1,10.0.0.0/8)") from None
    return proxies


def proxy_settings(trusted_proxies: Sequence[str]) -> dict:
    """uvicorn's settings that believe ``X-Forwarded-For`` from exactly ``trusted_proxies``."""
    return {"proxy_headers": bool(trusted_proxies), "forwarded_allow_ips": list(trusted_proxies)}


# Anyone who can reach the page may rate answers, as often as they like: without a cap a script
# could fill the disk one line at a time. A line is at most a few KB, so this keeps many thousands
# of ratings; move the log aside to collect more.
MAX_FEEDBACK_BYTES = 20 * 1024 * 1024


class FeedbackLog:
    """Appends one JSON line per rating beside the index; never rewrites earlier lines."""

    def __init__(self, path: Path):
        self.path = path
        self._lock = threading.Lock()

    def append(self, question: str, answer: dict, rating: str) -> dict | None:
        """The entry written, or None when it would take the log past MAX_FEEDBACK_BYTES."""
        entry = {
            "time": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "question": question,
            "quotes": [f"{q['doc_id']}:{q['start']}-{q['end']}" for q in answer.get("quotes", [])],
            "abstained": bool(answer.get("abstained")),
            "rating": rating,
        }
        line = (json.dumps(entry, ensure_ascii=False) + "\n").encode("utf-8")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._lock, open(self.path, "ab") as f:
            fcntl.flock(f, fcntl.LOCK_EX)  # the size is read under the lock other writers take
            full = os.fstat(f.fileno()).st_size + len(line) > MAX_FEEDBACK_BYTES
            if not full:
                f.write(line)
                f.flush()
            fcntl.flock(f, fcntl.LOCK_UN)
        return None if full else entry


UPLOAD_SWEEP = (600, 3600)  # every 10 minutes, Gradio deletes its files older than an hour
# Events waiting in Gradio's queue, each holding its body (up to MAX_FORM_BYTES, 64 KB) in
# memory: past this many, a new one is refused ("Queue is full") instead of memory growing
MAX_QUEUED_EVENTS = 64
MAX_HISTORY = 20  # turns a request may carry (the assistant reads the most recent few)
# Turns a page's chat keeps on the server (its answers and messages, about 100 KB a turn in
# memory): without a cap one session asking in a loop grew the server by that much per question.
# The assistant reads only the last few; older turns scroll off the page.
MAX_CHAT_TURNS = 50


class HistoryTurn(BaseModel):
    """An earlier turn of the conversation: its question and the Answer JSON it got."""

    question: StrictStr
    answer: dict = Field(default_factory=dict, description="The Answer JSON of that turn")


class AskRequest(BaseModel):
    """Body of ``POST /api/ask``. Strict types: ``true``, ``"3"`` or ``2.0`` are not a count."""

    question: StrictStr = Field(description="The question, in your own words")
    max_quotes: StrictInt | None = Field(None, ge=1, le=10, description=(
        "At most this many quotes (default: the index's own reading budget)"))
    history: list[HistoryTurn] = Field(
        default_factory=list, max_length=MAX_HISTORY,
        description="The conversation so far, oldest first: a follow-up is understood in its "
                    "light and does not repeat its quotes")


def _error_answer(question: str, message: str) -> dict:
    return {"question": question, "abstained": True, "safety": False,
            "markdown": f"**{message}**", "quotes": [], "sources": [], "timings_ms": {},
            "error": message}


class _NoStub(ComponentMeta):
    """Gradio's component metaclass, without the ``.pyi`` stub it writes beside the module of
    every component class (a 540-line ui/app.pyi): a subclass adding no event needs none."""

    def __new__(mcs, name, bases, attrs):
        return super(ComponentMeta, mcs).__new__(mcs, name, bases, attrs)


class CitationChoice(gr.Radio, metaclass=_NoStub):
    """The citation picker: a value that is not one of its choices (a client's own event, "abc"
    or 60 KB of text) selects nothing. Gradio's Radio raised for it, and the server printed a
    traceback holding the value for each such request: about 1.6 KB of log per 100-byte event,
    61 KB per 60 KB one (sixteenth audit). A subclass, not a patched instance: Gradio rebuilds
    a component from its class when an answer updates its choices."""

    is_template = True  # drawn by Gradio's own Radio

    def preprocess(self, payload):
        if payload is not None and payload not in [value for _, value in self.choices]:
            return None
        return super().preprocess(payload)


class LikeEvent(gr.LikeData):
    """Gradio's LikeData, read from whatever a client sends as the event's data: with none
    (``"event_data": null``), or without its "index" or "value", Gradio's own raised before
    `on_like` ran and the server printed a traceback per 100-byte request (seventeenth audit).
    A value that is missing is None; `on_like` ignores a like whose index is not a number."""

    def __init__(self, target, data):
        data = data if isinstance(data, dict) else {}
        gr.EventData.__init__(self, target, data)
        self.index, self.value = data.get("index"), data.get("value")
        self.liked = data.get("liked", True)


class QuietBlocks(gr.Blocks):
    """Gradio's Blocks, refusing with one line an event whose values its inputs cannot take:
    fewer values than the handler takes (a client's own ``"data": []``), or one its component
    cannot read (5 or null as an example's row, a string as an uploaded file). Gradio raised,
    printed a traceback (1.2-2.5 KB of log per request of a few bytes: sixteenth and
    seventeenth audits) and showed the client the exception's text, which for too few values
    named components by their memory addresses. Nothing reaches a handler either way."""

    async def preprocess_data(self, block_fn, inputs, state, explicit_call: bool = False):
        if len(inputs) < len(block_fn.inputs):
            raise gr.Error(f"this event takes {len(block_fn.inputs)} values, and "
                           f"{len(inputs)} came", print_exception=False)
        try:
            values = await super().preprocess_data(block_fn, inputs, state, explicit_call)
        except gr.Error as err:
            # a component's own refusal ("Invalid file type...": an upload of another type sent
            # to the Library's event) is the client's, told to it; Gradio printed a traceback
            # for each, 2.5 KB of log per request (twenty-fifth audit)
            err.print_exception = False
            raise
        except Exception:  # noqa: BLE001 - the client's value, not this server's fault
            raise gr.Error("a value sent with this event is not one its input takes",
                           print_exception=False) from None
        # an example clicked with no row (null): Gradio's own handler raised on it
        if any(isinstance(block, gr.Dataset) and value is None
               for block, value in zip(block_fn.inputs, values)):
            raise gr.Error("choose one of the examples", print_exception=False)
        return values


def build_app(qa, *, allow_upload: bool = False):
    """The Gradio Blocks app for an `Assistant`."""
    from ingest.errors import QuotewiseError

    feedback = FeedbackLog(Path(qa.index_root or ".quotewise/index") / "feedback.jsonl")

    def answer_for(question: str, answers: list | None = None) -> dict:
        """The Answer JSON for ``question`` after the conversation's earlier ``answers``."""
        history = [{"question": a["question"], "answer": a} for a in (answers or [])
                   if not a.get("error")]
        try:
            return qa.ask(question, history=history).to_dict()
        except QuotewiseError as err:
            return _error_answer(question, str(err))

    def citation_choices(answer: dict) -> list[tuple[str, int]]:
        return [(f"[{q['n']}] {section_label(q['section'])}", i)
                for i, q in enumerate(answer.get("quotes", []))]

    def show_citation(answer: dict, idx):
        quotes = (answer or {}).get("quotes", [])
        if idx is None or not quotes or not (0 <= int(idx) < len(quotes)):
            return "<p class='qw-card-meta'>Choose a citation to see where it comes from.</p>", ""
        q = quotes[int(idx)]
        # the article as the index holds it now: an upload of the same name since this answer
        # (or an ingest elsewhere) may have changed it, and its offsets then marked other text
        # as the quote, or it may be gone (seventeenth audit)
        try:
            doc = qa.document(q["doc_id"])
        except QuotewiseError:
            doc = None
        if doc is None or doc.text[q["start"]:q["end"]] != q["text"]:
            return ("<p class='qw-card-meta'>This article has changed since this answer was "
                    "given; ask again to see where its quotes come from now.</p>", "")
        return citation_html(doc, q), article_html(doc, q["start"], q["end"])

    def unchanged(history: list, answers: list):
        """Every output of `respond` as it was (nothing asked)."""
        return (gr.update(), history, answers) + (gr.update(),) * 4 + ("", history)

    def respond(question: str, history: list, answers: list):
        """``history`` is the chat as drawn, kept on the server (`chat_log`), never the page's."""
        question = (question or "").strip()
        if not question:
            gr.Warning("Type a question about the articles first.")
            return unchanged(history, answers)
        answer = answer_for(question, answers)
        # the asker's words are shown as typed: escaped, so never Markdown, HTML or maths; as
        # far as they were read (a 1 MB question was kept whole and sent back with every answer)
        shown = question if len(question) <= MAX_QUERY_CHARS else question[:MAX_QUERY_CHARS] + "…"
        history = (history + [{"role": "user", "content": plain_markdown(shown)},
                              {"role": "assistant", "content": answer["markdown"]}]
                   )[-2 * MAX_CHAT_TURNS:]
        answers = (answers + [answer])[-MAX_CHAT_TURNS:]  # in step with history: on_like
        first = 0 if answer["quotes"] else None
        card, article = show_citation(answer, first)
        return ("", history, answers, notice_html(answer, hint=qa.profile.hint),
                gr.update(choices=citation_choices(answer), value=first), card, article, "",
                history)

    def retry(history: list, answers: list):
        if len(history) < 2 or not answers:
            return unchanged(history, answers)
        return respond(answers[-1]["question"], history[:-2], answers[:-1])

    def clear():
        return ("", [], [], "", gr.update(choices=[], value=None),
                "<p class='qw-card-meta'>Ask a question to see its sources.</p>", "", "", [])

    def on_like(data: LikeEvent, answers: list):
        idx = data.index[0] if isinstance(data.index, (list, tuple)) and data.index else data.index
        if not isinstance(idx, int) or isinstance(idx, bool):  # a client's own event data
            return ""
        answer_no = (idx - 1) // 2  # user, assistant, user, assistant, ...
        if not (0 <= answer_no < len(answers)):
            return ""
        rating = "up" if data.liked else "down"
        if feedback.append(answers[answer_no]["question"], answers[answer_no], rating) is None:
            return "Feedback not saved: the feedback log is full."
        return "Thanks — your feedback was saved."

    def ask_api(question: str) -> dict:
        """Answer a question with verbatim, cited quotes (the Answer JSON)."""
        return answer_for(question)

    profile = qa.profile  # the corpus's own wording; neutral for articles without a profile

    def header() -> str:
        wording = qa.profile  # drawn afresh: an article added may change what describes them
        return f"## {plain_markdown(wording.title)}\n{plain_markdown(wording.description)}"

    def described() -> tuple:
        """The header and the question box's prompt, as the articles now stand."""
        return header(), gr.update(placeholder=qa.profile.placeholder)

    # an upload waits in Gradio's cache until the Library adds it; one never added is swept
    with QuietBlocks(title=profile.title, delete_cache=UPLOAD_SWEEP) as demo:
        heading = gr.Markdown(header(), elem_id="qw-header")
        with gr.Tabs():
            with gr.Tab("Ask", id="ask"):
                with gr.Row(equal_height=False):
                    with gr.Column(scale=3, min_width=320):
                        notice = gr.HTML("", elem_id="qw-notice")
                        # no maths: a quote holding $$...$$ is article text, shown as typed
                        chat = gr.Chatbot(label="Answers", elem_id="qw-chat", height=460,
                                          feedback_options=("Like", "Dislike"),
                                          latex_delimiters=[])
                        with gr.Row():
                            box = gr.Textbox(placeholder=profile.placeholder,
                                             show_label=False, scale=5, elem_id="qw-question",
                                             max_lines=4)
                            send = gr.Button("Ask", variant="primary", scale=1, elem_id="qw-ask")
                        with gr.Row():
                            retry_btn = gr.Button("Retry", size="sm", elem_id="qw-retry")
                            clear_btn = gr.Button("Clear", size="sm", elem_id="qw-clear")
                        status = gr.Markdown("", elem_id="qw-status")
                        if profile.examples:
                            gr.Examples(list(profile.examples), inputs=box,
                                        label="Try one of these")
                    with gr.Column(scale=2, min_width=300):
                        gr.Markdown("### Sources")
                        cite = CitationChoice(choices=[], label="Open a citation",
                                              elem_id="qw-cite")
                        card = gr.HTML("<p class='qw-card-meta'>Ask a question to see its sources.</p>",
                                       elem_id="qw-card")
                        with gr.Accordion("Read the whole article", open=False, elem_id="qw-full"):
                            article = gr.HTML("", elem_id="qw-article")
            with gr.Tab("Library", id="library") as library_tab:
                library = gr.HTML(library_html(qa.documents(), qa.data.manifest), elem_id="qw-library")
                if allow_upload:
                    library_files = Library(qa, demo.GRADIO_CACHE)
                    upload = gr.File(label="Add an article (.txt, .md or .html, up to 2 MB)",
                                     file_types=list(UPLOAD_TYPES), elem_id="qw-upload")
                    upload_status = gr.Markdown("")
        answers = gr.State([])
        # The chat as drawn, kept on the server: the Chatbot is never an event's input, since
        # Gradio reads a client's chat value as messages that may name a server file (a "file"
        # component message), which it then copied into its cache: any file under the working
        # or temporary folder, and error messages naming server paths
        chat_log = gr.State([])
        outputs = [box, chat, answers, notice, cite, card, article, status, chat_log]
        scroll = ("() => { setTimeout(() => { const m = document.querySelector('#qw-article-quote');"
                  " if (m) m.scrollIntoView({block: 'center'}); }, 150); }")
        send.click(respond, [box, chat_log, answers], outputs, api_visibility="private")
        box.submit(respond, [box, chat_log, answers], outputs, api_visibility="private")
        retry_btn.click(retry, [chat_log, answers], outputs, api_visibility="private")
        clear_btn.click(clear, None, outputs, api_visibility="private")
        cite.change(lambda ans, i: show_citation(ans[-1] if ans else {}, i), [answers, cite],
                    [card, article], api_visibility="private", js=None).then(
            None, None, None, js=scroll)
        chat.like(on_like, [answers], status, api_visibility="private")
        gr.api(ask_api, api_name="ask")
        # the index may change under a running server (`quotewise ingest`): the Library is
        # drawn afresh whenever it is opened and on every page load
        def current_library() -> str:
            return library_html(qa.documents(), qa.data.manifest)

        library_tab.select(current_library, None, library, api_visibility="private")
        demo.load(current_library, None, library, api_visibility="private")
        # ...and so are the header and the question box's prompt, which describe the articles
        demo.load(described, None, [heading, box], api_visibility="private")
        if allow_upload:
            def add_article(path):
                """Progress line first, then the outcome and the refreshed library table."""
                for message in library_files.add(path):
                    yield (library_html(qa.documents(), qa.data.manifest), message,
                           *described())

            upload.upload(add_article, upload, [library, upload_status, heading, box],
                          api_visibility="private")
    demo.queue(max_size=MAX_QUEUED_EVENTS)
    return demo


def _validation_message(exc) -> str:
    """One line for a request body that is not the documented JSON, naming the first bad field."""
    usage = 'send JSON like {"question": "...", "max_quotes": 5}'
    for err in exc.errors():
        field = ".".join(str(x) for x in err.get("loc", ()) if x != "body")
        if field:
            return f"{usage} ({field}: {err.get('msg', 'invalid')})"
    return usage


def build_server(qa, *, auth: tuple[str, str] | None = None, allow_upload: bool = False,
                 host: str = "127.0.0.1"):
    """A FastAPI app with ``POST /api/ask``, the MCP tools at ``/mcp`` (streamable HTTP; see
    `ui.mcp_server`) and the Gradio UI mounted at ``/``.

    `RequestGuard` checks the login, upload permission and body size before any body is parsed;
    every error of the JSON route is ``{"error": "..."}``.
    """
    from fastapi.exceptions import RequestValidationError
    from fastapi.responses import JSONResponse
    from starlette.exceptions import HTTPException

    from ingest.errors import QuotewiseError

    from contextlib import asynccontextmanager

    from ui.mcp_server import build_mcp, streamable_http_route

    mcp = build_mcp(qa, host=host)  # on loopback, /mcp also checks Host/Origin (DNS rebinding)
    mcp_route = streamable_http_route(mcp)

    @asynccontextmanager
    async def lifespan(_app):
        async with mcp.session_manager.run():  # a mounted MCP app's lifespan is not run for it
            yield

    app = FastAPI(title="Quotewise", description="Grounded answers made of verbatim, cited quotes.",
                  lifespan=lifespan)  # Gradio's mount wraps this lifespan, keeping it
    app.router.routes.append(mcp_route)  # before Gradio's catch-all mount

    @app.exception_handler(RequestValidationError)
    async def _invalid(request, exc: RequestValidationError):
        return JSONResponse({"error": _validation_message(exc)}, status_code=422)

    @app.exception_handler(HTTPException)
    async def _http_error(request, exc: HTTPException):
        # e.g. a body that is not UTF-8, or JSON nested too deeply to parse
        return JSONResponse({"error": str(exc.detail)}, status_code=exc.status_code,
                            headers=exc.headers)

    @app.post("/api/ask", summary="Answer a question with verbatim, cited quotes")
    def api_ask(req: AskRequest):
        if not req.question.strip():
            return JSONResponse({"error": "the question is blank"}, status_code=400)
        try:
            return qa.ask(req.question, max_quotes=req.max_quotes,
                          history=[t.model_dump() for t in req.history]).to_dict()
        except QuotewiseError as err:
            return JSONResponse({"error": str(err)}, status_code=400)

    demo = build_app(qa, allow_upload=allow_upload)
    own_routes = list(app.routes)  # everything but Gradio's mount, added next
    # no run history: its routes (/gradio_api/run-history/..., no login of Gradio's own) reach
    # the Hugging Face Hub with this machine's saved token for any client on loopback
    app = gr.mount_gradio_app(app, demo, path="", auth=auth, css=CSS, footer_links=["api"],
                              theme=gr.themes.Soft(), max_file_size=MAX_UPLOAD_BYTES,
                              auth_message=login_notice() if auth else None, run_history=False)
    gradio_app = next(route.app for route in app.routes
                      if isinstance(getattr(route, "app", None), gr.routes.App))
    # on loopback, only this machine's own pages and clients (no other site, no DNS rebinding);
    # with a login, the server's own routes need it: the API, /mcp and FastAPI's /docs, /redoc
    # and /openapi.json (which describe the API); Gradio's events, uploads and heartbeat need a
    # session of Gradio's own login; failed logins are limited per address.
    # Uploads wait in Gradio's cache until the Library adds them: the guard caps what waits.
    app.add_middleware(RequestGuard, auth=auth, allow_upload=allow_upload,
                       local_only=host in LOOPBACK, own_routes=own_routes,
                       upload_cache=demo.GRADIO_CACHE if allow_upload else None,
                       logged_in=lambda cookies: gradio_logged_in(gradio_app, cookies))
    # Gradio checks that an event's file path is an upload only once the app "has launched",
    # which mount_gradio_app never marks; without it a client-sent path is copied into the cache.
    demo.has_launched = True
    return app


def gradio_logged_in(gradio_app, cookies: Mapping[str, str]) -> bool:
    """Whether ``cookies`` hold a session of Gradio's own login on ``gradio_app`` (its
    ``gradio.routes.App``): a token its login form set, in either cookie it sets
    (``access-token-<id>``, or ``access-token-unsecure-<id>`` for plain HTTP), that Gradio
    still holds. Read as Gradio's own ``get_current_user`` reads it."""
    cookie_id = gradio_app.cookie_id
    names = (f"access-token-{cookie_id}", f"access-token-unsecure-{cookie_id}")
    return any(cookies.get(name) in gradio_app.tokens for name in names)


def check_port(host: str, port: int) -> None:
    """Refuse, with one line, a port out of range or one that cannot be bound on ``host``.

    Checked before anything slow starts: uvicorn would otherwise print its own error and exit
    after Quotewise said it was running.
    """
    from ingest.errors import InputError

    if not 1 <= port <= 65535:
        raise InputError(f"port {port} is not between 1 and 65535")
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except socket.gaierror:
        raise InputError(f"cannot listen on {host}: unknown host") from None
    with socket.socket(family, kind, proto) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds
        try:
            sock.bind(address)
        except OSError as err:
            if err.errno == errno.EADDRINUSE:
                raise InputError(f"port {port} on {host} is in use (choose another with --port)"
                                 ) from None
            raise InputError(f"cannot listen on {host}:{port} ({err.strerror})") from None


@dataclass
class ServerHandle:
    url: str
    server: object
    thread: threading.Thread

    def close(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


def uploads_allowed(host: str, auth) -> bool:
    """Anyone who can reach the page may add articles only on loopback or behind a login."""
    return host in LOOPBACK or auth is not None


def launch(qa, host: str = "127.0.0.1", port: int = 7860, *, auth=None,
           allow_upload: bool | None = None, trusted_proxies: Sequence[str] = ()) -> ServerHandle:
    """Start the server in a background thread (used by tests and `serve`)."""
    import uvicorn

    check_port(host, port)
    if allow_upload is None:
        allow_upload = uploads_allowed(host, auth)
    app = build_server(qa, auth=auth, allow_upload=allow_upload, host=host)
    config = uvicorn.Config(app, host=host, port=port, log_level="warning",
                            **proxy_settings(trusted_proxies))
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.time() + 30
    while not server.started and thread.is_alive() and time.time() < deadline:
        time.sleep(0.05)
    if not server.started:
        raise RuntimeError(f"the server did not start on {host}:{port}")
    return ServerHandle(f"http://{host}:{port}", server, thread)


def private_upload_cache() -> Path:
    """A folder of this server's own where Gradio keeps uploads until the Library adds them.

    Gradio's default, ``<tmp>/gradio``, is shared by every Gradio app on the machine and
    readable by its other users: their files would count towards `MAX_PENDING_UPLOAD_BYTES`,
    and they could read articles uploaded here. This folder is the owner's only (mode 0700)
    and removed when the server stops. A ``GRADIO_TEMP_DIR`` the operator set is kept.
    """
    chosen = os.environ.get("GRADIO_TEMP_DIR")
    if chosen:
        return Path(chosen)
    folder = Path(tempfile.mkdtemp(prefix="quotewise-uploads-"))
    os.environ["GRADIO_TEMP_DIR"] = str(folder)  # Gradio reads it wherever it caches a file
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


OPEN_FILES = 65536  # the descriptors `serve` asks for, as far as the hard limit allows


def more_open_files(wanted: int = OPEN_FILES) -> None:
    """Raise this process's soft limit on open files towards ``wanted`` (never past the hard
    limit): every connection holds a descriptor, idle ones too, and under the usual soft limit
    of 1,024 one client holding a thousand connections refused every other (twenty-first
    audit)."""
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if soft != resource.RLIM_INFINITY and soft < target:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
        except (ValueError, OSError):
            pass  # kept as it was


class AcceptFailures(logging.Filter):
    """asyncio's "socket.accept() out of system resource" (no descriptor left for a new
    connection), logged at most once per `ACCEPT_LOG_EVERY` seconds, in one line. asyncio logs
    it, with a traceback, once per connection waiting, and again at every retry: 106,000
    tracebacks, some 50 MB of log, in 40 s of a client holding connections (twenty-first
    audit)."""

    def __init__(self, every: float = 60.0):
        super().__init__()
        self.every, self.last = every, float("-inf")

    def filter(self, record: logging.LogRecord) -> bool:
        if not str(record.msg).startswith("socket.accept() out of system resource"):
            return True
        now = time.monotonic()
        if now - self.last < self.every:
            return False
        self.last = now
        record.msg, record.args = ("socket.accept() out of system resource: too many open "
                                   "connections; new ones wait until some close"), ()
        record.exc_info = record.exc_text = None
        return True


def quiet_accept_failures() -> None:
    """Install `AcceptFailures` (once) on asyncio's logger."""
    logger = logging.getLogger("asyncio")
    if not any(isinstance(f, AcceptFailures) for f in logger.filters):
        logger.addFilter(AcceptFailures())


def serve(*, host: str = "127.0.0.1", port: int = 7860, index_dir=None, share: bool = False) -> int:
    """`quotewise serve`: build the index if missing, then serve until interrupted."""
    from starlette.middleware import Middleware

    from assistant.api import Assistant
    from ingest.errors import InputError

    check_port(host, port)
    more_open_files()
    quiet_accept_failures()
    try:
        auth = parse_auth(os.environ.get("QUOTEWISE_AUTH"))
        trusted_proxies = parse_trusted_proxies(os.environ.get("QUOTEWISE_TRUSTED_PROXIES"))
    except ValueError as err:
        raise InputError(str(err)) from None
    qa = Assistant.load_or_build(index_dir, on_message=lambda m: print(m, flush=True))
    private_upload_cache()
    # stopped by SIGTERM (systemd, docker, kill) as by Ctrl-C: uvicorn shuts down, then raises
    # the signal again, whose default action ended the process without the exit handlers that
    # remove the upload folder
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(128 + signal.SIGTERM))
    if share:
        allow_upload = auth is not None
        demo = build_app(qa, allow_upload=allow_upload)
        guard = Middleware(RequestGuard, auth=auth, allow_upload=allow_upload,
                           upload_cache=demo.GRADIO_CACHE if allow_upload else None,
                           logged_in=lambda cookies: gradio_logged_in(demo.server_app, cookies))
        # Gradio runs its own uvicorn, which reads the believed proxies from the environment
        # (an empty list believes none)
        os.environ["FORWARDED_ALLOW_IPS"] = ",".join(trusted_proxies)
        print("Creating a public share link because --share was given.", flush=True)
        demo.launch(server_name=host, server_port=port, share=True, auth=auth, css=CSS,
                    max_file_size=MAX_UPLOAD_BYTES, app_kwargs={"middleware": [guard]},
                    auth_message=login_notice() if auth else None, run_history=False)
        return 0
    import uvicorn

    app = build_server(qa, auth=auth, allow_upload=uploads_allowed(host, auth), host=host)
    print(f"Quotewise is running on http://{host}:{port}  (JSON API: POST /api/ask, MCP: /mcp, "
          "docs: /docs)",
          flush=True)
    from ui.timeouts import SlowClientTimeouts

    # time limits on a client sending its request (uvicorn sets none): `ui.timeouts`
    uvicorn.run(app, host=host, port=port, log_level="warning", http=SlowClientTimeouts,
                **proxy_settings(trusted_proxies))
    return 0
