"""The assistant keeps answering while an ingest swaps in a new index; every answer comes
wholly from the old or wholly from the new version."""

from __future__ import annotations

import shutil
import threading

from assistant import Assistant
from index import FakeEmbedder, build_index
from tests.conftest import fake_tuning_folder


def test_answers_stay_consistent_during_reingest(tmp_path, articles):
    corpus = tmp_path / "c"
    shutil.copytree(articles, corpus)
    ix = tmp_path / "ix"
    settings = fake_tuning_folder(tmp_path / "settings")
    build_index([settings, corpus], ix, embedder=FakeEmbedder(), progress=False)
    qa = Assistant.load(ix)
    old_texts = {d.doc_id: d.text for d in qa.documents()}
    target = corpus / "002_8dbfed19f3c03168.txt"
    target.write_text("Trust takes time.\n\n" + target.read_text(encoding="utf-8"), encoding="utf-8")

    answers, errors = [], []
    stop = threading.Event()

    def ask_loop():
        while not stop.is_set():
            try:
                answers.append(qa.ask("how do I get him to trust me again"))
            except Exception as e:  # pragma: no cover - reported below
                errors.append(e)

    t = threading.Thread(target=ask_loop)
    t.start()
    report = qa.ingest([settings, corpus], embedder=FakeEmbedder())
    for _ in range(5):
        qa.ask("how do I get him to trust me again")
    stop.set()
    t.join()
    assert not errors and answers and report.updated == ["002_8dbfed19f3c03168"]
    new_texts = {d.doc_id: d.text for d in qa.documents()}
    assert new_texts != old_texts
    def versions(q) -> set[str]:
        """The index versions in which this quote is a real slice."""
        return ({"old"} if old_texts[q.doc_id][q.start:q.end] == q.text else set()) | (
            {"new"} if new_texts[q.doc_id][q.start:q.end] == q.text else set())

    assert any(q.doc_id == "002_8dbfed19f3c03168" for a in answers for q in a.quotes)
    for ans in answers:
        # one version holds every quote of the answer: never half old, half new
        assert set.intersection({"old", "new"}, *(versions(q) for q in ans.quotes)), ans.quotes


def _current(ix):
    return ix / (ix / "CURRENT").read_text().strip()


def test_assistant_follows_ingests_made_elsewhere_and_keeps_its_version_until_it_moves_on(
        tmp_path, articles):
    """`serve` running while `quotewise ingest` runs twice: the next question is answered from
    the newest version; the version being read is never deleted, and is collected afterwards."""
    import gc

    corpus = tmp_path / "c"
    shutil.copytree(articles, corpus)
    ix = tmp_path / "ix"
    build_index([corpus], ix, embedder=FakeEmbedder(), progress=False)
    qa = Assistant.load(ix)
    held = qa.data.path
    for i in range(2):  # two ingests that do not go through this assistant
        (corpus / f"new{i}.txt").write_text(f"New advice {i}.\n\nSay sorry and mean it.\n")
        build_index([corpus], ix, embedder=FakeEmbedder(), progress=False)
    assert held.is_dir()  # neither CURRENT nor PREVIOUS, but still read here: not deleted

    qa.ask("how do I get him to trust me again")
    assert qa.data.path == _current(ix) and "new1" in {d.doc_id for d in qa.documents()}
    assert qa.warning is None

    gc.collect()  # the old state is gone: nothing holds the old version any more
    build_index([corpus], ix, embedder=FakeEmbedder(), progress=False)  # an unchanged ingest
    assert not held.exists()


def test_a_failed_refresh_keeps_answering_with_a_warning(tmp_path, articles):
    ix = tmp_path / "ix"
    build_index([articles], ix, embedder=FakeEmbedder(), progress=False)
    qa = Assistant.load(ix)
    live = qa.data.path
    (ix / "CURRENT").write_text("../../etc\n")  # damaged, and no previous version to fall back to
    assert qa.ask("how do I get him to trust me again").quotes
    assert qa.data.path == live and "quotewise ingest" in qa.warning
    build_index([articles], ix, embedder=FakeEmbedder(), progress=False)  # the repair
    assert qa.search("trust") and qa.data.path == _current(ix) and qa.warning is None


def test_a_version_built_with_another_model_is_asked_with_that_model(tmp_path, articles):
    """Twenty-second audit: `quotewise ingest` into an index of another model rebuilds it from
    scratch with its own model, while `serve` runs. The server swapped the new version in but
    kept embedding questions with the model it had loaded: the vectors' sizes differed (64
    and 384 there) and every question was a 500 and a traceback in the log until a restart."""
    ix = tmp_path / "ix"
    build_index([articles], ix, embedder=FakeEmbedder(dim=64), progress=False)
    qa = Assistant.load(ix)
    assert qa.ask("how do I get him to trust me again").quotes
    build_index([articles], ix, embedder=FakeEmbedder(dim=32), progress=False)  # from scratch
    answer = qa.ask("how do I get him to trust me again")
    assert answer.quotes and qa.data.path == _current(ix) and qa.warning is None
    assert qa.embedder.dim == 32 and qa.retriever.embedder.dim == 32


def test_an_embedder_the_caller_chose_is_not_swapped_for_another_model(tmp_path, articles):
    ix = tmp_path / "ix"
    build_index([articles], ix, embedder=FakeEmbedder(dim=64), progress=False)
    qa = Assistant.load(ix, embedder=FakeEmbedder(dim=64))
    live = qa.data.path
    build_index([articles], ix, embedder=FakeEmbedder(dim=32), progress=False)
    assert qa.ask("how do I get him to trust me again").quotes  # the version it had
    assert qa.data.path == live and "built with model" in qa.warning
