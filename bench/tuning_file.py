"""Writing a corpus's fitted settings into its ``quotewise.tuning.json`` (`assistant.tuning`).

The bench commands that fit something call `write_fit` with ``--write``: the file gains the
new values and a provenance entry (command, what it was fitted on, when), and the next
`quotewise ingest` carries it into the index. Nobody copies numbers into code.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

from bench.common import ROOT

CORPUS = ROOT / "data" / "articles"


def write_fit(section: str, values: dict, *, fitted_on: str, model_id: str,
              corpus: Path = CORPUS, merge: bool = False) -> Path:
    """Set ``section`` (fusion, evidence or abstain) of ``corpus``'s tuning file to
    ``values`` with its provenance, keeping the other sections. Returns the file's path.
    ``merge`` adds ``values`` to the section instead (a setting fitted on its own, after the
    rest of the section); its provenance is kept under ``section.<name>``."""
    from ingest.profile import TUNING_FILE

    path = corpus / TUNING_FILE
    raw = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    if raw.get("model") not in (None, model_id):
        raw = {}  # fitted for another model: start afresh
    raw["model"] = model_id
    fitted = {k: list(v) if isinstance(v, tuple) else v for k, v in values.items()}
    raw[section] = {**(raw.get(section) or {}), **fitted} if merge else fitted
    key = f"{section}.{','.join(values)}" if merge else section
    raw.setdefault("provenance", {})[key] = {
        "command": " ".join([Path(sys.argv[0]).as_posix(), *sys.argv[1:]]),
        "fitted_on": fitted_on,
        "date": time.strftime("%Y-%m-%d"),
    }
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(json.dumps(raw, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(tmp, path)
    return path
