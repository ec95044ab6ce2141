"""The on-disk index: a readable directory, swapped in atomically.

Layout of an index directory ``DIR`` (default ``.quotewise/index``)::

    DIR/CURRENT            name of the live version, replaced atomically (os.replace)
    DIR/PREVIOUS           name of the version before it (kept so a reader mid-load, or a
                           damaged current version, still has a whole index to use)
    DIR/v-<id>/            one complete version (``v-YYYYmmdd-HHMMSS-<8 hex>``):
        manifest.json      format version, model id and dimension, chunker settings,
                           per-document doc_id and sha256, size and sha256 of every file
        .reader            lease file: every process holding this version loaded keeps a shared
                           flock on it (not listed in the manifest, never read)
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
    DIR/encoder/           ONNX export of the model for the fast query path (shared by the
                           versions; a private copy, never a link): model.onnx, tokenizer.json
                           and manifest.json with their sizes and sha256 (`index.build`)
    DIR/.lock              serialises ingests
    DIR/feedback.jsonl     UI feedback, appended

A version directory is written completely (files fsynced) before CURRENT points at it, so a
crash or SIGKILL mid-ingest leaves the previous version live; stray ``tmp-*`` directories are
removed by the next ingest.

Nothing is trusted on the way in: CURRENT and PREVIOUS must name a version directory directly
inside DIR, the manifest must have the shape above and list every file of its version, and
every listed file must match its size and checksum. Any failure is an `IndexDamagedError`, so
`load_index` answers from PREVIOUS (with a warning) and the next ingest rebuilds. A version a
live process still holds (its ``.reader`` lease) is never garbage-collected.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
import shutil
import stat
import time
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePosixPath

import numpy as np

from ingest.errors import IndexDamagedError, IndexIncompatibleError, IndexMissingError
from ingest.model import Chunk, Document, Sentence

FORMAT_VERSION = 1
DEFAULT_INDEX = Path(".quotewise/index")
VERIFY_HASH_LIMIT = 256 * 1024 * 1024  # hash-check files up to this size at load
VERSION_NAME = re.compile(r"v-\d{8}-\d{6}-[0-9a-f]{8}")  # what `write_version` names a version
LEASE = ".reader"  # per-version lease file (see the module docstring)
POINTER_MAX = 256  # bytes read from CURRENT/PREVIOUS: a version name is far shorter
REBUILD = "rebuild it with `quotewise ingest`"


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
    lease: "ReaderLease | None" = field(default=None, repr=False, compare=False)  # see load_version

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
            if s.quotable:
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


def write_version(root: Path, data: IndexData, *, previous: str | None = None) -> Path:
    """Write ``data`` as a new version under ``root`` and make it current. Returns its path.

    ``previous`` is the version to keep as PREVIOUS (the one the caller found healthy); by
    default the version CURRENT names, when it names one.
    """
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
        manifest = dict(data.manifest, files=file_checksums(tmp))
        (tmp / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False))
        (tmp / LEASE).touch()  # so readers of a read-only copy need not create it
        _fsync_tree(tmp)
        final = root / name
        os.rename(tmp, final)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    previous = previous or current_version_name(root)
    if previous:
        _atomic_write_text(root / "PREVIOUS", previous + "\n")
    _atomic_write_text(root / "CURRENT", name + "\n")
    collect_garbage(root)
    return final


def file_checksums(directory: Path) -> dict[str, dict]:
    """``{relative path: {"size", "sha256"}}`` of every file under ``directory`` (manifests)."""
    return {
        p.relative_to(directory).as_posix(): {"size": p.stat().st_size, "sha256": _sha256(p)}
        for p in sorted(directory.rglob("*")) if p.is_file()
    }


def damaged_files(directory: Path, files: dict) -> list[str]:
    """The entries of ``files`` (as made by `file_checksums`) that are missing, not regular
    files, or differ in size or (up to ``VERIFY_HASH_LIMIT``) checksum."""
    return [rel for rel, info in files.items() if not _file_matches(directory / rel, info)]


def _file_matches(path: Path, info: dict) -> bool:
    try:
        st = path.lstat()
        return stat.S_ISREG(st.st_mode) and st.st_size == info["size"] and (
            st.st_size > VERIFY_HASH_LIMIT or _sha256(path) == info["sha256"])
    except OSError:
        return False


# -- pointers and leases ----------------------------------------------------------------------
def read_pointer(root: Path, pointer: str = "CURRENT") -> str | None:
    """The version named by ``root/pointer`` (CURRENT or PREVIOUS), or None if there is no such
    file. Anything else than a name `write_version` makes, of a real directory right inside
    ``root``, is an `IndexDamagedError`: a pointer is never followed out of the index."""
    path = root / pointer
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError:
        raise _bad_pointer(path, root) from None
    try:
        raw = os.read(fd, POINTER_MAX)
    except OSError:
        raise _bad_pointer(path, root) from None
    finally:
        os.close(fd)
    name = raw.decode("ascii", "replace").strip()
    version = root / name
    if not VERSION_NAME.fullmatch(name) or version.is_symlink() or not version.is_dir():
        raise _bad_pointer(path, root)
    return name


def _bad_pointer(path: Path, root: Path) -> IndexDamagedError:
    return IndexDamagedError(
        f"index pointer {path} does not name a version in {root}; "
        "rebuild the index with `quotewise ingest`"
    )


def current_version_name(root: Path) -> str | None:
    """The live version's name, or None when there is none (no or damaged CURRENT)."""
    try:
        return read_pointer(root, "CURRENT")
    except IndexDamagedError:
        return None


def live_pointer(root: Path) -> bytes | None:
    """The raw content of ``root/CURRENT`` (a few bytes, one read): a cheap way for a running
    process to notice that an ingest switched versions."""
    try:
        with open(root / "CURRENT", "rb") as f:
            return f.read(POINTER_MAX)
    except OSError:
        return None


class ReaderLease:
    """A shared flock on ``<version>/.reader``, held while a process has that version loaded.

    `collect_garbage` deletes a version only when it gets the exclusive lock, so no version is
    removed under a live reader. Released by `release` or when the `IndexData` holding it is
    freed (and by the kernel when the process dies). Best effort on a read-only index.
    """

    def __init__(self, version_dir: Path):
        self.fd: int | None = None
        fd = _open_lease(version_dir, create=True)
        if fd is None:
            return
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except OSError:  # an ingest is deleting this version right now
            os.close(fd)
            raise IndexDamagedError(
                f"index version {version_dir} was just replaced; run the command again"
            ) from None
        self.fd = fd

    def release(self) -> None:
        fd, self.fd = self.fd, None
        if fd is not None:
            os.close(fd)

    def __del__(self):
        self.release()


def _open_lease(version_dir: Path, *, create: bool) -> int | None:
    """A descriptor on the version's lease file (created by a reader of an older index), or
    None when there is none and it cannot be made (read-only index)."""
    flags = os.O_RDONLY | os.O_NOFOLLOW
    try:
        return os.open(version_dir / LEASE, flags)
    except FileNotFoundError:
        if not create:
            return None
    except OSError:
        return None
    try:
        return os.open(version_dir / LEASE, flags | os.O_CREAT, 0o644)
    except OSError:
        return None


def collect_garbage(root: Path) -> None:
    """Remove versions other than CURRENT and PREVIOUS that no live process holds, and
    abandoned ``tmp-*`` builds."""
    keep = {current_version_name(root)}
    try:
        keep.add(read_pointer(root, "PREVIOUS"))
    except IndexDamagedError:
        pass
    for p in root.iterdir():
        if not p.is_dir() or p.is_symlink() or p.name in keep:
            continue
        if p.name.startswith("tmp-"):
            shutil.rmtree(p, ignore_errors=True)
        elif p.name.startswith("v-"):
            _remove_unless_leased(p)


def _remove_unless_leased(version: Path) -> None:
    """Delete ``version`` unless a reader holds its lease (the next ingest tries again)."""
    fd = _open_lease(version, create=False)
    try:
        if fd is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return
        shutil.rmtree(version, ignore_errors=True)
    finally:
        if fd is not None:
            os.close(fd)


# -- manifests --------------------------------------------------------------------------------
def read_manifest(version_dir: Path) -> dict:
    """The version's manifest as a dict; anything else is an `IndexDamagedError`."""
    path = version_dir / "manifest.json"
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise IndexDamagedError(
            f"index at {version_dir} has no manifest.json; {REBUILD}"
        ) from None
    except (OSError, json.JSONDecodeError, UnicodeDecodeError):
        manifest = None
    if not isinstance(manifest, dict):
        raise IndexDamagedError(f"index manifest {path} is damaged; {REBUILD}")
    return manifest


def check_compatible(manifest: dict, *, model_id: str | None, dim: int | None, where: Path) -> None:
    """Refuse an index built with another format version, model or dimension (after checking
    that the manifest has the shape this format version writes)."""
    fmt = manifest.get("format_version")
    if fmt != FORMAT_VERSION:
        raise IndexIncompatibleError(
            f"index at {where} has format version {fmt}, this Quotewise reads {FORMAT_VERSION}; "
            "re-ingest with `quotewise ingest`"
        )
    problem = manifest_problem(manifest)
    if problem:
        raise IndexDamagedError(f"index manifest in {where} {problem}; {REBUILD}")
    model = manifest["model"]
    if model_id and model["id"] != model_id:
        raise IndexIncompatibleError(
            f"index at {where} was built with model {model['id']!r}, not {model_id!r}; "
            "re-ingest with `quotewise ingest`"
        )
    if dim and model["dim"] != dim:
        raise IndexIncompatibleError(
            f"index at {where} has {model['dim']}-dimensional vectors, expected {dim}; "
            "re-ingest with `quotewise ingest`"
        )


def manifest_problem(manifest: dict) -> str | None:
    """What is wrong with the shape of a version manifest, as words after "index manifest in
    DIR", or None: ``model`` must be ``{"id": str, "dim": int}`` and ``files`` a non-empty map
    of safe relative paths to ``{"size": int, "sha256": hex}``."""
    model = manifest.get("model")
    if not (isinstance(model, dict) and isinstance(model.get("id"), str)
            and _is_int(model.get("dim")) and model["dim"] > 0):
        return "has no valid model id and dimension"
    files = manifest.get("files")
    if not isinstance(files, dict) or not files:
        return "lists no files"
    for rel, info in files.items():
        if not (_safe_relative(rel) and isinstance(info, dict) and _is_int(info.get("size"))
                and info["size"] >= 0 and isinstance(info.get("sha256"), str)
                and re.fullmatch(r"[0-9a-f]{64}", info["sha256"])):
            return f"has an invalid entry for {rel!r}"
    return None


def _is_int(x) -> bool:
    return isinstance(x, int) and not isinstance(x, bool)


def _safe_relative(rel: str) -> bool:
    """A plain relative path inside the directory (no ``..``, no absolute path)."""
    if not rel or "\\" in rel or "\0" in rel:
        return False
    parts = PurePosixPath(rel).parts
    return not PurePosixPath(rel).is_absolute() and all(p not in ("", ".", "..") for p in parts)


# Files `load_version` reads (bm25/ too): each one present must be listed in the manifest.
LOADED_FILES = ("documents.jsonl", "chunks.jsonl", "sentences.jsonl", "sections.jsonl",
                "chunk_vecs.npy", "sent_vecs.npy", "section_vecs.npy", "example_vecs.npy",
                "adapter.npy", "out_of_scope.jsonl", "outside_vecs.npy", "dense.faiss")


def _verify_files(version_dir: Path, manifest: dict) -> None:
    """Every listed file matches its size and checksum, and every file the loader reads is
    listed (a manifest cannot skip checks by leaving files out)."""
    files = manifest["files"]
    on_disk = [n for n in LOADED_FILES if os.path.lexists(version_dir / n)]
    on_disk += [p.relative_to(version_dir).as_posix() for p in (version_dir / "bm25").rglob("*")
                if not p.is_dir()]
    unlisted = [n for n in on_disk if n not in files]
    bad = damaged_files(version_dir, files) + unlisted
    if bad:
        raise IndexDamagedError(
            f"index file {version_dir / bad[0]} is damaged, missing or unlisted "
            "(size or checksum mismatch); rebuild the index with `quotewise ingest`"
        )


def load_version(version_dir: Path, *, model_id: str | None = None, dim: int | None = None) -> IndexData:
    """Load one version, verifying the manifest, file sizes and checksums.

    The returned data holds the version's reader lease, taken before anything is read, so no
    ingest deletes the version while this process may still use it.
    """
    import bm25s
    import faiss

    lease = ReaderLease(version_dir)
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
            lease=lease,
            example_vecs=_load_optional(version_dir / "example_vecs.npy"),
            adapter=_load_optional(version_dir / "adapter.npy"),
            outside=([r["question"] for r in _read_jsonl(version_dir / "out_of_scope.jsonl")]
                     if (version_dir / "out_of_scope.jsonl").exists() else []),
            outside_vecs=_load_optional(version_dir / "outside_vecs.npy"),
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError, RuntimeError) as e:
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

    A damaged live version (or a damaged CURRENT) falls back to the previous one (with
    ``extra["warning"]`` set); an incompatible model or format is refused with a message saying
    to re-ingest.
    """
    root = resolve_index_dir(index_dir)
    try:
        name = read_pointer(root, "CURRENT")
        if name is None:
            return _load_unversioned(root, model_id=model_id, dim=dim)
        try:
            return load_version(root / name, model_id=model_id, dim=dim)
        except IndexDamagedError:
            now = current_version_name(root)  # an ingest may have switched versions meanwhile
            if now in (None, name):
                raise
            return load_version(root / now, model_id=model_id, dim=dim)
    except IndexDamagedError as err:
        return _load_previous(root, err, model_id=model_id, dim=dim)


def _load_unversioned(root: Path, **check) -> IndexData:
    """No CURRENT: a bare version directory, a lost CURRENT (PREVIOUS is there), or no index."""
    if (root / "manifest.json").exists():
        return load_version(root, **check)
    if os.path.lexists(root / "PREVIOUS"):
        raise IndexDamagedError(
            f"index at {root} has lost its CURRENT pointer; rebuild it with `quotewise ingest`"
        )
    raise IndexMissingError(
        f"no index at {root}; build one with `quotewise ingest` (or pass --index DIR)"
    )


def _load_previous(root: Path, err: IndexDamagedError, **check) -> IndexData:
    """The previous version, warning why the live one is not used; ``err`` if there is none."""
    try:
        prev = read_pointer(root, "PREVIOUS")
    except IndexDamagedError:
        prev = None
    if prev is None:
        raise err
    data = load_version(root / prev, **check)
    data.extra["warning"] = f"{err}; answering from the previous index meanwhile"
    return data
