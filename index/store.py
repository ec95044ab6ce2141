"""The on-disk index: a readable directory, swapped in atomically.

Layout of an index directory ``DIR`` (default ``.quotewise/index``)::

    DIR/CURRENT            name of the live version, replaced atomically (os.replace)
    DIR/PREVIOUS           name of the version before it (kept so a reader mid-load, or a
                           damaged current version, still has a whole index to use)
    DIR/v-<id>/            one complete version:
        manifest.json      format version, model id and dimension, chunker settings,
                           per-document doc_id and sha256, size and sha256 of every file
        documents.jsonl    Document records (canonical text, sections, boilerplate)
        chunks.jsonl       Chunk records          chunk_vecs.npy   their vectors
        sentences.jsonl    Sentence records       sent_vecs.npy    their vectors
        sections.jsonl     Section records        section_vecs.npy their heading vectors
        example_vecs.npy   vectors of the documents' example questions, in document order
        out_of_scope.jsonl questions the articles do not answer  outside_vecs.npy their vectors
        adapter.npy        query adapter fitted on the example questions (`index.adapter`);
                           absent when there are too few of them
        dense.faiss        FAISS inner-product index over chunk_vecs
        bm25/              bm25s index over section heading + chunk text
    DIR/encoder/           ONNX export of the model for the fast query path (shared)
    DIR/.lock              serialises ingests
    DIR/feedback.jsonl     UI feedback, appended

A version directory is written completely (files fsynced) before CURRENT points at it, so a
crash or SIGKILL mid-ingest leaves the previous version live; stray ``tmp-*`` directories are
removed by the next ingest.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from ingest.errors import IndexDamagedError, IndexIncompatibleError, IndexMissingError
from ingest.model import Chunk, Document, Sentence

FORMAT_VERSION = 1
DEFAULT_INDEX = Path(".quotewise/index")
VERIFY_HASH_LIMIT = 256 * 1024 * 1024  # hash-check files up to this size at load


def resolve_index_dir(index_dir: str | os.PathLike | None = None) -> Path:
    """``--index DIR``, else ``$QUOTEWISE_INDEX``, else ``.quotewise/index``."""
    if index_dir:
        return Path(index_dir)
    env = os.environ.get("QUOTEWISE_INDEX")
    return Path(env) if env else DEFAULT_INDEX


@dataclass(frozen=True)
class SectionRecord:
    """A section flattened for retrieval: ``heading`` is the display form."""

    doc_id: str
    heading: str
    kind: str
    start: int
    end: int
    heading_end: int

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class IndexData:
    """Everything a `Retriever` needs, in memory."""

    manifest: dict
    documents: dict[str, Document]
    chunks: list[Chunk]
    sentences: list[Sentence]
    sections: list[SectionRecord]
    chunk_vecs: np.ndarray
    sent_vecs: np.ndarray
    section_vecs: np.ndarray
    dense: object = None  # faiss.Index
    bm25: object = None  # bm25s.BM25
    path: Path | None = None
    extra: dict = field(default_factory=dict)
    example_vecs: np.ndarray | None = None  # one row per example question, documents in order
    adapter: np.ndarray | None = None  # (dim, dim) query adapter, or None
    outside: list[str] = field(default_factory=list)  # questions the articles do not answer
    outside_vecs: np.ndarray | None = None  # their vectors

    def __post_init__(self):
        dim = self.sent_vecs.shape[1] if self.sent_vecs.ndim == 2 else 0
        if self.example_vecs is None:
            self.example_vecs = np.zeros((0, dim), np.float32)
        if self.outside_vecs is None:
            self.outside_vecs = np.zeros((0, dim), np.float32)

    @property
    def model_id(self) -> str:
        return self.manifest["model"]["id"]

    def examples(self) -> list[tuple[str, str]]:
        """(doc_id, question) of every example question, in the order of ``example_vecs``."""
        return [(d.doc_id, e.question) for d in self.documents.values() for e in d.examples]

    def example_rows(self) -> list[list[int]]:
        """For each example question, the quotable sentence rows its quotes cover (a sentence
        counts when the overlap is at least half of the sentence or of the quote)."""
        by_doc: dict[str, list[int]] = {}
        for i, s in enumerate(self.sentences):
            if s.retrievable and not s.is_heading:
                by_doc.setdefault(s.doc_id, []).append(i)
        out = []
        for d in self.documents.values():
            rows = by_doc.get(d.doc_id, [])
            for e in d.examples:
                hit = []
                for a, b in e.spans:
                    for r in rows:
                        s = self.sentences[r]
                        overlap = min(s.end, b) - max(s.start, a)
                        if overlap > 0 and overlap >= 0.5 * min(s.end - s.start, b - a):
                            hit.append(r)
                out.append(sorted(set(hit)))
        return out


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _write_jsonl(path: Path, rows) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False))
            f.write("\n")


def _read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _fsync_tree(root: Path) -> None:
    for p in sorted(root.rglob("*")):
        if p.is_file():
            with open(p, "rb") as f:
                os.fsync(f.fileno())
    fd = os.open(root, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _atomic_write_text(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
    fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_version(root: Path, data: IndexData) -> Path:
    """Write ``data`` as a new version under ``root`` and make it current. Returns its path."""
    import faiss

    root.mkdir(parents=True, exist_ok=True)
    name = f"v-{time.strftime('%Y%m%d-%H%M%S')}-{uuid.uuid4().hex[:8]}"
    tmp = root / f"tmp-{name}"
    tmp.mkdir()
    try:
        _write_jsonl(tmp / "documents.jsonl", (d.to_dict() for d in data.documents.values()))
        _write_jsonl(tmp / "chunks.jsonl", (c.to_dict() for c in data.chunks))
        _write_jsonl(tmp / "sentences.jsonl", (s.to_dict() for s in data.sentences))
        _write_jsonl(tmp / "sections.jsonl", (s.to_dict() for s in data.sections))
        np.save(tmp / "chunk_vecs.npy", data.chunk_vecs.astype(np.float32))
        np.save(tmp / "sent_vecs.npy", data.sent_vecs.astype(np.float32))
        np.save(tmp / "section_vecs.npy", data.section_vecs.astype(np.float32))
        np.save(tmp / "example_vecs.npy", data.example_vecs.astype(np.float32))
        if data.adapter is not None:
            np.save(tmp / "adapter.npy", data.adapter.astype(np.float32))
        if data.outside:
            _write_jsonl(tmp / "out_of_scope.jsonl", ({"question": q} for q in data.outside))
            np.save(tmp / "outside_vecs.npy", data.outside_vecs.astype(np.float32))
        faiss.write_index(data.dense, str(tmp / "dense.faiss"))
        data.bm25.save(str(tmp / "bm25"))
        files = {}
        for p in sorted(tmp.rglob("*")):
            if p.is_file():
                files[p.relative_to(tmp).as_posix()] = {"size": p.stat().st_size, "sha256": _sha256(p)}
        manifest = dict(data.manifest, files=files)
        (tmp / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False))
        _fsync_tree(tmp)
        final = root / name
        os.rename(tmp, final)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    previous = current_version_name(root)
    if previous:
        _atomic_write_text(root / "PREVIOUS", previous + "\n")
    _atomic_write_text(root / "CURRENT", name + "\n")
    collect_garbage(root)
    return final


def current_version_name(root: Path) -> str | None:
    try:
        name = (root / "CURRENT").read_text().strip()
    except (FileNotFoundError, NotADirectoryError):
        return None
    return name or None


def collect_garbage(root: Path) -> None:
    """Remove versions other than CURRENT and PREVIOUS, and abandoned ``tmp-*`` builds."""
    keep = {current_version_name(root)}
    try:
        keep.add((root / "PREVIOUS").read_text().strip())
    except FileNotFoundError:
        pass
    for p in root.iterdir():
        if p.is_dir() and (p.name.startswith("tmp-") or p.name.startswith("v-")) and p.name not in keep:
            shutil.rmtree(p, ignore_errors=True)


def read_manifest(version_dir: Path) -> dict:
    try:
        return json.loads((version_dir / "manifest.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise IndexDamagedError(
            f"index at {version_dir} has no manifest.json; rebuild it with `quotewise ingest`"
        ) from None
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise IndexDamagedError(
            f"index manifest {version_dir / 'manifest.json'} is damaged; "
            "rebuild it with `quotewise ingest`"
        ) from None


def check_compatible(manifest: dict, *, model_id: str | None, dim: int | None, where: Path) -> None:
    """Refuse an index built with another format version, model or dimension."""
    fmt = manifest.get("format_version")
    if fmt != FORMAT_VERSION:
        raise IndexIncompatibleError(
            f"index at {where} has format version {fmt}, this Quotewise reads {FORMAT_VERSION}; "
            "re-ingest with `quotewise ingest`"
        )
    model = manifest.get("model") or {}
    if model_id and model.get("id") != model_id:
        raise IndexIncompatibleError(
            f"index at {where} was built with model {model.get('id')!r}, not {model_id!r}; "
            "re-ingest with `quotewise ingest`"
        )
    if dim and model.get("dim") != dim:
        raise IndexIncompatibleError(
            f"index at {where} has {model.get('dim')}-dimensional vectors, expected {dim}; "
            "re-ingest with `quotewise ingest`"
        )


def _verify_files(version_dir: Path, manifest: dict) -> None:
    for rel, info in manifest.get("files", {}).items():
        p = version_dir / rel
        try:
            size = p.stat().st_size
        except FileNotFoundError:
            raise IndexDamagedError(
                f"index file {p} is missing; rebuild the index with `quotewise ingest`"
            ) from None
        if size != info["size"] or (size <= VERIFY_HASH_LIMIT and _sha256(p) != info["sha256"]):
            raise IndexDamagedError(
                f"index file {p} is damaged (size or checksum mismatch); "
                "rebuild the index with `quotewise ingest`"
            )


def load_version(version_dir: Path, *, model_id: str | None = None, dim: int | None = None) -> IndexData:
    """Load one version, verifying the manifest, file sizes and checksums."""
    import bm25s
    import faiss

    manifest = read_manifest(version_dir)
    check_compatible(manifest, model_id=model_id, dim=dim, where=version_dir)
    _verify_files(version_dir, manifest)
    try:
        documents = {
            d["doc_id"]: Document.from_dict(d) for d in _read_jsonl(version_dir / "documents.jsonl")
        }
        chunks = [Chunk.from_dict(c) for c in _read_jsonl(version_dir / "chunks.jsonl")]
        sentences = [Sentence(**s) for s in _read_jsonl(version_dir / "sentences.jsonl")]
        sections = [SectionRecord(**s) for s in _read_jsonl(version_dir / "sections.jsonl")]
        data = IndexData(
            manifest=manifest,
            documents=documents,
            chunks=chunks,
            sentences=sentences,
            sections=sections,
            chunk_vecs=np.load(version_dir / "chunk_vecs.npy"),
            sent_vecs=np.load(version_dir / "sent_vecs.npy"),
            section_vecs=np.load(version_dir / "section_vecs.npy"),
            dense=faiss.read_index(str(version_dir / "dense.faiss")),
            bm25=bm25s.BM25.load(str(version_dir / "bm25")),
            path=version_dir,
            example_vecs=_load_optional(version_dir / "example_vecs.npy"),
            adapter=_load_optional(version_dir / "adapter.npy"),
            outside=([r["question"] for r in _read_jsonl(version_dir / "out_of_scope.jsonl")]
                     if (version_dir / "out_of_scope.jsonl").exists() else []),
            outside_vecs=_load_optional(version_dir / "outside_vecs.npy"),
        )
    except (OSError, ValueError, KeyError, TypeError, RuntimeError) as e:
        raise IndexDamagedError(
            f"index at {version_dir} could not be read ({type(e).__name__}); "
            "rebuild it with `quotewise ingest`"
        ) from None
    n = len(chunks)
    dim = data.sent_vecs.shape[1] if data.sent_vecs.ndim == 2 else 0
    if (data.chunk_vecs.shape[0] != n or data.dense.ntotal != n
            or len(sentences) != data.sent_vecs.shape[0]
            or len(data.example_vecs) != sum(len(d.examples) for d in documents.values())
            or len(data.outside_vecs) != len(data.outside)
            or (data.adapter is not None and data.adapter.shape != (dim, dim))):
        raise IndexDamagedError(
            f"index at {version_dir} is inconsistent; rebuild it with `quotewise ingest`"
        )
    return data


def _load_optional(path: Path) -> np.ndarray | None:
    """Files a version may lack (indexes written before example questions existed)."""
    return np.load(path) if path.exists() else None


def load_index(
    index_dir: str | os.PathLike | None = None, *, model_id: str | None = None, dim: int | None = None
) -> IndexData:
    """Load the live version of the index at ``index_dir``.

    A damaged live version falls back to the previous one (with ``extra["warning"]`` set); an
    incompatible model or format is refused with a message saying to re-ingest.
    """
    root = resolve_index_dir(index_dir)
    name = current_version_name(root)
    if name is None:
        if (root / "manifest.json").exists():  # a bare version directory
            return load_version(root, model_id=model_id, dim=dim)
        raise IndexMissingError(
            f"no index at {root}; build one with `quotewise ingest` (or pass --index DIR)"
        )
    try:
        return load_version(root / name, model_id=model_id, dim=dim)
    except IndexDamagedError as err:
        prev = (root / "PREVIOUS").read_text().strip() if (root / "PREVIOUS").exists() else ""
        if not prev or not (root / prev).is_dir():
            raise
        data = load_version(root / prev, model_id=model_id, dim=dim)
        data.extra["warning"] = f"{err}; answering from the previous index meanwhile"
        return data
