"""Load articles from files and folders into `Document`s.

Folders are walked recursively in sorted order; hidden files and folders are ignored. A file
that cannot be an article (empty, binary, not UTF-8, unsupported type, over 20 MB, unreadable,
a symlink leading out of the folder, a duplicate) is skipped with one warning line naming it.
Only a path that does not exist at all is an error.

An article's example questions come from the ``.questions.jsonl`` file beside it
(`ingest.examples`); a bad line there is skipped with a warning, like a bad file.

An HTML page's ``<h1>``-``<h6>`` and a Markdown file's ``#`` lines are passed to
`ingest.structure.detect_structure` as the article's headings, and the first, at level 1, is
its title (over a skip link or a banner above it; an HTML page's ``<title>`` still wins). A
title is one line of at most 300 characters (`MAX_TITLE_CHARS`), cut at a word.

``doc_id`` is the path relative to the ingested folder without extension
(``data/articles/000_x.txt`` from ``data/articles`` -> ``000_x``), or a named file's stem.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path

from ingest.errors import InputError
from ingest.examples import OUT_OF_SCOPE, article_stem, is_sidecar, parse_examples, sidecar_for
from ingest.files import read_file
from ingest.html import read_html
from ingest.markdown import emphasized_lines, front_matter, headings, is_markdown, visible
from ingest.metadata import extract_metadata
from ingest.model import Document
from ingest.profile import CORPUS_FILES
from ingest.sentences import min_sentences
from ingest.structure import detect_structure, marked_headings

SUPPORTED = {".txt": "text", ".md": "text", ".markdown": "text", ".html": "html", ".htm": "html"}
MAX_BYTES = 20 * 1024 * 1024


def load_paths(paths: Iterable[str | os.PathLike], *, known: Mapping[str, Document] | None = None,
               max_rows: int | None = None) -> tuple[list[Document], list[str]]:
    """Every article under ``paths`` (files or folders), and one warning line per skipped file.

    ``known``: documents already read, by source (an index's, `index.build.build_index`): a file
    whose source, id and bytes are one's is not parsed again, only its example questions are
    read afresh. An index keeps such a document as it holds it anyway, and parsing is most of
    ingest's time (a Library upload parsed every earlier upload again: 13 s per 1.9 MB of prose).

    ``max_rows``: a file whose text is surely more sentences than this (`min_sentences`) is
    skipped before it is parsed, "cut into too many pieces to index (at least N …)" (the
    Library's probe of an upload: 2 MB of short lines took two minutes to parse, to be refused).

    >>> docs, warnings = load_paths(["data/articles"])  # doctest: +SKIP
    """
    docs: list[Document] = []
    warnings: list[str] = []
    by_sha: dict[str, str] = {}  # sha256 -> source of the first file with those bytes
    by_id: dict[str, str] = {}  # doc_id -> source
    for p in paths:
        root = Path(p)
        if not root.exists():
            raise InputError(f"no such file or folder: {p}")
        found = _walk(root) if root.is_dir() else [(root, Path(root.name), None)]
        articles = {(f.parent, f.stem) for f, _, _ in found if not is_sidecar(f)}
        for file, rel, problem in found:
            source = file.as_posix()
            if file.name in CORPUS_FILES and file.parent == root:  # read by the index build
                continue
            if is_sidecar(file):
                if file.name == OUT_OF_SCOPE:  # read by the index build, not an article's
                    continue
                if (file.parent, article_stem(file)) not in articles:
                    warnings.append(f"skipped {source}: example questions are read with their "
                                    f"article ({article_stem(file)}.*), which is not being ingested")
                continue
            data = problem or _read(file, within=root if root.is_dir() else None)
            if isinstance(data, bytes):
                sha = hashlib.sha256(data).hexdigest()
                result = (f"duplicate of {by_sha[sha]}" if sha in by_sha
                          else _known(known, source, rel, sha) or _parse(rel, data, max_rows))
            else:
                result = data
            if isinstance(result, Document):
                if result.doc_id in by_id:
                    result = f"same id {result.doc_id!r} as {by_id[result.doc_id]}"
                else:
                    result.source, result.sha256 = source, sha
            if isinstance(result, str):
                warnings.append(f"skipped {source}: {result}")
                continue
            by_sha[sha] = by_id[result.doc_id] = source
            _attach_examples(result, file, warnings, root if root.is_dir() else root.parent)
            docs.append(result)
    return docs, warnings


def _known(known: Mapping[str, Document] | None, source: str, rel: Path,
           sha: str) -> Document | None:
    """A copy of the document ``known`` holds for this very file (same source, id and bytes),
    without its example questions (read again from the sidecar as it is now); else None."""
    prev = (known or {}).get(source)
    if prev is None or prev.sha256 != sha or prev.doc_id != rel.with_suffix("").as_posix():
        return None
    return replace(prev, examples=[], examples_sha256="")


def _attach_examples(doc: Document, article: Path, warnings: list[str], root: Path) -> None:
    """Read the article's example questions, if it has a sidecar file (inside ``root``, the
    folder being ingested: a link out of it is not read)."""
    sidecar = sidecar_for(article)
    if not (sidecar.is_file() or sidecar.is_symlink()):
        return
    data = _read(sidecar, sidecar=True, within=root)
    if isinstance(data, str):
        warnings.append(f"skipped {sidecar.as_posix()}: {data}")
        return
    doc.examples, doc.examples_sha256, problems = parse_examples(data, doc.text)
    if problems:
        warnings.append(
            f"{sidecar.as_posix()}: {len(problems)} problem(s), first {problems[0]}; "
            f"{len(doc.examples)} example questions kept"
        )


def _walk(root: Path) -> list[tuple[Path, Path, str | None]]:
    """(file, path relative to ``root``, reason to skip or None) in sorted order.

    Symlinked folders are not followed (no loops); a symlink resolving outside ``root`` is
    reported rather than read.
    """
    inside = root.resolve()
    found: list[tuple[Path, Path, str | None]] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in dirs + files:
            path = Path(folder) / name
            is_file = name in files
            if name.startswith(".") or not (is_file or path.is_symlink()):
                continue
            outside = path.is_symlink() and not path.resolve().is_relative_to(inside)
            if not is_file and not outside:
                continue  # a symlinked folder inside the tree: its files are walked anyway
            problem = f"symlink points outside {root.as_posix()}" if outside else None
            found.append((path, path.relative_to(root), problem))
    return sorted(found, key=lambda f: f[1].parts)


def _read(file: Path, *, sidecar: bool = False, within: Path | None = None) -> bytes | str:
    """The bytes of a supported file, or the reason (a few words) it is skipped
    (`ingest.files.read_file`: a regular file, inside ``within``)."""
    if not sidecar and file.suffix.lower() not in SUPPORTED:
        return f"unsupported file type {file.suffix or '(none)'!r} (use .txt, .md or .html)"
    return read_file(file, MAX_BYTES, within=within)


def _parse(rel: Path, data: bytes, max_rows: int | None = None) -> Document | str:
    """The Document in ``data`` (``source`` and ``sha256`` left for the caller), or why not
    (more than ``max_rows`` sentences for sure: see `load_paths`)."""
    if b"\x00" in data:
        return "binary file"
    try:
        raw = data.decode("utf-8")
    except UnicodeDecodeError:
        return "not UTF-8 text"
    if not raw.replace("\ufeff", "").strip():
        return "empty file"
    marked: list[tuple[int, int, int]] | None = None  # the headings the markup marks
    if SUPPORTED[rel.suffix.lower()] == "html":
        try:
            text, meta, marked = read_html(raw)
        except AssertionError:  # Python's HTMLParser on a bad "<![" declaration
            return "not readable as HTML"
        if not text.strip():
            return "no visible text"
    else:
        # exactly what open(file, encoding="utf-8").read() returns: universal newlines
        text, meta = raw.replace("\r\n", "\n").replace("\r", "\n"), {}
    if max_rows is not None and (least := min_sentences(text, max_rows)) > max_rows:
        return too_many_pieces(least, max_rows, at_least=True)
    head = front_matter(text) if is_markdown(rel.name) else None
    skip = head[1] if head else 0  # the front matter is metadata: never quoted or searched
    if not text[skip:].strip():
        return "no text after its front matter"
    # offsets stay the file's: the front matter is blanked, not cut, for the structure rules
    body = re.sub(r"[^\n]", " ", text[:skip]) + text[skip:]
    if is_markdown(rel.name):
        marked = headings(body)
        if head and head[0]["title"]:
            marked = _title_line(body, skip, head[0]["title"]) + marked
    emphasized = emphasized_lines(body) if is_markdown(rel.name) else []
    # ...and with the headings its markup marks, the sentences surely in it (2 MB of "Go. " on
    # one line took 18 s to parse, to be refused; twentieth audit)
    if max_rows is not None and (least := min_sentences(
            text, max_rows, [*((a, b) for a, b, _ in marked or ()), *emphasized])) > max_rows:
        return too_many_pieces(least, max_rows, at_least=True)
    found = extract_metadata(text[skip:])
    title = _marked_title(body, marked_headings(marked))
    if title and (is_markdown(rel.name) or not meta.get("title")):
        # a page's own "# Title" / <h1>, over a banner or a skip link above it
        found["title"] = title
    found.update({k: v for k, v in (head[0] if head else meta).items() if v})  # stated wins
    if found["title"] and is_markdown(rel.name):  # "# How to *really* sleep"
        found["title"] = visible(found["title"]).strip() or found["title"]
    sections, boilerplate = detect_structure(body, marked, emphasized)
    if skip:
        boilerplate = [(0, skip), *boilerplate]
    return Document(
        doc_id=rel.with_suffix("").as_posix(),
        source="",
        title=_cut_title(found["title"]),
        author=_cut_title(found["author"], MAX_AUTHOR_CHARS),
        date=found["date"],
        url=found["url"] if len(found["url"] or "") <= MAX_URL_CHARS else None,
        text=text,
        sections=sections,
        boilerplate=boilerplate,
    )


def too_many_pieces(rows: int, limit: int, *, at_least: bool = False) -> str:
    """Why an upload of ``rows`` rows is refused (`load_paths`' ``max_rows``, the Library)."""
    return (f"cut into too many pieces to index ({'at least ' if at_least else ''}{rows:,} "
            f"sentences, passages and headings; an upload may have {limit:,}, and 2 MB of prose "
            f"has about 30,000)")


_TITLE_LINES = 40  # a page's own title is among its first lines
# a title is shown with every answer quoting its article: a longer one (a page's <title>, front
# matter's "title:") is cut at a word, with "…"
MAX_TITLE_CHARS = 300
# ...and so is its author (front matter's "author:", a page's <meta name="author">), cut the same
# way: a 1.9 MB author made a 60-byte question's answer 3.8 MB, and the Library table every page
# load draws as large (sixteenth audit). An address longer than this is no article's address.
MAX_AUTHOR_CHARS = 200
MAX_URL_CHARS = 2048


def _marked_title(text: str, marked: list[tuple[int, int, int]]) -> str | None:
    """The text of the first heading the markup marks, when it is a level-1 one (a Markdown
    ``# Title``, an HTML ``<h1>``) among the first lines, without its ``#`` marks."""
    if not marked or marked[0][2] != 1 or text.count("\n", 0, marked[0][0]) >= _TITLE_LINES:
        return None
    a, b, _ = marked[0]
    return " ".join(re.sub(r"^#{1,6}\s+", "", text[a:b]).split()) or None


# the first line of a text, a paragraph of its own (a blank line or the text's end after it);
# runs of spaces are taken whole (possessive): tried every way, a line of 1,000 spaces, "a",
# 1,000 spaces and "b" under a front matter's title took 46 s to read, and 2,000 of each some
# minutes (twenty-third audit); whatever else the old pattern found was only spaces, no title
_FIRST_LINE = re.compile(rf"(?:[ \t]*+\n)*+[ \t]*+([^\n]{{1,{MAX_TITLE_CHARS}}}?)[ \t]*+"
                         r"(?:\n[ \t]*+\n|\n?[ \t]*+\Z)")


def _title_line(text: str, start: int, title: str) -> list[tuple[int, int, int]]:
    """The title printed again as the first line under the front matter that states it, a
    paragraph of its own ("title: Widowhood and Widowerhood" / "Widowhood and Widowerhood"): it
    is the article's heading, at level 1, as a ``# Title`` line would be; never a sentence."""
    m = _FIRST_LINE.match(text, start)
    if not m or " ".join(visible(m.group(1)).split()).casefold() != " ".join(
            title.split()).casefold():
        return []
    return [(m.start(1), m.end(1), 1)]


def _cut_title(title: str | None, limit: int = MAX_TITLE_CHARS) -> str | None:
    """``title`` on one line, cut at a word with "…" when it is longer than ``limit``
    (`MAX_TITLE_CHARS`; an author's `MAX_AUTHOR_CHARS`)."""
    title = " ".join((title or "").split())
    if len(title) > limit:
        cut = title.rfind(" ", 0, limit)
        title = title[:cut if cut > 0 else limit - 1] + "…"
    return title or None
