"""Incremental, atomic, locked index builds.

``build_index(["data/articles"])`` loads the articles, re-embeds only documents whose sha256
changed (only the example questions when just their sidecar changed), fits the query adapter on
the example questions, and writes a new index version that becomes live in one atomic step. A
second ingest waits for the first (an exclusive lock on ``DIR/.lock``).
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import shutil
import sys
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from ingest import Chunk, Document, Sentence, chunk_sentences, load_paths, split_sentences
from ingest.examples import load_out_of_scope
from ingest.profile import PROFILE_FILE, TUNING_FILE, find_corpus_files
from ingest.errors import IndexIncompatibleError, IndexMissingError, InputError
from index.adapter import AdapterSettings, fit_adapter
from index.dense import build_dense
from index.embedder import (
    ENCODER_FILES,
    Embedder,
    SentenceTransformerEmbedder,
    encoder_damage,
    seal_encoder,
)
from index.lexical import BM25_SETTINGS, build_bm25
from index.queries import question_embedding_text
from index.store import (
    FORMAT_VERSION,
    IndexData,
    SectionRecord,
    collect_garbage,
    load_index,
    resolve_index_dir,
    write_version,
)

DEFAULT_CORPUS = "data/articles"
SPLITTER_VERSION = 43  # bump when sentence/chunk rules or what is embedded change: forces re-embedding


@dataclass
class BuildReport:
    """What an ingest changed; ``summary()`` is the line the CLI prints."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # indexed before, not in these paths, not pruned
    chunks: int = 0
    sentences: int = 0
    examples: int = 0  # example questions in the index
    out_of_scope: int = 0  # out-of-scope questions in the index
    out_of_scope_changed: bool = False
    corpus_files_changed: list[str] = field(default_factory=list)  # profile / tuning file
    embedded: int = 0  # texts embedded in this run
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)
    index_path: str = ""

    @property
    def documents(self) -> int:
        return len(self.added) + len(self.updated) + len(self.unchanged) + len(self.kept)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed or self.out_of_scope_changed
                    or self.corpus_files_changed)

    def summary(self) -> str:
        parts = [f"{len(self.added)} added", f"{len(self.updated)} updated",
                 f"{len(self.unchanged)} unchanged"]
        if self.removed:
            parts.append(f"{len(self.removed)} removed")
        if self.kept:
            parts.append(f"{len(self.kept)} kept (not in these paths; --prune drops them)")
        if self.out_of_scope_changed:
            parts.append("out-of-scope questions updated")
        parts += [f"{name} updated" for name in self.corpus_files_changed]
        noun = "document" if self.documents == 1 else "documents"
        extra = f", {self.examples} example questions" if self.examples else ""
        if self.out_of_scope:
            extra += f", {self.out_of_scope} out-of-scope questions"
        return f"{self.documents} {noun}: {', '.join(parts)}; {self.chunks} chunks{extra}"

    def to_dict(self) -> dict:
        return {
            "added": self.added, "updated": self.updated, "unchanged": self.unchanged,
            "removed": self.removed, "kept": self.kept, "documents": self.documents,
            "chunks": self.chunks, "sentences": self.sentences, "examples": self.examples,
            "out_of_scope": self.out_of_scope, "embedded": self.embedded,
            "seconds": round(self.seconds, 3), "warnings": self.warnings,
            "index": self.index_path,
        }


@contextlib.contextmanager
def index_lock(root: Path, *, on_wait: Callable[[str], None] | None = None):
    """Exclusive lock serialising ingests into ``root`` (released on exit, even on a crash)."""
    root.mkdir(parents=True, exist_ok=True)
    with open(root / ".lock", "a") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if on_wait:
                on_wait(f"waiting for another ingest into {root} to finish…")
            fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


@dataclass
class _DocRecords:
    doc: Document
    chunks: list[Chunk]
    sentences: list[Sentence]
    sections: list[SectionRecord]
    chunk_vecs: np.ndarray | None = None
    sent_vecs: np.ndarray | None = None
    section_vecs: np.ndarray | None = None
    example_vecs: np.ndarray | None = None


def section_records(doc: Document) -> list[SectionRecord]:
    from ingest import section_display

    return [
        SectionRecord(doc.doc_id, section_display(s.heading), s.kind, s.start, s.end, s.heading_end)
        for s in doc.sections
    ]


def chunk_embedding_text(chunk: Chunk, kind: str) -> str:
    """A chunk is embedded with its heading ("embed a heading together with its paragraph"),
    except under the article title, which every question would match."""
    if chunk.section and kind not in ("title", "intro"):
        return f"{chunk.section}\n{chunk.text}"
    return chunk.text


def section_embedding_text(rec: SectionRecord, doc: Document) -> str:
    return rec.heading or (doc.title or "")


def _process(doc: Document, embedder: Embedder, max_tokens: int, overlap: int) -> _DocRecords:
    sents = split_sentences(doc)
    chunks = chunk_sentences(
        doc, sents, count_tokens=embedder.count_tokens, max_tokens=max_tokens, overlap=overlap
    )
    return _DocRecords(doc, chunks, sents, section_records(doc))


def _rows_by_doc(old: IndexData) -> dict[tuple[str, str], list[int] | int]:
    """Where each document's rows are in ``old``: ``("chunks" | "sentences" | "sections",
    doc_id)`` -> row numbers, ``("examples", doc_id)`` -> its first example vector. Found once
    per index and kept on it: each unchanged article looked its rows up by a scan of every row,
    so an upload cost O(articles x rows) (400 uploads of 20 KB: 29 s of each 77 s upload, four
    times as long for twice the articles; seventeenth audit)."""
    rows = old.__dict__.get("_rows_by_doc")
    if rows is None:
        rows = {}
        for name in ("chunks", "sentences", "sections"):
            for i, item in enumerate(getattr(old, name)):
                rows.setdefault((name, item.doc_id), []).append(i)
        start = 0
        for d in old.documents.values():
            rows[("examples", d.doc_id)] = start
            start += len(d.examples)
        old.__dict__["_rows_by_doc"] = rows
    return rows


def _reuse(old: IndexData, doc_id: str, doc: Document | None = None) -> _DocRecords:
    """The records of ``doc_id`` from the old index. With ``doc`` (same text, new example
    questions) the examples come from ``doc`` and are left to be embedded."""
    rows = _rows_by_doc(old)
    ci, si, hi = (rows.get((name, doc_id), []) for name in ("chunks", "sentences", "sections"))
    start = rows[("examples", doc_id)]
    examples = old.example_vecs[start : start + len(old.documents[doc_id].examples)]
    return _DocRecords(
        doc or old.documents[doc_id],
        [old.chunks[i] for i in ci],
        [old.sentences[i] for i in si],
        [old.sections[i] for i in hi],
        old.chunk_vecs[ci],
        old.sent_vecs[si],
        old.section_vecs[hi],
        None if doc is not None else examples,
    )


def _progress_bar(total: int, enabled: bool | None):
    if enabled is None:
        enabled = sys.stderr.isatty()
    if not enabled or total == 0:
        return None
    from tqdm import tqdm

    return tqdm(total=total, desc="embedding", unit="text", file=sys.stderr, leave=False)


def encoder_cache_dir(embedder: SentenceTransformerEmbedder) -> Path:
    """Per-machine cache of ONNX exports, keyed by the model files (not by the corpus): the
    export is made once per model, and every new index copies it."""
    base = Path(os.environ.get("QUOTEWISE_CACHE") or Path.home() / ".cache" / "quotewise")
    h = hashlib.sha256(str(embedder.path.resolve()).encode())
    for f in sorted(embedder.path.glob("*.json")) + sorted(embedder.path.glob("*.safetensors")):
        st = f.stat()
        h.update(f"{f.name}:{st.st_size}:{st.st_mtime_ns}".encode())
    return base / "encoders" / h.hexdigest()[:16]


def _replace_dir(target: Path, fill: Callable[[Path], None]) -> None:
    """Make ``target`` anew: ``fill`` a sibling ``tmp-*`` directory, then swap it in (a crash
    leaves the old ``target`` or a stray ``tmp-*``, never a half-filled ``target``)."""
    tmp = target.with_name(f"tmp-{target.name}-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        fill(tmp)
        shutil.rmtree(target, ignore_errors=True)
        os.rename(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _export_to(target: Path, embedder: SentenceTransformerEmbedder) -> None:
    """Export the model to ONNX in ``target``, sealed with its checksums."""
    def export(tmp: Path) -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            embedder.export_onnx(tmp)
        seal_encoder(tmp)

    _replace_dir(target, export)


def _copy_encoder(cache: Path, tmp: Path) -> None:
    """Copy the cached export, byte for byte and checked. Never a hard link: a shared inode
    let damage to one index's encoder reach every other index and the cache."""
    tmp.mkdir()
    for name in ENCODER_FILES + ("manifest.json",):
        shutil.copyfile(cache / name, tmp / name)
    problem = encoder_damage(tmp)
    if problem:
        raise OSError(problem)


def ensure_encoder(root: Path, embedder: Embedder) -> Path | None:
    """Put a verified ONNX query encoder beside the index (the fast, torch-free query path).

    An encoder whose files match its manifest is kept; a missing or damaged one is copied again
    from the per-machine cache, which is itself re-exported first when damaged. So any ingest,
    even one that changes no document, repairs the encoder.
    """
    if not isinstance(embedder, SentenceTransformerEmbedder):
        return None
    target = root / "encoder"
    if encoder_damage(target) is None:
        return target
    cache = encoder_cache_dir(embedder)
    try:
        if encoder_damage(cache) is not None:
            cache.parent.mkdir(parents=True, exist_ok=True)
            _export_to(cache, embedder)
        _replace_dir(target, lambda tmp: _copy_encoder(cache, tmp))
    except OSError:  # no writable cache (or a bad copy): export straight into the index
        _export_to(target, embedder)
    return target


def build_index(
    paths: Sequence[str | os.PathLike] | None = None,
    index_dir: str | os.PathLike | None = None,
    *,
    embedder: Embedder | None = None,
    prune: bool = False,
    max_tokens: int = 200,
    overlap: int = 1,
    progress: bool | None = None,
    on_message: Callable[[str], None] | None = None,
    export_encoder: bool = True,
) -> BuildReport:
    """Ingest ``paths`` (default ``data/articles``) into the index at ``index_dir``."""
    t0 = time.perf_counter()
    root = resolve_index_dir(index_dir)
    embedder = embedder or SentenceTransformerEmbedder()
    paths = list(paths) if paths else [DEFAULT_CORPUS]
    report = BuildReport(index_path=str(root))
    settings = {"max_tokens": max_tokens, "overlap": overlap, "splitter": SPLITTER_VERSION}

    with index_lock(root, on_wait=on_message):
        old: IndexData | None = None
        try:
            old = load_index(root, model_id=embedder.model_id, dim=embedder.dim)
        except IndexMissingError:
            pass
        except IndexIncompatibleError as err:  # damaged too, with no healthy previous version
            report.warnings.append(f"{err} — rebuilding it from scratch")
        if old is not None and old.extra.get("warning"):
            report.warnings.append(f"{old.extra['warning']} — this ingest writes a new version")
        # vectors can be reused only if they were cut and embedded the same way
        reusable = old is not None and old.manifest.get("chunker") == settings
        if old is not None and not reusable:
            report.warnings.append("chunker settings changed: re-embedding every document")

        # an unchanged file is kept as the index holds it: not parsed again (each Library
        # upload parsed the whole library, up to 100 MB, under this lock); after a change of
        # the splitter (`SPLITTER_VERSION`) every file is read anew by the rules as they are
        docs, load_warnings = load_paths(paths, known={d.source: d for d in old.documents.values()}
                                         if reusable else None)
        report.warnings.extend(load_warnings)

        records: dict[str, _DocRecords] = {}
        todo: list[_DocRecords] = []

        def process(doc: Document) -> bool:
            """Cut and queue ``doc``; False (with a warning) when it has nothing to quote."""
            rec = _process(doc, embedder, max_tokens, overlap)
            if not rec.chunks:
                report.warnings.append(f"skipped {doc.source}: no text to quote in it (only a "
                                       "title, headings or a page's clutter)")
                return False
            records[doc.doc_id] = rec
            todo.append(rec)
            return True

        old_docs = old.documents if old else {}
        for doc in docs:
            prev = old_docs.get(doc.doc_id)
            if prev is not None and prev.sha256 == doc.sha256 and prev.source == doc.source:
                if prev.examples_sha256 != doc.examples_sha256:  # only the sidecar changed
                    if reusable:
                        records[doc.doc_id] = rec = _reuse(old, doc.doc_id, doc)
                        todo.append(rec)
                        report.updated.append(doc.doc_id)
                    elif process(doc):
                        report.updated.append(doc.doc_id)
                elif reusable:
                    records[doc.doc_id] = _reuse(old, doc.doc_id)
                    report.unchanged.append(doc.doc_id)
                elif process(prev):
                    report.unchanged.append(doc.doc_id)
            elif process(doc):
                (report.updated if prev is not None else report.added).append(doc.doc_id)
        for doc_id, prev in old_docs.items():
            if doc_id in records:
                continue
            if prune:
                report.removed.append(doc_id)
                continue
            # not in these paths: kept, from the text the index already holds
            if reusable:
                records[doc_id] = _reuse(old, doc_id)
                report.kept.append(doc_id)
            elif process(prev):
                report.kept.append(doc_id)

        if not records:
            raise InputError(
                "nothing to index: no readable .txt, .md or .html article with text to quote in "
                + ", ".join(str(p) for p in paths)
            )

        if todo:
            _embed(todo, embedder, progress, report)
        outside = _out_of_scope(paths, old if reusable else None, embedder, prune, report)
        corpus_files = _corpus_files(paths, old, prune, report, records)

        if reusable and not report.changed and "warning" not in old.extra:
            # Nothing changed: keep the live version, skip the rewrite (unless it is damaged).
            report.chunks = len(old.chunks)
            report.sentences = len(old.sentences)
            report.examples = len(old.example_vecs)
            report.out_of_scope = len(old.outside)
            report.seconds = time.perf_counter() - t0
            if export_encoder:
                ensure_encoder(root, embedder)
            collect_garbage(root)  # stray tmp-* builds, and versions their readers have left
            return report

        ordered = [records[k] for k in sorted(records)]
        data = _assemble(ordered, embedder, settings)
        data.outside, data.outside_vecs, sha = outside
        data.manifest["out_of_scope"] = {"questions": len(data.outside), "sha256": sha}
        data.manifest.update(corpus_files)
        report.out_of_scope = len(data.outside)
        report.chunks = len(data.chunks)
        report.sentences = len(data.sentences)
        report.examples = len(data.example_vecs)
        if export_encoder:
            encoder = ensure_encoder(root, embedder)
            if encoder is not None:
                data.manifest["encoder"] = encoder.name
        # keep the version actually read as PREVIOUS (not a damaged one CURRENT may name)
        write_version(root, data, previous=old.path.name if old and old.path != root else None)
    report.seconds = time.perf_counter() - t0
    return report


def _corpus_files(paths, old: IndexData | None, prune: bool, report: BuildReport,
                  records: dict) -> dict:
    """The manifest entries for the corpus profile and tuning file (`ingest.profile`): from
    the ingested folders, else what the old index had (dropped with ``prune``). A profile's
    safety anchors must be verbatim in their articles; others are dropped with a warning."""
    found = find_corpus_files(paths)
    before = (old.manifest.get("corpus_files") or {}) if old else {}
    out: dict = {"corpus_files": {}}
    for name, key in ((PROFILE_FILE, "profile"), (TUNING_FILE, "tuning")):
        value, sha, warnings = found.get(name, (None, "", []))
        report.warnings.extend(warnings)
        if value is None and old is not None and not (prune and name not in found):
            value, sha = old.manifest.get(key), before.get(name, "")  # kept as it was
        if key == "profile" and value:
            value = _checked_anchors(value, records, report)
        if value is not None:
            out[key], out["corpus_files"][name] = value, sha
        if old is not None and sha != before.get(name, ""):
            report.corpus_files_changed.append(name)
    return out


def _checked_anchors(profile: dict, records: dict, report: BuildReport) -> dict:
    kept = []
    for a in profile.get("safety_anchor", []):
        rec = records.get(a["doc_id"])
        if rec is not None and a["quote"] in rec.doc.text:
            kept.append(a)
        else:
            report.warnings.append(f"{PROFILE_FILE}: safety anchor not found verbatim in "
                                   f"{a['doc_id']!r}; it is left out")
    return dict(profile, safety_anchor=kept)


def _out_of_scope(paths, old: IndexData | None, embedder: Embedder, prune: bool,
                  report: BuildReport) -> tuple[list[str], np.ndarray, str]:
    """The out-of-scope questions for the new version, as (questions, vectors, sha256): from
    an ``out-of-scope.questions.jsonl`` in the ingested folders (re-embedded only when it
    changed), else the old index's (dropped with ``prune``)."""
    before = (old.manifest.get("out_of_scope") or {}).get("sha256", "") if old else ""
    kept = (old.outside, old.outside_vecs, before) if old else ([], None, "")
    found = load_out_of_scope(paths)
    if found is not None and not found[1]:  # there, but unreadable: keep what the index has
        report.warnings.extend(found[2])
        found = None
    if found is None:
        if prune and kept[0]:
            report.out_of_scope_changed = True
            kept = ([], None, "")
    else:
        questions, sha, warnings = found
        report.warnings.extend(warnings)
        if sha != before or old is None:
            vecs = embedder.embed([question_embedding_text(q) for q in questions])
            report.embedded += len(questions)
            report.out_of_scope_changed = old is not None and sha != before
            kept = (questions, vecs, sha)
    questions, vecs, sha = kept
    if vecs is None:
        vecs = np.zeros((0, embedder.dim), np.float32)
    return questions, vecs, sha


def _embed(todo: list[_DocRecords], embedder: Embedder, progress: bool | None, report: BuildReport):
    """Embed what each record lacks (everything, or only its example questions)."""
    texts: list[str] = []
    spans: list[tuple[_DocRecords, str, int, int]] = []
    for rec in todo:
        kinds = {s.heading: s.kind for s in rec.sections}
        for kind, items in (
            ("chunk", [chunk_embedding_text(c, kinds.get(c.section, "heading")) for c in rec.chunks]),
            # only quotable sentences are embedded: other rows keep a zero vector
            ("sent", [s.text for s in rec.sentences if s.quotable]),
            ("section", [section_embedding_text(s, rec.doc) for s in rec.sections]),
            # example questions are embedded exactly as a question asked at query time
            ("example", [question_embedding_text(e.question) for e in rec.doc.examples]),
        ):
            if getattr(rec, f"{kind}_vecs") is not None:
                continue
            spans.append((rec, kind, len(texts), len(texts) + len(items)))
            texts.extend(items)
    bar = _progress_bar(len(texts), progress)
    try:
        vecs = embedder.embed(texts, progress=bar.update if bar else None)
    finally:
        if bar:
            bar.close()
    report.embedded += len(texts)
    for rec, kind, a, b in spans:
        if kind == "sent":
            full = np.zeros((len(rec.sentences), embedder.dim), dtype=np.float32)
            full[[i for i, s in enumerate(rec.sentences) if s.quotable]] = vecs[a:b]
            rec.sent_vecs = full
        else:
            setattr(rec, f"{kind}_vecs", vecs[a:b])


def _assemble(ordered: list[_DocRecords], embedder: Embedder, settings: dict) -> IndexData:
    chunks = [c for r in ordered for c in r.chunks]
    sentences = [s for r in ordered for s in r.sentences]
    sections = [s for r in ordered for s in r.sections]
    dim = embedder.dim

    def stack(name: str) -> np.ndarray:
        parts = [getattr(r, name) for r in ordered if getattr(r, name) is not None and len(getattr(r, name))]
        return np.vstack(parts).astype(np.float32) if parts else np.zeros((0, dim), np.float32)

    chunk_vecs = stack("chunk_vecs")
    sent_vecs = stack("sent_vecs")
    kinds = {(s.doc_id, s.heading): s.kind for s in sections}
    bm25 = build_bm25(
        [chunk_embedding_text(c, kinds.get((c.doc_id, c.section), "heading")) for c in chunks]
    )
    manifest = {
        "format_version": FORMAT_VERSION,
        "model": {"id": embedder.model_id, "dim": dim},
        "chunker": settings,
        "lexical": dict(BM25_SETTINGS),
        "dense": {"engine": "faiss", "type": "flat" if len(chunks) else "empty"},
        "documents": [
            {"doc_id": r.doc.doc_id, "source": r.doc.source, "sha256": r.doc.sha256,
             "title": r.doc.title, "chunks": len(r.chunks)}
            for r in ordered
        ],
        "counts": {"documents": len(ordered), "chunks": len(chunks), "sentences": len(sentences)},
        "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }
    dense = build_dense(chunk_vecs)
    manifest["dense"]["type"] = type(dense).__name__
    data = IndexData(
        manifest=manifest,
        documents={r.doc.doc_id: r.doc for r in ordered},
        chunks=chunks,
        sentences=sentences,
        sections=sections,
        chunk_vecs=chunk_vecs,
        sent_vecs=sent_vecs,
        section_vecs=stack("section_vecs"),
        dense=dense,
        bm25=bm25,
        example_vecs=stack("example_vecs"),
    )
    data.adapter = fit_query_adapter(data)
    manifest["examples"] = {
        "questions": len(data.example_vecs),
        "adapter": AdapterSettings().to_dict() if data.adapter is not None else None,
    }
    return data


def fit_query_adapter(data: IndexData, settings: AdapterSettings | None = None) -> np.ndarray | None:
    """The query adapter for ``data``'s example questions against its quotable sentences."""
    quotable = [i for i, s in enumerate(data.sentences) if s.quotable]
    column = {r: j for j, r in enumerate(quotable)}
    positives = [[column[r] for r in rows] for rows in data.example_rows()]
    return fit_adapter(data.example_vecs, positives, data.sent_vecs[quotable], settings)
