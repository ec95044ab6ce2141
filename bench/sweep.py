"""Try settings on the dev splits only: one line of figures per setting, indexes built once.

    .venv/bin/python bench/sweep.py [--work DIR] [--sets NAME ...] [SETTING ...]

A SETTING is ``name=value[,name=value...]``: a field of `EvidenceConfig` (``keep_ratio=0.5``),
of `FusionConfig` (``fusion.sent=1.5``) or ``embed_chars=300`` (the query length the model
reads, `index.queries.EMBED_CHARS`); ``base`` is the code as it stands. Each setting is
applied on top of what every index answers with (its corpus's fit, else the generic defaults),
so a field the shipped fit sets is swept for the shipped articles too.

Sets (dev splits only; test splits are never read here): ``real`` (eval/real/dev.jsonl on
data/articles; its letters are example questions of those articles since the seventh session,
so this column and ``real/beside-*`` read near 1.0 and say nothing: read them with
bench/letters_cv.py), ``<corpus>/alone`` and ``<corpus>/beside`` (bench/generalization.py), and
``conversations`` (eval/conversations/dev.jsonl and dev_extension.jsonl on data/articles). Prints one Markdown row per
setting: hit rate and mean quoted characters per set, plus ("nd") the share of unanswerable
questions not answered as "direct", and for ``conversations`` follow-up and
standalone hit rates and the repeated-quote rate. Indexes persist in ``--work`` between runs
and are brought up to date (incrementally) once per run. ``--sets`` takes names after the
settings: ``bench/sweep.py base keep_ratio=0.5 --sets real conversations``.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from dataclasses import fields, replace
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import ROOT  # noqa: E402
from bench.generalization import all_sets, choose_sets, quotewise_figures, raw_rows  # noqa: E402

# the dev split of the conversations, and the dev-only conversations written later
CONVERSATIONS = (ROOT / "eval" / "conversations" / "dev.jsonl",
                 ROOT / "eval" / "conversations" / "dev_extension.jsonl")


def parse_setting(text: str) -> dict[str, dict]:
    from assistant.evidence import EvidenceConfig
    from assistant.retriever import FusionConfig

    out: dict[str, dict] = {"evidence": {}, "fusion": {}, "module": {}}
    if text == "base":
        return out
    known = {"evidence": {f.name: f.type for f in fields(EvidenceConfig)},
             "fusion": {f.name: f.type for f in fields(FusionConfig)}}
    for part in text.split(","):
        name, _, value = part.partition("=")
        section, _, field = name.rpartition(".")
        section = section or ("module" if field == "embed_chars" else "evidence")
        if section == "module":
            out["module"][field] = int(value)
            continue
        if field not in known.get(section, {}):
            raise SystemExit(f"unknown setting {name!r}")
        kind = known[section][field]
        out[section][field] = (int(value) if kind in (int, "int")
                               else float(value) if kind in (float, "float")
                               else value.lower() in ("1", "true", "yes") if kind in (bool, "bool")
                               else value)
    return out


_INGESTED: set[Path] = set()


def index_for(folders: tuple[Path, ...], work: Path) -> Path:
    """The index of ``folders`` in ``work``, brought up to date once per run (ingest is
    incremental: it re-embeds only what changed in the articles, profile, tuning or rules)."""
    from index import build_index

    root = work / "+".join(f.relative_to(ROOT).as_posix().replace("/", "_") for f in folders)
    if root not in _INGESTED:
        build_index([str(f) for f in folders], root, progress=False)
        _INGESTED.add(root)
    return root


def assistant_with(root: Path, setting: dict[str, dict]):
    """The index's assistant with ``setting`` applied on top of each settings it answers with
    (the corpus fit, and the general settings for articles beside a fitted corpus)."""
    from assistant import Assistant

    qa = Assistant.load(root)
    st = qa._state
    st.selector = st.selector.with_config(replace(st.selector.config, **setting["evidence"]))
    st.retriever.fusion = replace(st.retriever.fusion, **setting["fusion"])
    if st.general is not None:
        st.general = st.general.with_config(replace(st.general.config, **setting["evidence"]))
        st.retriever.general = replace(st.retriever.general, **setting["fusion"])
    return qa


def run(setting_text: str, names: list[str], sets: dict, work: Path, out: Path) -> dict:
    import index.queries as queries
    from eval.conversations import load_conversations, run_conversations
    from eval.loader import load_eval_set

    setting = parse_setting(setting_text)
    saved = queries.EMBED_CHARS  # read at query time (the indexes' example questions keep theirs)
    queries.EMBED_CHARS = setting["module"].get("embed_chars", saved)
    row: dict[str, str] = {}
    try:
        for name in names:
            if name == "conversations":
                qa = assistant_with(index_for((ROOT / "data" / "articles",), work), setting)
                convs = [c for path in CONVERSATIONS for c in load_conversations(path)]
                m = run_conversations(qa, convs,
                                      out / "conversations", progress=False)
                row[name] = (f"{m['followup_hit_rate']:.3f} / {m['standalone_hit_rate']:.3f} "
                             f"rep {m['repeated_quote_rate']:.3f}")
                continue
            spec = sets[name]
            path = spec["questions"]["dev"]
            qa = assistant_with(index_for(spec["folders"], work), setting)
            fig = quotewise_figures(qa, load_eval_set(path), raw_rows(path),
                                    out / name.replace("/", "-"))
            cell = f"{fig['hit_rate']:.3f} @{fig['mean_quoted_chars']:,.0f}"
            if fig.get("unanswerable_not_direct") is not None:
                cell += f" nd {fig['unanswerable_not_direct']:.2f}"
            row[name] = cell
    finally:
        queries.EMBED_CHARS = saved
    return row


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("settings", nargs="*", default=["base"])
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "quotewise-sweep")
    ap.add_argument("--sets", nargs="+", default=None)
    args = ap.parse_args(argv)
    sets = {n: spec for n, spec in all_sets().items() if "dev" in spec["questions"]}  # dev only
    wanted = args.sets or [*sets, "conversations"]
    data_sets = [n for n in wanted if n != "conversations"]
    names = ((choose_sets(data_sets, sets) if data_sets else [])
             + (["conversations"] if "conversations" in wanted else []))
    args.work.mkdir(parents=True, exist_ok=True)
    print("| setting | " + " | ".join(names) + " |")
    print("|---" * (len(names) + 1) + "|", flush=True)
    for text in args.settings:
        t = time.perf_counter()
        row = run(text, names, sets, args.work, args.work / "results")
        print(f"| {text} | " + " | ".join(row[n] for n in names) +
              f" |  ({time.perf_counter() - t:.0f} s)", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
