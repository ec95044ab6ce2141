"""Incremental, atomic, serialised builds — what a user sees when they re-run `quotewise ingest`."""

from __future__ import annotations

import threading
import time

import faiss
import numpy as np
import pytest

from index import FakeEmbedder, build_index, load_index
from ingest.errors import InputError


class CountingEmbedder(FakeEmbedder):
    """The fake embedder, counting what it was asked to embed."""

    def __init__(self):
        super().__init__()
        self.texts: list[str] = []

    def embed_batch(self, texts):
        self.texts.extend(texts)
        return super().embed_batch(texts)


def test_first_build_reports_and_embeds_everything(corpus, tmp_path):
    emb = CountingEmbedder()
    rep = build_index([corpus], tmp_path / "ix", embedder=emb, progress=False)
    assert sorted(rep.added) == sorted(p.stem for p in corpus.glob("*.txt"))
    assert rep.chunks > 10 and rep.embedded == len(emb.texts) > rep.chunks
    assert rep.summary().startswith("3 documents: 3 added, 0 updated, 0 unchanged;")
    data = load_index(tmp_path / "ix")
    assert data.manifest["model"] == {"id": emb.model_id, "dim": emb.dim}
    assert {d["doc_id"] for d in data.manifest["documents"]} == set(rep.added)
    assert all(d["sha256"] and len(d["sha256"]) == 64 for d in data.manifest["documents"])


def test_unchanged_reingest_embeds_nothing(corpus, tmp_path):
    build_index([corpus], tmp_path / "ix", embedder=CountingEmbedder(), progress=False)
    version = (tmp_path / "ix" / "CURRENT").read_text()
    emb = CountingEmbedder()
    rep = build_index([corpus], tmp_path / "ix", embedder=emb, progress=False)
    assert emb.texts == [] and rep.embedded == 0
    assert rep.summary().startswith("3 documents: 0 added, 0 updated, 3 unchanged;")
    assert (tmp_path / "ix" / "CURRENT").read_text() == version  # nothing rewritten


def test_editing_one_file_reembeds_only_that_file(corpus, tmp_path):
    build_index([corpus], tmp_path / "ix", embedder=CountingEmbedder(), progress=False)
    before = load_index(tmp_path / "ix")
    target = corpus / "002_8dbfed19f3c03168.txt"
    target.write_text(target.read_text(encoding="utf-8") + "\nBe kind to yourself, too.\n",
                      encoding="utf-8")
    emb = CountingEmbedder()
    rep = build_index([corpus], tmp_path / "ix", embedder=emb, progress=False)
    assert rep.updated == ["002_8dbfed19f3c03168"] and len(rep.unchanged) == 2
    assert "Be kind to yourself, too." in emb.texts
    assert not any("April Maccario" in t for t in emb.texts)  # 000 was not re-embedded
    after = load_index(tmp_path / "ix")
    # vectors of untouched documents are carried over exactly
    for doc_id in ("000_1e7ddc6cb9001c46", "003_f034c80f6a2348e7"):
        b = [i for i, c in enumerate(before.chunks) if c.doc_id == doc_id]
        a = [i for i, c in enumerate(after.chunks) if c.doc_id == doc_id]
        np.testing.assert_array_equal(before.chunk_vecs[b], after.chunk_vecs[a])
    assert after.documents["002_8dbfed19f3c03168"].text.endswith("Be kind to yourself, too.\n")


def test_an_unchanged_article_is_not_parsed_again(corpus, tmp_path, monkeypatch):
    """Sixteenth audit: every ingest parsed every file before comparing checksums, and each
    Library upload ingests the whole library folder: with 8 uploads of 1.9 MB, every further
    upload spent 100 s parsing them again under the index's lock. Only new or changed files are
    parsed; an unchanged article's example questions are still read afresh."""
    import ingest.loaders

    build_index([corpus], tmp_path / "ix", embedder=CountingEmbedder(), progress=False)
    parsed: list[str] = []
    real = ingest.loaders._parse
    monkeypatch.setattr(ingest.loaders, "_parse",
                        lambda rel, data, *limit: parsed.append(rel.stem) or real(rel, data, *limit))
    (corpus / "new.txt").write_text("Keep promises.\n\nTrust grows when you keep your promises "
                                    "to each other, day after day.\n", encoding="utf-8")
    sidecar = corpus / "003_f034c80f6a2348e7.questions.jsonl"
    sidecar.unlink()  # its article's examples go, though the article is unchanged
    rep = build_index([corpus], tmp_path / "ix", embedder=CountingEmbedder(), progress=False)
    assert parsed == ["new"]
    assert rep.added == ["new"] and rep.updated == ["003_f034c80f6a2348e7"]
    data = load_index(tmp_path / "ix")
    assert data.documents["003_f034c80f6a2348e7"].examples == []
    assert data.documents["000_1e7ddc6cb9001c46"].examples
    assert data.documents["000_1e7ddc6cb9001c46"].author == "April Maccario"
    # the same files ingested under other ids (their folder's parent given) are read anew
    parsed.clear()
    rep = build_index([corpus.parent], tmp_path / "ix", embedder=CountingEmbedder(),
                      progress=False)
    assert sorted(parsed) == sorted(p.stem for p in corpus.glob("*.txt"))
    assert "articles/new" in rep.added


def test_removed_file_is_kept_until_prune(corpus, tmp_path):
    build_index([corpus], tmp_path / "ix", embedder=FakeEmbedder(), progress=False)
    (corpus / "002_8dbfed19f3c03168.txt").unlink()
    rep = build_index([corpus], tmp_path / "ix", embedder=FakeEmbedder(), progress=False)
    assert rep.kept == ["002_8dbfed19f3c03168"]
    assert "002_8dbfed19f3c03168" in load_index(tmp_path / "ix").documents
    rep = build_index([corpus], tmp_path / "ix", embedder=FakeEmbedder(), prune=True, progress=False)
    assert rep.removed == ["002_8dbfed19f3c03168"]
    assert "002_8dbfed19f3c03168" not in load_index(tmp_path / "ix").documents


def test_nothing_to_index_is_a_clear_error(tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="nothing to index"):
        build_index([tmp_path / "empty"], tmp_path / "ix", embedder=FakeEmbedder(), progress=False)


def test_an_article_with_nothing_to_quote_is_skipped_with_a_warning(tmp_path):
    """A saved page holding only its title crashed ingest inside BM25 ("ValueError: max() arg
    is an empty sequence") when it was the only article."""
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "title-only.txt").write_text("Coping with grief\n\n\n", encoding="utf-8")
    with pytest.raises(InputError, match="nothing to index"):
        build_index([folder], tmp_path / "index", embedder=FakeEmbedder(), progress=False)
    (folder / "real.txt").write_text(
        "Talking helps\n\nTell your friend how the cancellations feel, then plan less.\n",
        encoding="utf-8")
    report = build_index([folder], tmp_path / "index", embedder=FakeEmbedder(), progress=False)
    assert report.added == ["real"]
    assert any("title-only.txt" in w and "no text to quote" in w for w in report.warnings)
    assert list(load_index(tmp_path / "index").documents) == ["real"]


def test_articles_of_only_common_words_are_a_clear_error_and_keep_the_old_index(tmp_path):
    """An article of stop words only ("A b c." / "I my x.") stopped ingest with "unexpected
    error: ValueError: max() arg is an empty sequence" from bm25s (eighteenth audit)."""
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "real.txt").write_text(
        "Talking helps\n\nTell your friend how the cancellations feel, then plan less.\n",
        encoding="utf-8")
    build_index([folder], tmp_path / "index", embedder=FakeEmbedder(), progress=False)
    (folder / "real.txt").unlink()
    (folder / "words.txt").write_text("A b c.\n\nI my x. You and me.\n", encoding="utf-8")
    with pytest.raises(InputError, match="no searchable word"):
        build_index([folder], tmp_path / "index", embedder=FakeEmbedder(), prune=True,
                    progress=False)
    assert list(load_index(tmp_path / "index").documents) == ["real"]


def test_crash_mid_write_leaves_previous_index_answering(corpus, tmp_path, monkeypatch):
    build_index([corpus], tmp_path / "ix", embedder=FakeEmbedder(), progress=False)
    good = load_index(tmp_path / "ix")
    (corpus / "new.txt").write_text("A new article.\n\nTalk to each other every day.\n")

    def boom(*a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(faiss, "write_index", boom)
    with pytest.raises(OSError):
        build_index([corpus], tmp_path / "ix", embedder=FakeEmbedder(), progress=False)
    monkeypatch.undo()
    still = load_index(tmp_path / "ix")
    assert still.path == good.path and "new" not in still.documents
    assert not list((tmp_path / "ix").glob("tmp-*"))  # the half-written build was removed


def test_concurrent_ingests_are_serialised(corpus, tmp_path):
    class SlowEmbedder(FakeEmbedder):
        active = 0
        overlap = False

        def embed_batch(self, texts):
            type(self).active += 1
            if type(self).active > 1:
                type(self).overlap = True
            time.sleep(0.05)
            type(self).active -= 1
            return super().embed_batch(texts)

    errors = []

    def run(i):
        try:
            build_index([corpus], tmp_path / "ix", embedder=SlowEmbedder(), progress=False)
        except Exception as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and not SlowEmbedder.overlap
    assert len(load_index(tmp_path / "ix").documents) == 3


def test_new_chunker_settings_reembed_but_keep_every_document(corpus, tmp_path):
    build_index([corpus], tmp_path / "ix", embedder=FakeEmbedder(), progress=False)
    other = tmp_path / "other"
    other.mkdir()
    (other / "extra.txt").write_text("Extra.\n\nListen first. Then answer.\n")
    emb = CountingEmbedder()
    rep = build_index([other], tmp_path / "ix", embedder=emb, max_tokens=120, progress=False)
    assert any("chunker settings changed" in w for w in rep.warnings)
    assert rep.added == ["extra"] and len(rep.kept) == 3  # nothing lost
    data = load_index(tmp_path / "ix")
    assert len(data.documents) == 4 and data.manifest["chunker"]["max_tokens"] == 120
    assert any("Be trustworthy" in t for t in emb.texts)  # kept documents were re-embedded


def test_an_article_with_huge_headings_and_title_gives_small_answers(tmp_path):
    """One upload whose "# " and "## " lines were 900 KB each made a 60-byte question's answer
    8 MB: the heading beside each quote, the title in its sources (and in every later page
    event of the chat). Such a heading reads as body text, and a title is cut to 300
    characters."""
    import json

    from tests.conftest import assistant_over

    long = "Trust " + "patience " * 10_000  # 90 KB
    qa = assistant_over(tmp_path, {
        "notes.md": (f"---\ntitle: {long}\n---\n# {long}\n\nTrust grows between partners who "
                     f"keep small promises.\n\n## {long}\n\nTrust grows when you tell the "
                     "truth.\n"),
        "page.html": (f"<title>{long}</title><h1>{long}</h1><p>Trust grows between partners "
                      f"who listen.</p><h2>{long}</h2><p>Trust grows when you keep your "
                      "word.</p>"),
    })
    answer = qa.ask("how does trust grow between partners").to_dict()
    assert answer["quotes"] and len(json.dumps(answer)) < 50_000
    assert max(len(s["title"]) for s in answer["sources"]) <= 300
    assert max(len(q["section"]) for q in answer["quotes"]) <= 300


def test_an_ingest_finds_the_old_rows_of_its_articles_in_one_pass(tmp_path, monkeypatch):
    """Seventeenth audit: each unchanged article's rows were found by a scan of every row of
    the old index, so each Library upload cost O(articles x rows): with 400 uploads of 20 KB,
    29 s of every 77 s upload, four times as long for twice the articles. The old index's rows
    are now grouped by article once per ingest."""
    import index.build

    folder = tmp_path / "lib"
    folder.mkdir()
    for i in range(30):
        (folder / f"a{i:02}.txt").write_text(f"Note {i}\n\nKeep promise {i} so trust grows "
                                             "between you.\n", encoding="utf-8")
    build_index([folder], tmp_path / "ix", embedder=FakeEmbedder(), progress=False)

    class Counted(list):
        passes = 0

        def __iter__(self):
            Counted.passes += 1
            return super().__iter__()

    real = index.build.load_index

    def load_counted(*args, **kwargs):
        data = real(*args, **kwargs)
        data.chunks, data.sentences, data.sections = (
            Counted(data.chunks), Counted(data.sentences), Counted(data.sections))
        return data

    monkeypatch.setattr(index.build, "load_index", load_counted)
    (folder / "new.txt").write_text("New\n\nKeep every promise, every day.\n", encoding="utf-8")
    rep = build_index([folder], tmp_path / "ix", embedder=FakeEmbedder(), progress=False)
    assert rep.added == ["new"] and len(load_index(tmp_path / "ix").documents) == 31
    assert Counted.passes <= 6, Counted.passes  # was 3 per unchanged article: 90
