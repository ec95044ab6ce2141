"""Example questions in the index: embedded like queries, mapped to sentences, adapter fitted,
and only they are re-embedded when just their sidecar changes."""

from __future__ import annotations

import json

import numpy as np

from index import FakeEmbedder, build_index, load_index
from index.queries import embedding_text, expand_shorthand

from .test_build import CountingEmbedder

A002 = "002_8dbfed19f3c03168"


def test_examples_are_embedded_mapped_and_fit_an_adapter(corpus, tmp_path):
    emb = CountingEmbedder()
    rep = build_index([corpus], tmp_path / "ix", embedder=emb, progress=False)
    data = load_index(tmp_path / "ix")
    total = sum(len(d.examples) for d in data.documents.values())
    assert rep.examples == total == len(data.example_vecs) > 300
    assert f"{total} example questions" in rep.summary()
    assert data.manifest["examples"]["questions"] == total
    assert data.adapter is not None and data.adapter.shape == (emb.dim, emb.dim)
    # an example question is embedded exactly as the same question asked at query time
    first_doc = next(iter(data.documents.values()))
    q = first_doc.examples[0].question
    assert embedding_text(expand_shorthand(q)) in emb.texts
    np.testing.assert_allclose(data.example_vecs[0],
                               FakeEmbedder().embed_query(embedding_text(expand_shorthand(q))),
                               atol=1e-6)
    # every example maps to the quotable sentences its quotes cover
    examples = [(d, e) for d in data.documents.values() for e in d.examples]
    for (doc, e), rows in zip(examples, data.example_rows()):
        assert rows, e.question
        for r in rows:
            s = data.sentences[r]
            assert s.doc_id == doc.doc_id and s.retrievable and not s.is_heading
            assert any(min(s.end, b) > max(s.start, a) for a, b in e.spans)


def test_changing_only_the_questions_reembeds_only_them(corpus, tmp_path):
    build_index([corpus], tmp_path / "ix", embedder=FakeEmbedder(), progress=False)
    before = load_index(tmp_path / "ix")
    sidecar = corpus / f"{A002}.questions.jsonl"
    text = (corpus / f"{A002}.txt").read_text(encoding="utf-8")
    added = {"question": "is checking in every hour going to fix this",
             "quotes": ["This will never get his trust issues to go away!"]}
    assert added["quotes"][0] in text
    sidecar.write_text(sidecar.read_text(encoding="utf-8") + json.dumps(added) + "\n",
                       encoding="utf-8")
    emb = CountingEmbedder()
    rep = build_index([corpus], tmp_path / "ix", embedder=emb, progress=False)
    after = load_index(tmp_path / "ix")
    assert rep.updated == [A002] and len(rep.unchanged) == 2
    n002 = len(after.documents[A002].examples)
    assert len(emb.texts) == n002 == len(before.documents[A002].examples) + 1
    assert embedding_text(added["question"]) in emb.texts
    np.testing.assert_array_equal(before.chunk_vecs, after.chunk_vecs)
    np.testing.assert_array_equal(before.sent_vecs, after.sent_vecs)
    assert len(after.example_vecs) == len(before.example_vecs) + 1
    assert not np.array_equal(before.adapter, after.adapter)  # refitted on the new set


def test_removing_the_sidecar_drops_the_examples(corpus, tmp_path):
    build_index([corpus], tmp_path / "ix", embedder=FakeEmbedder(), progress=False)
    for p in corpus.glob("*.questions.jsonl"):
        p.unlink()
    rep = build_index([corpus], tmp_path / "ix", embedder=FakeEmbedder(), progress=False)
    data = load_index(tmp_path / "ix")
    assert sorted(rep.updated) == sorted(data.documents)
    assert len(data.example_vecs) == 0 and data.adapter is None
    assert data.manifest["examples"] == {"questions": 0, "adapter": None}


def test_an_index_from_before_example_questions_still_loads(corpus, tmp_path):
    for p in corpus.glob("*.questions.jsonl"):
        p.unlink()
    build_index([corpus], tmp_path / "ix", embedder=FakeEmbedder(), progress=False)
    version = tmp_path / "ix" / (tmp_path / "ix" / "CURRENT").read_text().strip()
    # an older writer had neither the files nor the manifest entries
    (version / "example_vecs.npy").unlink()
    manifest = json.loads((version / "manifest.json").read_text())
    del manifest["files"]["example_vecs.npy"], manifest["examples"]
    (version / "manifest.json").write_text(json.dumps(manifest))
    data = load_index(tmp_path / "ix")
    assert data.example_vecs.shape == (0, FakeEmbedder().dim) and data.adapter is None

    from assistant import Assistant

    qa = Assistant(data, FakeEmbedder())
    answer = qa.ask("how do i get him to trust me")
    assert not answer.abstained and answer.quotes
    assert qa.retriever.match_examples(qa.retriever.encode("trust")) == {}


def test_out_of_scope_questions_are_embedded_once_and_kept(corpus, tmp_path):
    emb = CountingEmbedder()
    rep = build_index([corpus], tmp_path / "ix", embedder=emb, progress=False)
    data = load_index(tmp_path / "ix")
    assert rep.out_of_scope == len(data.outside) == len(data.outside_vecs) > 100
    assert f"{rep.out_of_scope} out-of-scope questions" in rep.summary()
    assert embedding_text(expand_shorthand(data.outside[0])) in emb.texts
    # unchanged: nothing embedded; edited: only the out-of-scope questions, and a new version
    again = CountingEmbedder()
    assert not build_index([corpus], tmp_path / "ix", embedder=again, progress=False).changed
    assert again.texts == []
    f = corpus / "out-of-scope.questions.jsonl"
    f.write_text(f.read_text(encoding="utf-8") + json.dumps({"question": "best pizza dough"})
                 + "\n", encoding="utf-8")
    edited = CountingEmbedder()
    rep = build_index([corpus], tmp_path / "ix", embedder=edited, progress=False)
    assert rep.changed and "out-of-scope questions updated" in rep.summary()
    assert len(edited.texts) == rep.out_of_scope == len(data.outside) + 1
    # ingesting another folder keeps them; --prune drops them
    other = tmp_path / "other"
    other.mkdir()
    (other / "extra.txt").write_text("Extra\n\nBe patient with each other.\n")
    build_index([other], tmp_path / "ix", embedder=FakeEmbedder(), progress=False)
    assert len(load_index(tmp_path / "ix").outside) == len(data.outside) + 1
    build_index([corpus], tmp_path / "ix", embedder=FakeEmbedder(), prune=True, progress=False)
    build_index([other], tmp_path / "ix", embedder=FakeEmbedder(), prune=True, progress=False)
    assert load_index(tmp_path / "ix").outside == []


def test_an_unreadable_out_of_scope_file_keeps_the_indexed_questions(corpus, tmp_path):
    build_index([corpus], tmp_path / "ix", embedder=FakeEmbedder(), progress=False)
    before = load_index(tmp_path / "ix").outside
    (corpus / "out-of-scope.questions.jsonl").write_bytes(b"\xff\xfe" * 10)  # not UTF-8
    rep = build_index([corpus], tmp_path / "ix", embedder=FakeEmbedder(), progress=False)
    assert load_index(tmp_path / "ix").outside == before and not rep.changed
    assert len(rep.warnings) == 1 and "not UTF-8" in rep.warnings[0]


def test_an_oversized_out_of_scope_file_keeps_the_indexed_questions(corpus, tmp_path,
                                                                     monkeypatch):
    import ingest.examples as ex

    build_index([corpus], tmp_path / "ix", embedder=FakeEmbedder(), progress=False)
    before = load_index(tmp_path / "ix").outside
    monkeypatch.setattr(ex, "MAX_FILE_BYTES", 100)
    rep = build_index([corpus], tmp_path / "ix", embedder=FakeEmbedder(), progress=False)
    assert load_index(tmp_path / "ix").outside == before and not rep.changed
    assert len(rep.warnings) == 1 and "larger than" in rep.warnings[0]


def test_a_long_example_letter_is_embedded_as_the_same_letter_asked(tmp_path):
    """A real letter kept as an example question (story first, question last) gets the vector
    the same letter gets when asked: its asks first, what the model reads of it, no more."""
    from assistant import Assistant

    story = ("We have been together for three years and we met at work. " * 9).strip()
    letter = f"{story} He reads my messages every night and I have never cheated. Should I let him?"
    article = ("Letting a partner read your messages\n\nLetting him read every message will not "
               "build trust. Talk about what makes him afraid instead.\n")
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text(article)
    (folder / "a.questions.jsonl").write_text(json.dumps(
        {"question": letter, "quotes": ["Letting him read every message will not build trust."]})
        + "\n")
    build_index([folder], tmp_path / "ix", embedder=FakeEmbedder(), progress=False)
    qa = Assistant.load(tmp_path / "ix", embedder=FakeEmbedder())
    data = qa._state.data
    assert len(letter) > 500 and len(data.example_vecs) == 1
    asked = qa._state.retriever.prepare(letter).qvec
    np.testing.assert_allclose(data.example_vecs[0], asked, atol=1e-6)
