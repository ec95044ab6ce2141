"""Safety-rule figures on the letters gathered for them: recall (danger flagged) and
false-positive rate (ordinary letters flagged) of `assistant.safety.check_safety`.

    python eval/real/safety_figures.py          # dev.jsonl, safety_dev.jsonl, the dev half of safety_fresh.jsonl
    python eval/real/safety_figures.py --test   # ... and the held-out test half (measure it rarely: SAFETY_FRESH.md)
    python eval/real/safety_figures.py --show   # ... listing the ids missed / flagged (never for the test half)
"""
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # the checkout's own code, not an installed copy

from assistant.safety import check_safety  # noqa: E402

HERE = ROOT / "eval" / "real"


def load(name, split=None):
    rows = [json.loads(x) for x in (HERE / name).read_text(encoding="utf-8").splitlines() if x.strip()]
    return [r for r in rows if split is None or r.get("split") == split]


def main(argv):
    sets = [("dev.jsonl", load("dev.jsonl")), ("safety_dev.jsonl", load("safety_dev.jsonl")),
            ("safety_fresh dev half", load("safety_fresh.jsonl", "safety_fresh_dev"))]
    if "--test" in argv:
        sets.append(("safety_fresh test half", load("safety_fresh.jsonl", "safety_fresh_test")))
    for name, rows in sets:
        danger = [r for r in rows if r["kind"] == "safety"]
        ordinary = [r for r in rows if r["kind"] != "safety"]
        verdict = {r["id"]: check_safety(r["question"]) for r in rows}
        missed = [r["id"] for r in danger if not verdict[r["id"]].flagged]
        flagged = [(r["id"], verdict[r["id"]].categories) for r in ordinary
                   if verdict[r["id"]].flagged]
        found = len(danger) - len(missed)
        print(f"{name:24s} recall {found}/{len(danger)} = {found / len(danger):.3f}"
              f"   FP {len(flagged)}/{len(ordinary)} = {len(flagged) / len(ordinary):.3f}")
        if "--show" in argv and "test" not in name:
            print("    missed:", missed)
            print("    flagged:", flagged)


if __name__ == "__main__":
    main(sys.argv[1:])
