"""The assistant keeps answering while an ingest swaps in a new index; every answer comes
wholly from the old or wholly from the new version."""

from __future__ import annotations

import shutil
import threading

from assistant import Assistant
from index import FakeEmbedder, build_index


def test_answers_stay_consistent_during_reingest(tmp_path, articles):
    corpus = tmp_path / "c"
    shutil.copytree(articles, corpus)
    ix = tmp_path / "ix"
    build_index([corpus], ix, embedder=FakeEmbedder(), progress=False)
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
    report = qa.ingest([corpus], embedder=FakeEmbedder())
    for _ in range(5):
        qa.ask("how do I get him to trust me again")
    stop.set()
    t.join()
    assert not errors and answers and report.updated == ["002_8dbfed19f3c03168"]
    new_texts = {d.doc_id: d.text for d in qa.documents()}
    assert new_texts != old_texts
    for ans in answers:
        verdicts = set()
        for q in ans.quotes:
            verdicts.add(("old" if old_texts[q.doc_id][q.start:q.end] == q.text else "")
                         + ("new" if new_texts[q.doc_id][q.start:q.end] == q.text else ""))
        assert "" not in verdicts  # every quote is a real slice of one version
