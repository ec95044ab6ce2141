"""Damage an index in the ways an adversarial review found: every one falls back to the previous
version with a warning, the next ingest repairs it, and no pointer leads out of the index."""

from __future__ import annotations

import json
import shutil

import pytest

from index import FakeEmbedder, build_index, load_index
from ingest.errors import IndexDamagedError


@pytest.fixture(scope="module")
def two_versions(tmp_path_factory, articles):
    """An index with a CURRENT and a PREVIOUS version (copied per test)."""
    root = tmp_path_factory.mktemp("two") / "ix"
    corpus = tmp_path_factory.mktemp("corpus") / "c"
    shutil.copytree(articles, corpus)
    build_index([corpus], root, embedder=FakeEmbedder(), progress=False)
    (corpus / "extra.txt").write_text("Extra advice.\n\nListen before you answer.\n")
    build_index([corpus], root, embedder=FakeEmbedder(), progress=False)
    return root


@pytest.fixture
def ix(two_versions, tmp_path):
    root = tmp_path / "index" / "ix"
    shutil.copytree(two_versions, root)
    return root


def _name(root, pointer="CURRENT"):
    return (root / pointer).read_text().strip()


def _edit_manifest(root, change):
    path = root / _name(root) / "manifest.json"
    path.write_text(json.dumps(change(json.loads(path.read_text()))))


def _bait(root, tmp_path):
    """A whole, valid version outside the index folder: loading it would be following a pointer
    out of the index."""
    bait = tmp_path / "outside" / "v-20000101-000000-deadbeef"
    shutil.copytree(root / _name(root), bait)
    return bait


def _without_files(m):
    del m["files"]
    return m


DAMAGE = {
    "current_junk": lambda root, tmp: (root / "CURRENT").write_bytes(b"\x00\xff junk \x00\n"),
    "current_names_a_plain_dir": lambda root, tmp: (
        (root / "notes").mkdir(), (root / "CURRENT").write_text("notes\n")),
    "current_names_bm25_of_a_version": lambda root, tmp: (root / "CURRENT").write_text(
        f"{_name(root)}/bm25\n"),
    "current_relative_outside": lambda root, tmp: (root / "CURRENT").write_text(
        f"../../outside/{_bait(root, tmp).name}\n"),
    "current_absolute_outside": lambda root, tmp: (root / "CURRENT").write_text(
        f"{_bait(root, tmp)}\n"),
    "current_dotdot_etc": lambda root, tmp: (root / "CURRENT").write_text("../../etc\n"),
    "current_empty": lambda root, tmp: (root / "CURRENT").write_text(""),
    "current_lost": lambda root, tmp: (root / "CURRENT").unlink(),
    "manifest_is_a_list": lambda root, tmp: (root / _name(root) / "manifest.json").write_text("[]"),
    "files_is_a_list": lambda root, tmp: _edit_manifest(
        root, lambda m: dict(m, files=list(m["files"]))),
    "model_is_null": lambda root, tmp: _edit_manifest(root, lambda m: dict(m, model=None)),
    "no_files_map": lambda root, tmp: _edit_manifest(root, _without_files),
    "files_entry_leaves_the_folder": lambda root, tmp: _edit_manifest(
        root, lambda m: dict(m, files={"../../../etc/hostname": {"size": 1, "sha256": "0" * 64}})),
    "file_left_out_of_the_manifest": lambda root, tmp: _edit_manifest(
        root, lambda m: dict(m, files={k: v for k, v in m["files"].items()
                                       if k != "chunk_vecs.npy"})),
}


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_damage_falls_back_to_previous_and_ingest_repairs(ix, tmp_path, articles, damage):
    previous = _name(ix, "PREVIOUS")
    DAMAGE[damage](ix, tmp_path)

    data = load_index(ix)
    assert data.path == ix / previous  # never a version outside the index folder
    assert "previous index" in data.extra["warning"] and "quotewise ingest" in data.extra["warning"]
    assert len(data.documents) == 3

    rep = build_index([articles], ix, embedder=FakeEmbedder(), progress=False)
    assert rep.documents == 3 and any("previous index" in w for w in rep.warnings)
    healed = load_index(ix)
    assert "warning" not in healed.extra and healed.path.parent == ix
    assert set(healed.documents) >= set(data.documents)
    assert _name(ix, "PREVIOUS") == previous  # the healthy version stays the fallback


def test_pointers_out_of_the_folder_are_never_followed(ix, tmp_path):
    bait = _bait(ix, tmp_path)
    (ix / "CURRENT").write_text(f"{bait}\n")
    (ix / "PREVIOUS").write_text(f"../../outside/{bait.name}\n")
    with pytest.raises(IndexDamagedError, match="does not name a version.*quotewise ingest"):
        load_index(ix)


def test_damage_without_previous_rebuilds_from_scratch(tmp_path, articles):
    root = tmp_path / "ix"
    build_index([articles], root, embedder=FakeEmbedder(), progress=False)
    (root / "CURRENT").write_text("../../etc\n")
    with pytest.raises(IndexDamagedError, match="quotewise ingest"):
        load_index(root)
    rep = build_index([articles], root, embedder=FakeEmbedder(), progress=False)
    assert len(rep.added) == 3 and any("from scratch" in w for w in rep.warnings)
    assert "warning" not in load_index(root).extra
