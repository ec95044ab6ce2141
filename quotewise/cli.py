"""`quotewise` command line: thin commands that parse, call the library and print.

Heavy imports happen inside each command, so `quotewise --help` is instant: it imports no
torch, Gradio or `eval` (the ``eval`` options are added only when that command is run). Every
`QuotewiseError` is printed as one line on stderr with exit code 2; no traceback reaches a user
(set QUOTEWISE_DEBUG=1 to see one).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys

# Control characters other than newline and tab: an article (an upload, an HTML page's "&#27;")
# may hold terminal escapes, which printed as they are would retitle, clear or rewrite the
# terminal showing them. Printed answers, passages, warnings and errors drop them; --json
# escapes them.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _printable(text: str) -> str:
    return _CONTROL.sub("", text)


def _json(obj) -> str:
    """``obj`` as JSON with every control character escaped: ``json.dumps`` escapes only those
    under U+0020 once non-ASCII text is kept as it is, and U+009B opens a terminal escape too."""
    text = json.dumps(obj, indent=2, ensure_ascii=False)
    return _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _add_index(p: argparse.ArgumentParser) -> None:
    p.add_argument("--index", metavar="DIR", default=None,
                   help="index directory (default: $QUOTEWISE_INDEX or .quotewise/index)")


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser; ``command`` names the subcommand being run, so that only its own options
    are loaded (``eval``'s come from the eval package)."""
    parser = argparse.ArgumentParser(
        prog="quotewise",
        description="Grounded answers from your articles: verbatim, cited quotes — or an honest "
        "'the articles don't cover this'.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("ingest", help="index articles (.txt, .md, .html); only changes are re-embedded")
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: data/articles)")
    _add_index(p)
    p.add_argument("--prune", action="store_true", help="drop indexed documents not found in PATHs")
    p.add_argument("--json", action="store_true", help="print the report as JSON")

    p = sub.add_parser("search", help="hybrid search: the best passages for a query")
    p.add_argument("query", metavar="QUERY")
    p.add_argument("--k", type=int, default=4, help="number of passages (default 4)")
    p.add_argument("--json", action="store_true", help="print a JSON list of hits")
    _add_index(p)

    p = sub.add_parser("ask", help="a grounded answer made of verbatim, cited quotes")
    p.add_argument("question", metavar="QUESTION")
    p.add_argument("--json", action="store_true", help="print the Answer JSON")
    p.add_argument("--max-quotes", type=int, default=None,
                   help="this many quotes chosen (default: the index's reading budget); "
                        "a list's lead-in or a warning that goes with one may come along")
    _add_index(p)

    p = sub.add_parser("chat", help="a conversation: follow-up questions answered in context")
    p.add_argument("--json", action="store_true", help="print each turn's Answer JSON")
    p.add_argument("--max-quotes", type=int, default=None,
                   help="this many quotes chosen a turn (default: the index's reading "
                        "budget); a list's lead-in or a warning that goes with one may come "
                        "along")
    _add_index(p)

    p = sub.add_parser("eval", help="batch evaluation: fidelity, hit rate, abstention, safety, retrieval")
    if command == "eval":
        from eval.cli import add_arguments

        add_arguments(p)
    _add_index(p)

    p = sub.add_parser("serve", help="serve the web UI (builds the index first if it is missing)")
    p.add_argument("--host", default="127.0.0.1", help="bind address (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=7860, help="port (default 7860)")
    p.add_argument("--share", action="store_true", help="create a public Gradio share link")
    _add_index(p)

    p = sub.add_parser("mcp", help="serve the search and ask tools over MCP (stdio) for AI clients")
    _add_index(p)
    return parser


def _progress_line(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def cmd_ingest(args) -> int:
    from index.build import build_index

    report = build_index(args.paths or None, args.index, prune=args.prune, on_message=_progress_line)
    for w in report.warnings:
        print(_printable(f"warning: {w}"), file=sys.stderr)
    if args.json:
        print(_json(report.to_dict()))
    else:
        took = f" in {report.seconds:.1f} s" if report.seconds >= 0.1 else ""
        print(_printable(f"{report.summary()}{took} → {report.index_path}"))
    return 0


def _load(args):
    from assistant.api import Assistant

    qa = Assistant.load(args.index)
    if qa.warning:
        print(_printable(f"warning: {qa.warning}"), file=sys.stderr)
    return qa


def cmd_search(args) -> int:
    from ingest.model import section_label, title_label

    qa = _load(args)
    hits = qa.search(args.query, k=args.k)
    if args.json:
        print(_json([qa.hit_dict(h) for h in hits]))
        return 0
    for i, h in enumerate(hits, 1):
        doc = qa.document(h.chunk.doc_id)
        print(_printable(f"[{i}] {h.score:.4f}  {title_label(doc.title, h.chunk.doc_id)} — "
                         f"{section_label(h.chunk.section)}  "
                         f"({doc.source}:{h.chunk.start}-{h.chunk.end})"))
        print("    " + _printable(" ".join(h.chunk.text.split())[:300]))
    return 0


def _show(answer, as_json: bool) -> None:
    """Print an answer: the Answer JSON, rendered Markdown on a terminal, or plain Markdown
    when piped."""
    if as_json:
        print(_json(answer.to_dict()), flush=True)
        return
    for n in answer.notices:
        print(_printable(f"note: {n}"), file=sys.stderr)
    if sys.stdout.isatty():
        from rich.console import Console
        from rich.markdown import Markdown

        Console().print(Markdown(_printable(answer.markdown)))
    else:  # piped into the asker's own files and tools: addresses as the article writes them
        from assistant.composer import as_piped

        print(_printable(as_piped(answer.markdown)), flush=True)


def cmd_ask(args) -> int:
    qa = _load(args)
    _show(qa.ask(args.question, max_quotes=args.max_quotes), args.json)
    return 0


def cmd_chat(args) -> int:
    """A conversation in the terminal: each line is a turn, answered in the light of the
    earlier ones. An empty line, "exit", Ctrl-D or Ctrl-C ends it."""
    from ingest.errors import InputError

    qa = _load(args)
    history: list[dict] = []
    prompt = "you> " if sys.stdin.isatty() else ""
    while True:
        try:
            line = input(prompt).strip()
        except EOFError:
            break
        if not line or line.lower() in ("exit", "quit"):
            break
        try:
            answer = qa.ask(line, max_quotes=args.max_quotes, history=history)
        except InputError as err:  # one bad turn does not end the conversation
            print(_printable(f"quotewise: {err}"), file=sys.stderr)
            continue
        _show(answer, args.json)
        history.append({"question": answer.question, "answer": answer.to_dict()})
    return 0


def cmd_eval(args) -> int:
    from eval.cli import run

    return run(args)


def cmd_serve(args) -> int:
    from ui.app import serve

    return serve(host=args.host, port=args.port, index_dir=args.index, share=args.share)


def cmd_mcp(args) -> int:
    from ui.mcp_server import run_stdio

    return run_stdio(args.index)


COMMANDS = {"ingest": cmd_ingest, "search": cmd_search, "ask": cmd_ask, "chat": cmd_chat,
            "eval": cmd_eval,
            "serve": cmd_serve, "mcp": cmd_mcp}


def _quotewise_error(err: BaseException) -> bool:
    """Whether ``err`` is a `QuotewiseError` (a message a person can act on). Asked only once
    something failed: importing ``ingest`` up front cost `quotewise mcp` 15 ms of start-up
    (45 ms without cached bytecode), and nothing raises one without having imported it."""
    errors = sys.modules.get("ingest.errors")
    return errors is not None and isinstance(err, errors.QuotewiseError)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser(next((a for a in argv if not a.startswith("-")), None))
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 2
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    try:
        return COMMANDS[args.command](args)
    except KeyboardInterrupt:
        print("quotewise: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # e.g. `quotewise ask … | head`
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as err:  # noqa: BLE001 - last line of defence: never a traceback
        if _quotewise_error(err):
            print(_printable(f"quotewise: error: {err}"), file=sys.stderr)
            return 2
        if os.environ.get("QUOTEWISE_DEBUG"):
            raise
        print(_printable(f"quotewise: unexpected error: {type(err).__name__}: {err} "
                         "(set QUOTEWISE_DEBUG=1 for details)"), file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
