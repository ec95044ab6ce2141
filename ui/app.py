"""The Gradio web UI, thin over `assistant`: chat, citations you can open, feedback, library,
and two APIs (the named Gradio endpoint ``/ask`` and plain JSON ``POST /api/ask``)."""

from __future__ import annotations

import fcntl
import json
import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import gradio as gr
from fastapi import FastAPI, Request
from pydantic import BaseModel, Field

from ui.render import CSS, article_html, citation_html, library_html, notice_html

EXAMPLES = [
    "He checks my phone all the time — should I give him my passwords?",
    "Can a relationship survive without trust?",
    "My girlfriend's ex cheated on her and now she doesn't trust me",
    "I keep reassuring my husband but nothing changes",
    "Is couples therapy worth it for trust issues?",
]
MAX_UPLOAD_BYTES = 2 * 1024 * 1024
UPLOAD_TYPES = (".txt", ".md", ".html", ".htm")
LOOPBACK = ("127.0.0.1", "localhost", "::1")


def parse_auth(value: str | None) -> tuple[str, str] | None:
    """``QUOTEWISE_AUTH=user:password`` -> (user, password)."""
    if not value:
        return None
    user, sep, password = value.partition(":")
    if not sep or not user or not password:
        raise ValueError("QUOTEWISE_AUTH must look like user:password")
    return user, password


class FeedbackLog:
    """Appends one JSON line per rating beside the index; never rewrites earlier lines."""

    def __init__(self, path: Path):
        self.path = path
        self._lock = threading.Lock()

    def append(self, question: str, answer: dict, rating: str) -> dict:
        entry = {
            "time": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "question": question,
            "quotes": [f"{q['doc_id']}:{q['start']}-{q['end']}" for q in answer.get("quotes", [])],
            "abstained": bool(answer.get("abstained")),
            "rating": rating,
        }
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._lock, open(self.path, "a", encoding="utf-8") as f:
            fcntl.flock(f, fcntl.LOCK_EX)
            f.write(json.dumps(entry, ensure_ascii=False) + "\n")
            f.flush()
            fcntl.flock(f, fcntl.LOCK_UN)
        return entry


class AskRequest(BaseModel):
    """Body of ``POST /api/ask``."""

    question: str = Field(description="The question, in your own words")
    max_quotes: int = Field(5, ge=1, le=10, description="At most this many quotes")


def message_text(content) -> str:
    """Plain text of a chat message (Gradio 6 stores content as a list of typed parts)."""
    if isinstance(content, str):
        return content
    if isinstance(content, dict):
        return str(content.get("text", ""))
    if isinstance(content, (list, tuple)):
        return "".join(message_text(c) for c in content)
    return ""


def _error_answer(question: str, message: str) -> dict:
    return {"question": question, "abstained": True, "safety": False,
            "markdown": f"**{message}**", "quotes": [], "sources": [], "timings_ms": {},
            "error": message}


def build_app(qa, *, allow_upload: bool = False):
    """The Gradio Blocks app for an `Assistant`."""
    from ingest.errors import QuotewiseError

    feedback = FeedbackLog(Path(qa.index_root or ".quotewise/index") / "feedback.jsonl")

    def answer_for(question: str) -> dict:
        try:
            return qa.ask(question).to_dict()
        except QuotewiseError as err:
            return _error_answer(question, str(err))

    def citation_choices(answer: dict) -> list[tuple[str, int]]:
        return [(f"[{q['n']}] {q['section'] or 'Introduction'}", i)
                for i, q in enumerate(answer.get("quotes", []))]

    def show_citation(answer: dict, idx):
        quotes = (answer or {}).get("quotes", [])
        if idx is None or not quotes or not (0 <= int(idx) < len(quotes)):
            return "<p class='qw-card-meta'>Choose a citation to see where it comes from.</p>", ""
        q = quotes[int(idx)]
        doc = qa.document(q["doc_id"])
        return citation_html(doc, q), article_html(doc, q["start"], q["end"])

    def respond(question: str, history: list, answers: list):
        question = (question or "").strip()
        if not question:
            gr.Warning("Type a question about the articles first.")
            return (gr.update(), history, answers, gr.update(), gr.update(), gr.update(), gr.update(), "")
        answer = answer_for(question)
        history = history + [{"role": "user", "content": question},
                             {"role": "assistant", "content": answer["markdown"]}]
        answers = answers + [answer]
        first = 0 if answer["quotes"] else None
        card, article = show_citation(answer, first)
        return ("", history, answers, notice_html(answer),
                gr.update(choices=citation_choices(answer), value=first), card, article, "")

    def retry(history: list, answers: list):
        if len(history) < 2:
            return (gr.update(), history, answers, gr.update(), gr.update(), gr.update(), gr.update(), "")
        question = message_text(history[-2]["content"])
        return respond(question, history[:-2], answers[:-1])

    def clear():
        return ("", [], [], "", gr.update(choices=[], value=None),
                "<p class='qw-card-meta'>Ask a question to see its sources.</p>", "", "")

    def on_like(data: "gr.LikeData", history: list, answers: list):
        idx = data.index if isinstance(data.index, int) else data.index[0]
        answer_no = (idx - 1) // 2  # user, assistant, user, assistant, ...
        if not (0 <= answer_no < len(answers)):
            return ""
        rating = "up" if data.liked else "down"
        question = message_text(history[idx - 1]["content"]) if idx >= 1 else ""
        feedback.append(question, answers[answer_no], rating)
        return "Thanks — your feedback was saved."

    def ask_api(question: str) -> dict:
        """Answer a question with verbatim, cited quotes (the Answer JSON)."""
        return answer_for(question)

    with gr.Blocks(title="Quotewise") as demo:
        gr.Markdown("## Quotewise\nAdvice quoted word for word from the articles, with every "
                    "source one click away. When the articles don't cover something, it says so.")
        with gr.Tabs():
            with gr.Tab("Ask", id="ask"):
                with gr.Row(equal_height=False):
                    with gr.Column(scale=3, min_width=320):
                        notice = gr.HTML("", elem_id="qw-notice")
                        chat = gr.Chatbot(label="Answers", elem_id="qw-chat", height=460,
                                          feedback_options=("Like", "Dislike"))
                        with gr.Row():
                            box = gr.Textbox(placeholder="Ask about trust in your relationship…",
                                             show_label=False, scale=5, elem_id="qw-question",
                                             max_lines=4)
                            send = gr.Button("Ask", variant="primary", scale=1, elem_id="qw-ask")
                        with gr.Row():
                            retry_btn = gr.Button("Retry", size="sm", elem_id="qw-retry")
                            clear_btn = gr.Button("Clear", size="sm", elem_id="qw-clear")
                        status = gr.Markdown("", elem_id="qw-status")
                        gr.Examples(EXAMPLES, inputs=box, label="Try one of these")
                    with gr.Column(scale=2, min_width=300):
                        gr.Markdown("### Sources")
                        cite = gr.Radio(choices=[], label="Open a citation", elem_id="qw-cite")
                        card = gr.HTML("<p class='qw-card-meta'>Ask a question to see its sources.</p>",
                                       elem_id="qw-card")
                        with gr.Accordion("Read the whole article", open=False, elem_id="qw-full"):
                            article = gr.HTML("", elem_id="qw-article")
            with gr.Tab("Library", id="library"):
                library = gr.HTML(library_html(qa.documents(), qa.data.manifest), elem_id="qw-library")
                if allow_upload:
                    upload = gr.File(label="Add an article (.txt, .md or .html, up to 2 MB)",
                                     file_types=list(UPLOAD_TYPES), elem_id="qw-upload")
                    upload_status = gr.Markdown("")
        answers = gr.State([])
        outputs = [box, chat, answers, notice, cite, card, article, status]
        scroll = ("() => { setTimeout(() => { const m = document.querySelector('#qw-article-quote');"
                  " if (m) m.scrollIntoView({block: 'center'}); }, 150); }")
        send.click(respond, [box, chat, answers], outputs, api_visibility="private")
        box.submit(respond, [box, chat, answers], outputs, api_visibility="private")
        retry_btn.click(retry, [chat, answers], outputs, api_visibility="private")
        clear_btn.click(clear, None, outputs, api_visibility="private")
        cite.change(lambda ans, i: show_citation(ans[-1] if ans else {}, i), [answers, cite],
                    [card, article], api_visibility="private", js=None).then(
            None, None, None, js=scroll)
        chat.like(on_like, [chat, answers], status, api_visibility="private")
        gr.api(ask_api, api_name="ask")
        if allow_upload:
            def add_article(path):
                if not path:
                    return gr.update(), ""
                p = Path(path)
                if p.suffix.lower() not in UPLOAD_TYPES:
                    return gr.update(), "Only .txt, .md and .html articles can be added."
                if p.stat().st_size > MAX_UPLOAD_BYTES:
                    return gr.update(), "That file is larger than 2 MB."
                target = Path(qa.index_root) / "uploads"
                target.mkdir(parents=True, exist_ok=True)
                dest = target / os.path.basename(p.name)
                dest.write_bytes(p.read_bytes())
                try:
                    report = qa.ingest([str(target)])
                except QuotewiseError as err:
                    return gr.update(), f"Not added: {err}"
                msg = report.summary() + "".join(f"\n\n⚠️ {w}" for w in report.warnings)
                return library_html(qa.documents(), qa.data.manifest), msg

            upload.upload(add_article, upload, [library, upload_status], api_visibility="private")
    return demo


def build_server(qa, *, auth: tuple[str, str] | None = None, allow_upload: bool = False):
    """A FastAPI app with ``POST /api/ask`` and the Gradio UI mounted at ``/``."""
    from fastapi.exceptions import RequestValidationError
    from fastapi.responses import JSONResponse

    from ingest.errors import QuotewiseError

    app = FastAPI(title="Quotewise", description="Grounded answers made of verbatim, cited quotes.")

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError):
        return JSONResponse({"error": "send JSON like {\"question\": \"...\"}"}, status_code=422)

    def authorized(request: Request) -> bool:
        """With a login configured, the JSON route wants the same user:password (HTTP Basic)."""
        if auth is None:
            return True
        import base64
        import secrets

        header = request.headers.get("authorization", "")
        if not header.lower().startswith("basic "):
            return False
        try:
            user, _, password = base64.b64decode(header[6:]).decode().partition(":")
        except (ValueError, UnicodeDecodeError):
            return False
        return secrets.compare_digest(user, auth[0]) and secrets.compare_digest(password, auth[1])

    @app.post("/api/ask", summary="Answer a question with verbatim, cited quotes")
    def api_ask(req: AskRequest, request: Request):
        if not authorized(request):
            return JSONResponse({"error": "login required (HTTP Basic, the QUOTEWISE_AUTH user)"},
                                status_code=401, headers={"WWW-Authenticate": "Basic"})
        if not req.question.strip():
            return JSONResponse({"error": "the question is blank"}, status_code=400)
        try:
            return qa.ask(req.question, max_quotes=req.max_quotes).to_dict()
        except QuotewiseError as err:
            return JSONResponse({"error": str(err)}, status_code=400)

    demo = build_app(qa, allow_upload=allow_upload)
    return gr.mount_gradio_app(app, demo, path="", auth=auth, css=CSS,
                               footer_links=["api"], theme=gr.themes.Soft())


@dataclass
class ServerHandle:
    url: str
    server: object
    thread: threading.Thread

    def close(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


def launch(qa, host: str = "127.0.0.1", port: int = 7860, *, auth=None,
           allow_upload: bool | None = None) -> ServerHandle:
    """Start the server in a background thread (used by tests and `serve`)."""
    import uvicorn

    if allow_upload is None:
        allow_upload = host in LOOPBACK or auth is not None
    app = build_server(qa, auth=auth, allow_upload=allow_upload)
    config = uvicorn.Config(app, host=host, port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.time() + 30
    while not server.started and thread.is_alive() and time.time() < deadline:
        time.sleep(0.05)
    if not server.started:
        raise RuntimeError(f"the server did not start on {host}:{port}")
    return ServerHandle(f"http://{host}:{port}", server, thread)


def serve(*, host: str = "127.0.0.1", port: int = 7860, index_dir=None, share: bool = False) -> int:
    """`quotewise serve`: build the index if missing, then serve until interrupted."""
    from assistant.api import Assistant
    from ingest.errors import InputError

    try:
        auth = parse_auth(os.environ.get("QUOTEWISE_AUTH"))
    except ValueError as err:
        raise InputError(str(err)) from None
    qa = Assistant.load_or_build(index_dir, on_message=lambda m: print(m, flush=True))
    if share:
        demo = build_app(qa, allow_upload=auth is not None)
        print("Creating a public share link because --share was given.", flush=True)
        demo.launch(server_name=host, server_port=port, share=True, auth=auth, css=CSS)
        return 0
    import uvicorn

    allow_upload = host in LOOPBACK or auth is not None
    app = build_server(qa, auth=auth, allow_upload=allow_upload)
    print(f"Quotewise is running on http://{host}:{port}  (JSON API: POST /api/ask, docs: /docs)",
          flush=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")
    return 0
