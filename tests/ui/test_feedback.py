"""The feedback log under a flood of ratings: anyone who can reach the page may rate."""

from __future__ import annotations

ANSWER = {"quotes": [{"doc_id": "a", "start": 0, "end": 10}], "abstained": False}


def test_the_feedback_log_stops_growing_at_its_limit(tmp_path, monkeypatch):
    import ui.app
    from ui.app import FeedbackLog

    log = FeedbackLog(tmp_path / "feedback.jsonl")
    assert log.append("how do I reassure him", ANSWER, "up")
    line = log.path.read_bytes()
    monkeypatch.setattr(ui.app, "MAX_FEEDBACK_BYTES", 3 * len(line), raising=False)
    for _ in range(10):
        log.append("how do I reassure him", ANSWER, "up")
    kept = log.path.read_bytes()
    assert kept.startswith(line) and len(kept.splitlines()) == 3  # whole lines, within the limit
    assert log.append("how do I reassure him", ANSWER, "down") is None
    assert log.path.read_bytes() == kept
