"""The same question gets the same answer in every process: nothing in scoring depends on the
order Python happens to give a set (its hash seed changes with every process)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.conftest import ROOT

# questions of every length, as people write them: a last-bit difference needs a sum of several
# terms in a different order, which a short question may not have
_LINES = (ROOT / "eval" / "questions.jsonl").read_text(encoding="utf-8").splitlines()
QUESTIONS = [json.loads(line)["question"] for line in _LINES if line.strip()][:40]

PROBE = """
import json, sys
from assistant import Assistant
from index import FakeEmbedder
qa = Assistant.load(sys.argv[1], embedder=FakeEmbedder())
out = []
for q in json.loads(sys.argv[2]):
    a = qa.ask(q)
    out.append({"features": {k: repr(v) for k, v in qa.coverage(q).items()},
                "scores": [repr(x.score) for x in a.quotes]})
print(json.dumps(out))
"""


def test_answers_and_their_scores_do_not_depend_on_the_hash_seed(fake_index):
    def run(seed: str) -> list:
        env = dict(os.environ, PYTHONHASHSEED=seed)
        done = subprocess.run([sys.executable, "-c", PROBE, str(fake_index),
                               json.dumps(QUESTIONS)], cwd=ROOT, env=env, capture_output=True,
                              text=True, timeout=120, check=True)
        return json.loads(done.stdout)

    first = run("1")
    assert all(r["scores"] for r in first)  # answered, so the comparison means something
    for seed in ("2", "3"):
        assert run(seed) == first
