"""Adding an uploaded article to the index, safely.

Only a file Gradio itself received is read: a regular file (never a symlink) whose real path lies
inside Gradio's upload cache. Clients send the path of "their" upload in the event payload, so
without this check any file on the server could be copied into the index and quoted.

Uploads live in their own id namespace: the file is stored as ``<index>/library/uploads/<name>``
and the folder ``<index>/library`` is ingested, so its doc_id is ``uploads/<stem>`` and can never
replace a shipped article. Ingests run one at a time on a background thread, so the page that
asked gets a progress line at once and other requests are not held up.
"""

from __future__ import annotations

import os
import re
import stat
import tempfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from index.store import live_pointer
from ingest.errors import InputError, QuotewiseError
from ingest.chunking import chunk_sentences
from ingest.loaders import SUPPORTED, load_paths, too_many_pieces
from ingest.sentences import split_sentences

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
# Limits on all uploads together: the Library adds articles by hand, not in bulk. Room for
# hundreds (an article is typically a few KB to tens of KB), yet a user who may upload cannot
# fill the disk, and each upload, which reads the whole folder again (duplicate check,
# ingest), stays quick.
MAX_LIBRARY_FILES = 500
MAX_LIBRARY_BYTES = 100 * 1024 * 1024
# Rows an upload adds to the index: each sentence, passage and heading is a row of vectors,
# embedded at ingest and kept in memory and on disk. Prose has one per 70 characters or so
# (2 MB of the shipped articles' text: 28,000); a file of tiny lines ("Go. ", "## a" / "b")
# had one per 4 bytes: a 2 MB upload gave 500,000 rows, took 8 minutes to add with the test
# embedder (the real model embeds about 1,000 short texts a second, so 8 more), 2 GB of
# memory and 0.5 GB of index, and made every later upload as slow (seventeenth audit).
MAX_UPLOAD_ROWS = 50_000
UPLOAD_TYPES = tuple(SUPPORTED)  # what ingest reads: .txt, .md/.markdown, .html/.htm
# A plain file name: starts with a letter or digit, then letters, digits, space, . _ - ( ).
_SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ._()-]{0,119}")


def safe_upload_name(name: str) -> str:
    """``name`` if it is a plain, supported article file name; else a one-line InputError."""
    if not _SAFE_NAME.fullmatch(name) or name.endswith((" ", ".")) or ".." in name:
        raise InputError("use a plain file name (letters, digits, spaces, . _ - and brackets)")
    if Path(name).suffix.lower() not in UPLOAD_TYPES:
        raise InputError("only .txt, .md and .html articles can be added")
    return name


def _inside(path: str, folder: str) -> bool:
    return os.path.commonpath([path, folder]) == folder


def in_cache(path: str | os.PathLike, cache_dir: str | os.PathLike) -> bool:
    """Whether ``path``, where it really leads, lies in the upload cache ``cache_dir`` (a
    path holding a NUL names no file)."""
    try:
        return _inside(os.path.realpath(path), os.path.realpath(cache_dir))
    except ValueError:
        return False


def read_received_file(path: str | os.PathLike, cache_dir: str | os.PathLike) -> bytes:
    """The bytes of a file Gradio received into ``cache_dir``; refuses anything else.

    The real path must lie inside the cache (checked before touching the file), the entry itself
    must be a regular file, not a symlink (``lstat``), and it is opened with ``O_NOFOLLOW`` so a
    swap between the check and the read cannot redirect it.
    """
    if not in_cache(path, cache_dir):
        raise InputError("only a file uploaded through this page can be added")
    try:
        st = os.lstat(path)
    except OSError:
        raise InputError("that upload is gone; please add the file again") from None
    if not stat.S_ISREG(st.st_mode):
        raise InputError("only a file uploaded through this page can be added")
    if st.st_size > MAX_UPLOAD_BYTES:
        raise InputError(f"that file is larger than {MAX_UPLOAD_BYTES // 2**20} MB")
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:
        raise InputError("only a file uploaded through this page can be added") from None
    with os.fdopen(fd, "rb") as f:
        data = f.read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        raise InputError(f"that file is larger than {MAX_UPLOAD_BYTES // 2**20} MB")
    return data


def discard_received_file(path: str | os.PathLike, cache_dir: str | os.PathLike) -> None:
    """Delete an upload from Gradio's cache once handled (never anything outside the cache).

    Gradio keeps each upload in ``<cache>/<hash>/<name>``; the emptied hash folder goes too.
    A symlink is removed itself, never its target.
    """
    cache = os.path.realpath(cache_dir)
    entry = Path(path)
    parent = os.path.realpath(entry.parent)
    if not _inside(parent, cache):
        return
    try:
        os.unlink(Path(parent) / entry.name)
        if parent != cache:
            os.rmdir(parent)
    except OSError:
        pass  # already gone, or the folder holds another upload


class Library:
    """Adds uploaded articles to an `Assistant`'s index, one ingest at a time, off the request."""

    def __init__(self, qa, cache_dir: str | os.PathLike):
        self.qa = qa
        self.cache_dir = cache_dir
        self.root = Path(qa.index_root) / "library"
        self.uploads = self.root / "uploads"
        # one worker: ingests of the library folder never overlap, and a slow one never holds
        # the Gradio worker that asked, or any other request
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="quotewise-ingest")

    def add(self, path: str | os.PathLike | None) -> Iterator[str]:
        """Yield a progress line, then the outcome (one line, plus ingest warnings)."""
        if not path:
            return
        try:
            data = read_received_file(path, self.cache_dir)
            name = safe_upload_name(Path(path).name)
        except InputError as err:
            yield f"Not added: {err}"
            return
        finally:
            discard_received_file(path, self.cache_dir)
        yield f"Adding {name}… (indexing)"
        yield self._worker.submit(self._store_and_ingest, name, data).result()

    def _store_and_ingest(self, name: str, data: bytes) -> str:
        """Write the upload into the library folder and ingest that folder (worker thread).

        An upload that can't be an article (binary, empty, not UTF-8, no text), repeats
        another upload's text or would take the library past its limits is refused before
        anything is written: an earlier upload of the same name stays as it was, and no
        refused file lingers to be skipped, and warned about, on every later upload. Messages
        name files inside the library, never a server path."""
        self.uploads.mkdir(parents=True, exist_ok=True)
        problem = self._same_id(name) or self._ingested(name) or self._over_quota(name, data) \
            or _unreadable(name, data) or self._duplicate(name, data)
        if problem:
            return f"Not added: {name}: {problem}"
        target = self.uploads / name
        earlier = target.read_bytes() if target.is_file() else None
        before = live_pointer(Path(self.qa.index_root))
        target.write_bytes(data)
        try:
            report = self.qa.ingest([str(self.root)])
        except Exception as err:
            # The index is switched to a new version in one step, so a failed ingest (a full
            # disk, most likely) leaves it as it was; the library folder must be left so too,
            # or the file the message calls "not added" is indexed with the next upload, and
            # an update that failed shows its new text in the folder beside the old in answers.
            if live_pointer(Path(self.qa.index_root)) == before:
                if earlier is None:
                    target.unlink(missing_ok=True)
                else:
                    target.write_bytes(earlier)
            if isinstance(err, QuotewiseError):
                return f"Not added: {self._relative(str(err))}"
            if isinstance(err, OSError):
                return (f"Not added: {name}: the index could not be written "
                        f"({err.strerror or type(err).__name__}); it answers as before")
            raise
        doc_id = f"{self.uploads.name}/{Path(name).stem}"
        done = ("Added" if doc_id in report.added else "Updated" if doc_id in report.updated
                else "Already in the library, unchanged:")
        noun = "article" if report.documents == 1 else "articles"
        return self._relative(f"{done} {name}. The index now holds {report.documents} {noun} "
                              f"({report.chunks} passages); ask about it."
                              + "".join(f"\n\n⚠️ {w}" for w in report.warnings))

    def _over_quota(self, name: str, data: bytes) -> str | None:
        """Why storing ``data`` as ``name`` would take the uploads past their limits, or None.

        Checked on the worker, so two uploads at once cannot both take the last place; a new
        upload of an existing name replaces it, so only its new size counts."""
        others = [p for p in self.uploads.iterdir() if p.name != name and p.is_file()]
        if len(others) >= MAX_LIBRARY_FILES:
            return f"the library is full ({MAX_LIBRARY_FILES} uploaded files)"
        room = MAX_LIBRARY_BYTES - sum(p.stat().st_size for p in others)
        if len(data) > room:
            return (f"uploaded articles may take {_size(MAX_LIBRARY_BYTES)} in all, and "
                    f"{_size(max(room, 0))} is left (this file is {_size(len(data))})")
        return None

    def _same_id(self, name: str) -> str | None:
        """Another upload this one would share its doc_id with (``notes.txt`` and ``notes.md``
        are both ``uploads/notes``): the ingest would index one of them, by file order, in place
        of the other, and warn about the other on every later upload."""
        stem = Path(name).stem
        for other in sorted(self.uploads.iterdir()):
            if other.name != name and other.is_file() and other.stem == stem:
                return f"{other.name} is already uploads/{stem}; rename the file, or upload " \
                       f"{other.name} again to change it"
        return None

    def _ingested(self, name: str) -> str | None:
        """An article `quotewise ingest` brought in under this upload's doc_id: a corpus folder
        may hold a folder named ``uploads`` (``data/uploads/faq.txt`` is ``uploads/faq``), and
        the upload would replace that article in the index (sixteenth audit)."""
        doc = self.qa.data.documents.get(f"{self.uploads.name}/{Path(name).stem}")
        if doc is None or Path(doc.source).parent == self.uploads:
            return None
        return f"{doc.doc_id} is an article of the index's own; rename the file"

    def _duplicate(self, name: str, data: bytes) -> str | None:
        for other in sorted(self.uploads.iterdir()):
            if other.name != name and other.is_file() and other.stat().st_size == len(data) \
                    and other.read_bytes() == data:
                return f"the same text as {other.name}, already in the library"
        return None

    def _relative(self, text: str) -> str:
        return text.replace(self.root.as_posix() + "/", "")


def _size(n: int) -> str:
    """``n`` bytes for a message: 100 MB, 1.5 MB, 300 KB, 12 bytes."""
    for unit, scale in (("MB", 2**20), ("KB", 2**10)):
        if n >= scale:
            return f"{n / scale:.1f}".removesuffix(".0") + f" {unit}"
    return f"{n} bytes"


_SKIPPED = re.compile(r"skipped (?P<path>.+?): (?P<why>.+)$", re.DOTALL)


def _unreadable(name: str, data: bytes) -> str | None:
    """Why ``data`` can't be indexed as the article ``name``, or None (the loader's own checks,
    on a copy outside the library)."""
    with tempfile.TemporaryDirectory(prefix="quotewise-upload-") as folder:
        probe = Path(folder) / name
        probe.write_bytes(data)
        # (an upload surely over the row limit is refused before it is parsed: 2 MB of short
        # lines took two minutes to parse, to be refused after; nineteenth audit)
        docs, warnings = load_paths([probe], max_rows=MAX_UPLOAD_ROWS)
    skipped = [m["why"] for m in map(_SKIPPED.match, warnings) if m]
    if skipped:
        return skipped[0]
    # what the ingest would skip too, after the upload had been written over an earlier one of
    # its name (sixteenth audit: "Already in the library, unchanged", and that file was gone)
    if not docs:
        return None
    sentences = split_sentences(docs[0])
    chunks = chunk_sentences(docs[0], sentences)
    if not chunks:
        return "no text to quote in it (only a title, headings or a page's clutter)"
    rows = len(sentences) + len(chunks) + len(docs[0].sections)
    if rows > MAX_UPLOAD_ROWS:
        return too_many_pieces(rows, MAX_UPLOAD_ROWS)
    return None
