"""Load articles from files and folders into `Document`s.

Each skipped file gets one warning line naming it; nothing is half-loaded. ``doc_id`` is the path
relative to the ingested folder without extension (``data/articles/000_x.txt`` -> ``000_x``).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Iterable

from ingest.errors import InputError
from ingest.html import html_to_text
from ingest.metadata import extract_metadata
from ingest.model import Document
from ingest.sentences import split_sentences
from ingest.structure import detect_structure

SUPPORTED = {".txt": "text", ".md": "text", ".markdown": "text", ".html": "html", ".htm": "html"}
MAX_BYTES = 20 * 1024 * 1024


def _candidates(path: Path) -> Iterable[tuple[Path, Path, bool]]:
    """(file, base folder, named explicitly) for every file under ``path``."""
    if path.is_dir():
        for root, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if not name.startswith("."):
                    yield Path(root) / name, path, False
    else:
        yield path, path.parent, True


def _posix(p: Path) -> str:
    return p.as_posix()


def load_file(file: Path, base: Path, data: bytes) -> Document | str:
    """A Document, or the reason (one line) the file is skipped."""
    kind = SUPPORTED.get(file.suffix.lower())
    if not data.strip():
        return "empty file"
    if b"\x00" in data[:8192]:
        return "binary file"
    try:
        raw = data.decode("utf-8")
    except UnicodeDecodeError:
        return "not UTF-8 text"
    rel = file.relative_to(base) if file != base else Path(file.name)
    doc_id = _posix(rel.with_suffix(""))
    if kind == "html":
        text, meta = html_to_text(raw)
    else:
        # exactly open(path, encoding="utf-8").read(): universal newlines
        text = raw.replace("\r\n", "\n").replace("\r", "\n")
        meta = {}
    if not text.strip():
        return "no text in the file"
    found = extract_metadata(text)
    for key, value in meta.items():
        if value and not found.get(key):
            found[key] = value
    sections, boilerplate = detect_structure(text, title=found.get("title"))
    doc = Document(
        doc_id=doc_id,
        source=_posix(file),
        title=found.get("title"),
        author=found.get("author"),
        date=found.get("date"),
        url=found.get("url"),
        text=text,
        sections=sections,
        sha256=hashlib.sha256(data).hexdigest(),
        boilerplate=boilerplate,
    )
    # sign-offs and comment/share prompts are found sentence by sentence
    extra = {(x.start, x.end) for x in split_sentences(doc) if not x.retrievable and not x.is_heading}
    doc.boilerplate = sorted(set(boilerplate) | extra)
    return doc


def load_paths(paths: Iterable[str | os.PathLike]) -> tuple[list[Document], list[str]]:
    """Load every supported article under ``paths``; returns (documents, warning lines)."""
    docs: list[Document] = []
    warnings: list[str] = []
    seen_sha: dict[str, str] = {}
    seen_ids: set[str] = set()
    for p in paths:
        path = Path(p)
        if not path.exists() and not path.is_symlink():
            raise InputError(f"no such file or folder: {p}")
        for file, base, explicit in _candidates(path):
            name = _posix(file)
            if file.suffix.lower() not in SUPPORTED:
                warnings.append(f"skipped {name}: unsupported file type (use .txt, .md or .html)")
                continue
            try:
                if file.is_symlink():
                    target = file.resolve()
                    if not explicit and not target.is_relative_to(base.resolve()):
                        warnings.append(f"skipped {name}: symlink points outside {_posix(base)}")
                        continue
                size = file.stat().st_size
                if size > MAX_BYTES:
                    warnings.append(f"skipped {name}: larger than {MAX_BYTES // (1024 * 1024)} MB")
                    continue
                with open(file, "rb") as f:
                    data = f.read(MAX_BYTES + 1)
            except PermissionError:
                warnings.append(f"skipped {name}: permission denied")
                continue
            except OSError as e:
                warnings.append(f"skipped {name}: unreadable ({e.strerror or type(e).__name__})")
                continue
            result = load_file(file, base, data)
            if isinstance(result, str):
                warnings.append(f"skipped {name}: {result}")
                continue
            if result.sha256 in seen_sha:
                warnings.append(f"skipped {name}: duplicate of {seen_sha[result.sha256]}")
                continue
            if result.doc_id in seen_ids:
                warnings.append(f"skipped {name}: another file already has id {result.doc_id!r}")
                continue
            seen_sha[result.sha256] = name
            seen_ids.add(result.doc_id)
            docs.append(result)
    return docs, warnings
